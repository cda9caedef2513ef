//! The matcher itself: articles' fields as nucleo strings, matched on every core in chunks.
//!
//! nucleo's high-level `Nucleo` matches one string per item (or all columns at once), which
//! cannot say "each term inside one field, any field": so this drives `nucleo::Matcher`
//! directly. A pass splits the articles still to be checked into chunks that the threads take
//! in turn; between chunks each thread asks whether a newer query has made the pass moot, and
//! the calling thread hands out the results found so far every [`PARTIAL_EVERY`].

use std::{
    sync::{
        Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use nucleo::{Config, Matcher};

use super::{Item, Results, query::Query, query::article_of};

/// Articles a thread matches before it looks up again: small enough that a newer query stops
/// a pass within a millisecond or two, large enough that taking a chunk costs nothing.
const CHUNK: usize = 4096;
/// How often a running pass hands out what it has found so far.
pub const PARTIAL_EVERY: Duration = Duration::from_millis(15);

/// Every article's fields, the current query, and how far matching it has come.
pub struct Engine {
    items: Vec<Item>,
    text: String,
    query: Query,
    /// Rank keys of the matches found so far, best first (see `Query::key`).
    matched: Vec<u64>,
    /// Articles still to be checked against the query, in corpus order.
    todo: Vec<u32>,
    threads: usize,
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine {
    pub fn new() -> Self {
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Self {
            items: Vec::new(),
            text: String::new(),
            query: Query::default(),
            matched: Vec::new(),
            todo: Vec::new(),
            threads,
        }
    }

    /// How many articles have been handed to the matcher.
    pub fn pushed(&self) -> usize {
        self.items.len()
    }

    /// The next articles, in corpus order from article `self.pushed()`; they are matched
    /// against the current query by the next pass, and their matches join the others.
    pub fn push(&mut self, items: impl IntoIterator<Item = Item>) {
        let from = self.items.len();
        self.items.extend(items);
        if !self.query.is_empty() {
            self.todo.extend(index(from)..index(self.items.len()));
        }
    }

    /// Every article anew (their entity names became known): the query is matched again.
    pub fn replace(&mut self, items: Vec<Item>) {
        self.items = items;
        self.matched.clear();
        self.todo.clear();
        if !self.query.is_empty() {
            self.todo.extend(0..index(self.items.len()));
        }
    }

    /// One article's fields anew: it is matched again, the others keep their results.
    pub fn set(&mut self, article: u32, item: Item) {
        self.set_many(vec![(article, item)]);
    }

    /// Some articles' fields anew, in one pass over the matches (not one per article).
    pub fn set_many(&mut self, items: Vec<(u32, Item)>) {
        let mut changed = std::collections::HashSet::new();
        for (article, item) in items {
            if let Some(slot) = self.items.get_mut(article as usize) {
                *slot = item;
                changed.insert(article);
            }
        }
        if changed.is_empty() {
            return;
        }
        self.matched.retain(|&k| !changed.contains(&article_of(k)));
        if !self.query.is_empty() {
            self.todo.extend(changed);
            self.todo.sort_unstable();
            self.todo.dedup();
        }
    }

    /// Re-pattern. When the new query only narrows the old one, only the old one's matches
    /// (and whatever it had not checked yet) are checked again.
    pub fn set_query(&mut self, text: &str) {
        if text == self.text {
            return;
        }
        let query = Query::parse(text);
        self.text = text.to_string();
        if query == self.query {
            // A space typed, say: the same terms, the same results.
            return;
        }
        if query.narrows(&self.query) && !self.query.is_empty() {
            self.todo.extend(self.matched.iter().map(|&k| article_of(k)));
            self.todo.sort_unstable();
        } else {
            self.todo.clear();
            if !query.is_empty() {
                self.todo.extend(0..index(self.items.len()));
            }
        }
        self.matched.clear();
        self.query = query;
    }

    /// The query being matched, as typed.
    pub fn query(&self) -> &str {
        &self.text
    }

    /// Articles are still waiting to be checked against the query.
    pub fn running(&self) -> bool {
        !self.todo.is_empty()
    }

    /// The results so far, as article indices best first; every article, in order, for the
    /// empty query.
    pub fn results(&self) -> Results {
        let order = if self.query.is_empty() {
            (0..index(self.items.len())).collect()
        } else {
            self.matched.iter().map(|&k| article_of(k)).collect()
        };
        Results {
            query: self.text.clone(),
            order,
        }
    }

    /// Match everything still to be matched, on this thread and the others.
    pub fn settle(&mut self) -> Results {
        self.run(&|| false, &mut |_| {});
        self.results()
    }

    /// Match what is still to be matched until done or until `stop` says so (it is asked
    /// between chunks, on every thread); `partial` gets the results so far every
    /// [`PARTIAL_EVERY`]. A stopped pass keeps what it found and what it had not checked, so
    /// the next query can narrow from there.
    pub fn run(&mut self, stop: &(dyn Fn() -> bool + Sync), partial: &mut dyn FnMut(Results)) {
        if self.todo.is_empty() {
            return;
        }
        let todo = std::mem::take(&mut self.todo);
        let chunks: Vec<&[u32]> = todo.chunks(CHUNK).collect();
        let next = AtomicUsize::new(0);
        let found: Mutex<Vec<Vec<u64>>> = Mutex::new(Vec::new());
        let (items, query) = (&self.items[..], &self.query);
        // One chunk per thread-turn; a chunk taken is always finished, so after the scope the
        // first `next` chunks are done and the rest are not.
        let take = || {
            if stop() {
                return None;
            }
            let c = next.fetch_add(1, Ordering::Relaxed);
            chunks.get(c).copied()
        };
        let work = |matcher: &mut Matcher, chunk: &[u32]| {
            let mut keys: Vec<u64> = chunk
                .iter()
                .filter_map(|&a| query.key(&items[a as usize], a, matcher))
                .collect();
            keys.sort_unstable_by(|a, b| b.cmp(a));
            keys
        };
        let helpers = self.threads.min(chunks.len()).saturating_sub(1);
        std::thread::scope(|scope| {
            for _ in 0..helpers {
                scope.spawn(|| {
                    let mut matcher = Matcher::new(Config::DEFAULT);
                    while let Some(chunk) = take() {
                        let keys = work(&mut matcher, chunk);
                        lock(&found).push(keys);
                    }
                });
            }
            let mut matcher = Matcher::new(Config::DEFAULT);
            let mut reported = Instant::now();
            while let Some(chunk) = take() {
                let keys = work(&mut matcher, chunk);
                lock(&found).push(keys);
                // Merged only when shown: merging after every chunk would cost a copy of all
                // matches per chunk.
                if reported.elapsed() >= PARTIAL_EVERY {
                    merge(&mut self.matched, &std::mem::take(&mut *lock(&found)));
                    partial(Results {
                        query: self.text.clone(),
                        order: self.matched.iter().map(|&k| article_of(k)).collect(),
                    });
                    reported = Instant::now();
                }
            }
        });
        merge(&mut self.matched, &std::mem::take(&mut *lock(&found)));
        let done = next.load(Ordering::Relaxed).min(chunks.len());
        let rest: Vec<u32> = chunks[done..].concat();
        self.todo = rest;
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A matcher thread that panicked leaves its chunk's results out; the rest still hold.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Merge sorted (best first) runs of rank keys into `matched`, sorted the same way.
fn merge(matched: &mut Vec<u64>, runs: &[Vec<u64>]) {
    let mut new = runs.concat();
    if new.is_empty() {
        return;
    }
    new.sort_unstable_by(|a, b| b.cmp(a));
    if matched.is_empty() {
        *matched = new;
        return;
    }
    let mut out = Vec::with_capacity(matched.len() + new.len());
    let (mut a, mut b) = (matched.iter().peekable(), new.iter().peekable());
    while let (Some(&&x), Some(&&y)) = (a.peek(), b.peek()) {
        if x >= y {
            out.push(x);
            a.next();
        } else {
            out.push(y);
            b.next();
        }
    }
    out.extend(a);
    out.extend(b);
    *matched = out;
}

fn index(n: usize) -> u32 {
    crate::store::article_number(n)
}
