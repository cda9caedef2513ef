//! The article list.

use ratatui::{
    Frame,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Borders, Paragraph},
};

use super::truncate;
use crate::app::{App, Focus};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::List;
    let count = format!(
        " Articles {}/{} ",
        app.selected_article().map_or(0, |_| app.selected + 1),
        app.row_count()
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { theme.border_focused } else { theme.border })
        .title(Span::styled(count, if focused { theme.accent } else { theme.dim }));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let mut lines = Vec::with_capacity(rows);
    for row in app.list_offset..(app.list_offset + rows).min(app.row_count()) {
        let Some(index) = app.row_article(row) else {
            break;
        };
        let article = &app.articles[index];
        let selected = row == app.selected;
        let marker = if selected { "▶ " } else { "  " };
        let text = truncate(&article.title, width.saturating_sub(2));
        let pad = width.saturating_sub(2 + crate::wrap::str_width(&text));
        let style = match (selected, focused) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_unfocused,
            _ => theme.text,
        };
        lines.push(Line::from(vec![
            Span::styled(marker, if selected { style } else { theme.accent }),
            Span::styled(text, style),
            Span::styled(" ".repeat(pad), style),
        ]));
    }
    if app.row_count() == 0 {
        let msg = if app.loading.is_some() {
            "loading…"
        } else {
            "no articles"
        };
        lines.push(Line::from(Span::styled(msg, theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
