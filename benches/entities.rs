//! Single-thread throughput of `extract`: `cargo bench --bench entities`.
//!
//! Feeds the labelled articles (plus variants with shuffled paragraphs, so repeated text is not
//! a best case) one article at a time until at least 50 MB have been processed, with corpus
//! casing statistics, as the reader would.

// A benchmark that cannot set itself up should stop loudly, where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// Generated sizes and counts are small: the casts of a benchmark lose nothing measured.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap)]

use std::time::Instant;

use dossier::entities::{CaseStats, extract};

// The quality test's scoring, so the bench reports the same per-domain table.
#[path = "../tests/entity_quality.rs"]
#[allow(dead_code)]
mod quality;

const TARGET_BYTES: usize = 50 * 1024 * 1024;

/// CPU seconds this process has used (Linux): wall time overstates cost on a busy machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    // The first call builds the word lists (and opens the generated gazetteer): what an
    // extraction costs once per process, on the way to the reader's first entities.
    let first = Instant::now();
    let _ = extract("Officials in Nairobi said Kenya would act.", None);
    println!(
        "first extract (word lists loaded): {:.2} ms",
        first.elapsed().as_secs_f64() * 1e3
    );
    println!("entity quality on the labelled set (per domain; see tests/entity_quality.rs):");
    quality::print(&quality::measure());
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/entities/articles");
    let mut articles: Vec<String> = std::fs::read_dir(dir)
        .expect("articles directory")
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .collect();
    articles.sort();
    // Rotated paragraph orders give more distinct inputs without inventing text.
    let originals = articles.clone();
    for (k, a) in originals.iter().enumerate() {
        let mut paras: Vec<&str> = a.split('\n').collect();
        let n = paras.len();
        if n > 2 {
            paras[1..].rotate_left(1 + k % (n - 1));
        }
        articles.push(paras.join("\n"));
    }
    let mut stats = CaseStats::default();
    for a in &articles {
        stats.add_text(a);
    }
    let stats_start = Instant::now();
    let mut scratch = CaseStats::default();
    let mut stats_bytes = 0;
    while stats_bytes < 10 * 1024 * 1024 {
        for a in &articles {
            scratch.add_text(a);
            stats_bytes += a.len();
        }
    }
    let stats_secs = stats_start.elapsed().as_secs_f64();
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let (mut bytes, mut entities, mut calls) = (0usize, 0usize, 0usize);
    while bytes < TARGET_BYTES {
        for a in &articles {
            entities += extract(a, Some(&stats)).len();
            bytes += a.len();
            calls += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu_start).map(|(b, a)| b - a);
    let mb = bytes as f64 / (1024.0 * 1024.0);
    println!(
        "extract: {mb:.1} MB in {calls} articles, {secs:.2} s: {:.1} MB/s ({entities} entities)",
        mb / secs
    );
    if let Some(cpu) = cpu.filter(|&c| c > 0.0) {
        println!("extract: {:.1} MB/s of CPU time ({cpu:.2} CPU s)", mb / cpu);
    }
    println!(
        "CaseStats::add_text: {:.1} MB/s ({} words)",
        stats_bytes as f64 / (1024.0 * 1024.0) / stats_secs,
        scratch.len()
    );
}
