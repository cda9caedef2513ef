use std::io::Write;

use super::*;

/// One record as a crawler writes it; `eol` is "\r\n" or "\n".
fn record(version: &str, kind: &str, uri: &str, ct: &str, block: &[u8], eol: &str) -> Vec<u8> {
    let mut out = format!(
        "{version}{eol}WARC-Type: {kind}{eol}WARC-Target-URI: {uri}{eol}\
         WARC-Date: 2024-03-01T10:00:00Z{eol}WARC-Record-ID: <urn:uuid:{kind}>{eol}\
         Content-Type: {ct}{eol}Content-Length: {}{eol}{eol}",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(format!("{eol}{eol}").as_bytes());
    out
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

fn page() -> Vec<u8> {
    let body = b"<!DOCTYPE html><html><head><title>Flood</title></head><body><p>Rain.</p></body></html>";
    record(
        "WARC/1.1",
        "response",
        "https://news.example/flood",
        "application/http; msgtype=response",
        &http("200 OK", "Content-Type: text/html; charset=ISO-8859-1\r\n", body),
        "\r\n",
    )
}

fn read_all(bytes: &[u8], max_block: usize) -> Vec<Result<WarcRecord, WarcError>> {
    WarcReader::new(bytes, max_block).collect()
}

#[test]
fn reads_a_response_and_classifies_it_as_a_page() {
    let out = read_all(&page(), 1 << 20);
    assert_eq!(out.len(), 1);
    let r = out[0].as_ref().unwrap();
    assert_eq!(r.version, "WARC/1.1");
    assert_eq!(r.kind, "response");
    assert_eq!(r.target_uri.as_deref(), Some("https://news.example/flood"));
    assert_eq!(r.date.as_deref(), Some("2024-03-01T10:00:00Z"));
    assert!(!r.truncated);
    match classify(r) {
        Classified::Page { url, charset, html, .. } => {
            assert_eq!(url, "https://news.example/flood");
            assert_eq!(charset.as_deref(), Some("iso-8859-1"));
            assert!(html.starts_with(b"<!DOCTYPE html>"));
        }
        Classified::Skip(s) => panic!("skipped: {s}"),
    }
}

#[test]
fn lf_only_records_read_too() {
    let mut file = record(
        "WARC/1.0",
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: x\n",
        "\n",
    );
    file.extend(record(
        "WARC/1.0",
        "request",
        "https://a/",
        "application/http; msgtype=request",
        b"GET / HTTP/1.1\n\n",
        "\n",
    ));
    let out = read_all(&file, 1 << 20);
    let kinds: Vec<_> = out.iter().map(|r| r.as_ref().unwrap().kind.clone()).collect();
    assert_eq!(kinds, ["warcinfo", "request"]);
}

#[test]
fn skip_reasons_are_short_and_counted() {
    let ct = "application/http; msgtype=response";
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            record(
                "WARC/1.0",
                "request",
                "https://a/",
                "application/http; msgtype=request",
                b"GET / HTTP/1.1\r\n\r\n",
                "\r\n",
            ),
            "request record",
        ),
        (
            record(
                "WARC/1.1",
                "response",
                "https://a/",
                ct,
                &http("301 Moved Permanently", "Location: https://b/\r\n", b""),
                "\r\n",
            ),
            "redirect (301)",
        ),
        (
            record(
                "WARC/1.1",
                "response",
                "https://a/x",
                ct,
                &http("404 Not Found", "Content-Type: text/html\r\n", b"<html>no</html>"),
                "\r\n",
            ),
            "client error (404)",
        ),
        (
            record(
                "WARC/1.1",
                "response",
                "https://a/i.jpg",
                ct,
                &http("200 OK", "Content-Type: image/jpeg\r\n", b"\xff\xd8\xff\xe0"),
                "\r\n",
            ),
            "not HTML (image/jpeg)",
        ),
        (
            record(
                "WARC/1.1",
                "metadata",
                "https://a/",
                "application/warc-fields",
                b"fetchTimeMs: 12\r\n",
                "\r\n",
            ),
            "metadata record",
        ),
        (
            record(
                "WARC/1.1",
                "revisit",
                "https://a/",
                ct,
                b"HTTP/1.1 200 OK\r\n\r\n",
                "\r\n",
            ),
            "revisit record",
        ),
        (
            record(
                "WARC/1.1",
                "warcinfo",
                "",
                "application/warc-fields",
                b"format: WARC\r\n",
                "\r\n",
            ),
            "warcinfo record",
        ),
    ];
    for (bytes, want) in cases {
        let r = read_all(&bytes, 1 << 20).remove(0).unwrap();
        match classify(&r) {
            Classified::Skip(s) => assert_eq!(s.to_string(), want),
            Classified::Page { .. } => panic!("{want}: classified as a page"),
        }
    }
}

#[test]
fn a_block_over_the_cap_is_cut_and_the_next_record_still_read() {
    let mut file = page();
    file.extend(page());
    let out = read_all(&file, 40);
    assert_eq!(out.len(), 2);
    for r in out {
        let r = r.unwrap();
        assert!(r.truncated);
        assert_eq!(r.block.len(), 40);
        assert!(r.content_length > 40);
    }
}

#[test]
fn garbage_between_records_is_one_error_then_the_next_record() {
    let mut file = page();
    file.extend_from_slice(b"\x00\x01 junk junk\r\nmore junk\r\n");
    file.extend(page());
    let out = read_all(&file, 1 << 20);
    assert_eq!(out.len(), 3, "{out:?}");
    assert!(out[0].is_ok() && out[2].is_ok());
    assert!(matches!(out[1], Err(WarcError::Garbage { .. })));
}

#[test]
fn wrong_or_missing_content_length_costs_only_that_record() {
    for wrong in [
        "Content-Length: 5",
        "Content-Length: 99999",
        "Content-Length: ten",
        "X-No-Length: 1",
    ] {
        let bad = String::from_utf8(page()).unwrap();
        let start = bad.find("Content-Length: ").unwrap();
        let end = start + bad[start..].find("\r\n").unwrap();
        let mut file = page();
        file.extend_from_slice(format!("{}{}{}", &bad[..start], wrong, &bad[end..]).as_bytes());
        file.extend(page());
        let out = read_all(&file, 1 << 20);
        let ok = out.iter().filter(|r| r.is_ok()).count();
        assert_eq!(ok, 2, "{wrong}: {out:?}");
        assert!(out.iter().any(Result::is_err), "{wrong}");
    }
}

#[test]
fn a_record_claiming_4_gb_allocates_nothing_of_the_kind() {
    let mut file = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 4294967296\r\n\r\nshort\r\n\r\n".to_vec();
    file.extend(page());
    let out = read_all(&file, 1 << 20);
    // The claim runs past the end: one error, then the page it swallowed, found by rescanning.
    assert!(
        matches!(
            out[0],
            Err(WarcError::Truncated {
                length: 4_294_967_296,
                ..
            })
        ),
        "{out:?}"
    );
    assert_eq!(out.iter().filter(|r| r.is_ok()).count(), 1);
}

#[test]
fn a_truncated_file_gives_one_error_then_ends() {
    let mut file = page();
    let cut = page();
    file.extend_from_slice(&cut[..cut.len() - 30]);
    let out = read_all(&file, 1 << 20);
    assert_eq!(out.len(), 2);
    assert!(out[0].is_ok());
    assert!(matches!(out[1], Err(WarcError::Truncated { .. })));
    // Cut inside the headers.
    let out = read_all(&cut[..60], 1 << 20);
    assert_eq!(out.len(), 1);
    assert!(out[0].is_err());
}

#[test]
fn chunked_and_gzip_bodies_are_decoded() {
    let html = b"<html><body><p>Decoded.</p></body></html>";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(html).unwrap();
    let gz = gz.finish().unwrap();
    let mut chunked = format!("{:x}\r\n", 10).into_bytes();
    chunked.extend_from_slice(&gz[..10]);
    chunked.extend_from_slice(format!("\r\n{:x};ext=1\r\n", gz.len() - 10).as_bytes());
    chunked.extend_from_slice(&gz[10..]);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let block = http(
        "200 OK",
        "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
        &chunked,
    );
    let r = http_response(&block).unwrap();
    assert_eq!(&r.body[..], html);
    assert!(!r.body_truncated);
    // Stored decoded with the headers kept (CC-News style): taken as it is.
    let block = http(
        "200 OK",
        "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
        html,
    );
    assert_eq!(&http_response(&block).unwrap().body[..], html);
    // Brotli cannot be undone here: said so.
    let block = http(
        "200 OK",
        "Content-Type: text/html\r\nContent-Encoding: br\r\n",
        b"\x1b\x03\x00",
    );
    assert_eq!(http_response(&block).unwrap().undecoded.as_deref(), Some("br"));
}

#[test]
fn a_gzip_bomb_stops_at_the_cap() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![b'a'; 10 << 20]).unwrap();
    let gz = gz.finish().unwrap();
    let block = http("200 OK", "Content-Encoding: gzip\r\n", &gz);
    let r = http_response_capped(&block, 1000).unwrap();
    assert_eq!(r.body.len(), 1000);
    assert!(r.body_truncated);
}

#[test]
fn not_http_is_none() {
    assert!(http_response(b"").is_none());
    assert!(http_response(b"GET / HTTP/1.1\r\n\r\n").is_none());
    assert!(http_response(b"HTTP/1.1 abc\r\n\r\n").is_none());
    assert_eq!(http_response(b"HTTP/1.0 200\n\nbody").unwrap().body.as_ref(), b"body");
}

#[test]
fn warc_1_0_details_angle_uris_continuations_and_sniffed_types() {
    let block = http("200 OK", "", b"\n<!doctype html><html><p>No type given.</p></html>");
    let file = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: <https://old.example/a>\r\n\
         X-Note: first part\r\n  second part\r\nContent-Length: {}\r\n\r\n",
        block.len()
    );
    let mut file = file.into_bytes();
    file.extend_from_slice(&block);
    file.extend_from_slice(b"\r\n\r\n");
    let r = read_all(&file, 1 << 20).remove(0).unwrap();
    assert_eq!(r.target_uri.as_deref(), Some("https://old.example/a"));
    assert!(matches!(
        classify(&r),
        Classified::Page {
            url: "https://old.example/a",
            ..
        }
    ));
}

#[test]
fn a_resource_record_of_html_is_a_page_without_an_envelope() {
    let file = record(
        "WARC/1.1",
        "resource",
        "https://r.example/",
        "text/html; charset=windows-1252",
        b"<html>x</html>",
        "\r\n",
    );
    let r = read_all(&file, 1 << 20).remove(0).unwrap();
    let Classified::Page { charset, html, .. } = classify(&r) else {
        panic!()
    };
    assert_eq!(
        (charset.as_deref(), &html[..]),
        (Some("windows-1252"), &b"<html>x</html>"[..])
    );
}
