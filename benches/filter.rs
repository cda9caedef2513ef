//! Live-filter benchmark: keystroke-to-frame and keystroke-to-settled latency while typing a
//! query into the real App through the real event loop (drawn into a `TestBackend`), and
//! `dossier --filter` beside `fzf --filter` on the same titles.
//!
//! Run: `cargo bench --bench filter` (sizes default to 100000 and 1000000; pass others as
//! arguments, and `--no-cli` to skip the `--filter` comparison).

// A benchmark that cannot set itself up should stop loudly, where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// Generated sizes and counts are small: the casts of a benchmark lose nothing measured.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap)]

mod common;

use std::{
    io::Write,
    process::{Command, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

use common::{
    Rng,
    looped::{BenchHost, Shared},
    ms, peak_rss_mib, percentile,
};
use dossier::{
    app::{Action, App, Edit, Event},
    entities::{
        Kind,
        corpus::{Found, Pass},
    },
    runtime::Runtime,
    store::{ArticleMeta, CorpusSource, Format, LoadEvent, LoadOptions, Origin},
};

const QUERY: &str = "secretary general stoltenberg";
const REPEATS: usize = 3;
/// Keystroke interval for the "typing fast" run: faster than most people type.
const FAST_TYPING: Duration = Duration::from_millis(40);

/// Generated articles, and the names each mentions (as the entity pass would find them).
fn corpus(n: usize) -> (Vec<ArticleMeta>, Vec<Vec<Found>>) {
    let mut rng = Rng::new(42);
    let mut found = Vec::with_capacity(n);
    let articles = (0..n)
        .map(|i| {
            let title = common::title(&mut rng);
            found.push(
                (0..4)
                    .map(|k| {
                        let (name, kind) = match k % 3 {
                            0 => (rng.pick(common::PEOPLE), Kind::Person),
                            1 => (rng.pick(common::PLACES), Kind::Place),
                            _ => (rng.pick(common::ORGS).trim_start_matches("the "), Kind::Organization),
                        };
                        Found {
                            name: name.to_string(),
                            kind,
                            mentions: 1,
                            aliases: vec![],
                        }
                    })
                    .collect(),
            );
            ArticleMeta {
                id: format!("{i:07}.txt"),
                title,
                path: format!("{i:07}.txt"),
                source: None,
                url: None,
                author: None,
                date: Some(format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
                // Dated, so the list opens newest first and draws its timeline, as a news
                // corpus does.
                published: Some(jiff::civil::date(2024, (1 + i % 12) as i8, (1 + i % 28) as i8).at(8, 0, 0, 0)),
                words: 500,
                truncated: false,
                format: Format::Text,
                // No file behind it: opening one fails at once, so the figures are the list's
                // and the matcher's alone (as they were before the loop took one channel).
                origin: Origin::File("/nonexistent/dossier-bench".into()),
                content: 0,
            }
        })
        .collect();
    (articles, found)
}

/// The app with the corpus and its names loaded, the filter line open.
fn loaded((articles, found): (Vec<ArticleMeta>, Vec<Vec<Found>>)) -> (App, Runtime) {
    let mut app = App::new(CorpusSource::Seeds);
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(100, 30));
    let mut events: Vec<LoadEvent> = articles.into_iter().map(|a| LoadEvent::Article(Box::new(a))).collect();
    events.push(LoadEvent::Done);
    rt.update(&mut app, Event::Loaded(events));
    rt.update(
        &mut app,
        Event::EntityPass(Pass::Found {
            first: 0,
            found,
            sigs: Vec::new(),
        }),
    );
    rt.settle(&mut app);
    rt.update(&mut app, Action::StartFilter);
    rt.settle(&mut app);
    (app, rt)
}

/// Which keystrokes each part of the run measures.
struct Typed {
    waited: Vec<usize>,
    fast: Vec<usize>,
}

/// The typist: the query typed key by key waiting for each result, then typed fast; each run
/// starts from a cleared line.
fn type_queries(shared: &Shared, tx: &std::sync::mpsc::Sender<dossier::runtime::Incoming>) -> Typed {
    let clear = |shared: &Shared| {
        shared.key(tx, Action::Edit(Edit::Clear));
        shared.wait_settled();
    };
    let mut waited = Vec::new();
    for _ in 0..REPEATS {
        clear(shared);
        for c in QUERY.chars() {
            waited.push(shared.key(tx, Action::Edit(Edit::Insert(c))));
            shared.wait_settled();
        }
    }
    let mut fast = Vec::new();
    for _ in 0..REPEATS {
        clear(shared);
        for c in QUERY.chars() {
            let start = Instant::now();
            fast.push(shared.key(tx, Action::Edit(Edit::Insert(c))));
            std::thread::sleep(FAST_TYPING.saturating_sub(start.elapsed()));
        }
        shared.wait_settled();
    }
    shared.key(tx, Action::Quit);
    Typed { waited, fast }
}

fn typing(n: usize) {
    let t0 = Instant::now();
    let (mut app, mut rt) = loaded(corpus(n));
    println!(
        "  {n} titles generated and indexed in {:.2} s",
        t0.elapsed().as_secs_f64()
    );
    let shared = Arc::new(Shared::default());
    rt.set_host(Box::new(BenchHost::new(100, 30, shared.clone())));
    let (tx, typist_shared) = (rt.sender(), shared.clone());
    let typist = std::thread::spawn(move || type_queries(&typist_shared, &tx));
    rt.drive(&mut app).unwrap();
    let typed = typist.join().unwrap();
    let (mut frames, mut settled, mut fast) = (Vec::new(), Vec::new(), Vec::new());
    shared.with(|s| {
        for &(k, latency, _) in &s.frames {
            if typed.waited.contains(&k) {
                frames.push(latency);
            } else if typed.fast.contains(&k) {
                fast.push(latency);
            }
        }
        settled.extend(
            s.settle_times
                .iter()
                .filter(|(k, _)| typed.waited.contains(k))
                .map(|&(_, l)| l),
        );
    });
    let matches = app.row_count();
    for v in [&mut frames, &mut settled, &mut fast] {
        v.sort();
    }
    println!(
        "  keystroke→frame (wait for results): p50 {} ms  p99 {} ms  max {} ms",
        ms(percentile(&frames, 50.0)),
        ms(percentile(&frames, 99.0)),
        ms(*frames.last().unwrap())
    );
    println!(
        "  keystroke→frame (typing every {} ms): p50 {} ms  p99 {} ms  max {} ms",
        FAST_TYPING.as_millis(),
        ms(percentile(&fast, 50.0)),
        ms(percentile(&fast, 99.0)),
        ms(*fast.last().unwrap())
    );
    println!(
        "  keystroke→settled results:          p50 {} ms  p99 {} ms  max {} ms  ({} matches for {QUERY:?})",
        ms(percentile(&settled, 50.0)),
        ms(percentile(&settled, 99.0)),
        ms(*settled.last().unwrap()),
        matches
    );
    println!("  peak RSS so far: {:.0} MiB", peak_rss_mib());
}

fn time_command(mut cmd: Command, stdin: Option<&std::path::Path>) -> Option<Duration> {
    let mut times = Vec::new();
    for _ in 0..3 {
        if let Some(path) = stdin {
            cmd.stdin(std::fs::File::open(path).ok()?);
        }
        let start = Instant::now();
        let status = cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().ok()?;
        if status.code().is_none_or(|c| c > 1) {
            return None;
        }
        times.push(start.elapsed());
    }
    times.sort();
    Some(times[1])
}

fn filter_vs_fzf(n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let titles = dir.path().join("titles.txt");
    let jsonl = dir.path().join("titles.jsonl");
    let mut rng = Rng::new(7);
    let (mut t, mut j) = (
        std::io::BufWriter::new(std::fs::File::create(&titles).unwrap()),
        std::io::BufWriter::new(std::fs::File::create(&jsonl).unwrap()),
    );
    for i in 0..n {
        let title = common::title(&mut rng);
        writeln!(t, "{title}").unwrap();
        let line = serde_json::json!({"id": i.to_string(), "title": title, "text": "."});
        writeln!(j, "{line}").unwrap();
    }
    drop((t, j));
    let mut dossier = Command::new(env!("CARGO_BIN_EXE_dossier"));
    dossier.arg("--filter").arg(QUERY).arg(&jsonl);
    let ours = time_command(dossier, None);
    let mut fzf = Command::new("fzf");
    fzf.arg("--filter").arg(QUERY);
    let theirs = time_command(fzf, Some(&titles));
    match (ours, theirs) {
        (Some(o), Some(f)) => println!(
            "  --filter wall time: dossier {} ms, fzf {} ms, ratio {:.2}× (dossier/fzf)",
            ms(o),
            ms(f),
            o.as_secs_f64() / f.as_secs_f64()
        ),
        (Some(o), None) => println!(
            "  --filter wall time: dossier {} ms (fzf not installed: apt-get install fzf)",
            ms(o)
        ),
        _ => println!("  --filter: dossier failed to run"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let compare_cli = !args.iter().any(|a| a == "--no-cli");
    let sizes = if sizes.is_empty() {
        vec![100_000, 1_000_000]
    } else {
        sizes
    };
    println!(
        "filter benchmark · {} cores · query {QUERY:?} typed one character at a time, {REPEATS} times",
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    );
    for n in sizes {
        println!("\n{n} articles");
        typing(n);
        if compare_cli {
            filter_vs_fzf(n);
        }
    }
}
