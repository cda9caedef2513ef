//! The help overlay (and the skipped-files notice), paged like `less`: j/k, PgDn/PgUp,
//! g/G, and `/` to find a line, n/N to the next or previous one found.

use super::{App, Edit, Input, LineEdit, Overlay, add, bindings::key_label, keys::Keys};
use crate::layout;

/// The help's find line and the line it found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpFind {
    pub line: LineEdit,
    /// The line found, when the text was found.
    pub hit: Option<usize>,
}

/// One line of the help screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(&'static str),
    Binding { keys: String, help: &'static str },
    Blank,
    Note(&'static str),
}

impl HelpLine {
    /// The line as plain text, what find in the help searches.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            Self::Heading(t) | Self::Note(t) => (*t).to_string(),
            Self::Binding { keys, help } => format!("  {keys:<22}{help}"),
            Self::Blank => String::new(),
        }
    }
}

/// The help screen, line by line, in table order: the bindings in force.
#[must_use]
pub fn help_lines(keys: &Keys) -> Vec<HelpLine> {
    let mut lines = Vec::new();
    let mut scope = None;
    for b in keys.bound.iter().filter(|b| !b.keys.is_empty()) {
        if scope != Some(b.scope) {
            if scope.is_some() {
                lines.push(HelpLine::Blank);
            }
            lines.push(HelpLine::Heading(b.scope.title()));
            scope = Some(b.scope);
        }
        let keys: Vec<String> = b.keys.iter().map(|&k| key_label(k)).collect();
        lines.push(HelpLine::Binding {
            keys: keys.join(" "),
            help: b.help,
        });
    }
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Note(
        "Mouse: the wheel scrolls the pane under the pointer; a click selects (a double click \
         opens); a drag in the reader selects lines; a drag of the list's border resizes it.",
    ));
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Heading(
        "Filter operators (with words, facets and each other; ! negates)",
    ));
    lines.extend(OPERATORS.iter().map(|l| HelpLine::Note(l)));
    lines
}

/// The query language's operators, as the help lists them (laid out as the bindings are).
const OPERATORS: &[&str] = &[
    "  #tag                  carries the tag (its own, its note's, an annotation's)",
    "  is:bookmarked         bookmarked; is:read, is:unread by the read mark",
    "  has:note              has a note; has:annotation, a live annotation",
    "  date:2024-03          published then (2024, 2024-03-05 too); undated never match",
    "  date:2024-01..2024-06 in the range; date:2024-01.. and date:..2023 open-ended",
    "  date:>2024-01-15      after the whole period; < before, >= <= include it",
    "  date:>-7d             within the last week (d w m y, today, yesterday)",
    "  source:reuters        fuzzy on the source or site",
    "  =words #tag           full-text search with operators; notes are searched too (✎)",
];

impl App {
    /// The lines the open overlay has: what it scrolls through.
    fn overlay_lines(&self) -> Vec<String> {
        match self.overlay {
            Some(Overlay::Help) => help_lines(&self.keys).iter().map(HelpLine::text).collect(),
            Some(Overlay::Skipped) => self
                .skipped
                .iter()
                .map(|s| format!("{}  {}", s.path, s.reason))
                .collect(),
            Some(Overlay::Compare) => {
                let width = usize::from(self.overlay_area(0).0.width.saturating_sub(2));
                self.comparison_lines(width).into_iter().map(|(_, l)| l).collect()
            }
            Some(Overlay::Pick) => self
                .picker
                .as_ref()
                .map(|p| p.rows.iter().map(|r| format!("{}  {}", r.label, r.detail)).collect())
                .unwrap_or_default(),
            Some(Overlay::Annotations) | None => Vec::new(),
        }
    }

    /// Where the overlay goes and how many of its lines show (the find line takes one).
    #[must_use]
    pub fn overlay_area(&self, lines: usize) -> (ratatui::layout::Rect, usize) {
        let find = usize::from(self.input == Some(Input::HelpFind) || !self.help.line.text.is_empty());
        let area = layout::overlay(self.area(), lines + find);
        let rows = usize::from(area.height.saturating_sub(2)).saturating_sub(find);
        (area, rows)
    }

    fn overlay_max_scroll(&self) -> usize {
        let lines = self.overlay_lines().len();
        let (_, rows) = self.overlay_area(lines);
        lines.saturating_sub(rows)
    }

    pub(super) fn overlay_scroll_by(&mut self, delta: i64) {
        let max = self.overlay_max_scroll();
        self.overlay_scroll = add(self.overlay_scroll.min(max), delta, max);
    }

    pub(super) fn overlay_page(&mut self, dir: i64) {
        let (_, rows) = self.overlay_area(self.overlay_lines().len());
        // A page keeps one line of context, as less does.
        let page = i64::try_from(rows.saturating_sub(1).max(1)).unwrap_or(1);
        self.overlay_scroll_by(dir * page);
    }

    pub(super) fn start_help_find(&mut self) {
        if self.overlay == Some(Overlay::Help) {
            self.input = Some(Input::HelpFind);
            self.help.line.set(&self.help.line.text.clone());
        }
    }

    pub(super) fn help_find_edit(&mut self, edit: Edit) {
        if self.help.line.apply(edit) {
            // Incremental, from the top line shown: the first line found at or below it.
            self.help.hit = None;
            self.help_find_step(0);
        }
    }

    /// The next line found (`dir` > 0), the previous one, or (0) the first from the top shown.
    pub(super) fn help_find_step(&mut self, dir: i64) {
        let query = self.help.line.text.to_lowercase();
        if query.is_empty() {
            return;
        }
        let lines = self.overlay_lines();
        let found: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].to_lowercase().contains(&query))
            .collect();
        if found.is_empty() {
            self.help.hit = None;
            self.message = Some(super::Message::warning(format!(
                "not in the help: {}",
                self.help.line.text
            )));
            return;
        }
        let from = self.help.hit.unwrap_or(self.overlay_scroll);
        let next = match dir {
            0 => found.iter().copied().find(|&i| i >= from),
            d if d > 0 => found.iter().copied().find(|&i| i > from),
            _ => found.iter().rev().copied().find(|&i| i < from),
        };
        let hit = next.unwrap_or(if dir < 0 { found[found.len() - 1] } else { found[0] });
        self.help.hit = Some(hit);
        // The line found goes near the top, with a line of context above it.
        let max = self.overlay_max_scroll();
        self.overlay_scroll = hit.saturating_sub(1).min(max);
    }
}
