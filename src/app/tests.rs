use super::*;
use crate::{effects::Runtime, store::LoadOptions};

fn seeds_app() -> (App, Runtime) {
    let mut app = App::new(CorpusSource::Seeds, Theme::plain());
    let mut rt = Runtime::new(LoadOptions::default());
    rt.load_sync(&mut app);
    app.update(Action::Resize(100, 30));
    (app, rt)
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(|c| Action::Edit(Edit::Insert(c))).collect()
}

fn visible_titles(app: &App) -> Vec<&str> {
    (0..app.row_count())
        .map(|r| app.articles[app.row_article(r).unwrap()].title.as_str())
        .collect()
}

#[test]
fn loading_opens_the_first_article() {
    let (app, _) = seeds_app();
    assert_eq!(app.articles.len(), 5);
    assert!(app.loading.is_none());
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(0));
}

#[test]
fn moving_previews_and_enter_focuses_the_reader() {
    let (mut app, mut rt) = seeds_app();
    let effects = app.update(Action::Down);
    assert_eq!(effects, vec![Effect::LoadDocument { index: 1 }]);
    rt.run(&mut app, effects);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(1));
    app.update(Action::Open);
    assert_eq!(app.focus, Focus::Reader);
    app.update(Action::Bottom);
    assert!(app.reader.as_ref().unwrap().top > 0);
}

#[test]
fn resize_keeps_the_reading_position() {
    let (mut app, _) = seeds_app();
    app.update(Action::Open);
    for _ in 0..7 {
        app.update(Action::Down);
    }
    let anchor = app.reader.as_ref().unwrap().anchor;
    for size in [(140, 40), (70, 20), (45, 12), (100, 30)] {
        app.update(Action::Resize(size.0, size.1));
        let reader = app.reader.as_ref().unwrap();
        let line = &reader.lines[reader.top];
        let next = reader.lines.get(reader.top + 1).map_or(usize::MAX, |l| l.range.start);
        assert!(
            line.range.start <= anchor && anchor < next,
            "anchor {anchor} on the top line at {size:?}"
        );
        assert_eq!(reader.anchor, anchor, "a resize alone does not move the anchor");
    }
}

#[test]
fn focus_cycles_through_visible_panes_only() {
    let (mut app, _) = seeds_app();
    app.update(Action::FocusNext);
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Focus::Sidebar);
    app.update(Action::Resize(80, 24));
    assert_eq!(app.focus, Focus::Reader, "the sidebar collapsed, focus moved off it");
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn stale_document_loads_are_ignored() {
    let (mut app, _) = seeds_app();
    app.update(Action::Down);
    let doc = Arc::new(Document::default());
    app.update(Action::DocumentLoaded {
        index: 4,
        result: Ok(doc),
    });
    assert_ne!(app.reader.as_ref().map(|r| r.index), Some(4));
}

#[test]
fn filter_narrows_keeps_selection_and_clears() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::Down, Action::Down, Action::Down]);
    assert_eq!(app.selected_article(), Some(3));
    rt.act(&mut app, [Action::StartFilter]);
    assert_eq!(app.mode(), Mode::Typing(Input::Filter));
    rt.act(&mut app, typed("nato"));
    assert_eq!(app.selected_article(), Some(3), "still selected while it matches");
    rt.act(&mut app, typed(" 'crossroads"));
    assert_eq!(visible_titles(&app).len(), 1);
    assert!(visible_titles(&app)[0].starts_with("Brussels at a Crossroads"));
    assert_eq!(app.selected_article(), Some(2), "selection moved to what is left");
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(2), "and the reader follows");
    rt.act(&mut app, [Action::LeaveInput]);
    assert_eq!(app.mode(), Mode::Pane(Focus::List));
    assert_eq!(app.row_count(), 1, "Esc keeps the filter");
    rt.act(&mut app, [Action::Back]);
    assert_eq!(app.row_count(), 5, "Esc again clears it");
    assert_eq!(app.selected_article(), Some(2));
}

#[test]
fn filter_matches_entity_names_not_only_titles() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::StartFilter]);
    rt.act(&mut app, typed("stoltenberg gaza"));
    let titles = visible_titles(&app);
    assert!(
        titles[0].contains("not assumed an active leadership role"),
        "{titles:?}"
    );
    // "Stoltenberg" is not in that title: it matched through the names the article mentions.
    assert!(!titles[0].to_lowercase().contains("stoltenberg"));
    rt.act(&mut app, [Action::Edit(Edit::Clear)]);
    rt.act(&mut app, typed("'stoltenberg 'gaza"));
    assert_eq!(visible_titles(&app).len(), 1, "exact terms: only the Gaza article");
    rt.act(&mut app, [Action::SubmitInput]);
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(0));
}

#[test]
fn history_recalls_earlier_filters_in_an_empty_line() {
    let (mut app, mut rt) = seeds_app();
    app.update(Action::HistoryLoaded(vec!["older".into()]));
    rt.act(&mut app, [Action::StartFilter]);
    rt.act(&mut app, typed("nato"));
    let effects = app.update(Action::LeaveInput);
    assert_eq!(effects, vec![Effect::Library(LibraryOp::PushHistory("nato".into()))]);
    rt.act(&mut app, [Action::Back, Action::StartFilter, Action::LineUp]);
    assert_eq!(app.filter.line.text, "nato");
    rt.act(&mut app, [Action::LineUp]);
    assert_eq!(app.filter.line.text, "older");
    rt.act(&mut app, [Action::LineDown, Action::LineDown]);
    assert_eq!(app.filter.line.text, "");
    // With text in the line, Up moves the selection instead.
    rt.act(&mut app, typed("n"));
    let before = app.selected;
    rt.act(&mut app, [Action::LineDown]);
    assert_eq!(app.selected, before + 1);
    assert_eq!(app.filter.line.text, "n");
}

#[test]
fn search_in_article_finds_and_jumps() {
    let (mut app, mut rt) = seeds_app();
    rt.act(
        &mut app,
        [Action::Down, Action::Down, Action::Open, Action::StartSearch],
    );
    assert_eq!(app.mode(), Mode::Typing(Input::Search));
    rt.act(&mut app, typed("nato"));
    let search = app.reader.as_ref().unwrap().search.clone().unwrap();
    assert!(search.hits.len() >= 10, "{}", search.hits.len());
    assert_eq!(search.current, Some(0));
    rt.act(&mut app, [Action::SubmitInput, Action::NextHit, Action::NextHit]);
    let reader = app.reader.as_ref().unwrap();
    let current = reader.search.as_ref().unwrap().current.unwrap();
    assert_eq!(current, 2);
    let hit = &reader.search.as_ref().unwrap().hits[current];
    let line = crate::wrap::line_at(&reader.lines, hit.start);
    assert!(
        line >= reader.top && line < reader.top + app.reader_height(),
        "the hit is on screen"
    );
    rt.act(&mut app, [Action::PrevHit, Action::PrevHit, Action::PrevHit]);
    let n = app.reader.as_ref().unwrap().search.as_ref().unwrap().hits.len();
    assert_eq!(
        app.reader.as_ref().unwrap().search.as_ref().unwrap().current,
        Some(n - 1),
        "wraps around"
    );
    rt.act(&mut app, [Action::Back]);
    assert!(app.reader.as_ref().unwrap().search.is_none());
}

#[test]
fn clamps_never_underflow() {
    assert_eq!(add(0, -5, 10), 0);
    assert_eq!(add(3, i64::MAX / 2, 10), 10);
    assert_eq!(add(3, 2, 0), 0);
}
