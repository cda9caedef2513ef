//! Reading W3C Web Annotation JSON (dossier's own export, Hypothesis and the like) into plain
//! entries, without looking at any corpus or library.
//!
//! Accepted shapes: one annotation, a JSON array of them, an `AnnotationPage` (`items`,
//! embedded `next` pages followed), an `AnnotationCollection` (an embedded `first` page and/or
//! `items`), Hypothesis's API answer (`rows`, each with `uri`, `text`, `tags` and
//! `target[].selector`), and several such documents one after another (JSON Lines). What is
//! not understood is reported with where it is, never guessed at.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::super::model::{EntityFix, SavedView};
use super::annotation::{Entry, annotation, has_type};

/// dossier's own annotation ids, as `export_json_ld` writes them.
pub const OWN_ID_PREFIX: &str = "urn:dossier:annotation:";

/// Why nothing at all could be read from a file.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("not JSON: {message} at line {line}, column {column}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
}

/// Something in the file that was left out (or only partly read), and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The annotation's 1-based number in the file, when the problem is one annotation's.
    pub number: Option<usize>,
    /// Where in the file: a JSON path like `first.items[2]`, or `line 7`.
    pub at: String,
    pub why: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.number {
            Some(n) => write!(f, "annotation {n} ({}): {}", self.at, self.why),
            None => write!(f, "{}: {}", self.at, self.why),
        }
    }
}

/// Everything readable in a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub entries: Vec<Entry>,
    /// dossier's saved views (`dossier:views` of its collection).
    pub views: BTreeMap<String, SavedView>,
    /// dossier's entity corrections (`dossier:entities`).
    pub entities: BTreeMap<String, EntityFix>,
    /// Left out entirely.
    pub skipped: Vec<Problem>,
    /// Read, but part of it was ignored.
    pub warnings: Vec<Problem>,
}

/// Read `bytes` (one JSON document, or several one after another). Fails only when not even
/// the first document is JSON; a later broken document is reported and reading goes on at
/// the next line.
pub fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let mut docs: Vec<(usize, Value)> = Vec::new();
    let mut out = Parsed::default();
    let (mut offset, mut line_base) = (0usize, 0usize);
    while offset < bytes.len() {
        let rest = &bytes[offset..];
        let mut stream = serde_json::Deserializer::from_slice(rest).into_iter::<Value>();
        let mut failed = None;
        let mut start = 0;
        loop {
            match stream.next() {
                Some(Ok(value)) => docs.push((line_base + line_of(rest, start), value)),
                Some(Err(e)) => {
                    failed = Some(e);
                    break;
                }
                None => break,
            }
            start = stream.byte_offset();
        }
        let Some(e) = failed else { break };
        let (line, column) = (line_base + e.line(), e.column());
        if docs.is_empty() {
            return Err(ParseError::Syntax {
                line,
                column,
                message: strip_position(&e),
            });
        }
        out.skipped.push(Problem {
            number: None,
            at: format!("line {line}, column {column}"),
            why: format!("not JSON: {}", strip_position(&e)),
        });
        if e.is_eof() {
            break;
        }
        // Go on at the line after the broken one, as a JSON Lines reader would.
        let broken_line_end = nth_line_end(rest, e.line());
        let Some(end) = broken_line_end else { break };
        offset += end;
        line_base += e.line();
    }
    let several = docs.len() > 1;
    let mut walker = Walker { out, number: 0 };
    for (line, doc) in &docs {
        let root = if several {
            format!("line {line}: ")
        } else {
            String::new()
        };
        walker.walk(doc, &root, 0);
    }
    Ok(walker.out)
}

/// `serde_json`'s message without its " at line L column C" (we say where ourselves).
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    text.rfind(" at line ").map_or(text.clone(), |i| text[..i].to_owned())
}

/// The 1-based line of byte `at` in `bytes`, skipping the whitespace before the document.
fn line_of(bytes: &[u8], at: usize) -> usize {
    let start = bytes[at..]
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(bytes.len(), |i| at + i);
    bytes[..start].split(|&b| b == b'\n').count()
}

/// The byte offset just past the `n`th (1-based) line's newline, if there is one.
fn nth_line_end(bytes: &[u8], n: usize) -> Option<usize> {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(n.checked_sub(1)?)
        .map(|(i, _)| i + 1)
}

/// `base` and a member: `first` + `items[2]` is `first.items[2]`; a root of `line 3: ` (one
/// of several documents) is followed by its member directly.
fn join(base: &str, key: &str) -> String {
    if base.is_empty() || base.ends_with(": ") || key.starts_with('[') {
        format!("{base}{key}")
    } else {
        format!("{base}.{key}")
    }
}

fn label(at: &str) -> String {
    match at.strip_suffix(": ") {
        _ if at.is_empty() => "top level".to_owned(),
        Some(root) => root.to_owned(),
        None => at.to_owned(),
    }
}

struct Walker {
    out: Parsed,
    number: usize,
}

/// Nesting this deep is no annotation file (`serde_json` stops at 128 anyway).
const MAX_DEPTH: usize = 16;

impl Walker {
    fn skip(&mut self, number: Option<usize>, at: &str, why: impl Into<String>) {
        self.out.skipped.push(Problem {
            number,
            at: label(at),
            why: why.into(),
        });
    }

    fn warn(&mut self, number: usize, at: &str, why: impl Into<String>) {
        self.out.warnings.push(Problem {
            number: Some(number),
            at: label(at),
            why: why.into(),
        });
    }

    /// A document or a member of a list: a container of annotations or one annotation.
    fn walk(&mut self, v: &Value, at: &str, depth: usize) {
        if depth > MAX_DEPTH {
            self.skip(None, at, "nested too deeply");
            return;
        }
        let Value::Object(obj) = v else {
            if let Value::Array(items) = v {
                for (i, item) in items.iter().enumerate() {
                    self.walk(item, &join(at, &format!("[{i}]")), depth + 1);
                }
            } else {
                self.number += 1;
                self.skip(Some(self.number), at, "not a JSON object");
            }
            return;
        };
        if let Some(views) = obj.get("dossier:views") {
            self.views(views, &join(at, "dossier:views"));
        }
        if let Some(fixes) = obj.get("dossier:entities") {
            self.entity_fixes(fixes, &join(at, "dossier:entities"));
        }
        let is_annotation = has_type(obj, "Annotation") || obj.contains_key("target");
        if !is_annotation && (obj.contains_key("rows") || obj.contains_key("items") || obj.contains_key("first")) {
            self.container(obj, at, depth);
        } else if is_annotation {
            self.number += 1;
            let number = self.number;
            match annotation(obj) {
                Ok((entry_kind, warnings)) => {
                    for w in warnings {
                        self.warn(number, at, w);
                    }
                    self.out.entries.push(Entry {
                        number,
                        at: label(at),
                        ..entry_kind
                    });
                }
                Err(why) => self.skip(Some(number), at, why),
            }
        } else {
            self.number += 1;
            self.skip(
                Some(self.number),
                at,
                "not an annotation (no type \"Annotation\", no target), a page or a collection",
            );
        }
    }

    fn container(&mut self, obj: &Map<String, Value>, at: &str, depth: usize) {
        for key in ["rows", "items"] {
            match obj.get(key) {
                Some(Value::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        self.walk(item, &join(at, &format!("{key}[{i}]")), depth + 1);
                    }
                }
                Some(_) => self.skip(None, &join(at, key), "not a list"),
                None => {}
            }
        }
        for key in ["first", "next"] {
            match obj.get(key) {
                Some(page @ Value::Object(_)) => self.walk(page, &join(at, key), depth + 1),
                Some(Value::String(link)) if key == "first" => self.skip(
                    None,
                    &join(at, key),
                    format!("the page is a link ({link}), not in the file: only embedded pages can be read"),
                ),
                // A `next` link of a page: the rest of the collection is elsewhere.
                Some(Value::String(_)) => self.skip(None, &join(at, key), "a link to the next page, not followed"),
                _ => {}
            }
        }
    }

    fn entity_fixes(&mut self, fixes: &Value, at: &str) {
        let fixes = self.named(fixes, at, "entity correction", "entity corrections");
        self.out.entities.extend(fixes);
    }

    fn views(&mut self, views: &Value, at: &str) {
        let views = self.named(views, at, "saved view", "saved views");
        self.out.views.extend(views);
    }

    /// dossier's own maps of named things (`dossier:views`, `dossier:entities`): each entry
    /// read on its own, a bad one reported and the rest kept.
    fn named<T: serde::de::DeserializeOwned>(
        &mut self,
        map: &Value,
        at: &str,
        one: &str,
        many: &str,
    ) -> Vec<(String, T)> {
        let Value::Object(map) = map else {
            self.skip(None, at, format!("not an object of {many}"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, item) in map {
            match serde_json::from_value::<T>(item.clone()) {
                Ok(item) if !name.trim().is_empty() => out.push((name.clone(), item)),
                Ok(_) => self.skip(None, at, format!("a {one} without a name")),
                Err(e) => self.skip(None, &join(at, name), format!("not a {one}: {e}")),
            }
        }
        out
    }
}
