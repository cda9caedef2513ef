//! Live-filter benchmark: keystroke-to-frame and keystroke-to-settled latency while typing a
//! query into the real App (drawn into a TestBackend), and `dossier --filter` beside
//! `fzf --filter` on the same titles.
//!
//! Run: `cargo bench --bench filter` (sizes default to 100000 and 1000000; pass others as
//! arguments, and `--no-cli` to skip the `--filter` comparison).

mod common;

use std::{
    io::Write,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use common::{Rng, ms, peak_rss_mib, percentile};
use dossier::{
    app::{Action, App, Edit},
    effects::Runtime,
    entities::{
        Kind,
        corpus::{Found, Pass},
    },
    store::{ArticleMeta, CorpusSource, Format, LoadEvent, LoadOptions, Origin},
    ui::{self, theme::Theme},
};
use ratatui::{Terminal, backend::TestBackend};

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
                author: None,
                date: Some(format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
                words: 500,
                truncated: false,
                format: Format::Text,
                origin: Origin::Seed(0),
            }
        })
        .collect();
    (articles, found)
}

struct Bench {
    app: App,
    rt: Runtime,
    term: Terminal<TestBackend>,
}

impl Bench {
    fn new((articles, found): (Vec<ArticleMeta>, Vec<Vec<Found>>)) -> Self {
        let mut app = App::new(CorpusSource::Seeds, Theme::colour());
        let mut rt = Runtime::new(LoadOptions::default());
        app.update(Action::Resize(100, 30));
        let mut events: Vec<LoadEvent> = articles.into_iter().map(|a| LoadEvent::Article(Box::new(a))).collect();
        events.push(LoadEvent::Done);
        let fx = app.update(Action::Loaded(events));
        // The bench corpus has no files behind it: only the matcher effects are wanted.
        let fx = fx
            .into_iter()
            .filter(|e| !matches!(e, dossier::app::Effect::LoadDocument { .. }))
            .collect();
        rt.run(&mut app, fx);
        let fx = app.update(Action::EntityPass(Pass::Found { first: 0, found }));
        rt.run(&mut app, fx);
        rt.settle(&mut app);
        let term = Terminal::new(TestBackend::new(100, 30)).unwrap();
        Self { app, rt, term }
    }

    /// One keystroke the way the event loop handles it: update, effects, tick, draw.
    fn key(&mut self, action: Action) -> Duration {
        let start = Instant::now();
        let fx = self.app.update(action);
        let fx = fx
            .into_iter()
            .filter(|e| !matches!(e, dossier::app::Effect::LoadDocument { .. }))
            .collect();
        self.rt.run(&mut self.app, fx);
        self.rt.tick(&mut self.app, 4);
        self.term.draw(|f| ui::view(&self.app, f)).unwrap();
        start.elapsed()
    }

    fn settle_from(&mut self, start: Instant) -> Duration {
        while self.rt.tick(&mut self.app, 1).1 {}
        self.term.draw(|f| ui::view(&self.app, f)).unwrap();
        start.elapsed()
    }

    fn clear(&mut self) {
        self.key(Action::Edit(Edit::Clear));
        self.settle_from(Instant::now());
    }
}

fn typing(n: usize) {
    let t0 = Instant::now();
    let articles = corpus(n);
    let mut bench = Bench::new(articles);
    println!(
        "  {n} titles generated and indexed in {:.2} s",
        t0.elapsed().as_secs_f64()
    );
    bench.key(Action::StartFilter);

    // Typing and waiting for each result: frame latency and settled latency.
    let (mut frames, mut settled) = (Vec::new(), Vec::new());
    for _ in 0..REPEATS {
        bench.clear();
        for c in QUERY.chars() {
            let start = Instant::now();
            frames.push(bench.key(Action::Edit(Edit::Insert(c))));
            settled.push(bench.settle_from(start));
        }
    }
    // Typing fast: the next key arrives while the matcher is still working.
    let mut fast = Vec::new();
    for _ in 0..REPEATS {
        bench.clear();
        for c in QUERY.chars() {
            let start = Instant::now();
            fast.push(bench.key(Action::Edit(Edit::Insert(c))));
            while start.elapsed() < FAST_TYPING {
                bench.rt.tick(&mut bench.app, 1);
            }
        }
        bench.settle_from(Instant::now());
    }
    let matches = bench.app.row_count();
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
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    for n in sizes {
        println!("\n{n} articles");
        typing(n);
        if compare_cli {
            filter_vs_fzf(n);
        }
    }
}
