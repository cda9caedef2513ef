//! Short forms and the final entity list.
//!
//! A bare surname or first word is linked to the one longer name in the article that starts or
//! ends with it ("Stoltenberg" → "Jens Stoltenberg", "Lumora" → "Lumora Systems Inc.").
//! When several people share the surname, the bare surname could be any of them: it is
//! dropped rather than guessed, so no mention is ever attributed to the wrong person.

use super::classify::kind_index;
use super::forms::{lower, surface};
use super::segment::{Cand, PERSON};
use super::sets::Sets;
use super::{Ctx, Entity, Kind};
use rustc_hash::FxHashMap;

/// The words of a candidate that carry its name (capitals, minus legal endings).
fn name_words<'a>(ctx: &Ctx<'a, '_>, c: &Cand) -> Vec<&'a str> {
    (c.first..=c.last)
        .filter(|&i| ctx.doc.tokens[i].is_capital() && !ctx.g.is_ending(ctx.doc.word(i)))
        .map(|i| ctx.doc.word(i))
        .collect()
}

fn person_like(c: &Cand) -> bool {
    let p = c.votes[PERSON];
    p > 0.0 && c.votes.iter().enumerate().all(|(k, &v)| k == PERSON || v < p)
}

pub(super) fn short_forms(ctx: &Ctx, cands: &mut [Cand], texts: &[String], sets: &mut Sets, dropped: &mut [bool]) {
    let mut first: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut last: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, c) in cands.iter().enumerate() {
        if c.from_caps {
            continue;
        }
        let words = name_words(ctx, c);
        if let (Some(f), Some(l), true) = (words.first(), words.last(), words.len() >= 2) {
            first.entry(f).or_default().push(i);
            last.entry(l).or_default().push(i);
        }
    }
    let mut particled: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, c) in cands.iter().enumerate() {
        // "Willem van der Berg" is also "van der Berg".
        if let Some(k) = (c.first + 1..c.last).find(|&k| super::runs::is_particle(ctx.doc.word(k)))
            && name_words(ctx, c).len() >= 2
            && !c.from_caps
        {
            particled.entry(surface(ctx.doc, k, c.last)).or_default().push(i);
        }
    }
    for i in 0..cands.len() {
        let c = &cands[i];
        let single = name_words(ctx, c).len() == 1;
        // A one-word place of the generated gazetteer may be the surname of a person the
        // article names in full ("Villanueva" after "Carlos Villanueva").
        let world = c.gaz.is_some_and(super::gazetteer::Gazetteer::is_world)
            && !ctx.g.kind_of(c.gaz.unwrap_or(0)).eq(&Kind::Organization);
        if !single || c.from_caps || (c.gaz.is_some() && !world) {
            continue;
        }
        if world {
            surname_not_place(cands, i, &texts[i], &last, sets);
            continue;
        }
        let w = texts[i].as_str();
        if let Some(list) = particled.get(w) {
            if let [j] = list.as_slice() {
                sets.union(i, *j);
            }
            continue;
        }
        let by_last = last.get(w).map_or(&[][..], Vec::as_slice);
        let by_first = first.get(w).map_or(&[][..], Vec::as_slice);
        let me = sets.find(i);
        let mut roots: Vec<usize> = by_last
            .iter()
            .chain(by_first)
            .map(|&j| sets.find(j))
            .filter(|&r| r != me)
            .collect();
        roots.sort_unstable();
        roots.dedup();
        match roots.as_slice() {
            [] => {}
            [r] => {
                // A word used alone for the end of a longer name is usually a surname.
                let via_last = by_last.iter().any(|&j| sets.find(j) == *r);
                sets.union(i, *r);
                cands[i].dropped = false;
                if via_last {
                    cands[i].votes[PERSON] += 2.0;
                }
            }
            many => {
                // "Baumann" next to "Baumann Bank AG" and "Baumann Invest": the name whose
                // other words are generic ("Bank", "Group") is the one shortened.
                let generic: Vec<usize> = by_first
                    .iter()
                    .filter(|&&j| {
                        let words = name_words(ctx, &cands[j]);
                        words[1..].iter().all(|w| ctx.g.is_cue_word(w))
                    })
                    .map(|&j| sets.find(j))
                    .filter(|r| many.contains(r))
                    .collect();
                if let [r] = generic.as_slice() {
                    sets.union(i, *r);
                    continue;
                }
                let mut people: Vec<usize> = by_last
                    .iter()
                    .filter(|&&j| person_like(&cands[j]))
                    .map(|&j| sets.find(j))
                    .collect();
                people.sort_unstable();
                people.dedup();
                if people.len() >= 2 {
                    dropped[i] = true;
                }
            }
        }
    }
}

/// "Villanueva" after "Carlos Villanueva": a one-word place of the generated gazetteer that is
/// the last word of exactly one person's name is that person, and its place vote goes.
fn surname_not_place(cands: &mut [Cand], i: usize, w: &str, last: &FxHashMap<&str, Vec<usize>>, sets: &mut Sets) {
    let people: Vec<usize> = last
        .get(w)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter(|&&j| person_like(&cands[j]))
        .map(|&j| sets.find(j))
        .collect();
    if let Some(&r) = people.first()
        && people.iter().all(|&p| p == r)
    {
        let c = &mut cands[i];
        c.gaz = None;
        c.votes = [0.0; 4];
        c.votes[PERSON] += 2.0;
        sets.union(i, r);
    }
}

/// Candidates separated only by commas and "and"/"or" ("Malatya, Adıyaman and Elazığ").
fn coordinated(ctx: &Ctx, a: &Cand, b: &Cand) -> bool {
    if b.first <= a.last + 1 || b.first - a.last > 3 {
        return false;
    }
    (a.last + 1..b.first).all(|i| ctx.doc.is_punct(i, ',') || matches!(ctx.doc.word(i), "and" | "or"))
}

const TIE_ORDER: [Kind; 4] = [Kind::Organization, Kind::Place, Kind::Person, Kind::Other];

fn best_kind(votes: &[f32; 4]) -> (Kind, f32) {
    let mut best = (Kind::Other, 0.0f32);
    for k in TIE_ORDER {
        let v = votes[kind_index(k)];
        if v > best.1 {
            best = (k, v);
        }
    }
    best
}

pub(super) fn assemble(ctx: &Ctx, cands: &[Cand], texts: &[String], sets: &mut Sets, dropped: &[bool]) -> Vec<Entity> {
    let mut order: Vec<usize> = Vec::new();
    let mut members: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (i, c) in cands.iter().enumerate() {
        if dropped[i] || c.dropped {
            continue;
        }
        let r = sets.find(i);
        let list = members.entry(r).or_default();
        if list.is_empty() {
            order.push(r);
        }
        list.push(i);
    }
    let mut votes: FxHashMap<usize, [f32; 4]> = FxHashMap::default();
    for (&r, list) in &members {
        let mut v = [0.0f32; 4];
        for &i in list {
            for (k, x) in cands[i].votes.iter().enumerate() {
                v[k] += x;
            }
        }
        // Shape defaults count once, from the fullest form: the expansion, not the acronym.
        if let Some(&full) = list.iter().max_by_key(|&&i| (texts[i].chars().count(), usize::MAX - i)) {
            for (k, x) in cands[full].weak.iter().enumerate() {
                v[k] += x;
            }
        }
        votes.insert(r, v);
    }
    lend_kinds_along_lists(ctx, cands, sets, dropped, &mut votes);
    order
        .into_iter()
        .map(|r| entity(ctx, cands, texts, &members[&r], &votes[&r]))
        .collect()
}

/// Names listed together are usually of one kind: the most confident member of a list
/// ("Malatya, Adıyaman and Elazığ") lends its kind to members without evidence.
fn lend_kinds_along_lists(
    ctx: &Ctx,
    cands: &[Cand],
    sets: &mut Sets,
    dropped: &[bool],
    votes: &mut FxHashMap<usize, [f32; 4]>,
) {
    let mut k = 0;
    while k < cands.len() {
        let mut end = k + 1;
        while end < cands.len() && coordinated(ctx, &cands[end - 1], &cands[end]) {
            end += 1;
        }
        let roots: Vec<usize> = (k..end)
            .filter(|&i| !dropped[i] && !cands[i].dropped)
            .map(|i| sets.find(i))
            .collect();
        let strongest = roots
            .iter()
            .filter_map(|r| votes.get(r).map(best_kind))
            .filter(|&(kind, v)| v >= 3.0 && kind != Kind::Other)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let (Some((kind, _)), true) = (strongest, roots.len() > 1) {
            for r in &roots {
                if let Some(v) = votes.get_mut(r).filter(|v| best_kind(v).1 < 2.5) {
                    v[kind_index(kind)] += 2.0;
                }
            }
        }
        k = end;
    }
}

/// One entity from the candidates of one set: its mentions, its name (the longest form, the
/// most used among equals), the other forms as aliases, and the kind its votes give.
fn entity(ctx: &Ctx, cands: &[Cand], texts: &[String], list: &[usize], votes: &[f32; 4]) -> Entity {
    let doc = ctx.doc;
    let mut mentions: Vec<std::ops::Range<usize>> = list
        .iter()
        .map(|&i| {
            let c = &cands[i];
            doc.tokens[c.first].start as usize..doc.tokens[c.last].end as usize
        })
        .collect();
    mentions.sort_by_key(|m| (m.start, m.end));
    mentions.dedup();
    // Distinct forms in order of first use, with how often each is used.
    let mut forms: Vec<(&str, usize)> = Vec::new();
    let surface_members = list.iter().filter(|&&i| !cands[i].from_caps);
    let chosen: Vec<usize> = if surface_members.clone().next().is_some() {
        surface_members.copied().collect()
    } else {
        list.to_vec()
    };
    for &i in &chosen {
        let f = texts[i].as_str();
        match forms.iter_mut().find(|(g, _)| *g == f) {
            Some((_, n)) => *n += 1,
            None => forms.push((f, 1)),
        }
    }
    let name = forms
        .iter()
        .max_by(|(a, na), (b, nb)| {
            (a.chars().count(), na)
                .cmp(&(b.chars().count(), nb))
                .then_with(|| b.cmp(a))
        })
        .map(|(f, _)| f.to_string())
        .unwrap_or_default();
    let mut seen = vec![lower(&name)];
    let mut aliases = Vec::new();
    for (f, _) in forms {
        let l = lower(f);
        if !seen.contains(&l) {
            seen.push(l);
            aliases.push(f.to_string());
        }
    }
    Entity {
        name,
        kind: best_kind(votes).0,
        mentions,
        aliases,
    }
}
