//! Shared helpers for the benchmarks: a seeded generator of news-like text, and statistics.
#![allow(dead_code)]
// A generator of test text: its numbers are small and positive, and a slightly off draw changes
// nothing measured.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]

pub mod looped;
pub mod pages;

use std::time::Duration;

/// xorshift64*: a tiny deterministic generator, so every run measures the same corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next_u64() % items.len() as u64) as usize]
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

pub const PEOPLE: &[&str] = &[
    "Jens Stoltenberg",
    "Mircea Geoana",
    "Sergei Lavrov",
    "Volodymyr Zelensky",
    "Ursula von der Leyen",
    "Antonio Guterres",
    "Emmanuel Macron",
    "Olaf Scholz",
    "Rishi Sunak",
    "Joe Biden",
    "Xi Jinping",
    "Narendra Modi",
    "Luiz Inacio Lula da Silva",
    "Cyril Ramaphosa",
    "Fumio Kishida",
    "Giorgia Meloni",
    "Pedro Sanchez",
    "Mark Rutte",
    "Kaja Kallas",
    "Recep Tayyip Erdogan",
    "Benjamin Netanyahu",
    "Mohammed bin Salman",
    "Justin Trudeau",
    "Anthony Albanese",
    "Jacinda Ardern",
    "Christine Lagarde",
];
pub const ORGS: &[&str] = &[
    "NATO",
    "the European Union",
    "the United Nations",
    "the World Bank",
    "the IMF",
    "OPEC",
    "the WHO",
    "the African Union",
    "ASEAN",
    "the Red Cross",
    "Reuters",
    "the Federal Reserve",
    "Siemens",
    "Toyota",
    "Gazprom",
    "the European Commission",
    "the Security Council",
    "Amnesty International",
    "FIFA",
];
pub const PLACES: &[&str] = &[
    "Brussels",
    "Kyiv",
    "Moscow",
    "Washington",
    "Beijing",
    "Gaza",
    "Jerusalem",
    "Paris",
    "Berlin",
    "London",
    "Tokyo",
    "New Delhi",
    "Brasilia",
    "Pretoria",
    "Ankara",
    "Riyadh",
    "Ottawa",
    "Canberra",
    "Geneva",
    "Vilnius",
    "Warsaw",
    "Helsinki",
    "Madrid",
    "Rome",
    "Cairo",
    "Nairobi",
    "Lagos",
    "Jakarta",
    "Seoul",
    "Manila",
];
pub const VERBS: &[&str] = &[
    "warns",
    "urges",
    "rejects",
    "backs",
    "meets",
    "criticises",
    "signs deal with",
    "talks with",
    "questions",
    "welcomes",
    "plans summit with",
    "responds to",
    "calls on",
    "praises",
    "sanctions",
];
pub const TOPICS: &[&str] = &[
    "ceasefire",
    "trade",
    "energy prices",
    "sanctions",
    "climate targets",
    "defence spending",
    "elections",
    "migration",
    "inflation",
    "peace talks",
    "troop deployment",
    "humanitarian aid",
    "cyber attacks",
    "grain exports",
    "interest rates",
    "vaccine supply",
    "border security",
    "nuclear talks",
];
pub const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "on",
    "for",
    "with",
    "as",
    "was",
    "said",
    "by",
    "at",
    "officials",
    "government",
    "minister",
    "talks",
    "week",
    "agreement",
    "security",
    "country",
    "leaders",
    "meeting",
    "statement",
    "support",
    "economic",
    "military",
    "political",
    "international",
    "region",
    "would",
    "could",
    "after",
    "before",
    "while",
    "about",
    "their",
    "were",
    "have",
    "has",
    "been",
    "new",
];

pub const ROLES: &[&str] = &[
    "Secretary General",
    "Deputy Secretary General",
    "President",
    "Prime Minister",
    "Foreign Minister",
    "spokesperson",
    "Chancellor",
    "envoy",
];

pub fn title(rng: &mut Rng) -> String {
    match rng.below(4) {
        3 => format!(
            "{} {} {} {} {}",
            rng.pick(ORGS),
            rng.pick(ROLES),
            rng.pick(PEOPLE),
            rng.pick(VERBS),
            rng.pick(TOPICS)
        ),
        0 => format!(
            "{} {} {} over {}",
            rng.pick(PEOPLE),
            rng.pick(VERBS),
            rng.pick(ORGS),
            rng.pick(TOPICS)
        ),
        1 => format!(
            "{} {} {} in {}",
            rng.pick(ORGS),
            rng.pick(VERBS),
            rng.pick(PEOPLE),
            rng.pick(PLACES)
        ),
        _ => format!(
            "{}: {} and {} at odds over {}",
            rng.pick(PLACES),
            rng.pick(PEOPLE),
            rng.pick(PEOPLE),
            rng.pick(TOPICS)
        ),
    }
}

/// A paragraph of roughly `words` words with names sprinkled in.
pub fn paragraph(rng: &mut Rng, words: usize) -> String {
    // One name in seven, the rest common words.
    words_with(rng, words, 14, &mut |rng| rng.pick(WORDS).to_string())
}

/// `words` words, a name in `1 of name_odds / 3` places, `other` for the rest, sentences of
/// about 16 words.
fn words_with(rng: &mut Rng, words: usize, name_odds: u64, other: &mut dyn FnMut(&mut Rng) -> String) -> String {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        match rng.below(name_odds) {
            0 => out.push_str(rng.pick(PEOPLE)),
            1 => out.push_str(rng.pick(PLACES)),
            2 => out.push_str(rng.pick(ORGS)),
            _ => out.push_str(&other(rng)),
        }
        if rng.below(16) == 0 {
            out.push('.');
        }
    }
    out.push('.');
    out
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

pub fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// Peak resident set size of this process, in MiB (Linux).
pub fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Size of the made-up vocabulary news text draws its less common words from.
pub const VOCABULARY: u64 = 60_000;

const SYLLABLES: &[&str] = &[
    "ba", "ver", "lo", "tan", "mi", "cor", "sel", "du", "pra", "ni", "gal", "ro", "fen", "sti", "mar", "qua", "tel",
    "bor", "nes", "kri", "pol", "dan", "ue", "hal", "zen", "ti", "mon", "vas", "ler", "po", "sca", "rin", "ma", "dre",
    "fol", "gi", "ust", "ka", "ben", "to",
];

/// The `k`th word of the made-up vocabulary: two to four syllables, distinct for every `k`.
pub fn vocab_word(k: u64) -> String {
    let n = SYLLABLES.len() as u64;
    let mut word = String::new();
    let mut k = k + n; // at least two syllables
    while k > 0 {
        word.push_str(SYLLABLES[(k % n) as usize]);
        k /= n;
    }
    word
}

/// A rank drawn from a Zipf-like law (s = 1, by a log-uniform draw): a few words are very
/// common and most are rare, as in real news text.
pub fn zipf_rank(rng: &mut Rng) -> u64 {
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    ((VOCABULARY as f64).powf(u) as u64).saturating_sub(1)
}

/// A paragraph shaped like news copy: function words, names, and a long tail of other words.
pub fn news_paragraph(rng: &mut Rng, words: usize) -> String {
    // Of the words that are not names: 8 in 17 common, the rest from the Zipf tail.
    words_with(rng, words, 20, &mut |rng| {
        if rng.below(17) < 8 {
            rng.pick(WORDS).to_string()
        } else {
            vocab_word(zipf_rank(rng))
        }
    })
}
