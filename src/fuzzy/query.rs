//! A parsed filter query, and how it matches the fields of one article.
//!
//! The syntax is fzf's, parsed by nucleo (`'exact`, `^prefix`, `suffix$`, `!not`, smart case,
//! smart normalisation), but every term is matched against one field at a time: a fuzzy term
//! strung across the title, the source and a name (the letters of `lagarde` found one here,
//! one there) matched nearly every article when all fields were one string.

use nucleo::{
    Matcher, Utf32Str, chars,
    pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern},
};

use super::Item;

/// A term's best score in the title counts this many times its best elsewhere, so that among
/// articles matching as many terms in their titles the headline match still ranks first.
const TITLE_WEIGHT: u32 = 2;
/// Bits of a rank key below the title count: the score, then the article.
const SCORE_BITS: u32 = 24;

/// One whitespace-separated term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    /// The term as nucleo parsed it, but never negated (negation is applied here, per field).
    atom: Atom,
    negative: bool,
    /// `'word`: the needle must be a whole word of the field, not part of a longer one.
    word: bool,
    smart: Smart,
}

/// What nucleo's smart case and smart normalisation decided for a needle; set on the matcher
/// by hand where nucleo's `Atom` is bypassed (word boundaries, the prefilter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Smart {
    ignore_case: bool,
    normalize: bool,
}

/// A parsed query: every positive term must match (each within one field), no negated term
/// may match any field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<Term>,
}

impl Query {
    pub fn parse(text: &str) -> Self {
        let pattern = Pattern::parse(text, CaseMatching::Smart, Normalization::Smart);
        let terms = pattern
            .atoms
            .into_iter()
            .map(|mut atom| {
                let negative = atom.negative;
                atom.negative = false;
                let smart = smart_flags(atom.needle_text());
                Term {
                    // `!word` stays a substring test: excluding "Gazans" with `!gaza` is wanted.
                    word: atom.kind == AtomKind::Substring && !negative,
                    atom,
                    negative,
                    smart,
                }
            })
            .collect();
        Self { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether everything matching `self` also matches `old`, so that only `old`'s matches
    /// need checking again. True when each of `old`'s terms is kept, or (a positive fuzzy or
    /// prefix term) only extended, as typing does. A word term is not narrowed by typing on:
    /// the word "nato" does not contain the word "nat".
    pub fn narrows(&self, old: &Self) -> bool {
        old.terms.len() <= self.terms.len() && old.terms.iter().zip(&self.terms).all(|(o, n)| n.implies(o))
    }

    /// The article's rank key when it matches: more terms matched in the title first, then a
    /// higher score, then the earlier article. Larger keys rank first.
    pub(super) fn key(&self, item: &Item, article: u32, matcher: &mut Matcher) -> Option<u64> {
        let (mut in_title, mut score) = (0u64, 0u32);
        for term in self.terms.iter().filter(|t| !t.negative) {
            if !term.may_match(item, matcher) {
                return None;
            }
            let mut best = None;
            if let Some(s) = term.score(item.title(), matcher) {
                in_title += 1;
                best = Some(u32::from(s) * TITLE_WEIGHT);
            }
            for field in item.others() {
                if let Some(s) = term.score(field, matcher) {
                    best = best.max(Some(u32::from(s)));
                }
            }
            score = score.saturating_add(best?);
        }
        for term in self.terms.iter().filter(|t| t.negative) {
            if term.may_match(item, matcher) && item.fields().any(|f| term.score(f, matcher).is_some()) {
                return None;
            }
        }
        let score = u64::from(score.min((1 << SCORE_BITS) - 1));
        Some((in_title.min(0xff) << (32 + SCORE_BITS)) | (score << 32) | u64::from(u32::MAX - article))
    }

    /// Grapheme indices of `field` that the positive terms matching it matched, unsorted.
    pub(super) fn indices(&self, field: Utf32Str<'_>, matcher: &mut Matcher, out: &mut Vec<u32>) {
        for term in self.terms.iter().filter(|t| !t.negative) {
            term.indices(field, matcher, out);
        }
    }
}

/// The article a rank key belongs to.
pub(super) fn article_of(key: u64) -> u32 {
    // The low 32 bits hold `u32::MAX - article`: truncation is the point.
    #[allow(clippy::cast_possible_truncation)]
    let low = key as u32;
    u32::MAX - low
}

impl Term {
    fn set_flags(&self, matcher: &mut Matcher) {
        matcher.config.ignore_case = self.smart.ignore_case;
        matcher.config.normalize = self.smart.normalize;
    }

    /// A cheap necessary condition: the needle's characters occur in order somewhere in the
    /// article's fields taken together. Most articles fail it, and then no field is looked at.
    fn may_match(&self, item: &Item, matcher: &mut Matcher) -> bool {
        self.set_flags(matcher);
        matcher
            .fuzzy_match_greedy(item.all(), self.atom.needle_text())
            .is_some()
    }

    fn score(&self, field: Utf32Str<'_>, matcher: &mut Matcher) -> Option<u16> {
        if field.len() < self.atom.needle_text().len() {
            return None;
        }
        if self.word {
            return self.word_at(field, matcher).map(|(_, score)| score);
        }
        if self.atom.kind == AtomKind::Substring {
            return self.contained(field, matcher);
        }
        self.atom.score(field, matcher)
    }

    /// nucleo's substring score, but also where the needle ends the field: nucleo 0.3.1 stops
    /// one place short on a non-ASCII haystack, which went unseen while the title, file name and
    /// names were one string, but "Jens Stoltenberg" ends a field now.
    fn contained(&self, field: Utf32Str<'_>, matcher: &mut Matcher) -> Option<u16> {
        if let Some(score) = self.atom.score(field, matcher) {
            return Some(score);
        }
        let n = self.atom.needle_text().len();
        match field {
            Utf32Str::Unicode(_) if field.len() >= n => {
                self.set_flags(matcher);
                matcher.exact_match(field.slice(field.len() - n..), self.atom.needle_text())
            }
            _ => None,
        }
    }

    fn indices(&self, field: Utf32Str<'_>, matcher: &mut Matcher, out: &mut Vec<u32>) {
        if self.word {
            if let Some((start, _)) = self.word_at(field, matcher) {
                let len = u32::try_from(self.atom.needle_text().len()).unwrap_or(u32::MAX);
                out.extend(start..start.saturating_add(len));
            }
        } else {
            let mut found = Vec::new();
            if self.atom.indices(field, matcher, &mut found).is_some() {
                out.extend(found);
            }
        }
    }

    /// Where the needle first occurs in `field` as a whole word (not preceded or followed by
    /// a letter or digit, where the needle itself starts or ends with one), and its score.
    fn word_at(&self, field: Utf32Str<'_>, matcher: &mut Matcher) -> Option<(u32, u16)> {
        // nucleo's substring search is the fast prefilter: no occurrence at all, no word.
        self.contained(field, matcher)?;
        let needle = self.atom.needle_text();
        let n = u32::try_from(needle.len()).ok()?;
        let len = u32::try_from(field.len()).ok()?;
        let (word_start, word_end) = (is_word(needle.get(0)), is_word(needle.get(n - 1)));
        self.set_flags(matcher);
        for start in 0..=len - n {
            let end = start + n;
            if (word_start && start > 0 && is_word(field.get(start - 1)))
                || (word_end && end < len && is_word(field.get(end)))
            {
                continue;
            }
            if let Some(score) = matcher.exact_match(field.slice(start as usize..end as usize), needle) {
                return Some((start, score));
            }
        }
        None
    }

    /// Whatever matches `self` matches `old` too.
    fn implies(&self, old: &Self) -> bool {
        if self == old {
            return true;
        }
        // Stricter or equal case and normalisation only (smart case turns case-sensitive as
        // capitals are typed, never back).
        let (new, was) = (self.smart, old.smart);
        let strict = (!new.ignore_case || was.ignore_case) && (!new.normalize || was.normalize);
        let extends = starts_with(self.atom.needle_text(), old.atom.needle_text());
        let kinds = match old.atom.kind {
            // A field holding the longer needle in any way holds the shorter one's letters in
            // order (`nato$` after `nato`, too).
            AtomKind::Fuzzy => !self.negative,
            AtomKind::Prefix => self.atom.kind == AtomKind::Prefix && !self.negative,
            _ => false,
        };
        !old.negative && kinds && strict && extends
    }
}

/// nucleo's smart case and smart normalisation for a parsed needle (as `Atom` decides them,
/// which keeps them private): case-insensitive unless it has a capital, normalising unless it
/// has a letter that normalisation would change.
fn smart_flags(needle: Utf32Str<'_>) -> Smart {
    match needle {
        Utf32Str::Ascii(bytes) => Smart {
            ignore_case: !bytes.iter().any(u8::is_ascii_uppercase),
            normalize: true,
        },
        Utf32Str::Unicode(cs) => Smart {
            ignore_case: !cs.iter().any(|&c| chars::is_upper_case(c)),
            normalize: cs.iter().all(|&c| chars::normalize(c) == c),
        },
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

fn starts_with(text: Utf32Str<'_>, prefix: Utf32Str<'_>) -> bool {
    prefix.len() <= text.len() && text.chars().zip(prefix.chars()).all(|(a, b)| a == b)
}
