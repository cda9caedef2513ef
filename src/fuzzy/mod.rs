//! Live fuzzy filtering with nucleo's matcher, field by field.
//!
//! Each article is an [`Item`]: its title, author, source and the names it mentions, each a
//! field of its own. A query's terms (fzf syntax) must each match inside one field; a title
//! match outranks any other (see [`Query`]). The [`Engine`] matches on every core, and runs
//! on a [`Worker`] thread of its own: a keystroke only sends the query, and results are
//! reported back as they come, so typing is drawn at once even while a pass over a million
//! articles is still running. Items are pushed while the corpus loads.

use nucleo::{Matcher, Utf32Str, Utf32String, chars};
use unicode_segmentation::UnicodeSegmentation;

use crate::store::ArticleMeta;

mod engine;
mod query;
mod worker;
pub use engine::{Engine, PARTIAL_EVERY};
pub use query::Query;
pub use worker::{Update, Worker};

/// What an article is matched on: its fields, as nucleo's strings (ASCII stays one byte a
/// character), one after another in one allocation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// The title, the author, the source, then the entity names separated by [`NAME_END`].
    text: Utf32String,
    /// Where the title, the author and the source end in `text`, in characters; a missing
    /// author or source is an empty field. The names' ends are their separators rather than
    /// a list of offsets: a second allocation per article cost more time (at a million
    /// articles, small allocations were a tenth of `--filter`) and memory than the separators.
    ends: [u32; 3],
}

/// Ends each entity name but the last in an item's text; never part of a name (a line break
/// in one becomes a space).
const NAME_END: char = '\n';

/// [`item`] with the article's tags after its names: a tag matches as a name does, so typing
/// "ukraine" finds what is tagged so. The app's list and the commands build items this way.
pub fn item_tagged<'a>(meta: &ArticleMeta, mut names: Vec<&'a str>, tags: &'a [String]) -> Item {
    names.extend(tags.iter().map(String::as_str));
    item(meta, &names)
}

/// The fields the filter matches an article on: title, author, source (not the file name: a
/// path matched letters of every query) and each name it mentions.
pub fn item(meta: &ArticleMeta, names: &[&str]) -> Item {
    let fixed = [
        meta.title.as_str(),
        meta.author.as_deref().unwrap_or(""),
        meta.source.as_deref().unwrap_or(""),
    ];
    let mut ends = [0; 3];
    let text = if fixed.iter().chain(names).all(|f| f.is_ascii()) {
        let len = fixed.iter().chain(names).map(|f| f.len() + 1).sum();
        let mut text = String::with_capacity(len);
        for (field, end) in fixed.iter().zip(&mut ends) {
            text.push_str(field);
            *end = crate::store::article_number(text.len());
        }
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                text.push(NAME_END);
            }
            text.extend(name.chars().map(|c| if c == NAME_END { ' ' } else { c }));
        }
        Utf32String::Ascii(text.into_boxed_str())
    } else {
        // Segmented field by field, as `Utf32String::from` would each one (first character of
        // each grapheme), so a field starting with a combining mark cannot join the one before.
        let mut text = Vec::new();
        for (field, end) in fixed.iter().zip(&mut ends) {
            text.extend(chars::graphemes(field));
            *end = crate::store::article_number(text.len());
        }
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                text.push(NAME_END);
            }
            text.extend(chars::graphemes(name).map(|c| if c == NAME_END { ' ' } else { c }));
        }
        Utf32String::Unicode(text.into_boxed_slice())
    };
    Item { text, ends }
}

impl Item {
    /// Every field, title first.
    fn fields(&self) -> impl Iterator<Item = Utf32Str<'_>> {
        std::iter::once(self.title())
            .filter(|t| !t.is_empty())
            .chain(self.others())
    }

    fn title(&self) -> Utf32Str<'_> {
        self.text.slice(..self.ends[0] as usize)
    }

    /// Every field but the title: author, source, each name.
    fn others(&self) -> impl Iterator<Item = Utf32Str<'_>> {
        let [title, author, source] = self.ends.map(|e| e as usize);
        let names = self.text.slice(source..);
        let (ascii, unicode) = match names {
            Utf32Str::Ascii(bytes) => (Some(bytes.split(|&b| char::from(b) == NAME_END)), None),
            Utf32Str::Unicode(cs) => (None, Some(cs.split(|&c| c == NAME_END))),
        };
        [self.text.slice(title..author), self.text.slice(author..source)]
            .into_iter()
            .chain(ascii.into_iter().flatten().map(Utf32Str::Ascii))
            .chain(unicode.into_iter().flatten().map(Utf32Str::Unicode))
            .filter(|f| !f.is_empty())
    }

    /// An article with a title only, for tests.
    #[cfg(test)]
    pub(crate) fn titled(title: &str) -> Self {
        let text = Utf32String::from(title);
        let end = crate::store::article_number(text.len());
        Self { text, ends: [end; 3] }
    }

    /// All fields run together: a term that matches any one field matches this too, which
    /// makes it a quick test to rule an article out.
    fn all(&self) -> Utf32Str<'_> {
        self.text.slice(..)
    }
}

/// A settled or partial result of the matcher: article indices, best first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Results {
    /// The query these results are for (may lag behind what is typed).
    pub query: String,
    pub order: Vec<u32>,
}

/// Parse a query the way the live matcher does, for highlighting.
pub fn pattern(query: &str) -> Query {
    Query::parse(query)
}

/// Byte ranges of the graphemes of `title` that the query's terms matched in it. A term that
/// matched the article only in another field (a name, the author) highlights nothing.
pub fn title_highlights(query: &Query, title: &str, matcher: &mut Matcher) -> Vec<(usize, usize)> {
    let title32 = Utf32String::from(title);
    let mut indices = Vec::new();
    query.indices(title32.slice(..), matcher, &mut indices);
    indices.sort_unstable();
    indices.dedup();
    grapheme_ranges(title, &indices)
}

/// Map nucleo's match indices (grapheme positions, sorted) to byte ranges of those graphemes,
/// using the same segmentation nucleo applies to its haystacks. Indices past the end are ignored.
pub fn grapheme_ranges(text: &str, indices: &[u32]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::with_capacity(indices.len());
    let mut wanted = indices.iter().peekable();
    for (n, (start, g)) in text.grapheme_indices(true).enumerate() {
        let Some(&&next) = wanted.peek() else { break };
        if next as usize == n {
            ranges.push((start, start + g.len()));
            wanted.next();
        }
    }
    ranges
}

/// `names` that match `query` (fzf syntax), best first; all of them, in order, for an empty
/// query. For short lists (saved views, tags) where a whole [`Engine`] is not worth it.
pub fn rank_names<'a>(names: &[&'a str], query: &str, matcher: &mut Matcher) -> Vec<&'a str> {
    let pattern = nucleo::pattern::Pattern::parse(
        query,
        nucleo::pattern::CaseMatching::Smart,
        nucleo::pattern::Normalization::Smart,
    );
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| pattern.score(Utf32Str::new(n, &mut buf), matcher).map(|s| (s, i)))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| names[i]).collect()
}

/// Rank every article for `--filter`: the same matcher, query syntax and ranking as the list.
pub fn rank(items: impl IntoIterator<Item = Item>, query: &str) -> Vec<u32> {
    let mut filter = Engine::new();
    filter.push(items);
    filter.set_query(query);
    filter.settle().order
}

#[cfg(test)]
mod tests;
