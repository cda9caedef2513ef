#![forbid(unsafe_code)]

use std::{
    io::{self, BufWriter, Write},
    path::{Path, PathBuf},
    process::ExitCode,
};

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use dossier::{
    app::App,
    entities::corpus::{Pass, extract_all},
    fulltext::{self, SearchIndex},
    fuzzy,
    library::Library,
    runtime::{self, Runtime},
    store::{self, CorpusSource, LoadOptions, sanitize::sanitize_line},
    ui::theme::Theme,
};

/// A fast terminal reader for collections of articles.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// A folder of .txt/.md files, a single file, or a .jsonl archive. Without it, the bundled
    /// sample corpus opens.
    path: Option<PathBuf>,
    /// Print the articles matching QUERY (fzf syntax), best first, as ID<TAB>TITLE, and exit:
    /// status 0 when something matched, 1 when nothing did.
    #[arg(long, value_name = "QUERY", conflicts_with = "search")]
    filter: Option<String>,
    /// Search the articles' text for QUERY (words must all occur, "a phrase", -exclude,
    /// a OR b) and print ID<TAB>TITLE<TAB>SNIPPET, best first, then exit: status 0 when
    /// something matched, 1 when nothing did. Builds or updates the index first.
    #[arg(long, value_name = "QUERY")]
    search: Option<String>,
    /// With --search: print at most N results.
    #[arg(long, value_name = "N", default_value_t = 100, requires = "search")]
    limit: usize,
    /// Where bookmarks, notes, annotations and history are kept
    /// (default: $`XDG_CONFIG_HOME/dossier` on Linux).
    #[arg(long, value_name = "DIR", global = true)]
    config_dir: Option<PathBuf>,
    /// Where the full-text index (and the log) is kept (default: $`XDG_CACHE_HOME/dossier` on
    /// Linux).
    #[arg(long, value_name = "DIR", global = true)]
    cache_dir: Option<PathBuf>,
    /// Write a log to dossier.log in the cache directory, at LEVEL (error, warn, info, debug,
    /// trace, or a filter like dossier=debug); `DOSSIER_LOG` does the same.
    #[arg(long, value_name = "LEVEL", global = true)]
    log: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// List the people, organisations, places and other names each article mentions.
    Entities {
        /// The corpus; the sample corpus without it.
        path: Option<PathBuf>,
        /// One JSON object per article, one a line.
        #[arg(long)]
        json: bool,
    },
    /// Write every bookmark, note and annotation of a corpus to standard output.
    Export {
        /// The corpus (as given to dossier); the sample corpus without it.
        path: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// Grouped by article, passages quoted.
    Markdown,
    /// W3C Web Annotation JSON-LD.
    Json,
}

fn config_dir(flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir);
    }
    let dirs = directories::ProjectDirs::from("", "", "dossier")
        .context("cannot find a home directory for the configuration; pass --config-dir DIR")?;
    Ok(dirs.config_dir().to_path_buf())
}

fn cache_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    flag.or_else(|| directories::ProjectDirs::from("", "", "dossier").map(|d| d.cache_dir().to_path_buf()))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // `dossier export | head`: the reader of the output is done, which is not an error.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dossier: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Say on stderr when a command found no articles, and what dossier reads.
fn warn_if_empty(source: &CorpusSource, articles: usize) {
    if articles == 0 {
        eprintln!(
            "dossier: no articles in {}: dossier reads {}",
            source.describe(),
            store::FORMATS
        );
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let opts = LoadOptions::default();
    if let Some(dir) = cache_dir(cli.cache_dir.clone()) {
        dossier::log::init(cli.log.as_deref(), &dir)?;
    }
    match cli.command {
        Some(Command::Export { path, format }) => {
            if path.is_none() {
                eprintln!("dossier: no PATH given: exporting the library of the sample corpus");
            }
            let source = CorpusSource::resolve(path.as_deref())?;
            return export(&source, &config_dir(cli.config_dir)?, format, &opts);
        }
        Some(Command::Entities { path, json }) => {
            let source = CorpusSource::resolve(path.as_deref())?;
            return print_entities(&source, &opts, json);
        }
        None => {}
    }
    // Check the corpus before touching the terminal, so the error prints plainly.
    let source = CorpusSource::resolve(cli.path.as_deref())?;
    if let Some(query) = cli.filter {
        return Ok(print_filtered(&source, &opts, &query));
    }
    if let Some(query) = cli.search {
        let cache = cache_dir(cli.cache_dir).context("cannot find a cache directory; pass --cache-dir DIR")?;
        return print_searched(&source, &opts, &cache, &query, cli.limit);
    }
    let config = config_dir(cli.config_dir)?;
    let mut app = App::new(source);
    let mut runtime = Runtime::new(opts);
    runtime.cache_dir = cache_dir(cli.cache_dir);
    runtime.open_library(&mut app, &config);
    runtime.open_preferences(&mut app, &config);
    match runtime::terminal::run(app, runtime, Theme::from_env()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(err) => {
            eprintln!("dossier: {err:#}");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn print_filtered(source: &CorpusSource, opts: &LoadOptions, query: &str) -> ExitCode {
    // The same corpus, names and matcher as the interactive list, so the same ranking.
    let mut app = App::new(source.clone());
    Runtime::new(opts.clone()).load_sync(&mut app);
    warn_if_empty(source, app.articles.len());
    let articles = &app.articles;
    let order = fuzzy::rank((0..articles.len()).map(|i| app.fuzzy_item(i)), query);
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

fn print_searched(
    source: &CorpusSource,
    opts: &LoadOptions,
    cache: &Path,
    query: &str,
    limit: usize,
) -> anyhow::Result<ExitCode> {
    let (articles, _) = store::load_all(source, opts);
    warn_if_empty(source, articles.len());
    let dir = fulltext::dir_for(cache, &source.key());
    let lock = fulltext::lock_writer(&dir)?;
    let index = if lock.is_some() {
        let (index, _) = SearchIndex::open_or_create(&dir)?;
        fulltext::build::update(&index, source, &articles, opts, &mut |_, _, _| {})?;
        index
    } else {
        // Another dossier is writing the index: search what it has committed.
        SearchIndex::open(&dir)
            .map_err(|_| anyhow::anyhow!("another dossier is building the search index; try again shortly"))?
    };
    let keys = fulltext::key_map(&articles);
    let prepared = index.prepare(query)?;
    let (hits, _) = index.search(&prepared, limit)?;
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
    kind: dossier::entities::Kind,
    mentions: u32,
    aliases: &'a [String],
}

fn print_entities(source: &CorpusSource, opts: &LoadOptions, json: bool) -> anyhow::Result<ExitCode> {
    let (articles, _) = store::load_all(source, opts);
    warn_if_empty(source, articles.len());
    let mut found = Vec::with_capacity(articles.len());
    extract_all(
        source,
        &articles,
        opts,
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        &mut |pass| {
            if let Pass::Found { found: batch, .. } = pass {
                found.extend(batch);
            }
        },
    );
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
            writeln!(out, "{}", serde_json::to_string(&line)?)?;
        } else {
            writeln!(out, "{}  {}", article.id, article.title)?;
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

fn export(source: &CorpusSource, config: &Path, format: ExportFormat, opts: &LoadOptions) -> anyhow::Result<ExitCode> {
    let (library, notices) = Library::open(config, &source.key())?;
    for notice in notices {
        eprintln!("dossier: {}", notice.0);
    }
    let text = match format {
        ExportFormat::Markdown => {
            let (articles, _) = store::load_all(source, opts);
            let by_id: std::collections::HashMap<&str, &store::ArticleMeta> =
                articles.iter().map(|a| (a.id.as_str(), a)).collect();
            library.export_markdown(&source.describe(), &|id| {
                by_id.get(id).map(|a| runtime::effects::export_info(a))
            })
        }
        ExportFormat::Json => serde_json::to_string_pretty(&library.export_json_ld())?,
    };
    let mut out = io::stdout().lock();
    writeln!(out, "{text}")?;
    Ok(ExitCode::SUCCESS)
}
