//! End-to-end in tmux: follow a story for a week. Tag an annotation, filter by the tag, sort
//! by date, save a view, restart, recall the view, export by tag.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Command;

use common::{Tmux, columns};

/// A wire of dated stories, oldest last in the file so that the orders differ from it.
fn wire(dir: &std::path::Path) -> std::path::PathBuf {
    let stories = [
        ("w1", "Ceasefire talks open in Geneva", "2024-03-05", "Reuters"),
        ("w2", "Grain corridor reopens", "2024-03-12", "AP"),
        ("w3", "Energy ministers meet in Oslo", "2024-02-20", "AFP"),
        ("w4", "Ceasefire holds for a second week", "2024-03-19", "Reuters"),
        ("w5", "Drone strikes hit the port", "2024-01-28", "BBC"),
    ];
    let lines: Vec<String> = stories
        .iter()
        .map(|(id, title, date, source)| {
            let text = format!("{title}. Officials said the situation changed quickly. More talks are planned.");
            serde_json::json!({ "id": id, "title": title, "date": date, "source": source, "text": text }).to_string()
        })
        .collect();
    let path = dir.join("wire.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

#[test]
fn tag_filter_sort_save_a_view_restart_recall_it_and_export_by_tag() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = wire(tmp.path());
    let corpus = corpus.to_str().unwrap();
    let config = tmp.path().join("config");
    let cfg = config.to_str().unwrap();
    let t = Tmux::start(&["--config-dir", cfg, corpus]);
    // A dated corpus opens newest first, the timeline under the list.
    let screen = t.wait_for("5 articles");
    assert!(screen.contains("newest first"), "{screen}");
    assert!(
        screen.contains("· week") || screen.contains("· day"),
        "the timeline's unit:\n{screen}"
    );
    // Open the newest (w4), annotate its first sentence, and tag that annotation.
    t.keys(&["Enter"]);
    t.annotate_sentence("Holding, says Reuters", 1);
    t.keys(&["t"]);
    t.wait_for("annotation tags:");
    t.type_text("#ceasefire");
    t.keys(&["Enter"]);
    t.wait_until("the annotation tagged", 10, |s| !s.contains("annotation tags:"));
    // Tag an article from the list too.
    t.keys(&["q"]);
    t.wait_for("list · j/k move");
    t.keys(&["G", "t"]);
    // (tmux trims the line's trailing spaces.)
    t.wait_for(" tags:");
    t.type_text("#ceasef");
    t.wait_for("Tab: ceasefire");
    t.keys(&["Tab", "Enter"]);
    t.wait_until("the chip on the row", 10, |s| {
        s.contains("#ceasefire") && !s.contains(" tags: ")
    });
    // Filter by the tag: the two tagged articles.
    t.keys(&["/"]);
    t.type_text("#ceasefire");
    let screen = t.wait_for("Articles 2/5");
    assert!(
        screen.contains("Drone strik") && screen.contains("Ceasefire h"),
        "{screen}"
    );
    t.keys(&["Escape"]);
    // Sort: newest, then oldest first (chosen: it orders the filtered list too).
    t.keys(&["O"]);
    let screen = t.wait_for("oldest first");
    let list = columns(&screen, 0, 40);
    let drone = list.find("Drone strik").unwrap();
    let holds = list.find("Ceasefire h").unwrap();
    assert!(drone < holds, "oldest first:\n{screen}");
    // Save the view.
    t.keys(&["S"]);
    t.wait_for("save view as:");
    t.type_text("truce");
    t.keys(&["Enter"]);
    t.wait_for("saved the view \"truce\"");
    t.quit();

    // Restart: nothing filtered; the order is kept; ' recalls the view.
    let t = Tmux::start(&["--config-dir", cfg, corpus]);
    let screen = t.wait_for("Articles 5 · oldest first");
    assert!(!screen.contains("/ #ceasefire"), "{screen}");
    t.keys(&["'"]);
    t.wait_for(" view:");
    t.type_text("tru");
    t.wait_for("Tab: truce");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Articles 2/5");
    assert!(
        screen.contains("/ #ceasefire") && screen.contains("oldest first"),
        "{screen}"
    );
    // A date operator, and the count of what it left out (nothing undated here).
    t.keys(&["/"]);
    t.type_text(" date:2024-03");
    let screen = t.wait_for("Articles 1/5");
    assert!(screen.contains("Ceasefire h"), "{screen}");
    t.quit();

    // --view opens at it.
    let t = Tmux::start(&["--config-dir", cfg, "--view", "truce", corpus]);
    t.wait_for("Articles 2/5");
    t.quit();

    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--config-dir", cfg, "export", corpus, "--by-tag"])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    let section = md.find("## #ceasefire").expect(&md);
    let after = &md[section..];
    assert!(after.contains("> Ceasefire holds for a second week."), "{md}");
    assert!(after.contains("Holding, says Reuters"), "{md}");
    assert!(
        after.contains("— Ceasefire holds for a second week · 2024-03-19 · Reuters"),
        "{md}"
    );
}
