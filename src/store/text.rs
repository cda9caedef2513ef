//! From sanitised text to an article: title, paragraphs, metadata.
//!
//! Two shapes of plain text are common in news archives: one paragraph a line (web exports,
//! like the seeds) and hard-wrapped copy (wire services break lines near 70 columns and mark
//! paragraphs by blank lines or indentation). The second is reflowed so it re-wraps to the pane.

use std::ops::Range;

use crate::sentence::first_sentence;

/// Longest first line still taken as a headline.
const HEADLINE_MAX_CHARS: usize = 120;
/// Longest title made from a first sentence before it is cut with an ellipsis.
const SENTENCE_TITLE_MAX_CHARS: usize = 80;
/// Words per minute for the reading-time estimate.
const WORDS_PER_MINUTE: usize = 230;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParaKind {
    Title,
    Meta,
    Heading,
    Text,
    /// The article's web address, under the metadata line.
    Link,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub kind: ParaKind,
    /// Byte range into [`Document::text`].
    pub range: Range<usize>,
    /// A list item (a [`ParaKind::Text`] paragraph that keeps its `- ` or `1. ` marker):
    /// consecutive items are drawn without a blank line between them.
    // A flag rather than a kind of its own, so that every `match` on `ParaKind` (the reader's
    // styles) stays as it is: an item is styled as text.
    pub list_item: bool,
}

/// An article's full text, laid out for the reader: paragraphs joined by `\n` in one string
/// so that a position in the article is a single byte offset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub text: String,
    pub paras: Vec<Para>,
    /// Where the body starts (after the title and metadata paragraphs).
    pub body_start: usize,
}

impl Document {
    pub fn para_text(&self, i: usize) -> &str {
        &self.text[self.paras[i].range.clone()]
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }
}

/// A paragraph as parsed, before it is laid out in a [`Document`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Block {
    pub kind: ParaKind,
    pub text: String,
    /// See [`Para::list_item`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub list_item: bool,
}

impl Block {
    pub fn new(kind: ParaKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
            list_item: false,
        }
    }

    pub fn item(text: impl Into<String>) -> Self {
        Self {
            list_item: true,
            ..Self::new(ParaKind::Text, text)
        }
    }
}

/// What parsing an article's text yields, before it gets an id.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Parsed {
    pub title: String,
    pub paras: Vec<Block>,
    pub date: Option<String>,
    pub author: Option<String>,
    /// Who published it: a site, a feed, an agency.
    pub source: Option<String>,
    /// Where it lives on the web (canonical URL, feed link, crawl target).
    pub url: Option<String>,
}

impl Parsed {
    /// The body as the reader shows it: paragraphs joined by `\n`.
    pub fn body(&self) -> String {
        let mut body = String::new();
        for (i, p) in self.paras.iter().enumerate() {
            if i > 0 {
                body.push('\n');
            }
            body.push_str(&p.text);
        }
        body
    }

    /// A hash of the title and the body (CRC-32, the body's length above it): equal for the
    /// same text, different for nearly every edit, fast enough to take of every article read.
    pub fn content_hash(&self) -> u64 {
        let mut crc = crc32fast::Hasher::new();
        crc.update(self.title.as_bytes());
        let mut len = 0u64;
        for p in &self.paras {
            crc.update(b"\n");
            crc.update(p.text.as_bytes());
            len += p.text.len() as u64 + 1;
        }
        (len << 32) | u64::from(crc.finalize())
    }

    pub fn word_count(&self) -> usize {
        self.paras.iter().map(|p| p.text.split_whitespace().count()).sum()
    }
}

pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

/// Parse sanitised plain text.
pub fn parse_text(text: &str) -> Parsed {
    let mut paras = paragraphs(text);
    let title = take_title(&mut paras);
    Parsed {
        title,
        paras,
        ..Parsed::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlockStart {
    ListItem,
    Quote,
}

/// List items (`- `, `* `, `+ `, `1. `) and quotes (`> `) start a paragraph of their own.
pub(super) fn starts_block(line: &str) -> Option<BlockStart> {
    let ordered = line
        .split_once(". ")
        .is_some_and(|(n, _)| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()));
    if ordered || ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) {
        Some(BlockStart::ListItem)
    } else if line.starts_with("> ") {
        Some(BlockStart::Quote)
    } else {
        None
    }
}

/// Split plain text into paragraphs, reflowing hard-wrapped copy.
pub fn paragraphs(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    if is_hard_wrapped(&lines) {
        reflow(&lines)
    } else {
        let mut out: Vec<Block> = Vec::new();
        for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
            out.push(Block::new(ParaKind::Text, line));
        }
        mark_headings(&mut out);
        out
    }
}

/// Hard-wrapped copy: several lines, none long, most of a similar length, and many ending
/// mid-sentence. Short texts are never taken for it: a few short lines are just short lines.
fn is_hard_wrapped(lines: &[&str]) -> bool {
    let nonblank: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_end())
        .filter(|l| !l.trim().is_empty())
        .collect();
    if nonblank.len() < 5 {
        return false;
    }
    let mut lengths: Vec<usize> = nonblank.iter().map(|l| l.chars().count()).collect();
    lengths.sort_unstable();
    let (median, longest) = (lengths[lengths.len() / 2], lengths[lengths.len() - 1]);
    let mid_sentence = nonblank
        .iter()
        .filter(|l| !l.ends_with(['.', '!', '?', '"', '\'', ':', '”', '’']))
        .count();
    longest <= 100 && median >= 40 && mid_sentence * 3 > nonblank.len()
}

fn reflow(lines: &[&str]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<Block>| {
        if !current.is_empty() {
            out.push(Block::new(ParaKind::Text, std::mem::take(current)));
        }
    };
    for line in lines {
        let indented = line.starts_with([' ', '\u{a0}']);
        let trimmed = line.trim();
        if trimmed.is_empty() || indented || starts_block(trimmed).is_some() {
            flush(&mut current, &mut out);
        }
        if trimmed.is_empty() {
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(trimmed);
    }
    flush(&mut current, &mut out);
    mark_headings(&mut out);
    out
}

/// A short line without closing punctuation, followed by a longer paragraph, is a sub-heading.
fn mark_headings(paras: &mut [Block]) {
    for i in 0..paras.len().saturating_sub(1) {
        let next_len = paras[i + 1].text.chars().count();
        let para = &mut paras[i];
        let text = &para.text;
        if looks_like_headline(text, 80) && text.split_whitespace().count() <= 12 && next_len > text.chars().count() * 2
        {
            para.kind = ParaKind::Heading;
        }
    }
}

fn looks_like_headline(line: &str, max_chars: usize) -> bool {
    let n = line.chars().count();
    n > 0 && n <= max_chars && !line.ends_with(['.', ',', ';', ':', '…']) && line.chars().any(char::is_alphabetic)
}

/// Choose a title: the first paragraph when it reads as a headline (then it leaves the body),
/// else the first sentence, cut at a word boundary.
pub(super) fn take_title(paras: &mut Vec<Block>) -> String {
    let Some(first) = paras.first() else {
        return String::new();
    };
    if looks_like_headline(&first.text, HEADLINE_MAX_CHARS) {
        return paras.remove(0).text;
    }
    first_sentence_title(&first.text)
}

pub fn first_sentence_title(text: &str) -> String {
    let sentence = first_sentence(text);
    if sentence.chars().count() <= SENTENCE_TITLE_MAX_CHARS {
        return sentence.trim_end_matches('.').to_string();
    }
    let mut cut = String::new();
    for word in sentence.split_whitespace() {
        if cut.chars().count() + word.chars().count() + 1 > SENTENCE_TITLE_MAX_CHARS - 1 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        cut = sentence.chars().take(SENTENCE_TITLE_MAX_CHARS - 1).collect();
    }
    let cut = cut.trim_end_matches([',', ';', ':', '-', '—']);
    format!("{cut}…")
}

/// Lay a parsed article out as a [`Document`]: title, metadata line, then the body.
pub fn build_document(parsed: &Parsed, meta_line: &str, url: Option<&str>) -> Document {
    let mut doc = Document::default();
    let push = |doc: &mut Document, kind: ParaKind, text: &str, list_item: bool| {
        if !doc.text.is_empty() {
            doc.text.push('\n');
        }
        let start = doc.text.len();
        doc.text.push_str(text);
        doc.paras.push(Para {
            kind,
            range: start..doc.text.len(),
            list_item,
        });
    };
    push(&mut doc, ParaKind::Title, &parsed.title, false);
    push(&mut doc, ParaKind::Meta, meta_line, false);
    if let Some(url) = url.filter(|u| !u.is_empty()) {
        push(&mut doc, ParaKind::Link, url, false);
    }
    doc.body_start = doc.text.len() + 1;
    for block in &parsed.paras {
        push(&mut doc, block.kind, &block.text, block.list_item);
    }
    doc.body_start = doc.body_start.min(doc.text.len());
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_paragraph_a_line_is_kept() {
        let p = paragraphs("First paragraph here, long enough to be a paragraph.\nSecond one.\n");
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].text, "Second one.");
    }

    #[test]
    fn hard_wrapped_copy_is_reflowed() {
        let text = "BAHRAIN, March 1 - Officials said on Tuesday that the talks would\n\
                    resume next week after a pause of several days, according\n\
                    to people familiar with the matter.\n\
                    \n\
                    \x20   A second paragraph starts with an indent and goes on for\n\
                    a while before it ends.\n\
                    \x20   A third, also indented, ends here.\n";
        let p = paragraphs(text);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].text.contains("would resume next week"));
        assert!(p[0].text.ends_with("matter."));
        assert!(p[1].text.starts_with("A second paragraph"));
        assert_eq!(p[2].text, "A third, also indented, ends here.");
    }

    #[test]
    fn headline_first_line_becomes_title() {
        let parsed = parse_text("Storm hits coast\nA storm hit the coast on Monday, officials said.\n");
        assert_eq!(parsed.title, "Storm hits coast");
        assert_eq!(parsed.paras.len(), 1);
    }

    #[test]
    fn long_first_sentence_is_cut_with_ellipsis() {
        let parsed = parse_text(
            "The North Atlantic alliance has not assumed an active leadership role in the Gaza crisis, according to officials. More.",
        );
        assert!(parsed.title.ends_with('…'), "{}", parsed.title);
        assert!(parsed.title.chars().count() <= SENTENCE_TITLE_MAX_CHARS);
        assert!(parsed.title.starts_with("The North Atlantic alliance has not assumed"));
        assert_eq!(parsed.paras.len(), 1, "the body keeps the sentence");
    }

    #[test]
    fn abbreviations_do_not_end_the_first_sentence() {
        assert_eq!(
            first_sentence("The U.S. Army said so. Then left."),
            "The U.S. Army said so."
        );
    }

    #[test]
    fn document_offsets_line_up() {
        let parsed = parse_text("Head line\nBody one is long enough.\nBody two.\n");
        let doc = build_document(&parsed, "meta", None);
        assert_eq!(doc.para_text(0), "Head line");
        assert_eq!(doc.para_text(1), "meta");
        assert_eq!(doc.body(), "Body one is long enough.\nBody two.");
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(231), 2);
    }
}
