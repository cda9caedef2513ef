//! The reader: only the visible slice of the pre-wrapped lines is turned into spans.

use ratatui::{
    Frame,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Borders, Paragraph},
};

use super::{label, layout, styled_ranges};
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
        let hits = reader.search.as_ref().map_or(&[][..], |s| &s.hits[..]);
        let current = reader.search.as_ref().and_then(|s| s.current);
        for line in reader.lines.iter().skip(reader.top).take(height) {
            let text = &reader.doc.text[line.range.clone()];
            let style = match reader.doc.paras[line.para].kind {
                ParaKind::Title => theme.title,
                ParaKind::Meta => theme.dim,
                ParaKind::Heading => theme.heading,
                ParaKind::Text => theme.text,
            };
            // Hits overlapping this line, relative to it; the current one in reverse video.
            let first = hits.partition_point(|h| h.end <= line.range.start);
            let marks: Vec<_> = hits
                .iter()
                .enumerate()
                .skip(first)
                .take_while(|(_, h)| h.start < line.range.end)
                .map(|(i, h)| {
                    let mark = if Some(i) == current {
                        theme.selected
                    } else {
                        style.patch(theme.matched)
                    };
                    let start = h.start.max(line.range.start) - line.range.start;
                    (start, h.end.min(line.range.end) - line.range.start, mark)
                })
                .collect();
            let spans = styled_ranges(text, &marks, style);
            lines.push(Line::from(spans));
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
