//! Character-level helpers for the tokenizer: how a word is written, and citation markers.

use super::tokenize::Shape;

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
    let shape = if first.is_numeric() || letters == 0 {
        Shape::Number
    } else if first.is_uppercase() {
        if !lower && (letters >= 2 || digit) {
            Shape::Upper
        } else {
            Shape::Title
        }
    } else if upper && first.is_lowercase() {
        Shape::Mixed
    } else {
        Shape::Lower
    };
    (shape, letters.min(255) as u8)
}

fn ascii_shape(w: &[u8]) -> (Shape, u8) {
    let (mut letters, mut lower, mut upper, mut digit) = (0usize, false, false, false);
    for &b in w {
        lower |= b.is_ascii_lowercase();
        upper |= b.is_ascii_uppercase();
        digit |= b.is_ascii_digit();
        letters += usize::from(b.is_ascii_alphabetic());
    }
    let first = w.first().copied().unwrap_or(b' ');
    let shape = if first.is_ascii_digit() || letters == 0 {
        Shape::Number
    } else if first.is_ascii_uppercase() {
        if !lower && (letters >= 2 || digit) {
            Shape::Upper
        } else {
            Shape::Title
        }
    } else if upper && first.is_ascii_lowercase() {
        Shape::Mixed
    } else {
        Shape::Lower
    };
    (shape, letters.min(255) as u8)
}
