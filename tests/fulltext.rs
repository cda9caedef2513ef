//! The full-text index: results and ranking, updates for changed files, and repair of indexes
//! that cannot be trusted.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../benches/common/mod.rs"]
mod generate;

use std::{
    fs,
    path::{Path, PathBuf},
    time::{Duration, SystemTime},
};

use dossier::{
    fulltext::{
        SearchIndex,
        build::{self, Outcome},
        lock_writer,
        worker::{self, Reply, Request, Worker},
    },
    store::{self, ArticleMeta, CorpusSource, LoadOptions},
};
use generate::Rng;

fn index_corpus(source: &CorpusSource, dir: &Path) -> (SearchIndex, Vec<ArticleMeta>, Outcome, Option<String>) {
    let (articles, _) = store::load_all(source, &LoadOptions::default());
    let (index, rebuilt) = SearchIndex::open_or_create(dir).unwrap();
    let outcome = build::update(&index, source, &articles, &LoadOptions::default(), &mut |_, _, _| {}).unwrap();
    (index, articles, outcome, rebuilt)
}

/// Paths (relative to the corpus) of the articles a query finds, best first.
fn search(index: &SearchIndex, articles: &[ArticleMeta], query: &str) -> Vec<String> {
    index.reload().unwrap();
    let prepared = index.prepare(query).unwrap();
    let (hits, total) = index.search(&prepared, 100).unwrap();
    assert_eq!(hits.len(), total.min(100));
    hits.iter()
        .map(|h| {
            let a = articles
                .iter()
                .find(|a| dossier::fulltext::article_key(&a.id) == h.key)
                .unwrap();
            a.path.clone()
        })
        .collect()
}

/// A way of damaging an index on disk.
type Damage = fn(&Path);

#[test]
fn seeds_find_what_they_mention() {
    let cache = tempfile::tempdir().unwrap();
    let (index, articles, outcome, _) = index_corpus(&CorpusSource::Seeds, cache.path());
    assert_eq!(outcome.indexed, articles.len());
    let mut stoltenberg = search(&index, &articles, "stoltenberg");
    stoltenberg.sort();
    assert_eq!(stoltenberg, ["000_d53c2c6ada8aa28e.txt", "001_2ed8960dd1828b3c.txt"]);
    assert_eq!(search(&index, &articles, "Gaza"), ["000_d53c2c6ada8aa28e.txt"]);
    assert_eq!(search(&index, &articles, "geoana deputy"), ["004_e6c0b81e04695cd1.txt"]);
    assert!(search(&index, &articles, "gaza -stoltenberg").is_empty());
    assert!(search(&index, &articles, "xylophone").is_empty());
}

/// A generated corpus of `n` articles with some planted words, as a folder of files.
fn generated(n: usize, dir: &Path, plant: &[(usize, &str)]) -> PathBuf {
    let root = dir.join("corpus");
    fs::create_dir_all(&root).unwrap();
    let mut rng = Rng::new(5);
    for i in 0..n {
        let mut text = generate::title(&mut rng);
        text.push('\n');
        for _ in 0..4 {
            text.push_str(&generate::paragraph(&mut rng, 60));
            text.push('\n');
        }
        for (_, words) in plant.iter().filter(|(at, _)| *at == i) {
            text.push_str(words);
            text.push('\n');
        }
        fs::write(root.join(format!("{i:04}.txt")), text).unwrap();
    }
    root
}

#[test]
fn ranking_and_phrases_over_a_generated_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let root = generated(
        300,
        tmp.path(),
        &[
            (17, "The quokka, the quokka and a quokka again: quokka country."),
            (
                230,
                "A quokka was mentioned once among many other words in a long closing sentence here.",
            ),
            (40, "Ships waited in the amber harbour overnight."),
            (41, "The harbour lights were amber, not green."),
        ],
    );
    let source = CorpusSource::resolve(Some(&root)).unwrap();
    let (index, articles, _, _) = index_corpus(&source, &tmp.path().join("index"));
    assert_eq!(search(&index, &articles, "quokka"), ["0017.txt", "0230.txt"]);
    assert_eq!(search(&index, &articles, "\"amber harbour\""), ["0040.txt"]);
    let mut both = search(&index, &articles, "amber harbour");
    both.sort();
    assert_eq!(both, ["0040.txt", "0041.txt"]);
    // Words the generator uses everywhere still rank, and the count is of every match.
    let prepared = index.prepare("minister").unwrap();
    let (hits, total) = index.search(&prepared, 10).unwrap();
    assert_eq!(hits.len(), 10);
    assert!(total > 10, "total {total}");
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
}

fn touch_later(path: &Path) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() + Duration::from_secs(10)).unwrap();
}

#[test]
fn changed_added_and_deleted_files_are_reindexed_on_the_next_start() {
    let tmp = tempfile::tempdir().unwrap();
    let root = generated(50, tmp.path(), &[(3, "The wombat crossed."), (4, "Another wombat.")]);
    let index_dir = tmp.path().join("index");
    let source = CorpusSource::resolve(Some(&root)).unwrap();
    let (index, articles, first, _) = index_corpus(&source, &index_dir);
    assert_eq!(first.indexed, 50);
    assert_eq!(search(&index, &articles, "wombat").len(), 2);
    drop(index);

    // Unchanged: nothing is read again.
    let (_, _, again, rebuilt) = index_corpus(&source, &index_dir);
    assert_eq!((again.indexed, again.kept, again.removed, rebuilt), (0, 50, 0, None));

    let changed = root.join("0003.txt");
    fs::write(&changed, "Budget talks\nThe platypus replaced the other animal.\n").unwrap();
    touch_later(&changed);
    fs::remove_file(root.join("0004.txt")).unwrap();
    fs::write(root.join("0999.txt"), "New arrival\nA numbat appeared.\n").unwrap();
    let (index, articles, next, rebuilt) = index_corpus(&source, &index_dir);
    assert_eq!(rebuilt, None);
    assert_eq!((next.indexed, next.kept, next.removed), (2, 48, 2));
    assert!(search(&index, &articles, "wombat").is_empty());
    assert_eq!(search(&index, &articles, "platypus"), ["0003.txt"]);
    assert_eq!(search(&index, &articles, "numbat"), ["0999.txt"]);
    assert_eq!(index.num_docs(), 50);
}

/// The biggest file of an index: a segment's postings or positions.
fn biggest_file(dir: &Path) -> PathBuf {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .max_by_key(|p| fs::metadata(p).unwrap().len())
        .unwrap()
}

fn flip_bytes(file: &Path) {
    let mut bytes = fs::read(file).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    bytes[mid + 1] ^= 0xff;
    fs::write(file, bytes).unwrap();
}

/// Rewrite every segment's `max_doc` in `meta.json`.
fn set_max_doc(dir: &Path, change: fn(u64) -> u64) {
    let path = dir.join("meta.json");
    let mut meta: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    for segment in meta["segments"].as_array_mut().unwrap() {
        let n = segment["max_doc"].as_u64().unwrap();
        segment["max_doc"] = change(n).into();
    }
    fs::write(&path, meta.to_string()).unwrap();
}

#[test]
fn corrupt_truncated_or_foreign_indexes_are_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let root = generated(40, tmp.path(), &[(9, "A solitary axolotl.")]);
    let source = CorpusSource::resolve(Some(&root)).unwrap();
    let index_dir = tmp.path().join("index");
    index_corpus(&source, &index_dir);

    let damages: [(&str, Damage); 8] = [
        // Tantivy reads out of bounds (a panic, or an abort on its threads) when it believes
        // these: the marker's record of the last commit catches both.
        ("max_doc raised in meta.json", |dir| set_max_doc(dir, |n| n * 100)),
        ("max_doc lowered in meta.json", |dir| set_max_doc(dir, |n| n / 3)),
        ("no .managed.json and flipped bytes", |dir| {
            fs::remove_file(dir.join(".managed.json")).unwrap();
            flip_bytes(&biggest_file(dir));
        }),
        ("a file where the index folder belongs", |dir| {
            fs::remove_dir_all(dir).unwrap();
            fs::write(dir, "not an index").unwrap();
        }),
        ("flipped bytes", |dir| flip_bytes(&biggest_file(dir))),
        ("truncated file", |dir| {
            let file = biggest_file(dir);
            let len = fs::metadata(&file).unwrap().len();
            fs::File::options()
                .write(true)
                .open(&file)
                .unwrap()
                .set_len(len / 2)
                .unwrap();
        }),
        ("garbage meta.json", |dir| {
            fs::write(dir.join("meta.json"), "{not json").unwrap();
        }),
        ("another version", |dir| {
            fs::write(dir.join("dossier-index.json"), "{\"version\":0}\n").unwrap();
        }),
    ];
    for (what, damage) in damages {
        damage(&index_dir);
        // A reader is refused too, before tantivy trusts anything.
        assert!(SearchIndex::open(&index_dir).is_err(), "{what}: opened");
        let (index, articles, outcome, rebuilt) = index_corpus(&source, &index_dir);
        assert!(rebuilt.is_some(), "{what}: not rebuilt");
        assert_eq!(outcome.indexed, 40, "{what}: {outcome:?}");
        assert_eq!(search(&index, &articles, "axolotl"), ["0009.txt"], "{what}");
        // And the repaired index is trusted on the next start.
        let (_, _, again, rebuilt) = index_corpus(&source, &index_dir);
        assert_eq!((again.kept, rebuilt), (40, None), "{what}");
    }
}

#[test]
fn one_writer_at_a_time() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let first = lock_writer(&dir).unwrap();
    assert!(first.is_some());
    assert!(lock_writer(&dir).unwrap().is_none(), "a second writer got the lock");
    drop(first);
    assert!(lock_writer(&dir).unwrap().is_some());
}

/// Wait for a reply matching `want`, skipping status reports.
fn wait_for(replies: &std::sync::mpsc::Receiver<Reply>, want: impl Fn(&Reply) -> bool) -> Reply {
    loop {
        let reply = replies
            .recv_timeout(Duration::from_secs(60))
            .expect("worker went quiet");
        if want(&reply) {
            return reply;
        }
    }
}

#[test]
fn the_worker_builds_searches_and_cuts_snippets() {
    let tmp = tempfile::tempdir().unwrap();
    let root = generated(
        30,
        tmp.path(),
        &[(12, "Officials said the capybara census ended early.")],
    );
    let source = CorpusSource::resolve(Some(&root)).unwrap();
    let opts = LoadOptions::default();
    let (articles, _) = store::load_all(&source, &opts);
    let (report, replies) = dossier::report::Report::channel();
    let worker = Worker::spawn(opts.clone(), report);
    let job = worker.job(tmp.path().join("cache"));
    let key = source.key();
    let list = articles.clone();
    // The builder stays, ready to rebuild an index that fails a query, until the app quits.
    std::thread::spawn(move || worker::build(&job, &key, &source, &list, &LoadOptions::default()));
    wait_for(&replies, |r| {
        matches!(r, Reply::Status(worker::IndexStatus::Ready { docs: 30 }))
    });
    worker
        .requests
        .send(Request::Search {
            generation: 7,
            text: "capybara".into(),
        })
        .unwrap();
    let Reply::Results { hits, total, error, .. } = wait_for(&replies, |r| matches!(r, Reply::Results { .. })) else {
        unreachable!()
    };
    assert_eq!((hits.clone(), total, error), (vec![12], 1, None));
    let articles_sent = vec![(12, articles[12].clone())];
    worker
        .requests
        .send(Request::Snippets {
            generation: 7,
            source: CorpusSource::resolve(Some(&root)).unwrap(),
            articles: articles_sent,
        })
        .unwrap();
    let Reply::Snippets { generation, snippets } = wait_for(&replies, |r| matches!(r, Reply::Snippets { .. })) else {
        unreachable!()
    };
    assert_eq!(generation, 7);
    let snippet = &snippets[0].1;
    let marked: Vec<&str> = snippet.highlights.iter().map(|r| &snippet.text[r.clone()]).collect();
    assert_eq!(marked, ["capybara"]);
    assert!(snippet.text.contains("census ended early"));
}

#[test]
fn a_stale_meta_json_is_not_trusted() {
    let tmp = tempfile::tempdir().unwrap();
    let root = generated(30, tmp.path(), &[]);
    let source = CorpusSource::resolve(Some(&root)).unwrap();
    let index_dir = tmp.path().join("index");
    index_corpus(&source, &index_dir);
    let old_meta = fs::read(index_dir.join("meta.json")).unwrap();
    for i in 0..12 {
        fs::write(
            root.join(format!("new{i}.txt")),
            format!("Arrival {i}\nA numbat came.\n"),
        )
        .unwrap();
    }
    let (index, articles, _, _) = index_corpus(&source, &index_dir);
    assert_eq!(search(&index, &articles, "numbat").len(), 12);
    drop(index);
    // Someone restores last week's meta.json: it names segments that are gone.
    fs::write(index_dir.join("meta.json"), old_meta).unwrap();
    let opts = LoadOptions::default();
    let updated =
        build::open_and_update(&index_dir, &source, &articles, &opts, &mut |_, _, _| {}, &mut |_| {}).unwrap();
    let why = updated.rebuilt.expect("not rebuilt");
    assert!(why.contains("not the commit dossier made last"), "{why}");
    assert_eq!(updated.outcome.indexed, 42);
    assert_eq!(search(&updated.index, &articles, "numbat").len(), 12);
}

#[test]
fn a_panic_inside_the_index_is_an_error() {
    let result: Result<(), _> = dossier::fulltext::health::guard(|| panic!("attempt to subtract with overflow"));
    let err = result.unwrap_err().to_string();
    assert!(
        err.contains("damaged") && err.contains("subtract with overflow"),
        "{err}"
    );
}

#[test]
fn the_worker_rebuilds_an_index_that_fails_a_query() {
    let tmp = tempfile::tempdir().unwrap();
    let root = generated(20, tmp.path(), &[(5, "A lone pangolin.")]);
    let source = CorpusSource::resolve(Some(&root)).unwrap();
    let opts = LoadOptions::default();
    let (articles, _) = store::load_all(&source, &opts);
    let (report, replies) = dossier::report::Report::channel();
    let worker = Worker::spawn(opts.clone(), report);
    let cache = tmp.path().join("cache");
    let job = worker.job(cache.clone());
    let index_dir = dossier::fulltext::dir_for(&cache, &source.key());
    let key = source.key();
    std::thread::spawn(move || worker::build(&job, &key, &source, &articles, &LoadOptions::default()));
    wait_for(&replies, |r| {
        matches!(r, Reply::Status(worker::IndexStatus::Ready { .. }))
    });
    // The index breaks under the running app: its next reload cannot read meta.json.
    fs::write(index_dir.join("meta.json"), "{broken").unwrap();
    let ask = |generation| {
        worker
            .requests
            .send(Request::Search {
                generation,
                text: "pangolin".into(),
            })
            .unwrap();
        let Reply::Results { hits, error, .. } = wait_for(&replies, |r| matches!(r, Reply::Results { .. })) else {
            unreachable!()
        };
        (hits, error)
    };
    let (hits, error) = ask(1);
    assert!(hits.is_empty() && error.is_some());
    let Reply::Repaired(why) = wait_for(&replies, |r| matches!(r, Reply::Repaired(_))) else {
        unreachable!()
    };
    assert!(why.contains("a query failed"), "{why}");
    wait_for(&replies, |r| {
        matches!(r, Reply::Status(worker::IndexStatus::Ready { docs: 20 }))
    });
    assert_eq!(ask(2), (vec![5], None));
}
