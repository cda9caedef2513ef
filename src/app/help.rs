//! The help overlay (and the skipped-files notice), paged like `less`: j/k, PgDn/PgUp,
//! g/G, and `/` to find a line, n/N to the next or previous one found.

use super::{App, Edit, Input, LineEdit, Overlay, add, bindings};
use crate::layout;

/// The help's find line and the line it found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpFind {
    pub line: LineEdit,
    /// The line found, when the text was found.
    pub hit: Option<usize>,
}

impl App {
    /// The lines the open overlay has: what it scrolls through.
    fn overlay_lines(&self) -> Vec<String> {
        match self.overlay {
            Some(Overlay::Help) => bindings::help_lines(&self.keys)
                .iter()
                .map(bindings::HelpLine::text)
                .collect(),
            Some(Overlay::Skipped) => self
                .skipped
                .iter()
                .map(|s| format!("{}  {}", s.path, s.reason))
                .collect(),
            Some(Overlay::Compare) => {
                let width = usize::from(self.overlay_area(0).0.width.saturating_sub(2));
                self.comparison_lines(width).into_iter().map(|(_, l)| l).collect()
            }
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
