//! The corpus loader thread: streams articles to the app in batches, then runs the entity
//! pass and (on a thread of its own) the full-text index build. The first frame never waits
//! for any of them.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use crate::{
    app::{Event, Worker},
    entities::corpus::extract_all,
    fulltext::worker::{BuildJob, IndexStatus, Reply},
    report::Report,
    store::{self, CorpusSource, LoadEvent, LoadOptions},
};

/// How long the loader collects articles before handing a batch to the app.
const BATCH_INTERVAL: Duration = Duration::from_millis(30);

pub(super) fn spawn(source: CorpusSource, opts: LoadOptions, index: Option<BuildJob>, report: Report<Event>) {
    let failed = report.clone();
    let spawned = crate::panics::spawn(
        "loader",
        move || {
            let mut batch = Vec::new();
            let mut last = Instant::now();
            let mut articles = Vec::new();
            let mut listening = true;
            store::load(&source, &opts, &mut |event| {
                if let LoadEvent::Article(meta) = &event {
                    articles.push((**meta).clone());
                }
                if let LoadEvent::Skipped(s) = &event {
                    tracing::info!("skipped {}: {}", s.path, s.reason);
                }
                let done = event == LoadEvent::Done;
                batch.push(event);
                if listening && (done || last.elapsed() >= BATCH_INTERVAL) {
                    listening = report.send(Event::Loaded(std::mem::take(&mut batch)));
                    last = Instant::now();
                }
            });
            if !listening {
                return;
            }
            // Extraction and indexing (whose threads inherit this) yield the cores to the UI and
            // the matcher: on two cores they otherwise delay keystrokes' frames. Loading does not:
            // typing would then starve it (27 s instead of 3 at 100k articles).
            if let Err(e) = thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min) {
                tracing::debug!("cannot lower the loader's priority: {e:?}");
            }
            let articles = Arc::new(articles);
            if let Some(job) = index {
                let (source, opts, articles) = (source.clone(), opts.clone(), articles.clone());
                let replies = job.replies.clone();
                let built = crate::panics::spawn(
                    "indexer",
                    move || crate::fulltext::worker::build(&job, &source.key(), &source, &articles, &opts),
                    move |why| {
                        let why = format!("the index builder stopped (an internal error: {why})");
                        replies.send(Reply::Status(IndexStatus::Unavailable(why)));
                    },
                );
                if let Err(e) = built {
                    tracing::error!("cannot start the index builder: {e}");
                }
            }
            extract_all(&source, &articles, &opts, 1, &mut |pass| {
                report.send(Event::EntityPass(pass));
            });
        },
        move |why| {
            failed.send(Event::WorkerFailed {
                what: Worker::Loader,
                why,
            });
        },
    );
    if let Err(e) = spawned {
        tracing::error!("cannot start the loader: {e}");
    }
}
