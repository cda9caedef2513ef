//! Keys and mouse → [`Action`], resolved once from the mode and the key: where a key means
//! different things in different modes, each mode's binding names its own action. One table
//! is both the keymap and the help screen, so the help can never drift from the bindings.

use ratatui::crossterm::event::{
    Event as TerminalEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::app::{Action, Edit, Event, Focus, Input, Mode, Msg};

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
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::List => "Article list",
            Self::Reader => "Reader",
            Self::Sidebar => "Entity sidebar",
            Self::Passage => "Selecting a passage (reader)",
            Self::Editor => "Note editor",
            Self::Annotations => "Annotations view",
            Self::AnnotationsLine => "Annotations view, filter line",
            Self::FilterLine => "Filter line (fzf syntax: 'exact ^prefix suffix$ !not; =words searches the text)",
            Self::FindLine => "Search line (in the open article)",
            Self::Overlay => "Help and notices",
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

macro_rules! bind {
    ($scope:ident, [$($k:expr),+], $action:expr, $help:literal) => {
        Binding { scope: Scope::$scope, keys: &[$($k),+], action: $action, help: $help }
    };
}

/// Earlier entries win when a key is bound twice in the same scope; focused scopes are
/// consulted before `Global`.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind!(Global, [ch('q'), (KeyCode::Char('c'), CTRL)], Action::Quit, "quit"),
    bind!(Global, [ch('?')], Action::ToggleHelp, "show or hide this help"),
    bind!(Global, [key(KeyCode::Tab), ch('l'), key(KeyCode::Right)], Action::FocusNext, "focus the next pane"),
    bind!(Global, [key(KeyCode::BackTab), ch('h'), key(KeyCode::Left)], Action::FocusPrev, "focus the previous pane"),
    bind!(Global, [ch('j'), key(KeyCode::Down)], Action::Down, "move down / scroll down a line"),
    bind!(Global, [ch('k'), key(KeyCode::Up)], Action::Up, "move up / scroll up a line"),
    bind!(Global, [ch('g'), key(KeyCode::Home)], Action::Top, "go to the first item / top"),
    bind!(Global, [ch('G'), key(KeyCode::End)], Action::Bottom, "go to the last item / end"),
    bind!(Global, [key(KeyCode::PageDown), ch(' ')], Action::PageDown, "scroll the reader a page down"),
    bind!(Global, [key(KeyCode::PageUp)], Action::PageUp, "scroll the reader a page up"),
    bind!(Global, [(KeyCode::Char('d'), CTRL)], Action::HalfPageDown, "scroll the reader half a page down"),
    bind!(Global, [(KeyCode::Char('u'), CTRL)], Action::HalfPageUp, "scroll the reader half a page up"),
    bind!(Global, [ch('/')], Action::StartFilter, "filter the list as you type"),
    bind!(Global, [ch('b')], Action::ToggleBookmark, "bookmark the article (★)"),
    bind!(Global, [ch('B')], Action::ToggleBookmarksOnly, "show only bookmarked articles"),
    bind!(Global, [ch('a')], Action::EditNote, "edit the article's note (✎)"),
    bind!(Global, [ch('E')], Action::EditNoteExternally, "edit the note in $VISUAL / $EDITOR"),
    bind!(Global, [ch('u')], Action::ToggleRead, "mark read / unread (• unread)"),
    bind!(Global, [ch('A')], Action::ShowAnnotations, "every annotation in the corpus"),
    bind!(Global, [ch('X')], Action::Export, "export bookmarks, notes and annotations (Markdown)"),
    bind!(Global, [ch('x')], Action::RemoveLastFacet, "remove the last entity facet"),
    bind!(Global, [ch('!')], Action::ShowSkipped, "list the files that were skipped"),
    bind!(List, [key(KeyCode::Enter)], Action::Open, "open the article in the reader"),
    bind!(List, [key(KeyCode::Esc)], Action::ClearFilter, "clear the filter"),
    bind!(Reader, [ch('/')], Action::StartFind, "search in the article"),
    bind!(Reader, [ch('n')], Action::FindNext, "next search hit"),
    bind!(Reader, [ch('N')], Action::FindPrev, "previous search hit"),
    bind!(Reader, [ch('v')], Action::SelectLines, "select a passage by line (or drag the mouse)"),
    bind!(Reader, [ch('s')], Action::SelectSentences, "select a passage by sentence"),
    bind!(Reader, [ch(']')], Action::NextAnnotation, "next annotated passage (▌)"),
    bind!(Reader, [ch('[')], Action::PrevAnnotation, "previous annotated passage"),
    bind!(Reader, [key(KeyCode::Esc)], Action::Back, "clear the search, else back to the list"),
    bind!(Passage, [ch('j'), key(KeyCode::Down)], Action::PassageDown, "extend the selection down"),
    bind!(Passage, [ch('k'), key(KeyCode::Up)], Action::PassageUp, "extend the selection up"),
    bind!(Passage, [ch('J')], Action::PassageShiftDown, "start the selection one down instead"),
    bind!(Passage, [ch('K')], Action::PassageShiftUp, "start the selection one up instead"),
    bind!(Passage, [ch('a'), key(KeyCode::Enter)], Action::AnnotatePassage, "annotate the selected passage"),
    bind!(Passage, [key(KeyCode::Esc)], Action::CancelPassage, "cancel the selection"),
    bind!(Sidebar, [key(KeyCode::Enter)], Action::SidebarChoose, "filter by this entity (again: remove); open a related article"),
    bind!(Sidebar, [ch('-')], Action::NegateFacet, "filter to articles NOT mentioning this entity"),
    bind!(Sidebar, [ch('c')], Action::ToggleSidebarView, "this article's entities / the filtered corpus's"),
    bind!(Sidebar, [ch('n')], Action::NextMention, "scroll the reader to the next mention"),
    bind!(Sidebar, [ch('N')], Action::PrevMention, "scroll the reader to the previous mention"),
    bind!(Sidebar, [key(KeyCode::Esc)], Action::Back, "back to the list"),
    bind!(FilterLine, [key(KeyCode::Enter)], Action::SubmitFilter, "open the selected article"),
    bind!(FilterLine, [key(KeyCode::Esc)], Action::LeaveFilter, "leave the line, keep the filter"),
    bind!(FilterLine, [key(KeyCode::Up), (KeyCode::Char('p'), CTRL)], Action::FilterUp, "move up (in an empty line: earlier filters)"),
    bind!(FilterLine, [key(KeyCode::Down), (KeyCode::Char('n'), CTRL)], Action::FilterDown, "move down (or newer filters)"),
    bind!(FilterLine, [(KeyCode::Char('u'), CTRL)], Action::Edit(Edit::Clear), "clear the line"),
    bind!(FindLine, [key(KeyCode::Enter)], Action::SubmitFind, "keep the search; n/N jump between hits"),
    bind!(FindLine, [key(KeyCode::Esc)], Action::LeaveFind, "leave the line"),
    bind!(FindLine, [(KeyCode::Char('u'), CTRL)], Action::Edit(Edit::Clear), "clear the line"),
    bind!(Editor, [key(KeyCode::Esc)], Action::CloseEditor, "save and close (every way of closing saves)"),
    bind!(Editor, [(KeyCode::Char('e'), CTRL)], Action::EditorToExternal, "continue in $VISUAL / $EDITOR"),
    bind!(Annotations, [key(KeyCode::Enter)], Action::OpenAnnotation, "go to the passage"),
    bind!(Annotations, [ch('/')], Action::FilterAnnotations, "filter annotations as you type"),
    bind!(Annotations, [ch('e')], Action::EditAnnotation, "edit the annotation's note"),
    bind!(Annotations, [ch('d')], Action::DeleteAnnotation, "delete the annotation"),
    bind!(Annotations, [ch('j'), key(KeyCode::Down)], Action::AnnotationsDown, "move down"),
    bind!(Annotations, [ch('k'), key(KeyCode::Up)], Action::AnnotationsUp, "move up"),
    bind!(Annotations, [key(KeyCode::Esc), ch('q'), ch('A')], Action::CloseOverlay, "close"),
    bind!(AnnotationsLine, [key(KeyCode::Enter)], Action::OpenAnnotation, "go to the passage"),
    bind!(AnnotationsLine, [key(KeyCode::Esc)], Action::LeaveAnnotationsFilter, "leave the line, keep the filter"),
    bind!(AnnotationsLine, [key(KeyCode::Down), (KeyCode::Char('n'), CTRL)], Action::AnnotationsDown, "move down"),
    bind!(AnnotationsLine, [key(KeyCode::Up), (KeyCode::Char('p'), CTRL)], Action::AnnotationsUp, "move up"),
    bind!(Overlay, [key(KeyCode::Esc), ch('q'), ch('?')], Action::CloseOverlay, "close"),
    bind!(Overlay, [ch('j'), key(KeyCode::Down)], Action::OverlayDown, "scroll down"),
    bind!(Overlay, [ch('k'), key(KeyCode::Up)], Action::OverlayUp, "scroll up"),
];

fn scope_of(mode: Mode) -> Scope {
    match mode {
        Mode::Overlay => Scope::Overlay,
        Mode::Typing(Input::Filter) => Scope::FilterLine,
        Mode::Typing(Input::Find) => Scope::FindLine,
        Mode::Typing(Input::Annotations) => Scope::AnnotationsLine,
        Mode::Passage => Scope::Passage,
        Mode::Editing => Scope::Editor,
        Mode::Annotations => Scope::Annotations,
        Mode::Pane(Focus::List) => Scope::List,
        Mode::Pane(Focus::Reader) => Scope::Reader,
        Mode::Pane(Focus::Sidebar) => Scope::Sidebar,
    }
}

fn matches(binding: &Binding, event: &KeyEvent) -> bool {
    binding.keys.iter().any(|&(code, mods)| {
        // Shifted characters arrive with SHIFT set on some terminals and not on others.
        let mods_match = event.modifiers == mods
            || (matches!(code, KeyCode::Char(_)) && event.modifiers - KeyModifiers::SHIFT == mods);
        code == event.code && mods_match
    })
}

/// The action a key means in `mode`, if any.
#[must_use]
pub fn map_key(mode: Mode, event: &KeyEvent) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    // Ctrl-C always quits, even over an overlay or while typing.
    if event.code == KeyCode::Char('c') && event.modifiers == CTRL {
        return Some(Action::Quit);
    }
    let scope = scope_of(mode);
    let find = |scope: Scope| BINDINGS.iter().filter(|b| b.scope == scope).find(|b| matches(b, event));
    if let Some(binding) = find(scope) {
        return Some(binding.action.clone());
    }
    match mode {
        Mode::Typing(_) => line_edit(event).map(Action::Edit),
        Mode::Editing => Some(Action::EditorInput(*event)),
        Mode::Overlay | Mode::Annotations => None,
        Mode::Passage => find(Scope::Reader)
            .or_else(|| find(Scope::Global))
            .map(|b| b.action.clone()),
        Mode::Pane(_) => find(Scope::Global).map(|b| b.action.clone()),
    }
}

/// Keys of a text line that are not in the table: typing and the usual editing keys.
fn line_edit(event: &KeyEvent) -> Option<Edit> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char('w') if ctrl => Edit::DeleteWord,
        KeyCode::Char('h') if ctrl => Edit::Backspace,
        KeyCode::Char('a') if ctrl => Edit::Home,
        KeyCode::Char('e') if ctrl => Edit::End,
        KeyCode::Char(c) if !ctrl && !event.modifiers.contains(KeyModifiers::ALT) => Edit::Insert(c),
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        _ => return None,
    })
}

/// Translate a terminal event into a message for the app: keys and the mouse become actions,
/// a resize an event.
#[must_use]
pub fn map_event(mode: Mode, event: &TerminalEvent) -> Option<Msg> {
    match event {
        TerminalEvent::Key(key) => map_key(mode, key).map(Msg::Action),
        TerminalEvent::Resize(w, h) => Some(Msg::Event(Event::Resize(*w, *h))),
        TerminalEvent::Mouse(mouse) => map_mouse(mode, *mouse).map(Msg::Action),
        _ => None,
    }
}

fn map_mouse(mode: Mode, MouseEvent { kind, column, row, .. }: MouseEvent) -> Option<Action> {
    let col = column;
    match kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel { col, row, delta: 3 }),
        MouseEventKind::ScrollUp => Some(Action::Wheel { col, row, delta: -3 }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { col, row }),
        MouseEventKind::Drag(MouseButton::Left) if mode == Mode::Pane(Focus::Reader) || mode == Mode::Passage => {
            Some(Action::Drag { col, row })
        }
        _ => None,
    }
}

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
        other => format!("{other:?}"),
    };
    if mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

/// The help screen's rows: (scope, keys, description), in table order.
#[must_use]
pub fn help_rows() -> Vec<(Scope, String, &'static str)> {
    BINDINGS
        .iter()
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|&k| key_label(k)).collect();
            (b.scope, keys.join(" "), b.help)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn focused_scope_wins_over_global() {
        let enter = press(KeyCode::Enter, NONE);
        assert_eq!(map_key(Mode::Pane(Focus::List), &enter), Some(Action::Open));
        let esc = press(KeyCode::Esc, NONE);
        assert_eq!(map_key(Mode::Pane(Focus::Reader), &esc), Some(Action::Back));
        assert_eq!(map_key(Mode::Pane(Focus::List), &esc), Some(Action::ClearFilter));
        assert_eq!(map_key(Mode::Overlay, &esc), Some(Action::CloseOverlay));
    }

    #[test]
    fn overlay_swallows_pane_keys_but_not_ctrl_c() {
        assert_eq!(map_key(Mode::Overlay, &press(KeyCode::Tab, NONE)), None);
        assert_eq!(
            map_key(Mode::Overlay, &press(KeyCode::Char('c'), CTRL)),
            Some(Action::Quit)
        );
    }

    #[test]
    fn shifted_chars_match_with_or_without_shift_flag() {
        let g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map_key(Mode::Pane(Focus::List), &g), Some(Action::Bottom));
        let q = press(KeyCode::Char('?'), NONE);
        assert_eq!(map_key(Mode::Pane(Focus::List), &q), Some(Action::ToggleHelp));
    }

    #[test]
    fn typing_goes_to_the_line_not_to_bindings() {
        let filter = Mode::Typing(Input::Filter);
        assert_eq!(
            map_key(filter, &press(KeyCode::Char('q'), NONE)),
            Some(Action::Edit(Edit::Insert('q')))
        );
        assert_eq!(
            map_key(filter, &press(KeyCode::Char('j'), NONE)),
            Some(Action::Edit(Edit::Insert('j')))
        );
        assert_eq!(map_key(filter, &press(KeyCode::Down, NONE)), Some(Action::FilterDown));
        assert_eq!(
            map_key(filter, &press(KeyCode::Char('n'), CTRL)),
            Some(Action::FilterDown)
        );
        assert_eq!(
            map_key(filter, &press(KeyCode::Char('w'), CTRL)),
            Some(Action::Edit(Edit::DeleteWord))
        );
        assert_eq!(map_key(filter, &press(KeyCode::Esc, NONE)), Some(Action::LeaveFilter));
        let find = Mode::Typing(Input::Find);
        assert_eq!(
            map_key(find, &press(KeyCode::Char('n'), NONE)),
            Some(Action::Edit(Edit::Insert('n')))
        );
        assert_eq!(
            map_key(Mode::Pane(Focus::Reader), &press(KeyCode::Char('n'), NONE)),
            Some(Action::FindNext)
        );
        assert_eq!(
            map_key(Mode::Pane(Focus::Reader), &press(KeyCode::Char('/'), NONE)),
            Some(Action::StartFind)
        );
        assert_eq!(
            map_key(Mode::Pane(Focus::List), &press(KeyCode::Char('/'), NONE)),
            Some(Action::StartFilter)
        );
    }

    #[test]
    fn releases_are_ignored() {
        let mut j = press(KeyCode::Char('j'), NONE);
        j.kind = KeyEventKind::Release;
        assert_eq!(map_key(Mode::Pane(Focus::List), &j), None);
    }

    #[test]
    fn help_lists_every_binding() {
        let rows = help_rows();
        assert_eq!(rows.len(), BINDINGS.len());
        assert!(rows.iter().any(|(_, keys, help)| keys == "q Ctrl-c" && *help == "quit"));
    }

    /// The mode in which a scope's bindings are the ones consulted first.
    fn mode_of(scope: Scope) -> Mode {
        match scope {
            Scope::Global | Scope::List => Mode::Pane(Focus::List),
            Scope::Reader => Mode::Pane(Focus::Reader),
            Scope::Sidebar => Mode::Pane(Focus::Sidebar),
            Scope::Passage => Mode::Passage,
            Scope::FilterLine => Mode::Typing(Input::Filter),
            Scope::FindLine => Mode::Typing(Input::Find),
            Scope::AnnotationsLine => Mode::Typing(Input::Annotations),
            Scope::Editor => Mode::Editing,
            Scope::Annotations => Mode::Annotations,
            Scope::Overlay => Mode::Overlay,
        }
    }

    /// Every key the help lists does what the help says, in the mode it is listed for (a
    /// global key where the list binds the same key itself excepted).
    #[test]
    fn every_listed_key_does_what_the_help_says() {
        for binding in BINDINGS {
            for &(code, mods) in binding.keys {
                let shadowed = binding.scope == Scope::Global
                    && BINDINGS
                        .iter()
                        .any(|b| b.scope == Scope::List && b.keys.contains(&(code, mods)));
                if shadowed {
                    continue;
                }
                assert_eq!(
                    map_key(mode_of(binding.scope), &press(code, mods)),
                    Some(binding.action.clone()),
                    "{} in {:?}",
                    key_label((code, mods)),
                    binding.scope
                );
            }
        }
    }

    #[test]
    fn no_key_means_two_things_in_one_scope() {
        let mut seen = std::collections::HashSet::new();
        for binding in BINDINGS {
            for &key in binding.keys {
                assert!(
                    seen.insert((binding.scope, key)),
                    "{} is bound twice in {:?}",
                    key_label(key),
                    binding.scope
                );
            }
        }
    }

    #[test]
    fn bound_actions_have_names_a_settings_file_can_use() {
        for binding in BINDINGS {
            let name = serde_json::to_value(&binding.action).unwrap();
            let back: Action = serde_json::from_value(name.clone()).unwrap();
            assert_eq!(back, binding.action, "{name}");
        }
    }
}
