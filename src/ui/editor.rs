//! The note editor, over the right half of the screen (the sidebar and part of the reader).

use super::theme::Theme;
use ratatui::{
    Frame,
    layout::Rect,
    text::Span,
    widgets::{Block, Borders, Clear},
};

use crate::app::App;

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame) {
    let Some(editor) = &app.editor else { return };
    let area = frame.area();
    let width = (area.width / 2).max(area.width.min(40));
    let body = Rect {
        x: area.right().saturating_sub(width),
        y: area.y + 1,
        width,
        height: area.height.saturating_sub(2),
    };
    let mut textarea = editor.textarea.clone();
    textarea.set_block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused)
            .title(Span::styled(format!(" {} ", editor.title), theme.title))
            .title_bottom(Span::styled(" Esc save · Ctrl-E $EDITOR ", theme.dim)),
    );
    textarea.set_cursor_line_style(ratatui::style::Style::default());
    frame.render_widget(Clear, body);
    frame.render_widget(&textarea, body);
}
