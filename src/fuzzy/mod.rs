//! Live fuzzy filtering with nucleo.
//!
//! The [`Engine`] (nucleo with one item per article) runs on a [`Worker`] thread of its own: a
//! keystroke only re-patterns it, and results are reported back as they settle, so typing is
//! drawn at once even while a pass over a million titles is still running. Items are pushed
//! while the corpus loads.

use std::sync::Arc;

use nucleo::{
    Config, Nucleo, Utf32String,
    pattern::{CaseMatching, Normalization, Pattern},
};
use unicode_segmentation::UnicodeSegmentation;

use crate::store::ArticleMeta;

mod worker;
pub use worker::{Update, Worker};

/// The text an article is matched on: title first (so highlight indices below the title's
/// length fall in the title), then where it came from, its date and the names it mentions.
pub fn haystack(meta: &ArticleMeta, names: &[&str]) -> String {
    let mut text = String::with_capacity(meta.title.len() + meta.path.len() + 64);
    text.push_str(&meta.title);
    // ASCII separators keep an ASCII title's haystack ASCII, which nucleo stores and matches
    // far faster than Unicode (one byte a character instead of four, no grapheme pass).
    text.push_str("  ");
    text.push_str(meta.source.as_deref().unwrap_or(&meta.path));
    if let Some(date) = &meta.date {
        text.push(' ');
        text.push_str(date);
    }
    for name in names {
        text.push_str("  ");
        text.push_str(name);
    }
    text
}

/// A settled or partial result of the matcher: article indices, best first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Results {
    /// The query these results are for (may lag behind what is typed).
    pub query: String,
    pub order: Vec<u32>,
}

/// nucleo with one item per article, the item's index being the article's.
pub struct Engine {
    nucleo: Nucleo<u32>,
    query: String,
    pushed: usize,
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine {
    pub fn new() -> Self {
        let nucleo = Nucleo::new(Config::DEFAULT, Arc::new(|| {}), None, 1);
        Self {
            nucleo,
            query: String::new(),
            pushed: 0,
        }
    }

    /// How many articles have been handed to the matcher.
    pub fn pushed(&self) -> usize {
        self.pushed
    }

    /// Hand articles' haystacks to the matcher, in corpus order from article `self.pushed()`,
    /// so that nucleo's item index is the article index.
    pub fn push(&mut self, haystacks: impl Iterator<Item = String>) {
        let injector = self.nucleo.injector();
        for hay in haystacks {
            injector.push(crate::store::article_number(self.pushed), |_, cols| {
                cols[0] = Utf32String::from(hay.as_str());
            });
            self.pushed += 1;
        }
    }

    /// Re-pattern. When the new query only extends the old one nucleo can narrow the previous
    /// matches instead of starting over.
    pub fn set_query(&mut self, query: &str) {
        if query == self.query {
            return;
        }
        let append = query.starts_with(&self.query) && !self.query.ends_with('\\');
        self.nucleo
            .pattern
            .reparse(0, query, CaseMatching::Smart, Normalization::Smart, append);
        self.query = query.to_string();
    }

    /// Let the workers progress for up to `timeout_ms`; returns (results changed, still running).
    pub fn tick(&mut self, timeout_ms: u64) -> (bool, bool) {
        let status = self.nucleo.tick(timeout_ms);
        (status.changed, status.running)
    }

    /// The current snapshot, as article indices best first.
    pub fn results(&self) -> Results {
        let snapshot = self.nucleo.snapshot();
        let order = snapshot.matched_items(..).map(|item| *item.data).collect();
        Results {
            query: self.query.clone(),
            order,
        }
    }

    /// Block until the matcher has settled on the current query and every pushed item.
    pub fn settle(&mut self) -> Results {
        loop {
            let (_, running) = self.tick(50);
            if !running {
                return self.results();
            }
        }
    }
}

/// Parse a query the way the live matcher does, for highlighting.
pub fn pattern(query: &str) -> Pattern {
    Pattern::parse(query, CaseMatching::Smart, Normalization::Smart)
}

/// Byte ranges of the graphemes of `title` to highlight for `pattern`. When the title alone
/// matches, its own best alignment is shown (the haystack's best one may lie in the file name);
/// otherwise whatever part of the haystack match falls in the title.
pub fn title_highlights(
    pattern: &Pattern,
    haystack: &str,
    title: &str,
    matcher: &mut nucleo::Matcher,
) -> Vec<(usize, usize)> {
    let mut indices = Vec::new();
    let title32 = Utf32String::from(title);
    if pattern.indices(title32.slice(..), matcher, &mut indices).is_none() {
        indices.clear();
        let hay = Utf32String::from(haystack);
        if pattern.indices(hay.slice(..), matcher, &mut indices).is_none() {
            return Vec::new();
        }
    }
    indices.sort_unstable();
    indices.dedup();
    grapheme_ranges(title, &indices)
}

/// Map nucleo's match indices (grapheme positions, sorted) to byte ranges of those graphemes,
/// using the same segmentation nucleo applies to its haystacks. Indices past the end are ignored.
pub fn grapheme_ranges(text: &str, indices: &[u32]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::with_capacity(indices.len());
    let mut wanted = indices.iter().peekable();
    for (n, (start, g)) in text.grapheme_indices(true).enumerate() {
        let Some(&&next) = wanted.peek() else { break };
        if next as usize == n {
            ranges.push((start, start + g.len()));
            wanted.next();
        }
    }
    ranges
}

/// Rank every article for `--filter`: the same matcher, query syntax and ranking as the list.
pub fn rank(haystacks: impl Iterator<Item = String>, query: &str) -> Vec<u32> {
    let mut filter = Engine::new();
    filter.push(haystacks);
    filter.set_query(query);
    filter.settle().order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Format, Origin};
    use proptest::prelude::*;

    fn article(title: &str, entities: &[&str]) -> ArticleMeta {
        ArticleMeta {
            id: title.to_string(),
            title: title.to_string(),
            path: format!("{title}.txt"),
            source: None,
            author: Some(entities.join("|")),
            date: Some("2024-03-01".into()),
            published: None,
            words: 10,
            truncated: false,
            format: Format::Text,
            origin: Origin::Seed(0),
        }
    }

    /// Test articles carry their entity names in the author field, so one value holds both.
    fn hay_of(meta: &ArticleMeta) -> String {
        let names: Vec<&str> = meta
            .author
            .as_deref()
            .map_or(vec![], |a| a.split('|').filter(|n| !n.is_empty()).collect());
        let mut plain = meta.clone();
        plain.author = None;
        haystack(&plain, &names)
    }

    fn titles(articles: &[ArticleMeta], query: &str) -> Vec<String> {
        rank(articles.iter().map(hay_of), query)
            .into_iter()
            .map(|i| articles[i as usize].title.clone())
            .collect()
    }

    fn corpus() -> Vec<ArticleMeta> {
        vec![
            article("NATO stays out of Gaza", &["Jens Stoltenberg", "Gaza"]),
            article("Café culture in Paris", &["Paris"]),
            article("Ukraine asks NATO for help", &["Ukraine", "NATO"]),
            article("Weather report", &[]),
        ]
    }

    #[test]
    fn terms_are_anded_and_entities_count() {
        let c = corpus();
        assert_eq!(titles(&c, "stoltenberg gaza"), ["NATO stays out of Gaza"]);
        let mut nato = titles(&c, "nato");
        nato.sort();
        assert_eq!(nato, ["NATO stays out of Gaza", "Ukraine asks NATO for help"]);
    }

    #[test]
    fn fzf_syntax() {
        let c = corpus();
        assert_eq!(titles(&c, "'Paris"), ["Café culture in Paris"]);
        assert_eq!(titles(&c, "^ukr"), ["Ukraine asks NATO for help"]);
        assert_eq!(titles(&c, "nato !gaza"), ["Ukraine asks NATO for help"]);
        assert_eq!(titles(&c, "report$").len(), 0, "suffix applies to the whole haystack");
        assert_eq!(titles(&c, "^weather"), ["Weather report"]);
        // Smart case: an upper-case letter makes the term case-sensitive.
        assert!(titles(&c, "Weather").contains(&"Weather report".to_string()));
        assert!(titles(&c, "WEATHER").is_empty());
        // Normalisation: plain e matches é.
        assert_eq!(titles(&c, "cafe"), ["Café culture in Paris"]);
        assert_eq!(titles(&c, "").len(), 4);
    }

    #[test]
    fn incremental_query_matches_like_a_fresh_one() {
        let c = corpus();
        let mut filter = Engine::new();
        filter.push(c.iter().map(hay_of));
        for q in ["n", "na", "nat", "nato", "nato g", "nato"] {
            filter.set_query(q);
            assert_eq!(filter.settle().order, rank(c.iter().map(hay_of), q), "query {q:?}");
        }
    }

    #[test]
    fn highlights_are_title_graphemes() {
        let mut matcher = nucleo::Matcher::new(Config::DEFAULT);
        let meta = article("Café culture", &[]);
        let hay = hay_of(&meta);
        let ranges = title_highlights(&pattern("cafe"), &hay, &meta.title, &mut matcher);
        let lit: String = ranges.iter().map(|&(s, e)| &meta.title[s..e]).collect();
        assert_eq!(lit, "Café");
        // A match that lies only in the entity names highlights nothing in the title.
        let meta = article("Talks", &["Stoltenberg"]);
        let hay = hay_of(&meta);
        assert!(title_highlights(&pattern("stolt"), &hay, &meta.title, &mut matcher).is_empty());
    }

    proptest! {
        #[test]
        fn grapheme_ranges_are_exactly_the_indexed_graphemes(
            text in "([a-z ]|é|e\u{301}|漢|字|👍|👨\u{200d}👩\u{200d}👧|ä|\u{1f1eb}\u{1f1f7}){0,30}",
            raw in proptest::collection::btree_set(0u32..40, 0..10),
        ) {
            let indices: Vec<u32> = raw.into_iter().collect();
            let graphemes: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
            let ranges = grapheme_ranges(&text, &indices);
            let expected: Vec<(usize, usize)> = indices
                .iter()
                .filter_map(|&i| graphemes.get(i as usize).map(|&(s, g)| (s, s + g.len())))
                .collect();
            prop_assert_eq!(ranges, expected);
        }

        #[test]
        fn a_query_taken_from_the_title_highlights_whole_graphemes_of_it(
            title in "([a-z ]|é|e\u{301}|漢|字|👍|👨\u{200d}👩\u{200d}👧|ä){1,30}",
            pick in proptest::collection::vec(any::<prop::sample::Index>(), 1..4),
        ) {
            let graphemes: Vec<&str> = title.graphemes(true).collect();
            let mut picked: Vec<usize> = pick.iter().map(|i| i.index(graphemes.len())).collect();
            picked.sort_unstable();
            picked.dedup();
            let query: String = picked.iter().map(|&i| graphemes[i]).filter(|g| !g.trim().is_empty()).collect();
            prop_assume!(!query.is_empty());
            let meta = article(&title, &[]);
            let mut matcher = nucleo::Matcher::new(Config::DEFAULT);
            let ranges = title_highlights(&pattern(&query), &hay_of(&meta), &title, &mut matcher);
            let boundaries: Vec<usize> = title.grapheme_indices(true).map(|(i, _)| i).chain([title.len()]).collect();
            prop_assert!(!ranges.is_empty(), "query {query:?} matched nothing in {title:?}");
            prop_assert!(ranges.len() <= query.graphemes(true).count());
            for &(s, e) in &ranges {
                prop_assert!(boundaries.contains(&s) && boundaries.contains(&e), "split a grapheme");
                prop_assert_eq!(title[s..e].graphemes(true).count(), 1);
            }
        }
    }
}
