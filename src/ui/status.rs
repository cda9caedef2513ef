//! The header (corpus, counts, background work) and the status line (focus, keys, position).

use super::theme::Theme;
use ratatui::{
    Frame,
    layout::{Constraint, Layout, Position, Rect},
    text::{Line, Span},
    widgets::Paragraph,
};

use super::truncate;
use crate::{
    app::{App, Focus, Input, Level, Overlay},
    wrap::str_width,
};

pub fn header(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let n = app.articles.len();
    let left = format!(
        " dossier · {} · {n} article{}",
        app.corpus_name,
        if n == 1 { "" } else { "s" }
    );
    let mut right = Vec::new();
    if let Some(p) = app.loading {
        right.push(Span::styled(loading_text(&p), theme.accent));
    } else if let Some((done, total)) = app.entities.progress {
        let percent = (done * 100).checked_div(total).unwrap_or(0);
        right.push(Span::styled(format!("names {percent}% "), theme.dim));
    }
    if let Some(percent) = app.indexing_progress() {
        right.push(Span::styled(format!("indexing {percent}% "), theme.dim));
    }
    if app.fulltext_unavailable().is_some() {
        right.push(Span::styled("⚠ no text search (!) ", theme.warning));
    }
    if !app.notices.is_empty() && app.skipped.is_empty() {
        let n = app.notices.len();
        let s = if n == 1 { "" } else { "s" };
        right.push(Span::styled(format!("⚠ {n} notice{s} (!) "), theme.warning));
    }
    if !app.skipped.is_empty() {
        right.push(Span::styled(
            format!("⚠ {} skipped (!) ", app.skipped.len()),
            theme.warning,
        ));
    }
    if app.marks.read_only.is_some() {
        right.push(Span::styled(
            "⚠ read-only: changes are not saved (X exports) ",
            theme.warning,
        ));
    }
    split(
        frame,
        area,
        &Line::from(Span::styled(left, theme.title)),
        Line::from(right),
        theme,
    );
}

/// "loading 1200/5000 files · 4.1/17.0 MB" (totals once counted).
fn loading_text(p: &crate::app::Progress) -> String {
    let mb = |b: u64| b as f64 / 1e6;
    let files = match p.total_files {
        Some(total) => format!("{}/{total} files", p.files),
        None if p.files > 0 => format!("{} articles", p.files),
        None => String::new(),
    };
    let bytes = match p.total_bytes {
        Some(total) => format!("{:.1}/{:.1} MB", mb(p.bytes), mb(total)),
        None => format!("{:.1} MB", mb(p.bytes)),
    };
    let sep = if files.is_empty() { "" } else { " · " };
    format!("loading {files}{sep}{bytes}… ")
}

pub fn footer(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let search = app.reader.as_ref().and_then(|r| r.find.as_ref());
    if app.input == Some(Input::Find) {
        let text = search.map_or("", |s| s.line.text.as_str());
        let line = format!(" find: {text}");
        let cursor = u16::try_from(str_width(&line)).unwrap_or(u16::MAX);
        split(
            frame,
            area,
            &Line::from(Span::styled(line, theme.text)),
            Line::from(hit_count(app)),
            theme,
        );
        if cursor < area.width {
            frame.set_cursor_position(Position::new(area.x + cursor, area.y));
        }
        return;
    }
    if let (Some(Input::Prompt), Some(prompt)) = (app.input, &app.prompt) {
        let label = prompt.label();
        // View names come from the library file: shown as one line without controls.
        let clean = crate::store::sanitize::sanitize_line;
        let before = format!("{label}{}", clean(&prompt.line.text[..prompt.line.cursor]));
        let line = format!("{label}{}", clean(&prompt.line.text));
        let choices = app.prompt_choices();
        let hint = if choices.is_empty() {
            String::new()
        } else {
            let shown: Vec<String> = choices.iter().take(5).map(|c| clean(c)).collect();
            format!("Tab: {} ", shown.join(" · "))
        };
        split(
            frame,
            area,
            &Line::from(Span::styled(line, theme.text)),
            Line::from(Span::styled(hint, theme.dim)),
            theme,
        );
        let cursor = u16::try_from(str_width(&before)).unwrap_or(u16::MAX);
        if cursor < area.width {
            frame.set_cursor_position(Position::new(area.x + cursor, area.y));
        }
        return;
    }
    // A failed save stays in view until a save succeeds; other messages until the next key
    // (the question asked at quit comes first: it is about those failed saves).
    let failure = app.save_failure.as_ref().map(|text| (text.as_str(), Level::Error));
    let message = app.message.as_ref().map(|m| (m.text.as_str(), m.level));
    let message = if app.quit_asked {
        message.or(failure)
    } else {
        failure.or(message)
    };
    if let Some((text, level)) = message {
        let style = if level >= Level::Warning {
            theme.warning
        } else {
            theme.accent
        };
        let line = Line::from(Span::styled(format!(" {text}"), style));
        split(frame, area, &line, Line::from(counts(app, theme)), theme);
        return;
    }
    let hints = hints(app);
    // While typing a filter, an operator it cannot read is said here in full.
    if let (Some(Input::Filter), Some(why)) = (app.input, app.filter.query.errors.first()) {
        let line = Line::from(Span::styled(format!(" ⚠ not applied: {why}"), theme.warning));
        split(frame, area, &line, Line::from(counts(app, theme)), theme);
        return;
    }
    let mut right = vec![Span::styled(hit_count(app), theme.accent)];
    right.extend(counts(app, theme));
    if app.cursor_article().is_some() {
        right.push(Span::styled(
            format!("{}/{} ", app.cursor + 1, app.row_count()),
            theme.dim,
        ));
    }
    split(
        frame,
        area,
        &Line::from(Span::styled(hints, theme.dim)),
        Line::from(right),
        theme,
    );
}

/// Library counts: bookmarks, notes, annotations.
fn counts(app: &App, theme: &Theme) -> Vec<Span<'static>> {
    let (b, n, a) = app.marks.totals();
    let mut spans = Vec::new();
    // Pending until a save succeeds: the totals count them, this says they are not on disk.
    if app.marks.unsaved > 0 {
        spans.push(Span::styled(
            format!("⚠ {} unsaved · ", app.marks.unsaved),
            theme.warning,
        ));
    }
    if b + n + a > 0 {
        spans.push(Span::styled(format!("★ {b}  ✎ {n}  ▌ {a} · "), theme.dim));
    }
    spans
}

/// `hit i/n` while a search is active in the reader.
fn hit_count(app: &App) -> String {
    match app.reader.as_ref().and_then(|r| r.find.as_ref()) {
        Some(s) if !s.line.text.is_empty() => match s.current {
            Some(i) => format!("hit {}/{} · ", i + 1, s.hits.len()),
            None => "no hits · ".to_string(),
        },
        _ => String::new(),
    }
}

/// Left text and right text on one row; the left is cut first when they collide.
fn split(frame: &mut Frame, area: Rect, left: &Line, right: Line, theme: &Theme) {
    frame.render_widget(Paragraph::new("").style(theme.bar), area);
    let right_width = u16::try_from(right.width()).unwrap_or(u16::MAX).min(area.width);
    let [l, r] = Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    let left_text: String = left.spans.iter().map(|s| s.content.as_ref()).collect();
    let style = left.spans.first().map(|s| s.style).unwrap_or_default();
    let cut = truncate(&left_text, usize::from(l.width));
    frame.render_widget(Paragraph::new(Line::from(Span::styled(cut, style))).style(theme.bar), l);
    frame.render_widget(Paragraph::new(right.right_aligned()).style(theme.bar), r);
}

/// What the keys do in the view on screen: the overlay's, the editor's, the line's, the pane's.
fn hints(app: &App) -> &'static str {
    let choosing = app.reader.as_ref().is_some_and(|r| r.passage.is_some()) && app.focus == Focus::Reader;
    match (app.overlay, app.input, app.focus) {
        _ if app.editor.is_some() => " note · type · Esc saves and closes · Ctrl-E $EDITOR",
        (Some(Overlay::Annotations), Some(Input::Annotations), _) => {
            " annotations · type to filter · ↑↓ move · Enter go · Esc keep"
        }
        (Some(Overlay::Annotations), ..) => {
            " annotations · j/k move · Enter go · e edit · d delete · u undo · / filter · Esc close"
        }
        (Some(Overlay::Help), Some(Input::HelpFind), _) => " help · type to find · Enter keep · Esc leave",
        (Some(Overlay::Help), ..) => " help · j/k PgDn/PgUp g/G scroll · / find · n/N next · Esc close",
        (Some(Overlay::Skipped), ..) => " skipped files · j/k PgDn/PgUp scroll · Esc close",
        (_, Some(Input::Filter), _) => {
            " filter · type to narrow · =words searches text · ↑↓ move · Enter open · Esc keep"
        }
        (_, Some(Input::Find), _) => " find · type · Enter keep · Esc leave",
        (_, Some(Input::Prompt), _) => " Enter keep · Esc cancel · Tab complete",
        _ if choosing => " select · j/k extend · w/b by word · a annotate · Esc cancel",
        (.., Focus::List) => " list · j/k move · / filter · Enter open · Tab reader, names · ? help · q quit",
        (.., Focus::Reader) => " reader · j/k caret · / find · v select · J/K next/prev · q back · ? help",
        (.., Focus::Sidebar) => " names · j/k move · Enter filter · n/N mentions · q back · ? help",
    }
}
