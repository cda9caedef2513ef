//! The model and its update: every change of state goes through [`App::update`], which never
//! does I/O. What needs doing outside (reading an article, re-patterning the matcher) comes back
//! as an [`Effect`].

pub mod annotations;
pub mod editor;
mod filter_line;
pub mod fulltext;
pub mod input;
pub mod marks;
pub(crate) mod reader;
pub mod search;
pub mod select;
pub mod sidebar;

use std::sync::Arc;

use ratatui::layout::{Position, Rect};

use ratatui::crossterm::event::KeyEvent;

pub use self::{
    annotations::AnnotationList,
    editor::{NoteEditor, NoteTarget},
    filter_line::FilterState,
    fulltext::FullText,
    input::{Edit, LineEdit},
    marks::{LibraryOp, Marks, Message},
    reader::{Opened, Reader, SearchState},
    select::Unit,
    sidebar::{EntityState, Facet, Item, SidebarView},
};
use crate::{
    filter::Results,
    library::CorpusState,
    store::{ArticleMeta, CorpusSource, LoadEvent, Skipped},
    ui::{layout, theme::Theme},
};

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
    Annotations,
}

/// Which text line has the keyboard, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Filter,
    Search,
}

/// What the keymap needs to know to pick a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Pane(Focus),
    Typing(Input),
    /// The reader with a passage being selected.
    Selecting,
    /// The note editor has the keyboard.
    Editing,
    /// The annotations view, browsing or typing in its filter line.
    Annotations {
        typing: bool,
    },
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
    /// `/`: the filter line (list, sidebar) or the search line (reader).
    StartFilter,
    StartSearch,
    Edit(Edit),
    /// Esc in a text line: leave it, keeping what was typed.
    LeaveInput,
    /// Enter in a text line.
    SubmitInput,
    /// Up/Down in the filter line: history when the line is empty, else move the selection.
    LineUp,
    LineDown,
    NextHit,
    PrevHit,
    ToggleBookmark,
    ToggleBookmarksOnly,
    ToggleRead,
    /// `a`: annotate the selection, else edit the article's note.
    EditNote,
    EditNoteExternally,
    StartSelection(Unit),
    /// Move a one-unit selection instead of extending it.
    MoveSelection(i64),
    /// Sidebar: Enter (facet or open a related article); `-` a negated facet.
    SidebarEnter,
    NegateFacet,
    RemoveLastFacet,
    ToggleSidebarView,
    NextMention,
    PrevMention,
    EntityPass(crate::entities::corpus::Pass),
    CancelSelection,
    NextAnnotation,
    PrevAnnotation,
    ShowAnnotations,
    AnnotationEdit,
    AnnotationDelete,
    Export,
    EditorKey(KeyEvent),
    CloseEditor,
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
    Drag {
        col: u16,
        row: u16,
    },
    Loaded(Vec<LoadEvent>),
    DocumentLoaded {
        index: usize,
        result: Result<Opened, String>,
    },
    FilterResults {
        results: Arc<Results>,
        running: bool,
    },
    HistoryLoaded(Vec<String>),
    LibraryChanged {
        state: Arc<CorpusState>,
        error: Option<String>,
        notices: Vec<String>,
    },
    LibraryOpened {
        state: Arc<CorpusState>,
        read_only: Option<String>,
        history: Vec<String>,
        notices: Vec<String>,
    },
    NoteEdited {
        target: Box<NoteTarget>,
        /// What was handed to the editor, kept in case it fails.
        sent: String,
        result: Result<String, String>,
    },
    Exported(Result<String, String>),
    /// An answer or a progress report from the full-text searcher and its index builder.
    Searcher(crate::index::worker::Reply),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadDocument {
        index: usize,
    },
    /// New articles from this index on are ready to be matched.
    IndexArticles {
        from: usize,
    },
    SetQuery(String),
    /// Entity names are known: these haystacks (one per article, built as the names arrived)
    /// replace the matcher's.
    RebuildFilter(Vec<String>),
    Library(LibraryOp),
    /// Suspend the terminal and edit `text` in `$VISUAL`/`$EDITOR`.
    ExternalEdit {
        target: NoteTarget,
        text: String,
    },
    Export,
    /// Search the articles' text (the filter line in full-text mode).
    FullText {
        generation: u64,
        query: String,
    },
    /// Cut snippets of these results for the list.
    Snippets {
        generation: u64,
        articles: Vec<u32>,
    },
}

/// Loading progress while the corpus is still being read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub files: u64,
    pub bytes: u64,
    /// What there is to read, once counted.
    pub total_files: Option<u64>,
    pub total_bytes: Option<u64>,
}

#[derive(Debug)]
pub struct App {
    pub corpus_name: String,
    pub source: CorpusSource,
    pub articles: Vec<ArticleMeta>,
    pub skipped: Vec<Skipped>,
    /// `Some` while the corpus is still loading.
    pub loading: Option<Progress>,
    /// Selected row of the list (an index into the visible rows, not into `articles`).
    pub selected: usize,
    pub list_offset: usize,
    pub filter: FilterState,
    pub reader: Option<Reader>,
    /// An article being read from disk in the background (a large one), to say so.
    pub opening: Option<usize>,
    /// The article being read, when it could not be read.
    pub reader_error: Option<String>,
    pub sidebar_selected: usize,
    pub focus: Focus,
    pub input: Option<Input>,
    pub overlay: Option<Overlay>,
    pub overlay_scroll: usize,
    pub size: (u16, u16),
    pub theme: Theme,
    pub should_quit: bool,
    pub marks: Marks,
    pub entities: EntityState,
    pub message: Option<Message>,
    /// Rows after constraints other than the fuzzy filter; `None` when there are none.
    pub rows: Option<Arc<Vec<u32>>>,
    pub editor: Option<NoteEditor>,
    pub fulltext: FullText,
    pub annotations: Option<AnnotationList>,
    /// An annotation to bring into view once its article is open.
    pub pending_jump: Option<String>,
    /// Where a mouse button went down in the reader, for drag selection.
    drag_from: Option<u16>,
    cache: reader::DocCache,
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
            filter: FilterState::default(),
            reader: None,
            opening: None,
            reader_error: None,
            sidebar_selected: 0,
            focus: Focus::List,
            input: None,
            overlay: None,
            overlay_scroll: 0,
            size: (80, 24),
            theme,
            should_quit: false,
            marks: Marks::default(),
            entities: EntityState::default(),
            message: None,
            rows: None,
            editor: None,
            fulltext: FullText::default(),
            annotations: None,
            pending_jump: None,
            drag_from: None,
            cache: reader::DocCache::default(),
        }
    }

    pub fn mode(&self) -> Mode {
        if self.editor.is_some() {
            return Mode::Editing;
        }
        let selecting = self.reader.as_ref().is_some_and(|r| r.selection.is_some()) && self.focus == Focus::Reader;
        match (self.overlay, self.input) {
            (Some(Overlay::Annotations), _) => Mode::Annotations {
                typing: self.annotations.as_ref().is_some_and(|a| a.typing),
            },
            (Some(_), _) => Mode::Overlay,
            (None, Some(input)) => Mode::Typing(input),
            (None, None) if selecting => Mode::Selecting,
            (None, None) => Mode::Pane(self.focus),
        }
    }

    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    pub fn panes(&self) -> layout::Panes {
        layout::panes(self.area(), self.focus)
    }

    /// Rows the list shows: the filter's matches best first, or every article in order.
    pub fn row_count(&self) -> usize {
        if let Some(rows) = &self.rows {
            return rows.len();
        }
        match &self.filter.results {
            Some(results) => results.order.len(),
            None => self.articles.len(),
        }
    }

    pub fn row_article(&self, row: usize) -> Option<usize> {
        if let Some(rows) = &self.rows {
            return rows.get(row).map(|&i| i as usize);
        }
        match &self.filter.results {
            Some(results) => results.order.get(row).map(|&i| i as usize),
            None => (row < self.articles.len()).then_some(row),
        }
    }

    pub(super) fn row_of(&self, article: usize) -> Option<usize> {
        if let Some(rows) = &self.rows {
            return rows.iter().position(|&i| i as usize == article);
        }
        match &self.filter.results {
            Some(results) => results.order.iter().position(|&i| i as usize == article),
            None => (article < self.articles.len()).then_some(article),
        }
    }

    /// What the fuzzy filter matches an article on, with the names it mentions once known.
    pub fn haystack(&self, article: usize) -> String {
        crate::filter::haystack(&self.articles[article], &self.entities.index.names_of(article))
    }

    pub fn selected_article(&self) -> Option<usize> {
        self.row_article(self.selected)
    }

    /// Rows above the first article row inside the list pane: the border and the filter line.
    pub fn list_header_rows(&self) -> u16 {
        layout::LIST_HEADER_ROWS
            + u16::from(self.filter.line_shown(self.input))
            + u16::from(!self.entities.facets.is_empty())
    }

    /// How many article rows fit in the list.
    pub fn list_rows(&self) -> usize {
        let list = self.panes().list.map_or(0, |r| r.height);
        usize::from(list.saturating_sub(self.list_header_rows() + 1)) / self.list_row_height()
    }

    /// Screen lines per list row: two for full-text results (title, then snippet).
    pub fn list_row_height(&self) -> usize {
        if self.fulltext_query().is_some() { 2 } else { 1 }
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if is_from_user(&action) {
            // A message is read by the time the next key is pressed.
            self.message = None;
        }
        let mut effects = self.dispatch(action);
        effects.extend(self.want_snippets());
        effects
    }

    fn dispatch(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::StartFilter if self.overlay == Some(Overlay::Annotations) => {
                if let Some(list) = &mut self.annotations {
                    list.typing = true;
                }
                vec![]
            }
            Action::Edit(edit) if self.overlay == Some(Overlay::Annotations) => {
                self.annotations_edit_line(edit);
                vec![]
            }
            Action::LeaveInput if self.overlay == Some(Overlay::Annotations) => {
                if let Some(list) = &mut self.annotations {
                    list.typing = false;
                }
                vec![]
            }
            Action::SubmitInput | Action::Open if self.overlay == Some(Overlay::Annotations) => self.annotations_open(),
            Action::Quit => {
                self.should_quit = true;
                // Nothing typed or read is lost on the way out.
                let mut effects = self.close_editor();
                effects.extend(self.save_position());
                effects
            }
            Action::ToggleHelp => self.toggle_overlay(Overlay::Help),
            Action::ShowSkipped => self.toggle_overlay(Overlay::Skipped),
            Action::CloseOverlay => {
                self.overlay = None;
                self.annotations = None;
                vec![]
            }
            Action::Up if self.mode() == Mode::Selecting => self.select_step(-1),
            Action::Down if self.mode() == Mode::Selecting => self.select_step(1),
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::Top => self.step(i64::MIN / 2),
            Action::Bottom => self.step(i64::MAX / 2),
            Action::PageDown => self.scroll_reader_pages(1, 1),
            Action::PageUp => self.scroll_reader_pages(-1, 1),
            Action::HalfPageDown => self.scroll_reader_pages(1, 2),
            Action::HalfPageUp => self.scroll_reader_pages(-1, 2),
            Action::Open => self.open_and_focus(),
            Action::Back => self.back(),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::StartFilter => self.start_filter(),
            Action::StartSearch => self.start_search(),
            Action::Edit(edit) => self.edit(edit),
            Action::LeaveInput => self.leave_input(),
            Action::SubmitInput => self.submit_input(),
            Action::LineUp => self.line_up(),
            Action::LineDown => self.line_down(),
            Action::NextHit => self.jump_hit(1),
            Action::PrevHit => self.jump_hit(-1),
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::ToggleBookmarksOnly => self.toggle_bookmarks_only(),
            Action::ToggleRead => self.toggle_read(),
            Action::EditNote => self.edit_note(),
            Action::EditNoteExternally => self.edit_externally(),
            Action::StartSelection(unit) => {
                self.focus = Focus::Reader;
                self.start_selection(unit)
            }
            Action::MoveSelection(delta) => {
                self.move_passage_selection(delta);
                vec![]
            }
            Action::CancelSelection => {
                if let Some(r) = &mut self.reader {
                    r.selection = None;
                }
                vec![]
            }
            Action::SidebarEnter => self.sidebar_enter(false),
            Action::NegateFacet => self.sidebar_enter(true),
            Action::RemoveLastFacet => self.remove_last_facet(),
            Action::ToggleSidebarView => self.toggle_sidebar_view(),
            Action::NextMention => self.jump_mention(1),
            Action::PrevMention => self.jump_mention(-1),
            Action::EntityPass(pass) => self.entity_pass(pass),
            Action::NextAnnotation => self.jump_annotation(1),
            Action::PrevAnnotation => self.jump_annotation(-1),
            Action::ShowAnnotations => self.show_annotations(),
            Action::AnnotationEdit => self.annotations_edit(),
            Action::AnnotationDelete => self.annotations_delete(),
            Action::Export => vec![Effect::Export],
            Action::EditorKey(key) => self.editor_key(key),
            Action::CloseEditor => self.close_editor(),
            Action::LibraryChanged { state, error, notices } => self.library_changed(state, error, notices),
            Action::LibraryOpened {
                state,
                read_only,
                history,
                notices,
            } => {
                self.marks.read_only = read_only;
                self.filter.history = history;
                self.library_changed(state, None, notices)
            }
            Action::NoteEdited { target, sent, result } => self.note_edited(*target, sent, result),
            Action::Exported(result) => {
                self.message = Some(match result {
                    Ok(path) => Message {
                        text: format!("exported to {path}"),
                        error: false,
                    },
                    Err(err) => Message {
                        text: format!("export failed: {err}"),
                        error: true,
                    },
                });
                vec![]
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.focus = self.panes().visible_focus(self.focus);
                self.rewrap();
                self.keep_selection_visible();
                vec![]
            }
            Action::Wheel { col, row, delta } => self.wheel(col, row, delta),
            Action::Click { col, row } => self.click(col, row),
            Action::Drag { col, row } => {
                if let (Some(from), true) = (
                    self.drag_from,
                    self.panes().reader.is_some_and(|r| r.contains(Position::new(col, row))),
                ) {
                    self.drag_select(from, row);
                }
                vec![]
            }
            Action::Loaded(events) => self.loaded(events),
            Action::DocumentLoaded { index, result } => self.document_loaded(index, result),
            Action::FilterResults { results, running } => self.filter_results(results, running),
            Action::HistoryLoaded(history) => {
                self.filter.history = history;
                vec![]
            }
            Action::Searcher(reply) => self.searcher_reply(reply),
        }
    }

    fn select_step(&mut self, delta: i64) -> Vec<Effect> {
        self.extend_selection(delta);
        vec![]
    }

    fn toggle_overlay(&mut self, overlay: Overlay) -> Vec<Effect> {
        self.overlay = if self.overlay == Some(overlay) {
            None
        } else {
            Some(overlay)
        };
        self.overlay_scroll = 0;
        vec![]
    }

    /// j/k and friends: their meaning follows the focus.
    fn step(&mut self, delta: i64) -> Vec<Effect> {
        if self.overlay == Some(Overlay::Annotations) {
            self.annotations_step(delta);
            return vec![];
        }
        if self.overlay.is_some() {
            self.overlay_scroll = add(self.overlay_scroll, delta, usize::MAX / 2);
            return vec![];
        }
        match self.focus {
            Focus::List => self.move_selection(delta),
            Focus::Reader => {
                self.scroll_reader(delta);
                vec![]
            }
            Focus::Sidebar => {
                let count = self.sidebar_count();
                self.sidebar_selected = add(self.sidebar_selected, delta, count.saturating_sub(1));
                vec![]
            }
        }
    }

    fn move_selection(&mut self, delta: i64) -> Vec<Effect> {
        self.select_row(add(self.selected, delta, self.row_count().saturating_sub(1)))
    }

    fn select_row(&mut self, row: usize) -> Vec<Effect> {
        self.selected = row;
        self.keep_selection_visible();
        // Moving through the list previews the article in the reader, as mail readers do.
        self.open_selected()
    }

    pub(super) fn keep_selection_visible(&mut self) {
        let height = self.list_rows();
        self.selected = self.selected.min(self.row_count().saturating_sub(1));
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if height > 0 && self.selected >= self.list_offset + height {
            self.list_offset = self.selected + 1 - height;
        }
        let max_offset = self.row_count().saturating_sub(height.max(1));
        self.list_offset = self.list_offset.min(max_offset);
    }

    fn open_and_focus(&mut self) -> Vec<Effect> {
        let mut effects = self.open_selected();
        if self.reader.is_some() || !effects.is_empty() {
            self.focus = Focus::Reader;
        }
        // Opening an article (not just previewing it) marks it read.
        if let Some(index) = self.selected_article() {
            let id = self.articles[index].id.clone();
            if !self.marks.read(&id) && self.marks.read_only.is_none() {
                effects.push(Effect::Library(LibraryOp::SetRead { id, read: true }));
            }
        }
        effects
    }

    /// Esc outside a text line: clear the article search, else the filter, else go to the list.
    fn back(&mut self) -> Vec<Effect> {
        if self.focus == Focus::Reader && self.reader.as_ref().is_some_and(|r| r.search.is_some()) {
            if let Some(r) = self.reader.as_mut() {
                r.search = None;
            }
            return vec![];
        }
        if self.focus == Focus::List && !self.filter.line.text.is_empty() {
            return self.clear_filter();
        }
        self.focus = Focus::List;
        vec![]
    }

    fn cycle_focus(&mut self, dir: i32) -> Vec<Effect> {
        let order = self.panes().focus_order();
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0) as i32;
        let next = (at + dir).rem_euclid(order.len() as i32) as usize;
        self.focus = order[next];
        vec![]
    }

    fn wheel(&mut self, col: u16, row: u16, delta: i32) -> Vec<Effect> {
        let panes = self.panes();
        let at = Position::new(col, row);
        if panes.list.is_some_and(|r| r.contains(at)) {
            return self.move_selection(i64::from(delta));
        }
        if panes.reader.is_some_and(|r| r.contains(at)) {
            self.scroll_reader(i64::from(delta));
        } else if panes.sidebar.is_some_and(|r| r.contains(at)) {
            let count = self.sidebar_count();
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
            let first_row = list.y + self.list_header_rows();
            if row >= first_row && row < list.bottom().saturating_sub(1) {
                let clicked = self.list_offset + usize::from(row - first_row) / self.list_row_height();
                if clicked < self.row_count() {
                    return self.select_row(clicked);
                }
            }
        } else if panes.reader.is_some_and(|r| r.contains(at)) {
            self.focus = Focus::Reader;
            self.drag_from = Some(row);
            if let Some(r) = &mut self.reader {
                r.selection = None;
            }
        } else if let Some(sidebar) = panes.sidebar.filter(|r| r.contains(at)) {
            self.focus = Focus::Sidebar;
            let rows = usize::from(sidebar.height.saturating_sub(2));
            let items = self.sidebar_items();
            let clicked = self.sidebar_offset(&items, rows) + usize::from(row.saturating_sub(sidebar.y + 1));
            if items.get(clicked).is_some_and(Item::selectable) {
                // Headers are not selectable: count the selectable rows above the clicked one.
                self.sidebar_selected = items[..clicked].iter().filter(|i| i.selectable()).count();
            }
        }
        vec![]
    }

    fn loaded(&mut self, events: Vec<LoadEvent>) -> Vec<Effect> {
        let first_new = self.articles.len();
        for event in events {
            match event {
                LoadEvent::Article(meta) => self.articles.push(*meta),
                LoadEvent::Skipped(s) => self.skipped.push(s),
                LoadEvent::Progress { files, bytes } => {
                    if let Some(p) = &mut self.loading {
                        (p.files, p.bytes) = (files, bytes);
                    }
                }
                LoadEvent::Total { files, bytes } => {
                    if let Some(p) = &mut self.loading {
                        (p.total_files, p.total_bytes) = (files, Some(bytes));
                    }
                }
                LoadEvent::Done => self.loading = None,
            }
        }
        let mut effects = Vec::new();
        if self.articles.len() > first_new {
            effects.push(Effect::IndexArticles { from: first_new });
        }
        if self.reader.is_none() && self.reader_error.is_none() {
            effects.extend(self.open_selected());
        }
        effects
    }
}

fn is_from_user(action: &Action) -> bool {
    !matches!(
        action,
        Action::Resize(..)
            | Action::Loaded(_)
            | Action::DocumentLoaded { .. }
            | Action::FilterResults { .. }
            | Action::HistoryLoaded(_)
            | Action::LibraryChanged { .. }
            | Action::LibraryOpened { .. }
            | Action::NoteEdited { .. }
            | Action::Exported(_)
            | Action::EntityPass(_)
            | Action::Searcher(_)
    )
}

/// `value + delta`, clamped to `0..=max`.
fn add(value: usize, delta: i64, max: usize) -> usize {
    let v = i64::try_from(value).unwrap_or(i64::MAX).saturating_add(delta);
    usize::try_from(v.max(0)).unwrap_or(usize::MAX).min(max)
}

#[cfg(test)]
mod tests;
