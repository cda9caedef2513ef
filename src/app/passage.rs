//! Choosing a passage in the reader to annotate. It starts at the reader's caret, by sentence
//! (the default: a quote that does not depend on the window's width) or by wrapped line, and is
//! extended unit by unit with j/k, word by word with w/b, or with a mouse drag. A quote always
//! starts and ends at word boundaries.

use std::ops::Range;

use super::App;
use crate::{store::Document, wrap::WrappedLine};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Line,
    Sentence,
}

/// A passage being chosen: the unit it started on, and the moving end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub unit: Unit,
    /// The unit the passage started on (document bytes).
    pub anchor: Range<usize>,
    /// The moving end: past the anchor the passage runs from the anchor's start to here,
    /// before it from here to the anchor's end.
    pub head: usize,
}

impl Passage {
    fn new(unit: Unit, anchor: Range<usize>) -> Self {
        let head = anchor.end;
        Self { unit, anchor, head }
    }

    /// The passage's bytes of the document: widened to whole words, trimmed of spaces.
    pub fn range(&self, text: &str) -> Range<usize> {
        let (start, end) = if self.head >= self.anchor.end {
            (self.anchor.start, self.head)
        } else if self.head <= self.anchor.start {
            (self.head, self.anchor.end)
        } else {
            (self.anchor.start, self.anchor.end)
        };
        let (start, end) = (word_start(text, start), word_end(text, end));
        let slice = &text[start..end];
        let lead = slice.len() - slice.trim_start().len();
        let trail = slice.len() - slice.trim_end().len();
        start + lead..(end - trail).max(start + lead)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// Back from `at` to the start of the word it is inside (or `at` itself between words).
fn word_start(text: &str, at: usize) -> usize {
    let at = floor_boundary(text, at);
    text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(at, |(i, _)| if text[at..].starts_with(is_word_char) { i } else { at })
}

/// On from `at` to the end of the word it is inside (or `at` itself between words).
fn word_end(text: &str, at: usize) -> usize {
    let at = floor_boundary(text, at.min(text.len()));
    if !text[..at].ends_with(is_word_char) {
        return at;
    }
    text[at..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| at + i)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where the next word starts after `at` (`dir` > 0), or where the word before `at` starts.
pub fn next_word(text: &str, at: usize, dir: i64) -> usize {
    let at = floor_boundary(text, at);
    if dir > 0 {
        let mut in_word = text[at..].starts_with(is_word_char);
        for (i, c) in text[at..].char_indices() {
            let word = is_word_char(c);
            if word && !in_word {
                return at + i;
            }
            in_word = word;
        }
        at
    } else {
        let before = text[..at].trim_end_matches(|c: char| !is_word_char(c));
        word_start(text, before.len().saturating_sub(1)).min(at)
    }
}

/// Where the word at or after `at` ends (for extending a passage by words).
fn next_word_end(text: &str, at: usize) -> usize {
    let start = next_word(text, at, 1);
    let start = if text[floor_boundary(text, at)..].starts_with(is_word_char) {
        at
    } else {
        start
    };
    text[start..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| start + i)
        .max(at)
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

/// The passage's moving end one unit on (`dir` > 0) or back, growing or shrinking it.
fn step_head(p: &Passage, all: &[Range<usize>], dir: i64) -> usize {
    let (head, anchor) = (p.head, &p.anchor);
    if dir > 0 {
        if head < anchor.start {
            // Reaching forward from before the anchor shrinks the passage.
            let next = all.iter().map(|u| u.start).find(|&s| s > head).unwrap_or(anchor.start);
            if next >= anchor.start { anchor.end } else { next }
        } else {
            all.iter().map(|u| u.end).find(|&e| e > head).unwrap_or(head)
        }
    } else if head > anchor.end {
        let prev = all
            .iter()
            .rev()
            .map(|u| u.end)
            .find(|&e| e < head)
            .unwrap_or(anchor.end);
        prev.max(anchor.end)
    } else {
        let from = head.min(anchor.start);
        all.iter().rev().map(|u| u.start).find(|&s| s < from).unwrap_or(from)
    }
}

impl App {
    /// Start choosing a passage at the reader's caret: the sentence or line it is on.
    pub(super) fn start_passage(&mut self, unit: Unit) {
        self.focus = super::Focus::Reader;
        let Some(reader) = &mut self.reader else { return };
        let all = units(unit, &reader.doc, &reader.lines);
        let at = reader.caret;
        let Some(first) = all.iter().find(|u| u.end > at).or(all.last()).cloned() else {
            return;
        };
        reader.passage = Some(Passage::new(unit, first));
    }

    /// j/k while choosing: move the passage's end a unit and keep it in view.
    pub(super) fn extend_passage(&mut self, delta: i64) {
        let Some(reader) = &mut self.reader else { return };
        let Some(p) = &reader.passage else { return };
        let all = units(p.unit, &reader.doc, &reader.lines);
        let head = step_head(p, &all, delta);
        self.set_passage_head(head);
    }

    /// w/b while choosing: move the passage's end a word.
    pub(super) fn extend_passage_by_word(&mut self, dir: i64) {
        let Some(reader) = &self.reader else { return };
        let Some(p) = &reader.passage else { return };
        let text = &reader.doc.text;
        let head = if dir > 0 {
            next_word_end(text, p.head)
        } else {
            next_word(text, p.head, -1)
        };
        // Never into the title and metadata: only the body is annotated.
        let head = head.clamp(reader.doc.body_start, text.len());
        self.set_passage_head(head);
    }

    fn set_passage_head(&mut self, head: usize) {
        if let Some(p) = self.reader.as_mut().and_then(|r| r.passage.as_mut()) {
            p.head = head;
        }
        self.reveal(head.saturating_sub(1));
    }

    /// J/K while choosing: start the passage over, one unit further down or up.
    pub(super) fn shift_passage(&mut self, delta: i64) {
        let Some(reader) = &mut self.reader else { return };
        let Some(p) = &reader.passage else { return };
        let all = units(p.unit, &reader.doc, &reader.lines);
        let Some(at) = all.iter().position(|u| *u == p.anchor) else {
            return;
        };
        let next = super::add(at, delta, all.len().saturating_sub(1));
        let anchor = all[next].clone();
        let start = anchor.start;
        reader.passage = Some(Passage::new(p.unit, anchor));
        reader.caret = start;
        self.reveal(start);
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
        if let (Some(anchor), Some(to)) = (line_at_row(from_row), line_at_row(to_row)) {
            let head = if to.start >= anchor.start { to.end } else { to.start };
            reader.passage = Some(Passage {
                unit: Unit::Line,
                anchor,
                head,
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
        let doc = build_document(
            &parse_text("Head\nOne here. Two! \"Three?\" Four\nNext para.\n"),
            "m",
            None,
        );
        let s: Vec<&str> = sentences(&doc).into_iter().map(|r| &doc.text[r]).collect();
        assert_eq!(s, ["One here.", "Two!", "\"Three?\"", "Four", "Next para."]);
    }

    #[test]
    fn abbreviations_do_not_end_a_sentence() {
        let doc = build_document(&parse_text("Head\nMr. Smith said so. Then he left.\n"), "m", None);
        let s: Vec<&str> = sentences(&doc).into_iter().map(|r| &doc.text[r]).collect();
        assert_eq!(s, ["Mr. Smith said so.", "Then he left."]);
    }

    #[test]
    fn a_passage_spans_both_ends_trimmed() {
        let text = "aaa bbb ccc";
        let forward = Passage {
            unit: Unit::Line,
            anchor: 3..8,
            head: 11,
        };
        assert_eq!(&text[forward.range(text)], "bbb ccc");
        let backward = Passage {
            unit: Unit::Line,
            anchor: 8..11,
            head: 3,
        };
        assert_eq!(&text[backward.range(text)], "bbb ccc");
    }

    #[test]
    fn a_quote_never_stops_inside_a_word() {
        let text = "the quick brown fox";
        // A line wrapped inside "brown" (a narrow window) still quotes the whole word.
        let p = Passage {
            unit: Unit::Line,
            anchor: 4..12,
            head: 12,
        };
        assert_eq!(&text[p.range(text)], "quick brown");
        let p = Passage {
            unit: Unit::Line,
            anchor: 6..9,
            head: 9,
        };
        assert_eq!(&text[p.range(text)], "quick");
    }

    #[test]
    fn words_are_found_both_ways() {
        let text = "one, two three";
        assert_eq!(next_word(text, 0, 1), 5);
        assert_eq!(next_word(text, 5, 1), 9);
        assert_eq!(next_word(text, 9, -1), 5);
        assert_eq!(next_word(text, 6, -1), 5);
        assert_eq!(next_word(text, 5, -1), 0);
        assert_eq!(next_word_end(text, 4), 8);
    }
}
