//! Bookmarks, notes, annotations and read state, through the library writer and back.

use super::*;
use crate::external::EditorError;

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
        [Action::SelectSentences, Action::PassageDown, Action::AnnotatePassage],
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
    rt.act(&mut app, [Action::OpenAnnotation]);
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
    rt.act(&mut app, [Action::ShowAnnotations, Action::EditAnnotation]);
    rt.act(&mut app, keys_into_editor("!"));
    rt.act(&mut app, [Action::CloseEditor]);
    let id = app.articles[0].id.clone();
    let state = app.marks.article(&id).unwrap();
    assert_eq!(state.live_annotations()[0].1.note, "!");
    rt.act(
        &mut app,
        [Action::ShowAnnotations, Action::DeleteAnnotation, Action::CloseOverlay],
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
        let mut app = App::new(CorpusSource::resolve(Some(corpus.path())).unwrap());
        let mut rt = Runtime::new(LoadOptions::default());
        rt.update(&mut app, Event::Resize(100, 30));
        rt.open_library(&mut app, config.path());
        rt.load_sync(&mut app);
        (app, rt)
    };
    let (mut app, mut rt) = open();
    rt.act(
        &mut app,
        [
            Action::Open,
            Action::SelectSentences,
            Action::PassageShiftDown,
            Action::AnnotatePassage,
        ],
    );
    rt.act(&mut app, [Action::CloseEditor]);
    let quote = app.reader.as_ref().unwrap().annotations[0].quote.clone();
    assert_eq!(quote, "The mayor said the budget was balanced.");
    drop((app, rt));
    // Text inserted before the passage: it moves, and is found.
    std::fs::write(&file, text.replace("The council", "Late news. The council")).unwrap();
    let (app, rt) = open();
    let reader = app.reader.as_ref().unwrap();
    let placed = reader.annotations[0].range.clone().expect("re-anchored");
    assert_eq!(&reader.doc.text[placed], quote);
    drop((app, rt));
    // The passage rewritten beyond recognition: orphaned, still listed, never deleted.
    std::fs::write(&file, "A story\nSomething else entirely happened on a different day.\n").unwrap();
    let (mut app, mut rt) = open();
    assert_eq!(app.reader.as_ref().unwrap().annotations[0].range, None);
    rt.act(&mut app, [Action::ShowAnnotations]);
    let list = app.annotations.as_ref().unwrap();
    assert!(list.items[0].orphaned && list.items[0].quote == quote);
}

#[test]
fn a_failed_external_gives_the_text_back() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::EditNote]);
    rt.act(&mut app, keys_into_editor("important"));
    let fx = effects_of(&mut app, Action::EditorToExternal);
    let Some(Effect::ExternalEdit { target, text }) = fx.into_iter().next() else {
        panic!("no external edit")
    };
    assert_eq!(text, "important");
    assert!(app.editor.is_none(), "the in-app editor handed its text over");
    let failure = EditorError::Spawn {
        program: "vi".into(),
        source: std::io::Error::new(std::io::ErrorKind::NotFound, "not found"),
    };
    rt.update(
        &mut app,
        Event::NoteEdited {
            target: Box::new(target),
            sent: text,
            result: Err(failure),
        },
    );
    assert_eq!(app.editor.as_ref().map(NoteEditor::text), Some("important".to_string()));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.level == Level::Error && m.text.contains("cannot run vi"))
    );
}

#[test]
fn without_a_terminal_the_external_fails_and_nothing_is_lost() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::EditNote]);
    rt.act(&mut app, keys_into_editor("kept"));
    rt.act(&mut app, [Action::EditorToExternal]);
    assert_eq!(app.editor.as_ref().map(NoteEditor::text), Some("kept".to_string()));
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
        [Action::SelectLines, Action::AnnotatePassage, Action::CloseEditor],
    );
    assert_eq!(app.row_count(), 1, "still only the bookmarked article");
    let reader = app.reader.as_ref().unwrap();
    assert_eq!(reader.annotations.len(), 1);
    let range = reader.annotations[0].range.clone().expect("placed in the text");
    assert_eq!(reader.doc.text[range].trim(), reader.annotations[0].quote.trim());
    assert!(range_is_in_body(reader, &reader.annotations[0]));
}

fn range_is_in_body(reader: &Reader, placed: &marks::Placed) -> bool {
    placed.range.as_ref().is_some_and(|r| r.start >= reader.doc.body_start)
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
    assert_eq!(app.mode(), Mode::Pane(Focus::Reader), "no passage is being chosen");
    let fx = effects_of(&mut app, Action::EditNote);
    assert!(fx.is_empty());
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
    rt.act(&mut app, [Action::OpenAnnotation]);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(0));
    assert!(app.entities.facets.is_empty());
}

#[test]
fn a_failed_save_stays_on_screen_until_a_save_succeeds() {
    let (mut app, mut rt) = seeds_app();
    let state = app.marks.state.clone();
    let failure = crate::library::SaveError::ReadOnly {
        reason: "disk full".into(),
    };
    rt.update(
        &mut app,
        Event::LibraryChanged {
            state: state.clone(),
            saved: Err(failure),
            unsaved: 1,
            notices: Vec::new(),
        },
    );
    assert!(app.save_failure.as_ref().is_some_and(|f| f.contains("not saved")));
    rt.act(&mut app, [Action::Down, Action::Up]);
    assert!(app.save_failure.is_some(), "keys do not clear it");
    rt.update(
        &mut app,
        Event::LibraryChanged {
            state,
            saved: Ok(()),
            unsaved: 0,
            notices: Vec::new(),
        },
    );
    assert_eq!(app.save_failure, None);
}

#[test]
fn a_deleted_annotation_comes_back_with_u() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    rt.act(&mut app, annotate_first_line());
    let id = app.articles[0].id.clone();
    let quote = app.marks.article(&id).unwrap().live_annotations()[0]
        .1
        .quote
        .exact
        .clone();
    rt.act(&mut app, [Action::ShowAnnotations, Action::DeleteAnnotation]);
    assert_eq!(app.marks.annotation_count(&id), 0);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("u brings it back"))
    );
    rt.act(&mut app, [Action::UndoDelete]);
    assert_eq!(app.marks.annotation_count(&id), 1);
    assert_eq!(
        app.marks.article(&id).unwrap().live_annotations()[0].1.quote.exact,
        quote
    );
    assert_eq!(app.annotations.as_ref().unwrap().shown.len(), 1, "listed again");
}

#[test]
fn a_restart_opens_on_the_article_read_last() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (mut app, mut rt) = with_library(dir.path());
        rt.act(&mut app, [Action::Down, Action::Down, Action::Down, Action::Open]);
        rt.act(&mut app, [Action::Quit]);
    }
    let (app, _rt) = with_library(dir.path());
    assert_eq!(app.cursor_article(), Some(3));
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(3));
}

#[test]
fn a_sentence_in_the_middle_of_the_screen_is_annotated_from_the_caret() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::Down, Action::Down, Action::Open]);
    let top = app.reader.as_ref().unwrap().top;
    for _ in 0..10 {
        rt.act(&mut app, [Action::Down]);
    }
    let reader = app.reader.as_ref().unwrap();
    assert_eq!(reader.top, top, "the caret moved, the text did not");
    let caret = reader.caret;
    rt.act(&mut app, [Action::SelectSentences, Action::AnnotatePassage]);
    let Some(NoteTarget::NewAnnotation { annotation, .. }) = app.editor.as_ref().map(|e| e.target.clone()) else {
        panic!("no annotation editor")
    };
    let reader = app.reader.as_ref().unwrap();
    let start = reader.doc.text.find(&annotation.quote.exact).unwrap();
    assert!(
        start <= caret && caret <= start + annotation.quote.exact.len(),
        "the sentence annotated is the one the caret was on"
    );
    assert!(
        annotation.quote.exact.ends_with('.'),
        "a whole sentence: {:?}",
        annotation.quote.exact
    );
}

#[test]
fn every_startup_notice_is_kept_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (mut app, mut rt) = with_library(dir.path());
        // Two saves of each file, so each has a backup to restore from.
        rt.act(&mut app, [Action::ToggleBookmark, Action::Down, Action::ToggleBookmark]);
        for query in ["nato", "troops"] {
            rt.act(&mut app, [Action::StartFilter]);
            rt.act(&mut app, query.chars().map(|c| Action::Edit(Edit::Insert(c))));
            rt.act(&mut app, [Action::SubmitFilter, Action::Quit]);
        }
        rt.act(&mut app, [Action::Quit]);
    }
    let corpora = dir.path().join("corpora");
    let state = std::fs::read_dir(&corpora)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap();
    std::fs::write(&state, b"{ not json").unwrap();
    std::fs::write(dir.path().join("history.json"), b"\x00\x01 garbage").unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    assert_eq!(app.notices.len(), 2, "{:?}", app.notices);
    let message = app.message.as_ref().unwrap().text.clone();
    assert!(message.contains("(+1 more: !)"), "{message}");
    rt.act(&mut app, [Action::ShowSkipped]);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| crate::ui::view(&app, &crate::ui::theme::Theme::plain(), frame))
        .unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(screen.contains("Notices and skipped files"), "{screen}");
}

/// An annotation kept for an article the corpus does not have (an import that matched none,
/// or a file since removed) is listed as an orphan in `A`, never hidden or dropped.
#[test]
fn an_annotation_without_its_article_is_listed_as_an_orphan() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (mut library, _) = crate::library::Library::open(dir.path(), &CorpusSource::Seeds.key()).unwrap();
        let quote = crate::library::Quote {
            exact: "a passage of a story not here".into(),
            ..crate::library::Quote::default()
        };
        let ann = crate::library::Annotation::new(
            quote,
            crate::library::Position {
                start: 0,
                end: 29,
                extra: crate::library::Extra::new(),
            },
            "keep me",
        );
        let (_, saved) = library.add_annotation("https://example.com/gone\u{1b}[31m", ann);
        saved.unwrap();
    }
    let (mut app, mut rt) = with_library(dir.path());
    rt.act(&mut app, [Action::ShowAnnotations]);
    let list = app.annotations.as_ref().unwrap();
    let row = list.items.iter().find(|r| r.note == "keep me").expect("listed");
    assert!(row.orphaned && row.article.is_none());
    assert!(
        row.title.starts_with("not in this corpus: https://example.com/gone"),
        "{}",
        row.title
    );
    assert!(!row.title.contains('\u{1b}'), "the key is cleaned for the screen");
    rt.act(&mut app, [Action::OpenAnnotation]);
    assert!(app.message.as_ref().unwrap().text.contains("not in this corpus"));
    assert_eq!(app.marks.state.articles.len(), 1, "still kept");
}

/// `y` with a passage selected copies exactly the quote `a` would annotate, and ends the
/// selection; `Y` quotes it first in a citation.
#[test]
fn y_copies_the_passage_an_annotation_would_quote() {
    let select = [
        Action::Down,
        Action::Down,
        Action::Open,
        Action::SelectSentences,
        Action::PassageDown,
    ];
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, select.clone());
    // The same selection in a second app, annotated there.
    let (mut probe, mut probe_rt) = seeds_app();
    probe_rt.act(&mut probe, select);
    probe_rt.act(&mut probe, [Action::AnnotatePassage]);
    let quote = match &probe.editor.as_ref().unwrap().target {
        NoteTarget::NewAnnotation { annotation, .. } => annotation.quote.exact.clone(),
        other => panic!("{other:?}"),
    };
    let fx = effects_of(&mut app, Action::Copy);
    let Some(Effect::Copy { text, what }) = fx.into_iter().next() else {
        panic!("no copy")
    };
    assert_eq!(text, quote);
    assert_eq!(what, crate::app::clipboard::Copied::Passage);
    assert!(app.reader.as_ref().unwrap().passage.is_none(), "the selection ended");
    rt.act(&mut app, [Action::SelectSentences]);
    let fx = effects_of(&mut app, Action::CopyCitation);
    let Some(Effect::Copy { text, .. }) = fx.into_iter().next() else {
        panic!("no copy")
    };
    let title = &app.articles[2].title;
    assert!(text.starts_with('“') && text.contains(title.as_str()), "{text}");
}
