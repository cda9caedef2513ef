//! Render tests: the real App drawn into ratatui's TestBackend, compared with snapshots.

use dossier::{
    app::{Action, App},
    effects,
    store::{CorpusSource, LoadOptions},
    ui::{self, theme::Theme},
};
use ratatui::{Terminal, backend::TestBackend};

fn app_at(width: u16, height: u16) -> App {
    let mut app = App::new(CorpusSource::Seeds, Theme::plain());
    app.update(Action::Resize(width, height));
    effects::load_sync(&mut app, &LoadOptions::default());
    app
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|frame| ui::view(app, frame)).unwrap();
    terminal
}

fn act(app: &mut App, actions: &[Action]) {
    for action in actions {
        let fx = app.update(action.clone());
        effects::run(app, fx, &LoadOptions::default());
    }
}

#[test]
fn three_panes_at_100x30() {
    let app = app_at(100, 30);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn reader_focused_and_scrolled_at_100x30() {
    let mut app = app_at(100, 30);
    act(&mut app, &[Action::Down, Action::Down, Action::Open, Action::PageDown]);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn two_panes_at_60x20() {
    let app = app_at(60, 20);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn one_pane_at_50x16_shows_reader_after_enter() {
    let mut app = app_at(50, 16);
    act(&mut app, &[Action::Open]);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn help_overlay_lists_the_keymap() {
    let mut app = app_at(100, 30);
    act(&mut app, &[Action::ToggleHelp]);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn one_by_one_does_not_panic() {
    let app = app_at(1, 1);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn every_size_up_to_40x12_draws_without_panicking() {
    for w in 0..40 {
        for h in 0..12 {
            let mut app = app_at(w, h);
            act(
                &mut app,
                &[Action::Open, Action::PageDown, Action::FocusNext, Action::ToggleHelp],
            );
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|frame| ui::view(&app, frame)).unwrap();
        }
    }
}
