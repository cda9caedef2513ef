//! Keys and mouse → [`Action`], resolved once from the mode and the key with the table in
//! [`crate::app::bindings`]: where a key means different things in different modes, each
//! mode's binding names its own action.

use ratatui::crossterm::event::{
    Event as TerminalEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::app::{
    Action, Edit, Event, Focus, Input, Mode, Msg,
    bindings::Scope,
    keys::{self, Bound, Keys},
};

const CTRL: KeyModifiers = KeyModifiers::CONTROL;

fn scope_of(mode: Mode) -> Scope {
    match mode {
        Mode::Overlay => Scope::Overlay,
        Mode::Typing(Input::Filter) => Scope::FilterLine,
        Mode::Typing(Input::Find) => Scope::FindLine,
        Mode::Typing(Input::Annotations) => Scope::AnnotationsLine,
        Mode::Typing(Input::HelpFind) => Scope::HelpFindLine,
        Mode::Typing(Input::Prompt) => Scope::PromptLine,
        Mode::Passage => Scope::Passage,
        Mode::Editing => Scope::Editor,
        Mode::Annotations => Scope::Annotations,
        Mode::Pane(Focus::List) => Scope::List,
        Mode::Pane(Focus::Reader) => Scope::Reader,
        Mode::Pane(Focus::Sidebar) => Scope::Sidebar,
    }
}

fn matches(binding: &Bound, event: &KeyEvent) -> bool {
    // The key spelled as the bindings are (SHIFT on a capital or on Shift-Tab, Ctrl-D).
    binding.keys.contains(&keys::normalise(event.code, event.modifiers))
}

/// The action a key means in `mode` with the bindings in force, if any.
#[must_use]
pub fn map_key(keys: &Keys, mode: Mode, event: &KeyEvent) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    // Ctrl-C always quits, even over an overlay or while typing.
    if event.code == KeyCode::Char('c') && event.modifiers == CTRL {
        return Some(Action::Quit);
    }
    let scope = scope_of(mode);
    let find = |scope: Scope| keys.of(scope).find(|b| matches(b, event));
    // Suspending works in every mode, as in any terminal program (while typing a note too);
    // only with Ctrl, so that rebinding it to a letter never takes the letter from typing.
    let with_ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    if with_ctrl && find(Scope::Global).is_some_and(|b| b.action == Action::Suspend) {
        return Some(Action::Suspend);
    }
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
pub fn map_event(keys: &Keys, mode: Mode, event: &TerminalEvent) -> Option<Msg> {
    match event {
        TerminalEvent::Key(key) => map_key(keys, mode, key).map(Msg::Action),
        TerminalEvent::Resize(w, h) => Some(Msg::Event(Event::Resize(*w, *h))),
        TerminalEvent::Mouse(mouse) => map_mouse(mode, *mouse).map(Msg::Action),
        TerminalEvent::Paste(text) => Some(Msg::Action(Action::Paste(text.clone()))),
        _ => None,
    }
}

/// The action of a mouse event (a double click is told by the runtime, which keeps the time).
#[must_use]
pub fn map_mouse(mode: Mode, MouseEvent { kind, column, row, .. }: MouseEvent) -> Option<Action> {
    let col = column;
    match kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel { col, row, delta: 3 }),
        MouseEventKind::ScrollUp => Some(Action::Wheel { col, row, delta: -3 }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { col, row }),
        // What a drag moves (a passage, the list's border) is known to the app from where the
        // button went down; over an overlay or the editor nothing is dragged.
        MouseEventKind::Drag(MouseButton::Left) if matches!(mode, Mode::Pane(_) | Mode::Passage) => {
            Some(Action::Drag { col, row })
        }
        MouseEventKind::Up(MouseButton::Left) => Some(Action::Release { col, row }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{
        bindings::{BINDINGS, key_label},
        help::help_lines,
    };

    const NONE: KeyModifiers = KeyModifiers::NONE;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn focused_scope_wins_over_global() {
        let enter = press(KeyCode::Enter, NONE);
        assert_eq!(
            map_key(&Keys::default(), Mode::Pane(Focus::List), &enter),
            Some(Action::Open)
        );
        let esc = press(KeyCode::Esc, NONE);
        assert_eq!(
            map_key(&Keys::default(), Mode::Pane(Focus::Reader), &esc),
            Some(Action::Back)
        );
        let q = press(KeyCode::Char('q'), NONE);
        assert_eq!(
            map_key(&Keys::default(), Mode::Pane(Focus::Reader), &q),
            Some(Action::Back),
            "q goes back, as in less"
        );
        assert_eq!(
            map_key(&Keys::default(), Mode::Pane(Focus::List), &q),
            Some(Action::Quit)
        );
        assert_eq!(
            map_key(&Keys::default(), Mode::Pane(Focus::List), &esc),
            Some(Action::ClearFilter)
        );
        assert_eq!(
            map_key(&Keys::default(), Mode::Overlay, &esc),
            Some(Action::CloseOverlay)
        );
    }

    #[test]
    fn overlay_swallows_pane_keys_but_not_ctrl_c() {
        assert_eq!(
            map_key(&Keys::default(), Mode::Overlay, &press(KeyCode::Tab, NONE)),
            None
        );
        assert_eq!(
            map_key(&Keys::default(), Mode::Overlay, &press(KeyCode::Char('c'), CTRL)),
            Some(Action::Quit)
        );
    }

    #[test]
    fn shifted_chars_match_with_or_without_shift_flag() {
        let g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            map_key(&Keys::default(), Mode::Pane(Focus::List), &g),
            Some(Action::Bottom)
        );
        let q = press(KeyCode::Char('?'), NONE);
        assert_eq!(
            map_key(&Keys::default(), Mode::Pane(Focus::List), &q),
            Some(Action::ToggleHelp)
        );
    }

    #[test]
    fn shift_tab_and_ctrl_capitals_arrive_as_the_table_spells_them() {
        let keys = Keys::default();
        // crossterm reports Shift-Tab as BackTab with SHIFT set.
        let back_tab = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            map_key(&keys, Mode::Pane(Focus::Reader), &back_tab),
            Some(Action::FocusPrev)
        );
        let ctrl_shift_d = press(KeyCode::Char('D'), CTRL | KeyModifiers::SHIFT);
        assert_eq!(
            map_key(&keys, Mode::Pane(Focus::List), &ctrl_shift_d),
            Some(Action::HalfPageDown)
        );
    }

    #[test]
    fn ctrl_z_suspends_in_every_mode_but_a_letter_bound_to_it_is_still_typed() {
        let keys = Keys::default();
        let ctrl_z = press(KeyCode::Char('z'), CTRL);
        for mode in [
            Mode::Editing,
            Mode::Typing(Input::Filter),
            Mode::Overlay,
            Mode::Pane(Focus::List),
        ] {
            assert_eq!(map_key(&keys, mode, &ctrl_z), Some(Action::Suspend), "{mode:?}");
        }
        let mut rebound = Keys::default();
        rebound
            .rebind(Scope::Global, &Action::Suspend, &[(KeyCode::Char('Q'), NONE)])
            .unwrap();
        let q = press(KeyCode::Char('Q'), NONE);
        assert_eq!(
            map_key(&rebound, Mode::Typing(Input::Filter), &q),
            Some(Action::Edit(Edit::Insert('Q')))
        );
        assert_eq!(map_key(&rebound, Mode::Pane(Focus::List), &q), Some(Action::Suspend));
    }

    #[test]
    fn typing_goes_to_the_line_not_to_bindings() {
        let filter = Mode::Typing(Input::Filter);
        assert_eq!(
            map_key(&Keys::default(), filter, &press(KeyCode::Char('q'), NONE)),
            Some(Action::Edit(Edit::Insert('q')))
        );
        assert_eq!(
            map_key(&Keys::default(), filter, &press(KeyCode::Char('j'), NONE)),
            Some(Action::Edit(Edit::Insert('j')))
        );
        assert_eq!(
            map_key(&Keys::default(), filter, &press(KeyCode::Down, NONE)),
            Some(Action::FilterDown)
        );
        assert_eq!(
            map_key(&Keys::default(), filter, &press(KeyCode::Char('n'), CTRL)),
            Some(Action::FilterDown)
        );
        assert_eq!(
            map_key(&Keys::default(), filter, &press(KeyCode::Char('w'), CTRL)),
            Some(Action::Edit(Edit::DeleteWord))
        );
        assert_eq!(
            map_key(&Keys::default(), filter, &press(KeyCode::Esc, NONE)),
            Some(Action::LeaveFilter)
        );
        let find = Mode::Typing(Input::Find);
        assert_eq!(
            map_key(&Keys::default(), find, &press(KeyCode::Char('n'), NONE)),
            Some(Action::Edit(Edit::Insert('n')))
        );
        assert_eq!(
            map_key(
                &Keys::default(),
                Mode::Pane(Focus::Reader),
                &press(KeyCode::Char('n'), NONE)
            ),
            Some(Action::FindNext)
        );
        assert_eq!(
            map_key(
                &Keys::default(),
                Mode::Pane(Focus::Reader),
                &press(KeyCode::Char('/'), NONE)
            ),
            Some(Action::StartFind)
        );
        assert_eq!(
            map_key(
                &Keys::default(),
                Mode::Pane(Focus::List),
                &press(KeyCode::Char('/'), NONE)
            ),
            Some(Action::StartFilter)
        );
    }

    #[test]
    fn releases_are_ignored() {
        let mut j = press(KeyCode::Char('j'), NONE);
        j.kind = KeyEventKind::Release;
        assert_eq!(map_key(&Keys::default(), Mode::Pane(Focus::List), &j), None);
    }

    #[test]
    fn help_lists_every_binding() {
        let lines = help_lines(&Keys::default());
        let bindings = lines
            .iter()
            .filter(|l| matches!(l, crate::app::help::HelpLine::Binding { .. }))
            .count();
        assert_eq!(bindings, BINDINGS.len());
        assert!(
            lines
                .iter()
                .any(|l| l.text().contains("Ctrl-c") && l.text().contains("quit"))
        );
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
            Scope::HelpFindLine => Mode::Typing(Input::HelpFind),
            Scope::PromptLine => Mode::Typing(Input::Prompt),
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
                    map_key(&Keys::default(), mode_of(binding.scope), &press(code, mods)),
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
