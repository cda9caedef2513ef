//! The list's orders (`O` cycles them, `--sort` picks one).

use std::cmp::Ordering;

use crate::{library::CorpusState, store::ArticleMeta};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// The filter's ranking while filtering, the corpus's own order otherwise.
    #[default]
    Relevance,
    Newest,
    Oldest,
    Title,
    Source,
    /// Longest first.
    Length,
    /// Most recently read first; never-read articles after, in corpus order.
    LastRead,
}

pub const ALL: [Sort; 7] = [
    Sort::Relevance,
    Sort::Newest,
    Sort::Oldest,
    Sort::Title,
    Sort::Source,
    Sort::Length,
    Sort::LastRead,
];

impl Sort {
    pub fn name(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Title => "title",
            Sort::Source => "source",
            Sort::Length => "length",
            Sort::LastRead => "last-read",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.trim().to_ascii_lowercase();
        ALL.into_iter().find(|s| s.name() == name).or(match name.as_str() {
            "date" => Some(Sort::Newest),
            "corpus" | "rank" => Some(Sort::Relevance),
            "read" => Some(Sort::LastRead),
            _ => None,
        })
    }

    /// The next order `O` moves to.
    #[must_use]
    pub fn next(self) -> Self {
        let at = ALL.iter().position(|s| *s == self).unwrap_or(0);
        ALL[(at + 1) % ALL.len()]
    }

    /// Reorder `rows` (indices into `articles`) by this order; stable, so ties keep the
    /// order they came in (the filter's ranking, or the corpus's). Relevance leaves them.
    pub fn apply(self, rows: &mut [u32], articles: &[ArticleMeta], library: &CorpusState) {
        let meta = |i: &u32| &articles[*i as usize];
        match self {
            Sort::Relevance => {}
            // Undated articles last in both directions: they are not the newest nor the oldest.
            Sort::Newest => rows.sort_by(|a, b| by_date(meta(a), meta(b), true)),
            Sort::Oldest => rows.sort_by(|a, b| by_date(meta(a), meta(b), false)),
            Sort::Title => rows.sort_by_cached_key(|i| meta(i).title.to_lowercase()),
            Sort::Source => rows.sort_by_cached_key(|i| {
                let m = meta(i);
                (m.source.is_none(), m.source.as_deref().map(str::to_lowercase))
            }),
            Sort::Length => rows.sort_by_key(|i| std::cmp::Reverse(meta(i).words)),
            Sort::LastRead => {
                rows.sort_by_cached_key(|i| std::cmp::Reverse(library.article(&meta(i).id).map_or(0, last_read)));
            }
        }
    }
}

/// When the article was last read: the newest stamp of its read mark or reading position.
fn last_read(a: &crate::library::ArticleState) -> u64 {
    let read = a.read.as_ref().map_or(0, |r| r.updated);
    let position = a.position.as_ref().map_or(0, |r| r.updated);
    read.max(position)
}

/// Dated articles by date, then the undated ones.
fn by_date(a: &ArticleMeta, b: &ArticleMeta, newest_first: bool) -> Ordering {
    match (a.published, b.published) {
        (Some(x), Some(y)) if newest_first => y.cmp(&x),
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}
