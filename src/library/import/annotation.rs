//! One annotation object of a W3C Web Annotation file (or a Hypothesis API row) as an
//! [`Entry`]: its target, selectors, bodies and stamps.

use serde_json::{Map, Value};

use super::super::model::{Extra, Position, Quote};

/// What an annotation is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A passage: a quote and/or a position, with an optional note and tags.
    Passage {
        quote: Option<Quote>,
        position: Option<Position>,
        note: String,
        tags: Vec<String>,
    },
    /// The whole article: a bookmark, a note (page note) and/or tags.
    Whole {
        bookmark: bool,
        note: Option<String>,
        tags: Vec<String>,
    },
}

/// One annotation as the file describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub number: usize,
    pub at: String,
    /// The annotation's `id` as written (dossier's `urn:dossier:annotation:…` or a foreign IRI).
    pub id: Option<String>,
    /// `target.source` (or the target IRI, or Hypothesis's `uri`).
    pub source: String,
    /// The document's title when the file gives one (Hypothesis's `document.title`).
    pub title: Option<String>,
    pub created: Option<u64>,
    pub modified: Option<u64>,
    pub kind: Kind,
}

/// JSON-LD lets `type` be one string or several, with or without the `oa:` prefix.
pub(super) fn has_type(v: &Map<String, Value>, name: &str) -> bool {
    let is = |t: &Value| t.as_str().is_some_and(|t| t.strip_prefix("oa:").unwrap_or(t) == name);
    match v.get("type").or_else(|| v.get("@type")) {
        Some(Value::Array(ts)) => ts.iter().any(is),
        Some(t) => is(t),
        None => false,
    }
}

/// A property that may be one value or a list of them, as a list.
pub(super) fn many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
    }
}

pub(super) fn string(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str)
}

/// Text from the file as the library keeps it: sanitised as article text is (escapes, bidi
/// overrides and stray controls gone), so that it is safe wherever it is shown later, and a
/// quote still matches the article's text, which went through the same cleaning.
fn clean(text: &str) -> String {
    crate::store::sanitize::sanitize(text.as_bytes())
}

/// An `xsd:dateTime` (RFC 3339) as ms since the epoch; `None` before 1970 or unreadable.
pub fn parse_stamp(s: &str) -> Option<u64> {
    let ts: jiff::Timestamp = s.trim().parse().ok()?;
    u64::try_from(ts.as_millisecond()).ok()
}

/// The first target that names a source, or says why none does; with its selectors.
fn target(obj: &Map<String, Value>) -> Result<(String, Vec<&Value>), String> {
    let targets = many(obj.get("target"));
    let mut found = None;
    for t in &targets {
        let (source, selectors) = match t {
            Value::String(iri) => (Some(iri.as_str()), Vec::new()),
            Value::Object(t) => (
                string(t.get("source")).or_else(|| string(t.get("id"))),
                many(t.get("selector")),
            ),
            _ => (None, Vec::new()),
        };
        // Hypothesis's API rows name the page in `uri` and may leave `source` out.
        let source = source.or_else(|| string(obj.get("uri")));
        // Any non-empty string: dossier's article ids are whatever the corpus's files say.
        if let Some(source) = source.filter(|s| !s.is_empty()) {
            found = Some((source.to_owned(), selectors));
            break;
        }
    }
    match found {
        Some(found) => Ok(found),
        None if targets.is_empty() => match string(obj.get("uri")) {
            Some(uri) if !uri.is_empty() => Ok((uri.to_owned(), Vec::new())),
            _ => Err("no target".to_owned()),
        },
        None => Err("no target.source".to_owned()),
    }
}

fn as_position(n: Option<&Value>) -> Option<usize> {
    n.and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok())
}

/// The quote and position among `selectors`; the others (ranges, `XPath`s) are not text.
fn selectors(list: &[&Value], warnings: &mut Vec<String>) -> (Option<Quote>, Option<Position>, Vec<String>) {
    let (mut quote, mut position, mut others) = (None, None, Vec::new());
    for sel in list {
        let Value::Object(sel) = sel else { continue };
        if has_type(sel, "TextQuoteSelector") {
            match string(sel.get("exact")) {
                Some(exact) if quote.is_none() => {
                    quote = Some(Quote {
                        exact: clean(exact),
                        prefix: clean(string(sel.get("prefix")).unwrap_or_default()),
                        suffix: clean(string(sel.get("suffix")).unwrap_or_default()),
                        extra: Extra::new(),
                    });
                }
                Some(_) => {}
                None => warnings.push("a TextQuoteSelector without \"exact\": ignored".to_owned()),
            }
        } else if has_type(sel, "TextPositionSelector") {
            match (as_position(sel.get("start")), as_position(sel.get("end"))) {
                (Some(start), Some(end)) if position.is_none() => {
                    position = Some(Position {
                        start: start.min(end),
                        end: start.max(end),
                        extra: Extra::new(),
                    });
                }
                (Some(_), Some(_)) => {}
                _ => warnings.push("a TextPositionSelector without whole-number start and end: ignored".to_owned()),
            }
        } else {
            let name = string(sel.get("type")).unwrap_or("untyped");
            others.push(name.to_owned());
        }
    }
    (quote, position, others)
}

/// A tag as written by another tool (`Climate change`) as dossier keeps tags (`climate-change`).
fn tag_of(raw: &str) -> Option<String> {
    let joined = raw.split_whitespace().collect::<Vec<_>>().join("-");
    super::super::tags::normalize(&joined)
}

/// Notes and tags of the bodies (`TextualBody`, `bodyValue`, Hypothesis's `text` and `tags`).
fn bodies(obj: &Map<String, Value>, tagging: bool, warnings: &mut Vec<String>) -> (Vec<String>, Vec<String>) {
    let (mut notes, mut raw_tags) = (Vec::new(), Vec::new());
    for body in many(obj.get("body")) {
        match body {
            Value::Object(b) => {
                let Some(value) = string(b.get("value")) else {
                    warnings.push("a body without a text \"value\": ignored".to_owned());
                    continue;
                };
                let purposes = many(b.get("purpose"));
                if tagging || purposes.iter().any(|p| p.as_str() == Some("tagging")) {
                    raw_tags.push(clean(value));
                } else {
                    notes.push(clean(value));
                }
            }
            Value::String(iri) => warnings.push(format!("a body that is a link ({iri}), not text: ignored")),
            _ => warnings.push("a body that is neither text nor an object: ignored".to_owned()),
        }
    }
    for key in ["bodyValue", "text"] {
        if let Some(text) = string(obj.get(key)).filter(|t| !t.is_empty()) {
            if tagging {
                raw_tags.push(clean(text));
            } else {
                notes.push(clean(text));
            }
        }
    }
    raw_tags.extend(
        many(obj.get("tags"))
            .into_iter()
            .filter_map(Value::as_str)
            .map(str::to_owned),
    );
    let mut tags = Vec::new();
    for raw in raw_tags {
        match tag_of(&raw) {
            Some(tag) => tags.push(tag),
            None => warnings.push(format!(
                "tag {raw:?} is not a tag dossier keeps (letters, digits, - _ /): left out"
            )),
        }
    }
    tags.sort();
    tags.dedup();
    (notes, tags)
}

fn stamp(obj: &Map<String, Value>, keys: &[&str], warnings: &mut Vec<String>) -> Option<u64> {
    let key = keys.iter().find(|k| obj.contains_key(**k))?;
    let value = obj.get(*key);
    let parsed = string(value).and_then(parse_stamp);
    if parsed.is_none() {
        warnings.push(format!(
            "{key} {} is not a date: treated as unknown",
            value.map_or_else(String::new, Value::to_string)
        ));
    }
    parsed
}

/// One annotation object as an entry (its number and place filled in by the caller), with
/// the warnings about what of it was ignored; `Err` says why it was left out.
pub(super) fn annotation(obj: &Map<String, Value>) -> Result<(Entry, Vec<String>), String> {
    if many(obj.get("references")).iter().any(|r| r.is_string()) {
        return Err("a reply to another annotation (replies are not kept)".to_owned());
    }
    let mut warnings = Vec::new();
    let (source, selector_list) = target(obj)?;
    let motivations: Vec<&str> = many(obj.get("motivation"))
        .into_iter()
        .filter_map(Value::as_str)
        .collect();
    let tagging = motivations.contains(&"tagging");
    let (notes, tags) = bodies(obj, tagging, &mut warnings);
    let (quote, position, others) = selectors(&selector_list, &mut warnings);
    let kind = if quote.is_some() || position.is_some() {
        Kind::Passage {
            quote,
            position,
            note: notes.join("\n\n"),
            tags,
        }
    } else if !others.is_empty() {
        return Err(format!(
            "no TextQuoteSelector or TextPositionSelector (only {}): the passage cannot be found in text",
            others.join(", ")
        ));
    } else {
        let bookmark = motivations.contains(&"bookmarking");
        let note = (!notes.is_empty()).then(|| notes.join("\n\n"));
        if !bookmark && note.is_none() && tags.is_empty() {
            return Err("nothing to import: no selector, no text body, no tags, not a bookmark".to_owned());
        }
        Kind::Whole { bookmark, note, tags }
    };
    let title = match obj.get("document").and_then(|d| d.get("title")) {
        Some(Value::Array(t)) => string(t.first()),
        t => string(t),
    };
    let entry = Entry {
        number: 0,
        at: String::new(),
        id: string(obj.get("id").or_else(|| obj.get("@id"))).map(str::to_owned),
        source,
        title: title.map(str::to_owned),
        created: stamp(obj, &["created"], &mut warnings),
        modified: stamp(obj, &["modified", "updated"], &mut warnings),
        kind,
    };
    Ok((entry, warnings))
}
