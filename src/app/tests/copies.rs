//! Copies of a story in the app: the cursor and the reader when groups arrive or fold, one
//! write marking a story read, grouping kept off for the corpus.

use std::sync::Arc;

use super::*;
use crate::dups::Groups;

/// The seeds' articles 0, 2 and 4 as copies of one story, 0 its representative.
fn group_seeds(app: &mut App, rt: &mut Runtime) {
    let groups = Groups::from_members(app.articles.len(), vec![vec![0, 2, 4]]);
    rt.update(app, Event::Groups(Arc::new(groups)));
    rt.settle(app);
}

#[test]
fn a_copy_being_read_stays_in_the_reader_when_its_group_folds() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    rt.act(&mut app, [Action::Down, Action::Down, Action::Open]);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(2));
    group_seeds(&mut app, &mut rt);
    assert_eq!(app.row_count(), 3, "five articles, three of them one story");
    assert_eq!(
        app.reader.as_ref().map(|r| r.index),
        Some(2),
        "the reader stays on the copy"
    );
    assert_eq!(app.cursor_article(), Some(0), "the cursor is on the story's row");
    // Opening the group and closing it from a copy's row lands on the story's row.
    rt.act(
        &mut app,
        [Action::FocusPrev, Action::ToggleGroup, Action::Down, Action::Down],
    );
    assert_eq!(app.cursor_article(), Some(4));
    assert_eq!(app.row_kind(4), crate::app::copies::RowKind::Member);
    rt.act(&mut app, [Action::ToggleGroup]);
    assert_eq!(app.cursor_article(), Some(0));
}

#[test]
fn opening_a_copy_marks_the_story_read_and_z_off_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    group_seeds(&mut app, &mut rt);
    let id = |i: usize| app.articles[i].id.clone();
    let (a0, a1, a2, a4) = (id(0), id(1), id(2), id(4));
    // The story's row, then the group opened and its last copy read.
    rt.act(
        &mut app,
        [Action::ToggleGroup, Action::Down, Action::Down, Action::Open],
    );
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(4));
    for read in [&a0, &a2, &a4] {
        assert!(app.marks.read(read), "{read} read with its story");
    }
    assert!(!app.marks.read(&a1), "another story stays unread");
    rt.act(&mut app, [Action::ToggleGrouping]);
    assert_eq!(app.row_count(), 5);
    assert!(
        app.marks.state.ungrouped.as_ref().is_some_and(|r| r.value),
        "kept in the library"
    );
    // A new session of the same library starts with every copy listed.
    let (mut again, mut rt2) = with_library(dir.path());
    group_seeds(&mut again, &mut rt2);
    assert!(!again.copies.on);
    assert_eq!(again.row_count(), 5);
}
