#![forbid(unsafe_code)]

use std::{
    io::{self, Write as _},
    path::PathBuf,
    process::ExitCode,
};

use anyhow::Context;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use dossier::{
    app::App,
    commands::{self, ExportAsk, ExportFormat, Select},
    query::Sort,
    runtime::{self, Runtime},
    settings::{self, Settings},
    store::{CorpusSource, LoadOptions},
    ui::theme::Theme,
};

/// A fast terminal reader for collections of articles.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// A folder of articles (.txt, .md, .html), a single file, or an archive (.jsonl, .csv,
    /// .tsv, .warc, a feed; any of them .gz or .zst); - reads an archive from standard
    /// input. Without it, the bundled sample corpus opens.
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
    /// The order for --filter, --search and dump: relevance, newest, oldest, title, source,
    /// length, last-read (default: the ranking, or the corpus's order).
    #[arg(long, value_name = "ORDER", global = true, value_parser = parse_sort)]
    sort: Option<Sort>,
    /// With --filter, --search and dump: one line per story, the copies grouped with it
    /// (near-duplicates: see `dossier dups`) left out.
    #[arg(long, global = true)]
    group: bool,
    /// Open at a saved view (S saves one in the app): its filter, facets and order.
    #[arg(long, value_name = "NAME")]
    view: Option<String>,
    /// Where bookmarks, notes, annotations and history are kept
    /// (default: $`XDG_CONFIG_HOME/dossier` on Linux).
    #[arg(long, value_name = "DIR", global = true)]
    config_dir: Option<PathBuf>,
    /// The settings file: keys, theme, layout, defaults (default: config.toml in the config
    /// directory, or $`DOSSIER_CONFIG`). `dossier config` prints what can be set.
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
    /// Where the full-text index, the catalog (and the log) are kept (default: $`XDG_CACHE_HOME/dossier` on
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
    /// Print the settings in force as TOML, with a comment on each key: the keys of every
    /// mode, the theme, the layout and the defaults. Problems in the file go to stderr.
    Config {
        /// The built-in defaults instead, whatever the settings file says.
        #[arg(long)]
        default: bool,
    },
    /// Print a shell completion script (see the README for where to put it).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `dossier man > ~/.local/share/man/man1/dossier.1`.
    Man,
    /// Print the groups of copies of one story (near-duplicate texts), largest first: a line
    /// per group (N copies, title), then a line per copy (id, source, date, title), the
    /// earliest copy first. Status 1 when no article has a copy.
    Dups {
        /// The corpus; the sample corpus without it.
        path: Option<PathBuf>,
        /// One JSON object per group, one a line.
        #[arg(long)]
        json: bool,
    },
    /// List the people, organisations, places and other names each article mentions.
    Entities {
        /// The corpus; the sample corpus without it.
        path: Option<PathBuf>,
        /// One JSON object per article, one a line.
        #[arg(long)]
        json: bool,
    },
    /// Print every article as loaded, one JSON object a line (id, title, date, author, source,
    /// url, path, text): clean JSON Lines from any archive dossier reads, which opens again
    /// in dossier with the same ids and titles.
    Dump {
        /// The corpus; the sample corpus without it.
        path: Option<PathBuf>,
    },
    /// Write every bookmark, note and annotation of a corpus to standard output.
    Export {
        /// The corpus (as given to dossier); the sample corpus without it.
        path: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// Only the articles this query keeps, as the filter line reads it
        /// ('#ukraine date:2024-03', 'is:bookmarked', words).
        #[arg(long, value_name = "QUERY")]
        query: Option<String>,
        /// Only the articles a saved view's query keeps.
        #[arg(long, value_name = "NAME")]
        view: Option<String>,
        /// Markdown: every highlight under each of its tags, with its article's title, date,
        /// source and URL.
        #[arg(long)]
        by_tag: bool,
    },
    /// List the tags in use with how many articles carry each; or rename or delete one
    /// everywhere (articles, annotations, #tags in notes).
    Tags {
        /// The corpus; the sample corpus without it.
        path: Option<PathBuf>,
        /// Rename tag OLD to NEW.
        #[arg(long, num_args = 2, value_names = ["OLD", "NEW"], conflicts_with = "delete")]
        rename: Option<Vec<String>>,
        /// Remove TAG everywhere (a #TAG in a note stays as a plain word).
        #[arg(long, value_name = "TAG")]
        delete: Option<String>,
    },
    /// Read annotations, notes, bookmarks and tags back into a corpus's library from a W3C
    /// Web Annotation JSON file: dossier's `export --format json`, Hypothesis's export or
    /// API answer, one annotation or a list. Passages are found again by their quote; what
    /// cannot be placed is kept as an orphan. Importing a file twice changes nothing.
    Import {
        /// The annotation file.
        file: PathBuf,
        /// The corpus the annotations are about; the sample corpus without it.
        path: Option<PathBuf>,
    },
}

fn parse_sort(name: &str) -> Result<Sort, String> {
    Sort::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = dossier::query::sort::ALL.iter().map(|s| s.name()).collect();
        format!("{name:?} is not an order: {}", names.join(", "))
    })
}

fn config_dir(flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match flag {
        Some(dir) => Ok(dir),
        None => config_dir_default(),
    }
}

fn config_dir_default() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "dossier")
        .context("cannot find a home directory for the configuration; pass --config-dir DIR")?;
    Ok(dirs.config_dir().to_path_buf())
}

fn cache_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    flag.or_else(|| directories::ProjectDirs::from("", "", "dossier").map(|d| d.cache_dir().to_path_buf()))
}

/// The value of `--NAME VALUE` or `--NAME=VALUE` among the arguments, read before clap parses
/// them: the settings decide what `--help` lists.
fn early_flag(name: &str) -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    let long = format!("--{name}");
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == long {
            return args.next().map(PathBuf::from);
        }
        if let Some(value) = text.strip_prefix(&format!("{long}=")) {
            return Some(PathBuf::from(value));
        }
        if text == "--" {
            break;
        }
    }
    None
}

/// The settings from the file `--config`, `$DOSSIER_CONFIG` or the config directory names.
fn read_settings(flag: Option<&std::path::Path>, config_dir: Option<PathBuf>) -> Settings {
    let explicit = flag.is_some() || std::env::var_os("DOSSIER_CONFIG").is_some_and(|v| !v.is_empty());
    let dir = config_dir.or_else(|| config_dir_default().ok());
    match settings::locate(flag, dir.as_deref()) {
        Some(path) => settings::load(&path, explicit),
        None => Settings::default(),
    }
}

/// `--help` with the bindings in force after it.
fn parse_cli(settings: &Settings) -> Cli {
    let help: Vec<String> = dossier::app::help::help_lines(&settings.keys)
        .iter()
        .map(dossier::app::help::HelpLine::text)
        .collect();
    let command = Cli::command()
        .after_help("Keys in the reader: `dossier --help` lists the bindings in force.")
        .after_long_help(format!(
            "Keys in force (the settings file can change them):\n\n{}",
            help.join("\n")
        ));
    let matches = command.get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

fn main() -> ExitCode {
    let settings = read_settings(early_flag("config").as_deref(), early_flag("config-dir"));
    let cli = parse_cli(&settings);
    dossier::panics::install_hook();
    let result = run(cli, settings);
    // Articles read from a stream were kept in this process's spool; nothing needs it now.
    dossier::store::spool::remove_own();
    match result {
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

/// The commands about dossier itself: its settings, completions, manual.
fn about_dossier(command: &Command, settings: Settings) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    match command {
        Command::Config { default } => {
            let shown = if *default { Settings::default() } else { settings };
            out.write_all(settings::print::render(&shown).as_bytes())?;
        }
        Command::Completions { shell } => clap_complete::generate(*shell, &mut Cli::command(), "dossier", &mut out),
        _ => clap_mangen::Man::new(Cli::command()).render(&mut out)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn run(cli: Cli, settings: Settings) -> anyhow::Result<ExitCode> {
    let opts = LoadOptions::default();
    let interactive = cli.command.is_none() && cli.filter.is_none() && cli.search.is_none();
    if !interactive {
        // Commands say what is wrong in the settings on stderr; the app, in its status line.
        for problem in &settings.problems {
            eprintln!("dossier: {problem}");
        }
    }
    dossier::store::spool::remove_stale();
    let cache = cache_dir(cli.cache_dir.clone());
    if let Some(dir) = &cache {
        dossier::log::init(cli.log.as_deref(), dir)?;
    }
    match cli.command {
        Some(command @ (Command::Config { .. } | Command::Completions { .. } | Command::Man)) => {
            return about_dossier(&command, settings);
        }
        Some(Command::Export {
            path,
            format,
            query,
            view,
            by_tag,
        }) => {
            if path.is_none() {
                eprintln!("dossier: no PATH given: exporting the library of the sample corpus");
            }
            let source = CorpusSource::resolve(path.as_deref())?;
            let ask = ExportAsk { query, view, by_tag };
            let config = config_dir(cli.config_dir)?;
            return commands::export(&source, &config, cache.as_deref(), (format, &ask), &opts);
        }
        Some(Command::Dump { path }) => {
            let source = CorpusSource::resolve(path.as_deref())?;
            return commands::dump(&source, &opts, cache.as_deref(), (cli.sort, cli.group));
        }
        Some(Command::Tags { path, rename, delete }) => {
            let source = CorpusSource::resolve(path.as_deref())?;
            let rename = rename.as_deref().and_then(|r| match r {
                [old, new] => Some((old.as_str(), new.as_str())),
                _ => None,
            });
            let config = config_dir(cli.config_dir)?;
            return commands::select::tags_command(&config, &source.key(), rename, delete.as_deref());
        }
        Some(Command::Dups { path, json }) => {
            let source = CorpusSource::resolve(path.as_deref())?;
            return commands::dups::print_dups(&source, &opts, cache.as_deref(), json);
        }
        Some(Command::Import { file, path }) => {
            let config = config_dir(cli.config_dir)?;
            return commands::import::run(&file, path.as_deref(), &config, cache.as_deref(), &opts);
        }
        Some(Command::Entities { path, json }) => {
            let source = CorpusSource::resolve(path.as_deref())?;
            let config = config_dir(cli.config_dir.clone()).ok();
            return commands::print_entities(&source, &opts, cache.as_deref(), config.as_deref(), json);
        }
        None => {}
    }
    // Check the corpus before touching the terminal, so the error prints plainly.
    let source = CorpusSource::resolve(cli.path.as_deref())?;
    if cli.filter.is_some() || cli.search.is_some() {
        // The library answers the operators (#tag, is:bookmarked): read it, never written.
        let config = config_dir(cli.config_dir.clone()).ok();
        let mut select = Select::open(config.as_deref(), &source.key(), cli.sort);
        select.group = cli.group;
        if let Some(query) = cli.filter {
            return Ok(commands::print_filtered(
                &source,
                &opts,
                cache.as_deref(),
                &query,
                &select,
            ));
        }
        if let Some(query) = cli.search {
            let cache = cache_dir(cli.cache_dir).context("cannot find a cache directory; pass --cache-dir DIR")?;
            return commands::print_searched(&source, &opts, &cache, (&query, cli.limit), &select);
        }
    }
    let config = config_dir(cli.config_dir)?;
    let mut app = App::new(source);
    app.pending_view = cli.view;
    let theme = Theme::from_env_with(settings.theme);
    let mut runtime = Runtime::new(opts);
    runtime.cache_dir = cache_dir(cli.cache_dir);
    runtime.open_preferences(&mut app, &config);
    // After the kept layout: shares the settings file sets win over the last drag.
    app.configure(settings.into_configured());
    runtime.open_library(&mut app, &config);
    match runtime::terminal::run(app, runtime, theme) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(err) => {
            eprintln!("dossier: {err:#}");
            Ok(ExitCode::FAILURE)
        }
    }
}
