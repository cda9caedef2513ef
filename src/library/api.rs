//! `Library`: the in-memory state plus write-through persistence, as the UI uses it.

use std::fs;
use std::path::Path;

use serde_json::Value;

use super::clock::{fnv1a64_hex, new_annotation_id, next_stamp, writer_id};
use super::doc::{Doc, Persisted};
use super::error::{LibraryError, Notice, SaveError};
use super::export;
use super::merge::{merge, merge_history, normalize_history};
use super::model::{Annotation, ArticleState, CorpusState, History, HistoryEntry, Position, Quote, Register};
use super::store::{FaultHook, StateFile};

impl Persisted for CorpusState {
    fn merge(&self, other: &Self) -> Self {
        merge(self, other)
    }

    fn foreign(&self, template: &Self) -> Option<String> {
        (self.corpus != template.corpus).then(|| {
            format!(
                "The library file is for corpus {:?}, not {:?}, and is left unchanged",
                self.corpus, template.corpus
            )
        })
    }
}

impl Persisted for History {
    fn merge(&self, other: &Self) -> Self {
        merge_history(self, other)
    }

    fn foreign(&self, _: &Self) -> Option<String> {
        None
    }
}

/// Bookmarks, notes, annotations and reading state of one corpus, plus the filter history.
/// Every mutator writes through to disk before returning; on error the change stays in memory
/// and is included in the next save that succeeds.
pub struct Library {
    pub(super) corpus: Doc<CorpusState>,
    history: Doc<History>,
    notices: Vec<Notice>,
}

/// Set a register, stamping it past its current stamp. Absent and default mean the same, so
/// clearing something never set writes nothing.
pub(super) fn set_register<T: PartialEq + Default>(reg: &mut Option<Register<T>>, value: T) -> bool {
    match reg {
        Some(r) if r.value == value => false,
        None if value == T::default() => false,
        _ => {
            let old = reg.take();
            let floor = old.as_ref().map_or(0, |r| r.updated);
            *reg = Some(Register {
                value,
                updated: next_stamp(floor),
                writer: writer_id(),
                extra: old.map(|r| r.extra).unwrap_or_default(),
            });
            true
        }
    }
}

/// Whether files can be created in `dir`: a folder made read-only (`chmod 555`) lets the
/// library read and lock as before, and only the first save would find out.
fn probe_writable(dir: &Path) -> Result<(), String> {
    tempfile::Builder::new()
        .prefix(".dossier-probe")
        .tempfile_in(dir)
        .map(drop)
        .map_err(|e| format!("Cannot write in the library folder {}: {e}", dir.display()))
}

impl Library {
    /// Load the state of corpus `corpus_key` from `config_dir`. Problems on disk don't fail
    /// this: they come back as notices, with read-only mode when saving would be unsafe or
    /// impossible. (`Err` is reserved for failures that leave no usable library; there are
    /// currently none.)
    pub fn open(config_dir: &Path, corpus_key: &str) -> Result<(Library, Vec<Notice>), LibraryError> {
        let mut notices = Vec::new();
        let corpora = config_dir.join("corpora");
        let writable = fs::create_dir_all(&corpora)
            .map_err(|e| format!("Cannot create the library folder {}: {e}", corpora.display()))
            .and_then(|()| probe_writable(&corpora))
            .and_then(|()| probe_writable(config_dir));
        if let Err(why) = &writable {
            notices.push(Notice(format!(
                "{why}. Bookmarks, notes and annotations are kept in memory only this session; export still works."
            )));
        }
        let corpus_file = StateFile::new(corpora.join(format!("{}.json", fnv1a64_hex(corpus_key))));
        let corpus = Doc::open(
            corpus_file,
            CorpusState::new(corpus_key),
            writable.clone(),
            &mut notices,
        );
        let history_file = StateFile::new(config_dir.join("history.json"));
        let history = Doc::open(history_file, History::default(), writable, &mut notices);
        Ok((
            Library {
                corpus,
                history,
                notices: Vec::new(),
            },
            notices,
        ))
    }

    /// True when changes to the corpus state can't be saved this session.
    pub fn read_only(&self) -> bool {
        self.corpus.read_only.is_some()
    }

    pub fn read_only_reason(&self) -> Option<&str> {
        self.corpus.read_only.as_deref()
    }

    /// Changes that no save has written yet (after a failed save or in read-only mode).
    pub fn has_unsaved_changes(&self) -> bool {
        self.corpus.dirty || self.history.dirty
    }

    pub fn state_path(&self) -> &Path {
        &self.corpus.file.path
    }

    pub fn state(&self) -> &CorpusState {
        &self.corpus.state
    }

    pub fn article(&self, id: &str) -> Option<&ArticleState> {
        self.corpus.state.articles.get(id)
    }

    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.article(id).is_some_and(ArticleState::is_bookmarked)
    }

    pub fn note(&self, id: &str) -> &str {
        self.article(id).map_or("", ArticleState::note)
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.article(id).is_some_and(ArticleState::is_read)
    }

    pub fn position(&self, id: &str) -> usize {
        self.article(id).map_or(0, ArticleState::position)
    }

    /// Live annotations of an article in reading order, with their ids.
    pub fn annotations(&self, id: &str) -> Vec<(&str, &Annotation)> {
        self.article(id).map_or_else(Vec::new, ArticleState::live_annotations)
    }

    /// Ids of bookmarked articles, in id order.
    pub fn bookmarked(&self) -> impl Iterator<Item = &str> {
        self.corpus
            .state
            .articles
            .iter()
            .filter(|(_, a)| a.is_bookmarked())
            .map(|(id, _)| id.as_str())
    }

    /// Recent filter strings, newest last.
    pub fn history(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.history.state.queries()
    }

    /// Notices raised by saves since the last call (e.g. a corrupt file found and moved).
    pub fn take_notices(&mut self) -> Vec<Notice> {
        std::mem::take(&mut self.notices)
    }

    /// Test-only fault injection for the write path; `None` restores normal writes.
    #[doc(hidden)]
    pub fn set_fault_hook(&mut self, hook: Option<FaultHook>) {
        self.corpus.file.hook = hook;
        self.history.file.hook = hook;
    }

    /// Write whatever is unsaved (retry after an error).
    pub fn save(&mut self) -> Result<(), SaveError> {
        let corpus = self.commit_corpus(false);
        let history = self.commit_history(false);
        corpus.and(history)
    }

    /// Merge in what other instances saved since we last read or wrote.
    pub fn refresh(&mut self) -> Result<Vec<Notice>, LibraryError> {
        let mut notices = std::mem::take(&mut self.notices);
        self.corpus.refresh(&mut notices)?;
        self.history.refresh(&mut notices)?;
        Ok(notices)
    }

    pub(super) fn commit_corpus(&mut self, changed: bool) -> Result<(), SaveError> {
        self.corpus.dirty |= changed;
        if self.corpus.dirty {
            self.corpus.save(&mut self.notices)
        } else {
            Ok(())
        }
    }

    fn commit_history(&mut self, changed: bool) -> Result<(), SaveError> {
        self.history.dirty |= changed;
        if self.history.dirty {
            self.history.save(&mut self.notices)
        } else {
            Ok(())
        }
    }

    /// Edit one article's state, dropping the entry again if the edit left it empty.
    pub(super) fn edit<R>(&mut self, id: &str, f: impl FnOnce(&mut ArticleState) -> R) -> R {
        let articles = &mut self.corpus.state.articles;
        let entry = articles.entry(id.to_owned()).or_default();
        let out = f(entry);
        if *entry == ArticleState::default() {
            articles.remove(id);
        }
        out
    }

    pub fn set_bookmark(&mut self, id: &str, on: bool) -> Result<(), SaveError> {
        let changed = self.edit(id, |a| set_register(&mut a.bookmark, on));
        self.commit_corpus(changed)
    }

    pub fn set_note(&mut self, id: &str, text: &str) -> Result<(), SaveError> {
        let changed = self.edit(id, |a| set_register(&mut a.note, text.to_owned()));
        self.commit_corpus(changed)
    }

    pub fn set_read(&mut self, id: &str, read: bool) -> Result<(), SaveError> {
        let changed = self.edit(id, |a| set_register(&mut a.read, read));
        self.commit_corpus(changed)
    }

    /// Mark every article of `ids` read, in one write.
    pub fn set_read_many(&mut self, ids: &[String]) -> Result<(), SaveError> {
        let mut changed = false;
        for id in ids {
            changed |= self.edit(id, |a| set_register(&mut a.read, true));
        }
        self.commit_corpus(changed)
    }

    /// Every call that changes the value costs a durable write (two fsyncs): call it when the
    /// reader leaves an article or pauses, not on every scroll step.
    pub fn set_position(&mut self, id: &str, chars: usize) -> Result<(), SaveError> {
        let changed = self.edit(id, |a| set_register(&mut a.position, chars));
        self.commit_corpus(changed)
    }

    /// Add an annotation; returns its new id, and whether it was saved. On a save error the
    /// annotation is still added in memory under that id.
    pub fn add_annotation(&mut self, id: &str, mut ann: Annotation) -> (String, Result<(), SaveError>) {
        let ann_id = new_annotation_id();
        let now = next_stamp(0);
        ann.created = now;
        ann.updated = now;
        ann.writer = writer_id();
        ann.deleted = false;
        self.edit(id, |a| a.annotations.insert(ann_id.clone(), ann));
        let saved = self.commit_corpus(true);
        (ann_id, saved)
    }

    /// Apply `f` to a live annotation; `f` says whether it changed anything, and the record
    /// is stamped if so.
    pub(super) fn edit_annotation(
        &mut self,
        id: &str,
        ann_id: &str,
        f: impl FnOnce(&mut Annotation) -> bool,
    ) -> Result<(), SaveError> {
        let changed = self.edit(id, |a| {
            let ann = a.annotations.get_mut(ann_id).filter(|x| !x.deleted)?;
            let changed = f(ann);
            if changed {
                ann.updated = next_stamp(ann.updated);
                ann.writer = writer_id();
            }
            Some(changed)
        });
        match changed {
            Some(changed) => self.commit_corpus(changed),
            None => Err(SaveError::NoSuchAnnotation {
                article: id.to_owned(),
                id: ann_id.to_owned(),
            }),
        }
    }

    pub fn update_annotation_note(&mut self, id: &str, ann_id: &str, note: &str) -> Result<(), SaveError> {
        self.edit_annotation(id, ann_id, |a| {
            let changed = a.note != note;
            note.clone_into(&mut a.note);
            changed
        })
    }

    /// Store a new placement, e.g. after `anchor` found the passage `Moved` or `Fuzzy`.
    pub fn reanchor_annotation(
        &mut self,
        id: &str,
        ann_id: &str,
        quote: Quote,
        position: Position,
    ) -> Result<(), SaveError> {
        self.edit_annotation(id, ann_id, |a| {
            let changed = a.quote != quote || a.position != position;
            a.quote = quote;
            a.position = position;
            changed
        })
    }

    /// Replace the annotation by a tombstone. Its text is dropped (the user asked for it to be
    /// gone); the id and stamps remain so an older copy elsewhere can't bring it back.
    pub fn delete_annotation(&mut self, id: &str, ann_id: &str) -> Result<(), SaveError> {
        self.edit_annotation(id, ann_id, |a| {
            a.deleted = true;
            a.note.clear();
            a.quote = Quote::default();
            a.position = Position::default();
            a.extra.clear();
            true
        })
    }

    /// Remember a filter string as the newest (moving it up if already known).
    pub fn push_history(&mut self, query: &str) -> Result<(), SaveError> {
        let query = query.trim();
        let entries = &mut self.history.state.entries;
        let changed = !query.is_empty() && entries.last().is_none_or(|e| e.query != query);
        if changed {
            let floor = entries.iter().map(|e| e.updated).max().unwrap_or(0);
            let old = entries.iter().position(|e| e.query == query).map(|i| entries.remove(i));
            entries.push(HistoryEntry {
                query: query.to_owned(),
                updated: next_stamp(floor),
                writer: writer_id(),
                extra: old.map(|e| e.extra).unwrap_or_default(),
            });
            self.history.state.entries = normalize_history(std::mem::take(entries));
        }
        self.commit_history(changed)
    }

    pub fn export_markdown(&self, heading: &str, info: &dyn Fn(&str) -> Option<export::ArticleInfo>) -> String {
        export::export_markdown(&self.corpus.state, heading, info)
    }

    pub fn export_json_ld(&self) -> Value {
        export::export_json_ld(&self.corpus.state)
    }
}
