//! Saving: round trips, failed writes, unknown fields, history, and several instances
//! sharing the files.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "library_common/mod.rs"]
mod common;

use std::fs;
use std::io;

use common::{KEY, annotation, open, populated, temp_files};
use dossier::library::{SaveError, Stage};
use serde_json::{Value, json};

#[test]
fn round_trip_and_file_layout() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = populated(dir.path());
    lib.set_read("a1", true).unwrap();
    lib.set_position("a1", 1234).unwrap();
    lib.push_history("budget").unwrap();
    let path = lib.state_path().to_path_buf();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(name.len(), 16 + 5, "{name}");
    assert!(name[..16].chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(path.parent().unwrap(), dir.path().join("corpora"));
    assert!(dir.path().join("history.json").exists());

    let on_disk: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(on_disk["schema"], 1);
    assert_eq!(on_disk["corpus"], KEY);
    assert!(path.with_extension("json.bak").exists(), "previous version kept");

    let (again, notices) = open(dir.path());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(again.state(), lib.state());
    assert!(again.is_bookmarked("a1") && again.is_read("a1"));
    assert_eq!(again.note("a1"), "first note");
    assert_eq!(again.position("a1"), 1234);
    assert_eq!(again.annotations("a2").len(), 30);
    assert_eq!(again.history().collect::<Vec<_>>(), ["budget"]);
}

#[test]
fn delete_and_update_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, _) = open(dir.path());
    let (id, saved) = lib.add_annotation("a", annotation("one"));
    saved.unwrap();
    lib.update_annotation_note("a", &id, "two").unwrap();
    assert_eq!(lib.annotations("a")[0].1.note, "two");
    lib.delete_annotation("a", &id).unwrap();
    assert!(lib.annotations("a").is_empty());
    let err = lib.update_annotation_note("a", &id, "three").unwrap_err();
    assert!(matches!(err, SaveError::NoSuchAnnotation { .. }), "{err}");
    let (again, _) = open(dir.path());
    let ann = &again.article("a").unwrap().annotations[&id];
    assert!(ann.deleted && ann.note.is_empty(), "tombstone kept, text dropped");
}

fn enospc() -> io::Error {
    io::Error::other("No space left on device (injected)")
}

fn fail_backup(s: Stage) -> io::Result<()> {
    if s == Stage::Backup { Err(enospc()) } else { Ok(()) }
}

fn fail_mid_write(s: Stage) -> io::Result<()> {
    match s {
        Stage::Wrote { bytes } if bytes > 0 => Err(enospc()),
        _ => Ok(()),
    }
}

fn fail_fsync(s: Stage) -> io::Result<()> {
    if s == Stage::SyncFile {
        Err(io::Error::other("fsync failed (injected)"))
    } else {
        Ok(())
    }
}

fn fail_rename(s: Stage) -> io::Result<()> {
    if s == Stage::Rename {
        Err(io::Error::other("rename failed (injected)"))
    } else {
        Ok(())
    }
}

#[test]
fn failed_write_leaves_old_file_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = populated(dir.path());
    let path = lib.state_path().to_path_buf();
    let corpora = path.parent().unwrap().to_path_buf();
    for (i, hook) in [fail_backup, fail_mid_write, fail_fsync, fail_rename]
        .into_iter()
        .enumerate()
    {
        let before = fs::read(&path).unwrap();
        let bak_before = fs::read(path.with_extension("json.bak")).unwrap();
        lib.set_fault_hook(Some(hook));
        let note = format!("edit {i}");
        let err = lib.set_note("a1", &note).unwrap_err();
        assert!(err.to_string().starts_with("not saved:"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), before, "stage {i}: file changed");
        if i > 0 {
            assert_eq!(
                fs::read(path.with_extension("json.bak")).unwrap(),
                fs::read(&path).unwrap()
            );
        } else {
            assert_eq!(fs::read(path.with_extension("json.bak")).unwrap(), bak_before);
        }
        assert!(temp_files(&corpora).is_empty(), "{:?}", temp_files(&corpora));
        assert_eq!(lib.note("a1"), note, "kept in memory");
        assert!(lib.has_unsaved_changes());
        lib.set_fault_hook(None);
        lib.save().unwrap();
        assert!(!lib.has_unsaved_changes());
        let (again, _) = open(dir.path());
        assert_eq!(again.note("a1"), note, "the retry saved it");
    }
}

#[test]
fn directory_fsync_failure_is_reported() {
    fn fail_dir_sync(s: Stage) -> io::Result<()> {
        if s == Stage::SyncDir {
            Err(io::Error::other("dir fsync failed"))
        } else {
            Ok(())
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let mut lib = populated(dir.path());
    lib.set_fault_hook(Some(fail_dir_sync));
    // The rename happened, but durability is unknown: the caller is told, and the next save
    // (which finds the bytes already on disk) clears the flag.
    assert!(lib.set_note("a1", "x").is_err());
    assert!(lib.has_unsaved_changes());
    lib.set_fault_hook(None);
    lib.save().unwrap();
    assert_eq!(open(dir.path()).0.note("a1"), "x");
}

#[test]
fn unknown_fields_survive_a_rewrite() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _) = open(dir.path());
    let path = lib.state_path().to_path_buf();
    drop(lib);
    let original = json!({
        "schema": 1,
        "corpus": KEY,
        "future_top": { "x": 1 },
        "articles": {
            "a1": {
                "future_article": [1, 2],
                "bookmark": { "value": true, "updated": 5, "writer": 1, "future_register": "r" },
                "annotations": {
                    "ann1": {
                        "quote": { "exact": "q", "prefix": "", "suffix": "", "future_quote": 1 },
                        "position": { "start": 0, "end": 1, "future_position": 2 },
                        "note": "n", "created": 1, "updated": 5, "writer": 1,
                        "future_annotation": true
                    }
                }
            }
        }
    });
    fs::write(&path, serde_json::to_vec(&original).unwrap()).unwrap();
    let history = json!({
        "schema": 1,
        "future_history": "h",
        "entries": [ { "query": "old", "updated": 1, "writer": 1, "future_entry": 3 } ]
    });
    fs::write(dir.path().join("history.json"), serde_json::to_vec(&history).unwrap()).unwrap();

    let (mut lib, notices) = open(dir.path());
    assert!(notices.is_empty(), "{notices:?}");
    lib.set_note("a1", "new note").unwrap();
    lib.set_bookmark("a1", false).unwrap();
    lib.set_bookmark("a9", true).unwrap();
    lib.push_history("new").unwrap();

    let saved: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved["future_top"], json!({ "x": 1 }));
    let a1 = &saved["articles"]["a1"];
    assert_eq!(a1["future_article"], json!([1, 2]));
    assert_eq!(a1["bookmark"]["future_register"], "r");
    assert_eq!(a1["bookmark"]["value"], false);
    assert_eq!(a1["note"]["value"], "new note");
    let ann = &a1["annotations"]["ann1"];
    assert_eq!(ann["future_annotation"], true);
    assert_eq!(ann["quote"]["future_quote"], 1);
    assert_eq!(ann["position"]["future_position"], 2);
    let h: Value = serde_json::from_slice(&fs::read(dir.path().join("history.json")).unwrap()).unwrap();
    assert_eq!(h["future_history"], "h");
    assert_eq!(h["entries"][0]["future_entry"], 3);
    assert_eq!(h["entries"][1]["query"], "new");
}

#[test]
fn history_is_deduplicated_capped_and_newest_last() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, _) = open(dir.path());
    for q in ["a", "b", "a", "  c  ", "", "c"] {
        lib.push_history(q).unwrap();
    }
    assert_eq!(lib.history().collect::<Vec<_>>(), ["b", "a", "c"]);
    for i in 0..150 {
        lib.push_history(&format!("q{i}")).unwrap();
    }
    let (again, _) = open(dir.path());
    let h: Vec<_> = again.history().collect();
    assert_eq!(h.len(), 100);
    assert_eq!((h[0], h[99]), ("q50", "q149"));
}

#[test]
fn instances_merge_on_save_and_refresh() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = open(dir.path());
    let (mut b, _) = open(dir.path());
    let (ann, saved) = a.add_annotation("x", annotation("from a"));
    saved.unwrap();
    b.set_note("y", "from b").unwrap();
    // b saved without having seen a's annotation, and kept it.
    assert_eq!(b.annotations("x").len(), 1);
    assert!(a.note("y").is_empty());
    a.refresh().unwrap();
    assert_eq!(a.note("y"), "from b");
    // A deletion made in a is not undone by b, which still has the annotation in memory.
    a.delete_annotation("x", &ann).unwrap();
    b.set_bookmark("z", true).unwrap();
    let (c, _) = open(dir.path());
    assert!(c.annotations("x").is_empty());
    assert!(c.is_bookmarked("z") && c.note("y") == "from b");
    a.push_history("from a").unwrap();
    b.push_history("from b").unwrap();
    assert_eq!(b.history().collect::<Vec<_>>(), ["from a", "from b"]);
}

#[test]
fn a_held_lock_times_out_with_an_error_instead_of_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, _) = open(dir.path());
    let mut lock_path = lib.state_path().as_os_str().to_owned();
    lock_path.push(".lock");
    let holder = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
        .unwrap();
    holder.lock().unwrap();
    let started = std::time::Instant::now();
    let err = lib.set_bookmark("a", true).unwrap_err();
    assert!(started.elapsed().as_secs() < 10);
    assert!(err.to_string().contains("lock"), "{err}");
    holder.unlock().unwrap();
    lib.save().unwrap();
    assert!(open(dir.path()).0.is_bookmarked("a"));
}
