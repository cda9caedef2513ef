//! The list cursor, previews, panes and focus.

use super::*;

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
    let fx = effects_of(&mut app, Action::Down);
    assert_eq!(fx, vec![Effect::ReadArticle { index: 1 }]);
    rt.run(&mut app, effects(fx));
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(1));
    rt.update(&mut app, Action::Open);
    assert_eq!(app.focus, Focus::Reader);
    rt.update(&mut app, Action::Bottom);
    assert!(app.reader.as_ref().unwrap().top > 0);
}

#[test]
fn tab_reaches_every_pane_at_every_width() {
    let (mut app, mut rt) = seeds_app();
    for (w, h) in [(100, 30), (80, 24), (50, 16)] {
        rt.update(&mut app, Event::Resize(w, h));
        while app.focus != Focus::List {
            rt.update(&mut app, Action::FocusNext);
        }
        rt.update(&mut app, Action::FocusNext);
        assert_eq!(app.focus, Focus::Reader, "at {w}x{h}");
        rt.update(&mut app, Action::FocusNext);
        assert_eq!(app.focus, Focus::Sidebar, "at {w}x{h}");
        assert!(app.panes().sidebar.is_some(), "the sidebar shows at {w}x{h}");
        rt.update(&mut app, Action::FocusNext);
        assert_eq!(app.focus, Focus::List, "and round again at {w}x{h}");
    }
}

#[test]
fn a_read_that_arrives_after_the_cursor_moved_on_is_not_shown() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::Down]);
    assert_eq!(
        app.reader.as_ref().map(|r| r.index),
        Some(1),
        "the preview follows the cursor"
    );
    let opened = Opened {
        doc: Arc::new(crate::store::Document::default()),
        entities: Arc::new(Vec::new()),
    };
    rt.update(
        &mut app,
        Event::ArticleRead {
            index: 4,
            result: Ok(opened),
        },
    );
    let reader = app.reader.as_ref().unwrap();
    assert_eq!(reader.index, 1, "article 4 was read too late: the reader stays on 1");
    assert!(!reader.doc.text.is_empty(), "and keeps article 1's text");
}

#[test]
fn clamps_never_underflow() {
    assert_eq!(add(0, -5, 10), 0);
    assert_eq!(add(3, i64::MAX / 2, 10), 10);
    assert_eq!(add(3, 2, 0), 0);
}

#[test]
fn a_too_small_terminal_does_not_rewrap_to_one_column() {
    let (mut app, mut rt) = seeds_app();
    let lines = app.reader.as_ref().unwrap().lines.len();
    rt.update(&mut app, Event::Resize(10, 3));
    assert_eq!(app.reader.as_ref().unwrap().lines.len(), lines);
    rt.update(&mut app, Event::Resize(3000, 40));
    rt.update(&mut app, Event::Resize(100, 30));
    assert_eq!(app.reader.as_ref().unwrap().lines.len(), lines);
}

#[test]
fn a_message_lasts_until_the_next_action() {
    let (mut app, mut rt) = seeds_app();
    app.message = Some(Message::info("exported"));
    rt.update(&mut app, Event::Resize(100, 30));
    assert!(app.message.is_some(), "an event does not clear it");
    rt.update(&mut app, Action::Down);
    assert_eq!(app.message, None, "the next key does");
}

#[test]
fn a_signal_quits_and_keeps_the_open_note() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::EditNote]);
    rt.act(&mut app, keys_into_editor("draft"));
    let fx = effects_of(&mut app, Event::Signal(Signal::Hangup));
    assert!(app.should_quit && app.hung_up);
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Library(LibraryOp::SetNote { text, .. }) if text == "draft")),
        "{fx:?}"
    );
}

/// A folder of Markdown articles with these dates (in file-name order).
fn dated(dates: &[&str]) -> (tempfile::TempDir, App, Runtime) {
    let dir = tempfile::tempdir().unwrap();
    for (i, date) in dates.iter().enumerate() {
        let text = format!("---\ntitle: Story {i}\ndate: {date}\n---\nSome words about story {i}.\n");
        std::fs::write(dir.path().join(format!("{i}.md")), text).unwrap();
    }
    let mut app = App::new(CorpusSource::resolve(Some(dir.path())).unwrap());
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(100, 30));
    rt.load_sync(&mut app);
    (dir, app, rt)
}

#[test]
fn a_corpus_with_dates_opens_newest_first() {
    let (_dir, app, _rt) = dated(&[
        "07/03/2024",
        "March 9, 2024",
        "2024-03-19T06:30:00Z",
        "1705000000",
        "soon",
    ]);
    let titles: Vec<&str> = super::visible_titles(&app);
    // 19 March, 9 March, 7 March (day first), 11 January (epoch seconds), then the undated.
    assert_eq!(titles, ["Story 2", "Story 1", "Story 0", "Story 3", "Story 4"]);
    assert_eq!(
        app.articles[app.cursor_article().unwrap()].title,
        "Story 2",
        "the cursor on the newest"
    );
}

#[test]
fn j_and_k_in_the_reader_open_the_next_article_and_backspace_goes_back() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::Open, Action::NextArticle]);
    let fx = effects_of(&mut app, Action::NextArticle);
    let id = app.articles[2].id.clone();
    assert!(
        fx.contains(&Effect::Library(LibraryOp::SetRead { id, read: true })),
        "opened, so marked read: {fx:?}"
    );
    rt.run(&mut app, effects(fx));
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(2));
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.visited, [0, 1]);
    rt.act(&mut app, [Action::GoBack]);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(1));
    rt.act(&mut app, [Action::GoBack]);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(0));
    rt.act(&mut app, [Action::GoBack]);
    assert!(app.message.as_ref().is_some_and(|m| m.text.contains("no earlier")));
}

#[test]
fn paging_keys_page_the_focused_pane() {
    let (_dir, mut app, mut rt) = dated(&["2024-01-01"; 60]);
    let rows = app.list_rows();
    rt.act(&mut app, [Action::PageDown]);
    assert_eq!(app.cursor, rows, "the list paged");
    assert_eq!(app.reader.as_ref().map(|r| r.top), Some(0), "the reader did not scroll");
    rt.act(&mut app, [Action::PageUp]);
    assert_eq!(app.cursor, 0);
}

#[test]
fn a_double_click_on_a_row_opens_it() {
    let (mut app, mut rt) = seeds_app();
    let list = app.panes().list.unwrap();
    let row = list.y + app.list_header_rows() + 2;
    rt.act(&mut app, [Action::DoubleClick { col: list.x + 5, row }]);
    assert_eq!(app.cursor, 2);
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(2));
}

#[test]
fn the_list_is_resized_by_keys_and_by_dragging_its_border_and_kept() {
    let (mut app, mut rt) = seeds_app();
    let before = app.panes().list.unwrap().width;
    let fx = effects_of(&mut app, Action::WidenList);
    assert!(app.panes().list.unwrap().width > before);
    assert!(matches!(fx[..], [Effect::SaveLayout(split)] if split == app.split));
    let border = app.panes().list.unwrap().right() - 1;
    rt.act(
        &mut app,
        [Action::Click { col: border, row: 5 }, Action::Drag { col: 30, row: 5 }],
    );
    assert_eq!(app.panes().list.unwrap().right(), 31, "the border follows the drag");
    let fx = effects_of(&mut app, Action::Release { col: 30, row: 5 });
    assert!(matches!(fx[..], [Effect::SaveLayout(_)]), "kept when let go: {fx:?}");
}

#[test]
fn the_layout_is_kept_across_runs() {
    let config = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = seeds_app();
    rt.open_preferences(&mut app, config.path());
    rt.act(&mut app, [Action::WidenList, Action::WidenList]);
    let split = app.split;
    assert_ne!(split, Split::default());
    let (mut again, mut rt2) = seeds_app();
    rt2.open_preferences(&mut again, config.path());
    assert_eq!(again.split, split);
}
