//! The filter line over the list, its history, and results coming back from the matcher.

use std::sync::Arc;

use super::{App, Edit, Effect, Focus, Input, LineEdit};
use crate::filter::Results;

/// How many past filters are kept.
pub const HISTORY_MAX: usize = 100;

#[derive(Debug, Clone, Default)]
pub struct FilterState {
    pub line: LineEdit,
    /// The matcher's latest results; `None` means no filter (every article, in order).
    pub results: Option<Arc<Results>>,
    /// The matcher is still working on the current query.
    pub matching: bool,
    /// Earlier filters, oldest first.
    pub history: Vec<String>,
    /// Position while browsing the history with Up/Down.
    history_pos: Option<usize>,
}

impl FilterState {
    /// The filter line is drawn while it is being typed in or while a filter applies.
    pub fn line_shown(&self, input: Option<Input>) -> bool {
        input == Some(Input::Filter) || !self.line.text.is_empty()
    }
}

impl App {
    pub(super) fn start_filter(&mut self) -> Vec<Effect> {
        if self.panes().list.is_none() {
            // One-pane layout showing the reader: the filter needs the list.
            self.focus = Focus::List;
        }
        self.focus = if self.focus == Focus::Reader {
            Focus::List
        } else {
            self.focus
        };
        self.input = Some(Input::Filter);
        self.filter.line.cursor = self.filter.line.text.len();
        self.filter.history_pos = None;
        self.keep_selection_visible();
        vec![]
    }

    pub(super) fn edit(&mut self, edit: Edit) -> Vec<Effect> {
        match self.input {
            Some(Input::Filter) => {
                self.filter.history_pos = None;
                if self.filter.line.apply(edit) {
                    self.query_changed()
                } else {
                    vec![]
                }
            }
            Some(Input::Search) => {
                let changed = self
                    .reader
                    .as_mut()
                    .and_then(|r| r.search.as_mut())
                    .is_some_and(|s| s.line.apply(edit));
                if changed {
                    self.research();
                }
                vec![]
            }
            None => vec![],
        }
    }

    fn query_changed(&mut self) -> Vec<Effect> {
        if self.fulltext_query().is_some() {
            return self.fulltext_changed();
        }
        let query = self.filter.line.text.clone();
        if query.is_empty() {
            // No need to wait for the matcher to list everything again.
            let keep = self.selected_article();
            self.filter.results = None;
            self.filter.matching = false;
            self.recompute_rows();
            self.reselect(keep);
        } else {
            self.filter.matching = true;
        }
        vec![Effect::SetQuery(query)]
    }

    pub(super) fn clear_filter(&mut self) -> Vec<Effect> {
        self.filter.line.apply(Edit::Clear);
        self.query_changed()
    }

    pub(super) fn leave_input(&mut self) -> Vec<Effect> {
        let input = self.input.take();
        match input {
            Some(Input::Filter) => self.remember_filter(),
            // Esc on an empty search line closes the search altogether.
            Some(Input::Search) => {
                if let Some(r) = self
                    .reader
                    .as_mut()
                    .filter(|r| r.search.as_ref().is_some_and(|s| s.line.text.is_empty()))
                {
                    r.search = None;
                }
                vec![]
            }
            None => vec![],
        }
    }

    pub(super) fn submit_input(&mut self) -> Vec<Effect> {
        match self.input.take() {
            Some(Input::Filter) => {
                let mut effects = self.remember_filter();
                effects.extend(self.open_and_focus());
                effects
            }
            Some(Input::Search) | None => vec![],
        }
    }

    fn remember_filter(&mut self) -> Vec<Effect> {
        let query = self.filter.line.text.trim().to_string();
        if query.is_empty() {
            return vec![];
        }
        self.filter.history.retain(|q| *q != query);
        self.filter.history.push(query.clone());
        let excess = self.filter.history.len().saturating_sub(HISTORY_MAX);
        self.filter.history.drain(..excess);
        vec![Effect::Library(super::LibraryOp::PushHistory(query))]
    }

    /// Up in the filter line: older history when the line is empty or already browsing it,
    /// otherwise move the selection as in the list.
    pub(super) fn line_up(&mut self) -> Vec<Effect> {
        let browsing = self.filter.history_pos.is_some();
        if self.input != Some(Input::Filter) || !(browsing || self.filter.line.text.is_empty()) {
            return self.move_selection(-1);
        }
        let Some(last) = self.filter.history.len().checked_sub(1) else {
            return vec![];
        };
        let pos = self.filter.history_pos.map_or(last, |p| p.saturating_sub(1));
        self.recall(Some(pos))
    }

    pub(super) fn line_down(&mut self) -> Vec<Effect> {
        match self.filter.history_pos.filter(|_| self.input == Some(Input::Filter)) {
            Some(p) if p + 1 < self.filter.history.len() => self.recall(Some(p + 1)),
            Some(_) => self.recall(None),
            None => self.move_selection(1),
        }
    }

    fn recall(&mut self, pos: Option<usize>) -> Vec<Effect> {
        self.filter.history_pos = pos;
        let text = pos
            .and_then(|p| self.filter.history.get(p))
            .cloned()
            .unwrap_or_default();
        self.filter.line.set(&text);
        self.query_changed()
    }

    pub(super) fn filter_results(&mut self, results: Arc<Results>, running: bool) -> Vec<Effect> {
        if self.filter.line.text.is_empty() {
            // Results of an older query arriving after the line was cleared.
            self.filter.matching = false;
            return vec![];
        }
        if self.fulltext_query().is_some() {
            // The line searches text now: the matcher's answers are for an older query.
            return vec![];
        }
        self.filter.matching = running || results.query != self.filter.line.text;
        if results.query.is_empty() {
            // Results of the empty query carry no order (the app lists everything itself); one
            // arriving after the first key was typed says nothing about the new query.
            return vec![];
        }
        let keep = self.selected_article();
        if running && keep.is_some_and(|a| !results.order.contains(&(a as u32))) {
            // Partial results (a pass still running, or a matcher being rebuilt) that lack the
            // article being read would move the reader off it: wait for the settled ones.
            return vec![];
        }
        self.filter.results = Some(results);
        self.recompute_rows();
        self.reselect(keep)
    }

    /// Keep the selection on the same article while the rows change under it.
    pub(super) fn reselect(&mut self, article: Option<usize>) -> Vec<Effect> {
        let row = article.and_then(|a| self.row_of(a));
        self.selected = row.unwrap_or(0);
        self.keep_selection_visible();
        if row.is_some() { vec![] } else { self.open_selected() }
    }
}
