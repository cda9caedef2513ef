//! The note editor. An article's note opens over the right half of the screen; an
//! annotation's note opens across the bottom, below its passage (which the reader scrolled to
//! the top), with the quote shown above the note.

use ratatui::{
    Frame,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Paragraph, Wrap},
};

use super::{theme::Theme, truncate};
use crate::app::App;

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame) {
    let Some(editor) = &app.editor else { return };
    let area = frame.area();
    let body = if editor.quote.is_some() {
        // Across the bottom: the passage stays in view above.
        let height = (area.height * 2 / 5).max(8).min(area.height.saturating_sub(2));
        Rect {
            x: area.x,
            y: area.bottom().saturating_sub(height + 1),
            width: area.width,
            height,
        }
    } else {
        let width = (area.width / 2).max(area.width.min(40));
        Rect {
            x: area.right().saturating_sub(width),
            y: area.y + 1,
            width,
            height: area.height.saturating_sub(2),
        }
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(format!(" {} ", editor.title), theme.title))
        .title_bottom(Span::styled(" Esc save · Ctrl-E $EDITOR ", theme.dim));
    let inner = block.inner(body);
    frame.render_widget(Clear, body);
    frame.render_widget(block, body);
    let mut text_area = inner;
    if let Some(quote) = &editor.quote {
        // Two lines of the quote at most, then the note; cut shorter than two full lines so
        // that the `…` survives wrapping at words.
        let room = usize::from(inner.width) * 2 - usize::from(inner.width) / 3;
        let shown = truncate(&format!("▌ “{}”", quote.replace('\n', " ")), room);
        let quote_area = Rect {
            height: 2.min(inner.height),
            ..inner
        };
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(shown, theme.accent))).wrap(Wrap { trim: false }),
            quote_area,
        );
        text_area = Rect {
            y: inner.y + quote_area.height,
            height: inner.height.saturating_sub(quote_area.height),
            ..inner
        };
    }
    let mut textarea = editor.textarea.clone();
    textarea.set_cursor_line_style(ratatui::style::Style::default());
    frame.render_widget(&textarea, text_area);
}
