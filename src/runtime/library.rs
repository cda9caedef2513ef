//! The library writer: a thread that applies library changes one after another, each saved
//! (fsync and all) before the next, and reports the new state, so a slow disk never holds up
//! a frame. The runtime opens the library and hands it over; on the way out it waits for the
//! last change to be written.

use std::{
    path::Path,
    sync::{Arc, mpsc},
    thread::JoinHandle,
    time::Duration,
};

use super::Runtime;
use crate::{
    app::{App, Event, LibraryOp, Worker},
    library::{Library, Notice, SaveError},
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
            move || write_changes(&mut library, &rx, &report),
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

/// How often changes that could not be saved are tried again (a disk that was full may have
/// room now, a folder made read-only may be writable again).
const RETRY_EVERY: Duration = Duration::from_secs(5);

/// The writer's loop: each change is applied and saved before the next; while some change is
/// not on disk, saving is retried every [`RETRY_EVERY`] and once more when the app quits.
fn write_changes(library: &mut Library, ops: &mpsc::Receiver<LibraryOp>, report: &Report<Event>) {
    let mut unsaved = 0usize;
    loop {
        let op = if unsaved > 0 {
            match ops.recv_timeout(RETRY_EVERY) {
                Ok(op) => Some(op),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        } else {
            let Ok(op) = ops.recv() else { break };
            Some(op)
        };
        let history = matches!(op, Some(LibraryOp::PushHistory(_)));
        let change = !matches!(op, None | Some(LibraryOp::PushHistory(_) | LibraryOp::Save));
        let saved = match op {
            Some(op) => apply(library, op),
            None => library.save(),
        };
        unsaved = count_unsaved(library, unsaved, change, &saved);
        let notices = library.take_notices();
        for n in &notices {
            tracing::info!("library: {n}");
        }
        if history && unsaved == 0 {
            continue;
        }
        let state = Arc::new(library.state().clone());
        report.send(Event::LibraryChanged {
            state,
            saved,
            unsaved,
            notices,
        });
    }
    if unsaved > 0 {
        // The app is quitting: one last try, and the log says what was lost if it fails too.
        match library.save() {
            Ok(()) => tracing::info!("library: {unsaved} change(s) saved at quit"),
            Err(e) => tracing::error!("library: {unsaved} change(s) lost at quit: {e}"),
        }
    }
}

/// Changes not on disk after a save: none once one succeeded, one more for a change whose
/// save failed.
fn count_unsaved(library: &Library, before: usize, change: bool, saved: &Result<(), SaveError>) -> usize {
    if let Err(e) = saved {
        tracing::warn!("library: {e}");
    }
    if !library.has_unsaved_changes() {
        0
    } else if change && saved.is_err() {
        before + 1
    } else {
        before.max(1)
    }
}

fn apply(library: &mut Library, op: LibraryOp) -> Result<(), SaveError> {
    match op {
        LibraryOp::Save => library.save(),
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
        LibraryOp::SetTag { id, tag, on } => library.set_tag(&id, &tag, on),
        LibraryOp::SetAnnotationTags { id, ann, tags } => library.set_annotation_tags(&id, &ann, &tags),
        LibraryOp::SetSort(sort) => library.set_sort(&sort),
        LibraryOp::SetGrouping(on) => library.set_grouping(on),
        LibraryOp::SetReadMany(ids) => library.set_read_many(&ids),
        LibraryOp::SaveView { name, view } => library.save_view(&name, Some(view)),
        LibraryOp::SetEntityFix { name, fix } => library.set_entity_fix(&name, fix),
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
        self.attach_library(app, library, notices);
    }

    /// Hand an open library to the writer thread and tell the app what it holds.
    pub fn attach_library(&mut self, app: &mut App, library: Library, notices: Vec<Notice>) {
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
