//! The corpus's entities, interned once; articles refer to them by number. The app uses it
//! for facets, the corpus-wide sidebar, the filter's names and related articles.
//!
//! The reader's corrections ([`Fixes`]) are a layer over what extraction found: each entity
//! number has a canonical number (itself, or the entity it was merged into), a shown type and
//! a hidden flag. Changing a correction recomputes that layer from the numbers alone, so it
//! applies at once to the whole corpus with nothing read or extracted again, and taking a
//! correction back restores exactly what was found.

use std::collections::HashMap;

use super::Kind;
use super::corpus::Found;
use super::fixes::Fixes;

/// Entities mentioned in more articles than this are not used to find related ones.
const RELATED_POSTING_MAX: usize = 5_000;

const KINDS: [Kind; 4] = [Kind::Person, Kind::Organization, Kind::Place, Kind::Other];

#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    pub names: Vec<String>,
    /// The type each entity is shown with (a correction may have changed it).
    pub kinds: Vec<Kind>,
    /// The type extraction gave.
    found_kinds: Vec<Kind>,
    lookup: HashMap<(String, Kind), u32>,
    /// Per article (by index): (entity as found, mentions), most mentioned first.
    pub per_article: Vec<Vec<(u32, u32)>>,
    /// Per entity as found: the articles that mention it, ascending.
    pub postings: Vec<Vec<u32>>,
    /// The entity each one is counted as (merges); itself when uncorrected.
    canon: Vec<u32>,
    hidden: Vec<bool>,
    fixes: Fixes,
    /// Names found as several types are shown as one (see `settle`).
    consensus: bool,
    /// Entities merged into a name the index has not seen yet, by that name.
    waiting: HashMap<String, Vec<u32>>,
}

impl EntityIndex {
    pub fn add(&mut self, article: usize, found: &[Found]) {
        if self.per_article.len() <= article {
            self.per_article.resize(article + 1, Vec::new());
        }
        // A split happens inside one article's entities (which aliases went with which
        // name); the rest of the corrections are the layer below.
        let split;
        let found = if self.fixes.iter().any(|(_, f)| !f.split.is_empty()) {
            split = self.fixes.apply_found(found);
            split.as_slice()
        } else {
            found
        };
        let mut ids = Vec::with_capacity(found.len());
        let mut new = Vec::new();
        for f in found {
            let key = (f.name.clone(), f.kind);
            let id = *self.lookup.entry(key).or_insert_with(|| {
                new.push((self.names.len()) as u32);
                self.names.push(f.name.clone());
                self.kinds.push(f.kind);
                self.found_kinds.push(f.kind);
                self.postings.push(Vec::new());
                self.canon.push((self.names.len() - 1) as u32);
                self.hidden.push(false);
                (self.names.len() - 1) as u32
            });
            let posting = &mut self.postings[id as usize];
            if posting.last() != Some(&(article as u32)) {
                posting.push(article as u32);
            }
            ids.push((id, f.mentions));
        }
        self.per_article[article] = ids;
        if !self.fixes.is_empty() {
            for id in new {
                self.layer_one(id);
            }
        }
    }

    /// The layer for one entity new to the index, without walking the others (an `add` must
    /// stay proportional to its article): its merge target if that is indexed, the type and
    /// hidden flag its name's corrections give; names merged into it earlier, while it was not
    /// indexed yet, now point at it. The corpus's agreement is left to `settle`.
    fn layer_one(&mut self, id: u32) {
        let name = self.names[id as usize].clone();
        let target = self.fixes.target(&name).to_owned();
        if target != name
            && let Some(t) = self
                .ids_named(&target)
                .into_iter()
                .max_by_key(|&t| self.postings[t as usize].len())
        {
            self.canon[id as usize] = self.canonical(t);
        } else if target != name {
            self.waiting.entry(target).or_default().push(id);
        }
        if let Some(early) = self.waiting.remove(&name) {
            for e in early {
                self.canon[e as usize] = id;
            }
        }
        let c = self.canonical(id) as usize;
        if let Some(k) = self.fixes.kind(&name) {
            self.kinds[c] = k;
        }
        self.kinds[id as usize] = self.kinds[c];
        if self.fixes.hidden(&name) {
            self.hidden[c] = true;
        }
    }

    /// Apply `fixes` (all of them, replacing the ones before) to the whole index.
    pub fn set_fixes(&mut self, fixes: Fixes) {
        self.fixes = fixes;
        self.relayer();
    }

    pub fn fixes(&self) -> &Fixes {
        &self.fixes
    }

    /// One name, one type across the corpus where the evidence agrees: a name found as two
    /// types is shown as the one that most articles give it, when those are at least twice as
    /// many as the rest ("Kenya" a place in 40 articles, an organisation in 2). Called when the
    /// entity pass is done; corrections still win.
    pub fn settle(&mut self) {
        self.consensus = true;
        self.relayer();
    }

    fn agree(&mut self) {
        let mut order: Vec<u32> = (0..self.names.len() as u32).collect();
        order.sort_by(|&a, &b| self.names[a as usize].cmp(&self.names[b as usize]));
        for same in order.chunk_by(|&a, &b| self.names[a as usize] == self.names[b as usize]) {
            if same.len() < 2 {
                continue;
            }
            let uses = |e: u32| self.postings[e as usize].len();
            let Some(&top) = same.iter().max_by_key(|&&e| (uses(e), std::cmp::Reverse(e))) else {
                continue;
            };
            let rest: usize = same.iter().filter(|&&e| e != top).map(|&e| uses(e)).sum();
            if uses(top) >= 2 * rest {
                for &e in same {
                    self.canon[e as usize] = top;
                    self.kinds[e as usize] = self.found_kinds[top as usize];
                }
            }
        }
    }

    /// Recompute canonical numbers, shown types and hidden flags from the fixes.
    fn relayer(&mut self) {
        self.waiting.clear();
        let n = self.names.len();
        self.canon = (0..n as u32).collect();
        self.kinds.clone_from(&self.found_kinds);
        self.hidden = vec![false; n];
        if self.consensus {
            self.agree();
        }
        if self.fixes.is_empty() {
            return;
        }
        let fixes = self.fixes.clone();
        for (name, _) in fixes.iter() {
            let target = fixes.target(name).to_owned();
            let kind = fixes.kind(name);
            let mut ids = self.ids_named(name);
            if target != name {
                let into = self.ids_named(&target);
                if into.is_empty() {
                    self.waiting
                        .entry(target.clone())
                        .or_default()
                        .extend(ids.iter().copied());
                }
                // Into the target's most used type: "Stoltenberg" joins the person.
                if let Some(&t) = into.iter().max_by_key(|&&t| self.postings[t as usize].len()) {
                    for &id in &ids {
                        self.canon[id as usize] = t;
                    }
                }
                ids = into;
            }
            if let Some(k) = kind {
                for &id in &ids {
                    self.kinds[id as usize] = k;
                }
                // One name, one type: every entry of the name is counted as the one of type k
                // (or the first), so the sidebar lists it once.
                let keep = ids
                    .iter()
                    .copied()
                    .find(|&i| self.found_kinds[i as usize] == k)
                    .or(ids.first().copied());
                if let Some(keep) = keep {
                    for &id in &ids {
                        if self.canon[id as usize] == id {
                            self.canon[id as usize] = keep;
                        }
                    }
                }
            }
        }
        for id in 0..n {
            let c = self.canonical(id as u32);
            self.canon[id] = c;
        }
        for id in 0..n {
            if fixes.hidden(&self.names[id]) {
                let c = self.canon[id] as usize;
                self.hidden[c] = true;
            }
        }
        for id in 0..n {
            let c = self.canon[id] as usize;
            self.kinds[id] = self.kinds[c];
        }
    }

    fn ids_named(&self, name: &str) -> Vec<u32> {
        KINDS
            .iter()
            .filter_map(|&k| self.lookup.get(&(name.to_owned(), k)).copied())
            .collect()
    }

    /// The entity `e` is counted as, following merges.
    fn canonical(&self, mut e: u32) -> u32 {
        for _ in 0..8 {
            let next = self.canon.get(e as usize).copied().unwrap_or(e);
            if next == e {
                break;
            }
            e = next;
        }
        e
    }

    fn shown(&self, e: u32) -> Option<u32> {
        let c = self.canon.get(e as usize).copied().unwrap_or(e);
        (!self.hidden.get(c as usize).copied().unwrap_or(false)).then_some(c)
    }

    pub fn is_hidden(&self, e: u32) -> bool {
        self.shown(e).is_none()
    }

    /// The article's entities as found (before corrections), most mentioned first.
    pub fn of(&self, article: usize) -> &[(u32, u32)] {
        self.per_article.get(article).map_or(&[], Vec::as_slice)
    }

    /// The entity shown under `name` with type `kind`, following corrections.
    pub fn find(&self, name: &str, kind: Kind) -> Option<u32> {
        if let Some(&e) = self.lookup.get(&(name.to_string(), kind)) {
            return self.shown(e);
        }
        // Retyped: found as another type, shown as `kind`.
        self.ids_named(name)
            .into_iter()
            .filter_map(|e| self.shown(e))
            .find(|&c| self.kinds[c as usize] == kind)
    }

    /// The type the corpus shows a name found as `kind` with (agreement, corrections).
    pub fn shown_kind(&self, name: &str, kind: Kind) -> Option<Kind> {
        let e = *self.lookup.get(&(name.to_string(), kind))?;
        let c = self.shown(e)?;
        Some(self.kinds[c as usize])
    }

    /// Every (name, type) extraction found that is shown as entity `e`.
    pub fn found_as(&self, e: u32) -> Vec<(String, Kind)> {
        (0..self.names.len())
            .filter(|&f| self.shown(f as u32) == Some(e))
            .map(|f| (self.names[f].clone(), self.found_kinds[f]))
            .collect()
    }

    /// A facet's entity after the corrections changed: what it is shown as now, if shown.
    pub fn current(&self, e: u32) -> Option<u32> {
        self.shown(e)
    }

    pub fn mentions(&self, article: usize, entity: u32) -> bool {
        self.of(article).iter().any(|&(e, _)| self.shown(e) == Some(entity))
    }

    /// Entity names of an article, for the fuzzy filter's haystack.
    pub fn names_of(&self, article: usize) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for &(e, _) in self.of(article) {
            if let Some(c) = self.shown(e) {
                let name = self.names[c as usize].as_str();
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }

    /// Entities of `articles`, counted by articles, most frequent first.
    pub fn counts(&self, articles: impl Iterator<Item = usize>) -> Vec<(u32, u32)> {
        let mut counts = vec![0u32; self.names.len()];
        // The last article each entity was counted in: a name merged from two found ones
        // counts once per article.
        let mut seen = vec![u32::MAX; self.names.len()];
        for a in articles {
            for &(e, _) in self.of(a) {
                if let Some(c) = self.shown(e) {
                    let c = c as usize;
                    if seen[c] != a as u32 {
                        seen[c] = a as u32;
                        counts[c] += 1;
                    }
                }
            }
        }
        let mut out: Vec<(u32, u32)> = counts
            .into_iter()
            .enumerate()
            .filter(|&(_, c)| c > 0)
            .map(|(e, c)| (e as u32, c))
            .collect();
        out.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.names[a.0 as usize].cmp(&self.names[b.0 as usize]))
        });
        out
    }

    /// Articles that mention the entity `e` (as shown: merged entries included), ascending.
    pub fn articles_of(&self, e: u32) -> Vec<u32> {
        let mut out: Vec<u32> = (0..self.names.len() as u32)
            .filter(|&f| self.shown(f) == Some(e))
            .flat_map(|f| self.postings[f as usize].iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Articles sharing the most entities with `article`, best first. Entities that most
    /// articles mention say little, so each shared entity weighs by how rare it is.
    pub fn related(&self, article: usize, limit: usize) -> Vec<(usize, u32)> {
        let total = self.per_article.len().max(1) as f64;
        let mut scores: HashMap<u32, (f64, u32)> = HashMap::new();
        for &(e, _) in self.of(article) {
            if self.shown(e).is_none() {
                continue;
            }
            let posting = &self.postings[e as usize];
            // Names in most articles say little, and walking their postings would cost a
            // scan of a large part of a big corpus on every article opened.
            if (posting.len() as f64 > total * 0.5 && total > 4.0) || posting.len() > RELATED_POSTING_MAX {
                continue;
            }
            let weight = (total / posting.len() as f64).ln() + 1.0;
            for &other in posting.iter().filter(|&&o| o as usize != article) {
                let s = scores.entry(other).or_default();
                s.0 += weight;
                s.1 += 1;
            }
        }
        let mut out: Vec<(u32, (f64, u32))> = scores.into_iter().collect();
        out.sort_by(|a, b| b.1.0.total_cmp(&a.1.0).then(a.0.cmp(&b.0)));
        out.into_iter()
            .take(limit)
            .map(|(a, (_, shared))| (a as usize, shared))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(name: &str, kind: Kind) -> Found {
        Found {
            name: name.into(),
            kind,
            mentions: 1,
            aliases: Vec::new(),
        }
    }

    #[test]
    fn the_corpus_agrees_on_a_type_when_most_articles_do() {
        let mut index = EntityIndex::default();
        for a in 0..4 {
            index.add(a, &[found("Kenya", Kind::Place), found("Zara", Kind::Organization)]);
        }
        index.add(4, &[found("Kenya", Kind::Organization), found("Zara", Kind::Person)]);
        for a in 5..8 {
            index.add(a, &[found("Zara", Kind::Person)]);
        }
        index.settle();
        // Four places against one organisation: a place everywhere, counted once per article.
        assert_eq!(index.shown_kind("Kenya", Kind::Organization), Some(Kind::Place));
        let kenya = index.find("Kenya", Kind::Place).unwrap();
        assert!(index.mentions(4, kenya));
        let counts = index.counts(0..8);
        assert_eq!(counts.iter().find(|c| c.0 == kenya).map(|c| c.1), Some(5));
        // Four organisations against four people: no agreement, both stay.
        assert_eq!(index.shown_kind("Zara", Kind::Person), Some(Kind::Person));
        assert_eq!(index.shown_kind("Zara", Kind::Organization), Some(Kind::Organization));
    }

    #[test]
    fn a_correction_beats_the_corpus_and_taking_it_back_restores_what_was_found() {
        let mut index = EntityIndex::default();
        for a in 0..3 {
            index.add(a, &[found("Home Depot", Kind::Person)]);
        }
        index.settle();
        let fix = crate::entities::fixes::Fix {
            kind: Some(Kind::Organization),
            ..Default::default()
        };
        index.set_fixes(Fixes::new([("Home Depot".to_owned(), fix)]));
        assert_eq!(index.shown_kind("Home Depot", Kind::Person), Some(Kind::Organization));
        assert!(index.find("Home Depot", Kind::Organization).is_some());
        index.set_fixes(Fixes::default());
        assert_eq!(index.shown_kind("Home Depot", Kind::Person), Some(Kind::Person));
        assert!(index.find("Home Depot", Kind::Organization).is_none());
    }
}

#[cfg(test)]
mod growth {
    use super::*;

    #[test]
    fn corrections_apply_to_articles_added_after_them() {
        let mut index = EntityIndex::default();
        let f = |name: &str, kind| Found {
            name: name.into(),
            kind,
            mentions: 1,
            aliases: Vec::new(),
        };
        let hide = crate::entities::fixes::Fix {
            hidden: true,
            ..Default::default()
        };
        let merge = crate::entities::fixes::Fix {
            into: Some("Jens Stoltenberg".into()),
            ..Default::default()
        };
        index.set_fixes(Fixes::new([
            ("Gaza".to_owned(), hide),
            ("Stoltenberg".to_owned(), merge),
        ]));
        // The alias arrives before its target, the hidden name after the fixes.
        index.add(0, &[f("Stoltenberg", Kind::Person), f("Gaza", Kind::Place)]);
        index.add(1, &[f("Jens Stoltenberg", Kind::Person)]);
        let jens = index.find("Jens Stoltenberg", Kind::Person).unwrap();
        assert!(index.mentions(0, jens));
        assert_eq!(index.counts(0..2).iter().find(|c| c.0 == jens).map(|c| c.1), Some(2));
        assert!(index.find("Gaza", Kind::Place).is_none());
        // Many articles, each with a new name, with corrections in force: each add handles its
        // own names only (it walked every name before, 15 s for these).
        for a in 2..20_000 {
            index.add(a, &[f(&format!("Name {a}"), Kind::Person)]);
        }
        assert!(index.names.len() > 20_000);
        assert!(index.find("Gaza", Kind::Place).is_none());
    }
}
