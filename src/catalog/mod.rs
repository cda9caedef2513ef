//! The catalog: what was learned about a corpus, kept in the cache directory beside its
//! full-text index, so that a corpus opened again is served without reading it.
//!
//! For every article it keeps what the list, the filter and the sidebar need (its
//! [`ArticleMeta`], with where it lives and its [`change_stamp`]), the entities extracted from
//! it, and the corpus-wide casing statistics the extractor used. It is a cache: a file that
//! is damaged, cut short, of another format or made by another extractor is rebuilt, never
//! trusted (every byte is covered by a CRC-32, and every length is checked as it is read). It
//! is written whole to a temporary file renamed over the old one, by one process at a time
//! (a lock beside it); another instance reads the last one written.

mod codec;
pub mod open;

use std::{
    io,
    path::{Path, PathBuf},
};

use codec::{Damaged, Decoder, Encoder};
use rustc_hash::FxHashMap;

use crate::{
    dups::Signature,
    entities::{CaseStats, EXTRACTOR_VERSION, Kind, corpus::Found},
    store::{ArticleMeta, CorpusSource, Format, LoadOptions, Origin, Skipped, fnv1a64},
};

pub use open::{Outcome, load};

const MAGIC: &[u8; 8] = b"DOSSCAT\0";
/// Raise with every change to the layout below.
const FORMAT_VERSION: u32 = 2;

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{0}")]
    Untrusted(String),
}

/// Everything kept of one corpus.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// [`corpus_stamp`] when it was written: equal means a single-file corpus is unchanged.
    pub corpus_stamp: u64,
    pub articles: Vec<ArticleMeta>,
    /// [`change_stamp`] of each article when it was read.
    pub stamps: Vec<u64>,
    pub skipped: Vec<Skipped>,
    /// Entities of each article, in the order of `articles`.
    pub found: Vec<Vec<Found>>,
    /// Near-duplicate signature of each article (64 bytes each), in the same order.
    pub sigs: Vec<Signature>,
    pub stats: CaseStats,
}

/// Where the catalog of the corpus `key` lives.
pub fn path_for(cache_dir: &Path, key: &str) -> PathBuf {
    cache_dir
        .join("catalog")
        .join(format!("{:016x}.cat", fnv1a64(key.bytes())))
}

/// The stamp of the whole corpus, where one stat tells it: a single file's time and size, the
/// bundled seeds' bytes. `None` for a folder (each file is stamped) and for streams.
pub fn corpus_stamp(source: &CorpusSource) -> Option<u64> {
    match source {
        CorpusSource::Seeds => Some(
            fnv1a64(
                crate::store::seed_files()
                    .iter()
                    .flat_map(|(n, b)| n.bytes().chain(b.iter().copied())),
            )
            .max(1),
        ),
        CorpusSource::File(p) | CorpusSource::Jsonl(p) => Some(crate::store::file_stamp(p)).filter(|&s| s != 0),
        CorpusSource::Folder(_) | CorpusSource::Archive(_) | CorpusSource::Stdin => None,
    }
}

/// The header: what a catalog must agree on before its payload is even looked at.
fn header(key: &str, opts: &LoadOptions) -> Encoder {
    let mut e = Encoder::default();
    e.buf.extend_from_slice(MAGIC);
    e.u32(FORMAT_VERSION);
    e.u32(EXTRACTOR_VERSION);
    e.u64(opts.max_bytes);
    e.str(key);
    e
}

/// A catalog to write, borrowed from whoever holds its parts (the loader), so that writing it
/// needs no second copy of a million articles.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub corpus_stamp: u64,
    pub articles: &'a [ArticleMeta],
    pub stamps: &'a [u64],
    pub skipped: &'a [Skipped],
    pub found: &'a [Vec<Found>],
    pub sigs: &'a [Signature],
    pub stats: &'a CaseStats,
}

impl Catalog {
    pub fn view(&self) -> View<'_> {
        View {
            corpus_stamp: self.corpus_stamp,
            articles: &self.articles,
            stamps: &self.stamps,
            skipped: &self.skipped,
            found: &self.found,
            sigs: &self.sigs,
            stats: &self.stats,
        }
    }

    /// The catalog as bytes, header and checksum included.
    pub fn encode(&self, key: &str, opts: &LoadOptions) -> Vec<u8> {
        self.view().encode(key, opts)
    }
}

impl<'a> View<'a> {
    /// The catalog as bytes, header and checksum included.
    pub fn encode(&self, key: &str, opts: &LoadOptions) -> Vec<u8> {
        let payload = self.payload();
        let mut e = header(key, opts);
        e.u64(payload.len() as u64);
        e.u32(crc32fast::hash(&payload));
        e.buf.extend_from_slice(&payload);
        e.buf
    }

    fn payload(&self) -> Vec<u8> {
        let mut names: FxHashMap<&'a str, u32> = FxHashMap::default();
        let mut table: Vec<&'a str> = Vec::new();
        let mut intern = |s: &'a str| -> u32 {
            *names.entry(s).or_insert_with(|| {
                table.push(s);
                u32::try_from(table.len() - 1).unwrap_or(u32::MAX)
            })
        };
        let all_found: &'a [Vec<Found>] = self.found;
        // Entity names repeat across articles: each is written once, then referred to by number.
        let mut body = Encoder::default();
        body.len(self.articles.len());
        for (i, a) in self.articles.iter().enumerate() {
            write_meta(&mut body, a);
            body.u64(self.stamps.get(i).copied().unwrap_or(0));
            let found = all_found.get(i).map_or(&[][..], Vec::as_slice);
            body.len(found.len());
            for f in found {
                body.u32(intern(&f.name));
                body.u8(kind_code(f.kind));
                body.u32(f.mentions);
                body.len(f.aliases.len());
                for alias in &f.aliases {
                    body.u32(intern(alias));
                }
            }
            body.buf
                .extend_from_slice(&self.sigs.get(i).copied().unwrap_or_default().0);
        }
        let mut e = Encoder::default();
        e.u64(self.corpus_stamp);
        e.len(table.len());
        for s in &table {
            e.str(s);
        }
        e.buf.extend_from_slice(&body.buf);
        e.len(self.skipped.len());
        for s in self.skipped {
            e.str(&s.path);
            e.str(&s.reason);
        }
        e.len(self.stats.len());
        for (word, counts) in self.stats.entries() {
            e.str(word);
            for c in counts {
                e.u32(c);
            }
        }
        e.buf
    }
}

impl Catalog {
    /// Read a catalog written by [`Catalog::encode`] for the same corpus key and options.
    pub fn decode(bytes: &[u8], key: &str, opts: &LoadOptions) -> Result<Self, CatalogError> {
        Self::decode_with(bytes, key, opts, true)
    }

    /// [`Catalog::decode`]; without `entities` the kept entities are checked and skipped, not
    /// decoded (`found` is left empty).
    pub fn decode_with(bytes: &[u8], key: &str, opts: &LoadOptions, entities: bool) -> Result<Self, CatalogError> {
        let untrusted = |why: &str| CatalogError::Untrusted(why.to_string());
        let expected = header(key, opts).buf;
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(untrusted("not a dossier catalog"));
        }
        let Some(head) = bytes.get(..expected.len()) else {
            return Err(untrusted("cut short in its header"));
        };
        if head != expected.as_slice() {
            return Err(untrusted(
                "made by another version of dossier or its extractor, or for other options",
            ));
        }
        let mut d = Decoder::new(&bytes[expected.len()..]);
        let (len, crc) = (d.u64(), d.u32());
        let (Ok(len), Ok(crc)) = (len, crc) else {
            return Err(untrusted("cut short in its header"));
        };
        let payload = usize::try_from(len)
            .ok()
            .and_then(|n| d.take(n).ok())
            .ok_or_else(|| untrusted("cut short"))?;
        if !d.is_empty() {
            return Err(untrusted("longer than it says"));
        }
        if crc32fast::hash(payload) != crc {
            return Err(untrusted("its checksum does not match (damaged)"));
        }
        Self::read_payload(payload, entities).map_err(|e| CatalogError::Untrusted(e.to_string()))
    }

    fn read_payload(bytes: &[u8], entities: bool) -> Result<Self, Damaged> {
        let mut d = Decoder::new(bytes);
        let corpus_stamp = d.u64()?;
        let n = d.count(4)?;
        let table: Vec<&str> = (0..n).map(|_| d.str()).collect::<Result<_, _>>()?;
        let name = |d: &mut Decoder, table: &[&str]| -> Result<String, Damaged> {
            let i = d.u32()? as usize;
            table
                .get(i)
                .map(|s| (*s).to_string())
                .ok_or_else(|| d.damaged("a name number out of range"))
        };
        let n = d.count(104)?;
        let (mut articles, mut stamps, mut found) =
            (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        let mut sigs = Vec::with_capacity(n);
        for _ in 0..n {
            articles.push(read_meta(&mut d)?);
            stamps.push(d.u64()?);
            let k = d.count(13)?;
            if !entities {
                // Walked over, every number still checked against the table, nothing kept.
                for _ in 0..k {
                    let at = d.u32()? as usize;
                    let kind = d.u8()?;
                    d.u32()?;
                    let aliases = d.count(4)?;
                    let ok = at < table.len() && kind_of(kind).is_some();
                    let aliases_ok = (0..aliases)
                        .try_fold(true, |ok, _| Ok::<_, Damaged>(ok && (d.u32()? as usize) < table.len()))?;
                    if !(ok && aliases_ok) {
                        return Err(d.damaged("a bad entity"));
                    }
                }
                sigs.push(read_sig(&mut d)?);
                continue;
            }
            let mut of = Vec::with_capacity(k);
            for _ in 0..k {
                let entity = name(&mut d, &table)?;
                let kind = kind_of(d.u8()?).ok_or_else(|| d.damaged("a bad entity kind"))?;
                let mentions = d.u32()?;
                let aliases = (0..d.count(4)?)
                    .map(|_| name(&mut d, &table))
                    .collect::<Result<_, _>>()?;
                of.push(Found {
                    name: entity,
                    kind,
                    mentions,
                    aliases,
                });
            }
            found.push(of);
            sigs.push(read_sig(&mut d)?);
        }
        let skipped = (0..d.count(8)?)
            .map(|_| {
                Ok(Skipped {
                    path: d.string()?,
                    reason: d.string()?,
                })
            })
            .collect::<Result<_, Damaged>>()?;
        let words = (0..d.count(16)?)
            .map(|_| Ok((Box::from(d.str()?), [d.u32()?, d.u32()?, d.u32()?])))
            .collect::<Result<Vec<_>, Damaged>>()?;
        if !d.is_empty() {
            return Err(d.damaged("bytes after the end"));
        }
        Ok(Self {
            corpus_stamp,
            articles,
            stamps,
            skipped,
            found,
            sigs,
            stats: CaseStats::from_entries(words),
        })
    }
}

/// A signature as written: 64 bytes whose first says whether the article was judged.
fn read_sig(d: &mut Decoder) -> Result<Signature, Damaged> {
    let bytes = d.take(64)?;
    let mut sig = [0u8; 64];
    sig.copy_from_slice(bytes);
    if sig[0] > 1 || (sig[0] == 0 && sig != [0; 64]) {
        return Err(d.damaged("a bad signature"));
    }
    Ok(Signature(sig))
}

/// Read and check the catalog at `path`. `Ok(None)`: there is none yet.
/// The bytes of the catalog at `path`, to [`Catalog::decode_with`]. `Ok(None)`: there is none.
pub fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>, CatalogError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(CatalogError::Io {
            path: path.display().to_string(),
            source,
        }),
    }
}

/// Write the catalog at `path` if no other process is writing it now (then it is theirs to
/// write, and `Ok(false)` says this one was not).
pub fn write(path: &Path, key: &str, opts: &LoadOptions, catalog: View<'_>) -> io::Result<bool> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let (lock, notice) = crate::safe_fs::open_lock(&path.with_extension("lock"))?;
    if let Some(notice) = notice {
        tracing::warn!("{notice}");
    }
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => return Ok(false),
        Err(std::fs::TryLockError::Error(e)) => return Err(e),
    }
    // A directory (or anything but a file) where the catalog belongs is moved out of the way.
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        std::fs::remove_dir_all(path)?;
    }
    crate::safe_fs::write_private(path, &catalog.encode(key, opts))?;
    Ok(true)
}

fn kind_code(kind: Kind) -> u8 {
    match kind {
        Kind::Person => 0,
        Kind::Organization => 1,
        Kind::Place => 2,
        Kind::Other => 3,
    }
}

fn kind_of(code: u8) -> Option<Kind> {
    Some(match code {
        0 => Kind::Person,
        1 => Kind::Organization,
        2 => Kind::Place,
        3 => Kind::Other,
        _ => return None,
    })
}

const FORMATS: [Format; 7] = [
    Format::Text,
    Format::Markdown,
    Format::Jsonl,
    Format::Table,
    Format::Feed,
    Format::Crawl,
    Format::Html,
];

fn write_meta(e: &mut Encoder, a: &ArticleMeta) {
    e.str(&a.id);
    e.str(&a.title);
    e.str(&a.path);
    e.opt_str(a.source.as_deref());
    e.opt_str(a.url.as_deref());
    e.opt_str(a.author.as_deref());
    e.opt_str(a.date.as_deref());
    match a.published {
        None => e.u8(0),
        Some(at) => {
            e.u8(1);
            e.u32(u32::from(at.year().cast_unsigned()));
            for part in [at.month(), at.day(), at.hour(), at.minute(), at.second()] {
                e.u8(part.cast_unsigned());
            }
            e.u32(at.subsec_nanosecond().cast_unsigned());
        }
    }
    e.u32(a.words);
    e.u8(u8::from(a.truncated));
    e.u8(FORMATS
        .iter()
        .position(|f| *f == a.format)
        .map_or(0, |i| u8::try_from(i).unwrap_or(0)));
    match &a.origin {
        Origin::Seed(i) => {
            e.u8(0);
            e.u64(*i as u64);
        }
        Origin::File(p) => {
            e.u8(1);
            e.path(p);
        }
        Origin::Jsonl { offset, len } => {
            e.u8(2);
            e.u64(*offset);
            e.u64(*len);
        }
        Origin::Spool { offset, len } => {
            e.u8(3);
            e.u64(*offset);
            e.u64(*len);
        }
    }
    e.u64(a.content);
}

fn read_meta(d: &mut Decoder) -> Result<ArticleMeta, Damaged> {
    let (id, title, path) = (d.string()?, d.string()?, d.string()?);
    let (source, url, author, date) = (d.opt_string()?, d.opt_string()?, d.opt_string()?, d.opt_string()?);
    let published = match d.u8()? {
        0 => None,
        1 => {
            let year = i16::try_from(d.u32()?.cast_signed()).map_err(|_| d.damaged("a bad year"))?;
            let mut parts = [0i8; 5];
            for p in &mut parts {
                *p = d.u8()?.cast_signed();
            }
            let nanos = d.u32()?.cast_signed();
            let [month, day, hour, minute, second] = parts;
            Some(
                jiff::civil::DateTime::new(year, month, day, hour, minute, second, nanos)
                    .map_err(|_| d.damaged("a bad date"))?,
            )
        }
        _ => return Err(d.damaged("a bad date tag")),
    };
    let words = d.u32()?;
    let truncated = d.u8()? != 0;
    let format = *FORMATS.get(d.u8()? as usize).ok_or_else(|| d.damaged("a bad format"))?;
    let origin = match d.u8()? {
        0 => Origin::Seed(usize::try_from(d.u64()?).map_err(|_| d.damaged("a bad seed"))?),
        1 => Origin::File(d.path()?),
        2 => Origin::Jsonl {
            offset: d.u64()?,
            len: d.u64()?,
        },
        3 => Origin::Spool {
            offset: d.u64()?,
            len: d.u64()?,
        },
        _ => return Err(d.damaged("a bad origin")),
    };
    let content = d.u64()?;
    Ok(ArticleMeta {
        id,
        title,
        path,
        source,
        url,
        author,
        date,
        published,
        words,
        truncated,
        format,
        origin,
        content,
    })
}
