//! The user's library: bookmarks, per-article notes, passage annotations, reading state and
//! filter history, persisted so that they are never lost.
//!
//! On disk (`config_dir` is passed in by the caller):
//! - `corpora/<FNV-1a-64 of the corpus key, 16 hex>.json`: one `CorpusState` per corpus,
//!   keyed by article id so changes to the corpus's files never detach anything;
//! - `history.json`: recent filter strings;
//! - next to each: `.lock`, `.bak`, and possibly `.corrupt-<time>` (see `store.rs`).
//!
//! Robustness model: every edit is a timestamped last-writer-wins item (`merge.rs`); a save
//! locks a sidecar, re-reads the file, merges, and atomically replaces it (`doc.rs`,
//! `store.rs`), so concurrent instances and crashes at any instant lose nothing that was
//! acknowledged. Files we can't parse are moved aside, never overwritten; files from a newer
//! version and unwritable directories put the library in read-only mode.

pub mod anchor;
mod api;
mod clock;
mod doc;
mod error;
pub mod export;
pub mod import;
pub mod merge;
pub mod model;
mod organise;
mod store;
pub mod tags;

pub use anchor::{CONTEXT_CHARS, Placement, anchor, char_range_to_bytes, make_selector};
pub use api::Library;
pub use error::{LibraryError, Notice, SaveError};
pub use export::{ArticleInfo, ExportError, export_json_ld, export_markdown, export_markdown_by_tag, write_markdown};
pub use merge::{merge, merge_history};
pub use model::{
    Annotation, ArticleState, CorpusState, EntityFix, Extra, HISTORY_MAX, History, HistoryEntry, Position, Quote,
    Register, SCHEMA, SavedView,
};
pub use store::{FaultHook, Stage};
