//! End-to-end in tmux: correct the entity sidebar, restart, and find the correction kept;
//! list a name's mentions in context and jump to one.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Tmux, columns};

/// The sidebar's line numbers of `names`, top to bottom (the rightmost columns).
fn order(screen: &str, names: &[&str]) -> Vec<usize> {
    let side = columns(screen, 70, 100);
    names
        .iter()
        .map(|n| {
            side.lines()
                .position(|l| l.contains(n))
                .unwrap_or_else(|| panic!("no {n} in:\n{screen}"))
        })
        .collect()
}

fn under_people(screen: &str) -> bool {
    let side = columns(screen, 70, 100);
    let at = |n: &str| side.lines().position(|l| l.contains(n));
    matches!((at("People"), at("Hamas"), at("Organisations")), (Some(p), Some(h), Some(o)) if p < h && h < o)
}

#[test]
fn a_retyped_entity_is_kept_across_a_restart() {
    let config = tempfile::tempdir().unwrap();
    let cfg = config.path().to_str().unwrap();
    let t = Tmux::start(&["--config-dir", cfg]);
    t.wait_for("5 articles");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Organisations");
    let at = order(&screen, &["People", "Organisations", "Hamas"]);
    assert!(at[1] < at[2], "Hamas is an organisation at first:\n{screen}");
    // To the sidebar, onto Hamas (Jens Stoltenberg, Sergei Lavrov, NATO, Hamas).
    t.keys(&["Tab"]);
    t.wait_for("names · j/k move");
    t.keys(&["j", "j", "j", "T"]);
    t.wait_for("Hamas (organisation) is a:");
    t.type_text("person");
    t.keys(&["Enter"]);
    t.wait_for("Hamas is now a person everywhere");
    // The sidebar changes when the library has saved it.
    t.wait_until("Hamas under People", 10, under_people);
    t.quit();

    let t = Tmux::start(&["--config-dir", cfg]);
    // A restart opens the article read last, with the correction applied.
    t.wait_until("Hamas still under People", 20, under_people);
    t.quit();
}

#[test]
fn mentions_in_context_jump_to_the_sentence() {
    let config = tempfile::tempdir().unwrap();
    let cfg = config.path().to_str().unwrap();
    let t = Tmux::start(&["--config-dir", cfg]);
    t.wait_for("5 articles");
    t.keys(&["Enter"]);
    t.wait_for("Places");
    t.keys(&["Tab"]);
    t.wait_for("names · j/k move");
    // People 2, organisations 2, then Gaza first among the places.
    t.keys(&["j", "j", "j", "j", "m"]);
    t.wait_for("Gaza in 1 article");
    // The sentences come from another thread: "reading the articles…" first.
    let screen = t.wait_for("Gaza crisis");
    assert!(screen.contains("…ership role in the Gaza crisis"), "{screen}");
    t.keys(&["j", "j", "Enter"]);
    let screen = t.wait_until("the reader at the mention", 10, |s| !s.contains("Enter goes there"));
    assert!(columns(&screen, 40, 72).contains("Gaza"), "{screen}");
    t.quit();
}
