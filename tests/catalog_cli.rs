//! The command line answers the same with and without a warm catalog: a property over
//! generated corpora (a folder, a JSON Lines file) and queries.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../benches/common/mod.rs"]
mod generate;

use std::{fs, path::Path, process::Command};

use generate::Rng;
use proptest::prelude::*;

/// stdout and exit code of dossier with `args`, the corpus and the cache directory.
fn run(args: &[&str], corpus: &Path, cache: &Path) -> (String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .arg("--cache-dir")
        .arg(cache)
        .arg("--config-dir")
        .arg(cache.join("config"))
        .arg(corpus)
        .output()
        .unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), out.status.code())
}

/// Entities prints the corpus after `entities`; the others take it last too.
fn run_entities(corpus: &Path, cache: &Path) -> (String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["entities", "--json", "--cache-dir"])
        .arg(cache)
        .arg(corpus)
        .output()
        .unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), out.status.code())
}

fn corpus(dir: &Path, seed: u64, n: usize, as_jsonl: bool) -> std::path::PathBuf {
    let mut rng = Rng::new(seed);
    let mut lines = String::new();
    fs::create_dir_all(dir.join("folder")).unwrap();
    for i in 0..n {
        let title = generate::title(&mut rng);
        let body = generate::news_paragraph(&mut rng, 50);
        if as_jsonl {
            lines.push_str(&serde_json::json!({"id": format!("a{i}"), "title": title, "text": body}).to_string());
            lines.push('\n');
        } else {
            fs::write(
                dir.join("folder").join(format!("a{i:02}.txt")),
                format!("{title}\n\n{body}\n"),
            )
            .unwrap();
        }
    }
    if as_jsonl {
        let path = dir.join("corpus.jsonl");
        fs::write(&path, lines).unwrap();
        path
    } else {
        dir.join("folder")
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn every_command_answers_the_same_cold_and_warm(
        seed in 0u64..1000,
        n in 2usize..12,
        as_jsonl in any::<bool>(),
        word in 0usize..40,
        edit in any::<bool>(),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let path = corpus(tmp.path(), seed, n, as_jsonl);
        // A query made of a word the corpus holds, and one made of the corpus's names.
        let text = if as_jsonl { fs::read_to_string(&path).unwrap() } else { fs::read_to_string(path.join("a00.txt")).unwrap() };
        let words: Vec<&str> = text.split(|c: char| !c.is_alphabetic()).filter(|w| w.len() > 3 && !["title", "text"].contains(w)).collect();
        let query = words[word % words.len()].to_lowercase();
        let warm = tmp.path().join("warm");
        for args in [vec!["--filter", query.as_str()], vec!["--search", query.as_str()]] {
            let first = run(&args, &path, &warm);
            let again = run(&args, &path, &warm);
            prop_assert_eq!(&first, &again, "{:?} cold then warm", args);
            let elsewhere = run(&args, &path, &tmp.path().join(format!("cold-{}", args[0])));
            prop_assert_eq!(&first, &elsewhere, "{:?} warm against a fresh cache", args);
        }
        prop_assert_eq!(run_entities(&path, &warm), run_entities(&path, &tmp.path().join("cold-entities")));
        if edit {
            // After an edit the warm cache still answers as a fresh one.
            if as_jsonl {
                let text = fs::read_to_string(&path).unwrap();
                let rest = text.split_once('\n').unwrap().1;
                let first = serde_json::json!({"id": "a0", "title": format!("Zanzibar {query}"), "text": "Met in Zanzibar."});
                fs::write(&path, format!("{first}\n{rest}")).unwrap();
            } else {
                fs::write(path.join("a00.txt"), format!("Zanzibar {query}\n\nMet in Zanzibar.\n")).unwrap();
            }
            // Full-text search reads the text itself: exactly what a fresh cache answers.
            let args = ["--search", "zanzibar"];
            let warm_answer = run(&args, &path, &warm);
            prop_assert_eq!(&warm_answer, &run(&args, &path, &tmp.path().join("fresh-search")));
            prop_assert_eq!(warm_answer.1, Some(0), "the search finds the edit");
            // The filter's haystacks hold entity names, and the articles that did not change keep
            // the names extracted with the corpus's earlier statistics (see catalog::open), so
            // only the edited article is asserted on.
            let id = if as_jsonl { "a0" } else { "a00.txt" };
            let (listed, code) = run(&["--filter", "zanzibar"], &path, &warm);
            prop_assert_eq!(code, Some(0));
            prop_assert!(listed.lines().any(|l| l.split('\t').next() == Some(id)), "{}", listed);
        }
    }
}
