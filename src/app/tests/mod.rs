//! Tests of the model, one file per feature, driven through `update` and the headless runtime
//! as the real loop drives them. The helpers every file uses are here.

mod copies;
mod correct;
mod cursor;
mod filter;
mod library;
mod organise;
mod reader;
mod sidebar;
mod unsaved;

use super::*;
use crate::{runtime::Runtime, store::LoadOptions};

/// The sample corpus loaded (entities too) in a 100x30 terminal.
pub(super) fn seeds_app() -> (App, Runtime) {
    let mut app = App::new(CorpusSource::Seeds);
    let mut rt = Runtime::new(LoadOptions::default());
    rt.load_sync(&mut app);
    rt.update(&mut app, Event::Resize(100, 30));
    (app, rt)
}

/// The sample corpus with a library kept in `dir`.
pub(super) fn with_library(dir: &std::path::Path) -> (App, Runtime) {
    let mut app = App::new(CorpusSource::Seeds);
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(100, 30));
    rt.open_library(&mut app, dir);
    rt.load_sync(&mut app);
    (app, rt)
}

/// What `update` pushes for one message, without carrying it out.
pub(super) fn effects_of(app: &mut App, msg: impl Into<Msg>) -> Vec<Effect> {
    let mut fx = Effects::default();
    app.update(msg, &mut fx);
    fx.take()
}

/// Effects, for the runtime to carry out.
pub(super) fn effects(list: Vec<Effect>) -> Effects {
    let mut fx = Effects::default();
    fx.extend(list);
    fx
}

pub(super) fn typed(text: &str) -> Vec<Action> {
    text.chars().map(|c| Action::Edit(Edit::Insert(c))).collect()
}

/// Keys typed into the note editor.
pub(super) fn keys_into_editor(text: &str) -> Vec<Action> {
    use ratatui::crossterm::event::{KeyCode, KeyEvent};
    text.chars()
        .map(|c| Action::EditorInput(KeyEvent::from(KeyCode::Char(c))))
        .collect()
}

pub(super) fn visible_titles(app: &App) -> Vec<&str> {
    (0..app.row_count())
        .map(|r| app.articles[app.row_article(r).unwrap()].title.as_str())
        .collect()
}

/// Open the article under the cursor and annotate its first body line with an empty note.
pub(super) fn annotate_first_line() -> [Action; 4] {
    [
        Action::Open,
        Action::SelectLines,
        Action::AnnotatePassage,
        Action::CloseEditor,
    ]
}

/// Focus the sidebar and put its cursor on the entity `name`.
pub(super) fn sidebar_select(app: &mut App, rt: &mut Runtime, name: &str) {
    while app.focus != Focus::Sidebar {
        rt.act(app, [Action::FocusNext]);
    }
    rt.act(app, [Action::Top]);
    for _ in 0..40 {
        if matches!(app.sidebar_row_under_cursor(), Some(SidebarRow::Entity { name: n, .. }) if n == name) {
            return;
        }
        rt.act(app, [Action::Down]);
    }
    panic!("{name} not in the sidebar: {:?}", app.sidebar_rows());
}
