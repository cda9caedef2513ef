//! Tags, sort and saved views in the library: kept by two instances at once, renamed and
//! deleted everywhere, never brought back by an older copy.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "library_common/mod.rs"]
mod common;

use common::{annotation, open};
use dossier::library::{SavedView, tags};

fn tags_of(lib: &dossier::library::Library, id: &str) -> Vec<String> {
    lib.article(id)
        .map(|a| tags::all(a).into_iter().collect())
        .unwrap_or_default()
}

#[test]
fn two_instances_tagging_one_article_keep_both_tags() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = open(dir.path());
    let (mut b, _) = open(dir.path());
    a.set_tag("x", "ukraine", true).unwrap();
    b.set_tag("x", "energy", true).unwrap();
    assert_eq!(tags_of(&b, "x"), ["energy", "ukraine"]);
    a.refresh().unwrap();
    assert_eq!(tags_of(&a, "x"), ["energy", "ukraine"]);
    // A removal is newer than b's copy of the tag: b saving again does not bring it back.
    a.set_tag("x", "ukraine", false).unwrap();
    b.set_bookmark("x", true).unwrap();
    let (c, _) = open(dir.path());
    assert_eq!(tags_of(&c, "x"), ["energy"]);
    assert!(c.is_bookmarked("x"));
}

#[test]
fn notes_and_annotations_carry_tags_and_renaming_reaches_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, _) = open(dir.path());
    lib.set_note("n", "Follow up with #Kyiv sources").unwrap();
    let (ann, saved) = lib.add_annotation("p", annotation("quote for #kyiv"));
    saved.unwrap();
    let (ann2, saved) = lib.add_annotation("q", annotation("plain"));
    saved.unwrap();
    lib.set_annotation_tags("q", &ann2, &["kyiv".into(), "energy".into()])
        .unwrap();
    lib.set_tag("t", "kyiv", true).unwrap();
    assert_eq!(lib.tag_counts().get("kyiv"), Some(&4));
    assert_eq!(lib.tag_counts().get("energy"), Some(&1));

    assert_eq!(lib.rename_tag("kyiv", Some("kyiv-city")).unwrap(), 4);
    let (lib2, _) = open(dir.path());
    let counts = lib2.tag_counts();
    assert_eq!(counts.get("kyiv-city"), Some(&4), "{counts:?}");
    assert!(!counts.contains_key("kyiv"));
    assert_eq!(lib2.note("n"), "Follow up with #kyiv-city sources");
    assert_eq!(lib2.annotations("p")[0].0, ann);
    assert_eq!(lib2.annotations("p")[0].1.note, "quote for #kyiv-city");
    assert_eq!(lib2.annotations("q")[0].1.tags, ["energy", "kyiv-city"]);

    // Deleting keeps the user's words in their notes, without the tag.
    drop(lib2);
    assert_eq!(lib.rename_tag("kyiv-city", None).unwrap(), 4);
    assert_eq!(lib.note("n"), "Follow up with kyiv-city sources");
    assert_eq!(lib.tag_counts().keys().collect::<Vec<_>>(), ["energy"]);
}

#[test]
fn sort_and_views_survive_a_restart_and_a_deleted_view_stays_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = open(dir.path());
    let (mut b, _) = open(dir.path());
    a.set_sort("newest").unwrap();
    let view = SavedView {
        query: "#ukraine date:2024-03".into(),
        facets: vec!["NATO".into(), "!Russia".into()],
        sort: "oldest".into(),
        ..SavedView::default()
    };
    a.save_view("march", Some(view.clone())).unwrap();
    b.refresh().unwrap();
    assert_eq!(b.view("march"), Some(&view));
    a.save_view("march", None).unwrap();
    b.set_sort("title").unwrap();
    let (c, _) = open(dir.path());
    assert_eq!(c.views().count(), 0);
    assert_eq!(c.sort(), Some("title"));
}
