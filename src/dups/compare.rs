//! What one copy of a story adds to or lacks from another: the paragraphs only in one of
//! them. Paragraphs are compared by their words (case, punctuation and spacing differ between
//! outlets); a paragraph one copy trimmed (its words found inside a paragraph of the other)
//! counts as shared.

use rustc_hash::FxHashSet;

/// Beyond this many unmatched paragraphs on each side, containment is not looked for (it
/// compares every pair); exact matches still are.
const CONTAINMENT_MAX: usize = 400;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Difference {
    /// Paragraphs of the copy that the other lacks, in the copy's order.
    pub adds: Vec<String>,
    /// Paragraphs of the other that the copy lacks, in the other's order.
    pub lacks: Vec<String>,
    /// Paragraphs found in both.
    pub shared: usize,
}

fn words(paragraph: &str) -> String {
    let mut out = String::with_capacity(paragraph.len());
    for w in paragraph
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// `copy` against `other` (each a body: paragraphs separated by line breaks).
#[must_use]
pub fn compare(copy: &str, other: &str) -> Difference {
    let paras = |text: &str| -> Vec<(String, String)> {
        text.lines()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| (words(p), p.to_string()))
            .filter(|(w, _)| !w.is_empty())
            .collect()
    };
    let (ours, theirs) = (paras(copy), paras(other));
    let our_words: FxHashSet<&str> = ours.iter().map(|(w, _)| w.as_str()).collect();
    let their_words: FxHashSet<&str> = theirs.iter().map(|(w, _)| w.as_str()).collect();
    let unmatched = |side: &[(String, String)], other: &FxHashSet<&str>| -> Vec<usize> {
        (0..side.len())
            .filter(|&i| !other.contains(side[i].0.as_str()))
            .collect()
    };
    let (mut only_ours, mut only_theirs) = (unmatched(&ours, &their_words), unmatched(&theirs, &our_words));
    if only_ours.len() <= CONTAINMENT_MAX && only_theirs.len() <= CONTAINMENT_MAX {
        // A trimmed paragraph is inside its whole one (at word boundaries).
        let inside = |short: &str, long: &str| format!(" {long} ").contains(&format!(" {short} "));
        let (mut ours_matched, mut theirs_matched) = (FxHashSet::default(), FxHashSet::default());
        for &i in &only_ours {
            for &j in &only_theirs {
                if inside(&ours[i].0, &theirs[j].0) || inside(&theirs[j].0, &ours[i].0) {
                    ours_matched.insert(i);
                    theirs_matched.insert(j);
                }
            }
        }
        only_ours.retain(|i| !ours_matched.contains(i));
        only_theirs.retain(|j| !theirs_matched.contains(j));
    }
    Difference {
        shared: ours.len() - only_ours.len(),
        adds: only_ours.into_iter().map(|i| ours[i].1.clone()).collect(),
        lacks: only_theirs.into_iter().map(|j| theirs[j].1.clone()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_only_in_one_copy_are_named_and_trims_are_shared() {
        let rep = "First para about the vote.\nSecond para with details of the count.\nThird para quoting the minister at length.";
        let copy = "FIRST PARA about the vote!\nSecond para with details\nAn added paragraph from the local desk.\nThird para quoting the minister at length.";
        let d = compare(copy, rep);
        assert_eq!(d.adds, vec!["An added paragraph from the local desk.".to_string()]);
        assert!(d.lacks.is_empty(), "{d:?}");
        assert_eq!(d.shared, 3);
        let back = compare(rep, copy);
        assert_eq!(back.lacks, vec!["An added paragraph from the local desk.".to_string()]);
        assert!(back.adds.is_empty());
    }

    #[test]
    fn identical_and_empty_texts() {
        assert_eq!(compare("a b\nc d", "a b\nc d").shared, 2);
        assert_eq!(compare("", ""), Difference::default());
        assert_eq!(compare("only here", "").adds, vec!["only here".to_string()]);
    }
}
