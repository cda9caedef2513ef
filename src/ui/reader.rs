//! The reader: only the visible slice of the pre-wrapped lines is turned into spans.

use ratatui::{
    Frame,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Borders, Paragraph},
};

use super::{label, layout};
use crate::{
    app::{App, Focus},
    store::ParaKind,
};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Reader;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { theme.border_focused } else { theme.border })
        .title(Span::styled(" Reader ", if focused { theme.accent } else { theme.dim }));
    let text_area = layout::panes(frame.area(), app.focus).reader_text().unwrap_or_default();
    let height = usize::from(text_area.height);
    let mut lines = Vec::with_capacity(height);
    if let Some(reader) = &app.reader {
        let max_top = reader.lines.len().saturating_sub(height.max(1));
        let percent = (reader.top.min(max_top) * 100).checked_div(max_top).unwrap_or(100);
        let more = if reader.top < max_top { " ▼" } else { "" };
        block = block.title_bottom(label(format!(" {percent}%{more} "), theme.dim));
        for line in reader.lines.iter().skip(reader.top).take(height) {
            let text = &reader.doc.text[line.range.clone()];
            let style = match reader.doc.paras[line.para].kind {
                ParaKind::Title => theme.title,
                ParaKind::Meta => theme.dim,
                ParaKind::Heading => theme.heading,
                ParaKind::Text => theme.text,
            };
            lines.push(Line::from(Span::styled(text, style)));
        }
    } else if let Some(err) = &app.reader_error {
        lines.push(Line::from(Span::styled(
            format!("Could not read this article: {err}"),
            theme.warning,
        )));
    } else if app.row_count() > 0 {
        lines.push(Line::from(Span::styled("loading…", theme.dim)));
    }
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), text_area);
}
