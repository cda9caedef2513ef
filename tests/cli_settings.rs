//! The commands about dossier itself: `config` (the settings in force, problems on stderr),
//! `--help` with the keys in force, `completions SHELL` and `man`.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

fn dossier(args: &[&str], config_dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .arg("--config-dir")
        .arg(config_dir)
        .env_remove("DOSSIER_CONFIG")
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn config_prints_the_defaults_as_toml_that_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dossier(&["config", "--default"], dir.path());
    assert!(out.status.success());
    let text = stdout(&out);
    let table: toml::Table = toml::from_str(&text).unwrap();
    for section in ["keys", "theme", "layout", "defaults"] {
        assert!(table.contains_key(section), "no [{section}] in\n{text}");
    }
    assert!(text.contains("toggle_bookmark = [\"b\"]"), "{text}");
    // With no settings file, what is in force is the defaults.
    let in_force = dossier(&["config"], dir.path());
    assert_eq!(
        stdout(&in_force).lines().skip(1).collect::<Vec<_>>(),
        text.lines().skip(1).collect::<Vec<_>>()
    );
    // Written out as the settings file, it is read back without a word.
    std::fs::write(dir.path().join("config.toml"), &text).unwrap();
    let again = dossier(&["config"], dir.path());
    assert_eq!(stderr(&again), "");
}

#[test]
fn config_shows_the_file_in_force_and_its_problems_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(&file, "[keys.list]\nquit = \"Q\"\n[theme]\nlink = \"not-a-colour\"\n").unwrap();
    let out = dossier(&["--config", file.to_str().unwrap(), "config"], dir.path());
    assert!(out.status.success(), "a bad entry never stops dossier");
    let err = stderr(&out);
    assert!(err.contains("mine.toml:4: link: not a colour"), "{err}");
    assert!(stdout(&out).contains("quit = [\"Q\"]"), "{}", stdout(&out));
    // --help lists the keys in force.
    let help = dossier(&["--config", file.to_str().unwrap(), "--help"], dir.path());
    let help = stdout(&help);
    let line = help.lines().find(|l| l.trim_end().ends_with("  quit")).unwrap();
    assert!(line.trim_start().starts_with('Q'), "{line}");
    // Any command says what is wrong on stderr, and still does its work.
    let filtered = dossier(&["--config", file.to_str().unwrap(), "--filter", "nato"], dir.path());
    assert!(filtered.status.success());
    assert!(
        stderr(&filtered).contains("mine.toml:4: link: not a colour"),
        "{}",
        stderr(&filtered)
    );
    assert!(!stdout(&filtered).is_empty());
    // A --config that does not exist is said, not silently ignored.
    let missing = dossier(&["--config", "/nonexistent/dossier.toml", "config"], dir.path());
    assert!(
        stderr(&missing).contains("/nonexistent/dossier.toml: cannot be read"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef dossier"),
        ("fish", "complete -c dossier"),
        ("elvish", "edit:completion:arg-completer[dossier]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = dossier(&["completions", shell], dir.path());
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        for sub in ["export", "dups", "config", "completions"] {
            assert!(script.contains(sub), "{shell} script lacks {sub}");
        }
    }
    let man = dossier(&["man"], dir.path());
    assert!(man.status.success());
    let page = stdout(&man);
    assert!(
        page.starts_with(".ie") || page.contains(".TH dossier"),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains("\\-\\-config"), "the flags are in the page");
    let bad = dossier(&["completions", "tcsh"], dir.path());
    assert!(!bad.status.success());
}
