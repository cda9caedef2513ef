//! Export of a corpus's library as Markdown (for people) and W3C Web Annotation JSON-LD (for
//! other tools, e.g. hypothes.is-style importers).

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::clock::utc_iso;
use super::model::{Annotation, ArticleState, CorpusState};

/// Titles and ids come from article files: keep each on one line so they can't break the
/// Markdown structure.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Inline code that survives backticks inside the text (`CommonMark`: use a longer fence).
fn code_span(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

fn block_quote(text: &str) -> String {
    text.lines()
        .map(|l| if l.is_empty() { ">".to_owned() } else { format!("> {l}") })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why an export file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Write the Markdown export of `state` into `dir` as `dossier-export-<name>.md` (the corpus
/// name with everything but letters and digits made `-`); returns the file's path.
pub fn write_markdown(
    state: &CorpusState,
    heading: &str,
    info: &dyn Fn(&str) -> Option<ArticleInfo>,
    dir: &std::path::Path,
    name: &str,
) -> Result<std::path::PathBuf, ExportError> {
    let name: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let path = dir.join(format!("dossier-export-{name}.md"));
    // Private like the state files (it holds the notes), and never through a link.
    crate::safe_fs::write_private(&path, export_markdown(state, heading, info).as_bytes()).map_err(|source| {
        ExportError::Write {
            path: path.clone(),
            source,
        }
    })?;
    Ok(path.canonicalize().unwrap_or(path))
}

/// What the export says of an article besides its id: its title and whatever the corpus knows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleInfo {
    pub title: String,
    pub author: Option<String>,
    pub date: Option<String>,
    /// Who published it: a site, a feed, an agency.
    pub source: Option<String>,
    pub url: Option<String>,
}

impl From<String> for ArticleInfo {
    fn from(title: String) -> Self {
        Self {
            title,
            ..Self::default()
        }
    }
}

/// Articles with a bookmark, a note or an annotation, grouped under their titles (sorted by
/// title) with their author, date and source; annotations in reading order as block quotes
/// followed by their notes. `heading` names the corpus for people (its path, or "the sample
/// corpus"), not by its internal key.
pub fn export_markdown(state: &CorpusState, heading: &str, info: &dyn Fn(&str) -> Option<ArticleInfo>) -> String {
    // Ids, titles and notes all end up in a file people `cat`: nothing in it may act on a
    // terminal, whatever an old state file or a pasted note holds.
    crate::store::sanitize::sanitize(markdown(state, heading, info).as_bytes())
}

fn markdown(state: &CorpusState, heading: &str, info: &dyn Fn(&str) -> Option<ArticleInfo>) -> String {
    let mut out = format!("# Library: {}\n", one_line(heading));
    let mut articles: Vec<(ArticleInfo, &str, &ArticleState)> = state
        .articles
        .iter()
        .filter(|(_, a)| a.has_user_content())
        .map(|(id, a)| {
            let mut info = info(id).unwrap_or_default();
            info.title = one_line(&info.title);
            if info.title.is_empty() {
                info.title = one_line(id);
            }
            (info, id.as_str(), a)
        })
        .collect();
    articles.sort_by(|x, y| (x.0.title.to_lowercase(), x.1).cmp(&(y.0.title.to_lowercase(), y.1)));
    if articles.is_empty() {
        out.push_str("\nNothing bookmarked, noted or annotated yet.\n");
    }
    for (info, id, article) in articles {
        let _ = write!(out, "\n## {}\n\n- Article: {}\n", info.title, code_span(id));
        for (label, value) in [
            ("By", &info.author),
            ("Date", &info.date),
            ("Source", &info.source),
            ("URL", &info.url),
        ] {
            if let Some(value) = value.as_deref().map(one_line).filter(|v| !v.is_empty()) {
                let _ = writeln!(out, "- {label}: {value}");
            }
        }
        if article.is_bookmarked() {
            out.push_str("- Bookmarked\n");
        }
        let tags = super::tags::all(article);
        if !tags.is_empty() {
            let tags: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
            let _ = writeln!(out, "- Tags: {}", tags.join(" "));
        }
        if !article.note().is_empty() {
            let _ = write!(out, "\n### Note\n\n{}\n", article.note().trim_end());
        }
        let annotations = article.live_annotations();
        if !annotations.is_empty() {
            out.push_str("\n### Annotations\n");
        }
        for (_, ann) in annotations {
            let _ = write!(out, "\n{}\n", block_quote(&ann.quote.exact));
            if !ann.note.is_empty() {
                let _ = write!(out, "\n{}\n", ann.note.trim_end());
            }
        }
    }
    let views: Vec<_> = state
        .views
        .iter()
        .filter_map(|(n, r)| Some((n, r.value.as_ref()?)))
        .collect();
    if !views.is_empty() {
        out.push_str("\n## Saved views\n\n");
    }
    for (name, view) in views {
        let _ = write!(out, "- {}: {}", one_line(name), code_span(&one_line(&view.query)));
        if !view.facets.is_empty() {
            let _ = write!(out, ", facets {}", one_line(&view.facets.join(", ")));
        }
        if !view.sort.is_empty() {
            let _ = write!(out, ", sorted by {}", one_line(&view.sort));
        }
        out.push('\n');
    }
    entity_fixes(state, &mut out);
    out
}

/// "## Entity corrections": what the reader changed in the sidebar, one name a line.
fn entity_fixes(state: &CorpusState, out: &mut String) {
    let fixes: Vec<_> = state
        .entities
        .iter()
        .filter_map(|(n, r)| Some((n, r.value.as_ref()?)))
        .collect();
    if fixes.is_empty() {
        return;
    }
    out.push_str("\n## Entity corrections\n\n");
    for (name, fix) in fixes {
        let mut parts = Vec::new();
        if let Some(kind) = &fix.kind {
            parts.push(format!("type {}", one_line(kind)));
        }
        if let Some(into) = &fix.into {
            parts.push(format!("another name for {}", one_line(into)));
        }
        if !fix.split.is_empty() {
            parts.push(format!("not the same as {}", one_line(&fix.split.join(", "))));
        }
        if fix.hidden {
            parts.push("hidden".to_owned());
        }
        let _ = writeln!(out, "- {}: {}", one_line(name), parts.join("; "));
    }
}

/// Every highlight under each of its tags (its own and its note's; else its article's),
/// each with its article's title, date, source and URL; untagged ones last.
pub fn export_markdown_by_tag(
    state: &CorpusState,
    heading: &str,
    info: &dyn Fn(&str) -> Option<ArticleInfo>,
) -> String {
    crate::store::sanitize::sanitize(by_tag(state, heading, info).as_bytes())
}

fn by_tag(state: &CorpusState, heading: &str, info: &dyn Fn(&str) -> Option<ArticleInfo>) -> String {
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<Option<String>, Vec<(&str, &Annotation)>> = BTreeMap::new();
    for (id, article) in &state.articles {
        let article_tags: Vec<String> = article.tags().map(str::to_owned).collect();
        for (_, ann) in article.live_annotations() {
            let mut tags = ann.tags.clone();
            tags.extend(super::tags::in_text(&ann.note));
            if tags.is_empty() {
                tags.clone_from(&article_tags);
            }
            tags.sort();
            tags.dedup();
            if tags.is_empty() {
                groups.entry(None).or_default().push((id, ann));
            }
            for tag in tags {
                groups.entry(Some(tag)).or_default().push((id, ann));
            }
        }
    }
    // Tagged groups by name, then the untagged (None sorts first in a BTreeMap).
    let mut out = format!(
        "# Highlights by tag: {}
",
        one_line(heading)
    );
    if groups.is_empty() {
        out.push_str(
            "
No annotations yet.
",
        );
    }
    let untagged = groups.remove(&None);
    let ordered = groups
        .into_iter()
        .map(|(tag, anns)| (tag.map(|t| format!("#{t}")), anns))
        .chain(untagged.map(|anns| (Some("Untagged".to_string()), anns)));
    for (title, anns) in ordered {
        let _ = write!(out, "\n## {}\n", title.unwrap_or_default());
        for (id, ann) in anns {
            let info = info(id).unwrap_or_default();
            let title = Some(one_line(&info.title))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| one_line(id));
            let _ = write!(out, "\n{}\n", block_quote(&ann.quote.exact));
            if !ann.note.is_empty() {
                let _ = write!(out, "\n{}\n", ann.note.trim_end());
            }
            let cite: Vec<String> = [Some(title), info.date, info.source, info.url]
                .into_iter()
                .flatten()
                .map(|v| one_line(&v))
                .filter(|v| !v.is_empty())
                .collect();
            let _ = writeln!(out, "\n— {}", cite.join(" · "));
        }
    }
    out
}

fn text_body(value: &str) -> Value {
    json!({ "type": "TextualBody", "value": value, "format": "text/plain" })
}

fn passage(article: &str, id: &str, ann: &Annotation) -> Value {
    let mut quote = Map::new();
    quote.insert("type".into(), "TextQuoteSelector".into());
    quote.insert("exact".into(), ann.quote.exact.clone().into());
    // Both are optional in the model; an empty one would claim "nothing precedes".
    if !ann.quote.prefix.is_empty() {
        quote.insert("prefix".into(), ann.quote.prefix.clone().into());
    }
    if !ann.quote.suffix.is_empty() {
        quote.insert("suffix".into(), ann.quote.suffix.clone().into());
    }
    let mut out = json!({
        "id": format!("urn:dossier:annotation:{id}"),
        "type": "Annotation",
        "motivation": if ann.note.is_empty() { "highlighting" } else { "commenting" },
        "created": utc_iso(ann.created),
        "modified": utc_iso(ann.updated),
        "target": {
            "source": article,
            "selector": [
                Value::Object(quote),
                {
                    "type": "TextPositionSelector",
                    "start": ann.position.start,
                    "end": ann.position.end,
                },
            ],
        },
    });
    // Tags are `tagging` bodies (Web Annotation Data Model §3.3.5), beside the note.
    let mut bodies: Vec<Value> = ann.tags.iter().map(|t| tagging(t)).collect();
    if !ann.note.is_empty() {
        bodies.insert(0, text_body(&ann.note));
    }
    match bodies.len() {
        0 => {}
        1 => out["body"] = bodies.remove(0),
        _ => out["body"] = Value::Array(bodies),
    }
    out
}

fn tagging(tag: &str) -> Value {
    json!({ "type": "TextualBody", "purpose": "tagging", "value": tag })
}

/// One `AnnotationCollection` (Web Annotation Data Model §5) with a single embedded page, so
/// the export is one self-describing document with one `@context`. Bookmarks become
/// `bookmarking` annotations and article notes `commenting` ones targeting the whole article;
/// passages carry a `TextQuoteSelector` and a `TextPositionSelector` (char offsets).
pub fn export_json_ld(state: &CorpusState) -> Value {
    let mut items = Vec::new();
    for (article_id, article) in &state.articles {
        if let Some(b) = article.bookmark.as_ref().filter(|b| b.value) {
            items.push(json!({
                "type": "Annotation",
                "motivation": "bookmarking",
                "created": utc_iso(b.updated),
                "target": article_id,
            }));
        }
        if let Some(n) = article.note.as_ref().filter(|n| !n.value.is_empty()) {
            items.push(json!({
                "type": "Annotation",
                "motivation": "commenting",
                "modified": utc_iso(n.updated),
                "body": text_body(&n.value),
                "target": article_id,
            }));
        }
        let tags: Vec<Value> = article.tags().map(tagging).collect();
        if !tags.is_empty() {
            items.push(json!({
                "type": "Annotation",
                "motivation": "tagging",
                "body": tags,
                "target": article_id,
            }));
        }
        for (id, ann) in article.live_annotations() {
            items.push(passage(article_id, id, ann));
        }
    }
    // Saved views are dossier's own, outside the Web Annotation vocabulary: a prefixed key
    // that consumers of the collection ignore.
    let views: Map<String, Value> = state
        .views
        .iter()
        .filter_map(|(name, r)| Some((name.clone(), serde_json::to_value(r.value.as_ref()?).ok()?)))
        .collect();
    let entities: Map<String, Value> = state
        .entities
        .iter()
        .filter_map(|(name, r)| Some((name.clone(), serde_json::to_value(r.value.as_ref()?).ok()?)))
        .collect();
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "dossier:views": views,
        "dossier:entities": entities,
        "type": "AnnotationCollection",
        "label": format!("dossier library: {}", state.corpus),
        "total": items.len(),
        "first": {
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}
