//! Re-finding annotated passages after the article text changed.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dossier::library::{Placement, anchor, char_range_to_bytes, make_selector};
use proptest::prelude::*;

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// Char offset of the `nth` occurrence of `needle` (tests only use ASCII before it or not).
fn char_offset(text: &str, needle: &str, nth: usize) -> usize {
    let byte = text.match_indices(needle).nth(nth).expect("needle present").0;
    text[..byte].chars().count()
}

const ARTICLE: &str = "The council met on Tuesday. The mayor said the budget was balanced. \
Critics said the budget was not balanced at all. The vote is next week.";

#[test]
fn unchanged_text_is_exact() {
    let start = char_offset(ARTICLE, "the budget was balanced", 0);
    let (quote, pos) = make_selector(ARTICLE, start, start + 23);
    assert_eq!(quote.exact, "the budget was balanced");
    assert_eq!(
        anchor(ARTICLE, &quote, &pos),
        Placement::Exact { start, end: start + 23 }
    );
}

#[test]
fn insertion_before_moves_the_passage() {
    let start = char_offset(ARTICLE, "Critics said", 0);
    let (quote, pos) = make_selector(ARTICLE, start, start + 12);
    let edited = format!("UPDATE: corrected the date. {ARTICLE}");
    let shift = "UPDATE: corrected the date. ".chars().count();
    assert_eq!(
        anchor(&edited, &quote, &pos),
        Placement::Moved {
            start: start + shift,
            end: start + shift + 12
        }
    );
}

#[test]
fn repeated_quote_is_told_apart_by_context() {
    // Annotate the *second* "the budget was"; after an insertion the old offset holds
    // nothing useful, and the first occurrence is nearer but has the wrong context.
    let start = char_offset(ARTICLE, "the budget was", 1);
    let (quote, pos) = make_selector(ARTICLE, start, start + 14);
    let edited = format!("Breaking news! {ARTICLE}");
    let expected = char_offset(&edited, "the budget was", 1);
    assert_eq!(
        anchor(&edited, &quote, &pos),
        Placement::Moved {
            start: expected,
            end: expected + 14
        }
    );
}

#[test]
fn context_beats_the_old_offset_when_repeats_swap() {
    let text = "one: the cat sat down. two: the cat ran off.";
    let start = char_offset(text, "the cat", 1);
    let (quote, pos) = make_selector(text, start, start + 7);
    // The sentences swap: "the cat" still appears at the old offset, but with the context of
    // the other sentence.
    let edited = "two: the cat ran off. one: the cat sat down.";
    let want = char_offset(edited, "the cat", 0);
    assert_eq!(
        anchor(edited, &quote, &pos),
        Placement::Moved {
            start: want,
            end: want + 7
        }
    );
}

#[test]
fn quote_found_anywhere_when_context_is_gone() {
    let start = char_offset(ARTICLE, "The vote is next week", 0);
    let (quote, pos) = make_selector(ARTICLE, start, start + 21);
    let edited = "Completely rewritten. The vote is next week";
    assert_eq!(anchor(edited, &quote, &pos), Placement::Moved { start: 22, end: 43 });
}

#[test]
fn edited_passage_is_found_approximately() {
    let start = char_offset(ARTICLE, "Critics said the budget was not balanced at all", 0);
    let len = 47;
    let (quote, pos) = make_selector(ARTICLE, start, start + len);
    let edited = ARTICLE.replace("was not balanced at all", "was not balanced at all, really");
    let edited = edited.replace("Critics said", "Critics claimed");
    let placement = anchor(&edited, &quote, &pos);
    let Placement::Fuzzy { start: s, end: e } = placement else {
        panic!("expected Fuzzy, got {placement:?}");
    };
    assert_eq!(
        char_slice(&edited, s, e),
        "Critics claimed the budget was not balanced at all"
    );
}

#[test]
fn long_edited_passage_is_found_by_its_head_and_tail() {
    // Too long for the edit-distance search: its intact ends bracket it.
    let body = (0..400)
        .map(|i| format!("sentence {i} here. "))
        .collect::<Vec<_>>()
        .concat();
    let text = format!("Intro paragraph. {body}Outro paragraph.");
    let start = char_offset(&text, "sentence 0 ", 0);
    let end = char_offset(&text, "Outro", 0);
    let (quote, pos) = make_selector(&text, start, end);
    assert!(quote.exact.chars().count() > 5000);
    let edited = format!(
        "New lede. {}",
        text.replace("sentence 200 here.", "sentence 200 was rewritten here.")
    );
    let placement = anchor(&edited, &quote, &pos);
    let want_start = char_offset(&edited, "sentence 0 ", 0);
    let want_end = char_offset(&edited, "Outro", 0);
    assert_eq!(
        placement,
        Placement::Fuzzy {
            start: want_start,
            end: want_end
        }
    );
}

#[test]
fn removed_passage_is_orphaned() {
    let start = char_offset(ARTICLE, "Critics said the budget", 0);
    let (quote, pos) = make_selector(ARTICLE, start, start + 23);
    let edited = "The council met on Tuesday. The vote is next week.";
    assert_eq!(anchor(edited, &quote, &pos), Placement::Orphaned);
}

#[test]
fn short_quotes_are_not_matched_approximately() {
    // One edit in a four-char quote is too much to trust.
    let (quote, pos) = make_selector("abc wxyz def", 4, 8);
    assert_eq!(anchor("abc wxyq def", &quote, &pos), Placement::Orphaned);
}

#[test]
fn empty_quote_is_orphaned() {
    let (quote, pos) = make_selector("hello", 2, 2);
    assert_eq!(anchor("hello", &quote, &pos), Placement::Orphaned);
}

#[test]
fn offsets_are_chars_not_bytes() {
    let text = "Café 🙂 naïve résumé ends here";
    let start = char_offset(text, "naïve", 0);
    assert_eq!(start, 7);
    let (quote, pos) = make_selector(text, start, start + 5);
    assert_eq!(quote.exact, "naïve");
    assert_eq!(quote.prefix, "Café 🙂 ");
    let edited = format!("🙂🙂 {text}");
    let placement = anchor(&edited, &quote, &pos);
    assert_eq!(placement, Placement::Moved { start: 10, end: 15 });
    let bytes = char_range_to_bytes(&edited, 10, 15);
    assert_eq!(&edited[bytes], "naïve");
}

#[test]
fn make_selector_clamps_and_orders() {
    let (quote, pos) = make_selector("abcdef", 9, 3);
    assert_eq!((pos.start, pos.end), (3, 6));
    assert_eq!(quote.exact, "def");
    assert_eq!(quote.suffix, "");
    let long = "x".repeat(100);
    let (quote, _) = make_selector(&long, 50, 51);
    assert_eq!(quote.prefix.chars().count(), 32);
    assert_eq!(quote.suffix.chars().count(), 32);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn unchanged_text_always_anchors_exact(
        text in "\\PC{1,200}",
        a in 0usize..400,
        b in 0usize..400,
    ) {
        let n = text.chars().count();
        let (s, e) = (a.min(b) % n, (a.max(b) % n) + 1);
        prop_assume!(s < e);
        let (quote, pos) = make_selector(&text, s, e);
        prop_assert_eq!(anchor(&text, &quote, &pos), Placement::Exact { start: s, end: e });
    }

    /// With the inserted text drawn from chars the article doesn't use, and a passage that
    /// occurs once, the only right answer is the shifted offsets.
    #[test]
    fn insertion_before_anchors_moved_to_shifted_offsets(
        text in "[a-zA-Zα-ωé日本語🙂 .,]{2,150}",
        insert in "[0-9#]{1,40}",
        a in 0usize..300,
        b in 0usize..300,
        at in 0usize..300,
    ) {
        let n = text.chars().count();
        let (s, e) = (a.min(b) % n, (a.max(b) % n) + 1);
        prop_assume!(s < e);
        let (quote, pos) = make_selector(&text, s, e);
        prop_assume!(text.matches(quote.exact.as_str()).count() == 1);
        let at = at % (s + 1);
        let split = char_range_to_bytes(&text, 0, at).end;
        let edited = format!("{}{insert}{}", &text[..split], &text[split..]);
        let k = insert.chars().count();
        prop_assert_eq!(
            anchor(&edited, &quote, &pos),
            Placement::Moved { start: s + k, end: e + k }
        );
    }

    /// A passage with a few substituted chars (at most the edit bound) is found where it was.
    #[test]
    fn edited_passage_anchors_fuzzy_near_its_place(
        text in "[a-z .,]{40,300}",
        a in 0usize..300,
        len in 10usize..60,
        edits in prop::collection::vec((0usize..60, "[0-9]"), 1..12),
    ) {
        let n = text.chars().count();
        let s = a % (n - 10);
        let e = (s + len).min(n);
        let (quote, pos) = make_selector(&text, s, e);
        let m = e - s;
        let mut chars: Vec<char> = text.chars().collect();
        for (at, c) in edits.iter().take((m / 5).max(1)) {
            chars[s + at % m] = c.chars().next().unwrap();
        }
        let edited: String = chars.into_iter().collect();
        prop_assume!(edited != text);
        match anchor(&edited, &quote, &pos) {
            Placement::Fuzzy { start, end } if m >= 5 => {
                prop_assert!(start.abs_diff(s) <= m / 5 && end.abs_diff(e) <= m / 5, "{start}..{end} vs {s}..{e}");
            }
            Placement::Orphaned if m < 5 => {}
            other => prop_assert!(false, "{other:?} for {s}..{e}"),
        }
    }

    #[test]
    fn anchoring_never_panics_and_stays_in_bounds(
        text in "\\PC{0,120}",
        exact in "\\PC{0,12}",
        prefix in "\\PC{0,8}",
        suffix in "\\PC{0,8}",
        start in any::<usize>(),
        end in any::<usize>(),
        from_text in any::<bool>(),
        cut in 0usize..200,
    ) {
        // Half the time use a (possibly edited) passage from the text, so the approximate
        // path runs too.
        let exact = if from_text && !text.is_empty() {
            let n = text.chars().count();
            let s = cut % n;
            let mut q = char_slice(&text, s, (s + 8).min(n));
            q.push_str(&exact);
            q
        } else {
            exact
        };
        let quote = dossier::library::Quote { exact, prefix, suffix, ..Default::default() };
        let pos = dossier::library::Position { start, end, ..Default::default() };
        let n = text.chars().count();
        match anchor(&text, &quote, &pos) {
            Placement::Orphaned => {}
            Placement::Exact { start: s, end: e }
            | Placement::Moved { start: s, end: e }
            | Placement::Fuzzy { start: s, end: e } => {
                prop_assert!(s < e && e <= n, "{s}..{e} of {n}");
                let bytes = char_range_to_bytes(&text, s, e);
                prop_assert!(text.is_char_boundary(bytes.start) && text.is_char_boundary(bytes.end));
                prop_assert_eq!(text[bytes].chars().count(), e - s);
            }
        }
    }
}
