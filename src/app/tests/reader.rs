//! The reader: reading position across resizes, find in the article, long articles.

use super::*;

#[test]
fn resize_keeps_the_reading_position() {
    let (mut app, mut rt) = seeds_app();
    rt.update(&mut app, Action::Open);
    for _ in 0..7 {
        rt.update(&mut app, Action::ScrollDown);
    }
    let anchor = app.reader.as_ref().unwrap().anchor;
    assert!(anchor > 0, "scrolled into the article");
    for size in [(140, 40), (70, 20), (45, 12), (100, 30)] {
        rt.update(&mut app, Event::Resize(size.0, size.1));
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
fn find_in_the_article_finds_and_jumps() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::Down, Action::Down, Action::Open, Action::StartFind]);
    assert_eq!(app.mode(), Mode::Typing(Input::Find));
    rt.act(&mut app, typed("nato"));
    let find = app.reader.as_ref().unwrap().find.clone().unwrap();
    assert!(find.hits.len() >= 10, "{}", find.hits.len());
    assert_eq!(find.current, Some(0));
    rt.act(&mut app, [Action::SubmitFind, Action::FindNext, Action::FindNext]);
    let reader = app.reader.as_ref().unwrap();
    let current = reader.find.as_ref().unwrap().current.unwrap();
    assert_eq!(current, 2);
    let hit = &reader.find.as_ref().unwrap().hits[current];
    let line = crate::wrap::line_at(&reader.lines, hit.start);
    assert!(
        line >= reader.top && line < reader.top + app.reader_height(),
        "the hit is on screen"
    );
    rt.act(&mut app, [Action::FindPrev, Action::FindPrev, Action::FindPrev]);
    let n = app.reader.as_ref().unwrap().find.as_ref().unwrap().hits.len();
    assert_eq!(
        app.reader.as_ref().unwrap().find.as_ref().unwrap().current,
        Some(n - 1),
        "wraps around"
    );
    rt.act(&mut app, [Action::Back]);
    assert!(app.reader.as_ref().unwrap().find.is_none());
    assert_eq!(app.focus, Focus::Reader, "Esc closed the find, not the reader");
}

#[test]
fn long_articles_open_in_the_background() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("a-short.txt"), "Short one\nA few words here.\n").unwrap();
    let long = format!("Long one\n{}\n", "Words in a very long paragraph. ".repeat(25_000));
    std::fs::write(corpus.path().join("b-long.txt"), long).unwrap();
    let mut app = App::new(CorpusSource::resolve(Some(corpus.path())).unwrap());
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(100, 30));
    rt.load_sync(&mut app);
    assert!(app.articles[1].words > 100_000);
    let fx = effects_of(&mut app, Action::Down);
    rt.run(&mut app, effects(fx));
    assert_eq!(app.opening, Some(1), "still being read");
    assert_eq!(
        app.reader.as_ref().map(|r| r.index),
        Some(0),
        "the previous article stays meanwhile"
    );
    rt.settle(&mut app);
    assert_eq!(app.opening, None);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(1));
}
