//! Near-duplicate grouping at scale: signatures of generated news articles (as the scale
//! benchmark writes them: 4–12 paragraphs of 40–80 words with names and a Zipf tail), one in
//! ten of them a copy of an earlier story with an edit (a paragraph dropped, one added, the
//! lead rewritten, a footer), then the grouping of all signatures. Prints the time per
//! article of the signature (one core), the grouping's wall time, the signatures' memory,
//! and pair precision and recall against the generator's truth.
//!
//! Run: `cargo bench --bench dups` (100,000 articles; pass sizes, e.g. `-- 100000 1000000`).

// A benchmark that cannot set itself up should stop loudly, where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// Generated sizes and counts are small: the casts of a benchmark lose nothing measured.
#![allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]

mod common;

use std::time::{Duration, Instant};

use common::Rng;
use dossier::dups::{Signature, group, signature};

fn story(rng: &mut Rng) -> Vec<String> {
    (0..4 + rng.below(9))
        .map(|_| {
            let words = 40 + rng.below(40) as usize;
            common::news_paragraph(rng, words)
        })
        .collect()
}

/// A copy of `paras` as another outlet runs it.
fn copy_of(paras: &[String], rng: &mut Rng) -> Vec<String> {
    let mut out = paras.to_vec();
    match rng.below(4) {
        0 if out.len() > 4 => {
            out.pop();
        }
        1 => out.insert(out.len() / 2, common::news_paragraph(rng, 50)),
        2 => out[0] = common::news_paragraph(rng, 45),
        _ => out.push(
            "Sign up for our morning briefing. Reporting by the business desk; editing by the night editor.".into(),
        ),
    }
    out
}

fn run(n: usize) {
    let mut rng = Rng::new(17);
    // Originals kept for copying: the last few hundred (copies follow their story closely,
    // as a news day's do).
    let mut recent: Vec<(usize, Vec<String>)> = Vec::new();
    let (mut sigs, mut truth) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut signing, mut bytes) = (Duration::ZERO, 0usize);
    for i in 0..n {
        let (id, paras) = if i > 0 && rng.below(10) == 0 && !recent.is_empty() {
            let (id, paras) = &recent[rng.below(recent.len() as u64) as usize];
            (*id, copy_of(paras, &mut rng))
        } else {
            let paras = story(&mut rng);
            if recent.len() >= 500 {
                recent.remove(0);
            }
            recent.push((i, paras.clone()));
            (i, paras)
        };
        let text = paras.join("\n");
        bytes += text.len();
        let t = Instant::now();
        sigs.push(signature(&text));
        signing += t.elapsed();
        truth.push(id);
    }
    let order: Vec<u32> = (0..n as u32).collect();
    let t = Instant::now();
    let groups = group(&sigs, &order);
    let grouping = t.elapsed();
    // Pairs: within each true story and within each found group.
    let mut story_size = std::collections::HashMap::<usize, u64>::new();
    for &s in &truth {
        *story_size.entry(s).or_default() += 1;
    }
    let true_pairs: u64 = story_size.values().map(|&k| k * (k - 1) / 2).sum();
    let (mut found_pairs, mut right) = (0u64, 0u64);
    for members in groups.iter() {
        let k = members.len() as u64;
        found_pairs += k * (k - 1) / 2;
        let mut by_story = std::collections::HashMap::<usize, u64>::new();
        for &a in members {
            *by_story.entry(truth[a as usize]).or_default() += 1;
        }
        right += by_story.values().map(|&k| k * (k - 1) / 2).sum::<u64>();
    }
    println!(
        "  {n} articles ({:.0} MB of text, {} copies in {} stories): signature {:.1} µs/article ({:.0} MB/s, one core) · grouping {:.2} s · signatures {:.1} MiB ({} bytes each) · {} groups · pair precision {:.4} recall {:.4}",
        bytes as f64 / 1e6,
        n - story_size.len(),
        story_size.values().filter(|&&k| k > 1).count(),
        signing.as_secs_f64() * 1e6 / n as f64,
        bytes as f64 / 1e6 / signing.as_secs_f64(),
        grouping.as_secs_f64(),
        (sigs.len() * std::mem::size_of::<Signature>()) as f64 / (1024.0 * 1024.0),
        std::mem::size_of::<Signature>(),
        groups.len(),
        right as f64 / found_pairs.max(1) as f64,
        right as f64 / true_pairs.max(1) as f64,
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![100_000] } else { sizes };
    println!("dups (cargo bench --bench dups):");
    for n in sizes {
        run(n);
    }
}
