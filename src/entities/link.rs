//! Groups candidate mentions into entities: gazetteer synonyms, acronym definitions, legal
//! endings, surnames and other short forms, and mentions in ALL-CAPS lines.

use super::alias::{assemble, short_forms};
use super::forms::{lower, surface, title_case};
use super::segment::Cand;
use super::sets::Sets;
use super::token::Shape;
use super::{Ctx, Entity};
use rustc_hash::FxHashMap;

/// The name without legal endings: "Castlegate Capital LLC" → "Castlegate Capital".
fn without_ending(ctx: &Ctx, c: &Cand) -> Option<(usize, usize)> {
    let mut last = c.last;
    while last > c.first && (ctx.g.is_ending(ctx.doc.word(last)) || ctx.doc.is_punct(last, ',')) {
        last -= 1;
    }
    (last < c.last).then_some((c.first, last))
}

/// Do the capitals of `words` abbreviate to `acr`? Letters may come from inside a word
/// ("JAXA" from "Japan Aerospace eXploration Agency"); words may be skipped after the first.
fn initials_match(words: &[&str], acr: &str) -> bool {
    fn go(words: &[Vec<char>], w: usize, pos: usize, acr: &[char]) -> bool {
        let Some((&a, rest)) = acr.split_first() else {
            return true;
        };
        let word = &words[w];
        if word[pos + 1..].contains(&a) {
            let at = pos + 1 + word[pos + 1..].iter().position(|&c| c == a).unwrap_or(0);
            if go(words, w, at, rest) {
                return true;
            }
        }
        (w + 1..words.len()).any(|n| words[n][0] == a && go(words, n, 0, rest))
    }
    let acr: Vec<char> = acr.chars().filter(|c| c.is_alphabetic()).collect();
    let words: Vec<Vec<char>> = words
        .iter()
        .map(|w| w.chars().flat_map(char::to_uppercase).collect::<Vec<_>>())
        .filter(|w: &Vec<char>| !w.is_empty())
        .collect();
    match (acr.split_first(), words.first()) {
        (Some((&a, rest)), Some(w0)) if w0[0] == a => go(&words, 0, 0, rest),
        _ => false,
    }
}

pub(super) fn entities(ctx: &Ctx, mut cands: Vec<Cand>, caps: &[(usize, usize)]) -> Vec<Entity> {
    let doc = ctx.doc;
    join_known_and(ctx, &mut cands);
    let texts: Vec<String> = cands
        .iter()
        .map(|c| c.name.clone().unwrap_or_else(|| surface(doc, c.first, c.last)))
        .collect();
    let (mut cands, texts) = with_caps(ctx, cands, texts, caps);
    let n = cands.len();
    let mut sets = Sets::new(n);
    let stripped: Vec<Option<String>> = cands
        .iter()
        .map(|c| {
            let (a, b) = without_ending(ctx, c).filter(|_| c.gaz.is_none())?;
            Some(surface(doc, a, b))
        })
        .collect();
    let mut by_text: FxHashMap<&str, usize> = FxHashMap::default();
    let mut by_group: FxHashMap<u32, usize> = FxHashMap::default();
    for (i, c) in cands.iter().enumerate() {
        let first = match c.gaz {
            Some(gid) => *by_group.entry(gid).or_insert(i),
            None => *by_text.entry(texts[i].as_str()).or_insert(i),
        };
        sets.union(i, first);
        if let Some(s) = &stripped[i] {
            let first = *by_text.entry(s.as_str()).or_insert(i);
            sets.union(i, first);
        }
    }
    link_acronyms(ctx, &cands, &mut sets);
    let mut dropped = vec![false; n];
    short_forms(ctx, &mut cands, &texts, &mut sets, &mut dropped);
    assemble(ctx, &cands, &texts, &mut sets, &dropped)
}

/// "Harland and Pryce shares": rejoin "X and Y" when the article names an organisation so.
fn join_known_and(ctx: &Ctx, cands: &mut Vec<Cand>) {
    let doc = ctx.doc;
    let known: Vec<String> = cands
        .iter()
        .filter(|c| (c.first..c.last).any(|i| doc.word(i) == "and"))
        .map(|c| {
            let (a, b) = without_ending(ctx, c).unwrap_or((c.first, c.last));
            surface(doc, a, b)
        })
        .collect();
    if known.is_empty() {
        return;
    }
    let mut k = 0;
    while k + 1 < cands.len() {
        let (a, b) = (&cands[k], &cands[k + 1]);
        if a.last + 2 == b.first && doc.word(a.last + 1) == "and" && a.gaz.is_none() {
            let joined = surface(doc, a.first, b.last);
            if known.contains(&joined) {
                let mut c = Cand::new(a.first, b.last);
                c.votes = std::array::from_fn(|i| a.votes[i] + b.votes[i]);
                cands[k] = c;
                cands.remove(k + 1);
            }
        }
        k += 1;
    }
}

/// Adds mentions found in ALL-CAPS lines: names the body already has, or gazetteer names.
fn with_caps(
    ctx: &Ctx,
    mut cands: Vec<Cand>,
    mut texts: Vec<String>,
    caps: &[(usize, usize)],
) -> (Vec<Cand>, Vec<String>) {
    let (doc, g) = (ctx.doc, ctx.g);
    if caps.is_empty() {
        return (cands, texts);
    }
    let mut known: FxHashMap<String, (String, Option<u32>)> = FxHashMap::default();
    for (c, t) in cands.iter().zip(&texts).filter(|(c, _)| !c.dropped) {
        known.entry(lower(t)).or_insert_with(|| (t.clone(), c.gaz));
        if let Some((a, b)) = without_ending(ctx, c) {
            let s = surface(doc, a, b);
            known.entry(lower(&s)).or_insert((s, c.gaz));
        }
    }
    let mut buf = String::new();
    for &(from, to) in caps {
        let mut i = from;
        while i < to {
            if !doc.tokens[i].is_word() {
                i += 1;
                continue;
            }
            let run_end = (i..to)
                .find(|&k| !doc.tokens[k].is_word() && !doc.is_punct(k, '&'))
                .unwrap_or(to);
            let mut found = None;
            for len in (1..=(run_end - i).min(6)).rev() {
                super::gazetteer::phrase_key(doc, i, i + len, true, &mut buf);
                if let Some((t, gaz)) = known.get(buf.as_str()) {
                    found = Some((len, *gaz, Some(t.clone())));
                    break;
                }
            }
            if found.is_none() {
                let stop = g.stop_lower.contains(&lower(doc.word(i)));
                if let Some((len, gid)) = g.longest_at(doc, i, run_end, true, &mut buf)
                    && !(stop && len == 1)
                {
                    found = Some((len, Some(gid), None));
                }
            }
            match found {
                Some((len, gaz, name)) => {
                    let mut c = Cand::new(i, i + len - 1);
                    c.gaz = gaz;
                    c.from_caps = true;
                    let text = name
                        .or_else(|| gaz.map(|gid| g.canonical(gid).to_string()))
                        .unwrap_or_else(|| title_case(&surface(doc, i, i + len - 1)));
                    c.name = Some(text.clone());
                    cands.push(c);
                    texts.push(text);
                    i += len;
                }
                None => i += 1,
            }
        }
    }
    (cands, texts)
}

/// "Prioritised Ukraine Requirements List (PURL)": the acronym is the same entity.
fn link_acronyms(ctx: &Ctx, cands: &[Cand], sets: &mut Sets) {
    let (doc, g) = (ctx.doc, ctx.g);
    let by_first: FxHashMap<usize, usize> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.first == c.last)
        .map(|(i, c)| (c.first, i))
        .collect();
    for (i, c) in cands.iter().enumerate() {
        let a = c.last + 2;
        if !(doc.is_punct(c.last + 1, '(') && doc.is_punct(a + 1, ')')) {
            continue;
        }
        let Some(&j) = by_first.get(&a) else { continue };
        if doc.tokens[a].shape != Shape::Upper || c.first == c.last && c.gaz.is_some() {
            continue;
        }
        let words: Vec<&str> = (c.first..=c.last)
            .filter(|&k| doc.tokens[k].is_capital())
            .map(|k| doc.word(k))
            .collect();
        let acr = doc.word(a);
        let cue = words.len() > 1 && words.iter().any(|w| g.is_cue_word(w));
        if initials_match(&words, acr) || (cue && cands[j].gaz.is_none()) {
            sets.union(i, j);
        }
    }
}
