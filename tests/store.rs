//! The document store against real files: the seeds, every kind of bad file, JSON Lines.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{fs, os::unix::net::UnixListener, path::Path, process::Command};

use dossier::store::{self, ArticleMeta, CorpusSource, LoadOptions, Origin, Skipped, sanitize::is_clean};

fn load(source: &CorpusSource) -> (Vec<ArticleMeta>, Vec<Skipped>) {
    store::load_all(source, &LoadOptions::default())
}

fn folder(dir: &Path) -> CorpusSource {
    CorpusSource::resolve(Some(dir)).expect("folder opens")
}

#[test]
fn the_five_seed_titles() {
    let (articles, skipped) = load(&CorpusSource::Seeds);
    assert!(skipped.is_empty());
    let titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "The North Atlantic alliance has not assumed an active leadership role in the…",
            "Commentary surrounding the NATO stance on the Ukraine situation centers on…",
            "Brussels at a Crossroads: The Alliance, an Unlikely Peacemaker, and a War That Won’t Let Go",
            "What role are NATO and allies playing?",
            "The North Atlantic Alliance has not planned to deploy troops to Ukraine, a…",
        ]
    );
    assert_eq!(articles[0].id, "000_d53c2c6ada8aa28e.txt");
    assert!(articles.iter().all(|a| a.words > 300));
}

#[test]
fn seed_documents_open_with_title_meta_and_body() {
    let (articles, _) = load(&CorpusSource::Seeds);
    let doc = store::open_document(&CorpusSource::Seeds, &articles[3], &LoadOptions::default()).unwrap();
    assert_eq!(doc.para_text(0), "What role are NATO and allies playing?");
    assert!(doc.para_text(1).contains("words"));
    assert!(
        doc.body().starts_with("The Genesis of NATO"),
        "the headline is not repeated in the body"
    );
    assert!(doc.paras.iter().any(|p| p.kind == store::ParaKind::Heading));
}

#[test]
fn folders_are_walked_in_order_skipping_hidden_and_symlinks() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("sub/deeper")).unwrap();
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::write(root.join("b.txt"), "Second headline\nBody text.\n").unwrap();
    fs::write(root.join("a.md"), "# Markdown title\n\nBody.\n").unwrap();
    fs::write(root.join("sub/deeper/c.markdown"), "# Deep\n\nBody.\n").unwrap();
    fs::write(root.join(".hidden.txt"), "Hidden\n").unwrap();
    fs::write(root.join(".git/x.txt"), "Hidden too\n").unwrap();
    fs::write(root.join("image.png"), [0u8, 1, 2]).unwrap();
    std::os::unix::fs::symlink(root.join("b.txt"), root.join("link.txt")).unwrap();
    let (articles, skipped) = load(&folder(root));
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a.md", "b.txt", "sub/deeper/c.markdown"]);
    assert_eq!(articles[0].title, "Markdown title");
    assert!(skipped.is_empty(), "{skipped:?}");
}

#[test]
fn bad_files_are_skipped_counted_and_explained() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("binary.txt"), b"GIF89a\x00\x01\x02").unwrap();
    fs::write(root.join("empty.txt"), b"").unwrap();
    fs::write(root.join("blank.txt"), b"  \n\n\t\n").unwrap();
    fs::write(root.join("good.txt"), "Fine\nA good article.\n").unwrap();
    let _socket = UnixListener::bind(root.join("socket.txt")).unwrap();
    let fifo = Command::new("mkfifo")
        .arg(root.join("fifo.txt"))
        .status()
        .is_ok_and(|s| s.success());
    let (articles, skipped) = load(&folder(root));
    assert_eq!(articles.len(), 1);
    let reason = |name: &str| skipped.iter().find(|s| s.path == name).map(|s| s.reason.clone());
    assert!(reason("binary.txt").unwrap().contains("binary"));
    assert_eq!(reason("empty.txt").unwrap(), "empty file");
    assert_eq!(reason("blank.txt").unwrap(), "no text");
    assert!(reason("socket.txt").unwrap().contains("not a regular file"));
    if fifo {
        assert!(reason("fifo.txt").unwrap().contains("not a regular file"));
    }
    assert_eq!(skipped.len(), 4 + usize::from(fifo));
}

#[test]
fn unreadable_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.txt");
    fs::write(&path, "Secret\nText.\n").unwrap();
    let mut perms = fs::metadata(&path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
    fs::set_permissions(&path, perms).unwrap();
    let (articles, skipped) = load(&folder(dir.path()));
    if fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reads, so the file simply loads.
        assert_eq!(articles.len(), 1);
    } else {
        assert!(articles.is_empty());
        assert!(skipped[0].reason.to_lowercase().contains("permission"), "{skipped:?}");
    }
}

#[test]
fn oversized_files_load_their_head_marked_truncated() {
    let dir = tempfile::tempdir().unwrap();
    let line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n";
    fs::write(dir.path().join("big.txt"), line.repeat(1000)).unwrap();
    let opts = LoadOptions { max_bytes: 1000 };
    let (articles, _) = store::load_all(&folder(dir.path()), &opts);
    assert!(articles[0].truncated);
    assert!(articles[0].words < 200);
    let doc = store::open_document(&folder(dir.path()), &articles[0], &opts).unwrap();
    assert!(doc.para_text(1).contains("truncated"));
    assert!(doc.body().ends_with("elit."), "cut at a line end");
}

#[test]
fn hostile_text_is_sanitised_in_titles_paths_and_bodies() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("esc.txt"),
        b"\x1b]0;pwned\x07Title \x1b[31mred\x1b[0m\n\x1b]52;c;aGk=\x07Body \xff\xfe with \x1b[2J clear.\r\n",
    )
    .unwrap();
    fs::write(
        root.join("bidi\u{202e}txt.evil.txt"),
        "Bidi \u{202e}reversed\u{202c} title\nBody.\n",
    )
    .unwrap();
    fs::write(root.join("long.txt"), "x".repeat(3_000_000)).unwrap();
    let source = folder(root);
    let (articles, skipped) = load(&source);
    assert!(skipped.is_empty());
    assert_eq!(articles.len(), 3);
    for article in &articles {
        assert!(is_clean(&article.title) && is_clean(&article.path), "{article:?}");
        let doc = store::open_document(&source, article, &LoadOptions::default()).unwrap();
        assert!(is_clean(&doc.text));
    }
    let esc = articles.iter().find(|a| a.id == "esc.txt").unwrap();
    assert_eq!(esc.title, "Title red");
    let doc = store::open_document(&source, esc, &LoadOptions::default()).unwrap();
    assert_eq!(doc.body(), "Body \u{fffd}\u{fffd} with  clear.");
}

#[test]
fn wire_copy_is_reflowed_into_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let wire = "Talks resume in Bahrain\n\n\
        BAHRAIN, March 1 - Negotiators returned to the table on Tuesday after\n\
        a week of quiet diplomacy, officials said, with both delegations\n\
        signalling that a deal on shipping lanes was within reach.\n\
        \x20   The talks, hosted by the foreign ministry, are expected to run\n\
        until Friday.\n";
    fs::write(dir.path().join("wire.txt"), wire).unwrap();
    let source = folder(dir.path());
    let (articles, _) = load(&source);
    assert_eq!(articles[0].title, "Talks resume in Bahrain");
    let doc = store::open_document(&source, &articles[0], &LoadOptions::default()).unwrap();
    let body: Vec<&str> = doc.body().split('\n').collect();
    assert_eq!(body.len(), 2, "{body:?}");
    assert!(body[0].contains("after a week of quiet diplomacy"));
}

#[test]
fn json_lines_articles_with_and_without_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.jsonl");
    let lines = [
        r#"{"id": "a1", "title": "First story", "text": "Para one.\n\nPara two.", "date": "2024-03-01", "source": "Wire", "author": ["A", "B"], "extra": 1}"#,
        r#"{"id": 42, "title": "Numeric id", "body": "Body field."}"#,
        r#"{"title": "No id", "content": "Content field."}"#,
        "",
        r#"{"title": "No text"}"#,
        r"not json",
        r#"{"id": "a1", "title": "Duplicate id", "text": "Dup."}"#,
        r#"{"text": "No title here. Only text.", "url": "https://example.com/x"}"#,
    ];
    fs::write(&path, lines.join("\n")).unwrap();
    let source = CorpusSource::resolve(Some(&path)).unwrap();
    assert!(matches!(source, CorpusSource::Jsonl(_)));
    let (articles, skipped) = load(&source);
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids[..2], ["a1", "42"]);
    assert_eq!(ids[3], "a1~2");
    assert_eq!(ids[2].len(), 16, "hash id");
    assert_eq!(articles[0].date.as_deref(), Some("2024-03-01"));
    assert_eq!(articles[0].author.as_deref(), Some("A, B"));
    assert_eq!(articles[4].title, "No title here");
    assert_eq!(
        articles[4].url.as_deref(),
        Some("https://example.com/x"),
        "a url is a url"
    );
    assert_eq!(articles[4].source, None, "not a source");
    assert_eq!(skipped.len(), 2);
    assert!(
        skipped
            .iter()
            .any(|s| s.path == "archive.jsonl:5" && s.reason.contains("no text"))
    );
    assert!(
        skipped
            .iter()
            .any(|s| s.path == "archive.jsonl:6" && s.reason.contains("invalid JSON"))
    );
    let doc = store::open_document(&source, &articles[0], &LoadOptions::default()).unwrap();
    assert_eq!(doc.body(), "Para one.\nPara two.");
    assert!(matches!(articles[1].origin, Origin::Jsonl { .. }));
    // Ids are stable: the same file gives the same ids again.
    let (again, _) = load(&source);
    assert_eq!(
        again.iter().map(|a| &a.id).collect::<Vec<_>>(),
        articles.iter().map(|a| &a.id).collect::<Vec<_>>()
    );
}

#[test]
fn missing_or_special_paths_are_clear_errors() {
    let err = CorpusSource::resolve(Some(Path::new("/no/such/place"))).unwrap_err();
    assert!(err.to_string().contains("cannot open '/no/such/place'"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("s");
    let _listener = UnixListener::bind(&sock).unwrap();
    let err = CorpusSource::resolve(Some(&sock)).unwrap_err();
    assert!(err.to_string().contains("neither a regular file nor a folder"), "{err}");
}

#[test]
fn dates_in_every_format_are_parsed_once_at_load() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("a.md", "2024-03-19T06:30:00Z", "2024-03-19 06:30"),
        ("b.md", "Tue, 19 Mar 2024 06:30:00 +0100", "2024-03-19 06:30"),
        ("c.md", "March 8, 2024", "2024-03-08"),
        ("d.md", "\"8 Mar 2024\"", "2024-03-08"),
        ("e.md", "07/03/2024", "2024-03-07"),
        ("f.md", "2024/03/07", "2024-03-07"),
        ("g.md", "07.03.2024", "2024-03-07"),
        ("h.md", "1705000000", "2024-01-11 19:06"),
        ("i.md", "the spring of 2024", "the spring of 2024"),
    ];
    for (name, date, _) in cases {
        fs::write(
            dir.path().join(name),
            format!("---\ndate: {date}\n---\n# Title\n\nBody text.\n"),
        )
        .unwrap();
    }
    let source = folder(dir.path());
    let (articles, _) = load(&source);
    for (article, (name, written, shown)) in articles.iter().zip(cases) {
        assert_eq!(article.id, name);
        assert_eq!(
            article.date.as_deref(),
            Some(written.trim_matches('"')),
            "the text is kept"
        );
        let doc = store::open_document(&source, article, &LoadOptions::default()).unwrap();
        let meta = doc.para_text(1).replace('\u{a0}', " ");
        assert!(meta.starts_with(&format!("{name} · {shown} · ")), "{meta}");
    }
    assert_eq!(articles[2].short_date().as_deref(), Some("2024-03-08"));
    assert_eq!(articles[8].published, None);
    assert_eq!(articles[8].short_date(), None);
}

#[test]
fn json_lines_dates_from_numbers_strings_and_other_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dates.jsonl");
    let lines = [
        r#"{"title": "Epoch seconds", "text": "T.", "date": 1705000000}"#,
        r#"{"title": "Epoch millis", "text": "T.", "date": "1705000000000"}"#,
        r#"{"title": "Published at", "text": "T.", "published_at": "2024-03-19T06:30:00+02:00"}"#,
        r#"{"title": "Pub date", "text": "T.", "pubDate": "Tue, 19 Mar 2024 06:30:00 GMT"}"#,
        r#"{"title": "Timestamp", "text": "T.", "timestamp": 1705000000}"#,
        r#"{"title": "Unparsed date, parsed later key", "text": "T.", "date": "soon", "published": "2024-03-07"}"#,
        r#"{"title": "Unparsed", "text": "T.", "date": "soon"}"#,
        r#"{"title": "Absurd", "text": "T.", "date": 99999999999999}"#,
    ];
    fs::write(&path, lines.join("\n")).unwrap();
    let (articles, skipped) = load(&CorpusSource::resolve(Some(&path)).unwrap());
    assert!(skipped.is_empty());
    let shown: Vec<(Option<String>, Option<String>)> =
        articles.iter().map(|a| (a.short_date(), a.date_label())).collect();
    let day = |d: &str| Some(d.to_string());
    assert_eq!(
        shown,
        [
            (day("2024-01-11"), day("2024-01-11\u{a0}19:06")),
            (day("2024-01-11"), day("2024-01-11\u{a0}19:06")),
            (day("2024-03-19"), day("2024-03-19\u{a0}06:30")),
            (day("2024-03-19"), day("2024-03-19\u{a0}06:30")),
            (day("2024-01-11"), day("2024-01-11\u{a0}19:06")),
            (day("2024-03-07"), day("2024-03-07")),
            (None, day("soon")),
            (None, day("99999999999999")),
        ]
    );
    assert_eq!(
        articles[5].date.as_deref(),
        Some("2024-03-07"),
        "the text of the key that parsed"
    );
}

#[test]
fn hash_file_names_are_not_shown_readable_ones_are() {
    let (articles, _) = load(&CorpusSource::Seeds);
    for article in &articles {
        let doc = store::open_document(&CorpusSource::Seeds, article, &LoadOptions::default()).unwrap();
        assert!(doc.para_text(1).starts_with(char::is_numeric), "{}", doc.para_text(1));
        assert!(!doc.para_text(1).contains(".txt"));
    }
    assert_eq!(articles[0].id, "000_d53c2c6ada8aa28e.txt", "ids are unchanged");
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("nato-summit.txt"), "Headline here\nBody text.\n").unwrap();
    fs::write(
        dir.path().join("d53c2c6ada8aa28e.md"),
        "---\nsource: Reuters\n---\n# Headline\n\nBody.\n",
    )
    .unwrap();
    let (articles, _) = load(&folder(dir.path()));
    let lines: Vec<String> = articles.iter().map(ArticleMeta::meta_line).collect();
    assert!(lines[0].starts_with("Reuters · "), "a source is shown: {}", lines[0]);
    assert!(lines[1].starts_with("nato-summit.txt · "), "{}", lines[1]);
}

#[test]
fn markdown_titles_are_not_repeated_and_lists_stay_tight() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.md"),
        "---\ntitle: NATO at a Crossroads\n---\n\n#  nato at a crossroads.  \n\nIntro text.\n\n- one\n- two\n  continued\n* three\n1. four\n\nAfter.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("b.md"),
        "---\ntitle: NATO at a Crossroads\n---\n# A different heading\n\nBody.\n",
    )
    .unwrap();
    let source = folder(dir.path());
    let (articles, _) = load(&source);
    let doc = store::open_document(&source, &articles[0], &LoadOptions::default()).unwrap();
    assert_eq!(doc.para_text(0), "NATO at a Crossroads");
    assert_eq!(
        doc.body(),
        "Intro text.\n- one\n- two continued\n* three\n1. four\nAfter."
    );
    let items: Vec<bool> = doc.paras.iter().map(|p| p.list_item).collect();
    assert_eq!(items, [false, false, false, true, true, true, true, false]);
    let lines = dossier::wrap::wrap_document(&doc, 40);
    let shown: Vec<&str> = lines.iter().map(|l| &doc.text[l.range.clone()]).collect();
    assert_eq!(
        shown[3..],
        [
            "Intro text.",
            "",
            "- one",
            "- two continued",
            "* three",
            "1. four",
            "",
            "After."
        ]
    );
    let doc = store::open_document(&source, &articles[1], &LoadOptions::default()).unwrap();
    assert_eq!(
        doc.para_text(2),
        "A different heading",
        "a heading that differs is kept"
    );
}

#[test]
fn the_meta_line_never_breaks_inside_a_part() {
    let (articles, _) = load(&CorpusSource::Seeds);
    // From 20 columns, every part fits on a line (the date and time, 16, is the widest).
    for width in [20, 30, 40, 50, 60] {
        for article in &articles {
            let mut article = article.clone();
            article.date = Some("2024-03-19T06:30:00Z".into());
            article.published = store::date::parse("2024-03-19T06:30:00Z");
            article.author = Some("Jane Doe".into());
            let doc = store::open_document(&CorpusSource::Seeds, &article, &LoadOptions::default()).unwrap();
            let lines: Vec<_> = dossier::wrap::wrap_document(&doc, width)
                .into_iter()
                .filter(|l| l.para == 1)
                .map(|l| l.range)
                .collect();
            assert!(lines.len() > 1 || width >= 50, "the line does wrap at {width}");
            for r in &lines {
                // A break is never next to a no-break space: "3 min" stays whole.
                assert!(
                    !doc.text[r.end..].starts_with('\u{a0}'),
                    "{:?} at {width}",
                    &doc.text[r.clone()]
                );
                assert!(
                    !doc.text[..r.start].ends_with('\u{a0}'),
                    "{:?} at {width}",
                    &doc.text[r.clone()]
                );
            }
        }
    }
}
