//! The scanner: text to word and punctuation tokens with byte offsets, paragraph casing and
//! sentence positions.
//!
//! Everything later works on these tokens, so the scanner settles the questions that need
//! character-level care once: possessives, dotted abbreviations ("U.S.", "S.A."), hyphen
//! prefixes and tails ("post-Cold", "Frankfurt-based"), citation markers and hard-wrapped lines.

use super::paragraphs::{classify_para, soft_breaks};
use super::shape::{citation_len, shape_of};
use super::token::{Doc, ParaCase, Shape, Token};
use crate::sentence::{is_abbreviation, may_end_sentence};

/// Plural nouns whose possessive is part of a name ("Republican People’s Party").
const NAME_POSSESSIVES: &[&str] = &[
    "People", "Peoples", "Workers", "Women", "Children", "Farmers", "Veterans", "Citizens", "Men",
];

/// Lower-case prefixes cut from the front of a hyphenated name ("post-Cold War").
const PREFIXES: &[&str] = &[
    "post", "pre", "anti", "pro", "non", "ex", "mid", "neo", "pan", "sub", "trans", "ultra", "semi", "inter", "pseudo",
    "all",
];

#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => s.get(i..).and_then(|r| r.chars().next()),
        None => None,
    }
}

struct Word {
    start: usize,
    end: usize,
    resume: usize,
    possessive: bool,
    tail: bool,
    abbrev: bool,
}

fn scan_word(text: &str, start: usize) -> Word {
    let mut j = start;
    let mut seg = 0usize;
    let mut dotted = false;
    let mut prev = ' ';
    let bytes = text.as_bytes();
    loop {
        // Most words are plain ASCII letters: skip them a byte at a time.
        while let Some(&b) = bytes.get(j) {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            j += 1;
            seg += 1;
            prev = char::from(b);
        }
        let Some(c) = char_at(text, j) else {
            break;
        };
        let len = c.len_utf8();
        if c.is_alphanumeric() {
            j += len;
            seg += 1;
            prev = c;
            continue;
        }
        let next = char_at(text, j + len);
        let join = match c {
            '\'' | '’' => prev.is_alphanumeric() && next.is_some_and(char::is_alphabetic),
            '-' | '‐' => next.is_some_and(char::is_alphanumeric),
            '.' => {
                let ok = seg == 1 && prev.is_alphabetic() && next.is_some_and(char::is_alphabetic);
                dotted |= ok;
                ok
            }
            '&' => prev.is_uppercase() && next.is_some_and(char::is_uppercase),
            _ => false,
        };
        if !join {
            break;
        }
        seg = if c == '.' || c == '-' || c == '‐' { 0 } else { seg + 1 };
        prev = c;
        j += len;
    }
    let mut w = Word {
        start,
        end: j,
        resume: j,
        possessive: false,
        tail: false,
        abbrev: false,
    };
    let word = &text[start..j];
    // `dotted` also covers words like "anti-U.S" that the shared list would not call dotted.
    if text[j..].starts_with('.') && (dotted || is_abbreviation(word)) {
        w.end += 1;
        w.resume = w.end;
        w.abbrev = true;
    }
    let after = &text[w.end..];
    let alnum_at = |s: &str, k: usize| char_at(s, k).is_some_and(char::is_alphanumeric);
    if w.abbrev {
        for suffix in ["'s", "’s"] {
            if after.starts_with(suffix) && !alnum_at(after, suffix.len()) {
                w.resume = w.end + suffix.len();
                w.possessive = true;
            }
        }
    } else if let Some(stem) = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")) {
        let in_name = NAME_POSSESSIVES.contains(&stem)
            && after.starts_with(' ')
            && char_at(after, 1).is_some_and(char::is_uppercase);
        if !stem.is_empty() && !in_name {
            w.end = start + stem.len();
            w.possessive = true;
        }
    } else if word.ends_with('s') {
        for q in ['\'', '’'] {
            if after.starts_with(q) && !alnum_at(after, q.len_utf8()) {
                let rest = &after[q.len_utf8()..];
                if rest.starts_with(' ') && char_at(rest, 1).is_some_and(char::is_uppercase) {
                    // "Workers' Party": the apostrophe belongs to the name.
                    w.end += q.len_utf8();
                } else {
                    w.possessive = true;
                }
                w.resume = w.end.max(w.end + q.len_utf8() * usize::from(w.possessive));
            }
        }
    }
    split_hyphens(text, &mut w);
    w
}

fn split_hyphens(text: &str, w: &mut Word) {
    let word = &text[w.start..w.end];
    // '‐' (U+2010) starts with byte 0xE2.
    if !word.bytes().any(|b| b == b'-' || b == 0xE2) {
        return;
    }
    if let Some(h) = word.find('-') {
        let (head, rest) = (&word[..h], &word[h + 1..]);
        if PREFIXES.contains(&head) && rest.starts_with(char::is_uppercase) {
            w.start += h + 1;
        }
    }
    let word = &text[w.start..w.end];
    if !word.starts_with(char::is_uppercase) {
        return;
    }
    for (h, c) in word.char_indices() {
        if (c == '-' || c == '‐') && char_at(word, h + c.len_utf8()).is_some_and(char::is_lowercase) {
            w.end = w.start + h;
            w.tail = true;
            w.possessive = false;
            w.abbrev = false;
            return;
        }
    }
}

fn opens_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | ':' | ';' | '“' | '‘' | '«' | '(')
}

/// Scans `text` into tokens and classifies its paragraphs.
pub(super) fn tokenize(text: &str) -> Doc<'_> {
    let soft = soft_breaks(text);
    let mut soft_iter = soft.iter().copied().peekable();
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut para_bounds: Vec<(usize, usize)> = Vec::new();
    let mut para_start = 0usize;
    let mut para = 0u32;
    let mut pending = true;
    let mut first_in_para = true;
    let mut i = 0usize;
    let bytes = text.as_bytes();
    while let Some(c) = char_at(text, i) {
        if c == ' ' {
            i += 1;
            while bytes.get(i) == Some(&b' ') {
                i += 1;
            }
            continue;
        }
        let len = c.len_utf8();
        if c == '\n' {
            while soft_iter.next_if(|&s| s < i).is_some() {}
            if soft_iter.next_if_eq(&i).is_some() {
                i += 1;
                continue;
            }
            tokens.push(punct(i, '\n', para));
            para_bounds.push((para_start, i));
            para += 1;
            para_start = i + 1;
            pending = true;
            first_in_para = true;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if c.is_alphanumeric() {
            let w = scan_word(text, i);
            let (shape, letters) = shape_of(&text[w.start..w.end]);
            let word = &text[w.start..w.end];
            let stem = word.trim_end_matches('.');
            tokens.push(Token {
                start: w.start as u32,
                end: w.end as u32,
                para,
                ch: '\0',
                shape,
                letters,
                possessive: w.possessive,
                tail: w.tail,
                ambiguous: pending,
            });
            // After "Inc." or "U.S." a sentence may have ended; after "Mr." or "J." it goes on.
            pending = w.abbrev && may_end_sentence(stem);
            first_in_para = false;
            i = w.resume.max(i + len);
            continue;
        }
        if c == '['
            && let Some(skip) = citation_len(text, i)
        {
            i += skip;
            continue;
        }
        tokens.push(punct(i, c, para));
        if !first_in_para {
            let prev_space = i == 0 || text[..i].ends_with(char::is_whitespace);
            if opens_sentence(c) || (c == '"' && prev_space) {
                pending = true;
            } else if !matches!(c, '"' | '”' | '’' | '»' | ')' | '\'' | '*') {
                pending = false;
            }
        }
        i += len;
    }
    para_bounds.push((para_start, text.len()));
    let paras = para_bounds
        .iter()
        .enumerate()
        .map(|(p, &(s, e))| classify_para(text, (s, e), &tokens, p as u32))
        .collect();
    let mut doc = Doc { text, tokens, paras };
    for t in &mut doc.tokens {
        if doc.paras[t.para as usize] != ParaCase::Normal {
            t.ambiguous = true;
        }
    }
    doc
}

fn punct(i: usize, ch: char, para: u32) -> Token {
    Token {
        start: i as u32,
        end: (i + ch.len_utf8()) as u32,
        para,
        ch,
        shape: Shape::Punct,
        letters: 0,
        possessive: false,
        tail: false,
        ambiguous: false,
    }
}
