//! Overlays drawn over the panes: the help (generated from the bindings), paged like `less`
//! with a find line, and the skipped files.

use ratatui::{
    Frame,
    layout::{Position, Rect},
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Paragraph},
};

use super::{styled_ranges, theme::Theme, truncate};
use crate::{
    app::{
        App, Input, Overlay,
        help::{HelpLine, help_lines},
    },
    wrap::str_width,
};

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame) {
    let Some(overlay) = app.overlay else { return };
    let (title, lines) = match overlay {
        Overlay::Help => (
            " Keys · j/k PgDn/PgUp g/G scroll · / find · Esc closes ",
            help(app, theme),
        ),
        Overlay::Skipped if app.notices.is_empty() => (" Skipped files (Esc closes) ", skipped_lines(app, theme)),
        Overlay::Skipped => (" Notices and skipped files (Esc closes) ", {
            // Wrapped, so a notice's path is never cut off at the overlay's edge.
            let width = usize::from(frame.area().width.saturating_sub(8)).max(10);
            let mut lines: Vec<Line> = app
                .notices
                .iter()
                .flat_map(|n| {
                    // Notices quote paths and other programs' errors: made safe here, once.
                    let safe = crate::store::sanitize::sanitize_line(n);
                    textwrap::wrap(&safe, width)
                        .into_iter()
                        .map(|l| Line::styled(l.into_owned(), theme.warning))
                        .collect::<Vec<_>>()
                })
                .collect();
            lines.push(Line::from(""));
            lines.extend(skipped_lines(app, theme));
            lines
        }),
        Overlay::Compare => (" This copy against another · j/k scroll · Esc closes ", {
            let width = usize::from(app.overlay_area(0).0.width.saturating_sub(2));
            app.comparison_lines(width)
                .into_iter()
                .map(|(heading, text)| Line::styled(text, if heading { theme.heading } else { theme.text }))
                .collect()
        }),
        Overlay::Pick => return draw_pick(app, theme, frame),
        Overlay::Annotations => {
            let area = crate::layout::overlay(frame.area(), usize::from(frame.area().height));
            return super::annotations::draw(app, theme, frame, area);
        }
    };
    let (area, rows) = app.overlay_area(lines.len());
    let scroll = app.overlay_scroll.min(lines.len().saturating_sub(rows));
    let shown = lines.len().min(scroll + rows);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(title, theme.title));
    if lines.len() > rows {
        let at = format!(" {}–{} of {} ", scroll + 1, shown, lines.len());
        block = block.title_bottom(super::label(at, theme.dim));
    }
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let body: Vec<Line> = lines.into_iter().skip(scroll).take(rows).collect();
    frame.render_widget(
        Paragraph::new(body),
        Rect {
            height: inner.height.min(u16::try_from(rows).unwrap_or(u16::MAX)),
            ..inner
        },
    );
    if overlay == Overlay::Help {
        find_line(app, theme, frame, inner);
    }
}

/// The help's lines, cut to the overlay's width, with the text found marked.
fn help(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let width = usize::from(app.overlay_area(0).0.width.saturating_sub(2));
    let query = app.help.line.text.to_lowercase();
    help_lines(&app.keys)
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let text = truncate(&line.text(), width);
            let base = match line {
                HelpLine::Heading(_) => theme.heading,
                HelpLine::Note(_) => theme.dim,
                HelpLine::Binding { .. } | HelpLine::Blank => theme.text,
            };
            let mut marks = Vec::new();
            if !query.is_empty() {
                let lower = text.to_lowercase();
                // Lower-casing can change lengths: mark only where the offsets still agree.
                if lower.len() == text.len() {
                    for (at, _) in lower.match_indices(&query) {
                        let style = if app.help.hit == Some(i) {
                            theme.selected
                        } else {
                            theme.matched
                        };
                        marks.push((at, at + query.len(), style));
                    }
                }
            }
            let keys_end = match line {
                HelpLine::Binding { .. } => text.char_indices().nth(24).map_or(text.len(), |(b, _)| b),
                _ => 0,
            };
            let mut spans: Vec<Span<'static>> = Vec::new();
            let (keys, rest) = text.split_at(keys_end);
            spans.push(Span::styled(keys.to_string(), theme.accent));
            let rest_marks: Vec<_> = marks
                .iter()
                .filter(|m| m.0 >= keys_end)
                .map(|&(s, e, st)| (s - keys_end, e - keys_end, st))
                .collect();
            spans.extend(
                styled_ranges(rest, &rest_marks, base)
                    .into_iter()
                    .map(|s| Span::styled(s.content.into_owned(), s.style)),
            );
            Line::from(spans)
        })
        .collect()
}

/// The find line at the foot of the help, while typing in it or while its text is kept.
fn find_line(app: &App, theme: &Theme, frame: &mut Frame, inner: Rect) {
    let typing = app.input == Some(Input::HelpFind);
    if !typing && app.help.line.text.is_empty() {
        return;
    }
    let y = inner.bottom().saturating_sub(1);
    let text = format!("/{}", app.help.line.text);
    let hint = if typing {
        "  (Enter keeps it; n/N next/previous)"
    } else {
        "  (n/N)"
    };
    let line = Line::from(vec![
        Span::styled(text.clone(), theme.accent),
        Span::styled(hint, theme.dim),
    ]);
    frame.render_widget(Paragraph::new(line), Rect { y, height: 1, ..inner });
    if typing {
        let before = &app.help.line.text[..app.help.line.cursor];
        let x = inner.x + 1 + u16::try_from(str_width(before)).unwrap_or(u16::MAX);
        if x < inner.right() {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
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

/// A list to pick from (`m` mentions in context, `w` names appearing with one): the row under
/// the cursor highlighted and kept in view, the mention in each sentence marked.
fn draw_pick(app: &App, theme: &Theme, frame: &mut Frame) {
    let Some(pick) = &app.picker else { return };
    let (area, rows) = app.overlay_area(pick.rows.len().max(1));
    let width = usize::from(area.width.saturating_sub(2));
    let scroll = pick.selected.saturating_sub(rows.saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    if pick.rows.is_empty() {
        let what = if pick.pending.is_some() {
            "reading the articles…"
        } else {
            "nothing found"
        };
        lines.push(Line::styled(what, theme.dim));
    }
    for (i, row) in pick.rows.iter().enumerate().skip(scroll).take(rows) {
        let label = truncate(&row.label, (width / 3).max(8));
        let rest = width.saturating_sub(str_width(&label) + 2);
        let mut spans = vec![Span::styled(label, theme.heading), Span::raw("  ")];
        let detail = &row.detail;
        match &row.hit {
            Some(hit) if detail.get(hit.clone()).is_some() => {
                // The mention a third of the way in: as much context before it as fits.
                let (detail, hit) = centred(detail, hit.clone(), rest / 3);
                let detail = &detail;
                let marks = [(hit.start, hit.end, theme.matched)];
                let styled = styled_ranges(detail, &marks, theme.text);
                let mut used = 0;
                for s in styled {
                    let w = str_width(&s.content);
                    if used >= rest {
                        break;
                    }
                    let text = truncate(&s.content, rest - used);
                    used += w.min(rest - used);
                    spans.push(Span::styled(text, s.style));
                }
            }
            _ => spans.push(Span::styled(truncate(detail, rest), theme.dim)),
        }
        let mut line = Line::from(spans);
        if i == pick.selected {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(truncate(&pick.title, width), theme.title));
    if pick.rows.len() > rows {
        let at = format!(" {} of {} ", pick.selected + 1, pick.rows.len());
        block = block.title_bottom(super::label(at, theme.dim));
    }
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `text` cut at the front so that at most `before` columns come before `hit` (with "…" for
/// what was cut), and `hit` moved with it.
fn centred(text: &str, hit: std::ops::Range<usize>, before: usize) -> (String, std::ops::Range<usize>) {
    if str_width(&text[..hit.start]) <= before {
        return (text.to_owned(), hit);
    }
    let mut from = hit.start;
    let mut width = 1; // the "…"
    for (i, c) in text[..hit.start].char_indices().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if width + w > before {
            break;
        }
        width += w;
        from = i;
    }
    let cut = format!("…{}", &text[from..]);
    let shift = "…".len();
    let start = hit.start - from + shift;
    (cut, start..start + hit.len())
}
