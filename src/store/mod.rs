//! The document store: finds articles, sanitises them, gives them stable ids, and reads an
//! article's full text again when the reader needs it.
//!
//! Only what the list needs ([`ArticleMeta`]) is kept for every article; bodies are re-read on
//! demand, so memory stays proportional to the corpus's metadata, not its text.

pub mod archive;
pub mod compression;
pub mod date;
pub mod html;
mod jsonl;
mod load;
mod markdown;
mod meta;
pub mod sanitize;
pub mod spool;
pub mod text;

use std::{
    fs::File,
    io::{self, Read},
    path::{Path, PathBuf},
};

pub use load::{Known, load, load_all, load_with};
pub use text::{Document, Para, ParaKind};

mod records;
mod sink;
mod stream;

mod seeds {
    include!(concat!(env!("OUT_DIR"), "/seeds.rs"));
}

/// What dossier opens, in a few words: for the empty-corpus message and `--help`.
pub const FORMATS: &str = "folders of .txt, .md and .html files; .jsonl, .csv, .tsv, .warc and feed archives, also .gz or .zst; - for standard input";

/// The bundled sample corpus: (file name, bytes).
pub fn seed_files() -> &'static [(&'static str, &'static [u8])] {
    seeds::SEEDS
}

/// Bytes in the head of a file searched for NUL to call it binary.
const BINARY_SNIFF: usize = 8192;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The io error is part of the message (not a `source`), so it prints once.
    #[error("cannot open '{path}': {reason}")]
    Open { path: String, reason: io::Error },
    #[error("'{0}' is neither a regular file nor a folder")]
    NotRegular(String),
    #[error(
        "'-' reads an archive from standard input, which is the terminal here; pipe one in: zcat dump.jsonl.gz | dossier -"
    )]
    StdinIsTerminal,
    #[error("'{path}' can no longer be read: {reason}")]
    Gone { path: String, reason: String },
}

/// What the user asked to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusSource {
    Seeds,
    Folder(PathBuf),
    File(PathBuf),
    Jsonl(PathBuf),
    /// A file read once as a stream of articles kept in the [`spool`]: anything compressed,
    /// a feed, a crawl, a spreadsheet.
    Archive(PathBuf),
    /// Standard input (`-`), read as an archive.
    Stdin,
}

impl CorpusSource {
    /// Check that PATH can be opened before the terminal is touched, so errors print plainly.
    pub fn resolve(path: Option<&Path>) -> Result<Self, StoreError> {
        let Some(path) = path else {
            return Ok(Self::Seeds);
        };
        if path == Path::new("-") {
            if io::IsTerminal::is_terminal(&io::stdin()) {
                return Err(StoreError::StdinIsTerminal);
            }
            return Ok(Self::Stdin);
        }
        let shown = || sanitize::sanitize_line(&path.display().to_string());
        let open_err = |reason| StoreError::Open { path: shown(), reason };
        let meta = std::fs::metadata(path).map_err(open_err)?;
        let canonical = path.canonicalize().map_err(open_err)?;
        if meta.is_dir() {
            std::fs::read_dir(path).map_err(open_err)?;
            Ok(Self::Folder(canonical))
        } else if meta.is_file() {
            let mut head = [0u8; 512];
            let mut file = File::open(path).map_err(open_err)?;
            let n = read_head(&mut file, &mut head).map_err(open_err)?;
            Ok(match stream::kind_of_file(path, &head[..n]) {
                stream::FileKind::Jsonl => Self::Jsonl(canonical),
                stream::FileKind::Article => Self::File(canonical),
                stream::FileKind::Archive => Self::Archive(canonical),
            })
        } else {
            Err(StoreError::NotRegular(shown()))
        }
    }

    /// A short name for the header: the folder or file name.
    pub fn name(&self) -> String {
        match self {
            Self::Seeds => "seeds".into(),
            Self::Stdin => "stdin".into(),
            Self::Folder(p) | Self::File(p) | Self::Jsonl(p) | Self::Archive(p) => sanitize::sanitize_line(
                &p.file_name()
                    .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()),
            ),
        }
    }

    /// The corpus as people call it: its path, or "the sample corpus".
    pub fn describe(&self) -> String {
        match self {
            Self::Seeds => "the sample corpus".into(),
            Self::Stdin => "standard input".into(),
            Self::Folder(p) | Self::File(p) | Self::Jsonl(p) | Self::Archive(p) => {
                sanitize::sanitize_line(&p.display().to_string())
            }
        }
    }

    /// A stable key for per-corpus state: the canonical path, or a fixed name for the seeds.
    pub fn key(&self) -> String {
        match self {
            Self::Seeds => "builtin:seeds".into(),
            // Whatever came through the pipe: its library is shared by every piped corpus.
            Self::Stdin => "stdin:".into(),
            Self::Folder(p) | Self::File(p) | Self::Jsonl(p) | Self::Archive(p) => p.display().to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Files (and JSONL lines) longer than this are cut here and marked truncated.
    pub max_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_bytes: 32 * 1024 * 1024,
        }
    }
}

/// Where an article's text lives, so it can be read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Seed(usize),
    File(PathBuf),
    /// A line of the corpus's JSON Lines file.
    Jsonl {
        offset: u64,
        len: u64,
    },
    /// A line of this process's spool: an article read from a stream (see [`spool`]).
    Spool {
        offset: u64,
        len: u64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Jsonl,
    /// A row of a CSV or TSV file.
    Table,
    /// A feed's entry (RSS, Atom, JSON Feed).
    Feed,
    /// A page of a web crawl (WARC).
    Crawl,
    /// A web page: the story is extracted from its markup (see [`html`]).
    Html,
}

/// What the list needs to know about an article: everything but the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMeta {
    pub id: String,
    pub title: String,
    /// Where it came from, for display: the path relative to the corpus root (sanitised).
    pub path: String,
    pub source: Option<String>,
    /// The article's web address (sanitised), when it has one.
    pub url: Option<String>,
    pub author: Option<String>,
    /// The date as the article wrote it (sanitised), for display when it could not be parsed.
    pub date: Option<String>,
    /// [`date`](Self::date) parsed (see [`date::parse`]): the date-time the article states, in
    /// its own offset (UTC for epoch numbers), midnight when only a date is known.
    pub published: Option<jiff::civil::DateTime>,
    pub words: u32,
    pub truncated: bool,
    pub format: Format,
    pub origin: Origin,
    /// A hash of the article's text as read ([`text::Parsed::content_hash`]): what tells an
    /// article rewritten in place (same line, same length, same title) from the one the
    /// catalog and the index hold.
    pub content: u64,
}

/// A file or line that could not be loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadEvent {
    Article(Box<ArticleMeta>),
    Skipped(Skipped),
    Progress {
        files: u64,
        bytes: u64,
    },
    /// How much there is to read in all, once known: files (not known for JSON Lines, whose
    /// lines are only counted by reading them) and bytes.
    Total {
        files: Option<u64>,
        bytes: u64,
    },
    Done,
}

/// Read an article's full text again, for the reader.
pub fn open_document(source: &CorpusSource, meta: &ArticleMeta, opts: &LoadOptions) -> Result<Document, StoreError> {
    let mut parsed = read_parsed(source, meta, opts)?;
    // The list's title is the one shown everywhere, even if the file changed since loading.
    parsed.title.clone_from(&meta.title);
    Ok(text::build_document(&parsed, &meta.meta_line(), meta.url.as_deref()))
}

/// An article's body as the reader shows it (paragraphs joined by `\n`): what entity
/// extraction and annotations measure offsets in.
pub fn read_body(source: &CorpusSource, meta: &ArticleMeta, opts: &LoadOptions) -> Result<String, StoreError> {
    read_parsed(source, meta, opts).map(|p| p.body())
}

/// Every article's body, in order, read in one pass (one open of a JSON Lines file rather than
/// one per article). `f` gets the article's position in `articles` and its body, or `None`
/// when it can no longer be read.
pub fn for_each_body(
    source: &CorpusSource,
    articles: &[ArticleMeta],
    opts: &LoadOptions,
    f: &mut dyn FnMut(usize, Option<String>),
) {
    for_each_body_at(source, articles, 0..articles.len(), opts, f);
}

/// [`for_each_body`] for the articles at positions `which` only.
pub fn for_each_body_at(
    source: &CorpusSource,
    articles: &[ArticleMeta],
    which: impl IntoIterator<Item = usize>,
    opts: &LoadOptions,
    f: &mut dyn FnMut(usize, Option<String>),
) {
    let mut lines = match source {
        CorpusSource::Jsonl(path) => jsonl::LineReader::open(path).ok(),
        CorpusSource::Archive(_) | CorpusSource::Stdin => jsonl::LineReader::open(&spool::path_for(&source.key())).ok(),
        _ => None,
    };
    for i in which {
        let Some(meta) = articles.get(i) else { continue };
        let body = match (&meta.origin, &mut lines) {
            (Origin::Jsonl { offset, len }, Some(reader)) => reader.read(*offset, *len).ok().map(|p| p.body()),
            _ => read_body(source, meta, opts).ok(),
        };
        f(i, body);
    }
}

fn read_parsed(source: &CorpusSource, meta: &ArticleMeta, opts: &LoadOptions) -> Result<text::Parsed, StoreError> {
    let gone = |reason: String| StoreError::Gone {
        path: meta.path.clone(),
        reason,
    };
    match (&meta.origin, source) {
        (Origin::Seed(i), _) => {
            let (_, bytes) = seed_files().get(*i).ok_or_else(|| gone("no such seed".into()))?;
            parse(bytes, meta.format).map_err(gone)
        }
        (Origin::File(path), _) => {
            let (bytes, _) = read_capped(path, opts.max_bytes).map_err(|e| gone(e.to_string()))?;
            parse(&bytes, meta.format).map_err(gone)
        }
        (Origin::Jsonl { offset, len }, CorpusSource::Jsonl(path)) => {
            jsonl::read_line(path, *offset, *len).map_err(gone)
        }
        // A JSON Lines archive read as a stream keeps its lines in the spool.
        (Origin::Jsonl { offset, len }, CorpusSource::Archive(_) | CorpusSource::Stdin) => {
            jsonl::read_line(&spool::path_for(&source.key()), *offset, *len).map_err(gone)
        }
        (Origin::Jsonl { .. }, _) => Err(gone("not a JSON Lines corpus".into())),
        (Origin::Spool { offset, len }, _) => spool::read(&spool::path_for(&source.key()), *offset, *len).map_err(gone),
    }
}

/// Sanitise and parse one file's bytes. `Err` is the reason to skip it.
pub fn parse(raw: &[u8], format: Format) -> Result<text::Parsed, String> {
    if raw.is_empty() {
        return Err("empty file".into());
    }
    if raw[..raw.len().min(BINARY_SNIFF)].contains(&0) {
        return Err("binary file (contains NUL bytes)".into());
    }
    if format == Format::Html {
        // Raw bytes: the page's charset is decoded there, before anything is sanitised (the
        // extractor sanitises every string it returns).
        return html::extract(raw, None);
    }
    let clean = sanitize::sanitize(raw);
    if clean.trim().is_empty() {
        return Err("no text".into());
    }
    let mut parsed = match format {
        Format::Markdown => markdown::parse_markdown(&clean),
        Format::Text | Format::Jsonl | Format::Html | Format::Table | Format::Feed | Format::Crawl => {
            text::parse_text(&clean)
        }
    };
    parsed.title = sanitize::sanitize_line(&parsed.title);
    Ok(parsed)
}

/// Fill `buf` from the start of `reader` as far as it goes (short files are shorter).
fn read_head(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match reader.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Read at most `max` bytes of a regular file; `true` when there was more. A cut file ends at
/// its last complete line so no half-character or half-word is shown.
pub fn read_capped(path: &Path, max: u64) -> io::Result<(Vec<u8>, bool)> {
    let file = File::open(path)?;
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes)?;
    let truncated = bytes.len() as u64 > max;
    if truncated {
        bytes.truncate(usize::try_from(max).unwrap_or(usize::MAX));
        if let Some(nl) = bytes.iter().rposition(|&b| b == b'\n') {
            bytes.truncate(nl + 1);
        }
    }
    Ok((bytes, truncated))
}

pub fn has_extension(path: &Path, exts: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Articles are numbered with `u32` in the list, the matcher and the indexes (half the memory of
/// `usize` at a million articles): a corpus holds fewer than four billion, and one larger is
/// numbered up to there.
pub fn article_number(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// What changes when an article's text may have: for files their modification time and size
/// (a stat, no read); for lines of a JSON Lines file or a spool their place and
/// [`ArticleMeta::content`]; for the bundled seeds their bytes. Never 0, which stands for
/// "could not be read".
pub fn change_stamp(meta: &ArticleMeta) -> u64 {
    let mut bytes: Vec<u8> = Vec::with_capacity(32);
    match &meta.origin {
        Origin::Seed(i) => {
            bytes.extend(seed_files().get(*i).map_or(&[][..], |(_, b)| *b));
        }
        Origin::File(path) => return file_stamp(path),
        Origin::Jsonl { offset, len } | Origin::Spool { offset, len } => {
            bytes.extend(offset.to_le_bytes());
            bytes.extend(len.to_le_bytes());
            bytes.extend(meta.content.to_le_bytes());
        }
    }
    fnv1a64(bytes).max(1)
}

/// A file's modification time and size, hashed: a stat, no read. 0 when it cannot be statted.
pub fn file_stamp(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| metadata_stamp(&m))
}

/// [`file_stamp`] of metadata already at hand.
pub fn metadata_stamp(m: &std::fs::Metadata) -> u64 {
    let nanos = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    // The change time too, where there is one: it cannot be set back, so a file rewritten in
    // place with its size and modification time restored is still seen to have changed.
    #[cfg(unix)]
    let changed = {
        use std::os::unix::fs::MetadataExt;
        (m.ctime(), m.ctime_nsec(), m.ino())
    };
    #[cfg(not(unix))]
    let changed = (0i64, 0i64, 0u64);
    let bytes = nanos
        .to_le_bytes()
        .into_iter()
        .chain(m.len().to_le_bytes())
        .chain(changed.0.to_le_bytes())
        .chain(changed.1.to_le_bytes())
        .chain(changed.2.to_le_bytes());
    fnv1a64(bytes).max(1)
}

/// A stable 64-bit FNV-1a hash, for ids of articles that have none. Stable across Rust
/// releases, unlike `DefaultHasher`, because ids are persisted.
pub fn content_id(parts: &[&str]) -> String {
    // 0xff never occurs in UTF-8, so it separates the parts unambiguously.
    let bytes = parts.iter().flat_map(|p| p.bytes().chain([0xff]));
    format!("{:016x}", fnv1a64(bytes))
}

/// FNV-1a, 64 bits: the one hash for names and ids that are stored (article ids here, state
/// file names in the library), where `DefaultHasher` could change between Rust releases.
pub fn fnv1a64(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
