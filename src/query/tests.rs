use jiff::civil::date;
use nucleo::{Config, Matcher};
use proptest::prelude::*;

use super::*;
use crate::library::{Annotation, Position, Quote, Register};
use crate::store::{Format, Origin};

const TODAY: Date = date(2026, 12, 3);

fn meta(source: Option<&str>, published: Option<Date>) -> ArticleMeta {
    ArticleMeta {
        id: "a".into(),
        title: "Talks in Geneva".into(),
        path: "a.txt".into(),
        source: source.map(str::to_string),
        url: None,
        author: None,
        date: None,
        published: published.map(|d| d.at(9, 30, 0, 0)),
        words: 10,
        truncated: false,
        format: Format::Text,
        origin: Origin::Seed(0),
        content: 0,
    }
}

fn reg<T>(value: T) -> Register<T> {
    Register {
        value,
        updated: 1,
        writer: 1,
        extra: crate::library::Extra::new(),
    }
}

fn passes(query: &str, meta: &ArticleMeta, state: Option<&ArticleState>) -> bool {
    let q = Query::parse_on(query, TODAY);
    assert!(q.errors.is_empty(), "{query}: {:?}", q.errors);
    q.passes(meta, state, &mut Matcher::new(Config::DEFAULT))
}

#[test]
fn operators_are_taken_out_of_the_fuzzy_text() {
    let q = Query::parse_on("geneva #Ukraine !is:read talks date:2024-03 source:reuters \\#5", TODAY);
    assert_eq!(q.text, "geneva talks #5");
    assert_eq!(q.ops.len(), 4);
    assert_eq!(q.ops[0].test, Test::Tag("ukraine".into()));
    assert!(q.ops[1].negated);
    assert_eq!(
        q.to_string(),
        "#ukraine !is:read date:2024-03 source:reuters geneva talks #5"
    );
    // Words with a colon that are not operators stay fuzzy: a URL, a time.
    assert_eq!(Query::parse_on("http://x.org 10:30", TODAY).text, "http://x.org 10:30");
}

#[test]
fn library_operators_test_the_articles_state() {
    let m = meta(None, None);
    let mut s = ArticleState {
        bookmark: Some(reg(true)),
        note: Some(reg("Watch the #Ceasefire talks".into())),
        ..ArticleState::default()
    };
    let mut ann = Annotation::new(Quote::default(), Position::default(), "see #geneva");
    ann.tags = vec!["sources".into()];
    s.annotations.insert("x".into(), ann);
    s.tags.insert("kyiv".into(), reg(true));
    s.tags.insert("removed".into(), reg(false));
    for q in [
        "is:bookmarked",
        "is:unread",
        "has:note",
        "has:annotation",
        "#ceasefire",
        "#geneva",
        "#sources",
        "#kyiv",
    ] {
        assert!(passes(q, &m, Some(&s)), "{q}");
    }
    for q in ["is:read", "#removed", "#talks", "!has:note", "!#kyiv"] {
        assert!(!passes(q, &m, Some(&s)), "{q}");
    }
    // An article the library knows nothing about is unread and carries nothing.
    assert!(passes("is:unread !is:bookmarked !has:note !#kyiv", &m, None));
    assert!(!passes("#kyiv", &m, None));
}

#[test]
fn dates_match_the_day_and_undated_articles_match_no_date_test() {
    let march = meta(None, Some(date(2024, 3, 5)));
    assert!(passes("date:2024-03", &march, None));
    assert!(passes("date:2024-03-05", &march, None));
    assert!(passes("date:2024-01..2024-06-15", &march, None));
    assert!(passes("date:>2024-01-15", &march, None));
    assert!(!passes("date:<2024", &march, None));
    assert!(passes("!date:2023", &march, None));
    let recent = meta(None, Some(date(2026, 11, 30)));
    assert!(passes("date:>-7d", &recent, None));
    assert!(!passes("date:>-7d", &march, None));
    let undated = meta(None, None);
    assert!(!passes("date:2024", &undated, None));
    assert!(!passes("!date:2024", &undated, None));
    assert!(Query::parse_on("date:2024", TODAY).tests_dates());
}

#[test]
fn source_is_fuzzy_on_the_source() {
    let m = meta(Some("Reuters World News"), None);
    assert!(passes("source:reuters", &m, None));
    assert!(passes("source:rtrs", &m, None));
    assert!(!passes("source:bbc", &m, None));
    assert!(passes("!source:bbc", &m, None));
    assert!(!passes("source:reuters", &meta(None, None), None));
}

#[test]
fn malformed_operators_are_reported_and_not_applied() {
    let q = Query::parse_on("talks date:2024-13 is:starred # has:x source:", TODAY);
    assert_eq!(q.text, "talks");
    assert!(q.ops.is_empty());
    assert_eq!(q.errors.len(), 5, "{:?}", q.errors);
    assert!(q.errors[0].contains("no month 13"));
    assert!(q.errors[1].contains("is:bookmarked"));
}

fn op() -> impl Strategy<Value = String> {
    let day = (1990i16..2030, 1i8..=12, 1i8..=28);
    prop_oneof![
        "[a-z][a-z0-9_-]{0,8}".prop_map(|t| format!("#{t}")),
        prop::sample::select(vec![
            "is:bookmarked",
            "is:read",
            "is:unread",
            "has:note",
            "has:annotation"
        ])
        .prop_map(str::to_string),
        day.prop_map(|(y, m, d)| format!("date:{y:04}-{m:02}-{d:02}")),
        (1990i16..2030).prop_map(|y| format!("date:>{y}")),
        (1u8..60).prop_map(|n| format!("date:>-{n}d")),
        "[a-z]{1,8}".prop_map(|s| format!("source:{s}")),
    ]
}

proptest! {
    /// Printing a parsed query and parsing it again gives the same query, negations included.
    #[test]
    fn queries_round_trip(ops in prop::collection::vec((any::<bool>(), op()), 0..5),
                          words in prop::collection::vec("[a-z]{1,6}", 0..4)) {
        let mut parts: Vec<String> = ops.iter().map(|(neg, o)| if *neg { format!("!{o}") } else { o.clone() }).collect();
        parts.extend(words.iter().cloned());
        let text = parts.join(" ");
        let q = Query::parse_on(&text, TODAY);
        prop_assert!(q.errors.is_empty(), "{:?}", q.errors);
        prop_assert_eq!(q.ops.len(), ops.len());
        prop_assert_eq!(q.text.clone(), words.join(" "));
        prop_assert_eq!(Query::parse_on(&q.to_string(), TODAY), q);
    }

    /// `!op` passes exactly when `op` fails, on any article, except a date test on an
    /// undated article, which neither passes.
    #[test]
    fn negation_is_the_complement(o in op(), dated in any::<bool>(), bookmarked in any::<bool>(),
                                  read in any::<bool>(), source in proptest::option::of("[a-z ]{0,12}")) {
        let m = meta(source.as_deref(), dated.then_some(date(2024, 3, 5)));
        let s = ArticleState { bookmark: Some(reg(bookmarked)), read: Some(reg(read)), ..ArticleState::default() };
        let plain = passes(&o, &m, Some(&s));
        let negated = passes(&format!("!{o}"), &m, Some(&s));
        if o.starts_with("date:") && !dated {
            prop_assert!(!plain && !negated);
        } else {
            prop_assert_ne!(plain, negated);
        }
    }

    /// Parsing never panics, and whatever is not an operator is kept as fuzzy text.
    #[test]
    fn parsing_any_text_is_total(text in "\\PC{0,40}") {
        let q = Query::parse_on(&text, TODAY);
        for word in q.text.split_whitespace() {
            prop_assert!(text.contains(word));
        }
    }
}
