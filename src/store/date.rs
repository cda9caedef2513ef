//! Publication dates, parsed once at load from whatever an archive wrote.
//!
//! A date is kept as the civil date-time the article states, in its own offset (no time zone
//! database is consulted: `06:30+02:00` stays `06:30`); midnight when only a date is given.
//! Epoch numbers carry no offset and are read in UTC. jiff does every calendar check (month
//! lengths, leap years); this module only finds the parts.
//!
//! Formats, tried in this order:
//! - a number (a JSON number or a string of digits, optionally signed, optionally with a
//!   fraction): 8 digits are `YYYYMMDD`; 9 or more are Unix epoch seconds, or milliseconds
//!   when the magnitude is at least 10^11 (10^11 seconds is the year 5138, 10^11 milliseconds
//!   is 1973). Fewer than 8 digits are not a date.
//! - ISO 8601 / RFC 3339 as jiff's Temporal parser reads them: `2024-03-07`,
//!   `2024-03-07T06:30`, `2024-03-07T06:30:00Z`, `2024-03-07 06:30:00+01:00`, `[zone]` suffixes.
//! - RFC 2822 (`Tue, 19 Mar 2024 06:30:00 +0000`), a wrong weekday forgiven.
//! - Words and numbers: English month names, full or cut to at least three letters (`March`,
//!   `Mar`, `Sept.`), with a day (`8`, `8th`) and a four-digit year in either order
//!   (`March 8, 2024`, `8 March 2024`), an optional weekday anywhere, and numeric dates
//!   `07/03/2024`, `07.03.2024`, `07-03-2024`, `2024/03/07`; then optionally a time (`06:30`,
//!   `6:30:15`, `6.30pm`, `6pm`, `at 6:30 p.m.`) and a zone (`UTC`, `GMT`, `EST`, `+0100`), which is
//!   ignored: the time is kept as written. Two-digit years are refused.
//!
//! The ambiguity rule for `a/b/YYYY` (and `.`, `-`): when one of `a` and `b` is over 12, it is
//! the day. When both are 12 or under, the first is the day (`07/03/2024` is 7 March), the
//! convention of most of the world's news outside the United States.
//!
//! Anything that gives a year outside [`YEARS`] is refused: no archive holds articles from
//! before 1800 or after 2200, and such years come from misread numbers.

use std::ops::RangeInclusive;

use jiff::{
    Timestamp,
    civil::{Date, DateTime, Time},
    fmt::{rfc2822, temporal::Pieces},
    tz::Offset,
};

/// Years a parsed date may fall in.
pub const YEARS: RangeInclusive<i16> = 1800..=2200;

/// Epoch values at least this large (in magnitude) are milliseconds, smaller ones seconds.
const MILLIS_FROM: u64 = 100_000_000_000;

/// RFC 2822 with the weekday unchecked: archives often get it wrong, and the date is what
/// matters.
static RFC2822: rfc2822::DateTimeParser = rfc2822::DateTimeParser::new().relaxed_weekday(true);

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Parse a date as written in an article's metadata. `None` when it is not one of the
/// formats above or falls outside [`YEARS`].
pub fn parse(text: &str) -> Option<DateTime> {
    let text = text.trim();
    // Longer strings are prose, not a date; the cap also bounds the work on hostile input.
    if text.is_empty() || text.len() > 80 {
        return None;
    }
    let parsed = number(text)
        .or_else(|| iso(text))
        .or_else(|| RFC2822.parse_zoned_datetime(text).ok().map(|z| z.datetime()))
        .or_else(|| words(text))?;
    YEARS.contains(&parsed.year()).then_some(parsed)
}

/// `YYYYMMDD`, epoch seconds or epoch milliseconds.
fn number(text: &str) -> Option<DateTime> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (int, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if int.len() == 8 && fraction.is_empty() && unsigned.len() == text.len() {
        return compact(int);
    }
    if int.len() < 9 {
        return None;
    }
    // Over 18 digits overflows i64 and is no date anyway.
    let magnitude: u64 = int.parse().ok()?;
    let value = i64::try_from(magnitude).ok()?;
    let value = if text.starts_with('-') { -value } else { value };
    let stamp = if magnitude >= MILLIS_FROM {
        Timestamp::from_millisecond(value)
    } else {
        Timestamp::from_second(value)
    };
    stamp.ok().map(|t| Offset::UTC.to_datetime(t))
}

/// `YYYYMMDD` (ISO 8601's basic format).
fn compact(digits: &str) -> Option<DateTime> {
    let part = |r: std::ops::Range<usize>| digits.get(r)?.parse::<i16>().ok();
    let month = i8::try_from(part(4..6)?).ok()?;
    let day = i8::try_from(part(6..8)?).ok()?;
    Some(Date::new(part(0..4)?, month, day).ok()?.to_datetime(Time::midnight()))
}

/// ISO 8601 / RFC 3339, with the date and time as stated (the offset is not applied).
fn iso(text: &str) -> Option<DateTime> {
    // Temporal reads `2024-03-07` but also bare years and other forms; a date starts with a
    // four-digit year and a dash.
    if !(text.len() >= 10 && text.as_bytes()[..4].iter().all(u8::is_ascii_digit) && text.as_bytes()[4] == b'-') {
        return None;
    }
    let pieces = Pieces::parse(text).ok()?;
    Some(pieces.date().to_datetime(pieces.time().unwrap_or(Time::midnight())))
}

/// One word of a written date, lower-cased, without surrounding punctuation.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    Month(i8),
    Number {
        value: u32,
        digits: usize,
    },
    Date(Date),
    Time(Time),
    Meridiem {
        pm: bool,
    },
    /// A weekday, `at`, `on`, a zone name or offset: allowed, ignored.
    Skip,
}

/// Month names and numeric dates with an optional time: see the module notes.
fn words(text: &str) -> Option<DateTime> {
    let lower = text.to_lowercase();
    let mut tokens = Vec::new();
    for raw in lower.split([' ', ',', '\u{a0}']).filter(|w| !w.is_empty()) {
        tokens.push(token(raw)?);
    }
    let (mut date, mut time, mut month, mut numbers) = (None, None, None, Vec::new());
    for (i, t) in tokens.iter().enumerate() {
        match *t {
            Token::Date(d) if date.is_none() => date = Some(d),
            Token::Month(m) if month.is_none() => month = Some(m),
            Token::Number { value, digits } if time.is_none() => numbers.push((value, digits)),
            Token::Time(t) if time.is_none() => {
                let pm = tokens.get(i + 1).and_then(|n| match n {
                    Token::Meridiem { pm } => Some(*pm),
                    _ => None,
                });
                time = Some(with_meridiem(t, pm)?);
            }
            // A meridiem is read with its time; a zone or offset after the time is ignored.
            Token::Meridiem { .. } | Token::Skip => {}
            // A second date, month, or number after the time: not one date.
            _ => return None,
        }
    }
    let date = match (date, month, numbers.as_slice()) {
        (Some(d), None, []) => d,
        (None, Some(m), &[(a, da), (b, db)]) => {
            let (day, year) = match (da, db) {
                (1 | 2, 4) => (a, b),
                (4, 1 | 2) => (b, a),
                _ => return None,
            };
            Date::new(i16::try_from(year).ok()?, m, i8::try_from(day).ok()?).ok()?
        }
        _ => return None,
    };
    Some(date.to_datetime(time.unwrap_or(Time::midnight())))
}

fn token(raw: &str) -> Option<Token> {
    let word = raw.trim_matches(|c: char| matches!(c, '.' | ';' | '(' | ')'));
    if word.is_empty() {
        return Some(Token::Skip);
    }
    if let Some(t) = clock(word) {
        return Some(t);
    }
    if let Some(d) = numeric_date(word) {
        return Some(Token::Date(d));
    }
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let suffix = &word[digits..];
        // `8th`, `1st`, `22nd`, `3rd`.
        if !(suffix.is_empty() || (digits <= 2 && ["st", "nd", "rd", "th"].contains(&suffix))) {
            // `2024a`, `12kg`: not part of a date.
            return None;
        }
        let value = word[..digits].parse().ok()?;
        return Some(Token::Number { value, digits });
    }
    if offset(word) {
        return Some(Token::Skip);
    }
    match word {
        "am" | "a.m" => return Some(Token::Meridiem { pm: false }),
        "pm" | "p.m" => return Some(Token::Meridiem { pm: true }),
        "at" | "on" | "the" | "of" => return Some(Token::Skip),
        _ => {}
    }
    if !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let named = |names: &[&str]| names.iter().position(|n| word.len() >= 3 && n.starts_with(word));
    if let Some(m) = named(&MONTHS) {
        return i8::try_from(m + 1).ok().map(Token::Month);
    }
    if named(&WEEKDAYS).is_some() {
        return Some(Token::Skip);
    }
    // Zone abbreviations (`UTC`, `GMT`, `CEST`): dates are kept as written, so ignored.
    (2..=5).contains(&word.len()).then_some(Token::Skip)
}

/// `+0100`, `-05:00`.
fn offset(word: &str) -> bool {
    let Some(rest) = word.strip_prefix(['+', '-']) else {
        return false;
    };
    let digits: String = rest.chars().filter(|&c| c != ':').collect();
    (2..=4).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `6:30`, `06:30:15`, `6.30pm`, `6pm`, `6:30p.m`: a time, with its meridiem when attached.
fn clock(word: &str) -> Option<Token> {
    let (body, pm) = if let Some(b) = word.strip_suffix("pm").or_else(|| word.strip_suffix("p.m")) {
        (b, Some(true))
    } else if let Some(b) = word.strip_suffix("am").or_else(|| word.strip_suffix("a.m")) {
        (b, Some(false))
    } else {
        (word, None)
    };
    let mut parts = body.split(':');
    let (h, m, s) = (parts.next()?, parts.next(), parts.next());
    let (h, m) = match m {
        Some(m) if parts.next().is_none() => (h, m),
        // `6.30pm` is a British way to write a time, `6pm` a short one; `6.30` and `6` alone
        // are too like numbers.
        None if pm.is_some() => h.split_once('.').unwrap_or((h, "00")),
        _ => return None,
    };
    let num = |p: &str, max_len| {
        (!p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i8>().ok())
            .flatten()
    };
    let second = match s {
        // Fractions of a second are dropped.
        Some(s) => num(s.split_once('.').map_or(s, |(whole, _)| whole), 2)?,
        None => 0,
    };
    let time = Time::new(num(h, 2)?, num(m, 2)?, second, 0).ok()?;
    Some(match pm {
        Some(pm) => Token::Time(with_meridiem(time, Some(pm))?),
        None => Token::Time(time),
    })
}

/// A 12-hour clock time made 24-hour; `None` for `13:00 pm`.
fn with_meridiem(time: Time, pm: Option<bool>) -> Option<Time> {
    let Some(pm) = pm else { return Some(time) };
    let hour = match (time.hour(), pm) {
        (0 | 13.., _) => return None,
        (12, false) => 0,
        (12, true) => 12,
        (h, false) => h,
        (h, true) => h + 12,
    };
    Time::new(hour, time.minute(), time.second(), 0).ok()
}

/// `07/03/2024`, `07.03.2024`, `07-03-2024` (ambiguity rule in the module notes) and
/// `2024/03/07`, `2024.03.07`, `2024-03-07`.
fn numeric_date(word: &str) -> Option<Date> {
    let sep = word.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = word.split(sep).collect();
    let &[a, b, c] = parts.as_slice() else { return None };
    if ![a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|x| x.is_ascii_digit()))
    {
        return None;
    }
    let n = |p: &str| p.parse::<i16>().ok();
    let (year, month, day) = match (a.len(), b.len(), c.len()) {
        (4, 1 | 2, 1 | 2) => (n(a)?, n(b)?, n(c)?),
        (1 | 2, 1 | 2, 4) => {
            let (first, second) = (n(a)?, n(b)?);
            // Day first unless that cannot be: see the module notes.
            if second > 12 {
                (n(c)?, first, second)
            } else {
                (n(c)?, second, first)
            }
        }
        _ => return None,
    };
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<String> {
        parse(text).map(|d| d.to_string())
    }

    #[test]
    fn every_format_in_the_issue() {
        let cases = [
            ("2024-03-19T06:30:00Z", "2024-03-19T06:30:00"),
            ("2024-03-19T06:30:00+02:00", "2024-03-19T06:30:00"),
            ("2024-03-19T06:30:00.250-05:00", "2024-03-19T06:30:00.25"),
            ("2024-03-19 06:30", "2024-03-19T06:30:00"),
            ("2024-03-19", "2024-03-19T00:00:00"),
            ("2024-03-19T06:30:00Z[Europe/Paris]", "2024-03-19T06:30:00"),
            ("Tue, 19 Mar 2024 06:30:00 +0000", "2024-03-19T06:30:00"),
            ("Wed, 19 Mar 2024 06:30:00 GMT", "2024-03-19T06:30:00"),
            ("19 Mar 2024 06:30 -0500", "2024-03-19T06:30:00"),
            ("March 8, 2024", "2024-03-08T00:00:00"),
            ("8 March 2024", "2024-03-08T00:00:00"),
            ("Mar 8, 2024", "2024-03-08T00:00:00"),
            ("8 Mar 2024", "2024-03-08T00:00:00"),
            ("Friday, March 8, 2024", "2024-03-08T00:00:00"),
            ("Fri 8 March 2024", "2024-03-08T00:00:00"),
            ("Sept. 8th, 2024", "2024-09-08T00:00:00"),
            ("March 8, 2024 at 6:30 p.m. EST", "2024-03-08T18:30:00"),
            ("8 March 2024, 12:05am", "2024-03-08T00:05:00"),
            ("8 March 2024 6.30pm", "2024-03-08T18:30:00"),
            ("8 March 2024 6pm", "2024-03-08T18:00:00"),
            ("07/03/2024", "2024-03-07T00:00:00"),
            ("2024/03/07", "2024-03-07T00:00:00"),
            ("07.03.2024", "2024-03-07T00:00:00"),
            ("07-03-2024", "2024-03-07T00:00:00"),
            ("07/03/2024 14:05", "2024-03-07T14:05:00"),
            ("1705000000", "2024-01-11T19:06:40"),
            ("1705000000123", "2024-01-11T19:06:40.123"),
            ("1705000000.5", "2024-01-11T19:06:40"),
            ("20240319", "2024-03-19T00:00:00"),
        ];
        for (text, want) in cases {
            assert_eq!(at(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn the_ambiguity_rule() {
        // Both parts 12 or under: day first.
        assert_eq!(at("07/03/2024").as_deref(), Some("2024-03-07T00:00:00"));
        assert_eq!(at("12/11/2024").as_deref(), Some("2024-11-12T00:00:00"));
        // One part over 12 says which is the day.
        assert_eq!(at("13/03/2024").as_deref(), Some("2024-03-13T00:00:00"));
        assert_eq!(at("03/13/2024").as_deref(), Some("2024-03-13T00:00:00"));
        assert_eq!(at("13/13/2024"), None);
    }

    #[test]
    fn nonsense_and_absurd_years_are_refused() {
        for text in [
            "",
            "soon",
            "yesterday",
            "2024",
            "12345",
            "07/03/24",
            "31/02/2024",
            "March 2024",
            "March 32, 2024",
            "8 March 2024 25:00",
            "13:00 pm March 8 2024",
            "99999999999999999999999",
            "32503680000",
            "-9999999999999",
            "1799-12-31",
            "2201-01-01",
            "Tue, 19 Mar 9999 06:30:00 +0000",
            "March 8, 2024 and March 9, 2024",
            "Page 3 of 12",
        ] {
            assert_eq!(at(text), None, "{text:?}");
        }
        // Negative epochs are before 1970 and fine when within range.
        assert_eq!(at("-86400").as_deref(), None, "fewer than 9 digits is not an epoch");
        assert_eq!(at("-100000000").as_deref(), Some("1966-10-31T14:13:20"));
    }
}
