//! Paragraph-level decisions: which line breaks only wrap text, and which paragraphs are
//! Title Case headings or ALL-CAPS lines, where capitals say little about names.

use super::token::{ParaCase, Shape, Token};

/// Words a Title Case heading leaves in lower case.
const HEADING_LOWER: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "but", "nor", "for", "so", "yet", "at", "by", "in", "on", "to", "up", "as",
    "from", "with", "into", "onto", "over", "via", "vs", "per", "than", "off", "out", "is", "are", "was",
];

/// Byte offsets of line breaks that only wrap a paragraph, for hard-wrapped (wire) text.
pub(super) fn soft_breaks(text: &str) -> Vec<usize> {
    // Unwrapped articles put whole paragraphs on a line, so one long line rules wrapping out.
    if text.split('\n').any(|l| l.len() > 120) {
        return Vec::new();
    }
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            lines.push((start, i));
            start = i + 1;
        }
    }
    lines.push((start, text.len()));
    let lens: Vec<usize> = lines.iter().map(|&(s, e)| text[s..e].trim_end().len()).collect();
    let nonempty = lens.iter().filter(|&&l| l > 0).count();
    let max = lens.iter().copied().max().unwrap_or(0);
    let long = lens.iter().filter(|&&l| l >= 40).count();
    // Unwrapped articles put whole paragraphs on a line, so long lines rule wrapping out.
    if nonempty < 4 || max > 100 || long * 2 < nonempty {
        return Vec::new();
    }
    let mut soft = Vec::new();
    for k in 0..lines.len().saturating_sub(1) {
        let line = text[lines[k].0..lines[k].1].trim_end();
        if lens[k] == 0 || lens[k + 1] == 0 {
            continue;
        }
        let terminal = line.ends_with(['.', '!', '?', '"', '”', ')']);
        // A short line ending a sentence closes its paragraph.
        if terminal && lens[k] * 4 < max * 3 {
            continue;
        }
        soft.push(lines[k].1);
    }
    soft
}

/// A byline or a credit ("By Sophie Lam in Hong Kong", "[Photo by Daniel Otieno/…]"): its
/// capitals are names, not a heading's.
fn credit(line: &str) -> bool {
    let first = line
        .trim_start_matches(['[', '(', '*', '_'])
        .split([' ', ':'])
        .next()
        .unwrap_or("");
    [
        "by",
        "photo",
        "photos",
        "photograph",
        "credit",
        "reporting",
        "editing",
        "written",
        "text",
        "video",
    ]
    .iter()
    .any(|w| first.eq_ignore_ascii_case(w))
}

pub(super) fn classify_para(text: &str, (s, e): (usize, usize), tokens: &[Token], para: u32) -> ParaCase {
    let line = text[s..e].trim();
    if line.is_empty() || line.starts_with('(') || credit(line) {
        return ParaCase::Normal;
    }
    // Tokens are in order, so this paragraph's are one contiguous slice.
    let from = tokens.partition_point(|t| t.para < para);
    let to = tokens.partition_point(|t| t.para <= para);
    let words = || {
        tokens[from..to]
            .iter()
            .filter(|t| t.is_word() && t.shape != Shape::Number)
    };
    let (mut n, mut n2, mut upper) = (0, 0, 0);
    for t in words() {
        n += 1;
        if t.letters >= 2 {
            n2 += 1;
            upper += usize::from(t.shape == Shape::Upper);
        }
    }
    if n2 >= 2 && upper * 10 >= n2 * 8 {
        return ParaCase::AllCaps;
    }
    let trimmed = line.trim_end_matches(['"', '”', '’', '\'', ')']);
    if n > 20 || trimmed.ends_with(['.', '!', '?', '…']) {
        return ParaCase::Normal;
    }
    let (mut content, mut cap_content) = (0, 0);
    for t in words() {
        let lower_function = t.shape == Shape::Lower
            && t.letters <= 4
            && HEADING_LOWER.contains(&&text[t.start as usize..t.end as usize]);
        if t.letters >= 3 && !lower_function {
            content += 1;
            cap_content += usize::from(matches!(t.shape, Shape::Title | Shape::Upper));
        }
    }
    if content >= 2 && cap_content * 10 >= content * 8 {
        return ParaCase::TitleCase;
    }
    ParaCase::Normal
}
