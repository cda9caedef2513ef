//! `dossier config`: the settings in force as a TOML file with a comment on each key, the
//! way a user finds out what can be set. What it prints reads back as the same settings.

use std::fmt::Write as _;

use super::{Settings, theme};
use crate::{
    app::{bindings::Scope, keys},
    store::sanitize::sanitize_line,
};

/// A TOML string: escaped as TOML's basic strings are (quotes, backslashes, controls).
fn quoted(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The settings as a commented TOML file.
#[must_use]
pub fn render(settings: &Settings) -> String {
    let mut out = String::new();
    let from = settings.file.as_ref().map_or_else(
        || "the defaults".to_string(),
        |f| sanitize_line(&f.display().to_string()),
    );
    let _ = writeln!(out, "# dossier settings in force (from {from}).");
    out.push_str(
        "# Every key is optional: copy what you want to change into config.toml in the config\n\
         # directory (or a file named by --config or DOSSIER_CONFIG). A bad entry is reported\n\
         # with its line and skipped; the rest still applies.\n\n",
    );
    layout(settings, &mut out);
    defaults(settings, &mut out);
    theme_section(settings, &mut out);
    keys_section(settings, &mut out);
    out
}

fn layout(settings: &Settings, out: &mut String) {
    let look = &settings.look;
    let split = crate::layout::Split::default();
    out.push_str("[layout]\n");
    out.push_str("# The names sidebar beside the reader on a wide screen (false: only while it has the\n# keyboard, in the reader's place).\n");
    let _ = writeln!(out, "sidebar = {}", look.sidebar);
    out.push_str("# The sidebar's width in columns (12-80).\n");
    let _ = writeln!(out, "sidebar_width = {}", look.sidebar_width);
    out.push_str("# The list's share of the width in percent (15-85) while browsing and while reading.\n# Without these, the shares last set with < > or a drag of the border are kept.\n");
    for (name, set, default) in [
        ("list_width", settings.list_width, split.browse),
        ("list_width_reading", settings.list_width_reading, split.read),
    ] {
        match set {
            Some(percent) => {
                let _ = writeln!(out, "{name} = {percent}");
            }
            None => {
                let _ = writeln!(out, "# {name} = {default}");
            }
        }
    }
    out.push_str("# The widest the reader's text gets, in columns, centred in the pane (0: the pane's width).\n");
    let _ = writeln!(out, "reading_width = {}\n", look.reading_width);
}

fn defaults(settings: &Settings, out: &mut String) {
    out.push_str("[defaults]\n");
    let names: Vec<&str> = crate::query::sort::ALL.iter().map(|s| s.name()).collect();
    let _ = writeln!(
        out,
        "# The list's order in a corpus where none was chosen with O: {}.\n# Without it: newest first for a dated corpus, else the corpus's order.",
        names.join(", ")
    );
    match settings.sort {
        Some(sort) => {
            let _ = writeln!(out, "sort = {}", quoted(sort.name()));
        }
        None => out.push_str("# sort = \"newest\"\n"),
    }
    out.push_str("# Copies of one story under one row (+N) in a corpus where Z was never pressed.\n");
    let _ = writeln!(out, "group_copies = {}\n", settings.group_copies);
}

fn theme_section(settings: &Settings, out: &mut String) {
    out.push_str("[theme]\n");
    out.push_str(
        "# A style is a colour for the text (\"cyan\", \"light-red\", \"#ff8700\", 208) or a table of\n\
         # fg, bg, bold, dim, italic, underline, reverse, crossed_out; it changes only what it names.\n\
         # NO_COLOR (set, not empty) wins over all of it: no colours, marks and reverse video.\n\
         # The built-in theme the styles apply to: \"dark\" or \"light\".\n",
    );
    let _ = writeln!(out, "base = {}", quoted(settings.base.name()));
    for element in theme::ELEMENTS {
        let _ = writeln!(out, "# {}", element.doc);
        let _ = writeln!(
            out,
            "{} = {}",
            element.name,
            theme::style_toml((element.get)(&settings.theme))
        );
    }
    out.push('\n');
}

fn keys_section(settings: &Settings, out: &mut String) {
    out.push_str(
        "# Keys, per mode: action = \"key\" or [\"key\", ...]; [] unbinds. Keys are written as\n\
         # j, G, ?, space, enter, esc, tab, shift-tab, up, pagedown, home, f5, ctrl-d, alt-x.\n\
         # A key bound here is taken from any other action of the same mode. Ctrl-c always quits.\n\
         # Actions of the panes (global, list, reader, sidebar) can be bound in any of them.\n",
    );
    for scope in Scope::ALL {
        let _ = writeln!(out, "\n[keys.{}]\n# {}", scope.name(), scope.title());
        for bound in settings.keys.of(scope) {
            let keys: Vec<String> = bound.keys.iter().map(|&k| quoted(&keys::key_name(k))).collect();
            let _ = writeln!(out, "# {}", bound.help);
            let _ = writeln!(out, "{} = [{}]", keys::action_name(&bound.action), keys.join(", "));
        }
    }
}
