//! Entities across a corpus: the background pass that extracts them from every article, and
//! the index the app uses for facets, the corpus-wide sidebar and related articles.

use super::{CaseStats, Entity, Kind, extract};
use crate::{
    dups::Signature,
    store::{ArticleMeta, CorpusSource, LoadOptions, for_each_body_at},
};

pub use super::index::EntityIndex;

/// What the index keeps of one entity in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub name: String,
    pub kind: Kind,
    pub mentions: u32,
    pub aliases: Vec<String>,
}

impl From<Entity> for Found {
    fn from(e: Entity) -> Self {
        Self {
            name: e.name,
            kind: e.kind,
            mentions: e.mentions.len() as u32,
            aliases: e.aliases,
        }
    }
}

/// Progress and results of the background pass, in the order they happen.
#[derive(Debug, Clone)]
pub enum Pass {
    /// Casing statistics gathered (first pass done); extraction starts.
    Stats(std::sync::Arc<CaseStats>),
    /// Entities of articles `first..first + found.len()`, and their near-duplicate
    /// signatures (computed from the same read of each text), one per article.
    Found {
        first: usize,
        found: Vec<Vec<Found>>,
        sigs: Vec<Signature>,
    },
    Progress {
        done: usize,
        total: usize,
    },
}

impl Pass {
    /// Move the signatures a `Found` carries to the end of `into` (at `first`), leaving the
    /// pass without them: whoever groups copies keeps them, the app needs only the groups.
    pub fn take_sigs(&mut self, into: &mut Vec<Signature>) {
        if let Pass::Found { first, sigs, .. } = self {
            into.truncate(*first);
            into.resize(*first, Signature::NONE);
            into.append(sigs);
        }
    }
}

impl PartialEq for Pass {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Pass::Stats(a), Pass::Stats(b)) => std::sync::Arc::ptr_eq(a, b),
            (
                Pass::Found {
                    first: a,
                    found: x,
                    sigs: s,
                },
                Pass::Found {
                    first: b,
                    found: y,
                    sigs: t,
                },
            ) => a == b && x == y && s == t,
            (Pass::Progress { done: a, total: x }, Pass::Progress { done: b, total: y }) => a == b && x == y,
            _ => false,
        }
    }
}

/// How the entity pass shares the machine.
#[derive(Clone, Copy)]
pub struct Share<'a> {
    /// Threads to work on (at least one).
    pub threads: usize,
    /// Whether the user is at the keyboard: while they are, only one thread works, so the
    /// other core is theirs (the matcher's and the frame's).
    pub busy: &'a (dyn Fn() -> bool + Sync),
    /// Whether the caller wants entities at all: `--search`, `dump` and `export` do not, so an
    /// unchanged corpus's kept entities are not even decoded for them.
    pub wanted: bool,
}

impl Share<'_> {
    /// Every thread, always: for scripts and tests, where nobody types.
    pub fn all(threads: usize) -> Share<'static> {
        Share {
            threads,
            busy: &|| false,
            wanted: true,
        }
    }

    /// No entities wanted (they are still extracted for the catalog when it lacks them).
    pub fn unwanted(threads: usize) -> Share<'static> {
        Share {
            wanted: false,
            ..Share::all(threads)
        }
    }
}

/// Articles a worker takes at a time: small enough that results stream to the sidebar and a
/// paused worker stops soon, large enough that handing them out costs nothing.
const BATCH: usize = 256;
/// How long a worker that steps back for the user waits before it looks again.
const STEP_BACK: std::time::Duration = std::time::Duration::from_millis(50);

/// Extract the entities of every article: one pass for casing statistics (how each word is
/// written mid-sentence across the corpus), one to extract with them. Bodies are read again
/// from their files rather than kept in memory. Both passes hand batches of articles to
/// `share.threads` workers; results reach `sink` in the articles' order as they come, so the
/// sidebar fills while the pass runs.
pub fn extract_all(
    source: &CorpusSource,
    articles: &[ArticleMeta],
    opts: &LoadOptions,
    share: Share<'_>,
    sink: &mut dyn FnMut(Pass),
) {
    let total = articles.len();
    let mut stats = CaseStats::default();
    in_batches(
        total,
        share,
        &|range| {
            let mut part = CaseStats::default();
            for_each_body_at(source, articles, range, opts, &mut |_, body| {
                if let Some(body) = body {
                    part.add_text(&body);
                }
            });
            part
        },
        &mut |range, part| {
            stats.merge(&part);
            sink(Pass::Progress {
                done: range.end / 2,
                total,
            });
        },
    );
    let stats = std::sync::Arc::new(stats);
    sink(Pass::Progress { done: total / 2, total });
    sink(Pass::Stats(stats.clone()));
    if total == 0 {
        sink(Pass::Found {
            first: 0,
            found: Vec::new(),
            sigs: Vec::new(),
        });
        return;
    }
    in_batches(
        total,
        share,
        &|range| {
            let (mut found, mut sigs) = (Vec::with_capacity(range.len()), Vec::with_capacity(range.len()));
            for_each_body_at(source, articles, range, opts, &mut |_, body| {
                let (entities, sig) = body.map(|b| learn(&b, &stats)).unwrap_or_default();
                found.push(entities);
                sigs.push(sig);
            });
            (found, sigs)
        },
        &mut |range, (found, sigs)| {
            // Progress first: the last `Found` is what tells the app the pass is over.
            sink(Pass::Progress {
                done: total / 2 + range.end.div_ceil(2),
                total,
            });
            sink(Pass::Found {
                first: range.start,
                found,
                sigs,
            });
        },
    );
}

/// What one read of an article's text gives: its entities and its signature.
pub fn learn(body: &str, stats: &CaseStats) -> (Vec<Found>, Signature) {
    let entities = extract(body, Some(stats)).into_iter().map(Found::from).collect();
    (entities, crate::dups::signature(body))
}

/// Run `work` over `0..total` in batches of [`BATCH`] on the workers `share` allows, and give
/// each result to `take` in order. Every worker but the first steps back while the user types.
fn in_batches<T: Send>(
    total: usize,
    share: Share<'_>,
    work: &(dyn Fn(std::ops::Range<usize>) -> T + Sync),
    take: &mut dyn FnMut(std::ops::Range<usize>, T),
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let batches = total.div_ceil(BATCH);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel();
        for worker in 0..share.threads.clamp(1, batches.max(1)) {
            let (tx, next) = (tx.clone(), &next);
            scope.spawn(move || {
                loop {
                    // Stepping back only while there is work left: once every batch is taken,
                    // the pass must end whether or not the user is typing.
                    if worker > 0 && (share.busy)() && next.load(Ordering::Relaxed) < batches {
                        std::thread::sleep(STEP_BACK);
                        continue;
                    }
                    let b = next.fetch_add(1, Ordering::Relaxed);
                    if b >= batches {
                        return;
                    }
                    let range = b * BATCH..((b + 1) * BATCH).min(total);
                    if tx.send((b, work(range))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        for (b, result) in rx {
            waiting.insert(b, result);
            while let Some(result) = waiting.remove(&due) {
                take(due * BATCH..((due + 1) * BATCH).min(total), result);
                due += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(name: &str, kind: Kind) -> Found {
        Found {
            name: name.into(),
            kind,
            mentions: 1,
            aliases: vec![],
        }
    }

    #[test]
    fn the_pass_ends_while_the_user_types_and_gives_each_batch_in_order() {
        let share = Share {
            threads: 2,
            busy: &|| true,
            wanted: true,
        };
        let total = BATCH * 5 + 3;
        let mut seen = Vec::new();
        in_batches(total, share, &|range| range.clone(), &mut |range, result| {
            assert_eq!(range, result);
            seen.push(range);
        });
        let ends: Vec<usize> = seen.iter().map(|r| r.end).collect();
        assert_eq!(ends, vec![256, 512, 768, 1024, 1280, total]);
    }

    #[test]
    fn index_counts_and_relates() {
        let mut index = EntityIndex::default();
        index.add(0, &[found("NATO", Kind::Organization), found("Gaza", Kind::Place)]);
        index.add(1, &[found("NATO", Kind::Organization), found("Kyiv", Kind::Place)]);
        index.add(2, &[found("Gaza", Kind::Place), found("Hamas", Kind::Organization)]);
        let nato = index.find("NATO", Kind::Organization).unwrap();
        assert_eq!(index.postings[nato as usize], vec![0, 1]);
        let counts = index.counts(0..3);
        assert_eq!(index.names[counts[0].0 as usize], "Gaza");
        assert_eq!(counts[0].1, 2);
        let related: Vec<usize> = index.related(0, 5).into_iter().map(|(a, _)| a).collect();
        assert_eq!(related.len(), 2);
        assert!(index.mentions(2, index.find("Hamas", Kind::Organization).unwrap()));
    }
}
