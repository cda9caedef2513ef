//! The date parser against jiff's own formatting: whatever date jiff writes in a supported
//! format reads back as the same date, and nothing read is ever outside the years allowed.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dossier::store::date::{YEARS, parse};
use jiff::{
    Timestamp, ToSpan,
    civil::{Date, DateTime, Time},
    fmt::rfc2822,
    tz::{Offset, TimeZone},
};
use proptest::prelude::*;

/// Any civil date-time from 1800 through 2200, to the second.
fn datetimes() -> impl Strategy<Value = DateTime> {
    let first = Date::new(1800, 1, 1).unwrap();
    let days = first.until(Date::new(2200, 12, 31).unwrap()).unwrap().get_days();
    (0..=i64::from(days), 0..86_400i32).prop_map(move |(day, second)| {
        let date = first.checked_add(day.days()).unwrap();
        let time = Time::midnight().checked_add(i64::from(second).seconds()).unwrap();
        date.to_datetime(time)
    })
}

/// strftime formats that parse back to the date alone.
const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%B %-d, %Y",
    "%-d %B %Y",
    "%b %-d, %Y",
    "%-d %b %Y",
    "%A, %B %-d, %Y",
    "%a %-d %b %Y",
    "%d/%m/%Y",
    "%-d/%-m/%Y",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%Y%m%d",
];

/// strftime formats that parse back to the date and the time to the minute.
const DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%MZ",
    "%Y-%m-%d %H:%M:%S",
    "%B %-d, %Y %H:%M",
    "%-d %B %Y, %-I:%M %p",
    "%b %-d, %Y at %-I:%M%P UTC",
    "%d/%m/%Y %H:%M",
];

fn minute(at: DateTime) -> (Date, i8, i8) {
    (at.date(), at.hour(), at.minute())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_date_format_reads_back(at in datetimes()) {
        for format in DATE_FORMATS {
            let text = at.strftime(format).to_string();
            let parsed = parse(&text);
            prop_assert_eq!(parsed.map(DateTime::date), Some(at.date()), "{} from {:?}", text, format);
            prop_assert_eq!(parsed.map(DateTime::time), Some(Time::midnight()));
        }
    }

    #[test]
    fn every_datetime_format_reads_back(at in datetimes()) {
        for format in DATETIME_FORMATS {
            let text = at.strftime(format).to_string();
            prop_assert_eq!(parse(&text).map(minute), Some(minute(at)), "{} from {:?}", text, format);
        }
    }

    #[test]
    fn offsets_keep_the_stated_time(at in datetimes(), hours in -12i8..=14) {
        let zoned = at.to_zoned_datetime(TimeZone::fixed(Offset::constant(hours))).unwrap();
        for text in [
            zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            zoned.strftime("%Y-%m-%dT%H:%M:%S%z").to_string(),
            rfc2822::to_string(&zoned).unwrap(),
            zoned.strftime("%-d %b %Y %H:%M:%S %z").to_string(),
        ] {
            prop_assert_eq!(parse(&text), Some(at), "{}", text);
        }
    }

    #[test]
    fn month_first_reads_as_month_first_only_when_it_must(at in datetimes()) {
        let text = at.strftime("%m/%d/%Y").to_string();
        let parsed = parse(&text).map(DateTime::date);
        if at.day() > 12 || at.day() == at.month() {
            prop_assert_eq!(parsed, Some(at.date()), "{}", text);
        } else {
            // Both parts could be a month: day first, by the documented rule.
            let swapped = Date::new(at.year(), at.day(), at.month()).unwrap();
            prop_assert_eq!(parsed, Some(swapped), "{}", text);
        }
    }

    #[test]
    fn epochs_read_back_in_utc(at in datetimes()) {
        let stamp = at.to_zoned_datetime(TimeZone::UTC).unwrap().timestamp();
        let seconds = stamp.as_second();
        let back = |text: String| parse(&text);
        // Epochs of fewer than nine digits (within about three years of 1970) are not read:
        // short numbers are more often something else.
        if seconds.unsigned_abs() >= 100_000_000 {
            prop_assert_eq!(back(seconds.to_string()), Some(at));
            prop_assert_eq!(back(stamp.as_millisecond().to_string()), Some(at));
            prop_assert_eq!(back(format!("{seconds}.25")), Some(at));
        }
    }

    #[test]
    fn random_strings_never_panic_or_leave_the_years(text in any::<String>()) {
        if let Some(at) = parse(&text) {
            prop_assert!(YEARS.contains(&at.year()), "{:?} gave {}", text, at);
        }
    }

    #[test]
    fn date_like_noise_never_leaves_the_years(parts in proptest::collection::vec(prop_oneof![
        "[0-9]{1,14}",
        Just("March".to_string()),
        Just("sept.".to_string()),
        Just("Tue,".to_string()),
        Just("pm".to_string()),
        Just("UTC".to_string()),
        Just("+0530".to_string()),
        "[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?",
        "[0-9]{1,4}[/.-][0-9]{1,4}[/.-][0-9]{1,4}",
        "-?[0-9]{9,19}(\\.[0-9]{1,3})?",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?",
    ], 1..6)) {
        let text = parts.join(" ");
        if let Some(at) = parse(&text) {
            prop_assert!(YEARS.contains(&at.year()), "{:?} gave {}", text, at);
        }
    }
}

#[test]
fn the_edges_of_the_years() {
    let first = Date::new(1800, 1, 1).unwrap().to_datetime(Time::midnight());
    let last = Date::new(2200, 12, 31).unwrap().at(23, 59, 59, 0);
    assert_eq!(parse("1800-01-01"), Some(first));
    assert_eq!(parse("2200-12-31T23:59:59Z"), Some(last));
    assert_eq!(parse("1799-12-31T23:59:59Z"), None);
    assert_eq!(parse("2201-01-01"), None);
    let beyond = Timestamp::from_second(last.to_zoned_datetime(TimeZone::UTC).unwrap().timestamp().as_second() + 1);
    assert_eq!(parse(&beyond.unwrap().as_second().to_string()), None);
}
