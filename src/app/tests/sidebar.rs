//! The entity sidebar: rows by kind, facets, the corpus view, mentions, related articles.

use super::*;
use crate::entities::Kind;

#[test]
fn sidebar_groups_the_open_articles_entities_by_kind() {
    let (app, _) = seeds_app();
    let rows = app.sidebar_rows();
    let headers: Vec<&str> = rows
        .iter()
        .filter_map(|i| if let SidebarRow::Header(h) = i { Some(*h) } else { None })
        .collect();
    assert_eq!(headers[..3], ["People", "Organisations", "Places"]);
    assert!(rows.contains(&SidebarRow::Entity {
        name: "Jens Stoltenberg".into(),
        kind: Kind::Person,
        count: 4,
        id: app.entities.index.find("Jens Stoltenberg", Kind::Person),
    }));
    assert!(headers.contains(&"Related · names shared"));
}

#[test]
fn facets_narrow_combine_negate_and_come_off() {
    let (mut app, mut rt) = seeds_app();
    sidebar_select(&mut app, &mut rt, "Gaza");
    rt.act(&mut app, [Action::SidebarChoose]);
    let gaza = app.entities.index.find("Gaza", Kind::Place).unwrap();
    let with_gaza = app.entities.index.postings[gaza as usize].len();
    assert_eq!(app.row_count(), with_gaza);
    assert!((0..app.row_count()).all(|r| app.entities.index.mentions(app.row_article(r).unwrap(), gaza)));
    // A second facet, negated: articles with Gaza and without Hamas.
    sidebar_select(&mut app, &mut rt, "Hamas");
    rt.act(&mut app, [Action::NegateFacet]);
    assert_eq!(app.entities.facets.len(), 2);
    let hamas = app.entities.index.find("Hamas", Kind::Organization).unwrap();
    assert!((0..app.row_count()).all(|r| !app.entities.index.mentions(app.row_article(r).unwrap(), hamas)));
    assert!(app.row_count() < with_gaza);
    // Facets combine with the fuzzy filter too.
    rt.act(&mut app, [Action::StartFilter]);
    rt.act(&mut app, typed("'zzzz"));
    assert_eq!(app.row_count(), 0);
    rt.act(
        &mut app,
        [Action::Edit(Edit::Clear), Action::LeaveFilter, Action::RemoveLastFacet],
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
    let rows = app.sidebar_rows();
    let nato = rows.iter().find_map(|i| match i {
        SidebarRow::Entity { name, count, .. } if name == "NATO" => Some(*count),
        _ => None,
    });
    let nato_id = app.entities.index.find("NATO", Kind::Organization).unwrap();
    let postings = u32::try_from(app.entities.index.postings[nato_id as usize].len()).unwrap();
    assert_eq!(nato, Some(postings));
    rt.act(&mut app, [Action::StartFilter]);
    rt.act(&mut app, typed("'crossroads"));
    let counts = app.entities.corpus_counts.clone().unwrap();
    assert!(!counts.is_empty());
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
    let selectable: Vec<SidebarRow> = app.sidebar_rows().into_iter().filter(SidebarRow::selectable).collect();
    let related = selectable
        .iter()
        .position(|i| matches!(i, SidebarRow::Related { .. }))
        .unwrap();
    let SidebarRow::Related { article: target, .. } = selectable[related] else {
        unreachable!()
    };
    app.sidebar_cursor = related;
    rt.act(&mut app, [Action::SidebarChoose]);
    assert_eq!(app.reader.as_ref().map(|r| r.index), Some(target));
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn clicking_a_sidebar_row_selects_that_entity() {
    let (mut app, mut rt) = seeds_app();
    let sidebar = app.panes().sidebar.unwrap();
    let rows = app.sidebar_rows();
    // Row 0 is the "People" header; row 1 the first person.
    let SidebarRow::Entity { name, .. } = &rows[1] else {
        panic!("{rows:?}")
    };
    rt.act(
        &mut app,
        [Action::Click {
            col: sidebar.x + 3,
            row: sidebar.y + 2,
        }],
    );
    assert_eq!(app.focus, Focus::Sidebar);
    assert!(matches!(app.sidebar_row_under_cursor(), Some(SidebarRow::Entity { name: n, .. }) if n == *name));
    // A header row selects nothing new.
    rt.act(
        &mut app,
        [Action::Click {
            col: sidebar.x + 3,
            row: sidebar.y + 1,
        }],
    );
    assert!(matches!(app.sidebar_row_under_cursor(), Some(SidebarRow::Entity { name: n, .. }) if n == *name));
}
