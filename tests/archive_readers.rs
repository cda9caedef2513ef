//! The archive readers on fixture files of realistic shape, and on arbitrary bytes.

// Helpers outside #[test] fns unwrap too: a failure there is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{fmt::Write, fs, io::Read, path::PathBuf};

use dossier::store::archive::{
    feed::{looks_like_feed, parse_feed},
    table::{Delimiter, TableReader},
    warc::{Classified, WarcReader, classify},
};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/fixtures/archive", name]
        .iter()
        .collect();
    fs::read(path).unwrap()
}

/// "page <url>" or the skip as counted, one a record.
fn summary(bytes: &[u8]) -> Vec<String> {
    WarcReader::new(bytes, 1 << 20)
        .map(|r| match classify(&r.unwrap()) {
            Classified::Page { url, .. } => format!("page {url}"),
            Classified::Skip(s) => s.to_string(),
        })
        .collect()
}

const CRAWL: [&str; 9] = [
    "warcinfo record",
    "request record",
    "page https://herald.example/bridge",
    "metadata record",
    "redirect (301)",
    "client error (404)",
    "not HTML (image/jpeg)",
    "revisit record",
    "page https://herald.example/gz",
];

#[test]
fn a_crawl_in_crlf_lf_and_gzip() {
    assert_eq!(summary(&fixture("crawl.warc")), CRAWL);
    assert_eq!(summary(&fixture("crawl-lf.warc")), CRAWL);
    let mut plain = Vec::new();
    flate2::read::MultiGzDecoder::new(&fixture("crawl.warc.gz")[..])
        .read_to_end(&mut plain)
        .unwrap();
    assert_eq!(summary(&plain), CRAWL);
    let records: Vec<_> = WarcReader::new(&fixture("crawl.warc")[..], 1 << 20)
        .map(Result::unwrap)
        .collect();
    let Classified::Page { html, charset, .. } = classify(&records[8]) else {
        panic!()
    };
    assert_eq!(&html[..], b"<html><body><p>Gzipped story.</p></body></html>");
    assert_eq!(charset, None);
    let Classified::Page { charset, date, .. } = classify(&records[2]) else {
        panic!()
    };
    assert_eq!(
        (charset.as_deref(), date),
        (Some("utf-8"), Some("2024-03-06T12:00:00Z"))
    );
}

#[test]
fn csv_with_bom_quotes_multiline_ragged_and_latin1() {
    let rows: Vec<_> = TableReader::new(&fixture("news.csv")[..], Delimiter::Sniff, 1 << 20)
        .unwrap()
        .collect();
    assert_eq!(rows.len(), 5);
    let r1 = rows[0].as_ref().unwrap();
    assert_eq!(r1.row, 1);
    assert_eq!(r1.id.as_deref(), Some("1"));
    assert_eq!(r1.title.as_deref(), Some("Quotes in text"));
    assert_eq!(r1.source.as_deref(), Some("Example Post"));
    assert_eq!(r1.date.as_deref(), Some("2024-03-01"));
    assert_eq!(r1.text, "He said \"no\", twice.");
    assert_eq!(r1.author.as_deref(), Some("Jo Bloggs"));
    let r2 = rows[1].as_ref().unwrap();
    assert_eq!(r2.text, "First paragraph.\r\n\r\nSecond paragraph.");
    assert_eq!(r2.author, None);
    let e3 = rows[2].as_ref().unwrap_err();
    assert_eq!(e3.row, 3);
    assert!(e3.reason.contains("no text field"), "{e3}");
    assert_eq!(rows[3].as_ref().unwrap().text, "Body four.");
    assert_eq!(rows[4].as_ref().unwrap().text, "Caf\u{fffd} society.");
}

#[test]
fn tsv_sniffed_or_stated() {
    for delimiter in [Delimiter::Sniff, Delimiter::Tab] {
        let rows: Vec<_> = TableReader::new(&fixture("news.tsv")[..], delimiter, 1 << 20)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].text, "Text, with a comma.");
        assert_eq!(rows[0].source.as_deref(), Some("Tab Times"));
        assert_eq!(rows[1].date, None);
    }
}

#[test]
fn a_table_without_a_text_column_is_refused() {
    let err = TableReader::new(&b"title,date\nA,2024\n"[..], Delimiter::Comma, 100)
        .err()
        .unwrap();
    assert_eq!(err, "no text column (expected one of: text, content, body, article)");
}

#[test]
fn rss2_dates_guids_and_content() {
    let feed = parse_feed(&fixture("rss2.xml")[..]).unwrap();
    assert_eq!(feed.title.as_deref(), Some("The Example Herald"));
    assert_eq!(feed.entries.len(), 4);
    let e = &feed.entries[0];
    assert_eq!(e.guid.as_deref(), Some("herald-4411"));
    assert_eq!(e.link.as_deref(), Some("https://herald.example/2024/bridge"));
    assert_eq!(e.published.as_deref(), Some("2024-03-05T14:30:00+00:00"));
    assert_eq!(e.authors, ["Maria Lopez"]);
    assert!(
        e.content_html
            .as_deref()
            .unwrap()
            .starts_with("<p>The council voted <b>7–2</b>")
    );
    assert_eq!(feed.entries[1].published.as_deref(), Some("2024-03-06T14:05:00+00:00"));
    assert!(feed.entries[1].summary_html.as_deref().unwrap().contains("<p>Schools"));
    assert_eq!(feed.entries[2].published, None, "an unparseable date is nothing");
    assert_eq!(feed.entries[3].published, None);
}

#[test]
fn rss1_rss091_atom_and_json_feed() {
    let rdf = parse_feed(&fixture("rss1.rdf")[..]).unwrap();
    assert_eq!(rdf.entries.len(), 2);
    assert_eq!(rdf.entries[0].link.as_deref(), Some("https://wire.example/a1"));
    assert_eq!(rdf.entries[0].published.as_deref(), Some("2024-03-05T09:00:00+00:00"));
    let old = parse_feed(&fixture("rss091.xml")[..]).unwrap();
    assert_eq!(old.entries[0].title.as_deref(), Some("Café reopens"));
    assert_eq!(old.entries[0].guid, None);
    let atom = parse_feed(&fixture("atom.xml")[..]).unwrap();
    let e = &atom.entries[0];
    assert_eq!(e.guid.as_deref(), Some("tag:times.example,2024:election"));
    assert_eq!(e.link.as_deref(), Some("https://times.example/election"));
    assert_eq!(e.authors, ["Sam Reed", "Ana Kim"]);
    assert!(e.content_html.as_deref().unwrap().contains("<em>in</em>"), "{e:?}");
    assert_eq!(
        atom.entries[1].content_html.as_deref(),
        Some("<p>The budget passed.</p>")
    );
    let json = parse_feed(&fixture("feed.json")[..]).unwrap();
    assert_eq!(
        json.entries[0].content_html.as_deref(),
        Some("<p>The farm powers 5,000 homes.</p>")
    );
    assert_eq!(json.entries[0].updated.as_deref(), Some("2024-03-02T09:00:00+00:00"));
    assert_eq!(json.entries[0].authors, ["Lee Park"]);
    assert_eq!(
        json.entries[1].content_html.as_deref(),
        Some("<p>The library opens at 8.</p><p>It closes at 9 &amp; later on Fridays.</p>")
    );
}

#[test]
fn a_feed_without_guids_has_none_not_made_up_ones() {
    let feed = parse_feed(&fixture("noguid.xml")[..]).unwrap();
    assert_eq!(feed.entries.len(), 2);
    assert!(feed.entries.iter().all(|e| e.guid.is_none()), "{feed:?}");
    assert_eq!(feed.entries[1].link, None);
}

#[test]
fn a_truncated_feed_keeps_its_complete_entries() {
    let xml = fixture("rss2.xml");
    let text = String::from_utf8(xml).unwrap();
    let cut = text.find("<title>Festival").unwrap() + 20;
    let feed = parse_feed(&text.as_bytes()[..cut]).unwrap();
    assert_eq!(feed.entries.len(), 2, "{feed:?}");
    assert!(feed.problem.is_some());
    let atom = String::from_utf8(fixture("atom.xml")).unwrap();
    let cut = atom.rfind("<entry>").unwrap() + 30;
    assert_eq!(parse_feed(&atom.as_bytes()[..cut]).unwrap().entries.len(), 1);
    assert!(parse_feed(&b"<rss version=\"2.0\"><channel><item><title>x"[..]).is_err());
    assert!(parse_feed(&b"not a feed"[..]).is_err());
}

#[test]
fn feeds_are_sniffed() {
    for name in [
        "rss2.xml",
        "rss1.rdf",
        "rss091.xml",
        "atom.xml",
        "feed.json",
        "noguid.xml",
    ] {
        assert!(looks_like_feed(&fixture(name)), "{name}");
    }
    assert!(!looks_like_feed(b"<!DOCTYPE html><html><body></body></html>"));
    assert!(!looks_like_feed(b"<feed><entry/></feed>"), "a <feed> that is not Atom");
    assert!(!looks_like_feed(b"{\"title\": \"x\"}"));
    assert!(!looks_like_feed(&fixture("news.csv")));
    assert!(looks_like_feed(
        b"\xef\xbb\xbf  <?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\">"
    ));
    assert!(looks_like_feed(
        br#"{"version":"https:\/\/jsonfeed.org\/version\/1","items":[]}"#
    ));
}

/// Record bytes of the fixture crawl, one a record, for splicing garbage between.
fn crawl_records() -> Vec<Vec<u8>> {
    let bytes = fixture("crawl.warc");
    let mut starts: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i..].starts_with(b"WARC/1."))
        .collect();
    starts.push(bytes.len());
    starts.windows(2).map(|w| bytes[w[0]..w[1]].to_vec()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn warc_reader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000), cap in 0usize..300) {
        let n = WarcReader::new(&bytes[..], cap).take(10_000).count();
        prop_assert!(n < 10_000);
    }

    #[test]
    fn warc_resyncs_past_garbage(garbage in proptest::collection::vec(
        proptest::collection::vec(any::<u8>(), 0..200), 9)) {
        let records = crawl_records();
        let mut file = Vec::new();
        for (record, junk) in records.iter().zip(&garbage) {
            file.extend_from_slice(record);
            // Garbage that spells a version line would be a (broken) record of its own.
            let junk: Vec<u8> = junk.iter().map(|&b| if b == b'W' { b'w' } else { b }).collect();
            file.extend_from_slice(&junk);
            file.extend_from_slice(b"\r\n");
        }
        let ok: Vec<String> = WarcReader::new(&file[..], 1 << 20)
            .filter_map(Result::ok)
            .map(|r| r.record_id.unwrap_or_default())
            .collect();
        prop_assert_eq!(ok.len(), records.len());
    }

    #[test]
    fn table_reader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let mut input = b"title,text\n".to_vec();
        input.extend_from_slice(&bytes);
        if let Ok(reader) = TableReader::new(&input[..], Delimiter::Sniff, 50) {
            for row in reader.take(10_000).flatten() {
                prop_assert!(row.text.len() <= 50);
            }
        }
        let _ = TableReader::new(&bytes[..], Delimiter::Sniff, 50).map(Iterator::count);
    }

    #[test]
    fn table_rows_survive_ragged_neighbours(short in 0usize..5, texts in proptest::collection::vec("[a-z ]{1,20}", 1..20)) {
        let mut input = String::from("id,title,text\n");
        for (i, t) in texts.iter().enumerate() {
            writeln!(input, "{i},t,\"{t}x\"").unwrap();
            input.push_str(&"r,".repeat(short));
            input.push('\n');
        }
        let ok = TableReader::new(input.as_bytes(), Delimiter::Comma, 1000).unwrap().flatten().count();
        prop_assert_eq!(ok, texts.len() * (1 + usize::from(short >= 3)));
    }
}

#[test]
fn a_feed_broken_in_one_entry_keeps_the_others() {
    let text = String::from_utf8(fixture("rss2.xml")).unwrap();
    let broken = text.replacen(
        "<title>Storm closes schools</title>",
        "<title>Storm <b>closes</title>",
        1,
    );
    let feed = parse_feed(broken.as_bytes()).unwrap();
    let titles: Vec<_> = feed.entries.iter().filter_map(|e| e.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            "Council approves new bridge",
            "Festival dates announced",
            "No date at all"
        ]
    );
    assert!(
        feed.problem.as_deref().unwrap().contains("1 unreadable"),
        "{:?}",
        feed.problem
    );
    assert_eq!(feed.title.as_deref(), Some("The Example Herald"));
}
