//! The query language and the orders on the command line: what `--filter`, `--search`,
//! `dump` and `export` keep and in what order, and the `tags` command.

use std::{
    io::{self, BufWriter, Write},
    path::Path,
    process::ExitCode,
};

use nucleo::{Config, Matcher};

use crate::{
    library::{CorpusState, Library, tags},
    query::{Query, Sort},
    store::ArticleMeta,
};

/// What the library says of a corpus, and the order asked for.
pub struct Select {
    pub library: CorpusState,
    /// `None`: the ranking (a query's) or the corpus's order.
    pub sort: Option<Sort>,
    /// `--group`: one line per story, its copies left out.
    pub group: bool,
}

impl Select {
    /// The library of `key` in `config` (read, never written here); an empty one without a
    /// configuration folder. Its notices go to stderr.
    pub fn open(config: Option<&Path>, key: &str, sort: Option<Sort>) -> Self {
        let library = match config.map(|c| Library::open(c, key)) {
            Some(Ok((library, notices))) => {
                for notice in notices {
                    eprintln!("dossier: {}", notice.0);
                }
                library.state().clone()
            }
            Some(Err(e)) => {
                eprintln!("dossier: the library cannot be read ({e}): tags, bookmarks and notes are not known");
                CorpusState::new(key)
            }
            None => CorpusState::new(key),
        };
        Self {
            library,
            sort,
            group: false,
        }
    }

    /// The tags of an article, for its fuzzy fields.
    pub fn tags_of(&self, id: &str) -> Vec<String> {
        tags::of(&self.library, id)
    }

    /// `ranked` (article indices, best first) with the query's operators applied, in the
    /// order asked for.
    pub fn apply(&self, query: &Query, articles: &[ArticleMeta], ranked: Vec<u32>) -> Vec<u32> {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut rows: Vec<u32> = if query.has_ops() {
            ranked
                .into_iter()
                .filter(|&i| {
                    let meta = &articles[i as usize];
                    query.passes(meta, self.library.article(&meta.id), &mut matcher)
                })
                .collect()
        } else {
            ranked
        };
        if let Some(sort) = self.sort {
            sort.apply(&mut rows, articles, &self.library);
        }
        rows
    }
}

/// Say on stderr why an operator was not applied.
pub fn report_errors(query: &Query) {
    for why in &query.errors {
        eprintln!("dossier: not applied: {why}");
    }
}

/// `dossier tags`: the tags in use with their counts, most used first; or rename or delete
/// one everywhere.
pub fn tags_command(
    config: &Path,
    key: &str,
    rename: Option<(&str, &str)>,
    delete: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let (mut library, notices) = Library::open(config, key)?;
    for notice in notices {
        eprintln!("dossier: {}", notice.0);
    }
    let norm =
        |t: &str| tags::normalize(t).ok_or_else(|| anyhow::anyhow!("{t:?} is not a tag (letters, digits, - _ / only)"));
    if let Some((old, new)) = rename {
        let (old, new) = (norm(old)?, norm(new)?);
        let n = library.rename_tag(&old, Some(&new))?;
        eprintln!(
            "dossier: #{old} is now #{new} on {n} article{}",
            if n == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(tag) = delete {
        let tag = norm(tag)?;
        let n = library.rename_tag(&tag, None)?;
        eprintln!(
            "dossier: #{tag} removed from {n} article{}",
            if n == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::SUCCESS);
    }
    let counts = tags::by_use(library.state());
    let mut out = BufWriter::new(io::stdout().lock());
    for (tag, n) in &counts {
        writeln!(out, "{n}\t#{tag}")?;
    }
    out.flush()?;
    Ok(if counts.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
