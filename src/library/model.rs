//! The persisted data model. Everything here is plain data that serialises to the on-disk JSON.
//!
//! Every leaf that can be edited carries `updated` (ms since the Unix epoch) and `writer` (a
//! per-process random id) so that two copies can be merged without coordination; see
//! `merge.rs`. Each struct keeps the fields it does not know in `extra`, so a file written by a
//! newer dossier keeps that version's data when this version rewrites it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The schema version this code reads and writes. A file with a larger number is left alone.
pub const SCHEMA: u32 = 1;

/// How many recent filter strings are kept.
pub const HISTORY_MAX: usize = 100;

/// Fields written by a newer version that this one does not understand.
pub type Extra = Map<String, Value>;

/// A last-writer-wins cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Register<T> {
    pub value: T,
    pub updated: u64,
    pub writer: u64,
    #[serde(flatten)]
    pub extra: Extra,
}

/// W3C `TextQuoteSelector`: the passage plus some context on either side, so the passage can be
/// found again after the article text changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// W3C `TextPositionSelector`, in chars (Unicode scalar values) of the article text, end exclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub start: usize,
    pub end: usize,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One annotated passage. The whole record is one last-writer-wins cell; a deletion is a
/// record with `deleted: true` (and its content cleared) so that merging with an older copy
/// cannot bring it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub quote: Quote,
    pub position: Position,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub created: u64,
    pub updated: u64,
    pub writer: u64,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// Tags put on the passage with `t` (normalised, sorted, each once); `#word`s in the note
    /// are tags too, found when asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Annotation {
    /// A new annotation as the caller describes it; `Library::add_annotation` fills in the
    /// timestamps and writer.
    pub fn new(quote: Quote, position: Position, note: impl Into<String>) -> Self {
        Self {
            quote,
            position,
            note: note.into(),
            created: 0,
            updated: 0,
            writer: 0,
            deleted: false,
            tags: Vec::new(),
            extra: Extra::new(),
        }
    }
}

/// Everything the user attached to one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bookmark: Option<Register<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Register<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<Register<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Register<usize>>,
    /// Keyed by annotation id, tombstones included.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, Annotation>,
    /// Tags put on the article with `t`, each its own cell so that two instances tagging the
    /// same article both keep their tags; a removed tag is `false`, so an older copy cannot
    /// bring it back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, Register<bool>>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl ArticleState {
    pub fn is_bookmarked(&self) -> bool {
        self.bookmark.as_ref().is_some_and(|r| r.value)
    }

    pub fn note(&self) -> &str {
        self.note.as_ref().map_or("", |r| r.value.as_str())
    }

    pub fn is_read(&self) -> bool {
        self.read.as_ref().is_some_and(|r| r.value)
    }

    pub fn position(&self) -> usize {
        self.position.as_ref().map_or(0, |r| r.value)
    }

    /// The tags put on the article itself (not those of its note or annotations).
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        // A tag is checked as it is read: a file edited by hand (or by anything) may hold
        // keys that are not tags, and tags reach the terminal unescaped.
        self.tags
            .iter()
            .filter(|(t, r)| r.value && super::tags::is_tag(t))
            .map(|(t, _)| t.as_str())
    }

    /// Annotations that are not deleted, in reading order.
    pub fn live_annotations(&self) -> Vec<(&str, &Annotation)> {
        let mut live: Vec<_> = self
            .annotations
            .iter()
            .filter(|(_, a)| !a.deleted)
            .map(|(id, a)| (id.as_str(), a))
            .collect();
        live.sort_by_key(|(id, a)| (a.position.start, a.position.end, a.created, *id));
        live
    }

    /// Whether there is anything worth exporting (reading state alone is not).
    pub fn has_user_content(&self) -> bool {
        self.is_bookmarked()
            || !self.note().is_empty()
            || self.annotations.values().any(|a| !a.deleted)
            || self.tags().next().is_some()
    }
}

/// Per-corpus state: the contents of one `corpora/<hash>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusState {
    pub schema: u32,
    /// The corpus key the file belongs to, so a hash collision or a copied file is noticed.
    pub corpus: String,
    /// Keyed by article id, so adding, removing or reordering files never detaches anything.
    #[serde(default)]
    pub articles: BTreeMap<String, ArticleState>,
    /// The list's order (a [`crate::query::Sort`] name), kept across runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<Register<String>>,
    /// Saved views by name; a deleted view is `None`, so an older copy cannot bring it back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub views: BTreeMap<String, Register<Option<SavedView>>>,
    /// The list does not group copies of one story (`Z` turned grouping off), kept across runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ungrouped: Option<Register<bool>>,
    /// The reader's corrections to the entity sidebar, by entity name; a correction taken
    /// back is `None`, so an older copy cannot bring it back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub entities: BTreeMap<String, Register<Option<EntityFix>>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entity name's correction: its type, another name it is an alias of, aliases split off
/// it, or hidden. Kinds are `person`, `organization`, `place`, `other`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityFix {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub into: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub split: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl EntityFix {
    /// Nothing corrected: the same as no record.
    pub fn is_empty(&self) -> bool {
        self.kind.is_none() && !self.hidden && self.into.is_none() && self.split.is_empty()
    }
}

/// A query, entity facets and an order, saved under a name with `S`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub query: String,
    /// Entity facets by name (ids are only valid for one run); `!name` is a negated facet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facets: Vec<String>,
    #[serde(default)]
    pub sort: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl CorpusState {
    pub fn new(corpus: &str) -> Self {
        Self {
            schema: SCHEMA,
            corpus: corpus.to_owned(),
            articles: BTreeMap::new(),
            sort: None,
            views: BTreeMap::new(),
            ungrouped: None,
            entities: BTreeMap::new(),
            extra: Extra::new(),
        }
    }

    pub fn article(&self, id: &str) -> Option<&ArticleState> {
        self.articles.get(id)
    }
}

/// One remembered filter string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub query: String,
    pub updated: u64,
    pub writer: u64,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The contents of `history.json`. `entries` is kept normalised: one entry per query, oldest
/// first, at most `HISTORY_MAX`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    pub schema: u32,
    #[serde(default)]
    pub entries: Vec<HistoryEntry>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for History {
    fn default() -> Self {
        Self {
            schema: SCHEMA,
            entries: Vec::new(),
            extra: Extra::new(),
        }
    }
}

impl History {
    /// The queries, newest last.
    pub fn queries(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.entries.iter().map(|e| e.query.as_str())
    }
}
