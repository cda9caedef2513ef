//! The reader: only the visible slice of the pre-wrapped lines is turned into spans.

use super::theme::Theme;
use ratatui::{
    Frame,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Borders, Paragraph},
};

use super::{label, layered};
use crate::{
    app::{App, Focus},
    store::ParaKind,
};

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Focus::Reader;
    let text_area = crate::layout::panes(frame.area(), app.focus, app.split, &app.look)
        .reader_text()
        .unwrap_or_default();
    let height = usize::from(text_area.height);
    let block = reader_block(app, theme, focused, (usize::from(area.width), height));
    let mut lines = Vec::with_capacity(height);
    if let Some(reader) = &app.reader {
        let hits = reader.find.as_ref().map_or(&[][..], |s| &s.hits[..]);
        let current = reader.find.as_ref().and_then(|s| s.current);
        let selection = reader.passage.as_ref().map(|s| s.range(&reader.doc.text));
        // The caret, where a selection would start: the word it is on, while reading.
        let caret = (focused && selection.is_none()).then(|| caret_word(&reader.doc.text, reader.caret));
        // With an entity selected in the sidebar, its mentions are highlighted.
        let mentions = if app.focus == Focus::Sidebar {
            app.selected_mentions()
        } else {
            Vec::new()
        };
        let annotated: Vec<&std::ops::Range<usize>> =
            reader.annotations.iter().filter_map(|p| p.range.as_ref()).collect();
        for (row, line) in reader.lines.iter().skip(reader.top).take(height).enumerate() {
            let text = &reader.doc.text[line.range.clone()];
            let style = match reader.doc.paras[line.para].kind {
                ParaKind::Title => theme.title,
                ParaKind::Meta => theme.dim,
                ParaKind::Link => theme.link,
                ParaKind::Heading => theme.heading,
                ParaKind::Text => theme.text,
            };
            let on_line = |r: &std::ops::Range<usize>| r.start < line.range.end && r.end > line.range.start;
            let rel = |r: &std::ops::Range<usize>| {
                (
                    r.start.max(line.range.start) - line.range.start,
                    r.end.min(line.range.end) - line.range.start,
                )
            };
            // Layers, lowest first: annotated passages, search hits, the current hit, the selection.
            let mut marks = Vec::new();
            for r in annotated.iter().filter(|r| on_line(r)) {
                let (a, b) = rel(r);
                marks.push((a, b, style.patch(theme.annotated), 0));
            }
            for m in mentions.iter().filter(|r| on_line(r)) {
                let (a, b) = rel(m);
                marks.push((a, b, style.patch(theme.matched), 1));
            }
            let first = hits.partition_point(|h| h.end <= line.range.start);
            for (i, h) in hits
                .iter()
                .enumerate()
                .skip(first)
                .take_while(|(_, h)| h.start < line.range.end)
            {
                let (a, b) = rel(h);
                let (mark, prio) = if Some(i) == current {
                    (theme.selected, 2)
                } else {
                    (style.patch(theme.matched), 1)
                };
                marks.push((a, b, mark, prio));
            }
            if let Some(sel) = selection.as_ref().filter(|r| on_line(r)) {
                let (a, b) = rel(sel);
                marks.push((a, b, theme.selection, 3));
            }
            if let Some(caret) = caret.as_ref().filter(|r| on_line(r)) {
                let (a, b) = rel(caret);
                marks.push((a, b, style.patch(theme.caret), 3));
            }
            if !line.is_blank() && annotated.iter().any(|r| on_line(r)) && text_area.x > area.x + 1 {
                // A bar in the left margin marks annotated lines, also without colour.
                let y = text_area.y.saturating_add(u16::try_from(row).unwrap_or(u16::MAX));
                frame.buffer_mut().set_string(text_area.x - 1, y, "▌", theme.accent);
            }
            lines.push(Line::from(layered(text, &marks, style)));
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
    if theme.hyperlinks
        && let Some(reader) = &app.reader
    {
        for (row, line) in reader.lines.iter().skip(reader.top).take(height).enumerate() {
            if reader.doc.paras[line.para].kind == ParaKind::Link {
                let url = reader.doc.para_text(line.para);
                let y = text_area.y.saturating_add(u16::try_from(row).unwrap_or(u16::MAX));
                hyperlink(frame.buffer_mut(), text_area.x, y, text_area.width, url);
            }
        }
    }
}

/// The pane's border: focus, "opening…", how far in, orphaned annotations.
fn reader_block(app: &App, theme: &Theme, focused: bool, (width, height): (usize, usize)) -> Block<'static> {
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { theme.border_focused } else { theme.border })
        .title(Span::styled(" Reader ", if focused { theme.accent } else { theme.dim }));
    if app.opening.is_some() {
        block = block.title(Span::styled("opening… ", theme.dim));
    }
    let Some(reader) = &app.reader else { return block };
    let tags = crate::library::tags::of(&app.marks.state, &app.articles[reader.index].id);
    if !tags.is_empty() {
        let mut chips = super::chips(&tags, 60, theme);
        chips.push(Span::raw(" "));
        block = block.title(ratatui::text::Line::from(chips));
    }
    let max_top = reader.lines.len().saturating_sub(height.max(1));
    let percent = (reader.top.min(max_top) * 100).checked_div(max_top).unwrap_or(100);
    let more = if reader.top < max_top { " ▼" } else { "" };
    block = block.title_bottom(label(format!(" {percent}%{more} "), theme.dim));
    let orphans = reader.annotations.iter().filter(|p| p.range.is_none()).count();
    if orphans > 0 {
        // Annotations whose passage is gone from the text are kept, and said so.
        let text = format!(
            " {orphans} orphaned annotation{} (A) ",
            if orphans == 1 { "" } else { "s" }
        );
        block = block.title_bottom(Span::styled(text, theme.warning));
    }
    let copies = app.copies_of(reader.index);
    if copies.len() > 1 {
        // The other copies of this story, by where they were published.
        let sources: Vec<String> = copies
            .iter()
            .filter(|&&c| c as usize != reader.index)
            .map(|&c| {
                let m = &app.articles[c as usize];
                m.source.clone().unwrap_or_else(|| m.path.clone())
            })
            .collect();
        let n = copies.len() - 1;
        let full = format!(
            " also in {n} article{}: {} · C next, D compare ",
            if n == 1 { "" } else { "s" },
            sources.join(", ")
        );
        // The sources while they fit, else the count and the keys, else the count.
        let room = width.saturating_sub(10 + percent.to_string().len());
        let text = [full, format!(" also in {n} · C, D "), format!(" +{n} ")]
            .into_iter()
            .find(|t| crate::wrap::str_width(t) <= room);
        if let Some(text) = text {
            block = block.title_bottom(Span::styled(text, theme.accent));
        }
    }
    block
}

/// The bytes the caret shows on: the word it is in, else the one character it is on.
fn caret_word(text: &str, at: usize) -> std::ops::Range<usize> {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let word = |c: char| c.is_alphanumeric();
    let end = text[at..]
        .char_indices()
        .find(|&(_, c)| !word(c))
        .map_or(text.len(), |(i, _)| at + i);
    if end > at {
        return at..end;
    }
    at..text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

/// Make the cells of a drawn URL a terminal hyperlink (OSC 8). ratatui writes a cell's symbol
/// as it is, so each pair of cells gets a symbol holding the escape and both characters, and
/// the cell is forced to the pair's width: the diff would otherwise count the escape's
/// printable bytes as columns and skip that many cells (seen in tmux as a torn line).
/// The address is written with printable ASCII only, so nothing in it can act as a control.
fn hyperlink(buf: &mut ratatui::buffer::Buffer, x: u16, y: u16, width: u16, url: &str) {
    let target: String = url
        .bytes()
        .flat_map(|b| {
            if (0x21..0x7f).contains(&b) {
                vec![char::from(b)]
            } else {
                format!("%{b:02X}").chars().collect()
            }
        })
        .collect();
    let cells: Vec<String> = (x..x + width).map(|cx| buf[(cx, y)].symbol().to_string()).collect();
    let drawn = cells.iter().rposition(|c| c != " ").map_or(0, |i| i + 1);
    for (i, pair) in cells[..drawn].chunks(2).enumerate() {
        let text: String = pair.concat();
        if text.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
            let cx = x + u16::try_from(i * 2).unwrap_or(u16::MAX);
            let width =
                std::num::NonZeroU16::new(u16::try_from(pair.len()).unwrap_or(2)).unwrap_or(std::num::NonZeroU16::MIN);
            buf[(cx, y)]
                .set_symbol(&format!("\x1b]8;;{target}\x1b\\{text}\x1b]8;;\x1b\\"))
                .set_diff_option(ratatui::buffer::CellDiffOption::ForcedWidth(width));
        }
    }
}
