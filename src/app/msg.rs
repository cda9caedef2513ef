//! The messages of the app, in the one direction data flows:
//!
//! - an [`Action`] is what the user asked for, resolved once by the keymap from the mode and
//!   the key (or by the mouse);
//! - an [`Event`] is everything else that happened: background results, saves acknowledged
//!   or failed, a resize, a signal;
//! - [`App::update`](super::App::update) takes either and pushes [`Effect`]s: the I/O and the
//!   background work the runtime carries out, whose results come back as events.

use std::{path::PathBuf, sync::Arc};

use ratatui::crossterm::event::KeyEvent;
use serde::{Deserialize, Serialize};

use super::{Edit, NoteTarget, Opened, marks::LibraryOp};
use crate::{
    entities::corpus::Pass,
    external::EditorError,
    fulltext::worker::Reply,
    fuzzy::{Item, Results},
    layout::Split,
    library::{CorpusState, ExportError, LibraryError, Notice, SaveError},
    store::{LoadEvent, StoreError},
};

/// A user intent. Named so that a settings file can bind keys to them (`toggle_bookmark`).
/// Where a key means different things in different modes, each meaning is its own action:
/// the keymap picks it, `update` never re-checks the mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    ToggleHelp,
    ShowSkipped,
    FocusNext,
    FocusPrev,
    /// Movement in the focused pane: the list cursor, the reader's scroll, the sidebar's cursor.
    Up,
    Down,
    Top,
    Bottom,
    /// Paging scrolls the reader, whichever pane has the focus.
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    /// Open the article under the list cursor in the reader (and mark it read).
    Open,
    /// Esc in the list: clear the filter.
    ClearFilter,
    /// Esc or `q` in the reader or the sidebar: close the find, else back to the list.
    Back,
    /// The next or previous article of the list, opened in the reader.
    NextArticle,
    PrevArticle,
    /// Back to the article read before this one.
    GoBack,
    /// Open the article's web address in the browser.
    OpenLink,
    /// The list narrower or wider (for the focus of the moment: browsing or reading).
    NarrowList,
    WidenList,
    /// Scroll the reader a line without moving its caret (unless it would leave the pane).
    ScrollDown,
    ScrollUp,

    /// The filter line over the list (fuzzy, or full-text with a leading `=`).
    StartFilter,
    /// Enter in the filter line: keep the filter and open what the cursor is on.
    SubmitFilter,
    /// Esc in the filter line: leave it, keeping the filter.
    LeaveFilter,
    /// Up/Down in the filter line: history when the line is empty, else move the cursor.
    FilterUp,
    FilterDown,
    /// Typing in whichever text line has the keyboard.
    Edit(Edit),

    /// Find in the open article.
    StartFind,
    SubmitFind,
    LeaveFind,
    FindNext,
    FindPrev,

    ToggleBookmark,
    ToggleBookmarksOnly,
    ToggleRead,
    /// The article's note in the in-app editor.
    EditNote,
    /// The article's note in `$VISUAL` / `$EDITOR`.
    EditNoteExternally,
    Export,

    /// Start choosing a passage to annotate, by wrapped line or by sentence.
    SelectLines,
    SelectSentences,
    /// Extend the passage by a unit.
    PassageDown,
    PassageUp,
    /// Start the passage one unit further instead of extending it.
    PassageShiftDown,
    PassageShiftUp,
    /// Extend (or shrink) the passage by a word.
    PassageWordNext,
    PassageWordPrev,
    /// Annotate the chosen passage (opens the editor for its note).
    AnnotatePassage,
    CancelPassage,
    NextAnnotation,
    PrevAnnotation,

    /// Enter in the sidebar: an entity becomes a facet (again: stops being one); a related
    /// article opens.
    SidebarChoose,
    /// A facet that excludes the entity's articles.
    NegateFacet,
    RemoveLastFacet,
    ToggleSidebarView,
    NextMention,
    PrevMention,

    /// Save the note editor's text and close it.
    CloseEditor,
    /// Continue the note open in the editor in `$VISUAL` / `$EDITOR`.
    EditorToExternal,
    /// A key typed into the note editor, which handles it itself.
    #[serde(skip)]
    EditorInput(KeyEvent),
    /// Text pasted into the terminal (bracketed paste): into the note editor as it is, into a
    /// one-line field with its line breaks as spaces.
    #[serde(skip)]
    Paste(String),

    /// The annotations view.
    ShowAnnotations,
    AnnotationsDown,
    AnnotationsUp,
    FilterAnnotations,
    LeaveAnnotationsFilter,
    OpenAnnotation,
    EditAnnotation,
    DeleteAnnotation,
    /// Bring back the annotation just deleted.
    UndoDelete,

    /// `O`: the list's next order.
    CycleSort,
    /// `z`: open or close the group of copies under the cursor.
    ToggleGroup,
    /// `Z`: group copies of a story, or list every copy (kept per corpus).
    ToggleGrouping,
    /// `+` in the sidebar: count names in every copy of a story, or once per story.
    CountEveryCopy,
    /// `C` in the reader: the next copy of the story.
    NextCopy,
    /// `D` in the reader: what this copy adds or lacks against the group's representative.
    CompareCopy,
    /// `]`/`[` in the list: narrow it to the next or previous bar of the timeline.
    TimelineNext,
    TimelinePrev,
    /// `t`: tag the article, or the annotation under the caret or selected.
    Tag,
    /// `S`: save the filter, facets and order under a name.
    SaveView,
    /// `'`: apply a saved view.
    PickView,
    /// `T` in the sidebar: change the type of the entity under the cursor (kept, corpus-wide).
    RetypeEntity,
    /// `M` in the sidebar: the entity is another name for one to be typed.
    MergeEntity,
    /// `s` in the sidebar: split one of the entity's aliases off as an entity of its own.
    SplitEntity,
    /// `H` in the sidebar: hide the entity everywhere, or show it again.
    HideEntity,
    /// `R` in the sidebar: take back every correction of the entity.
    ResetEntity,
    /// Enter in a pick list: go to the mention, or filter by the name.
    OverlayChoose,
    /// `m` in the sidebar: every sentence of the listed articles that names the entity.
    EntityMentions,
    /// `w` in the sidebar: the entities named most often in the same articles.
    AppearsWith,
    /// `y`: the passage selected, else the article's URL (else its title), to the clipboard.
    Copy,
    /// `Y`: a citation: the passage, then title, source, date and URL.
    CopyCitation,
    /// `Ctrl-z`: stop like any terminal program; `fg` brings the screen back as it was.
    Suspend,
    /// The prompt at the foot of the screen: Enter, Esc, Tab.
    SubmitPrompt,
    CancelPrompt,
    CompletePrompt,

    /// Help and the skipped-files notice, paged like `less`.
    CloseOverlay,
    OverlayDown,
    OverlayUp,
    OverlayPageDown,
    OverlayPageUp,
    OverlayTop,
    OverlayBottom,
    /// Find in the help: a line at its foot, n/N between hits.
    StartHelpFind,
    LeaveHelpFind,
    HelpFindNext,
    HelpFindPrev,

    /// The mouse, in screen cells.
    Click {
        col: u16,
        row: u16,
    },
    /// A second click on the same cell soon after the first.
    DoubleClick {
        col: u16,
        row: u16,
    },
    Drag {
        col: u16,
        row: u16,
    },
    /// The mouse button let go.
    Release {
        col: u16,
        row: u16,
    },
    Wheel {
        col: u16,
        row: u16,
        delta: i32,
    },
}

/// Why the app is being stopped from outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGTERM or SIGINT: save and quit.
    Terminate,
    /// The terminal is gone: save and quit without touching it.
    Hangup,
}

/// Everything that happens that the user did not ask for at that moment.
#[derive(Debug)]
pub enum Event {
    Resize(u16, u16),
    /// A batch of what the loader found.
    Loaded(Vec<LoadEvent>),
    /// Progress and results of the background entity pass.
    EntityPass(Pass),
    /// Copies of one story, grouped in the background once every text was read.
    Groups(Arc<crate::dups::Groups>),
    /// Text handed to the terminal's clipboard ([`Effect::Copy`]).
    Copied {
        what: super::clipboard::Copied,
        chars: usize,
        result: Result<(), String>,
    },
    /// A copy compared with another ([`Effect::CompareCopies`]).
    Compared(super::copies::Comparison),
    /// The sentences naming an entity ([`Effect::FindMentions`]).
    Mentions {
        generation: u64,
        found: Vec<super::mentions::Mention>,
    },
    /// An article read (and analysed) for the reader.
    ArticleRead {
        index: usize,
        result: Result<Opened, StoreError>,
    },
    /// The fuzzy matcher's newest results for query `generation`.
    Fuzzy {
        results: Arc<Results>,
        /// A pass is still running: the results are partial.
        running: bool,
        generation: u64,
    },
    /// An answer or a progress report of the full-text searcher and its index builder.
    Fulltext(Reply),
    LibraryOpened {
        state: Arc<CorpusState>,
        read_only: Option<String>,
        history: Vec<String>,
        notices: Vec<Notice>,
    },
    /// The library could not be opened: nothing will be kept this session.
    LibraryUnavailable(LibraryError),
    /// A library change was carried out; `saved` says whether it reached the disk.
    LibraryChanged {
        state: Arc<CorpusState>,
        saved: Result<(), SaveError>,
        /// Changes no save has written yet (0 once a save succeeded).
        unsaved: usize,
        notices: Vec<Notice>,
    },
    /// `$VISUAL` / `$EDITOR` finished with a note.
    NoteEdited {
        target: Box<NoteTarget>,
        /// What was handed to the editor, kept in case it failed.
        sent: String,
        result: Result<String, EditorError>,
    },
    Exported(Result<PathBuf, ExportError>),
    /// The pane widths kept from the last run.
    LayoutLoaded(Split),
    /// A browser was started on a URL (its name), or none could be (why).
    LinkOpened(Result<String, String>),
    /// A worker thread panicked (`what` it was doing): its work stops, the app goes on.
    WorkerFailed {
        what: Worker,
        why: String,
    },
    Signal(Signal),
}

/// The background work whose failure the app reports and works around.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Worker {
    Loader,
    Library,
}

/// Either message, as `update` takes them.
#[derive(Debug)]
pub enum Msg {
    Action(Action),
    Event(Event),
}

impl From<Action> for Msg {
    fn from(action: Action) -> Self {
        Self::Action(action)
    }
}

impl From<Event> for Msg {
    fn from(event: Event) -> Self {
        Self::Event(event)
    }
}

/// Work for the runtime: data, carried out after `update` returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Read (and analyse) an article for the reader.
    ReadArticle {
        index: usize,
    },
    /// New articles from this index on are ready for the fuzzy matcher.
    FuzzyPush {
        from: usize,
    },
    /// Entity names are known: these items (one per article) replace the matcher's.
    FuzzyReplace(Vec<Item>),
    /// These articles' fields changed (their tags): the matcher takes them anew.
    FuzzyUpdate(Vec<usize>),
    /// Re-pattern the fuzzy matcher.
    FuzzyQuery {
        query: String,
        generation: u64,
    },
    Library(LibraryOp),
    /// Suspend the terminal and edit `text` in `$VISUAL` / `$EDITOR`.
    ExternalEdit {
        target: NoteTarget,
        text: String,
    },
    /// Write the library as Markdown to the export folder.
    Export,
    /// Search the articles' text (the filter line in full-text mode).
    FulltextSearch {
        generation: u64,
        query: String,
    },
    /// Cut snippets of these full-text results for the list.
    Snippets {
        generation: u64,
        articles: Vec<u32>,
    },
    /// Keep the pane widths for the next run.
    SaveLayout(Split),
    /// Start a browser on this address.
    OpenUrl(String),
    /// Read two copies of a story and tell their paragraphs apart.
    CompareCopies {
        copy: usize,
        with: usize,
    },
    /// Read these articles and find the sentences that name the entity (`m`), with the
    /// reader's corrections applied as the sidebar shows them.
    FindMentions {
        /// Every (name, type) extraction finds that the sidebar shows as the entity.
        found_as: Vec<(String, crate::entities::Kind)>,
        articles: Vec<usize>,
        fixes: crate::entities::fixes::Fixes,
        generation: u64,
    },
    /// Put `text` on the clipboard (OSC 52 through the terminal).
    Copy {
        text: String,
        what: super::clipboard::Copied,
    },
    /// Hand the terminal back to the shell and stop the process until `fg`.
    Suspend,
}

/// Where `update` puts its effects.
#[derive(Debug, Default)]
pub struct Effects(Vec<Effect>);

impl Effects {
    pub fn push(&mut self, effect: Effect) {
        self.0.push(effect);
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Everything pushed so far, leaving none.
    #[must_use]
    pub fn take(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.0)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Effect> {
        self.0.iter()
    }
}

impl Extend<Effect> for Effects {
    fn extend<I: IntoIterator<Item = Effect>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

/// How much a status-line message matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// A message for the status line. It is read by the time the next key is pressed, so the next
/// action clears it; a failed save is kept apart ([`super::App::save_failure`]) until a save
/// succeeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub level: Level,
    pub text: String,
}

impl Message {
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            level: Level::Info,
            text: text.into(),
        }
    }

    pub fn warning(text: impl Into<String>) -> Self {
        Self {
            level: Level::Warning,
            text: text.into(),
        }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self {
            level: Level::Error,
            text: text.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_have_snake_case_names_for_a_settings_file() {
        let name = |a: &Action| serde_json::to_string(a).unwrap();
        assert_eq!(name(&Action::ToggleBookmark), "\"toggle_bookmark\"");
        assert_eq!(name(&Action::SelectSentences), "\"select_sentences\"");
        let back: Action = serde_json::from_str("\"half_page_down\"").unwrap();
        assert_eq!(back, Action::HalfPageDown);
    }
}
