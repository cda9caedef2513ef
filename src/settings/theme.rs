//! `[theme]`: a built-in base (`dark` or `light`) and a style for any element of the UI. A
//! style is a colour (`"cyan"`, `"#ff8700"`, `208`) for the text, or a table
//! `{ fg, bg, bold, italic, underline, reverse, dim }`; either changes only what it names.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use toml::{Spanned, de::DeTable, de::DeValue};

use super::{Base, Report, Settings, kind};
use crate::ui::theme::Theme;

/// An element of the UI a theme can style.
pub struct Element {
    pub name: &'static str,
    pub doc: &'static str,
    pub get: fn(&Theme) -> Style,
    pub set: fn(&mut Theme, Style),
}

macro_rules! elements {
    ($($field:ident: $doc:literal),+ $(,)?) => {
        &[$(Element {
            name: stringify!($field),
            doc: $doc,
            get: |t| t.$field,
            set: |t, s| t.$field = s,
        }),+]
    };
}

/// Every element, in the order `dossier config` prints them.
pub const ELEMENTS: &[Element] = elements![
    text: "the reader's text and the list's titles",
    dim: "secondary text: dates, sources, counts, hints",
    accent: "the colour of headings in panes and of small marks",
    title: "the article's title in the reader",
    heading: "headings inside the text and the help",
    border: "a pane's border",
    border_focused: "the border of the pane with the keyboard",
    selected: "the selected row of the focused pane",
    selected_unfocused: "the selected row of a pane without the focus",
    matched: "the letters a filter or find matched",
    annotated: "annotated passages in the reader",
    selection: "a passage being selected",
    caret: "the reader's caret",
    link: "the article's web address",
    warning: "warnings and errors",
    bar: "the header and the status line",
    mark: "the list's marks: ★ bookmarked, ✎ noted",
    unread: "the list's • for an unread article",
    chip: "tags shown as #chips",
    timeline: "the timeline's bars",
    timeline_selected: "the timeline's bar whose period filters the list",
];

/// `base = "dark" | "light"`, read before any element so that elements apply on top of it.
pub(super) fn base(table: &DeTable, settings: &mut Settings, report: &mut Report) {
    let Some((_, value)) = table.iter().find(|(k, _)| k.get_ref() == "base") else {
        return;
    };
    match value.get_ref() {
        DeValue::String(s) if s == "dark" => settings.base = Base::Dark,
        DeValue::String(s) if s == "light" => settings.base = Base::Light,
        _ => report.at(value.span(), "base: expected \"dark\" or \"light\""),
    }
    settings.theme = settings.base.theme();
}

pub(super) fn read(table: &DeTable, settings: &mut Settings, report: &mut Report) {
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        if name == "base" {
            continue;
        }
        let Some(element) = ELEMENTS.iter().find(|e| e.name == name) else {
            report.at(
                key.span(),
                format!("unknown theme element `{name}` (`dossier config --default` lists them)"),
            );
            continue;
        };
        let base = (element.get)(&settings.theme);
        if let Some(style) = style(value, base, name, report) {
            (element.set)(&mut settings.theme, style);
        }
    }
}

/// A colour: a name, `#rrggbb`, or a 256-colour index (as a number or a string).
fn colour(value: &Spanned<DeValue>, what: &str, report: &mut Report) -> Option<Color> {
    let parsed = match value.get_ref() {
        DeValue::String(s) if matches!(s.to_ascii_lowercase().as_str(), "default" | "none") => Some(Color::Reset),
        DeValue::String(s) => Color::from_str(s).ok(),
        DeValue::Integer(n) => u8::from_str_radix(&n.as_str().replace('_', ""), n.radix())
            .ok()
            .map(Color::Indexed),
        _ => None,
    };
    if parsed.is_none() {
        report.at(
            value.span(),
            format!(
                "{what}: not a colour (expected a name like \"cyan\" or \"light-red\", \"#rrggbb\", or 0-255; got {})",
                describe(value.get_ref())
            ),
        );
    }
    parsed
}

fn describe(value: &DeValue) -> String {
    match value {
        DeValue::String(s) => format!("{s:?}"),
        DeValue::Integer(n) => n.as_str().to_string(),
        other => kind(other).to_string(),
    }
}

const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underline", Modifier::UNDERLINED),
    ("underlined", Modifier::UNDERLINED),
    ("reverse", Modifier::REVERSED),
    ("reversed", Modifier::REVERSED),
    ("crossed_out", Modifier::CROSSED_OUT),
];

fn style(value: &Spanned<DeValue>, mut style: Style, name: &str, report: &mut Report) -> Option<Style> {
    match value.get_ref() {
        DeValue::String(_) | DeValue::Integer(_) => colour(value, name, report).map(|c| style.fg(c)),
        DeValue::Table(table) => {
            for (key, part) in table {
                let field = key.get_ref().as_ref();
                match field {
                    "fg" => style = colour(part, &format!("{name}.fg"), report).map_or(style, |c| style.fg(c)),
                    "bg" => style = colour(part, &format!("{name}.bg"), report).map_or(style, |c| style.bg(c)),
                    _ => match MODIFIERS.iter().find(|(n, _)| *n == field) {
                        Some(&(_, modifier)) => match part.get_ref() {
                            DeValue::Boolean(true) => style = style.add_modifier(modifier),
                            DeValue::Boolean(false) => style = style.remove_modifier(modifier),
                            other => report.at(
                                part.span(),
                                format!("{name}.{field}: expected true or false, not {}", kind(other)),
                            ),
                        },
                        None => report.at(
                            key.span(),
                            format!(
                                "{name}: unknown style key `{field}` (expected fg, bg, bold, dim, italic, underline, reverse, crossed_out)"
                            ),
                        ),
                    },
                }
            }
            Some(style)
        }
        other => {
            report.at(
                value.span(),
                format!("{name}: expected a colour or a table like {{ fg = \"black\", bg = \"cyan\", bold = true }}, not {}", kind(other)),
            );
            None
        }
    }
}

/// A colour as a settings file writes it.
#[must_use]
pub fn colour_name(colour: Color) -> String {
    match colour {
        Color::Reset => "default".into(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => i.to_string(),
        named => {
            let name = named.to_string();
            // `DarkGray` → `dark-gray`, `LightRed` → `light-red`.
            let mut out = String::new();
            for (i, c) in name.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    out.push('-');
                }
                out.push(c.to_ascii_lowercase());
            }
            out
        }
    }
}

/// A style as a settings file writes it: always a table, so that every part shows.
#[must_use]
pub fn style_toml(style: Style) -> String {
    let mut parts = Vec::new();
    if let Some(fg) = style.fg {
        parts.push(format!("fg = \"{}\"", colour_name(fg)));
    }
    if let Some(bg) = style.bg {
        parts.push(format!("bg = \"{}\"", colour_name(bg)));
    }
    for &(name, modifier) in MODIFIERS {
        // One spelling each.
        if matches!(name, "underlined" | "reversed") {
            continue;
        }
        // What a style takes off its base shows too, or it would read back on.
        if style.add_modifier.contains(modifier) {
            parts.push(format!("{name} = true"));
        } else if style.sub_modifier.contains(modifier) {
            parts.push(format!("{name} = false"));
        }
    }
    format!("{{ {} }}", parts.join(", ")).replace("{  }", "{}")
}
