//! The library writer: a thread that applies library changes one after another, each saved
//! (fsync and all) before the next, and reports the new state, so a slow disk never holds up
//! a frame. The runtime opens the library and hands it over; on the way out it waits for the
//! last change to be written.

use std::{
    path::Path,
    sync::{Arc, mpsc},
    thread::JoinHandle,
};

use super::Runtime;
use crate::{
    app::{App, Event, LibraryOp, Worker},
    library::{Library, SaveError},
    report::Report,
};

pub(super) struct Writer {
    ops: Option<mpsc::Sender<LibraryOp>>,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    fn spawn(mut library: Library, report: Report<Event>) -> Self {
        let (ops, rx) = mpsc::channel();
        let failed = report.clone();
        let thread = crate::panics::spawn(
            "library",
            move || {
                for op in rx {
                    let history = matches!(op, LibraryOp::PushHistory(_));
                    let saved = apply(&mut library, op);
                    if let Err(e) = &saved {
                        tracing::warn!("library: {e}");
                    }
                    let notices = library.take_notices();
                    for n in &notices {
                        tracing::info!("library: {n}");
                    }
                    if history {
                        continue;
                    }
                    let state = Arc::new(library.state().clone());
                    report.send(Event::LibraryChanged { state, saved, notices });
                }
            },
            move |why| {
                failed.send(Event::WorkerFailed {
                    what: Worker::Library,
                    why,
                });
            },
        );
        match thread {
            Ok(thread) => Self {
                ops: Some(ops),
                thread: Some(thread),
            },
            Err(e) => {
                tracing::error!("cannot start the library writer: {e}");
                Self {
                    ops: None,
                    thread: None,
                }
            }
        }
    }

    /// Queue a change; `false` when the writer is gone (it panicked: logged).
    pub(super) fn send(&self, op: LibraryOp) -> bool {
        let sent = self.ops.as_ref().is_some_and(|ops| ops.send(op).is_ok());
        if !sent {
            tracing::error!("the library writer has stopped: a change is not kept");
        }
        sent
    }

    /// Wait until every queued change is written.
    pub(super) fn finish(&mut self) {
        drop(self.ops.take());
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the library writer panicked");
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.finish();
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

impl Runtime {
    /// Open the user's library for the app's corpus, tell the app what it holds, and hand it
    /// to the writer thread.
    pub fn open_library(&mut self, app: &mut App, config_dir: &Path) {
        let (library, notices) = match Library::open(config_dir, &app.source.key()) {
            Ok(opened) => opened,
            Err(err) => {
                tracing::error!("library: {err}");
                self.update(app, Event::LibraryUnavailable(err));
                return;
            }
        };
        let event = Event::LibraryOpened {
            state: Arc::new(library.state().clone()),
            read_only: library.read_only_reason().map(str::to_string),
            history: library.history().map(str::to_string).collect(),
            notices,
        };
        self.library = Some(Writer::spawn(library, self.events()));
        self.update(app, event);
    }
}
