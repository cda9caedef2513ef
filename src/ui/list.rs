//! The article list, with the filter line on top and matched characters highlighted.

use super::theme::Theme;
use ratatui::{
    Frame,
    layout::{Position, Rect},
    text::{Line, Span},
    widgets::{Block, Borders, Paragraph},
};

use super::{styled_ranges, truncate};
use crate::{
    app::{App, Focus, Input, copies::RowKind},
    fuzzy,
    wrap::str_width,
};

/// Columns before a title: the cursor, three marks and a space.
const MARKS: usize = 5;
/// A date column: ` 2024-03-07`.
const DATE: usize = 11;

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Focus::List || app.input == Some(Input::Filter);
    let block = list_block(app, theme, focused, usize::from(area.width));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    if app.filter.line_shown(app.input) {
        lines.push(filter_line(app, theme, frame, inner));
    }
    if !app.entities.facets.is_empty() {
        lines.push(facet_line(app, theme));
    }
    let timeline = usize::from(app.timeline_shown());
    let rows = usize::from(inner.height).saturating_sub(lines.len() + timeline) / app.list_row_height();
    let fulltext = app.fulltext_query().is_some();
    // Highlights are computed for the visible rows only, with the query of the results shown.
    let pattern = (!fulltext)
        .then(|| app.filter.results.as_ref().map(|r| fuzzy::pattern(&r.query)))
        .flatten();
    let mut matcher = pattern.as_ref().map(|_| nucleo::Matcher::new(nucleo::Config::DEFAULT));
    let shown = app.list_offset..(app.list_offset + rows).min(app.row_count());
    // While a fuzzy filter highlights what matched, titles keep their starts.
    let alike = if pattern.is_some() {
        Vec::new()
    } else {
        alike_titles(app, shown.clone(), width)
    };
    for row in shown {
        let Some(index) = app.row_article(row) else { break };
        let article = &app.articles[index];
        let selected = row == app.cursor;
        let base = match (selected, app.focus == Focus::List) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_unfocused,
            _ => theme.text,
        };
        let marker = if selected { "▶" } else { " " };
        // Marks carry meaning without colour, each in a column of its own: ★ bookmarked,
        // ✎ has a note, • unread.
        let (bookmarked, noted) = app.group_marks(index);
        let bookmark = if bookmarked { "★" } else { " " };
        let note = if noted { "✎" } else { " " };
        // A group's row says how many copies it stands for; its copies, opened with `z`, are
        // indented under it with their source (what tells copies apart).
        let (badge, copy_of) = copy_labels(app.row_kind(index), article.source.as_deref());
        let unread = if app.marks.read(&article.id) { " " } else { "•" };
        // The date in a column of its own when there is room for a title beside it.
        let date = article
            .short_date()
            .filter(|_| width >= MARKS + DATE + 16)
            .map(|d| format!(" {d}"))
            .unwrap_or_default();
        let tags = crate::library::tags::of(&app.marks.state, &article.id);
        // Chips take at most half the row, so the title stays the row's main part.
        let chips = super::chips(&tags, width.saturating_sub(MARKS + date.len()) / 2, theme);
        let chips_width: usize = chips.iter().map(|c| str_width(&c.content)).sum();
        let room = width.saturating_sub(MARKS + date.len() + chips_width + str_width(&badge));
        let title = match alike.iter().find(|(r, _)| *r == row) {
            Some((_, shared)) => truncate(
                &format!("{copy_of}{}", skip_shared_start(&article.title, *shared)),
                room,
            ),
            None => truncate(&format!("{copy_of}{}", article.title), room),
        };
        let badge_width = str_width(&badge);
        let highlights = match (&pattern, &mut matcher) {
            (Some(p), Some(m)) => fuzzy::title_highlights(p, &title, m),
            _ => Vec::new(),
        };
        let mut spans = vec![
            Span::styled(marker, if selected { base } else { theme.accent }),
            Span::styled(bookmark, if selected { base } else { theme.mark }),
            Span::styled(note, if selected { base } else { theme.mark }),
            Span::styled(unread, if selected { base } else { theme.unread }),
            Span::styled(" ", base),
        ];
        let hit = base.patch(theme.matched);
        let marks: Vec<_> = highlights.into_iter().map(|(s, e)| (s, e, hit)).collect();
        spans.extend(
            styled_ranges(&title, &marks, base)
                .into_iter()
                .map(|s| Span::styled(s.content.into_owned(), s.style)),
        );
        spans.push(Span::styled(badge, if selected { base } else { theme.accent }));
        spans.extend(chips.into_iter().map(|c| if selected { c.style(base) } else { c }));
        spans.push(Span::styled(
            " ".repeat(width.saturating_sub(MARKS + str_width(&title) + badge_width + chips_width + date.len())),
            base,
        ));
        spans.push(Span::styled(date, if selected { base } else { theme.dim }));
        lines.push(Line::from(spans));
        if fulltext {
            lines.push(snippet_line(app, theme, crate::store::article_number(index), width));
        }
    }
    if app.row_count() == 0 {
        lines.push(Line::from(Span::styled(empty_message(app, fulltext), theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if app.timeline_shown() && inner.height > 0 {
        let row = Rect {
            y: inner.bottom() - 1,
            height: 1,
            ..inner
        };
        frame.render_widget(ratatui::widgets::Clear, row);
        super::timeline::draw_list(app, theme, frame, row);
    }
}

/// A group's badge (`+N`, `−N` once opened) and a copy's prefix (`└ source: `).
fn copy_labels(kind: RowKind, source: Option<&str>) -> (String, String) {
    match (kind, source) {
        (RowKind::Head { others, expanded }, _) => {
            (format!(" {}{others}", if expanded { "−" } else { "+" }), String::new())
        }
        (RowKind::Member, Some(source)) => (String::new(), format!("└ {source}: ")),
        (RowKind::Member, None) => (String::new(), "└ ".to_string()),
        (RowKind::Alone, _) => (String::new(), String::new()),
    }
}

/// The entity facets as chips; `!` marks a negated one, x removes the last.
fn facet_line(app: &App, theme: &Theme) -> Line<'static> {
    // Facet chips; `!` marks a negated one, x removes the last.
    let mut chips = Vec::new();
    for facet in &app.entities.facets {
        let name = &app.entities.index.names[facet.entity as usize];
        let neg = if facet.negated { "!" } else { "" };
        chips.push(Span::styled(format!("[{neg}{name} ×]"), theme.accent));
        chips.push(Span::raw(" "));
    }
    Line::from(chips)
}

/// The filter line: what is typed, and why an operator in it is not applied.
fn filter_line(app: &App, theme: &Theme, frame: &mut Frame, inner: Rect) -> Line<'static> {
    let width = usize::from(inner.width);
    let editing = app.input == Some(Input::Filter);
    let text = truncate(&app.filter.line.text, width.saturating_sub(3));
    let mut spans = vec![
        Span::styled("/ ", theme.accent),
        Span::styled(text.clone(), if editing { theme.text } else { theme.dim }),
    ];
    // Why an operator is not applied, beside it, rather than a list that silently empties.
    if let Some(why) = app.filter.query.errors.first() {
        let room = width.saturating_sub(3 + str_width(&text));
        spans.push(Span::styled(truncate(&format!("  ⚠ {why}"), room), theme.warning));
    }
    if editing {
        let before = &app.filter.line.text[..app.filter.line.cursor];
        let x = inner.x + 2 + u16::try_from(str_width(before)).unwrap_or(u16::MAX);
        if x < inner.right() {
            frame.set_cursor_position(Position::new(x, inner.y));
        }
    }
    Line::from(spans)
}

/// The pane's border, titled with the counts and what the filter is doing.
fn list_block(app: &App, theme: &Theme, focused: bool, width: usize) -> Block<'static> {
    let counter = if app.fulltext_query().is_some() && app.filter.results.is_some() {
        format!(" Text search {}/{} ", app.row_count(), app.fulltext.total)
    } else if app.rows.is_some() || app.filter.results.is_some() || app.filter.matching {
        format!(" Articles {}/{} ", app.row_count(), app.articles.len())
    } else {
        format!(" Articles {} ", app.articles.len())
    };
    let mut block =
        Block::default()
            .borders(Borders::ALL)
            .border_style(if focused { theme.border_focused } else { theme.border });
    // The count a date test left out for lack of a date, then the order, as room allows.
    let mut title = vec![Span::styled(counter, if focused { theme.accent } else { theme.dim })];
    let mut used = str_width(&title[0].content) + 2;
    if app.undated_left_out > 0 {
        let n = app.undated_left_out;
        for text in [format!("· {n} undated left out "), format!("· {n} undated ")] {
            if used + str_width(&text) <= width {
                used += str_width(&text);
                title.push(Span::styled(text, theme.warning));
                break;
            }
        }
    }
    let order = format!("· {} ", app.sort_label());
    if used + str_width(&order) <= width {
        title.push(Span::styled(order, theme.dim));
    }
    block = block.title(Line::from(title));
    if app.marks.bookmarks_only {
        block = block.title(Span::styled("★ only ", theme.accent));
    }
    if app.filter.matching {
        let busy = if app.fulltext_query().is_some() {
            "searching… "
        } else {
            "matching… "
        };
        block = block.title(Span::styled(busy, theme.dim));
    }
    block
}

/// The rows in view whose titles, cut to the list's width, would read the same as another's
/// (ignoring case), with how many characters they share with the most alike of them: those
/// are shown from where they differ, so two copies of a story tell themselves apart.
fn alike_titles(app: &App, rows: std::ops::Range<usize>, width: usize) -> Vec<(usize, usize)> {
    let room = width.saturating_sub(MARKS + DATE);
    let titles: Vec<(usize, String)> = rows
        .filter_map(|row| Some((row, app.articles[app.row_article(row)?].title.to_lowercase())))
        .collect();
    let cut = |t: &str| truncate(t, room);
    titles
        .iter()
        .filter_map(|(row, t)| {
            let shared = titles
                .iter()
                .filter(|(other, u)| other != row && cut(u) == cut(t) && cut(t).ends_with('…'))
                .map(|(_, u)| t.chars().zip(u.chars()).take_while(|(a, b)| a == b).count())
                .max()?;
            Some((*row, shared))
        })
        .collect()
}

/// `title` with the first `shared` characters (the part it has in common with another title)
/// cut down to its first word and a `…`, from the start of the word where it differs.
fn skip_shared_start(title: &str, shared: usize) -> String {
    let chars: Vec<(usize, char)> = title.char_indices().collect();
    let Some(&(at, _)) = chars.get(shared) else {
        return title.to_string();
    };
    // Back to the start of the word the difference is in.
    let from = title[..at].rfind(' ').map_or(0, |s| s + 1);
    let first_word = title.split(' ').next().unwrap_or("");
    if from <= first_word.len() + 1 {
        return title.to_string();
    }
    format!("{first_word}… {}", &title[from..])
}

/// Why the list is empty.
fn empty_message(app: &App, fulltext: bool) -> String {
    if app.loading.is_some() {
        "loading…".to_string()
    } else if let Some(why) = app.fulltext_unavailable().filter(|_| fulltext) {
        format!("text search is unavailable: {why}")
    } else if let Some(error) = app.fulltext.error.as_ref().filter(|_| fulltext) {
        error.clone()
    } else if fulltext && app.filter.results.is_some() {
        match app.indexing_progress() {
            Some(pct) => format!("no article contains that yet (indexing {pct}%)"),
            None => "no article contains that".into(),
        }
    } else if app.marks.bookmarks_only && app.filter.results.is_none() && app.entities.facets.is_empty() {
        "no bookmarks yet: b bookmarks an article, B shows them all again".into()
    } else if app.filter.results.is_some() || app.rows.is_some() {
        "no article matches".into()
    } else {
        format!("no articles here: dossier reads {}", crate::store::FORMATS)
    }
}

/// A full-text result's second line: its snippet, dimmed, matched words marked, clipped so the
/// first hit is in view.
fn snippet_line(app: &App, theme: &Theme, article: u32, width: usize) -> Line<'static> {
    let indent = "    ";
    let room = width.saturating_sub(indent.len());
    let Some(snippet) = app.fulltext.snippets.get(&article) else {
        return Line::from(Span::styled(format!("{indent}…"), theme.dim));
    };
    let (text, marks) = clip_around(&snippet.text, &snippet.highlights, room);
    let hit = theme.dim.patch(theme.matched);
    let marks: Vec<_> = marks.into_iter().map(|(s, e)| (s, e, hit)).collect();
    let mut spans = vec![Span::styled(indent, theme.dim)];
    spans.extend(
        styled_ranges(&text, &marks, theme.dim)
            .into_iter()
            .map(|s| Span::styled(s.content.into_owned(), s.style)),
    );
    Line::from(spans)
}

/// Cut `text` to `width` columns so that the first highlight shows, with a little context
/// before it; highlight ranges are moved to match.
pub fn clip_around(text: &str, highlights: &[std::ops::Range<usize>], width: usize) -> (String, Vec<(usize, usize)>) {
    let first = highlights.first().map_or(0, |h| h.start).min(text.len());
    let mut start = 0;
    if text.is_char_boundary(first) && str_width(&text[..first]) > width / 3 {
        // Back up a quarter of the width from the hit, to a character boundary.
        let mut back = 0;
        start = first;
        for (i, c) in text[..first].char_indices().rev() {
            back += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if back > width / 4 {
                break;
            }
            start = i;
        }
        // Start at a word, not inside one ("…eploy troops" read badly).
        if let Some(space) = text[start..first].find(' ') {
            start += space + 1;
        }
    }
    let prefix = if start > 0 { "…" } else { "" };
    let clipped = truncate(&format!("{prefix}{}", &text[start..]), width);
    // Offsets past the cut (or inside the `…` it added) move back to a character boundary.
    let floor = |mut at: usize| {
        at = at.min(clipped.len());
        while !clipped.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let shift = |at: usize| floor((at + prefix.len()).saturating_sub(start));
    let marks = highlights
        .iter()
        .filter(|h| h.start >= start)
        .map(|h| (shift(h.start), shift(h.end)))
        .filter(|(s, e)| s < e)
        .collect();
    (clipped, marks)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::clip_around;
    use crate::wrap::str_width;

    #[test]
    fn a_late_hit_is_brought_into_view() {
        let text = format!("{} needle here", "word ".repeat(30));
        let start = text.find("needle").unwrap();
        let hit = start..start + 6;
        let (clipped, marks) = clip_around(&text, std::slice::from_ref(&hit), 30);
        assert!(clipped.starts_with('…'));
        assert_eq!(marks.len(), 1);
        assert_eq!(&clipped[marks[0].0..marks[0].1], "needle");
        assert!(str_width(&clipped) <= 30);
    }

    proptest! {
        /// Whatever the text, hits and width: the line fits, every mark is on character
        /// boundaries and marks (a prefix of) the text it marked before.
        #[test]
        fn clipped_marks_stay_on_their_words(
            words in proptest::collection::vec("[a-zé漢]{1,8}", 1..40),
            picks in proptest::collection::vec(any::<prop::sample::Index>(), 0..4),
            width in 1usize..60,
        ) {
            let text = words.join(" ");
            let mut starts: Vec<usize> = text.match_indices(' ').map(|(i, _)| i + 1).collect();
            starts.insert(0, 0);
            let mut hits: Vec<std::ops::Range<usize>> = picks
                .iter()
                .map(|p| {
                    let w = p.index(words.len());
                    starts[w]..starts[w] + words[w].len()
                })
                .collect();
            hits.sort_by_key(|h| h.start);
            hits.dedup();
            let (clipped, marks) = clip_around(&text, &hits, width);
            prop_assert!(str_width(&clipped) <= width.max(1));
            for (s, e) in marks {
                prop_assert!(s < e && e <= clipped.len());
                prop_assert!(clipped.is_char_boundary(s) && clipped.is_char_boundary(e));
                let marked = &clipped[s..e];
                prop_assert!(
                    hits.iter().any(|h| text[h.clone()].starts_with(marked.trim_end_matches('…'))),
                    "{marked:?} is not a hit"
                );
            }
        }
    }
}
