//! How an article's metadata reads on screen: the reader's metadata line and the list's
//! compact date.

use jiff::civil::{DateTime, Time};

use super::{ArticleMeta, text};

/// Joins a number to its unit (`537 words`, `3 min`) and a date to its time, so that no
/// part of the metadata line is broken across screen lines (the wrapper never breaks at it).
pub const NBSP: char = '\u{a0}';

/// A run of this many hexadecimal digits in a file name is taken for a hash.
const HASH_RUN: usize = 12;

impl ArticleMeta {
    /// The reader's metadata line: source (or a readable file name), author, date, words and
    /// reading time.
    pub fn meta_line(&self) -> String {
        let mut parts: Vec<String> = self.origin_label().map(String::from).into_iter().collect();
        parts.extend(self.author.iter().map(|a| format!("by {a}")));
        parts.extend(self.date_label());
        parts.push(format!("{}{NBSP}words", self.words));
        parts.push(format!("{}{NBSP}min", text::reading_minutes(self.words as usize)));
        if self.truncated {
            parts.push("truncated".into());
        }
        parts.join(" · ")
    }

    /// Where the article came from, for display: its source, else its path unless the file
    /// name is a hash ([`is_hash_name`]), which tells a reader nothing.
    pub fn origin_label(&self) -> Option<&str> {
        self.source
            .as_deref()
            .or_else(|| Some(self.path.as_str()).filter(|p| !p.is_empty() && !is_hash_name(p)))
    }

    /// The date for display: `2024-03-07`, with the time (`2024-03-07 06:30`) when one was
    /// given; the text as written when it could not be parsed.
    pub fn date_label(&self) -> Option<String> {
        match self.published {
            Some(at) => Some(long_date(at)),
            None => self.date.clone(),
        }
    }

    /// The parsed date alone, `2024-03-07`, for a compact column; `None` when there is no
    /// date or it could not be parsed.
    pub fn short_date(&self) -> Option<String> {
        self.published.map(|at| at.date().to_string())
    }
}

/// `2024-03-07`, or `2024-03-07 06:30` (joined by [`NBSP`]). A time of exactly midnight is
/// taken for "no time given": it is what a bare date parses to, and what archives write when
/// they only know the day.
fn long_date(at: DateTime) -> String {
    let date = at.date();
    if at.time() == Time::midnight() {
        date.to_string()
    } else {
        format!("{date}{NBSP}{:02}:{:02}", at.hour(), at.minute())
    }
}

/// A file name that is mostly a hash (`000_d53c2c6ada8aa28e.txt`, a UUID): it holds a run of
/// at least [`HASH_RUN`] hexadecimal digits and no word (three or more letters in a row, one
/// of them outside a–f, so `ada` inside a hash is not a word). Only the last path component
/// is judged; `nato-summit-d53c2c6ada8aa28e.txt` has words and is shown.
pub fn is_hash_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    // The extension, if any, is not part of the name (`txt` would count as a word).
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    let longest_hex = stem
        .split(|c: char| !c.is_ascii_hexdigit())
        .map(str::len)
        .max()
        .unwrap_or(0);
    let has_word = stem
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 3 && w.chars().any(|c| !c.is_ascii_hexdigit()));
    longest_hex >= HASH_RUN && !has_word
}

/// The list's view of a parsed article (its title already sanitised by the parser); the
/// other fields are sanitised here, whatever format they came from.
pub(super) fn meta_of(
    id: String,
    rel: &str,
    parsed: super::text::Parsed,
    truncated: bool,
    format: super::Format,
    origin: super::Origin,
) -> ArticleMeta {
    let date = parsed.date.as_deref().map(super::sanitize::sanitize_line);
    ArticleMeta {
        content: parsed.content_hash(),
        id,
        words: u32::try_from(parsed.word_count()).unwrap_or(u32::MAX),
        title: parsed.title,
        path: super::sanitize::sanitize_line(rel),
        source: parsed.source.map(|s| super::sanitize::sanitize_line(&s)),
        url: parsed.url.map(|s| super::sanitize::sanitize_line(&s)),
        author: parsed.author.map(|s| super::sanitize::sanitize_line(&s)),
        published: date.as_deref().and_then(super::date::parse),
        date,
        truncated,
        format,
        origin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Format, Origin, date};

    fn meta(path: &str, date: Option<&str>) -> ArticleMeta {
        ArticleMeta {
            id: path.into(),
            title: "T".into(),
            path: path.into(),
            source: None,
            url: None,
            author: None,
            date: date.map(String::from),
            published: date.and_then(date::parse),
            words: 537,
            truncated: false,
            format: Format::Text,
            origin: Origin::Seed(0),
            content: 0,
        }
    }

    #[test]
    fn hash_names_are_hidden_readable_ones_shown() {
        for hashed in [
            "000_d53c2c6ada8aa28e.txt",
            "sub/dir/d53c2c6ada8aa28e.md",
            "3f2a9c1e-7b4d-4e5f-9a8b-1c2d3e4f5a6b.txt",
            "D53C2C6ADA8AA28E",
            "1705000000123.txt",
        ] {
            assert!(is_hash_name(hashed), "{hashed}");
        }
        for readable in [
            "nato-summit.txt",
            "nato-summit-d53c2c6ada8aa28e.txt",
            "2024-03-07-brussels.md",
            "20240307.txt",
            "deadbeef.txt",
            "archive.jsonl:12",
            "Москва_d53c2c6ada8aa28e.txt",
        ] {
            assert!(!is_hash_name(readable), "{readable}");
        }
    }

    #[test]
    fn the_meta_line_shows_parsed_dates_and_never_a_hash() {
        let m = meta("000_d53c2c6ada8aa28e.txt", Some("March 8, 2024"));
        assert_eq!(m.meta_line(), "2024-03-08 · 537\u{a0}words · 3\u{a0}min");
        assert_eq!(m.short_date().as_deref(), Some("2024-03-08"));
        let m = meta("brussels.txt", Some("Tue, 19 Mar 2024 06:30:00 +0000"));
        assert_eq!(
            m.meta_line(),
            "brussels.txt · 2024-03-19\u{a0}06:30 · 537\u{a0}words · 3\u{a0}min"
        );
        assert_eq!(m.short_date().as_deref(), Some("2024-03-19"));
        // What cannot be parsed is shown as written.
        let m = meta("brussels.txt", Some("spring 2024"));
        assert_eq!(m.date_label().as_deref(), Some("spring 2024"));
        assert_eq!(m.short_date(), None);
        let mut m = meta("000_d53c2c6ada8aa28e.txt", None);
        m.source = Some("Reuters".into());
        m.author = Some("Jane Doe".into());
        assert_eq!(m.meta_line(), "Reuters · by Jane Doe · 537\u{a0}words · 3\u{a0}min");
    }
}
