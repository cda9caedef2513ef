//! Scale benchmark: a generated corpus shaped like the seeds (a headline, 4–12 paragraphs of
//! about 500 words with people, organisations and places), as a folder of files and as JSON
//! Lines, opened the way the app opens it: the background loader streams articles, then the
//! entity pass runs, while the UI thread draws.
//!
//! Run: `cargo bench --bench scale` (10000 articles; pass other sizes as arguments).

mod common;

use std::{
    io::Write,
    time::{Duration, Instant},
};

use common::{Rng, ms, peak_rss_mib};
use dossier::{
    app::{Action, App},
    effects::Runtime,
    store::{CorpusSource, LoadOptions},
    tui::spawn_loader,
    ui::{self, theme::Theme},
};
use ratatui::{Terminal, backend::TestBackend};

fn article(rng: &mut Rng) -> String {
    let mut text = common::title(rng);
    text.push('\n');
    for _ in 0..4 + rng.below(9) {
        let words = 40 + rng.below(40) as usize;
        text.push_str(&common::paragraph(rng, words));
        text.push('\n');
    }
    text
}

/// Write `n` articles as a folder (100 per sub-folder) and as one JSON Lines file.
fn generate(n: usize, dir: &std::path::Path) -> u64 {
    let mut rng = Rng::new(11);
    let mut jsonl = std::io::BufWriter::new(std::fs::File::create(dir.join("corpus.jsonl")).unwrap());
    let mut bytes = 0u64;
    for i in 0..n {
        let text = article(&mut rng);
        bytes += text.len() as u64;
        let sub = dir.join("folder").join(format!("{:04}", i / 100));
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
    }
    bytes
}

fn open(label: &str, source: CorpusSource) {
    let start = Instant::now();
    let mut app = App::new(source, Theme::colour());
    let mut rt = Runtime::new(LoadOptions::default());
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    app.update(Action::Resize(120, 40));
    let loader = spawn_loader(app.source.clone(), rt.opts.clone(), None);
    term.draw(|f| ui::view(&app, f)).unwrap();
    let first_frame = start.elapsed();
    let (mut first_article, mut loaded, mut entities) = (None, None, None);
    while entities.is_none() {
        match loader.recv_timeout(Duration::from_millis(5)) {
            Ok(action) => {
                let fx = app.update(action);
                rt.run(&mut app, fx);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(_) => break,
        }
        rt.tick(&mut app, 0);
        if first_article.is_none() && !app.articles.is_empty() {
            term.draw(|f| ui::view(&app, f)).unwrap();
            first_article = Some(start.elapsed());
        }
        if loaded.is_none() && app.loading.is_none() {
            loaded = Some(start.elapsed());
        }
        if loaded.is_some() && app.entities.progress.is_none() && !app.entities.index.per_article.is_empty() {
            entities = Some(start.elapsed());
        }
    }
    let show = |d: Option<Duration>| d.map_or("-".to_string(), |d| format!("{} ms", ms(d)));
    println!(
        "  {label:<7} first frame {} ms · first article listed {} · fully loaded {} · entities ready {} · {} articles",
        ms(first_frame),
        show(first_article),
        show(loaded),
        show(entities),
        app.articles.len()
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![10_000] } else { sizes };
    println!(
        "scale benchmark · {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    for n in sizes {
        let dir = tempfile::tempdir().unwrap();
        let t = Instant::now();
        let bytes = generate(n, dir.path());
        println!(
            "\n{n} articles, {:.0} MB of text (generated in {:.1} s)",
            bytes as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
        open(
            "folder",
            CorpusSource::resolve(Some(&dir.path().join("folder"))).unwrap(),
        );
        open(
            "jsonl",
            CorpusSource::resolve(Some(&dir.path().join("corpus.jsonl"))).unwrap(),
        );
        println!("  peak RSS of this process (both runs): {:.0} MiB", peak_rss_mib());
    }
}
