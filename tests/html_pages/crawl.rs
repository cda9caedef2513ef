#![allow(dead_code)] // Shared by test crates that each use part of it.
//! Generated pages in a crawl, as crawlers write one: a WARC of gzip members (one a record,
//! as in CC-News) with requests, redirects, images and errors among the pages.

use std::io::Write;

use super::Page;

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// One WARC/1.1 record, as crawlers write them (CRLF, two CRLFs after the block).
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-09T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn response(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut b = format!("HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    b.extend_from_slice(body);
    b
}

/// A crawl of the generated pages, each record its own gzip member (as in CC-News), with a
/// request before each page and a redirect, an image and a 404 among them.
pub fn crawl(pages: &[Page]) -> Vec<u8> {
    let mut out = gzip(&record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    ));
    for (i, page) in pages.iter().enumerate() {
        let request = format!("GET / HTTP/1.1\r\nHost: {}\r\n\r\n", page.url);
        out.extend(gzip(&record(
            "request",
            &page.url,
            "application/http; msgtype=request",
            request.as_bytes(),
        )));
        let charset = page.http_charset.map_or(String::new(), |c| format!("; charset={c}"));
        let headers = format!("Content-Type: text/html{charset}\r\n");
        let block = response("200 OK", &headers, &page.bytes);
        out.extend(gzip(&record(
            "response",
            &page.url,
            "application/http; msgtype=response",
            &block,
        )));
        if i % 5 == 0 {
            let moved = response("301 Moved Permanently", &format!("Location: {}\r\n", page.url), b"");
            out.extend(gzip(&record(
                "response",
                "http://old.example/x",
                "application/http; msgtype=response",
                &moved,
            )));
            let image = response("200 OK", "Content-Type: image/jpeg\r\n", &[0xff, 0xd8, 0xff, 0, 1, 2]);
            out.extend(gzip(&record(
                "response",
                "https://cdn.example/a.jpg",
                "application/http; msgtype=response",
                &image,
            )));
            let missing = response("404 Not Found", "Content-Type: text/html\r\n", b"<html>gone</html>");
            out.extend(gzip(&record(
                "response",
                "https://x.example/404",
                "application/http; msgtype=response",
                &missing,
            )));
        }
    }
    out
}
