//! Bringing an index up to date with the corpus: new and changed articles are (re)indexed,
//! vanished ones deleted, unchanged ones left alone, so a second start costs a stat per file.

use std::{collections::HashSet, path::Path};

use tantivy::{IndexWriter, TantivyDocument, Term};

use super::{IndexError, SearchIndex, article_key, health};
use crate::store::{ArticleMeta, CorpusSource, LoadOptions, for_each_body_at};

/// Commit this often while building, so a long first build is searchable (and survives being
/// interrupted) part of the way through.
const COMMIT_EVERY: usize = 20_000;
/// Bytes tantivy may buffer before writing a segment. Bigger means fewer segments to search
/// but more memory while building; 32 MB keeps peak memory well below the corpus size.
const WRITER_MEMORY: usize = 32 * 1024 * 1024;
/// How often (in articles) progress is reported.
const PROGRESS_EVERY: usize = 512;

/// What changes an article's text without changing its id: see [`crate::store::change_stamp`].
pub fn stamp(meta: &ArticleMeta) -> u64 {
    crate::store::change_stamp(meta)
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Articles indexed (new or changed).
    pub indexed: usize,
    /// Articles already in the index as they are.
    pub kept: usize,
    /// Documents deleted because their article changed or is gone.
    pub removed: usize,
}

/// Make the index match `articles`. `progress(done, total, committed)` is called as articles
/// are indexed; `total` counts only those that needed it.
pub fn update(
    index: &SearchIndex,
    source: &CorpusSource,
    articles: &[ArticleMeta],
    opts: &LoadOptions,
    progress: &mut dyn FnMut(usize, usize, bool),
) -> Result<Outcome, IndexError> {
    let mut indexed = index.stamps()?;
    let mut todo = Vec::new();
    let mut seen = HashSet::with_capacity(articles.len());
    let mut outcome = Outcome::default();
    for (i, meta) in articles.iter().enumerate() {
        let key = article_key(&meta.id);
        if !seen.insert(key) {
            continue;
        }
        // Stamped once: for files that is a stat, and the stamp goes into the index too.
        let now = stamp(meta);
        match indexed.remove(&key) {
            Some(old) if old == now => outcome.kept += 1,
            Some(_) => {
                outcome.removed += 1;
                todo.push((i, now));
            }
            None => todo.push((i, now)),
        }
    }
    // What is left was indexed once but is no longer in the corpus.
    let gone: Vec<u64> = indexed.into_keys().collect();
    if todo.is_empty() && gone.is_empty() {
        progress(0, 0, false);
        return Ok(outcome);
    }
    let mut writer: IndexWriter = index.index.writer_with_num_threads(1, WRITER_MEMORY)?;
    let fields = index.fields;
    for key in &gone {
        writer.delete_term(Term::from_field_u64(fields.key, *key));
    }
    outcome.removed += gone.len();
    let total = todo.len();
    let mut failed: Option<IndexError> = None;
    let mut done = 0;
    // Bodies come back in the order asked for, so the stamps can be walked alongside.
    let mut stamps = todo.iter().map(|&(_, now)| now);
    for_each_body_at(source, articles, todo.iter().map(|&(i, _)| i), opts, &mut |i, body| {
        let now = stamps.next().unwrap_or_default();
        if failed.is_some() {
            return;
        }
        let meta = &articles[i];
        let key = article_key(&meta.id);
        writer.delete_term(Term::from_field_u64(fields.key, key));
        // An article that can no longer be read is left out; the next start tries again.
        if let Some(body) = body {
            let mut doc = TantivyDocument::default();
            doc.add_u64(fields.key, key);
            doc.add_u64(fields.stamp, now);
            doc.add_text(fields.title, &meta.title);
            doc.add_text(fields.body, &body);
            if let Some(author) = &meta.author {
                doc.add_text(fields.author, author);
            }
            if let Some(source) = &meta.source {
                doc.add_text(fields.source, source);
            }
            if let Err(e) = writer.add_document(doc) {
                failed = Some(e.into());
                return;
            }
            outcome.indexed += 1;
        }
        done += 1;
        if done % COMMIT_EVERY == 0 {
            if let Err(e) = writer.commit() {
                failed = Some(e.into());
                return;
            }
            if let Err(e) = index.seal() {
                failed = Some(e);
                return;
            }
            progress(done, total, true);
        } else if done % PROGRESS_EVERY == 0 {
            progress(done, total, false);
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    writer.commit()?;
    // Merges run on tantivy's threads: let them finish so searches see few segments.
    writer.wait_merging_threads()?;
    index.seal()?;
    index.reload()?;
    progress(done, total, true);
    Ok(outcome)
}

/// An index opened (or built) and brought up to date by [`open_and_update`].
pub struct Updated {
    pub index: SearchIndex,
    pub outcome: Outcome,
    /// Why the index on disk was cleared and built again, when it was.
    pub rebuilt: Option<String>,
}

/// Open the index in `dir` as its writer (the caller holds the lock) and bring it up to date
/// with `articles`. An index that fails on the way, with an error or a panic inside tantivy,
/// is not trusted: it is cleared and built again from the articles, once. `opened` sees each
/// index as soon as it is open, so it can be searched while it is updated.
pub fn open_and_update(
    dir: &Path,
    source: &CorpusSource,
    articles: &[ArticleMeta],
    opts: &LoadOptions,
    progress: &mut dyn FnMut(usize, usize, bool),
    opened: &mut dyn FnMut(&SearchIndex),
) -> Result<Updated, IndexError> {
    let (index, mut rebuilt) = SearchIndex::open_or_create(dir)?;
    opened(&index);
    let failure = match health::guard(|| update(&index, source, articles, opts, progress)) {
        Ok(outcome) => {
            return Ok(Updated {
                index,
                outcome,
                rebuilt,
            });
        }
        Err(e) => e,
    };
    tracing::warn!("rebuilding the search index at {}: {failure}", dir.display());
    drop(index);
    let why = format!("updating it failed: {failure}");
    let (index, cleared) = SearchIndex::create(dir, Some(why))?;
    rebuilt = cleared;
    opened(&index);
    let outcome = health::guard(|| update(&index, source, articles, opts, progress))?;
    Ok(Updated {
        index,
        outcome,
        rebuilt,
    })
}
