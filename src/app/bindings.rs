//! The key bindings as data: which keys mean which action in which scope. One table is both
//! the keymap ([`crate::keymap`] resolves terminal events with it) and the help screen, so the
//! help can never drift from the bindings. It lives with the model because the model shows it
//! (the help overlay, found and paged in `help.rs`).

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{Action, Edit};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    List,
    Reader,
    Sidebar,
    Passage,
    FilterLine,
    FindLine,
    Editor,
    Annotations,
    AnnotationsLine,
    Overlay,
    HelpFindLine,
    PromptLine,
}

impl Scope {
    pub const ALL: [Scope; 13] = [
        Self::Global,
        Self::List,
        Self::Reader,
        Self::Sidebar,
        Self::Passage,
        Self::FilterLine,
        Self::FindLine,
        Self::Editor,
        Self::Annotations,
        Self::AnnotationsLine,
        Self::Overlay,
        Self::HelpFindLine,
        Self::PromptLine,
    ];

    /// The scope's table in a settings file: `[keys.list]`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::List => "list",
            Self::Reader => "reader",
            Self::Sidebar => "sidebar",
            Self::Passage => "passage",
            Self::FilterLine => "filter_line",
            Self::FindLine => "find_line",
            Self::Editor => "editor",
            Self::Annotations => "annotations",
            Self::AnnotationsLine => "annotations_line",
            Self::Overlay => "overlay",
            Self::HelpFindLine => "help_find_line",
            Self::PromptLine => "prompt_line",
        }
    }

    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::List => "Article list",
            Self::Reader => "Reader (a caret marks where a selection starts)",
            Self::Sidebar => "Names: the entity sidebar (Tab reaches it at every width)",
            Self::Passage => "Selecting a passage (reader)",
            Self::Editor => "Note editor",
            Self::Annotations => "Annotations view",
            Self::AnnotationsLine => "Annotations view, filter line",
            Self::FilterLine => "Filter line (fzf syntax: 'exact ^prefix suffix$ !not; =words searches the text)",
            Self::FindLine => "Find line (in the open article)",
            Self::Overlay => "Help and notices (paged like less)",
            Self::HelpFindLine => "Find in the help",
            Self::PromptLine => "Prompt at the foot (tags, a view's name)",
        }
    }
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub action: Action,
    pub help: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

const fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), NONE)
}

const fn key(code: KeyCode) -> (KeyCode, KeyModifiers) {
    (code, NONE)
}

const fn ctrl(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), CTRL)
}

macro_rules! bind {
    ($scope:ident, [$($k:expr),+], $action:expr, $help:literal) => {
        Binding { scope: Scope::$scope, keys: &[$($k),+], action: $action, help: $help }
    };
}

/// Focused scopes are consulted before `Global`; a key is bound at most once in a scope (a
/// test checks).
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind!(Global, [ctrl('c')], Action::Quit, "quit, from anywhere (q in the list)"),
    bind!(Global, [ch('?')], Action::ToggleHelp, "show or hide this help"),
    bind!(Global, [key(KeyCode::Tab), ch('l'), key(KeyCode::Right)], Action::FocusNext, "focus the next pane: list, reader, names"),
    bind!(Global, [key(KeyCode::BackTab), ch('h'), key(KeyCode::Left)], Action::FocusPrev, "focus the previous pane"),
    bind!(Global, [ch('j'), key(KeyCode::Down)], Action::Down, "move down (the list, the reader's caret, the names)"),
    bind!(Global, [ch('k'), key(KeyCode::Up)], Action::Up, "move up"),
    bind!(Global, [ch('g'), key(KeyCode::Home)], Action::Top, "go to the first item / top"),
    bind!(Global, [ch('G'), key(KeyCode::End)], Action::Bottom, "go to the last item / end"),
    bind!(Global, [key(KeyCode::PageDown), ch(' '), ctrl('f')], Action::PageDown, "a page down in the focused pane"),
    bind!(Global, [key(KeyCode::PageUp), ctrl('b')], Action::PageUp, "a page up in the focused pane"),
    bind!(Global, [ctrl('d')], Action::HalfPageDown, "half a page down"),
    bind!(Global, [ctrl('u')], Action::HalfPageUp, "half a page up"),
    bind!(Global, [ch('/')], Action::StartFilter, "filter the list as you type"),
    bind!(Global, [ch('b')], Action::ToggleBookmark, "bookmark the article (★)"),
    bind!(Global, [ch('B')], Action::ToggleBookmarksOnly, "show only bookmarked articles"),
    bind!(Global, [ch('a')], Action::EditNote, "edit the article's note (✎)"),
    bind!(Global, [ch('E')], Action::EditNoteExternally, "edit the note in $VISUAL / $EDITOR"),
    bind!(Global, [ch('u')], Action::ToggleRead, "mark read / unread (• unread)"),
    bind!(Global, [ch('A')], Action::ShowAnnotations, "every annotation in the corpus"),
    bind!(Global, [ch('X')], Action::Export, "export bookmarks, notes and annotations (Markdown)"),
    bind!(Global, [ch('x')], Action::RemoveLastFacet, "remove the last entity facet"),
    bind!(Global, [ch('t')], Action::Tag, "tag the article (in the reader: the annotation at the caret)"),
    bind!(Global, [ch('O')], Action::CycleSort, "next order: relevance, newest, oldest, title, source, length, last read"),
    bind!(Global, [ch('Z')], Action::ToggleGrouping, "group copies of a story under one row (+N), or list every copy"),
    bind!(Global, [ch('S')], Action::SaveView, "save the filter, facets and order as a view"),
    bind!(Global, [ch('\'')], Action::PickView, "apply a saved view"),
    bind!(Global, [ch('!')], Action::ShowSkipped, "list the files that were skipped"),
    bind!(Global, [ch('y')], Action::Copy, "copy the passage selected, else the article's URL (or title)"),
    bind!(Global, [ch('Y')], Action::CopyCitation, "copy a citation: the passage, title, source, date, URL"),
    bind!(Global, [ctrl('z')], Action::Suspend, "suspend to the shell (fg comes back), in every mode"),
    bind!(Global, [ch('<')], Action::NarrowList, "narrow the list (or drag its border)"),
    bind!(Global, [ch('>')], Action::WidenList, "widen the list"),
    bind!(Global, [key(KeyCode::Backspace), ctrl('o')], Action::GoBack, "back to the article read before"),
    bind!(List, [ch('q')], Action::Quit, "quit"),
    bind!(List, [ch('o')], Action::OpenLink, "open the URL of the article under the cursor"),
    bind!(List, [key(KeyCode::Enter)], Action::Open, "open the article in the reader (or double-click)"),
    bind!(List, [key(KeyCode::Esc)], Action::ClearFilter, "clear the filter"),
    bind!(List, [ch(']')], Action::TimelineNext, "the next bar of the timeline: its period becomes the date filter"),
    bind!(List, [ch('z')], Action::ToggleGroup, "open or close the group of copies under the cursor"),
    bind!(List, [ch('[')], Action::TimelinePrev, "the previous bar of the timeline (or click a bar)"),
    bind!(Reader, [key(KeyCode::Esc), ch('q')], Action::Back, "close the find, else back to the list"),
    bind!(Reader, [ch('J')], Action::NextArticle, "next article of the list"),
    bind!(Reader, [ch('K')], Action::PrevArticle, "previous article of the list"),
    bind!(Reader, [ctrl('e')], Action::ScrollDown, "scroll a line down, the caret staying"),
    bind!(Reader, [ctrl('y')], Action::ScrollUp, "scroll a line up"),
    bind!(Reader, [ch('/')], Action::StartFind, "find in the article"),
    bind!(Reader, [ch('n')], Action::FindNext, "next find hit"),
    bind!(Reader, [ch('N')], Action::FindPrev, "previous find hit"),
    bind!(Reader, [ch('v'), ch('s')], Action::SelectSentences, "select a passage by sentence, from the caret"),
    bind!(Reader, [ch('V')], Action::SelectLines, "select a passage by line (or drag the mouse)"),
    bind!(Reader, [ch(']')], Action::NextAnnotation, "next annotated passage (▌)"),
    bind!(Reader, [ch('[')], Action::PrevAnnotation, "previous annotated passage"),
    bind!(Reader, [ch('o')], Action::OpenLink, "open the article's URL in $BROWSER"),
    bind!(Reader, [ch('C')], Action::NextCopy, "the next copy of this story (\"also in N\")"),
    bind!(Reader, [ch('D')], Action::CompareCopy, "what this copy adds or lacks against the group's first"),
    bind!(Passage, [ch('j'), key(KeyCode::Down)], Action::PassageDown, "extend the selection down"),
    bind!(Passage, [ch('k'), key(KeyCode::Up)], Action::PassageUp, "extend the selection up"),
    bind!(Passage, [ch('w')], Action::PassageWordNext, "extend the selection by a word"),
    bind!(Passage, [ch('b')], Action::PassageWordPrev, "take a word back"),
    bind!(Passage, [ch('J')], Action::PassageShiftDown, "start the selection one down instead"),
    bind!(Passage, [ch('K')], Action::PassageShiftUp, "start the selection one up instead"),
    bind!(Passage, [ch('a'), key(KeyCode::Enter)], Action::AnnotatePassage, "annotate the selected passage"),
    bind!(Passage, [key(KeyCode::Esc)], Action::CancelPassage, "cancel the selection"),
    bind!(Passage, [ch('y')], Action::Copy, "copy the selected passage"),
    bind!(Passage, [ch('Y')], Action::CopyCitation, "copy the passage as a citation"),
    bind!(Sidebar, [key(KeyCode::Enter)], Action::SidebarChoose, "filter by this entity (again: remove); open a related article"),
    bind!(Sidebar, [ch('-')], Action::NegateFacet, "filter to articles NOT mentioning this entity"),
    bind!(Sidebar, [ch('c')], Action::ToggleSidebarView, "this article's entities / the filtered corpus's"),
    bind!(Sidebar, [ch('+')], Action::CountEveryCopy, "count names in every copy of a story (again: once per story)"),
    bind!(Sidebar, [ch('n')], Action::NextMention, "scroll the reader to the next mention"),
    bind!(Sidebar, [ch('N')], Action::PrevMention, "scroll the reader to the previous mention"),
    bind!(Sidebar, [ch('m')], Action::EntityMentions, "every sentence naming this entity in the listed articles"),
    bind!(Sidebar, [ch('w')], Action::AppearsWith, "the names that appear with this one most (Enter filters)"),
    bind!(Sidebar, [ch('T')], Action::RetypeEntity, "correct its type: person, organisation, place, other"),
    bind!(Sidebar, [ch('M')], Action::MergeEntity, "it is another name for ... (merge; Tab completes)"),
    bind!(Sidebar, [ch('s')], Action::SplitEntity, "split an alias off it as an entity of its own"),
    bind!(Sidebar, [ch('H')], Action::HideEntity, "hide it everywhere (again: show it)"),
    bind!(Sidebar, [ch('R')], Action::ResetEntity, "take back every correction of it"),
    bind!(Sidebar, [key(KeyCode::Esc), ch('q')], Action::Back, "back to the list"),
    bind!(FilterLine, [key(KeyCode::Enter)], Action::SubmitFilter, "open the article the cursor is on (the best match)"),
    bind!(FilterLine, [key(KeyCode::Esc)], Action::LeaveFilter, "leave the line, keep the filter"),
    bind!(FilterLine, [key(KeyCode::Up), ctrl('p')], Action::FilterUp, "move up (in an empty line: earlier filters)"),
    bind!(FilterLine, [key(KeyCode::Down), ctrl('n')], Action::FilterDown, "move down (or newer filters)"),
    bind!(FilterLine, [ctrl('u')], Action::Edit(Edit::Clear), "clear the line"),
    bind!(FindLine, [key(KeyCode::Enter)], Action::SubmitFind, "keep the find; n/N jump between hits"),
    bind!(FindLine, [key(KeyCode::Esc)], Action::LeaveFind, "leave the line"),
    bind!(FindLine, [ctrl('u')], Action::Edit(Edit::Clear), "clear the line"),
    bind!(Editor, [key(KeyCode::Esc)], Action::CloseEditor, "save and close (every way of closing saves)"),
    bind!(Editor, [ctrl('e')], Action::EditorToExternal, "continue in $VISUAL / $EDITOR"),
    bind!(Annotations, [key(KeyCode::Enter)], Action::OpenAnnotation, "go to the passage"),
    bind!(Annotations, [ch('/')], Action::FilterAnnotations, "filter annotations as you type"),
    bind!(Annotations, [ch('e')], Action::EditAnnotation, "edit the annotation's note"),
    bind!(Annotations, [ch('d')], Action::DeleteAnnotation, "delete the annotation (u brings it back)"),
    bind!(Annotations, [ch('u')], Action::UndoDelete, "undo the last delete"),
    bind!(Annotations, [ch('j'), key(KeyCode::Down)], Action::AnnotationsDown, "move down"),
    bind!(Annotations, [ch('k'), key(KeyCode::Up)], Action::AnnotationsUp, "move up"),
    bind!(Annotations, [ch('t')], Action::Tag, "tag the annotation"),
    bind!(Annotations, [key(KeyCode::Esc), ch('q'), ch('A')], Action::CloseOverlay, "close"),
    bind!(AnnotationsLine, [key(KeyCode::Enter)], Action::OpenAnnotation, "go to the passage"),
    bind!(AnnotationsLine, [key(KeyCode::Esc)], Action::LeaveAnnotationsFilter, "leave the line, keep the filter"),
    bind!(AnnotationsLine, [key(KeyCode::Down), ctrl('n')], Action::AnnotationsDown, "move down"),
    bind!(AnnotationsLine, [key(KeyCode::Up), ctrl('p')], Action::AnnotationsUp, "move up"),
    bind!(Overlay, [key(KeyCode::Esc), ch('q'), ch('?')], Action::CloseOverlay, "close"),
    bind!(Overlay, [ch('j'), key(KeyCode::Down)], Action::OverlayDown, "scroll down (in a list of mentions or names: move)"),
    bind!(Overlay, [key(KeyCode::Enter)], Action::OverlayChoose, "in a list of mentions or names: go there, or filter by it"),
    bind!(Overlay, [ch('k'), key(KeyCode::Up)], Action::OverlayUp, "scroll up"),
    bind!(Overlay, [key(KeyCode::PageDown), ch(' '), ctrl('f')], Action::OverlayPageDown, "a page down"),
    bind!(Overlay, [key(KeyCode::PageUp), ctrl('b')], Action::OverlayPageUp, "a page up"),
    bind!(Overlay, [ch('g'), key(KeyCode::Home)], Action::OverlayTop, "the top"),
    bind!(Overlay, [ch('G'), key(KeyCode::End)], Action::OverlayBottom, "the end"),
    bind!(Overlay, [ch('/')], Action::StartHelpFind, "find in the help"),
    bind!(Overlay, [ch('n')], Action::HelpFindNext, "next line found"),
    bind!(Overlay, [ch('N')], Action::HelpFindPrev, "previous line found"),
    bind!(HelpFindLine, [key(KeyCode::Enter), key(KeyCode::Esc)], Action::LeaveHelpFind, "leave the line; n/N go on"),
    bind!(HelpFindLine, [ctrl('u')], Action::Edit(Edit::Clear), "clear the line"),
    bind!(PromptLine, [key(KeyCode::Enter)], Action::SubmitPrompt, "keep what is typed"),
    bind!(PromptLine, [key(KeyCode::Esc)], Action::CancelPrompt, "cancel"),
    bind!(PromptLine, [key(KeyCode::Tab)], Action::CompletePrompt, "complete the word from the tags or views there are"),
    bind!(PromptLine, [ctrl('u')], Action::Edit(Edit::Clear), "clear the line"),
];

/// How a key is written in the help screen.
#[must_use]
pub fn key_label((code, mods): (KeyCode, KeyModifiers)) -> String {
    let name = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Insert => "Ins".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let mut label = String::new();
    if mods.contains(KeyModifiers::CONTROL) {
        label.push_str("Ctrl-");
    }
    if mods.contains(KeyModifiers::ALT) {
        label.push_str("Alt-");
    }
    if mods.contains(KeyModifiers::SHIFT) {
        label.push_str("Shift-");
    }
    label + &name
}
