//! Whether an index on disk can be trusted, checked before anything reads it, and the one
//! place a panic inside tantivy is turned into an error.
//!
//! Tantivy trusts its files: a `meta.json` whose segment sizes disagree with the segments makes
//! its bit-unpacking read out of bounds (a panic, or an abort inside one of its thread pools),
//! an older `meta.json` restored over a newer index names segments that are gone, and without
//! `.managed.json` its checksum check checks nothing. So dossier keeps its own record of the
//! last commit it made (the marker), checks every file a segment needs itself, and reads the
//! columns it relies on before a writer or a query touches them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::{Index, Searcher, directory::Directory};

use super::IndexError;

/// The file in the index folder that says which version wrote it and what it last committed.
pub const MARKER: &str = "dossier-index.json";

/// What dossier wrote in the index folder after its last commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    pub version: u32,
    pub commit: Commit,
}

/// A commit as `meta.json` describes it. Merges (which rewrite `meta.json` on tantivy's threads
/// at any time) keep both numbers, so they hold between commits; a restored or edited
/// `meta.json` changes at least one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commit {
    pub opstamp: u64,
    /// Live documents over all segments.
    pub docs: u64,
}

/// The commit `meta.json` describes now.
pub fn commit_of(index: &Index) -> tantivy::Result<Commit> {
    let metas = index.load_metas()?;
    let docs = metas
        .segments
        .iter()
        .map(|s| u64::from(s.max_doc().saturating_sub(s.num_deleted_docs())))
        .sum();
    Ok(Commit {
        opstamp: metas.opstamp,
        docs,
    })
}

pub fn read_marker(dir: &Path) -> Option<Result<Marker, String>> {
    let text = std::fs::read_to_string(dir.join(MARKER)).ok()?;
    Some(serde_json::from_str(&text).map_err(|_| format!("its marker is not this version's ({})", text.trim())))
}

/// Record `commit` as the last one dossier made, atomically (a torn marker would condemn a
/// good index).
pub fn write_marker(dir: &Path, version: u32, commit: Commit) -> Result<(), IndexError> {
    let path = dir.join(MARKER);
    let text = serde_json::to_string(&Marker { version, commit }).unwrap_or_default();
    let tmp = dir.join(format!("{MARKER}.tmp"));
    std::fs::write(&tmp, text + "\n")
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| IndexError::io(&path, e))
}

/// Files the last commit needs that are missing or fail their checksum. Unlike tantivy's own
/// check this does not depend on `.managed.json`, which may be gone.
pub fn damaged_files(index: &Index) -> tantivy::Result<Vec<PathBuf>> {
    let metas = index.load_metas()?;
    let deletes: Vec<PathBuf> = metas
        .segments
        .iter()
        .filter(|s| s.has_deletes())
        .map(|s| s.relative_path(tantivy::index::SegmentComponent::Delete))
        .collect();
    let directory = index.directory();
    let mut damaged = Vec::new();
    for path in metas.list_segment_files() {
        let exists = directory.exists(&path).unwrap_or(false);
        // Every segment lists a deletes file; only one with deletes has it.
        let optional = path.extension().is_some_and(|e| e == "del") && !deletes.contains(&path);
        let good = if exists {
            directory.validate_checksum(&path).unwrap_or(false)
        } else {
            optional
        };
        if !good {
            damaged.push(path);
        }
    }
    damaged.sort();
    Ok(damaged)
}

/// Each segment's columns hold as many values as `meta.json` says it has documents: the check
/// that keeps a wrong `max_doc` from reaching tantivy's readers.
pub fn check_columns(searcher: &Searcher) -> Result<(), String> {
    for segment in searcher.segment_readers() {
        let max_doc = segment.max_doc();
        for field in ["key", "stamp"] {
            let column = segment.fast_fields().u64(field).map_err(|e| e.to_string())?;
            if column.num_docs() != max_doc {
                return Err(format!(
                    "a segment holds {} documents where its metadata says {max_doc}",
                    column.num_docs()
                ));
            }
        }
    }
    Ok(())
}

/// Run `work` on the index, turning a panic inside tantivy into [`IndexError::Panicked`]: a
/// broken index then gets rebuilt instead of ending the process.
pub fn guard<T>(work: impl FnOnce() -> Result<T, IndexError>) -> Result<T, IndexError> {
    crate::panics::catch(work).unwrap_or_else(|message| {
        tracing::error!("the search index panicked: {message}");
        Err(IndexError::Panicked(message))
    })
}

/// Clear `path` for a new index: a folder is deleted, and so is a file or a link standing where
/// the folder should be (what was there is a cache or a mistake, never the user's data: the
/// path is dossier's own, under its cache directory).
pub fn clear(path: &Path) -> Result<Option<String>, IndexError> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(None);
    };
    let what = if meta.is_dir() {
        std::fs::remove_dir_all(path).map_err(|e| IndexError::io(path, e))?;
        None
    } else {
        std::fs::remove_file(path).map_err(|e| IndexError::io(path, e))?;
        Some(format!(
            "{} was a {} where the search index belongs: removed it",
            path.display(),
            if meta.is_symlink() { "link" } else { "file" }
        ))
    };
    Ok(what)
}
