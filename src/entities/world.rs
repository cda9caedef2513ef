//! The generated gazetteer: countries, first-level subdivisions, cities over 15,000 people and
//! given names from many languages, about 100,000 forms (see `scripts/gazetteer.py`).
//!
//! `data/world.tsv` is what the script writes; `build` turns it into an `fst` map (`world.fst`,
//! lower-cased phrase keys made by the article tokenizer) and the list of canonical names
//! (`world_names.txt`). Both are committed and read straight from the binary: a map over
//! static bytes needs no parsing at start-up. A test checks that `build` of the committed TSV
//! gives the committed files.

use std::cell::RefCell;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::token::Doc;
use super::token::phrase_key;
use super::tokenize::tokenize;

/// One key's facts, packed into the map's `u64` value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Facts(u64);

const CANON_BITS: u64 = 20;
const WIDTH_SHIFT: u64 = 20;
const COUNTRY: u64 = 1 << 27;
const REGION: u64 = 1 << 28;
const CITY: u64 = 1 << 29;
const GIVEN: u64 = 1 << 30;
const COMMON: u64 = 1 << 31;
const CAPITAL: u64 = 1 << 32;
const DEMONYM: u64 = 1 << 33;
const WORD: u64 = 1 << 34;
const POP_SHIFT: u64 = 35;

impl Facts {
    /// Index into the canonical names of the place this form names.
    pub fn canonical(self) -> Option<u32> {
        let c = self.0 & ((1 << CANON_BITS) - 1);
        (c > 0).then(|| (c - 1) as u32)
    }
    /// The most tokens of any form that starts with this key's token.
    pub fn width(self) -> usize {
        ((self.0 >> WIDTH_SHIFT) & 0x7f) as usize
    }
    pub fn is_place(self) -> bool {
        self.0 & (COUNTRY | REGION | CITY) != 0
    }
    pub fn is_country(self) -> bool {
        self.0 & COUNTRY != 0
    }
    pub fn is_region(self) -> bool {
        self.0 & REGION != 0
    }
    pub fn is_given(self) -> bool {
        self.0 & GIVEN != 0
    }
    /// Also a lower-case English word ("Reading", "Nice", "Mark").
    pub fn is_common(self) -> bool {
        self.0 & COMMON != 0
    }
    pub fn is_capital(self) -> bool {
        self.0 & CAPITAL != 0
    }
    /// Bit length of the population (20: over half a million people), 0 when unknown.
    pub fn population_log2(self) -> u32 {
        ((self.0 >> POP_SHIFT) & 0x1f) as u32
    }
    pub fn is_demonym(self) -> bool {
        self.0 & DEMONYM != 0
    }
    /// A lower-case word of an English dictionary.
    pub fn is_word(self) -> bool {
        self.0 & WORD != 0
    }
}

/// A word's facts, and those of the word without a final 's'.
type WordFacts = (Option<Facts>, Option<Facts>);

pub(super) struct World {
    /// `None` only if the committed bytes were not a map, which the build test rules out.
    map: Option<fst::Map<&'static [u8]>>,
    names: Vec<&'static str>,
}

static FST: &[u8] = include_bytes!("data/world.fst");
static NAMES: &str = include_str!("data/world_names.txt");

pub(super) static WORLD: LazyLock<World> = LazyLock::new(|| World {
    map: fst::Map::new(FST).ok(),
    names: NAMES.lines().collect(),
});

impl World {
    pub fn get(&self, key: &str) -> Option<Facts> {
        self.map.as_ref()?.get(key).map(Facts)
    }

    pub fn canonical(&self, index: u32) -> &'static str {
        self.names.get(index as usize).copied().unwrap_or("")
    }

    /// Longest place form starting at token `i`, ending by `end`: (tokens, facts).
    /// Keys are lower-cased, so ALL-CAPS lines match too.
    pub fn place_at(&self, doc: &Doc, i: usize, end: usize, buf: &mut String) -> Option<(usize, Facts)> {
        let first = self.word_facts(doc.word(i)).0?;
        let max = first.width().min(end - i);
        for len in (2..=max).rev() {
            // A name ends in a capitalised word ("Dar es Salaam"): other spans need no probe.
            if !doc.tokens[i + len - 1].is_capital()
                || doc.tokens[i..i + len - 1].iter().any(super::token::Token::ends_name)
            {
                continue;
            }
            folded_key(doc, i, i + len, buf);
            if let Some(f) = self.get(buf).filter(|f| f.is_place()) {
                return Some((len, f));
            }
        }
        first.is_place().then_some((1, first))
    }

    /// Facts of one word, any case, diacritics folded; a word's plural-less form second.
    /// Memoised per thread: words recur (Zipf), and a hash probe is several times cheaper
    /// than a walk of the map, which matters at tens of MB of text per second.
    fn word_facts(&self, word: &str) -> WordFacts {
        thread_local! {
            static MEMO: RefCell<FxHashMap<Box<str>, WordFacts>> =
                RefCell::new(FxHashMap::default());
        }
        MEMO.with_borrow_mut(|memo| {
            if let Some(&f) = memo.get(word) {
                return f;
            }
            let mut key = String::with_capacity(word.len());
            for ch in word.chars().flat_map(char::to_lowercase) {
                key.push(fold(ch));
            }
            let whole = self.get(&key);
            // The dictionary lists base forms: "Banks" → "bank", "Obituaries" → "obituary",
            // "Teaching" → "teach", "Making" → "make".
            let stems = [
                ("ies", "y"),
                ("s", ""),
                ("ing", ""),
                ("ing", "e"),
                ("ed", ""),
                ("ed", "e"),
            ];
            let base = stems.iter().find_map(|(end, add)| {
                let stem = key.strip_suffix(end).filter(|s| s.len() >= 3)?;
                self.get(&format!("{stem}{add}")).filter(|f| f.is_word() || *end == "s")
            });
            // Bounded: a corpus of a million articles must not grow this without end.
            if memo.len() >= 1 << 16 {
                memo.clear();
            }
            memo.insert(word.into(), (whole, base));
            (whole, base)
        })
    }

    /// Is `word` (any case) a lower-case word of the English dictionary? The dictionary lists
    /// base forms: "Banks" is a word because "bank" is.
    pub fn is_english_word(&self, word: &str) -> bool {
        let (whole, base) = self.word_facts(word);
        whole.is_some_and(Facts::is_word) || base.is_some_and(Facts::is_word)
    }

    /// A nationality or its plural ("Kenyan", "Kenyans").
    pub fn is_demonym(&self, word: &str) -> bool {
        let (whole, base) = self.word_facts(word);
        whole.is_some_and(Facts::is_demonym) || base.is_some_and(Facts::is_demonym)
    }

    /// Is `word` a given name in any of the sources' languages? Diacritics are folded
    /// ("João" → "joao"): the name lists are written in ASCII.
    pub fn is_given(&self, word: &str) -> bool {
        self.word_facts(word).0.is_some_and(Facts::is_given)
    }

    /// A given name that is not also an English word: "Chinedu", not "Genesis" or "Mark".
    pub fn is_given_only(&self, word: &str) -> bool {
        self.word_facts(word).0.is_some_and(|f| f.is_given() && !f.is_common())
    }
}

/// The map's key for tokens `from..to`: lower-cased with diacritics folded, so "Nuevo León"
/// in text finds "Nuevo Leon" in a list and the other way round.
fn folded_key(doc: &Doc, from: usize, to: usize, buf: &mut String) {
    phrase_key(doc, from, to, true, buf);
    if !buf.is_ascii() {
        let folded: String = buf.chars().map(fold).collect();
        *buf = folded;
    }
}

/// The ASCII letter a Latin letter with a diacritic is written as in ASCII lists.
fn fold(ch: char) -> char {
    match ch {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'į' => 'i',
        'ł' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// What `build` makes: the map's bytes and the canonical names, one per line.
pub struct Built {
    pub fst: Vec<u8>,
    pub names: String,
}

/// Builds the map from the generator's TSV (`form class canonical population flags`).
/// Lines that do not parse are skipped: the TSV is generated, and the test compares outputs.
///
/// # Errors
/// Only if the `fst` builder fails, which it does not for sorted, unique keys.
pub fn build(tsv: &str) -> Result<Built, fst::Error> {
    let rows: Vec<Vec<&str>> = tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|r| r.len() == 5)
        .collect();
    let mut names: Vec<&str> = rows.iter().map(|r| r[2]).filter(|c| !c.is_empty()).collect();
    names.sort_unstable();
    names.dedup();
    let mut keys: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    let mut buf = String::new();
    for r in &rows {
        let (form, class, canonical, pop, flags) = (r[0], r[1], r[2], r[3], r[4]);
        let class_bit = match class {
            "country" => COUNTRY,
            "region" => REGION,
            "city" => CITY,
            "given" => GIVEN,
            "demonym" => DEMONYM,
            "word" => WORD,
            _ => continue,
        };
        let doc = tokenize(form);
        let n = doc.tokens.len();
        if n == 0 || n > 0x7f {
            continue;
        }
        let mut bits = class_bit;
        if flags.split(',').any(|f| f == "common") {
            bits |= COMMON;
        }
        if flags.split(',').any(|f| f == "capital") {
            bits |= CAPITAL;
        }
        if class_bit & (GIVEN | DEMONYM | WORD) == 0 {
            let pop: u64 = pop.parse().unwrap_or(0);
            bits |= u64::from(64 - pop.leading_zeros()).min(31) << POP_SHIFT;
            if let Ok(at) = names.binary_search(&canonical) {
                bits |= at as u64 + 1;
            }
        }
        // A form the tokenizer reads as something else ("He's" → "He" with a possessive) would
        // name a place by a word it does not contain.
        let squeezed = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect()
        };
        phrase_key(&doc, 0, n, true, &mut buf);
        if squeezed(&buf) != squeezed(form) {
            continue;
        }
        let key = if class_bit & (GIVEN | WORD) != 0 {
            buf.clear();
            buf.extend(form.chars().flat_map(char::to_lowercase).map(fold));
            buf.clone()
        } else {
            folded_key(&doc, 0, n, &mut buf);
            buf.clone()
        };
        merge(keys.entry(key).or_insert(0), bits);
        folded_key(&doc, 0, 1, &mut buf);
        let first = keys.entry(buf.clone()).or_insert(0);
        let width = ((*first >> WIDTH_SHIFT) & 0x7f).max(n as u64);
        *first = (*first & !(0x7f << WIDTH_SHIFT)) | (width << WIDTH_SHIFT);
    }
    let mut b = fst::MapBuilder::memory();
    for (k, v) in &keys {
        b.insert(k, *v)?;
    }
    let mut list = String::new();
    for n in &names {
        list.push_str(n);
        list.push('\n');
    }
    Ok(Built {
        fst: b.into_inner()?,
        names: list,
    })
}

/// Folds one row's bits into a key's value: flags add up; the canonical name and population
/// of the weightiest kind of place win (a country over a region over a city).
fn merge(v: &mut u64, bits: u64) {
    let canon_mask = (1 << CANON_BITS) - 1;
    let pop_mask = 0x1f << POP_SHIFT;
    let rank = |x: u64| {
        if x & COUNTRY != 0 {
            3
        } else if x & REGION != 0 {
            2
        } else {
            u8::from(x & CITY != 0)
        }
    };
    let take = bits & canon_mask != 0 && (*v & canon_mask == 0 || rank(bits) > rank(*v));
    let flags = (*v | bits) & !(canon_mask | pop_mask);
    *v = if take {
        flags | (bits & (canon_mask | pop_mask))
    } else {
        flags | (*v & (canon_mask | pop_mask))
    };
}
