//! The fuzz harnesses of `dossier::fuzz`, run for a bounded number of cases on stable: random
//! bytes and mutations of real-shaped seeds (the format fixtures, the sample articles, the
//! hostile corpus's strings), through every parser of a file a user brings or dossier wrote.
//! `DOSSIER_FUZZ_CASES` raises the count; `fuzz/` runs the same harnesses for days.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

use dossier::fuzz;
use proptest::prelude::*;

/// Strings the hostile corpus is made of: escapes, C1 controls as UTF-8, bidi overrides, NUL,
/// broken UTF-8, markup and JSON that nearly parse.
const HOSTILE: &[&[u8]] = &[
    b"\x1b]0;PWNED\x07",
    b"\x1b[2J",
    "\u{9b}31m".as_bytes(),
    "\u{202e}evil\u{202c}".as_bytes(),
    b"\xc2\x9b2J",
    b"\xff\xfe\x00",
    b"\x1b]8;;https://evil\x07link\x1b]8;;\x07",
    b"\r\n\t\x0b\x0c",
    b"<script>alert(1)</script><div><div><div>",
    b"{\"id\":\"x\",\"title\":\"\\u001b]2;T\\u0007\",\"text\":",
    b"\n---\ntitle: \"\x1b[5m\"\n---\n",
    b"<![CDATA[\x1b[31m]]>",
    b"WARC/1.0\r\nContent-Length: 99999999999\r\n\r\n",
    b"\"a\",\"b\"\n\"unterminated",
];

fn seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for dir in ["tests/fixtures/archive", "seeds"] {
        let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        seeds.extend(paths.iter().filter(|p| p.is_file()).map(|p| std::fs::read(p).unwrap()));
    }
    seeds.extend(HOSTILE.iter().map(|h| h.to_vec()));
    seeds
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    Insert(usize, usize),
    Repeat(usize, usize),
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let at = |i: usize| if bytes.is_empty() { 0 } else { i % (bytes.len() + 1) };
        match *m {
            Mutation::Flip(i, x) if !bytes.is_empty() => {
                let i = i % bytes.len();
                bytes[i] ^= x;
            }
            Mutation::Flip(..) => {}
            Mutation::Truncate(i) => bytes.truncate(at(i)),
            Mutation::Insert(i, h) => {
                let i = at(i);
                bytes.splice(i..i, HOSTILE[h % HOSTILE.len()].iter().copied());
            }
            Mutation::Repeat(i, n) => {
                let i = at(i);
                let end = (i + 64).min(bytes.len());
                let piece = bytes[i..end].to_vec();
                for _ in 0..n % 8 {
                    bytes.splice(i..i, piece.iter().copied());
                }
            }
        }
    }
    bytes
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(i, x)| Mutation::Flip(i, x)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<usize>()).prop_map(|(i, h)| Mutation::Insert(i, h)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, n)| Mutation::Repeat(i, n)),
    ]
}

/// A case: random bytes, or a seed with a few mutations.
fn case() -> impl Strategy<Value = Vec<u8>> {
    let seeds = seeds();
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..512),
        3 => (0..seeds.len(), proptest::collection::vec(mutation(), 0..6))
            .prop_map(move |(i, m)| mutate(seeds[i].clone(), &m)),
    ]
}

fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("DOSSIER_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        // A finding is shrunk to a small case, but not for ever.
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    out.write_all(bytes).unwrap();
    out.finish().unwrap()
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn articles(data in case()) {
        fuzz::article(&data);
    }

    #[test]
    fn corpus_files(name in 0..fuzz::FILE_NAMES.len(), data in case()) {
        fuzz::corpus_file(fuzz::FILE_NAMES[name], &data);
    }

    /// Compressed, so the decoder passes it on and the formats behind it are reached.
    #[test]
    fn compressed_corpus_files(name in prop::sample::select(vec!["a.jsonl.gz", "a.csv.gz", "a.warc.gz", "a.xml.gz"]), data in case()) {
        fuzz::corpus_file(name, &gzip(&data));
    }
}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn library_state_files(data in case()) {
        fuzz::library_state(&data);
    }
}

proptest! {
    #![proptest_config(cases(48))]

    #[test]
    fn index_metadata(file in prop::sample::select(vec!["meta.json", "dossier-index.json", ".managed.json"]), data in case()) {
        fuzz::index_metadata(file, &data);
    }
}

/// Found by `compressed_corpus_files`: quick-xml (under feed-rs) panicked on an XML declaration
/// whose `encoding` runs into markup. The file is now skipped with the reason.
#[test]
fn a_broken_xml_declaration_is_a_skipped_file_not_a_panic() {
    let fixture = std::fs::read_to_string("tests/fixtures/archive/rss091.xml").unwrap();
    let feed = fixture.replacen(
        "encoding=\"ISO-8859-1\"?>",
        "encoding=\"ISO-8859-1\"<script>alert(1)</script><div><div><div>?>",
        1,
    );
    assert_ne!(feed, fixture);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.xml");
    std::fs::write(&path, &feed).unwrap();
    let source = dossier::store::CorpusSource::resolve(Some(&path)).unwrap();
    let (articles, skipped) = dossier::store::load_all(&source, &dossier::store::LoadOptions::default());
    assert!(articles.is_empty(), "{articles:?}");
    assert!(skipped[0].reason.contains("XML parser failed"), "{skipped:?}");
    fuzz::corpus_file("a.xml.gz", &gzip(feed.as_bytes()));
}
