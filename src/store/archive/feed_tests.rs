use super::*;

#[test]
fn plain_text_becomes_escaped_paragraphs() {
    assert_eq!(
        text_to_html("a < b\n\n\n  c & \"d\"  \n\n"),
        "<p>a &lt; b</p><p>c &amp; &quot;d&quot;</p>"
    );
    assert!(is_plain("text/plain; charset=utf-8"));
    assert!(!is_plain("text/html"));
}

#[test]
fn sniffing_needs_a_closed_prolog_and_a_root() {
    assert!(!looks_like_feed(b""));
    assert!(!looks_like_feed(b"<?xml version=\"1.0\""));
    assert!(!looks_like_feed(b"<rssfeed>"));
    assert!(looks_like_feed(b"<rss>"));
    assert!(looks_like_feed(b"<feed xmlns=\"http://purl.org/atom/ns#\">"));
}

#[test]
fn an_entry_with_a_guid_keeps_it_and_one_without_gets_none() {
    let xml = br#"<rss version="2.0"><channel><title>T</title>
        <item><guid>g-1</guid><title>A</title><link>https://x/a</link></item>
        <item><title>B</title><link>https://x/b</link></item></channel></rss>"#;
    let feed = parse_feed(&xml[..]).unwrap();
    let guids: Vec<_> = feed.entries.iter().map(|e| e.guid.as_deref()).collect();
    assert_eq!(guids, [Some("g-1"), None]);
    assert_eq!(feed.problem, None);
}
