//! Unit tests for linking, aliases and kinds.

use super::tests::{get, names};
use super::{Kind, extract};

#[test]
fn acronyms_link_to_their_expansion() {
    let text = "Allies pledged to the Prioritised Ukraine Requirements List (PURL). \
                The PURL program grew, and the North Atlantic Treaty Organization (NATO) said \
                NATO would help.";
    let found = extract(text, None);
    let purl = get(&found, "Prioritised Ukraine Requirements List");
    assert_eq!(purl.aliases, ["PURL"]);
    assert_eq!(purl.mentions.len(), 3);
    assert_eq!(purl.kind, Kind::Other);
    let nato = get(&found, "North Atlantic Treaty Organization");
    assert_eq!(nato.aliases, ["NATO"]);
    assert_eq!(nato.kind, Kind::Organization);
}

#[test]
fn acronyms_of_other_languages_link_to_named_bodies() {
    let text = "The Disaster and Emergency Management Authority (AFAD) said AFAD teams left.";
    let found = extract(text, None);
    let afad = get(&found, "Disaster and Emergency Management Authority");
    assert_eq!(afad.aliases, ["AFAD"]);
    assert_eq!(afad.mentions.len(), 3);
}

#[test]
fn a_person_in_parentheses_is_no_expansion() {
    let found = extract("The envoy, Jens Stoltenberg (NATO), spoke.", None);
    assert_eq!(get(&found, "Jens Stoltenberg").aliases.len(), 0);
    assert_eq!(get(&found, "NATO").kind, Kind::Organization);
}

#[test]
fn surnames_link_to_the_full_name() {
    let text = "NATO chief Jens Stoltenberg spoke. Later Stoltenberg’s aides said Stoltenberg \
                would travel.";
    let found = extract(text, None);
    let jens = get(&found, "Jens Stoltenberg");
    assert_eq!(jens.aliases, ["Stoltenberg"]);
    assert_eq!(jens.mentions.len(), 3);
    assert_eq!(jens.kind, Kind::Person);
}

#[test]
fn a_shared_surname_stays_unattributed() {
    let text = "Marina Costa and her brother Rafael Costa are rivals. Polls favour Rafael, \
                and Costa said the race was close.";
    let found = extract(text, None);
    assert!(!names(&found).contains(&"Costa"), "{:?}", names(&found));
    assert_eq!(get(&found, "Rafael Costa").aliases, ["Rafael"]);
    assert!(found.iter().all(|e| !e.aliases.contains(&"Costa".to_string())));
}

#[test]
fn short_forms_of_organisations_link() {
    let text = "Lumora Systems Inc. unveiled a chip. Rivals of Lumora were unmoved, and \
                Castlegate Capital LLC declined. Castlegate bought Baumann Bank AG, not \
                Baumann Invest, and Baumann shares rose.";
    let found = extract(text, None);
    assert_eq!(get(&found, "Lumora Systems Inc.").aliases, ["Lumora"]);
    assert_eq!(get(&found, "Castlegate Capital LLC").aliases, ["Castlegate"]);
    assert_eq!(get(&found, "Baumann Bank AG").aliases, ["Baumann"]);
}

#[test]
fn gazetteer_synonyms_are_one_entity() {
    let text = "Envoys from the U.S. met officials of the United States and the UK.";
    let found = extract(text, None);
    let us = get(&found, "United States");
    assert_eq!(us.aliases, ["U.S."]);
    assert_eq!(us.kind, Kind::Place);
    assert_eq!(get(&found, "UK").kind, Kind::Place);
}

#[test]
fn one_kind_per_name() {
    let text = "Jordan Ellis won in Doha. Ellis said the track was fast, and Ellis thanked fans.";
    let found = extract(text, None);
    let jordan = get(&found, "Jordan Ellis");
    assert_eq!(jordan.kind, Kind::Person);
    let mut seen = std::collections::HashSet::new();
    assert!(found.iter().all(|e| seen.insert(e.name.clone())));
}

#[test]
fn cue_words_decide_kinds() {
    let text = "After World War II the Treaty of Rome, the Paris Agreement and the Tokyo \
                Olympics followed, while the Ministry of Defence, the Defence Ministry and \
                Nordhafen Kreditbank watched the Mississippi River, Oxford Street and the \
                East Anatolian Fault.";
    let found = extract(text, None);
    for (name, kind) in [
        ("World War II", Kind::Other),
        ("Treaty of Rome", Kind::Other),
        ("Paris Agreement", Kind::Other),
        ("Tokyo Olympics", Kind::Other),
        ("Ministry of Defence", Kind::Organization),
        ("Defence Ministry", Kind::Organization),
        ("Mississippi River", Kind::Place),
        ("Oxford Street", Kind::Place),
        ("East Anatolian Fault", Kind::Place),
    ] {
        assert_eq!(get(&found, name).kind, kind, "{name}");
    }
}

#[test]
fn context_nouns_decide_kinds() {
    let text = "Reports came from the vaccine alliance Gavi, the city of Malatya and the \
                Verdi union, while striker Sam Whitlock scored and Olena, a mother of two, \
                fled to the Troll field.";
    let found = extract(text, None);
    for (name, kind) in [
        ("Gavi", Kind::Organization),
        ("Malatya", Kind::Place),
        ("Verdi", Kind::Organization),
        ("Sam Whitlock", Kind::Person),
        ("Olena", Kind::Person),
        ("Troll", Kind::Place),
    ] {
        assert_eq!(get(&found, name).kind, kind, "{name}");
    }
}

#[test]
fn lists_share_a_kind() {
    let text = "Rescuers reached the city of Malatya, Adıyaman and Elazığ, then Ankara.";
    let found = extract(text, None);
    for name in ["Adıyaman", "Elazığ"] {
        assert_eq!(get(&found, name).kind, Kind::Place, "{name}");
    }
}

#[test]
fn results_are_sorted_and_ranges_valid() {
    let text = "NATO met. Brussels hosted NATO and Zelensky. Brussels was cold; NATO left.";
    let found = extract(text, None);
    assert_eq!(names(&found), ["NATO", "Brussels", "Zelensky"]);
    for e in &found {
        assert!(e.mentions.windows(2).all(|w| w[0].start < w[1].start));
        for m in &e.mentions {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }
}

#[test]
fn empty_and_odd_inputs_yield_nothing() {
    for text in ["", "\n\n", "   ", "[1][2]", "— — —", "a b c", "THE END"] {
        assert!(extract(text, None).is_empty(), "{text:?}");
    }
}
