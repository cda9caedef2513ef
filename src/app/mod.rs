//! The model. Every change of state goes through [`App::update`] (in `update.rs`), which never
//! does I/O: what needs doing outside is pushed as an [`Effect`], and its result comes back as
//! an [`Event`]. One file per concern of the model:
//!
//! - `msg`: the messages ([`Action`], [`Event`], [`Effect`]);
//! - `update`: where each message is handled;
//! - `cursor`: the list and its cursor; `mouse`: clicks, drags and the wheel;
//! - `reader`, `find`, `passage`: the open article, finding in it, choosing a passage;
//! - `filter_line`, `fulltext`: the filter line, fuzzy or full-text;
//! - `sidebar`, `marks`, `editor`, `annotations`: entities, the library, notes, annotations.

pub mod annotations;
pub mod bindings;
mod caret;
pub mod clipboard;
pub mod configure;
pub mod copies;
pub mod correct;
mod cursor;
pub mod editor;
mod filter_line;
pub mod find;
pub mod fulltext;
pub mod help;
pub mod input;
pub mod keys;
pub mod marks;
pub mod mentions;
mod mouse;
pub mod msg;
pub mod organise;
pub mod passage;
pub mod prompt;
pub(crate) mod reader;
pub mod sidebar;
pub mod timeline;
mod update;

use std::sync::Arc;

use ratatui::layout::Rect;

pub use self::{
    annotations::{AnnotationList, AnnotationRow},
    editor::{NoteEditor, NoteTarget},
    filter_line::FilterState,
    find::FindState,
    fulltext::FullText,
    input::{Edit, LineEdit},
    marks::{LibraryOp, Marks},
    msg::{Action, Effect, Effects, Event, Level, Message, Msg, Signal, Worker},
    passage::Unit,
    reader::{Opened, Reader},
    sidebar::{EntityState, Facet, SidebarRow, SidebarView},
};
pub use crate::layout::{Focus, Split};
use crate::{
    layout,
    store::{ArticleMeta, CorpusSource, Skipped},
};

/// What a mouse drag started on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drag {
    Passage { row: u16 },
    Border,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Skipped,
    Annotations,
    /// What a copy of a story adds or lacks (`D`).
    Compare,
    /// A list to pick from: mentions in context (`m`), names appearing with one (`w`).
    Pick,
}

/// Which text line has the keyboard, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// The filter line over the list.
    Filter,
    /// Find in the open article.
    Find,
    /// The annotations view's filter line.
    Annotations,
    /// Find in the help overlay.
    HelpFind,
    /// The prompt at the foot of the screen (tags, a view's name).
    Prompt,
}

/// What the keymap needs to know to pick a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Pane(Focus),
    Typing(Input),
    /// The reader with a passage being chosen.
    Passage,
    /// The note editor has the keyboard.
    Editing,
    /// The annotations view, browsing (its filter line is `Typing(Input::Annotations)`).
    Annotations,
    Overlay,
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
    /// What the library said when it opened or saved (a file restored from its backup, one
    /// moved aside): every one kept, all listed under `!` with their full paths.
    pub notices: Vec<String>,
    /// `Some` while the corpus is still loading.
    pub loading: Option<Progress>,
    /// The list cursor: a row of the list (an index into the visible rows, not into `articles`).
    pub cursor: usize,
    pub list_offset: usize,
    pub filter: FilterState,
    pub reader: Option<Reader>,
    /// An article being read from disk in the background (a large one), to say so.
    pub opening: Option<usize>,
    /// The article being read, when it could not be read.
    pub reader_error: Option<String>,
    pub sidebar_cursor: usize,
    pub focus: Focus,
    pub input: Option<Input>,
    pub overlay: Option<Overlay>,
    pub overlay_scroll: usize,
    /// Find in the help overlay.
    pub help: help::HelpFind,
    pub size: (u16, u16),
    /// How list and reader share the width.
    pub split: Split,
    /// The sidebar, its width and the reading width, from the settings file.
    pub look: crate::layout::Look,
    pub should_quit: bool,
    /// `q` was pressed with changes unsaved and the user was asked; a second `q` quits.
    pub quit_asked: bool,
    /// The terminal hung up: quit without touching it.
    pub hung_up: bool,
    pub marks: Marks,
    pub entities: EntityState,
    pub message: Option<Message>,
    /// Why the last save failed, shown until a save succeeds.
    pub save_failure: Option<String>,
    /// The list's order without a filter: newest first once a corpus with dates is loaded;
    /// `None` is the corpus's own order.
    pub order: Option<Arc<Vec<u32>>>,
    /// Rows after constraints other than the fuzzy filter; `None` when there are none.
    pub rows: Option<Arc<Vec<u32>>>,
    pub editor: Option<NoteEditor>,
    /// The list's order (`O`), kept per corpus.
    pub sort: crate::query::Sort,
    /// Whether the user chose the order (with `O`, a view, or in an earlier run): it then
    /// orders the filter's matches too.
    pub sort_from: organise::SortFrom,
    /// Articles a date operator left out only because they have no date.
    pub undated_left_out: usize,
    pub prompt: Option<organise::Prompt>,
    /// A saved view to open at (`--view`), once the corpus, its names and the library are in.
    pub pending_view: Option<String>,
    pub timeline: timeline::TimelineState,
    pub copies: copies::Copies,
    /// The key bindings in force (the table with the settings file's changes).
    pub keys: Arc<keys::Keys>,
    /// What a corpus falls back on where its library keeps no choice (the settings file's).
    pub defaults: configure::Defaults,
    pub fulltext: FullText,
    pub annotations: Option<AnnotationList>,
    /// An annotation to bring into view once its article is open.
    pub pending_jump: Option<String>,
    /// A place to bring into view once its article is open: (article, document offset).
    pub pending_offset: Option<(usize, usize)>,
    /// The pick list over the panes (`m`, `w`).
    pub picker: Option<mentions::PickList>,
    /// Tells the answer to the latest `m` from older ones.
    pub pick_generation: u64,
    /// Articles read before the one open, most recent last (Backspace goes back).
    pub visited: Vec<usize>,
    /// What a mouse drag moves: a passage from the row where the button went down, or the
    /// border between list and reader.
    drag_from: Option<Drag>,
    cache: reader::DocCache,
}

impl App {
    pub fn new(source: CorpusSource) -> Self {
        Self {
            corpus_name: source.name(),
            source,
            articles: Vec::new(),
            skipped: Vec::new(),
            notices: Vec::new(),
            loading: Some(Progress::default()),
            cursor: 0,
            list_offset: 0,
            filter: FilterState::default(),
            reader: None,
            opening: None,
            reader_error: None,
            sidebar_cursor: 0,
            focus: Focus::List,
            input: None,
            overlay: None,
            overlay_scroll: 0,
            help: help::HelpFind::default(),
            size: (80, 24),
            split: Split::default(),
            look: crate::layout::Look::default(),
            should_quit: false,
            quit_asked: false,
            hung_up: false,
            marks: Marks::default(),
            entities: EntityState::default(),
            message: None,
            save_failure: None,
            order: None,
            rows: None,
            editor: None,
            sort: crate::query::Sort::default(),
            sort_from: organise::SortFrom::Default,
            undated_left_out: 0,
            prompt: None,
            pending_view: None,
            timeline: timeline::TimelineState::default(),
            copies: copies::Copies::default(),
            keys: Arc::new(keys::Keys::default()),
            defaults: configure::Defaults::default(),
            fulltext: FullText::default(),
            annotations: None,
            pending_jump: None,
            pending_offset: None,
            picker: None,
            pick_generation: 0,
            visited: Vec::new(),
            drag_from: None,
            cache: reader::DocCache::default(),
        }
    }

    #[must_use]
    pub fn mode(&self) -> Mode {
        if self.editor.is_some() {
            return Mode::Editing;
        }
        let choosing = self.reader.as_ref().is_some_and(|r| r.passage.is_some()) && self.focus == Focus::Reader;
        if self.input == Some(Input::Prompt) {
            return Mode::Typing(Input::Prompt);
        }
        match (self.overlay, self.input) {
            (Some(Overlay::Annotations), Some(Input::Annotations)) => Mode::Typing(Input::Annotations),
            (Some(Overlay::Annotations), _) => Mode::Annotations,
            (Some(Overlay::Help), Some(Input::HelpFind)) => Mode::Typing(Input::HelpFind),
            (Some(_), _) => Mode::Overlay,
            (None, Some(input)) => Mode::Typing(input),
            (None, None) if choosing => Mode::Passage,
            (None, None) => Mode::Pane(self.focus),
        }
    }

    #[must_use]
    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    #[must_use]
    pub fn panes(&self) -> layout::Panes {
        layout::panes(self.area(), self.focus, self.split, &self.look)
    }

    /// What the fuzzy filter matches an article on, with the names it mentions once known.
    #[must_use]
    pub fn fuzzy_item(&self, article: usize) -> crate::fuzzy::Item {
        let meta = &self.articles[article];
        let tags = crate::library::tags::of(&self.marks.state, &meta.id);
        crate::fuzzy::item_tagged(meta, self.entities.index.names_of(article), &tags)
    }
}

/// `value + delta`, clamped to `0..=max`.
fn add(value: usize, delta: i64, max: usize) -> usize {
    let v = i64::try_from(value).unwrap_or(i64::MAX).saturating_add(delta);
    usize::try_from(v.max(0)).unwrap_or(usize::MAX).min(max)
}

#[cfg(test)]
mod tests;
