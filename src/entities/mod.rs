//! Rule-based named-entity extraction for news articles.
//!
//! The pipeline, one file per stage:
//! - `tokenize`: words with byte offsets, possessives folded, how each paragraph is
//!   capitalised (prose, Title Case heading, ALL-CAPS line), sentence positions, hard-wrapped
//!   lines rejoined. The tokens themselves are in `token`; `shape` and `paragraphs` help.
//! - `casing`: is a capital at the start of a sentence a name? Decided by how the same word
//!   is written mid-sentence in the article and in [`CaseStats`].
//! - `runs`: runs of capitalised words and the connectors inside names.
//! - `segment`: dates, demonyms and roles are split off; role words mark a person.
//! - `classify`: kind votes from cue words inside a name and nouns around it.
//! - `link` and `alias`: one entity per thing — gazetteer synonyms, acronym definitions,
//!   legal endings, surnames, ALL-CAPS headline mentions — and one kind per entity.
//!   `link` runs the merging and calls `alias` for short forms and the final list; both share
//!   the union-find in `sets` and the name helpers in `forms`.
//!
//! Gazetteers live in `data/` and are compiled in with `include_str!`.

// Offsets into one article's text (at most `LoadOptions::max_bytes`, 32 MB by default) and
// per-article counts fit a u32; letter counts and widths are capped at 255 before they are cast.
#![allow(clippy::cast_possible_truncation)]

mod alias;
mod casing;
mod classify;
pub mod corpus;
pub mod fixes;
mod forms;
mod gazetteer;
mod index;
pub mod language;
mod link;
mod paragraphs;
mod runs;
mod segment;
mod sets;
mod shape;
mod token;
mod tokenize;
pub mod world;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_link;
#[cfg(test)]
mod tests_typing;
#[cfg(test)]
mod tests_world;

pub use casing::CaseStats;

/// The extractor's version: raise it with every change to what [`extract`] finds (rules, word
/// lists, gazetteers), so catalogs of entities extracted by an older one are rebuilt.
pub const EXTRACTOR_VERSION: u32 = 1;

use casing::Evidence;
use gazetteer::{GAZ, Gazetteer};
use rustc_hash::FxHashSet;
use segment::Cand;
use token::{Doc, ParaCase};
use tokenize::tokenize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Organization,
    Place,
    /// Named events, programmes, treaties, laws, products, works and awards.
    Other,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Person, Kind::Organization, Kind::Place, Kind::Other];

    /// How a prompt or a message says it.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organisation",
            Kind::Place => "place",
            Kind::Other => "other",
        }
    }

    /// Its name in files (the library, the export, `dossier entities --json`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
            Kind::Other => "other",
        }
    }

    /// A kind from a file or from what the user typed: "organization", "org", "Place", "p".
    pub fn parse(word: &str) -> Option<Kind> {
        let w = word.trim().to_lowercase();
        if w.is_empty() {
            return None;
        }
        Kind::ALL.into_iter().find(|k| k.key() == w || k.word().starts_with(&w))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Canonical form: the longest form the article uses, e.g. "Jens Stoltenberg".
    pub name: String,
    pub kind: Kind,
    /// Byte ranges into the input text, sorted, of every mention including aliases.
    /// A possessive ending is never inside a range ("NATO’s" → the range of "NATO").
    pub mentions: Vec<std::ops::Range<usize>>,
    /// Other surface forms seen ("Stoltenberg", "PURL"); case variants from ALL-CAPS lines and
    /// possessive forms are not aliases.
    pub aliases: Vec<String>,
}

/// What every stage reads: the tokens, the casing evidence and the word lists.
struct Ctx<'a, 's> {
    doc: &'a Doc<'a>,
    ev: &'a Evidence<'s>,
    g: &'static Gazetteer,
    /// Pairs of capitalised words seen together mid-sentence ("World Athletics"): proof that
    /// the pair is a name when it starts a sentence.
    pairs: FxHashSet<(&'a str, &'a str)>,
    /// Longest gazetteer phrase starting at each token (length 0: none), looked up once.
    gaz: Vec<(u8, u32)>,
    /// Tokens naming a doubtful place of the generated gazetteer (see `world_counts`): a vote
    /// for a place, not a verdict.
    weak_place: FxHashSet<usize>,
}

impl Ctx<'_, '_> {
    /// Longest gazetteer phrase at token `i` that ends by token `end`: (tokens, group).
    fn gaz_at(&self, i: usize, end: usize) -> Option<(usize, u32)> {
        match self.gaz.get(i) {
            Some(&(0, _)) | None => None,
            Some(&(len, gid)) if i + len as usize <= end => Some((len as usize, gid)),
            Some(_) => {
                let mut buf = String::new();
                self.g.longest_at(self.doc, i, end, false, &mut buf)
            }
        }
    }

    fn known_phrase(&self, s: usize, e: usize) -> bool {
        let toks = &self.doc.tokens;
        e > s + 1 && toks[s + 1].is_capital() && self.pairs.contains(&(self.doc.word(s), self.doc.word(s + 1)))
    }
}

fn gazetteer_hits(doc: &Doc, g: &Gazetteer) -> (Vec<(u8, u32)>, FxHashSet<usize>) {
    let toks = &doc.tokens;
    let mut buf = String::new();
    let mut out = vec![(0u8, 0u32); toks.len()];
    let mut weak = FxHashSet::default();
    let mut para_end = 0;
    for i in 0..toks.len() {
        if i >= para_end {
            let p = toks[i].para;
            para_end = i + toks[i..].partition_point(|t| t.para == p);
        }
        if !toks[i].is_capital() {
            continue;
        }
        let hand = g.longest_at(doc, i, para_end, false, &mut buf);
        let world =
            g.world_at(doc, i, para_end, &mut buf)
                .filter(|&(len, _, f)| match world_counts(doc, g, i, len, f) {
                    Counts::Yes => true,
                    Counts::Weakly => {
                        weak.insert(i);
                        false
                    }
                    Counts::No => false,
                });
        // The hand-made lists are curated: at equal length they win.
        let hit = match (hand, world) {
            (Some(h), Some((len, gid, _))) if len > h.0 => Some((len, gid)),
            (None, Some((len, gid, _))) => Some((len, gid)),
            (h, _) => h,
        };
        if let Some((len, gid)) = hit {
            out[i] = (len.min(255) as u8, gid);
        }
    }
    (out, weak)
}

enum Counts {
    Yes,
    /// A vote for a place that other evidence may outweigh.
    Weakly,
    No,
}

/// Ambiguity rules of the generated gazetteer, whose 60,000 place names include common words
/// ("Reading", "Nice", "Mobile"), given names ("Florence", "Austin") and surnames ("Santos",
/// "Lincoln"). Countries, capitals, cities of over half a million and names of two or more
/// words count anywhere. A smaller one-word place that is also a common word or a given name
/// counts after a word that introduces a place ("in Reading") or before ", Country" ("Nice,
/// France"); elsewhere in a sentence it is only a vote for a place, and where a sentence or a
/// heading starts it is nothing. After an honorific any one-word place is a surname
/// ("Mr. Santos").
fn world_counts(doc: &Doc, g: &Gazetteer, i: usize, len: usize, f: world::Facts) -> Counts {
    let toks = &doc.tokens;
    let prev_word = |k: usize| k.checked_sub(1).filter(|&p| toks[p].is_word()).map(|p| doc.word(p));
    if len == 1
        && prev_word(i).is_some_and(|w| matches!(w.trim_end_matches('.'), "Mr" | "Mrs" | "Ms" | "Dr" | "Sen" | "Rep"))
    {
        return Counts::No;
    }
    let doubtful =
        len == 1 && !f.is_country() && !f.is_capital() && f.population_log2() < 20 && (f.is_common() || f.is_given());
    if !doubtful {
        return Counts::Yes;
    }
    if toks[i].ambiguous || doc.para_case(i) != ParaCase::Normal {
        return Counts::No;
    }
    let introduced = prev_word(i).is_some_and(|w| {
        matches!(
            w,
            "in" | "near" | "from" | "at" | "across" | "outside" | "around" | "to" | "toward" | "towards" | "via"
        )
    });
    let mut buf = String::new();
    let located = doc.is_punct(i + 1, ',')
        && toks.get(i + 2).is_some_and(token::Token::is_capital)
        && g.world_at(doc, i + 2, toks.len(), &mut buf)
            .is_some_and(|(_, _, f)| f.is_country() || f.is_region());
    if introduced || located {
        Counts::Yes
    } else {
        Counts::Weakly
    }
}

fn capital_pairs<'a>(doc: &Doc<'a>) -> FxHashSet<(&'a str, &'a str)> {
    let toks = &doc.tokens;
    (1..toks.len())
        .filter(|&i| {
            let (a, b) = (&toks[i - 1], &toks[i]);
            a.is_capital() && b.is_capital() && !a.ambiguous && !a.ends_name()
        })
        .map(|i| (doc.word(i - 1), doc.word(i)))
        .collect()
}

/// `text`: one article, paragraphs separated by '\n', already sanitised (no control chars).
/// The first paragraph may be the headline (Title Case or ALL CAPS).
/// Text reliably in another language than English takes its names from the gazetteers only.
///
/// Returns entities sorted by number of mentions (most first), then by name. A bare surname
/// shared by two or more full names in the article is left out: it cannot be attributed.
/// Texts of 4 GiB or more yield nothing (offsets are kept in 32 bits).
pub fn extract(text: &str, stats: Option<&CaseStats>) -> Vec<Entity> {
    if u32::try_from(text.len()).is_err() {
        return Vec::new();
    }
    let mut doc = tokenize(text);
    let datelines = mark_datelines(&mut doc);
    let ev = Evidence::build(&doc, stats);
    let ctx = Ctx {
        doc: &doc,
        ev: &ev,
        g: &GAZ,
        pairs: capital_pairs(&doc),
        gaz: Vec::new(),
        weak_place: FxHashSet::default(),
    };
    let (gaz, weak_place) = gazetteer_hits(&doc, &GAZ);
    let ctx = Ctx { gaz, weak_place, ..ctx };
    let (mut cands, caps) = candidates(&ctx, &datelines);
    // Not English: the casing rules would make a name of every German noun; only what the
    // gazetteers know is kept (see `language`).
    if language::lists_only(text).is_some() {
        cands.retain(|c| c.gaz.is_some());
    }
    for c in &mut cands {
        classify::add_votes(&ctx, c);
    }
    let mut out = link::entities(&ctx, cands, &caps);
    out.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// Finds wire datelines; the word after the dash starts a sentence.
fn mark_datelines(doc: &mut Doc) -> Vec<runs::Dateline> {
    let mut out = Vec::new();
    let mut from = 0;
    while from < doc.tokens.len() {
        let para = doc.tokens[from].para;
        let to = from + doc.tokens[from..].partition_point(|t| t.para == para);
        // A dateline on a line of its own is all capitals but the agency: a Title Case line.
        if doc.paras[para as usize] != ParaCase::AllCaps
            && let Some(d) = runs::dateline(doc, from, to)
        {
            if let Some(t) = doc.tokens.get_mut(d.next) {
                t.ambiguous = true;
            }
            out.push(d);
        }
        from = to;
    }
    out
}

/// All candidate mentions outside ALL-CAPS lines, and the token ranges of those lines.
fn candidates(ctx: &Ctx, datelines: &[runs::Dateline]) -> (Vec<Cand>, Vec<(usize, usize)>) {
    let (doc, g) = (ctx.doc, ctx.g);
    let toks = &doc.tokens;
    let mut cands = Vec::new();
    let mut caps = Vec::new();
    let mut from = 0;
    while from < toks.len() {
        let para = toks[from].para;
        let to = from + toks[from..].partition_point(|t| t.para == para);
        if doc.paras[para as usize] == ParaCase::AllCaps {
            caps.push((from, to));
            from = to;
            continue;
        }
        let mut start = from;
        if let Some(d) = datelines.iter().find(|d| d.place.0 == from) {
            dateline_cands(ctx, d, &mut cands);
            start = d.next;
        }
        let mut role_end: Option<usize> = None;
        for (a, b) in runs::raw_runs(doc, start, to, g) {
            for (s, e) in runs::split_connectors(ctx, a, b) {
                let before = cands.len();
                let bare_role = segment::segment(ctx, s, e, &mut cands);
                // "NATO’s Secretary General, Jens Stoltenberg": the appositive is the person.
                if let (Some(r), Some(c)) = (role_end, cands.get_mut(before))
                    && c.first == r + 1
                    && doc.is_punct(r, ',')
                {
                    c.votes[segment::PERSON] += 5.0;
                }
                role_end = bare_role.then_some(e);
            }
        }
        from = to;
    }
    (cands, caps)
}

fn dateline_cands(ctx: &Ctx, d: &runs::Dateline, out: &mut Vec<Cand>) {
    let (doc, g) = (ctx.doc, ctx.g);
    let mut buf = String::new();
    let (s, e) = d.place;
    let mut place = Cand::new(s, e - 1);
    let world = || {
        g.world_at(doc, s, e, &mut String::new())
            .map(|(len, gid, _)| (len, gid))
    };
    match g.longest_at(doc, s, e, true, &mut buf).or_else(world) {
        Some((len, gid)) if len == e - s => {
            place.gaz = Some(gid);
            place.from_caps = true;
            place.name = Some(g.canonical(gid).to_string());
        }
        _ => {
            place.votes[classify::kind_index(Kind::Place)] += 6.0;
            place.name = Some(forms::title_case(&forms::surface(doc, s, e - 1)));
        }
    }
    out.push(place);
    // "NAIROBI, June 2 (Northwire) —" has a date where a country may stand.
    if let Some((a, b)) = d.region
        && (a..b).all(|i| doc.tokens[i].is_capital() && !g.is_date_word(doc.word(i)))
    {
        let mut c = Cand::new(a, b - 1);
        let world = || {
            g.world_at(doc, a, b, &mut String::new())
                .map(|(len, gid, _)| (len, gid))
        };
        match g.longest_at(doc, a, b, false, &mut buf).or_else(world) {
            Some((len, gid)) if len == b - a => c.gaz = Some(gid),
            _ => c.votes[classify::kind_index(Kind::Place)] += 6.0,
        }
        out.push(c);
    }
    if let Some((a, b)) = d.agency
        && (a..b).all(|i| doc.tokens[i].is_capital())
    {
        let mut c = Cand::new(a, b - 1);
        c.votes[classify::kind_index(Kind::Organization)] += 6.0;
        out.push(c);
    }
}
