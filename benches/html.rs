//! HTML extraction throughput: MB of page HTML per second on one core, for `extract` on
//! generated news pages of real size (60–120 KB each: menus, inline scripts and styles,
//! comment threads and footers around a story of a few hundred words).
//!
//! Run: `cargo bench --bench html` (pass a page count to change the default of 400).

// A benchmark that cannot set itself up should stop loudly, where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/html_pages/mod.rs"]
mod html_pages;

use std::time::Instant;

use dossier::store::html::extract_with_charset;

fn main() {
    let count: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(260);
    // Boilerplate repeated until each page is in the 60–120 KB range of real news pages: the
    // smallest padding that reaches 60 KB, found once per page kind.
    let kinds = html_pages::pages(1).len();
    let mut sized = Vec::new();
    for k in 0..kinds {
        let mut pad = 1;
        let page = loop {
            let page = html_pages::pages(pad).swap_remove(k);
            if page.bytes.len() >= 60_000 || pad >= 400 {
                break page;
            }
            pad += 1 + pad / 4;
        };
        sized.push(page);
    }
    let mut pages: Vec<&html_pages::Page> = Vec::new();
    while pages.len() < count {
        pages.extend(sized.iter());
    }
    pages.truncate(count);
    let bytes: usize = pages.iter().map(|p| p.bytes.len()).sum();
    let (min, max) = pages.iter().fold((usize::MAX, 0), |(lo, hi), p| {
        (lo.min(p.bytes.len()), hi.max(p.bytes.len()))
    });
    // One warm-up pass, then the timed one: the figure is per core (this loop is one thread).
    for p in pages.iter().take(20) {
        let _ = extract_with_charset(&p.bytes, Some(&p.url), p.http_charset);
    }
    let start = Instant::now();
    let mut ok = 0;
    let mut words = 0;
    for p in &pages {
        if let Ok(parsed) = extract_with_charset(&p.bytes, Some(&p.url), p.http_charset) {
            ok += 1;
            words += parsed.word_count();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    // Kinds of page with no article at this size: named, so a regression shows which layout.
    for p in &sized {
        if let Err(e) = extract_with_charset(&p.bytes, Some(&p.url), p.http_charset) {
            println!("  no article from {} ({} KB): {e}", p.name, p.bytes.len() / 1000);
        }
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "html extract: {} pages ({:.1} MB, {}–{} KB each), {ok} articles, {words} words",
        pages.len(),
        mb,
        min / 1000,
        max / 1000
    );
    println!(
        "  {:.2} s on one core: {:.1} MB/s of HTML, {:.2} ms a page",
        secs,
        mb / secs,
        secs * 1000.0 / pages.len() as f64
    );
}
