//! The reading loop a newcomer expects, in a real terminal: the cursor follows the filter,
//! `q` goes back before it quits, paging keys page the focused pane, every pane is reachable
//! at 80 columns.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tmux, columns};

#[test]
fn enter_after_filtering_opens_the_best_match_not_the_old_row() {
    let t = Tmux::start(&[]);
    t.wait_for("5 articles");
    // The cursor on the fourth article, then a filter whose best match is another.
    t.keys(&["j", "j", "j"]);
    t.wait_for("4/5");
    t.keys(&["/"]);
    t.type_text("'crossroads");
    t.wait_until("one match", 20, |s| {
        s.contains("/ 'crossroads") && s.contains("Articles 1/5")
    });
    t.keys(&["Enter"]);
    let screen = t.wait_for("reader · j/k caret");
    assert!(screen.contains("Brussels at a Crossroads"), "{screen}");
    assert!(screen.contains("There is a peculiar hush"), "{screen}");
    t.quit();
}

#[test]
fn q_in_the_reader_goes_back_and_q_in_the_list_quits() {
    let t = Tmux::start_sized(&[], 80, 24, &[]);
    t.wait_for("5 articles");
    t.keys(&["Enter"]);
    t.wait_for("reader · j/k caret");
    t.keys(&["q"]);
    t.wait_for(" list · j/k");
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn page_down_pages_the_list_when_it_has_the_focus() {
    let corpus = tempfile::tempdir().unwrap();
    for i in 0..60 {
        common::write(
            corpus.path(),
            &format!("{i:03}.txt"),
            format!("Story number {i:03}\nSome text about it.\n"),
        );
    }
    let t = Tmux::start_sized(&[corpus.path().to_str().unwrap()], 80, 24, &[]);
    t.wait_for("60 articles");
    t.keys(&["PageDown"]);
    // A page is the list's 20 rows: the cursor goes from row 1 to row 21.
    let screen = t.wait_for("21/60");
    let list = columns(&screen, 0, 46);
    assert!(list.contains("Story number 02"), "the list moved a page:\n{screen}");
    assert!(
        !list.contains("Story number 000"),
        "the first rows scrolled off:\n{screen}"
    );
    t.quit();
}

#[test]
fn tab_reaches_the_entities_at_80x24() {
    let t = Tmux::start_sized(&[], 80, 24, &[]);
    t.wait_for("5 articles");
    t.keys(&["Tab", "Tab"]);
    let screen = t.wait_for("names · j/k move");
    assert!(screen.contains("Entities"), "{screen}");
    assert!(screen.contains("Jens Stoltenberg"), "{screen}");
    t.quit();
}
