//! Entity corrections in the library: kept on disk, merged between two instances, taken
//! back for good, exported (Markdown and JSON-LD), and applied to what the extractor finds
//! however often it runs.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "library_common/mod.rs"]
mod common;

use common::open;
use dossier::{
    app::correct::fixes_of,
    entities::{Kind, extract},
    library::{EntityFix, export_json_ld, export_markdown},
};

fn retyped(kind: &str) -> EntityFix {
    EntityFix {
        kind: Some(kind.into()),
        ..EntityFix::default()
    }
}

#[test]
fn a_correction_is_kept_and_two_instances_keep_both_of_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = open(dir.path());
    let (mut b, _) = open(dir.path());
    a.set_entity_fix("Home Depot", retyped("organization")).unwrap();
    // b has not seen a's correction and saves its own: both survive.
    b.set_entity_fix(
        "Depot",
        EntityFix {
            into: Some("Home Depot".into()),
            ..EntityFix::default()
        },
    )
    .unwrap();
    let (c, _) = open(dir.path());
    let fixes: Vec<(&str, &EntityFix)> = c.entity_fixes().collect();
    assert_eq!(fixes.len(), 2, "{fixes:?}");
    assert_eq!(fixes[1].0, "Home Depot");
    assert_eq!(fixes[1].1.kind.as_deref(), Some("organization"));
    assert_eq!(fixes[0].1.into.as_deref(), Some("Home Depot"));
    // The later of two corrections of one name wins; taking one back stays taken back even
    // when an instance that still holds it saves.
    a.refresh().unwrap();
    a.set_entity_fix("Home Depot", retyped("place")).unwrap();
    b.set_entity_fix("Home Depot", EntityFix::default()).unwrap();
    a.set_bookmark("x", true).unwrap();
    let (d, _) = open(dir.path());
    assert!(
        d.entity_fixes().all(|(n, _)| n != "Home Depot"),
        "{:?}",
        d.entity_fixes().collect::<Vec<_>>()
    );
}

#[test]
fn corrections_are_exported() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, _) = open(dir.path());
    lib.set_entity_fix("Home Depot", retyped("organization")).unwrap();
    lib.set_entity_fix(
        "Michael Jordan",
        EntityFix {
            split: vec!["Jordan".into()],
            hidden: true,
            ..EntityFix::default()
        },
    )
    .unwrap();
    let md = export_markdown(lib.state(), "news", &|_| None);
    assert!(md.contains("## Entity corrections"), "{md}");
    assert!(md.contains("- Home Depot: type organization"), "{md}");
    assert!(md.contains("- Michael Jordan: not the same as Jordan; hidden"), "{md}");
    let json = export_json_ld(lib.state());
    assert_eq!(json["dossier:entities"]["Home Depot"]["kind"], "organization");
    assert_eq!(json["dossier:entities"]["Michael Jordan"]["split"][0], "Jordan");
}

#[test]
fn corrections_apply_to_every_extraction_of_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, _) = open(dir.path());
    let text = "Shares of Home Depot rose on Monday. Home Depot said sales of lumber fell, \
                and Lowe's said the same. Analysts at Harbourline Capital were surprised.";
    lib.set_entity_fix("Home Depot", retyped("person")).unwrap();
    lib.set_entity_fix(
        "Harbourline Capital",
        EntityFix {
            hidden: true,
            ..EntityFix::default()
        },
    )
    .unwrap();
    let fixes = fixes_of(lib.state());
    // Each run of the extractor (a new start, a rebuilt catalog) gets the same answer.
    for _ in 0..2 {
        let (shown, hidden) = fixes.apply(text, extract(text, None));
        let depot = shown.iter().find(|e| e.name == "Home Depot").unwrap();
        assert_eq!(depot.kind, Kind::Person);
        assert!(shown.iter().all(|e| e.name != "Harbourline Capital"));
        assert_eq!(hidden.len(), 1);
        assert_eq!(hidden[0].name, "Harbourline Capital");
    }
}

#[test]
fn dossier_entities_prints_the_corpus_as_corrected() {
    let tmp = tempfile::tempdir().unwrap();
    let (config, cache) = (tmp.path().join("config"), tmp.path().join("cache"));
    let key = dossier::store::CorpusSource::Seeds.key();
    let (mut lib, _) = dossier::library::Library::open(&config, &key).unwrap();
    lib.set_entity_fix("Hamas", retyped("person")).unwrap();
    lib.set_entity_fix(
        "Gaza",
        EntityFix {
            hidden: true,
            ..EntityFix::default()
        },
    )
    .unwrap();
    drop(lib);
    let run = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args([
                "--config-dir",
                config.to_str().unwrap(),
                "--cache-dir",
                cache.to_str().unwrap(),
            ])
            .args(["entities", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    // The first run extracts and writes the catalog; the second reads it: both corrected.
    for out in [run(), run()] {
        let mut hamas = 0;
        for line in out.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            for e in v["entities"].as_array().unwrap() {
                assert_ne!(e["name"], "Gaza", "hidden, yet printed: {line}");
                if e["name"] == "Hamas" {
                    assert_eq!(e["kind"], "person");
                    hamas += 1;
                }
            }
        }
        assert!(hamas > 0, "{out}");
    }
}
