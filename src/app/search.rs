//! Search inside the open article: every hit of the typed text, smart-case like the filter.

use std::ops::Range;

/// Byte ranges of every occurrence of `query` in `text`, left to right, not overlapping.
/// Case-insensitive unless the query has an upper-case letter.
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let sensitive = query.chars().any(char::is_uppercase);
    if sensitive {
        return text.match_indices(query).map(|(i, m)| i..i + m.len()).collect();
    }
    if query.is_ascii() {
        return find_ascii_insensitive(text, query);
    }
    find_unicode_insensitive(text, query)
}

fn find_ascii_insensitive(text: &str, query: &str) -> Vec<Range<usize>> {
    let (hay, needle) = (text.as_bytes(), query.as_bytes());
    let first = needle[0].to_ascii_lowercase();
    let mut hits = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i].to_ascii_lowercase() == first && hay[i..i + needle.len()].eq_ignore_ascii_case(needle) {
            hits.push(i..i + needle.len());
            i += needle.len();
        } else {
            i += 1;
        }
    }
    // An ASCII needle matches only ASCII bytes, so every hit is on char boundaries.
    hits
}

fn find_unicode_insensitive(text: &str, query: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    let mut hits = Vec::new();
    let mut from = 0;
    'outer: for (start, _) in text.char_indices() {
        if start < from {
            continue;
        }
        let mut want = needle.iter();
        for (offset, c) in text[start..].char_indices() {
            for lower in c.to_lowercase() {
                match want.next() {
                    Some(&w) if w == lower => {}
                    _ => continue 'outer,
                }
            }
            if want.len() == 0 {
                let end = start + offset + c.len_utf8();
                hits.push(start..end);
                from = end;
                continue 'outer;
            }
        }
        // The text ran out before the needle did: no later start can match either.
        break;
    }
    hits
}

/// The first hit starting at or after `offset`, else the first hit.
pub fn first_from(hits: &[Range<usize>], offset: usize) -> Option<usize> {
    if hits.is_empty() {
        return None;
    }
    Some(hits.partition_point(|h| h.start < offset) % hits.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn smart_case() {
        let text = "NATO and Nato and nato";
        assert_eq!(find_all(text, "nato").len(), 3);
        assert_eq!(find_all(text, "Nato"), vec![9..13]);
        assert_eq!(find_all("Ünïcode ünïcode", "ünï").len(), 2);
        assert!(find_all(text, "").is_empty());
    }

    #[test]
    fn first_hit_wraps_around() {
        let hits = vec![2..4, 10..12];
        assert_eq!(first_from(&hits, 0), Some(0));
        assert_eq!(first_from(&hits, 5), Some(1));
        assert_eq!(first_from(&hits, 11), Some(0));
        assert_eq!(first_from(&[], 0), None);
    }

    proptest! {
        #[test]
        fn hits_are_real_and_on_boundaries(text in "[a-zA-Zé ÉßΣσς]{0,60}", query in "[a-zé]{1,3}") {
            for hit in find_all(&text, &query) {
                prop_assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end));
                prop_assert_eq!(text[hit.clone()].to_lowercase(), query.to_lowercase());
            }
        }
    }
}
