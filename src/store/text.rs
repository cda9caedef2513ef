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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    Title,
    Meta,
    Heading,
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub kind: ParaKind,
    /// Byte range into [`Document::text`].
    pub range: Range<usize>,
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

/// What parsing an article's text yields, before it gets an id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub title: String,
    pub paras: Vec<(ParaKind, String)>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
}

impl Parsed {
    /// The body as the reader shows it: paragraphs joined by `\n`.
    pub fn body(&self) -> String {
        let mut body = String::new();
        for (i, (_, p)) in self.paras.iter().enumerate() {
            if i > 0 {
                body.push('\n');
            }
            body.push_str(p);
        }
        body
    }

    pub fn word_count(&self) -> usize {
        self.paras.iter().map(|(_, p)| p.split_whitespace().count()).sum()
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

/// Parse sanitised Markdown: optional `---` front matter, `#` headings, paragraphs separated by
/// blank lines (Markdown soft-wraps lines inside a paragraph).
pub fn parse_markdown(text: &str) -> Parsed {
    let (front, rest) = split_front_matter(text);
    let mut parsed = Parsed::default();
    for (key, value) in front {
        match key.as_str() {
            "title" => parsed.title = value,
            "date" => parsed.date = Some(value),
            "author" => parsed.author = Some(value),
            "source" | "url" => parsed.source = Some(value),
            _ => {}
        }
    }
    let mut current: Vec<&str> = Vec::new();
    let mut in_code = false;
    let flush = |current: &mut Vec<&str>, paras: &mut Vec<(ParaKind, String)>| {
        if !current.is_empty() {
            paras.push((ParaKind::Text, current.join(" ")));
            current.clear();
        }
    };
    for line in rest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut current, &mut parsed.paras);
            in_code = !in_code;
            continue;
        }
        if in_code {
            // Code keeps its lines: each is its own paragraph.
            parsed.paras.push((ParaKind::Text, line.trim_end().to_string()));
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut current, &mut parsed.paras);
        } else if let Some(heading) = markdown_heading(trimmed) {
            flush(&mut current, &mut parsed.paras);
            if parsed.title.is_empty() && trimmed.starts_with("# ") {
                parsed.title = heading.to_string();
            } else {
                parsed.paras.push((ParaKind::Heading, heading.to_string()));
            }
        } else if starts_block(trimmed) {
            flush(&mut current, &mut parsed.paras);
            current.push(trimmed);
        } else {
            current.push(trimmed);
        }
    }
    flush(&mut current, &mut parsed.paras);
    if parsed.title.is_empty() {
        parsed.title = take_title(&mut parsed.paras);
    }
    parsed
}

fn markdown_heading(line: &str) -> Option<&str> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        Some(line[hashes..].trim().trim_end_matches('#').trim())
    } else {
        None
    }
}

/// List items and quotes start a paragraph of their own.
fn starts_block(line: &str) -> bool {
    let ordered = line
        .split_once(". ")
        .is_some_and(|(n, _)| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()));
    ordered || ["- ", "* ", "+ ", "> "].iter().any(|m| line.starts_with(m))
}

fn split_front_matter(text: &str) -> (Vec<(String, String)>, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (Vec::new(), text);
    };
    let Some(end) = rest.find("\n---") else {
        return (Vec::new(), text);
    };
    let fields = rest[..end]
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| {
            let v = v.trim().trim_matches('"').trim_matches('\'');
            (k.trim().to_lowercase(), v.to_string())
        })
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let after = &rest[end + 4..];
    (fields, after.split_once('\n').map_or("", |(_, body)| body))
}

/// Split plain text into paragraphs, reflowing hard-wrapped copy.
pub fn paragraphs(text: &str) -> Vec<(ParaKind, String)> {
    let lines: Vec<&str> = text.lines().collect();
    if is_hard_wrapped(&lines) {
        reflow(&lines)
    } else {
        let mut out: Vec<(ParaKind, String)> = Vec::new();
        for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
            out.push((ParaKind::Text, line.to_string()));
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

fn reflow(lines: &[&str]) -> Vec<(ParaKind, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<(ParaKind, String)>| {
        if !current.is_empty() {
            out.push((ParaKind::Text, std::mem::take(current)));
        }
    };
    for line in lines {
        let indented = line.starts_with([' ', '\u{a0}']);
        let trimmed = line.trim();
        if trimmed.is_empty() || indented || starts_block(trimmed) {
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
fn mark_headings(paras: &mut [(ParaKind, String)]) {
    for i in 0..paras.len().saturating_sub(1) {
        let next_len = paras[i + 1].1.chars().count();
        let (kind, text) = &mut paras[i];
        if looks_like_headline(text, 80) && text.split_whitespace().count() <= 12 && next_len > text.chars().count() * 2
        {
            *kind = ParaKind::Heading;
        }
    }
}

fn looks_like_headline(line: &str, max_chars: usize) -> bool {
    let n = line.chars().count();
    n > 0 && n <= max_chars && !line.ends_with(['.', ',', ';', ':', '…']) && line.chars().any(char::is_alphabetic)
}

/// Choose a title: the first paragraph when it reads as a headline (then it leaves the body),
/// else the first sentence, cut at a word boundary.
fn take_title(paras: &mut Vec<(ParaKind, String)>) -> String {
    let Some((_, first)) = paras.first() else {
        return String::new();
    };
    if looks_like_headline(first, HEADLINE_MAX_CHARS) {
        return paras.remove(0).1;
    }
    first_sentence_title(first)
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
pub fn build_document(parsed: &Parsed, meta_line: &str) -> Document {
    let mut doc = Document::default();
    let push = |doc: &mut Document, kind: ParaKind, text: &str| {
        if !doc.text.is_empty() {
            doc.text.push('\n');
        }
        let start = doc.text.len();
        doc.text.push_str(text);
        doc.paras.push(Para {
            kind,
            range: start..doc.text.len(),
        });
    };
    push(&mut doc, ParaKind::Title, &parsed.title);
    push(&mut doc, ParaKind::Meta, meta_line);
    doc.body_start = doc.text.len() + 1;
    for (kind, text) in &parsed.paras {
        push(&mut doc, *kind, text);
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
        assert_eq!(p[1].1, "Second one.");
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
        assert!(p[0].1.contains("would resume next week"));
        assert!(p[0].1.ends_with("matter."));
        assert!(p[1].1.starts_with("A second paragraph"));
        assert_eq!(p[2].1, "A third, also indented, ends here.");
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
    fn markdown_heading_front_matter_and_lists() {
        let md = "---\ntitle: \"From front matter\"\ndate: 2024-03-01\n---\n# Ignored heading\n\nSome text\nwrapped here.\n\n- item one\n- item two\n\n## Section\n\nMore.\n";
        let p = parse_markdown(md);
        assert_eq!(p.title, "From front matter");
        assert_eq!(p.date.as_deref(), Some("2024-03-01"));
        assert!(p.paras.contains(&(ParaKind::Text, "Some text wrapped here.".into())));
        assert!(p.paras.contains(&(ParaKind::Text, "- item two".into())));
        assert!(p.paras.contains(&(ParaKind::Heading, "Section".into())));
        let p = parse_markdown("# Title here\n\nBody.\n");
        assert_eq!(p.title, "Title here");
        assert_eq!(p.paras, vec![(ParaKind::Text, "Body.".into())]);
    }

    #[test]
    fn document_offsets_line_up() {
        let parsed = parse_text("Head line\nBody one is long enough.\nBody two.\n");
        let doc = build_document(&parsed, "meta");
        assert_eq!(doc.para_text(0), "Head line");
        assert_eq!(doc.para_text(1), "meta");
        assert_eq!(doc.body(), "Body one is long enough.\nBody two.");
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(231), 2);
    }
}
