//! Precision, recall and F1 of `extract` against the hand-labelled articles in
//! `tests/entities/`. Unique entities per article are compared; a prediction matches a gold
//! entity when any of its names (name or alias) equals any gold name (trimmed, case-sensitive).
//! Micro-averaged over articles. `SHOW_ERRORS=1` prints the misses and false alarms of the
//! tuned set only; the held-out set is reported as totals.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use dossier::entities::corpus::{EntityIndex, Found};
use dossier::entities::{CaseStats, Kind, extract};
use serde::Deserialize;

#[derive(Deserialize)]
struct Labels {
    entities: Vec<Gold>,
}

#[derive(Deserialize)]
struct Gold {
    name: String,
    kind: String,
    #[serde(default)]
    aliases: Vec<String>,
}

const HELD_OUT: &[&str] = &[
    "w03_cup_semifinal",
    "w06_venice_festival",
    "w09_kenya_drought_wire",
    "w12_japan_election",
    "w15_bonn_climate_talks",
];

/// Of the domain sets (`d_<domain>_<n>_…`), article 3 of each domain is held out.
fn held_out(name: &str) -> bool {
    HELD_OUT.contains(&name) || (name.starts_with("d_") && name.split('_').nth(2) == Some("3"))
}

/// `d_sports_1_…` → "sports"; the first set (seeds and `w…` wire stories) is "news".
fn domain(name: &str) -> &str {
    match name.strip_prefix("d_") {
        Some(rest) => rest.split('_').next().unwrap_or("news"),
        None => "news",
    }
}

const DOMAINS: &[&str] = &[
    "news", "sports", "business", "tech", "science", "local", "obits", "africa", "asia", "latam",
];

#[derive(Default, Clone, Copy)]
pub struct Tally {
    predicted: usize,
    gold: usize,
    /// Predictions matching some gold entity (typed, untyped).
    p_hit: [usize; 2],
    /// Gold entities matched by some prediction (typed, untyped).
    g_hit: [usize; 2],
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.predicted += o.predicted;
        self.gold += o.gold;
        for k in 0..2 {
            self.p_hit[k] += o.p_hit[k];
            self.g_hit[k] += o.g_hit[k];
        }
    }

    /// (precision, recall, F1) for typed (0) or untyped (1) matching.
    pub fn prf(&self, k: usize) -> (f64, f64, f64) {
        let p = self.p_hit[k] as f64 / self.predicted.max(1) as f64;
        let r = self.g_hit[k] as f64 / self.gold.max(1) as f64;
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
}

fn names<'a>(name: &'a str, aliases: &'a [String]) -> BTreeSet<&'a str> {
    std::iter::once(name)
        .chain(aliases.iter().map(String::as_str))
        .map(str::trim)
        .collect()
}

fn kind_name(k: Kind) -> String {
    serde_json::to_string(&k).unwrap().trim_matches('"').to_string()
}

/// One article's predictions against its labels; `show` prints the errors.
fn score(name: &str, found: &[dossier::entities::Entity], labels: &Labels, show: bool) -> Tally {
    let mut t = Tally {
        predicted: found.len(),
        gold: labels.entities.len(),
        ..Tally::default()
    };
    for p in found {
        let pn = names(&p.name, &p.aliases);
        let hits: Vec<&Gold> = labels
            .entities
            .iter()
            .filter(|g| !names(&g.name, &g.aliases).is_disjoint(&pn))
            .collect();
        t.p_hit[1] += usize::from(!hits.is_empty());
        t.p_hit[0] += usize::from(hits.iter().any(|g| g.kind == kind_name(p.kind)));
        if show {
            if hits.is_empty() {
                eprintln!("{name}: FALSE {} ({})", p.name, kind_name(p.kind));
            } else if !hits.iter().any(|g| g.kind == kind_name(p.kind)) {
                eprintln!(
                    "{name}: KIND  {} is {}, gold {}",
                    p.name,
                    kind_name(p.kind),
                    hits[0].kind
                );
            }
        }
    }
    for g in &labels.entities {
        let gn = names(&g.name, &g.aliases);
        let hits: Vec<_> = found
            .iter()
            .filter(|p| !names(&p.name, &p.aliases).is_disjoint(&gn))
            .collect();
        t.g_hit[1] += usize::from(!hits.is_empty());
        t.g_hit[0] += usize::from(hits.iter().any(|p| kind_name(p.kind) == g.kind));
        if show && hits.is_empty() {
            eprintln!("{name}: MISS  {} ({})", g.name, g.kind);
        }
    }
    t
}

/// The table's rows: (set, tally, articles): tuned, held-out, all, all+agree, then each domain.
pub fn measure() -> Vec<(&'static str, Tally, usize)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/entities");
    let mut arts: Vec<(String, String)> = fs::read_dir(root.join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect();
    arts.sort();
    assert!(arts.len() >= 65, "expected at least 65 labelled articles");
    let mut stats = CaseStats::default();
    for (_, text) in &arts {
        stats.add_text(text);
    }
    let show = std::env::var_os("SHOW_ERRORS").is_some();
    let (mut tuned, mut held, mut all) = (Tally::default(), Tally::default(), Tally::default());
    let mut by_domain = vec![(Tally::default(), 0usize); DOMAINS.len()];
    // Every article's entities once, and the corpus index over them: each name can take the
    // type the corpus agrees on (what the sidebar shows once the pass is done).
    let extracted: Vec<Vec<dossier::entities::Entity>> = arts.iter().map(|(_, t)| extract(t, Some(&stats))).collect();
    let mut index = EntityIndex::default();
    for (i, found) in extracted.iter().enumerate() {
        let found: Vec<Found> = found.iter().cloned().map(Found::from).collect();
        index.add(i, &found);
    }
    index.settle();
    let mut agreed = Tally::default();
    for agree in [true, false] {
        for (at, (name, _)) in arts.iter().enumerate() {
            let labels: Labels =
                serde_json::from_str(&fs::read_to_string(root.join("labels").join(format!("{name}.json"))).unwrap())
                    .unwrap();
            let mut found = extracted[at].clone();
            if agree {
                for e in &mut found {
                    if let Some(k) = index.shown_kind(&e.name, e.kind) {
                        e.kind = k;
                    }
                }
            }
            let t = score(name, &found, &labels, show && !held_out(name) && !agree);
            if agree {
                agreed.add(&t);
                continue;
            }
            let d = DOMAINS.iter().position(|d| *d == domain(name)).unwrap();
            by_domain[d].0.add(&t);
            by_domain[d].1 += 1;
            if held_out(name) {
                held.add(&t);
            } else {
                tuned.add(&t);
            }
            all.add(&t);
        }
    }
    [
        ("tuned", tuned, arts.iter().filter(|(n, _)| !held_out(n)).count()),
        ("held-out", held, arts.iter().filter(|(n, _)| held_out(n)).count()),
        ("all", all, arts.len()),
        ("all+agree", agreed, arts.len()),
    ]
    .into_iter()
    .chain(DOMAINS.iter().zip(&by_domain).map(|(d, (t, n))| (*d, *t, *n)))
    .collect()
}

pub fn print(rows: &[(&'static str, Tally, usize)]) {
    println!("\nset        articles  pred  gold | untyped P    R    F1 | typed P    R    F1");
    for (label, t, n) in rows {
        let (up, ur, uf) = t.prf(1);
        let (tp, tr, tf) = t.prf(0);
        println!(
            "{label:<10} {n:>8} {:>5} {:>5} |      {up:.3} {ur:.3} {uf:.3} |    {tp:.3} {tr:.3} {tf:.3}",
            t.predicted, t.gold
        );
    }
}

/// Gates on the figures reached (the extractor and the set are fixed: they cannot flake).
/// Issue 19's targets are higher (typed 0.90 overall, 0.85 in every domain); see the README.
#[test]
fn entity_quality() {
    let rows = measure();
    print(&rows);
    let get = |name: &str| rows.iter().find(|r| r.0 == name).map(|r| r.1).unwrap();
    let (_, _, uf) = get("all").prf(1);
    let (_, _, tf) = get("all").prf(0);
    assert!(uf >= 0.95, "untyped F1 on all articles {uf:.3} < 0.95");
    assert!(tf >= 0.88, "typed F1 on all articles {tf:.3} < 0.88");
    for d in DOMAINS {
        let (_, _, tf) = get(d).prf(0);
        assert!(tf >= 0.85, "typed F1 in {d} {tf:.3} < 0.85");
    }
}
