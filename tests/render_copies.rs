//! Copies of one story in the list: one row with `+N`, opened in place with `z`, and the
//! reader's "also in N articles" (the real App in ratatui's `TestBackend`, with snapshots).

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/copies.rs"]
mod copies;

use dossier::{
    app::{Action, App, Event, copies::RowKind},
    runtime::Runtime,
    store::{CorpusSource, LoadOptions},
    ui::{self, theme::Theme},
};
use ratatui::{Terminal, backend::TestBackend};

fn loaded(width: u16, height: u16) -> (tempfile::TempDir, App, Runtime) {
    let tmp = tempfile::tempdir().unwrap();
    // A folder of a fixed name: the corpus's name is on screen.
    let dir = tmp.path().join("port-strike");
    std::fs::create_dir(&dir).unwrap();
    copies::write_corpus(&dir);
    let mut app = App::new(CorpusSource::resolve(Some(&dir)).unwrap());
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(width, height));
    rt.load_sync(&mut app);
    (tmp, app, rt)
}

fn screen(app: &App) -> (Terminal<TestBackend>, String) {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|frame| ui::view(app, &Theme::plain(), frame)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let text = (0..app.size.1)
        .map(|y| {
            (0..app.size.0)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    (terminal, text)
}

fn title_of(app: &App, row: usize) -> String {
    app.articles[app.row_article(row).unwrap()].title.clone()
}

#[test]
fn a_story_with_copies_is_one_row_until_opened_in_place() {
    let (_tmp, mut app, mut rt) = loaded(100, 30);
    assert_eq!(app.articles.len(), 7);
    assert_eq!(
        app.copies.groups.len(),
        1,
        "one story has copies: {:?}",
        app.copies.groups
    );
    assert_eq!(app.row_count(), 5, "seven articles, three of them one story");
    let row = (0..app.row_count())
        .find(|&r| title_of(&app, r) == "Dock workers strike shuts Rotterdam port")
        .expect("the earliest copy stands for the story");
    assert_eq!(
        app.row_kind(app.row_article(row).unwrap()),
        RowKind::Head {
            others: 2,
            expanded: false
        }
    );
    let (terminal, text) = screen(&app);
    assert!(
        text.lines().any(|l| l.contains("Dock workers") && l.contains(" +2")),
        "{text}"
    );
    assert!(
        text.contains("Rotterdam dockers retu"),
        "a follow-up is another story:\n{text}"
    );
    insta::assert_snapshot!("copies_collapsed_100x30", terminal.backend());

    while app.cursor < row {
        rt.act(&mut app, [Action::Down]);
    }
    rt.act(&mut app, [Action::ToggleGroup]);
    assert_eq!(app.row_count(), 7);
    let members: Vec<String> = (row + 1..row + 3).map(|r| title_of(&app, r)).collect();
    assert!(
        members.contains(&"Rotterdam port at a standstill as dockers walk out over pay".to_string()),
        "{members:?}"
    );
    assert!(
        members.contains(&"Port strike: Rotterdam dockers down tools".to_string()),
        "{members:?}"
    );
    let (terminal, text) = screen(&app);
    assert!(text.contains("└ The Guardian: Rot"), "{text}");
    assert!(text.contains("also in 2 · C, D"), "{text}");
    insta::assert_snapshot!("copies_expanded_100x30", terminal.backend());

    // Closing from a copy's row lands on the group's row.
    rt.act(&mut app, [Action::Down, Action::ToggleGroup]);
    assert_eq!(app.row_count(), 5);
    assert_eq!(title_of(&app, app.cursor), "Dock workers strike shuts Rotterdam port");
}

#[test]
fn the_reader_steps_through_copies_and_compares_them() {
    let (_tmp, mut app, mut rt) = loaded(100, 30);
    let row = (0..app.row_count())
        .find(|&r| title_of(&app, r) == "Dock workers strike shuts Rotterdam port")
        .unwrap();
    while app.cursor < row {
        rt.act(&mut app, [Action::Down]);
    }
    rt.act(&mut app, [Action::Open, Action::NextCopy]);
    let open = app.reader.as_ref().unwrap().index;
    assert_eq!(app.articles[open].source.as_deref(), Some("The Guardian"));
    assert_eq!(app.cursor_article(), Some(open), "the list follows, the group opened");
    rt.act(&mut app, [Action::CompareCopy]);
    let lines: Vec<String> = app.comparison_lines(80).into_iter().map(|(_, l)| l).collect();
    let all = lines.join("\n");
    assert!(
        all.contains("8 paragraphs in both; 2 only in this copy, 0 only in the other"),
        "{all}"
    );
    assert!(all.contains("Sign up for our Business Today newsletter"), "{all}");
    let (_, text) = screen(&app);
    assert!(text.contains("Only in this copy (The Guardian)"), "{text}");
    rt.act(&mut app, [Action::CloseOverlay, Action::NextCopy, Action::NextCopy]);
    assert_eq!(
        app.articles[app.reader.as_ref().unwrap().index].source.as_deref(),
        Some("Reuters"),
        "C comes round"
    );
}

#[test]
fn grouping_off_lists_every_copy() {
    let (_tmp, mut app, mut rt) = loaded(80, 24);
    rt.act(&mut app, [Action::ToggleGrouping]);
    assert_eq!(app.row_count(), 7);
    let (_, text) = screen(&app);
    assert!(!text.contains("+2"), "{text}");
    rt.act(&mut app, [Action::ToggleGrouping]);
    assert_eq!(app.row_count(), 5);
}

#[test]
fn under_a_filter_the_badge_counts_the_copies_it_keeps() {
    let (_tmp, mut app, mut rt) = loaded(100, 30);
    rt.act(&mut app, [Action::StartFilter]);
    rt.act(
        &mut app,
        "'rotterdam"
            .chars()
            .map(|c| Action::Edit(dossier::app::Edit::Insert(c))),
    );
    assert_eq!(app.row_count(), 2, "the story and its follow-up");
    let kinds: Vec<RowKind> = (0..2).map(|r| app.row_kind(app.row_article(r).unwrap())).collect();
    assert!(
        kinds.contains(&RowKind::Head {
            others: 2,
            expanded: false
        }),
        "{kinds:?}"
    );
    rt.act(&mut app, [Action::Edit(dossier::app::Edit::Clear)]);
    rt.act(
        &mut app,
        "'guardian".chars().map(|c| Action::Edit(dossier::app::Edit::Insert(c))),
    );
    assert_eq!(app.row_count(), 1);
    let only = app.row_article(0).unwrap();
    assert_eq!(app.articles[only].source.as_deref(), Some("The Guardian"));
    assert_eq!(app.row_kind(only), RowKind::Alone, "one matching copy: no badge");
    let (_, text) = screen(&app);
    assert!(!text.contains("+2") && !text.contains("+0"), "{text}");
}
