//! Archives in a real terminal: a compressed dump piped into `dossier -`, the article's URL
//! in the metadata line, and `o` handing it to `$BROWSER`.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::format_collect)]

mod common;
mod html_pages;

use std::io::Write;

use common::Tmux;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

#[test]
fn a_gzipped_dump_on_standard_input_opens_and_o_hands_the_url_to_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String = (0..40)
        .map(|i| {
            let title = if i == 17 {
                "Harbour strike ends after talks".to_string()
            } else {
                format!("Market note {i}")
            };
            format!(
                "{}\n",
                serde_json::json!({
                    "id": format!("n{i}"),
                    "title": title,
                    "url": format!("https://news.example/story/{i}"),
                    "date": "2024-05-02",
                    "text": format!("Paragraph one of story {i}.\n\nParagraph two."),
                })
            )
        })
        .collect();
    let dump = dir.path().join("dump.jsonl.gz");
    std::fs::write(&dump, gzip(lines.as_bytes())).unwrap();
    // A browser that writes down what it was asked to open.
    let opened = dir.path().join("opened");
    let browser = dir.path().join("browser.sh");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > {}\n",
            common::shell_quote(&opened.display().to_string())
        ),
    )
    .unwrap();
    std::fs::set_permissions(&browser, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let t = Tmux::start_with_input(
        &["-"],
        100,
        30,
        &[("BROWSER", &browser.display().to_string())],
        Some(&dump),
    );
    t.wait_for("40 articles");
    t.keys(&["/"]);
    t.type_text("harbour");
    t.wait_until("the match on top", 20, |s| {
        s.contains("Articles 1/1") || s.contains("1/1")
    });
    t.keys(&["Enter"]);
    let screen = t.wait_for("https://news.example/story/17");
    assert!(screen.contains("Paragraph one of story 17."), "{screen}");
    t.keys(&["o"]);
    t.wait_for("opened in");
    let mut got = String::new();
    for _ in 0..100 {
        got = std::fs::read_to_string(&opened).unwrap_or_default();
        if !got.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(got, "https://news.example/story/17");
    t.quit();
}

#[test]
fn a_crawl_and_a_feed_open_and_show_each_articles_url() {
    let dir = tempfile::tempdir().unwrap();
    let pages = html_pages::pages(0);
    let crawl = dir.path().join("crawl.warc.gz");
    std::fs::write(&crawl, html_pages::crawl::crawl(&pages)).unwrap();
    let t = Tmux::start(&[crawl.to_str().unwrap()]);
    t.wait_for(&format!("{} articles", pages.len()));
    // The skipped records are listed under `!`.
    t.wait_for("skipped");
    // A page whose story no other page tells (the generator gives some stories several sites).
    let page = pages
        .iter()
        .find(|p| pages.iter().filter(|q| q.title == p.title).count() == 1)
        .unwrap();
    t.keys(&["/"]);
    t.type_text(&format!(
        "'{}",
        page.title.split_whitespace().max_by_key(|w| w.len()).unwrap()
    ));
    let one_match = |s: &str| s.lines().last().is_some_and(|l| l.trim_end().ends_with("1/1"));
    t.wait_until("one match", 20, one_match);
    t.keys(&["Enter"]);
    // The preview shows the URL already: wait for the article to be open (the filter line
    // gone), or the screen may be the one from before Enter.
    let url = &page.url[..page.url.len().min(25)];
    let screen = t.wait_until("the article open", 20, |s| {
        s.contains(url) && !s.contains("type to narrow")
    });
    assert!(screen.contains(&page.title[..page.title.len().min(30)]), "{screen}");
    t.quit();

    let feed = dir.path().join("gazette.rss");
    std::fs::write(
        &feed,
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>The Harbour Gazette</title>\
         <item><title>Dock workers end strike</title><link>https://gazette.example/strike</link>\
         <description>&lt;p&gt;Dock workers voted to end the strike.&lt;/p&gt;</description></item>\
         <item><title>Ferry fares rise</title><link>https://gazette.example/ferry</link>\
         <description>Fares rise in May.</description></item></channel></rss>",
    )
    .unwrap();
    let t = Tmux::start_sized(&[feed.to_str().unwrap()], 80, 24, &[]);
    t.wait_for("2 articles");
    t.keys(&["/"]);
    t.type_text("dock");
    t.wait_until("one match", 20, one_match);
    t.keys(&["Enter"]);
    let screen = t.wait_for("https://gazette.example/strike");
    assert!(
        screen.contains("The Harbour Gazette"),
        "the feed is the source: {screen}"
    );
    assert!(screen.contains("Dock workers voted to end the strike."), "{screen}");
    t.quit();
}

#[test]
fn o_with_no_browser_says_so_and_shows_the_url() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("one.jsonl");
    std::fs::write(
        &dump,
        "{\"id\": \"x\", \"title\": \"Lone story\", \"url\": \"https://news.example/lone\", \"text\": \"Body.\"}\n",
    )
    .unwrap();
    // No $BROWSER that runs and no xdg-open or open on the PATH.
    let t = Tmux::start_sized(
        &[dump.to_str().unwrap()],
        100,
        30,
        &[("BROWSER", "/no/such/browser"), ("PATH", "/no/such/dir")],
    );
    t.wait_for("· 1 article");
    t.keys(&["Enter"]);
    t.wait_for("https://news.example/lone");
    t.keys(&["o"]);
    let screen = t.wait_for("no browser to open it");
    let status = screen.lines().rev().find(|l| l.contains("no browser")).unwrap();
    assert!(
        status.contains("https://news.example/lone"),
        "the URL is shown to copy: {screen}"
    );
    t.quit();
}
