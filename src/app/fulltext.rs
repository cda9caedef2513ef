//! Full-text search from the filter line: a line starting with `=` searches the articles' text
//! through the index instead of fuzzy-matching titles. Results replace the list (best first,
//! each with a snippet), and opening one scrolls the reader to its first hit.

use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
};

use super::{App, Effect, Effects, FindState};
use crate::{
    fulltext::{
        self, Snippet,
        worker::{IndexStatus, Reply},
    },
    fuzzy::Results,
};

/// What the filter line starts with to search the text of articles.
pub const PREFIX: char = '=';

#[derive(Debug, Default)]
pub struct FullText {
    /// Bumped with every query sent, so late answers to older ones are dropped.
    pub generation: u64,
    /// Articles matching in all (the list shows at most the index's result limit).
    pub total: usize,
    /// Snippets of results of the current query, cut as their rows come into view.
    pub snippets: HashMap<u32, Snippet>,
    requested: HashSet<u32>,
    /// Why the last query found nothing, when it failed.
    pub error: Option<String>,
    pub status: Option<IndexStatus>,
}

impl App {
    /// The text query when the filter line is in full-text mode.
    pub fn fulltext_query(&self) -> Option<&str> {
        self.filter.line.text.strip_prefix(PREFIX)
    }

    /// The index is being opened or built (the UI keeps ticking to show progress).
    pub fn indexing(&self) -> bool {
        matches!(
            self.fulltext.status,
            Some(IndexStatus::Opening | IndexStatus::Building { .. })
        )
    }

    /// Why full-text search cannot answer, when it cannot.
    pub fn fulltext_unavailable(&self) -> Option<&str> {
        match &self.fulltext.status {
            Some(IndexStatus::Unavailable(why)) => Some(why),
            _ => None,
        }
    }

    /// How far the index build is, in percent, while it runs.
    pub fn indexing_progress(&self) -> Option<u64> {
        match self.fulltext.status {
            Some(IndexStatus::Building { done, total, .. }) => u64::try_from(done * 100 / total.max(1)).ok(),
            Some(IndexStatus::Opening) => Some(0),
            _ => None,
        }
    }

    /// The filter line changed while in full-text mode.
    pub(super) fn fulltext_changed(&mut self, fx: &mut Effects) {
        let query = self.filter.query.text.trim().to_string();
        let ft = &mut self.fulltext;
        ft.generation += 1;
        ft.snippets.clear();
        ft.requested.clear();
        ft.error = None;
        ft.total = 0;
        if query.is_empty() {
            // `=` alone lists everything, as an empty filter does.
            let keep = self.cursor_article();
            self.filter.results = None;
            self.filter.matching = false;
            self.recompute_rows();
            self.keep_cursor_on(keep, fx);
            return;
        }
        self.filter.matching = true;
        fx.push(Effect::FulltextSearch {
            generation: self.fulltext.generation,
            query,
        });
    }

    pub(super) fn searcher_reply(&mut self, reply: Reply, fx: &mut Effects) {
        match reply {
            Reply::Results {
                generation,
                hits,
                total,
                error,
            } => self.fulltext_results(generation, hits, total, error, fx),
            Reply::Snippets { generation, snippets } => self.snippets_arrived(generation, snippets),
            Reply::Status(status) => self.index_status(status, fx),
            Reply::Repaired(why) => self.notices.push(format!("the search index was rebuilt: {why}")),
            Reply::Pong => {}
        }
    }

    fn fulltext_results(
        &mut self,
        generation: u64,
        hits: Vec<u32>,
        total: usize,
        error: Option<String>,
        fx: &mut Effects,
    ) {
        if generation != self.fulltext.generation || self.fulltext_query().is_none() {
            return;
        }
        self.filter.matching = false;
        self.fulltext.error = error;
        let keep = self.cursor_article();
        let mut hits = hits;
        // The user's own words: articles whose note or annotations say every word, after those
        // whose text does, their snippet line the note, marked ✎.
        let noted = self.note_hits(&self.filter.query.text.clone());
        let known: std::collections::HashSet<u32> = hits.iter().copied().collect();
        let mut added = 0;
        for (article, snippet) in noted {
            if !known.contains(&article) {
                hits.push(article);
                self.fulltext.snippets.insert(article, snippet);
                added += 1;
            }
        }
        self.fulltext.total = total + added;
        self.filter.results = Some(Arc::new(Results {
            query: self.filter.line.text.clone(),
            order: hits,
        }));
        self.recompute_rows();
        self.place_cursor_after_results(keep, fx);
        // The article already in the reader stays: show this query's hits in it.
        if self.reader.as_ref().map(|r| r.index) == self.cursor_article() {
            self.reveal_fulltext_hits();
        }
    }

    /// Articles whose note or annotation notes contain every word of `query` (as the index
    /// analyses words: by stem, case and accents aside; `-word` and `OR` are not read here),
    /// each with a snippet of that note.
    fn note_hits(&self, query: &str) -> Vec<(u32, Snippet)> {
        let words: Vec<&str> = query
            .split_whitespace()
            .filter(|w| !w.starts_with('-') && *w != "OR")
            .collect();
        let terms: Vec<std::collections::HashSet<String>> = words
            .iter()
            .map(|w| fulltext::query_terms(w))
            .filter(|t| !t.is_empty())
            .collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let mut found = Vec::new();
        for (id, state) in &self.marks.state.articles {
            let notes = std::iter::once(state.note())
                .chain(state.live_annotations().into_iter().map(|(_, a)| a.note.as_str()))
                .filter(|n| !n.trim().is_empty());
            for note in notes {
                let line = crate::store::sanitize::sanitize_line(&note.replace('\n', " "));
                let text = format!("✎ {line}");
                let ranges: Vec<_> = terms.iter().map(|t| fulltext::hit_ranges(&text, t)).collect();
                if ranges.iter().all(|r| !r.is_empty()) {
                    let mut highlights: Vec<_> = ranges.into_iter().flatten().collect();
                    highlights.sort_by_key(|r| r.start);
                    found.push((id.clone(), Snippet { text, highlights }));
                    break;
                }
            }
        }
        if found.is_empty() {
            return Vec::new();
        }
        let index: std::collections::HashMap<&str, u32> = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), crate::store::article_number(i)))
            .collect();
        found
            .into_iter()
            .filter_map(|(id, snippet)| Some((*index.get(id.as_str())?, snippet)))
            .collect()
    }

    fn snippets_arrived(&mut self, generation: u64, snippets: Vec<(u32, Snippet)>) {
        if generation == self.fulltext.generation {
            self.fulltext.snippets.extend(snippets);
        }
    }

    fn index_status(&mut self, status: IndexStatus, fx: &mut Effects) {
        // Newly committed articles can change the results: ask again.
        let grown = matches!(
            status,
            IndexStatus::Building { committed: true, .. } | IndexStatus::Ready { .. } | IndexStatus::Shared { .. }
        );
        if let IndexStatus::Unavailable(why) = &status {
            self.notices.push(format!("full-text search is unavailable: {why}"));
        }
        self.fulltext.status = Some(status);
        if grown && self.fulltext_query().is_some() && !self.filter.query.text.trim().is_empty() {
            self.fulltext_changed(fx);
        }
    }

    /// Snippets still missing for the rows in view: asked for after every update, so scrolling
    /// and new results both fetch what is shown and nothing more.
    pub(super) fn want_snippets(&mut self, fx: &mut Effects) {
        if self.fulltext_query().is_none() || self.filter.results.is_none() {
            return;
        }
        let rows = self.list_offset..(self.list_offset + self.list_rows()).min(self.row_count());
        let missing: Vec<u32> = rows
            .filter_map(|row| self.row_article(row))
            .map(crate::store::article_number)
            .filter(|a| !self.fulltext.snippets.contains_key(a) && !self.fulltext.requested.contains(a))
            .collect();
        if missing.is_empty() {
            return;
        }
        self.fulltext.requested.extend(&missing);
        fx.push(Effect::Snippets {
            generation: self.fulltext.generation,
            articles: missing,
        });
    }

    /// An article opened from full-text results: mark its hits as an article search would and
    /// bring the first one into view. Returns whether it did.
    pub(super) fn reveal_fulltext_hits(&mut self) -> bool {
        if self.fulltext_query().is_none() {
            return false;
        }
        let query = self.filter.query.text.trim().to_string();
        let terms = fulltext::query_terms(&query);
        let Some(reader) = self.reader.as_mut().filter(|_| !terms.is_empty()) else {
            return false;
        };
        let hits = fulltext::hit_ranges(&reader.doc.text, &terms);
        // The first hit in the body: the title is on screen at the top anyway.
        let first = hits
            .iter()
            .position(|h| h.start >= reader.doc.body_start)
            .or((!hits.is_empty()).then_some(0));
        let mut line = super::LineEdit::default();
        line.set(&query);
        let offset = first.map(|i| hits[i].start);
        reader.find = Some(FindState {
            line,
            hits,
            current: first,
        });
        if let Some(offset) = offset {
            self.reveal_at(offset);
        }
        offset.is_some()
    }
}
