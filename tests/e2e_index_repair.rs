//! End-to-end: a search index that cannot be trusted is rebuilt, by `--search` and by the
//! reader, without a panic reaching the terminal; one that cannot be built is shown as such.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::{fs, path::Path, process::Command};

use common::Tmux;

/// `dossier --cache-dir CACHE --search QUERY` over the seeds: exit code, stdout, stderr.
fn search(cache: &Path, query: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--cache-dir", &cache.display().to_string(), "--search", query])
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap(), text(out.stdout), text(out.stderr))
}

/// The one index folder under `cache`.
fn index_dir(cache: &Path) -> std::path::PathBuf {
    fs::read_dir(cache.join("index"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .unwrap()
}

/// What the issue did: make `meta.json` claim 100 times the documents its segments hold.
fn inflate_max_doc(dir: &Path) {
    let path = dir.join("meta.json");
    let mut meta: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    for segment in meta["segments"].as_array_mut().unwrap() {
        let n = segment["max_doc"].as_u64().unwrap();
        segment["max_doc"] = (n * 100).into();
    }
    fs::write(&path, meta.to_string()).unwrap();
}

/// Esc out of the filter line, and wait until it is out (an Esc sent with the next key would
/// reach the app as Alt and that key).
fn leave_filter(t: &Tmux) {
    t.keys(&["Escape"]);
    t.wait_until("the filter line closed", 10, |s| !s.contains("type to narrow"));
}

/// Leave the filter line, open the notices view until it shows `want`, close it; the screen.
fn notices(t: &Tmux, want: &str) -> String {
    leave_filter(t);
    t.keys(&["!"]);
    let screen = t.wait_for(want);
    t.keys(&["Escape"]);
    screen
}

#[test]
fn search_flag_rebuilds_a_lying_index_instead_of_panicking() {
    let cache = tempfile::tempdir().unwrap();
    let (code, first, _) = search(cache.path(), "stoltenberg");
    assert_eq!(code, 0);
    inflate_max_doc(&index_dir(cache.path()));
    let (code, again, err) = search(cache.path(), "stoltenberg");
    assert_eq!((code, &again), (0, &first), "{err}");
    assert!(err.contains("rebuilt the search index"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // Repaired once, trusted after.
    let (code, _, err) = search(cache.path(), "stoltenberg");
    assert_eq!((code, err.as_str()), (0, ""));
}

#[test]
fn the_reader_rebuilds_a_lying_index_and_keeps_its_screen() {
    let cache = tempfile::tempdir().unwrap();
    search(cache.path(), "nato");
    inflate_max_doc(&index_dir(cache.path()));
    let dir = cache.path().display().to_string();
    let t = Tmux::start(&["--cache-dir", &dir]);
    t.wait_until("the seeds", 60, |s| s.contains("notice (!)"));
    t.keys(&["/"]);
    t.type_text("=stoltenberg");
    let screen = t.wait_until("the results", 60, |s| s.contains("Text search 2/2"));
    assert!(
        screen.starts_with(" dossier ·"),
        "the screen is not the app's:\n{screen}"
    );
    let screen = notices(&t, "the search index was rebuilt");
    assert!(screen.contains("is not the commit"), "{screen}");
    t.quit();
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn an_index_that_cannot_be_built_says_so() {
    let cache = tempfile::tempdir().unwrap();
    // Where the index folders belong there is a file, and it cannot be replaced.
    fs::write(cache.path().join("index"), "in the way").unwrap();
    let dir = cache.path().display().to_string();
    let t = Tmux::start(&["--cache-dir", &dir]);
    t.wait_for("no text search (!)");
    t.keys(&["/"]);
    t.type_text("=nato");
    t.wait_for("text search is unavailable:");
    let screen = notices(&t, "full-text search is unavailable");
    assert!(screen.contains("index"), "{screen}");
    t.quit();
}

#[test]
fn a_panic_on_a_worker_thread_leaves_the_screen_and_the_keys_alone() {
    let cache = tempfile::tempdir().unwrap();
    let dir = cache.path().display().to_string();
    let t = Tmux::start_sized(&["--cache-dir", &dir], 100, 30, &[("DOSSIER_TEST_PANIC", "indexer")]);
    let screen = t.wait_for("no text search (!)");
    assert!(
        !screen.contains("panicked"),
        "the panic was printed over the app:\n{screen}"
    );
    assert_eq!(t.format("#{alternate_on}"), "1", "the app left the alternate screen");
    // Keys still reach the app (a restored terminal would echo them instead).
    t.keys(&["j"]);
    t.wait_for("2/5");
    t.keys(&["!"]);
    t.wait_for("the index builder stopped");
    t.keys(&["Escape"]);
    t.quit();
    assert_eq!(t.exit_code(), 0);
}
