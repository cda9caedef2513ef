//! The annotations view: article, quoted passage and note for every annotation in the corpus.

use super::theme::Theme;
use ratatui::{
    Frame,
    layout::{Position, Rect},
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Paragraph},
};

use super::truncate;
use crate::{app::App, wrap::str_width};

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(list) = &app.annotations else { return };
    let typing = app.input == Some(crate::app::Input::Annotations);
    let title = format!(" Annotations {}/{} (Esc closes) ", list.shown.len(), list.items.len());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    if typing || !list.line.text.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("/ ", theme.accent),
            Span::raw(list.line.text.clone()),
        ]));
        if typing {
            let x = inner.x + 2 + u16::try_from(str_width(&list.line.text[..list.line.cursor])).unwrap_or(0);
            if x < inner.right() {
                frame.set_cursor_position(Position::new(x, inner.y));
            }
        }
    }
    if list.items.is_empty() {
        lines.push(Line::from(Span::styled(
            "No annotations yet: in the reader, v or s selects a passage, a annotates it.",
            theme.dim,
        )));
    }
    // Three rows an item: the article, the quoted passage, the note.
    let per_page = (usize::from(inner.height).saturating_sub(lines.len()) / 3).max(1);
    let first = list.selected.saturating_sub(per_page - 1);
    for (row, &i) in list.shown.iter().enumerate().skip(first).take(per_page) {
        let item = &list.items[i];
        let selected = row == list.selected;
        let style = if selected { theme.selected } else { theme.heading };
        let marker = if selected { "▶ " } else { "  " };
        lines.push(Line::from(Span::styled(
            truncate(&format!("{marker}{}", item.title), width),
            style,
        )));
        let orphan = if item.article.is_none() {
            " (orphaned: its article is not in this corpus)"
        } else if item.orphaned {
            " (orphaned: not in the current text)"
        } else {
            ""
        };
        let quote = truncate(&format!("  ▌ “{}”{orphan}", item.quote), width);
        let mut quote_line = vec![Span::styled(quote.clone(), theme.accent)];
        quote_line.extend(super::chips(&item.tags, width.saturating_sub(str_width(&quote)), theme));
        lines.push(Line::from(quote_line));
        let note = if item.note.is_empty() {
            "(no note)".to_string()
        } else {
            item.note.replace('\n', " ")
        };
        lines.push(Line::from(Span::styled(
            truncate(&format!("    {note}"), width),
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
