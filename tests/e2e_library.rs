//! End-to-end: what a reader writes survives quitting, in a real terminal.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::format_collect)]

mod common;

use std::process::Command;

use common::{Tmux, columns};

#[test]
fn bookmark_note_and_annotation_survive_a_restart() {
    let config = tempfile::tempdir().unwrap();
    let cfg = config.path().to_str().unwrap();
    let t = Tmux::start(&["--config-dir", cfg]);
    t.wait_for("5 articles");
    // Bookmark the first article, note on the second.
    t.keys(&["b"]);
    t.wait_for("★ 1");
    t.keys(&["j", "a"]);
    t.wait_for("Esc save");
    t.type_text("Check the casualty figures");
    t.keys(&["Escape"]);
    t.wait_for("✎ 1");
    // Open the third and annotate its first sentence.
    t.keys(&["j", "Enter"]);
    t.annotate_sentence("Mood in Brussels", 1);
    t.quit();

    let t = Tmux::start(&["--config-dir", cfg]);
    // A restart opens on the article read last: the annotated one.
    let screen = t.wait_until("the library and the articles", 20, |s| {
        s.contains("★ 1  ✎ 1  ▌ 1") && s.contains("▶    Brussels")
    });
    let list = columns(&screen, 0, 30);
    assert!(list.contains(" ★ • The"), "bookmark mark on the first row:\n{screen}");
    assert!(
        list.contains("✎• Commentary"),
        "note mark (and unread) on the second row:\n{screen}"
    );
    t.keys(&["g", "j"]);
    t.wait_for("2/5");
    t.keys(&["a"]);
    t.wait_for("Check the casualty figures");
    t.keys(&["Escape"]);
    t.wait_until("editor closed", 10, |s| !s.contains("Esc save"));
    t.keys(&["A"]);
    let screen = t.wait_for("Annotations 1/1");
    assert!(
        screen.contains("Mood in Brussels") && screen.contains("There is a peculiar hush"),
        "{screen}"
    );
    t.keys(&["Enter"]);
    let screen = t.wait_for("reader · j/k caret");
    assert!(
        screen.contains("▌There is a peculiar hush"),
        "annotated passage marked:\n{screen}"
    );
    t.quit();

    // And the export command prints all three.
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--config-dir", cfg, "export", "--format", "markdown"])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("Bookmarked") && md.contains("Check the casualty figures") && md.contains("Mood in Brussels"),
        "{md}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--config-dir", cfg, "export", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json.to_string().contains("TextQuoteSelector"));
}

#[test]
fn an_external_writes_the_note() {
    let config = tempfile::tempdir().unwrap();
    let cfg = config.path().to_str().unwrap();
    // A scripted "editor": appends a line to the file it is given.
    let t = Tmux::start_sized(
        &["--config-dir", cfg],
        100,
        30,
        &[("EDITOR", "sh -c 'echo from-editor >> \"$1\"' editor")],
    );
    t.wait_for("5 articles");
    t.keys(&["E"]);
    t.wait_for("✎ 1");
    t.keys(&["a"]);
    // The editor's own border, not the note's text (which the screen may show elsewhere
    // before `a` is handled: an Escape sent then, followed at once by the quit's `q`, reads
    // as Alt-q and the editor stays open; seen once under CI load).
    let screen = t.wait_until("the editor open", 10, |s| s.contains("Esc save"));
    assert!(screen.contains("from-editor"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_until("editor closed", 10, |s| !s.contains("Esc save"));
    t.quit();
}

#[test]
fn closing_the_terminal_ends_the_process() {
    let t = Tmux::start(&[]);
    t.wait_for("5 articles");
    let pid = t.pid();
    t.run(&["kill-server"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.contains(") Z ") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "dossier still running after its terminal closed"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn entities_command_prints_json_lines() {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["entities", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["path"], "000_d53c2c6ada8aa28e.txt");
    let people: Vec<&str> = lines[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "person")
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(people.contains(&"Jens Stoltenberg"), "{people:?}");
    let stoltenberg = lines[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Jens Stoltenberg")
        .unwrap();
    assert_eq!(stoltenberg["aliases"][0], "Stoltenberg");
    assert!(stoltenberg["mentions"].as_u64().unwrap() >= 2);
}

#[test]
fn sigterm_with_the_editor_open_keeps_the_note() {
    let config = tempfile::tempdir().unwrap();
    let cfg = config.path().to_str().unwrap();
    let t = Tmux::start(&["--config-dir", cfg]);
    t.wait_for("5 articles");
    t.keys(&["a"]);
    t.wait_for("Esc save");
    t.type_text("typed before the kill");
    t.wait_for("typed before the kill");
    t.signal("TERM");
    assert_eq!(t.exit_code(), 0);
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--config-dir", cfg, "export"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("typed before the kill"));
}

fn exported(cfg: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--config-dir", cfg, "export"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn closing_the_terminal_with_the_editor_open_keeps_the_note() {
    let config = tempfile::tempdir().unwrap();
    let cfg = config.path().to_str().unwrap();
    let t = Tmux::start(&["--config-dir", cfg]);
    t.wait_for("5 articles");
    t.keys(&["a"]);
    t.wait_for("Esc save");
    t.type_text("typed before the window closed");
    t.wait_for("typed before the window closed");
    t.close_terminal();
    assert!(exported(cfg).contains("typed before the window closed"));
}

#[test]
fn sighup_with_the_terminal_alive_keeps_the_note_and_restores_the_terminal() {
    let config = tempfile::tempdir().unwrap();
    let cfg = config.path().to_str().unwrap();
    let t = Tmux::start(&["--config-dir", cfg]);
    t.wait_for("5 articles");
    t.keys(&["a"]);
    t.wait_for("Esc save");
    t.type_text("typed before the hang-up");
    t.wait_for("typed before the hang-up");
    t.signal("HUP");
    assert_eq!(t.exit_code(), 129);
    t.wait_for("EXITED");
    assert_eq!(t.format("#{alternate_on}"), "0", "left the alternate screen");
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse capture turned off");
    assert!(exported(cfg).contains("typed before the hang-up"));
}

#[test]
fn a_long_paste_into_the_note_editor_arrives_whole() {
    let config = tempfile::tempdir().unwrap();
    let cfg = config.path().to_str().unwrap();
    let t = Tmux::start(&["--config-dir", cfg]);
    t.wait_for("5 articles");
    t.keys(&["a"]);
    t.wait_for("Esc save");
    // 4 KB over many lines, pasted as the terminal pastes it (bracketed, as dossier asked).
    let text: String = (0..80)
        .map(|i| format!("pasted line {i:02} of a long quote\n"))
        .collect();
    t.run(&["set-buffer", "--", &text]);
    t.run(&["paste-buffer", "-p", "-t", "main"]);
    t.wait_for("pasted line 79");
    t.keys(&["Escape"]);
    t.wait_for(" list · j/k");
    t.quit();
    let exported = exported(cfg);
    for i in [0, 41, 79] {
        assert!(
            exported.contains(&format!("pasted line {i:02} of a long quote")),
            "{exported}"
        );
    }
}
