//! The timeline under the list: when the listed articles were published, one bar a day, a
//! week or some months (whichever lets the span fit the width), and `[`/`]` (or a click) to
//! narrow the list to one bar's period. Binning is pure and works on day numbers computed once
//! at load, so drawing a million rows' timeline is integer arithmetic.

use std::sync::Arc;

use jiff::civil::Date;

use super::{App, Effects};

/// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
pub fn day_number(date: Date) -> i32 {
    let (y, m, d) = (i32::from(date.year()), i32::from(date.month()), i32::from(date.day()));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (the inverse of [`day_number`]).
pub fn date_of(days: i32) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    // Day numbers come from dates within jiff's range, so these fit.
    Date::new(
        i16::try_from(y).unwrap_or(1970),
        i8::try_from(m).unwrap_or(1),
        i8::try_from(d).unwrap_or(1),
    )
    .unwrap_or_default()
}

/// A month counted from year 0.
fn month_index(days: i32) -> i32 {
    let d = date_of(days);
    i32::from(d.year()) * 12 + i32::from(d.month()) - 1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    /// This many months a bar.
    Months(i32),
}

/// Bars of a timeline: counts per period from `first` on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bins {
    pub unit: Unit,
    /// The first bar's start: a day number (days and weeks) or a month index.
    pub first: i32,
    pub counts: Vec<u64>,
}

impl Bins {
    /// Bin `days` into at most `width` bars, the unit the smallest that fits the span.
    pub fn of(days: &[i32], width: usize) -> Option<Self> {
        let counted: Vec<(i32, u64)> = days.iter().map(|&d| (d, 1)).collect();
        Self::of_counts(&counted, width)
    }

    /// [`Bins::of`] for days with a count each (a day may come more than once).
    pub fn of_counts(days: &[(i32, u64)], width: usize) -> Option<Self> {
        let width = i32::try_from(width).ok().filter(|w| *w > 0)?;
        let (lo, hi) = (days.iter().map(|d| d.0).min()?, days.iter().map(|d| d.0).max()?);
        // Weeks start on Monday (1970-01-01 was a Thursday, day 3 of its week counted from 0).
        let monday = lo - (lo + 3).rem_euclid(7);
        let (unit, first, bars) = if hi - lo < width {
            (Unit::Day, lo, hi - lo + 1)
        } else if (hi - monday) / 7 < width {
            (Unit::Week, monday, (hi - monday) / 7 + 1)
        } else {
            let (mlo, mhi) = (month_index(lo), month_index(hi));
            // Bars of `per` months aligned on multiples of `per` (whole years for 12): the
            // smallest `per` whose bars fit.
            let mut per = ((mhi - mlo + 1) + width - 1) / width;
            loop {
                let first = mlo - mlo.rem_euclid(per);
                if (mhi - first) / per < width {
                    break (Unit::Months(per), first, (mhi - first) / per + 1);
                }
                per += 1;
            }
        };
        let mut counts = vec![0; usize::try_from(bars).ok()?];
        let mut bins = Self {
            unit,
            first,
            counts: Vec::new(),
        };
        for &(d, n) in days {
            if let Some(c) = counts.get_mut(bins.bar_of(d)) {
                *c += n;
            }
        }
        bins.counts = counts;
        Some(bins)
    }

    /// The bar a day falls in.
    pub fn bar_of(&self, day: i32) -> usize {
        let bar = match self.unit {
            Unit::Day => day - self.first,
            Unit::Week => (day - self.first) / 7,
            Unit::Months(per) => (month_index(day) - self.first) / per,
        };
        usize::try_from(bar).unwrap_or(usize::MAX)
    }

    /// The first and last day of bar `i`.
    pub fn period(&self, i: usize) -> (Date, Date) {
        let i = i32::try_from(i).unwrap_or(0);
        match self.unit {
            Unit::Day => (date_of(self.first + i), date_of(self.first + i)),
            Unit::Week => (date_of(self.first + 7 * i), date_of(self.first + 7 * i + 6)),
            Unit::Months(per) => {
                let start = self.first + i * per;
                let month = |m: i32| {
                    let (y, m) = (m.div_euclid(12), m.rem_euclid(12) + 1);
                    Date::new(i16::try_from(y).unwrap_or(1970), i8::try_from(m).unwrap_or(1), 1).unwrap_or_default()
                };
                (month(start), month(start + per - 1).last_of_month())
            }
        }
    }

    /// Bar `i`'s period as a `date:` operator.
    pub fn operator(&self, i: usize) -> String {
        let (a, b) = self.period(i);
        match self.unit {
            Unit::Day => format!("date:{a}"),
            Unit::Months(1) => format!("date:{}", &a.to_string()[..7]),
            _ => format!("date:{a}..{b}"),
        }
    }

    pub fn unit_name(&self) -> String {
        match self.unit {
            Unit::Day => "day".into(),
            Unit::Week => "week".into(),
            Unit::Months(1) => "month".into(),
            Unit::Months(n) => format!("{n} months"),
        }
    }
}

/// Moving along the timeline: which bar, over which rows.
#[derive(Debug, Clone, Default)]
pub struct TimelineState {
    /// The bar chosen, while moving along the timeline.
    pub bar: Option<usize>,
    /// The rows the timeline counts while a bar narrows the list (so the other bars stay).
    pub base: Option<Arc<Vec<u32>>>,
    /// Each article's publication day number, `None` undated (set at load).
    pub days: Vec<Option<i32>>,
    /// How many of the rows the timeline counts fall on each day, days in order: counted
    /// when the list changes, so a frame only bins these (a few thousand days, not a
    /// million rows).
    pub counts: Vec<(i32, u64)>,
    /// The first and last publication day of the corpus, `None` when nothing is dated
    /// (found once, at load: asked several times a frame, and bounds every count).
    pub span: Option<(i32, i32)>,
    /// The sidebar's selected entity and its mentions by day, counted when the selection
    /// changes (a pass over every article), not on every frame.
    pub entity: Option<(u32, Vec<(i32, u64)>)>,
}

impl App {
    /// Count the rows the timeline shows by day: the list, or the list as it was before a
    /// bar narrowed it. Called whenever the list changes.
    pub(super) fn count_timeline(&mut self) {
        let days = &self.timeline.days;
        let Some((lo, hi)) = self.timeline.span else {
            self.timeline.counts.clear();
            return;
        };
        let mut dense = vec![0u64; usize::try_from(hi - lo + 1).unwrap_or(0)];
        let mut add = |article: usize| {
            if let Some(Some(d)) = days.get(article)
                && let Some(c) = dense.get_mut(usize::try_from(d - lo).unwrap_or(usize::MAX))
            {
                *c += 1;
            }
        };
        match &self.timeline.base {
            Some(base) => base.iter().for_each(|&i| add(i as usize)),
            None => (0..self.row_count())
                .filter_map(|r| self.row_article(r))
                .for_each(&mut add),
        }
        self.timeline.counts = dense
            .into_iter()
            .zip(lo..)
            .filter(|(n, _)| *n > 0)
            .map(|(n, d)| (d, n))
            .collect();
    }

    /// The list's timeline in `width` bars, when any listed article has a date.
    #[must_use]
    pub fn timeline_bins(&self, width: usize) -> Option<Bins> {
        Bins::of_counts(&self.timeline.counts, width)
    }

    /// Keep the selected entity's mentions by day current: counted once when the sidebar's
    /// selection changes, dropped when the sidebar loses the focus.
    pub(super) fn refresh_entity_timeline(&mut self) {
        // Asked after every message: the sidebar's rows are only built while it has the focus.
        if self.focus != super::Focus::Sidebar {
            self.timeline.entity = None;
            return;
        }
        let wanted = match self.sidebar_row_under_cursor() {
            Some(super::SidebarRow::Entity { id: Some(id), .. })
                if self.focus == super::Focus::Sidebar
                    && self.entities.progress.is_none()
                    && self.timeline.span.is_some() =>
            {
                Some(id)
            }
            _ => None,
        };
        let Some(entity) = wanted else {
            self.timeline.entity = None;
            return;
        };
        if self.timeline.entity.as_ref().is_some_and(|(e, _)| *e == entity) {
            return;
        }
        let mut by_day = std::collections::BTreeMap::new();
        for (i, day) in self.timeline.days.iter().enumerate() {
            if let Some(day) = day
                && self.entities.index.mentions(i, entity)
            {
                *by_day.entry(*day).or_insert(0u64) += 1;
            }
        }
        self.timeline.entity = Some((entity, by_day.into_iter().collect()));
    }

    /// The timeline is drawn: a dated corpus and a list tall enough to spare a row.
    #[must_use]
    pub fn timeline_shown(&self) -> bool {
        let tall = self.panes().list.is_some_and(|r| r.height >= 10);
        tall && self.timeline.span.is_some()
    }

    /// Day numbers of every article, once loaded.
    pub(super) fn index_days(&mut self) {
        self.timeline.days = self
            .articles
            .iter()
            .map(|a| a.published.map(|p| day_number(p.date())))
            .collect();
        let dated = self.timeline.days.iter().flatten();
        self.timeline.span = dated.clone().min().copied().zip(dated.max().copied());
    }

    /// `[`/`]` (or a click on bar `to`): the list narrowed to the previous or next bar's period.
    pub(super) fn timeline_step(&mut self, dir: i64, to: Option<usize>, fx: &mut Effects) {
        let width = self.timeline_width();
        if self.timeline.bar.is_none() {
            let rows = (0..self.row_count()).filter_map(|r| self.row_article(r));
            self.timeline.base = Some(Arc::new(rows.map(crate::store::article_number).collect()));
        }
        let Some(bins) = self.timeline_bins(width) else {
            self.timeline.base = None;
            return;
        };
        let last = bins.counts.len() - 1;
        if to.is_some_and(|to| to > last) {
            // A click on the label after the bars.
            if self.timeline.bar.is_none() {
                self.timeline.base = None;
            }
            return;
        }
        let bar = match (to, self.timeline.bar) {
            (Some(to), _) => to,
            (None, None) if dir > 0 => 0,
            (None, None) => last,
            (None, Some(b)) => super::add(b, dir, last),
        };
        self.timeline.bar = Some(bar);
        let kept: Vec<&str> = self
            .filter
            .line
            .text
            .split_whitespace()
            .filter(|w| !w.trim_start_matches('!').starts_with("date:"))
            .collect();
        let text = format!("{} {}", kept.join(" "), bins.operator(bar));
        self.filter.line.set(text.trim_start());
        self.query_changed(fx);
        // query_changed forgets the bar (typing does): this change is the timeline's own.
        self.timeline.bar = Some(bar);
    }

    /// The timeline's width: the list's inner width.
    pub(super) fn timeline_width(&self) -> usize {
        self.panes().list.map_or(0, |r| usize::from(r.width.saturating_sub(2)))
    }

    /// Leave the timeline: the list counts as a whole again (once the list is recomputed).
    pub(super) fn forget_timeline(&mut self) {
        self.timeline.bar = None;
        self.timeline.base = None;
    }

    /// A click on the timeline row at column `col` of the list's inner area.
    pub(super) fn click_timeline(&mut self, col: usize, fx: &mut Effects) {
        self.timeline_step(0, Some(col), fx);
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn day_numbers_round_trip_and_start_at_the_epoch() {
        assert_eq!(day_number(date(1970, 1, 1)), 0);
        assert_eq!(day_number(date(2024, 3, 1)) - day_number(date(2024, 2, 28)), 2);
        for d in [date(1800, 1, 1), date(2000, 2, 29), date(2200, 12, 31)] {
            assert_eq!(date_of(day_number(d)), d);
        }
    }

    #[test]
    fn the_unit_is_the_smallest_that_fits() {
        let days = |ds: &[Date]| ds.iter().map(|d| day_number(*d)).collect::<Vec<_>>();
        let a = Bins::of(&days(&[date(2024, 3, 1), date(2024, 3, 10), date(2024, 3, 10)]), 20).unwrap();
        assert_eq!((a.unit, a.counts.len(), a.counts[9]), (Unit::Day, 10, 2));
        assert_eq!(a.operator(9), "date:2024-03-10");
        let b = Bins::of(&days(&[date(2024, 1, 3), date(2024, 3, 30)]), 20).unwrap();
        assert_eq!(b.unit, Unit::Week);
        assert_eq!(
            b.period(0),
            (date(2024, 1, 1), date(2024, 1, 7)),
            "weeks start on Monday"
        );
        assert_eq!(b.operator(0), "date:2024-01-01..2024-01-07");
        let c = Bins::of(&days(&[date(2020, 5, 3), date(2024, 3, 30)]), 60).unwrap();
        assert_eq!(c.unit, Unit::Months(1));
        assert_eq!(c.operator(0), "date:2020-05");
        let d = Bins::of(&days(&[date(2000, 1, 3), date(2024, 3, 30)]), 40).unwrap();
        assert_eq!(d.unit, Unit::Months(8));
        assert!(d.counts.len() <= 40);
        assert_eq!(d.period(0).0, date(2000, 1, 1), "bars aligned on multiples of 8 months");
        assert!(Bins::of(&[], 10).is_none());
    }

    proptest! {
        /// Every day falls in exactly one bar, whose period contains it; no more bars than
        /// the width; nothing is lost.
        #[test]
        fn every_day_is_in_the_bar_whose_period_holds_it(
            days in prop::collection::vec(-40_000i32..80_000, 1..60),
            width in 1usize..120,
        ) {
            let bins = Bins::of(&days, width).unwrap();
            prop_assert!(bins.counts.len() <= width.max(1), "{} bars for {width}", bins.counts.len());
            prop_assert_eq!(bins.counts.iter().sum::<u64>(), days.len() as u64);
            for &d in &days {
                let (a, b) = bins.period(bins.bar_of(d));
                let day = date_of(d);
                prop_assert!(a <= day && day <= b, "{day} not in {a}..{b}");
            }
        }
    }
}
