#![forbid(unsafe_code)]

use std::{path::PathBuf, process::ExitCode};

use clap::Parser;
use dossier::{
    app::App,
    store::{CorpusSource, LoadOptions},
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
    let app = App::new(source, Theme::from_env());
    match tui::run(app, LoadOptions::default()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dossier: {err:#}");
            ExitCode::FAILURE
        }
    }
}
