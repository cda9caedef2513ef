//! Feeds (RSS 0.9x / 1.0 / 2.0, Atom, JSON Feed) through feed-rs, reduced to what an article
//! needs: the entry's own id, link, title, dates, authors and its HTML.
//!
//! feed-rs reads the whole document, so the caller caps the bytes. A feed cut off mid-entry
//! (a partial download, a capped read) or broken in one entry makes feed-rs fail outright; the
//! entries are then parsed one by one, so every readable entry is still returned.

use std::io::Read;

use feed_rs::model;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    pub title: Option<String>,
    pub entries: Vec<FeedEntry>,
    /// Why some of the document could not be read, when entries were recovered around a break.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FeedEntry {
    /// The id the feed gave the entry (`guid`, Atom `id`, JSON `id`); `None` when it gave none.
    pub guid: Option<String>,
    pub link: Option<String>,
    pub title: Option<String>,
    /// RFC 3339, in UTC (feed-rs normalises); `None` when absent or unparseable.
    pub published: Option<String>,
    pub updated: Option<String>,
    pub authors: Vec<String>,
    /// `content:encoded`, Atom `content`, JSON Feed `content_html` (or `content_text`,
    /// escaped and wrapped in paragraphs).
    pub content_html: Option<String>,
    /// RSS `description`, Atom `summary`, JSON Feed `summary`, as HTML.
    pub summary_html: Option<String>,
}

/// Reads a whole feed document.
pub fn parse_feed(mut reader: impl Read) -> Result<Feed, String> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the feed: {e}"))?;
    match parse_bytes(&bytes) {
        Ok(feed) => Ok(convert(feed, None)),
        Err(error) => match recover(&bytes) {
            Some((feed, failed)) => {
                let n = feed.entries.len();
                let problem = format!("{error}: {n} entries read one by one, {failed} unreadable");
                Ok(convert(feed, Some(problem)))
            }
            None => Err(error),
        },
    }
}

fn parse_bytes(bytes: &[u8]) -> Result<model::Feed, String> {
    // feed-rs fills a missing id with a hash of the link and title (or a random UUID); an
    // empty id from our generator marks "the feed gave none", so a made-up id is never taken
    // for the feed's own.
    let parse = || {
        feed_rs::parser::Builder::new()
            .id_generator(|_, _, _| String::new())
            .build()
            .parse(bytes)
            .map_err(|e| e.to_string())
    };
    // quick-xml, under feed-rs, panics on some malformed XML declarations (found by the fuzz
    // harness: an `encoding` attribute that runs into markup). A panic there is the file's
    // fault, not ours: the file is skipped with the reason.
    crate::panics::catch(parse).unwrap_or_else(|panic| Err(format!("the XML parser failed on it ({panic})")))
}

/// Every entry that parses on its own: the document's head (everything before the first
/// entry, which holds the root and channel) plus one entry plus the closing tags, parsed entry
/// by entry. This reads the entries before a cut-off end and around a broken one alike. Bytes,
/// not text, so a feed in ISO-8859-1 keeps its declared encoding. Returns the feed and how
/// many entries could not be read (a cut-off last one counts).
fn recover(bytes: &[u8]) -> Option<(model::Feed, usize)> {
    let head = &bytes[..bytes.len().min(4096)];
    let (open, closer, close_root): (&[u8], &[u8], &[u8]) = if find(head, b"<rdf:RDF").is_some() {
        (b"<item", b"</item>", b"</rdf:RDF>")
    } else if find(head, b"<rss").is_some() {
        (b"<item", b"</item>", b"</channel></rss>")
    } else if find(head, b"<feed").is_some() {
        (b"<entry", b"</entry>", b"</feed>")
    } else {
        return None;
    };
    let first = find_open(bytes, open, 0)?;
    let mut base: Option<model::Feed> = None;
    let mut entries = Vec::new();
    let mut failed = 0;
    let mut pos = first;
    while let Some(start) = find_open(bytes, open, pos) {
        let Some(end) = find(&bytes[start..], closer).map(|i| start + i + closer.len()) else {
            failed += 1;
            break;
        };
        let mut doc = Vec::with_capacity(first + (end - start) + close_root.len());
        doc.extend_from_slice(&bytes[..first]);
        doc.extend_from_slice(&bytes[start..end]);
        doc.extend_from_slice(close_root);
        match parse_bytes(&doc) {
            Ok(mut feed) => {
                entries.append(&mut feed.entries);
                base.get_or_insert(feed);
            }
            Err(_) => failed += 1,
        }
        pos = end;
    }
    let mut feed = base?;
    feed.entries = entries;
    Some((feed, failed))
}

/// The next `<item` / `<entry` start tag from `pos` (not `<items>` or `<entryset`).
fn find_open(bytes: &[u8], open: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let at = pos + find(&bytes[pos..], open)?;
        let next = bytes.get(at + open.len()).copied();
        if next.is_some_and(|b| b == b'>' || b == b'/' || b.is_ascii_whitespace()) {
            return Some(at);
        }
        pos = at + open.len();
    }
}

fn convert(feed: model::Feed, problem: Option<String>) -> Feed {
    Feed {
        title: feed
            .title
            .map(|t| t.content.trim().to_owned())
            .filter(|t| !t.is_empty()),
        entries: feed.entries.into_iter().map(entry).collect(),
        problem,
    }
}

fn entry(e: model::Entry) -> FeedEntry {
    let nonempty = |s: String| {
        let s = s.trim().to_owned();
        (!s.is_empty()).then_some(s)
    };
    // The page itself: an `alternate` link (or one without a rel), before enclosures and such.
    let link = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| e.links.first())
        .map(|l| l.href.clone());
    let authors = e
        .authors
        .into_iter()
        .filter_map(|p| p.name.and_then(nonempty).or_else(|| p.email.and_then(nonempty)))
        .collect();
    let content_html = e.content.and_then(|c| {
        let plain = is_plain(c.content_type.as_ref());
        c.body
            .and_then(nonempty)
            .map(|b| if plain { text_to_html(&b) } else { b })
    });
    let summary_html = e.summary.and_then(|t| {
        // RSS descriptions are HTML more often than their declared type admits.
        let plain = is_plain(t.content_type.as_ref()) && !t.content.contains('<');
        nonempty(t.content).map(|s| if plain { text_to_html(&s) } else { s })
    });
    FeedEntry {
        guid: nonempty(e.id),
        link: link.and_then(nonempty),
        title: e.title.and_then(|t| nonempty(t.content)),
        published: e.published.map(|d| d.to_rfc3339()),
        updated: e.updated.map(|d| d.to_rfc3339()),
        authors,
        content_html,
        summary_html,
    }
}

fn is_plain(mime: &str) -> bool {
    mime.split(';')
        .next()
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("text/plain"))
}

/// Plain text as HTML paragraphs (blank lines separate them), escaped.
fn text_to_html(text: &str) -> String {
    let mut html = String::new();
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        html.push_str("<p>");
        for c in para.chars() {
            match c {
                '&' => html.push_str("&amp;"),
                '<' => html.push_str("&lt;"),
                '>' => html.push_str("&gt;"),
                '"' => html.push_str("&quot;"),
                _ => html.push(c),
            }
        }
        html.push_str("</p>");
    }
    html
}

/// Whether the first bytes of a file are a feed: after a BOM, whitespace, the XML prolog,
/// comments and a doctype, an `<rss`, `<rdf:RDF` or Atom `<feed` root; or a JSON object whose
/// `version` is a JSON Feed URL. Only the first KB is looked at.
pub fn looks_like_feed(head: &[u8]) -> bool {
    let head = &head[..head.len().min(1024)];
    let mut s = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    loop {
        s = s.trim_ascii_start();
        let end = if s.starts_with(b"<?") {
            find(s, b"?>").map(|i| i + 2)
        } else if s.starts_with(b"<!--") {
            find(s, b"-->").map(|i| i + 3)
        } else if s.starts_with(b"<!") {
            find(s, b">").map(|i| i + 1)
        } else {
            break;
        };
        match end {
            Some(end) => s = &s[end..],
            None => return false,
        }
    }
    if s.starts_with(b"{") {
        // JSON may escape the slashes.
        return find(s, b"\"version\"").is_some()
            && (find(s, b"jsonfeed.org/version/1").is_some() || find(s, b"jsonfeed.org\\/version\\/1").is_some());
    }
    let root_is = |name: &[u8]| {
        s.strip_prefix(b"<")
            .and_then(|r| r.strip_prefix(name))
            .and_then(|r| r.first())
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
    };
    if root_is(b"rss") || root_is(b"rdf:RDF") {
        return true;
    }
    (root_is(b"feed") || root_is(b"atom:feed"))
        && (find(s, b"http://www.w3.org/2005/Atom").is_some() || find(s, b"http://purl.org/atom/ns#").is_some())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
#[path = "feed_tests.rs"]
mod tests;
