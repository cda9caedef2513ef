//! Where each pane goes. Pure and below the model, so the update (for clicks, page sizes and
//! wrap width) and the view agree on the same rectangles.

use ratatui::layout::{Constraint, Layout, Rect};

/// The pane that has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Sidebar,
}

/// Below this the sidebar collapses.
pub const THREE_PANES_MIN_WIDTH: u16 = 100;
/// Below this list and reader share one pane.
pub const TWO_PANES_MIN_WIDTH: u16 = 60;
pub const MIN_SIZE: (u16, u16) = (20, 5);
/// Rows above the first list row inside the list pane (its top border).
pub const LIST_HEADER_ROWS: u16 = 1;
const SIDEBAR_WIDTH: u16 = 28;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub header: Rect,
    pub status: Rect,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub sidebar: Option<Rect>,
    pub too_small: bool,
}

pub fn panes(area: Rect, focus: Focus) -> Panes {
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        return Panes {
            too_small: true,
            ..Panes::default()
        };
    }
    let [header, body, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let mut panes = Panes {
        header,
        status,
        ..Panes::default()
    };
    if area.width >= THREE_PANES_MIN_WIDTH {
        let list_width = u16::try_from(u32::from(area.width) * 30 / 100)
            .unwrap_or(u16::MAX)
            .clamp(24, 50);
        let [list, reader, sidebar] = Layout::horizontal([
            Constraint::Length(list_width),
            Constraint::Min(20),
            Constraint::Length(SIDEBAR_WIDTH),
        ])
        .areas(body);
        (panes.list, panes.reader, panes.sidebar) = (Some(list), Some(reader), Some(sidebar));
    } else if area.width >= TWO_PANES_MIN_WIDTH {
        let [list, reader] = Layout::horizontal([Constraint::Percentage(38), Constraint::Min(20)]).areas(body);
        (panes.list, panes.reader) = (Some(list), Some(reader));
    } else if focus == Focus::List {
        panes.list = Some(body);
    } else {
        panes.reader = Some(body);
    }
    panes
}

impl Panes {
    /// Where the reader's text goes: inside the border, one column of padding each side.
    pub fn reader_text(&self) -> Option<Rect> {
        self.reader.map(|r| Rect {
            x: r.x + 2,
            y: r.y + 1,
            width: r.width.saturating_sub(4),
            height: r.height.saturating_sub(2),
        })
    }

    /// The panes Tab cycles through, left to right. In single-pane mode both list and reader
    /// are reachable; the one with focus is the one shown.
    pub fn focus_order(&self) -> Vec<Focus> {
        if self.too_small {
            return vec![Focus::List];
        }
        let mut order = vec![Focus::List, Focus::Reader];
        if self.sidebar.is_some() {
            order.push(Focus::Sidebar);
        }
        order
    }

    /// `focus` if that pane can still be reached, else the nearest one that can.
    pub fn visible_focus(&self, focus: Focus) -> Focus {
        if self.focus_order().contains(&focus) {
            focus
        } else {
            Focus::Reader
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_with_width() {
        let wide = panes(Rect::new(0, 0, 120, 30), Focus::List);
        assert!(wide.list.is_some() && wide.reader.is_some() && wide.sidebar.is_some());
        let mid = panes(Rect::new(0, 0, 80, 24), Focus::List);
        assert!(mid.list.is_some() && mid.reader.is_some() && mid.sidebar.is_none());
        let narrow = panes(Rect::new(0, 0, 50, 20), Focus::Reader);
        assert!(narrow.list.is_none() && narrow.reader.is_some());
        assert!(panes(Rect::new(0, 0, 1, 1), Focus::List).too_small);
    }
}
