//! The settings file, the clipboard and suspending, end to end: the built binary in tmux with
//! a rebound key and a custom colour (read back through `capture-pane -e`), `NO_COLOR` over
//! the theme, `y`/`Y` reaching tmux's clipboard through OSC 52, and Ctrl-z / `fg` with a note
//! open in an interactive shell.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Tmux;

const SETTINGS: &str = r#"
[keys.global]
toggle_bookmark = "F"

[keys.list]
fly = "f"

[theme]
selected = { fg = 16, bg = 201 }
"#;

fn settings_file() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, SETTINGS).unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

#[test]
fn a_rebound_key_and_a_custom_colour_apply_and_a_bad_entry_is_said() {
    let (_dir, path) = settings_file();
    let t = Tmux::start(&["--config", &path]);
    // The bad entry is named with its file and line in the status line; the rest applies.
    let screen = t.wait_for("5 articles");
    let screen = if screen.contains("unknown action") {
        screen
    } else {
        t.wait_for("unknown action")
    };
    assert!(screen.contains("config.toml:6: unknown action `fly`"), "{screen}");
    // The selected row is drawn in the theme's colours: 256-colour 201 behind, 16 in front.
    let coloured = t.screen_with_colours();
    assert!(coloured.contains("48;5;201"), "no background 201 in:\n{coloured}");
    assert!(coloured.contains("38;5;16"), "no foreground 16 in:\n{coloured}");
    // `F` bookmarks now; `b`, which it replaced, does nothing in the list.
    t.keys(&["b"]);
    t.keys(&["F"]);
    t.wait_for("★ 1");
    // The help lists the key in force.
    t.keys(&["?"]);
    let screen = t.wait_for("bookmark the article");
    let line = screen.lines().find(|l| l.contains("bookmark the article (★)")).unwrap();
    assert!(line.contains(" F "), "{line}");
    assert!(!line.contains(" b "), "{line}");
    t.keys(&["Escape"]);
    t.quit();
}

#[test]
fn no_color_wins_over_the_theme() {
    let (_dir, path) = settings_file();
    let t = Tmux::start_sized(&["--config", &path], 100, 30, &[("NO_COLOR", "1")]);
    t.wait_for("5 articles");
    let coloured = t.screen_with_colours();
    assert!(
        !coloured.contains("48;5;201"),
        "the theme's colour under NO_COLOR:\n{coloured}"
    );
    assert!(!coloured.contains("38;5;"), "a colour under NO_COLOR:\n{coloured}");
    // The selection is still seen: reverse video.
    assert!(
        coloured.contains("\u{1b}[1m\u{1b}[7m") || coloured.contains(";7m") || coloured.contains("[7m"),
        "{coloured}"
    );
    t.quit();
}

/// What tmux's clipboard holds: OSC 52 with `set-clipboard on` makes a paste buffer.
fn clipboard(t: &Tmux) -> String {
    let out = t.run(&["show-buffer"]);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn y_copies_a_passage_and_y_shifted_a_citation_through_osc_52() {
    let t = Tmux::start(&[]);
    t.wait_for("5 articles");
    // The reader, a sentence selected from the caret, `y`.
    t.keys(&["Enter"]);
    t.wait_for("reader · j/k caret");
    t.keys(&["s"]);
    t.wait_for("select · j/k extend");
    t.keys(&["y"]);
    let screen = t.wait_for("copied the passage");
    let status = screen.lines().rev().find(|l| l.contains("copied the passage")).unwrap();
    let copied = t.wait_until_clipboard(|c| !c.is_empty());
    let chars = copied.chars().count();
    assert!(
        status.contains(&format!("({chars} characters)")),
        "{status} for {copied:?}"
    );
    // The passage is the text the reader shows, its first words on the screen.
    let first: String = copied.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    assert!(screen.contains(&first), "{first:?} not on\n{screen}");
    // `Y`: a citation, the passage quoted, then the title and what else is known.
    t.keys(&["s", "Y"]);
    t.wait_for("copied a citation");
    let citation = t.wait_until_clipboard(|c| c.starts_with('“'));
    let lines: Vec<&str> = citation.lines().collect();
    assert!(lines.len() >= 2, "{citation:?}");
    assert!(lines[0].ends_with('”'), "{citation:?}");
    // Without a selection, `y` copies the article's address or title.
    t.keys(&["y"]);
    let screen = t.wait_until("the URL or title copied", 10, |s| {
        s.contains("copied the URL") || s.contains("copied the title")
    });
    let copied = t.wait_until_clipboard(|c| !c.starts_with('“'));
    assert!(!copied.contains('\n') && !copied.contains('\u{1b}'), "{copied:?}");
    assert!(screen.contains("copied the"), "{screen}");
    t.quit();
}

trait Clipboard {
    fn wait_until_clipboard(&self, pred: impl Fn(&str) -> bool) -> String;
}

impl Clipboard for Tmux {
    /// Poll the clipboard until it satisfies `pred` (tmux takes the sequence as it reads it).
    fn wait_until_clipboard(&self, pred: impl Fn(&str) -> bool) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let now = clipboard(self);
            if pred(&now) {
                return now;
            }
            assert!(std::time::Instant::now() < deadline, "clipboard: {now:?}");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

#[test]
fn ctrl_z_suspends_and_fg_brings_back_the_note_being_written() {
    let t = Tmux::start_shell(100, 30);
    t.wait_for("$");
    t.type_text(&t.command_line(&[]));
    t.keys(&["Enter"]);
    t.wait_for("5 articles");
    t.keys(&["a"]);
    t.wait_for("Esc save");
    t.type_text("written before the suspend");
    t.keys(&["C-z"]);
    // The shell has the terminal: the screen is the shell's, the job stopped.
    let screen = t.wait_until("the shell", 15, |s| s.contains("Stopped"));
    assert!(!screen.contains("Esc save"), "the app's screen is gone:\n{screen}");
    t.type_text("fg");
    t.keys(&["Enter"]);
    let screen = t.wait_until("the editor back", 15, |s| {
        s.contains("written before the suspend") && s.contains("Esc save")
    });
    assert!(screen.contains("5 articles"), "the whole screen is back:\n{screen}");
    // Typing goes on where it stopped, and the note is kept.
    t.type_text(" and after");
    t.keys(&["Escape"]);
    t.wait_for("✎ 1");
    t.keys(&["C-c"]);
    t.wait_until("the shell again", 15, |s| {
        s.lines().last().is_some_and(|l| l.trim() == "$") || s.trim_end().ends_with('$')
    });
}
