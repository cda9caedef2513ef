//! The header (corpus, counts, background work) and the status line (focus, keys, position).

use ratatui::{
    Frame,
    layout::{Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::Paragraph,
};

use super::truncate;
use crate::app::{App, Focus};

pub fn header(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let left = format!(" dossier · {} · {} articles", app.corpus_name, app.articles.len());
    let mut right = Vec::new();
    if let Some(p) = app.loading {
        right.push(Span::styled(
            format!("loading {} files, {:.1} MB… ", p.files, p.bytes as f64 / 1e6),
            theme.accent,
        ));
    }
    if !app.skipped.is_empty() {
        right.push(Span::styled(
            format!("⚠ {} skipped (!) ", app.skipped.len()),
            theme.warning,
        ));
    }
    split(
        frame,
        area,
        Line::from(Span::styled(left, theme.title)),
        Line::from(right),
        app,
    );
}

pub fn footer(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let hints = match app.focus {
        Focus::List => " list · j/k move · Enter open · Tab pane · ? help · q quit",
        Focus::Reader => " reader · j/k scroll · Space page · Esc list · ? help · q quit",
        Focus::Sidebar => " names · j/k move · Tab pane · ? help · q quit",
    };
    let position = match app.selected_article() {
        Some(_) => format!("{}/{} ", app.selected + 1, app.row_count()),
        None => String::new(),
    };
    split(
        frame,
        area,
        Line::from(Span::styled(hints, theme.dim)),
        Line::from(Span::styled(position, theme.dim)),
        app,
    );
}

/// Left text and right text on one row; the left is cut first when they collide.
fn split(frame: &mut Frame, area: Rect, left: Line, right: Line, app: &App) {
    frame.render_widget(Paragraph::new("").style(app.theme.bar), area);
    let right_width = u16::try_from(right.width()).unwrap_or(u16::MAX).min(area.width);
    let [l, r] = Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    let left_text: String = left.spans.iter().map(|s| s.content.as_ref()).collect();
    let style = left.spans.first().map(|s| s.style).unwrap_or_default();
    let cut = truncate(&left_text, usize::from(l.width));
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(cut, style))).style(app.theme.bar),
        l,
    );
    frame.render_widget(Paragraph::new(right.right_aligned()).style(app.theme.bar), r);
}
