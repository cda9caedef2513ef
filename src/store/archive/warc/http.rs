//! The HTTP/1.x response a WARC `response` record carries in its block: status line, headers,
//! and the body with its transfer and content codings undone.
//!
//! Crawlers differ: CC-News and most others store the body already de-chunked and decompressed
//! (keeping, or renaming, the headers that said otherwise), some store the bytes as they came
//! off the wire. So a coding is undone only when the bytes look coded (chunk-size lines, the
//! gzip magic), and are taken as they are otherwise.

use std::{borrow::Cow, io::Read};

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

/// The most bytes a compressed body is inflated to by [`http_response`]: an HTML page larger
/// than this is not an article, and the cap stops a decompression bomb.
pub const MAX_DECODED_BODY: usize = 64 << 20;
/// Headers are looked for in this many leading bytes.
const MAX_HEAD: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse<'a> {
    pub status: u16,
    /// The media type, lower-cased and without parameters, e.g. `text/html`.
    pub content_type: Option<String>,
    /// The `charset` parameter of `Content-Type`, lower-cased.
    pub charset: Option<String>,
    /// `Location`, for redirects.
    pub location: Option<String>,
    /// A `Content-Encoding` this reader cannot undo (`br`, `zstd`, …): the body is still coded.
    pub undecoded: Option<String>,
    pub body: Cow<'a, [u8]>,
    /// The body ends early: a chunked or gzip stream cut short, or the decoding cap reached.
    pub body_truncated: bool,
}

/// The response in `block`, or `None` when the block does not start with an HTTP status line.
pub fn http_response(block: &[u8]) -> Option<HttpResponse<'_>> {
    http_response_capped(block, MAX_DECODED_BODY)
}

/// [`http_response`] with a cap on the decoded body's size.
pub fn http_response_capped(block: &[u8], max_body: usize) -> Option<HttpResponse<'_>> {
    let (head_end, body_start) = find_head_end(block)?;
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = parse_status(lines.next()?)?;
    let mut response = HttpResponse {
        status,
        content_type: None,
        charset: None,
        location: None,
        undecoded: None,
        body: Cow::Borrowed(&block[body_start..]),
        body_truncated: false,
    };
    let mut chunked = false;
    let mut encoding = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let (name, value) = (name.trim(), value.trim());
        if name.eq_ignore_ascii_case("content-type") {
            let (mime, charset) = parse_content_type(value);
            response.content_type = mime;
            response.charset = charset;
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.to_ascii_lowercase().contains("chunked");
        } else if name.eq_ignore_ascii_case("content-encoding") {
            encoding = Some(value.to_ascii_lowercase());
        } else if name.eq_ignore_ascii_case("location") {
            response.location = Some(value.to_owned());
        }
    }
    if chunked && let Some((body, truncated)) = dechunk(&response.body, max_body) {
        response.body = Cow::Owned(body);
        response.body_truncated = truncated;
    }
    match encoding.as_deref() {
        None | Some("" | "identity" | "none") => {}
        Some("gzip" | "x-gzip") => {
            if response.body.starts_with(&[0x1f, 0x8b]) {
                let (body, cut) = inflate(MultiGzDecoder::new(&response.body[..]), max_body);
                response.body = Cow::Owned(body);
                response.body_truncated |= cut;
            }
        }
        Some("deflate") => {
            // Meant to be zlib-wrapped; many servers send raw deflate. A zlib stream starts
            // with 0x78 (32 KiB window), raw deflate with anything; bodies stored decoded
            // start with text.
            let looks_text = response
                .body
                .first()
                .is_some_and(|b| *b == b'<' || b.is_ascii_whitespace());
            if !looks_text {
                let (body, cut) = if response.body.first() == Some(&0x78) {
                    inflate(ZlibDecoder::new(&response.body[..]), max_body)
                } else {
                    inflate(DeflateDecoder::new(&response.body[..]), max_body)
                };
                response.body = Cow::Owned(body);
                response.body_truncated |= cut;
            }
        }
        Some(other) => {
            if !looks_like_markup(&response.body) {
                response.undecoded = Some(other.to_owned());
            }
        }
    }
    Some(response)
}

/// `HTTP/1.1 200 OK` → 200. Any `HTTP/` version is taken: some tools write `HTTP/2 200`.
fn parse_status(line: &str) -> Option<u16> {
    let mut parts = line.strip_prefix("HTTP/")?.split_whitespace();
    parts.next()?;
    let code = parts.next()?;
    if code.len() != 3 {
        return None;
    }
    code.parse().ok().filter(|c| (100..=999).contains(c))
}

/// Where the head ends and the body starts: the first empty line (CRLF or LF).
fn find_head_end(block: &[u8]) -> Option<(usize, usize)> {
    let scan = &block[..block.len().min(MAX_HEAD)];
    let mut i = 0;
    while let Some(nl) = scan[i..].iter().position(|&b| b == b'\n') {
        let at = i + nl;
        let rest = &scan[at + 1..];
        if rest.starts_with(b"\r\n") {
            return Some((at, at + 3));
        }
        if rest.starts_with(b"\n") {
            return Some((at, at + 2));
        }
        i = at + 1;
    }
    // A head with no blank line after it (a body-less response at the end of a block).
    (block.len() <= MAX_HEAD && block.ends_with(b"\n")).then_some((block.len(), block.len()))
}

/// `text/html; charset="UTF-8"` → (`text/html`, `utf-8`).
pub(super) fn parse_content_type(value: &str) -> (Option<String>, Option<String>) {
    let mut parts = value.split(';');
    let mime = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).trim().to_ascii_lowercase())
    });
    (mime, charset.filter(|c| !c.is_empty()))
}

/// Undoes chunked transfer coding; `None` when the body does not start with a chunk-size line
/// (the crawler stored it decoded). Cut short or malformed later: what was decoded, marked.
fn dechunk(body: &[u8], max: usize) -> Option<(Vec<u8>, bool)> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut first = true;
    loop {
        let size = body[pos..].iter().position(|&b| b == b'\n').and_then(|nl| {
            let line = String::from_utf8_lossy(&body[pos..pos + nl]);
            let digits = line.split(';').next().unwrap_or("").trim().to_owned();
            let ok = !digits.is_empty() && digits.len() <= 15;
            let size = usize::from_str_radix(&digits, 16).ok().filter(|_| ok)?;
            Some((size, pos + nl + 1))
        });
        let Some((size, data)) = size else {
            return if first { None } else { Some((out, true)) };
        };
        if size == 0 {
            return Some((out, false));
        }
        first = false;
        let end = data.saturating_add(size).min(body.len());
        let room = max - out.len();
        out.extend_from_slice(&body[data..end.min(data + room)]);
        if end - data > room {
            return Some((out, true));
        }
        if end < data + size {
            return Some((out, true));
        }
        pos = end;
        if body[pos..].starts_with(b"\r\n") {
            pos += 2;
        } else if body[pos..].starts_with(b"\n") {
            pos += 1;
        }
    }
}

/// Reads a decoder to its end or to `max` bytes; a stream cut short keeps what it gave.
fn inflate(decoder: impl Read, max: usize) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    let result = decoder.take(max as u64 + 1).read_to_end(&mut out);
    let over = out.len() > max;
    out.truncate(max);
    (out, over || result.is_err())
}

/// Starts with `<` after whitespace: a body stored decoded though its headers say otherwise.
pub(super) fn looks_like_markup(body: &[u8]) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}
