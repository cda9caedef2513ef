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
    let opened = Opened {
        doc: Arc::new(crate::store::Document::default()),
        entities: Arc::new(Vec::new()),
    };
    app.update(Action::DocumentLoaded {
        index: 4,
        result: Ok(opened),
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

/// Keys typed into the note editor.
fn keys_into_editor(text: &str) -> Vec<Action> {
    use ratatui::crossterm::event::{KeyCode, KeyEvent};
    text.chars()
        .map(|c| Action::EditorKey(KeyEvent::from(KeyCode::Char(c))))
        .collect()
}

/// Open the selected article and annotate its first body line with an empty note.
fn annotate_first_line() -> [Action; 4] {
    [
        Action::Open,
        Action::StartSelection(Unit::Line),
        Action::EditNote,
        Action::CloseEditor,
    ]
}

fn with_library(dir: &std::path::Path) -> (App, Runtime) {
    let mut app = App::new(CorpusSource::Seeds, Theme::plain());
    let mut rt = Runtime::new(LoadOptions::default());
    app.update(Action::Resize(100, 30));
    rt.open_library(&mut app, dir);
    rt.load_sync(&mut app);
    (app, rt)
}

fn sidebar_select(app: &mut App, rt: &mut Runtime, name: &str) {
    while app.focus != Focus::Sidebar {
        rt.act(app, [Action::FocusNext]);
    }
    rt.act(app, [Action::Top]);
    for _ in 0..40 {
        if matches!(app.selected_sidebar_item(), Some(Item::Entity { name: n, .. }) if n == name) {
            return;
        }
        rt.act(app, [Action::Down]);
    }
    panic!("{name} not in the sidebar: {:?}", app.sidebar_items());
}

#[test]
fn sidebar_groups_the_open_articles_entities_by_kind() {
    let (app, _) = seeds_app();
    let items = app.sidebar_items();
    let headers: Vec<&str> = items
        .iter()
        .filter_map(|i| if let Item::Header(h) = i { Some(*h) } else { None })
        .collect();
    assert_eq!(headers[..3], ["People", "Organisations", "Places"]);
    assert!(
        items.contains(&Item::Entity {
            name: "Jens Stoltenberg".into(),
            kind: crate::entities::Kind::Person,
            count: 4,
            id: app
                .entities
                .index
                .find("Jens Stoltenberg", crate::entities::Kind::Person),
        })
    );
    assert!(headers.contains(&"Related"));
}

#[test]
fn facets_narrow_combine_negate_and_come_off() {
    let (mut app, mut rt) = seeds_app();
    sidebar_select(&mut app, &mut rt, "Gaza");
    rt.act(&mut app, [Action::SidebarEnter]);
    let gaza = app.entities.index.find("Gaza", crate::entities::Kind::Place).unwrap();
    let with_gaza = app.entities.index.postings[gaza as usize].len();
    assert_eq!(app.row_count(), with_gaza);
    assert!((0..app.row_count()).all(|r| app.entities.index.mentions(app.row_article(r).unwrap(), gaza)));
    // A second facet, negated: articles with Gaza and without Hamas.
    sidebar_select(&mut app, &mut rt, "Hamas");
    rt.act(&mut app, [Action::NegateFacet]);
    assert_eq!(app.entities.facets.len(), 2);
    let hamas = app
        .entities
        .index
        .find("Hamas", crate::entities::Kind::Organization)
        .unwrap();
    assert!((0..app.row_count()).all(|r| !app.entities.index.mentions(app.row_article(r).unwrap(), hamas)));
    assert!(app.row_count() < with_gaza);
    // Facets combine with the fuzzy filter too.
    rt.act(&mut app, [Action::StartFilter]);
    rt.act(&mut app, typed("'zzzz"));
    assert_eq!(app.row_count(), 0);
    rt.act(
        &mut app,
        [Action::Edit(Edit::Clear), Action::LeaveInput, Action::RemoveLastFacet],
    );
    assert_eq!(app.entities.facets.len(), 1);
    assert_eq!(app.row_count(), with_gaza);
    rt.act(&mut app, [Action::RemoveLastFacet]);
    assert_eq!(app.row_count(), 5);
}

#[test]
fn corpus_view_counts_filtered_articles() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::ToggleSidebarView]);
    let items = app.sidebar_items();
    let nato = items.iter().find_map(|i| match i {
        Item::Entity { name, count, .. } if name == "NATO" => Some(*count),
        _ => None,
    });
    let nato_id = app
        .entities
        .index
        .find("NATO", crate::entities::Kind::Organization)
        .unwrap();
    assert_eq!(nato, Some(app.entities.index.postings[nato_id as usize].len() as u32));
    rt.act(&mut app, [Action::StartFilter]);
    rt.act(&mut app, typed("'crossroads"));
    let counts = app.entities.corpus_counts.clone().unwrap();
    assert!(
        counts.iter().all(|&(_, c)| c == 1),
        "one article left: every count is 1"
    );
}

#[test]
fn mentions_are_highlighted_and_jumped_to() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::Down, Action::Down]);
    sidebar_select(&mut app, &mut rt, "NATO");
    let mentions = app.selected_mentions();
    assert!(mentions.len() >= 10);
    let reader = app.reader.as_ref().unwrap();
    assert!(mentions.iter().all(|m| &reader.doc.text[m.clone()] == "NATO"));
    let top_before = reader.top;
    rt.act(
        &mut app,
        [Action::NextMention, Action::NextMention, Action::NextMention],
    );
    assert!(app.reader.as_ref().unwrap().top > top_before);
}

#[test]
fn related_articles_open_from_the_sidebar() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::FocusNext, Action::FocusNext]);
    let related = app
        .sidebar_items()
        .iter()
        .filter(|i| i.selectable())
        .position(|i| matches!(i, Item::Related { .. }));
    let target = match app
        .sidebar_items()
        .into_iter()
        .filter(Item::selectable)
        .nth(related.unwrap())
    {
        Some(Item::Related { article, .. }) => article,
        other => panic!("{other:?}"),
    };
    app.sidebar_selected = related.unwrap();
    rt.act(&mut app, [Action::SidebarEnter]);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(target));
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn bookmarks_notes_annotations_and_read_state_persist() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (mut app, mut rt) = with_library(dir.path());
        rt.act(&mut app, [Action::ToggleBookmark, Action::Down, Action::EditNote]);
        assert_eq!(app.mode(), Mode::Editing);
        rt.act(&mut app, keys_into_editor("Check the figures"));
        // Quitting with the editor open keeps the note.
        rt.act(&mut app, [Action::Quit]);
        assert!(app.marks.has_note(&app.articles[1].id));
        assert!(app.marks.bookmarked(&app.articles[0].id));
    }
    let (mut app, mut rt) = with_library(dir.path());
    assert!(app.marks.bookmarked(&app.articles[0].id));
    assert_eq!(
        app.marks.article(&app.articles[1].id).unwrap().note(),
        "Check the figures"
    );
    // Bookmarks only.
    rt.act(&mut app, [Action::ToggleBookmarksOnly]);
    assert_eq!(app.row_count(), 1);
    rt.act(&mut app, [Action::ToggleBookmarksOnly]);
    // Annotate two sentences of the third article.
    rt.act(&mut app, [Action::Down, Action::Down, Action::Open]);
    assert!(app.marks.read(&app.articles[2].id), "opening marks read");
    rt.act(
        &mut app,
        [Action::StartSelection(Unit::Sentence), Action::Down, Action::EditNote],
    );
    let quote = match &app.editor.as_ref().unwrap().target {
        NoteTarget::NewAnnotation { annotation, .. } => annotation.quote.exact.clone(),
        other => panic!("{other:?}"),
    };
    assert!(
        quote.starts_with("There is a peculiar hush") && quote.contains("Delegates shuffle papers"),
        "{quote}"
    );
    rt.act(&mut app, [Action::CloseEditor]);
    assert_eq!(app.marks.annotation_count(&app.articles[2].id), 1);
    let placed = app.reader.as_ref().unwrap().annotations.clone();
    assert_eq!(placed.len(), 1);
    let range = placed[0].range.clone().unwrap();
    assert_eq!(&app.reader.as_ref().unwrap().doc.text[range], quote);
    // The annotations view lists it and Enter jumps there.
    rt.act(&mut app, [Action::Back, Action::Top, Action::ShowAnnotations]);
    assert_eq!(app.annotations.as_ref().unwrap().shown.len(), 1);
    rt.act(&mut app, [Action::Open]);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(2));
    // Reading position is kept when leaving the article and restored on return.
    rt.act(
        &mut app,
        [Action::PageDown, Action::PageDown, Action::Back, Action::Top],
    );
    let (_, chars) = app.reading_position().unwrap();
    assert_eq!(chars, 0, "the first article, at its top");
    rt.act(&mut app, [Action::Down, Action::Down]);
    let top = app.reader.as_ref().unwrap().top;
    assert!(top > 0, "the third article reopened where it was left");
}

#[test]
fn annotations_can_be_edited_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    rt.act(&mut app, annotate_first_line());
    rt.act(&mut app, [Action::ShowAnnotations, Action::AnnotationEdit]);
    rt.act(&mut app, keys_into_editor("!"));
    rt.act(&mut app, [Action::CloseEditor]);
    let id = app.articles[0].id.clone();
    let state = app.marks.article(&id).unwrap();
    assert_eq!(state.live_annotations()[0].1.note, "!");
    rt.act(
        &mut app,
        [Action::ShowAnnotations, Action::AnnotationDelete, Action::CloseOverlay],
    );
    assert_eq!(app.marks.annotation_count(&id), 0);
}

#[test]
fn annotations_follow_edited_text_and_orphans_are_kept() {
    let corpus = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let file = corpus.path().join("story.txt");
    let text = "A story\nThe council met on Tuesday. The mayor said the budget was balanced. Critics disagreed.\n";
    std::fs::write(&file, text).unwrap();
    let open = || {
        let mut app = App::new(CorpusSource::resolve(Some(corpus.path())).unwrap(), Theme::plain());
        let mut rt = Runtime::new(LoadOptions::default());
        app.update(Action::Resize(100, 30));
        rt.open_library(&mut app, config.path());
        rt.load_sync(&mut app);
        (app, rt)
    };
    let (mut app, mut rt) = open();
    rt.act(
        &mut app,
        [
            Action::Open,
            Action::StartSelection(Unit::Sentence),
            Action::MoveSelection(1),
            Action::EditNote,
        ],
    );
    rt.act(&mut app, [Action::CloseEditor]);
    let quote = app.reader.as_ref().unwrap().annotations[0].quote.clone();
    assert_eq!(quote, "The mayor said the budget was balanced.");
    // Text inserted before the passage: it moves, and is found.
    std::fs::write(&file, text.replace("The council", "Late news. The council")).unwrap();
    let (app, _) = open();
    let reader = app.reader.as_ref().unwrap();
    let placed = reader.annotations[0].range.clone().expect("re-anchored");
    assert_eq!(&reader.doc.text[placed], quote);
    // The passage rewritten beyond recognition: orphaned, still listed, never deleted.
    std::fs::write(&file, "A story\nSomething else entirely happened on a different day.\n").unwrap();
    let (mut app, mut rt) = open();
    assert_eq!(app.reader.as_ref().unwrap().annotations[0].range, None);
    rt.act(&mut app, [Action::ShowAnnotations]);
    let list = app.annotations.as_ref().unwrap();
    assert!(list.items[0].orphaned && list.items[0].quote == quote);
}

#[test]
fn a_failed_external_editor_gives_the_text_back() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::EditNote]);
    rt.act(&mut app, keys_into_editor("important"));
    let effects = app.update(Action::EditNoteExternally);
    let Some(Effect::ExternalEdit { target, text }) = effects.into_iter().next() else {
        panic!("no external edit")
    };
    assert_eq!(text, "important");
    app.update(Action::NoteEdited {
        target: Box::new(target),
        sent: text,
        result: Err("cannot run vi".into()),
    });
    assert_eq!(app.editor.as_ref().map(|e| e.text()), Some("important".to_string()));
    assert!(app.message.as_ref().is_some_and(|m| m.error));
}

#[test]
fn annotations_show_at_once_with_bookmarks_only_on() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    rt.act(
        &mut app,
        [Action::ToggleBookmark, Action::ToggleBookmarksOnly, Action::Open],
    );
    rt.act(
        &mut app,
        [
            Action::StartSelection(Unit::Line),
            Action::EditNote,
            Action::CloseEditor,
        ],
    );
    assert_eq!(app.reader.as_ref().unwrap().annotations.len(), 1);
}

#[test]
fn clicking_a_sidebar_row_selects_that_entity() {
    let (mut app, mut rt) = seeds_app();
    let sidebar = app.panes().sidebar.unwrap();
    let items = app.sidebar_items();
    // Row 0 is the "People" header; row 1 the first person.
    let Item::Entity { name, .. } = &items[1] else {
        panic!("{items:?}")
    };
    rt.act(
        &mut app,
        [Action::Click {
            col: sidebar.x + 3,
            row: sidebar.y + 2,
        }],
    );
    assert!(matches!(app.selected_sidebar_item(), Some(Item::Entity { name: n, .. }) if n == *name));
    // A header row selects nothing new.
    rt.act(
        &mut app,
        [Action::Click {
            col: sidebar.x + 3,
            row: sidebar.y + 1,
        }],
    );
    assert!(matches!(app.selected_sidebar_item(), Some(Item::Entity { name: n, .. }) if n == *name));
}

#[test]
fn dragging_over_the_title_annotates_nothing() {
    let (mut app, mut rt) = seeds_app();
    let text = app.panes().reader_text().unwrap();
    rt.act(
        &mut app,
        [
            Action::Click {
                col: text.x,
                row: text.y,
            },
            Action::Drag {
                col: text.x,
                row: text.y + 2,
            },
        ],
    );
    let effects = app.update(Action::EditNote);
    assert!(effects.is_empty());
    assert!(!matches!(
        app.editor.as_ref().map(|e| &e.target),
        Some(NoteTarget::NewAnnotation { .. })
    ));
}

#[test]
fn going_to_an_annotation_clears_what_hides_its_article() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    rt.act(&mut app, annotate_first_line());
    // A facet that excludes the annotated article (0), then jump to the annotation.
    let ukraine = app
        .entities
        .index
        .find("Ukraine", crate::entities::Kind::Place)
        .unwrap();
    assert!(app.entities.index.mentions(0, ukraine));
    app.entities.facets.push(Facet {
        entity: ukraine,
        negated: true,
    });
    // Toggling bookmarks-only twice recomputes the rows with the facet.
    rt.act(
        &mut app,
        [Action::Back, Action::ToggleBookmarksOnly, Action::ToggleBookmarksOnly],
    );
    assert!(app.row_of(0).is_none(), "the facet hides the annotated article");
    rt.act(&mut app, [Action::ShowAnnotations]);
    rt.act(&mut app, [Action::Open]);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(0));
    assert!(app.entities.facets.is_empty());
}

#[test]
fn partial_results_without_the_open_article_do_not_move_the_reader() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::Down, Action::Down, Action::StartFilter]);
    let effects = app.update(Action::Edit(Edit::Insert('n')));
    rt.run(&mut app, effects);
    let partial = Arc::new(crate::filter::Results {
        query: "n".into(),
        order: vec![0, 1],
    });
    app.update(Action::FilterResults {
        results: partial,
        running: true,
    });
    assert_eq!(app.selected_article(), Some(2));
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(2));
    rt.settle(&mut app);
    assert_eq!(app.selected_article(), Some(2));
}

#[test]
fn a_too_small_terminal_does_not_rewrap_to_one_column() {
    let (mut app, _) = seeds_app();
    let lines = app.reader.as_ref().unwrap().lines.len();
    app.update(Action::Resize(10, 3));
    assert_eq!(app.reader.as_ref().unwrap().lines.len(), lines);
    app.update(Action::Resize(3000, 40));
    app.update(Action::Resize(100, 30));
    assert_eq!(app.reader.as_ref().unwrap().lines.len(), lines);
}

#[test]
fn long_articles_open_in_the_background() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("a-short.txt"), "Short one\nA few words here.\n").unwrap();
    let long = format!("Long one\n{}\n", "Words in a very long paragraph. ".repeat(25_000));
    std::fs::write(corpus.path().join("b-long.txt"), long).unwrap();
    let mut app = App::new(CorpusSource::resolve(Some(corpus.path())).unwrap(), Theme::plain());
    let mut rt = Runtime::new(LoadOptions::default());
    app.update(Action::Resize(100, 30));
    rt.load_sync(&mut app);
    assert!(app.articles[1].words > 100_000);
    let effects = app.update(Action::Down);
    rt.run(&mut app, effects);
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
