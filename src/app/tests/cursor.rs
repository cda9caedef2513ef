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
