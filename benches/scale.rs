//! Scale benchmark: a generated corpus shaped like the seeds (a headline, 4–12 paragraphs of
//! about 500 words with people, organisations, places and a long tail of rarer words), as a
//! folder of files and as JSON Lines, opened the way the app opens it: the background loader
//! streams articles, then entity extraction and the full-text index build run, while the UI
//! thread handles keystrokes and draws.
//!
//! Every run is a child process, so its peak RSS is its own. Each corpus is opened twice with
//! the same cache directory: first with no index (it is built), then again (it is reused).
//!
//! Run: `cargo bench --bench scale` (10000 articles; pass other sizes as arguments, e.g.
//! `cargo bench --bench scale -- 10000 100000 1000000`). Set `DOSSIER_BENCH_DIR` to keep the
//! generated corpora between runs, and `DOSSIER_BENCH_UNTIL=loaded` to stop each run once the
//! corpus is loaded, and `DOSSIER_BENCH_ONLY=streams` to time only the loading of the archive
//! formats (JSON Lines plain, .gz and .zst, a CSV, a WARC.gz crawl).

// A benchmark that cannot set itself up should stop loudly, where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// Generated sizes and counts are small: the casts of a benchmark lose nothing measured.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap)]

mod common;

use std::{
    io::Write,
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use common::{
    Rng,
    looped::{BenchHost, Shared},
    ms, peak_rss_mib, percentile,
};
use dossier::{
    app::{Action, App, Edit, Event},
    fulltext::{self, SearchIndex, worker::IndexStatus},
    runtime::Runtime,
    store::{self, CorpusSource, LoadOptions},
};

/// Pages in the generated crawl (each about 20 KB of HTML).
const CRAWL_PAGES: usize = 20_000;

fn article(rng: &mut Rng) -> String {
    let mut text = common::title(rng);
    text.push('\n');
    for _ in 0..4 + rng.below(9) {
        let words = 40 + rng.below(40) as usize;
        text.push_str(&common::news_paragraph(rng, words));
        text.push('\n');
    }
    text
}

/// Write `n` articles as a folder (100 per sub-folder) and as one JSON Lines file, unless a
/// finished earlier generation is there. Returns the bytes of text.
fn generate(n: usize, dir: &Path) -> u64 {
    let done = dir.join("generated");
    if let Ok(bytes) = std::fs::read_to_string(&done) {
        return bytes.trim().parse().unwrap_or(0);
    }
    let mut rng = Rng::new(11);
    let mut jsonl = std::io::BufWriter::new(std::fs::File::create(dir.join("corpus.jsonl")).unwrap());
    // The same articles as a spreadsheet, and (at most CRAWL_PAGES of them) as a crawl of web
    // pages: far more bytes a page, so fewer of them make the point.
    let mut csv = std::io::BufWriter::new(std::fs::File::create(dir.join("corpus.csv")).unwrap());
    writeln!(csv, "id,title,date,url,publication,content").unwrap();
    let mut warc = std::io::BufWriter::new(std::fs::File::create(dir.join("crawl.warc.gz")).unwrap());
    // The same articles with one id for all, as some exports give (each repeat gets a suffix).
    let mut same = std::io::BufWriter::new(std::fs::File::create(dir.join("same-id.jsonl")).unwrap());
    let mut bytes = 0u64;
    for i in 0..n {
        let text = article(&mut rng);
        bytes += text.len() as u64;
        let sub = dir.join("folder").join(format!("{:05}", i / 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        std::fs::write(sub.join(format!("{i:07}.txt")), &text).unwrap();
        let (title, body) = text.split_once('\n').unwrap();
        writeln!(
            jsonl,
            "{}",
            serde_json::json!({"id": i.to_string(), "title": title, "text": body})
        )
        .unwrap();
        writeln!(
            same,
            "{}",
            serde_json::json!({"id": "same", "title": title, "text": body})
        )
        .unwrap();
        let field = common::pages::csv_field;
        writeln!(
            csv,
            "{i},{},2024-03-{:02},https://daily.example/news/{i},The Daily Example,{}",
            field(title),
            i % 28 + 1,
            field(&body.replace('\n', "\n\n"))
        )
        .unwrap();
        if i < CRAWL_PAGES {
            let paras: Vec<&str> = body.lines().collect();
            common::pages::warc_page(&mut warc, i, &common::pages::page(i, title, &paras));
        }
    }
    jsonl.flush().unwrap();
    same.flush().unwrap();
    csv.flush().unwrap();
    warc.flush().unwrap();
    drop((jsonl, same, csv, warc));
    compress(dir);
    std::fs::write(done, bytes.to_string()).unwrap();
    bytes
}

/// The JSON Lines corpus compressed as people ship dumps: gzip at its default level, zstd.
fn compress(dir: &Path) {
    let plain = std::fs::read(dir.join("corpus.jsonl")).unwrap();
    let gz = std::fs::File::create(dir.join("corpus.jsonl.gz")).unwrap();
    let mut enc = flate2::write::GzEncoder::new(std::io::BufWriter::new(gz), flate2::Compression::default());
    enc.write_all(&plain).unwrap();
    enc.finish().unwrap().flush().unwrap();
    let zst = ruzstd::encoding::compress_to_vec(&plain[..], ruzstd::encoding::CompressionLevel::Fastest);
    std::fs::write(dir.join("corpus.jsonl.zst"), zst).unwrap();
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phase {
    Loading,
    /// Loaded; entities and the index still being built.
    Building,
    Ready,
}

fn phase(app: &App) -> Phase {
    if app.loading.is_some() {
        Phase::Loading
    } else if entities_ready(app) && index_ready(app) {
        Phase::Ready
    } else {
        Phase::Building
    }
}

fn entities_ready(app: &App) -> bool {
    app.loading.is_none() && app.entities.progress.is_none() && !app.entities.index.per_article.is_empty()
}

fn index_ready(app: &App) -> bool {
    matches!(app.fulltext.status, Some(IndexStatus::Ready { .. }))
}

/// The next key of a typist who filters for "minister", clears it and starts again.
fn key_action(n: usize) -> Action {
    const QUERY: &str = "minister";
    let at = n % (QUERY.len() * 2);
    match QUERY.chars().nth(at) {
        Some(c) => Action::Edit(Edit::Insert(c)),
        None => Action::Edit(Edit::Backspace),
    }
}

fn p99(samples: &mut [Duration]) -> String {
    samples.sort();
    if samples.is_empty() {
        "-".into()
    } else {
        format!("{} ms (n={})", ms(percentile(samples, 99.0)), samples.len())
    }
}

/// When each milestone of an open was first seen on a frame, from the start.
#[derive(Default, Clone, Copy)]
struct Milestones {
    first_frame: Option<Duration>,
    loaded: Option<Duration>,
    entities: Option<Duration>,
    indexed: Option<Duration>,
    grouped: Option<Duration>,
}

impl Milestones {
    fn see(&mut self, app: &App, now: Duration) {
        self.first_frame.get_or_insert(now);
        if self.loaded.is_none() && app.loading.is_none() {
            self.loaded = Some(now);
        }
        if self.entities.is_none() && entities_ready(app) {
            self.entities = Some(now);
        }
        if self.indexed.is_none() && index_ready(app) {
            self.indexed = Some(now);
        }
        if self.grouped.is_none() && app.copies.known {
            self.grouped = Some(now);
        }
    }

    fn ready(&self) -> Option<Duration> {
        Some(self.entities?.max(self.indexed?))
    }
}

/// One open of the corpus through the app's own loop, with keys "typed" at 25–45 ms intervals
/// (stamped when sent: the time until the frame showing them is what a user feels); prints its
/// figures.
fn child(label: &str, path: &Path, cache: &Path) {
    let source = CorpusSource::resolve(Some(path)).unwrap();
    let start = Instant::now();
    let mut app = App::new(source);
    let mut rt = Runtime::new(LoadOptions::default());
    rt.cache_dir = Some(cache.to_path_buf());
    rt.update(&mut app, Event::Resize(120, 40));
    let shared = Arc::new(Shared::default());
    let seen = Arc::new(Mutex::new(Milestones::default()));
    let mut host = BenchHost::new(120, 40, shared.clone());
    host.phase = |app| phase(app) as usize;
    let watched = seen.clone();
    host.watch = Box::new(move |app| watched.lock().unwrap().see(app, start.elapsed()));
    rt.set_host(Box::new(host));
    rt.spawn_loader(&app);
    rt.update(&mut app, Action::StartFilter);
    // `DOSSIER_BENCH_UNTIL=loaded`: stop once loaded (for a quick look at the largest sizes).
    let only_loading = std::env::var("DOSSIER_BENCH_UNTIL").is_ok_and(|v| v == "loaded");
    let (tx, typist_shared, typist_seen) = (rt.sender(), shared.clone(), seen.clone());
    let typist = std::thread::spawn(move || {
        let mut rng = Rng::new(99);
        for pressed in 0.. {
            std::thread::sleep(Duration::from_millis(25 + rng.below(20)));
            let m = *typist_seen.lock().unwrap();
            let done = m.ready().is_some_and(|r| start.elapsed() > r + Duration::from_secs(4));
            if done || (only_loading && m.loaded.is_some()) {
                typist_shared.key(&tx, Action::Quit);
                return;
            }
            typist_shared.key(&tx, key_action(pressed));
        }
    });
    rt.drive(&mut app).unwrap();
    typist.join().unwrap();
    let m = *seen.lock().unwrap();
    let show = |d: Option<Duration>| d.map_or("-".to_string(), |d| format!("{:.2} s", d.as_secs_f64()));
    println!(
        "  {label:<14} first frame {} ms · fully loaded {} · entities ready {} · copies grouped {} · index ready {} · {} articles",
        ms(m.first_frame.unwrap_or_default()),
        show(m.loaded),
        show(m.entities),
        show(m.grouped),
        show(m.indexed),
        app.articles.len()
    );
    let mut latencies: [Vec<Duration>; 3] = Default::default();
    shared.with(|s| {
        for &(_, latency, phase) in &s.frames {
            latencies[phase].push(latency);
        }
    });
    let [loading, building, ready] = &mut latencies;
    println!(
        "  {:<14} keystroke→frame p99: loading {} · building {} · ready {}",
        "",
        p99(loading),
        p99(building),
        p99(ready)
    );
    if let Some(loaded) = m.loaded.filter(|_| path.is_file()) {
        let input = std::fs::metadata(path).map_or(0, |m| m.len());
        let secs = loaded.as_secs_f64();
        // For a compressed file, also the rate of what it holds (HTML, for a crawl).
        let decoded = store::compression::decode(
            std::fs::File::open(path).unwrap(),
            store::compression::Compression::of_name(path),
        )
        .ok()
        .and_then(|(mut r, _)| std::io::copy(&mut r, &mut std::io::sink()).ok())
        .filter(|&n| n != input)
        .map_or(String::new(), |n| {
            format!(
                " ({:.1} MB/s of the {:.0} MB it holds)",
                n as f64 / 1e6 / secs,
                n as f64 / 1e6
            )
        });
        println!(
            "  {:<14} read {:.1} MB/s of input{decoded} · {:.0} articles/s",
            "",
            input as f64 / 1e6 / secs,
            app.articles.len() as f64 / secs
        );
    }
    if !only_loading {
        search_latency(&app, cache);
    }
    let catalog = dossier::catalog::path_for(cache, &app.source.key());
    println!(
        "  {:<14} peak RSS {:.0} MiB · catalog {:.0} MB on disk",
        "",
        peak_rss_mib(),
        std::fs::metadata(catalog).map_or(0, |m| m.len()) as f64 / 1e6
    );
}

/// Wall time of a command, best of `runs` (the one least disturbed by the rest of the machine).
fn wall(runs: usize, make: &dyn Fn() -> std::process::Command) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            let out = make().stdout(std::process::Stdio::null()).status().unwrap();
            assert!(out.code().is_some_and(|c| c <= 1), "{out:?}");
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// The command-line filter and search on the JSON Lines corpus, cold (no catalog, no index)
/// and warm, beside `fzf --filter` on the same titles.
fn command_line(dir: &Path) {
    let corpus = dir.join("corpus.jsonl");
    let (articles, _) = store::load_all(&CorpusSource::resolve(Some(&corpus)).unwrap(), &LoadOptions::default());
    let titles = dir.join("titles.txt");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&titles).unwrap());
    for a in &articles {
        writeln!(out, "{}\t{}", a.id, a.title).unwrap();
    }
    drop(out);
    let cache = tempfile::tempdir().unwrap();
    let dossier = |args: &[&str]| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"));
        c.args(args).arg("--cache-dir").arg(cache.path()).arg(&corpus);
        c
    };
    let cold_runs = usize::from(articles.len() <= 200_000);
    let query = "minister summit";
    println!("\n  the command line on corpus.jsonl ({} titles):", articles.len());
    if cold_runs > 0 {
        let cold = wall(1, &|| dossier(&["--filter", query]));
        println!(
            "  {:<14} dossier --filter cold (catalog built) {:.2} s",
            "",
            cold.as_secs_f64()
        );
        let cold = wall(1, &|| dossier(&["--search", "minister"]));
        println!(
            "  {:<14} dossier --search cold (index built) {:.2} s",
            "",
            cold.as_secs_f64()
        );
    } else {
        // Build both without timing them, so the warm runs below are warm.
        wall(1, &|| dossier(&["--search", "minister"]));
    }
    // fzf is the peer, not a dependency: without it, dossier's figures alone.
    let has_fzf = std::process::Command::new("fzf").arg("--version").output().is_ok();
    for query in ["minister summit", "kyiv", "'nato ^the"] {
        if !has_fzf {
            let warm = wall(3, &|| dossier(&["--filter", query]));
            println!(
                "  {:<14} --filter {query:<16} dossier warm {} ms · fzf not installed",
                "",
                ms(warm)
            );
            continue;
        }
        let fzf = wall(3, &|| {
            let mut c = std::process::Command::new("fzf");
            c.args(["--filter", query]).stdin(std::fs::File::open(&titles).unwrap());
            c
        });
        let warm = wall(3, &|| dossier(&["--filter", query]));
        println!(
            "  {:<14} --filter {query:<16} dossier warm {} ms · fzf --filter {} ms",
            "",
            ms(warm),
            ms(fzf)
        );
    }
    for query in ["minister", "\"prime minister\"", "summit -nato"] {
        let warm = wall(3, &|| dossier(&["--search", query]));
        println!("  {:<14} --search {query:<16} dossier warm {} ms", "", ms(warm));
    }
}

/// Queries a reader might type: single words across the frequency range, pairs of them, and
/// two-word phrases taken from the articles themselves (so they occur).
fn queries(app: &App) -> [(&'static str, Vec<String>); 3] {
    let mut rng = Rng::new(2024);
    let word = |rng: &mut Rng| match rng.below(4) {
        0 => rng.pick(common::WORDS[15..].as_ref()).to_string(),
        1 => rng.pick(common::PLACES).to_string(),
        _ => common::vocab_word(common::zipf_rank(rng)),
    };
    let one: Vec<String> = (0..200).map(|_| word(&mut rng)).collect();
    let two: Vec<String> = (0..200)
        .map(|_| format!("{} {}", word(&mut rng), word(&mut rng)))
        .collect();
    let mut phrases = Vec::new();
    while phrases.len() < 200 {
        let i = rng.below(app.articles.len() as u64) as usize;
        let Ok(body) = store::read_body(&app.source, &app.articles[i], &LoadOptions::default()) else {
            continue;
        };
        let words: Vec<&str> = body.split_whitespace().collect();
        let at = rng.below(words.len().saturating_sub(1).max(1) as u64) as usize;
        if let [a, b] = &words[at..(at + 2).min(words.len())] {
            let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            phrases.push(format!("\"{} {}\"", clean(a), clean(b)));
        }
    }
    [("one word", one), ("two words", two), ("phrase", phrases)]
}

fn search_latency(app: &App, cache: &Path) {
    let dir = fulltext::dir_for(cache, &app.source.key());
    let Ok(index) = SearchIndex::open(&dir) else {
        println!("  search: index not openable");
        return;
    };
    let mut parts = Vec::new();
    for (kind, queries) in queries(app) {
        let mut times = Vec::new();
        let mut hits = 0usize;
        for q in &queries {
            let t = Instant::now();
            let prepared = index.prepare(q).unwrap();
            let (found, total) = index.search(&prepared, fulltext::worker::RESULT_LIMIT).unwrap();
            times.push(t.elapsed());
            hits += total;
            std::hint::black_box(found);
        }
        times.sort();
        parts.push(format!(
            "{kind} p50 {} / p99 {} ms (avg {} hits)",
            ms(percentile(&times, 50.0)),
            ms(percentile(&times, 99.0)),
            hits / queries.len()
        ));
    }
    println!("  {:<14} search: {}", "", parts.join(" · "));
    println!(
        "  {:<14} index {:.0} MB on disk, {} documents",
        "",
        index.size_on_disk() as f64 / 1e6,
        index.num_docs()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--child") {
        let (label, path, cache) = (&args[at + 1], &args[at + 2], &args[at + 3]);
        child(label, Path::new(path), Path::new(cache));
        return;
    }
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![10_000] } else { sizes };
    println!(
        "scale benchmark · {} cores",
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    );
    let keep = std::env::var_os("DOSSIER_BENCH_DIR").map(PathBuf::from);
    for n in sizes {
        let temp = tempfile::tempdir().unwrap();
        let dir = keep
            .as_ref()
            .map_or_else(|| temp.path().to_path_buf(), |k| k.join(n.to_string()));
        std::fs::create_dir_all(&dir).unwrap();
        let t = Instant::now();
        let bytes = generate(n, &dir);
        println!(
            "\n{n} articles, {:.0} MB of text (ready in {:.1} s)",
            bytes as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
        // `DOSSIER_BENCH_ONLY=streams`: only the loading of each archive (below).
        let streams_only = std::env::var("DOSSIER_BENCH_ONLY").is_ok_and(|v| v == "streams");
        for format in ["folder", "corpus.jsonl"].into_iter().filter(|_| !streams_only) {
            let cache = tempfile::tempdir().unwrap();
            for open in ["first open", "second open"] {
                run_child(&format!("{format} {open}"), &dir.join(format), cache.path(), false);
            }
        }
        if !streams_only {
            command_line(&dir);
        }
        // Archives read as streams: loading only (the passes after it are the same as above).
        println!("\n  loading only, each through the app's loader:");
        for format in [
            "corpus.jsonl",
            "corpus.jsonl.gz",
            "corpus.jsonl.zst",
            "same-id.jsonl",
            "corpus.csv",
            "crawl.warc.gz",
        ] {
            let cache = tempfile::tempdir().unwrap();
            run_child(format, &dir.join(format), cache.path(), true);
        }
    }
}

fn run_child(label: &str, path: &Path, cache: &Path, only_loading: bool) {
    let mut command = std::process::Command::new(std::env::current_exe().unwrap());
    command.args(["--child", label]).arg(path).arg(cache);
    if only_loading {
        command.env("DOSSIER_BENCH_UNTIL", "loaded");
    }
    let status = command.status().unwrap();
    assert!(status.success(), "the {label} run failed");
}
