//! How a candidate's name is written: its surface text, lower-cased or title-cased.
//!
//! Shared by `link`, `alias` and the dateline code, none of which owns these.

use super::gazetteer::push_lower;
use super::token::Doc;

/// The text of tokens `first..=last` with every run of white space made one space.
pub(super) fn surface(doc: &Doc, first: usize, last: usize) -> String {
    let raw = &doc.text[doc.tokens[first].start as usize..doc.tokens[last].end as usize];
    let mut out = String::with_capacity(raw.len());
    for (k, part) in raw.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// Lower-cased as gazetteer keys are, for comparisons that ignore case.
pub(super) fn lower(s: &str) -> String {
    let mut buf = String::with_capacity(s.len());
    push_lower(s, &mut buf);
    buf
}

/// "BAHRAIN" → "Bahrain": a name from an ALL-CAPS line written as prose would write it.
pub(super) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for ch in s.chars() {
        if start {
            out.extend(ch.to_uppercase());
        } else {
            out.extend(ch.to_lowercase());
        }
        start = !ch.is_alphanumeric() && ch != '\'' && ch != '’';
    }
    out
}
