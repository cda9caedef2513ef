//! Entities across a corpus: the background pass that extracts them from every article, and
//! the index the app uses for facets, the corpus-wide sidebar and related articles.

use std::collections::HashMap;

use super::{CaseStats, Entity, Kind, extract};
use crate::store::{ArticleMeta, CorpusSource, LoadOptions, for_each_body};

/// Entities mentioned in more articles than this are not used to find related ones.
const RELATED_POSTING_MAX: usize = 5_000;

/// What the index keeps of one entity in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub name: String,
    pub kind: Kind,
    pub mentions: u32,
    pub aliases: Vec<String>,
}

impl From<Entity> for Found {
    fn from(e: Entity) -> Self {
        Self {
            name: e.name,
            kind: e.kind,
            mentions: e.mentions.len() as u32,
            aliases: e.aliases,
        }
    }
}

/// Entities interned once for the whole corpus; articles refer to them by number.
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    pub names: Vec<String>,
    pub kinds: Vec<Kind>,
    lookup: HashMap<(String, Kind), u32>,
    /// Per article (by index): (entity, mentions), most mentioned first.
    pub per_article: Vec<Vec<(u32, u32)>>,
    /// Per entity: the articles that mention it, ascending.
    pub postings: Vec<Vec<u32>>,
}

impl EntityIndex {
    pub fn add(&mut self, article: usize, found: &[Found]) {
        if self.per_article.len() <= article {
            self.per_article.resize(article + 1, Vec::new());
        }
        let mut ids = Vec::with_capacity(found.len());
        for f in found {
            let key = (f.name.clone(), f.kind);
            let id = *self.lookup.entry(key).or_insert_with(|| {
                self.names.push(f.name.clone());
                self.kinds.push(f.kind);
                self.postings.push(Vec::new());
                (self.names.len() - 1) as u32
            });
            let posting = &mut self.postings[id as usize];
            if posting.last() != Some(&(article as u32)) {
                posting.push(article as u32);
            }
            ids.push((id, f.mentions));
        }
        self.per_article[article] = ids;
    }

    pub fn of(&self, article: usize) -> &[(u32, u32)] {
        self.per_article.get(article).map_or(&[], Vec::as_slice)
    }

    pub fn find(&self, name: &str, kind: Kind) -> Option<u32> {
        self.lookup.get(&(name.to_string(), kind)).copied()
    }

    pub fn mentions(&self, article: usize, entity: u32) -> bool {
        self.of(article).iter().any(|&(e, _)| e == entity)
    }

    /// Entity names of an article, for the fuzzy filter's haystack.
    pub fn names_of(&self, article: usize) -> Vec<&str> {
        self.of(article)
            .iter()
            .map(|&(e, _)| self.names[e as usize].as_str())
            .collect()
    }

    /// Entities of `articles`, counted by articles, most frequent first.
    pub fn counts(&self, articles: impl Iterator<Item = usize>) -> Vec<(u32, u32)> {
        let mut counts = vec![0u32; self.names.len()];
        for a in articles {
            for &(e, _) in self.of(a) {
                counts[e as usize] += 1;
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

    /// Articles sharing the most entities with `article`, best first. Entities that most
    /// articles mention say little, so each shared entity weighs by how rare it is.
    pub fn related(&self, article: usize, limit: usize) -> Vec<(usize, u32)> {
        let total = self.per_article.len().max(1) as f64;
        let mut scores: HashMap<u32, (f64, u32)> = HashMap::new();
        for &(e, _) in self.of(article) {
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

/// Progress and results of the background pass, in the order they happen.
#[derive(Debug, Clone)]
pub enum Pass {
    /// Casing statistics gathered (first pass done); extraction starts.
    Stats(std::sync::Arc<CaseStats>),
    /// Entities of articles `first..first + found.len()`.
    Found {
        first: usize,
        found: Vec<Vec<Found>>,
    },
    Progress {
        done: usize,
        total: usize,
    },
}

impl PartialEq for Pass {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Pass::Stats(a), Pass::Stats(b)) => std::sync::Arc::ptr_eq(a, b),
            (Pass::Found { first: a, found: x }, Pass::Found { first: b, found: y }) => a == b && x == y,
            (Pass::Progress { done: a, total: x }, Pass::Progress { done: b, total: y }) => a == b && x == y,
            _ => false,
        }
    }
}

/// Extract the entities of every article: one pass for casing statistics (how each word is
/// written mid-sentence across the corpus), one to extract with them. Bodies are read again
/// from their files rather than kept in memory. With `threads` > 1 the corpus is split in
/// contiguous parts worked on at once, and results come in one batch at the end.
pub fn extract_all(
    source: &CorpusSource,
    articles: &[ArticleMeta],
    opts: &LoadOptions,
    threads: usize,
    sink: &mut dyn FnMut(Pass),
) {
    let total = articles.len();
    let part = total.div_ceil(threads.max(1)).max(1);
    let stats = std::thread::scope(|scope| {
        let parts: Vec<_> = articles
            .chunks(part)
            .map(|chunk| {
                scope.spawn(move || {
                    let mut stats = CaseStats::default();
                    for_each_body(source, chunk, opts, &mut |_, body| {
                        if let Some(body) = body {
                            stats.add_text(&body);
                        }
                    });
                    stats
                })
            })
            .collect();
        let mut stats = CaseStats::default();
        for handle in parts {
            stats.merge(&handle.join().unwrap_or_default());
        }
        stats
    });
    let stats = std::sync::Arc::new(stats);
    sink(Pass::Progress { done: total / 2, total });
    sink(Pass::Stats(stats.clone()));
    if threads <= 1 {
        extract_streaming(source, articles, opts, &stats, sink);
        return;
    }
    let found: Vec<Vec<Vec<Found>>> = std::thread::scope(|scope| {
        let stats = &stats;
        let parts: Vec<_> = articles
            .chunks(part)
            .map(|chunk| scope.spawn(move || extract_chunk(source, chunk, opts, stats)))
            .collect();
        parts.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    sink(Pass::Progress { done: total, total });
    sink(Pass::Found {
        first: 0,
        found: found.into_iter().flatten().collect(),
    });
}

fn extract_chunk(
    source: &CorpusSource,
    chunk: &[ArticleMeta],
    opts: &LoadOptions,
    stats: &CaseStats,
) -> Vec<Vec<Found>> {
    let mut found = Vec::with_capacity(chunk.len());
    for_each_body(source, chunk, opts, &mut |_, body| {
        let entities = body.map(|b| extract(&b, Some(stats))).unwrap_or_default();
        found.push(entities.into_iter().map(Found::from).collect());
    });
    found
}

/// One thread, results sent in batches as they come, so the sidebar fills while it runs.
fn extract_streaming(
    source: &CorpusSource,
    articles: &[ArticleMeta],
    opts: &LoadOptions,
    stats: &CaseStats,
    sink: &mut dyn FnMut(Pass),
) {
    const BATCH: usize = 512;
    let total = articles.len();
    let mut found = Vec::with_capacity(BATCH);
    let mut first = 0;
    for_each_body(source, articles, opts, &mut |i, body| {
        let entities = body.map(|b| extract(&b, Some(stats))).unwrap_or_default();
        found.push(entities.into_iter().map(Found::from).collect());
        if found.len() == BATCH || i + 1 == total {
            // Progress first: the last `Found` is what tells the app the pass is over.
            sink(Pass::Progress {
                done: total / 2 + (i + 1).div_ceil(2),
                total,
            });
            sink(Pass::Found {
                first,
                found: std::mem::take(&mut found),
            });
            first = i + 1;
        }
    });
    if total == 0 {
        sink(Pass::Found {
            first: 0,
            found: Vec::new(),
        });
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
            aliases: vec![],
        }
    }

    #[test]
    fn index_counts_and_relates() {
        let mut index = EntityIndex::default();
        index.add(0, &[found("NATO", Kind::Organization), found("Gaza", Kind::Place)]);
        index.add(1, &[found("NATO", Kind::Organization), found("Kyiv", Kind::Place)]);
        index.add(2, &[found("Gaza", Kind::Place), found("Hamas", Kind::Organization)]);
        let nato = index.find("NATO", Kind::Organization).unwrap();
        assert_eq!(index.postings[nato as usize], vec![0, 1]);
        let counts = index.counts(0..3);
        assert_eq!(index.names[counts[0].0 as usize], "Gaza");
        assert_eq!(counts[0].1, 2);
        let related: Vec<usize> = index.related(0, 5).into_iter().map(|(a, _)| a).collect();
        assert_eq!(related.len(), 2);
        assert!(index.mentions(2, index.find("Hamas", Kind::Organization).unwrap()));
    }
}
