//! Character-level helpers for the tokenizer: how a word is written, and citation markers.

use super::token::Shape;

/// Length in bytes of a citation marker like "[3]" or "[1, 4]" starting at `i`, if any.
pub(super) fn citation_len(text: &str, i: usize) -> Option<usize> {
    let rest = text.get(i + 1..)?;
    let close = rest.find(']')?;
    let inner = &rest[..close];
    let ok = close > 0
        && close <= 12
        && inner.bytes().any(|b| b.is_ascii_digit())
        && inner
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'-' | b' '));
    ok.then_some(close + 2)
}

pub(super) fn shape_of(word: &str) -> (Shape, u8) {
    if word.is_ascii() {
        return ascii_shape(word.as_bytes());
    }
    let mut letters = 0usize;
    let mut lower = false;
    let mut upper = false;
    let mut digit = false;
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
            lower |= c.is_lowercase();
            upper |= c.is_uppercase();
        } else if c.is_numeric() {
            digit = true;
        }
    }
    let first = word.chars().next().unwrap_or(' ');
    let first = match first {
        c if c.is_numeric() => First::Digit,
        c if c.is_uppercase() => First::Upper,
        c if c.is_lowercase() => First::Lower,
        _ => First::Other,
    };
    decide(first, letters, lower, upper, digit)
}

fn ascii_shape(w: &[u8]) -> (Shape, u8) {
    let (mut letters, mut lower, mut upper, mut digit) = (0usize, false, false, false);
    for &b in w {
        lower |= b.is_ascii_lowercase();
        upper |= b.is_ascii_uppercase();
        digit |= b.is_ascii_digit();
        letters += usize::from(b.is_ascii_alphabetic());
    }
    let first = match w.first().copied().unwrap_or(b' ') {
        b if b.is_ascii_digit() => First::Digit,
        b if b.is_ascii_uppercase() => First::Upper,
        b if b.is_ascii_lowercase() => First::Lower,
        _ => First::Other,
    };
    decide(first, letters, lower, upper, digit)
}

/// What a word's first character is.
#[derive(Clone, Copy)]
enum First {
    Digit,
    Upper,
    Lower,
    Other,
}

/// The shape from the first character and which kinds of character the word has: shared by the
/// Unicode path and the ASCII fast path so they cannot disagree.
fn decide(first: First, letters: usize, lower: bool, upper: bool, digit: bool) -> (Shape, u8) {
    let shape = match first {
        First::Digit => Shape::Number,
        _ if letters == 0 => Shape::Number,
        First::Upper if !lower && (letters >= 2 || digit) => Shape::Upper,
        First::Upper => Shape::Title,
        First::Lower if upper => Shape::Mixed,
        _ => Shape::Lower,
    };
    (shape, letters.min(255) as u8)
}
