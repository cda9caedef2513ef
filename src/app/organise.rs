//! What the list shows and in what order: the query's operators, bookmarks only and facets
//! ([`App::recompute_rows`]), the order (`O`), tags (`t`) and saved views (`S`, `'`), the last
//! three through a one-line prompt at the foot of the screen.

use std::sync::Arc;

use nucleo::{Config, Matcher};

use super::{App, Effect, Effects, Focus, Input, LibraryOp, LineEdit, Message};
use crate::{
    library::{SavedView, tags},
    query::Sort,
};

/// Where the list's order came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortFrom {
    /// Newest first for a dated corpus, else the corpus's order; a filter ranks by relevance.
    Default,
    /// The user's choice: it orders the filter's matches too.
    Chosen,
}

pub use super::prompt::{Prompt, PromptKind};

impl App {
    /// Rows after the constraints other than the fuzzy filter's ranking: bookmarks only,
    /// facets, the query's operators, and the order when it is not the ranking. `None` when
    /// nothing applies (the list is the ranking, or every article in `order`).
    pub(super) fn recompute_rows(&mut self) {
        let ops = self.filter.query.has_ops();
        let sorting = self.sorts_matches();
        self.undated_left_out = 0;
        if !self.marks.bookmarks_only && self.entities.facets.is_empty() && !ops && !sorting {
            self.rows = self.grouping().then(|| {
                let all = self.base_rows();
                Arc::new(self.collapse(all))
            });
            self.refresh_corpus_counts();
            self.count_timeline();
            return;
        }
        let bookmarks_only = self.marks.bookmarks_only;
        let state = Arc::clone(&self.marks.state);
        let query = &self.filter.query;
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut undated = 0;
        let mut keep = |i: &u32| {
            let i = *i as usize;
            let meta = &self.articles[i];
            let library = state.article(&meta.id);
            let others = (!bookmarks_only || library.is_some_and(crate::library::ArticleState::is_bookmarked))
                && self.passes_facets(i);
            if !others {
                return false;
            }
            let passes = query.passes(meta, library, &mut matcher);
            if !passes
                && meta.published.is_none()
                && query.tests_dates()
                && query.passes_but_dates(meta, library, &mut matcher)
            {
                undated += 1;
            }
            passes
        };
        let mut rows: Vec<u32> = match &self.filter.results {
            Some(results) => results.order.iter().copied().filter(&mut keep).collect(),
            None => match &self.order {
                Some(order) => order.iter().copied().filter(&mut keep).collect(),
                None => (0..crate::store::article_number(self.articles.len()))
                    .filter(&mut keep)
                    .collect(),
            },
        };
        if sorting {
            self.sort.apply(&mut rows, &self.articles, &state);
        }
        self.undated_left_out = undated;
        let rows = if self.grouping() { self.collapse(rows) } else { rows };
        self.rows = Some(Arc::new(rows));
        self.refresh_corpus_counts();
        self.count_timeline();
    }

    /// Whether the filter's matches are listed in the order rather than best first: when
    /// the user chose an order. The order a dated corpus starts in (newest first) is for
    /// browsing; a filter then ranks by relevance, as it always did.
    fn sorts_matches(&self) -> bool {
        self.filter.results.is_some() && self.sort != Sort::Relevance && self.sort_from == SortFrom::Chosen
    }

    /// Order every article by the current sort (the list without a filter); the cursor
    /// stays on its article unless nobody chose one yet.
    pub(super) fn apply_sort(&mut self, fx: &mut Effects) {
        self.order = (self.sort != Sort::Relevance).then(|| {
            let mut order: Vec<u32> = (0..crate::store::article_number(self.articles.len())).collect();
            self.sort.apply(&mut order, &self.articles, &self.marks.state);
            Arc::new(order)
        });
        let keep = self.cursor_article();
        self.recompute_rows();
        if self.filter.cursor_moved || !self.filter.line.text.is_empty() {
            self.keep_cursor_on(keep, fx);
        } else {
            self.cursor = 0;
            self.list_offset = 0;
            self.open_under_cursor(fx);
        }
    }

    /// Once loaded: the order kept for this corpus, else newest first when there are dates.
    pub(super) fn initial_sort(&mut self, fx: &mut Effects) {
        // The corpus's own choice, else the settings file's (a choice too: it orders matches).
        let kept = self
            .marks
            .state
            .sort
            .as_ref()
            .and_then(|r| Sort::from_name(&r.value))
            .or(self.defaults.sort);
        let dated = self.articles.iter().any(|a| a.published.is_some());
        self.sort_from = if kept.is_some() {
            SortFrom::Chosen
        } else {
            SortFrom::Default
        };
        self.sort = kept.unwrap_or(if dated { Sort::Newest } else { Sort::Relevance });
        self.apply_sort(fx);
    }

    /// `O`: the next order, kept for the corpus.
    pub(super) fn cycle_sort(&mut self, fx: &mut Effects) {
        self.sort = self.sort.next();
        self.sort_from = SortFrom::Chosen;
        self.message = Some(Message::info(format!("sorted by {}", self.sort_label())));
        fx.push(Effect::Library(LibraryOp::SetSort(self.sort.name().to_string())));
        self.apply_sort(fx);
    }

    /// The order as the list title says it.
    pub fn sort_label(&self) -> &'static str {
        if self.filter.results.is_some() && !self.sorts_matches() {
            return "relevance";
        }
        match self.sort {
            Sort::Relevance => "corpus order",
            Sort::Newest => "newest first",
            Sort::Oldest => "oldest first",
            Sort::Title => "title",
            Sort::Source => "source",
            Sort::Length => "length",
            Sort::LastRead => "last read",
        }
    }

    /// `t`: the tags of the annotation under the reader's caret or selected in the
    /// annotations view, else of the article, in a prompt holding them as they are.
    pub(super) fn start_tagging(&mut self) {
        let listed = self
            .annotations
            .as_ref()
            .filter(|_| self.overlay == Some(super::Overlay::Annotations))
            .and_then(|l| l.current());
        let (id, ann) = if let Some(row) = listed {
            (row.key.clone(), Some(row.ann.clone()))
        } else {
            let Some(index) = self.target_article() else { return };
            let ann = self
                .reader
                .as_ref()
                .filter(|r| self.focus == Focus::Reader && r.index == index)
                .and_then(|r| {
                    r.annotations
                        .iter()
                        .find(|p| p.range.as_ref().is_some_and(|range| range.contains(&r.caret)))
                })
                .map(|p| p.ann.clone());
            (self.articles[index].id.clone(), ann)
        };
        let state = self.marks.article(&id);
        let current: Vec<String> = match &ann {
            Some(a) => state
                .and_then(|s| s.annotations.get(a))
                .map(|a| a.tags.iter().filter(|t| tags::is_tag(t)).cloned().collect())
                .unwrap_or_default(),
            None => state.map(|s| s.tags().map(str::to_owned).collect()).unwrap_or_default(),
        };
        let mut line = LineEdit::default();
        let mut text = current.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            text.push(' ');
        }
        line.set(&text);
        self.prompt = Some(Prompt {
            kind: PromptKind::Tags { id, ann },
            line,
            pool: self.tag_pool(),
        });
        self.input = Some(Input::Prompt);
    }

    /// The tags in use, most used first, for completion.
    fn tag_pool(&self) -> Vec<String> {
        tags::by_use(&self.marks.state).into_iter().map(|(t, _)| t).collect()
    }

    /// The library changed while a tag prompt is open (a save just acknowledged, another
    /// instance's tags): completion offers what is there now.
    pub(super) fn refresh_prompt_pool(&mut self) {
        if self
            .prompt
            .as_ref()
            .is_some_and(|p| matches!(p.kind, PromptKind::Tags { .. }))
        {
            let pool = self.tag_pool();
            if let Some(p) = &mut self.prompt {
                p.pool = pool;
            }
        }
    }

    pub(super) fn start_save_view(&mut self) {
        self.prompt = Some(Prompt {
            kind: PromptKind::SaveView,
            line: LineEdit::default(),
            pool: Vec::new(),
        });
        self.input = Some(Input::Prompt);
    }

    /// `'`: pick a saved view, by a fuzzy prompt over their names.
    pub(super) fn start_pick_view(&mut self) {
        if self.marks.state.views.values().all(|r| r.value.is_none()) {
            self.message = Some(Message::info(
                "no saved views yet: S saves the filter, facets and order",
            ));
            return;
        }
        let pool = self
            .marks
            .state
            .views
            .iter()
            .filter(|(_, r)| r.value.is_some())
            .map(|(n, _)| n.clone())
            .collect();
        self.prompt = Some(Prompt {
            kind: PromptKind::PickView,
            line: LineEdit::default(),
            pool,
        });
        self.input = Some(Input::Prompt);
    }

    pub(super) fn submit_tags(&mut self, id: String, ann: Option<String>, text: &str, fx: &mut Effects) {
        let mut wanted = Vec::new();
        let mut refused = Vec::new();
        for word in text.split_whitespace() {
            match tags::normalize(word) {
                Some(t) if !wanted.contains(&t) => wanted.push(t),
                Some(_) => {}
                None => refused.push(word.to_string()),
            }
        }
        if !refused.is_empty() {
            self.message = Some(Message::warning(format!(
                "not tags (letters, digits, - _ / only): {}",
                refused.join(" ")
            )));
        }
        if let Some(ann) = ann {
            fx.push(Effect::Library(LibraryOp::SetAnnotationTags { id, ann, tags: wanted }));
        } else {
            {
                let have: Vec<String> = self
                    .marks
                    .article(&id)
                    .map(|s| s.tags().map(str::to_owned).collect())
                    .unwrap_or_default();
                for tag in have.iter().filter(|t| !wanted.contains(t)) {
                    fx.push(Effect::Library(LibraryOp::SetTag {
                        id: id.clone(),
                        tag: tag.clone(),
                        on: false,
                    }));
                }
                for tag in wanted.iter().filter(|t| !have.contains(t)) {
                    fx.push(Effect::Library(LibraryOp::SetTag {
                        id: id.clone(),
                        tag: tag.clone(),
                        on: true,
                    }));
                }
            }
        }
    }

    /// The filter, facets (by name) and order, as a view to save.
    pub(super) fn current_view(&self) -> SavedView {
        let facets = self
            .entities
            .facets
            .iter()
            .map(|f| {
                let name = &self.entities.index.names[f.entity as usize];
                if f.negated { format!("!{name}") } else { name.clone() }
            })
            .collect();
        SavedView {
            query: self.filter.line.text.clone(),
            facets,
            sort: self.sort.name().to_string(),
            ..SavedView::default()
        }
    }

    /// `--view`: applied once the corpus is loaded, its names known and the library open.
    pub(super) fn apply_pending_view(&mut self, fx: &mut Effects) {
        let ready = self.loading.is_none()
            && (self.entities.complete || self.articles.is_empty())
            && !self.marks.state.corpus.is_empty();
        if ready && let Some(name) = self.pending_view.take() {
            self.apply_named_view(&name, fx);
        }
    }

    /// Apply a saved view: its query in the filter line, its facets (those whose names this
    /// corpus still has), its order.
    pub fn apply_named_view(&mut self, name: &str, fx: &mut Effects) {
        let Some(view) = self.marks.state.views.get(name).and_then(|r| r.value.clone()) else {
            self.message = Some(Message::warning(format!("there is no saved view {name:?}")));
            return;
        };
        self.entities.facets.clear();
        let mut missing = Vec::new();
        for facet in &view.facets {
            let (negated, name) = match facet.strip_prefix('!') {
                Some(n) => (true, n),
                None => (false, facet.as_str()),
            };
            match self.entities.index.names.iter().position(|n| n == name) {
                Some(entity) => self.entities.facets.push(super::Facet {
                    entity: crate::store::article_number(entity),
                    negated,
                }),
                None => missing.push(name.to_string()),
            }
        }
        if let Some(sort) = Sort::from_name(&view.sort) {
            self.sort = sort;
            self.sort_from = SortFrom::Chosen;
            self.apply_sort(fx);
        }
        self.forget_timeline();
        // The library is a file anything may have written: one line, no controls.
        self.filter
            .line
            .set(&crate::store::sanitize::sanitize_line(&view.query));
        self.query_changed(fx);
        self.message = Some(if missing.is_empty() {
            Message::info(format!("view {name:?}"))
        } else {
            Message::warning(format!("view {name:?}: no longer named here: {}", missing.join(", ")))
        });
    }
}
