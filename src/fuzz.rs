//! Fuzz harnesses: one function per kind of file dossier reads, taking the file's bytes and
//! checking what must hold whatever they are: no panic, nothing unsanitised comes out, ids
//! are unique, and a file dossier wrote reads back as written.
//!
//! The same functions run two ways: `fuzz/` holds cargo-fuzz targets for deep runs (nightly),
//! and `tests/fuzz.rs` runs them for a bounded number of cases on stable in the test suite,
//! seeded with the hostile corpus and the format fixtures. A harness panics (with a message
//! saying which promise broke) when it finds something; that is the finding.

// A harness reports a finding by panicking: that is what fuzzers catch.
#![allow(clippy::panic, clippy::missing_panics_doc, clippy::unwrap_used, clippy::expect_used)]

use std::{cell::RefCell, path::Path};

use crate::{
    fulltext::SearchIndex,
    library::Library,
    store::{self, ArticleMeta, CorpusSource, Format, LoadOptions, sanitize::is_clean},
};

/// Names a corpus file can have: each is read the way its name says (and sniffed as well).
pub const FILE_NAMES: &[&str] = &[
    "a.txt",
    "a.md",
    "a.html",
    "a.jsonl",
    "a.csv",
    "a.tsv",
    "a.xml",
    "a.json",
    "a.warc",
    "a.jsonl.gz",
    "a.jsonl.zst",
    "a.warc.gz",
    "a",
];

thread_local! {
    /// A scratch folder per thread, reused between cases (a fuzzer runs millions).
    static SCRATCH: RefCell<Option<tempfile::TempDir>> = const { RefCell::new(None) };
}

fn with_scratch<T>(work: impl FnOnce(&Path) -> T) -> T {
    SCRATCH.with(|cell| {
        let mut cell = cell.borrow_mut();
        let dir = cell.get_or_insert_with(|| tempfile::tempdir().expect("a scratch folder"));
        // Each case starts from an empty folder.
        for entry in std::fs::read_dir(dir.path()).into_iter().flatten().flatten() {
            let path = entry.path();
            let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
        }
        work(dir.path())
    })
}

fn assert_clean(what: &str, text: &str) {
    assert!(is_clean(text), "unsanitised {what}: {text:?}");
}

fn assert_line(what: &str, text: &str) {
    assert_clean(what, text);
    assert!(!text.contains('\n'), "{what} spans lines: {text:?}");
}

/// One article's bytes as a file of each plain format: parsing never panics and gives clean
/// text.
pub fn article(data: &[u8]) {
    for format in [Format::Text, Format::Markdown, Format::Html] {
        if let Ok(parsed) = store::parse(data, format) {
            assert_line("title", &parsed.title);
            assert_clean("body", &parsed.body());
            for field in [&parsed.author, &parsed.source, &parsed.url, &parsed.date]
                .into_iter()
                .flatten()
            {
                assert_line("metadata", field);
            }
        }
        if let Ok(text) = std::str::from_utf8(data) {
            let _ = store::date::parse(text);
        }
    }
}

/// `data` as a corpus file called `name` (see [`FILE_NAMES`]): loading never panics, every
/// article's id, title, path and metadata are clean single lines, ids are unique, and every
/// body reads back clean.
pub fn corpus_file(name: &str, data: &[u8]) {
    with_scratch(|dir| {
        let path = dir.join(name);
        std::fs::write(&path, data).expect("writing the case");
        let Ok(source) = CorpusSource::resolve(Some(&path)) else {
            return;
        };
        let opts = LoadOptions::default();
        let (articles, skipped) = store::load_all(&source, &opts);
        let mut ids = std::collections::HashSet::new();
        for a in &articles {
            check_meta(a);
            assert!(ids.insert(a.id.as_str()), "id {:?} given twice", a.id);
        }
        for s in &skipped {
            assert_line("skipped path", &s.path);
            assert_line("skip reason", &s.reason);
        }
        for a in articles.iter().take(50) {
            if let Ok(body) = store::read_body(&source, a, &opts) {
                assert_clean("body", &body);
            }
        }
        store::spool::remove_own();
    });
}

fn check_meta(a: &ArticleMeta) {
    assert_line("id", &a.id);
    assert_line("title", &a.title);
    assert_line("path", &a.path);
    for field in [&a.author, &a.source, &a.url, &a.date].into_iter().flatten() {
        assert_line("metadata", field);
    }
}

/// `data` as the library's corpus state file, then as its history file: opening never panics
/// or fails; a library that opens writable saves, and what it saved reads back the same.
pub fn library_state(data: &[u8]) {
    with_scratch(|dir| {
        let key = "fuzz";
        let state = Library::open(dir, key)
            .expect("open never fails")
            .0
            .state_path()
            .to_path_buf();
        std::fs::write(&state, data).expect("writing the case");
        std::fs::write(dir.join("history.json"), data).expect("writing the case");
        let (mut library, _notices) = Library::open(dir, key).expect("open never fails");
        if library.read_only() {
            return;
        }
        library.set_bookmark("fuzzed", true).expect("a writable library saves");
        let before = library.state().clone();
        drop(library);
        let (again, notices) = Library::open(dir, key).expect("open never fails");
        assert!(notices.is_empty(), "its own file was not read back: {notices:?}");
        assert_eq!(again.state(), &before, "the saved state reads back different");
    });
}

thread_local! {
    /// A small index built once per thread, copied for each case.
    static INDEX: RefCell<Option<tempfile::TempDir>> = const { RefCell::new(None) };
}

/// `data` as one of the index's metadata files (`file`: `meta.json`, `dossier-index.json` or
/// `.managed.json`) over a good index: opening it as its writer never panics, and whatever is
/// opened can be searched.
pub fn index_metadata(file: &str, data: &[u8]) {
    INDEX.with(|cell| {
        let mut cell = cell.borrow_mut();
        let good = cell.get_or_insert_with(|| {
            let dir = tempfile::tempdir().expect("an index folder");
            let (articles, _) = store::load_all(&CorpusSource::Seeds, &LoadOptions::default());
            crate::fulltext::build::open_and_update(
                dir.path(),
                &CorpusSource::Seeds,
                &articles,
                &LoadOptions::default(),
                &mut |_, _, _| {},
                &mut |_| {},
            )
            .expect("building the seed index");
            dir
        });
        with_scratch(|dir| {
            let copy = dir.join("index");
            std::fs::create_dir_all(&copy).expect("a copy");
            for entry in std::fs::read_dir(good.path()).expect("the good index").flatten() {
                let _ = std::fs::copy(entry.path(), copy.join(entry.file_name()));
            }
            std::fs::write(copy.join(file), data).expect("writing the case");
            let _ = SearchIndex::open(&copy).map(|index| search(&index));
            let (index, _) = SearchIndex::open_or_create(&copy).expect("an index opens or is recreated");
            search(&index);
        });
    });
}

fn search(index: &SearchIndex) {
    let prepared = index.prepare("nato").expect("a query parses");
    let _ = crate::fulltext::health::guard(|| index.search(&prepared, 10));
}
