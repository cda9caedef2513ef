//! The generated gazetteer and its ambiguity rules (see `world_counts` in `mod.rs`).

use super::tests::{get, names};
use super::{Kind, extract};

fn kind(text: &str, name: &str) -> Option<Kind> {
    extract(text, None).iter().find(|e| e.name == name).map(|e| e.kind)
}

#[test]
fn countries_and_cities_beyond_the_old_lists_are_places() {
    let text = "Aid reached Kenya, Ethiopia and Nigeria on Monday. Flights from Hong Kong to \
                Lodwar and Kumasi resumed, officials in Mekelle said.";
    let found = extract(text, None);
    for place in [
        "Kenya",
        "Ethiopia",
        "Nigeria",
        "Hong Kong",
        "Lodwar",
        "Kumasi",
        "Mekelle",
    ] {
        assert_eq!(get(&found, place).kind, Kind::Place, "{place} in {:?}", names(&found));
    }
}

#[test]
fn a_city_that_is_a_common_word_needs_a_word_that_introduces_a_place() {
    // "Reading" starts a sentence: a verb, not the town; "in Reading" is the town.
    assert_eq!(kind("Reading the report, the minister frowned.", "Reading"), None);
    assert_eq!(
        kind("The factory in Reading closed on Friday.", "Reading"),
        Some(Kind::Place)
    );
    // In a Title Case heading a common word proves nothing either.
    assert_ne!(
        kind("Nice Weather Lifts Sales\nShops were busy.", "Nice"),
        Some(Kind::Place)
    );
    assert_eq!(
        kind("Protesters gathered in Nice on Sunday.", "Nice"),
        Some(Kind::Place)
    );
}

#[test]
fn a_city_that_is_a_given_name_is_a_person_with_a_surname_and_a_place_when_introduced() {
    assert_eq!(
        kind("Florence Mwangi said the clinic was full.", "Florence Mwangi"),
        Some(Kind::Person)
    );
    assert_ne!(
        kind("Aid workers met Florence, who said little.", "Florence"),
        Some(Kind::Place)
    );
    assert_eq!(kind("The museum in Florence reopened.", "Florence"), Some(Kind::Place));
    // Followed by its country it is the place.
    assert_eq!(
        kind("He grew up in a village near Florence, Italy.", "Florence"),
        Some(Kind::Place)
    );
}

#[test]
fn a_city_after_an_honorific_or_a_role_is_a_surname() {
    assert_ne!(
        kind("Talks stalled, Mr. Santos told reporters.", "Santos"),
        Some(Kind::Place)
    );
    let text = "Prime Minister Luís Montenegro said the budget would pass.";
    assert_eq!(kind(text, "Luís Montenegro"), Some(Kind::Person));
}

#[test]
fn given_names_come_from_many_languages() {
    for text in [
        "Chinedu Okafor said the port was shut.",
        "Selin Aydın, an economist, said rates would rise.",
        "Tesfaye Bekele said the dam was finished.",
        "Oluwaseun Adeyemi told the court he was innocent.",
    ] {
        let found = extract(text, None);
        let first = &found[0];
        assert_eq!(first.kind, Kind::Person, "{text}: {:?}", names(&found));
    }
}

#[test]
fn section_labels_and_time_zones_are_not_names() {
    let text = "BUSINESS\nHarbour Bank said on Monday it would cut jobs.\nUpdated 6:42 p.m. EDT";
    let found = extract(text, None);
    assert!(
        found.iter().all(|e| e.name != "BUSINESS" && e.name != "EDT"),
        "{:?}",
        names(&found)
    );
    // An acronym in prose that is also a dictionary word stays a name.
    let found = extract("Donors backed the Prioritised Ukraine Requirements List (PURL).", None);
    assert_eq!(get(&found, "Prioritised Ukraine Requirements List").aliases, ["PURL"]);
}

#[test]
fn a_portfolio_joined_by_and_stays_in_the_ministry() {
    let found = extract("The Ministry of Labour and Employment said wages would rise.", None);
    assert_eq!(
        get(&found, "Ministry of Labour and Employment").kind,
        Kind::Organization
    );
    // Two names joined by "and" stay two.
    let found = extract("The Bank of England and Barclays declined to comment.", None);
    assert!(names(&found).contains(&"Barclays"), "{:?}", names(&found));
}

#[test]
fn plural_nationalities_are_not_names() {
    let found = extract("Kenyans and Nigerians queued at the border with Ethiopians.", None);
    assert!(found.iter().all(|e| !e.name.ends_with("ans")), "{:?}", names(&found));
}
