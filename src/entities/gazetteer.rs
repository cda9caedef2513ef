//! Word lists shipped in `data/`, parsed once.
//!
//! Phrases are keyed by their tokens joined with single spaces, built by the same tokenizer that
//! reads articles, so a list entry and a mention in text can never disagree about spacing,
//! hyphens or abbreviation dots.

use std::sync::LazyLock;

use super::Kind;
use super::token::Doc;
pub(super) use super::token::{phrase_key, push_lower};
use super::tokenize::tokenize;
use super::world::{Facts, WORLD};
use rustc_hash::{FxHashMap, FxHashSet};

pub(super) struct Group {
    pub kind: Kind,
    /// The first form on the list line: the name used when text shows only a case variant.
    pub canonical: &'static str,
}

#[derive(Default)]
pub(super) struct Gazetteer {
    pub groups: Vec<Group>,
    /// Exact phrase key → group.
    pub phrases: FxHashMap<String, u32>,
    /// Lower-cased phrase key → group, for ALL-CAPS text.
    pub phrases_lower: FxHashMap<String, u32>,
    /// First token of an exact phrase → the most tokens any such phrase has.
    pub first: FxHashMap<String, u8>,
    pub first_lower: FxHashMap<String, u8>,
    pub demonyms: FxHashSet<String>,
    pub given: FxHashSet<&'static str>,
    pub role_head: FxHashSet<&'static str>,
    pub role_mod: FxHashSet<&'static str>,
    pub portfolio: FxHashSet<&'static str>,
    pub person_nouns: FxHashSet<&'static str>,
    pub org_words: FxHashSet<&'static str>,
    pub org_nouns: FxHashSet<&'static str>,
    pub other_words: FxHashSet<&'static str>,
    pub other_nouns: FxHashSet<&'static str>,
    pub numbered: FxHashSet<&'static str>,
    pub place_words: FxHashSet<&'static str>,
    pub place_nouns: FxHashSet<&'static str>,
    pub endings: FxHashSet<&'static str>,
    pub stop: FxHashSet<&'static str>,
    pub stop_lower: FxHashSet<String>,
    pub acronym_stop: FxHashSet<&'static str>,
    pub months: FxHashSet<&'static str>,
    pub weekdays: FxHashSet<&'static str>,
}

pub(super) static GAZ: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

/// Group ids with this bit name a place of the generated gazetteer (`world`): the rest of the
/// id is its canonical name's index there. The hand-made lists' groups are numbered below it.
const WORLD_BIT: u32 = 1 << 31;

/// Non-comment lines of a data file, grouped by `[section]` ("" before the first header).
fn sections(src: &'static str) -> Vec<(&'static str, Vec<&'static str>)> {
    let mut out: Vec<(&'static str, Vec<&'static str>)> = vec![("", Vec::new())];
    for line in src.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push((name, Vec::new()));
        } else if let Some(last) = out.last_mut() {
            last.1.push(line);
        }
    }
    out
}

fn section(src: &'static str, name: &str) -> FxHashSet<&'static str> {
    sections(src)
        .into_iter()
        .filter(|(n, _)| *n == name)
        .flat_map(|(_, lines)| lines)
        .collect()
}

impl Gazetteer {
    fn load() -> Gazetteer {
        let mut g = Gazetteer::default();
        let named: [(&'static str, Kind); 3] = [
            (include_str!("data/countries.txt"), Kind::Place),
            (include_str!("data/regions.txt"), Kind::Place),
            (include_str!("data/organisations.txt"), Kind::Organization),
        ];
        for (src, kind) in named {
            for line in sections(src).into_iter().flat_map(|(_, l)| l) {
                let id = g.groups.len() as u32;
                let canonical = line.split('|').next().unwrap_or(line).trim();
                g.groups.push(Group { kind, canonical });
                for form in line.split('|') {
                    g.add_phrase(form.trim(), id);
                }
            }
        }
        for line in sections(include_str!("data/demonyms.txt"))
            .into_iter()
            .flat_map(|(_, l)| l)
        {
            let doc = tokenize(line);
            let mut key = String::new();
            phrase_key(&doc, 0, doc.tokens.len(), false, &mut key);
            g.demonyms.insert(key);
        }
        g.given = sections(include_str!("data/given_names.txt"))
            .into_iter()
            .flat_map(|(_, l)| l)
            .flat_map(str::split_whitespace)
            .collect();
        let roles = include_str!("data/roles.txt");
        g.role_head = section(roles, "head");
        g.role_mod = section(roles, "modifier");
        g.portfolio = section(roles, "portfolio");
        g.person_nouns = section(roles, "noun");
        let org = include_str!("data/org_words.txt");
        g.org_words = section(org, "word");
        g.org_nouns = section(org, "noun");
        let other = include_str!("data/other_words.txt");
        g.other_words = section(other, "word");
        g.other_nouns = section(other, "noun");
        g.numbered = section(other, "numbered");
        let place = include_str!("data/place_words.txt");
        g.place_words = section(place, "word");
        g.place_nouns = section(place, "noun");
        g.endings = section(include_str!("data/company_endings.txt"), "");
        let stop = include_str!("data/stopwords.txt");
        g.stop = section(stop, "word");
        g.stop_lower = g.stop.iter().map(|w| w.to_lowercase()).collect();
        g.acronym_stop = section(stop, "acronym");
        let cal = include_str!("data/calendar.txt");
        g.months = section(cal, "month");
        g.weekdays = section(cal, "weekday");
        g
    }

    fn add_phrase(&mut self, form: &str, id: u32) {
        let doc = tokenize(form);
        let n = doc.tokens.len();
        if n == 0 {
            return;
        }
        let mut key = String::new();
        phrase_key(&doc, 0, n, false, &mut key);
        let width = n.min(255) as u8;
        let first = doc.word(0).to_string();
        let slot = self.first.entry(first).or_default();
        *slot = (*slot).max(width);
        self.phrases.entry(key).or_insert(id);
        let mut lower = String::new();
        phrase_key(&doc, 0, n, true, &mut lower);
        let mut first_lower = String::new();
        push_lower(doc.word(0), &mut first_lower);
        let slot = self.first_lower.entry(first_lower).or_default();
        *slot = (*slot).max(width);
        self.phrases_lower.entry(lower).or_insert(id);
    }

    /// Longest gazetteer phrase starting at token `i` and not crossing `end`: (tokens, group).
    pub fn longest_at(&self, doc: &Doc, i: usize, end: usize, lower: bool, buf: &mut String) -> Option<(usize, u32)> {
        let max = if lower {
            buf.clear();
            push_lower(doc.word(i), buf);
            *self.first_lower.get(buf.as_str())?
        } else {
            *self.first.get(doc.word(i))?
        };
        let max = (max as usize).min(end - i);
        for len in (1..=max).rev() {
            // A possessive or hyphen tail can only close a phrase.
            if doc.tokens[i..i + len - 1].iter().any(super::token::Token::ends_name) {
                continue;
            }
            phrase_key(doc, i, i + len, lower, buf);
            let map = if lower { &self.phrases_lower } else { &self.phrases };
            if let Some(&g) = map.get(buf.as_str()) {
                return Some((len, g));
            }
        }
        None
    }

    /// Longest place of the generated gazetteer at token `i`, ending by `end`:
    /// (tokens, group, facts). Whether the text's context lets it count is the caller's rule.
    // A lookup like the others whichever table answers it.
    #[allow(clippy::unused_self)]
    pub fn world_at(&self, doc: &Doc, i: usize, end: usize, buf: &mut String) -> Option<(usize, u32, Facts)> {
        let (len, f) = WORLD.place_at(doc, i, end, buf)?;
        Some((len, WORLD_BIT | f.canonical()?, f))
    }

    pub fn kind_of(&self, gid: u32) -> Kind {
        if gid & WORLD_BIT != 0 {
            return Kind::Place;
        }
        self.groups.get(gid as usize).map_or(Kind::Other, |g| g.kind)
    }

    pub fn canonical(&self, gid: u32) -> &'static str {
        if gid & WORLD_BIT != 0 {
            return WORLD.canonical(gid & !WORLD_BIT);
        }
        self.groups.get(gid as usize).map_or("", |g| g.canonical)
    }

    pub fn is_world(gid: u32) -> bool {
        gid & WORLD_BIT != 0
    }

    /// A given name of the hand list or of the generated one (many languages, diacritics
    /// folded).
    pub fn is_given(&self, word: &str) -> bool {
        if self.given.contains(word) {
            return true;
        }
        word.chars().next().is_some_and(char::is_uppercase) && WORLD.is_given(word)
    }

    pub fn is_demonym(&self, word: &str) -> bool {
        let one = |w: &str| {
            self.demonyms.contains(w) || (w.chars().next().is_some_and(char::is_uppercase) && WORLD.is_demonym(w))
        };
        one(word) || (word.contains('-') && word.split('-').all(one))
    }

    /// A lower-case word of the English dictionary shipped with the generated gazetteer.
    // A lookup like the others whichever table answers it.
    #[allow(clippy::unused_self)]
    pub fn is_english_word(&self, word: &str) -> bool {
        WORLD.is_english_word(word)
    }

    /// Is `word` a single-word gazetteer name or a given name?
    pub fn knows_word(&self, word: &str) -> bool {
        // A given name that is also a word ("Genesis", "Will") proves nothing at a sentence
        // start; the hand list's names and the others do.
        self.given.contains(word)
            || (word.chars().next().is_some_and(char::is_uppercase) && WORLD.is_given_only(word))
            || self.phrases.contains_key(word)
    }

    pub fn is_cue_word(&self, word: &str) -> bool {
        self.org_words.contains(word) || self.other_words.contains(word) || self.place_words.contains(word)
    }

    pub fn is_ending(&self, word: &str) -> bool {
        self.endings.contains(word)
    }

    pub fn is_role_head(&self, word: &str) -> bool {
        self.role_head.contains(word.trim_end_matches('.'))
    }

    pub fn is_date_word(&self, word: &str) -> bool {
        self.months.contains(word.trim_end_matches('.')) || self.weekdays.contains(word.trim_end_matches('.'))
    }
}
