//! Archives as people have them, through the loader: a crawl of realistic pages (WARC.gz with
//! requests, redirects and images around them), feeds, spreadsheets, compressed copies, and
//! broken ones. Each opens with its titles, text, dates and URLs, and `dossier dump` turns
//! each into JSON Lines that opens again with the same ids and titles.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod html_pages;

use html_pages::crawl::{crawl, gzip};

use std::{io::Write, path::Path, process::Command};

use dossier::store::{self, ArticleMeta, CorpusSource, LoadOptions, Skipped};

fn load(path: &Path) -> (CorpusSource, Vec<ArticleMeta>, Vec<Skipped>) {
    let source = CorpusSource::resolve(Some(path)).unwrap();
    let (articles, skipped) = store::load_all(&source, &LoadOptions::default());
    (source, articles, skipped)
}

fn body(source: &CorpusSource, a: &ArticleMeta) -> String {
    store::open_document(source, a, &LoadOptions::default())
        .unwrap()
        .body()
        .to_string()
}

#[test]
fn a_crawl_gives_its_pages_as_articles_without_their_boilerplate() {
    let dir = tempfile::tempdir().unwrap();
    let pages = html_pages::pages(0);
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, crawl(&pages)).unwrap();
    let (source, articles, skipped) = load(&path);
    assert_eq!(articles.len(), pages.len(), "{skipped:#?}");
    for (page, a) in pages.iter().zip(&articles) {
        assert_eq!(a.id, page.url, "the id is the target URI");
        assert_eq!(a.url.as_deref(), Some(page.url.as_str()));
        assert_eq!(a.title, page.title, "{}", page.name);
        let text = body(&source, a);
        assert!(text.starts_with(&page.opening), "{}: {text:.200}", page.name);
        assert!(
            !text.contains(page.absent),
            "{}: boilerplate {:?} kept",
            page.name,
            page.absent
        );
        // The page's own date, else when it was fetched.
        assert!(a.published.is_some(), "{}: {:?}", page.name, a.date);
    }
    let reasons: Vec<&str> = skipped.iter().map(|s| s.reason.as_str()).collect();
    let count = |what: &str| reasons.iter().find(|r| r.ends_with(what)).copied();
    assert_eq!(
        count("request record"),
        Some(format!("{} × request record", pages.len()).as_str())
    );
    for what in ["redirect", "not HTML", "client error", "warcinfo record"] {
        assert!(count(what).is_some(), "{what} not counted: {reasons:?}");
    }
}

#[test]
fn a_cut_crawl_keeps_every_page_before_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    let pages = html_pages::pages(0);
    let whole = crawl(&pages);
    let path = dir.path().join("cut.warc.gz");
    std::fs::write(&path, &whole[..whole.len() * 3 / 5]).unwrap();
    let (_, articles, skipped) = load(&path);
    assert!(
        articles.len() >= pages.len() / 3 && articles.len() < pages.len(),
        "{}",
        articles.len()
    );
    for (page, a) in pages.iter().zip(&articles) {
        assert_eq!(a.title, page.title);
    }
    assert!(
        skipped.iter().any(|s| ["unreadable", "read error", "ends inside"]
            .iter()
            .any(|w| s.reason.contains(w))),
        "{skipped:#?}"
    );
}

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Dock workers end strike</title><link>https://gazette.example/strike</link>
<guid isPermaLink="false">gz-101</guid><pubDate>Tue, 05 Mar 2024 14:30:00 EST</pubDate><dc:creator>Ana Ruiz</dc:creator>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Dock workers voted to end the strike on Tuesday.</p><figure><img src="a.jpg"><figcaption>Workers at the gate.</figcaption></figure><p>The port reopens <b>tomorrow</b>.</p><ul><li>Pay rises 4%</li><li>Shifts shorten</li></ul>]]></content:encoded></item>
<item><title>Ferry timetable &amp; fares</title><link>https://gazette.example/ferry</link><description>&lt;p&gt;Fares rise in May.&lt;/p&gt;</description></item>
<item><title>Headline only</title><link>https://gazette.example/brief</link></item>
</channel></rss>"#;

#[test]
fn a_feed_gives_each_entry_with_its_content_as_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gazette.rss");
    std::fs::write(&path, FEED).unwrap();
    let (source, articles, skipped) = load(&path);
    assert!(skipped.is_empty(), "{skipped:?}");
    let titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Dock workers end strike", "Ferry timetable & fares", "Headline only"]
    );
    let a = &articles[0];
    assert_eq!(a.id, "gz-101");
    assert_eq!(a.source.as_deref(), Some("The Harbour Gazette"));
    assert_eq!(a.author.as_deref(), Some("Ana Ruiz"));
    assert_eq!(a.url.as_deref(), Some("https://gazette.example/strike"));
    assert!(a.published.is_some(), "{:?}", a.date);
    let text = body(&source, a);
    assert!(
        text.starts_with("Dock workers voted to end the strike on Tuesday.\nThe port reopens tomorrow."),
        "{text}"
    );
    assert!(!text.contains("Workers at the gate"), "captions dropped: {text}");
    assert!(text.contains("Pay rises 4%"), "{text}");
    assert_eq!(articles[1].id, "https://gazette.example/ferry", "no guid: the link");
    assert_eq!(body(&source, &articles[1]), "Fares rise in May.");
    let atom = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archive/atom.xml");
    let (_, articles, _) = load(&atom);
    assert_eq!(articles[1].title, "Budget & taxes", "an HTML title is read as HTML");
    // A truncated feed keeps the entries that are whole.
    let cut = dir.path().join("cut.xml");
    std::fs::write(&cut, &FEED[..FEED.find("<item><title>Headline only").unwrap() + 20]).unwrap();
    let (_, articles, skipped) = load(&cut);
    assert_eq!(articles.len(), 2, "{skipped:?}");
    assert!(!skipped.is_empty());
}

const CSV: &str = "\u{feff}Headline,Publication,publish_date,URL,Body,Authors\r\n\
\"Council, at last, agrees\",Example Post,2024-03-01,https://post.example/1,\"First paragraph, with \"\"quotes\"\".\n\nSecond paragraph.\",Jo Bloggs\r\n\
Ragged row,Example Post\r\n\
Third,Example Post,07/03/2024,https://post.example/3,Body three.,\r\n";

#[test]
fn a_spreadsheet_gives_rows_by_column_name_and_lists_the_ragged_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.csv.gz");
    std::fs::write(&path, gzip(CSV.as_bytes())).unwrap();
    let (source, articles, skipped) = load(&path);
    assert_eq!(articles.len(), 2, "{skipped:?}");
    assert_eq!(articles[0].title, "Council, at last, agrees");
    assert_eq!(articles[0].id, "row-1");
    assert_eq!(articles[1].id, "row-3", "row numbers, not positions, so ids stay put");
    assert_eq!(articles[0].source.as_deref(), Some("Example Post"));
    assert_eq!(articles[0].author.as_deref(), Some("Jo Bloggs"));
    assert_eq!(articles[1].date_label().as_deref(), Some("2024-03-07"));
    assert_eq!(
        body(&source, &articles[0]),
        "First paragraph, with \"quotes\".\nSecond paragraph."
    );
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].path.ends_with(":2"), "{skipped:?}");
    let none = dir.path().join("prices.csv");
    std::fs::write(&none, "sku,price\n1,2\n").unwrap();
    let (_, articles, skipped) = load(&none);
    assert!(articles.is_empty());
    assert!(skipped[0].reason.contains("no text column"), "{skipped:?}");
}

fn dump(path: &Path, stdin: Option<&[u8]>) -> Vec<u8> {
    let cache = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("dump")
        .arg(path)
        .env("XDG_CACHE_HOME", cache.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        input.write_all(bytes).unwrap();
    }
    drop(input);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn dump_round_trips_every_format_with_the_same_ids_and_titles() {
    let dir = tempfile::tempdir().unwrap();
    let pages = html_pages::pages(0);
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let folder = dir.path().join("pages");
    std::fs::create_dir(&folder).unwrap();
    for page in pages.iter().take(6) {
        std::fs::write(folder.join(format!("{}.html", page.name)), &page.bytes).unwrap();
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archive");
    let mut inputs = vec![
        write("crawl.warc.gz", &crawl(&pages)),
        write("gazette.rss", FEED.as_bytes()),
        write("news.csv", CSV.as_bytes()),
        write(
            "page.html.zst",
            &ruzstd::encoding::compress_to_vec(&pages[0].bytes[..], ruzstd::encoding::CompressionLevel::Fastest),
        ),
        folder,
    ];
    for name in [
        "atom.xml",
        "feed.json",
        "rss1.rdf",
        "rss091.xml",
        "news.tsv",
        "crawl.warc",
    ] {
        inputs.push(fixtures.join(name));
    }
    for input in &inputs {
        let (_, articles, _) = load(input);
        let dumped = write("dumped.jsonl", &dump(input, None));
        let (_, again, skipped) = load(&dumped);
        assert!(skipped.is_empty(), "{}: {skipped:?}", input.display());
        let pairs = |a: &[ArticleMeta]| a.iter().map(|a| (a.id.clone(), a.title.clone())).collect::<Vec<_>>();
        assert_eq!(pairs(&again), pairs(&articles), "{}", input.display());
        assert_eq!(
            again.iter().map(|a| &a.url).collect::<Vec<_>>(),
            articles.iter().map(|a| &a.url).collect::<Vec<_>>()
        );
    }
    // And from standard input, told apart by its bytes alone.
    let crawl_bytes = std::fs::read(&inputs[0]).unwrap();
    let piped = write("piped.jsonl", &dump(Path::new("-"), Some(&crawl_bytes)));
    let (_, again, _) = load(&piped);
    assert_eq!(again.len(), pages.len());
}
