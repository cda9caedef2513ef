//! Overlays drawn over the panes: the help (generated from the keymap) and the skipped files.

use super::theme::Theme;
use ratatui::{
    Frame,
    layout::{Constraint, Flex, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Paragraph},
};

use crate::{
    app::{App, Overlay},
    keymap,
};

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame) {
    let Some(overlay) = app.overlay else { return };
    let (title, lines) = match overlay {
        Overlay::Help => (" Keys (j/k scroll, Esc closes) ", help_lines(theme)),
        Overlay::Skipped => (" Skipped files (Esc closes) ", skipped_lines(app, theme)),
        Overlay::Annotations => {
            let area = centered(frame.area(), 90, frame.area().height.saturating_sub(2));
            return super::annotations::draw(app, theme, frame, area);
        }
    };
    let area = centered(
        frame.area(),
        76,
        u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2),
    );
    let inner_height = usize::from(area.height.saturating_sub(2));
    let scroll = app.overlay_scroll.min(lines.len().saturating_sub(inner_height));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(title, theme.title));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()).block(block),
        area,
    );
}

fn help_lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut scope = None;
    for (s, keys, help) in keymap::help_rows() {
        if scope != Some(s) {
            if scope.is_some() {
                lines.push(Line::default());
            }
            lines.push(Line::from(Span::styled(s.title(), theme.heading)));
            scope = Some(s);
        }
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<22}"), theme.accent),
            Span::raw(help),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Mouse: the wheel scrolls the pane under the pointer; a click selects.",
        theme.dim,
    )));
    lines
}

fn skipped_lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    if app.skipped.is_empty() {
        return vec![Line::from("Every file was loaded.")];
    }
    app.skipped
        .iter()
        .map(|s| {
            Line::from(vec![
                Span::styled(s.path.clone(), theme.accent),
                Span::styled(format!("  {}", s.reason), theme.dim),
            ])
        })
        .collect()
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}
