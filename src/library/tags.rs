//! Tags: words the user puts on an article, its note or an annotation. A tag is written
//! `#word`; it is kept lowercased so `#Ukraine` and `#ukraine` are one tag. In a note,
//! `#word` is a tag when the `#` starts a word (not `C#`, not `page#section`) and the word
//! has a letter (`#1` is a number, as on every site with hashtags).

use std::collections::BTreeSet;

use super::{ArticleState, CorpusState};

/// Longest tag kept, in characters: a tag is a label, not a sentence.
const MAX_CHARS: usize = 64;

fn tag_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '/')
}

/// The tag a word names (without its `#`), lowercased; `None` when it is not one.
pub fn normalize(word: &str) -> Option<String> {
    let word = word.strip_prefix('#').unwrap_or(word);
    let ok = !word.is_empty()
        && word.chars().count() <= MAX_CHARS
        && word.chars().all(tag_char)
        && word.chars().any(char::is_alphabetic);
    ok.then(|| word.to_lowercase())
}

/// Whether `tag` is a tag as [`normalize`] makes them (lowercased, letters, digits, `-_/`).
pub fn is_tag(tag: &str) -> bool {
    normalize(tag).is_some_and(|t| t == tag)
}

/// Every `#tag` written in a text: the byte offset of its `#`, the word as written, and the
/// tag. A `#` starts a tag when it starts a word (not `C#`, `page#top`, `##` or `&#39;`); the
/// tag ends at punctuation ("#nato." and "#nato," are #nato; "#a/b/" loses the slash).
fn written(text: &str) -> impl Iterator<Item = (usize, &str, String)> {
    let mut prev: Option<char> = None;
    text.char_indices().filter_map(move |(i, c)| {
        let starts = c == '#' && prev.is_none_or(|p| !(tag_char(p) || p == '#' || p == '&'));
        prev = Some(c);
        if !starts {
            return None;
        }
        let rest = &text[i + 1..];
        let end = rest.find(|c: char| !tag_char(c)).unwrap_or(rest.len());
        let word = rest[..end].trim_end_matches(['-', '_', '/']);
        normalize(word).map(|tag| (i, word, tag))
    })
}

/// The `#tags` written in a text, in order of first appearance, each once.
pub fn in_text(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (_, _, tag) in written(text) {
        if !found.contains(&tag) {
            found.push(tag);
        }
    }
    found
}

/// `text` with every `#old` tag written `#new`, or (`new` `None`) left a plain word.
pub fn rename_in_text(text: &str, old: &str, new: Option<&str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest_from = 0;
    for (at, word, _) in written(text).filter(|(_, _, tag)| tag == old) {
        out.push_str(&text[rest_from..at]);
        match new {
            Some(new) => {
                out.push('#');
                out.push_str(new);
            }
            None => out.push_str(word),
        }
        rest_from = at + 1 + word.len();
    }
    out.push_str(&text[rest_from..]);
    out
}

/// The tags of article `id` (see [`all`]), in order; none when the library knows nothing
/// of it.
pub fn of(state: &CorpusState, id: &str) -> Vec<String> {
    state
        .article(id)
        .map(|a| all(a).into_iter().collect())
        .unwrap_or_default()
}

/// Every tag in use with how many articles carry it, most used first (then by name).
pub fn by_use(state: &CorpusState) -> Vec<(String, usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for article in state.articles.values() {
        for tag in all(article) {
            *counts.entry(tag).or_insert(0usize) += 1;
        }
    }
    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

/// Every tag an article carries: its own, its note's, and its live annotations' (their own
/// and their notes').
pub fn all(state: &ArticleState) -> BTreeSet<String> {
    let mut tags: BTreeSet<String> = state.tags().map(str::to_owned).collect();
    tags.extend(in_text(state.note()));
    for ann in state.annotations.values().filter(|a| !a.deleted) {
        tags.extend(ann.tags.iter().filter(|t| is_tag(t)).cloned());
        tags.extend(in_text(&ann.note));
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_in_text_start_words_and_have_a_letter() {
        assert_eq!(
            in_text("Follow #Ukraine and #nato. Not C#, not page#section, not #1 or &#39; but #g7-summit/"),
            vec!["ukraine", "nato", "g7-summit"]
        );
        assert_eq!(in_text("#один #日本 (#Ukraine)"), vec!["один", "日本", "ukraine"]);
        assert_eq!(in_text("## heading #"), Vec::<String>::new());
    }

    #[test]
    fn renaming_in_text_touches_only_that_tag() {
        let text = "About #Kyiv and #kyiv-talks, C#kyiv, #kyiv.";
        assert_eq!(
            rename_in_text(text, "kyiv", Some("kyiv-city")),
            "About #kyiv-city and #kyiv-talks, C#kyiv, #kyiv-city."
        );
        assert_eq!(
            rename_in_text(text, "kyiv", None),
            "About Kyiv and #kyiv-talks, C#kyiv, kyiv."
        );
        assert_eq!(rename_in_text("no tags", "kyiv", None), "no tags");
    }

    #[test]
    fn normalize_refuses_what_is_not_a_tag() {
        assert_eq!(normalize("#Kyiv"), Some("kyiv".into()));
        assert_eq!(normalize("2024"), None);
        assert_eq!(normalize("a b"), None);
        assert_eq!(normalize(""), None);
        assert_eq!(normalize(&"a".repeat(65)), None);
        assert!(is_tag("kyiv-city") && !is_tag("Kyiv") && !is_tag("a\u{1b}[2J"));
    }
}
