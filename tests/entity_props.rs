//! `extract` never panics, and every mention is a valid, sorted, in-bounds byte range on char
//! boundaries, for arbitrary Unicode and for news-like text built from awkward pieces.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dossier::entities::{CaseStats, extract};
use proptest::prelude::*;

fn check(text: &str, stats: Option<&CaseStats>) {
    for e in extract(text, stats) {
        assert!(!e.name.is_empty());
        assert!(!e.mentions.is_empty(), "{e:?}");
        for m in &e.mentions {
            assert!(m.start < m.end && m.end <= text.len(), "{m:?} in {}", text.len());
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        assert!(e.mentions.windows(2).all(|w| w[0].start <= w[1].start));
        assert!(!e.aliases.contains(&e.name));
    }
}

const PIECES: &[&str] = &[
    "NATO",
    "NATO’s",
    "NATO's",
    "U.S.",
    "U.",
    "S.",
    "Inc.",
    "Ltd",
    "plc",
    "S.A.",
    "GmbH",
    "AG",
    "(",
    ")",
    "[3]",
    "[1][2]",
    "[",
    "]",
    "-",
    "–",
    "—",
    "\n",
    "\n\n",
    ",",
    ".",
    ":",
    ";",
    "?",
    "“",
    "”",
    "\"",
    "'",
    "’",
    "’s",
    "s'",
    "de",
    "van",
    "der",
    "la",
    "al",
    "bin",
    "and",
    "of",
    "the",
    "for",
    "on",
    "&",
    "The",
    "However",
    "On",
    "Tuesday",
    "November",
    "21",
    "5",
    "Article",
    "Jens",
    "Stoltenberg",
    "Secretary",
    "General",
    "President",
    "Mr",
    "Dr.",
    "Russian",
    "Palestinian-Israeli",
    "post-Cold",
    "Frankfurt-based",
    "War",
    "Treaty",
    "BAHRAIN",
    "WASHINGTON",
    "(Reuters)",
    "İstanbul",
    "Ǆemal",
    "ß",
    "ﬁ",
    "Ⅻ",
    "🙂",
    "X2",
    "G7",
    "McDonald’s",
    "O’Brien",
    "Chang'e",
    "People’s",
    "Workers'",
    "İ",
    "é",
    "e\u{301}",
    "Costa",
    "Marina",
    "Commission",
    "European",
    "Union",
    "(EU)",
    "Bank",
    "Japan",
    "said",
    "in",
    "city",
    "union",
    "a",
    "A",
    "I",
    "‐",
    "-x",
    "x-",
    "AT&T",
    "R21/Matrix-M",
];

fn newsy() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(PIECES);
    let sep = prop::sample::select(&[" ", "", " ", "\n", "  "][..]);
    prop::collection::vec((piece, sep), 0..120)
        .prop_map(|parts| parts.into_iter().flat_map(|(p, s)| [p, s]).collect::<String>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        check(&text, None);
    }

    #[test]
    fn printable_unicode_never_panics(text in "\\PC{0,300}") {
        check(&text, None);
    }

    #[test]
    fn news_like_text_yields_valid_ranges(text in newsy(), other in newsy()) {
        check(&text, None);
        let mut stats = CaseStats::default();
        stats.add_text(&text);
        stats.add_text(&other);
        check(&text, Some(&stats));
        check(&other, Some(&stats));
    }
}
