use nucleo::Config;
use proptest::prelude::*;

use super::*;
use crate::store::{Format, Origin};

fn meta(title: &str, author: Option<&str>, source: Option<&str>) -> ArticleMeta {
    ArticleMeta {
        id: title.to_string(),
        title: title.to_string(),
        path: format!("{title}.txt"),
        source: source.map(str::to_string),
        url: None,
        author: author.map(str::to_string),
        date: Some("2024-03-01".into()),
        published: None,
        words: 10,
        truncated: false,
        format: Format::Text,
        origin: Origin::Seed(0),
        content: 0,
    }
}

/// A test article: its title, and the names the entity pass would have found in it.
struct Art {
    meta: ArticleMeta,
    names: Vec<&'static str>,
}

fn art(title: &str, names: &[&'static str]) -> Art {
    Art {
        meta: meta(title, None, None),
        names: names.to_vec(),
    }
}

fn items(arts: &[Art]) -> Vec<Item> {
    arts.iter().map(|a| item(&a.meta, &a.names)).collect()
}

fn titles(arts: &[Art], query: &str) -> Vec<String> {
    rank(items(arts), query)
        .into_iter()
        .map(|i| arts[i as usize].meta.title.clone())
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn corpus() -> Vec<Art> {
    vec![
        art("NATO stays out of Gaza", &["Jens Stoltenberg", "Gaza"]),
        art("Café culture in Paris", &["Paris"]),
        art("Ukraine asks NATO for help", &["Ukraine", "NATO"]),
        art("Weather report", &[]),
    ]
}

#[test]
fn items_keep_fields_apart_and_ascii_compact() {
    let m = meta("Rates held", Some("Lena Fischer"), Some("Reuters"));
    let it = item(&m, &["Christine Lagarde", "ECB"]);
    assert!(matches!(it.text, Utf32String::Ascii(_)));
    let fields: Vec<String> = it.fields().map(|f| f.to_string()).collect();
    assert_eq!(
        fields,
        ["Rates held", "Lena Fischer", "Reuters", "Christine Lagarde", "ECB"]
    );
    assert_eq!(it.title().to_string(), "Rates held");
    assert_eq!(it.others().count(), 4);
    // Names are separated, never joined: "Lagarde" + "ECB" is not one field.
    let odd_names = item(&m, &["A\nB", "", "C"]);
    let fields: Vec<String> = odd_names.fields().map(|f| f.to_string()).collect();
    assert_eq!(fields, ["Rates held", "Lena Fischer", "Reuters", "A B", "C"]);
    assert_eq!(rank([it.clone()], "lagardeecb"), Vec::<u32>::new());
    // No path, no date: they matched letters of every query.
    let plain = item(&meta("Rates held", None, None), &[]);
    assert_eq!(plain.fields().count(), 1);
    // A field starting with a combining mark stays its own field.
    let odd = item(&meta("Cafe", None, Some("\u{301}x")), &[]);
    let fields: Vec<String> = odd.fields().map(|f| f.to_string()).collect();
    assert_eq!(fields, ["Cafe", "\u{301}x"]);
}

#[test]
fn terms_are_anded_and_entities_count() {
    let c = corpus();
    assert_eq!(titles(&c, "stoltenberg gaza"), ["NATO stays out of Gaza"]);
    assert_eq!(
        sorted(titles(&c, "nato")),
        ["NATO stays out of Gaza", "Ukraine asks NATO for help"]
    );
}

#[test]
fn a_term_matches_inside_one_field_never_across_fields() {
    let c = vec![
        // l-a-g-a-r-d-e strung across title and names: no field holds it.
        art("Lamb and goats", &["Arden", "Eve"]),
        art("ECB holds rates", &["Christine Lagarde"]),
    ];
    assert_eq!(titles(&c, "lagarde"), ["ECB holds rates"]);
    // Separate terms may match in separate fields.
    assert_eq!(titles(&c, "ecb lagarde"), ["ECB holds rates"]);
    assert_eq!(titles(&c, "goats arden"), ["Lamb and goats"]);
}

#[test]
fn a_negated_term_excludes_on_any_field() {
    let c = corpus();
    assert_eq!(titles(&c, "nato !gaza"), ["Ukraine asks NATO for help"]);
    // Gaza is only a name of the first article, not in the second's title: still excluded.
    assert_eq!(titles(&c, "nato !stoltenberg"), ["Ukraine asks NATO for help"]);
    assert_eq!(titles(&c, "!ukraine").len(), 3);
    // A negated term alone keeps what it does not match.
    assert!(!titles(&c, "!paris").contains(&"Café culture in Paris".to_string()));
}

#[test]
fn an_exact_term_needs_the_whole_word() {
    let c = vec![
        art("Visionary leaders meet", &[]),
        art("Analysts doubt Vision Pro sales", &[]),
        art("Television ratings fall", &[]),
        art("Apple faces EU scrutiny", &["Vision Pro"]),
    ];
    assert_eq!(
        titles(&c, "'vision"),
        ["Analysts doubt Vision Pro sales", "Apple faces EU scrutiny"]
    );
    // Punctuation and the field's ends are boundaries too.
    let c = vec![art("Talks (NATO), then", &[]), art("NATO.", &[]), art("NATOs", &[])];
    assert_eq!(titles(&c, "'nato").len(), 2);
    // Smart case applies: a capital makes the word case-sensitive.
    let c = vec![art("Apple and apple pie", &[]), art("apple crumble", &[])];
    assert_eq!(titles(&c, "'Apple"), ["Apple and apple pie"]);
    // A needle ending in a non-letter needs no boundary after it.
    let c = vec![art("U.S.-China talks", &[])];
    assert_eq!(titles(&c, "'u.s.").len(), 1);
}

#[test]
fn a_title_match_outranks_any_other_field() {
    let c = vec![
        art("Markets rally on rate hopes", &["Christine Lagarde"]),
        art("Apple faces EU scrutiny", &["Vision Pro"]),
        art("ECB holds rates as Lagarde signals summer cut", &["ECB"]),
        art("Analysts doubt Vision Pro sales", &[]),
    ];
    assert_eq!(
        titles(&c, "'lagarde"),
        [
            "ECB holds rates as Lagarde signals summer cut",
            "Markets rally on rate hopes"
        ]
    );
    assert_eq!(
        titles(&c, "'vision"),
        ["Analysts doubt Vision Pro sales", "Apple faces EU scrutiny"]
    );
    assert_eq!(
        titles(&c, "lagarde")[0],
        "ECB holds rates as Lagarde signals summer cut"
    );
    // More terms in the title beat fewer, whatever the scores.
    let c = vec![
        art("Stoltenberg speaks", &["NATO"]),
        art("NATO chief Stoltenberg speaks", &[]),
    ];
    assert_eq!(titles(&c, "nato stoltenberg")[0], "NATO chief Stoltenberg speaks");
}

#[test]
fn ties_keep_corpus_order() {
    let c = vec![
        art("Budget vote", &[]),
        art("Budget vote", &[]),
        art("Budget vote", &[]),
    ];
    assert_eq!(rank(items(&c), "budget"), [0, 1, 2]);
}

#[test]
fn author_and_source_are_fields() {
    let c = vec![
        Art {
            meta: meta("Rates held", Some("Lena Fischer"), Some("Reuters")),
            names: vec![],
        },
        art("Fisheries deal signed", &[]),
    ];
    assert_eq!(titles(&c, "'fischer"), ["Rates held"]);
    assert_eq!(titles(&c, "reuters"), ["Rates held"]);
    // The file name is not a field.
    assert!(titles(&c, "'txt").is_empty());
}

#[test]
fn prefix_and_suffix_apply_to_each_field() {
    let c = corpus();
    assert_eq!(titles(&c, "^ukr"), ["Ukraine asks NATO for help"]);
    assert_eq!(titles(&c, "^weather"), ["Weather report"]);
    // The title ends in "report", so `report$` finds it (it did not when the file name and
    // the names followed the title in one string).
    assert_eq!(titles(&c, "report$"), ["Weather report"]);
    // A name is a field: "Jens Stoltenberg" starts with "jens" and ends with "berg".
    assert_eq!(titles(&c, "^jens"), ["NATO stays out of Gaza"]);
    assert_eq!(titles(&c, "berg$"), ["NATO stays out of Gaza"]);
    assert!(titles(&c, "^stoltenberg").is_empty());
    assert_eq!(titles(&c, "^gaza$"), ["NATO stays out of Gaza"]);
}

#[test]
fn smart_case_and_normalisation() {
    let c = corpus();
    // An upper-case letter makes the term case-sensitive.
    assert!(titles(&c, "Weather").contains(&"Weather report".to_string()));
    assert!(titles(&c, "WEATHER").is_empty());
    // Plain e matches é; é matches only é.
    assert_eq!(titles(&c, "cafe"), ["Café culture in Paris"]);
    assert_eq!(titles(&c, "'café"), ["Café culture in Paris"]);
    assert_eq!(titles(&c, "").len(), 4);
    let c = vec![art("Cafe life", &[]), art("Café life", &[])];
    assert_eq!(titles(&c, "café"), ["Café life"]);
    assert_eq!(titles(&c, "cafe").len(), 2);
}

#[test]
fn narrowing_is_only_used_where_it_is_sound() {
    let q = Query::parse;
    assert!(q("natO").narrows(&q("nat")));
    assert!(q("nato g").narrows(&q("nato")));
    assert!(q("nato$").narrows(&q("nato")));
    assert!(q("^nato").narrows(&q("^nat")));
    // The word "nato" does not contain the word "nat", and `!gaza` excludes less than `!gaz`.
    assert!(!q("'nato").narrows(&q("'nat")));
    assert!(!q("!gaza").narrows(&q("!gaz")));
    // Case-sensitive before, case-insensitive after is wider.
    assert!(!q("nato").narrows(&q("N")));
    assert!(!q("ukraine").narrows(&q("nato")));
}

#[test]
fn incremental_query_matches_like_a_fresh_one() {
    let c = corpus();
    let mut filter = Engine::new();
    filter.push(items(&c));
    for q in [
        "n", "na", "nat", "nato", "nato ", "nato g", "nato", "'na", "'nato", "!g", "!ga", "!gaza", "ga",
    ] {
        filter.set_query(q);
        assert_eq!(filter.settle().order, rank(items(&c), q), "query {q:?}");
    }
}

#[test]
fn a_stopped_pass_resumes_and_narrows_correctly() {
    // Enough articles for several chunks; the pass is stopped after its first report.
    let arts: Vec<Art> = (0..20_000)
        .map(|i| art(&format!("Item {i} about {}", ["nato", "gaza", "paris"][i % 3]), &[]))
        .collect();
    let mut filter = Engine::new();
    filter.push(items(&arts));
    filter.set_query("a");
    let stop_now = std::sync::atomic::AtomicBool::new(false);
    filter.run(&|| stop_now.load(std::sync::atomic::Ordering::Relaxed), &mut |_| {});
    // Stop at once: nothing is lost, the rest is still to do.
    let stopped = std::sync::atomic::AtomicBool::new(true);
    filter.set_query("ab");
    filter.run(&|| stopped.load(std::sync::atomic::Ordering::Relaxed), &mut |_| {});
    assert!(filter.running());
    filter.set_query("abo");
    assert_eq!(filter.settle().order, rank(items(&arts), "abo"));
    // Newly pushed articles are matched against the current query and merged in.
    filter.push(items(&[art("Item 99999 about nothing", &[])]));
    let order = filter.settle().order;
    assert_eq!(order.len(), 20_001);
    assert_eq!(
        order,
        rank(
            items(&arts)
                .into_iter()
                .chain(items(&[art("Item 99999 about nothing", &[])])),
            "abo"
        )
    );
}

#[test]
fn highlights_are_title_graphemes_of_terms_that_matched_it() {
    let mut matcher = Matcher::new(Config::DEFAULT);
    let title = "Café culture";
    let ranges = title_highlights(&pattern("cafe"), title, &mut matcher);
    let lit: String = ranges.iter().map(|&(s, e)| &title[s..e]).collect();
    assert_eq!(lit, "Café");
    // A term that matches no title highlights nothing (it matched a name).
    assert!(title_highlights(&pattern("stolt"), "Talks", &mut matcher).is_empty());
    // Only the terms that match the title are shown; negated ones never are.
    let title = "NATO talks in Brussels";
    let ranges = title_highlights(&pattern("'nato stoltenberg !paris"), title, &mut matcher);
    let lit: String = ranges.iter().map(|&(s, e)| &title[s..e]).collect();
    assert_eq!(lit, "NATO");
    // An exact word highlights the word, not an earlier substring.
    let title = "Visionary Vision";
    let ranges = title_highlights(&pattern("'vision"), title, &mut matcher);
    assert_eq!(ranges.first().map(|r| r.0), Some(10));
}

proptest! {
    #[test]
    fn grapheme_ranges_are_exactly_the_indexed_graphemes(
        text in "([a-z ]|é|e\u{301}|漢|字|👍|👨\u{200d}👩\u{200d}👧|ä|\u{1f1eb}\u{1f1f7}){0,30}",
        raw in proptest::collection::btree_set(0u32..40, 0..10),
    ) {
        let indices: Vec<u32> = raw.into_iter().collect();
        let graphemes: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
        let ranges = grapheme_ranges(&text, &indices);
        let expected: Vec<(usize, usize)> = indices
            .iter()
            .filter_map(|&i| graphemes.get(i as usize).map(|&(s, g)| (s, s + g.len())))
            .collect();
        prop_assert_eq!(ranges, expected);
    }

    #[test]
    fn a_query_taken_from_the_title_highlights_whole_graphemes_of_it(
        title in "([a-z ]|é|e\u{301}|漢|字|👍|👨\u{200d}👩\u{200d}👧|ä){1,30}",
        pick in proptest::collection::vec(any::<prop::sample::Index>(), 1..4),
    ) {
        let graphemes: Vec<&str> = title.graphemes(true).collect();
        let mut picked: Vec<usize> = pick.iter().map(|i| i.index(graphemes.len())).collect();
        picked.sort_unstable();
        picked.dedup();
        let query: String = picked.iter().map(|&i| graphemes[i]).filter(|g| !g.trim().is_empty()).collect();
        prop_assume!(!query.is_empty());
        let mut matcher = Matcher::new(Config::DEFAULT);
        // The article the query was taken from matches it...
        prop_assert_eq!(rank([item(&meta(&title, None, None), &[])], &query), vec![0]);
        let ranges = title_highlights(&pattern(&query), &title, &mut matcher);
        let boundaries: Vec<usize> = title.grapheme_indices(true).map(|(i, _)| i).chain([title.len()]).collect();
        prop_assert!(!ranges.is_empty(), "query {query:?} matched nothing in {title:?}");
        prop_assert!(ranges.len() <= query.graphemes(true).count());
        for &(s, e) in &ranges {
            prop_assert!(boundaries.contains(&s) && boundaries.contains(&e), "split a grapheme");
            prop_assert_eq!(title[s..e].graphemes(true).count(), 1);
        }
    }

    /// Whatever the fields, an article matches a one-term query exactly when one of its fields
    /// does on its own.
    #[test]
    fn one_term_matches_when_some_field_alone_does(
        fields in proptest::collection::vec("[a-cA-C é]{0,8}", 1..5),
        query in "[a-cA-C]{1,3}",
    ) {
        let m = meta(&fields[0], None, None);
        let names: Vec<&str> = fields[1..].iter().map(String::as_str).collect();
        let whole = !rank([item(&m, &names)], &query).is_empty();
        let any = fields.iter().any(|f| !rank([item(&meta(f, None, None), &[])], &query).is_empty());
        prop_assert_eq!(whole, any);
    }
}

#[test]
fn a_needle_ending_a_non_ascii_field_is_found() {
    // The "…" makes the item's text non-ASCII, where nucleo's substring search misses the last
    // place a needle fits.
    let c = vec![
        art("The alliance…", &["NATO", "Jens Stoltenberg"]),
        art("Other talks…", &[]),
    ];
    assert_eq!(titles(&c, "'stoltenberg"), ["The alliance…"]);
    assert_eq!(titles(&c, "!berg"), ["Other talks…"]);
    assert_eq!(titles(&c, "'alliance…"), ["The alliance…"]);
}

#[test]
fn an_article_set_anew_is_matched_again_and_the_others_keep_their_results() {
    let mut engine = Engine::new();
    engine.push(["alpha talks", "beta", "alpha summit"].map(Item::titled));
    engine.set_query("alpha");
    assert_eq!(engine.settle().order.len(), 2);
    // Its fields changed (a tag added, say): it now matches, and so do the others still.
    engine.set(1, Item::titled("beta alpha"));
    let mut order = engine.settle().order;
    order.sort_unstable();
    assert_eq!(order, [0, 1, 2]);
    engine.set(0, Item::titled("gamma"));
    let mut order = engine.settle().order;
    order.sort_unstable();
    assert_eq!(order, [1, 2]);
    engine.set(99, Item::titled("out of range is ignored"));
    assert_eq!(engine.settle().order.len(), 2);
}
