//! Unit tests for tokenizing, casing and segmentation rules.

use super::token::{ParaCase, Shape};
use super::tokenize::tokenize;
use super::{CaseStats, Entity, Kind, extract};

pub(super) fn names(found: &[Entity]) -> Vec<&str> {
    found.iter().map(|e| e.name.as_str()).collect()
}

pub(super) fn get<'a>(found: &'a [Entity], name: &str) -> &'a Entity {
    found
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no {name:?} in {:?}", names(found)))
}

fn words(text: &str) -> Vec<(&str, Shape)> {
    let doc = tokenize(text);
    (0..doc.tokens.len())
        .filter(|&i| doc.tokens[i].is_word())
        .map(|i| (doc.word(i), doc.tokens[i].shape))
        .collect()
}

#[test]
fn tokens_fold_possessives_abbreviations_and_hyphens() {
    let w = words("NATO’s and NATO's U.S. Mr. Smith post-Cold War Frankfurt-based Workers' Party");
    let texts: Vec<&str> = w.iter().map(|(t, _)| *t).collect();
    assert_eq!(
        texts,
        [
            "NATO",
            "and",
            "NATO",
            "U.S.",
            "Mr.",
            "Smith",
            "Cold",
            "War",
            "Frankfurt",
            "Workers'",
            "Party"
        ]
    );
    assert_eq!(w[0].1, Shape::Upper);
    assert_eq!(w[3].1, Shape::Upper);
    assert_eq!(w[5].1, Shape::Title);
}

#[test]
fn citation_markers_vanish() {
    let w = words("the North Atlantic Treaty[3] and Europe[1][2].");
    let texts: Vec<&str> = w.iter().map(|(t, _)| *t).collect();
    assert_eq!(texts, ["the", "North", "Atlantic", "Treaty", "and", "Europe"]);
    let found = extract("It cited the North Atlantic Treaty[3] and Europe[1][2].", None);
    assert!(names(&found).contains(&"North Atlantic Treaty"));
    assert!(found.iter().all(|e| !e.name.contains('[')));
}

#[test]
fn paragraphs_are_classified() {
    let doc = tokenize("BAUMANN BANK TO CUT 2,000 JOBS AS PROFIT SLUMPS\nWhere NATO Fits In\nNATO met in Brussels.");
    assert_eq!(doc.paras, [ParaCase::AllCaps, ParaCase::TitleCase, ParaCase::Normal]);
}

#[test]
fn hard_wrapped_lines_are_rejoined() {
    let text = "LONDON - The chairman of the company said on Monday that talks with\n\
                Helena Marchetti and the board of the European Central Bank had\n\
                made progress, and that a deal with the bank's partners in Jens\n\
                Stoltenberg's home country of Norway could follow within weeks.\n";
    let found = extract(text, None);
    let jens = get(&found, "Jens Stoltenberg");
    assert_eq!(&text[jens.mentions[0].clone()], "Jens\nStoltenberg");
    assert_eq!(get(&found, "Helena Marchetti").kind, Kind::Person);
}

#[test]
fn sentence_initial_words_need_evidence() {
    let text = "However, the talks stalled. The alliance met. On Tuesday, ministers left. \
                Earlier, diplomats spoke. Prior to that, nothing. Negotiations resumed in Brussels. \
                Later negotiations failed.";
    let found = extract(text, None);
    assert_eq!(names(&found), ["Brussels"]);
}

#[test]
fn sentence_initial_names_are_kept_when_cased_elsewhere() {
    let text = "Stoltenberg spoke first. Officials said that Stoltenberg was calm. Geoana agreed.";
    let found = extract(text, None);
    assert!(names(&found).contains(&"Stoltenberg"));
    // No evidence either way: a lone unknown word starting a sentence is left out.
    assert!(!names(&found).contains(&"Geoana"));
}

#[test]
fn case_stats_decide_unknown_sentence_starters() {
    let mut stats = CaseStats::default();
    stats.add_text("We met Equinor staff. Later the Equinor board met and Equinor agreed.");
    let mut other = CaseStats::default();
    other.add_text("The commentary was long, and more commentary followed.");
    stats.merge(&other);
    assert_eq!(stats.counts("equinor"), (3, 0));
    assert_eq!(stats.counts("Commentary"), (0, 2));
    let text = "Equinor raised output. Commentary was muted.";
    assert!(extract(text, None).is_empty());
    assert_eq!(names(&extract(text, Some(&stats))), ["Equinor"]);
}

#[test]
fn possessives_fold_into_one_mention() {
    let text = "NATO’s role grew. Then NATO's budget rose, and NATO met.";
    let found = extract(text, None);
    let nato = get(&found, "NATO");
    assert_eq!(nato.mentions.len(), 3);
    assert!(nato.aliases.is_empty());
    for m in &nato.mentions {
        assert_eq!(&text[m.clone()], "NATO");
    }
}

#[test]
fn company_endings_are_absorbed() {
    let text = "Shares of Lumora Systems Inc. rose while Baumann Bank AG, Castlegate Capital LLC, \
                Harland Foods plc, Kessler Werkzeug GmbH and Baumann Polska S.A. fell.";
    let found = extract(text, None);
    for name in [
        "Lumora Systems Inc.",
        "Baumann Bank AG",
        "Castlegate Capital LLC",
        "Harland Foods plc",
        "Kessler Werkzeug GmbH",
        "Baumann Polska S.A.",
    ] {
        assert_eq!(get(&found, name).kind, Kind::Organization, "{name}");
    }
}

#[test]
fn connectors_join_names() {
    let text = "Farmers blocked the Rue de la Loi near works by Leonardo da Vinci, and a \
                professor at the University of Bern met staff from the Suhaim bin Hamad Stadium.";
    let found = extract(text, None);
    assert_eq!(get(&found, "Rue de la Loi").kind, Kind::Place);
    assert_eq!(get(&found, "Leonardo da Vinci").kind, Kind::Person);
    assert_eq!(get(&found, "University of Bern").kind, Kind::Organization);
    assert_eq!(get(&found, "Suhaim bin Hamad Stadium").kind, Kind::Place);
}

#[test]
fn of_joins_only_inside_organisation_names() {
    let text = "Under Article 5 of the North Atlantic Treaty, Professor Luca Ferrante of the \
                Politecnico di Milano spoke to the Bank of Japan.";
    let found = extract(text, None);
    let n = names(&found);
    for name in [
        "Article 5",
        "North Atlantic Treaty",
        "Luca Ferrante",
        "Politecnico di Milano",
        "Bank of Japan",
    ] {
        assert!(n.contains(&name), "{name} not in {n:?}");
    }
}

#[test]
fn and_joins_only_organisation_names() {
    let text = "The Competition and Markets Authority reviewed Harland and Pryce plc. \
                Later, Harland and Pryce shares rose in Germany and France.";
    let found = extract(text, None);
    let cma = get(&found, "Competition and Markets Authority");
    assert_eq!(cma.kind, Kind::Organization);
    let hp = get(&found, "Harland and Pryce plc");
    assert_eq!(hp.aliases, ["Harland and Pryce"]);
    assert_eq!(hp.mentions.len(), 2);
    assert!(names(&found).contains(&"Germany") && names(&found).contains(&"France"));
}

#[test]
fn roles_are_split_off_and_mark_people() {
    let text = "NATO Secretary General Jens Stoltenberg met Ukrainian President Volodymyr Zelensky \
                and Russian Foreign Minister Sergei Lavrov. Dr. Aisha Bello and Mr Okoro listened.";
    let found = extract(text, None);
    assert_eq!(get(&found, "NATO").kind, Kind::Organization);
    for p in [
        "Jens Stoltenberg",
        "Volodymyr Zelensky",
        "Sergei Lavrov",
        "Aisha Bello",
        "Okoro",
    ] {
        assert_eq!(get(&found, p).kind, Kind::Person, "{p}");
    }
    let n = names(&found);
    for junk in [
        "Secretary General",
        "President",
        "Ukrainian",
        "Russian",
        "Foreign Minister",
    ] {
        assert!(!n.iter().any(|x| x.contains(junk)), "{junk} in {n:?}");
    }
}

#[test]
fn a_bare_role_before_a_comma_marks_the_appositive() {
    let text = "NATO’s Deputy Secretary General, Mircea Geoana, spoke. Geoana left.";
    let found = extract(text, None);
    let m = get(&found, "Mircea Geoana");
    assert_eq!(m.kind, Kind::Person);
    assert_eq!(m.aliases, ["Geoana"]);
}

#[test]
fn dates_are_not_entities() {
    let text = "On November 21, NATO met. The vote on Tuesday, March 4 was close; May 2024 \
                was busy and Friday was quiet.";
    assert_eq!(names(&extract(text, None)), ["NATO"]);
}

#[test]
fn demonyms_are_evidence_not_entities() {
    let text = "Belgian flags flew as the Palestinian-Israeli conflict and Russian officials \
                met British diplomats. The Turkish Red Crescent and the European Peace Facility \
                sent aid.";
    let found = extract(text, None);
    assert_eq!(get(&found, "Turkish Red Crescent").kind, Kind::Organization);
    assert_eq!(get(&found, "European Peace Facility").kind, Kind::Other);
    assert_eq!(found.len(), 2, "{:?}", names(&found));
}

#[test]
fn title_case_headlines_keep_only_proven_names() {
    let text = "Brussels at a Crossroads: The Alliance, an Unlikely Peacemaker, and a War That \
                Won’t Let Go\nThe alliance met in Brussels as the war went on.";
    assert_eq!(names(&extract(text, None)), ["Brussels"]);
}

#[test]
fn all_caps_headlines_add_mentions_but_no_junk() {
    let text = "BAUMANN BANK TO CUT 2,000 JOBS IN GERMANY\nBaumann Bank AG said it would cut \
                jobs, mostly in Germany.";
    let found = extract(text, None);
    let bank = get(&found, "Baumann Bank AG");
    assert_eq!(bank.mentions.len(), 2);
    assert_eq!(&text[bank.mentions[0].clone()], "BAUMANN BANK");
    assert!(bank.aliases.is_empty());
    assert_eq!(get(&found, "Germany").mentions.len(), 2);
    assert_eq!(found.len(), 2, "{:?}", names(&found));
}

#[test]
fn wire_datelines_give_a_place_and_an_agency() {
    let found = extract("BAHRAIN, March 1 - Officials met.", None);
    assert_eq!(names(&found), ["Bahrain"]);
    assert_eq!(found[0].kind, Kind::Place);
    let found = extract("WASHINGTON (Reuters) - Officials met.", None);
    assert_eq!(get(&found, "Washington").kind, Kind::Place);
    assert_eq!(get(&found, "Reuters").kind, Kind::Organization);
    let found = extract("MALATYA, Turkey, Feb 6 (Northwire) - Rescuers dug.", None);
    assert_eq!(get(&found, "Malatya").kind, Kind::Place);
    assert_eq!(get(&found, "Northwire").kind, Kind::Organization);
}

#[test]
fn quoted_titles_are_kept_whole() {
    let found = extract("The jury preferred “The Last Crossing” to “Red Harbour”.", None);
    assert_eq!(get(&found, "The Last Crossing").kind, Kind::Other);
    assert_eq!(get(&found, "Red Harbour").kind, Kind::Other);
}
