//! Where each pane goes. Pure and below the model, so the update (for clicks, page sizes and
//! wrap width) and the view agree on the same rectangles.
//!
//! The list takes more room while the reader is only a preview (the list or the sidebar has the
//! focus) and less while reading; both shares can be changed with keys or by dragging the border,
//! and are kept across runs. Below [`THREE_PANES_MIN_WIDTH`] the sidebar, when focused, takes
//! the reader's place, so every pane is reachable at every width.

use ratatui::layout::{Constraint, Layout, Rect};
use serde::{Deserialize, Serialize};

/// The pane that has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Sidebar,
}

/// Below this the sidebar is shown only when focused, in the reader's place.
pub const THREE_PANES_MIN_WIDTH: u16 = 100;
/// Below this one pane is shown at a time.
pub const TWO_PANES_MIN_WIDTH: u16 = 60;
pub const MIN_SIZE: (u16, u16) = (20, 5);
/// Rows above the first list row inside the list pane (its top border).
pub const LIST_HEADER_ROWS: u16 = 1;
/// The sidebar's width unless the settings say otherwise.
pub const SIDEBAR_WIDTH: u16 = 28;
/// Narrowest list and reader, in columns, whatever the shares say.
const MIN_PANE: u16 = 20;

/// How the width beside the sidebar is shared between list and reader, in percent for the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Split {
    /// While browsing (the list or the sidebar has the focus; the reader is a preview).
    pub browse: u16,
    /// While reading (the reader has the focus).
    pub read: u16,
}

impl Default for Split {
    fn default() -> Self {
        Self { browse: 58, read: 38 }
    }
}

impl Split {
    /// The list's share for this focus.
    #[must_use]
    pub fn share(&self, focus: Focus) -> u16 {
        match focus {
            Focus::Reader => self.read,
            Focus::List | Focus::Sidebar => self.browse,
        }
    }

    /// Set the share used with `focus`, kept within 15–85 %.
    pub fn set(&mut self, focus: Focus, percent: u16) {
        let percent = percent.clamp(15, 85);
        match focus {
            Focus::Reader => self.read = percent,
            Focus::List | Focus::Sidebar => self.browse = percent,
        }
    }
}

/// What the settings file decides about the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// The sidebar beside the reader on a wide screen; when off, it shows only while focused,
    /// in the reader's place.
    pub sidebar: bool,
    pub sidebar_width: u16,
    /// The widest the reader's text gets, centred in the pane; 0: the pane's width.
    pub reading_width: u16,
}

impl Default for Look {
    fn default() -> Self {
        Self {
            sidebar: true,
            sidebar_width: SIDEBAR_WIDTH,
            reading_width: 0,
        }
    }
}

impl Look {
    /// Whether the sidebar has a column of its own at this width.
    fn three(self, width: u16) -> bool {
        self.sidebar && width >= THREE_PANES_MIN_WIDTH.max(self.sidebar_width.saturating_add(2 * MIN_PANE))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub header: Rect,
    pub status: Rect,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub sidebar: Option<Rect>,
    pub too_small: bool,
    /// The widest the reader's text gets (0: no limit).
    pub reading_width: u16,
}

pub fn panes(area: Rect, focus: Focus, split: Split, look: &Look) -> Panes {
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
        reading_width: look.reading_width,
        ..Panes::default()
    };
    if area.width < TWO_PANES_MIN_WIDTH {
        match focus {
            Focus::List => panes.list = Some(body),
            Focus::Reader => panes.reader = Some(body),
            Focus::Sidebar => panes.sidebar = Some(body),
        }
        return panes;
    }
    let three = look.three(area.width);
    let sidebar_width = look.sidebar_width;
    let beside = if three {
        body.width.saturating_sub(sidebar_width)
    } else {
        body.width
    };
    let list_width = list_width(beside, split.share(focus));
    let [list, rest] = Layout::horizontal([Constraint::Length(list_width), Constraint::Min(0)]).areas(body);
    panes.list = Some(list);
    if three {
        let [reader, sidebar] = Layout::horizontal([Constraint::Min(0), Constraint::Length(sidebar_width)]).areas(rest);
        (panes.reader, panes.sidebar) = (Some(reader), Some(sidebar));
    } else if focus == Focus::Sidebar {
        panes.sidebar = Some(rest);
    } else {
        panes.reader = Some(rest);
    }
    panes
}

/// The list's width out of `beside` columns for a share in percent, leaving both panes usable.
fn list_width(beside: u16, share: u16) -> u16 {
    let wanted = u32::from(beside) * u32::from(share) / 100;
    let most = beside.saturating_sub(MIN_PANE).max(MIN_PANE.min(beside));
    u16::try_from(wanted)
        .unwrap_or(u16::MAX)
        .clamp(MIN_PANE.min(most), most)
}

/// The share in percent that puts the list's right border at column `x` (a drag of the border).
#[must_use]
pub fn share_at(area: Rect, x: u16, look: &Look) -> u16 {
    let beside = if look.three(area.width) {
        area.width.saturating_sub(look.sidebar_width)
    } else {
        area.width
    };
    // Rounded up, so that the width the share gives back (rounded down) reaches `x`.
    let beside = u32::from(beside.max(1));
    let share = ((u32::from(x.saturating_sub(area.x)) + 1) * 100).div_ceil(beside);
    u16::try_from(share).unwrap_or(u16::MAX)
}

/// Where an overlay of `lines` lines goes: centred, as wide as the screen allows (with a little
/// margin) and as tall as its lines need, between the header and the status line.
#[must_use]
pub fn overlay(area: Rect, lines: usize) -> Rect {
    let width = area.width.saturating_sub(4).max(area.width.min(20));
    let most = area.height.saturating_sub(2);
    let height = u16::try_from(lines + 2).unwrap_or(u16::MAX).min(most);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

impl Panes {
    /// Where the reader's text goes: inside the border, one column of padding each side, and
    /// no wider than the reading width, centred.
    pub fn reader_text(&self) -> Option<Rect> {
        self.reader.map(|r| {
            let room = r.width.saturating_sub(4);
            let width = if self.reading_width > 0 {
                room.min(self.reading_width)
            } else {
                room
            };
            Rect {
                x: r.x + 2 + (room - width) / 2,
                y: r.y + 1,
                width,
                height: r.height.saturating_sub(2),
            }
        })
    }

    /// The panes Tab cycles through, left to right: all three at every usable size (a pane
    /// without room of its own takes another's place while it has the focus).
    pub fn focus_order(&self) -> Vec<Focus> {
        if self.too_small {
            return vec![Focus::List];
        }
        vec![Focus::List, Focus::Reader, Focus::Sidebar]
    }

    /// `focus` if that pane can still be reached, else the list.
    pub fn visible_focus(&self, focus: Focus) -> Focus {
        if self.focus_order().contains(&focus) {
            focus
        } else {
            Focus::List
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(w: u16, h: u16, focus: Focus) -> Panes {
        panes(Rect::new(0, 0, w, h), focus, Split::default(), &Look::default())
    }

    #[test]
    fn collapses_with_width() {
        let wide = at(120, 30, Focus::List);
        assert!(wide.list.is_some() && wide.reader.is_some() && wide.sidebar.is_some());
        let mid = at(80, 24, Focus::List);
        assert!(mid.list.is_some() && mid.reader.is_some() && mid.sidebar.is_none());
        let narrow = at(50, 20, Focus::Reader);
        assert!(narrow.list.is_none() && narrow.reader.is_some());
        assert!(at(1, 1, Focus::List).too_small);
    }

    #[test]
    fn the_sidebar_is_reachable_at_every_width() {
        for (w, h) in [(120, 30), (80, 24), (50, 16)] {
            let p = at(w, h, Focus::Sidebar);
            assert!(p.sidebar.is_some(), "no sidebar at {w}x{h}");
            assert!(p.focus_order().contains(&Focus::Sidebar));
        }
        let mid = at(80, 24, Focus::Sidebar);
        assert!(
            mid.reader.is_none() && mid.list.is_some(),
            "the sidebar takes the reader's place"
        );
    }

    #[test]
    fn the_list_is_wider_while_browsing_than_while_reading() {
        let browse = at(80, 24, Focus::List).list.unwrap().width;
        let read = at(80, 24, Focus::Reader).list.unwrap().width;
        assert!(browse > read && browse >= 44, "{browse} vs {read}");
        let mut split = Split::default();
        split.set(Focus::List, 99);
        assert_eq!(split.browse, 85, "kept usable");
        let p = panes(Rect::new(0, 0, 80, 24), Focus::List, split, &Look::default());
        assert!(p.reader.unwrap().width >= MIN_PANE);
    }

    #[test]
    fn dragging_the_border_gives_back_the_share() {
        let area = Rect::new(0, 0, 80, 24);
        let mut split = Split::default();
        split.set(Focus::List, share_at(area, 39, &Look::default()));
        let list = panes(area, Focus::List, split, &Look::default()).list.unwrap();
        assert_eq!(list.right(), 40, "the border ends where it was dropped");
    }
}
