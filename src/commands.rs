//! The commands for scripts and pipes (`--filter`, `--search`, `entities`, `export`, `dump`):
//! the same loading, matching and library as the app, printed as lines.

use std::{
    io::{self, BufWriter, Write},
    path::Path,
    process::ExitCode,
    sync::Arc,
};

use crate::{
    catalog,
    entities::corpus::Pass,
    fulltext::{self, SearchIndex},
    fuzzy,
    library::Library,
    runtime,
    store::{
        self, ArticleMeta, CorpusSource, LoadEvent, LoadOptions,
        sanitize::{sanitize_line, to_json},
    },
};

/// What `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Grouped by article, passages quoted.
    Markdown,
    /// W3C Web Annotation JSON-LD.
    Json,
}

/// Say on stderr when a command found no articles, and what dossier reads.
pub fn warn_if_empty(source: &CorpusSource, articles: usize) {
    if articles == 0 {
        eprintln!(
            "dossier: no articles in {}: dossier reads {}",
            source.describe(),
            store::FORMATS
        );
    }
}

/// The articles of `source` and their entities, through the catalog in `cache` (see
/// [`catalog::load`]): an unchanged corpus costs a stamp check or a stat walk, not a read.
pub fn load_articles(
    source: &CorpusSource,
    opts: &LoadOptions,
    cache: Option<&Path>,
    on_pass: Option<&mut dyn FnMut(Pass)>,
) -> (Arc<Vec<ArticleMeta>>, Vec<store::Skipped>) {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let share = if on_pass.is_some() {
        crate::entities::corpus::Share::all(threads)
    } else {
        crate::entities::corpus::Share::unwanted(threads)
    };
    let mut ignore = |_| {};
    let on_pass = on_pass.unwrap_or(&mut ignore);
    let mut skipped = Vec::new();
    let (articles, _) = catalog::load(
        cache,
        source,
        opts,
        share,
        &mut |event| {
            if let LoadEvent::Skipped(s) = event {
                skipped.push(s);
            }
        },
        &mut |_| {},
        on_pass,
    );
    (articles, skipped)
}

pub fn print_filtered(source: &CorpusSource, opts: &LoadOptions, cache: Option<&Path>, query: &str) -> ExitCode {
    // The same corpus, names and matcher as the interactive list, so the same ranking: each
    // article's haystack is its title, author, source and entity names in the order the
    // entity pass gives them, as `App::fuzzy_item` builds it (without building the app's
    // entity index, which a one-shot filter does not need).
    let mut found: Vec<Vec<crate::entities::corpus::Found>> = Vec::new();
    let (articles, _) = load_articles(
        source,
        opts,
        cache,
        Some(&mut |pass| {
            if let Pass::Found { first, found: batch } = pass {
                found.truncate(first);
                found.extend(batch);
            }
        }),
    );
    warn_if_empty(source, articles.len());
    let items = articles.iter().enumerate().map(|(i, a)| {
        let names: Vec<&str> = found
            .get(i)
            .map_or_else(Vec::new, |f| f.iter().map(|e| e.name.as_str()).collect());
        fuzzy::item(a, &names)
    });
    let order = fuzzy::rank(items, query);
    let mut out = BufWriter::new(io::stdout().lock());
    for i in &order {
        let a = &articles[*i as usize];
        // Ids come from file names or JSON: keep tabs and newlines out of the columns.
        if writeln!(out, "{}\t{}", sanitize_line(&a.id), a.title).is_err() {
            break;
        }
    }
    let _ = out.flush();
    if order.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

pub fn print_searched(
    source: &CorpusSource,
    opts: &LoadOptions,
    cache: &Path,
    query: &str,
    limit: usize,
) -> anyhow::Result<ExitCode> {
    let (articles, _) = load_articles(source, opts, Some(cache), None);
    warn_if_empty(source, articles.len());
    let dir = fulltext::dir_for(cache, &source.key());
    let lock = fulltext::lock_writer(&dir)?;
    let update = |why: Option<String>| -> anyhow::Result<SearchIndex> {
        if let Some(why) = why {
            eprintln!("dossier: rebuilding the search index: {}", sanitize_line(&why));
            SearchIndex::create(&dir, None)?;
        }
        let updated = fulltext::build::open_and_update(&dir, source, &articles, opts, &mut |_, _, _| {}, &mut |_| {})?;
        if let Some(why) = &updated.rebuilt {
            eprintln!("dossier: rebuilt the search index: {}", sanitize_line(why));
        }
        Ok(updated.index)
    };
    let mut index = if lock.is_some() {
        update(None)?
    } else {
        // Another dossier is writing the index: search what it has committed.
        SearchIndex::open(&dir)
            .map_err(|_| anyhow::anyhow!("another dossier is building the search index; try again shortly"))?
    };
    let ask = |index: &SearchIndex| {
        fulltext::health::guard(|| {
            let prepared = index.prepare(query)?;
            let (hits, _) = index.search(&prepared, limit)?;
            Ok((prepared, hits))
        })
    };
    let (prepared, hits) = match ask(&index) {
        Ok(answer) => answer,
        // A query that fails on an index we write means the index is broken: build it again.
        Err(e) if lock.is_some() => {
            index = update(Some(format!("a query failed: {e}")))?;
            ask(&index)?
        }
        Err(e) => return Err(e.into()),
    };
    let keys = fulltext::key_map(&articles);
    let mut out = BufWriter::new(io::stdout().lock());
    let mut printed = 0;
    for hit in hits {
        let Some(&i) = keys.get(&hit.key) else { continue };
        let article = &articles[i as usize];
        let body = store::read_body(source, article, opts).unwrap_or_default();
        let snippet = prepared.snippet(&body);
        let line = format!(
            "{}\t{}\t{}",
            sanitize_line(&article.id),
            article.title,
            sanitize_line(snippet.text.trim())
        );
        if writeln!(out, "{line}").is_err() {
            break;
        }
        printed += 1;
    }
    let _ = out.flush();
    Ok(if printed == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(serde::Serialize)]
struct JsonArticle<'a> {
    id: &'a str,
    path: &'a str,
    title: &'a str,
    entities: Vec<JsonEntity<'a>>,
}

#[derive(serde::Serialize)]
struct JsonEntity<'a> {
    name: &'a str,
    kind: crate::entities::Kind,
    mentions: u32,
    aliases: &'a [String],
}

pub fn print_entities(
    source: &CorpusSource,
    opts: &LoadOptions,
    cache: Option<&Path>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let mut found = Vec::new();
    let (articles, _) = load_articles(
        source,
        opts,
        cache,
        Some(&mut |pass| {
            if let Pass::Found { found: batch, .. } = pass {
                found.extend(batch);
            }
        }),
    );
    warn_if_empty(source, articles.len());
    let mut out = BufWriter::new(io::stdout().lock());
    for (article, entities) in articles.iter().zip(&found) {
        if json {
            let entities = entities
                .iter()
                .map(|e| JsonEntity {
                    name: &e.name,
                    kind: e.kind,
                    mentions: e.mentions,
                    aliases: &e.aliases,
                })
                .collect();
            let line = JsonArticle {
                id: &article.id,
                path: &article.path,
                title: &article.title,
                entities,
            };
            writeln!(out, "{}", to_json(&line, false)?)?;
        } else {
            writeln!(out, "{}  {}", sanitize_line(&article.id), article.title)?;
            for e in entities {
                let aliases = if e.aliases.is_empty() {
                    String::new()
                } else {
                    format!("  ({})", e.aliases.join(", "))
                };
                writeln!(
                    out,
                    "    {:<13} {:>4}  {}{aliases}",
                    format!("{:?}", e.kind).to_lowercase(),
                    e.mentions,
                    e.name
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn export(
    source: &CorpusSource,
    config: &Path,
    cache: Option<&Path>,
    format: ExportFormat,
    opts: &LoadOptions,
) -> anyhow::Result<ExitCode> {
    let (library, notices) = Library::open(config, &source.key())?;
    for notice in notices {
        eprintln!("dossier: {}", notice.0);
    }
    let text = match format {
        ExportFormat::Markdown => {
            let (articles, _) = load_articles(source, opts, cache, None);
            let by_id: std::collections::HashMap<&str, &store::ArticleMeta> =
                articles.iter().map(|a| (a.id.as_str(), a)).collect();
            library.export_markdown(&source.describe(), &|id| {
                by_id.get(id).map(|a| runtime::effects::export_info(a))
            })
        }
        ExportFormat::Json => to_json(&library.export_json_ld(), true)?,
    };
    let mut out = io::stdout().lock();
    writeln!(out, "{text}")?;
    Ok(ExitCode::SUCCESS)
}

/// One article as `dump` prints it.
#[derive(serde::Serialize)]
struct Dumped<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    path: &'a str,
    text: String,
}

/// Every article as loaded, as JSON Lines; paragraphs separated by blank lines.
pub fn dump(source: &CorpusSource, opts: &LoadOptions, cache: Option<&Path>) -> anyhow::Result<ExitCode> {
    let (articles, skipped) = load_articles(source, opts, cache, None);
    warn_if_empty(source, articles.len());
    for s in &skipped {
        eprintln!("dossier: skipped {}: {}", s.path, s.reason);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = None;
    store::for_each_body(source, &articles, opts, &mut |i, body| {
        if failed.is_some() {
            return;
        }
        let a = &articles[i];
        let Some(body) = body else {
            eprintln!("dossier: {} can no longer be read", a.path);
            return;
        };
        let line = Dumped {
            id: &a.id,
            title: &a.title,
            // ISO 8601 when the date was understood, else as written.
            date: a.published.map(iso_date).or_else(|| a.date.clone()),
            author: a.author.as_deref(),
            source: a.source.as_deref(),
            url: a.url.as_deref(),
            path: &a.path,
            text: body.split('\n').collect::<Vec<_>>().join("\n\n"),
        };
        let written = to_json(&line, false)
            .map_err(io::Error::other)
            .and_then(|json| writeln!(out, "{json}"));
        failed = written.err();
    });
    if let Some(err) = failed {
        return Err(err.into());
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `2024-03-07`, or `2024-03-07T06:30:00` when a time is known.
fn iso_date(at: jiff::civil::DateTime) -> String {
    if at.time() == jiff::civil::Time::midnight() {
        at.date().to_string()
    } else {
        at.to_string()
    }
}
