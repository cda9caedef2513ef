use std::collections::{BTreeMap, HashMap};

use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;
use crate::library::export::export_json_ld;
use crate::library::model::SavedView;

const TEXT: &str = "The minister said on Tuesday that the talks would resume. Critics disagreed. \
                    The minister said little else.";

fn index() -> Index {
    Index::new([
        Article {
            id: "a1",
            url: Some("https://news.example/story-1"),
            title: "Talks resume",
        },
        Article {
            id: "a2",
            url: Some("https://news.example/other"),
            title: "Other",
        },
    ])
}

fn texts() -> HashMap<String, String> {
    HashMap::from([("a1".to_owned(), TEXT.to_owned())])
}

fn import(doc: &Value) -> Imported {
    let parsed = parse(doc.to_string().as_bytes()).unwrap();
    build(&parsed, "k", &index(), &texts())
}

fn hypothesis(position: (usize, usize)) -> Value {
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://hypothes.is/a/abc123",
        "created": "2024-03-05T10:00:00.123456+00:00",
        "modified": "2024-03-06T10:00:00+00:00",
        "motivation": "commenting",
        "body": [
            {"type": "TextualBody", "value": "Which minister?", "format": "text/markdown"},
            {"type": "TextualBody", "purpose": "tagging", "value": "Foreign Policy"}
        ],
        "target": [{
            "source": "http://www.news.example/story-1/#section",
            "selector": [
                {"type": "RangeSelector", "startContainer": "/p[1]"},
                {"type": "TextPositionSelector", "start": position.0, "end": position.1},
                {"type": "TextQuoteSelector", "exact": "The minister said",
                 "prefix": "Critics disagreed. ", "suffix": " little else."}
            ]
        }]
    })
}

#[test]
fn hypothesis_annotation_anchors_by_quote_and_context() {
    // The position points at the first "The minister said"; the context names the second.
    let out = import(&hypothesis((0, 17)));
    assert_eq!(
        (out.report.annotations, out.report.anchored),
        (1, 1),
        "{:?}",
        out.report
    );
    let article = &out.state.articles["a1"];
    let (_, ann) = article.live_annotations()[0];
    let second = TEXT.rfind("The minister").unwrap();
    assert_eq!(ann.position.start, TEXT[..second].chars().count());
    assert_eq!(ann.note, "Which minister?");
    assert_eq!(ann.tags, ["foreign-policy"]);
    assert_eq!(ann.updated, parse_stamp("2024-03-06T10:00:00Z").unwrap());
    assert_eq!(ann.created, 1_709_632_800_123);
}

#[test]
fn ids_are_stable_and_dossiers_own_are_kept() {
    let a = import(&hypothesis((0, 17)));
    let b = import(&hypothesis((3, 9)));
    assert_eq!(
        a.state.articles["a1"].annotations.keys().collect::<Vec<_>>(),
        b.state.articles["a1"].annotations.keys().collect::<Vec<_>>()
    );
    let own = json!({"type": "Annotation", "id": "urn:dossier:annotation:0001-x",
        "target": {"source": "a1", "selector": {"type": "TextQuoteSelector", "exact": "Critics"}}});
    let out = import(&own);
    assert!(out.state.articles["a1"].annotations.contains_key("0001-x"));
}

#[test]
fn orphans_are_kept_and_reported() {
    let doc = json!([
        {"type": "Annotation", "target": {"source": "a1",
            "selector": {"type": "TextQuoteSelector", "exact": "words never written"}}, "bodyValue": "mine"},
        {"type": "Annotation", "target": {"source": "https://elsewhere.example/x",
            "selector": {"type": "TextQuoteSelector", "exact": "elsewhere"}}},
    ]);
    let out = import(&doc);
    assert_eq!(out.report.annotations, 2);
    assert_eq!(out.report.anchored, 0);
    let whys: Vec<OrphanWhy> = out.report.orphans.iter().map(|o| o.why).collect();
    assert_eq!(whys, [OrphanWhy::NotInText, OrphanWhy::NoArticle]);
    assert_eq!(out.state.articles["a1"].live_annotations()[0].1.note, "mine");
    assert_eq!(
        out.state.articles["https://elsewhere.example/x"].live_annotations()[0]
            .1
            .quote
            .exact,
        "elsewhere"
    );
    assert!(
        out.report
            .lines()
            .iter()
            .any(|l| l.starts_with("orphaned: annotation 2 ([1])"))
    );
}

#[test]
fn malformed_entries_are_reported_with_their_place() {
    let doc = json!({"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [
        {"type": "Annotation", "motivation": "bookmarking", "target": "a2"},
        {"type": "Annotation", "target": {"selector": []}},
        "a string",
        {"type": "Annotation", "target": "a1", "modified": "yesterday", "bodyValue": "note"},
    ]}});
    let out = import(&doc);
    assert_eq!((out.report.bookmarks, out.report.notes), (1, 1));
    let skipped: Vec<String> = out.report.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        [
            "annotation 2 (first.items[1]): no target.source",
            "annotation 3 (first.items[2]): not a JSON object"
        ]
    );
    assert!(
        out.report.warnings[0]
            .to_string()
            .contains("annotation 4 (first.items[3]): modified")
    );
}

#[test]
fn syntax_errors_say_line_and_column() {
    let err = parse(b"{\n  \"type\": \"Annotation\",\n  oops\n}").unwrap_err();
    let ParseError::Syntax { line, column, .. } = &err;
    assert_eq!((*line, *column), (3, 3), "{err}");
    // JSON Lines: the good lines are read, the broken one reported where it is.
    let lines = b"{\"type\":\"Annotation\",\"target\":\"a1\",\"bodyValue\":\"one\"}\n{broken\n\
                  {\"type\":\"Annotation\",\"target\":\"a2\",\"bodyValue\":\"two\"}\n";
    let parsed = parse(lines).unwrap();
    assert_eq!(parsed.entries.len(), 2);
    assert_eq!(parsed.entries[1].at, "line 3");
    assert_eq!(parsed.skipped[0].at, "line 2, column 2");
}

#[test]
fn hypothesis_api_rows_are_read() {
    let doc = json!({"total": 2, "rows": [
        {"id": "r1", "uri": "https://news.example/story-1", "text": "page note", "tags": ["x"],
         "updated": "2024-01-01T00:00:00Z", "target": [{"source": "https://news.example/story-1"}]},
        {"id": "r2", "uri": "https://unknown.example/", "text": "", "tags": [],
         "document": {"title": ["Talks  resume"]},
         "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "Critics disagreed."}]}]},
    ]});
    let out = import(&doc);
    assert_eq!(out.state.articles["a1"].note(), "page note");
    assert!(out.state.articles["a1"].tags.contains_key("x"));
    // Matched by the document's title when the address is another one.
    assert_eq!((out.report.annotations, out.report.anchored), (1, 1));
}

#[test]
fn urls_match_up_to_trivial_differences() {
    assert_eq!(
        normalize_url("HTTP://WWW.News.example/a/#frag"),
        normalize_url("https://news.example/a")
    );
    assert_ne!(
        normalize_url("https://news.example/a"),
        normalize_url("https://news.example/b")
    );
    let shared = Index::new([
        Article {
            id: "x",
            url: Some("https://a.example/"),
            title: "Same",
        },
        Article {
            id: "y",
            url: Some("https://a.example"),
            title: "Same",
        },
    ]);
    assert_eq!(shared.resolve("https://a.example", Some("Same")), None, "ambiguous");
}

#[test]
fn terminal_output_is_sanitised() {
    let doc = json!({"type": "Annotation", "target": {"source": "\u{1b}[31mevil\u{9b}2J",
        "selector": {"type": "TextQuoteSelector", "exact": "bad\u{7}"}}});
    for line in import(&doc).report.lines() {
        assert!(!line.chars().any(char::is_control), "{line:?}");
    }
}

fn tag() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,8}"
}

fn annotation() -> impl Strategy<Value = Annotation> {
    (
        ".{1,20}",
        ".{0,5}",
        ".{0,5}",
        (0usize..500, 0usize..50),
        ".{0,20}",
        (0u64..4_000_000_000, 0u64..1000),
        proptest::collection::btree_set(tag(), 0..3),
    )
        .prop_map(|(exact, prefix, suffix, (start, len), note, (secs, later), tags)| {
            // What a library holds came through the app or an import: clean text.
            let quote = Quote {
                exact: clean(&exact),
                prefix: clean(&prefix),
                suffix: clean(&suffix),
                extra: Extra::new(),
            };
            let position = Position {
                start,
                end: start + len,
                extra: Extra::new(),
            };
            Annotation {
                created: secs * 1000,
                updated: (secs + later) * 1000 + 7,
                writer: 42,
                tags: tags.into_iter().collect(),
                ..Annotation::new(quote, position, clean(&note))
            }
        })
}

fn clean(text: &str) -> String {
    crate::store::sanitize::sanitize(text.as_bytes())
}

fn article() -> impl Strategy<Value = ArticleState> {
    (
        any::<bool>(),
        ".{0,20}",
        proptest::collection::btree_map("[a-z0-9]{1,6}", annotation(), 0..3),
        proptest::collection::btree_set(tag(), 0..3),
        0u64..4_000_000_000_000,
    )
        .prop_map(|(bookmark, note, annotations, tags, at)| ArticleState {
            bookmark: bookmark.then(|| register(true, at)),
            note: Some(register(clean(&note), at)),
            annotations,
            tags: tags.into_iter().map(|t| (t, register(true, 1))).collect(),
            ..ArticleState::default()
        })
}

fn corpus_state() -> impl Strategy<Value = CorpusState> {
    (
        proptest::collection::btree_map(".{1,12}", article(), 0..4),
        proptest::collection::btree_map("[a-z]{1,6}", ".{0,10}", 0..2),
    )
        .prop_map(|(articles, views)| {
            let mut state = CorpusState::new("k");
            state.articles = articles;
            state.views = views
                .into_iter()
                .map(|(name, query)| {
                    let view = SavedView {
                        query,
                        ..SavedView::default()
                    };
                    (name, register(Some(view), 5))
                })
                .collect();
            state
        })
}

proptest! {
    /// Without the corpus every passage is an orphan, kept as written: the export of what
    /// was imported is the export imported.
    #[test]
    fn any_export_imports_back(state in corpus_state()) {
        let exported = export_json_ld(&state);
        let parsed = parse(exported.to_string().as_bytes()).unwrap();
        prop_assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
        let imported = build(&parsed, "k", &Index::default(), &HashMap::new());
        prop_assert_eq!(export_json_ld(&imported.state), exported);
        // And a second import changes nothing.
        let again = merge(&imported.state, &build(&parsed, "k", &Index::default(), &HashMap::new()).state);
        prop_assert_eq!(again, imported.state);
    }

    #[test]
    fn arbitrary_json_never_panics(doc in json_value()) {
        if let Ok(parsed) = parse(doc.to_string().as_bytes()) {
            let _ = build(&parsed, "k", &index(), &texts()).report.lines();
        }
    }
}

/// JSON values biased towards annotation-shaped objects.
fn json_value() -> impl Strategy<Value = Value> {
    let keys = prop_oneof![
        Just("type"),
        Just("target"),
        Just("source"),
        Just("selector"),
        Just("exact"),
        Just("start"),
        Just("end"),
        Just("body"),
        Just("value"),
        Just("purpose"),
        Just("items"),
        Just("first"),
        Just("rows"),
        Just("motivation"),
        Just("modified"),
        Just("dossier:views"),
        Just("text"),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![
            Just("Annotation"),
            Just("TextQuoteSelector"),
            Just("TextPositionSelector"),
            Just("tagging"),
            Just("AnnotationPage"),
            Just("bookmarking"),
            Just("a1"),
            Just("minister"),
        ]
        .prop_map(Value::from),
        ".{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            proptest::collection::btree_map(keys.clone(), inner, 0..6).prop_map(|m: BTreeMap<&str, Value>| {
                Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}
