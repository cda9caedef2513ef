//! Names an article mentions. For now, runs of capitalised words; the sidebar lists them.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub name: String,
    pub mentions: usize,
}

/// Words that start sentences or are capitalised for grammar, not because they name something.
const STOP: &[&str] = &[
    "A", "An", "And", "As", "At", "But", "By", "For", "From", "He", "Her", "His", "However", "If", "In", "It", "Its",
    "On", "Or", "She", "So", "That", "The", "Their", "There", "These", "They", "This", "Those", "To", "We", "What",
    "When", "Where", "While", "Who", "With", "Yet", "I", "Our", "After", "Before", "During",
];

/// Capitalised names in an article body (paragraphs separated by `\n`), most mentioned first.
pub fn names_in(body: &str) -> Vec<Entity> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for para in body.split('\n') {
        let mut run: Vec<&str> = Vec::new();
        for raw in para.split_whitespace() {
            let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
            let word = word
                .strip_suffix("’s")
                .or_else(|| word.strip_suffix("'s"))
                .unwrap_or(word);
            let capitalised = word.chars().next().is_some_and(char::is_uppercase) && word.chars().count() > 1;
            let starts_sentence = run.is_empty() && STOP.contains(&word);
            if capitalised && !starts_sentence {
                run.push(word);
            }
            let ends_run = !capitalised || starts_sentence || raw.ends_with([',', '.', ';', ':', '?', '!', ')']);
            if ends_run && !run.is_empty() {
                *counts.entry(run.join(" ")).or_default() += 1;
                run.clear();
            }
        }
        if !run.is_empty() {
            *counts.entry(run.join(" ")).or_default() += 1;
        }
    }
    let mut names: Vec<Entity> = counts
        .into_iter()
        .map(|(name, mentions)| Entity { name, mentions })
        .collect();
    names.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.name.cmp(&b.name)));
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::text::{build_document, parse_text};

    #[test]
    fn finds_capitalised_runs() {
        let doc = build_document(
            &parse_text(
                "Head\nThe talks with Jens Stoltenberg in Brussels ended. NATO’s plan stands. Stoltenberg left.\n",
            ),
            "",
        );
        let found = names_in(doc.body());
        let names: Vec<&str> = found.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"Jens Stoltenberg"), "{names:?}");
        assert!(names.contains(&"Brussels"));
        assert!(names.contains(&"NATO"));
        assert!(!names.contains(&"The"));
    }
}
