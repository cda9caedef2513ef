//! What the user's library says about articles (bookmarks, notes, read state, annotations), as
//! the app sees it: a snapshot of the library's state, changed only through [`LibraryOp`]
//! effects whose outcome comes back as [`super::Event::LibraryChanged`].

use std::{ops::Range, sync::Arc};

use super::{App, Effect, Effects, Focus, Message};
use crate::library::{self, Annotation, ArticleState, CorpusState, Notice, Placement, Position, Quote, SaveError};

/// A change to the library, carried out (and saved) by the runtime.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryOp {
    SetBookmark {
        id: String,
        on: bool,
    },
    SetNote {
        id: String,
        text: String,
    },
    SetRead {
        id: String,
        read: bool,
    },
    SetPosition {
        id: String,
        chars: usize,
    },
    AddAnnotation {
        id: String,
        annotation: Annotation,
    },
    UpdateAnnotation {
        id: String,
        ann: String,
        note: String,
    },
    Reanchor {
        id: String,
        ann: String,
        quote: Quote,
        position: Position,
    },
    DeleteAnnotation {
        id: String,
        ann: String,
    },
    PushHistory(String),
    SetTag {
        id: String,
        tag: String,
        on: bool,
    },
    SetAnnotationTags {
        id: String,
        ann: String,
        tags: Vec<String>,
    },
    /// The list's order, kept for the corpus.
    SetSort(String),
    /// Mark these articles read, in one write (the copies of a story opened).
    SetReadMany(Vec<String>),
    /// Group copies of a story in the list, or not (kept per corpus).
    SetGrouping(bool),
    SaveView {
        name: String,
        view: library::SavedView,
    },
    /// The reader's correction of an entity name (an empty one takes it back).
    SetEntityFix {
        name: String,
        fix: library::EntityFix,
    },
    /// Try again to save what earlier saves could not (asked before quitting).
    Save,
}

/// An annotation as placed in the open document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub ann: String,
    /// Byte range in the document text, `None` when orphaned.
    pub range: Option<Range<usize>>,
    pub note: String,
    pub quote: String,
}

#[derive(Debug, Clone)]
pub struct Marks {
    pub state: Arc<CorpusState>,
    /// Why changes cannot be saved this session, if they cannot.
    pub read_only: Option<String>,
    /// Show only bookmarked articles.
    pub bookmarks_only: bool,
    /// Changes made that no save has written yet: kept in memory, retried, asked about at quit.
    pub unsaved: usize,
}

impl Default for Marks {
    fn default() -> Self {
        Self {
            state: Arc::new(CorpusState::new("")),
            read_only: None,
            bookmarks_only: false,
            unsaved: 0,
        }
    }
}

impl Marks {
    pub fn article(&self, id: &str) -> Option<&ArticleState> {
        self.state.articles.get(id)
    }

    pub fn bookmarked(&self, id: &str) -> bool {
        self.article(id).is_some_and(ArticleState::is_bookmarked)
    }

    pub fn has_note(&self, id: &str) -> bool {
        self.article(id).is_some_and(|a| !a.note().trim().is_empty())
    }

    pub fn read(&self, id: &str) -> bool {
        self.article(id).is_some_and(ArticleState::is_read)
    }

    pub fn annotation_count(&self, id: &str) -> usize {
        self.article(id).map_or(0, |a| a.live_annotations().len())
    }

    /// Counts for the status line: bookmarks, notes, annotations.
    pub fn totals(&self) -> (usize, usize, usize) {
        let articles = self.state.articles.values();
        articles.fold((0, 0, 0), |(b, n, a), s| {
            (
                b + usize::from(s.is_bookmarked()),
                n + usize::from(!s.note().trim().is_empty()),
                a + s.live_annotations().len(),
            )
        })
    }
}

/// Place an article's annotations in its document: quote, context and offset, re-anchored
/// when the text changed. Offsets are characters of the body; the result is in document bytes.
pub fn place(state: &ArticleState, doc: &crate::store::Document) -> (Vec<Placed>, Vec<LibraryOp>) {
    let body = doc.body();
    let mut placed = Vec::new();
    let mut fixes = Vec::new();
    for (ann_id, ann) in state.live_annotations() {
        let placement = library::anchor(body, &ann.quote, &ann.position);
        let chars = match placement {
            Placement::Exact { start, end } | Placement::Moved { start, end } | Placement::Fuzzy { start, end } => {
                Some((start, end))
            }
            Placement::Orphaned => None,
        };
        let range = chars.map(|(s, e)| {
            let bytes = library::char_range_to_bytes(body, s, e);
            doc.body_start + bytes.start..doc.body_start + bytes.end
        });
        if let (Some((s, e)), false) = (chars, matches!(placement, Placement::Exact { .. })) {
            // Remember where it was found, so the next edit starts from here.
            let (quote, position) = library::make_selector(body, s, e);
            fixes.push(LibraryOp::Reanchor {
                id: String::new(),
                ann: ann_id.to_string(),
                quote,
                position,
            });
        }
        placed.push(Placed {
            ann: ann_id.to_string(),
            range,
            note: ann.note.clone(),
            quote: ann.quote.exact.clone(),
        });
    }
    placed.sort_by_key(|p| p.range.as_ref().map_or(usize::MAX, |r| r.start));
    (placed, fixes)
}

impl App {
    /// The article the library keys act on: the open one in the reader, else the one under the
    /// list cursor.
    pub(super) fn target_article(&self) -> Option<usize> {
        match (self.focus, &self.reader) {
            (Focus::Reader, Some(r)) => Some(r.index),
            _ => self.cursor_article(),
        }
    }

    fn target_id(&self) -> Option<String> {
        self.target_article().map(|i| self.articles[i].id.clone())
    }

    pub(super) fn toggle_bookmark(&self, fx: &mut Effects) {
        let Some(id) = self.target_id() else { return };
        let on = !self.marks.bookmarked(&id);
        fx.push(Effect::Library(LibraryOp::SetBookmark { id, on }));
    }

    pub(super) fn toggle_read(&self, fx: &mut Effects) {
        let Some(id) = self.target_id() else { return };
        let read = !self.marks.read(&id);
        fx.push(Effect::Library(LibraryOp::SetRead { id, read }));
    }

    pub(super) fn toggle_bookmarks_only(&mut self, fx: &mut Effects) {
        self.marks.bookmarks_only = !self.marks.bookmarks_only;
        let keep = self.cursor_article();
        self.recompute_rows();
        self.keep_cursor_on(keep, fx);
    }

    /// A new library snapshot after a change was carried out, saved or not. A failed save stays
    /// on screen until a later one succeeds (the change itself is kept in memory and goes out
    /// with the next save); notices (a file recovered, say) are messages like any other.
    pub(super) fn library_changed(
        &mut self,
        state: Arc<CorpusState>,
        saved: Result<(), SaveError>,
        unsaved: usize,
        notices: Vec<Notice>,
        fx: &mut Effects,
    ) {
        let old = std::mem::replace(&mut self.marks.state, state);
        self.marks.unsaved = unsaved;
        self.tags_changed(&old, fx);
        if old.entities != self.marks.state.entities {
            self.entity_fixes_changed(fx);
        }
        self.refresh_prompt_pool();
        // Asked to quit with changes unsaved, and the retry got them onto the disk: quit now.
        let retried = self.quit_asked && unsaved == 0 && saved.is_ok();
        match saved {
            Ok(()) => self.save_failure = None,
            Err(err @ SaveError::NoSuchAnnotation { .. }) => self.message = Some(Message::warning(err.to_string())),
            Err(err) => self.save_failure = Some(err.to_string()),
        }
        // Each notice is kept; the status line shows the first new one and how many more
        // the `!` view lists (two corrupt files give two notices, neither hides the other).
        let new: Vec<String> = notices.into_iter().map(|n| n.0).collect();
        if let Some(first) = new.first() {
            let more = match new.len() - 1 {
                0 => String::new(),
                n => format!(" (+{n} more: !)"),
            };
            self.message = Some(Message::info(format!("{first}{more}")));
        }
        self.notices.extend(new);
        self.place_annotations(fx);
        self.rebuild_annotation_list();
        // The list depends on the library when it shows bookmarks only, tests tags, marks or
        // notes, or is in the order of reading.
        // (The last-read order is not re-sorted here: opening an article marks it read, and
        // the list would move under the reader; it is sorted when chosen and at start.)
        if self.marks.bookmarks_only || self.filter.query.has_ops() {
            let keep = self.cursor_article();
            let row = self.cursor;
            self.recompute_rows();
            // An article the change took out of the list (opened under `is:unread`, say) stays
            // in the reader; the cursor stays where it was in the list.
            match keep.and_then(|a| self.row_of(a)) {
                Some(r) => self.cursor = r,
                None => self.cursor = row.min(self.row_count().saturating_sub(1)),
            }
            self.keep_cursor_visible();
        }
        if retried {
            self.should_quit = true;
        }
    }

    /// Articles whose tags differ between two snapshots go to the matcher anew, so the
    /// filter finds them by their tags.
    fn tags_changed(&mut self, old: &CorpusState, fx: &mut Effects) {
        let new = &self.marks.state;
        let ids: std::collections::BTreeSet<&String> = old.articles.keys().chain(new.articles.keys()).collect();
        // Only entries that changed at all are looked into (a save acknowledged changes one).
        let changed: std::collections::HashSet<&str> = ids
            .into_iter()
            .filter(|id| old.article(id) != new.article(id))
            .filter(|id| library::tags::of(old, id) != library::tags::of(new, id))
            .map(String::as_str)
            .collect();
        if changed.is_empty() {
            return;
        }
        let articles: Vec<usize> = self
            .articles
            .iter()
            .enumerate()
            .filter(|(_, a)| changed.contains(&a.id.as_str()))
            .map(|(i, _)| i)
            .collect();
        // While the entity pass runs, its items replace the matcher's when it ends: they must
        // carry the new tags too.
        for &a in &articles {
            if a < self.entities.fuzzy_items.len() {
                self.entities.fuzzy_items[a] = self.fuzzy_item(a);
            }
        }
        fx.push(Effect::FuzzyUpdate(articles));
    }

    /// Re-place the open article's annotations after the library or the document changed.
    pub(super) fn place_annotations(&mut self, fx: &mut Effects) {
        let Some(reader) = &mut self.reader else { return };
        let id = &self.articles[reader.index].id;
        let Some(state) = self.marks.state.articles.get(id) else {
            reader.annotations.clear();
            return;
        };
        let (placed, fixes) = place(state, &reader.doc);
        reader.annotations = placed;
        let fixes = fixes.into_iter().map(|op| match op {
            LibraryOp::Reanchor {
                ann, quote, position, ..
            } => LibraryOp::Reanchor {
                id: id.clone(),
                ann,
                quote,
                position,
            },
            other => other,
        });
        if self.marks.read_only.is_none() {
            fx.extend(fixes.map(Effect::Library));
        }
    }

    /// `o`: the article's address to the browser; without one, say so.
    pub(super) fn open_link(&mut self, fx: &mut Effects) {
        let Some(index) = self.target_article() else { return };
        match self.articles[index].url.clone() {
            Some(url) => fx.push(Effect::OpenUrl(url)),
            None => self.message = Some(Message::info("this article has no URL")),
        }
    }

    /// Once loaded, put the list's cursor back on the article read last time (the one whose
    /// reading state was saved last), unless the user already moved it.
    pub(super) fn return_to_last_read(&mut self, fx: &mut Effects) {
        if self.filter.cursor_moved || !self.filter.line.text.is_empty() {
            return;
        }
        let stamp = |a: &ArticleState| {
            let read = a.read.as_ref().map_or(0, |r| r.updated);
            read.max(a.position.as_ref().map_or(0, |r| r.updated))
        };
        let Some((id, _)) = self
            .marks
            .state
            .articles
            .iter()
            .map(|(id, a)| (id, stamp(a)))
            .filter(|&(_, s)| s > 0)
            .max_by_key(|&(_, s)| s)
        else {
            return;
        };
        let Some(article) = self.articles.iter().position(|a| &a.id == id) else {
            return;
        };
        if let Some(row) = self.row_of(article) {
            self.cursor = row;
            self.keep_cursor_visible();
            self.open_under_cursor(fx);
        }
    }

    /// Where the reader's top line is, in characters of the body: the saved reading position.
    pub(super) fn reading_position(&self) -> Option<(String, usize)> {
        let reader = self.reader.as_ref()?;
        let body_offset = reader.anchor.saturating_sub(reader.doc.body_start);
        let chars = reader.doc.body().get(..body_offset).map_or(0, |s| s.chars().count());
        Some((self.articles[reader.index].id.clone(), chars))
    }

    /// Save where the reader is in the current article, if it moved since it was opened.
    pub(super) fn save_position(&self, fx: &mut Effects) {
        let Some((id, chars)) = self.reading_position() else {
            return;
        };
        let saved = self.marks.article(&id).map_or(0, ArticleState::position);
        if saved != chars && self.marks.read_only.is_none() {
            fx.push(Effect::Library(LibraryOp::SetPosition { id, chars }));
        }
    }
}
