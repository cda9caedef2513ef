//! Carrying out [`Effect`]s: the only place the app's wishes turn into I/O, touch the matcher
//! or change the user's library.

use std::{path::PathBuf, sync::Arc};

use crate::{
    app::{Action, App, Effect, LibraryOp, NoteTarget, Opened},
    entities::corpus::extract_all,
    filter::{Matcher, Update},
    index::worker::{BuildJob, Reply, Request, Worker},
    library::{Library, SaveError},
    store::{self, LoadEvent, LoadOptions},
};

/// What the effects act on: load options, the matcher and the user's library.
pub struct Runtime {
    pub opts: LoadOptions,
    pub matcher: Matcher,
    pub library: Option<Library>,
    /// Notes waiting for `$VISUAL`/`$EDITOR`: the terminal loop suspends itself to run them.
    pub external_edits: Vec<(NoteTarget, String)>,
    /// Where the export key writes.
    pub export_dir: PathBuf,
    /// Answers full-text queries; the loader builds its index.
    pub search: Worker,
    /// Where the full-text index is kept; `None`: no full-text search.
    pub cache_dir: Option<PathBuf>,
    /// Requests were sent to the searcher since it last confirmed it had answered everything.
    search_unsettled: bool,
    background_tx: std::sync::mpsc::Sender<Action>,
    background_rx: std::sync::mpsc::Receiver<Action>,
    /// Background jobs not yet reported back.
    pending: usize,
}

/// Articles longer than this are read and analysed off the UI thread.
const BACKGROUND_WORDS: usize = 100_000;

impl Runtime {
    pub fn new(opts: LoadOptions) -> Self {
        let (background_tx, background_rx) = std::sync::mpsc::channel();
        Self {
            background_tx,
            background_rx,
            pending: 0,
            search: Worker::spawn(opts.clone()),
            opts,
            matcher: Matcher::spawn(),
            library: None,
            external_edits: Vec::new(),
            export_dir: PathBuf::from("."),
            cache_dir: None,
            search_unsettled: false,
        }
    }

    /// What the loader needs to build the full-text index, when there is somewhere to keep it.
    pub fn build_job(&self) -> Option<BuildJob> {
        self.cache_dir.clone().map(|dir| self.search.job(dir))
    }

    /// Open the user's library for the app's corpus and tell the app what it holds.
    pub fn open_library(&mut self, app: &mut App, config_dir: &std::path::Path) {
        let (library, notices) = match Library::open(config_dir, &app.source.key()) {
            Ok(opened) => opened,
            Err(err) => {
                app.message = Some(crate::app::Message {
                    text: err.to_string(),
                    error: true,
                });
                return;
            }
        };
        let action = Action::LibraryOpened {
            state: Arc::new(library.state().clone()),
            read_only: library.read_only_reason().map(str::to_string),
            history: library.history().map(str::to_string).collect(),
            notices: notices.into_iter().map(|n| n.0).collect(),
        };
        self.library = Some(library);
        let effects = app.update(action);
        self.run(app, effects);
    }

    /// Carry out effects, feeding their results back into the app until nothing is left to do.
    /// Hand the app what background work (long articles being read) has finished.
    /// Returns whether anything arrived.
    pub fn poll(&mut self, app: &mut App) -> bool {
        let mut arrived = false;
        while let Ok(reply) = self.search.replies.try_recv() {
            self.apply_reply(app, reply);
            arrived = true;
        }
        while let Ok(action) = self.background_rx.try_recv() {
            self.pending -= 1;
            let effects = app.update(action);
            self.run(app, effects);
            arrived = true;
        }
        arrived
    }

    pub fn run(&mut self, app: &mut App, effects: Vec<Effect>) {
        let mut queue = effects;
        while !queue.is_empty() {
            let effect = queue.remove(0);
            let action = match effect {
                Effect::LoadDocument { index } => {
                    let Some(meta) = app.articles.get(index) else { continue };
                    let stats = app.entities.stats.clone();
                    if (meta.words as usize) < BACKGROUND_WORDS {
                        let result = Opened::load(&app.source, meta, &self.opts, stats.as_deref());
                        Action::DocumentLoaded { index, result }
                    } else {
                        // A long article takes a noticeable while to read and analyse: do it
                        // on another thread so keys keep working meanwhile.
                        let (source, meta, opts) = (app.source.clone(), meta.clone(), self.opts.clone());
                        let tx = self.background_tx.clone();
                        self.pending += 1;
                        std::thread::spawn(move || {
                            let result = Opened::load(&source, &meta, &opts, stats.as_deref());
                            let _ = tx.send(Action::DocumentLoaded { index, result });
                        });
                        continue;
                    }
                }
                Effect::IndexArticles { from } => {
                    let from = from.max(self.matcher.pushed());
                    self.matcher
                        .push((from..app.articles.len()).map(|i| app.haystack(i)).collect());
                    continue;
                }
                Effect::RebuildFilter(haystacks) => {
                    self.matcher.replace(haystacks);
                    continue;
                }
                Effect::SetQuery(query) => {
                    self.matcher.set_query(&query);
                    continue;
                }
                Effect::Library(op) => {
                    let Some(library) = &mut self.library else { continue };
                    let history = matches!(op, LibraryOp::PushHistory(_));
                    let result = apply(library, op);
                    if history {
                        // A lost history entry is not worth interrupting the reader for.
                        continue;
                    }
                    Action::LibraryChanged {
                        state: Arc::new(library.state().clone()),
                        error: result.err().map(|e| e.to_string()),
                        notices: library.take_notices().into_iter().map(|n| n.0).collect(),
                    }
                }
                Effect::ExternalEdit { target, text } => {
                    self.external_edits.push((target, text));
                    continue;
                }
                Effect::Export => Action::Exported(self.export(app)),
                Effect::FullText { generation, query } => {
                    self.ask(Request::Search {
                        generation,
                        text: query,
                    });
                    continue;
                }
                Effect::Snippets { generation, articles } => {
                    let articles = articles
                        .into_iter()
                        .filter_map(|i| Some((i, app.articles.get(i as usize)?.clone())))
                        .collect();
                    self.ask(Request::Snippets {
                        generation,
                        source: app.source.clone(),
                        articles,
                    });
                    continue;
                }
            };
            queue.extend(app.update(action));
        }
    }

    fn apply_reply(&mut self, app: &mut App, reply: Reply) {
        let effects = app.update(Action::Searcher(reply));
        self.run(app, effects);
    }

    fn ask(&mut self, request: Request) {
        self.search_unsettled = true;
        // The searcher lives as long as the runtime; a send can only fail if it panicked.
        let _ = self.search.requests.send(request);
    }

    fn export(&self, app: &App) -> Result<String, String> {
        let library = self.library.as_ref().ok_or("no library is open")?;
        let titles: std::collections::HashMap<&str, &str> =
            app.articles.iter().map(|a| (a.id.as_str(), a.title.as_str())).collect();
        let markdown = library.export_markdown(&|id| titles.get(id).map(|t| t.to_string()));
        let name: String = app
            .corpus_name
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        let path = self.export_dir.join(format!("dossier-export-{name}.md"));
        std::fs::write(&path, markdown).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path.canonicalize().unwrap_or(path).display().to_string())
    }

    /// Hand the matcher's newest results to the app, waiting up to `wait_ms` for them when a
    /// query is pending. Returns (the app changed, results are still to come).
    pub fn tick(&mut self, app: &mut App, wait_ms: u64) -> (bool, bool) {
        let update = match self.matcher.try_update() {
            Some(update) => Some(update),
            // Text search results come from the searcher, not the matcher: nothing to wait for.
            None if wait_ms > 0 && app.filter.matching && app.fulltext_query().is_none() => {
                self.matcher.wait_update(std::time::Duration::from_millis(wait_ms))
            }
            None => None,
        };
        let Some(update) = update else {
            return (false, app.filter.matching);
        };
        self.apply(app, update);
        (true, app.filter.matching)
    }

    fn apply(&mut self, app: &mut App, update: Update) {
        let running = update.running || update.generation < self.matcher.generation();
        let effects = app.update(Action::FilterResults {
            results: Arc::new(update.results),
            running,
        });
        self.run(app, effects);
    }

    /// Block until the matcher has matched everything sent to it: for tests and scripts.
    pub fn settle(&mut self, app: &mut App) {
        while self.pending > 0 {
            let Ok(action) = self.background_rx.recv() else { break };
            self.pending -= 1;
            let effects = app.update(action);
            self.run(app, effects);
        }
        self.settle_search(app);
        let mut update = self.matcher.sync();
        // The sync counts as a generation of its own: these are the final results.
        update.generation = self.matcher.generation();
        self.apply(app, update);
    }

    /// Wait until the searcher has answered everything asked of it, applying its answers (which
    /// may ask more).
    fn settle_search(&mut self, app: &mut App) {
        while std::mem::take(&mut self.search_unsettled) {
            let _ = self.search.requests.send(Request::Ping);
            while let Ok(reply) = self.search.replies.recv() {
                if reply == Reply::Pong {
                    break;
                }
                self.apply_reply(app, reply);
            }
        }
    }

    /// Build (or bring up to date) the full-text index on this thread and hand it to the
    /// searcher: for tests and scripts.
    pub fn index_sync(&mut self, app: &mut App) {
        let Some(job) = self.build_job() else { return };
        crate::index::worker::build(&job, &app.source.key(), &app.source, &app.articles, &self.opts);
        self.search_unsettled = true;
        self.settle_search(app);
    }

    /// Apply actions one by one, carrying out their effects and letting the matcher settle.
    pub fn act(&mut self, app: &mut App, actions: impl IntoIterator<Item = Action>) {
        for action in actions {
            let effects = app.update(action);
            self.run(app, effects);
            self.settle(app);
        }
    }

    /// Load the whole corpus on this thread: for tests and scripts, where nothing needs drawing.
    pub fn load_sync(&mut self, app: &mut App) {
        let (articles, skipped) = store::load_all(&app.source, &self.opts);
        let mut events: Vec<LoadEvent> = articles.into_iter().map(|a| LoadEvent::Article(Box::new(a))).collect();
        events.extend(skipped.into_iter().map(LoadEvent::Skipped));
        events.push(LoadEvent::Done);
        let effects = app.update(Action::Loaded(events));
        self.run(app, effects);
        let mut passes = Vec::new();
        extract_all(&app.source, &app.articles, &self.opts, parallelism(), &mut |pass| {
            passes.push(pass)
        });
        for pass in passes {
            let effects = app.update(Action::EntityPass(pass));
            self.run(app, effects);
        }
        self.settle(app);
    }
}

fn apply(library: &mut Library, op: LibraryOp) -> Result<(), SaveError> {
    match op {
        LibraryOp::SetBookmark { id, on } => library.set_bookmark(&id, on),
        LibraryOp::SetNote { id, text } => library.set_note(&id, &text),
        LibraryOp::SetRead { id, read } => library.set_read(&id, read),
        LibraryOp::SetPosition { id, chars } => library.set_position(&id, chars),
        LibraryOp::AddAnnotation { id, annotation } => library.add_annotation(&id, annotation).1,
        LibraryOp::UpdateAnnotation { id, ann, note } => library.update_annotation_note(&id, &ann, &note),
        LibraryOp::Reanchor {
            id,
            ann,
            quote,
            position,
        } => library.reanchor_annotation(&id, &ann, quote, position),
        LibraryOp::DeleteAnnotation { id, ann } => library.delete_annotation(&id, &ann),
        LibraryOp::PushHistory(query) => library.push_history(&query),
    }
}

/// Edit `text` in `$VISUAL` or `$EDITOR` (parsed like a shell would split words, but run without
/// a shell) and return what was saved. The caller suspends the terminal around this.
pub fn run_editor(text: &str) -> Result<String, String> {
    let command = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_string());
    let words =
        shell_words::split(&command).map_err(|e| format!("cannot parse the editor command {command:?}: {e}"))?;
    let (program, args) = words.split_first().ok_or("the editor command is empty")?;
    let file = tempfile::Builder::new()
        .prefix("dossier-note-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| e.to_string())?;
    std::fs::write(file.path(), text).map_err(|e| e.to_string())?;
    let status = std::process::Command::new(program)
        .args(args)
        .arg(file.path())
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if !status.success() {
        return Err(format!("{program} exited with {status}; the note was not changed"));
    }
    let edited = std::fs::read_to_string(file.path()).map_err(|e| e.to_string())?;
    Ok(edited.trim_end_matches('\n').to_string())
}

/// Threads for work nobody is waiting to watch (scripts, tests): every core.
fn parallelism() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
