//! The settings file, `config.toml` in the config directory: key bindings per mode, a theme,
//! the layout and a few defaults. `dossier config` prints what is in force (see [`print`]).
//!
//! A bad file never stops the app. The TOML is read by the `toml` crate's recovering parser,
//! which keeps every span; each entry is then checked on its own, so one bad entry (an unknown
//! key, an unknown action, a bad colour, a wrong type, or a TOML syntax error) is reported once
//! with its file and line, and everything else in the file still applies.

pub mod print;
pub mod theme;

use std::{
    fmt,
    ops::Range,
    path::{Path, PathBuf},
};

use toml::{
    Spanned,
    de::{DeTable, DeValue},
};

use crate::{
    app::{
        bindings::Scope,
        keys::{self, Keys},
    },
    layout::Look,
    query::Sort,
    ui::theme::Theme,
};

/// The settings file's name in the config directory.
pub const FILE: &str = "config.toml";

/// One thing wrong in the settings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based; 0 when the problem is the whole file (it cannot be read).
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = crate::store::sanitize::sanitize_line(&self.file.display().to_string());
        // The message quotes the file's own words (an unknown action's name): cleaned too.
        let message = crate::store::sanitize::sanitize_line(&self.message);
        if self.line == 0 {
            write!(f, "{file}: {message}")
        } else {
            write!(f, "{file}:{}: {message}", self.line)
        }
    }
}

/// The theme the file starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Base {
    #[default]
    Dark,
    Light,
}

impl Base {
    pub fn name(self) -> &'static str {
        match self {
            Self::Dark => "dark",
            Self::Light => "light",
        }
    }

    pub fn theme(self) -> Theme {
        match self {
            Self::Dark => Theme::colour(),
            Self::Light => Theme::light(),
        }
    }
}

/// Everything the settings file decides, with the defaults where it is silent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The file read, when there was one.
    pub file: Option<PathBuf>,
    pub keys: Keys,
    pub base: Base,
    /// The theme before `NO_COLOR` (which wins: see [`Theme::from_env_with`]).
    pub theme: Theme,
    pub look: Look,
    /// The list's share while browsing and while reading, each when the file sets it;
    /// otherwise the one last set with `<` `>` or a drag is kept.
    pub list_width: Option<u16>,
    pub list_width_reading: Option<u16>,
    /// The order of a corpus with none chosen in the app.
    pub sort: Option<Sort>,
    /// Whether copies of a story are grouped in a corpus where `Z` was never pressed.
    pub group_copies: bool,
    pub problems: Vec<Problem>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            file: None,
            keys: Keys::default(),
            base: Base::Dark,
            theme: Theme::colour(),
            look: Look::default(),
            list_width: None,
            list_width_reading: None,
            sort: None,
            group_copies: true,
            problems: Vec::new(),
        }
    }
}

impl Settings {
    /// What the app takes from the settings.
    #[must_use]
    pub fn into_configured(self) -> crate::app::configure::Configured {
        crate::app::configure::Configured {
            problems: self.problems.iter().map(ToString::to_string).collect(),
            keys: self.keys,
            look: self.look,
            list_width: self.list_width,
            list_width_reading: self.list_width_reading,
            sort: self.sort,
            group_copies: self.group_copies,
        }
    }
}

/// The settings file to read: `--config FILE`, else `$DOSSIER_CONFIG`, else `config.toml` in
/// the config directory.
#[must_use]
pub fn locate(flag: Option<&Path>, config_dir: Option<&Path>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf)
        .or_else(|| {
            std::env::var_os("DOSSIER_CONFIG")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| config_dir.map(|d| d.join(FILE)))
}

/// Read the settings from `path`. A missing file is no problem when it is the default one
/// (`explicit` false): the defaults apply. Anything else wrong is a [`Problem`].
#[must_use]
pub fn load(path: &Path, explicit: bool) -> Settings {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text, path),
            Err(_) => whole_file(path, "not UTF-8 text; the defaults apply"),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => Settings::default(),
        Err(e) => whole_file(path, &format!("cannot be read ({e}); the defaults apply")),
    }
}

fn whole_file(path: &Path, message: &str) -> Settings {
    Settings {
        problems: vec![Problem {
            file: path.to_path_buf(),
            line: 0,
            message: message.into(),
        }],
        ..Settings::default()
    }
}

/// Collects problems with their lines.
struct Report<'a> {
    text: &'a str,
    file: &'a Path,
    problems: Vec<Problem>,
    /// Where each action of `[keys.global]` was bound, to point at it in a later problem.
    global_spans: Vec<(crate::app::Action, Range<usize>)>,
}

impl Report<'_> {
    fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        let before = &self.text.as_bytes()[..span.start.min(self.text.len())];
        // Counted on bytes: a span is a byte offset, which need not fall on a char boundary.
        #[allow(clippy::naive_bytecount)] // a settings file is a few KB: no crate for this
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        self.push(line, message);
    }

    /// A problem of the whole file, without a line.
    fn at_file(&mut self, message: impl Into<String>) {
        self.push(0, message);
    }

    fn push(&mut self, line: usize, message: impl Into<String>) {
        let problem = Problem {
            file: self.file.to_path_buf(),
            line,
            message: message.into(),
        };
        // Once each: a recovering parser can say the same thing twice.
        if !self.problems.contains(&problem) {
            self.problems.push(problem);
        }
    }
}

type Entry<'i> = (&'i Spanned<std::borrow::Cow<'i, str>>, &'i Spanned<DeValue<'i>>);

fn kind(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// Read settings from the text of a file at `file` (named in problems).
#[must_use]
pub fn parse(text: &str, file: &Path) -> Settings {
    let mut report = Report {
        text,
        file,
        problems: Vec::new(),
        global_spans: Vec::new(),
    };
    let (doc, errors) = DeTable::parse_recoverable(text);
    for e in errors {
        let message = format!("not valid TOML: {}", e.message().trim());
        match e.span() {
            Some(span) => report.at(span, message),
            None => report.at_file(message),
        }
    }
    let mut settings = Settings {
        file: Some(file.to_path_buf()),
        ..Settings::default()
    };
    // The theme's base first, whatever the order of the tables: colours apply on top of it.
    let sections: Vec<Entry> = doc.get_ref().iter().collect();
    if let Some((_, value)) = sections.iter().find(|(k, _)| k.get_ref() == "theme")
        && let DeValue::Table(table) = value.get_ref()
    {
        theme::base(table, &mut settings, &mut report);
    }
    for (key, value) in sections {
        match (key.get_ref().as_ref(), value.get_ref()) {
            ("keys", DeValue::Table(table)) => read_keys(table, &mut settings.keys, &mut report),
            ("theme", DeValue::Table(table)) => theme::read(table, &mut settings, &mut report),
            ("layout", DeValue::Table(table)) => read_layout(table, &mut settings, &mut report),
            ("defaults", DeValue::Table(table)) => read_defaults(table, &mut settings, &mut report),
            (name @ ("keys" | "theme" | "layout" | "defaults"), other) => {
                report.at(value.span(), format!("[{name}] should be a table, not {}", kind(other)));
            }
            (name, _) => report.at(
                key.span(),
                format!("unknown setting `{name}` (expected [keys.MODE], [theme], [layout] or [defaults])"),
            ),
        }
    }
    for (action, said) in settings.keys.shadowed() {
        let span = report
            .global_spans
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, span)| span.clone());
        match span {
            Some(span) => report.at(span, said),
            None => report.at_file(said),
        }
    }
    settings.problems = report.problems;
    settings
}

fn read_keys(table: &DeTable, keys: &mut Keys, report: &mut Report) {
    for (scope_key, scope_value) in table {
        let Some(scope) = Scope::from_name(scope_key.get_ref()) else {
            let names: Vec<&str> = Scope::ALL.iter().map(|s| s.name()).collect();
            report.at(
                scope_key.span(),
                format!(
                    "unknown mode [keys.{}] (expected one of {})",
                    scope_key.get_ref(),
                    names.join(", ")
                ),
            );
            continue;
        };
        let DeValue::Table(bindings) = scope_value.get_ref() else {
            report.at(
                scope_value.span(),
                format!("[keys.{}] should be a table of action = keys", scope.name()),
            );
            continue;
        };
        for (action_key, keys_value) in bindings {
            let name = action_key.get_ref();
            let Some(action) = keys::action_from_name(name) else {
                report.at(
                    action_key.span(),
                    format!("unknown action `{name}` (`dossier config --default` lists them)"),
                );
                continue;
            };
            let Some(bound) = key_list(keys_value, report) else {
                continue;
            };
            if scope == Scope::Global {
                report.global_spans.push((action.clone(), action_key.span()));
            }
            match keys.rebind(scope, &action, &bound) {
                Ok(said) => said.into_iter().for_each(|s| report.at(action_key.span(), s)),
                Err(why) => report.at(action_key.span(), why),
            }
        }
    }
}

/// `"ctrl-d"` or `["j", "down"]`; `[]` unbinds. Each bad key is reported; `None` when none
/// was good.
fn key_list(value: &Spanned<DeValue>, report: &mut Report) -> Option<Vec<keys::Key>> {
    let items: Vec<&Spanned<DeValue>> = match value.get_ref() {
        DeValue::String(_) => vec![value],
        DeValue::Array(items) => items.iter().collect(),
        other => {
            report.at(
                value.span(),
                format!("expected a key like \"ctrl-d\" or a list of keys, not {}", kind(other)),
            );
            return None;
        }
    };
    let mut keys = Vec::new();
    let mut bad = false;
    for item in items {
        match item.get_ref() {
            DeValue::String(s) => match keys::parse_key(s) {
                Ok(key) if !keys.contains(&key) => keys.push(key),
                Ok(_) => {}
                Err(why) => {
                    report.at(item.span(), why);
                    bad = true;
                }
            },
            other => {
                report.at(item.span(), format!("expected a key as a string, not {}", kind(other)));
                bad = true;
            }
        }
    }
    (!bad || !keys.is_empty()).then_some(keys)
}

fn integer(value: &Spanned<DeValue>, range: Range<i64>, what: &str, report: &mut Report) -> Option<u16> {
    let n = match value.get_ref() {
        DeValue::Integer(n) => i64::from_str_radix(&n.as_str().replace('_', ""), n.radix()).ok(),
        _ => None,
    };
    let n = n.filter(|n| range.contains(n)).and_then(|n| u16::try_from(n).ok());
    if n.is_none() {
        report.at(
            value.span(),
            format!(
                "{what}: expected a whole number from {} to {}",
                range.start,
                range.end - 1
            ),
        );
    }
    n
}

fn boolean(value: &Spanned<DeValue>, what: &str, report: &mut Report) -> Option<bool> {
    if let DeValue::Boolean(b) = value.get_ref() {
        Some(*b)
    } else {
        report.at(
            value.span(),
            format!("{what}: expected true or false, not {}", kind(value.get_ref())),
        );
        None
    }
}

fn read_layout(table: &DeTable, settings: &mut Settings, report: &mut Report) {
    for (key, value) in table {
        let look = &mut settings.look;
        match key.get_ref().as_ref() {
            "sidebar" => look.sidebar = boolean(value, "sidebar", report).unwrap_or(look.sidebar),
            "sidebar_width" => {
                look.sidebar_width = integer(value, 12..81, "sidebar_width", report).unwrap_or(look.sidebar_width);
            }
            "reading_width" => {
                look.reading_width = integer(value, 0..1001, "reading_width", report).unwrap_or(look.reading_width);
            }
            name @ ("list_width" | "list_width_reading") => {
                if let Some(percent) = integer(value, 15..86, name, report) {
                    if name == "list_width" {
                        settings.list_width = Some(percent);
                    } else {
                        settings.list_width_reading = Some(percent);
                    }
                }
            }
            name => report.at(
                key.span(),
                format!(
                    "unknown setting `{name}` in [layout] (expected sidebar, sidebar_width, list_width, list_width_reading, reading_width)"
                ),
            ),
        }
    }
}

fn read_defaults(table: &DeTable, settings: &mut Settings, report: &mut Report) {
    for (key, value) in table {
        match key.get_ref().as_ref() {
            "sort" => match value.get_ref() {
                DeValue::String(name) if Sort::from_name(name).is_some() => settings.sort = Sort::from_name(name),
                _ => {
                    let names: Vec<&str> = crate::query::sort::ALL.iter().map(|s| s.name()).collect();
                    report.at(value.span(), format!("sort: expected one of {}", names.join(", ")));
                }
            },
            "group_copies" => {
                settings.group_copies = boolean(value, "group_copies", report).unwrap_or(settings.group_copies);
            }
            name => report.at(
                key.span(),
                format!("unknown setting `{name}` in [defaults] (expected sort, group_copies)"),
            ),
        }
    }
}

#[cfg(test)]
mod tests;
