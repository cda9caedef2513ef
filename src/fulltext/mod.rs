//! Full-text search over articles' bodies, headlines, authors and sources: a tantivy index kept
//! in the user's cache directory.
//!
//! Tantivy rather than `SQLite` FTS5: its top-k collector skips most of a common term's postings
//! (block-max WAND), so a one-word query over a million articles ranks in milliseconds where
//! FTS5's `ORDER BY rank` scores every matching row; it is pure Rust (no C build in CI); and its
//! snippet generator and analyzers are the same code the index uses, so highlights agree with
//! what matched.
//!
//! The index is a cache, never the truth: one that cannot be opened, fails its checksums or was
//! written by another version of dossier is deleted and rebuilt from the articles.

pub mod build;
pub mod health;
pub mod worker;

use std::{
    collections::HashSet,
    fs::File,
    io,
    ops::Range,
    path::{Path, PathBuf},
};

use tantivy::{
    DocAddress, Index, IndexReader, ReloadPolicy,
    collector::{Count, TopDocs},
    query::{Query, QueryParser},
    schema::{FAST, Field, INDEXED, IndexRecordOption, Schema, TextFieldIndexing, TextOptions},
    snippet::SnippetGenerator,
    tokenizer::{
        AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
        TokenizerManager,
    },
};

use crate::store::fnv1a64;

/// Bumped whenever the schema, the analyzer or what is indexed changes: an index of another
/// version is rebuilt, not trusted. 2: authors and sources are indexed.
pub const VERSION: u32 = 2;
const ANALYZER: &str = "dossier";
/// Characters in a result's snippet: more than a list row shows, so the hit can be centred.
const SNIPPET_CHARS: usize = 160;

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index at {path}: {reason}")]
    Io { path: String, reason: io::Error },
    /// Tantivy panicked reading the index: its files are not what they claim to be.
    #[error("the search index is damaged (reading it panicked: {0})")]
    Panicked(String),
}

impl IndexError {
    pub(crate) fn io(path: &Path, reason: io::Error) -> Self {
        Self::Io {
            path: path.display().to_string(),
            reason,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// [`article_key`] of the article's id: what a hit is mapped back through.
    pub key: Field,
    /// [`build::stamp`] of the article when it was indexed: a different one means re-index.
    pub stamp: Field,
    pub title: Field,
    pub body: Field,
    /// Byline and source (publication or URL): `--search fischer` finds what Lena Fischer
    /// wrote even where the body never names her.
    pub author: Field,
    pub source: Field,
}

impl Fields {
    /// What a query searches when it names no field.
    fn searched(self) -> Vec<Field> {
        vec![self.title, self.body, self.author, self.source]
    }
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        key: builder.add_u64_field("key", INDEXED | FAST),
        stamp: builder.add_u64_field("stamp", FAST),
        title: builder.add_text_field("title", text.clone()),
        body: builder.add_text_field("body", text.clone()),
        author: builder.add_text_field("author", text.clone()),
        source: builder.add_text_field("source", text),
    };
    (builder.build(), fields)
}

/// Words are split on anything not alphanumeric, lower-cased, folded to ASCII and stemmed, so
/// "Élections" finds "elections" and "election".
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The key an article is indexed under: a hash of its id (ids are unique within a corpus).
pub fn article_key(id: &str) -> u64 {
    fnv1a64(id.bytes())
}

/// Article positions by key; the first of articles sharing an id wins, as in the index.
pub fn key_map(articles: &[crate::store::ArticleMeta]) -> std::collections::HashMap<u64, u32> {
    let mut keys = std::collections::HashMap::with_capacity(articles.len());
    for (i, a) in articles.iter().enumerate() {
        keys.entry(article_key(&a.id))
            .or_insert(crate::store::article_number(i));
    }
    keys
}

/// Where a corpus's index lives under the cache directory.
pub fn dir_for(cache_dir: &Path, corpus_key: &str) -> PathBuf {
    cache_dir
        .join("index")
        .join(format!("{:016x}", fnv1a64(corpus_key.bytes())))
}

/// The sidecar file whose lock makes one process at a time the index's writer.
fn lock_path(dir: &Path) -> PathBuf {
    dir.with_extension("lock")
}

/// Try to become the only writer of the index in `dir`. `None` when another process is.
pub fn lock_writer(dir: &Path) -> Result<Option<File>, IndexError> {
    let path = lock_path(dir);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| IndexError::io(parent, e))?;
    }
    let (file, notice) = crate::safe_fs::open_lock(&path).map_err(|e| IndexError::io(&path, e))?;
    if let Some(notice) = notice {
        tracing::warn!("{notice}");
    }
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(IndexError::io(&path, e)),
    }
}

/// An open index and a reader over its last commit.
#[derive(Clone)]
pub struct SearchIndex {
    pub index: Index,
    reader: IndexReader,
    pub fields: Fields,
    dir: PathBuf,
}

/// A parsed query, ready to search with and to cut snippets for.
pub struct Prepared {
    query: Box<dyn Query>,
    snippets: SnippetGenerator,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub key: u64,
    pub score: f32,
}

/// One line of a result's text around its best hit, with the matched words' byte ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

impl SearchIndex {
    /// Open the index in `dir` as its writer: create it when missing, and clear and recreate
    /// it when it is corrupt, was written by another version or is not what dossier last
    /// committed. Also returns why it was recreated, if it was.
    pub fn open_or_create(dir: &Path) -> Result<(Self, Option<String>), IndexError> {
        let why = match health::guard(|| Ok(Self::open_checked(dir, Check::Writer))) {
            Ok(Ok(index)) => return Ok((index, None)),
            Ok(Err(Unusable::Missing)) => None,
            Ok(Err(Unusable::Bad(reason))) => Some(reason),
            Err(panicked) => Some(panicked.to_string()),
        };
        Self::create(dir, why)
    }

    /// Clear whatever is at `dir` and start an empty index there.
    pub fn create(dir: &Path, why: Option<String>) -> Result<(Self, Option<String>), IndexError> {
        let cleared = health::clear(dir)?;
        let why = match (why, cleared) {
            (Some(why), Some(cleared)) => Some(format!("{why}; {cleared}")),
            (why, cleared) => why.or(cleared),
        };
        std::fs::create_dir_all(dir).map_err(|e| IndexError::io(dir, e))?;
        let (schema, fields) = schema();
        let index = Index::create_in_dir(dir, schema)?;
        index.tokenizers().register(ANALYZER, analyzer());
        let reader = reader(&index)?;
        let opened = Self {
            index,
            reader,
            fields,
            dir: dir.to_path_buf(),
        };
        opened.seal()?;
        Ok((opened, why))
    }

    /// Record the commit the index is at as dossier's own: call after every commit.
    pub fn seal(&self) -> Result<(), IndexError> {
        let commit = health::commit_of(&self.index)?;
        health::write_marker(&self.dir, VERSION, commit)
    }

    /// Open an existing index (read-only use: another process may be writing it), checking its
    /// version, every file's checksum and its columns.
    pub fn open(dir: &Path) -> Result<Self, Unusable> {
        health::guard(|| Ok(Self::open_checked(dir, Check::Reader)))
            .unwrap_or_else(|e| Err(Unusable::Bad(e.to_string())))
    }

    fn open_checked(dir: &Path, check: Check) -> Result<Self, Unusable> {
        let marker = match health::read_marker(dir) {
            Some(Ok(marker)) => marker,
            Some(Err(why)) => return Err(Unusable::Bad(why)),
            None if std::fs::symlink_metadata(dir).is_ok_and(|m| !m.is_dir()) => {
                return Err(Unusable::Bad("it is not a folder".into()));
            }
            None if dir.join("meta.json").exists() => return Err(Unusable::Bad("it has no version marker".into())),
            None => return Err(Unusable::Missing),
        };
        if marker.version != VERSION {
            return Err(Unusable::Bad(format!(
                "it was written by another version ({})",
                marker.version
            )));
        }
        let bad = |e: tantivy::TantivyError| Unusable::Bad(e.to_string());
        let index = Index::open_in_dir(dir).map_err(bad)?;
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Err(Unusable::Bad("its schema differs".into()));
        }
        // Only the writer's marker is current: a reader may look between a commit and its seal.
        let commit = health::commit_of(&index).map_err(bad)?;
        if check == Check::Writer && commit != marker.commit {
            return Err(Unusable::Bad(format!(
                "its meta.json (commit {}, {} documents) is not the commit dossier made last (commit {}, {} documents)",
                commit.opstamp, commit.docs, marker.commit.opstamp, marker.commit.docs
            )));
        }
        let damaged = health::damaged_files(&index).map_err(bad)?;
        if let Some(first) = damaged.first() {
            return Err(Unusable::Bad(format!(
                "{} file(s) are missing or fail their checksum ({})",
                damaged.len(),
                first.display()
            )));
        }
        index.tokenizers().register(ANALYZER, analyzer());
        let reader = reader(&index).map_err(bad)?;
        health::check_columns(&reader.searcher()).map_err(Unusable::Bad)?;
        Ok(Self {
            index,
            reader,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// Where the index lives.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// See the latest commit (of this or another process).
    pub fn reload(&self) -> Result<(), IndexError> {
        Ok(self.reader.reload()?)
    }

    /// Documents in the last commit this reader has seen.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Bytes the index takes on disk.
    pub fn size_on_disk(&self) -> u64 {
        walk_size(&self.dir)
    }

    /// Parse what the user typed: words must all occur (each in the title, the body, the
    /// author or the source), `"a b"` is a phrase, `-word` excludes, `a OR b` either. Syntax
    /// errors are forgiven, never reported.
    pub fn prepare(&self, text: &str) -> Result<Prepared, IndexError> {
        let mut parser = QueryParser::for_index(&self.index, self.fields.searched());
        parser.set_conjunction_by_default();
        // A word in the headline says more about what an article is about than one in passing.
        parser.set_field_boost(self.fields.title, 2.0);
        let (query, _errors) = parser.parse_query_lenient(text);
        let mut snippets = SnippetGenerator::create(&self.reader.searcher(), &*query, self.fields.body)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        Ok(Prepared { query, snippets })
    }

    /// The best `limit` articles for a query, best first (BM25), and how many match in all.
    pub fn search(&self, prepared: &Prepared, limit: usize) -> Result<(Vec<Hit>, usize), IndexError> {
        let searcher = self.reader.searcher();
        let collector = (TopDocs::with_limit(limit.max(1)).order_by_score(), Count);
        let (top, total) = searcher.search(&*prepared.query, &collector)?;
        let mut keys = Vec::new();
        for segment in searcher.segment_readers() {
            keys.push(segment.fast_fields().u64("key")?);
        }
        let hits = top
            .into_iter()
            .filter_map(|(score, DocAddress { segment_ord, doc_id })| {
                let key = keys.get(segment_ord as usize)?.first(doc_id)?;
                Some(Hit { key, score })
            })
            .collect();
        Ok((hits, total))
    }

    /// Every live document's (key, stamp): what the index holds, to compare with the corpus.
    pub fn stamps(&self) -> Result<std::collections::HashMap<u64, u64>, IndexError> {
        let searcher = self.reader.searcher();
        let mut stamps = std::collections::HashMap::with_capacity(usize::try_from(searcher.num_docs()).unwrap_or(0));
        for segment in searcher.segment_readers() {
            let keys = segment.fast_fields().u64("key")?;
            let stamp = segment.fast_fields().u64("stamp")?;
            for doc in segment.doc_ids_alive() {
                if let (Some(k), Some(s)) = (keys.first(doc), stamp.first(doc)) {
                    stamps.insert(k, s);
                }
            }
        }
        Ok(stamps)
    }
}

/// Who opens the index: only its writer's marker is sure to be current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    Writer,
    Reader,
}

/// Why an index folder cannot be used as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    Missing,
    Bad(String),
}

fn reader(index: &Index) -> tantivy::Result<IndexReader> {
    // Manual: the searcher reloads before each query, which also picks up another process's
    // commits, without tantivy's file-watching thread.
    index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()
}

fn walk_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len())
        .sum()
}

impl Prepared {
    /// A one-line snippet of `body` around its best hits; the body's opening when no body word
    /// matched (a hit in the title, the author or the source only).
    pub fn snippet(&self, body: &str) -> Snippet {
        let found = self.snippets.snippet(body);
        if found.is_empty() {
            let end = body.char_indices().nth(SNIPPET_CHARS).map_or(body.len(), |(i, _)| i);
            return Snippet {
                text: body[..end].replace('\n', " "),
                highlights: Vec::new(),
            };
        }
        Snippet {
            // Paragraph breaks become spaces (same length, so the ranges still hold).
            text: found.fragment().replace('\n', " "),
            highlights: found.highlighted().to_vec(),
        }
    }
}

/// The analysed terms of a query, for highlighting hits in the reader. Pure: no index needed.
/// Terms of excluded words are included too; they cannot occur in a matching article anyway.
pub fn query_terms(text: &str) -> HashSet<String> {
    let (schema, fields) = schema();
    let tokenizers = TokenizerManager::default();
    tokenizers.register(ANALYZER, analyzer());
    let parser = QueryParser::new(schema, fields.searched(), tokenizers);
    let (query, _errors) = parser.parse_query_lenient(text);
    let mut terms = HashSet::new();
    query.query_terms(&mut |term, _| {
        if let Some(text) = term.value().as_str() {
            terms.insert(text.to_string());
        }
    });
    terms
}

/// Byte ranges in `text` of every word that analyses to one of `terms`, in order.
pub fn hit_ranges<S: std::hash::BuildHasher>(text: &str, terms: &HashSet<String, S>) -> Vec<Range<usize>> {
    if terms.is_empty() {
        return Vec::new();
    }
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut hits = Vec::new();
    while stream.advance() {
        let token = stream.token();
        if terms.contains(&token.text) {
            hits.push(token.offset_from..token.offset_to);
        }
    }
    hits
}

#[cfg(test)]
mod tests;
