use std::path::Path;

use proptest::prelude::*;
use ratatui::{
    crossterm::event::{KeyCode, KeyModifiers},
    style::{Color, Modifier},
};

use super::*;
use crate::app::Action;

fn read(text: &str) -> Settings {
    parse(text, Path::new("/home/u/.config/dossier/config.toml"))
}

fn messages(settings: &Settings) -> Vec<String> {
    settings.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn an_empty_file_is_the_defaults() {
    let s = read("");
    assert!(s.problems.is_empty());
    assert_eq!(s.keys, Keys::default());
    assert_eq!(s.theme, Theme::colour());
    assert_eq!(s.look, Look::default());
}

#[test]
fn keys_colours_layout_and_defaults_apply() {
    let s = read(
        r##"
[keys.list]
quit = ["Q", "ctrl-q"]
toggle_bookmark = "m"

[keys.reader]
next_article = "ctrl-n"

[theme]
base = "light"
selected = { fg = "black", bg = "#ffaf00", bold = false }
border_focused = "green"
chip = 208

[layout]
sidebar = false
sidebar_width = 40
list_width = 30
reading_width = 72

[defaults]
sort = "oldest"
group_copies = false
"##,
    );
    assert_eq!(messages(&s), Vec::<String>::new());
    let q = (KeyCode::Char('Q'), KeyModifiers::NONE);
    assert_eq!(
        s.keys.keys_for(Scope::List, &Action::Quit),
        vec![q, (KeyCode::Char('q'), KeyModifiers::CONTROL)]
    );
    assert_eq!(
        s.keys.keys_for(Scope::List, &Action::ToggleBookmark),
        vec![(KeyCode::Char('m'), KeyModifiers::NONE)]
    );
    assert_eq!(s.base, Base::Light);
    assert_eq!(s.theme.selected.bg, Some(Color::Rgb(0xff, 0xaf, 0)));
    assert!(!s.theme.selected.add_modifier.contains(Modifier::BOLD));
    assert_eq!(s.theme.border_focused.fg, Some(Color::Green));
    assert_eq!(s.theme.chip.fg, Some(Color::Indexed(208)));
    // Untouched elements come from the light base.
    assert_eq!(s.theme.matched, Theme::light().matched);
    assert_eq!(
        s.look,
        Look {
            sidebar: false,
            sidebar_width: 40,
            reading_width: 72
        }
    );
    assert_eq!(
        (s.list_width, s.list_width_reading),
        (Some(30), None),
        "one share set, the other kept"
    );
    assert_eq!(s.sort, Some(Sort::Oldest));
    assert!(!s.group_copies);
}

#[test]
fn every_kind_of_bad_entry_is_reported_with_its_line_and_the_rest_applies() {
    let s = read(
        r#"[keys.list]
fly = "f"
quit = "hyper-q"
open = 3
toggle_bookmark = "m"

[keys.elsewhere]
quit = "q"

[theme]
selected = "chartreuse-ish"
border = { fg = "red", blink = true }
sparkle = "red"
bar = true

[layout]
sidebar = "yes"
sidebar_width = 400
wide = 1

[colours]
"#,
    );
    let got = messages(&s);
    let expect = [
        ("config.toml:2: unknown action `fly`", 2),
        ("config.toml:3: \"hyper-q\": unknown modifier", 3),
        (
            "config.toml:4: expected a key like \"ctrl-d\" or a list of keys, not an integer",
            4,
        ),
        ("config.toml:7: unknown mode [keys.elsewhere]", 7),
        ("config.toml:11: selected: not a colour", 11),
        ("config.toml:12: border: unknown style key `blink`", 12),
        ("config.toml:13: unknown theme element `sparkle`", 13),
        ("config.toml:14: bar: expected a colour or a table", 14),
        ("config.toml:17: sidebar: expected true or false, not a string", 17),
        (
            "config.toml:18: sidebar_width: expected a whole number from 12 to 80",
            18,
        ),
        ("config.toml:19: unknown setting `wide` in [layout]", 19),
        ("config.toml:21: unknown setting `colours`", 21),
    ];
    for (text, line) in expect {
        assert!(got.iter().any(|m| m.contains(text)), "no {text:?} in {got:#?}");
        assert!(s.problems.iter().any(|p| p.line == line), "nothing at line {line}");
    }
    assert_eq!(got.len(), expect.len(), "each reported once: {got:#?}");
    assert!(got[0].starts_with("/home/u/.config/dossier/config.toml:"), "{got:?}");
    // What was good still applies.
    assert_eq!(
        s.keys.keys_for(Scope::List, &Action::ToggleBookmark),
        vec![(KeyCode::Char('m'), KeyModifiers::NONE)]
    );
    assert_eq!(s.theme.border.fg, Some(Color::Red));
    assert_eq!(
        s.keys.keys_for(Scope::List, &Action::Quit),
        vec![(KeyCode::Char('q'), KeyModifiers::NONE)]
    );
}

#[test]
fn a_toml_syntax_error_is_reported_and_the_rest_still_applies() {
    let s = read("[layout]\nsidebar = false\nsidebar_width = = 3\n\n[defaults]\nsort = \"title\"\n");
    let got = messages(&s);
    assert!(got.iter().any(|m| m.contains(":3: not valid TOML")), "{got:#?}");
    assert!(!s.look.sidebar);
    assert_eq!(s.sort, Some(Sort::Title));
}

#[test]
fn conflicts_are_reported() {
    let s = read("[keys.list]\nquit = \"m\"\nopen = \"m\"\n\n[keys.global]\nexport = \"q\"\n");
    let got = messages(&s);
    assert!(
        got.iter()
            .any(|m| m.contains(":3: conflict in [keys.list]: `m` was also bound to `quit`; `open` has it now")),
        "{got:#?}"
    );
    assert!(
        got.iter()
            .any(|m| m.contains(":6: conflict: `q` in [keys.global] (export) is hidden in [keys.reader] by `back`")),
        "{got:#?}"
    );
}

#[test]
fn sequences_are_refused_with_a_reason() {
    let s = read("[keys.global]\ntop = \"g g\"\n");
    assert!(messages(&s)[0].contains("sequence"), "{:?}", messages(&s));
    assert_eq!(
        s.keys.keys_for(Scope::Global, &Action::Top).len(),
        2,
        "the default stays"
    );
}

#[test]
fn a_missing_default_file_is_silent_but_a_named_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("config.toml");
    assert!(load(&missing, false).problems.is_empty());
    let named = load(&missing, true);
    assert!(
        named.problems[0].to_string().contains("cannot be read"),
        "{:?}",
        named.problems
    );
    std::fs::write(&missing, b"\xff\xfe").unwrap();
    assert!(load(&missing, false).problems[0].to_string().contains("UTF-8"));
}

#[test]
fn problems_are_clean_for_the_terminal() {
    let s = read("[keys.list]\n\"\u{1b}]0;pwned\u{7}\" = \"q\"\n");
    let got = messages(&s);
    assert!(!got[0].contains('\u{1b}') && !got[0].contains('\u{7}'), "{got:?}");
}

#[test]
fn the_printed_defaults_read_back_as_the_defaults() {
    let printed = print::render(&Settings::default());
    let back = read(&printed);
    assert_eq!(messages(&back), Vec::<String>::new(), "{printed}");
    assert_eq!(back.keys, Keys::default());
    assert_eq!(back.theme, Theme::colour());
    assert_eq!(back.look, Look::default());
    assert!(
        printed.contains("# the selected row of the focused pane\nselected = "),
        "a comment on each key"
    );
}

#[test]
fn printed_settings_read_back_the_same() {
    let s = read(
        "[keys.list]\nquit = \"Q\"\n[theme]\nbase = \"light\"\nlink = \"#00ff87\"\n[layout]\nlist_width = 40\n[defaults]\nsort = \"title\"\n",
    );
    let back = read(&print::render(&s));
    assert!(back.problems.is_empty(), "{:?}", messages(&back));
    assert_eq!(
        back.keys.keys_for(Scope::List, &Action::Quit),
        s.keys.keys_for(Scope::List, &Action::Quit)
    );
    assert_eq!(back.theme, s.theme);
    assert_eq!(
        (back.list_width, back.list_width_reading),
        (s.list_width, s.list_width_reading)
    );
    assert_eq!(back.sort, s.sort);
}

#[test]
fn what_a_style_takes_off_its_base_reads_back_off() {
    let s = read("[theme]\nbase = \"light\"\nselected = { bold = false }\nchip = 0x10\n");
    assert!(s.problems.is_empty(), "{:?}", messages(&s));
    assert!(!s.theme.selected.add_modifier.contains(Modifier::BOLD));
    assert_eq!(s.theme.chip.fg, Some(Color::Indexed(16)), "0x10 is 16");
    let back = read(&print::render(&s));
    assert_eq!(back.theme, s.theme);
}

#[test]
fn ctrl_shift_letters_and_shift_tab_read_as_the_terminal_sends_them() {
    let s = read("[keys.global]\nfocus_prev = \"shift-tab\"\nhalf_page_down = \"ctrl-shift-d\"\n");
    assert!(s.problems.is_empty(), "{:?}", messages(&s));
    assert_eq!(
        s.keys.keys_for(Scope::Global, &Action::HalfPageDown),
        vec![(KeyCode::Char('d'), KeyModifiers::CONTROL)]
    );
    let back = read(&print::render(&s));
    assert_eq!(back.keys, s.keys);
}

#[test]
fn unprintable_keys_are_refused() {
    // Written as TOML escapes: TOML itself refuses a raw control in a string.
    for key in ["\\u001B", "\\u202E", "\\u009B", "\\u200B"] {
        let s = read(&format!("[keys.global]\nexport = \"{key}\"\n"));
        assert!(
            messages(&s)[0].contains("is not a key a settings file can bind"),
            "{:?}",
            messages(&s)
        );
    }
}

#[test]
fn ctrl_c_always_quits_and_the_help_says_so() {
    let s = read("[keys.global]\nquit = \"x\"\n");
    assert!(s.problems.is_empty(), "{:?}", messages(&s));
    let keys = s.keys.keys_for(Scope::Global, &Action::Quit);
    assert!(
        keys.contains(&(KeyCode::Char('c'), KeyModifiers::CONTROL))
            && keys.contains(&(KeyCode::Char('x'), KeyModifiers::NONE))
    );
}

#[test]
fn a_conflict_names_the_key_taken() {
    let s = read("[keys.list]\nquit = [\"m\", \"n\"]\nopen = [\"x\", \"n\"]\n");
    let got = messages(&s);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].contains("`n` was also bound to `quit`"), "{got:#?}");
    // The same action bound everywhere and in a pane is no conflict.
    let same = read("[keys.global]\nquit = [\"ctrl-c\", \"q\"]\n");
    let said = messages(&same);
    assert!(!said.iter().any(|m| m.contains("[keys.list]")), "{said:#?}");
    assert!(
        said.iter().any(|m| m.contains("hidden in [keys.reader] by `back`")),
        "{said:#?}"
    );
}

#[test]
fn a_syntax_error_without_a_place_is_the_whole_file() {
    let p = Problem {
        file: "c.toml".into(),
        line: 0,
        message: "m".into(),
    };
    assert_eq!(p.to_string(), "c.toml: m");
}

proptest! {
    /// Whatever the text, reading it never panics, and every problem names a line of it.
    #[test]
    fn any_text_reads_without_panicking(text in "(\\[[a-z.]{0,12}\\]\n|[a-z_]{1,10} = (\"[a-z-]{0,8}\"|[0-9]{1,4}|true|\\[\"[a-z]\"\\]|\\{ fg = \"[a-z#0-9]{0,7}\" \\})\n|[^\n]{0,10}\n){0,12}") {
        let s = read(&text);
        let lines = text.lines().count().max(1);
        for p in &s.problems {
            prop_assert!(p.line <= lines + 1, "{} beyond {} lines", p, lines);
        }
    }
}
