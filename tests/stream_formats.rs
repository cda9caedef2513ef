//! Compressed archives and standard input: the same articles as the uncompressed archive,
//! read as a stream, kept in the spool and opened again from it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::format_collect)]

use std::{io::Write, path::Path, process::Command};

use dossier::store::{self, CorpusSource, LoadOptions};

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn zstd(data: &[u8]) -> Vec<u8> {
    ruzstd::encoding::compress_to_vec(data, ruzstd::encoding::CompressionLevel::Fastest)
}

fn jsonl(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "{{\"id\": \"a{i}\", \"title\": \"Story number {i}\", \"date\": \"2024-03-{:02}\", \"url\": \"https://news.example/{i}\", \"text\": \"First paragraph of story {i}.\\n\\nSecond paragraph.\"}}\n",
                i % 28 + 1
            )
        })
        .collect()
}

fn ids_and_titles(source: &CorpusSource) -> Vec<(String, String)> {
    let (articles, _) = store::load_all(source, &LoadOptions::default());
    articles.into_iter().map(|a| (a.id, a.title)).collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> CorpusSource {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    CorpusSource::resolve(Some(&path)).unwrap()
}

#[test]
fn compressed_json_lines_load_like_the_plain_file_and_open_from_the_spool() {
    let dir = tempfile::tempdir().unwrap();
    let text = jsonl(300);
    let plain = write(dir.path(), "dump.jsonl", text.as_bytes());
    let gz = write(dir.path(), "dump.jsonl.gz", &gzip(text.as_bytes()));
    let zst = write(dir.path(), "dump.jsonl.zst", &zstd(text.as_bytes()));
    // The magic bytes, not the name: a gzip file called .jsonl is still read.
    let lying = write(dir.path(), "lying.jsonl", &gzip(text.as_bytes()));
    assert!(matches!(plain, CorpusSource::Jsonl(_)));
    for source in [&gz, &zst, &lying] {
        assert!(matches!(source, CorpusSource::Archive(_)), "{source:?}");
        assert_eq!(ids_and_titles(source), ids_and_titles(&plain), "{source:?}");
    }
    let opts = LoadOptions::default();
    let (articles, skipped) = store::load_all(&zst, &opts);
    assert!(skipped.is_empty(), "{skipped:?}");
    let doc = store::open_document(&zst, &articles[7], &opts).unwrap();
    assert!(doc.body().contains("First paragraph of story 7."), "{}", doc.body());
    assert_eq!(articles[7].url.as_deref(), Some("https://news.example/7"));
    let mut bodies = 0;
    store::for_each_body(&gz, &store::load_all(&gz, &opts).0, &opts, &mut |i, body| {
        assert!(body.unwrap().contains(&format!("story {i}.")));
        bodies += 1;
    });
    assert_eq!(bodies, 300);
}

#[test]
fn a_truncated_archive_keeps_every_article_before_the_break_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let full = gzip(jsonl(2000).as_bytes());
    let cut = write(dir.path(), "cut.jsonl.gz", &full[..full.len() / 2]);
    let (articles, skipped) = store::load_all(&cut, &LoadOptions::default());
    assert!(articles.len() > 500 && articles.len() < 2000, "{}", articles.len());
    assert!(articles.iter().enumerate().all(|(i, a)| a.id == format!("a{i}")));
    assert!(skipped.iter().any(|s| s.reason.contains("unreadable")), "{skipped:?}");
    // zstd hands out decoded text only once a window (here the whole frame's size, up to
    // 8 MiB) lies behind it, so a cut stream keeps what is a window before the break.
    let zfull = zstd(jsonl(20_000).as_bytes());
    let zcut = write(dir.path(), "cut.jsonl.zst", &zfull[..zfull.len() * 2 / 3]);
    let (articles, skipped) = store::load_all(&zcut, &LoadOptions::default());
    assert!(articles.len() > 1000 && articles.len() < 20_000, "{}", articles.len());
    assert!(!skipped.is_empty());
}

#[test]
fn a_decompression_bomb_is_cut_and_listed_not_held() {
    let dir = tempfile::tempdir().unwrap();
    // 256 MiB of zeros in about 256 KiB: the guard stops the stream and the line cap stops the
    // line long before that.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(jsonl(3).as_bytes()).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..256 {
        enc.write_all(&zeros).unwrap();
    }
    let bomb = write(dir.path(), "bomb.jsonl.gz", &enc.finish().unwrap());
    let opts = LoadOptions { max_bytes: 1 << 20 };
    let (articles, skipped) = store::load_all(&bomb, &opts);
    assert_eq!(articles.len(), 3);
    assert!(!skipped.is_empty(), "the rest is listed");
    let page = write(dir.path(), "bomb.txt.gz", &gzip(&vec![b'a'; 4 << 20]));
    let (articles, _) = store::load_all(&page, &opts);
    assert!(
        articles[0].truncated,
        "a single compressed article is cut at the size cap"
    );
}

#[test]
fn single_compressed_articles_open() {
    let dir = tempfile::tempdir().unwrap();
    let md = write(
        dir.path(),
        "note.md.zst",
        &zstd(b"---\ntitle: Rates on hold\nauthor: Lena Fischer\n---\n\nThe bank held rates.\n"),
    );
    let (articles, skipped) = store::load_all(&md, &LoadOptions::default());
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(articles[0].title, "Rates on hold");
    assert_eq!(articles[0].author.as_deref(), Some("Lena Fischer"));
}

#[test]
fn dump_reads_standard_input_and_its_output_opens_with_the_same_ids() {
    let dir = tempfile::tempdir().unwrap();
    let text = jsonl(50);
    let gz = gzip(text.as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["dump", "-"])
        .env("XDG_CACHE_HOME", dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    child.stdin.take().unwrap().write_all(&gz).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let again = write(dir.path(), "again.jsonl", &out.stdout);
    let plain = write(dir.path(), "plain.jsonl", text.as_bytes());
    assert_eq!(ids_and_titles(&again), ids_and_titles(&plain));
    let spools = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("dossier-spool-{pid}-"))
        })
        .count();
    assert_eq!(spools, 0);
}
