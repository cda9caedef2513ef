//! Sentences: the one splitter shared by the store (titles made from a first sentence), the
//! entity extractor (which full stops belong to a word, where a sentence may start) and the
//! reader's passage selection.
//!
//! Boundaries are Unicode's (UAX #29, from `unicode-segmentation`), which already keeps "3.5",
//! "U.S.A." and "said so. and then" together and splits after closing quotes (`"Three?" Four`).
//! UAX #29 knows no abbreviations, so a boundary after one is undone unless what follows opens
//! a new sentence:
//! - After a title or an initial ("Mr.", "Gen.", "No.", "St.", "J."): never a boundary, since a
//!   name or a number follows. "Plan B. Then" stays one sentence: rare, and the price of
//!   "John F. Kennedy" staying whole.
//! - After any other abbreviation ("Inc.", "Jan.", "etc.", "vs.") or a dotted form ("U.S.",
//!   "a.m."): a boundary only when the next word is one that opens sentences and never
//!   continues a name (`OPENERS`: "The", "He", "But", …), or the next sentence starts with an
//!   opening quote or bracket. So "The U.S. Army said so." is one sentence, "in the U.S. The
//!   talks" two, and "in the U.S. Officials said" one: a missed boundary only makes a sentence
//!   longer, where a false one would cut a name ("U.S. Army") in two.
//! - A line break always ends a sentence.

use std::ops::{ControlFlow, Range};

use unicode_segmentation::UnicodeSegmentation;

/// How many of the first [`ABBREVIATIONS`] are titles and the like: words a name or a number
/// always follows, so their full stop never ends a sentence.
const TITLES: usize = 18;

/// Abbreviations whose full stop belongs to the word, written without it. Titles come first,
/// "Mr" to "No": a name or a number always follows them. The rest may end a sentence ("Inc.",
/// "etc."). Single capital letters (initials) and dotted forms ("U.S", "a.m") are
/// abbreviations too without being listed: see [`is_abbreviation`].
pub const ABBREVIATIONS: &[&str] = &[
    // Titles, and "No." before a number.
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Col", "Lt", "Sgt", "Capt", "Gov", "Sen", "Rep", "Rev", "Mt", "Ft",
    "No", //
    // Name endings, company forms, months and the rest.
    "Jr", "Sr", "Inc", "Ltd", "Corp", "Co", "Bros", "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Dept", "Ave", "etc",
];

/// Capitalised words that open sentences and do not continue a name: after an abbreviation
/// that may end a sentence, one of these says it did.
const OPENERS: &[&str] = &[
    "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "His", "Her", "They", "Their", "We",
    "Our", "I", "You", "There", "But", "And", "Or", "So", "Yet", "However", "Then", "In", "On", "At", "For", "If",
    "When", "While", "After", "Before", "As", "Some", "Many", "Most", "Now", "Still", "Also",
];

/// Is `word` (without its trailing full stop) an abbreviation: listed in [`ABBREVIATIONS`], a
/// single capital letter (an initial), or a dotted form of single letters ("U.S", "a.m", "e.g")?
/// Case matters: "mr" and "ST" are not abbreviations.
pub fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word) || is_initial(word) || is_dotted(word)
}

/// Can the full stop after the abbreviation `word` end a sentence? Not after a title or an
/// initial, which a name or a number always follows.
pub(crate) fn may_end_sentence(word: &str) -> bool {
    !is_initial(word) && !ABBREVIATIONS[..TITLES].contains(&word)
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

fn is_dotted(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
        })
}

/// The sentences of `text` as byte ranges: in order, non-overlapping, trimmed of surrounding
/// white space, never empty, never containing a line break. Every character that is not white
/// space is in one of them.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    each_sentence(text, |r| {
        out.push(r);
        ControlFlow::Continue(())
    });
    out
}

/// The first sentence of `text`, trimmed; empty when `text` is only white space.
pub fn first_sentence(text: &str) -> &str {
    let mut first = 0..0;
    each_sentence(text, |r| {
        first = r;
        ControlFlow::Break(())
    });
    &text[first]
}

/// Calls `emit` with each sentence in order, until it breaks.
fn each_sentence(text: &str, mut emit: impl FnMut(Range<usize>) -> ControlFlow<()>) {
    let mut line_start = 0;
    for line in text.split('\n') {
        let mut open: Option<Range<usize>> = None;
        for (i, seg) in line.split_sentence_bound_indices() {
            let Some(r) = trimmed(seg, line_start + i) else {
                continue;
            };
            match &mut open {
                Some(o) if continues(&text[o.clone()], &text[r.clone()]) => o.end = r.end,
                _ => {
                    if let Some(done) = open.replace(r)
                        && emit(done).is_break()
                    {
                        return;
                    }
                }
            }
        }
        if let Some(done) = open
            && emit(done).is_break()
        {
            return;
        }
        line_start += line.len() + 1;
    }
}

/// The range of `seg` (which starts at byte `at`) without surrounding white space, if any is left.
fn trimmed(seg: &str, at: usize) -> Option<Range<usize>> {
    let body = seg.trim();
    if body.is_empty() {
        return None;
    }
    let start = at + (seg.len() - seg.trim_start().len());
    Some(start..start + body.len())
}

/// Does `next` continue the sentence `prev`, though UAX #29 puts a boundary between them?
/// Only when `prev` ends in an abbreviation's full stop (see the module's rules).
fn continues(prev: &str, next: &str) -> bool {
    let Some(body) = prev.strip_suffix('.') else {
        return false;
    };
    let word = body.rsplit(char::is_whitespace).next().unwrap_or(body);
    // "(Mr." and "“Dr." are abbreviations too.
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if !is_abbreviation(word) {
        return false;
    }
    if !may_end_sentence(word) {
        return true;
    }
    match next.chars().next() {
        Some(c) if c.is_uppercase() => {
            let first_word = next.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            !OPENERS.contains(&first_word)
        }
        // "Jan. 5", and scripts without case; an opening quote or bracket starts anew.
        Some(c) => c.is_alphanumeric(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn titles_and_initials_never_end_a_sentence() {
        assert_eq!(
            split("Mr. Smith said so. Then he left."),
            ["Mr. Smith said so.", "Then he left."]
        );
        assert_eq!(
            split("John F. Kennedy met Gen. Mark Milley."),
            ["John F. Kennedy met Gen. Mark Milley."]
        );
        assert_eq!(
            split("(Dr. Jones agreed.) No. 10 said nothing."),
            ["(Dr. Jones agreed.)", "No. 10 said nothing."]
        );
    }

    #[test]
    fn dotted_forms_end_a_sentence_only_before_an_opener() {
        assert_eq!(split("The U.S. Army said so."), ["The U.S. Army said so."]);
        assert_eq!(
            split("Talks were in the U.S. The next round is in Oslo."),
            ["Talks were in the U.S.", "The next round is in Oslo."]
        );
        // The judgement call: a capitalised word that could continue a name keeps the sentence.
        assert_eq!(
            split("Talks were in the U.S. Officials said so."),
            ["Talks were in the U.S. Officials said so."]
        );
        assert_eq!(
            split("It opens at 9 a.m. on Monday."),
            ["It opens at 9 a.m. on Monday."]
        );
    }

    #[test]
    fn other_abbreviations_may_end_a_sentence() {
        assert_eq!(
            split("Lumora Inc. said on Jan. 5 that it would."),
            ["Lumora Inc. said on Jan. 5 that it would."]
        );
        assert_eq!(
            split("Apples, pears etc. Then we left."),
            ["Apples, pears etc.", "Then we left."]
        );
        assert_eq!(
            split("Shares of Lumora Inc. fell. The rest rose."),
            ["Shares of Lumora Inc. fell.", "The rest rose."]
        );
        assert_eq!(split("It was Arsenal vs. Chelsea."), ["It was Arsenal vs. Chelsea."]);
    }

    #[test]
    fn decimals_quotes_and_lines() {
        assert_eq!(
            split("It rose 3.5 per cent. Then fell."),
            ["It rose 3.5 per cent.", "Then fell."]
        );
        assert_eq!(split("\"Three?\" Four"), ["\"Three?\"", "Four"]);
        assert_eq!(split("“Three?” Four."), ["“Three?”", "Four."]);
        assert_eq!(
            split("He said Mr.\nSmith  \n\n  left"),
            ["He said Mr.", "Smith", "left"]
        );
        assert_eq!(split("Wait... Then go!"), ["Wait...", "Then go!"]);
        assert!(sentences(" \n\t ").is_empty());
    }

    #[test]
    fn first_sentence_is_the_first_range() {
        assert_eq!(
            first_sentence("  Mr. Smith said so. Then he left."),
            "Mr. Smith said so."
        );
        assert_eq!(first_sentence("No stop at all"), "No stop at all");
        assert_eq!(first_sentence(" \n "), "");
        assert_eq!(first_sentence(""), "");
    }

    #[test]
    fn what_counts_as_an_abbreviation() {
        for w in [
            "Mr", "Gen", "Inc", "Jan", "etc", "vs", "J", "É", "U.S", "U.K", "a.m", "e.g", "U.S.A",
        ] {
            assert!(is_abbreviation(w), "{w}");
        }
        for w in ["", "Smith", "mr", "ST", "j", "3", "Wait..", "anti-U.S", "Ph.D", "U.S."] {
            assert!(!is_abbreviation(w), "{w}");
        }
        assert!(ABBREVIATIONS.iter().all(|w| !w.contains('.') && w.chars().count() >= 2));
        assert_eq!(ABBREVIATIONS[TITLES - 1], "No", "the titles come first");
        assert!(!may_end_sentence("Mr") && !may_end_sentence("J"));
        assert!(may_end_sentence("Inc") && may_end_sentence("U.S"));
    }

    const PIECES: &[&str] = &[
        "Mr.",
        "Dr",
        "U.S.",
        "U.",
        "S.",
        "a.m.",
        "Inc.",
        "etc.",
        "Jan.",
        "No.",
        "3.5",
        "3.",
        "5",
        ".",
        "..",
        "…",
        "?",
        "!",
        "\"",
        "“",
        "”",
        "'",
        "(",
        ")",
        "The",
        "Officials",
        "he",
        "said",
        "Smith",
        "J.",
        "é",
        "İ",
        "中文。",
        "e\u{301}",
        "\u{a0}",
        "\u{2029}",
        "\r",
        "\t",
    ];

    fn newsy() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(PIECES);
        let sep = prop::sample::select(&[" ", "", " ", "\n", "  ", ". "][..]);
        prop::collection::vec((piece, sep), 0..40)
            .prop_map(|parts| parts.into_iter().flat_map(|(p, s)| [p, s]).collect::<String>())
    }

    fn check(text: &str) {
        let rs = sentences(text);
        for r in &rs {
            assert!(r.start < r.end && r.end <= text.len(), "{r:?} of {}", text.len());
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let s = &text[r.clone()];
            assert_eq!(s, s.trim(), "trimmed");
            assert!(!s.contains('\n'), "a newline ends a sentence: {s:?}");
        }
        assert!(
            rs.windows(2).all(|w| w[0].end <= w[1].start),
            "ordered, disjoint: {rs:?}"
        );
        for (i, c) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
            assert!(
                rs.iter().any(|r| r.contains(&i)),
                "{c:?} at {i} not covered in {text:?}: {rs:?}"
            );
        }
        let first = rs.first().map_or("", |r| &text[r.clone()]);
        assert_eq!(first_sentence(text), first);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn ranges_are_valid_for_any_text(text in any::<String>()) {
            check(&text);
        }

        #[test]
        fn ranges_are_valid_for_news_like_text(text in newsy()) {
            check(&text);
        }

        #[test]
        fn decimals_are_never_split(a in 0u32..10_000, b in 0u32..1000, pre in newsy(), post in newsy()) {
            let num = format!("{a}.{b}");
            let text = format!("{pre} {num} {post}");
            let at = pre.len() + 1;
            prop_assert!(sentences(&text).iter().any(|r| r.start <= at && at + num.len() <= r.end));
        }
    }
}
