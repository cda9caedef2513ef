//! `date:` values: a calendar period, a range of periods, a comparison, or a day relative to
//! today. Every value becomes an inclusive span of days; articles compare their publication
//! day (in the offset they state) against it, so `date:2024-03` keeps every article dated in
//! March 2024 however its time was written. Comparisons are against whole periods, as a
//! reader means them: `>2024-01` is after January, `<2024` is before 2024 began.

use jiff::civil::{Date, date};

/// An inclusive span of days; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Span {
    pub fn contains(&self, day: Date) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }
}

/// `s` when it is exactly `digits` ASCII digits.
fn number(s: &str, digits: usize) -> Option<&str> {
    (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// A period written in a query: a year, a month, a day, or a day counted back from today.
fn period(text: &str, today: Date) -> Result<(Date, Date), String> {
    let bad = || format!("{text:?} is not a date (write 2024, 2024-03, 2024-03-05 or -7d)");
    if let Some(back) = text.strip_prefix('-') {
        let day = relative(back, today).ok_or_else(bad)?;
        if !crate::store::date::YEARS.contains(&day.year()) {
            return Err(format!("{text:?}: the year must be between 1800 and 2200"));
        }
        return Ok((day, day));
    }
    match text {
        "today" => return Ok((today, today)),
        "yesterday" => {
            let day = today.yesterday().map_err(|_| bad())?;
            return Ok((day, day));
        }
        _ => {}
    }
    let parts: Vec<&str> = text.split('-').collect();
    let year: i16 = number(parts[0], 4).and_then(|s| s.parse().ok()).ok_or_else(bad)?;
    if !crate::store::date::YEARS.contains(&year) {
        return Err(format!("{text:?}: the year must be between 1800 and 2200"));
    }
    let month = |s: &str| -> Result<i8, String> {
        let m: i8 = number(s, 2).and_then(|s| s.parse().ok()).ok_or_else(bad)?;
        if (1..=12).contains(&m) {
            Ok(m)
        } else {
            Err(format!("{text:?}: there is no month {m}"))
        }
    };
    match parts[1..] {
        [] => Ok((date(year, 1, 1), date(year, 12, 31))),
        [m] => {
            let first = date(year, month(m)?, 1);
            Ok((first, first.last_of_month()))
        }
        [m, d] => {
            let m = month(m)?;
            let d: i8 = number(d, 2).and_then(|s| s.parse().ok()).ok_or_else(bad)?;
            let day = Date::new(year, m, d).map_err(|_| format!("{text:?}: there is no day {d} in that month"))?;
            Ok((day, day))
        }
        _ => Err(bad()),
    }
}

/// `7d`, `2w`, `3m`, `1y` back from today.
fn relative(text: &str, today: Date) -> Option<Date> {
    let unit = text.chars().last()?;
    let n: i64 = text[..text.len() - unit.len_utf8()].parse().ok()?;
    if !(0..=100_000).contains(&n) {
        return None;
    }
    // The fallible forms: jiff panics on a span past its limits (20,000 years).
    let span = match unit {
        'd' => jiff::Span::new().try_days(n),
        'w' => jiff::Span::new().try_weeks(n),
        'm' => jiff::Span::new().try_months(n),
        'y' => jiff::Span::new().try_years(n),
        _ => return None,
    }
    .ok()?;
    today.checked_sub(span).ok()
}

/// Parse the value of a `date:` operator.
pub fn parse(value: &str, today: Date) -> Result<Span, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err("date: needs a date (date:2024-03, date:>-7d, date:2024-01..2024-06)".into());
    }
    if let Some((a, b)) = value.split_once("..") {
        let from = (!a.is_empty()).then(|| period(a, today)).transpose()?.map(|p| p.0);
        let to = (!b.is_empty()).then(|| period(b, today)).transpose()?.map(|p| p.1);
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(format!("{value:?}: the range ends before it starts"));
        }
        return Ok(Span { from, to });
    }
    let (op, rest) = [">=", "<=", ">", "<"]
        .iter()
        .find_map(|op| value.strip_prefix(op).map(|rest| (*op, rest)))
        .unwrap_or(("", value));
    let (first, last) = period(rest, today)?;
    let after = |d: Date| d.tomorrow().ok();
    let before = |d: Date| d.yesterday().ok();
    Ok(match op {
        ">=" => Span {
            from: Some(first),
            to: None,
        },
        "<=" => Span {
            from: None,
            to: Some(last),
        },
        ">" => Span {
            from: after(last),
            to: None,
        },
        "<" => Span {
            from: None,
            to: before(first),
        },
        _ => Span {
            from: Some(first),
            to: Some(last),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Date = date(2026, 12, 3);

    fn span(v: &str) -> (Option<Date>, Option<Date>) {
        let s = parse(v, TODAY).unwrap();
        (s.from, s.to)
    }

    #[test]
    fn periods_become_spans_of_days() {
        assert_eq!(span("2024"), (Some(date(2024, 1, 1)), Some(date(2024, 12, 31))));
        assert_eq!(span("2024-02"), (Some(date(2024, 2, 1)), Some(date(2024, 2, 29))));
        assert_eq!(span("2024-03-05"), (Some(date(2024, 3, 5)), Some(date(2024, 3, 5))));
        assert_eq!(
            span("2024-01..2024-06-15"),
            (Some(date(2024, 1, 1)), Some(date(2024, 6, 15)))
        );
        assert_eq!(span("2024-01.."), (Some(date(2024, 1, 1)), None));
        assert_eq!(span("..2023"), (None, Some(date(2023, 12, 31))));
    }

    #[test]
    fn comparisons_are_against_whole_periods() {
        assert_eq!(span(">2024-01-15"), (Some(date(2024, 1, 16)), None));
        assert_eq!(span("<2024"), (None, Some(date(2023, 12, 31))));
        assert_eq!(span(">=2024-03"), (Some(date(2024, 3, 1)), None));
        assert_eq!(span("<=2024-03"), (None, Some(date(2024, 3, 31))));
        assert_eq!(span(">2024-03"), (Some(date(2024, 4, 1)), None));
    }

    #[test]
    fn relative_days_count_back_from_today() {
        assert_eq!(span(">-7d"), (Some(date(2026, 11, 27)), None));
        assert_eq!(span("-1w"), (Some(date(2026, 11, 26)), Some(date(2026, 11, 26))));
        assert_eq!(span(">=-1m"), (Some(date(2026, 11, 3)), None));
        assert_eq!(span("-1y..today"), (Some(date(2025, 12, 3)), Some(TODAY)));
        assert_eq!(span("yesterday"), (Some(date(2026, 12, 2)), Some(date(2026, 12, 2))));
    }

    #[test]
    fn malformed_dates_say_why() {
        for (value, why) in [
            ("2024-13", "no month 13"),
            ("2024-02-30", "no day 30"),
            ("24-03", "is not a date"),
            ("2024-3", "is not a date"),
            ("1066", "between 1800 and 2200"),
            ("2024-06..2024-01", "ends before it starts"),
            ("-7x", "is not a date"),
            ("-50000y", "is not a date"),
            ("-99999m", "between 1800 and 2200"),
            ("", "needs a date"),
            ("march", "is not a date"),
        ] {
            let err = parse(value, TODAY).unwrap_err();
            assert!(err.contains(why), "{value}: {err}");
        }
    }
}
