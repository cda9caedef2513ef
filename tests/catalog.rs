//! The catalog: a corpus opened again is served from it; what changed is picked up; a catalog
//! that cannot be trusted is rebuilt and gives what a fresh build gives.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../benches/common/mod.rs"]
mod generate;

use std::{
    fmt::Write,
    fs,
    path::{Path, PathBuf},
    time::Duration,
};

use dossier::{
    catalog::{self, Outcome},
    entities::corpus::{Found, Pass, Share},
    store::{ArticleMeta, CorpusSource, LoadEvent, LoadOptions},
};
use generate::Rng;

/// What an open gave: the articles, their entities, the skipped files, and what was done.
struct Opened {
    articles: Vec<ArticleMeta>,
    found: Vec<Vec<Found>>,
    /// Near-duplicate signatures, one per article (kept in the catalog too).
    sigs: Vec<dossier::dups::Signature>,
    skipped: Vec<String>,
    outcome: Outcome,
}

fn open(source: &CorpusSource, cache: Option<&Path>) -> Opened {
    let (opened, _) = open_with(source, cache, Share::all(2));
    assert_eq!(
        opened.found.len(),
        opened.articles.len(),
        "every article has its entities"
    );
    opened
}

/// An open as `share` asks, and how many passes of the entity pass were sent.
fn open_with(source: &CorpusSource, cache: Option<&Path>, share: Share<'_>) -> (Opened, usize) {
    let (mut found, mut skipped, mut listed, mut passes) = (Vec::new(), Vec::new(), Vec::new(), 0);
    let mut sigs = Vec::new();
    let (articles, outcome) = catalog::load(
        cache,
        source,
        &LoadOptions::default(),
        share,
        &mut |event| match event {
            LoadEvent::Skipped(s) => skipped.push(s.path),
            LoadEvent::Article(a) => listed.push(*a),
            _ => {}
        },
        &mut |_| {},
        &mut |mut pass| {
            passes += 1;
            pass.take_sigs(&mut sigs);
            if let Pass::Found {
                first, found: batch, ..
            } = pass
            {
                found.truncate(first);
                found.extend(batch);
            }
        },
    );
    // What was sent is what is returned.
    assert_eq!(listed, *articles);
    let opened = Opened {
        articles: articles.to_vec(),
        found,
        sigs,
        skipped,
        outcome,
    };
    (opened, passes)
}

/// A news-like article naming people and places, as a file's text.
fn article(rng: &mut Rng, n: usize) -> String {
    let mut text = format!("{}\n\n", generate::title(rng));
    for _ in 0..3 {
        text.push_str(&generate::news_paragraph(rng, 60));
        text.push_str("\n\n");
    }
    writeln!(text, "Reported by Desk {n}.").unwrap();
    text
}

fn folder(dir: &Path, n: usize) -> CorpusSource {
    let mut rng = Rng::new(7);
    fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        fs::write(dir.join(format!("a{i:03}.txt")), article(&mut rng, i)).unwrap();
    }
    fs::write(dir.join("binary.txt"), b"\0\0\0").unwrap();
    CorpusSource::resolve(Some(dir)).unwrap()
}

fn jsonl(path: &Path, n: usize) -> CorpusSource {
    let mut rng = Rng::new(11);
    let mut text = String::new();
    for i in 0..n {
        let line = serde_json::json!({"id": format!("n{i}"), "title": generate::title(&mut rng), "text": article(&mut rng, i)});
        text.push_str(&line.to_string());
        text.push('\n');
    }
    text.push_str("{not json\n");
    fs::write(path, text).unwrap();
    CorpusSource::resolve(Some(path)).unwrap()
}

fn catalog_file(cache: &Path, source: &CorpusSource) -> PathBuf {
    catalog::path_for(cache, &source.key())
}

fn same(a: &Opened, b: &Opened) {
    assert_eq!(a.articles, b.articles);
    assert_eq!(a.found, b.found);
    assert_eq!(a.skipped, b.skipped);
    // Signatures come back from the catalog as they were taken: a reopen groups the same.
    assert_eq!(a.sigs, b.sigs);
    if !a.articles.is_empty() && a.found.len() == a.articles.len() {
        assert_eq!(a.sigs.len(), a.articles.len(), "a signature per article");
        assert!(
            a.sigs.iter().any(dossier::dups::Signature::judged),
            "news-length texts are judged"
        );
    }
}

#[test]
fn a_second_open_of_a_folder_reads_and_extracts_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let source = folder(&tmp.path().join("corpus"), 40);
    let cache = tmp.path().join("cache");
    let first = open(&source, Some(&cache));
    assert_eq!(
        (first.outcome.extracted, first.outcome.reused, first.outcome.unread),
        (40, 0, 0)
    );
    assert!(first.outcome.saved);
    assert!(
        first.found.iter().any(|f| !f.is_empty()),
        "the corpus names people and places"
    );
    let second = open(&source, Some(&cache));
    assert_eq!(
        (second.outcome.extracted, second.outcome.reused, second.outcome.unread),
        (0, 40, 40)
    );
    same(&first, &second);
    assert_eq!(
        second.skipped,
        vec!["binary.txt".to_string()],
        "skipped files are still named"
    );
}

#[test]
fn a_second_open_of_a_jsonl_file_is_served_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let source = jsonl(&tmp.path().join("news.jsonl"), 30);
    let cache = tmp.path().join("cache");
    let first = open(&source, Some(&cache));
    assert!(!first.outcome.served);
    assert_eq!(first.outcome.extracted, 30);
    let second = open(&source, Some(&cache));
    assert!(second.outcome.served, "{:?}", second.outcome);
    assert_eq!(second.outcome.extracted, 0);
    same(&first, &second);
    // Without a cache at all: the same.
    same(&first, &open(&source, None));
}

#[test]
fn edited_added_and_deleted_files_are_each_picked_up() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    let source = folder(&dir, 40);
    let cache = tmp.path().join("cache");
    open(&source, Some(&cache));
    fs::write(
        dir.join("a005.txt"),
        "Edited\n\nThe mayor of Wellington, Tory Whanau, met Jacinda Ardern in Auckland on Monday.\n",
    )
    .unwrap();
    fs::write(
        dir.join("new.txt"),
        "Added\n\nAngela Merkel spoke in Hamburg about the Bundestag.\n",
    )
    .unwrap();
    fs::remove_file(dir.join("a010.txt")).unwrap();
    let after = open(&source, Some(&cache));
    assert_eq!(after.articles.len(), 40, "one deleted, one added");
    assert_eq!(after.outcome.unread, 38, "only the edited and the added file are read");
    assert_eq!(after.outcome.extracted, 2);
    assert_eq!(after.outcome.reused, 38);
    assert!(!after.articles.iter().any(|a| a.id == "a010.txt"));
    let names = |id: &str| -> Vec<String> {
        let i = after.articles.iter().position(|a| a.id == id).unwrap();
        after.found[i].iter().map(|f| f.name.clone()).collect()
    };
    assert!(
        names("a005.txt").contains(&"Jacinda Ardern".to_string()),
        "{:?}",
        names("a005.txt")
    );
    assert!(
        names("new.txt").contains(&"Angela Merkel".to_string()),
        "{:?}",
        names("new.txt")
    );
    let edited = after.articles.iter().find(|a| a.id == "a005.txt").unwrap();
    assert_eq!(edited.title, "Edited");
    // And the catalog now holds the new state.
    let again = open(&source, Some(&cache));
    assert_eq!(again.outcome.extracted, 0);
    same(&after, &again);
}

#[test]
fn a_jsonl_line_rewritten_in_place_with_the_same_length_and_time_is_seen() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("news.jsonl");
    let source = jsonl(&path, 20);
    let cache = tmp.path().join("cache");
    let first = open(&source, Some(&cache));
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path).unwrap();
    // Same length, same title, same id: only the text differs, and the time is put back.
    let at = text.find("Reported by Desk 3.").unwrap();
    let edited = format!(
        "{}Reported by Kyiv 3.{}",
        &text[..at],
        &text[at + "Reported by Desk 3.".len()..]
    );
    assert_eq!(edited.len(), text.len());
    fs::write(&path, edited).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let second = open(&source, Some(&cache));
    assert!(!second.outcome.served, "the rewrite went unseen");
    assert_eq!(second.outcome.extracted, 1, "{:?}", second.outcome);
    let i = second.articles.iter().position(|a| a.id == "n3").unwrap();
    assert_ne!(first.articles[i].content, second.articles[i].content);
    assert!(
        second.found[i].iter().any(|f| f.name == "Kyiv"),
        "{:?}",
        second.found[i]
    );
}

/// Damage done to a catalog file.
type Damage = fn(&mut Vec<u8>);

/// Damage done to a catalog file, by name.
fn damages() -> Vec<(&'static str, Damage)> {
    vec![
        ("a flipped byte", |b| {
            let at = b.len() * 2 / 3;
            b[at] ^= 0x40;
        }),
        ("cut short", |b| b.truncate(b.len() / 2)),
        ("cut in its header", |b| b.truncate(12)),
        ("another format version", |b| b[8] = b[8].wrapping_add(1)),
        ("another extractor version", |b| b[12] = b[12].wrapping_add(1)),
        ("bytes after the end", |b| b.extend_from_slice(b"tail")),
        ("empty", Vec::clear),
        ("not a catalog", |b| *b = b"{\"articles\": []}".to_vec()),
    ]
}

#[test]
fn a_catalog_that_cannot_be_trusted_is_rebuilt_and_equals_a_fresh_build() {
    let tmp = tempfile::tempdir().unwrap();
    for (kind, source) in [
        ("folder", folder(&tmp.path().join("corpus"), 25)),
        ("jsonl", jsonl(&tmp.path().join("news.jsonl"), 25)),
    ] {
        let fresh = open(&source, None);
        for (name, damage) in damages() {
            let cache = tmp.path().join(format!("cache-{kind}-{}", name.replace(' ', "-")));
            open(&source, Some(&cache));
            let file = catalog_file(&cache, &source);
            let mut bytes = fs::read(&file).unwrap();
            damage(&mut bytes);
            fs::write(&file, bytes).unwrap();
            let reopened = open(&source, Some(&cache));
            assert!(reopened.outcome.distrusted.is_some(), "{kind}, {name}: trusted");
            assert_eq!(reopened.outcome.extracted, 25, "{kind}, {name}: {:?}", reopened.outcome);
            same(&fresh, &reopened);
            assert!(reopened.outcome.saved, "{kind}, {name}: not rewritten");
            let third = open(&source, Some(&cache));
            assert_eq!(
                third.outcome.extracted, 0,
                "{kind}, {name}: the rebuilt catalog is not used"
            );
        }
    }
}

#[test]
fn a_folder_where_the_catalog_belongs_is_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let source = folder(&tmp.path().join("corpus"), 5);
    let cache = tmp.path().join("cache");
    fs::create_dir_all(catalog_file(&cache, &source)).unwrap();
    let first = open(&source, Some(&cache));
    assert!(first.outcome.distrusted.is_some());
    assert!(first.outcome.saved);
    assert_eq!(open(&source, Some(&cache)).outcome.extracted, 0);
}

#[test]
fn two_instances_at_once_both_open_and_the_catalog_stays_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let source = jsonl(&tmp.path().join("news.jsonl"), 300);
    let cache = tmp.path().join("cache");
    let fresh = open(&source, None);
    for _ in 0..3 {
        let _ = fs::remove_file(catalog_file(&cache, &source));
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| open(&source, Some(&cache)));
            let b = s.spawn(|| open(&source, Some(&cache)));
            (a.join().unwrap(), b.join().unwrap())
        });
        same(&fresh, &a);
        same(&fresh, &b);
        let after = open(&source, Some(&cache));
        assert!(after.outcome.served, "{:?}", after.outcome);
        same(&fresh, &after);
    }
    // A reader while another writes: it reads the whole old catalog or the whole new one.
    std::thread::scope(|s| {
        let writer = s.spawn(|| {
            for _ in 0..5 {
                let _ = fs::remove_file(catalog_file(&cache, &source));
                open(&source, Some(&cache));
            }
        });
        while !writer.is_finished() {
            let read = open(&source, Some(&cache));
            assert!(read.outcome.distrusted.is_none(), "{:?}", read.outcome);
            same(&fresh, &read);
            std::thread::sleep(Duration::from_millis(1));
        }
        writer.join().unwrap();
    });
}

#[test]
fn a_catalog_is_private_to_the_user() {
    let tmp = tempfile::tempdir().unwrap();
    let source = jsonl(&tmp.path().join("news.jsonl"), 3);
    let cache = tmp.path().join("cache");
    open(&source, Some(&cache));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(catalog_file(&cache, &source))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "mode {mode:o}");
    }
}

#[test]
fn a_command_that_wants_no_entities_still_keeps_the_catalog_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("news.jsonl");
    let source = jsonl(&path, 20);
    let cache = tmp.path().join("cache");
    let first = open(&source, Some(&cache));
    let unwanted = |source: &CorpusSource| {
        let (opened, passes) = open_with(source, Some(&cache), Share::unwanted(2));
        (opened.articles, opened.outcome, passes)
    };
    let (articles, outcome, passes) = unwanted(&source);
    assert!(outcome.served);
    assert_eq!(articles, first.articles);
    assert_eq!(passes, 0, "entities were decoded and sent though nobody wanted them");
    // Changed: the kept entities are read after all, reused, and written back whole.
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("{\"id\": \"late\", \"title\": \"Late\", \"text\": \"Boris Johnson visited Paris.\"}\n");
    fs::write(&path, text).unwrap();
    let (_, outcome, _) = unwanted(&source);
    assert_eq!((outcome.reused, outcome.extracted), (20, 1), "{outcome:?}");
    let after = open(&source, Some(&cache));
    assert!(after.outcome.served);
    assert_eq!(after.found[..20], first.found[..]);
}
