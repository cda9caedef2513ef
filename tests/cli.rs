//! The command line around the reader: export, an empty corpus, a closed pipe.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
    io::Read,
    process::{Command, Stdio},
};

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

/// A corpus of one Markdown article with an author, a date and a source.
fn corpus(dir: &std::path::Path) {
    std::fs::write(
        dir.join("rates.md"),
        "---\ntitle: ECB holds rates\nauthor: Lena Fischer\ndate: March 8, 2024\nsource: Reuters\n---\nThe bank held rates.\n",
    )
    .unwrap();
}

#[test]
fn the_markdown_export_names_the_corpus_and_each_articles_author_date_and_source() {
    let tmp = tempfile::tempdir().unwrap();
    let (docs, config) = (tmp.path().join("docs"), tmp.path().join("config"));
    std::fs::create_dir_all(&docs).unwrap();
    corpus(&docs);
    // Bookmark the article through the library, as the app would.
    let source = dossier::store::CorpusSource::resolve(Some(&docs)).unwrap();
    let (mut lib, _) = dossier::library::Library::open(&config, &source.key()).unwrap();
    lib.set_bookmark("rates.md", true).unwrap();
    drop(lib);
    let out = dossier()
        .args([
            "--config-dir",
            config.to_str().unwrap(),
            "export",
            docs.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with(&format!("# Library: {}", docs.canonicalize().unwrap().display())),
        "{md}"
    );
    for line in [
        "## ECB holds rates",
        "- By: Lena Fischer",
        "- Date: March 8, 2024",
        "- Source: Reuters",
    ] {
        assert!(md.contains(line), "{line:?} missing:\n{md}");
    }
}

#[test]
fn export_without_a_path_says_it_exports_the_sample_corpus() {
    let config = tempfile::tempdir().unwrap();
    let out = dossier()
        .args(["--config-dir", config.path().to_str().unwrap(), "export"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sample corpus"));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# Library: the sample corpus"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // More output than a pipe holds, so the writes meet the closed end.
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("many.jsonl");
    let lines = (0..20_000)
        .map(|i| format!("{{\"id\":\"{i}\",\"title\":\"Story number {i}\",\"text\":\"Words.\"}}\n"))
        .collect::<Vec<_>>()
        .concat();
    std::fs::write(&archive, lines).unwrap();
    let mut child = dossier()
        .arg("entities")
        .arg(&archive)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte and hang up, as `| head -c1` would.
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
}

#[test]
fn an_empty_folder_says_what_is_read() {
    let empty = tempfile::tempdir().unwrap();
    let out = dossier().args(["--filter", "x"]).arg(empty.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no articles in") && stderr.contains(".jsonl"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1));
}
