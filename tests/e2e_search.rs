//! End-to-end: full-text search in a real terminal over a generated 10k-article corpus, two
//! instances sharing one index, and `--search` for scripts.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "../benches/common/mod.rs"]
mod generate;
mod news;

use std::{fs, path::Path, process::Command};

use common::{Tmux, columns};
use generate::Rng;

/// Articles that mention the planted word, in their body only.
const PLANTED: [usize; 3] = [1234, 5678, 9012];
const WORD: &str = "quillwort";

/// Write `n` generated articles (100 to a folder); returns the titles of the planted ones.
fn generate_corpus(root: &Path, n: usize) -> Vec<String> {
    let mut rng = Rng::new(3);
    let mut titles = Vec::new();
    for i in 0..n {
        let title = generate::title(&mut rng);
        let mut text = format!("{title}\n");
        for p in 0..5 {
            text.push_str(&generate::paragraph(&mut rng, 70));
            if p == 3 && PLANTED.contains(&i) {
                text.push_str(" Botanists found ");
                text.push_str(WORD);
                text.push_str(" growing by the river.");
            }
            text.push('\n');
        }
        if PLANTED.contains(&i) {
            titles.push(title);
        }
        let dir = root.join(format!("{:03}", i / 100));
        if i % 100 == 0 {
            fs::create_dir_all(&dir).unwrap();
        }
        fs::write(dir.join(format!("{i:05}.txt")), text).unwrap();
    }
    titles
}

#[test]
fn a_body_only_word_finds_its_articles_in_10k_and_opens_at_the_hit() {
    let corpus = tempfile::tempdir().unwrap();
    let titles = generate_corpus(corpus.path(), 10_000);
    let path = corpus.path().display().to_string();
    let t = Tmux::start(&[&path]);
    t.wait_until("the corpus to load", 120, |s| {
        s.contains("10000 articles") && !s.contains("loading")
    });
    t.keys(&["/"]);
    t.type_text(&format!("={WORD}"));
    // The results fill in as the index is built (or at once, if it already is).
    let screen = t.wait_until("three results", 300, |s| s.contains("Text search 3/3"));
    let list = columns(&screen, 0, 40);
    for title in &titles {
        let start: String = title.chars().take(18).collect();
        assert!(list.contains(&start), "{start:?} missing from the results:\n{screen}");
    }
    assert!(list.contains(WORD), "no snippet with the word:\n{screen}");
    t.keys(&["Enter"]);
    // The preview shows the hit already: wait for the reader to have the focus too.
    let screen = t.wait_until("the reader open at the hit", 20, |s| {
        s.contains("hit 1/1") && s.contains("reader · j/k caret")
    });
    let reader = columns(&screen, 26, 72);
    assert!(reader.contains(WORD), "the reader is not at the hit:\n{screen}");
    // Scrolled: the hit is in the fourth of five paragraphs, the headline is off screen.
    for title in &titles {
        let headline: String = title.chars().take(18).collect();
        assert!(!reader.contains(&headline), "the reader is still at the top:\n{screen}");
    }
    t.quit();
}

#[test]
fn two_instances_share_one_index() {
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().display().to_string();
    let env = [("XDG_CACHE_HOME", cache_dir.as_str())];
    let first = Tmux::start_sized(&[], 100, 30, &env);
    let second = Tmux::start_sized(&[], 100, 30, &env);
    for t in [&first, &second] {
        t.wait_for("5 articles");
        t.keys(&["/"]);
        t.type_text("=stoltenberg");
    }
    for t in [&first, &second] {
        t.wait_until("results in both", 60, |s| s.contains("Text search 2/2"));
        t.keys(&["Escape"]);
        t.wait_for(" list · j/k");
        t.keys(&["q"]);
        assert_eq!(t.exit_code(), 0);
    }
    let index = cache.path().join("dossier").join("index");
    let folders = fs::read_dir(&index)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(folders, 1, "one index for one corpus");
}

fn search(args: &[&str], cache: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .output()
        .unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn search_flag_prints_id_title_snippet_best_first() {
    let cache = tempfile::tempdir().unwrap();
    let (code, out) = search(&["--search", "stoltenberg"], cache.path());
    assert_eq!(code, 0);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "{out}");
    for row in &rows {
        assert_eq!(row.len(), 3, "{row:?}");
        assert!(row[2].to_lowercase().contains("stoltenberg"), "{row:?}");
    }
    // The article naming him most (and in its first sentence) ranks first.
    assert_eq!(rows[0][0], "000_d53c2c6ada8aa28e.txt");
    let (code, out) = search(&["--search", "\"collective defense alliance\""], cache.path());
    assert_eq!((code, out.lines().count()), (0, 1), "{out}");
    let (code, out) = search(&["--search", "xylophone"], cache.path());
    assert_eq!((code, out.as_str()), (1, ""));
    let (code, out) = search(&["--search", "nato", "--limit", "2"], cache.path());
    assert_eq!((code, out.lines().count()), (0, 2));
}

#[test]
fn search_flag_finds_authors_and_sources() {
    let corpus = tempfile::tempdir().unwrap();
    news::write(corpus.path(), &news::corpus(30));
    let cache = tempfile::tempdir().unwrap();
    let dir = corpus.path().display().to_string();
    let ids = |out: &str| -> Vec<String> { out.lines().map(|l| l.split('\t').next().unwrap().to_string()).collect() };
    // Lena Fischer wrote it; neither its title nor its body names her.
    let (code, out) = search(&["--search", "fischer", &dir], cache.path());
    assert_eq!(code, 0, "{out}");
    assert_eq!(ids(&out), [news::BY_FISCHER]);
    // A source word and a body word: both Reuters articles from Frankfurt.
    let (_, out) = search(&["--search", "reuters frankfurt", &dir], cache.path());
    let mut found = ids(&out);
    found.sort();
    assert_eq!(found, [news::LAGARDE_TITLE, news::BY_FISCHER]);
}
