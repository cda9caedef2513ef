//! The entity sidebar after corrections, in the real App drawn into `TestBackend`: a retyped
//! name under its new heading, a hidden one under "Hidden", the retype prompt, and the list
//! of mentions in context (`m`) with each mention marked.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dossier::{
    app::{Action, App, Edit, Event, Focus, sidebar::SidebarRow},
    runtime::Runtime,
    store::{CorpusSource, LoadOptions},
    ui::{self, theme::Theme},
};
use ratatui::{Terminal, backend::TestBackend};

fn seeds(dir: &std::path::Path) -> (App, Runtime) {
    let mut app = App::new(CorpusSource::Seeds);
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(100, 30));
    rt.open_library(&mut app, dir);
    rt.load_sync(&mut app);
    rt.act(&mut app, [Action::Open]);
    while app.focus != Focus::Sidebar {
        rt.act(&mut app, [Action::FocusNext]);
    }
    (app, rt)
}

fn select(app: &mut App, rt: &mut Runtime, name: &str) {
    rt.act(app, [Action::Top]);
    for _ in 0..40 {
        if matches!(app.sidebar_row_under_cursor(), Some(SidebarRow::Entity { name: n, .. }) if n == name) {
            return;
        }
        rt.act(app, [Action::Down]);
    }
    panic!("{name} not in the sidebar");
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

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(|c| Action::Edit(Edit::Insert(c))).collect()
}

#[test]
fn a_retyped_and_a_hidden_name_in_the_sidebar() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = seeds(dir.path());
    select(&mut app, &mut rt, "Hamas");
    rt.act(&mut app, [Action::RetypeEntity]);
    let (_, prompt) = screen(&app);
    assert!(prompt.contains("Hamas (organisation) is a:"), "{prompt}");
    assert!(prompt.contains("person · organisation · place · other"), "{prompt}");
    rt.act(&mut app, typed("person"));
    rt.act(&mut app, [Action::SubmitPrompt]);
    select(&mut app, &mut rt, "North Atlantic");
    rt.act(&mut app, [Action::HideEntity]);
    let (terminal, text) = screen(&app);
    let people = text.find("People").unwrap();
    let orgs = text.find("Organisations").unwrap();
    let hamas = text.find("Hamas").unwrap();
    assert!(people < hamas && hamas < orgs, "{text}");
    assert!(text.contains("Hidden · H shows again"), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn mentions_in_context_mark_the_name_in_each_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = seeds(dir.path());
    select(&mut app, &mut rt, "Gaza");
    rt.act(&mut app, [Action::EntityMentions]);
    let (terminal, text) = screen(&app);
    assert!(text.contains("Gaza in "), "{text}");
    insta::assert_snapshot!(terminal.backend());
}
