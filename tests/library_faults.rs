//! Fault injection for the library's writes: every write, fsync and rename of a save fails in
//! turn, with each of ENOSPC, EACCES and EIO. After each failure the file on disk is whole and
//! holds either the last acknowledged state or the attempted one (never a torn mix), the
//! caller is told (an error, and the change counted as unsaved), and the next save that can
//! write keeps the change.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "library_common/mod.rs"]
mod common;

use std::{
    fs, io,
    path::Path,
    sync::atomic::{AtomicI32, AtomicUsize, Ordering},
};

use common::{KEY, open, populated};
use dossier::library::{Library, Stage};

/// Calls of the hook since the last reset, the call that fails, and with which errno.
static CALLS: AtomicUsize = AtomicUsize::new(0);
static FAIL_AT: AtomicUsize = AtomicUsize::new(usize::MAX);
static ERRNO: AtomicI32 = AtomicI32::new(0);

fn hook(_: Stage) -> io::Result<()> {
    if CALLS.fetch_add(1, Ordering::SeqCst) == FAIL_AT.load(Ordering::SeqCst) {
        Err(io::Error::from_raw_os_error(ERRNO.load(Ordering::SeqCst)))
    } else {
        Ok(())
    }
}

fn arm(fail_at: usize, errno: i32) {
    CALLS.store(0, Ordering::SeqCst);
    FAIL_AT.store(fail_at, Ordering::SeqCst);
    ERRNO.store(errno, Ordering::SeqCst);
}

/// The note of `a1` as a fresh process would read it from the state file alone (no backup to
/// fall back on): `None` if that file is not whole.
fn note_on_disk(lib: &Library) -> Option<String> {
    let copy = tempfile::tempdir().unwrap();
    let corpora = copy.path().join("corpora");
    fs::create_dir_all(&corpora).unwrap();
    let path = lib.state_path();
    fs::copy(path, corpora.join(path.file_name().unwrap())).unwrap();
    let (fresh, notices) = Library::open(copy.path(), KEY).unwrap();
    notices.is_empty().then(|| fresh.note("a1").to_string())
}

#[test]
fn every_failing_write_fsync_and_rename_leaves_an_acknowledged_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = populated(dir.path());
    lib.set_fault_hook(Some(hook));
    let mut acknowledged = lib.note("a1").to_string();
    for (errno, words) in [
        (libc_enospc(), "No space left"),
        (13, "Permission denied"),
        (5, "Input/output error"),
    ] {
        // Fault point `at` of a save, for every `at` until a save has no more of them.
        let mut failed = 0;
        for at in 0.. {
            // A note long enough that the file takes several write chunks.
            let attempt = format!("{words} at {at}: {}", "x".repeat(9000));
            arm(at, errno);
            let Err(err) = lib.set_note("a1", &attempt) else {
                acknowledged = attempt;
                break;
            };
            failed += 1;
            assert!(err.to_string().contains(words), "{err}");
            assert!(lib.has_unsaved_changes(), "{words} at {at}: not counted as unsaved");
            assert_eq!(lib.note("a1"), attempt, "kept in memory");
            let on_disk = note_on_disk(&lib).unwrap_or_else(|| panic!("{words} at {at}: torn state file"));
            assert!(
                on_disk == acknowledged || on_disk == attempt,
                "{words} at {at}: the disk holds neither state"
            );
            // The disk recovers: the next save writes the change.
            arm(usize::MAX, 0);
            lib.save().unwrap();
            assert!(!lib.has_unsaved_changes());
            assert_eq!(note_on_disk(&lib).as_deref(), Some(attempt.as_str()));
            acknowledged = attempt;
        }
        // Backup, several chunks, fsync, rename, directory fsync.
        assert!(failed >= 6, "{words}: only {failed} fault points in a save");
    }
    // And a fresh open of the real folder agrees, backups and all.
    let (again, notices) = open(dir.path());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(again.note("a1"), acknowledged);
    assert_no_temp_files(&dir.path().join("corpora"));
}

fn libc_enospc() -> i32 {
    28
}

fn assert_no_temp_files(dir: &Path) {
    let temps: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(temps.is_empty(), "{temps:?}");
}
