//! Raw runs of capitalised tokens, and where the lower-case words inside them join or split.
//!
//! A raw run is generous: it swallows every connector that sits between capitals. Splitting
//! then decides which connectors are really inside a name ("Bank of Japan", "Rue de la Loi",
//! "Competition and Markets Authority") and which only sit between two names
//! ("Article 5 of the North Atlantic Treaty", "Germany and the Netherlands").

use super::Ctx;
use super::gazetteer::Gazetteer;
use super::token::{Doc, Shape};

/// Name particles that join whatever capitals surround them. A `match` on the word, not a
/// scan of a list: this is asked of nearly every lower-case word between capitals.
pub(super) fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "da"
            | "di"
            | "do"
            | "dos"
            | "das"
            | "du"
            | "des"
            | "del"
            | "della"
            | "van"
            | "von"
            | "der"
            | "den"
            | "ter"
            | "la"
            | "le"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "y"
            | "zu"
            | "af"
            | "es"
    )
}

/// Words that join only inside an organisation-like name.
fn is_link(w: &str) -> bool {
    matches!(w, "of" | "for" | "on" | "the" | "and")
}

/// Do one or more particles start at `i`, followed by a capital ("van der Berg")?
pub(super) fn particles_then_capital(doc: &Doc, i: usize, end: usize) -> bool {
    let mut k = i;
    while k < end && doc.tokens[k].shape == Shape::Lower && is_particle(doc.word(k)) {
        k += 1;
    }
    k > i && k < end && doc.tokens[k].is_capital()
}

/// "3rd", "101st", "22nd".
pub(super) fn is_ordinal(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
}

pub(super) fn is_connector(w: &str) -> bool {
    is_particle(w) || is_link(w)
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

/// Maximal runs `[start, end)` of capitalised tokens in tokens `from..to`, with the
/// connectors, '&', legal endings and numbers that may belong to a name.
pub(super) fn raw_runs(doc: &Doc, from: usize, to: usize, g: &Gazetteer) -> Vec<(usize, usize)> {
    let toks = &doc.tokens;
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        // "the de Gerlache crater", "van der Berg said": a name may start with a particle.
        let particle = particles_then_capital(doc, i, to) && (i == 0 || !toks[i - 1].is_capital());
        // "the 3rd Infantry Division", "101st Airborne": an ordinal heads a unit's name.
        let ordinal = is_ordinal(doc.word(i)) && toks.get(i + 1).is_some_and(|t| t.is_capital() && !t.ambiguous);
        if !toks[i].is_capital() && !particle && !ordinal {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        let mut j = i + 1;
        while j < to && !toks[end - 1].ends_name() {
            let t = &toks[j];
            let w = doc.word(j);
            let lower_ending = t.shape == Shape::Lower && w.len() <= 4 && g.is_ending(w);
            if t.is_capital() || lower_ending {
                end = j + 1;
            } else if t.shape == Shape::Number && j == end {
                let head = doc.word(end - 1);
                // "Chang'e 7 mission": a number names the thing when a noun says what it is.
                let noun_after =
                    toks.get(j + 1).is_some_and(|n| n.shape == Shape::Lower) && g.other_nouns.contains(doc.word(j + 1));
                if !(g.numbered.contains(head) || g.other_words.contains(head) || noun_after) {
                    break;
                }
                end = j + 1;
            } else {
                // Connectors, '&' and the comma of "Acme, Inc." stay only if a capital or an
                // ending follows: `end` moves when one does.
                let comma_ending = doc.is_punct(j, ',')
                    && j == end
                    && toks
                        .get(j + 1)
                        .is_some_and(|n| n.is_word() && g.is_ending(doc.word(j + 1)) && doc.word(j + 1) != "SA");
                // "Ministry of Land, Infrastructure, Transport and Tourism": a portfolio listed
                // with commas after "Body of".
                let comma_portfolio = doc.is_punct(j, ',')
                    && j == end
                    && (i..end).any(|k| doc.word(k) == "of")
                    && (i..end).any(|k| g.org_words.contains(doc.word(k)) || g.is_role_head(doc.word(k)))
                    && toks
                        .get(j + 1)
                        .is_some_and(|n| n.shape == Shape::Title && g.is_english_word(doc.word(j + 1)));
                let joint = (t.shape == Shape::Lower && is_connector(w))
                    || doc.is_punct(j, '&')
                    || comma_ending
                    || comma_portfolio;
                if !joint {
                    break;
                }
            }
            j += 1;
        }
        out.push((i, end));
        i = end;
    }
    out
}

/// Splits a raw run at connectors that do not belong to a name.
pub(super) fn split_connectors(ctx: &Ctx, start: usize, end: usize) -> Vec<(usize, usize)> {
    let (doc, g) = (ctx.doc, ctx.g);
    let toks = &doc.tokens;
    let mut locked_until = start;
    let mut out = Vec::new();
    let mut seg = start;
    let mut k = start;
    while k < end {
        if toks[k].is_capital()
            && k >= locked_until
            && let Some((len, _)) = ctx.gaz_at(k, end)
        {
            locked_until = k + len;
        }
        let is_joint = !toks[k].is_capital() && toks[k].shape != Shape::Number || doc.is_punct(k, ',');
        if !is_joint || g.is_ending(doc.word(k)) || k < locked_until || k == seg {
            k += 1;
            continue;
        }
        let m = (k..end)
            .find(|&m| toks[m].is_capital() || toks[m].shape == Shape::Number)
            .unwrap_or(end);
        if doc.is_punct(k, ',') || joins(doc, seg, k, m, end, g) {
            k = m;
            continue;
        }
        out.push((seg, k));
        seg = m;
        k = m;
    }
    out.push((seg, end));
    out.retain(|&(s, e)| s < e);
    out
}

/// Do the connectors `k..m` join the segment `seg..k` to the capitals starting at `m`?
fn joins(doc: &Doc, seg: usize, k: usize, m: usize, end: usize, g: &Gazetteer) -> bool {
    let words: Vec<&str> = (k..m).map(|i| doc.word(i)).collect();
    if words.iter().all(|w| is_particle(w) || *w == "&") {
        return true;
    }
    let left = doc.word(k - 1);
    let left_is_number = doc.tokens[k - 1].shape == Shape::Number;
    let in_org = (seg..k).any(|i| doc.tokens[i].is_capital() && g.is_cue_word(doc.word(i)));
    match words.as_slice() {
        ["of" | "for" | "on"] | ["of" | "for" | "on", "the"] => {
            if left_is_number {
                return false;
            }
            let role_of = g.is_role_head(left) && g.portfolio.contains(doc.word(m));
            in_org || role_of
        }
        ["and"] => {
            let mut r = m;
            while r < end && (doc.tokens[r].is_capital() || doc.is_punct(r, '&') || g.is_ending(doc.word(r))) {
                r += 1;
            }
            let last = doc.word(r - 1);
            let org_tail = g.org_words.contains(last) || g.other_words.contains(last);
            let capitals = (seg..k)
                .filter(|&i| doc.tokens[i].is_capital() && !g.stop.contains(doc.word(i)))
                .count();
            // "Ministry of Labour and Employment", "Department of Health and Human Services":
            // after "Body of …", dictionary words are more of the portfolio, not a new name.
            // Also after a role: "Minister of Science and Technology Tran Quoc Bao".
            let role = (seg..k).any(|i| g.is_role_head(doc.word(i)));
            let portfolio = (in_org || role)
                && (seg..k).any(|i| doc.word(i) == "of")
                && (m..r).all(|i| doc.tokens[i].is_capital() && g.is_english_word(doc.word(i)));
            portfolio || ((org_tail || g.is_ending(last)) && (capitals == 1 || in_org))
        }
        _ => false,
    }
}

/// A wire dateline at the start of a paragraph: "BAHRAIN, March 1 -", "WASHINGTON (Reuters) -".
pub(super) struct Dateline {
    /// Tokens of the ALL-CAPS place.
    pub place: (usize, usize),
    /// Tokens inside the parentheses, usually a news agency.
    pub agency: Option<(usize, usize)>,
    /// The country or state after the place's comma: "MOMBASA, Kenya —", "DEARBORN, Mich. —".
    pub region: Option<(usize, usize)>,
    /// First token after the dash.
    pub next: usize,
}

pub(super) fn dateline(doc: &Doc, from: usize, to: usize) -> Option<Dateline> {
    let toks = &doc.tokens;
    let mut k = from;
    while k < to && toks[k].shape == Shape::Upper {
        k += 1;
    }
    let place = (from, k);
    if k == from || (from..k).map(|i| toks[i].letters as usize).sum::<usize>() < 3 {
        return None;
    }
    let limit = (from + 16).min(to);
    let mut agency = None;
    let mut region: Option<(usize, usize)> = None;
    while k < limit {
        let t = &toks[k];
        if t.shape == Shape::Punct {
            match t.ch {
                c if is_dash(c) => {
                    return Some(Dateline {
                        place,
                        agency,
                        region,
                        next: k + 1,
                    });
                }
                ',' => {}
                '(' => {
                    let close = (k + 1..limit).find(|&c| doc.is_punct(c, ')'))?;
                    agency = Some((k + 1, close)).filter(|&(a, b)| a < b);
                    k = close;
                }
                _ => return None,
            }
        } else if t.shape == Shape::Lower {
            return None;
        } else if agency.is_none() && k > from && doc.is_punct(k - 1, ',') {
            region = Some((k, k + 1));
        } else if let Some((a, b)) = region.filter(|&(_, b)| b == k && agency.is_none()) {
            region = Some((a, b + 1));
        }
        k += 1;
    }
    None
}
