//! The entity sidebar: the open article's (or the filtered corpus's) entities by kind, then
//! related articles.

use super::theme::Theme;
use ratatui::{
    Frame,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Borders, Paragraph},
};

use super::truncate;
use crate::{
    app::{App, Focus, SidebarRow, SidebarView},
    wrap::str_width,
};

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Focus::Sidebar;
    let title = match app.entities.view {
        SidebarView::Article => " Entities · article ",
        SidebarView::Corpus => " Entities · filtered ",
    };
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { theme.border_focused } else { theme.border })
        .title(Span::styled(title, if focused { theme.accent } else { theme.dim }));
    if let Some((done, total)) = app.entities.progress {
        let percent = (done * 100).checked_div(total).unwrap_or(0);
        block = block.title_bottom(Span::styled(format!(" extracting {percent}% "), theme.dim));
    } else if let Some(language) = app.reader.as_ref().and_then(|r| r.lists_only)
        && app.entities.view == SidebarView::Article
    {
        // The English rules were not applied: say why names may be missing.
        let note = format!(" {} · lists only ", language.name);
        let room = usize::from(area.width.saturating_sub(2));
        block = block.title_bottom(Span::styled(truncate(&note, room), theme.dim));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let items = app.sidebar_rows();
    let rows = usize::from(inner.height);
    let width = usize::from(inner.width);
    let selected_row = app.sidebar_cursor_row(&items);
    let offset = app.sidebar_offset(&items, rows);
    let facet_of = |id: Option<u32>| id.and_then(|id| app.entities.facets.iter().find(|f| f.entity == id));
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(row, item)| {
            let selected = Some(row) == selected_row && focused;
            let style = if selected { theme.selected } else { theme.text };
            let (label, count) = match item {
                SidebarRow::Header(title) => return Line::from(Span::styled(*title, theme.heading)),
                SidebarRow::Entity { name, count, id, .. } => {
                    let mark = match facet_of(*id) {
                        Some(f) if f.negated => "!",
                        Some(_) => "+",
                        None => " ",
                    };
                    (format!("{mark}{name}"), count.to_string())
                }
                SidebarRow::Related { article, shared } => {
                    (format!(" {}", app.articles[*article].title), shared.to_string())
                }
            };
            let label = truncate(&label, width.saturating_sub(count.len() + 2));
            let pad = width.saturating_sub(1 + str_width(&label) + count.len());
            Line::from(vec![
                Span::styled(format!(" {label}{}", " ".repeat(pad)), style),
                Span::styled(count, if selected { style } else { theme.dim }),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    // The selected entity's mentions over time, on the bottom border (no row of names is
    // given up for it), while the sidebar has the focus.
    if focused && area.width > 4 {
        let row = Rect {
            x: area.x + 1,
            y: area.bottom() - 1,
            width: area.width - 2,
            height: 1,
        };
        super::timeline::draw_entity(app, theme, frame, row);
    }
}
