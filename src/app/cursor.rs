//! The list and its cursor: which articles the list shows, in what order, which one the cursor
//! is on, and moving between panes.

use super::{App, Effect, Effects, Focus, LibraryOp, add};
use crate::layout;

/// How many articles Backspace can go back through.
const VISITS_KEPT: usize = 100;

impl App {
    /// Rows the list shows: the filter's matches best first, or every article in order.
    #[must_use]
    pub fn row_count(&self) -> usize {
        if let Some(rows) = &self.rows {
            return rows.len();
        }
        match &self.filter.results {
            Some(results) => results.order.len(),
            None => self.articles.len(),
        }
    }

    #[must_use]
    pub fn row_article(&self, row: usize) -> Option<usize> {
        if let Some(rows) = &self.rows {
            return rows.get(row).map(|&i| i as usize);
        }
        match (&self.filter.results, &self.order) {
            (Some(results), _) => results.order.get(row).map(|&i| i as usize),
            (None, Some(order)) => order.get(row).map(|&i| i as usize),
            (None, None) => (row < self.articles.len()).then_some(row),
        }
    }

    /// The rows before any constraint or grouping: the filter's matches, else every article
    /// in the list's order.
    pub(super) fn base_rows(&self) -> Vec<u32> {
        match (&self.filter.results, &self.order) {
            (Some(results), _) => results.order.clone(),
            (None, Some(order)) => order.to_vec(),
            (None, None) => (0..crate::store::article_number(self.articles.len())).collect(),
        }
    }

    pub(super) fn row_of(&self, article: usize) -> Option<usize> {
        if let Some(rows) = &self.rows {
            return rows.iter().position(|&i| i as usize == article);
        }
        match (&self.filter.results, &self.order) {
            (Some(results), _) => results.order.iter().position(|&i| i as usize == article),
            (None, Some(order)) => order.iter().position(|&i| i as usize == article),
            (None, None) => (article < self.articles.len()).then_some(article),
        }
    }

    /// The article under the list cursor.
    #[must_use]
    pub fn cursor_article(&self) -> Option<usize> {
        self.row_article(self.cursor)
    }

    /// Rows above the first article row inside the list pane: the border and the filter line.
    #[must_use]
    pub fn list_header_rows(&self) -> u16 {
        layout::LIST_HEADER_ROWS
            + u16::from(self.filter.line_shown(self.input))
            + u16::from(!self.entities.facets.is_empty())
    }

    /// How many article rows fit in the list.
    #[must_use]
    pub fn list_rows(&self) -> usize {
        let list = self.panes().list.map_or(0, |r| r.height);
        let timeline = u16::from(self.timeline_shown());
        usize::from(list.saturating_sub(self.list_header_rows() + 1 + timeline)) / self.list_row_height()
    }

    /// Screen lines per list row: two for full-text results (title, then snippet).
    #[must_use]
    pub fn list_row_height(&self) -> usize {
        if self.fulltext_query().is_some() { 2 } else { 1 }
    }

    /// j/k and friends: their meaning follows the focus (the list's cursor, the reader's
    /// caret, the sidebar's cursor).
    pub(super) fn step(&mut self, delta: i64, fx: &mut Effects) {
        match self.focus {
            Focus::List => self.move_cursor(delta, fx),
            Focus::Reader => self.caret_lines(delta),
            Focus::Sidebar => self.move_sidebar_cursor(delta),
        }
    }

    /// Paging keys page the focused pane; `divisor` 2 is half a page.
    pub(super) fn page(&mut self, dir: i64, divisor: usize, fx: &mut Effects) {
        let rows = |n: usize| i64::try_from((n / divisor).max(1)).unwrap_or(1);
        match self.focus {
            Focus::List => self.move_cursor(dir * rows(self.list_rows()), fx),
            Focus::Reader => self.scroll_reader_pages(dir, divisor),
            Focus::Sidebar => {
                let height = self
                    .panes()
                    .sidebar
                    .map_or(1, |r| usize::from(r.height.saturating_sub(2)));
                self.move_sidebar_cursor(dir * rows(height));
            }
        }
    }

    /// J/K in the reader: the next or previous article of the list, opened and read.
    pub(super) fn step_article(&mut self, dir: i64, fx: &mut Effects) {
        let before = self.cursor;
        self.remember_visit();
        self.move_cursor(dir, fx);
        if self.cursor == before {
            self.visited.pop();
            self.message = Some(super::Message::info(if dir > 0 {
                "the last article of the list"
            } else {
                "the first article of the list"
            }));
            return;
        }
        self.open_and_focus(fx);
    }

    /// Remember the article in the reader before another is opened, for [`App::go_back`].
    pub(super) fn remember_visit(&mut self) {
        if let Some(index) = self.reader.as_ref().map(|r| r.index)
            && self.visited.last() != Some(&index)
        {
            self.visited.push(index);
            let excess = self.visited.len().saturating_sub(VISITS_KEPT);
            self.visited.drain(..excess);
        }
    }

    /// Backspace or Ctrl-o: back to the article read before this one.
    pub(super) fn go_back(&mut self, fx: &mut Effects) {
        let Some(article) = self.visited.pop() else {
            self.message = Some(super::Message::info("no earlier article to go back to"));
            return;
        };
        // Going back is not a visit to remember (or Backspace would go back and forth).
        let visited = std::mem::take(&mut self.visited);
        self.go_to_article(article, fx);
        self.visited = visited;
        self.focus = Focus::Reader;
    }

    pub(super) fn move_cursor(&mut self, delta: i64, fx: &mut Effects) {
        self.move_cursor_to(add(self.cursor, delta, self.row_count().saturating_sub(1)), fx);
    }

    pub(super) fn move_cursor_to(&mut self, row: usize, fx: &mut Effects) {
        self.cursor = row;
        self.filter.cursor_moved = true;
        self.keep_cursor_visible();
        // Moving through the list previews the article in the reader, as mail readers do.
        self.open_under_cursor(fx);
    }

    pub(super) fn keep_cursor_visible(&mut self) {
        let height = self.list_rows();
        self.cursor = self.cursor.min(self.row_count().saturating_sub(1));
        if self.cursor < self.list_offset {
            self.list_offset = self.cursor;
        } else if height > 0 && self.cursor >= self.list_offset + height {
            self.list_offset = self.cursor + 1 - height;
        }
        let max_offset = self.row_count().saturating_sub(height.max(1));
        self.list_offset = self.list_offset.min(max_offset);
    }

    /// Keep the cursor on the same article while the rows change under it.
    pub(super) fn keep_cursor_on(&mut self, article: Option<usize>, fx: &mut Effects) {
        // A copy folded into its group's row keeps the cursor on that row (the reader stays).
        let row = article.and_then(|a| self.row_of(a).or_else(|| self.row_of_copy(a)));
        self.cursor = row.unwrap_or(0);
        self.keep_cursor_visible();
        if row.is_none() {
            self.open_under_cursor(fx);
        }
    }

    pub(super) fn open_and_focus(&mut self, fx: &mut Effects) {
        if self.reader.as_ref().map(|r| r.index) != self.cursor_article() {
            self.remember_visit();
        }
        self.open_under_cursor(fx);
        if self.reader.is_some() || self.opening.is_some() {
            self.focus = Focus::Reader;
        }
        // Opening an article (not just previewing it) marks it read.
        if let Some(index) = self.cursor_article() {
            self.mark_read(index, fx);
        }
    }

    pub(super) fn mark_read(&self, index: usize, fx: &mut Effects) {
        let id = self.articles[index].id.clone();
        if !self.marks.read(&id) && self.marks.read_only.is_none() {
            fx.push(Effect::Library(LibraryOp::SetRead { id, read: true }));
        }
        self.mark_group_read(index, fx);
    }

    /// Esc in the reader or the sidebar: close the find, else go back to the list.
    pub(super) fn back(&mut self) {
        if self.focus == Focus::Reader
            && let Some(r) = self.reader.as_mut().filter(|r| r.find.is_some())
        {
            r.find = None;
            return;
        }
        self.focus = Focus::List;
    }

    /// Esc in the list: clear the filter.
    pub(super) fn clear_filter_or_focus_list(&mut self, fx: &mut Effects) {
        if !self.filter.line.text.is_empty() {
            self.clear_filter(fx);
        }
        self.focus = Focus::List;
    }

    pub(super) fn cycle_focus(&mut self, dir: i32) {
        let order = self.panes().focus_order();
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let len = i64::try_from(order.len()).unwrap_or(1);
        let next = (i64::try_from(at).unwrap_or(0) + i64::from(dir)).rem_euclid(len);
        self.focus = order[usize::try_from(next).unwrap_or(0)];
    }
}
