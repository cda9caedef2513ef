//! The query language and the orders on the command line: --filter, --search, dump, export
//! and tags read the library (tags, bookmarks, notes) and the metadata (dates, sources).

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

use dossier::library::{Annotation, Library, SavedView, make_selector};

struct Setup {
    _tmp: tempfile::TempDir,
    corpus: PathBuf,
    config: PathBuf,
    cache: PathBuf,
}

const ARTICLES: &[(&str, &str, Option<&str>, &str, &str)] = &[
    (
        "a",
        "Ceasefire talks resume in Geneva",
        Some("2024-03-05"),
        "Reuters",
        "Delegates met in Geneva to talk about a ceasefire.",
    ),
    (
        "b",
        "Grain exports rise again",
        Some("2024-01-20"),
        "AP",
        "Grain left the ports of Odesa in record amounts.",
    ),
    (
        "c",
        "Energy prices and the winter",
        Some("2023-11-02"),
        "Reuters",
        "Gas prices rose ahead of the winter in Europe.",
    ),
    (
        "d",
        "An undated column on talks",
        None,
        "Blog",
        "Talks, talks and more talks about a ceasefire.",
    ),
    (
        "e",
        "Summit in Vilnius ends",
        Some("2024-06-01"),
        "AFP",
        "Leaders left Vilnius after a summit on security.",
    ),
];

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("news.jsonl");
    let lines: Vec<String> = ARTICLES
        .iter()
        .map(|(id, title, date, source, text)| {
            serde_json::json!({ "id": id, "title": title, "date": date, "source": source, "text": text }).to_string()
        })
        .collect();
    std::fs::write(&corpus, lines.join("\n") + "\n").unwrap();
    let (config, cache) = (tmp.path().join("config"), tmp.path().join("cache"));
    let source = dossier::store::CorpusSource::resolve(Some(&corpus)).unwrap();
    let (mut lib, _) = Library::open(&config, &source.key()).unwrap();
    lib.set_tag("a", "ukraine", true).unwrap();
    lib.set_tag("b", "ukraine", true).unwrap();
    lib.set_bookmark("c", true).unwrap();
    lib.set_note("c", "follow the #energy story").unwrap();
    let text = ARTICLES[3].4;
    let (quote, position) = make_selector(text, 0, 16);
    let mut ann = Annotation::new(quote, position, "the columnist's view");
    ann.tags = vec!["opinion".into()];
    lib.add_annotation("d", ann).1.unwrap();
    lib.save_view(
        "ukraine-early",
        Some(SavedView {
            query: "#ukraine date:<2024-02".into(),
            ..SavedView::default()
        }),
    )
    .unwrap();
    Setup {
        _tmp: tmp,
        corpus,
        config,
        cache,
    }
}

fn run(s: &Setup, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.arg("--config-dir").arg(&s.config).arg("--cache-dir").arg(&s.cache);
    cmd.args(args);
    cmd.output().unwrap()
}

/// The ids a command printed, one a line, first column.
fn ids(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn filter_applies_operators_from_the_library_and_the_metadata() {
    let s = setup();
    let c = path(&s.corpus);
    assert_eq!(ids(&run(&s, &["--filter", "#ukraine", c])), ["a", "b"]);
    assert_eq!(ids(&run(&s, &["--filter", "#energy", c])), ["c"], "a note's #tag");
    assert_eq!(
        ids(&run(&s, &["--filter", "#opinion", c])),
        ["d"],
        "an annotation's tag"
    );
    assert_eq!(ids(&run(&s, &["--filter", "is:bookmarked", c])), ["c"]);
    assert_eq!(ids(&run(&s, &["--filter", "source:reuters date:2024", c])), ["a"]);
    assert_eq!(
        ids(&run(&s, &["--filter", "!source:reuters date:>=2024-01", c])),
        ["b", "e"]
    );
    assert_eq!(ids(&run(&s, &["--filter", "talks !#ukraine", c])), ["d"]);
    // The tag's word is fuzzy text too: it finds the tagged articles, whose text never says it.
    assert_eq!(ids(&run(&s, &["--filter", "'ukraine", c])), ["a", "b"]);
    // The orders.
    assert_eq!(
        ids(&run(&s, &["--filter", "date:2020..", "--sort", "oldest", c])),
        ["c", "b", "a", "e"]
    );
    assert_eq!(
        ids(&run(&s, &["--filter", "!is:read", "--sort", "newest", c])),
        ["e", "a", "b", "c", "d"]
    );
    assert_eq!(
        ids(&run(&s, &["--filter", "!is:read", "--sort", "title", c])),
        ["d", "a", "c", "b", "e"]
    );
    // A malformed operator is said, and not applied.
    let out = run(&s, &["--filter", "date:2024-13 summit", c]);
    assert_eq!(ids(&out), ["e"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no month 13"), "{out:?}");
    let bad = run(&s, &["--filter", "x", "--sort", "sideways", c]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("newest"), "{bad:?}");
}

#[test]
fn search_and_dump_take_the_same_operators_and_orders() {
    let s = setup();
    let c = path(&s.corpus);
    assert_eq!(ids(&run(&s, &["--search", "ceasefire", c])).len(), 2);
    assert_eq!(ids(&run(&s, &["--search", "ceasefire !#ukraine", c])), ["d"]);
    assert_eq!(
        ids(&run(&s, &["--search", "#ukraine", "--sort", "oldest", c])),
        ["b", "a"]
    );
    let dumped = run(&s, &["dump", "--sort", "newest", c]);
    assert!(dumped.status.success());
    let order: Vec<String> = String::from_utf8_lossy(&dumped.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(order, ["e", "a", "b", "c", "d"]);
}

#[test]
fn export_takes_a_query_or_a_view_and_groups_highlights_by_tag() {
    let s = setup();
    let c = path(&s.corpus);
    let md = |args: &[&str]| {
        let out = run(&s, args);
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let tagged = md(&["export", c, "--query", "#ukraine"]);
    assert!(tagged.contains("## Ceasefire talks resume in Geneva") && tagged.contains("## Grain exports rise again"));
    assert!(tagged.contains("- Tags: #ukraine"), "{tagged}");
    assert!(
        tagged.contains("## Saved views\n\n- ukraine-early: `#ukraine date:<2024-02`"),
        "views are exported with the library:\n{tagged}"
    );
    assert!(!tagged.contains("Energy prices"), "{tagged}");
    let view = md(&["export", c, "--view", "ukraine-early"]);
    assert!(
        view.contains("Grain exports") && !view.contains("Ceasefire talks"),
        "{view}"
    );
    let by_tag = md(&["export", c, "--by-tag"]);
    let opinion = by_tag.find("## #opinion").expect(&by_tag);
    let after = &by_tag[opinion..];
    assert!(after.contains("> Talks, talks and"), "{by_tag}");
    assert!(after.contains("— An undated column on talks · Blog"), "{by_tag}");
    let missing = run(&s, &["export", c, "--view", "nope"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no saved view \"nope\""));
    let json = md(&["export", c, "--format", "json"]);
    assert!(json.contains("\"purpose\": \"tagging\""), "{json}");
    assert!(
        json.contains("\"dossier:views\"") && json.contains("ukraine-early"),
        "{json}"
    );
}

#[test]
fn tags_are_listed_renamed_and_deleted_everywhere() {
    let s = setup();
    let c = path(&s.corpus);
    let listed = run(&s, &["tags", c]);
    assert_eq!(
        String::from_utf8_lossy(&listed.stdout),
        "2\t#ukraine\n1\t#energy\n1\t#opinion\n"
    );
    assert!(
        run(&s, &["tags", c, "--rename", "ukraine", "Kyiv-war"])
            .status
            .success()
    );
    assert!(run(&s, &["tags", c, "--delete", "#energy"]).status.success());
    let listed = run(&s, &["tags", c]);
    assert_eq!(String::from_utf8_lossy(&listed.stdout), "2\t#kyiv-war\n1\t#opinion\n");
    // The note keeps its word, without the tag.
    let source = dossier::store::CorpusSource::resolve(Some(&s.corpus)).unwrap();
    let (lib, _) = Library::open(&s.config, &source.key()).unwrap();
    assert_eq!(lib.note("c"), "follow the energy story");
    let bad = run(&s, &["tags", c, "--delete", "not a tag"]);
    assert!(!bad.status.success());
}
