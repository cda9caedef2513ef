//! The mouse: the wheel scrolls the pane under the pointer, a click focuses a pane and picks a
//! row, a drag in the reader chooses lines to annotate.

use ratatui::layout::Position;

use super::{App, Effects, Focus};

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

    pub(super) fn click(&mut self, col: u16, row: u16, fx: &mut Effects) {
        if self.overlay.is_some() {
            self.close_overlay_by_click();
            return;
        }
        let panes = self.panes();
        let at = Position::new(col, row);
        if let Some(list) = panes.list.filter(|r| r.contains(at)) {
            self.focus = Focus::List;
            let first_row = list.y + self.list_header_rows();
            if row >= first_row && row < list.bottom().saturating_sub(1) {
                let clicked = self.list_offset + usize::from(row - first_row) / self.list_row_height();
                if clicked < self.row_count() {
                    self.move_cursor_to(clicked, fx);
                }
            }
        } else if panes.reader.is_some_and(|r| r.contains(at)) {
            self.focus = Focus::Reader;
            self.drag_from = Some(row);
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

    /// A click outside closes an overlay, as Esc does (the annotations view's line with it).
    fn close_overlay_by_click(&mut self) {
        self.overlay = None;
        if self.input == Some(super::Input::Annotations) {
            self.input = None;
        }
    }

    pub(super) fn drag(&mut self, col: u16, row: u16) {
        let in_reader = self.panes().reader.is_some_and(|r| r.contains(Position::new(col, row)));
        if let (Some(from), true) = (self.drag_from, in_reader) {
            self.drag_passage(from, row);
        }
    }
}
