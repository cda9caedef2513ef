#![forbid(unsafe_code)]

use std::{
    io::{self, BufWriter, Write},
    path::PathBuf,
    process::ExitCode,
};

use clap::Parser;
use dossier::{
    app::App,
    effects::Runtime,
    filter,
    store::{self, CorpusSource, LoadOptions, sanitize::sanitize_line},
    tui,
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
    #[arg(long, value_name = "QUERY")]
    filter: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Check the corpus before touching the terminal, so the error prints plainly.
    let source = match CorpusSource::resolve(cli.path.as_deref()) {
        Ok(source) => source,
        Err(err) => {
            eprintln!("dossier: {err}");
            return ExitCode::from(2);
        }
    };
    let opts = LoadOptions::default();
    if let Some(query) = cli.filter {
        return print_filtered(&source, &opts, &query);
    }
    let app = App::new(source, Theme::from_env());
    match tui::run(app, Runtime::new(opts)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dossier: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn print_filtered(source: &CorpusSource, opts: &LoadOptions, query: &str) -> ExitCode {
    let (articles, _) = store::load_all(source, opts);
    let order = filter::rank(&articles, query);
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
