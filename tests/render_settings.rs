//! The settings file in the real App drawn into `TestBackend`: a rebound key in the help, the
//! theme's colours on the selected row, and the layout settings (no sidebar, a centred
//! reading width).

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use dossier::{
    app::{Action, App, Event},
    runtime::Runtime,
    settings::{self, Settings},
    store::{CorpusSource, LoadOptions},
    ui::{self, theme::Theme},
};
use ratatui::{Terminal, backend::TestBackend, style::Color};

fn configured(text: &str, width: u16, height: u16) -> (App, Runtime, Settings) {
    let settings = settings::parse(text, Path::new("config.toml"));
    assert!(settings.problems.is_empty(), "{:?}", settings.problems);
    let mut app = App::new(CorpusSource::Seeds);
    app.configure(settings.clone().into_configured());
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(width, height));
    rt.load_sync(&mut app);
    (app, rt, settings)
}

fn draw(app: &App, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|frame| ui::view(app, theme, frame)).unwrap();
    terminal
}

fn text(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn the_help_shows_a_rebound_key() {
    let (mut app, mut rt, _) = configured(
        "[keys.global]\ntoggle_bookmark = \"F\"\n[keys.reader]\nnext_article = [\"ctrl-n\", \"J\"]\n",
        100,
        30,
    );
    rt.act(&mut app, [Action::ToggleHelp]);
    let terminal = draw(&app, &Theme::plain());
    insta::assert_snapshot!(terminal.backend());
    let lines = text(&terminal);
    let bookmark = lines.iter().find(|l| l.contains("bookmark the article (★)")).unwrap();
    assert!(bookmark.contains(" F ") && !bookmark.contains(" b "), "{bookmark}");
}

#[test]
fn the_selected_row_takes_the_theme_colours() {
    let (app, _, settings) = configured("[theme]\nselected = { fg = 16, bg = \"#ff00aa\" }\n", 100, 30);
    let terminal = draw(&app, &settings.theme);
    let buffer = terminal.backend().buffer();
    // The cursor's row in the list (under the list's top border).
    let cell = &buffer[(3, 2)];
    assert_eq!(cell.bg, Color::Rgb(0xff, 0, 0xaa), "{cell:?}");
    assert_eq!(cell.fg, Color::Indexed(16));
    // And the same file under NO_COLOR: no colour at all.
    let plain = draw(&app, &Theme::plain());
    let cell = &plain.backend().buffer()[(3, 2)];
    assert_eq!(cell.bg, Color::Reset);
}

#[test]
fn no_sidebar_and_a_centred_reading_width() {
    let (mut app, mut rt, _) = configured("[layout]\nsidebar = false\nreading_width = 40\n", 120, 30);
    rt.act(&mut app, [Action::Open]);
    let terminal = draw(&app, &Theme::plain());
    insta::assert_snapshot!(terminal.backend());
    let panes = app.panes();
    assert!(panes.sidebar.is_none(), "no sidebar at 120 columns");
    let text_area = panes.reader_text().unwrap();
    assert_eq!(text_area.width, 40);
    let reader = panes.reader.unwrap();
    let left = text_area.x - reader.x;
    let right = reader.right() - text_area.right();
    assert!(left.abs_diff(right) <= 1, "centred: {left} left, {right} right");
    // The sidebar is still reachable: it takes the reader's place while focused.
    rt.act(&mut app, [Action::FocusNext]);
    assert!(app.panes().sidebar.is_some());
}
