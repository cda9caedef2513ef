//! The entity sidebar: names in the open article, most mentioned first.

use ratatui::{
    Frame,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Borders, Paragraph},
};

use super::truncate;
use crate::{
    app::{App, Focus},
    wrap::str_width,
};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Sidebar;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { theme.border_focused } else { theme.border })
        .title(Span::styled(
            " Names · article ",
            if focused { theme.accent } else { theme.dim },
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(reader) = &app.reader else { return };
    let rows = usize::from(inner.height);
    let width = usize::from(inner.width);
    // Keep the selection in view without storing a scroll offset: derived from the selection.
    let offset = app.sidebar_selected.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = reader
        .entities
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, entity)| {
            let count = entity.mentions.to_string();
            let name = truncate(&entity.name, width.saturating_sub(count.len() + 2));
            let pad = width.saturating_sub(1 + str_width(&name) + count.len());
            let selected = i == app.sidebar_selected && focused;
            let style = if selected { theme.selected } else { theme.text };
            Line::from(vec![
                Span::styled(format!(" {name}{}", " ".repeat(pad)), style),
                Span::styled(count, if selected { style } else { theme.dim }),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
