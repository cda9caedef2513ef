//! The bindings in force: the table of [`super::bindings`] with the user's settings applied.
//! Built once at start-up; the keymap resolves keys with it and the help shows it, so what the
//! help says is what the keys do, rebound or not.
//!
//! Keys are named as users write them in settings files (`ctrl-d`, `shift-tab`, `G`, `space`),
//! and [`key_name`] writes them back the same way for `dossier config`.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{
    Action, Edit,
    bindings::{BINDINGS, Scope},
};

/// One key: its code and modifiers, as crossterm reports them.
pub type Key = (KeyCode, KeyModifiers);

/// A binding in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub scope: Scope,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    /// Set by the settings file rather than the defaults.
    pub custom: bool,
}

/// Every binding in force, in the table's order (which is the help's order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    pub bound: Vec<Bound>,
}

impl Default for Keys {
    fn default() -> Self {
        Self {
            bound: BINDINGS
                .iter()
                .map(|b| Bound {
                    scope: b.scope,
                    keys: b.keys.to_vec(),
                    action: b.action.clone(),
                    help: b.help,
                    custom: false,
                })
                .collect(),
        }
    }
}

impl Keys {
    /// The bindings of one scope.
    pub fn of(&self, scope: Scope) -> impl Iterator<Item = &Bound> {
        self.bound.iter().filter(move |b| b.scope == scope)
    }

    /// The keys bound to `action` in `scope` (empty when it has none there).
    #[must_use]
    pub fn keys_for(&self, scope: Scope, action: &Action) -> Vec<Key> {
        self.of(scope)
            .filter(|b| &b.action == action)
            .flat_map(|b| b.keys.iter().copied())
            .collect()
    }

    /// Bind `action` in `scope` to exactly `keys` (none: unbound there). A key the user binds
    /// is taken from whatever else had it in the scope: a key means one thing in one mode.
    /// Returns what the change says to the user: keys taken from another action.
    pub fn rebind(&mut self, scope: Scope, action: &Action, keys: &[Key]) -> Result<Vec<String>, String> {
        if !allowed(scope, action) {
            return Err(format!(
                "`{}` is not an action of [keys.{}]",
                action_name(action),
                scope.name()
            ));
        }
        let ctrl_c = (KeyCode::Char('c'), KeyModifiers::CONTROL);
        if let Some(&key) = keys.iter().find(|&&k| k == ctrl_c && *action != Action::Quit) {
            return Err(format!("{} always quits and cannot be rebound", key_name(key)));
        }
        let mut said = Vec::new();
        for other in self
            .bound
            .iter_mut()
            .filter(|b| b.scope == scope && &b.action != action)
        {
            let taken: Vec<Key> = other.keys.iter().copied().filter(|k| keys.contains(k)).collect();
            other.keys.retain(|k| !keys.contains(k));
            if other.custom {
                for key in taken {
                    said.push(format!(
                        "conflict in [keys.{}]: `{}` was also bound to `{}`; `{}` has it now",
                        scope.name(),
                        key_name(key),
                        action_name(&other.action),
                        action_name(action)
                    ));
                }
            }
        }
        // Ctrl-c quits whatever the file says (see the keymap): the help always lists it.
        let mut keys = keys.to_vec();
        if scope == Scope::Global && *action == Action::Quit && !keys.contains(&ctrl_c) {
            keys.insert(0, ctrl_c);
        }
        let keys = keys.as_slice();
        let help = BINDINGS.iter().find(|b| &b.action == action).map_or("", |b| b.help);
        if let Some(bound) = self.bound.iter_mut().find(|b| b.scope == scope && &b.action == action) {
            // The defaults written out again (`dossier config > config.toml`) are no change.
            bound.custom |= bound.keys != keys;
            bound.keys = keys.to_vec();
        } else {
            // Kept with the scope's other bindings, so the help lists it under its heading.
            let at = self
                .bound
                .iter()
                .rposition(|b| b.scope == scope)
                .map_or(self.bound.len(), |i| i + 1);
            self.bound.insert(
                at,
                Bound {
                    scope,
                    keys: keys.to_vec(),
                    action: action.clone(),
                    help,
                    custom: true,
                },
            );
        }
        Ok(said)
    }

    /// Keys the user bound everywhere that a pane's own binding of the same key hides in that
    /// pane (the pane's table is consulted first): said, since the binding would seem not to work.
    #[must_use]
    pub fn shadowed(&self) -> Vec<(Action, String)> {
        let mut said = Vec::new();
        for global in self.of(Scope::Global).filter(|b| b.custom) {
            for &key in &global.keys {
                for pane in [Scope::List, Scope::Reader, Scope::Sidebar, Scope::Passage] {
                    let hidden_by = self
                        .of(pane)
                        .find(|b| b.keys.contains(&key) && b.action != global.action);
                    if let Some(local) = hidden_by {
                        let message = format!(
                            "conflict: `{}` in [keys.global] ({}) is hidden in [keys.{}] by `{}`",
                            key_name(key),
                            action_name(&global.action),
                            pane.name(),
                            action_name(&local.action)
                        );
                        said.push((global.action.clone(), message));
                    }
                }
            }
        }
        said
    }
}

/// Scopes whose keys reach the same place: the panes fall back to the global table, so an
/// action of one of them can be bound in any of them.
const PANES: [Scope; 4] = [Scope::Global, Scope::List, Scope::Reader, Scope::Sidebar];

/// Whether `action` can be bound in `scope`: where the table binds it, or in any pane for an
/// action of the panes (`export` in the reader).
#[must_use]
pub fn allowed(scope: Scope, action: &Action) -> bool {
    BINDINGS
        .iter()
        .filter(|b| &b.action == action)
        .any(|b| b.scope == scope || (PANES.contains(&scope) && PANES.contains(&b.scope)))
}

/// The name a settings file uses for an action: its serde name (`toggle_bookmark`), and
/// `clear_line` for the one action that carries data.
#[must_use]
pub fn action_name(action: &Action) -> String {
    if *action == Action::Edit(Edit::Clear) {
        return "clear_line".into();
    }
    match serde_json::to_value(action) {
        Ok(serde_json::Value::String(name)) => name,
        _ => format!("{action:?}"),
    }
}

/// The action a settings file names, among those the table binds.
#[must_use]
pub fn action_from_name(name: &str) -> Option<Action> {
    BINDINGS
        .iter()
        .map(|b| &b.action)
        .find(|a| action_name(a) == name)
        .cloned()
}

/// Every action name a settings file can use, once each, in the table's order.
#[must_use]
pub fn action_names() -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for b in BINDINGS {
        let name = action_name(&b.action);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("space", KeyCode::Char(' ')),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pgup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("pgdn", KeyCode::PageDown),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("ins", KeyCode::Insert),
];

/// A key as a settings file writes it: `j`, `G`, `?`, `-`, `ctrl-d`, `alt-x`, `shift-tab`,
/// `enter`, `space`, `f5`. Modifier and key names ignore case; a single character keeps it.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let text = text.trim();
    if text.split_whitespace().count() > 1 {
        return Err(format!(
            "{text:?} is a sequence of keys; bind a single key (sequences like \"g g\" are not supported)"
        ));
    }
    let mut mods = KeyModifiers::NONE;
    let mut rest = text;
    // `ctrl--` is Ctrl and the minus key; a lone `-` is the minus key.
    while let Some((head, tail)) = rest.split_once('-').filter(|(h, t)| !h.is_empty() && !t.is_empty()) {
        mods |= match head.to_ascii_lowercase().as_str() {
            "ctrl" | "control" | "c" => KeyModifiers::CONTROL,
            "alt" | "meta" | "m" | "a" => KeyModifiers::ALT,
            "shift" | "s" => KeyModifiers::SHIFT,
            _ => return Err(format!("{text:?}: unknown modifier {head:?} (ctrl, alt, shift)")),
        };
        rest = tail;
    }
    let mut chars = rest.chars();
    let code = if let (Some(c), None) = (chars.next(), chars.next()) {
        if unprintable(c) {
            return Err(format!(
                "{text:?}: U+{:04X} is not a key a settings file can bind",
                u32::from(c)
            ));
        }
        KeyCode::Char(c)
    } else {
        {
            let lower = rest.to_ascii_lowercase();
            if let Some(&(_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
                code
            } else if let Some(n) = lower
                .strip_prefix('f')
                .and_then(|n| n.parse::<u8>().ok())
                .filter(|n| (1..=24).contains(n))
            {
                KeyCode::F(n)
            } else {
                return Err(format!(
                    "{text:?} is not a key (a character, or enter, esc, tab, space, up, down, left, right, home, end, pageup, pagedown, backspace, delete, insert, f1-f24, with ctrl-, alt-, shift-)"
                ));
            }
        }
    };
    Ok(normalise(code, mods))
}

/// One spelling for each key, for the bindings and for what the terminal sends alike:
/// `shift-tab` is crossterm's `BackTab` (which it reports with SHIFT set), `shift-g` is `G`
/// (some terminals set SHIFT on a capital, some do not), and `ctrl-D` or `ctrl-shift-d` is
/// `ctrl-d` (a terminal sends one byte for all of them).
#[must_use]
pub fn normalise(code: KeyCode, mods: KeyModifiers) -> Key {
    let shift = KeyModifiers::SHIFT;
    let (code, mods) = match code {
        KeyCode::Tab | KeyCode::BackTab if mods.contains(shift) => (KeyCode::BackTab, mods - shift),
        // A shifted symbol is the symbol itself (`shift-/` cannot be told from `?` anyway).
        KeyCode::Char(c) if mods.contains(shift) && (c.is_alphabetic() || !c.is_alphanumeric()) => {
            (KeyCode::Char(c.to_uppercase().next().unwrap_or(c)), mods - shift)
        }
        _ => (code, mods),
    };
    match code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) && c.is_ascii_uppercase() => {
            (KeyCode::Char(c.to_ascii_lowercase()), mods)
        }
        _ => (code, mods),
    }
}

/// Characters a settings file cannot bind: controls and the invisible format characters
/// (bidi overrides, zero-width): they could not be typed as a key, and printed in the help
/// they would reorder or hide its text.
fn unprintable(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
}

/// A key written as [`parse_key`] reads it.
#[must_use]
pub fn key_name((code, mods): Key) -> String {
    let base = match code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::BackTab => "shift-tab".into(),
        KeyCode::F(n) => format!("f{n}"),
        other => NAMED
            .iter()
            .find(|(_, c)| *c == other)
            .map_or_else(|| format!("{other:?}").to_ascii_lowercase(), |(n, _)| (*n).to_string()),
    };
    let mut name = String::new();
    if mods.contains(KeyModifiers::CONTROL) {
        name.push_str("ctrl-");
    }
    if mods.contains(KeyModifiers::ALT) {
        name.push_str("alt-");
    }
    if mods.contains(KeyModifiers::SHIFT) {
        name.push_str("shift-");
    }
    name + &base
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn keys_read_as_users_write_them() {
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(parse_key("ctrl-d"), Ok((KeyCode::Char('d'), ctrl)));
        assert_eq!(parse_key("Ctrl-D"), Ok((KeyCode::Char('d'), ctrl)));
        assert_eq!(parse_key("shift-tab"), Ok((KeyCode::BackTab, KeyModifiers::NONE)));
        assert_eq!(parse_key("shift-g"), Ok((KeyCode::Char('G'), KeyModifiers::NONE)));
        assert_eq!(parse_key("-"), Ok((KeyCode::Char('-'), KeyModifiers::NONE)));
        assert_eq!(parse_key("ctrl--"), Ok((KeyCode::Char('-'), ctrl)));
        assert_eq!(parse_key("PageDown"), Ok((KeyCode::PageDown, KeyModifiers::NONE)));
        assert_eq!(parse_key("f5"), Ok((KeyCode::F(5), KeyModifiers::NONE)));
        assert_eq!(parse_key("alt-x"), Ok((KeyCode::Char('x'), KeyModifiers::ALT)));
        assert!(parse_key("g g").unwrap_err().contains("sequence"));
        assert!(parse_key("hyper-x").unwrap_err().contains("modifier"));
        assert!(parse_key("enterr").unwrap_err().contains("not a key"));
        assert!(parse_key("").is_err());
    }

    #[test]
    fn every_default_key_has_a_name_that_reads_back() {
        for b in BINDINGS {
            for &key in b.keys {
                assert_eq!(parse_key(&key_name(key)), Ok(key), "{}", key_name(key));
            }
        }
    }

    #[test]
    fn every_action_has_a_name_that_reads_back() {
        for b in BINDINGS {
            assert_eq!(action_from_name(&action_name(&b.action)), Some(b.action.clone()));
        }
        assert_eq!(action_from_name("clear_line"), Some(Action::Edit(Edit::Clear)));
        assert_eq!(action_from_name("fly"), None);
    }

    #[test]
    fn a_rebound_key_is_taken_from_the_action_that_had_it() {
        let mut keys = Keys::default();
        let b = parse_key("b").unwrap();
        keys.rebind(Scope::Global, &Action::Export, &[b]).unwrap();
        assert_eq!(keys.keys_for(Scope::Global, &Action::Export), vec![b]);
        assert!(keys.keys_for(Scope::Global, &Action::ToggleBookmark).is_empty());
        // Two of the user's own bindings on one key: the second wins, and it is said.
        let said = keys.rebind(Scope::Global, &Action::ToggleHelp, &[b]).unwrap();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("conflict") && said[0].contains("export"), "{said:?}");
    }

    #[test]
    fn actions_bind_only_where_they_mean_something() {
        let mut keys = Keys::default();
        let x = parse_key("x").unwrap();
        assert!(keys.rebind(Scope::Editor, &Action::Export, &[x]).is_err());
        assert!(keys.rebind(Scope::Reader, &Action::Export, &[x]).is_ok());
        let ctrl_c = parse_key("ctrl-c").unwrap();
        assert!(
            keys.rebind(Scope::List, &Action::Open, &[ctrl_c]).is_err(),
            "Ctrl-c always quits"
        );
        assert!(keys.rebind(Scope::Global, &Action::Quit, &[ctrl_c]).is_ok());
    }

    #[test]
    fn a_global_key_hidden_by_a_pane_is_said() {
        let mut keys = Keys::default();
        keys.rebind(Scope::Global, &Action::Export, &[parse_key("q").unwrap()])
            .unwrap();
        let said = keys.shadowed();
        assert!(
            said.iter()
                .any(|(_, s)| s.contains("[keys.list]") && s.contains("quit")),
            "{said:?}"
        );
    }

    proptest! {
        #[test]
        fn key_names_round_trip(c in any::<char>().prop_filter("printable", |&c| !unprintable(c) && !c.is_whitespace()),
                                ctrl in any::<bool>(), alt in any::<bool>()) {
            let mut mods = KeyModifiers::NONE;
            if ctrl { mods |= KeyModifiers::CONTROL; }
            if alt { mods |= KeyModifiers::ALT; }
            let c = if ctrl { c.to_ascii_lowercase() } else { c };
            let key = (KeyCode::Char(c), mods);
            prop_assert_eq!(parse_key(&key_name(key)), Ok(key));
        }

        #[test]
        fn parsing_never_panics(s in ".{0,12}") {
            let _ = parse_key(&s);
        }
    }
}
