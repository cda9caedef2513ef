//! The mouse: the wheel scrolls the pane under the pointer; a click focuses a pane, picks a
//! row or puts the reader's caret; a double click opens a row; a drag in the reader chooses
//! lines to annotate, and a drag of the border between list and reader resizes them.

use ratatui::layout::Position;

use super::{App, Drag, Effect, Effects, Focus};
use crate::layout;

impl App {
    pub(super) fn wheel(&mut self, col: u16, row: u16, delta: i32, fx: &mut Effects) {
        let panes = self.panes();
        let at = Position::new(col, row);
        if panes.list.is_some_and(|r| r.contains(at)) {
            self.move_cursor(i64::from(delta), fx);
        } else if panes.reader.is_some_and(|r| r.contains(at)) {
            self.scroll_reader(i64::from(delta));
        } else if panes.sidebar.is_some_and(|r| r.contains(at)) {
            self.move_sidebar_cursor(i64::from(delta));
        }
    }

    /// Is column `col` on the border between the list and the reader (or the sidebar in its place)?
    fn on_border(&self, col: u16, row: u16) -> bool {
        let panes = self.panes();
        let Some(list) = panes.list else { return false };
        let beside = panes.reader.or(panes.sidebar);
        beside.is_some_and(|r| r.y <= row && row < r.bottom()) && (col + 1 == list.right() || col == list.right())
    }

    pub(super) fn click(&mut self, col: u16, row: u16, fx: &mut Effects) {
        if self.overlay.is_some() {
            self.close_overlay_by_click();
            return;
        }
        if self.on_border(col, row) {
            self.drag_from = Some(Drag::Border);
            return;
        }
        let panes = self.panes();
        let at = Position::new(col, row);
        if let Some(list) = panes.list.filter(|r| r.contains(at)) {
            self.focus = Focus::List;
            let first_row = list.y + self.list_header_rows();
            let timeline_row = list.bottom().saturating_sub(2);
            if self.timeline_shown() && row == timeline_row && col > list.x {
                self.click_timeline(usize::from(col - list.x - 1), fx);
            } else if row >= first_row && row < list.bottom().saturating_sub(1) {
                let clicked = self.list_offset + usize::from(row - first_row) / self.list_row_height();
                if clicked < self.row_count() {
                    self.move_cursor_to(clicked, fx);
                }
            }
        } else if panes.reader.is_some_and(|r| r.contains(at)) {
            self.focus = Focus::Reader;
            self.drag_from = Some(Drag::Passage { row });
            self.caret_at_cell(col, row);
            if let Some(r) = &mut self.reader {
                r.passage = None;
            }
        } else if let Some(sidebar) = panes.sidebar.filter(|r| r.contains(at)) {
            self.focus = Focus::Sidebar;
            let rows = usize::from(sidebar.height.saturating_sub(2));
            let items = self.sidebar_rows();
            let clicked = self.sidebar_offset(&items, rows) + usize::from(row.saturating_sub(sidebar.y + 1));
            if items.get(clicked).is_some_and(super::SidebarRow::selectable) {
                // Headers are not selectable: count the selectable rows above the clicked one.
                self.sidebar_cursor = items[..clicked].iter().filter(|i| i.selectable()).count();
            }
        }
    }

    /// A double click opens the row clicked (and acts on a sidebar row, as Enter does).
    pub(super) fn double_click(&mut self, col: u16, row: u16, fx: &mut Effects) {
        self.click(col, row, fx);
        let at = Position::new(col, row);
        let panes = self.panes();
        if panes.list.is_some_and(|r| r.contains(at)) {
            self.open_and_focus(fx);
        } else if panes.sidebar.is_some_and(|r| r.contains(at)) {
            self.sidebar_choose(false, fx);
        }
    }

    /// A click outside closes an overlay, as Esc does (the annotations view's line with it).
    fn close_overlay_by_click(&mut self) {
        self.overlay = None;
        self.annotations = None;
        if matches!(self.input, Some(super::Input::Annotations | super::Input::HelpFind)) {
            self.input = None;
        }
    }

    pub(super) fn drag(&mut self, col: u16, row: u16) {
        match self.drag_from {
            Some(Drag::Border) => {
                let focus = self.focus;
                self.split.set(focus, layout::share_at(self.area(), col, &self.look));
                self.keep_cursor_visible();
            }
            Some(Drag::Passage { row: from })
                if self.panes().reader.is_some_and(|r| r.contains(Position::new(col, row))) =>
            {
                self.drag_passage(from, row);
            }
            Some(Drag::Passage { .. }) | None => {}
        }
    }

    /// The button let go: a resized layout is kept for the next run.
    pub(super) fn release(&mut self, fx: &mut Effects) {
        if self.drag_from.take() == Some(Drag::Border) {
            fx.push(Effect::SaveLayout(self.split));
        }
    }

    /// `<` / `>`: the list five columns in a hundred narrower or wider, kept for the next run.
    pub(super) fn resize_list(&mut self, step: i16, fx: &mut Effects) {
        let focus = self.focus;
        let share = self.split.share(focus).saturating_add_signed(step);
        self.split.set(focus, share);
        self.keep_cursor_visible();
        fx.push(Effect::SaveLayout(self.split));
    }
}
