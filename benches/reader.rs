//! Reader benchmark: a 10 MB article opens, wraps and scrolls like a short one, because lines
//! are wrapped once per (article, width) and only the visible ones are drawn.
//!
//! Run: `cargo bench --bench reader`

// A benchmark that cannot set itself up should stop loudly, where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// Generated sizes and counts are small: the casts of a benchmark lose nothing measured.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap)]

mod common;

use std::time::{Duration, Instant};

use common::{Rng, ms, percentile};
use dossier::{
    app::{Action, App, Event},
    runtime::Runtime,
    store::{CorpusSource, LoadOptions},
    ui::{self, theme::Theme},
};
use ratatui::{Terminal, backend::TestBackend};

fn article(bytes: usize, rng: &mut Rng) -> String {
    let mut text = String::from("A very long article\n");
    while text.len() < bytes {
        text.push_str(&common::paragraph(rng, 120));
        text.push('\n');
    }
    text
}

fn measure(label: &str, size: usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng::new(3);
    std::fs::write(dir.path().join("z-long.txt"), article(size, &mut rng)).unwrap();
    std::fs::write(dir.path().join("short.txt"), article(4_000, &mut rng)).unwrap();
    let source = CorpusSource::resolve(Some(dir.path())).unwrap();
    let mut app = App::new(source);
    let theme = Theme::colour();
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(120, 40));
    let start = Instant::now();
    rt.load_sync(&mut app);
    let loaded = start.elapsed();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    // Article 0 (short.txt, name order) is open after the load; this is the first open of the
    // long one: read, sanitise, parse, extract its entities, wrap, draw.
    let start = Instant::now();
    rt.act(&mut app, [Action::Down, Action::Open]);
    term.draw(|f| ui::view(&app, &theme, f)).unwrap();
    let opened = start.elapsed();
    let lines = app.reader.as_ref().map_or(0, |r| r.lines.len());
    let mut frames: Vec<Duration> = Vec::new();
    for action in std::iter::repeat_n(Action::PageDown, 200).chain([Action::Bottom, Action::Top]) {
        let start = Instant::now();
        rt.act(&mut app, [action]);
        term.draw(|f| ui::view(&app, &theme, f)).unwrap();
        frames.push(start.elapsed());
    }
    let start = Instant::now();
    rt.update(&mut app, Event::Resize(160, 40));
    rt.settle(&mut app);
    term.resize(ratatui::layout::Rect::new(0, 0, 160, 40)).unwrap();
    term.draw(|f| ui::view(&app, &theme, f)).unwrap();
    let rewrap = start.elapsed();
    frames.sort();
    println!(
        "{label:>8}: load + entity pass {} ms · first open {} ms ({lines} lines) · scroll frame p50 {} ms p99 {} ms · resize re-wrap {} ms",
        ms(loaded),
        ms(opened),
        ms(percentile(&frames, 50.0)),
        ms(percentile(&frames, 99.0)),
        ms(rewrap)
    );
}

fn main() {
    println!("reader benchmark · 120x40 · the article is re-read from disk when opened");
    measure("4 KB", 4_000);
    measure("1 MB", 1_000_000);
    measure("10 MB", 10_000_000);
}
