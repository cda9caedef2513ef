//! The open article: wrapping per width (cached), scrolling anchored to a text offset.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::{App, Effect, Effects, FindState, Focus, add, marks::Placed, passage::Passage};
use crate::{
    entities::Entity,
    layout,
    store::{Document, StoreError},
    wrap::{self, WrappedLine},
};

/// An article read from disk with its entities, ready to show (the runtime reads it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub doc: Arc<Document>,
    pub entities: Arc<Vec<Entity>>,
}

/// How many opened articles (text and wrapped lines) are kept for quick return.
const DOC_CACHE: usize = 8;

/// An opened article: its text, the text wrapped to the reader's width, and where we are.
#[derive(Debug, Clone)]
pub struct Reader {
    pub index: usize,
    pub doc: Arc<Document>,
    pub lines: Arc<Vec<WrappedLine>>,
    pub width: usize,
    /// First visible line.
    pub top: usize,
    /// Byte offset of the first visible line's start: what survives a re-wrap.
    pub anchor: usize,
    /// The names shown: what extraction found, as the reader's corrections change it.
    pub entities: Arc<Vec<Entity>>,
    /// What extraction found, kept to apply corrections again when they change.
    pub found: Arc<Vec<Entity>>,
    /// Names the reader hid, listed under "Hidden" to be shown again.
    pub hidden: Vec<Entity>,
    pub find: Option<FindState>,
    /// The article's annotations, placed in this text.
    pub annotations: Vec<Placed>,
    /// The caret: where a passage starts (a byte offset into the text).
    pub caret: usize,
    /// A passage being chosen to annotate.
    pub passage: Option<Passage>,
    /// Articles sharing the most entities with this one (index, shared), computed on opening.
    pub related: Vec<(usize, u32)>,
    /// The article's language when it is not English: its names came from the lists only.
    pub lists_only: Option<crate::entities::language::Language>,
}

#[derive(Debug, Clone)]
struct Cached {
    index: usize,
    doc: Arc<Document>,
    entities: Arc<Vec<Entity>>,
    wraps: Vec<(usize, Arc<Vec<WrappedLine>>)>,
}

impl Cached {
    fn wrapped(&mut self, width: usize) -> Arc<Vec<WrappedLine>> {
        if let Some((_, lines)) = self.wraps.iter().find(|(w, _)| *w == width) {
            return lines.clone();
        }
        let lines = Arc::new(wrap::wrap_document(&self.doc, width));
        // Two widths cover going back and forth between layouts; dragging a window edge
        // must not pile up a wrap for every width it passed.
        if self.wraps.len() >= 2 {
            self.wraps.remove(0);
        }
        self.wraps.push((width, lines.clone()));
        lines
    }
}

/// Recently read articles with their wrapped lines per width, oldest first.
#[derive(Debug, Default)]
pub(super) struct DocCache(Vec<Cached>);

impl DocCache {
    fn take(&mut self, index: usize) -> Option<Cached> {
        let pos = self.0.iter().position(|c| c.index == index)?;
        Some(self.0.remove(pos))
    }

    fn put(&mut self, cached: Cached) {
        if self.0.len() >= DOC_CACHE {
            self.0.remove(0);
        }
        self.0.push(cached);
    }
}

impl App {
    /// The reader's text area: the preview's while browsing, and when the reader is not shown
    /// (one pane at a time, or the sidebar in its place) the one it will be read in.
    pub(super) fn reader_text_area(&self) -> Option<Rect> {
        self.panes()
            .reader_text()
            .or_else(|| layout::panes(self.area(), Focus::Reader, self.split, &self.look).reader_text())
    }

    /// Wrap the open article again when its pane changed width (a resize, or the list taking
    /// more or less room as the focus moves), keeping the same text at the top.
    pub(super) fn fit_reader(&mut self) {
        let width = self.reader_width();
        if self.reader.as_ref().is_some_and(|r| r.width != width) {
            self.rewrap();
        }
    }

    pub(super) fn reader_height(&self) -> usize {
        self.reader_text_area().map_or(0, |r| usize::from(r.height))
    }

    /// Without room for a reader (a terminal too small) wrap for a typical width rather than
    /// one column: the text is re-wrapped once the terminal grows.
    fn reader_width(&self) -> usize {
        self.reader_text_area().map_or(80, |r| usize::from(r.width).max(1))
    }

    pub(super) fn scroll_reader(&mut self, delta: i64) {
        let height = self.reader_height();
        if let Some(reader) = &mut self.reader {
            let max_top = reader.lines.len().saturating_sub(height.max(1));
            reader.top = add(reader.top, delta, max_top);
            reader.anchor = reader.lines.get(reader.top).map_or(0, |l| l.range.start);
        }
        self.keep_caret_in_view();
    }

    pub(super) fn scroll_reader_pages(&mut self, dir: i64, divisor: usize) {
        let page = self.reader_height() / divisor;
        // A full page keeps one line of context.
        let page = if divisor == 1 { page.saturating_sub(1) } else { page };
        self.scroll_reader(dir * i64::try_from(page.max(1)).unwrap_or(1));
    }

    /// Bring byte `offset` into view, a third of the way down the pane.
    pub(super) fn reveal(&mut self, offset: usize) {
        let height = self.reader_height();
        if let Some(reader) = &mut self.reader {
            let line = wrap::line_at(&reader.lines, offset);
            if line < reader.top || line >= reader.top + height {
                let max_top = reader.lines.len().saturating_sub(height.max(1));
                reader.top = line.saturating_sub(height / 3).min(max_top);
                reader.anchor = reader.lines.get(reader.top).map_or(0, |l| l.range.start);
            }
        }
    }

    /// Bring byte `offset` into view and put the caret there (a hit, an annotation, a mention).
    pub(super) fn reveal_at(&mut self, offset: usize) {
        self.reveal(offset);
        if let Some(reader) = &mut self.reader {
            reader.caret = offset;
        }
    }

    /// Show the article under the list cursor, reading it first unless it is cached.
    pub(super) fn open_under_cursor(&mut self, fx: &mut Effects) {
        let Some(index) = self.cursor_article() else { return };
        if self.reader.as_ref().is_some_and(|r| r.index == index) {
            return;
        }
        if let Some(cached) = self.cache.take(index) {
            self.show(cached, fx);
            return;
        }
        self.opening = Some(index);
        fx.push(Effect::ReadArticle { index });
    }

    pub(super) fn article_read(&mut self, index: usize, result: Result<Opened, StoreError>, fx: &mut Effects) {
        if self.opening == Some(index) {
            self.opening = None;
        }
        // A slow read can finish after the user moved on: only show what the cursor is on.
        if self.cursor_article() != Some(index) {
            return;
        }
        match result {
            Ok(Opened { doc, entities }) => self.show(
                Cached {
                    index,
                    doc,
                    entities,
                    wraps: Vec::new(),
                },
                fx,
            ),
            Err(err) => {
                self.save_position(fx);
                self.reader = None;
                self.reader_error = Some(err.to_string());
            }
        }
    }

    fn show(&mut self, mut cached: Cached, fx: &mut Effects) {
        self.opening = None;
        self.save_position(fx);
        if let Some(old) = self.reader.take() {
            let wraps = vec![(old.width, old.lines)];
            self.cache.put(Cached {
                index: old.index,
                doc: old.doc,
                entities: old.found,
                wraps,
            });
        }
        let width = self.reader_width();
        let lines = cached.wrapped(width);
        self.reader_error = None;
        self.sidebar_cursor = 0;
        self.reader = Some(Reader {
            index: cached.index,
            doc: cached.doc.clone(),
            lines,
            width,
            top: 0,
            anchor: 0,
            entities: cached.entities.clone(),
            found: cached.entities.clone(),
            hidden: Vec::new(),
            find: None,
            annotations: Vec::new(),
            caret: 0,
            passage: None,
            related: self.related_of(cached.index),
            // A detection over the article's opening: microseconds, once per opening.
            lists_only: crate::entities::language::lists_only(cached.doc.body()),
        });
        if self.input == Some(super::Input::Find) {
            self.input = None;
        }
        self.correct_reader();
        self.cache.put(cached);
        if !self.reveal_fulltext_hits() {
            self.restore_position();
            self.caret_to_top();
        }
        self.place_annotations(fx);
        self.jump_to_pending();
    }

    /// Open at the saved reading position.
    fn restore_position(&mut self) {
        let Some(reader) = &self.reader else { return };
        let chars = self
            .marks
            .article(&self.articles[reader.index].id)
            .map_or(0, super::super::library::model::ArticleState::position);
        if chars == 0 {
            return;
        }
        let body = reader.doc.body();
        let byte = body.char_indices().nth(chars).map_or(body.len(), |(i, _)| i);
        let offset = reader.doc.body_start + byte;
        let height = self.reader_height();
        if let Some(reader) = &mut self.reader {
            let max_top = reader.lines.len().saturating_sub(height.max(1));
            reader.top = wrap::line_at(&reader.lines, offset).min(max_top);
            reader.anchor = reader.lines.get(reader.top).map_or(0, |l| l.range.start);
        }
    }

    /// Bring the annotation waiting in `pending_jump` into view, once its article is open.
    pub(super) fn jump_to_pending(&mut self) {
        if let Some((article, at)) = self.pending_offset
            && self.reader.as_ref().is_some_and(|r| r.index == article)
        {
            self.pending_offset = None;
            self.reveal_at(at);
        }
        let Some(ann) = self.pending_jump.clone() else { return };
        let Some(reader) = &self.reader else { return };
        if reader.index != self.cursor_article().unwrap_or(usize::MAX) {
            return;
        }
        self.pending_jump = None;
        let start = reader
            .annotations
            .iter()
            .find(|p| p.ann == ann)
            .and_then(|p| p.range.as_ref())
            .map(|r| r.start);
        if let Some(start) = start {
            self.reveal_at(start);
        }
    }

    /// `]` / `[`: the next or previous annotated passage after the top of the pane.
    pub(super) fn jump_annotation(&mut self, dir: i64) {
        let Some(reader) = &self.reader else { return };
        let starts: Vec<usize> = reader
            .annotations
            .iter()
            .filter_map(|p| p.range.as_ref().map(|r| r.start))
            .collect();
        if let Some(start) = wrap::next_after_top(&reader.lines, reader.top, &starts, dir) {
            self.scroll_to(start);
        }
    }

    /// Put the line showing byte `offset` at the top of the pane (as far as the end allows).
    pub(super) fn scroll_to(&mut self, offset: usize) {
        let height = self.reader_height();
        if let Some(reader) = &mut self.reader {
            let max_top = reader.lines.len().saturating_sub(height.max(1));
            reader.top = wrap::line_at(&reader.lines, offset).min(max_top);
            reader.anchor = reader.lines.get(reader.top).map_or(0, |l| l.range.start);
        }
        if let Some(reader) = &mut self.reader {
            reader.caret = offset;
        }
    }

    /// After a resize: wrap again to the new width and keep the same text at the top.
    pub(super) fn rewrap(&mut self) {
        if self.reader_text_area().is_none() {
            return;
        }
        let width = self.reader_width();
        let height = self.reader_height();
        let Some(reader) = &mut self.reader else { return };
        if reader.width != width {
            let mut cached = self.cache.take(reader.index).unwrap_or_else(|| Cached {
                index: reader.index,
                doc: reader.doc.clone(),
                entities: reader.found.clone(),
                wraps: Vec::new(),
            });
            if !cached.wraps.iter().any(|(w, _)| *w == reader.width) {
                cached.wraps.push((reader.width, reader.lines.clone()));
            }
            reader.lines = cached.wrapped(width);
            reader.width = width;
            self.cache.put(cached);
        }
        let max_top = reader.lines.len().saturating_sub(height.max(1));
        reader.top = wrap::line_at(&reader.lines, reader.anchor).min(max_top);
    }
}
