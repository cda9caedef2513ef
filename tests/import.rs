//! `dossier import FILE PATH`: W3C Web Annotation files (dossier's own export, Hypothesis's)
//! read back into a corpus's library, run as the built binary on a temporary corpus.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

use dossier::library::{Annotation, EntityFix, Library, SavedView, make_selector};
use serde_json::{Value, json};

/// One paragraph each, so an article's body is exactly its text.
const ARTICLES: &[(&str, &str, &str, &str)] = &[
    (
        "a",
        "Ceasefire talks resume in Geneva",
        "https://news.example/geneva-talks",
        "The envoy said the talks would resume. Critics were unconvinced. The envoy said nothing more.",
    ),
    (
        "b",
        "Grain exports rise again",
        "https://news.example/grain",
        "Grain left the ports of Odesa in record amounts.",
    ),
    (
        "c",
        "Energy prices and the winter",
        "https://news.example/energy",
        "Gas prices rose ahead of the winter in Europe.",
    ),
];

struct Setup {
    tmp: tempfile::TempDir,
    corpus: PathBuf,
    config: PathBuf,
    cache: PathBuf,
}

/// A fresh directory with the corpus `write` puts at `news.jsonl`, and its own config and cache.
fn setup_with(write: impl FnOnce(&std::path::Path)) -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("news.jsonl");
    write(&corpus);
    let (config, cache) = (tmp.path().join("config"), tmp.path().join("cache"));
    Setup {
        tmp,
        corpus,
        config,
        cache,
    }
}

fn setup() -> Setup {
    setup_with(|corpus| {
        let lines: Vec<String> = ARTICLES
            .iter()
            .map(|(id, title, url, text)| json!({ "id": id, "title": title, "url": url, "text": text }).to_string())
            .collect();
        std::fs::write(corpus, lines.join("\n") + "\n").unwrap();
    })
}

impl Setup {
    fn key(&self) -> String {
        dossier::store::CorpusSource::resolve(Some(&self.corpus)).unwrap().key()
    }

    fn library(&self) -> Library {
        Library::open(&self.config, &self.key()).unwrap().0
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.arg("--config-dir")
            .arg(&self.config)
            .arg("--cache-dir")
            .arg(&self.cache);
        cmd.args(args);
        cmd.output().unwrap()
    }

    /// `dossier import FILE CORPUS` of `doc` written to a file; (status, stderr).
    fn import(&self, doc: &str) -> (Option<i32>, String) {
        let file = self.tmp.path().join("in.json");
        std::fs::write(&file, doc).unwrap();
        let out = self.run(&["import", path(&file), path(&self.corpus)]);
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    }

    fn export(&self) -> Value {
        let out = self.run(&["export", "--format", "json", path(&self.corpus)]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Another library (another config folder) for the same corpus.
    fn elsewhere(&self) -> Setup {
        setup_with(|corpus| {
            std::fs::copy(&self.corpus, corpus).unwrap();
        })
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn text(id: &str) -> &'static str {
    ARTICLES.iter().find(|a| a.0 == id).unwrap().3
}

/// A library with one of everything the export writes.
fn fill(s: &Setup) {
    let mut lib = s.library();
    lib.set_bookmark("b", true).unwrap();
    lib.set_note("b", "Follow the #grain story.").unwrap();
    lib.set_tag("c", "energy", true).unwrap();
    let (quote, position) = make_selector(text("a"), 4, 9);
    let mut ann = Annotation::new(quote, position, "Which envoy?");
    ann.tags = vec!["diplomacy".into()];
    lib.add_annotation("a", ann).1.unwrap();
    let (quote, position) = make_selector(text("c"), 0, 10);
    lib.add_annotation("c", Annotation::new(quote, position, "")).1.unwrap();
    lib.save_view(
        "energy",
        Some(SavedView {
            query: "#energy".into(),
            ..SavedView::default()
        }),
    )
    .unwrap();
    lib.set_entity_fix(
        "Home Depot",
        EntityFix {
            kind: Some("organization".into()),
            ..EntityFix::default()
        },
    )
    .unwrap();
}

#[test]
fn an_export_imports_back_into_an_empty_library() {
    let s = setup();
    fill(&s);
    let exported = s.export();
    let other = s.elsewhere();
    let (status, stderr) = other.import(&exported.to_string());
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "2 annotations imported (2 anchored, 0 orphaned), 1 note, 1 bookmark, 1 article tag, 1 saved view, 1 entity correction"
        ),
        "{stderr}"
    );
    // The file names the corpus by its path, which differs between the two folders.
    let mut again = other.export();
    again["label"] = exported["label"].clone();
    assert_eq!(again, exported);
    let lib = other.library();
    assert!(lib.is_bookmarked("b") && lib.note("b") == "Follow the #grain story.");
    assert_eq!(lib.annotations("a")[0].1.tags, ["diplomacy"]);
    let fixes: Vec<_> = lib.entity_fixes().collect();
    assert_eq!(fixes.len(), 1);
    assert_eq!(fixes[0].0, "Home Depot");
    assert_eq!(fixes[0].1.kind.as_deref(), Some("organization"));
}

#[test]
fn importing_twice_changes_nothing() {
    let s = setup();
    fill(&s);
    let exported = s.export().to_string();
    let other = s.elsewhere();
    assert_eq!(other.import(&exported).0, Some(0));
    let state = other.library().state_path().to_path_buf();
    let first = std::fs::read(&state).unwrap();
    let (status, stderr) = other.import(&exported);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(stderr.contains("nothing changed"), "{stderr}");
    assert_eq!(std::fs::read(&state).unwrap(), first);
    // Into the library it came from: nothing new either.
    let (status, stderr) = s.import(&exported);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(stderr.contains("nothing changed"), "{stderr}");
}

/// The shape Hypothesis exports: a list of annotations, each with its page as `source`,
/// several selectors, a Markdown comment and tags.
fn hypothesis_file() -> String {
    json!([{
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://hypothes.is/a/Xq9-ZZ",
        "created": "2024-03-05T10:00:00.000000+00:00",
        "modified": "2024-03-05T11:30:00.000000+00:00",
        "creator": "acct:someone@hypothes.is",
        "motivation": "commenting",
        "body": [
            {"type": "TextualBody", "value": "Said *what*?", "format": "text/markdown"},
            {"type": "TextualBody", "purpose": "tagging", "value": "Follow up"},
            {"type": "TextualBody", "purpose": "tagging", "value": "geneva"}
        ],
        "target": [{
            "source": "http://news.example/geneva-talks/#main",
            "selector": [
                {"type": "RangeSelector", "startContainer": "/div[1]/p[1]", "startOffset": 0,
                 "endContainer": "/div[1]/p[1]", "endOffset": 15},
                // Off: it points at the first "The envoy said", the context at the second.
                {"type": "TextPositionSelector", "start": 2, "end": 16},
                {"type": "TextQuoteSelector", "exact": "The envoy said",
                 "prefix": "Critics were unconvinced. ", "suffix": " nothing more."}
            ]
        }]
    }])
    .to_string()
}

#[test]
fn a_hypothesis_export_anchors_by_its_quote() {
    let s = setup();
    let (status, stderr) = s.import(&hypothesis_file());
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        stderr.contains("1 annotation imported (1 anchored, 0 orphaned)"),
        "{stderr}"
    );
    let lib = s.library();
    let anns = lib.annotations("a");
    assert_eq!(anns.len(), 1);
    let ann = anns[0].1;
    let second = text("a").rfind("The envoy said").unwrap();
    assert_eq!((ann.position.start, ann.position.end), (second, second + 14));
    assert_eq!(ann.quote.exact, "The envoy said");
    assert_eq!(ann.note, "Said *what*?");
    assert_eq!(ann.tags, ["follow-up", "geneva"]);
    // And once more: the same id and stamps, so nothing changes.
    let (status, stderr) = s.import(&hypothesis_file());
    assert!(status == Some(0) && stderr.contains("nothing changed"), "{stderr}");
}

#[test]
fn what_cannot_be_placed_is_kept_as_an_orphan() {
    let s = setup();
    let doc = json!({"type": "AnnotationPage", "items": [
        {"type": "Annotation", "id": "x1", "bodyValue": "my thought",
         "target": {"source": "a", "selector": {"type": "TextQuoteSelector", "exact": "words the article never had"}}},
        {"type": "Annotation", "id": "x2",
         "target": {"source": "https://other.example/\u{1b}[31mred",
                    "selector": {"type": "TextQuoteSelector", "exact": "elsewhere\u{9b}2J"}}},
    ]});
    let (status, stderr) = s.import(&doc.to_string());
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        stderr.contains("2 annotations imported (0 anchored, 2 orphaned)"),
        "{stderr}"
    );
    assert!(stderr.contains("orphaned: annotation 1 (items[0])"), "{stderr}");
    assert!(stderr.contains("the quote is not in the article's text"), "{stderr}");
    assert!(stderr.contains("no article in the corpus"), "{stderr}");
    assert!(!stderr.contains(['\u{1b}', '\u{9b}']), "sanitised: {stderr:?}");
    // Both kept, and exported again.
    let lib = s.library();
    assert_eq!(lib.annotations("a")[0].1.note, "my thought");
    assert_eq!(lib.state().articles.len(), 2);
    let exported = s.export().to_string();
    assert!(exported.contains("words the article never had") && exported.contains("elsewhere"));
}

#[test]
fn a_malformed_file_imports_what_is_valid() {
    let s = setup();
    let doc = json!({"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [
        {"type": "Annotation", "motivation": "bookmarking", "target": "b"},
        {"type": "Annotation", "motivation": "commenting", "bodyValue": "lost", "target": {"selector": []}},
        42,
        {"type": "Annotation", "target": {"source": "c", "selector": [{"type": "XPathSelector", "value": "/p"}]}},
    ]}});
    let (status, stderr) = s.import(&doc.to_string());
    assert_eq!(status, Some(0), "{stderr}");
    assert!(stderr.contains("1 bookmark"), "{stderr}");
    assert!(
        stderr.contains("skipped annotation 2 (first.items[1]): no target.source"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped annotation 3 (first.items[2]): not a JSON object"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped annotation 4 (first.items[3]): no TextQuoteSelector"),
        "{stderr}"
    );
    assert!(s.library().is_bookmarked("b"));

    // Not JSON at all: where, and a failure.
    let (status, stderr) = s.import("{\n  \"type\": \"Annotation\",\n  \"target\": \"a\"\n  \"bodyValue\": 1\n}");
    assert_eq!(status, Some(2), "{stderr}");
    assert!(stderr.contains("line 4, column 3"), "{stderr}");
    // JSON, but nothing in it to import: a failure too.
    let (status, stderr) = s.import(r#"[{"type": "Annotation"}]"#);
    assert_eq!(status, Some(2), "{stderr}");
    assert!(stderr.contains("skipped annotation 1 ([0]): no target"), "{stderr}");
    let missing = s.run(&["import", "/nonexistent/file.json", path(&s.corpus)]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn importing_merges_with_the_librarys_own_edits() {
    let s = setup();
    fill(&s);
    let exported = s.export().to_string();
    // Another library with edits of its own, one of them on an article the file also has.
    let other = s.elsewhere();
    {
        let mut lib = other.library();
        lib.set_note("c", "My own note.").unwrap();
        let (quote, position) = make_selector(text("a"), 39, 63);
        lib.add_annotation("a", Annotation::new(quote, position, "mine"))
            .1
            .unwrap();
    }
    let (status, stderr) = other.import(&exported);
    assert_eq!(status, Some(0), "{stderr}");
    let lib = other.library();
    assert_eq!(lib.note("c"), "My own note.");
    assert_eq!(lib.note("b"), "Follow the #grain story.");
    let notes: Vec<&str> = lib.annotations("a").iter().map(|(_, a)| a.note.as_str()).collect();
    assert_eq!(notes, ["Which envoy?", "mine"]);
    assert_eq!(lib.annotations("c").len(), 1);
    assert!(lib.is_bookmarked("b"));
}
