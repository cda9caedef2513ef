//! The corpus loader thread: streams articles to the app in batches, then runs the entity
//! pass and (on a thread of its own) the full-text index build. The first frame never waits
//! for any of them.

use std::{
    path::PathBuf,
    sync::Arc,
    time::{Duration, Instant},
};

use crate::{
    activity::Activity,
    app::{Event, Worker},
    catalog,
    dups::Signature,
    entities::corpus::Share,
    fulltext::worker::{BuildJob, IndexStatus, Reply},
    report::Report,
    store::{ArticleMeta, CorpusSource, LoadEvent, LoadOptions},
};

/// How long the loader collects articles before handing a batch to the app.
const BATCH_INTERVAL: Duration = Duration::from_millis(30);
/// A key or click this recent means the user is typing: the entity pass works on one core.
const TYPING: Duration = Duration::from_millis(750);

pub(super) fn spawn(
    source: CorpusSource,
    opts: LoadOptions,
    cache: Option<PathBuf>,
    activity: Arc<Activity>,
    index: Option<BuildJob>,
    report: Report<Event>,
) {
    let failed = report.clone();
    let spawned = crate::panics::spawn(
        "loader",
        move || {
            let mut batch = Vec::new();
            let mut last = Instant::now();
            let mut listening = true;
            let mut on_load = |event: LoadEvent| {
                if let LoadEvent::Skipped(s) = &event {
                    tracing::info!("skipped {}: {}", s.path, s.reason);
                }
                let done = event == LoadEvent::Done;
                batch.push(event);
                if listening && (done || last.elapsed() >= BATCH_INTERVAL) {
                    listening = report.send(Event::Loaded(std::mem::take(&mut batch)));
                    last = Instant::now();
                }
            };
            let mut index = index;
            let mut loaded = |articles: &Arc<Vec<ArticleMeta>>| {
                // Extraction and indexing (whose threads inherit this) yield the cores to the UI
                // and the matcher: on two cores they otherwise delay keystrokes' frames. Loading
                // does not: typing would then starve it (27 s instead of 3 at 100k articles).
                if let Err(e) = thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min) {
                    tracing::debug!("cannot lower the loader's priority: {e:?}");
                }
                if let Some(job) = index.take() {
                    start_indexer(job, source.clone(), opts.clone(), articles.clone());
                }
            };
            let pass_report = report.clone();
            // Signatures stay on this thread: only the groups made of them reach the app.
            let mut sigs: Vec<Signature> = Vec::new();
            let (articles, outcome) = catalog::load(
                cache.as_deref(),
                &source,
                &opts,
                Share {
                    threads: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
                    busy: &|| activity.recent(TYPING),
                    wanted: true,
                },
                &mut on_load,
                &mut loaded,
                &mut |mut pass| {
                    pass.take_sigs(&mut sigs);
                    pass_report.send(Event::EntityPass(pass));
                },
            );
            tracing::info!("opened {}: {outcome:?}", source.describe());
            let started = Instant::now();
            let groups = crate::dups::group_articles(&articles, &sigs);
            tracing::info!(
                "grouped {} articles into {} groups of copies in {:?}",
                groups.grouped(),
                groups.len(),
                started.elapsed()
            );
            drop(sigs);
            report.send(Event::Groups(Arc::new(groups)));
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

fn start_indexer(job: BuildJob, source: CorpusSource, opts: LoadOptions, articles: Arc<Vec<ArticleMeta>>) {
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
