//! Archives read as one stream: compressed files, feeds, crawls, spreadsheets, standard input.
//!
//! The stream is read once, record by record; each article goes to the [`spool`] as it is
//! found, and its origin is its place there. Events are handed on in batches, each after the
//! spool is flushed, so an article the app hears of can always be read back.

use std::{
    fs::File,
    io::{self, BufRead, Read},
    path::Path,
    time::Instant,
};

use super::{
    CorpusSource, Format, LoadEvent, LoadOptions, Skipped,
    compression::{self, Compression},
    has_extension, jsonl, parse, records,
    sanitize::sanitize_line,
    sink::Out,
    spool,
};

/// How a file given on the command line is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FileKind {
    /// JSON Lines, read in place (its lines are read again from the file).
    Jsonl,
    /// One article (text, Markdown, an HTML page).
    Article,
    /// A stream of articles for the spool.
    Archive,
}

/// What a decoded stream holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contents {
    Jsonl,
    /// CSV or TSV, with its delimiter.
    Table(u8),
    Warc,
    Feed,
    Html,
    Text,
    Markdown,
}

/// Decide from the name and the first bytes: compressed files, feeds, crawls and tables are
/// streams; an extension the head contradicts (a `.txt` that is gzip) loses to the head.
pub(super) fn kind_of_file(path: &Path, head: &[u8]) -> FileKind {
    if Compression::sniff(head) != Compression::None || Compression::of_name(path) != Compression::None {
        return FileKind::Archive;
    }
    match contents(path, head) {
        Contents::Jsonl => FileKind::Jsonl,
        Contents::Html | Contents::Text | Contents::Markdown => FileKind::Article,
        Contents::Table(_) | Contents::Warc | Contents::Feed => FileKind::Archive,
    }
}

/// What `head` (decoded) of a stream named `name` holds.
pub fn contents(name: &Path, head: &[u8]) -> Contents {
    let inner = compression::inner_name(name);
    let by_name = [
        (&["jsonl", "ndjson"][..], Contents::Jsonl),
        (&["csv"], Contents::Table(b',')),
        (&["tsv", "tab"], Contents::Table(b'\t')),
        (&["warc"], Contents::Warc),
        (&["rss", "atom"], Contents::Feed),
        (&["html", "htm", "xhtml"], Contents::Html),
        (&["md", "markdown"], Contents::Markdown),
        (&["txt", "text"], Contents::Text),
    ];
    if let Some((_, kind)) = by_name.iter().find(|(exts, _)| has_extension(inner, exts)) {
        return *kind;
    }
    sniff(head)
}

/// Contents told by their first bytes alone (standard input, `.xml`, `.json`, no extension).
fn sniff(head: &[u8]) -> Contents {
    let text = String::from_utf8_lossy(&head[..head.len().min(1024)]);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let lower = text.to_ascii_lowercase();
    if text.starts_with("WARC/") {
        Contents::Warc
    } else if super::archive::feed::looks_like_feed(head) {
        Contents::Feed
    } else if text.starts_with('{') {
        Contents::Jsonl
    } else if lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.contains("<html") {
        Contents::Html
    } else {
        Contents::Text
    }
}

pub(super) fn load(source: &CorpusSource, opts: &LoadOptions, sink: &mut dyn FnMut(LoadEvent)) {
    let (name, input): (String, io::Result<Box<dyn Read + Send>>) = match source {
        CorpusSource::Archive(path) => {
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            let file = File::open(path);
            if let Ok(len) = std::fs::metadata(path).map(|m| m.len()) {
                sink(LoadEvent::Total {
                    files: None,
                    bytes: len,
                });
            }
            (name, file.map(|f| Box::new(f) as Box<dyn Read + Send>))
        }
        _ => ("stdin".into(), Ok(Box::new(io::stdin()) as Box<dyn Read + Send>)),
    };
    let shown = sanitize_line(&name);
    let input = match input {
        Ok(input) => input,
        Err(e) => {
            return sink(LoadEvent::Skipped(Skipped {
                path: shown,
                reason: e.to_string(),
            }));
        }
    };
    let spool_path = spool::path_for(&source.key());
    let writer = spool::Writer::create(&spool_path)
        .map_err(|e| tracing::error!("cannot create the spool {}: {e}", spool_path.display()))
        .ok();
    let mut input = io::BufReader::with_capacity(1 << 16, input);
    let compression = match input.fill_buf() {
        Ok(head) => Compression::sniff(head),
        Err(e) => {
            return sink(LoadEvent::Skipped(Skipped {
                path: shown,
                reason: e.to_string(),
            }));
        }
    };
    let (mut decoded, consumed) = match compression::decode(input, compression) {
        Ok(decoded) => decoded,
        Err(e) => {
            return sink(LoadEvent::Skipped(Skipped {
                path: shown,
                reason: e.to_string(),
            }));
        }
    };
    let mut out = Out {
        writer,
        pending: Vec::new(),
        sink,
        last: Instant::now(),
        consumed,
        articles: 0,
    };
    let kind = match decoded.fill_buf() {
        Ok(head) => contents(Path::new(&name), head),
        Err(e) => {
            out.skip(&name, e.to_string());
            out.flush();
            return;
        }
    };
    tracing::info!("reading {shown} as {kind:?} ({})", compression.label());
    match kind {
        Contents::Jsonl => jsonl::read_lines(&mut decoded, &shown, opts, &mut out),
        Contents::Html | Contents::Text | Contents::Markdown => single(&mut decoded, &name, kind, opts, &mut out),
        Contents::Table(delimiter) => records::table(&mut decoded, &shown, delimiter, opts, &mut out),
        Contents::Warc => records::crawl(&mut decoded, &shown, opts, &mut out),
        Contents::Feed => records::feed(&mut decoded, &shown, opts, &mut out),
    }
    out.progress();
    out.flush();
}

/// One article in a stream of its own (a compressed page or text), cut at the size cap.
fn single(decoded: &mut dyn BufRead, name: &str, kind: Contents, opts: &LoadOptions, out: &mut Out) {
    let mut bytes = Vec::new();
    if let Err(e) = decoded.take(opts.max_bytes + 1).read_to_end(&mut bytes) {
        if bytes.is_empty() {
            return out.skip(name, e.to_string());
        }
        // A truncated stream: what came before the break is still the article's start.
        tracing::warn!("{name}: {e}");
    }
    let truncated = bytes.len() as u64 > opts.max_bytes;
    if truncated {
        bytes.truncate(usize::try_from(opts.max_bytes).unwrap_or(usize::MAX));
    }
    let format = match kind {
        Contents::Markdown => Format::Markdown,
        Contents::Html => Format::Html,
        _ => Format::Text,
    };
    match parse(&bytes, format) {
        Ok(parsed) => out.article(name.to_string(), name, parsed, truncated, format),
        Err(reason) => out.skip(name, reason),
    }
}
