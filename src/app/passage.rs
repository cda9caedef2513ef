//! Choosing a passage in the reader to annotate: by wrapped line or by sentence, extended with
//! the movement keys or a mouse drag.

use std::ops::Range;

use super::App;
use crate::{store::Document, wrap::WrappedLine};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Line,
    Sentence,
}

/// A passage being chosen: from the unit it started on to the unit the keys moved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub unit: Unit,
    /// Where the passage started (one unit).
    pub anchor: Range<usize>,
    /// The unit the keys moved to; the passage spans anchor to cursor.
    pub cursor: Range<usize>,
}

impl Passage {
    /// The passage's bytes of the document, trimmed of surrounding spaces.
    pub fn range(&self, text: &str) -> Range<usize> {
        let start = self.anchor.start.min(self.cursor.start);
        let end = self.anchor.end.max(self.cursor.end);
        let slice = &text[start..end];
        let lead = slice.len() - slice.trim_start().len();
        let trail = slice.len() - slice.trim_end().len();
        start + lead..(end - trail).max(start + lead)
    }
}

/// Sentences of the body, as byte ranges of the document: the shared splitter's, paragraph
/// by paragraph (it knows "Mr. Smith" is not two sentences).
pub fn sentences(doc: &Document) -> Vec<Range<usize>> {
    doc.paras
        .iter()
        .filter(|p| p.range.start >= doc.body_start)
        .flat_map(|p| {
            crate::sentence::sentences(&doc.text[p.range.clone()])
                .into_iter()
                .map(move |s| p.range.start + s.start..p.range.start + s.end)
        })
        .collect()
}

/// Units to move through: body lines (blank ones skipped) or sentences.
fn units(unit: Unit, doc: &Document, lines: &[WrappedLine]) -> Vec<Range<usize>> {
    match unit {
        Unit::Line => lines
            .iter()
            .filter(|l| !l.is_blank() && l.range.start >= doc.body_start)
            .map(|l| l.range.clone())
            .collect(),
        Unit::Sentence => sentences(doc),
    }
}

impl App {
    /// Start choosing a passage at the first unit shown at the top of the reader.
    pub(super) fn start_passage(&mut self, unit: Unit) {
        self.focus = super::Focus::Reader;
        let Some(reader) = &mut self.reader else { return };
        let all = units(unit, &reader.doc, &reader.lines);
        let top = reader.lines.get(reader.top).map_or(0, |l| l.range.start);
        let Some(first) = all.iter().find(|u| u.end > top).or(all.last()).cloned() else {
            return;
        };
        reader.passage = Some(Passage {
            unit,
            anchor: first.clone(),
            cursor: first,
        });
    }

    /// j/k while choosing: move the passage's end a unit and keep it in view.
    pub(super) fn extend_passage(&mut self, delta: i64) {
        let Some(reader) = &mut self.reader else { return };
        let Some(sel) = &mut reader.passage else { return };
        let all = units(sel.unit, &reader.doc, &reader.lines);
        let Some(at) = all
            .iter()
            .position(|u| *u == sel.cursor)
            .or_else(|| all.iter().position(|u| u.start >= sel.cursor.start))
        else {
            return;
        };
        let next = super::add(at, delta, all.len().saturating_sub(1));
        sel.cursor = all[next].clone();
        let offset = sel.cursor.start;
        self.reveal(offset);
    }

    /// J/K while choosing: start the passage over, one unit further down or up.
    pub(super) fn shift_passage(&mut self, delta: i64) {
        self.extend_passage(delta);
        if let Some(sel) = self.reader.as_mut().and_then(|r| r.passage.as_mut()) {
            sel.anchor = sel.cursor.clone();
        }
    }

    pub(super) fn cancel_passage(&mut self) {
        if let Some(r) = &mut self.reader {
            r.passage = None;
        }
    }

    /// A mouse drag in the reader: choose lines from where the button went down to here.
    pub(super) fn drag_passage(&mut self, from_row: u16, to_row: u16) {
        let Some(area) = self.reader_text_area() else { return };
        let Some(reader) = &mut self.reader else { return };
        let body_start = reader.doc.body_start;
        // Only the body can be annotated: the title and metadata lines are not part of it.
        let line_at_row = |row: u16| {
            let i = reader.top + usize::from(row.saturating_sub(area.y));
            reader
                .lines
                .get(i.min(reader.lines.len().saturating_sub(1)))
                .filter(|l| !l.is_blank() && l.range.start >= body_start)
                .map(|l| l.range.clone())
        };
        if let (Some(anchor), Some(cursor)) = (line_at_row(from_row), line_at_row(to_row)) {
            reader.passage = Some(Passage {
                unit: Unit::Line,
                anchor,
                cursor,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::text::{build_document, parse_text};

    #[test]
    fn sentences_split_at_stops() {
        let doc = build_document(&parse_text("Head\nOne here. Two! \"Three?\" Four\nNext para.\n"), "m");
        let s: Vec<&str> = sentences(&doc).into_iter().map(|r| &doc.text[r]).collect();
        assert_eq!(s, ["One here.", "Two!", "\"Three?\"", "Four", "Next para."]);
    }

    #[test]
    fn abbreviations_do_not_end_a_sentence() {
        let doc = build_document(&parse_text("Head\nMr. Smith said so. Then he left.\n"), "m");
        let s: Vec<&str> = sentences(&doc).into_iter().map(|r| &doc.text[r]).collect();
        assert_eq!(s, ["Mr. Smith said so.", "Then he left."]);
    }

    #[test]
    fn a_passage_spans_both_ends_trimmed() {
        let text = "aaa bbb ccc";
        let sel = Passage {
            unit: Unit::Line,
            anchor: 8..11,
            cursor: 3..8,
        };
        assert_eq!(&text[sel.range(text)], "bbb ccc");
    }
}
