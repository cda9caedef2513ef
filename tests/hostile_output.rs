//! Every command on a corpus whose file and folder names, titles and texts carry terminal
//! escapes: no output may hold a control byte (other than newline and tab) or a C1 control.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{path::Path, process::Command};

use dossier::{library::Library, store::CorpusSource};

fn hostile_corpus(dir: &Path) {
    let sub = dir.join("\x1b[2Jfolder");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        dir.join("esc\x1b]0;PWNED\x07.txt"),
        b"Title \x1b]0;PWNED\x07change\nBody naming Angela Merkel in Berlin \xc2\x9b2J twice.\n",
    )
    .unwrap();
    std::fs::write(
        sub.join("c1\u{9b}31m.md"),
        "---\ntitle: \"C1 \u{9b}31m title\"\nauthor: \"Eve \x1b[5m\"\nurl: \"https://x.example/\x1b]8;;evil\x07\"\n---\n\nText about the European Central Bank \x1b[?1049h here.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("feed\x07.jsonl"),
        "{\"id\": \"id\\u001b]2;T\\u0007\", \"title\": \"JSON \\u009b title\", \"text\": \"Olaf Scholz spoke \\u001b[31m in Paris.\"}\n",
    )
    .unwrap();
}

/// Bytes that must never be printed: C0 controls but newline and tab, DEL, and the C1
/// controls as UTF-8 (U+0080–U+009F).
fn assert_clean(what: &str, bytes: &[u8]) {
    for (i, &b) in bytes.iter().enumerate() {
        assert!(
            !(b < 0x20 && b != b'\n' && b != b'\t') && b != 0x7f,
            "{what}: control byte {b:#04x} at {i}: {:?}",
            String::from_utf8_lossy(&bytes[i.saturating_sub(40)..(i + 40).min(bytes.len())])
        );
    }
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
        "{what}: a C1 control in {text:?}"
    );
}

#[test]
fn no_command_prints_a_control_from_a_hostile_corpus() {
    let corpus = tempfile::tempdir().unwrap();
    hostile_corpus(corpus.path());
    let config = tempfile::tempdir().unwrap();
    // Bookmark and annotate every article, so the exports name each one by id and title.
    let source = CorpusSource::resolve(Some(corpus.path())).unwrap();
    let (articles, _) = dossier::store::load_all(&source, &dossier::store::LoadOptions::default());
    assert_eq!(articles.len(), 2, "{articles:?}");
    let (mut lib, _) = Library::open(config.path(), &source.key()).unwrap();
    for a in &articles {
        lib.set_bookmark(&a.id, true).unwrap();
        lib.set_note(&a.id, "note \x1b]0;NOTE\x07 with an escape").unwrap();
    }
    // An old state file could hold a raw id too.
    lib.set_bookmark("raw\x1b[2Jid\u{9b}", true).unwrap();
    drop(lib);
    let jsonl = corpus.path().join("feed\x07.jsonl");
    let dir = corpus.path().to_str().unwrap().to_string();
    let missing = corpus.path().join("missing\x1b[2J");
    let runs: Vec<Vec<&str>> = vec![
        vec!["--filter", "", &dir],
        vec!["--filter", "'merkel", &dir],
        vec!["--search", "bank", &dir],
        vec!["entities", &dir],
        vec!["entities", "--json", &dir],
        vec!["export", &dir],
        vec!["export", "--format", "json", &dir],
        vec!["dump", &dir],
        vec!["dump", jsonl.to_str().unwrap()],
        vec!["entities", jsonl.to_str().unwrap()],
        vec![missing.to_str().unwrap()],
    ];
    for args in runs {
        let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(&args)
            .arg("--config-dir")
            .arg(config.path())
            .arg("--cache-dir")
            .arg(config.path().join("cache"))
            .output()
            .unwrap();
        let what = format!("dossier {args:?}");
        assert!(out.status.code().is_some(), "{what} was killed");
        assert_clean(&format!("{what} stdout"), &out.stdout);
        assert_clean(&format!("{what} stderr"), &out.stderr);
    }
}
