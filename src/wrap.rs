//! Wrapping an article to a width, once per (article, width).
//!
//! textwrap finds the break opportunities (Unicode line-breaking rules) and packs the lines,
//! but widths are measured here, grapheme by grapheme, exactly the way ratatui measures what
//! it draws: textwrap and ratatui disagree on some emoji, and a line must never overflow.
//! Lines are byte ranges into the document, so only the visible ones are ever turned into spans.

use std::ops::Range;

use ratatui::buffer::CellWidth;
use textwrap::{WordSeparator, core::Fragment, wrap_algorithms::wrap_first_fit};
use unicode_segmentation::UnicodeSegmentation;

use crate::store::{Document, ParaKind};

/// One screen line of a wrapped document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    /// Byte range into [`Document::text`]; empty for the blank line between paragraphs.
    pub range: Range<usize>,
    /// Index of the paragraph this line belongs to (for blank lines: the one before).
    pub para: usize,
}

impl WrappedLine {
    pub fn is_blank(&self) -> bool {
        self.range.is_empty()
    }
}

/// The display width of one grapheme, as ratatui will draw it.
pub fn grapheme_width(g: &str) -> usize {
    if g.contains(char::is_control) {
        0
    } else {
        usize::from(g.cell_width())
    }
}

/// The display width of a string, as ratatui will draw it.
pub fn str_width(s: &str) -> usize {
    // Sanitised ASCII has no control characters: one column a byte.
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_control()) {
        return s.len();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// Wrap a whole document: the title and metadata line, a blank line, then each paragraph
/// followed by a blank line, except between the items of a list, which are drawn tight as
/// they were written.
pub fn wrap_document(doc: &Document, width: usize) -> Vec<WrappedLine> {
    let mut lines = Vec::new();
    for (i, para) in doc.paras.iter().enumerate() {
        let in_list = para.list_item && i > 0 && doc.paras[i - 1].list_item;
        if i > 0 && !matches!(para.kind, ParaKind::Meta | ParaKind::Link) && !in_list {
            let at = para.range.start;
            lines.push(WrappedLine {
                range: at..at,
                para: i - 1,
            });
        }
        for range in wrap_text(&doc.text[para.range.clone()], width) {
            lines.push(WrappedLine {
                range: range.start + para.range.start..range.end + para.range.start,
                para: i,
            });
        }
    }
    lines
}

#[derive(Debug)]
struct Piece {
    /// Bytes of the word, without trailing whitespace.
    word: Range<usize>,
    width: usize,
    whitespace: usize,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.whitespace as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Wrap one paragraph into byte ranges of at most `width` columns (a single grapheme wider than
/// the whole line gets a line of its own). Trailing spaces are left out of each range.
pub fn wrap_text(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut pieces = Vec::new();
    if text.is_ascii() {
        // Plain ASCII prose breaks at spaces; splitting by hand is several times faster than
        // Unicode line breaking, which matters for 10 MB articles.
        let mut start = 0;
        for word in text.split(' ') {
            let end = start + word.len();
            if !word.is_empty() {
                push_word(&mut pieces, text, start..end, 1, width);
            } else if let Some(last) = pieces.last_mut() {
                last.whitespace += 1;
            }
            start = end + 1;
        }
    } else {
        for word in WordSeparator::UnicodeBreakProperties.find_words(text) {
            let start = word.word.as_ptr() as usize - text.as_ptr() as usize;
            push_word(
                &mut pieces,
                text,
                start..start + word.word.len(),
                str_width(word.whitespace),
                width,
            );
        }
    }
    if pieces.is_empty() {
        return std::iter::once(0..0).collect();
    }
    wrap_first_fit(&pieces, &[width as f64])
        .into_iter()
        .map(|line| line[0].word.start..line[line.len() - 1].word.end)
        .collect()
}

/// Add a word (and the whitespace after it), broken between graphemes when it is wider than a line.
fn push_word(pieces: &mut Vec<Piece>, text: &str, word: Range<usize>, whitespace: usize, width: usize) {
    let word_width = str_width(&text[word.clone()]);
    if word_width <= width {
        pieces.push(Piece {
            word,
            width: word_width,
            whitespace,
        });
        return;
    }
    let start = word.start;
    let mut chunk = start..start;
    let mut chunk_width = 0;
    for (offset, g) in text[word].grapheme_indices(true) {
        let w = grapheme_width(g);
        if chunk_width + w > width && chunk_width > 0 {
            pieces.push(Piece {
                word: chunk.clone(),
                width: chunk_width,
                whitespace: 0,
            });
            chunk = start + offset..start + offset;
            chunk_width = 0;
        }
        chunk.end = start + offset + g.len();
        chunk_width += w;
    }
    pieces.push(Piece {
        word: chunk,
        width: chunk_width,
        whitespace,
    });
}

/// The line showing byte `offset`: the last line that starts at or before it.
pub fn line_at(lines: &[WrappedLine], offset: usize) -> usize {
    lines.partition_point(|l| l.range.start <= offset).saturating_sub(1)
}

/// Of sorted byte offsets `starts`, the first past line `top` (`dir` > 0) or the last before it,
/// wrapping around: where `]`, `[` and mention jumps go from a pane whose top line is `top`.
pub fn next_after_top(lines: &[WrappedLine], top: usize, starts: &[usize], dir: i64) -> Option<usize> {
    let line = lines.get(top)?;
    let (top, top_end) = (line.range.start, line.range.end.max(line.range.start + 1));
    if dir > 0 {
        starts
            .iter()
            .copied()
            .find(|&s| s >= top_end)
            .or(starts.first().copied())
    } else {
        starts
            .iter()
            .rev()
            .copied()
            .find(|&s| s < top)
            .or(starts.last().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::text::{Block, Parsed, build_document};
    use proptest::prelude::*;

    #[test]
    fn wraps_at_word_boundaries() {
        let text = "the quick brown fox jumps over the lazy dog";
        let lines: Vec<&str> = wrap_text(text, 10).into_iter().map(|r| &text[r]).collect();
        assert_eq!(lines, ["the quick", "brown fox", "jumps over", "the lazy", "dog"]);
    }

    #[test]
    fn wide_characters_never_overflow() {
        let text = "日本語のテキストは空白なしで続きます👨‍👩‍👧❤️";
        for r in wrap_text(text, 7) {
            assert!(str_width(&text[r.clone()]) <= 7, "{:?}", &text[r]);
        }
    }

    #[test]
    fn long_word_is_broken() {
        let text = "aaaaaaaaaaaaaaaaaaaaaaaaa b";
        let lines: Vec<&str> = wrap_text(text, 10).into_iter().map(|r| &text[r]).collect();
        assert_eq!(lines, ["aaaaaaaaaa", "aaaaaaaaaa", "aaaaa b"]);
    }

    #[test]
    fn line_at_finds_anchor() {
        let lines = vec![
            WrappedLine { range: 0..5, para: 0 },
            WrappedLine { range: 6..10, para: 0 },
            WrappedLine { range: 11..11, para: 0 },
        ];
        assert_eq!(line_at(&lines, 0), 0);
        assert_eq!(line_at(&lines, 7), 1);
        assert_eq!(line_at(&lines, 99), 2);
    }

    #[test]
    fn a_no_break_space_is_never_a_break() {
        // textwrap's Unicode line breaking treats U+00A0 as glue (UAX #14 class GL): the
        // metadata line relies on it to keep "3 min" together.
        let text = "brussels.txt · 2024-03-19\u{a0}06:30 · 537\u{a0}words · 3\u{a0}min";
        // From 16 columns (the date and time, the widest part) nothing needs breaking inside a part.
        for width in 16..=text.chars().count() {
            for r in wrap_text(text, width) {
                assert!(
                    !text[r.end..].starts_with('\u{a0}'),
                    "{:?} at {width}",
                    &text[r.clone()]
                );
                assert!(!text[..r.start].ends_with('\u{a0}'), "{:?} at {width}", &text[r]);
            }
        }
        let lines: Vec<&str> = wrap_text(text, 30).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            lines,
            [
                "brussels.txt ·",
                "2024-03-19\u{a0}06:30 · 537\u{a0}words ·",
                "3\u{a0}min"
            ]
        );
    }

    #[test]
    fn list_items_are_drawn_tight() {
        let doc = build_document(
            &Parsed {
                title: "Title".into(),
                paras: vec![
                    Block::new(ParaKind::Text, "Intro."),
                    Block::item("- one"),
                    Block::item("- two"),
                    Block::item("1. three"),
                    Block::new(ParaKind::Text, "After."),
                ],
                ..Parsed::default()
            },
            "meta",
            None,
        );
        let shown: Vec<&str> = wrap_document(&doc, 40)
            .iter()
            .map(|l| &doc.text[l.range.clone()])
            .collect();
        assert_eq!(
            shown,
            [
                "Title", "meta", "", "Intro.", "", "- one", "- two", "1. three", "", "After."
            ]
        );
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just(" ".to_string()),
                "[a-z]{1,12}",
                Just("漢字".to_string()),
                Just("e\u{301}".to_string()),
                Just("👨‍👩‍👧".to_string()),
                Just("❤️".to_string()),
                Just("—".to_string()),
                Just("well-known".to_string()),
            ],
            0..60,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn lines_fit_and_cover_the_text(text in text_strategy(), width in 1usize..40) {
            let lines = wrap_text(&text, width);
            let widest = text.graphemes(true).map(grapheme_width).max().unwrap_or(0);
            let mut previous_end = 0;
            for r in &lines {
                let line = &text[r.clone()];
                prop_assert!(str_width(line) <= width.max(widest), "{line:?} at {width}");
                // Only whitespace is dropped between lines: nothing is lost or reordered.
                prop_assert!(text[previous_end..r.start].trim().is_empty());
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                previous_end = r.end;
            }
            prop_assert!(text[previous_end..].trim().is_empty());
        }

        #[test]
        fn documents_with_lists_keep_valid_ranges(
            paras in proptest::collection::vec((any::<bool>(), text_strategy()), 0..12),
            width in 1usize..40,
        ) {
            let blocks = paras
                .iter()
                .map(|(item, text)| if *item { Block::item(format!("- {text}")) } else { Block::new(ParaKind::Text, text.clone()) })
                .collect();
            let doc = build_document(&Parsed { title: "T".into(), paras: blocks, ..Parsed::default() }, "m", None);
            let lines = wrap_document(&doc, width);
            let mut previous: Option<&WrappedLine> = None;
            for line in &lines {
                let para = &doc.paras[line.para];
                prop_assert!(doc.text.is_char_boundary(line.range.start) && doc.text.is_char_boundary(line.range.end));
                if let Some(prev) = previous.filter(|p| !p.is_blank() && p.para + 1 == line.para && !line.is_blank()) {
                    // A paragraph follows the one before with no blank line only in a list (and
                    // the metadata line under the title).
                    let tight = matches!(para.kind, ParaKind::Meta | ParaKind::Link)
                        || (para.list_item && doc.paras[prev.para].list_item);
                    prop_assert!(tight, "{:?}", doc.text);
                }
                if !line.is_blank() {
                    prop_assert!(para.range.start <= line.range.start && line.range.end <= para.range.end);
                }
                previous = Some(line);
            }
            // Every paragraph with text has a line of its own, in order.
            for (i, para) in doc.paras.iter().enumerate() {
                if !doc.text[para.range.clone()].trim().is_empty() {
                    prop_assert!(lines.iter().any(|l| l.para == i && !l.is_blank()));
                }
            }
        }

        #[test]
        fn lines_never_split_a_grapheme(text in text_strategy(), width in 1usize..20) {
            let boundaries: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).chain([text.len()]).collect();
            for r in wrap_text(&text, width) {
                prop_assert!(boundaries.contains(&r.start) && boundaries.contains(&r.end));
            }
        }
    }
}
