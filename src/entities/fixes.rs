//! A reader's corrections to the extractor, applied to what it finds: a name's type changed,
//! a name merged into another (an alias), an alias split off the name it was merged into, a
//! name hidden. Kept in the library by name (see `library::model::EntityFix`), so they apply
//! to every article that names the entity and survive any re-extraction.
//!
//! Plain data and pure functions: the app, the corpus index and `dossier entities` all apply
//! the same rules.

use std::collections::HashMap;

use super::corpus::Found;
use super::{Entity, Kind};

/// One name's correction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fix {
    pub kind: Option<Kind>,
    pub hidden: bool,
    /// This name is another way of writing that one.
    pub into: Option<String>,
    /// Aliases the extractor merged into this name that are other entities.
    pub split: Vec<String>,
}

/// Every correction of a corpus, by the name it was made on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fixes {
    by_name: HashMap<String, Fix>,
}

/// Merges are followed at most this far, so a cycle (A into B, B into A) cannot hang.
const CHAIN: usize = 8;

impl Fixes {
    pub fn new(fixes: impl IntoIterator<Item = (String, Fix)>) -> Self {
        Self {
            by_name: fixes.into_iter().filter(|(_, f)| *f != Fix::default()).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    pub fn get(&self, name: &str) -> Option<&Fix> {
        self.by_name.get(name)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Fix)> {
        self.by_name.iter().map(|(n, f)| (n.as_str(), f))
    }

    /// The name `name` is shown under: itself, or where its merges lead.
    pub fn target<'a>(&'a self, name: &'a str) -> &'a str {
        let mut at = name;
        for _ in 0..CHAIN {
            match self.by_name.get(at).and_then(|f| f.into.as_deref()) {
                Some(next) if next != at => at = next,
                _ => break,
            }
        }
        at
    }

    /// The type a name is shown with, if the reader set one (on the name or its target).
    pub fn kind(&self, name: &str) -> Option<Kind> {
        let target = self.target(name);
        self.by_name.get(target).and_then(|f| f.kind)
    }

    pub fn hidden(&self, name: &str) -> bool {
        self.by_name.get(self.target(name)).is_some_and(|f| f.hidden)
    }

    /// One article's entities with the split aliases made entities of their own (taking their
    /// mentions), nothing else changed.
    pub fn split_only(&self, text: &str, found: Vec<Entity>) -> Vec<Entity> {
        let mut out: Vec<Entity> = Vec::with_capacity(found.len());
        for mut e in found {
            let split = self
                .by_name
                .get(&e.name)
                .map(|f| f.split.as_slice())
                .unwrap_or_default();
            let split: Vec<&String> = split.iter().filter(|a| e.aliases.contains(a)).collect();
            for alias in split {
                let (moved, kept): (Vec<_>, Vec<_>) = e
                    .mentions
                    .drain(..)
                    .partition(|m| text.get(m.clone()).is_some_and(|t| t == alias.as_str()));
                e.mentions = kept;
                e.aliases.retain(|a| a != alias);
                let alias = alias.clone();
                if !moved.is_empty() {
                    out.push(Entity {
                        name: alias,
                        kind: e.kind,
                        mentions: moved,
                        aliases: Vec::new(),
                    });
                }
            }
            out.push(e);
        }
        out
    }

    /// One article's entities as the reader corrected them, and the names hidden from it.
    /// `text` is the article the mentions point into (a split alias takes its mentions).
    pub fn apply(&self, text: &str, found: Vec<Entity>) -> (Vec<Entity>, Vec<Entity>) {
        if self.is_empty() {
            return (found, Vec::new());
        }
        let mut out = self.split_only(text, found);
        let mut renamed = vec![false; out.len()];
        for (e, moved) in out.iter_mut().zip(&mut renamed) {
            let target = self.target(&e.name).to_owned();
            if target != e.name {
                let old = std::mem::replace(&mut e.name, target);
                e.aliases.push(old);
                *moved = true;
            }
            if let Some(k) = self.kind(&e.name) {
                e.kind = k;
            }
        }
        // A name merged into one of another type takes the type of the one in the article.
        for i in 0..out.len() {
            if renamed[i]
                && let Some(k) = out
                    .iter()
                    .zip(&renamed)
                    .find(|(o, r)| !**r && o.name == out[i].name)
                    .map(|(o, _)| o.kind)
            {
                out[i].kind = k;
            }
        }
        let mut merged: Vec<Entity> = Vec::with_capacity(out.len());
        for e in out {
            match merged.iter_mut().find(|m| m.name == e.name && m.kind == e.kind) {
                Some(m) => {
                    m.mentions.extend(e.mentions);
                    m.mentions.sort_by_key(|r| (r.start, r.end));
                    m.mentions.dedup();
                    for a in e.aliases {
                        if a != m.name && !m.aliases.contains(&a) {
                            m.aliases.push(a);
                        }
                    }
                }
                None => merged.push(e),
            }
        }
        merged.sort_by(|a, b| {
            b.mentions
                .len()
                .cmp(&a.mentions.len())
                .then_with(|| a.name.cmp(&b.name))
        });
        merged.into_iter().partition(|e| !self.hidden(&e.name))
    }

    /// Every correction on what the corpus index keeps of an article (counts, no offsets),
    /// hidden names left out: what `dossier entities` prints.
    pub fn correct_found(&self, found: &[Found]) -> Vec<Found> {
        let mut out: Vec<Found> = Vec::new();
        let found = self.apply_found(found);
        for mut f in found.clone() {
            let target = self.target(&f.name).to_owned();
            if target != f.name {
                let old = std::mem::replace(&mut f.name, target);
                f.aliases.push(old);
                // Into the type the target has in this article, if it is there.
                if let Some(t) = found.iter().find(|t| t.name == f.name) {
                    f.kind = t.kind;
                }
            }
            if let Some(k) = self.kind(&f.name) {
                f.kind = k;
            }
            if self.hidden(&f.name) {
                continue;
            }
            match out.iter_mut().find(|o| o.name == f.name && o.kind == f.kind) {
                Some(o) => {
                    o.mentions += f.mentions;
                    for a in f.aliases {
                        if a != o.name && !o.aliases.contains(&a) {
                            o.aliases.push(a);
                        }
                    }
                }
                None => out.push(f),
            }
        }
        out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.name.cmp(&b.name)));
        out
    }

    /// The same corrections on what the corpus index keeps of an article (counts, no offsets).
    /// Hidden names stay: the index hides them itself, so unhiding needs no re-extraction.
    pub fn apply_found(&self, found: &[Found]) -> Vec<Found> {
        let mut out: Vec<Found> = Vec::with_capacity(found.len());
        for f in found {
            let mut f = f.clone();
            let split = self
                .by_name
                .get(&f.name)
                .map(|x| x.split.as_slice())
                .unwrap_or_default();
            let split: Vec<&String> = split.iter().filter(|a| f.aliases.contains(a)).collect();
            for alias in split {
                f.aliases.retain(|a| a != alias);
                // The index keeps counts only: the split name takes one mention.
                f.mentions = f.mentions.saturating_sub(1).max(1);
                out.push(Found {
                    name: alias.clone(),
                    kind: f.kind,
                    mentions: 1,
                    aliases: Vec::new(),
                });
            }
            out.push(f);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::extract;
    use proptest::prelude::*;

    fn fixes(list: &[(&str, Fix)]) -> Fixes {
        Fixes::new(list.iter().map(|(n, f)| ((*n).to_owned(), f.clone())))
    }

    fn into(name: &str) -> Fix {
        Fix {
            into: Some(name.into()),
            ..Fix::default()
        }
    }

    const TEXT: &str = "Jens Stoltenberg met Sergei Lavrov in Brussels. Stoltenberg said NATO would act. \
                        Lavrov left Brussels for Moscow.";

    #[test]
    fn a_merge_renames_and_joins_with_the_target() {
        let f = fixes(&[("Sergei Lavrov", into("Jens Stoltenberg"))]);
        let (shown, _) = f.apply(TEXT, extract(TEXT, None));
        let jens = shown.iter().find(|e| e.name == "Jens Stoltenberg").unwrap();
        assert!(jens.aliases.contains(&"Sergei Lavrov".to_owned()), "{:?}", jens.aliases);
        assert!(shown.iter().all(|e| e.name != "Sergei Lavrov"));
        // Every mention of both, once each, in order.
        assert!(jens.mentions.windows(2).all(|w| w[0].start < w[1].start));
        assert_eq!(jens.mentions.len(), 4);
    }

    #[test]
    fn merge_chains_end_and_cycles_do_not_hang() {
        let f = fixes(&[("A", into("B")), ("B", into("C")), ("X", into("Y")), ("Y", into("X"))]);
        assert_eq!(f.target("A"), "C");
        let t = f.target("X");
        assert!(t == "X" || t == "Y");
    }

    #[test]
    fn a_split_alias_takes_its_own_mentions() {
        let f = fixes(&[(
            "Jens Stoltenberg",
            Fix {
                split: vec!["Stoltenberg".into()],
                ..Fix::default()
            },
        )]);
        let (shown, _) = f.apply(TEXT, extract(TEXT, None));
        let alone = shown.iter().find(|e| e.name == "Stoltenberg").unwrap();
        assert_eq!(alone.mentions.len(), 1);
        assert_eq!(&TEXT[alone.mentions[0].clone()], "Stoltenberg");
        let jens = shown.iter().find(|e| e.name == "Jens Stoltenberg").unwrap();
        assert!(jens.aliases.is_empty());
    }

    #[test]
    fn one_name_one_type_after_a_retype() {
        let f = fixes(&[(
            "Brussels",
            Fix {
                kind: Some(Kind::Organization),
                ..Fix::default()
            },
        )]);
        let found = f.correct_found(&[
            Found {
                name: "Brussels".into(),
                kind: Kind::Place,
                mentions: 2,
                aliases: vec![],
            },
            Found {
                name: "Brussels".into(),
                kind: Kind::Organization,
                mentions: 1,
                aliases: vec![],
            },
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].kind, found[0].mentions), (Kind::Organization, 3));
    }

    proptest! {
        /// Whatever the corrections, no mention is lost or counted twice, and no name is
        /// listed twice with one type.
        #[test]
        fn corrections_keep_every_mention_once(
            picks in prop::collection::vec((0usize..6, 0usize..6, 0u8..5), 0..6),
        ) {
            let found = extract(TEXT, None);
            let names: Vec<String> = found.iter().map(|e| e.name.clone()).chain(["Stoltenberg".into()]).collect();
            let list: Vec<(String, Fix)> = picks
                .iter()
                .map(|&(a, b, op)| {
                    let (a, b) = (names[a % names.len()].clone(), names[b % names.len()].clone());
                    let fix = match op {
                        0 => Fix { into: Some(b), ..Fix::default() },
                        1 => Fix { kind: Some(Kind::Other), ..Fix::default() },
                        2 => Fix { hidden: true, ..Fix::default() },
                        3 => Fix { split: vec![b], ..Fix::default() },
                        _ => Fix::default(),
                    };
                    (a, fix)
                })
                .collect();
            let f = Fixes::new(list);
            let mut all: Vec<std::ops::Range<usize>> = found.iter().flat_map(|e| e.mentions.clone()).collect();
            all.sort_by_key(|r| (r.start, r.end));
            let (shown, hidden) = f.apply(TEXT, found);
            let mut after: Vec<std::ops::Range<usize>> = shown.iter().chain(&hidden).flat_map(|e| e.mentions.clone()).collect();
            after.sort_by_key(|r| (r.start, r.end));
            prop_assert_eq!(all, after);
            let mut keys: Vec<(String, Kind)> = shown.iter().chain(&hidden).map(|e| (e.name.clone(), e.kind)).collect();
            let n = keys.len();
            keys.sort();
            keys.dedup();
            prop_assert_eq!(keys.len(), n);
        }
    }
}
