//! Organising: the query's operators, the order, tags and saved views, through the library
//! writer and back.

use jiff::civil::date;

use super::*;
use crate::query::Sort;

/// Give the seeds dates (they have none), the fourth left undated.
fn date_seeds(app: &mut App) {
    let days = [
        Some((2024, 3, 5)),
        Some((2024, 1, 20)),
        Some((2023, 11, 2)),
        None,
        Some((2024, 6, 1)),
    ];
    for (meta, day) in app.articles.iter_mut().zip(days) {
        meta.published = day.map(|(y, m, d)| date(y, m, d).at(12, 0, 0, 0));
    }
}

#[test]
fn operators_narrow_the_list_and_a_malformed_one_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    date_seeds(&mut app);
    rt.act(&mut app, [Action::Down, Action::ToggleBookmark, Action::StartFilter]);
    rt.act(&mut app, typed("is:bookmarked"));
    assert_eq!(visible_titles(&app), [app.articles[1].title.as_str()]);
    rt.act(&mut app, [Action::Edit(Edit::Clear)]);
    rt.act(&mut app, typed("date:2024"));
    assert_eq!(app.row_count(), 3);
    assert_eq!(app.undated_left_out, 1, "the undated article is counted as left out");
    rt.act(&mut app, [Action::Edit(Edit::Clear)]);
    rt.act(&mut app, typed("date:2024-01..2024-03 !is:bookmarked"));
    assert_eq!(visible_titles(&app), [app.articles[0].title.as_str()]);
    // Operators combine with fuzzy terms: the ranking of the terms, the test of the operators.
    rt.act(&mut app, [Action::Edit(Edit::Clear)]);
    rt.act(&mut app, typed("ukraine date:<2024"));
    assert!(
        visible_titles(&app).iter().all(|t| *t == app.articles[2].title),
        "{:?}",
        visible_titles(&app)
    );
    // A month 13 is said, and the operator is not applied (the list does not empty).
    rt.act(&mut app, [Action::Edit(Edit::Clear)]);
    rt.act(&mut app, typed("date:2024-13"));
    assert_eq!(app.row_count(), 5);
    assert!(
        app.filter.query.errors[0].contains("no month 13"),
        "{:?}",
        app.filter.query.errors
    );
}

#[test]
fn tags_from_the_prompt_are_kept_filtered_and_matched() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (mut app, mut rt) = with_library(dir.path());
        rt.act(&mut app, [Action::Tag]);
        assert_eq!(app.mode(), Mode::Typing(Input::Prompt));
        rt.act(&mut app, typed("#Ceasefire talks-watch"));
        rt.act(&mut app, [Action::SubmitPrompt]);
        assert_eq!(app.mode(), Mode::Pane(Focus::List));
        let id = app.articles[0].id.clone();
        assert_eq!(
            app.marks.article(&id).unwrap().tags().collect::<Vec<_>>(),
            ["ceasefire", "talks-watch"]
        );
        // The next article: Tab completes from the tags in use.
        rt.act(&mut app, [Action::Down, Action::Tag]);
        rt.act(&mut app, typed("cea"));
        assert_eq!(app.prompt_choices(), ["ceasefire"]);
        rt.act(&mut app, [Action::CompletePrompt]);
        assert_eq!(app.prompt.as_ref().unwrap().line.text, "#ceasefire ");
        rt.act(&mut app, [Action::SubmitPrompt]);
        // A note's #word is a tag too.
        rt.act(&mut app, [Action::Down, Action::EditNote]);
        rt.act(&mut app, keys_into_editor("ask about #ceasefire terms"));
        rt.act(&mut app, [Action::CloseEditor]);
    }
    let (mut app, mut rt) = with_library(dir.path());
    rt.act(&mut app, [Action::StartFilter]);
    rt.act(&mut app, typed("#ceasefire"));
    assert_eq!(app.row_count(), 3);
    rt.act(&mut app, [Action::Edit(Edit::Clear)]);
    rt.act(&mut app, typed("!#ceasefire"));
    assert_eq!(app.row_count(), 2);
    // The fuzzy filter finds an article by its tag's word, though its text never says it.
    rt.act(&mut app, [Action::Edit(Edit::Clear)]);
    rt.act(&mut app, typed("'talks-watch"));
    assert_eq!(visible_titles(&app), [app.articles[0].title.as_str()]);
    // Taking a tag off in the prompt removes it.
    rt.act(
        &mut app,
        [Action::LeaveFilter, Action::ClearFilter, Action::Top, Action::Tag],
    );
    assert_eq!(app.prompt.as_ref().unwrap().line.text, "#ceasefire #talks-watch ");
    rt.act(&mut app, [Action::Edit(Edit::Clear)]);
    rt.act(&mut app, typed("#ceasefire"));
    rt.act(&mut app, [Action::SubmitPrompt]);
    assert_eq!(
        app.marks
            .article(&app.articles[0].id)
            .unwrap()
            .tags()
            .collect::<Vec<_>>(),
        ["ceasefire"]
    );
}

#[test]
fn an_annotation_under_the_caret_is_tagged_in_the_reader_and_the_view() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    rt.act(&mut app, annotate_first_line());
    // The caret is on the annotated passage: `t` tags the annotation, not the article.
    rt.act(&mut app, [Action::Tag]);
    assert!(matches!(
        app.prompt.as_ref().unwrap().kind,
        super::super::organise::PromptKind::Tags { ann: Some(_), .. }
    ));
    rt.act(&mut app, typed("#quote"));
    rt.act(&mut app, [Action::SubmitPrompt]);
    let id = app.articles[app.reader.as_ref().unwrap().index].id.clone();
    let state = app.marks.article(&id).unwrap();
    assert_eq!(state.tags().count(), 0);
    assert_eq!(state.live_annotations()[0].1.tags, ["quote"]);
    // In the annotations view the row shows it, and `t` there edits the same tags.
    rt.act(&mut app, [Action::ShowAnnotations]);
    assert_eq!(app.annotations.as_ref().unwrap().current().unwrap().tags, ["quote"]);
    rt.act(&mut app, [Action::Tag]);
    assert_eq!(app.prompt.as_ref().unwrap().line.text, "#quote ");
    rt.act(&mut app, [Action::CancelPrompt]);
    assert_eq!(app.mode(), Mode::Annotations);
}

#[test]
fn the_order_cycles_and_is_kept_and_a_view_brings_back_query_facets_and_order() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (mut app, mut rt) = with_library(dir.path());
        date_seeds(&mut app);
        assert_eq!(app.sort, Sort::Relevance, "undated seeds start in corpus order");
        rt.act(&mut app, [Action::CycleSort]);
        assert_eq!(app.sort, Sort::Newest);
        let newest: Vec<usize> = (0..5).filter_map(|r| app.row_article(r)).collect();
        assert_eq!(newest, [4, 0, 1, 2, 3], "undated last");
        rt.act(&mut app, [Action::CycleSort]);
        let oldest: Vec<usize> = (0..5).filter_map(|r| app.row_article(r)).collect();
        assert_eq!(oldest, [2, 1, 0, 4, 3]);
        // Filtering in an order other than relevance lists the matches in that order.
        rt.act(&mut app, [Action::StartFilter]);
        rt.act(&mut app, typed("nato"));
        let rows: Vec<usize> = (0..app.row_count()).filter_map(|r| app.row_article(r)).collect();
        let mut by_date = rows.clone();
        by_date.sort_by_key(|&i| (app.articles[i].published.is_none(), app.articles[i].published));
        assert_eq!(rows, by_date);
        rt.act(&mut app, [Action::LeaveFilter]);
        sidebar_select(&mut app, &mut rt, "NATO");
        rt.act(&mut app, [Action::SidebarChoose, Action::SaveView]);
        rt.act(&mut app, typed("stolt"));
        rt.act(&mut app, [Action::SubmitPrompt]);
    }
    let (mut app, mut rt) = with_library(dir.path());
    assert_eq!(app.sort, Sort::Oldest, "the order is kept for the corpus");
    assert!(app.entities.facets.is_empty() && app.filter.line.text.is_empty());
    rt.act(&mut app, [Action::CycleSort, Action::PickView]);
    rt.act(&mut app, typed("st"));
    assert_eq!(app.prompt_choices(), ["stolt"]);
    rt.act(&mut app, [Action::SubmitPrompt]);
    assert_eq!(app.filter.line.text, "nato");
    assert_eq!(app.sort, Sort::Oldest);
    assert_eq!(app.entities.facets.len(), 1);
    assert_eq!(app.entities.index.names[app.entities.facets[0].entity as usize], "NATO");
}

#[test]
fn a_click_on_a_timeline_bar_narrows_the_list_to_its_period() {
    let (mut app, mut rt) = seeds_app();
    date_seeds(&mut app);
    app.index_days();
    app.count_timeline();
    assert!(app.timeline_shown());
    let list = app.panes().list.unwrap();
    let width = usize::from(list.width - 2);
    let bins = app.timeline_bins(width).unwrap();
    assert_eq!(bins.counts.iter().sum::<u64>(), 4, "the four dated seeds");
    // The bar of 2024-03-05 (the first seed), clicked on the row above the list's border.
    let day = super::super::timeline::day_number(date(2024, 3, 5));
    let bar = u16::try_from(bins.bar_of(day)).unwrap();
    rt.act(
        &mut app,
        [Action::Click {
            col: list.x + 1 + bar,
            row: list.bottom() - 2,
        }],
    );
    assert_eq!(app.timeline.bar, Some(usize::from(bar)));
    assert!(
        app.filter.line.text.starts_with("date:2024-03"),
        "{}",
        app.filter.line.text
    );
    assert!((0..app.row_count()).any(|r| app.row_article(r) == Some(0)));
    assert!(
        !(0..app.row_count()).any(|r| app.row_article(r) == Some(2)),
        "the 2023 seed is out"
    );
    // The bars still count the whole list while one narrows it.
    assert_eq!(app.timeline_bins(width).unwrap().counts.iter().sum::<u64>(), 4);
    rt.act(&mut app, [Action::TimelineNext]);
    assert_eq!(app.timeline.bar, Some(usize::from(bar) + 1));
    rt.act(&mut app, [Action::ClearFilter]);
    assert_eq!(app.timeline.bar, None);
    assert_eq!(app.row_count(), 5);
}

#[test]
fn an_article_opened_under_is_unread_stays_in_the_reader_as_it_leaves_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    rt.act(&mut app, [Action::StartFilter]);
    rt.act(&mut app, typed("is:unread"));
    rt.act(&mut app, [Action::LeaveFilter, Action::Down]);
    let (opened, row) = (app.cursor_article().unwrap(), app.cursor);
    rt.act(&mut app, [Action::Open]);
    // Opening marked it read: the list no longer has it, and the reader still shows it.
    assert!(
        app.marks.read(&app.articles[opened].id),
        "{opened} {:?}",
        app.filter.query
    );
    assert_eq!(app.row_count(), 4);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(opened));
    assert_eq!(app.cursor, row, "the cursor stays on its row");
    // A tag prompt opened after the annotations view was closed by a click tags the article.
    rt.act(
        &mut app,
        [
            Action::ShowAnnotations,
            Action::Click { col: 0, row: 0 },
            Action::Back,
            Action::Tag,
        ],
    );
    assert!(matches!(
        app.prompt.as_ref().unwrap().kind,
        super::super::organise::PromptKind::Tags { ann: None, .. }
    ));
}

#[test]
fn the_selected_entitys_timeline_counts_its_dated_mentions_once_per_selection() {
    let (mut app, mut rt) = seeds_app();
    date_seeds(&mut app);
    app.index_days();
    sidebar_select(&mut app, &mut rt, "NATO");
    let nato = app.entities.index.names.iter().position(|n| n == "NATO").unwrap();
    let dated_mentions = (0..app.articles.len())
        .filter(|&i| {
            app.articles[i].published.is_some() && app.entities.index.mentions(i, crate::store::article_number(nato))
        })
        .count() as u64;
    let (entity, days) = app.timeline.entity.clone().unwrap();
    assert_eq!(entity as usize, nato);
    assert_eq!(days.iter().map(|d| d.1).sum::<u64>(), dated_mentions);
    assert!(dated_mentions > 0);
    rt.act(&mut app, [Action::FocusNext]);
    assert!(
        app.timeline.entity.is_none(),
        "dropped when the sidebar loses the focus"
    );
}
