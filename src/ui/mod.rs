//! Drawing. [`view`] reads the model and never changes it; one file per pane.

mod annotations;
mod editor;
mod list;
mod overlay;
mod reader;
mod sidebar;
mod status;
pub mod theme;
mod timeline;

use ratatui::{Frame, style::Style, text::Span, widgets::Paragraph};
use unicode_segmentation::UnicodeSegmentation;

use self::theme::Theme;
use crate::{app::App, layout, wrap::grapheme_width};

/// Draw the app. Reads the model, never changes it.
pub fn view(app: &App, theme: &Theme, frame: &mut Frame) {
    let panes = layout::panes(frame.area(), app.focus, app.split, &app.look);
    if panes.too_small {
        let msg = truncate("terminal too small", usize::from(frame.area().width));
        frame.render_widget(Paragraph::new(msg), frame.area());
        return;
    }
    status::header(app, theme, frame, panes.header);
    if let Some(area) = panes.list {
        list::draw(app, theme, frame, area);
    }
    if let Some(area) = panes.reader {
        reader::draw(app, theme, frame, area);
    }
    if let Some(area) = panes.sidebar {
        sidebar::draw(app, theme, frame, area);
    }
    status::footer(app, theme, frame, panes.status);
    editor::draw(app, theme, frame);
    overlay::draw(app, theme, frame);
}

/// Tags as chips (` #ukraine #energy`) in at most `room` columns; those that do not fit are
/// counted (` +2`). Tags are normalised to letters, digits and `-_/`, so nothing to sanitise.
pub fn chips(tags: &[String], room: usize, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, tag) in tags.iter().enumerate() {
        let chip = format!(" #{tag}");
        let left = tags.len() - i - 1;
        let more = if left > 0 { format!(" +{left}").len() } else { 0 };
        if used + crate::wrap::str_width(&chip) + more > room {
            let rest = format!(" +{}", tags.len() - i);
            if used + rest.len() <= room {
                spans.push(Span::styled(rest, theme.dim));
            }
            break;
        }
        used += crate::wrap::str_width(&chip);
        spans.push(Span::styled(chip, theme.chip));
    }
    spans
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

/// Cut `text` to `width` columns in the middle, keeping its start and its end around a `…`:
/// two titles that begin alike ("The North Atlantic alliance has…") still read differently.
pub fn truncate_middle(text: &str, width: usize) -> String {
    let total: usize = text.graphemes(true).map(grapheme_width).sum();
    if total <= width || width < 24 {
        return truncate(text, width);
    }
    // The last words that fit in a third of the width, starting at a word.
    let mut tail = Vec::new();
    let mut used = 0;
    for g in text.graphemes(true).rev() {
        let w = grapheme_width(g);
        if used + w > width / 3 {
            break;
        }
        tail.push(g);
        used += w;
    }
    let tail: String = tail.into_iter().rev().collect();
    let tail = match tail.find(' ') {
        Some(space) if space + 1 < tail.len() => tail[space + 1..].to_string(),
        _ => tail,
    };
    let tail_width: usize = tail.graphemes(true).map(grapheme_width).sum();
    format!("{} {tail}", truncate(text, width - tail_width - 1))
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

/// Spans for `text` with overlapping styled ranges: where ranges overlap, the one with the
/// highest priority wins. Ranges are byte offsets; ones off char boundaries are ignored.
pub fn layered<'a>(text: &'a str, marks: &[(usize, usize, Style, u8)], base: Style) -> Vec<Span<'a>> {
    let valid = |&&(s, e, _, _): &&(usize, usize, Style, u8)| {
        s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    let marks: Vec<_> = marks.iter().filter(valid).collect();
    let mut cuts: Vec<usize> = marks.iter().flat_map(|m| [m.0, m.1]).chain([0, text.len()]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    // Pieces between cuts, neighbours with the same style merged into one span.
    let mut pieces: Vec<(usize, usize, Style)> = Vec::new();
    for pair in cuts.windows(2) {
        let (s, e) = (pair[0], pair[1]);
        let style = marks
            .iter()
            .filter(|m| m.0 <= s && e <= m.1)
            .max_by_key(|m| m.3)
            .map_or(base, |m| m.2);
        match pieces.last_mut() {
            Some(last) if last.2 == style => last.1 = e,
            _ => pieces.push((s, e, style)),
        }
    }
    pieces
        .into_iter()
        .map(|(s, e, style)| Span::styled(&text[s..e], style))
        .collect()
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
    fn layered_marks_pick_the_highest_priority() {
        let (a, b) = (
            Style::new().add_modifier(ratatui::style::Modifier::BOLD),
            Style::new().add_modifier(ratatui::style::Modifier::ITALIC),
        );
        let spans = layered(
            "hello world",
            &[(0, 8, a, 0), (3, 5, b, 1), (20, 30, b, 9)],
            Style::new(),
        );
        let parts: Vec<(&str, Style)> = spans.iter().map(|s| (s.content.as_ref(), s.style)).collect();
        assert_eq!(parts, [("hel", a), ("lo", b), (" wo", a), ("rld", Style::new())]);
    }

    #[test]
    fn middle_truncation_keeps_both_ends() {
        let a = "The North Atlantic alliance has not assumed an active leadership role in Gaza";
        let b = "The North Atlantic alliance has not planned to deploy troops to Ukraine";
        let (ta, tb) = (truncate_middle(a, 30), truncate_middle(b, 30));
        assert_ne!(ta, tb);
        assert!(ta.starts_with("The North") && ta.ends_with("in Gaza"), "{ta}");
        assert!(crate::wrap::str_width(&ta) <= 30 && crate::wrap::str_width(&tb) <= 30);
        assert_eq!(truncate_middle("short", 30), "short");
        assert_eq!(truncate_middle(a, 10), truncate(a, 10), "too narrow to keep two ends");
    }

    #[test]
    fn truncate_respects_wide_characters() {
        assert_eq!(truncate("hello world", 20), "hello world");
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("日本語です", 5), "日本…");
        assert_eq!(truncate("abc", 0), "");
    }
}
