//! End-to-end: the built binary in a real terminal (tmux), driven by keys.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Command;

use common::{Tmux, write};

const SEED_TITLES: [&str; 5] = [
    "The North Atlantic alliance has not assumed",
    "Commentary surrounding the NATO stance",
    "Brussels at a Crossroads",
    "What role are NATO and allies playing?",
    "The North Atlantic Alliance has not planned",
];

#[test]
fn walk_every_seed_open_one_and_quit() {
    let t = Tmux::start(&[]);
    t.wait_for("5 articles");
    for (i, title) in SEED_TITLES.iter().enumerate() {
        if i > 0 {
            t.keys(&["j"]);
        }
        // The reader previews the selected article: its title is on screen and the counter moved.
        let counter = format!("{}/5", i + 1);
        let screen = t.wait_until(title, 10, |s| {
            s.contains(&counter) && s.matches(&title[..20]).count() >= 1
        });
        assert!(screen.contains(&title[..20]));
    }
    t.keys(&["g"]);
    t.wait_for("1/5");
    t.keys(&["j", "j", "Enter"]);
    let screen = t.wait_for("reader · j/k caret");
    assert!(screen.contains("Brussels at a Crossroads"), "{screen}");
    assert!(
        screen.contains("There is a peculiar hush"),
        "the body text is shown:\n{screen}"
    );
    t.keys(&["PageDown"]);
    let screen = t.wait_until("scrolled", 10, |s| !s.contains("There is a peculiar hush"));
    assert!(screen.contains('%'));
    t.quit();
    t.wait_for("EXITED");
    assert_eq!(t.format("#{alternate_on}"), "0", "left the alternate screen");
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse capture turned off");
}

#[test]
fn help_overlay_and_ctrl_c() {
    let t = Tmux::start(&[]);
    t.wait_for("5 articles");
    t.keys(&["?"]);
    // A capture can catch a frame half written: wait for the lines wanted, not the title.
    let screen = t.wait_until("the help", 20, |s| {
        s.contains("Keys · j/k PgDn/PgUp") && s.contains("filter the list as you type")
    });
    assert!(screen.contains("quit"), "{screen}");
    // The list's keys are further down: the help pages like less.
    t.keys(&["PageDown"]);
    t.wait_for("open the article in the reader");
    // And finds: `/` and a word bring its line into view.
    t.keys(&["/"]);
    t.type_text("mentioning");
    t.wait_for("filter to articles NOT mentioning this entity");
    t.keys(&["Enter", "g"]);
    t.wait_for("Everywhere");
    t.keys(&["Escape"]);
    t.wait_until("help closed", 10, |s| !s.contains("Keys · j/k"));
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn hostile_folder_neither_crashes_nor_changes_the_terminal() {
    let corpus = tempfile::tempdir().unwrap();
    let dir = corpus.path();
    write(
        dir,
        "01-title.txt",
        b"Title change\n\x1b]0;PWNED-TITLE\x07\x1b]2;PWNED2\x1b\\Body with an OSC title change.\n",
    );
    write(dir, "02-colours.txt", b"Colour change\n\x1b]4;1;rgb:ff/00/00\x07\x1b[41;97mred background\x1b[0m \x1b]10;#ff0000\x07\x1b]11;#00ff00\x07done.\n");
    write(
        dir,
        "03-clipboard.txt",
        b"Clipboard\n\x1b]52;c;UFdORUQtQ0xJUA==\x07Body that tries to set the clipboard.\n",
    );
    write(dir, "04-binary.txt", b"\x00\x01\x02\x03binary\x00");
    write(dir, "05-invalid.txt", b"Invalid \xff\xfe UTF-8\nBody \xc3\x28 here.\n");
    write(dir, "06-huge-line.txt", "word ".repeat(400_000));
    write(
        dir,
        "07-dcs.txt",
        b"DCS and C1\n\x1bP1$r0m\x1b\\\xc2\x9b2J\xc2\x9d0;C1-TITLE\xc2\x9c and \x1b[?1049l\x1b[?1000h end.\n",
    );
    write(
        dir,
        "08-bidi.txt",
        "Bidi \u{202e}txt.exe\u{202c} trick\nBody \u{2066}isolate\u{2069}.\n",
    );
    write(
        dir,
        "09-controls.txt",
        b"Bells\x07 and \x08backspaces\n\x0e\x0f\x1b(0lqqk\x1b(B body.\n",
    );
    let t = Tmux::start(&[dir.to_str().unwrap()]);
    t.wait_for("8 articles");
    let title_before = t.format("#{pane_title}");
    for _ in 0..8 {
        t.keys(&["j"]);
    }
    t.keys(&["Enter", "G", "g", "!"]);
    // The notice lists the binary file (waiting for the file, not the title: a screen can be
    // captured while a frame is still being written).
    let screen = t.wait_for("04-binary.txt");
    assert!(screen.contains("Skipped files"), "{screen}");
    // Esc and the next key sent together would read as Alt-key: wait for the overlay to close.
    t.keys(&["Escape"]);
    t.wait_until("notice closed", 10, |s| !s.contains("Skipped files"));
    t.keys(&["Escape"]);
    t.wait_for(" list · j/k");
    t.keys(&["g"]);
    t.wait_for("1/8");
    let screen = t.screen();
    assert!(!screen.contains("PWNED") && !screen.contains("[41"), "{screen}");
    assert!(!t.format("#{pane_title}").contains("PWNED"));
    assert_eq!(t.format("#{pane_title}"), title_before);
    let buffers = t.run(&["list-buffers"]);
    assert!(
        String::from_utf8_lossy(&buffers.stdout).trim().is_empty(),
        "clipboard untouched"
    );
    t.quit();
    assert!(!t.format("#{pane_title}").contains("TITLE"));
}

#[test]
fn sigterm_restores_the_terminal_and_sighup_exits_promptly() {
    let t = Tmux::start(&[]);
    t.wait_for("5 articles");
    t.signal("TERM");
    assert_eq!(t.exit_code(), 0);
    t.wait_for("EXITED");
    assert_eq!(t.format("#{alternate_on}"), "0");

    let t = Tmux::start(&[]);
    t.wait_for("5 articles");
    t.signal("HUP");
    assert_eq!(t.exit_code(), 129);
}

#[test]
fn a_panic_restores_the_terminal() {
    let t = Tmux::start_sized(&[], 100, 30, &[("DOSSIER_TEST_PANIC", "1")]);
    assert_ne!(t.exit_code(), 0);
    let screen = t.wait_for("EXITED");
    assert!(
        screen.contains("DOSSIER_TEST_PANIC is set"),
        "the panic message is readable:\n{screen}"
    );
    assert_eq!(t.format("#{alternate_on}"), "0", "left the alternate screen");
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse capture turned off");
}

#[test]
fn missing_path_is_an_error_before_the_terminal_is_touched() {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("/no/such/corpus")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("dossier: cannot open '/no/such/corpus'"), "{stderr}");
    assert!(
        out.stdout.is_empty() && !stderr.contains('\x1b'),
        "no terminal sequences were written"
    );
}
