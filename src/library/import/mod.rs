//! Importing annotations: W3C Web Annotation JSON (dossier's own `export --format json`,
//! Hypothesis and other tools) read back into a corpus's library.
//!
//! Pure: [`parse`] reads the file into entries, [`build`] matches each to an article (by id,
//! else by its web address, else by the title the file gives), anchors passages in the
//! article's text and makes a [`CorpusState`] fragment; the caller merges that fragment like
//! another instance's save ([`Library::import`]). Ids and stamps come from the file, never
//! from the clock, so importing a file twice merges to the same state. What cannot be placed
//! is kept as an orphan (its quote and note intact, under its article, or under the source
//! it names when no article matches) and reported, never dropped.

mod annotation;
mod w3c;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::BuildHasher;

pub use annotation::{Entry, Kind, parse_stamp};
pub use w3c::{OWN_ID_PREFIX, ParseError, Parsed, Problem, parse};

use super::anchor::{Placement, anchor, make_selector};
use super::api::Library;
use super::clock::fnv1a64_hex;
use super::error::SaveError;
use super::merge::{merge, merge_article};
use super::model::{Annotation, ArticleState, CorpusState, Extra, Position, Quote, Register};

/// Imported cells carry writer 0: the file names no dossier process, and a fixed writer is
/// what makes a second import of the same file merge to exactly the same state.
const IMPORT_WRITER: u64 = 0;

/// What the corpus says of one article, for matching annotations to it.
#[derive(Debug, Clone, Copy)]
pub struct Article<'a> {
    pub id: &'a str,
    pub url: Option<&'a str>,
    pub title: &'a str,
}

/// The corpus's articles by id, by normalised web address and by title. An address or title
/// that two articles share matches neither: a guess could put a note on the wrong story.
#[derive(Debug, Clone, Default)]
pub struct Index {
    ids: HashSet<String>,
    urls: HashMap<String, Option<String>>,
    titles: HashMap<String, Option<String>>,
}

fn insert_unique(map: &mut HashMap<String, Option<String>>, key: String, id: &str) {
    map.entry(key)
        .and_modify(|have| {
            if have.as_deref() != Some(id) {
                *have = None;
            }
        })
        .or_insert_with(|| Some(id.to_owned()));
}

fn title_key(title: &str) -> String {
    title.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A web address up to trivial differences: scheme (http = https), host case, a `www.`,
/// the fragment and a trailing slash.
pub fn normalize_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split_once('#').map_or(url, |(u, _)| u);
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.trim_end_matches('/').to_owned();
    };
    let scheme = match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => "https".to_owned(),
        other => other.to_owned(),
    };
    let split = rest.find(['/', '?']).unwrap_or(rest.len());
    let (host, path) = rest.split_at(split);
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let path = match path.split_once('?') {
        Some((p, q)) => format!("{}?{q}", p.trim_end_matches('/')),
        None => path.trim_end_matches('/').to_owned(),
    };
    format!("{scheme}://{host}{path}")
}

impl Index {
    pub fn new<'a>(articles: impl IntoIterator<Item = Article<'a>>) -> Self {
        let mut index = Self::default();
        for a in articles {
            index.ids.insert(a.id.to_owned());
            if let Some(url) = a.url.filter(|u| !u.trim().is_empty()) {
                insert_unique(&mut index.urls, normalize_url(url), a.id);
            }
            if !a.title.trim().is_empty() {
                insert_unique(&mut index.titles, title_key(a.title), a.id);
            }
        }
        index
    }

    /// The article an annotation is about: the one whose id is `source` (dossier's export),
    /// else whose address is, else whose title is the one the file gives.
    pub fn resolve<'s>(&'s self, source: &'s str, title: Option<&str>) -> Option<&'s str> {
        if let Some(id) = self.ids.get(source) {
            return Some(id);
        }
        let by_url = self.urls.get(&normalize_url(source)).and_then(Option::as_deref);
        let by_title = || {
            let key = title_key(title?);
            self.titles.get(&key).and_then(Option::as_deref)
        };
        by_url.or_else(by_title)
    }
}

/// Why an imported passage is an orphan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrphanWhy {
    /// No article of the corpus has the annotation's source as its id, address or title.
    NoArticle,
    /// The article is there but the quote is not in its text.
    NotInText,
    /// The article is there but its text could not be read.
    NoText,
}

/// An imported passage that could not be placed, kept in the library as it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    pub number: usize,
    pub at: String,
    pub source: String,
    pub quote: String,
    pub why: OrphanWhy,
}

/// What an import read, and what it could not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Passages read (anchored or orphaned).
    pub annotations: usize,
    pub anchored: usize,
    pub orphans: Vec<Orphan>,
    pub notes: usize,
    pub bookmarks: usize,
    /// Tags put on articles (not on passages).
    pub tags: usize,
    pub views: usize,
    pub entity_fixes: usize,
    /// Whole-article entries (notes, bookmarks, tags) for articles the corpus does not have:
    /// kept under the id the file gives, as the library keeps removed articles' state.
    pub elsewhere: usize,
    pub skipped: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// At most `max` chars of `s` on one line, for a quote in a message.
fn clip(s: &str, max: usize) -> String {
    let line = crate::store::sanitize::sanitize_line(s);
    if line.chars().count() <= max {
        return line;
    }
    let cut: String = line.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

impl Report {
    /// Nothing in the file could be used.
    pub fn nothing_valid(&self) -> bool {
        self.annotations + self.notes + self.bookmarks + self.tags + self.views + self.entity_fixes == 0
    }

    /// The report for a terminal, one line each: the totals, then each orphan, each entry
    /// skipped and each one partly read. Everything from the file is sanitised.
    pub fn lines(&self) -> Vec<String> {
        let orphaned = self.orphans.len();
        let mut out = vec![format!(
            "{} imported ({} anchored, {} orphaned), {}, {}, {}, {}",
            plural(self.annotations, "annotation", "annotations"),
            self.anchored,
            orphaned,
            plural(self.notes, "note", "notes"),
            plural(self.bookmarks, "bookmark", "bookmarks"),
            plural(self.tags, "article tag", "article tags"),
            plural(self.views, "saved view", "saved views"),
        )];
        if self.entity_fixes > 0 {
            let fixes = plural(self.entity_fixes, "entity correction", "entity corrections");
            out[0] = format!("{}, {fixes}", out[0]);
        }
        if self.elsewhere > 0 {
            out.push(format!(
                "{} for articles not in this corpus, kept under their ids",
                plural(self.elsewhere, "note, bookmark or tag", "notes, bookmarks or tags")
            ));
        }
        for o in &self.orphans {
            let why = match o.why {
                OrphanWhy::NoArticle => "no article in the corpus has this id, address or title",
                OrphanWhy::NotInText => "the quote is not in the article's text",
                OrphanWhy::NoText => "the article's text could not be read",
            };
            out.push(format!(
                "orphaned: annotation {} ({}) “{}” on {}: {why}; kept as an orphan",
                o.number,
                clip(&o.at, 80),
                clip(&o.quote, 60),
                clip(&o.source, 100)
            ));
        }
        for p in &self.skipped {
            out.push(format!("skipped {}", clip(&p.to_string(), 300)));
        }
        for p in &self.warnings {
            out.push(format!("partly read: {}", clip(&p.to_string(), 300)));
        }
        out
    }
}

/// A fragment of a library built from a file, and its report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub state: CorpusState,
    pub report: Report,
}

/// The ids of the articles whose text the passages of `parsed` are anchored in.
pub fn needed(parsed: &Parsed, index: &Index) -> BTreeSet<String> {
    parsed
        .entries
        .iter()
        .filter(|e| matches!(e.kind, Kind::Passage { .. }))
        .filter_map(|e| index.resolve(&e.source, e.title.as_deref()))
        .map(str::to_owned)
        .collect()
}

/// dossier's own id when the file is its export; else a stable hash of the foreign id, or of
/// what the annotation says when it has no id.
fn annotation_id(entry: &Entry, quote: &Quote, note: &str) -> String {
    let id = entry.id.as_deref().filter(|id| !id.trim().is_empty());
    if let Some(own) = id
        .and_then(|id| id.strip_prefix(OWN_ID_PREFIX))
        .filter(|id| !id.is_empty())
    {
        return own.to_owned();
    }
    let key = id.map_or_else(
        || {
            let parts = [entry.source.as_str(), &quote.exact, &quote.prefix, &quote.suffix, note];
            format!("\u{1f}{}", parts.join("\u{1f}"))
        },
        str::to_owned,
    );
    format!("imported-{}", fnv1a64_hex(&key))
}

/// Where a passage goes in `text`, as the reader would place it on opening the article: an
/// exact match keeps the file's selectors, a moved or edited one gets fresh ones.
fn place(text: &str, quote: Option<&Quote>, position: Option<&Position>) -> Option<(Quote, Position)> {
    let position = position.cloned().unwrap_or_default();
    let Some(quote) = quote else {
        // A position alone: the passage is whatever the text has there.
        let len = text.chars().count();
        return (position.start < position.end && position.end <= len)
            .then(|| make_selector(text, position.start, position.end));
    };
    match anchor(text, quote, &position) {
        Placement::Exact { start, end } => Some((
            quote.clone(),
            Position {
                start,
                end,
                extra: position.extra,
            },
        )),
        Placement::Moved { start, end } | Placement::Fuzzy { start, end } => Some(make_selector(text, start, end)),
        Placement::Orphaned => None,
    }
}

/// Fold one article's delta into the fragment the way a merge would.
fn add(state: &mut CorpusState, key: &str, delta: &ArticleState) {
    let merged = state
        .articles
        .get(key)
        .map_or_else(|| delta.clone(), |have| merge_article(have, delta));
    state.articles.insert(key.to_owned(), merged);
}

fn register<T>(value: T, updated: u64) -> Register<T> {
    Register {
        value,
        updated,
        writer: IMPORT_WRITER,
        extra: Extra::new(),
    }
}

/// Turn `parsed` into a library fragment for corpus `corpus`, anchoring passages in `texts`
/// (article id → body text, for the articles [`needed`] names).
pub fn build<S: BuildHasher>(
    parsed: &Parsed,
    corpus: &str,
    index: &Index,
    texts: &HashMap<String, String, S>,
) -> Imported {
    let mut state = CorpusState::new(corpus);
    let mut report = Report {
        skipped: parsed.skipped.clone(),
        warnings: parsed.warnings.clone(),
        ..Report::default()
    };
    // Several page notes on one article (Hypothesis allows that) are joined, not raced.
    let mut notes: BTreeMap<String, Vec<(u64, String)>> = BTreeMap::new();
    for entry in &parsed.entries {
        let article = index.resolve(&entry.source, entry.title.as_deref());
        let key = article.unwrap_or(&entry.source);
        let stamp = entry.modified.or(entry.created).unwrap_or(0);
        let mut delta = ArticleState::default();
        match &entry.kind {
            Kind::Passage {
                quote,
                position,
                note,
                tags,
            } => {
                report.annotations += 1;
                let text = article.and_then(|a| texts.get(a));
                let placed = text.and_then(|t| place(t, quote.as_ref(), position.as_ref()));
                let (quote, position) = if let Some(placed) = placed {
                    report.anchored += 1;
                    placed
                } else {
                    let why = match (article, text) {
                        (None, _) => OrphanWhy::NoArticle,
                        (Some(_), None) => OrphanWhy::NoText,
                        (Some(_), Some(_)) => OrphanWhy::NotInText,
                    };
                    let quote = quote.clone().unwrap_or_default();
                    report.orphans.push(Orphan {
                        number: entry.number,
                        at: entry.at.clone(),
                        source: entry.source.clone(),
                        quote: quote.exact.clone(),
                        why,
                    });
                    (quote, position.clone().unwrap_or_default())
                };
                // The id comes from what the file wrote, not from where it was placed, so a
                // second import of a re-anchored passage names the same annotation.
                let file_quote = entry_quote(entry);
                let id = annotation_id(entry, &file_quote, note);
                let ann = Annotation {
                    created: entry.created.or(entry.modified).unwrap_or(0),
                    updated: stamp,
                    writer: IMPORT_WRITER,
                    tags: tags.clone(),
                    ..Annotation::new(quote, position, note.clone())
                };
                delta.annotations.insert(id, ann);
            }
            Kind::Whole { bookmark, note, tags } => {
                if article.is_none() {
                    report.elsewhere += 1;
                }
                if *bookmark {
                    report.bookmarks += 1;
                    delta.bookmark = Some(register(true, stamp));
                }
                if let Some(note) = note {
                    report.notes += 1;
                    notes.entry(key.to_owned()).or_default().push((stamp, note.clone()));
                }
                for tag in tags {
                    report.tags += 1;
                    delta.tags.insert(tag.clone(), register(true, stamp));
                }
            }
        }
        add(&mut state, key, &delta);
    }
    for (key, mut list) in notes {
        list.sort();
        list.dedup_by(|a, b| a.1 == b.1);
        let updated = list.iter().map(|(s, _)| *s).max().unwrap_or(0);
        let text = list.into_iter().map(|(_, n)| n).collect::<Vec<_>>().join("\n\n");
        let delta = ArticleState {
            note: Some(register(text, updated)),
            ..ArticleState::default()
        };
        add(&mut state, &key, &delta);
    }
    // The export's views carry no stamps: stamped 0, any choice made in the library wins.
    for (name, view) in &parsed.views {
        report.views += 1;
        state.views.insert(name.clone(), register(Some(view.clone()), 0));
    }
    for (name, fix) in &parsed.entities {
        report.entity_fixes += 1;
        state.entities.insert(name.clone(), register(Some(fix.clone()), 0));
    }
    Imported { state, report }
}

fn entry_quote(entry: &Entry) -> Quote {
    match &entry.kind {
        Kind::Passage { quote: Some(q), .. } => q.clone(),
        _ => Quote::default(),
    }
}

impl Library {
    /// Merge an imported fragment into the library as if another instance had saved it, and
    /// save. Returns whether anything changed (a second import of the same file changes
    /// nothing and writes nothing).
    pub fn import(&mut self, fragment: &CorpusState) -> Result<bool, SaveError> {
        let mut fragment = fragment.clone();
        // `merge` keeps the larger corpus key: the fragment must not rename the library.
        fragment.corpus.clone_from(&self.corpus.state.corpus);
        let merged = merge(&self.corpus.state, &fragment);
        let changed = merged != self.corpus.state;
        self.corpus.state = merged;
        self.commit_corpus(changed).map(|()| changed)
    }
}
