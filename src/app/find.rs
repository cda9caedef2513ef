//! Find in the open article: every hit of the typed text, smart-case like the filter, and
//! n/N between them.

use std::ops::Range;

use super::{App, Focus, Input, LineEdit};

/// The find line of the open article and where its hits are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindState {
    pub line: LineEdit,
    pub hits: Vec<Range<usize>>,
    pub current: Option<usize>,
}

/// Byte ranges of every occurrence of `query` in `text`, left to right, not overlapping.
/// Case-insensitive unless the query has an upper-case letter. `regex` does the Unicode case
/// folding ("É" finds "é") on an escaped literal, so nothing typed is read as a pattern.
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let sensitive = query.chars().any(char::is_uppercase);
    let Ok(re) = regex::RegexBuilder::new(&regex::escape(query))
        .case_insensitive(!sensitive)
        .size_limit(1 << 24)
        .build()
    else {
        // Only a query too long to compile gets here: it finds nothing.
        return Vec::new();
    };
    re.find_iter(text).map(|m| m.range()).collect()
}

/// The first hit starting at or after `offset`, else the first hit.
pub fn first_from(hits: &[Range<usize>], offset: usize) -> Option<usize> {
    if hits.is_empty() {
        return None;
    }
    Some(hits.partition_point(|h| h.start < offset) % hits.len())
}

impl App {
    pub(super) fn start_find(&mut self) {
        let Some(reader) = &mut self.reader else { return };
        let find = reader.find.get_or_insert_with(FindState::default);
        find.line.cursor = find.line.text.len();
        self.focus = Focus::Reader;
        self.input = Some(Input::Find);
    }

    /// Find again after the find line changed; jump to the first hit below the top of the
    /// pane, as incremental search does.
    pub(super) fn refind(&mut self) {
        let Some(reader) = &mut self.reader else { return };
        let anchor = reader.anchor;
        let Some(find) = &mut reader.find else { return };
        find.hits = find_all(&reader.doc.text, &find.line.text);
        find.current = first_from(&find.hits, anchor);
        if let Some(hit) = find.current.map(|i| find.hits[i].start) {
            self.reveal_at(hit);
        }
    }

    /// n/N: the next or previous hit, wrapping around.
    pub(super) fn find_step(&mut self, dir: i64) {
        let Some(find) = self.reader.as_mut().and_then(|r| r.find.as_mut()) else {
            return;
        };
        let n = find.hits.len();
        if n == 0 {
            return;
        }
        let next = match find.current {
            Some(i) => add_wrapping(i, dir, n),
            None => 0,
        };
        // Say when the search went round, as vim does: the hit may be far above.
        let wrapped = find
            .current
            .is_some_and(|i| (dir > 0 && next < i) || (dir < 0 && next > i));
        find.current = Some(next);
        let offset = find.hits[next].start;
        self.reveal_at(offset);
        if wrapped {
            self.message = Some(super::Message::info(if dir > 0 {
                "search hit BOTTOM, continuing at TOP"
            } else {
                "search hit TOP, continuing at BOTTOM"
            }));
        }
    }

    /// Esc in the find line: leave it; on an empty line, close the find altogether.
    pub(super) fn leave_find(&mut self) {
        self.input = None;
        if let Some(r) = self
            .reader
            .as_mut()
            .filter(|r| r.find.as_ref().is_some_and(|f| f.line.text.is_empty()))
        {
            r.find = None;
        }
    }
}

/// `(i + dir) mod n` for a position in a list of `n`.
fn add_wrapping(i: usize, dir: i64, n: usize) -> usize {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    let i = i64::try_from(i).unwrap_or(0);
    usize::try_from((i + dir).rem_euclid(n)).unwrap_or(0)
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
