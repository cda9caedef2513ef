//! Archives of generated articles in the shapes people bring: a crawl of web pages (the article
//! inside navigation, a cookie banner, share bars, related links, comments, scripts), and a
//! spreadsheet of the same articles.

use std::{fmt::Write as _, io::Write};

/// The HTML page a news site would serve for `title` and `paras`: about 15–20 KB, most of it
/// not the article, as on real sites.
pub fn page(i: usize, title: &str, paras: &[&str]) -> String {
    let mut nav = String::new();
    for section in [
        "World", "Politics", "Business", "Markets", "Tech", "Science", "Sport", "Culture", "Opinion", "Video",
    ] {
        for sub in 0..3 {
            let _ = write!(nav, "<li><a href=\"/{section}/{sub}\">{section} {sub}</a></li>");
        }
    }
    let mut related = String::new();
    for r in 0..12 {
        let _ = write!(
            related,
            "<li><a href=\"/story/{r}\"><img src=\"/t/{r}.jpg\" alt=\"\">Related headline number {r} about the markets</a></li>"
        );
    }
    let mut comments = String::new();
    for c in 0..6 {
        let _ = write!(
            comments,
            "<div class=\"comment\"><span class=\"author\">reader{c}</span><p>I think this is comment number {c}, and I disagree with most of it.</p><a href=\"#reply\">Reply</a></div>"
        );
    }
    let body = paras.iter().fold(String::new(), |mut body, p| {
        let _ = writeln!(body, "<p>{p}</p>");
        body
    });
    let script =
        "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());"
            .repeat(8);
    format!(
        r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | The Daily Example</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2024-03-{day:02}T08:30:00Z">
<link rel="canonical" href="https://daily.example/news/{i}">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}","datePublished":"2024-03-{day:02}T08:30:00Z","author":{{"@type":"Person","name":"Staff Writer"}}}}</script>
<style>body{{font-family:serif}} .nav li{{display:inline}} .share a{{margin:4px}}</style>
<script>{script}</script></head>
<body><div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. <button>Accept all</button> <button>Manage preferences</button></div>
<header class="site-header"><a class="logo" href="/">The Daily Example</a><nav class="nav"><ul>{nav}</ul></nav>
<form class="search"><input name="q" placeholder="Search"></form></header>
<main><article class="story"><h1>{title}</h1>
<div class="byline">By Staff Writer · March {day}, 2024</div>
<div class="share-bar"><a href="#">Share on Facebook</a><a href="#">Share on X</a><a href="#">Email</a><a href="#">Copy link</a></div>
<div class="story-body">{body}</div>
<div class="newsletter">Sign up for our morning newsletter. <input type="email"><button>Subscribe</button></div>
</article>
<aside class="related"><h2>More from The Daily Example</h2><ul>{related}</ul></aside>
<section class="comments"><h2>Comments</h2>{comments}</section></main>
<footer class="site-footer"><ul>{nav}</ul><p>© 2024 The Daily Example. All rights reserved. Terms · Privacy · Cookies</p></footer>
<script>{script}</script></body></html>
"##,
        day = i % 28 + 1
    )
}

fn gzip_member(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// Append one crawled page to a WARC.gz: a request and a response record, each its own gzip
/// member, as CC-News files are written.
pub fn warc_page(out: &mut impl Write, i: usize, html: &str) {
    let uri = format!("https://daily.example/news/{i}");
    let request = format!("GET /news/{i} HTTP/1.1\r\nHost: daily.example\r\n\r\n");
    let response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    for (kind, block) in [("request", request), ("response", response)] {
        let record = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-09T10:00:00Z\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        );
        out.write_all(&gzip_member(record.as_bytes())).unwrap();
    }
}

/// A CSV field, quoted (quotes doubled) as spreadsheets write them.
pub fn csv_field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}
