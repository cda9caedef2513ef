//! The tokens every stage of the extractor reads, and the document that holds them.
//!
//! Kept apart from the scanner in `tokenize` so that the scanner's helpers (`shape`,
//! `paragraphs`) and every later stage depend on these types without depending on the scanner.

/// How a token is written. Case is what the extractor mostly reasons about.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Shape {
    Lower,
    /// Starts upper-case and has lower-case letters ("Brussels", "`McAllister`", "`GmbH`").
    Title,
    /// No lower-case letters and at least two letters or a digit ("NATO", "G7", "U.S.").
    Upper,
    /// Starts lower-case but has an upper-case letter later ("iPhone", "al-Assad").
    Mixed,
    Number,
    Punct,
}

/// How a paragraph is capitalised, which decides what its capitals say about names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum ParaCase {
    /// Ordinary prose: a capital away from a sentence start marks a name.
    Normal,
    /// A Title Case heading: capitals there say nothing about names.
    TitleCase,
    /// An ALL-CAPS line: only names already known may be found there.
    AllCaps,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    pub start: u32,
    pub end: u32,
    pub para: u32,
    /// The character of a punctuation token; '\n' marks a paragraph break.
    pub ch: char,
    pub shape: Shape,
    pub letters: u8,
    /// A possessive ending was cut off; a name cannot continue past this token.
    pub possessive: bool,
    /// A lower-case hyphen tail was cut off ("Frankfurt-based"); same effect as a possessive.
    pub tail: bool,
    /// Capitalised perhaps only because a sentence, quote or heading starts here.
    pub ambiguous: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        !matches!(self.shape, Shape::Punct)
    }

    pub fn is_capital(&self) -> bool {
        matches!(self.shape, Shape::Title | Shape::Upper | Shape::Mixed)
    }

    pub fn ends_name(&self) -> bool {
        self.possessive || self.tail
    }
}

pub(super) struct Doc<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    /// How each paragraph is capitalised, by paragraph number.
    pub paras: Vec<ParaCase>,
}

impl<'a> Doc<'a> {
    pub fn word(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        &self.text[t.start as usize..t.end as usize]
    }

    /// How the paragraph of token `i` is capitalised.
    pub fn para_case(&self, i: usize) -> ParaCase {
        self.paras[self.tokens[i].para as usize]
    }

    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.shape == Shape::Punct && t.ch == c)
    }
}

/// Joins tokens `from..to` of `doc` into a phrase key, optionally lower-cased.
pub(super) fn phrase_key(doc: &Doc, from: usize, to: usize, lower: bool, buf: &mut String) {
    buf.clear();
    for i in from..to {
        let t = &doc.tokens[i];
        if !buf.is_empty() {
            buf.push(' ');
        }
        if t.shape == Shape::Punct {
            buf.push(t.ch);
        } else if lower {
            push_lower(doc.word(i), buf);
        } else {
            buf.push_str(doc.word(i));
        }
    }
}

pub(super) fn push_lower(word: &str, buf: &mut String) {
    if word.is_ascii() {
        buf.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        buf.extend(word.chars().flat_map(char::to_lowercase));
    }
}
