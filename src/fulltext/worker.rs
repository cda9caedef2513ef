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
        thread::spawn(move || serve(&request_rx, &tx, &opts));
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
                Request::Attach { index, keys } => {
                    attached = Some(Attached { index: *index, keys });
                    continue;
                }
                Request::Ping => Reply::Pong,
                Request::Search { .. } if Some(i) != newest_search => continue,
                Request::Search { generation, text } => {
                    let (reply, prepared) = search(attached.as_ref(), generation, &text);
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
                            (i, prepared.snippet(&body))
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
    let Some(Attached { index, keys }) = attached else {
        return (fail("the search index is not open yet".into()), None);
    };
    // Another process (or our builder) may have committed since the last query.
    if let Err(e) = index.reload() {
        return (fail(e.to_string()), None);
    }
    let prepared = match index.prepare(text) {
        Ok(p) => p,
        Err(e) => return (fail(e.to_string()), None),
    };
    match index.search(&prepared, RESULT_LIMIT) {
        Ok((found, total)) => {
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
/// searcher, and bring it up to date, reporting progress. Runs on the calling thread; when
/// another process is the index's writer, it follows that one's commits until the app quits.
pub fn build(job: &BuildJob, corpus_key: &str, source: &CorpusSource, articles: &[ArticleMeta], opts: &LoadOptions) {
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
    status(IndexStatus::Opening);
    let dir = super::dir_for(cache_dir, corpus_key);
    let keys = || super::key_map(articles);
    let lock = match lock_writer(&dir) {
        Ok(lock) => lock,
        Err(e) => return status(IndexStatus::Unavailable(e.to_string())),
    };
    let Some(_lock) = lock else {
        return follow(&dir, replies, requests, keys);
    };
    let (index, _rebuilt) = match SearchIndex::open_or_create(&dir) {
        Ok(opened) => opened,
        Err(e) => return status(IndexStatus::Unavailable(e.to_string())),
    };
    // The searcher gets its own handle: an existing index is searchable while it is updated.
    // (A failed send means the searcher panicked; nothing to attach to then.)
    let _ = requests.send(Request::Attach {
        index: Box::new(index.clone()),
        keys: keys(),
    });
    let result = build::update(&index, source, articles, opts, &mut |done, total, committed| {
        status(IndexStatus::Building { done, total, committed });
    });
    match result {
        Ok(_) => status(IndexStatus::Ready { docs: index.num_docs() }),
        Err(e) => status(IndexStatus::Unavailable(e.to_string())),
    }
}

/// Another dossier writes this index: search what it has committed, once it can be opened, and
/// report each commit that adds articles, so that a query typed early is asked again (it found
/// nothing in an index still empty). Runs until this dossier quits.
fn follow(dir: &Path, replies: &Report<Reply>, requests: &Sender<Request>, keys: impl Fn() -> HashMap<u64, u32>) {
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
                return;
            }
        }
    };
    if requests
        .send(Request::Attach {
            index: Box::new(index.clone()),
            keys: keys(),
        })
        .is_err()
    {
        return;
    }
    let mut shown = None;
    loop {
        let docs = index.num_docs();
        if shown != Some(docs) && !replies.send(Reply::Status(IndexStatus::Shared { docs })) {
            return;
        }
        shown = Some(docs);
        thread::sleep(Duration::from_secs(1));
        if index.reload().is_err() {
            return;
        }
    }
}
