//! `merge` must be a join (commutative, associative, idempotent) so that any number of
//! processes saving in any order converge, and a deletion must beat older edits.
//!
//! The generators use tiny domains for stamps, writers and values so that equal stamps with
//! different contents (the tie-break path) come up often.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dossier::library::{
    Annotation, ArticleState, CorpusState, EntityFix, Extra, HISTORY_MAX, History, HistoryEntry, Position, Quote,
    Register, SavedView, merge, merge_history,
};
use proptest::prelude::*;
use serde_json::Value;

fn extra() -> impl Strategy<Value = Extra> {
    prop::collection::btree_map("[xy]", 0i64..3, 0..2)
        .prop_map(|m| m.into_iter().map(|(k, v)| (k, Value::from(v))).collect())
}

fn register<T: std::fmt::Debug + Clone>(value: impl Strategy<Value = T>) -> impl Strategy<Value = Option<Register<T>>> {
    prop::option::of(
        (value, 0u64..5, 0u64..3, extra()).prop_map(|(value, updated, writer, extra)| Register {
            value,
            updated,
            writer,
            extra,
        }),
    )
}

fn annotation() -> impl Strategy<Value = Annotation> {
    (
        "[ab]{0,2}",
        0usize..3,
        "[n]{0,2}",
        0u64..5,
        0u64..3,
        any::<bool>(),
        prop::collection::vec("[tu]", 0..2),
    )
        .prop_map(|(exact, start, note, updated, writer, deleted, tags)| Annotation {
            quote: Quote {
                exact,
                ..Default::default()
            },
            position: Position {
                start,
                end: start + 1,
                ..Default::default()
            },
            note,
            created: 0,
            updated,
            writer,
            deleted,
            tags,
            extra: Extra::new(),
        })
}

fn article() -> impl Strategy<Value = ArticleState> {
    (
        register(any::<bool>()),
        register("[ab]{0,2}"),
        register(any::<bool>()),
        register(0usize..3),
        prop::collection::btree_map("[pq]", annotation(), 0..3),
        tags(),
        extra(),
    )
        .prop_map(
            |(bookmark, note, read, position, annotations, tags, extra)| ArticleState {
                bookmark,
                note,
                read,
                position,
                annotations,
                tags,
                extra,
            },
        )
}

/// Tag cells: on, or taken off (`false`), with clashing stamps.
fn tags() -> impl Strategy<Value = std::collections::BTreeMap<String, Register<bool>>> {
    prop::collection::btree_map("[tu]", register(any::<bool>()), 0..3)
        .prop_map(|m| m.into_iter().filter_map(|(k, v)| Some((k, v?))).collect())
}

fn corpus() -> impl Strategy<Value = CorpusState> {
    let view = prop::option::of(("[ab]{0,2}", "[st]{0,1}").prop_map(|(query, sort)| SavedView {
        query,
        sort,
        ..SavedView::default()
    }));
    // Entity corrections: a type, a merge, a split, hidden, or taken back (`None`).
    let fix = prop::option::of(
        (
            prop::option::of("person|place"),
            any::<bool>(),
            prop::option::of("[xy]"),
            prop::collection::vec("[xy]", 0..2),
        )
            .prop_map(|(kind, hidden, into, split)| EntityFix {
                kind,
                hidden,
                into,
                split,
                ..EntityFix::default()
            }),
    );
    (
        prop::collection::btree_map("[abc]", article(), 0..3),
        register("[nt]{0,1}"),
        prop::collection::btree_map("[vw]", register(view), 0..2),
        prop::collection::btree_map("[xyz]", register(fix), 0..3),
        extra(),
    )
        .prop_map(|(articles, sort, views, entities, extra)| CorpusState {
            articles,
            sort,
            views: views.into_iter().filter_map(|(k, v)| Some((k, v?))).collect(),
            entities: entities.into_iter().filter_map(|(k, v)| Some((k, v?))).collect(),
            extra,
            ..CorpusState::new("k")
        })
}

fn history() -> impl Strategy<Value = History> {
    // Up to 150 entries over ~700 possible queries, so truncation to HISTORY_MAX happens.
    prop::collection::vec(("[a-z]{1,2}", 0u64..40, 0u64..3, extra()), 0..150).prop_map(|v| History {
        entries: v
            .into_iter()
            .map(|(query, updated, writer, extra)| HistoryEntry {
                query,
                updated,
                writer,
                extra,
            })
            .collect(),
        ..History::default()
    })
}

/// The largest stamp annotation `p` of article `a` has in any of the states.
fn max_stamp(states: &[&CorpusState]) -> u64 {
    states
        .iter()
        .filter_map(|s| s.articles.get("a")?.annotations.get("p").map(|x| x.updated))
        .max()
        .unwrap_or(0)
}

fn tombstone(updated: u64) -> Annotation {
    Annotation {
        deleted: true,
        updated,
        writer: 0,
        ..Annotation::new(Quote::default(), Position::default(), "")
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn merge_is_commutative(a in corpus(), b in corpus()) {
        prop_assert_eq!(merge(&a, &b), merge(&b, &a));
    }

    #[test]
    fn merge_is_idempotent(a in corpus()) {
        prop_assert_eq!(merge(&a, &a), a);
    }

    #[test]
    fn merge_is_associative(a in corpus(), b in corpus(), c in corpus()) {
        prop_assert_eq!(merge(&merge(&a, &b), &c), merge(&a, &merge(&b, &c)));
    }

    #[test]
    fn a_deletion_beats_older_edits(a in corpus(), b in corpus(), c in corpus()) {
        // `b` deletes annotation p after every edit that `a` and `c` know of.
        let stamp = max_stamp(&[&a, &b, &c]) + 1;
        let mut b = b;
        b.articles
            .entry("a".into())
            .or_default()
            .annotations
            .insert("p".into(), tombstone(stamp));
        for merged in [
            merge(&a, &b),
            merge(&b, &a),
            merge(&merge(&a, &b), &c),
            merge(&c, &merge(&b, &a)),
        ] {
            let p = &merged.articles["a"].annotations["p"];
            prop_assert!(p.deleted, "resurrected: {p:?}");
        }
    }

    #[test]
    fn a_newer_edit_beats_a_deletion(a in corpus()) {
        // Last writer wins both ways: an edit made after the deletion is kept (nothing the
        // user wrote later is discarded).
        let stamp = max_stamp(&[&a]) + 1;
        let mut deleted = a.clone();
        deleted.articles.entry("a".into()).or_default().annotations.insert("p".into(), tombstone(stamp));
        let mut edited = a;
        let mut ann = tombstone(stamp + 1);
        ann.deleted = false;
        ann.note = "later".into();
        edited.articles.entry("a".into()).or_default().annotations.insert("p".into(), ann);
        let merged = merge(&deleted, &edited);
        prop_assert!(!merged.articles["a"].annotations["p"].deleted);
    }

    #[test]
    fn history_merge_is_a_join(a in history(), b in history(), c in history()) {
        // Stored histories are normalised; merging with the empty history normalises.
        let norm = |h: &History| merge_history(h, &History::default());
        let (a, b, c) = (norm(&a), norm(&b), norm(&c));
        prop_assert_eq!(merge_history(&a, &b), merge_history(&b, &a));
        prop_assert_eq!(merge_history(&a, &a), a.clone());
        prop_assert_eq!(
            merge_history(&merge_history(&a, &b), &c),
            merge_history(&a, &merge_history(&b, &c))
        );
        let m = merge_history(&a, &b);
        prop_assert!(m.entries.len() <= HISTORY_MAX);
        let mut seen = std::collections::BTreeSet::new();
        for e in &m.entries {
            prop_assert!(seen.insert(e.query.clone()), "duplicate {}", e.query);
        }
        prop_assert!(m.entries.windows(2).all(|w| (w[0].updated, w[0].writer) <= (w[1].updated, w[1].writer)));
    }
}
