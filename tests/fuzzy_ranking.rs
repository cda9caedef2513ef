//! The live filter's ranking on a generated folder of news articles, loaded by the real
//! runtime (entity pass included), as the list shows it and as `--filter` prints it.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod news;

use std::{path::Path, process::Command};

use dossier::{
    app::{Action, App, Edit},
    runtime::Runtime,
    store::{CorpusSource, LoadOptions},
};
use news::{BY_FISCHER, LAGARDE_BODY, LAGARDE_TITLE, LAGARDE_TITLE_TOO, VISION_BODY, VISION_PRO, VISIONARY};

/// Generated articles besides the planted ones.
const GENERATED: usize = 60;

fn loaded(dir: &Path) -> (App, Runtime) {
    news::write(dir, &news::corpus(GENERATED));
    let source = CorpusSource::resolve(Some(dir)).unwrap();
    let mut app = App::new(source);
    let mut rt = Runtime::new(LoadOptions::default());
    rt.load_sync(&mut app);
    assert_eq!(app.articles.len(), GENERATED + 7);
    (app, rt)
}

/// The list's rows for `query`, as file names, best first.
fn listed(app: &mut App, rt: &mut Runtime, query: &str) -> Vec<String> {
    rt.act(app, [Action::StartFilter, Action::Edit(Edit::Clear)]);
    rt.act(app, query.chars().map(|c| Action::Edit(Edit::Insert(c))));
    (0..app.row_count())
        .map(|r| app.articles[app.row_article(r).unwrap()].id.clone())
        .collect()
}

fn index_of(app: &App, file: &str) -> usize {
    app.articles.iter().position(|a| a.id == file).unwrap()
}

#[test]
fn titles_first_names_next_and_nothing_strung_across_fields() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = loaded(dir.path());
    // The article naming her only in its body has her name among its entities: that is how it
    // can be found at all.
    let body_only = index_of(&app, LAGARDE_BODY);
    assert!(
        app.entities.index.names_of(body_only).contains(&"Christine Lagarde"),
        "{:?}",
        app.entities.index.names_of(body_only)
    );

    let lagarde = listed(&mut app, &mut rt, "lagarde");
    // Titles naming her first, then the article naming her in its body; nobody else.
    assert_eq!(lagarde.len(), 3, "{lagarde:?}");
    let mut titled = lagarde[..2].to_vec();
    titled.sort();
    assert_eq!(titled, [LAGARDE_TITLE, LAGARDE_TITLE_TOO]);
    assert_eq!(lagarde[2], LAGARDE_BODY);
    assert_eq!(listed(&mut app, &mut rt, "'lagarde"), lagarde);

    // An exact term is a word: "Visionary" is not "vision"; the title match outranks the name.
    assert_eq!(listed(&mut app, &mut rt, "'vision"), [VISION_PRO, VISION_BODY]);
    assert!(listed(&mut app, &mut rt, "vision").contains(&VISIONARY.to_string()));

    // The author is a field; no article names her.
    assert_eq!(listed(&mut app, &mut rt, "'fischer"), [BY_FISCHER]);
    assert_eq!(listed(&mut app, &mut rt, "fischer")[0], BY_FISCHER);

    // Letters strung across fields matched nearly every article once; now a handful at most.
    let ecb = listed(&mut app, &mut rt, "ecb");
    assert!(ecb.len() < 10, "{} of {}: {ecb:?}", ecb.len(), app.articles.len());
    assert_eq!(ecb[0], LAGARDE_TITLE);
}

#[test]
fn filter_flag_ranks_like_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = loaded(dir.path());
    for query in [
        "lagarde",
        "'vision",
        "reuters rates",
        "scholz !madrid",
        "^tokyo",
        "relief$",
        "'fischer",
    ] {
        let list = listed(&mut app, &mut rt, query);
        let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("--filter")
            .arg(query)
            .arg(dir.path())
            .output()
            .unwrap();
        let printed: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect();
        assert!(!list.is_empty(), "{query:?} matched nothing");
        assert_eq!(printed, list, "{query:?}");
    }
}
