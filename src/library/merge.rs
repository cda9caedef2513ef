//! Merging two copies of the state, e.g. memory and what another process saved meanwhile.
//!
//! Each editable item is a last-writer-wins cell ordered by `(updated, writer)`, with the
//! item's canonical JSON as a final tie-break, so the order is total and `merge` is a join:
//! commutative, associative and idempotent. That is what lets any number of processes save
//! in any order and still converge. Deletions are ordinary cells (`deleted: true`) and win
//! exactly when they are newer.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::model::{Annotation, ArticleState, CorpusState, Extra, HISTORY_MAX, History, HistoryEntry, Register};

fn canonical<T: Serialize>(item: &T) -> String {
    // Serialising plain data with string keys cannot fail; an empty string is a harmless
    // fallback that keeps the order total anyway.
    serde_json::to_string(item).unwrap_or_default()
}

/// The total order behind every merge decision.
fn newer<'a, T: Serialize>(a: &'a T, ka: (u64, u64), b: &'a T, kb: (u64, u64)) -> &'a T {
    match ka.cmp(&kb) {
        Ordering::Greater => a,
        Ordering::Less => b,
        Ordering::Equal => {
            if canonical(a) >= canonical(b) {
                a
            } else {
                b
            }
        }
    }
}

fn merge_register<T: Serialize + Clone>(a: Option<&Register<T>>, b: Option<&Register<T>>) -> Option<Register<T>> {
    match (a, b) {
        (Some(x), Some(y)) => Some(newer(x, (x.updated, x.writer), y, (y.updated, y.writer)).clone()),
        (Some(x), None) | (None, Some(x)) => Some(x.clone()),
        (None, None) => None,
    }
}

fn newer_register<T: Serialize + Clone>(a: &Register<T>, b: &Register<T>) -> Register<T> {
    newer(a, (a.updated, a.writer), b, (b.updated, b.writer)).clone()
}

fn merge_annotation<'a>(a: &'a Annotation, b: &'a Annotation) -> &'a Annotation {
    newer(a, (a.updated, a.writer), b, (b.updated, b.writer))
}

/// Unknown fields carry no timestamps, so a conflict is settled by the canonical order alone:
/// arbitrary but the same in every process.
pub fn merge_extra(a: &Extra, b: &Extra) -> Extra {
    let mut out = a.clone();
    for (key, value) in b {
        match out.get(key) {
            Some(mine) if canonical(mine) >= canonical(value) => {}
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    out
}

fn merge_maps<V: Clone>(
    a: &BTreeMap<String, V>,
    b: &BTreeMap<String, V>,
    both: impl Fn(&V, &V) -> V,
) -> BTreeMap<String, V> {
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .map(|k| {
            let v = match (a.get(k), b.get(k)) {
                (Some(x), Some(y)) => both(x, y),
                (Some(x), None) | (None, Some(x)) => x.clone(),
                (None, None) => unreachable!("key came from one of the maps"),
            };
            (k.clone(), v)
        })
        .collect()
}

pub fn merge_article(a: &ArticleState, b: &ArticleState) -> ArticleState {
    ArticleState {
        bookmark: merge_register(a.bookmark.as_ref(), b.bookmark.as_ref()),
        note: merge_register(a.note.as_ref(), b.note.as_ref()),
        read: merge_register(a.read.as_ref(), b.read.as_ref()),
        position: merge_register(a.position.as_ref(), b.position.as_ref()),
        annotations: merge_maps(&a.annotations, &b.annotations, |x, y| merge_annotation(x, y).clone()),
        tags: merge_maps(&a.tags, &b.tags, newer_register),
        extra: merge_extra(&a.extra, &b.extra),
    }
}

/// Merge two copies of a corpus's state, item by item.
pub fn merge(a: &CorpusState, b: &CorpusState) -> CorpusState {
    CorpusState {
        schema: a.schema.max(b.schema),
        corpus: a.corpus.clone().max(b.corpus.clone()),
        articles: merge_maps(&a.articles, &b.articles, merge_article),
        sort: merge_register(a.sort.as_ref(), b.sort.as_ref()),
        views: merge_maps(&a.views, &b.views, newer_register),
        ungrouped: merge_register(a.ungrouped.as_ref(), b.ungrouped.as_ref()),
        entities: merge_maps(&a.entities, &b.entities, newer_register),
        extra: merge_extra(&a.extra, &b.extra),
    }
}

fn history_key(e: &HistoryEntry) -> (u64, u64, &str) {
    (e.updated, e.writer, e.query.as_str())
}

/// Put entries into the stored form: one per query (the newest), oldest first, at most
/// `HISTORY_MAX`. Keeping the newest N of a union under a total order is itself associative,
/// so truncating inside `merge_history` does not break convergence.
pub fn normalize_history(entries: impl IntoIterator<Item = HistoryEntry>) -> Vec<HistoryEntry> {
    let mut best: BTreeMap<String, HistoryEntry> = BTreeMap::new();
    for e in entries {
        match best.get(&e.query) {
            Some(have)
                if std::ptr::eq(
                    newer(have, (have.updated, have.writer), &e, (e.updated, e.writer)),
                    have,
                ) => {}
            _ => {
                best.insert(e.query.clone(), e);
            }
        }
    }
    let mut out: Vec<HistoryEntry> = best.into_values().collect();
    out.sort_by(|x, y| history_key(x).cmp(&history_key(y)));
    let excess = out.len().saturating_sub(HISTORY_MAX);
    out.drain(..excess);
    out
}

pub fn merge_history(a: &History, b: &History) -> History {
    History {
        schema: a.schema.max(b.schema),
        entries: normalize_history(a.entries.iter().chain(&b.entries).cloned()),
        extra: merge_extra(&a.extra, &b.extra),
    }
}
