//! Casing evidence: is a capitalised word at the start of a sentence a name or a common word?
//!
//! The answer comes from how the same word is written where its case carries information —
//! mid-sentence in ordinary prose — first in the article itself, then across the corpus.

use super::gazetteer::{Gazetteer, push_lower};
use super::token::{Doc, ParaCase, Shape};
use super::tokenize::tokenize;
use rustc_hash::FxHashMap;

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    /// Capitalised where a sentence does not start.
    cap: u32,
    /// Of those, capitalised on its own, not inside a longer name ("Data" in "Planetary Data
    /// System" proves nothing about "Data" alone).
    alone: u32,
    lower: u32,
}

impl Counts {
    fn add(&mut self, seen: Seen) {
        match seen {
            Seen::Lower => self.lower += 1,
            Seen::Cap { alone } => {
                self.cap += 1;
                self.alone += u32::from(alone);
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Seen {
    Lower,
    Cap { alone: bool },
}

/// Corpus-wide casing evidence (how often each word appears capitalised mid-sentence vs
/// lower-case).
#[derive(Debug, Default, Clone)]
pub struct CaseStats {
    words: FxHashMap<Box<str>, Counts>,
}

impl CaseStats {
    /// Counts every word of `text` whose case is informative.
    pub fn add_text(&mut self, text: &str) {
        let doc = tokenize(text);
        let mut buf = String::new();
        for i in 0..doc.tokens.len() {
            let Some(seen) = informative(&doc, i) else {
                continue;
            };
            buf.clear();
            push_lower(doc.word(i), &mut buf);
            match self.words.get_mut(buf.as_str()) {
                Some(c) => c.add(seen),
                None => self.words.entry(buf.as_str().into()).or_default().add(seen),
            }
        }
    }

    /// Adds the counts of `other` to these.
    pub fn merge(&mut self, other: &CaseStats) {
        for (w, c) in &other.words {
            let mine = self.words.entry(w.clone()).or_default();
            mine.cap += c.cap;
            mine.alone += c.alone;
            mine.lower += c.lower;
        }
    }

    /// How often `word` (any case) was seen capitalised mid-sentence and in lower case.
    pub fn counts(&self, word: &str) -> (u32, u32) {
        let c = self.get(word);
        (c.cap, c.lower)
    }

    fn get(&self, word: &str) -> Counts {
        let mut buf = String::new();
        push_lower(word, &mut buf);
        self.words.get(buf.as_str()).copied().unwrap_or_default()
    }

    /// Every word with its counts (capitalised, of those alone, lower case): what the catalog
    /// keeps, so a reopened corpus needs no pass to gather them again.
    pub fn entries(&self) -> impl Iterator<Item = (&str, [u32; 3])> {
        self.words.iter().map(|(w, c)| (&**w, [c.cap, c.alone, c.lower]))
    }

    /// Statistics made of [`CaseStats::entries`].
    pub fn from_entries(entries: impl IntoIterator<Item = (Box<str>, [u32; 3])>) -> Self {
        let words = entries
            .into_iter()
            .map(|(w, [cap, alone, lower])| (w, Counts { cap, alone, lower }))
            .collect();
        Self { words }
    }

    /// Number of distinct words seen.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// What a token says about its word's case, if its capital is not explained by position.
fn informative(doc: &Doc, i: usize) -> Option<Seen> {
    let t = &doc.tokens[i];
    if doc.paras[t.para as usize] != ParaCase::Normal || t.letters == 0 {
        return None;
    }
    match t.shape {
        Shape::Lower => Some(Seen::Lower),
        Shape::Title | Shape::Upper if !t.ambiguous => {
            let cap_at = |k: usize| doc.tokens.get(k).is_some_and(super::token::Token::is_capital);
            let before = i > 0 && cap_at(i - 1) && !doc.tokens[i - 1].ends_name();
            let after = cap_at(i + 1) && !t.ends_name();
            Some(Seen::Cap {
                alone: !before && !after,
            })
        }
        _ => None,
    }
}

/// A bit for (first byte, length): lower-casing keeps both for ASCII; for other words a
/// collision only costs a lookup that fails.
fn filter_bit(first: u8, len: usize) -> usize {
    (usize::from(first & 31) << 5) | len.min(31)
}

/// Casing evidence for the words one article asks about.
pub(super) struct Evidence<'s> {
    local: FxHashMap<String, Counts>,
    stats: Option<&'s CaseStats>,
    /// Cheap pre-filter: which (first byte, length) pairs are asked about at all.
    asked: [u64; 16],
}

impl<'s> Evidence<'s> {
    /// Collects local counts for every ambiguous capitalised word of `doc`.
    pub fn build(doc: &Doc, stats: Option<&'s CaseStats>) -> Evidence<'s> {
        let mut ev = Evidence {
            local: FxHashMap::default(),
            stats,
            asked: [0; 16],
        };
        let mut buf = String::new();
        for (i, t) in doc.tokens.iter().enumerate() {
            if (t.ambiguous || t.tail) && t.is_capital() {
                buf.clear();
                push_lower(doc.word(i), &mut buf);
                ev.ask(&buf);
                if buf.len() > 1 && buf.ends_with('s') {
                    buf.pop();
                    ev.ask(&buf);
                }
            }
        }
        if ev.local.is_empty() {
            return ev;
        }
        for i in 0..doc.tokens.len() {
            let t = &doc.tokens[i];
            if t.letters == 0 || !ev.may_ask(doc.word(i)) {
                continue;
            }
            let Some(seen) = informative(doc, i) else {
                continue;
            };
            let word = doc.word(i);
            let key = if matches!(seen, Seen::Lower) && word.is_ascii() {
                word
            } else {
                buf.clear();
                push_lower(word, &mut buf);
                buf.as_str()
            };
            if let Some(c) = ev.local.get_mut(key) {
                c.add(seen);
            }
        }
        ev
    }

    fn ask(&mut self, lower: &str) {
        let bit = filter_bit(lower.as_bytes()[0], lower.len());
        self.asked[bit / 64] |= 1 << (bit % 64);
        if !self.local.contains_key(lower) {
            self.local.insert(lower.to_string(), Counts::default());
        }
    }

    fn may_ask(&self, word: &str) -> bool {
        let bit = filter_bit(word.as_bytes()[0].to_ascii_lowercase(), word.len());
        self.asked[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Is `word`, capitalised where capitals prove nothing, a name? `None` when unknown.
    /// `alone`: the word would be a name by itself, so only standalone capitals count.
    pub fn is_name(&self, word: &str, shape: Shape, alone: bool, g: &Gazetteer) -> Option<bool> {
        if g.stop.contains(word) || g.is_date_word(word) {
            return Some(false);
        }
        if shape == Shape::Upper {
            return Some(!g.acronym_stop.contains(word));
        }
        if let Some(k) = word.find(['\'', '’']) {
            // "Won’t", "We’re": contractions of common words; "O’Brien" keeps its capital.
            if !word[k..].chars().nth(1).is_some_and(char::is_uppercase) {
                return Some(false);
            }
        }
        if g.knows_word(word) {
            return Some(true);
        }
        let mut buf = String::new();
        push_lower(word, &mut buf);
        let forms = [Some(buf.as_str()), buf.strip_suffix('s')];
        for form in forms.into_iter().flatten() {
            if let Some(v) = self.verdict(form, alone) {
                return Some(v);
            }
        }
        if buf.ends_with("ly") {
            return Some(false);
        }
        None
    }

    fn verdict(&self, lower: &str, alone: bool) -> Option<bool> {
        let pick = |c: Counts| {
            if alone { (c.alone, c.lower) } else { (c.cap, c.lower) }
        };
        let (cap, low) = pick(self.local.get(lower).copied().unwrap_or_default());
        if low > 0 && low >= cap {
            return Some(false);
        }
        if cap > 0 {
            return Some(true);
        }
        let (cap, low) = self.stats.map_or((0, 0), |s| pick(s.get(lower)));
        let total = cap + low;
        if total >= 2 {
            if cap * 10 >= total * 7 {
                return Some(true);
            }
            if low * 10 >= total * 7 {
                return Some(false);
            }
        }
        None
    }
}
