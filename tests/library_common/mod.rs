//! Helpers shared by the disk tests.
#![allow(dead_code)] // each test file uses a different subset

use std::fs;
use std::path::{Path, PathBuf};

use dossier::library::{Annotation, Library, Notice, make_selector};

pub const KEY: &str = "/home/u/news";
pub const TEXT: &str = "It was the best of times, it was the worst of times, it was the age of wisdom.";

pub fn open(dir: &Path) -> (Library, Vec<Notice>) {
    Library::open(dir, KEY).expect("open never fails")
}

pub fn annotation(note: &str) -> Annotation {
    let (quote, position) = make_selector(TEXT, 7, 24);
    Annotation::new(quote, position, note)
}

/// A library with enough content that its file is several write chunks long.
pub fn populated(dir: &Path) -> Library {
    let (mut lib, notices) = open(dir);
    assert!(notices.is_empty(), "{notices:?}");
    lib.set_bookmark("a1", true).unwrap();
    lib.set_note("a1", "first note").unwrap();
    for i in 0..30 {
        lib.add_annotation("a2", annotation(&format!("annotation {i} {}", "x".repeat(100))))
            .1
            .unwrap();
    }
    lib
}

pub fn corrupt_files(path: &Path) -> Vec<PathBuf> {
    let dir = path.parent().unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            n.starts_with(&format!("{name}.corrupt-"))
        })
        .collect();
    found.sort();
    found
}

pub fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| std::path::Path::new(n).extension().is_some_and(|e| e == "tmp"))
        .collect()
}
