//! The threads behind full-text search in the reader: a builder that opens (or repairs) the
//! index and brings it up to date in the background, and a searcher that answers queries and
//! cuts snippets, so neither ever blocks a frame.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::mpsc::{Receiver, Sender, channel},
    thread,
    time::Duration,
};

use super::{Prepared, SearchIndex, Snippet, build, lock_writer};
use crate::{
    report::Report,
    store::{ArticleMeta, CorpusSource, LoadOptions, read_body},
};

/// Most results a query lists: enough to page through, few enough to rank and send at once.
pub const RESULT_LIMIT: usize = 10_000;

/// Where the index is, for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexStatus {
    Opening,
    /// Indexing new or changed articles; `committed` when more of them just became searchable.
    Building {
        done: usize,
        total: usize,
        committed: bool,
    },
    Ready {
        docs: u64,
    },
    /// Another dossier is building it: searches see what it has committed so far.
    Shared {
        docs: u64,
    },
    Unavailable(String),
}

pub enum Request {
    /// The builder hands over the open index and the map from keys to article positions.
    Attach {
        index: Box<SearchIndex>,
        keys: HashMap<u64, u32>,
        /// Where to say that the index failed a query, so its builder clears and rebuilds it.
        broken: Sender<String>,
    },
    Search {
        generation: u64,
        text: String,
    },
    /// Snippets of these articles for the results of `generation`.
    Snippets {
        generation: u64,
        source: CorpusSource,
        articles: Vec<(u32, ArticleMeta)>,
    },
    /// Answered with [`Reply::Pong`] once everything asked before it is answered.
    Ping,
}

/// What the corpus loader needs to build the index once the corpus is loaded.
#[derive(Clone)]
pub struct BuildJob {
    pub cache_dir: PathBuf,
    pub requests: Sender<Request>,
    pub replies: Report<Reply>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Results {
        generation: u64,
        /// Article positions, best first.
        hits: Vec<u32>,
        total: usize,
        error: Option<String>,
    },
    Snippets {
        generation: u64,
        snippets: Vec<(u32, Snippet)>,
    },
    Status(IndexStatus),
    /// The index on disk could not be trusted and was cleared and built again: why.
    Repaired(String),
    Pong,
}

/// The searcher thread's handle.
pub struct Worker {
    pub requests: Sender<Request>,
    replies: Report<Reply>,
}

impl Worker {
    /// Start the searcher; its answers (and the index builder's progress) go to `replies`.
    #[must_use]
    pub fn spawn(opts: LoadOptions, replies: Report<Reply>) -> Self {
        let (requests, request_rx) = channel();
        let tx = replies.clone();
        let failed = replies.clone();
        let spawned = crate::panics::spawn(
            "searcher",
            move || serve(&request_rx, &tx, &opts),
            move |why| {
                let why = format!("the searcher stopped (an internal error: {why})");
                failed.send(Reply::Status(IndexStatus::Unavailable(why)));
            },
        );
        if let Err(e) = spawned {
            tracing::error!("cannot start the full-text searcher: {e}");
        }
        Self { requests, replies }
    }

    /// What the loader needs to build the index into `cache_dir`.
    #[must_use]
    pub fn job(&self, cache_dir: PathBuf) -> BuildJob {
        BuildJob {
            cache_dir,
            requests: self.requests.clone(),
            replies: self.replies.clone(),
        }
    }

    /// Ask the searcher; a send fails only if its thread panicked, which is logged.
    pub fn ask(&self, request: Request) {
        if self.requests.send(request).is_err() {
            tracing::error!("the full-text searcher has stopped");
        }
    }
}

struct Attached {
    index: SearchIndex,
    keys: HashMap<u64, u32>,
    broken: Sender<String>,
}

fn serve(requests: &Receiver<Request>, replies: &Report<Reply>, opts: &LoadOptions) {
    let mut attached: Option<Attached> = None;
    let mut last: Option<(u64, Prepared)> = None;
    while let Ok(first) = requests.recv() {
        // Only the newest search of a burst is worth running: the others are already stale.
        let mut batch = vec![first];
        batch.extend(requests.try_iter());
        let newest_search = batch.iter().rposition(|r| matches!(r, Request::Search { .. }));
        for (i, request) in batch.into_iter().enumerate() {
            let reply = match request {
                Request::Attach { index, keys, broken } => {
                    attached = Some(Attached {
                        index: *index,
                        keys,
                        broken,
                    });
                    continue;
                }
                Request::Ping => Reply::Pong,
                Request::Search { .. } if Some(i) != newest_search => continue,
                Request::Search { generation, text } => {
                    let (reply, prepared) = search(attached.as_ref(), generation, &text);
                    if prepared.is_none()
                        && let Some(Attached { broken, .. }) = attached.as_ref()
                        && let Reply::Results { error: Some(why), .. } = &reply
                    {
                        // Not trusted again: the builder clears it and attaches a new one.
                        let _ = broken.send(format!("a query failed: {why}"));
                        attached = None;
                    }
                    last = prepared.map(|p| (generation, p));
                    reply
                }
                Request::Snippets {
                    generation,
                    source,
                    articles,
                } => {
                    let Some((_, prepared)) = last.as_ref().filter(|(g, _)| *g == generation) else {
                        continue;
                    };
                    let snippets = articles
                        .into_iter()
                        .map(|(i, meta)| {
                            let body = read_body(&source, &meta, opts).unwrap_or_else(|e| {
                                tracing::warn!("no snippet for {}: {e}", meta.path);
                                String::new()
                            });
                            let snippet = super::health::guard(|| Ok(prepared.snippet(&body)));
                            (i, snippet.unwrap_or_default())
                        })
                        .collect();
                    Reply::Snippets { generation, snippets }
                }
            };
            if !replies.send(reply) {
                return;
            }
        }
    }
}

fn search(attached: Option<&Attached>, generation: u64, text: &str) -> (Reply, Option<Prepared>) {
    let fail = |error: String| Reply::Results {
        generation,
        hits: Vec::new(),
        total: 0,
        error: Some(error),
    };
    let Some(Attached { index, keys, .. }) = attached else {
        return (fail("the search index is not open yet".into()), None);
    };
    let answer = super::health::guard(|| {
        // Another process (or our builder) may have committed since the last query.
        index.reload()?;
        let prepared = index.prepare(text)?;
        let found = index.search(&prepared, RESULT_LIMIT)?;
        Ok((prepared, found))
    });
    match answer {
        Ok((prepared, (found, total))) => {
            let hits = found.iter().filter_map(|h| keys.get(&h.key).copied()).collect();
            let reply = Reply::Results {
                generation,
                hits,
                total,
                error: None,
            };
            (reply, Some(prepared))
        }
        Err(e) => (fail(e.to_string()), None),
    }
}

/// Open the corpus's index under `cache_dir` (repairing it if need be), hand it to the
/// searcher, and bring it up to date, reporting progress. Runs on the calling thread until the
/// app quits: when the searcher finds the index broken, it is cleared and built again (twice
/// at most); when another process is the index's writer, it follows that one's commits.
pub fn build(job: &BuildJob, corpus_key: &str, source: &CorpusSource, articles: &[ArticleMeta], opts: &LoadOptions) {
    keep_built(job, corpus_key, source, articles, opts, true);
}

/// One pass of [`build`], returning once the index is up to date (or followed): for tests and
/// scripts that wait for it on their own thread. A failed query is then not repaired.
pub fn build_once(
    job: &BuildJob,
    corpus_key: &str,
    source: &CorpusSource,
    articles: &[ArticleMeta],
    opts: &LoadOptions,
) {
    keep_built(job, corpus_key, source, articles, opts, false);
}

fn keep_built(
    job: &BuildJob,
    corpus_key: &str,
    source: &CorpusSource,
    articles: &[ArticleMeta],
    opts: &LoadOptions,
    repair: bool,
) {
    let BuildJob {
        cache_dir,
        requests,
        replies,
    } = job;
    let status = |s: IndexStatus| {
        if let IndexStatus::Unavailable(why) = &s {
            tracing::warn!("full-text search unavailable: {why}");
        }
        replies.send(Reply::Status(s));
    };
    // Lets the end-to-end tests check that a worker's panic leaves the screen alone.
    assert!(
        !(cfg!(debug_assertions) && std::env::var_os("DOSSIER_TEST_PANIC").is_some_and(|v| v == "indexer")),
        "DOSSIER_TEST_PANIC=indexer"
    );
    let dir = super::dir_for(cache_dir, corpus_key);
    let keys = || super::key_map(articles);
    let (broken_tx, broken_rx) = channel::<String>();
    let attach = |index: &SearchIndex| {
        // The searcher gets its own handle: an existing index is searchable while updated.
        let _ = requests.send(Request::Attach {
            index: Box::new(index.clone()),
            keys: keys(),
            broken: broken_tx.clone(),
        });
    };
    let mut broken: Option<String> = None;
    for rebuilds in 0.. {
        status(IndexStatus::Opening);
        let lock = match lock_writer(&dir) {
            Ok(lock) => lock,
            Err(e) => return status(IndexStatus::Unavailable(e.to_string())),
        };
        if let Some(_lock) = lock {
            if let Some(why) = broken.take() {
                if rebuilds > 2 {
                    return status(IndexStatus::Unavailable(format!("the index keeps failing: {why}")));
                }
                tracing::warn!("rebuilding the search index at {}: {why}", dir.display());
                if let Err(e) = SearchIndex::create(&dir, None) {
                    return status(IndexStatus::Unavailable(e.to_string()));
                }
                replies.send(Reply::Repaired(why));
            }
            let progress = &mut |done, total, committed| status(IndexStatus::Building { done, total, committed });
            match build::open_and_update(&dir, source, articles, opts, progress, &mut |index| attach(index)) {
                Ok(updated) => {
                    if let Some(why) = updated.rebuilt {
                        replies.send(Reply::Repaired(why));
                    }
                    status(IndexStatus::Ready {
                        docs: updated.index.num_docs(),
                    });
                }
                Err(e) => return status(IndexStatus::Unavailable(e.to_string())),
            }
        } else if !repair {
            return;
        } else {
            match follow(&dir, replies, &broken_rx, &attach) {
                Some(why) => {
                    broken = Some(why);
                    continue;
                }
                None => return,
            }
        }
        if !repair {
            return;
        }
        // The lock is released: a dossier started later may update the index for its corpus.
        match broken_rx.recv() {
            Ok(why) => broken = Some(why),
            Err(_) => return,
        }
    }
}

/// Another dossier writes this index: search what it has committed, once it can be opened, and
/// report each commit that adds articles, so that a query typed early is asked again (it found
/// nothing in an index still empty). Returns why, when the index failed and this dossier can
/// take over as its writer to rebuild it; `None` when the app quits.
fn follow(
    dir: &Path,
    replies: &Report<Reply>,
    broken: &Receiver<String>,
    attach: &dyn Fn(&SearchIndex),
) -> Option<String> {
    let mut waited = 0;
    let index = loop {
        match SearchIndex::open(dir) {
            Ok(index) => break index,
            Err(_) if waited < 300 => {
                waited += 1;
                thread::sleep(Duration::from_secs(1));
            }
            Err(_) => {
                let reason = "another dossier is building the index".to_string();
                tracing::warn!("full-text search unavailable: {reason}");
                replies.send(Reply::Status(IndexStatus::Unavailable(reason)));
                return None;
            }
        }
    };
    attach(&index);
    let mut shown = None;
    loop {
        let docs = index.num_docs();
        if shown != Some(docs) && !replies.send(Reply::Status(IndexStatus::Shared { docs })) {
            return None;
        }
        shown = Some(docs);
        match broken.recv_timeout(Duration::from_secs(1)) {
            Ok(why) => {
                let status = IndexStatus::Unavailable(format!("{why}; waiting to rebuild it"));
                replies.send(Reply::Status(status));
                return wait_for_lock(dir).then_some(why);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return None,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
        }
        if let Err(e) = super::health::guard(|| index.reload()) {
            return wait_for_lock(dir).then(|| format!("reloading it failed: {e}"));
        }
    }
}

/// Wait until the other writer lets go of the index (it may be the one repairing it).
fn wait_for_lock(dir: &Path) -> bool {
    loop {
        match lock_writer(dir) {
            Ok(Some(_)) => return true,
            Ok(None) => thread::sleep(Duration::from_secs(1)),
            Err(_) => return false,
        }
    }
}
