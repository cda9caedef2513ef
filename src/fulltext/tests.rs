use proptest::prelude::*;

use super::*;

#[test]
fn terms_are_analysed_like_the_index() {
    let terms = query_terms("Élections \"central banks\" -war OR peace");
    for want in ["elect", "central", "bank", "war", "peac"] {
        assert!(terms.contains(want), "{want} missing from {terms:?}");
    }
}

#[test]
fn hits_cover_every_form_of_a_word() {
    let text = "An élection, two ELECTIONS and electoral talk; elected.";
    let hits = hit_ranges(text, &query_terms("elections"));
    let words: Vec<&str> = hits.iter().map(|r| &text[r.clone()]).collect();
    // English stemming: the forms of "elect" match, "electoral" (another stem) does not.
    assert_eq!(words, ["élection", "ELECTIONS", "elected"]);
    assert!(hit_ranges(text, &HashSet::new()).is_empty());
}

#[test]
fn snippet_is_one_line_around_the_hit() {
    let dir = tempfile::tempdir().unwrap();
    let (index, rebuilt) = SearchIndex::open_or_create(dir.path()).unwrap();
    assert_eq!(rebuilt, None);
    let prepared = index.prepare("harbour").unwrap();
    let body = format!(
        "{}\nThe harbour closed.\n{}",
        "filler words here ".repeat(30),
        "more ".repeat(40)
    );
    let snippet = prepared.snippet(&body);
    assert!(!snippet.text.contains('\n'));
    assert!(snippet.text.chars().count() <= SNIPPET_CHARS + 1);
    // Nothing was indexed, so the generator knows no term: the body's opening is shown.
    assert!(snippet.highlights.is_empty());
    assert!(snippet.text.starts_with("filler"));
}

proptest! {
    #[test]
    fn hit_ranges_are_words_that_match(text in "[a-zA-Zéü ,.\n]{0,80}", query in "[a-z]{1,6}") {
        let terms = query_terms(&query);
        for hit in hit_ranges(&text, &terms) {
            prop_assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end));
            let word = &text[hit.clone()];
            prop_assert!(terms.contains(&query_terms(word).into_iter().next().unwrap_or_default()));
        }
    }
}
