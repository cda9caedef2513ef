//! End-to-end: live filtering in a real terminal, and `--filter` for scripts.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::{fmt::Write, process::Command};

use common::{Tmux, columns};

#[test]
fn type_a_query_see_only_matches_and_open_one() {
    let t = Tmux::start(&[]);
    t.wait_for("5 articles");
    t.keys(&["/"]);
    t.type_text("'crossroads");
    let screen = t.wait_until("the whole query narrowed to one", 20, |s| {
        s.contains("/ 'crossroads") && s.contains("Articles 1/5")
    });
    assert!(screen.contains("Brussels at a Crossroads"));
    let list = columns(&screen, 0, 30);
    assert!(
        !list.contains("What role are NATO"),
        "other titles are gone from the list:\n{screen}"
    );
    t.keys(&["Enter"]);
    let screen = t.wait_for("reader · j/k caret");
    assert!(screen.contains("There is a peculiar hush"), "{screen}");
    // Esc in the reader goes back to the list; Esc there clears the filter.
    t.keys(&["Escape"]);
    t.wait_for(" list · j/k");
    t.keys(&["Escape"]);
    t.wait_for("Articles 5 ");
    t.quit();
}

#[test]
fn search_in_the_open_article() {
    let t = Tmux::start(&[]);
    t.wait_for("5 articles");
    t.keys(&["Enter", "/"]);
    t.wait_for("find:");
    t.type_text("stoltenberg");
    // Hits show from the first letters typed: wait for the whole word with them.
    let screen = t.wait_until("the typed word and its first hit", 20, |s| {
        s.contains("find: stoltenberg") && s.contains("hit 1/")
    });
    assert!(screen.contains("hit 1/"), "{screen}");
    t.keys(&["Enter", "n"]);
    t.wait_for("hit 2/");
    // Back twice from hit 2: hit 1, then around to the last one.
    t.keys(&["N", "N"]);
    let screen = t.wait_until("wrapped to the last hit", 10, |s| {
        s.contains("hit ") && !s.contains("hit 1/") && !s.contains("hit 2/")
    });
    assert!(
        screen.contains("find: stoltenberg") || screen.contains("hit "),
        "{screen}"
    );
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn filter_history_is_kept_across_runs() {
    let config = tempfile::tempdir().unwrap();
    let cfg = config.path().to_str().unwrap();
    let t = Tmux::start(&["--config-dir", cfg]);
    t.wait_for("5 articles");
    t.keys(&["/"]);
    t.type_text("'hamas");
    t.wait_for("Articles 1/5");
    t.keys(&["Enter"]);
    t.wait_for("reader · j/k caret");
    // q in the reader goes back to the list; q there quits.
    t.keys(&["q"]);
    t.wait_for(" list · j/k");
    t.quit();
    let t = Tmux::start(&["--config-dir", cfg]);
    t.wait_for("5 articles");
    t.keys(&["/", "Up"]);
    t.wait_for("/ 'hamas");
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn filter_history_is_recalled_with_up() {
    let t = Tmux::start(&[]);
    t.wait_for("5 articles");
    t.keys(&["/"]);
    t.type_text("'gaza");
    t.wait_for("Articles 1/5");
    t.keys(&["Escape"]);
    t.wait_for(" list · j/k");
    t.keys(&["Escape"]);
    t.wait_for("Articles 5 ");
    t.keys(&["/", "Up"]);
    t.wait_for("/ 'gaza");
    t.keys(&["q"]);
    // In the filter line q is text, Ctrl-C still quits.
    t.wait_for("/ 'gazaq");
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), 0);
}

fn filter(query: &str) -> (Option<i32>, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--filter", query])
        .output()
        .unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    (out.status.code(), lines)
}

#[test]
fn filter_flag_prints_ranked_ids_and_titles() {
    let (code, lines) = filter("'crossroads");
    assert_eq!(code, Some(0));
    assert_eq!(
        lines,
        [
            "002_2d726a9310d6e3bb.txt\tBrussels at a Crossroads: The Alliance, an Unlikely Peacemaker, and a War That Won’t Let Go"
        ]
    );
    let (code, lines) = filter("'stoltenberg 'gaza");
    assert_eq!(code, Some(0));
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with("000_d53c2c6ada8aa28e.txt\t"));
    let (_, lines) = filter("^what");
    assert_eq!(lines.len(), 1);
    assert!(lines[0].ends_with("What role are NATO and allies playing?"));
    let (_, lines) = filter("");
    assert_eq!(lines.len(), 5);
    let (code, lines) = filter("'xyzzy-nothing");
    assert_eq!(code, Some(1));
    assert!(lines.is_empty());
}

/// 3000 one-line articles: the list is long enough to hold a burst of keys.
fn long_list(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("long.jsonl");
    let mut lines = String::new();
    for i in 0..3000 {
        writeln!(
            lines,
            "{{\"id\":\"n{i}\",\"title\":\"Item number {i}\",\"text\":\"Body {i}.\"}}"
        )
        .unwrap();
    }
    std::fs::write(&path, lines).unwrap();
    path
}

#[test]
fn a_burst_of_keys_longer_than_a_read_is_handled_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = long_list(dir.path());
    let t = Tmux::start(&[&path.display().to_string()]);
    t.wait_for("3000 articles");
    // 2500 keys written at once (terminals deliver a held key or a paste in such bursts):
    // more than the 1 KiB crossterm reads at a time. All must be handled without more input.
    t.type_text(&"j".repeat(2500));
    t.wait_until("the cursor on row 2501", 30, |s| s.contains("2501/3000"));
}
