//! The model and its update: every change of state goes through [`App::update`], which never
//! does I/O. What needs doing outside (reading an article) comes back as an [`Effect`].

use std::sync::Arc;

use ratatui::layout::{Position, Rect};

use crate::{
    entities::{self, Entity},
    store::{ArticleMeta, CorpusSource, Document, LoadEvent, Skipped},
    ui::{layout, theme::Theme},
    wrap::{self, Line},
};

/// How many opened articles (text and wrapped lines) are kept for quick return.
const DOC_CACHE: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Sidebar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Skipped,
}

/// What the keymap needs to know to pick a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Pane(Focus),
    Overlay,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Open,
    Back,
    FocusNext,
    FocusPrev,
    ToggleHelp,
    ShowSkipped,
    CloseOverlay,
    Resize(u16, u16),
    Wheel {
        col: u16,
        row: u16,
        delta: i32,
    },
    Click {
        col: u16,
        row: u16,
    },
    Loaded(Vec<LoadEvent>),
    DocumentLoaded {
        index: usize,
        result: Result<Arc<Document>, String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    LoadDocument { index: usize },
}

/// Loading progress while the corpus is still being read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub files: u64,
    pub bytes: u64,
}

/// An opened article: its text, the text wrapped to the reader's width, and where we are.
#[derive(Debug, Clone)]
pub struct Reader {
    pub index: usize,
    pub doc: Arc<Document>,
    pub lines: Arc<Vec<Line>>,
    pub width: usize,
    /// First visible line.
    pub top: usize,
    /// Byte offset of the first visible line's start: what survives a re-wrap.
    pub anchor: usize,
    pub entities: Arc<Vec<Entity>>,
}

#[derive(Debug, Clone)]
struct Cached {
    index: usize,
    doc: Arc<Document>,
    entities: Arc<Vec<Entity>>,
    wraps: Vec<(usize, Arc<Vec<Line>>)>,
}

#[derive(Debug)]
pub struct App {
    pub corpus_name: String,
    pub source: CorpusSource,
    pub articles: Vec<ArticleMeta>,
    pub skipped: Vec<Skipped>,
    /// `Some` while the corpus is still loading.
    pub loading: Option<Progress>,
    pub selected: usize,
    pub list_offset: usize,
    pub reader: Option<Reader>,
    /// The article being read, when it could not be read.
    pub reader_error: Option<String>,
    pub sidebar_selected: usize,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    pub overlay_scroll: usize,
    pub size: (u16, u16),
    pub theme: Theme,
    pub should_quit: bool,
    cache: Vec<Cached>,
}

impl App {
    pub fn new(source: CorpusSource, theme: Theme) -> Self {
        Self {
            corpus_name: source.name(),
            source,
            articles: Vec::new(),
            skipped: Vec::new(),
            loading: Some(Progress::default()),
            selected: 0,
            list_offset: 0,
            reader: None,
            reader_error: None,
            sidebar_selected: 0,
            focus: Focus::List,
            overlay: None,
            overlay_scroll: 0,
            size: (80, 24),
            theme,
            should_quit: false,
            cache: Vec::new(),
        }
    }

    pub fn mode(&self) -> Mode {
        match self.overlay {
            Some(_) => Mode::Overlay,
            None => Mode::Pane(self.focus),
        }
    }

    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    pub fn panes(&self) -> layout::Panes {
        layout::panes(self.area(), self.focus)
    }

    /// Rows the list shows, in order: indices into `articles`.
    pub fn row_count(&self) -> usize {
        self.articles.len()
    }

    pub fn row_article(&self, row: usize) -> Option<usize> {
        (row < self.articles.len()).then_some(row)
    }

    pub fn selected_article(&self) -> Option<usize> {
        self.row_article(self.selected)
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => {
                self.should_quit = true;
                vec![]
            }
            Action::ToggleHelp => {
                self.toggle_overlay(Overlay::Help);
                vec![]
            }
            Action::ShowSkipped => {
                self.toggle_overlay(Overlay::Skipped);
                vec![]
            }
            Action::CloseOverlay => {
                self.overlay = None;
                vec![]
            }
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::Top => self.step(i64::MIN / 2),
            Action::Bottom => self.step(i64::MAX / 2),
            Action::PageDown => self.scroll_reader_pages(1, 1),
            Action::PageUp => self.scroll_reader_pages(-1, 1),
            Action::HalfPageDown => self.scroll_reader_pages(1, 2),
            Action::HalfPageUp => self.scroll_reader_pages(-1, 2),
            Action::Open => {
                let effects = self.open_selected();
                if self.reader.is_some() || !effects.is_empty() {
                    self.focus = Focus::Reader;
                }
                effects
            }
            Action::Back => {
                self.focus = Focus::List;
                vec![]
            }
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.focus = self.panes().visible_focus(self.focus);
                self.rewrap();
                self.keep_selection_visible();
                vec![]
            }
            Action::Wheel { col, row, delta } => self.wheel(col, row, delta),
            Action::Click { col, row } => self.click(col, row),
            Action::Loaded(events) => self.loaded(events),
            Action::DocumentLoaded { index, result } => {
                self.document_loaded(index, result);
                vec![]
            }
        }
    }

    fn toggle_overlay(&mut self, overlay: Overlay) {
        self.overlay = if self.overlay == Some(overlay) {
            None
        } else {
            Some(overlay)
        };
        self.overlay_scroll = 0;
    }

    /// j/k and friends: their meaning follows the focus.
    fn step(&mut self, delta: i64) -> Vec<Effect> {
        if self.overlay.is_some() {
            self.overlay_scroll = add(self.overlay_scroll, delta, usize::MAX / 2);
            return vec![];
        }
        match self.focus {
            Focus::List => self.select_row(add(self.selected, delta, self.row_count().saturating_sub(1))),
            Focus::Reader => {
                self.scroll_reader(delta);
                vec![]
            }
            Focus::Sidebar => {
                let count = self.reader.as_ref().map_or(0, |r| r.entities.len());
                self.sidebar_selected = add(self.sidebar_selected, delta, count.saturating_sub(1));
                vec![]
            }
        }
    }

    fn select_row(&mut self, row: usize) -> Vec<Effect> {
        self.selected = row;
        self.keep_selection_visible();
        // Moving through the list previews the article in the reader, as mail readers do.
        self.open_selected()
    }

    fn keep_selection_visible(&mut self) {
        let height = self.panes().list_rows();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if height > 0 && self.selected >= self.list_offset + height {
            self.list_offset = self.selected + 1 - height;
        }
        let max_offset = self.row_count().saturating_sub(height.max(1));
        self.list_offset = self.list_offset.min(max_offset);
    }

    fn cycle_focus(&mut self, dir: i32) -> Vec<Effect> {
        let order = self.panes().focus_order();
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0) as i32;
        let next = (at + dir).rem_euclid(order.len() as i32) as usize;
        self.focus = order[next];
        vec![]
    }

    /// The reader's text area, also when a narrow terminal shows the list in its place, so a
    /// preview is wrapped for the width it will be read at.
    fn reader_text(&self) -> Option<Rect> {
        layout::panes(self.area(), Focus::Reader).reader_text()
    }

    fn reader_height(&self) -> usize {
        self.reader_text().map_or(0, |r| usize::from(r.height))
    }

    fn reader_width(&self) -> usize {
        self.reader_text().map_or(1, |r| usize::from(r.width).max(1))
    }

    fn scroll_reader(&mut self, delta: i64) {
        let height = self.reader_height();
        if let Some(reader) = &mut self.reader {
            let max_top = reader.lines.len().saturating_sub(height.max(1));
            reader.top = add(reader.top, delta, max_top);
            reader.anchor = reader.lines.get(reader.top).map_or(0, |l| l.range.start);
        }
    }

    fn scroll_reader_pages(&mut self, dir: i64, divisor: usize) -> Vec<Effect> {
        let page = (self.reader_height() / divisor)
            .saturating_sub(if divisor == 1 { 1 } else { 0 })
            .max(1);
        self.scroll_reader(dir * page as i64);
        vec![]
    }

    fn open_selected(&mut self) -> Vec<Effect> {
        let Some(index) = self.selected_article() else {
            return vec![];
        };
        if self.reader.as_ref().is_some_and(|r| r.index == index) {
            return vec![];
        }
        if let Some(pos) = self.cache.iter().position(|c| c.index == index) {
            let cached = self.cache.remove(pos);
            self.show(cached);
            return vec![];
        }
        vec![Effect::LoadDocument { index }]
    }

    fn document_loaded(&mut self, index: usize, result: Result<Arc<Document>, String>) {
        // A slow load can finish after the user moved on: only show what is still selected.
        if self.selected_article() != Some(index) {
            return;
        }
        match result {
            Ok(doc) => {
                let entities = Arc::new(entities::names_in(&doc));
                self.show(Cached {
                    index,
                    doc,
                    entities,
                    wraps: Vec::new(),
                });
            }
            Err(err) => {
                self.reader = None;
                self.reader_error = Some(err);
            }
        }
    }

    fn show(&mut self, mut cached: Cached) {
        if let Some(old) = self.reader.take() {
            self.remember(Cached {
                index: old.index,
                doc: old.doc,
                entities: old.entities,
                wraps: vec![(old.width, old.lines)],
            });
        }
        let width = self.reader_width();
        let lines = wrapped(&mut cached, width);
        self.reader_error = None;
        self.sidebar_selected = 0;
        self.reader = Some(Reader {
            index: cached.index,
            doc: cached.doc.clone(),
            lines,
            width,
            top: 0,
            anchor: 0,
            entities: cached.entities.clone(),
        });
        self.remember(cached);
    }

    fn remember(&mut self, cached: Cached) {
        if let Some(existing) = self.cache.iter_mut().find(|c| c.index == cached.index) {
            for (w, lines) in cached.wraps {
                if !existing.wraps.iter().any(|(ew, _)| *ew == w) {
                    existing.wraps.push((w, lines));
                }
            }
            return;
        }
        if self.cache.len() >= DOC_CACHE {
            self.cache.remove(0);
        }
        self.cache.push(cached);
    }

    /// After a resize: wrap again to the new width and keep the same text at the top.
    fn rewrap(&mut self) {
        let width = self.reader_width();
        let Some(mut reader) = self.reader.take() else {
            return;
        };
        if reader.width != width {
            let mut cached = Cached {
                index: reader.index,
                doc: reader.doc.clone(),
                entities: reader.entities.clone(),
                wraps: vec![(reader.width, reader.lines.clone())],
            };
            if let Some(pos) = self.cache.iter().position(|c| c.index == reader.index) {
                cached.wraps.append(&mut self.cache.remove(pos).wraps);
            }
            reader.lines = wrapped(&mut cached, width);
            reader.width = width;
            self.remember(cached);
        }
        let height = self.reader_height();
        let max_top = reader.lines.len().saturating_sub(height.max(1));
        reader.top = wrap::line_at(&reader.lines, reader.anchor).min(max_top);
        self.reader = Some(reader);
    }

    fn wheel(&mut self, col: u16, row: u16, delta: i32) -> Vec<Effect> {
        let panes = self.panes();
        let at = Position::new(col, row);
        if panes.list.is_some_and(|r| r.contains(at)) {
            let row = add(self.selected, i64::from(delta), self.row_count().saturating_sub(1));
            return self.select_row(row);
        }
        if panes.reader.is_some_and(|r| r.contains(at)) {
            self.scroll_reader(i64::from(delta));
        } else if panes.sidebar.is_some_and(|r| r.contains(at)) {
            let count = self.reader.as_ref().map_or(0, |r| r.entities.len());
            self.sidebar_selected = add(self.sidebar_selected, i64::from(delta), count.saturating_sub(1));
        }
        vec![]
    }

    fn click(&mut self, col: u16, row: u16) -> Vec<Effect> {
        if self.overlay.is_some() {
            self.overlay = None;
            return vec![];
        }
        let panes = self.panes();
        let at = Position::new(col, row);
        if let Some(list) = panes.list.filter(|r| r.contains(at)) {
            self.focus = Focus::List;
            let inner_top = list.y + layout::LIST_HEADER_ROWS;
            if row >= inner_top && row < list.bottom().saturating_sub(1) {
                let clicked = self.list_offset + usize::from(row - inner_top);
                if clicked < self.row_count() {
                    return self.select_row(clicked);
                }
            }
        } else if panes.reader.is_some_and(|r| r.contains(at)) {
            self.focus = Focus::Reader;
        } else if let Some(sidebar) = panes.sidebar.filter(|r| r.contains(at)) {
            self.focus = Focus::Sidebar;
            let count = self.reader.as_ref().map_or(0, |r| r.entities.len());
            let clicked = usize::from(row.saturating_sub(sidebar.y + 1));
            if clicked < count {
                self.sidebar_selected = clicked;
            }
        }
        vec![]
    }

    fn loaded(&mut self, events: Vec<LoadEvent>) -> Vec<Effect> {
        for event in events {
            match event {
                LoadEvent::Article(meta) => self.articles.push(*meta),
                LoadEvent::Skipped(s) => self.skipped.push(s),
                LoadEvent::Progress { files, bytes } => {
                    if let Some(p) = &mut self.loading {
                        *p = Progress { files, bytes };
                    }
                }
                LoadEvent::Done => self.loading = None,
            }
        }
        if self.reader.is_none() && self.reader_error.is_none() {
            self.open_selected()
        } else {
            vec![]
        }
    }
}

fn wrapped(cached: &mut Cached, width: usize) -> Arc<Vec<Line>> {
    if let Some((_, lines)) = cached.wraps.iter().find(|(w, _)| *w == width) {
        return lines.clone();
    }
    let lines = Arc::new(wrap::wrap_document(&cached.doc, width));
    cached.wraps.push((width, lines.clone()));
    lines
}

/// `value + delta`, clamped to `0..=max`.
fn add(value: usize, delta: i64, max: usize) -> usize {
    let v = i64::try_from(value).unwrap_or(i64::MAX).saturating_add(delta);
    usize::try_from(v.max(0)).unwrap_or(usize::MAX).min(max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{effects, store::LoadOptions};

    fn seeds_app() -> App {
        let mut app = App::new(CorpusSource::Seeds, Theme::plain());
        effects::load_sync(&mut app, &LoadOptions::default());
        app.update(Action::Resize(100, 30));
        app
    }

    #[test]
    fn loading_opens_the_first_article() {
        let app = seeds_app();
        assert_eq!(app.articles.len(), 5);
        assert!(app.loading.is_none());
        assert_eq!(app.reader.as_ref().map(|r| r.index), Some(0));
    }

    #[test]
    fn moving_previews_and_enter_focuses_the_reader() {
        let mut app = seeds_app();
        let effects = app.update(Action::Down);
        assert_eq!(effects, vec![Effect::LoadDocument { index: 1 }]);
        effects::run(&mut app, effects, &LoadOptions::default());
        assert_eq!(app.reader.as_ref().map(|r| r.index), Some(1));
        app.update(Action::Open);
        assert_eq!(app.focus, Focus::Reader);
        app.update(Action::Bottom);
        assert!(app.reader.as_ref().unwrap().top > 0);
    }

    #[test]
    fn resize_keeps_the_reading_position() {
        let mut app = seeds_app();
        app.update(Action::Open);
        for _ in 0..7 {
            app.update(Action::Down);
        }
        let reader = app.reader.as_ref().unwrap();
        let anchor = reader.anchor;
        let text_at_top = reader.doc.text[reader.lines[reader.top].range.clone()].to_string();
        app.update(Action::Resize(140, 40));
        app.update(Action::Resize(70, 20));
        let reader = app.reader.as_ref().unwrap();
        let line = &reader.lines[reader.top];
        assert!(
            line.range.start <= anchor && anchor <= line.range.end.max(line.range.start),
            "anchor still on the top line"
        );
        assert!(text_at_top.contains(&reader.doc.text[line.range.start..anchor.max(line.range.start)]));
        assert_eq!(reader.anchor, anchor, "a resize alone does not move the anchor");
    }

    #[test]
    fn focus_cycles_through_visible_panes_only() {
        let mut app = seeds_app();
        app.update(Action::FocusNext);
        app.update(Action::FocusNext);
        assert_eq!(app.focus, Focus::Sidebar);
        app.update(Action::Resize(80, 24));
        assert_eq!(app.focus, Focus::Reader, "the sidebar collapsed, focus moved off it");
        app.update(Action::FocusNext);
        assert_eq!(app.focus, Focus::List);
    }

    #[test]
    fn stale_document_loads_are_ignored() {
        let mut app = seeds_app();
        app.update(Action::Down);
        let doc = Arc::new(Document::default());
        app.update(Action::DocumentLoaded {
            index: 4,
            result: Ok(doc),
        });
        assert_ne!(app.reader.as_ref().map(|r| r.index), Some(4));
    }

    #[test]
    fn clamps_never_underflow() {
        assert_eq!(add(0, -5, 10), 0);
        assert_eq!(add(3, i64::MAX / 2, 10), 10);
        assert_eq!(add(3, 2, 0), 0);
    }
}
