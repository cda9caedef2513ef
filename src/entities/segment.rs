//! Turns one connector-split run into candidate mentions: drops words capitalised only by
//! position, dates and demonyms, and splits titles and roles off the names they precede.

use super::Ctx;
use super::token::{Doc, ParaCase, Shape, Token};

/// A candidate mention: tokens `first..=last`, with kind votes gathered so far.
#[derive(Debug, Clone)]
pub(super) struct Cand {
    pub first: usize,
    pub last: usize,
    pub gaz: Option<u32>,
    pub votes: [f32; 4],
    /// Default votes, from the shape of the name alone; an entity counts them once.
    pub weak: [f32; 4],
    /// Set for mentions read from ALL-CAPS text: the form of the name they were matched to.
    pub name: Option<String>,
    /// Found in an ALL-CAPS line: a mention, but not a surface form.
    pub from_caps: bool,
    pub dropped: bool,
}

impl Cand {
    pub fn new(first: usize, last: usize) -> Cand {
        Cand {
            first,
            last,
            gaz: None,
            votes: [0.0; 4],
            weak: [0.0; 4],
            name: None,
            from_caps: false,
            dropped: false,
        }
    }
}

pub(super) const PERSON: usize = 0;
const ORG: usize = 1;
const OTHER: usize = 3;

/// Emits the candidates of segment `s..e`. Returns true when the segment ends in a bare
/// role ("NATO’s Secretary General"), so a name after the next comma is that person.
pub(super) fn segment(ctx: &Ctx, s: usize, e: usize, out: &mut Vec<Cand>) -> bool {
    if quoted(ctx, s, e) {
        // A capitalised phrase filling a quotation is a title: “The Last Crossing”.
        let mut c = Cand::new(s, e - 1);
        match ctx.gaz_at(s, e) {
            Some((len, gid)) if len == e - s => c.gaz = Some(gid),
            _ => c.votes[OTHER] += 7.0,
        }
        out.push(c);
        return false;
    }
    let mut bare_role = false;
    for (s, e) in evidenced(ctx, s, e, out) {
        for (s, e) in trimmed(ctx, s, e) {
            bare_role = roles(ctx, s, e, out);
        }
    }
    bare_role
}

fn quoted(ctx: &Ctx, s: usize, e: usize) -> bool {
    let doc = ctx.doc;
    let open = s > 0 && (doc.is_punct(s - 1, '“') || doc.is_punct(s - 1, '"'));
    let close = doc.is_punct(e, '”') || doc.is_punct(e, '"');
    open && close && (s..e).all(|k| doc.tokens[k].is_capital() || doc.tokens[k].shape == Shape::Lower)
}

/// Is there a gazetteer phrase or a role starting at `i`? Either makes a capital meaningful
/// even where position explains it.
fn anchored(ctx: &Ctx, i: usize, e: usize) -> bool {
    ctx.gaz_at(i, e).is_some() || role_end(ctx, i, e).is_some()
}

fn name_evidence(ctx: &Ctx, i: usize, alone: bool) -> Option<bool> {
    let t = &ctx.doc.tokens[i];
    if t.shape == Shape::Upper && label(ctx, i) {
        return Some(false);
    }
    ctx.ev.is_name(ctx.doc.word(i), t.shape, alone, ctx.g)
}

/// A page's section label or credit ("BUSINESS", "SPORTS | FOOTBALL", "PHOTO | …"): a
/// dictionary word in capitals that starts a line or stands by a '|'. An acronym in prose
/// ("the list (PURL)") is not in that place, and one a list knows is never a label.
fn label(ctx: &Ctx, i: usize) -> bool {
    let (doc, g) = (ctx.doc, ctx.g);
    let w = doc.word(i);
    let placed = i == 0
        || doc.is_punct(i - 1, '\n')
        || doc.is_punct(i - 1, '|')
        || doc.is_punct(i + 1, '|')
        || doc.tokens.get(i + 1).is_none_or(|t| t.para != doc.tokens[i].para);
    placed && w.len() >= 4 && !g.phrases.contains_key(w) && g.is_english_word(w)
}

/// Keeps only the capitals whose case means something. A lone sentence-initial word without
/// evidence either way is emitted as a dropped candidate: linking revives it if it turns out
/// to be the short form of a longer name in the article ("Geoana left.").
fn evidenced(ctx: &Ctx, s: usize, e: usize, out: &mut Vec<Cand>) -> Vec<(usize, usize)> {
    let toks = &ctx.doc.tokens;
    if ctx.doc.para_case(s) == ParaCase::TitleCase {
        return heading_pieces(ctx, s, e);
    }
    let (mut s, mut e) = (s, e);
    if toks[s].ambiguous && !anchored(ctx, s, e) && !ctx.known_phrase(s, e) {
        let more = (s + 1..e).any(|k| toks[k].is_capital());
        let common = looks_common(&toks[s], ctx.doc.word(s));
        let keep = match name_evidence(ctx, s, !more) {
            // "Home Depot said": a common word starting a sentence, then a dictionary word
            // capitalised: a bare common noun is no name, so the two are one.
            Some(false) if e == s + 2 && !common && bare_noun(ctx, s + 1) => true,
            Some(v) => v,
            None if more => !common,
            None => {
                let keep = appositive(ctx, e) && !common;
                if !keep && !common && e == s + 1 {
                    let mut c = Cand::new(s, s);
                    c.dropped = true;
                    out.push(c);
                }
                keep
            }
        };
        if !keep {
            s += 1;
        }
    }
    if e > s && toks[e - 1].tail && !anchored(ctx, e - 1, e) && name_evidence(ctx, e - 1, true) != Some(true) {
        e -= 1;
    }
    if s < e { vec![(s, e)] } else { Vec::new() }
}

/// In a heading every capital is suspect: keep the proven ones, with the numbers after them.
fn heading_pieces(ctx: &Ctx, s: usize, e: usize) -> Vec<(usize, usize)> {
    let toks = &ctx.doc.tokens;
    let mut out = Vec::new();
    let mut piece: Option<(usize, usize)> = None;
    for i in s..e {
        if toks[i].shape == Shape::Number {
            if let Some((a, b)) = piece.filter(|&(_, b)| b == i) {
                piece = Some((a, b + 1));
            }
            continue;
        }
        if !toks[i].is_capital() {
            continue;
        }
        let paired = |a: usize, b: usize| a >= s && b < e && ctx.pairs.contains(&(ctx.doc.word(a), ctx.doc.word(b)));
        let ok = anchored(ctx, i, e)
            || name_evidence(ctx, i, true) == Some(true)
            || (i > s && paired(i - 1, i))
            || paired(i, i + 1);
        match (ok, piece) {
            (true, Some((a, b))) if (b..i).all(|k| !toks[k].is_capital()) => {
                piece = Some((a, i + 1));
            }
            (true, _) => {
                out.extend(piece);
                piece = Some((i, i + 1));
            }
            (false, _) => out.extend(piece.take()),
        }
    }
    out.extend(piece);
    out
}

/// "Equinor, the state-controlled producer, said": an appositive naming what the word is.
fn appositive(ctx: &Ctx, e: usize) -> bool {
    let (doc, g) = (ctx.doc, ctx.g);
    if !doc.is_punct(e, ',') || !matches!(doc.tokens.get(e + 1).map(|_| doc.word(e + 1)), Some("the" | "a" | "an")) {
        return false;
    }
    (e + 2..(e + 8).min(doc.tokens.len()))
        .take_while(|&k| doc.tokens[k].is_word())
        .any(|k| {
            let w = doc.word(k);
            g.person_nouns.contains(w) || g.org_nouns.contains(w) || g.place_nouns.contains(w)
        })
}

/// A capitalised dictionary word that no list knows as a name ("Depot", not "Paris", "NATO"
/// or "Mark").
fn bare_noun(ctx: &Ctx, i: usize) -> bool {
    let (doc, g) = (ctx.doc, ctx.g);
    let w = doc.word(i);
    doc.tokens[i].shape == Shape::Title
        && g.is_english_word(w)
        && !g.knows_word(w)
        && !g.is_given(w)
        && !g.is_cue_word(w)
        && !g.is_date_word(w)
        && !g.stop.contains(w)
        && ctx.gaz_at(i, i + 1).is_none()
}

/// Inflections that names rarely have: "Speaking", "Reported", "Ultimately".
fn looks_common(t: &Token, w: &str) -> bool {
    t.shape == Shape::Title && (w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ly"))
}

fn particle_start(ctx: &Ctx, a: usize, b: usize) -> bool {
    super::runs::particles_then_capital(ctx.doc, a, b)
}

/// Is token `i` a month or a weekday here? A full name always is (but "May"); an abbreviation
/// ("Jan", "Thu", "Sun", which are names too: "Jan Becker", "Nguyen Thi Thu Ha") or "May"
/// only with its dot or next to a number ("Thu 4", "May 2024", "4 May").
fn date_at(ctx: &Ctx, i: usize) -> bool {
    let (doc, g) = (ctx.doc, ctx.g);
    let w = doc.word(i);
    if !g.is_date_word(w) {
        return false;
    }
    let bare = w.trim_end_matches('.');
    let short = bare.len() <= 3 || bare == "Sept";
    if !short && w != "May" {
        return true;
    }
    let number = |k: usize| doc.tokens.get(k).is_some_and(|t| t.shape == Shape::Number);
    w.ends_with('.') || doc.is_punct(i + 1, '.') || number(i + 1) || (i > 0 && number(i - 1))
}

/// Drops dates, sentence-starting function words and dangling connectors.
fn trimmed(ctx: &Ctx, s: usize, e: usize) -> Vec<(usize, usize)> {
    let (doc, g) = (ctx.doc, ctx.g);
    let mut pieces = Vec::new();
    let mut a = s;
    for i in s..=e {
        let cut = i == e || (doc.tokens[i].is_capital() && date_at(ctx, i));
        if cut {
            pieces.push((a, i));
            a = i + 1;
        }
    }
    let mut out = Vec::new();
    for (mut a, mut b) in pieces {
        while a < b {
            let w = doc.word(a);
            let t = &doc.tokens[a];
            // Mid-sentence "The" is part of a title: "The Lancet", "The Hague".
            let the = w == "The" && !t.ambiguous && b - a > 1;
            let ordinal = super::runs::is_ordinal(w) && a + 1 < b;
            let junk = (!t.is_capital() && !particle_start(ctx, a, b) && !ordinal)
                || (g.stop.contains(w) && !the && !anchored(ctx, a, b));
            if !junk {
                break;
            }
            a += 1;
        }
        while b > a {
            let t = &doc.tokens[b - 1];
            let w = doc.word(b - 1);
            let keep = t.is_capital() || t.shape == Shape::Number || g.is_ending(w);
            if keep && !(g.stop.contains(w) && b - a > 1) {
                break;
            }
            b -= 1;
        }
        if a < b {
            out.push((a, b));
        }
    }
    out
}

/// Length of a role phrase ("Deputy Secretary General", "Secretary of State") at `p`.
pub(super) fn role_end(ctx: &Ctx, p: usize, e: usize) -> Option<usize> {
    let (doc, g) = (ctx.doc, ctx.g);
    let mut k = p;
    let mut head_end = None;
    let mut lower = String::new();
    while k < e && doc.tokens[k].is_capital() {
        let w = doc.word(k).trim_end_matches('.');
        // "Economist Selim Chowdhury", "Winger Rizky Pratama": at a sentence start a person
        // noun is capitalised like a title.
        let mut noun_head = || {
            lower.clear();
            super::gazetteer::push_lower(w, &mut lower);
            // A trade by its ending ("Epidemiologist", "Olympian") when a given name follows.
            if k + 1 >= e || !doc.tokens[k + 1].is_capital() {
                return false;
            }
            let trade = ["ist", "ian", "logist"].iter().any(|x| lower.ends_with(x))
                && g.is_given(doc.word(k + 1).trim_end_matches('.'));
            g.person_nouns.contains(lower.as_str()) || trade
        };
        let head = g.role_head.contains(w) || noun_head();
        if head {
            head_end = Some(k + 1);
        }
        if !(head || g.role_mod.contains(w)) {
            break;
        }
        k += 1;
    }
    let mut end = head_end?;
    if end + 1 < e && doc.word(end) == "of" && g.portfolio.contains(doc.word(end + 1)) {
        end += 1;
        while end < e && g.portfolio.contains(doc.word(end)) {
            end += 1;
        }
    }
    Some(end)
}

/// Splits roles off names; returns true if the segment ends in a bare role.
fn roles(ctx: &Ctx, s: usize, e: usize, out: &mut Vec<Cand>) -> bool {
    let (doc, g) = (ctx.doc, ctx.g);
    if let Some((len, gid)) = ctx.gaz_at(s, e)
        && len == e - s
    {
        let mut c = Cand::new(s, e - 1);
        c.gaz = Some(gid);
        out.push(c);
        return false;
    }
    for p in s..e {
        if !doc.tokens[p].is_capital() {
            continue;
        }
        let Some(q) = role_end(ctx, p, e) else {
            continue;
        };
        let right_is_name = (q..e).all(|k| {
            let w = doc.word(k);
            !g.is_cue_word(w) && !g.is_ending(w)
        });
        let after_of = p > s && matches!(doc.word(p - 1), "of" | "the");
        if !right_is_name || after_of {
            continue;
        }
        if p > s {
            rest(ctx, s, p, false, out);
        }
        if q < e {
            rest(ctx, q, e, true, out);
            return false;
        }
        return true;
    }
    rest(ctx, s, e, false, out);
    false
}

/// Demonyms and leftovers: "Belgian" alone is dropped, "Turkish Red Crescent" kept whole,
/// "Russian Sergei Lavrov" loses its adjective.
fn rest(ctx: &Ctx, s: usize, e: usize, after_role: bool, out: &mut Vec<Cand>) {
    let (doc, g) = (ctx.doc, ctx.g);
    let mut buf = String::new();
    let (mut s, e) = (s, e);
    let starts_name = |s: usize| {
        doc.tokens[s].is_capital() || particle_start(ctx, s, e) || (super::runs::is_ordinal(doc.word(s)) && s + 1 < e)
    };
    while s < e && !starts_name(s) {
        s += 1;
    }
    if s >= e {
        return;
    }
    // Hyphenated demonym compounds ("Palestinian-Israeli") split a run and vanish.
    if let Some(k) = (s..e).find(|&k| doc.word(k).contains('-') && g.is_demonym(doc.word(k))) {
        rest(ctx, s, k, after_role, out);
        rest(ctx, k + 1, e, false, out);
        return;
    }
    let dlen = (1..=2.min(e - s)).rev().find(|&n| {
        phrase(doc, s, s + n, &mut buf);
        g.is_demonym(&buf)
    });
    if let Some(n) = dlen {
        if n == e - s {
            return;
        }
        let tail_cue = (s + n..e).any(|k| g.is_cue_word(doc.word(k)) || g.is_ending(doc.word(k)));
        let org_gaz = ctx
            .gaz_at(s + n, e)
            .is_some_and(|(len, gid)| len == e - s - n && g.kind_of(gid) == super::Kind::Organization);
        if !(tail_cue || org_gaz) {
            rest(ctx, s + n, e, after_role, out);
            return;
        }
        if org_gaz {
            let mut c = Cand::new(s, e - 1);
            c.votes[ORG] += 6.0;
            out.push(c);
            return;
        }
    }
    let single = e - s == 1;
    let w = doc.word(s);
    let t = &doc.tokens[s];
    let digit = w.chars().any(|ch| ch.is_ascii_digit());
    if single && ((t.letters < 2 && !digit) || g.acronym_stop.contains(w) || t.shape == Shape::Number) {
        return;
    }
    if single && g.is_role_head(w) {
        return;
    }
    let mut c = Cand::new(s, e - 1);
    // After a role a generated place name is a surname: "Prime Minister Montenegro".
    if let Some((len, gid)) = ctx.gaz_at(s, e)
        && len == e - s
        && !(after_role && super::gazetteer::Gazetteer::is_world(gid))
    {
        c.gaz = Some(gid);
    }
    if after_role {
        c.votes[PERSON] += 5.0;
    }
    out.push(c);
}

fn phrase(doc: &Doc, s: usize, e: usize, buf: &mut String) {
    super::gazetteer::phrase_key(doc, s, e, false, buf);
}
