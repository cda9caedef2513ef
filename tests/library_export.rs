//! Markdown and W3C Web Annotation exports.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dossier::library::{Annotation, Library, export_json_ld, make_selector};
use serde_json::{Value, json};

const TEXT: &str = "First line of the story.\nSecond line, with a `tick`.\nThird line.";

fn library(dir: &std::path::Path) -> Library {
    let (mut lib, _) = Library::open(dir, "builtin:seeds").unwrap();
    lib.set_bookmark("b-article", true).unwrap();
    lib.set_note("b-article", "Worth a follow-up.").unwrap();
    // Spans two lines, to check every line of the quote is quoted.
    let (quote, position) = make_selector(TEXT, 6, 44);
    lib.add_annotation("b-article", Annotation::new(quote, position, "Key claim."))
        .1
        .unwrap();
    let (quote, position) = make_selector(TEXT, 0, 5);
    lib.add_annotation("a-article", Annotation::new(quote, position, ""))
        .1
        .unwrap();
    let (quote, position) = make_selector(TEXT, 54, 59);
    let (gone, _) = lib.add_annotation("a-article", Annotation::new(quote, position, "deleted"));
    lib.delete_annotation("a-article", &gone).unwrap();
    // Reading state alone is not exported.
    lib.set_read("c-article", true).unwrap();
    lib
}

fn titles(id: &str) -> Option<String> {
    match id {
        "b-article" => Some("Alpha story".into()),
        "a-article" => Some("Zulu\nstory".into()),
        _ => None,
    }
}

#[test]
fn markdown_groups_by_article() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let md = lib.export_markdown("builtin:seeds", &|id| {
        titles(id).map(dossier::library::ArticleInfo::from)
    });
    let expected = "# Library: builtin:seeds

## Alpha story

- Article: `b-article`
- Bookmarked

### Note

Worth a follow-up.

### Annotations

> line of the story.
> Second line, with a

Key claim.

## Zulu story

- Article: `a-article`

### Annotations

> First
";
    assert_eq!(md, expected);
    assert!(!md.contains("deleted") && !md.contains("c-article"));
}

#[test]
fn markdown_of_an_empty_library_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _) = Library::open(dir.path(), "k").unwrap();
    assert!(
        lib.export_markdown("builtin:seeds", &|_| None)
            .contains("Nothing bookmarked")
    );
}

#[test]
fn json_ld_is_a_web_annotation_collection() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let doc = export_json_ld(lib.state());
    assert_eq!(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(doc["type"], "AnnotationCollection");
    let items = doc["first"]["items"].as_array().unwrap();
    assert_eq!(doc["total"], items.len());
    assert_eq!(items.len(), 4, "bookmark, note, two live passages: {items:#?}");
    assert!(items.iter().all(|i| i["type"] == "Annotation"));

    let by = |motivation: &str| -> Vec<&Value> { items.iter().filter(|i| i["motivation"] == motivation).collect() };
    assert_eq!(by("bookmarking")[0]["target"], "b-article");
    let note = by("commenting")
        .into_iter()
        .find(|i| i["target"] == "b-article")
        .unwrap();
    assert_eq!(
        note["body"],
        json!({"type": "TextualBody", "value": "Worth a follow-up.", "format": "text/plain"})
    );

    let passage = items.iter().find(|i| i["body"]["value"] == "Key claim.").unwrap();
    assert_eq!(passage["motivation"], "commenting");
    assert!(passage["id"].as_str().unwrap().starts_with("urn:dossier:annotation:"));
    assert_eq!(passage["target"]["source"], "b-article");
    let selectors = passage["target"]["selector"].as_array().unwrap();
    assert_eq!(selectors[0]["type"], "TextQuoteSelector");
    assert_eq!(selectors[0]["exact"], "line of the story.\nSecond line, with a");
    assert_eq!(selectors[0]["prefix"], "First ");
    assert_eq!(
        selectors[1],
        json!({"type": "TextPositionSelector", "start": 6, "end": 44})
    );
    assert!(passage["created"].as_str().unwrap().ends_with('Z'));

    let highlight = by("highlighting");
    assert_eq!(highlight.len(), 1);
    assert!(highlight[0].get("body").is_none());
    assert!(
        highlight[0]["target"]["selector"][0].get("prefix").is_none(),
        "empty prefix omitted"
    );
}
