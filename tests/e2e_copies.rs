//! Copies of one story, end to end: in tmux, the built binary shows one row with `+2`, `z`
//! shows the copies, reading one marks the whole group read (kept across a restart), `Z`
//! turns grouping off for the corpus; on the command line, `dups` and `--group`.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "common/copies.rs"]
mod copies;

use std::process::Command;

use common::Tmux;

fn corpus() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("port-strike");
    std::fs::create_dir(&dir).unwrap();
    copies::write_corpus(&dir);
    let dir = dir.to_str().unwrap().to_string();
    (tmp, dir)
}

/// The list's rows that show a copy (`└`) of the story.
fn copy_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|l| l.chars().take(40).collect::<String>())
        .filter(|l| l.starts_with('│') && l.contains("└ "))
        .collect()
}

#[test]
fn one_row_per_story_opened_in_place_and_read_as_a_group() {
    let (tmp, dir) = corpus();
    let cfg = tmp.path().join("config");
    let cfg = cfg.to_str().unwrap();
    let t = Tmux::start(&["--config-dir", cfg, &dir]);
    // Groups arrive once every text was read: seven articles, five rows.
    let screen = t.wait_until("the group's row", 30, |s| {
        s.contains("Articles 5/7") && s.contains("+2")
    });
    assert!(screen.contains("Dock workers"), "{screen}");
    assert!(copy_rows(&screen).is_empty(), "closed:\n{screen}");
    // The group is the oldest story: the last row. `z` opens it in place.
    t.keys(&["G", "z"]);
    let screen = t.wait_until("the copies", 10, |s| copy_rows(s).len() == 2);
    assert!(screen.contains("Articles 7/7") && screen.contains("−2"), "{screen}");
    let rows = copy_rows(&screen);
    assert!(rows.iter().any(|r| r.contains("└ The Guardian")), "{rows:?}");
    assert!(rows.iter().any(|r| r.contains("└ DutchNews")), "{rows:?}");
    assert!(rows.iter().all(|r| r.contains('•')), "unread before:\n{rows:?}");
    // Reading the representative marks both copies read.
    t.keys(&["Enter"]);
    t.wait_for("also in 2");
    t.keys(&["q"]);
    let screen = t.wait_until("the copies read", 10, |s| {
        copy_rows(s).len() == 2 && copy_rows(s).iter().all(|r| !r.contains('•'))
    });
    assert!(
        screen.contains("ECB holds") && screen.contains('•'),
        "others stay unread:\n{screen}"
    );
    // `Z` lists every copy, and the choice is kept for the corpus.
    t.keys(&["Z"]);
    t.wait_for("every copy listed");
    t.quit();
    let t = Tmux::start(&["--config-dir", cfg, &dir]);
    let screen = t.wait_until("names known", 30, |s| {
        s.contains("Articles 7 ·") && s.contains("People")
    });
    assert!(!screen.contains("+2"), "grouping stays off:\n{screen}");
    t.keys(&["Z"]);
    let screen = t.wait_until("grouped again", 10, |s| s.contains("Articles 5/7") && s.contains("+2"));
    // Z may come before the groups have (then it says they will be grouped once found).
    assert!(
        screen.contains("copies grouped: 1 stories") || screen.contains("copies will be grouped"),
        "{screen}"
    );
    // Read is kept: the group's row carries no unread mark.
    let group_row = screen.lines().find(|l| l.contains("+2")).unwrap();
    assert!(!group_row.contains('•'), "{group_row}");
    t.quit();
}

fn dossier(args: &[&str], cache: &std::path::Path) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--cache-dir", cache.to_str().unwrap()])
        .args(args)
        .output()
        .unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.code().unwrap_or(-1))
}

#[test]
fn dups_prints_the_groups_and_group_makes_one_line_per_story() {
    let (tmp, dir) = corpus();
    let cache = tmp.path().join("cache");
    let (out, code) = dossier(&["dups", &dir], &cache);
    assert_eq!(code, 0, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "3 copies\tDock workers strike shuts Rotterdam port", "{out}");
    assert!(
        lines[1].starts_with("\twire-reuters.md\tReuters\t"),
        "the earliest first:\n{out}"
    );
    assert_eq!(lines.len(), 4, "one group of three:\n{out}");
    // The same from the catalog, as JSON.
    let (json, _) = dossier(&["dups", "--json", &dir], &cache);
    let group: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!(group["copies"], 3);
    assert_eq!(group["articles"][0]["source"], "Reuters");
    assert_eq!(group["articles"].as_array().unwrap().len(), 3);
    // --filter and --search list the story once with --group.
    let (all, _) = dossier(&["--filter", "rotterdam", &dir], &cache);
    let (grouped, code) = dossier(&["--filter", "rotterdam", "--group", &dir], &cache);
    assert_eq!(code, 0);
    assert_eq!(all.lines().count(), 4, "three copies and the follow-up:\n{all}");
    assert_eq!(grouped.lines().count(), 2, "the story and the follow-up:\n{grouped}");
    assert!(grouped.contains("wire-reuters.md\t"), "{grouped}");
    let (found, _) = dossier(&["--search", "dockers", "--group", &dir], &cache);
    assert_eq!(
        found.lines().filter(|l| l.starts_with("wire-")).count(),
        1,
        "one copy of the story:\n{found}"
    );
    let (dumped, _) = dossier(&["dump", "--group", &dir], &cache);
    assert_eq!(dumped.lines().count(), 5, "{dumped}");
    // A corpus without copies: status 1, nothing printed.
    let (none, code) = dossier(&["dups"], &cache);
    assert_eq!((none.as_str(), code), ("", 1));
}
