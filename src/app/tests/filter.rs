//! The filter line: narrowing, the cursor, entity names, history, partial results.

use super::*;

#[test]
fn the_cursor_follows_the_filter_to_the_best_match() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::Down, Action::Down, Action::Down]);
    assert_eq!(app.cursor_article(), Some(3));
    rt.act(&mut app, [Action::StartFilter]);
    assert_eq!(app.mode(), Mode::Typing(Input::Filter));
    // After every change of the query the cursor is on the best match, as in fzf.
    for (i, c) in "nato".chars().enumerate() {
        rt.act(&mut app, [Action::Edit(Edit::Insert(c))]);
        assert_eq!(app.cursor, 0, "after {} letters", i + 1);
        assert_eq!(
            app.reader.as_ref().map(|r| r.index),
            app.cursor_article(),
            "the preview follows"
        );
    }
    rt.act(&mut app, typed(" 'crossroads"));
    assert_eq!(visible_titles(&app).len(), 1);
    assert!(visible_titles(&app)[0].starts_with("Brussels at a Crossroads"));
    assert_eq!(app.cursor_article(), Some(2), "the cursor is on what is left");
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(2), "and the reader follows");
    rt.act(&mut app, [Action::LeaveFilter]);
    assert_eq!(app.mode(), Mode::Pane(Focus::List));
    assert_eq!(app.row_count(), 1, "Esc keeps the filter");
    rt.act(&mut app, [Action::ClearFilter]);
    assert_eq!(app.row_count(), 5, "Esc again clears it");
    assert_eq!(app.cursor_article(), Some(2));
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
    rt.act(&mut app, [Action::SubmitFilter]);
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(0));
}

#[test]
fn history_recalls_earlier_filters_in_an_empty_line() {
    let (mut app, mut rt) = seeds_app();
    let state = app.marks.state.clone();
    rt.update(
        &mut app,
        Event::LibraryOpened {
            state,
            read_only: None,
            history: vec!["older".into()],
            notices: Vec::new(),
        },
    );
    rt.act(&mut app, [Action::StartFilter]);
    rt.act(&mut app, typed("nato"));
    let fx = effects_of(&mut app, Action::LeaveFilter);
    assert_eq!(fx, vec![Effect::Library(LibraryOp::PushHistory("nato".into()))]);
    rt.act(&mut app, [Action::ClearFilter, Action::StartFilter, Action::FilterUp]);
    assert_eq!(app.filter.line.text, "nato");
    rt.act(&mut app, [Action::FilterUp]);
    assert_eq!(app.filter.line.text, "older");
    rt.act(&mut app, [Action::FilterDown, Action::FilterDown]);
    assert_eq!(app.filter.line.text, "");
    // With text in the line, Up moves the cursor instead.
    rt.act(&mut app, typed("n"));
    let before = app.cursor;
    rt.act(&mut app, [Action::FilterDown]);
    assert_eq!(app.cursor, before + 1);
    assert_eq!(app.filter.line.text, "n");
}

#[test]
fn a_cursor_moved_by_the_user_stays_while_results_come_in() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::StartFilter]);
    rt.act(&mut app, typed("n"));
    assert_eq!(app.cursor, 0);
    rt.act(&mut app, [Action::FilterDown, Action::FilterDown]);
    let chosen = app.cursor_article();
    assert_eq!(app.cursor, 2, "moved by the user");
    // The same query's results again (the matcher rebuilt with names, say): the cursor stays.
    let generation = app.filter.generation;
    let again = app.filter.results.clone().unwrap();
    rt.update(
        &mut app,
        Event::Fuzzy {
            results: again,
            running: false,
            generation,
        },
    );
    assert_eq!(app.cursor_article(), chosen);
}

#[test]
fn partial_results_without_the_chosen_article_do_not_move_the_reader() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::StartFilter]);
    rt.act(&mut app, typed("n"));
    rt.act(&mut app, [Action::FilterDown, Action::FilterDown]);
    let chosen = app.cursor_article().unwrap();
    assert_ne!(chosen, 0);
    let without: Vec<u32> = (0..5).filter(|&i| i as usize != chosen).take(2).collect();
    let partial = Arc::new(crate::fuzzy::Results {
        query: "n".into(),
        order: without,
    });
    let generation = app.filter.generation;
    rt.update(
        &mut app,
        Event::Fuzzy {
            results: partial,
            running: true,
            generation,
        },
    );
    assert_eq!(app.cursor_article(), Some(chosen));
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(chosen));
    rt.settle(&mut app);
    assert_eq!(app.cursor_article(), Some(chosen));
}

#[test]
fn results_of_an_older_query_count_as_partial() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::Down, Action::Down, Action::StartFilter]);
    rt.act(&mut app, typed("n"));
    let old = app.filter.generation;
    let fx = effects_of(&mut app, Action::Edit(Edit::Insert('a')));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::FuzzyQuery { generation, .. } if *generation == old + 1))
    );
    rt.run(&mut app, effects(fx));
    // Settled results for "n" arrive after "na" was asked for.
    let stale = Arc::new(crate::fuzzy::Results {
        query: "n".into(),
        order: vec![0, 1],
    });
    rt.update(
        &mut app,
        Event::Fuzzy {
            results: stale,
            running: false,
            generation: old,
        },
    );
    assert_eq!(visible_titles(&app).len(), 2, "an older query's answer shows meanwhile");
    assert!(app.filter.matching, "and the newer query is still being matched");
    rt.settle(&mut app);
    assert!(!app.filter.matching, "until its own answer arrives");
}
