//! Which WARC records are pages worth extracting, and a short countable reason for the rest.
//!
//! A crawl holds far more than articles: the requests that fetched them, crawler metadata,
//! redirects, error pages, images and scripts. The loader counts skips by `reason` (a fixed
//! string) so a summary like "1,204 redirect, 310 not HTML" stays short, while `detail`
//! keeps the specific status or type for a log line.

use std::{borrow::Cow, fmt};

use super::{
    WarcRecord,
    http::{http_response, looks_like_markup, parse_content_type},
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Classified<'a> {
    /// An HTML page: hand `html` (raw bytes, in `charset` when the server said) to the extractor.
    Page {
        url: &'a str,
        /// `WARC-Date`: when the page was fetched, a fallback for its publication date.
        date: Option<&'a str>,
        record_id: Option<&'a str>,
        charset: Option<String>,
        html: Cow<'a, [u8]>,
        /// The block was cut at `max_block`, or the body ended early.
        truncated: bool,
    },
    Skip(Skip),
}

/// Why a record is not a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// A fixed reason to count by: "request record", "redirect", "not HTML", …
    pub reason: &'static str,
    /// What varies: the status code, the media type, the record type.
    pub detail: Option<String>,
}

impl fmt::Display for Skip {
    /// `redirect (301)`, `not HTML (image/jpeg)`, `request record`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.detail {
            Some(d) => write!(f, "{} ({d})", self.reason),
            None => f.write_str(self.reason),
        }
    }
}

fn skip<'a>(reason: &'static str) -> Classified<'a> {
    Classified::Skip(Skip { reason, detail: None })
}

fn skip_with<'a>(reason: &'static str, detail: impl Into<String>) -> Classified<'a> {
    Classified::Skip(Skip {
        reason,
        detail: Some(detail.into()),
    })
}

/// A page, or why not. `response` records need status 200 and an HTML type; `resource`
/// records (a page archived without its HTTP envelope) need an HTML record type.
pub fn classify(record: &WarcRecord) -> Classified<'_> {
    match record.kind.to_ascii_lowercase().as_str() {
        "response" => response(record),
        "resource" => resource(record),
        "request" => skip("request record"),
        "warcinfo" => skip("warcinfo record"),
        "metadata" => skip("metadata record"),
        // A revisit says "same as an earlier capture": the earlier one is the page.
        "revisit" => skip("revisit record"),
        "conversion" => skip("conversion record"),
        // Segmented records are rare in crawls and not reassembled here.
        "continuation" => skip("continuation record"),
        "" => skip("record without a WARC-Type"),
        other => skip_with("other record type", other),
    }
}

fn response(record: &WarcRecord) -> Classified<'_> {
    let Some(url) = record.target_uri.as_deref() else {
        return skip("no target URI");
    };
    if let Some(ct) = record.content_type.as_deref() {
        let (mime, _) = parse_content_type(ct);
        if let Some(mime) = mime.filter(|m| m != "application/http") {
            // DNS lookups (text/dns) and other non-HTTP responses.
            return skip_with("not an HTTP response", mime);
        }
    }
    let Some(http) = http_response(&record.block) else {
        return skip("not an HTTP response");
    };
    match http.status {
        200 => {}
        300..=399 => return skip_with("redirect", http.status.to_string()),
        400..=499 => return skip_with("client error", http.status.to_string()),
        500..=599 => return skip_with("server error", http.status.to_string()),
        s => return skip_with("other status", s.to_string()),
    }
    // The server's type first; the crawler's sniffed type, then our own sniff, when it gave none.
    let mime = http
        .content_type
        .clone()
        .or_else(|| record.payload_type.as_deref().and_then(|p| parse_content_type(p).0))
        .or_else(|| sniff_html(&http.body).then(|| "text/html".to_owned()));
    match mime {
        Some(m) if is_html(&m) => {}
        Some(m) => return skip_with("not HTML", m),
        None => return skip("no content type"),
    }
    if let Some(encoding) = http.undecoded {
        return skip_with("undecodable body", encoding);
    }
    if http.body.iter().all(u8::is_ascii_whitespace) {
        return skip("empty body");
    }
    Classified::Page {
        url,
        date: record.date.as_deref(),
        record_id: record.record_id.as_deref(),
        charset: http.charset,
        truncated: record.truncated || http.body_truncated,
        html: http.body,
    }
}

fn resource(record: &WarcRecord) -> Classified<'_> {
    let Some(url) = record.target_uri.as_deref() else {
        return skip("no target URI");
    };
    let (mime, charset) = record
        .content_type
        .as_deref()
        .map(parse_content_type)
        .unwrap_or_default();
    match mime {
        Some(m) if is_html(&m) => {}
        Some(m) => return skip_with("not HTML", m),
        None if sniff_html(&record.block) => {}
        None => return skip("no content type"),
    }
    if record.block.iter().all(u8::is_ascii_whitespace) {
        return skip("empty body");
    }
    Classified::Page {
        url,
        date: record.date.as_deref(),
        record_id: record.record_id.as_deref(),
        charset,
        html: Cow::Borrowed(&record.block),
        truncated: record.truncated,
    }
}

fn is_html(mime: &str) -> bool {
    matches!(mime, "text/html" | "application/xhtml+xml")
}

/// `<!doctype html` or `<html` at the start, for bodies served without a type.
fn sniff_html(body: &[u8]) -> bool {
    if !looks_like_markup(body) {
        return false;
    }
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(0);
    let head: Vec<u8> = body[start..].iter().take(14).map(u8::to_ascii_lowercase).collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}
