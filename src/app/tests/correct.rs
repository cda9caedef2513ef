//! Corrections in the sidebar (retype, merge, split, hide), kept in the library and applied
//! across the corpus at once; mentions in context and the names appearing with one.

use super::*;
use crate::app::mentions::PickTarget;
use crate::entities::Kind;

fn entity_row(app: &App, name: &str) -> Option<(Kind, Option<u32>)> {
    app.sidebar_rows().into_iter().find_map(|r| match r {
        SidebarRow::Entity { name: n, kind, id, .. } if n == name => Some((kind, id)),
        _ => None,
    })
}

/// The header the row of `name` is listed under.
fn header_of(app: &App, name: &str) -> Option<&'static str> {
    let mut header = None;
    for r in app.sidebar_rows() {
        match r {
            SidebarRow::Header(h) => header = Some(h),
            SidebarRow::Entity { name: n, .. } if n == name => return header,
            _ => {}
        }
    }
    None
}

fn retype(app: &mut App, rt: &mut Runtime, name: &str, to: &str) {
    sidebar_select(app, rt, name);
    rt.act(app, [Action::RetypeEntity]);
    assert!(app.prompt.is_some(), "no prompt for {name}");
    rt.act(app, typed(to));
    rt.act(app, [Action::SubmitPrompt]);
}

#[test]
fn a_retyped_name_moves_in_the_article_and_the_corpus_and_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    rt.act(&mut app, [Action::Open]);
    assert_eq!(header_of(&app, "NATO"), Some("Organisations"));
    retype(&mut app, &mut rt, "NATO", "pl");
    assert_eq!(header_of(&app, "NATO"), Some("Places"), "{:?}", app.sidebar_rows());
    assert!(app.message.as_ref().unwrap().text.contains("place everywhere"));
    // The corpus view counts it as a place too, once per article.
    rt.act(&mut app, [Action::ToggleSidebarView]);
    assert_eq!(header_of(&app, "NATO"), Some("Places"));
    // Another start reads the correction back from the library.
    drop(app);
    let (mut again, mut rt2) = with_library(dir.path());
    rt2.act(&mut again, [Action::Open]);
    assert_eq!(header_of(&again, "NATO"), Some("Places"));
    let fix = again
        .marks
        .state
        .entities
        .get("NATO")
        .and_then(|r| r.value.clone())
        .unwrap();
    assert_eq!(fix.kind.as_deref(), Some("place"));
    // Taking it back restores what extraction found.
    sidebar_select(&mut again, &mut rt2, "NATO");
    rt2.act(&mut again, [Action::ResetEntity]);
    assert_eq!(header_of(&again, "NATO"), Some("Organisations"));
}

#[test]
fn a_merged_name_counts_once_under_its_target_and_filters_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    rt.act(&mut app, [Action::ToggleSidebarView]);
    let (_, nato) = entity_row(&app, "NATO").unwrap();
    let nato = nato.unwrap();
    let before = app.entities.index.articles_of(nato).len();
    rt.act(&mut app, [Action::Open]);
    // "European Union" becomes another name for NATO (a silly merge, but a visible one).
    sidebar_select(&mut app, &mut rt, "European Union");
    rt.act(&mut app, [Action::MergeEntity]);
    rt.act(&mut app, typed("NATO"));
    rt.act(&mut app, [Action::SubmitPrompt]);
    assert!(entity_row(&app, "European Union").is_none(), "{:?}", app.sidebar_rows());
    let e = app
        .reader
        .as_ref()
        .unwrap()
        .entities
        .iter()
        .find(|e| e.name == "North Atlantic Treaty Organization" || e.name == "NATO");
    assert!(e.is_some());
    // Corpus-wide: every article naming either is counted once under NATO.
    let after = app.entities.index.articles_of(nato).len();
    assert!(after >= before);
    let counts = app.entities.index.counts(0..app.articles.len());
    assert!(
        counts
            .iter()
            .all(|&(e, _)| app.entities.index.names[e as usize] != "European Union")
    );
    assert!(
        counts
            .iter()
            .find(|&&(e, _)| e == nato)
            .is_some_and(|&(_, n)| n as usize == after)
    );
}

#[test]
fn a_hidden_name_is_listed_under_hidden_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    rt.act(&mut app, [Action::Open]);
    sidebar_select(&mut app, &mut rt, "Brussels");
    rt.act(&mut app, [Action::HideEntity]);
    assert_eq!(header_of(&app, "Brussels"), Some("Hidden · H shows again"));
    let counts = app.entities.index.counts(0..app.articles.len());
    assert!(
        counts
            .iter()
            .all(|&(e, _)| app.entities.index.names[e as usize] != "Brussels")
    );
    sidebar_select(&mut app, &mut rt, "Brussels");
    rt.act(&mut app, [Action::HideEntity]);
    assert_eq!(header_of(&app, "Brussels"), Some("Places"));
}

#[test]
fn splitting_an_alias_makes_it_a_name_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    rt.act(&mut app, [Action::Open]);
    let reader = app.reader.as_ref().unwrap();
    let (name, alias) = reader
        .entities
        .iter()
        .find_map(|e| Some((e.name.clone(), e.aliases.first()?.clone())))
        .expect("an entity with an alias in the first article");
    sidebar_select(&mut app, &mut rt, &name);
    rt.act(&mut app, [Action::SplitEntity]);
    rt.act(&mut app, [Action::CompletePrompt, Action::SubmitPrompt]);
    let reader = app.reader.as_ref().unwrap();
    let whole = reader.entities.iter().find(|e| e.name == name).unwrap();
    assert!(!whole.aliases.contains(&alias));
    let split = reader.entities.iter().find(|e| e.name == alias).unwrap();
    let body = reader.doc.body();
    assert!(split.mentions.iter().all(|m| body[m.clone()] == alias));
}

#[test]
fn mentions_in_context_open_the_reader_at_the_mention() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::Open]);
    sidebar_select(&mut app, &mut rt, "Gaza");
    rt.act(&mut app, [Action::EntityMentions]);
    assert_eq!(app.overlay, Some(Overlay::Pick));
    let pick = app.picker.clone().unwrap();
    assert!(pick.pending.is_none());
    assert!(!pick.rows.is_empty());
    for row in &pick.rows {
        let hit = row.hit.clone().unwrap();
        assert_eq!(&row.detail[hit], "Gaza", "{row:?}");
    }
    rt.act(&mut app, [Action::OverlayDown, Action::OverlayChoose]);
    let PickTarget::Place { article, offset } = pick.rows[1.min(pick.rows.len() - 1)].target else {
        panic!("not a place");
    };
    let reader = app.reader.as_ref().unwrap();
    assert_eq!(reader.index, article);
    assert_eq!(&reader.doc.text[offset..offset + "Gaza".len()], "Gaza");
    assert_eq!(app.focus, Focus::Reader);
    // The mention is on screen.
    let line = reader.lines.iter().position(|l| l.range.contains(&offset)).unwrap();
    assert!((reader.top..reader.top + app.reader_height()).contains(&line));
}

#[test]
fn appears_with_lists_co_occurring_names_and_filters_by_both() {
    let (mut app, mut rt) = seeds_app();
    rt.act(&mut app, [Action::Open]);
    sidebar_select(&mut app, &mut rt, "Gaza");
    rt.act(&mut app, [Action::AppearsWith]);
    let pick = app.picker.clone().unwrap();
    assert!(pick.rows.iter().all(|r| r.label != "Gaza"));
    let PickTarget::Facet(with) = pick.rows[0].target else {
        panic!("not a name")
    };
    rt.act(&mut app, [Action::OverlayChoose]);
    let gaza = app.entities.index.find("Gaza", Kind::Place).unwrap();
    assert_eq!(app.entities.facets.len(), 2);
    for r in 0..app.row_count() {
        let a = app.row_article(r).unwrap();
        assert!(app.entities.index.mentions(a, gaza) && app.entities.index.mentions(a, with));
    }
    assert!(app.row_count() > 0);
}

#[test]
fn a_merge_of_another_type_lists_the_name_once_and_facets_follow_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = with_library(dir.path());
    rt.act(&mut app, [Action::Open]);
    // A facet on Hamas, then Hamas (an organisation) and Brussels (a place) merged into NATO.
    sidebar_select(&mut app, &mut rt, "Hamas");
    rt.act(&mut app, [Action::SidebarChoose]);
    let nato = app.entities.index.find("NATO", Kind::Organization).unwrap();
    for name in ["Hamas", "Brussels"] {
        sidebar_select(&mut app, &mut rt, name);
        rt.act(&mut app, [Action::MergeEntity]);
        rt.act(&mut app, typed("NATO"));
        rt.act(&mut app, [Action::SubmitPrompt]);
    }
    let rows = app.sidebar_rows();
    let natos: Vec<_> = rows
        .iter()
        .filter(|r| matches!(r, SidebarRow::Entity { name, .. } if name == "NATO"))
        .collect();
    assert_eq!(natos.len(), 1, "{rows:?}");
    assert!(matches!(natos[0], SidebarRow::Entity { id: Some(id), .. } if *id == nato));
    // The facet on Hamas is now a facet on NATO, and the list shows NATO's articles.
    assert_eq!(app.entities.facets.len(), 1);
    assert_eq!(app.entities.facets[0].entity, nato);
    assert!(app.row_count() > 0);
    assert!((0..app.row_count()).all(|r| app.entities.index.mentions(app.row_article(r).unwrap(), nato)));
    // `m` on NATO finds the merged names' mentions too.
    sidebar_select(&mut app, &mut rt, "NATO");
    rt.act(&mut app, [Action::EntityMentions]);
    let pick = app.picker.clone().unwrap();
    assert!(
        pick.rows
            .iter()
            .any(|r| r.hit.clone().is_some_and(|h| &r.detail[h] == "Brussels")),
        "{:?}",
        pick.rows
    );
}
