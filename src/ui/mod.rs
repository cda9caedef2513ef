//! Drawing. [`view`] reads the model and never changes it; one file per pane.

pub mod layout;
mod list;
mod overlay;
mod reader;
mod sidebar;
mod status;
pub mod theme;

use ratatui::{Frame, style::Style, text::Span, widgets::Paragraph};
use unicode_segmentation::UnicodeSegmentation;

use crate::{app::App, wrap::grapheme_width};

pub fn view(app: &App, frame: &mut Frame) {
    let panes = layout::panes(frame.area(), app.focus);
    if panes.too_small {
        let msg = truncate("terminal too small", usize::from(frame.area().width));
        frame.render_widget(Paragraph::new(msg), frame.area());
        return;
    }
    status::header(app, frame, panes.header);
    if let Some(area) = panes.list {
        list::draw(app, frame, area);
    }
    if let Some(area) = panes.reader {
        reader::draw(app, frame, area);
    }
    if let Some(area) = panes.sidebar {
        sidebar::draw(app, frame, area);
    }
    status::footer(app, frame, panes.status);
    overlay::draw(app, frame);
}

/// Cut `text` to `width` columns, ending with `…` when something was cut.
pub fn truncate(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let total: usize = text.graphemes(true).map(grapheme_width).sum();
    if total <= width {
        return text.to_string();
    }
    for g in text.graphemes(true) {
        let w = grapheme_width(g);
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Split `text` into spans: the byte ranges in `marks` (sorted, disjoint) get their own style,
/// the rest `base`. Out-of-range or overlapping marks are clipped, never a panic.
pub fn styled_ranges<'a>(text: &'a str, marks: &[(usize, usize, Style)], base: Style) -> Vec<Span<'a>> {
    let mut spans = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for &(start, end, style) in marks {
        let (start, end) = (start.max(at).min(text.len()), end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > at {
            spans.push(Span::styled(&text[at..start], base));
        }
        spans.push(Span::styled(&text[start..end], style));
        at = end;
    }
    if at < text.len() {
        spans.push(Span::styled(&text[at..], base));
    }
    spans
}

/// A right-aligned label for a block border.
fn label(text: String, style: ratatui::style::Style) -> ratatui::text::Line<'static> {
    ratatui::text::Line::from(Span::styled(text, style)).right_aligned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styled_ranges_cover_the_text_once() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let spans = styled_ranges(
            "hello world",
            &[(0, 5, bold), (3, 8, bold), (20, 30, bold)],
            Style::new(),
        );
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "hello world");
        assert_eq!(spans[0].content, "hello");
        assert_eq!(spans[1].content, " wo", "overlap clipped");
    }

    #[test]
    fn truncate_respects_wide_characters() {
        assert_eq!(truncate("hello world", 20), "hello world");
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("日本語です", 5), "日本…");
        assert_eq!(truncate("abc", 0), "");
    }
}
