//! The commands for scripts and pipes (`--filter`, `--search`, `entities`, `export`, `dump`):
//! the same loading, matching and library as the app, printed as lines.

use std::{
    io::{self, BufWriter, Write},
    path::Path,
    process::ExitCode,
    sync::Arc,
};

pub mod dups;
pub mod import;
pub mod select;

pub use select::Select;

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

pub fn print_filtered(
    source: &CorpusSource,
    opts: &LoadOptions,
    cache: Option<&Path>,
    query: &str,
    select: &Select,
) -> ExitCode {
    let query = crate::query::Query::parse(query);
    select::report_errors(&query);
    // The same corpus, names and matcher as the interactive list, so the same ranking: each
    // article's haystack is its title, author, source and entity names in the order the
    // entity pass gives them, as `App::fuzzy_item` builds it (without building the app's
    // entity index, which a one-shot filter does not need).
    let dups::Loaded {
        articles,
        found,
        groups,
        ..
    } = dups::load_grouped(source, opts, cache, select.group);
    warn_if_empty(source, articles.len());
    let items = articles.iter().enumerate().map(|(i, a)| {
        let names: Vec<&str> = found
            .get(i)
            .map_or_else(Vec::new, |f| f.iter().map(|e| e.name.as_str()).collect());
        // Tags after the names, as the app's matcher has them.
        fuzzy::item_tagged(a, names, &select.tags_of(&a.id))
    });
    let mut order = select.apply(&query, &articles, fuzzy::rank(items, &query.text));
    if select.group {
        order = dups::one_per_group(order, &groups);
    }
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
    (query, limit): (&str, usize),
    select: &Select,
) -> anyhow::Result<ExitCode> {
    let (articles, group) = dups::load_for(source, opts, Some(cache), select.group);
    warn_if_empty(source, articles.len());
    let parsed = crate::query::Query::parse(query);
    select::report_errors(&parsed);
    // Operators and orders are applied to the index's answers: ask it for all of them.
    let asked = if parsed.has_ops() || select.sort.is_some() {
        articles.len().max(limit)
    } else {
        limit
    };
    let query = parsed.text.as_str();
    if query.trim().is_empty() {
        // Operators alone: every article that passes them, no snippet, and no index to open.
        let all = (0..store::article_number(articles.len())).collect();
        let rows = group(select.apply(&parsed, &articles, all));
        let mut out = BufWriter::new(io::stdout().lock());
        for &i in rows.iter().take(limit) {
            let a = &articles[i as usize];
            if writeln!(out, "{}\t{}\t", sanitize_line(&a.id), a.title).is_err() {
                break;
            }
        }
        let _ = out.flush();
        return Ok(if rows.is_empty() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
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
            let (hits, _) = index.search(&prepared, asked)?;
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
    let ranked: Vec<u32> = hits.iter().filter_map(|hit| keys.get(&hit.key).copied()).collect();
    let rows = group(select.apply(&parsed, &articles, ranked));
    let mut out = BufWriter::new(io::stdout().lock());
    let mut printed = 0;
    for &i in rows.iter().take(limit) {
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
    config: Option<&Path>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    // The reader's corrections (retyped, merged, split, hidden) apply here as in the sidebar.
    let fixes = crate::app::correct::fixes_of(&select::Select::open(config, &source.key(), None).library);
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
        let entities = &fixes.correct_found(entities);
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

/// What `export` keeps and how it groups it.
#[derive(Debug, Clone, Default)]
pub struct ExportAsk {
    /// Only articles this query keeps (its operators, and its words fuzzy on titles, names
    /// and tags).
    pub query: Option<String>,
    /// A saved view's query (its facets are the app's; its query applies here).
    pub view: Option<String>,
    /// Markdown: every highlight under each of its tags.
    pub by_tag: bool,
}

pub fn export(
    source: &CorpusSource,
    config: &Path,
    cache: Option<&Path>,
    (format, ask): (ExportFormat, &ExportAsk),
    opts: &LoadOptions,
) -> anyhow::Result<ExitCode> {
    let (library, notices) = Library::open(config, &source.key())?;
    for notice in notices {
        eprintln!("dossier: {}", notice.0);
    }
    let mut query = ask.query.clone().unwrap_or_default();
    if let Some(name) = &ask.view {
        let view = library
            .view(name)
            .ok_or_else(|| anyhow::anyhow!("there is no saved view {name:?} for {}", source.describe()))?;
        // A view of a full-text search keeps its words and operators; the export matches
        // them on titles, names and tags.
        query = format!("{} {query}", view.query.trim_start().trim_start_matches('='));
    }
    let filtering = !query.trim().is_empty();
    let needs_articles = filtering || format == ExportFormat::Markdown;
    let (articles, _) = if needs_articles {
        load_articles(source, opts, cache, None)
    } else {
        (Arc::new(Vec::new()), Vec::new())
    };
    // The library's copy to export, cut down to what the query keeps.
    let mut select = Select {
        library: library.state().clone(),
        sort: None,
        group: false,
    };
    if filtering {
        let parsed = crate::query::Query::parse(&query);
        select::report_errors(&parsed);
        let items = articles
            .iter()
            .map(|a| fuzzy::item_tagged(a, Vec::new(), &select.tags_of(&a.id)));
        let kept: std::collections::HashSet<&str> = select
            .apply(&parsed, &articles, fuzzy::rank(items, &parsed.text))
            .into_iter()
            .map(|i| articles[i as usize].id.as_str())
            .collect();
        select.library.articles.retain(|id, _| kept.contains(id.as_str()));
    }
    let state = &select.library;
    let by_id: std::collections::HashMap<&str, &store::ArticleMeta> =
        articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let info = |id: &str| by_id.get(id).map(|a| runtime::effects::export_info(a));
    let text = match format {
        ExportFormat::Markdown if ask.by_tag => {
            crate::library::export_markdown_by_tag(state, &source.describe(), &info)
        }
        ExportFormat::Markdown => crate::library::export_markdown(state, &source.describe(), &info),
        ExportFormat::Json => to_json(&crate::library::export_json_ld(state), true)?,
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
pub fn dump(
    source: &CorpusSource,
    opts: &LoadOptions,
    cache: Option<&Path>,
    (sort, group): (Option<crate::query::Sort>, bool),
) -> anyhow::Result<ExitCode> {
    // With --group, only each story's representative; one load either way (a stream can
    // only be read once).
    let (articles, skipped, kept) = if group {
        let loaded = dups::load_grouped(source, opts, cache, true);
        let all = (0..store::article_number(loaded.articles.len())).collect();
        let kept: rustc_hash::FxHashSet<u32> = dups::one_per_group(all, &loaded.groups).into_iter().collect();
        (loaded.articles, loaded.skipped, Some(kept))
    } else {
        let (articles, skipped) = load_articles(source, opts, cache, None);
        (articles, skipped, None)
    };
    warn_if_empty(source, articles.len());
    for s in &skipped {
        eprintln!("dossier: skipped {}: {}", s.path, s.reason);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = None;
    // In another order, each line waits for its turn (bodies are read in storage order).
    let mut rank_of = Vec::new();
    let mut held: Vec<Option<String>> = Vec::new();
    if let Some(sort) = sort {
        let mut order: Vec<u32> = (0..store::article_number(articles.len())).collect();
        sort.apply(&mut order, &articles, &crate::library::CorpusState::new(""));
        rank_of = vec![0; articles.len()];
        for (rank, &i) in order.iter().enumerate() {
            rank_of[i as usize] = rank;
        }
        held = vec![None; articles.len()];
    }
    store::for_each_body(source, &articles, opts, &mut |i, body| {
        if failed.is_some() {
            return;
        }
        let a = &articles[i];
        if kept.as_ref().is_some_and(|k| !k.contains(&store::article_number(i))) {
            return;
        }
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
        match to_json(&line, false) {
            Ok(json) if sort.is_some() => held[rank_of[i]] = Some(json),
            Ok(json) => failed = writeln!(out, "{json}").err(),
            Err(e) => failed = Some(io::Error::other(e)),
        }
    });
    if let Some(err) = failed {
        return Err(err.into());
    }
    for json in held.into_iter().flatten() {
        writeln!(out, "{json}")?;
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
