//! The reader's caret: a position in the text (a byte offset) that j/k move by line and a click
//! puts where it lands. A passage to annotate starts there. The pane
//! scrolls to keep the caret in view, and scrolling moves the caret along when it would leave.

use super::App;
use crate::wrap::{self, WrappedLine, grapheme_width};

/// The first non-blank line at or after `from` (`dir` > 0), or at or before it.
fn text_line(lines: &[WrappedLine], from: usize, dir: i64) -> Option<usize> {
    if dir > 0 {
        (from..lines.len()).find(|&i| !lines[i].is_blank())
    } else {
        (0..=from.min(lines.len().saturating_sub(1)))
            .rev()
            .find(|&i| !lines[i].is_blank())
    }
}

/// The byte offset `col` display columns into `line` (its last character when shorter).
fn offset_at_column(text: &str, line: &WrappedLine, col: usize) -> usize {
    let slice = &text[line.range.clone()];
    let mut used = 0;
    let mut last = line.range.start;
    for (i, g) in unicode_segmentation::UnicodeSegmentation::grapheme_indices(slice, true) {
        if used >= col {
            return line.range.start + i;
        }
        used += grapheme_width(g);
        last = line.range.start + i;
    }
    last
}

/// How many display columns into its line `offset` is.
fn column_of(text: &str, line: &WrappedLine, offset: usize) -> usize {
    let end = offset.clamp(line.range.start, line.range.end);
    wrap::str_width(&text[line.range.start..end])
}

impl App {
    /// Put the caret on the first text line in view: where a newly opened article starts.
    pub(super) fn caret_to_top(&mut self) {
        let Some(reader) = &mut self.reader else { return };
        let line = text_line(&reader.lines, reader.top, 1).unwrap_or(reader.top);
        reader.caret = reader.lines.get(line).map_or(0, |l| l.range.start);
    }

    /// j/k in the reader: the caret `delta` text lines down or up, keeping its column.
    pub(super) fn caret_lines(&mut self, delta: i64) {
        let Some(reader) = &mut self.reader else { return };
        if reader.lines.is_empty() {
            return;
        }
        let text = &reader.doc.text;
        let mut line = wrap::line_at(&reader.lines, reader.caret);
        let col = column_of(text, &reader.lines[line], reader.caret);
        for _ in 0..delta.unsigned_abs().min(reader.lines.len() as u64) {
            let next = if delta > 0 {
                text_line(&reader.lines, line + 1, 1)
            } else {
                line.checked_sub(1).and_then(|l| text_line(&reader.lines, l, -1))
            };
            match next {
                Some(n) => line = n,
                None => break,
            }
        }
        reader.caret = offset_at_column(text, &reader.lines[line], col);
        self.keep_caret_visible();
    }

    /// Scroll just enough for the caret's line to be on screen.
    pub(super) fn keep_caret_visible(&mut self) {
        let height = self.reader_height().max(1);
        let Some(reader) = &mut self.reader else { return };
        let line = wrap::line_at(&reader.lines, reader.caret);
        let max_top = reader.lines.len().saturating_sub(height);
        let top = if line < reader.top {
            line
        } else if line >= reader.top + height {
            (line + 1 - height).min(max_top)
        } else {
            // In view: the top (and the anchor a re-wrap keeps) stays as it is.
            return;
        };
        reader.top = top;
        reader.anchor = reader.lines.get(top).map_or(0, |l| l.range.start);
    }

    /// After the pane scrolled: a caret that left it moves to its nearest edge, same column.
    pub(super) fn keep_caret_in_view(&mut self) {
        let height = self.reader_height().max(1);
        let Some(reader) = &mut self.reader else { return };
        if reader.lines.is_empty() {
            return;
        }
        let text = &reader.doc.text;
        let line = wrap::line_at(&reader.lines, reader.caret);
        let last = (reader.top + height - 1).min(reader.lines.len() - 1);
        let target = if line < reader.top {
            text_line(&reader.lines, reader.top, 1).filter(|&l| l <= last)
        } else if line > last {
            text_line(&reader.lines, last, -1).filter(|&l| l >= reader.top)
        } else {
            return;
        };
        if let Some(target) = target {
            let col = column_of(text, &reader.lines[line], reader.caret);
            reader.caret = offset_at_column(text, &reader.lines[target], col);
        }
    }

    /// A click in the reader's text puts the caret on the word clicked.
    pub(super) fn caret_at_cell(&mut self, col: u16, row: u16) {
        let Some(area) = self.reader_text_area() else { return };
        let Some(reader) = &mut self.reader else { return };
        let line = reader.top + usize::from(row.saturating_sub(area.y));
        let Some(line) = text_line(&reader.lines, line, -1) else {
            return;
        };
        let col = usize::from(col.saturating_sub(area.x));
        reader.caret = offset_at_column(&reader.doc.text, &reader.lines[line], col);
    }
}
