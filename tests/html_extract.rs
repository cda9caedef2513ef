//! The HTML extractor on generated pages of many kinds of news sites: per-page titles, text,
//! dates, addresses and authors, and quality across the set compared with readability's own
//! `title` and `text_content`.

mod html_pages;

use std::fmt::Write as _;

use dossier::store::{
    ParaKind,
    html::{extract, extract_with_charset, fragment_blocks},
    sanitize::is_clean,
    text::Parsed,
};
use html_pages::{Page, pages};
use proptest::prelude::*;

fn run(page: &Page) -> Parsed {
    extract_with_charset(&page.bytes, Some(&page.url), page.http_charset)
        .unwrap_or_else(|e| panic!("{}: {e}", page.name))
}

/// The body's first paragraph that is prose (not a heading).
fn first_text(parsed: &Parsed) -> &str {
    parsed
        .paras
        .iter()
        .find(|b| b.kind == ParaKind::Text)
        .map_or("", |b| b.text.as_str())
}

#[test]
fn every_page_gives_its_article() {
    let mut failures = Vec::new();
    for page in pages(1) {
        let p = run(&page);
        let body = p.body();
        let mut fail = |what: String| failures.push(format!("{}: {what}", page.name));
        if p.title != page.title {
            fail(format!("title {:?}, want {:?}", p.title, page.title));
        }
        if !body.contains(&page.opening) {
            fail(format!(
                "opening {:?} missing; body starts {:?}",
                page.opening,
                body.chars().take(160).collect::<String>()
            ));
        }
        if body.contains(page.absent) {
            fail(format!("boilerplate {:?} kept", page.absent));
        }
        if let Some(author) = page.author
            && p.author.as_deref() != Some(author)
        {
            fail(format!("author {:?}, want {author:?}", p.author));
        }
        if let Some(date) = page.date
            && p.date.as_deref() != Some(date)
        {
            fail(format!("date {:?}, want {date:?}", p.date));
        }
        let want_url = page.canonical.as_deref().unwrap_or(&page.url);
        if p.url.as_deref() != Some(want_url) {
            fail(format!("url {:?}, want {want_url:?}", p.url));
        }
        if p.source.is_none() {
            fail("no source".into());
        }
        for b in &p.paras {
            assert!(is_clean(&b.text), "{}: unclean {:?}", page.name, b.text);
            assert!(
                !b.text.contains("not article text"),
                "{}: script text {:?}",
                page.name,
                b.text
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What readability alone gives: its `title` and its `text_content`.
fn plain_port(page: &Page) -> Option<(String, String)> {
    let html = if let Some(label) = page.http_charset {
        encoding_rs::Encoding::for_label(label.as_bytes())?
            .decode(&page.bytes)
            .0
            .into_owned()
    } else {
        // Readability takes text: give it the page decoded the way a browser would.
        let (enc, _) = encoding_rs::Encoding::for_bom(&page.bytes).unwrap_or((encoding_rs::UTF_8, 0));
        let head = String::from_utf8_lossy(&page.bytes[..page.bytes.len().min(1024)]).to_lowercase();
        let enc = ["windows-1252", "iso-8859-1", "shift_jis"]
            .iter()
            .find(|l| head.contains(*l))
            .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
            .unwrap_or(enc);
        enc.decode(&page.bytes).0.into_owned()
    };
    let mut r = dom_smoothie::Readability::new(html, Some(&page.url), None).ok()?;
    let a = r.parse().ok()?;
    Some((a.title, a.text_content.to_string()))
}

fn pct(n: usize, of: usize) -> f64 {
    n as f64 * 100.0 / of as f64
}

#[test]
fn quality_across_the_set_beats_the_plain_port() {
    let pages = pages(1);
    let n = pages.len();
    assert!(n >= 24, "fixture set too small: {n}");
    let (mut opening, mut starts, mut titles, mut clean) = (0, 0, 0, 0);
    let (mut p_opening, mut p_starts, mut p_titles, mut p_clean) = (0, 0, 0, 0);
    for page in &pages {
        let p = run(page);
        let body = p.body();
        opening += usize::from(body.contains(&page.opening));
        starts += usize::from(first_text(&p).starts_with(&page.opening));
        titles += usize::from(p.title == page.title);
        clean += usize::from(!body.contains(page.absent));
        if let Some((title, text)) = plain_port(page) {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            p_opening += usize::from(text.contains(&page.opening));
            p_starts += usize::from(text.starts_with(&page.opening));
            p_titles += usize::from(title.trim() == page.title);
            p_clean += usize::from(!text.contains(page.absent));
        }
    }
    println!("HTML extraction on {n} generated pages          dossier   plain dom_smoothie");
    println!(
        "  opening sentence present                      {:5.1}%   {:5.1}%",
        pct(opening, n),
        pct(p_opening, n)
    );
    println!(
        "  text starts with the opening                  {:5.1}%   {:5.1}%",
        pct(starts, n),
        pct(p_starts, n)
    );
    println!(
        "  title exactly right                           {:5.1}%   {:5.1}%",
        pct(titles, n),
        pct(p_titles, n)
    );
    println!(
        "  boilerplate phrase absent                     {:5.1}%   {:5.1}%",
        pct(clean, n),
        pct(p_clean, n)
    );
    assert!(pct(opening, n) >= 93.0, "opening present in {opening}/{n}");
    assert!(pct(starts, n) >= 50.0, "text starts with the opening in {starts}/{n}");
    // Readability's own title heuristic (cut at the last separator of `<title>`) gets most
    // of these pages right, so twice its score is out of reach; the target is an absolute one
    // and never fewer than the plain port.
    assert!(pct(titles, n) >= 90.0, "titles right {titles}/{n}");
    assert!(
        titles >= p_titles,
        "titles right {titles}/{n}, plain port {p_titles}/{n}"
    );
    assert!(
        clean >= p_clean,
        "boilerplate absent {clean}/{n}, plain port {p_clean}/{n}"
    );
}

#[test]
fn a_page_of_links_and_empty_pages_are_refused() {
    let mut links = String::from("<html><head><title>Index</title></head><body><ul>");
    for i in 0..200 {
        let _ = write!(
            links,
            "<li><a href=\"/s/{i}\">Story number {i} with a long headline here</a></li>"
        );
    }
    links.push_str("</ul></body></html>");
    assert_eq!(extract(links.as_bytes(), None).unwrap_err(), "no article text found");
    assert!(extract(b"", None).is_err());
    assert!(extract(b"   \n", None).is_err());
    assert!(extract(b"<html><body></body></html>", None).is_err());
}

#[test]
fn deep_nesting_and_huge_pages_are_bounded() {
    let para = "<p>The committee met on Tuesday to discuss the new budget, and members agreed on most points after a long debate about schools and roads.</p>";
    let deep = format!(
        "<html><body>{}{para}{para}{para}{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let t = std::time::Instant::now();
    let p = extract(deep.as_bytes(), None).unwrap();
    assert!(p.body().contains("The committee met on Tuesday"), "{:?}", p.body());
    let deep_ms = t.elapsed().as_millis();
    let mut huge =
        String::from("<html><head><title>A long page | Site</title></head><body><article><h1>A long page</h1>");
    while huge.len() < 5 * 1024 * 1024 {
        huge.push_str(para);
        huge.push_str("<div class=\"share\"><a href=\"#\">Share</a></div>");
    }
    huge.push_str("</article></body></html>");
    let t = std::time::Instant::now();
    let p = extract(huge.as_bytes(), None).unwrap();
    assert!(p.word_count() > 100_000);
    println!(
        "10k nested divs: {deep_ms} ms; 5 MB page: {} ms",
        t.elapsed().as_millis()
    );
}

#[test]
fn fragments_keep_paragraph_boundaries() {
    let blocks = fragment_blocks(
        "<p>Story <b>high</b>lights the <i>case</i></p><div>Second</div>para<br>third<ul><li>one</li><li><p>two</p></li></ul><ol><li>first</li></ol><h2>Sub</h2><script>var x='<p>no</p>';</script>",
    );
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Story highlights the case",
            "Second",
            "para",
            "third",
            "- one",
            "- two",
            "1. first",
            "Sub"
        ]
    );
    assert_eq!(blocks[7].kind, ParaKind::Heading);
    assert!(blocks[4].list_item && !blocks[0].list_item);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn fragment_blocks_never_panics_and_stays_clean(s in ".{0,400}", body in "[a-z <>/\"=]{0,200}") {
        for input in [s.clone(), format!("<p>{s}</p><script>secret{body}</script><p>{body}</p>")] {
            for b in fragment_blocks(&input) {
                prop_assert!(!b.text.trim().is_empty());
                prop_assert!(is_clean(&b.text), "{:?}", b.text);
                prop_assert!(!b.text.contains("secret"), "{:?}", b.text);
            }
        }
    }
}

/// Pages the size of real ones (60 KB and more, most of it menus, scripts and comments) still
/// give their story: the padding must not outweigh a short story in any script.
#[test]
fn pages_of_real_size_give_their_article_in_every_language() {
    let kinds = pages(1).len();
    let mut failures = Vec::new();
    for k in 0..kinds {
        let mut pad = 1;
        let page = loop {
            let page = pages(pad).swap_remove(k);
            if page.bytes.len() >= 60_000 || pad >= 400 {
                break page;
            }
            pad += 1 + pad / 4;
        };
        match extract_with_charset(&page.bytes, Some(&page.url), page.http_charset) {
            Ok(p) if p.body().contains(&page.opening) && p.title == page.title => {}
            Ok(p) => failures.push(format!(
                "{} ({} KB): title {:?}, starts {:?}",
                page.name,
                page.bytes.len() / 1000,
                p.title,
                p.body().chars().take(80).collect::<String>()
            )),
            Err(e) => failures.push(format!(
                "{} ({} KB, {}): {e}",
                page.name,
                page.bytes.len() / 1000,
                page.lang
            )),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
