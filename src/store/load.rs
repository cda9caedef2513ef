//! Streaming load: articles are handed to a sink one at a time as they are found, so the app
//! can show the first ones (and filter them) while the rest of the corpus is still being read.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    sync::mpsc,
};

use walkdir::{DirEntry, WalkDir};

use super::{
    ArticleMeta, CorpusSource, Format, LoadEvent, LoadOptions, Origin, Skipped, has_extension, jsonl, parse,
    read_capped, sanitize::sanitize_line, seed_files,
};

/// How often (in files) a progress event is sent.
const PROGRESS_EVERY: u64 = 256;

/// What a folder's loader asks before reading a file: given its path and its
/// [`metadata_stamp`](super::metadata_stamp) (taken before any read), the article as it was
/// last read, if that is still it. Every file is asked about, so the answerer also learns
/// each file's stamp.
pub type Known<'a> = dyn Fn(&Path, u64) -> Option<ArticleMeta> + Sync + 'a;

/// Load a corpus, sending every article, skipped file and progress step to `sink`.
/// Never fails: whatever cannot be read is reported as [`LoadEvent::Skipped`].
pub fn load(source: &CorpusSource, opts: &LoadOptions, sink: &mut dyn FnMut(LoadEvent)) {
    load_with(source, opts, None, sink);
}

/// [`load`], with the files of a folder that `known` answers for taken from it rather than
/// read: a folder that has not changed costs a stat per file.
pub fn load_with(source: &CorpusSource, opts: &LoadOptions, known: Option<&Known>, sink: &mut dyn FnMut(LoadEvent)) {
    // Why a file was skipped often quotes it (a parser's error names the tag it choked on):
    // every reader's reasons pass here, so here they are made safe to show.
    let sink = &mut |event| {
        sink(match event {
            LoadEvent::Skipped(Skipped { path, reason }) => LoadEvent::Skipped(Skipped {
                path: super::sanitize::sanitize_line(&path),
                reason: super::sanitize::sanitize_line(&reason),
            }),
            event => event,
        });
    };
    match source {
        CorpusSource::Seeds => {
            for (i, (name, bytes)) in seed_files().iter().enumerate() {
                let origin = Origin::Seed(i);
                sink(article_event(
                    name,
                    name,
                    bytes,
                    false,
                    format_of(Path::new(name)),
                    origin,
                ));
            }
        }
        CorpusSource::Folder(root) => load_folder(root, opts, known, sink),
        CorpusSource::File(path) => {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            sink(file_event(path, &name, opts).0);
        }
        CorpusSource::Jsonl(path) => jsonl::load(path, opts, sink),
        CorpusSource::Archive(_) | CorpusSource::Stdin => super::stream::load(source, opts, sink),
    }
    sink(LoadEvent::Done);
}

/// Load everything at once: for scripts and tests.
pub fn load_all(source: &CorpusSource, opts: &LoadOptions) -> (Vec<ArticleMeta>, Vec<Skipped>) {
    let (mut articles, mut skipped) = (Vec::new(), Vec::new());
    load(source, opts, &mut |event| match event {
        LoadEvent::Article(a) => articles.push(*a),
        LoadEvent::Skipped(s) => skipped.push(s),
        LoadEvent::Progress { .. } | LoadEvent::Total { .. } | LoadEvent::Done => {}
    });
    (articles, skipped)
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// The walk both the count and the load make: hidden entries skipped, symlinks not followed.
fn walk(root: &Path) -> impl Iterator<Item = walkdir::Result<DirEntry>> {
    WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e))
}

/// What a folder's articles are called: text, Markdown and saved web pages.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "xhtml"];

fn is_article_file(entry: &DirEntry) -> bool {
    entry.file_type().is_file() && has_extension(entry.path(), ARTICLE_EXTENSIONS)
}

/// Count what a folder holds (a stat per file, no reads), for progress against the total.
fn count_folder(root: &Path, opts: &LoadOptions) -> (u64, u64) {
    walk(root)
        .flatten()
        .filter(is_article_file)
        .fold((0, 0), |(files, bytes), e| {
            let len = e.metadata().map_or(0, |m| m.len().min(opts.max_bytes));
            (files + 1, bytes + len)
        })
}

/// Files read at once. Reading many small files waits on the disk more than on the CPU (on
/// this project's VM the page cache does not hold a large corpus), so a few reads in flight
/// load a folder several times faster than one.
const READERS: usize = 4;

enum Job {
    Read {
        path: PathBuf,
        rel: String,
    },
    /// Something the walk itself found (an unreadable folder, a FIFO): passed on in its place.
    Event(LoadEvent),
}

fn load_folder(root: &Path, opts: &LoadOptions, known: Option<&Known>, sink: &mut dyn FnMut(LoadEvent)) {
    // The walk numbers the files in name order, readers parse them in any order, and this
    // thread hands them on in the walk's order.
    // A queue every reader takes from (std's channels have one consumer; sharing one behind a
    // mutex held the lock across the blocking receive).
    let (job_tx, job_rx) = crossbeam_channel::bounded::<(u64, Job)>(1024);
    std::thread::scope(|scope| {
        // The count runs beside the load (it only stats) so the first articles are not held back.
        let (total_tx, total) = mpsc::channel();
        scope.spawn(move || total_tx.send(count_folder(root, opts)));
        let mut total = Some(total);
        let (done_tx, done_rx) = mpsc::channel::<(u64, LoadEvent, Option<u64>)>();
        for _ in 0..READERS {
            let (job_rx, done_tx) = (job_rx.clone(), done_tx.clone());
            scope.spawn(move || {
                for (seq, job) in job_rx {
                    let (event, read) = match job {
                        Job::Event(event) => (event, None),
                        Job::Read { path, rel } => {
                            let (event, bytes) =
                                known_event(&path, opts, known).unwrap_or_else(|| file_event(&path, &rel, opts));
                            (event, Some(bytes))
                        }
                    };
                    if done_tx.send((seq, event, read)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        scope.spawn(move || walk_jobs(root, &job_tx));
        let (mut files, mut bytes, mut next) = (0u64, 0u64, 0u64);
        let mut waiting = BTreeMap::new();
        for (seq, event, read) in done_rx {
            waiting.insert(seq, (event, read));
            while let Some((event, read)) = waiting.remove(&next) {
                next += 1;
                if let Some(Ok((files, bytes))) = total.as_ref().map(mpsc::Receiver::try_recv) {
                    sink(LoadEvent::Total {
                        files: Some(files),
                        bytes,
                    });
                    total = None;
                }
                sink(event);
                if let Some(read) = read {
                    files += 1;
                    bytes += read;
                    if files.is_multiple_of(PROGRESS_EVERY) {
                        sink(LoadEvent::Progress { files, bytes });
                    }
                }
            }
        }
        sink(LoadEvent::Progress { files, bytes });
    });
}

/// Walk the folder in name order, numbering each article file (and each problem) for the readers.
fn walk_jobs(root: &Path, jobs: &crossbeam_channel::Sender<(u64, Job)>) {
    let mut seq = 0;
    let mut send = |job: Job| {
        let sent = jobs.send((seq, job)).is_ok();
        seq += 1;
        sent
    };
    for entry in walk(root) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map(|p| relative(root, p)).unwrap_or_default();
                let reason = err.io_error().map_or_else(|| err.to_string(), ToString::to_string);
                if !send(Job::Event(LoadEvent::Skipped(Skipped { path, reason }))) {
                    return;
                }
                continue;
            }
        };
        let path = entry.path();
        if entry.file_type().is_dir() || !has_extension(path, ARTICLE_EXTENSIONS) {
            continue;
        }
        if entry.file_type().is_symlink() {
            continue;
        }
        let rel = relative(root, path);
        let job = if entry.file_type().is_file() {
            Job::Read {
                path: path.to_path_buf(),
                rel,
            }
        } else {
            Job::Event(LoadEvent::Skipped(Skipped {
                path: sanitize_line(&rel),
                reason: "not a regular file (FIFO, socket or device)".into(),
            }))
        };
        if !send(job) {
            return;
        }
    }
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

fn format_of(path: &Path) -> Format {
    if has_extension(path, &["md", "markdown"]) {
        Format::Markdown
    } else if has_extension(path, &["html", "htm", "xhtml"]) {
        Format::Html
    } else {
        Format::Text
    }
}

/// The article of a file `known` still knows, without reading it, and the bytes it stands for.
fn known_event(path: &Path, opts: &LoadOptions, known: Option<&Known>) -> Option<(LoadEvent, u64)> {
    let known = known?;
    let meta = std::fs::metadata(path).ok()?;
    let article = known(path, super::metadata_stamp(&meta))?;
    Some((LoadEvent::Article(Box::new(article)), meta.len().min(opts.max_bytes)))
}

/// The file's article (or why it was skipped), and the bytes read.
fn file_event(path: &Path, rel: &str, opts: &LoadOptions) -> (LoadEvent, u64) {
    match read_capped(path, opts.max_bytes) {
        Ok((bytes, truncated)) => {
            let origin = Origin::File(path.to_path_buf());
            let event = article_event(rel, rel, &bytes, truncated, format_of(path), origin);
            (event, bytes.len() as u64)
        }
        Err(err) => {
            let event = LoadEvent::Skipped(Skipped {
                path: sanitize_line(rel),
                reason: err.to_string(),
            });
            (event, 0)
        }
    }
}

fn article_event(id: &str, rel: &str, bytes: &[u8], truncated: bool, format: Format, origin: Origin) -> LoadEvent {
    match parse(bytes, format) {
        Ok(parsed) => LoadEvent::Article(Box::new(super::meta::meta_of(
            id.to_string(),
            rel,
            parsed,
            truncated,
            format,
            origin,
        ))),
        Err(reason) => LoadEvent::Skipped(Skipped {
            path: sanitize_line(rel),
            reason,
        }),
    }
}
