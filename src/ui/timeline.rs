//! One-row timelines (ratatui's `Sparkline`): the list's, under its rows, and the selected
//! entity's, at the foot of the sidebar. Days without articles show as `·` so the bars keep
//! their places; the bar the list is narrowed to is shown selected.

use ratatui::{
    Frame,
    layout::Rect,
    text::Span,
    widgets::{Paragraph, Sparkline, SparklineBar},
};

use super::theme::Theme;
use crate::app::{App, timeline::Bins};

/// Bars scaled to one row of eighths: any article at all shows at least `▁`.
fn bars<'a>(counts: &'a [u64], selected: Option<usize>, theme: &'a Theme) -> impl Iterator<Item = SparklineBar> + 'a {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    counts.iter().enumerate().map(move |(i, &n)| {
        let bar = SparklineBar::from((n > 0).then(|| 1 + n * 7 / max));
        if Some(i) == selected {
            bar.style(theme.timeline_selected)
        } else {
            bar
        }
    })
}

fn sparkline(counts: &[u64], selected: Option<usize>, theme: &Theme, frame: &mut Frame, area: Rect) {
    let line = Sparkline::default()
        .data(bars(counts, selected, theme))
        .max(8)
        .style(theme.timeline)
        .absent_value_symbol("·")
        .absent_value_style(theme.dim);
    frame.render_widget(line, area);
}

/// The list's timeline in `area` (one row inside the list's border), with its span and unit
/// after the bars when there is room.
pub fn draw_list(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(bins) = app.timeline_bins(usize::from(area.width)) else {
        return;
    };
    let width = u16::try_from(bins.counts.len()).unwrap_or(u16::MAX).min(area.width);
    sparkline(&bins.counts, app.timeline.bar, theme, frame, Rect { width, ..area });
    let room = usize::from(area.width.saturating_sub(width + 1));
    let Some(label) = labels(&bins, app.timeline.bar)
        .into_iter()
        .find(|l| l.chars().count() <= room)
    else {
        return;
    };
    let at = Rect {
        x: area.x + width + 1,
        width: area.width.saturating_sub(width + 1),
        ..area
    };
    frame.render_widget(Paragraph::new(Span::styled(label, theme.dim)), at);
}

/// What the bars span and their unit (or the chosen bar's period), longest first: the
/// caller takes the first that fits.
fn labels(bins: &Bins, bar: Option<usize>) -> Vec<String> {
    let (first, last) = match bar {
        Some(b) => bins.period(b),
        None => (bins.period(0).0, bins.period(bins.counts.len().saturating_sub(1)).1),
    };
    let unit = bins.unit_name();
    if first == last {
        return vec![first.to_string(), first.to_string()[5..].to_string()];
    }
    let (a, z) = (first.to_string(), last.to_string());
    // Without the year (and the month) the two ends share.
    let z_short = if a[..4] == z[..4] {
        z[5..].to_string()
    } else {
        z.clone()
    };
    let mut out = vec![format!("{a} – {z} · {unit}"), format!("{a} – {z_short} · {unit}")];
    if a[..4] == z[..4] {
        out.push(format!("{} – {z_short} · {unit}", &a[5..]));
    }
    out.extend([format!("{a} – {z_short}"), unit]);
    if bar.is_some() {
        // A chosen bar: its period matters, not the unit.
        out.retain(|l| l.contains('–'));
    }
    out
}

/// The selected entity's mentions over time, on bins of its own span (counted in the model
/// when the selection changed).
pub fn draw_entity(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some((_, days)) = &app.timeline.entity else { return };
    let Some(bins) = Bins::of_counts(days, usize::from(area.width)) else {
        return;
    };
    let width = u16::try_from(bins.counts.len()).unwrap_or(u16::MAX).min(area.width);
    sparkline(&bins.counts, None, theme, frame, Rect { width, ..area });
}
