//! Render tests: the real App drawn into ratatui's `TestBackend`, compared with snapshots.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dossier::{
    app::{Action, App, Edit, Event},
    runtime::Runtime,
    store::{CorpusSource, LoadOptions},
    ui::{self, theme::Theme},
};
use ratatui::{Terminal, backend::TestBackend};

/// The sample corpus, loaded, in a terminal of this size, with the runtime that loaded it.
fn app_at(width: u16, height: u16) -> (App, Runtime) {
    let mut app = App::new(CorpusSource::Seeds);
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(width, height));
    rt.load_sync(&mut app);
    (app, rt)
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|frame| ui::view(app, &Theme::plain(), frame)).unwrap();
    terminal
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(|c| Action::Edit(Edit::Insert(c))).collect()
}

#[test]
fn three_panes_at_100x30() {
    let (app, _) = app_at(100, 30);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn reader_focused_and_scrolled_at_100x30() {
    let (mut app, mut rt) = app_at(100, 30);
    rt.act(&mut app, [Action::Down, Action::Down, Action::Open, Action::PageDown]);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn two_panes_at_60x20() {
    let (app, _) = app_at(60, 20);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn one_pane_at_50x16_shows_reader_after_enter() {
    let (mut app, mut rt) = app_at(50, 16);
    rt.act(&mut app, [Action::Open]);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn help_overlay_lists_the_keymap() {
    let (mut app, mut rt) = app_at(100, 30);
    rt.act(&mut app, [Action::ToggleHelp]);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn filtered_list_highlights_matches() {
    let (mut app, mut rt) = app_at(100, 30);
    rt.act(&mut app, [Action::StartFilter]);
    rt.act(&mut app, typed("north atlantic"));
    let terminal = draw(&app);
    insta::assert_snapshot!(terminal.backend());
    // The highlighted cells are exactly the matched letters of the visible titles.
    let buffer = terminal.backend().buffer();
    let highlighted: String = (0..30)
        .flat_map(|y| (0..30).map(move |x| (x, y)))
        .filter(|&(x, y)| buffer[(x, y)].modifier.contains(ratatui::style::Modifier::UNDERLINED))
        .map(|(x, y)| buffer[(x, y)].symbol().to_string())
        .collect();
    // Rows that match through their names or file name highlight nothing in the title.
    let in_title = (0..app.row_count())
        .filter(|&r| {
            app.articles[app.row_article(r).unwrap()]
                .title
                .to_lowercase()
                .contains("north atlantic")
        })
        .count();
    assert_eq!(in_title, 2);
    assert_eq!(
        highlighted.to_lowercase(),
        "northatlantic".repeat(in_title),
        "{highlighted}"
    );
}

#[test]
fn search_hits_in_the_reader() {
    let (mut app, mut rt) = app_at(100, 30);
    let mut actions = vec![Action::Open, Action::StartFind];
    actions.extend(typed("NATO"));
    rt.act(&mut app, actions);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn one_by_one_does_not_panic() {
    let (app, _) = app_at(1, 1);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn every_size_up_to_40x12_draws_without_panicking() {
    for w in (0..40).step_by(3) {
        for h in 0..12 {
            let (mut app, mut rt) = app_at(w, h);
            rt.act(
                &mut app,
                [Action::Open, Action::PageDown, Action::FocusNext, Action::ToggleHelp],
            );
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|frame| ui::view(&app, &Theme::plain(), frame)).unwrap();
        }
    }
}

#[test]
fn fulltext_results_show_snippets_and_open_at_the_hit() {
    let cache = tempfile::tempdir().unwrap();
    let mut app = App::new(CorpusSource::Seeds);
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(100, 30));
    rt.cache_dir = Some(cache.path().to_path_buf());
    rt.load_sync(&mut app);
    rt.index_sync(&mut app);
    rt.act(&mut app, [Action::StartFilter]);
    // A word only in the last paragraph of one article.
    rt.act(&mut app, typed("=testament"));
    rt.act(&mut app, [Action::SubmitFilter]);
    let terminal = draw(&app);
    insta::assert_snapshot!(terminal.backend());
    let screen: Vec<String> = (0..30)
        .map(|y| {
            (0..100)
                .map(|x| terminal.backend().buffer()[(x, y)].symbol().to_string())
                .collect()
        })
        .collect();
    assert!(screen[1].contains("Text search 1/1"), "{}", screen[1]);
    assert!(screen[3].contains("What role are NATO"), "title row: {}", screen[3]);
    assert!(screen[4].contains("testament"), "snippet row: {}", screen[4]);
    // The reader scrolled past the opening to the hit, which is marked.
    let reader = app.reader.as_ref().unwrap();
    assert!(reader.top > 10, "reader top {}", reader.top);
    assert!(screen.iter().any(|l| l.contains("testament")));
    let find = reader.find.as_ref().unwrap();
    assert_eq!(find.hits.len(), 1);
    assert_eq!(&reader.doc.text[find.hits[0].clone()], "testament");
}
