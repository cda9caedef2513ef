//! The query language of the filter line, `--filter`, `=` searches and `export --query`:
//! fuzzy terms (fzf syntax, matched by [`crate::fuzzy`] or the full-text index) combined with
//! operators that test what the library and the metadata know about an article.
//!
//! - `#tag`: the article, its note or one of its annotations carries the tag;
//! - `is:bookmarked`, `is:read`, `is:unread`, `has:note`, `has:annotation`;
//! - `date:…` (see [`date`]): the article's publication day falls in the span; articles with
//!   no date never match one;
//! - `source:word`: fuzzy on the article's source (its site or feed);
//! - `!` before any of them negates it, as it negates a fuzzy term.
//!
//! A malformed operator is not applied: it is reported, so the filter line can say why,
//! instead of silently matching nothing while the user is still typing it.

pub mod date;
pub mod sort;

use std::fmt;

use jiff::civil::Date;
use nucleo::{
    Matcher, Utf32Str,
    pattern::{Atom, AtomKind, CaseMatching, Normalization},
};

use crate::{
    library::{ArticleState, tags},
    store::ArticleMeta,
};

pub use sort::Sort;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Bookmarked,
    Read,
    Unread,
    Note,
    Annotation,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    /// A tag, normalised (see [`tags::normalize`]).
    Tag(String),
    Flag(Flag),
    /// The span and the value as written (for display and round trips).
    Date(date::Span, String),
    /// The name as written, and its fuzzy atom (built once, not per article).
    Source(String, Atom),
}

/// One operator of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Op {
    pub negated: bool,
    pub test: Test,
}

/// A query split into the fuzzy text and the operators.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// What is left for the fuzzy matcher (or the full-text index), operators removed.
    pub text: String,
    pub ops: Vec<Op>,
    /// Operators that could not be read, each with why; they are not applied.
    pub errors: Vec<String>,
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_str("!")?;
        }
        match &self.test {
            Test::Tag(t) => write!(f, "#{t}"),
            Test::Flag(Flag::Bookmarked) => f.write_str("is:bookmarked"),
            Test::Flag(Flag::Read) => f.write_str("is:read"),
            Test::Flag(Flag::Unread) => f.write_str("is:unread"),
            Test::Flag(Flag::Note) => f.write_str("has:note"),
            Test::Flag(Flag::Annotation) => f.write_str("has:annotation"),
            Test::Date(_, written) => write!(f, "date:{written}"),
            Test::Source(s, _) => write!(f, "source:{s}"),
        }
    }
}

impl fmt::Display for Query {
    /// The operators, then the fuzzy text: what parses back to the same query.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for op in &self.ops {
            if !first {
                f.write_str(" ")?;
            }
            first = false;
            write!(f, "{op}")?;
        }
        if !self.text.is_empty() {
            if !first {
                f.write_str(" ")?;
            }
            f.write_str(&self.text)?;
        }
        Ok(())
    }
}

/// Today's date in UTC, for relative dates.
pub fn today() -> Date {
    jiff::tz::Offset::UTC.to_datetime(jiff::Timestamp::now()).date()
}

/// One word of the query as an operator: `None` when it is a fuzzy term.
fn operator(word: &str, today: Date) -> Option<Result<Op, String>> {
    let (negated, body) = match word.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, word),
    };
    let op = |test| Ok(Op { negated, test });
    if let Some(tag) = body.strip_prefix('#') {
        return Some(match tags::normalize(tag) {
            Some(t) => op(Test::Tag(t)),
            None if tag.is_empty() => Err("# needs a tag after it (#ukraine)".into()),
            None => Err(format!("#{tag} is not a tag (letters, digits, - _ / only)")),
        });
    }
    let (key, value) = body.split_once(':')?;
    Some(match key.to_ascii_lowercase().as_str() {
        "is" => match value.to_ascii_lowercase().as_str() {
            "bookmarked" | "bookmark" => op(Test::Flag(Flag::Bookmarked)),
            "read" => op(Test::Flag(Flag::Read)),
            "unread" => op(Test::Flag(Flag::Unread)),
            _ => Err(format!("is:{value}? write is:bookmarked, is:read or is:unread")),
        },
        "has" => match value.to_ascii_lowercase().as_str() {
            "note" | "notes" => op(Test::Flag(Flag::Note)),
            "annotation" | "annotations" => op(Test::Flag(Flag::Annotation)),
            _ => Err(format!("has:{value}? write has:note or has:annotation")),
        },
        "date" => date::parse(value, today).and_then(|span| op(Test::Date(span, value.to_string()))),
        "source" if value.is_empty() => Err("source: needs a name (source:reuters)".into()),
        "source" => op(Test::Source(
            value.to_string(),
            Atom::new(value, CaseMatching::Smart, Normalization::Smart, AtomKind::Fuzzy, false),
        )),
        // `http:` and the like stay fuzzy text.
        _ => return None,
    })
}

impl Query {
    pub fn parse(text: &str) -> Self {
        Self::parse_on(text, today())
    }

    /// [`Query::parse`] with relative dates counted from `today`.
    pub fn parse_on(text: &str, today: Date) -> Self {
        let mut query = Self::default();
        let mut fuzzy = Vec::new();
        for word in text.split_whitespace() {
            // A backslash keeps a word fuzzy: `\#5` looks for "#5".
            if let Some(literal) = word.strip_prefix('\\') {
                fuzzy.push(literal);
                continue;
            }
            match operator(word, today) {
                Some(Ok(op)) => query.ops.push(op),
                Some(Err(why)) => query.errors.push(why),
                None => fuzzy.push(word),
            }
        }
        query.text = fuzzy.join(" ");
        query
    }

    /// Whether the query has operators to apply besides its fuzzy text.
    pub fn has_ops(&self) -> bool {
        !self.ops.is_empty()
    }

    /// Whether any operator tests dates (so undated articles are left out).
    pub fn tests_dates(&self) -> bool {
        self.ops.iter().any(|o| matches!(o.test, Test::Date(..)) && !o.negated)
    }

    /// Whether `meta`, with what the library holds for it, passes every operator.
    pub fn passes(&self, meta: &ArticleMeta, state: Option<&ArticleState>, matcher: &mut Matcher) -> bool {
        self.ops.iter().all(|op| op.passes(meta, state, matcher))
    }
}

impl Query {
    /// [`Query::passes`] with the date operators left out: what tells an article dropped
    /// only for having no date.
    pub fn passes_but_dates(&self, meta: &ArticleMeta, state: Option<&ArticleState>, matcher: &mut Matcher) -> bool {
        self.ops
            .iter()
            .filter(|o| !matches!(o.test, Test::Date(..)))
            .all(|op| op.passes(meta, state, matcher))
    }
}

impl Op {
    fn passes(&self, meta: &ArticleMeta, state: Option<&ArticleState>, matcher: &mut Matcher) -> bool {
        let holds = match &self.test {
            Test::Tag(tag) => state.is_some_and(|s| tags::all(s).contains(tag)),
            Test::Flag(flag) => {
                let flag_holds = |s: &ArticleState| match flag {
                    Flag::Bookmarked => s.is_bookmarked(),
                    Flag::Read => s.is_read(),
                    Flag::Unread => !s.is_read(),
                    Flag::Note => !s.note().trim().is_empty(),
                    Flag::Annotation => s.annotations.values().any(|a| !a.deleted),
                };
                state.map_or(*flag == Flag::Unread, flag_holds)
            }
            Test::Date(span, _) => {
                // An undated article matches neither a date nor its negation.
                let Some(day) = meta.published.map(jiff::civil::DateTime::date) else {
                    return false;
                };
                span.contains(day)
            }
            Test::Source(_, atom) => fuzzy_in(atom, meta.source.as_deref().unwrap_or(""), matcher),
        };
        holds != self.negated
    }
}

/// Whether `atom` fuzzy-matches `haystack` (smart case, as the filter's terms).
fn fuzzy_in(atom: &Atom, haystack: &str, matcher: &mut Matcher) -> bool {
    if haystack.is_empty() {
        return false;
    }
    let mut buf = Vec::new();
    atom.score(Utf32Str::new(haystack, &mut buf), matcher).is_some()
}

#[cfg(test)]
mod tests;
