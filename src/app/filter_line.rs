//! The filter line over the list, its history, and results coming back from the fuzzy matcher.

use std::sync::Arc;

use super::{App, Edit, Effect, Effects, Focus, Input, LineEdit};
use crate::fuzzy::Results;

/// How many past filters are kept.
pub const HISTORY_MAX: usize = 100;

#[derive(Debug, Clone, Default)]
pub struct FilterState {
    pub line: LineEdit,
    /// The matcher's latest results; `None` means no filter (every article, in order).
    pub results: Option<Arc<Results>>,
    /// The matcher is still working on the current query.
    pub matching: bool,
    /// Counts the queries sent to the matcher, so results of an older one are known as such.
    pub generation: u64,
    /// The user moved the list's cursor since the query last changed: results that arrive
    /// then keep it where it is, instead of putting it on the best match.
    pub cursor_moved: bool,
    /// The line parsed: the fuzzy (or full-text) words, and the operators the list applies.
    pub query: crate::query::Query,
    /// Earlier filters, oldest first.
    pub history: Vec<String>,
    /// Position while browsing the history with Up/Down.
    history_pos: Option<usize>,
}

impl FilterState {
    /// The filter line is drawn while it is being typed in or while a filter applies.
    #[must_use]
    pub fn line_shown(&self, input: Option<Input>) -> bool {
        input == Some(Input::Filter) || !self.line.text.is_empty()
    }
}

impl App {
    pub(super) fn start_filter(&mut self) {
        if self.panes().list.is_none() || self.focus == Focus::Reader {
            // The filter needs the list (a one-pane layout showing the reader switches to it).
            self.focus = Focus::List;
        }
        self.input = Some(Input::Filter);
        self.filter.line.cursor = self.filter.line.text.len();
        self.filter.history_pos = None;
        self.keep_cursor_visible();
    }

    /// Typing in whichever line has the keyboard.
    pub(super) fn edit(&mut self, edit: Edit, fx: &mut Effects) {
        match self.input {
            Some(Input::Filter) => {
                self.filter.history_pos = None;
                if self.filter.line.apply(edit) {
                    self.forget_timeline();
                    self.query_changed(fx);
                }
            }
            Some(Input::Find) => {
                let changed = self
                    .reader
                    .as_mut()
                    .and_then(|r| r.find.as_mut())
                    .is_some_and(|f| f.line.apply(edit));
                if changed {
                    self.refind();
                }
            }
            Some(Input::Annotations) => self.annotations_edit_line(edit),
            Some(Input::HelpFind) => self.help_find_edit(edit),
            Some(Input::Prompt) => self.prompt_edit(edit),
            None => {}
        }
    }

    pub(super) fn query_changed(&mut self, fx: &mut Effects) {
        self.filter.cursor_moved = false;
        let line = self.fulltext_query().unwrap_or(&self.filter.line.text);
        self.filter.query = crate::query::Query::parse(line);
        if self.fulltext_query().is_some() {
            self.fulltext_changed(fx);
            return;
        }
        let query = self.filter.query.text.clone();
        if query.is_empty() {
            // No need to wait for the matcher to list everything again.
            let keep = self.cursor_article();
            self.filter.results = None;
            self.filter.matching = false;
            self.recompute_rows();
            self.keep_cursor_on(keep, fx);
        } else {
            self.filter.matching = true;
        }
        self.filter.generation += 1;
        fx.push(Effect::FuzzyQuery {
            query,
            generation: self.filter.generation,
        });
    }

    pub(super) fn clear_filter(&mut self, fx: &mut Effects) {
        self.forget_timeline();
        self.filter.line.apply(Edit::Clear);
        self.query_changed(fx);
    }

    /// Esc in the filter line: leave it, keeping (and remembering) the filter.
    pub(super) fn leave_filter(&mut self, fx: &mut Effects) {
        self.input = None;
        self.remember_filter(fx);
    }

    /// Enter in the filter line: keep the filter and open what the cursor is on.
    pub(super) fn submit_filter(&mut self, fx: &mut Effects) {
        self.input = None;
        self.remember_filter(fx);
        self.open_and_focus(fx);
    }

    fn remember_filter(&mut self, fx: &mut Effects) {
        let query = self.filter.line.text.trim().to_string();
        if query.is_empty() {
            return;
        }
        self.filter.history.retain(|q| *q != query);
        self.filter.history.push(query.clone());
        let excess = self.filter.history.len().saturating_sub(HISTORY_MAX);
        self.filter.history.drain(..excess);
        fx.push(Effect::Library(super::LibraryOp::PushHistory(query)));
    }

    /// Up in the filter line: older history when the line is empty or already browsing it,
    /// otherwise move the cursor as in the list.
    pub(super) fn filter_up(&mut self, fx: &mut Effects) {
        let browsing = self.filter.history_pos.is_some();
        if !(browsing || self.filter.line.text.is_empty()) {
            self.move_cursor(-1, fx);
            return;
        }
        let Some(last) = self.filter.history.len().checked_sub(1) else {
            return;
        };
        let pos = self.filter.history_pos.map_or(last, |p| p.saturating_sub(1));
        self.recall(Some(pos), fx);
    }

    pub(super) fn filter_down(&mut self, fx: &mut Effects) {
        match self.filter.history_pos {
            Some(p) if p + 1 < self.filter.history.len() => self.recall(Some(p + 1), fx),
            Some(_) => self.recall(None, fx),
            None => self.move_cursor(1, fx),
        }
    }

    fn recall(&mut self, pos: Option<usize>, fx: &mut Effects) {
        self.forget_timeline();
        self.filter.history_pos = pos;
        let text = pos
            .and_then(|p| self.filter.history.get(p))
            .cloned()
            .unwrap_or_default();
        self.filter.line.set(&text);
        self.query_changed(fx);
    }

    pub(super) fn fuzzy_results(&mut self, results: Arc<Results>, running: bool, generation: u64, fx: &mut Effects) {
        if self.filter.query.text.is_empty() {
            // Results of an older query arriving after the line was cleared.
            self.filter.matching = false;
            return;
        }
        if self.fulltext_query().is_some() {
            // The line searches text now: the matcher's answers are for an older query.
            return;
        }
        // Results of an older query are partial for this one.
        let running = running || generation < self.filter.generation;
        self.filter.matching = running || results.query != self.filter.query.text;
        if results.query.is_empty() {
            // Results of the empty query carry no order (the app lists everything itself); one
            // arriving after the first key was typed says nothing about the new query.
            return;
        }
        let keep = self.cursor_article();
        if self.filter.cursor_moved
            && running
            && keep.is_some_and(|a| !results.order.contains(&crate::store::article_number(a)))
        {
            // The user chose an article among these results, and partial ones (the matcher
            // rebuilt with entity names, say) lack it: wait for the settled ones.
            return;
        }
        self.filter.results = Some(results);
        self.recompute_rows();
        self.place_cursor_after_results(keep, fx);
    }

    /// As in fzf: new results put the cursor on the best match (and the reader's preview
    /// follows), unless the user has moved it since the query changed.
    pub(super) fn place_cursor_after_results(&mut self, keep: Option<usize>, fx: &mut Effects) {
        if self.filter.cursor_moved {
            self.keep_cursor_on(keep, fx);
        } else {
            self.cursor = 0;
            self.list_offset = 0;
            self.keep_cursor_visible();
            self.open_under_cursor(fx);
        }
    }
}
