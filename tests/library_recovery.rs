//! Recovery from bad files and read-only modes: corrupt, truncated, newer-version and
//! foreign state files; unwritable config directories; leftovers of killed processes.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "library_common/mod.rs"]
mod common;

use std::fs;
use std::path::Path;

use common::{KEY, annotation, corrupt_files, open, populated};
use dossier::library::{Notice, SaveError};
use serde_json::json;

#[test]
fn corrupt_file_is_moved_aside_and_backup_restored() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = populated(dir.path());
    lib.set_note("a1", "second note").unwrap();
    let path = lib.state_path().to_path_buf();
    drop(lib);
    let garbage = b"{\"schema\": 1, \"corpus\": oops".to_vec();
    fs::write(&path, &garbage).unwrap();

    let (lib, notices) = open(dir.path());
    let moved = corrupt_files(&path);
    assert_eq!(moved.len(), 1);
    assert_eq!(fs::read(&moved[0]).unwrap(), garbage, "corrupt file kept byte for byte");
    let text = notices.iter().map(Notice::as_str).collect::<Vec<_>>().join("\n");
    assert!(
        text.contains("corrupt") && text.contains(&moved[0].display().to_string()),
        "{text}"
    );
    assert!(text.contains("restored from the backup"), "{text}");
    // The backup is the save before the last one: everything except the second note.
    assert_eq!(lib.note("a1"), "first note");
    assert_eq!(lib.annotations("a2").len(), 30);
    assert!(!lib.read_only());
    // The restored state was written back.
    let (again, notices) = open(dir.path());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(again.note("a1"), "first note");
}

#[test]
fn truncated_file_is_moved_aside_and_backup_restored() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = populated(dir.path());
    lib.set_bookmark("a3", true).unwrap();
    let path = lib.state_path().to_path_buf();
    drop(lib);
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();

    let (lib, notices) = open(dir.path());
    assert_eq!(corrupt_files(&path).len(), 1);
    assert!(notices[0].as_str().contains("EOF"), "{notices:?}");
    assert!(lib.is_bookmarked("a1") && !lib.is_bookmarked("a3"));
}

#[test]
fn corrupt_file_without_backup_starts_empty() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _) = open(dir.path());
    let path = lib.state_path().to_path_buf();
    drop(lib);
    fs::write(&path, b"").unwrap();
    let (mut lib, notices) = open(dir.path());
    assert!(notices[0].as_str().contains("starting empty"), "{notices:?}");
    assert_eq!(corrupt_files(&path).len(), 1);
    assert!(lib.state().articles.is_empty());
    lib.set_bookmark("x", true).unwrap();
}

#[test]
fn newer_schema_is_left_alone_and_library_goes_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _) = open(dir.path());
    let path = lib.state_path().to_path_buf();
    drop(lib);
    let newer = serde_json::to_vec_pretty(&json!({
        "schema": 2,
        "corpus": KEY,
        "articles": { "a1": { "bookmark": { "value": true, "updated": 5, "writer": 1 } } },
        "shiny": "new",
    }))
    .unwrap();
    fs::write(&path, &newer).unwrap();

    let (mut lib, notices) = open(dir.path());
    assert!(lib.read_only());
    assert!(notices[0].as_str().contains("newer dossier"), "{notices:?}");
    assert!(lib.is_bookmarked("a1"), "what we can read of it is shown");
    let err = lib.set_note("a1", "mine").unwrap_err();
    assert!(err.to_string().starts_with("not saved:"), "{err}");
    assert_eq!(lib.note("a1"), "mine", "edit kept in memory");
    assert!(lib.has_unsaved_changes());
    assert!(
        lib.export_markdown("builtin:seeds", &|_| None).contains("mine"),
        "export still works"
    );
    assert_eq!(fs::read(&path).unwrap(), newer, "file untouched");
    assert!(corrupt_files(&path).is_empty(), "not treated as corrupt");
}

#[test]
fn file_for_another_corpus_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _) = open(dir.path());
    let path = lib.state_path().to_path_buf();
    drop(lib);
    let other = br#"{"schema": 1, "corpus": "builtin:seeds", "articles": {}}"#;
    fs::write(&path, other).unwrap();
    let (mut lib, notices) = open(dir.path());
    assert!(lib.read_only(), "{notices:?}");
    assert!(lib.set_bookmark("a", true).is_err());
    assert_eq!(fs::read(&path).unwrap(), other);
}

fn assert_read_only_in_memory(config: &Path) {
    let (mut lib, notices) = open(config);
    assert!(lib.read_only());
    assert!(
        notices.iter().any(|n| n.as_str().contains("kept in memory only")),
        "{notices:?}"
    );
    let err = lib.set_bookmark("a", true).unwrap_err();
    assert!(matches!(err, SaveError::ReadOnly { .. }), "{err}");
    assert!(err.to_string().starts_with("not saved:"));
    let (_, saved) = lib.add_annotation("a", annotation("kept"));
    assert!(saved.is_err());
    assert!(lib.push_history("q").is_err());
    assert!(lib.is_bookmarked("a"));
    assert_eq!(lib.history().collect::<Vec<_>>(), ["q"]);
    let md = lib.export_markdown("builtin:seeds", &|_| Some("Title".to_string().into()));
    assert!(md.contains("> the best of times") && md.contains("kept"), "{md}");
    assert_eq!(lib.export_json_ld()["total"], 2);
}

#[test]
fn config_dir_that_is_a_file_means_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    fs::write(&config, b"not a dir").unwrap();
    assert_read_only_in_memory(&config);
    assert_eq!(fs::read(&config).unwrap(), b"not a dir");
}

#[test]
fn config_dir_under_a_file_means_read_only() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("file"), b"").unwrap();
    assert_read_only_in_memory(&dir.path().join("file").join("dossier"));
}

/// Make `dirs` unwritable: `chmod 555`, and for root (whom permissions do not stop) the
/// immutable attribute. False when neither works here.
#[cfg(unix)]
fn lock_down(dirs: &[&Path], on: bool) -> bool {
    use std::os::unix::fs::PermissionsExt;
    for d in dirs {
        // An immutable folder's mode cannot change: the attribute goes last on, first off.
        let chattr = |flag| std::process::Command::new("chattr").arg(flag).arg(d).output();
        if !on {
            let _ = chattr("-i");
        }
        fs::set_permissions(d, fs::Permissions::from_mode(if on { 0o555 } else { 0o700 })).unwrap();
        if on {
            let _ = chattr("+i");
        }
    }
    !on || fs::write(dirs[0].join("probe"), b"").is_err()
}

#[cfg(unix)]
#[test]
fn config_dir_without_write_permission_means_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    // A library used before: its state file and lock exist, so only a write finds out.
    populated(&config);
    let corpora = config.join("corpora");
    if lock_down(&[&corpora, &config], true) {
        let (mut lib, notices) = open(&config);
        assert!(lib.read_only(), "{notices:?}");
        assert!(
            notices.iter().any(|n| n.as_str().contains("kept in memory only")),
            "{notices:?}"
        );
        assert_eq!(lib.note("a1"), "first note", "what was saved is still read");
        let err = lib.set_bookmark("a", true).unwrap_err();
        assert!(matches!(err, SaveError::ReadOnly { .. }), "{err}");
    } else {
        eprintln!("skipped: neither chmod nor chattr makes a folder unwritable here");
    }
    lock_down(&[&config, &corpora], false);
}

#[test]
fn stale_temp_files_are_removed_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let lib = populated(dir.path());
    let path = lib.state_path().to_path_buf();
    drop(lib);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let stale = path.parent().unwrap().join(format!(".{name}.XyZ123.tmp"));
    fs::write(&stale, b"half a fi").unwrap();
    let _ = open(dir.path());
    assert!(!stale.exists());
}

#[test]
fn corruption_found_while_running_is_moved_aside_and_memory_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = populated(dir.path());
    let path = lib.state_path().to_path_buf();
    fs::write(&path, b"\0\0\0garbage").unwrap();
    lib.set_bookmark("a4", true).unwrap();
    let notices = lib.take_notices();
    assert!(notices[0].as_str().contains("corrupt"), "{notices:?}");
    assert_eq!(fs::read(&corrupt_files(&path)[0]).unwrap(), b"\0\0\0garbage");
    let (again, notices) = open(dir.path());
    assert!(notices.is_empty(), "{notices:?}");
    assert!(again.is_bookmarked("a4") && again.is_bookmarked("a1"));
    assert_eq!(again.annotations("a2").len(), 30, "memory had everything");
}
