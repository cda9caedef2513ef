//! `dossier import FILE [PATH]`: annotations, notes, bookmarks and tags from a W3C Web
//! Annotation file (dossier's own JSON export, Hypothesis, …) into a corpus's library.

use std::{collections::HashMap, io::Read, path::Path, process::ExitCode};

use anyhow::{Context, bail};

use crate::{
    library::{
        Library,
        import::{self, Article, Index},
    },
    store::{self, CorpusSource, LoadOptions, sanitize::sanitize_line},
};

/// Larger than any export of a library people write by hand or by highlighting; a file past
/// it is not an annotation export, and reading it whole could exhaust memory.
const MAX_FILE: u64 = 512 << 20;

fn read_capped(file: &Path) -> anyhow::Result<Vec<u8>> {
    let shown = sanitize_line(&file.display().to_string());
    let handle = std::fs::File::open(file).with_context(|| format!("cannot read {shown}"))?;
    let mut bytes = Vec::new();
    handle
        .take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {shown}"))?;
    if bytes.len() as u64 > MAX_FILE {
        bail!("{shown} is larger than {} MiB: not an annotation file", MAX_FILE >> 20);
    }
    Ok(bytes)
}

/// Read `file`, match and anchor its annotations in the corpus at `path` (the sample corpus
/// without it), merge them into that corpus's library and say what happened on stderr.
/// Status 0 when anything was imported (or already there); an error when the file can't be
/// read, isn't JSON, holds nothing usable or the library can't be written.
pub fn run(
    file: &Path,
    path: Option<&Path>,
    config: &Path,
    cache: Option<&Path>,
    opts: &LoadOptions,
) -> anyhow::Result<ExitCode> {
    let shown = sanitize_line(&file.display().to_string());
    let bytes = read_capped(file)?;
    let parsed = import::parse(&bytes).with_context(|| format!("nothing imported from {shown}"))?;
    if path.is_none() {
        eprintln!("dossier: no PATH given: importing into the library of the sample corpus");
    }
    let source = CorpusSource::resolve(path)?;
    let (mut library, notices) = Library::open(config, &source.key())?;
    for notice in notices {
        eprintln!("dossier: {}", sanitize_line(&notice.0));
    }
    if let Some(why) = library.read_only_reason() {
        bail!("the library is read-only ({}): nothing imported", sanitize_line(why));
    }

    let (articles, _) = super::load_articles(&source, opts, cache, None);
    super::warn_if_empty(&source, articles.len());
    let index = Index::new(articles.iter().map(|a| Article {
        id: &a.id,
        url: a.url.as_deref(),
        title: &a.title,
    }));
    // Only the articles that passages are anchored in are read, in one pass.
    let needed = import::needed(&parsed, &index);
    let at: Vec<usize> = articles
        .iter()
        .enumerate()
        .filter(|(_, a)| needed.contains(&a.id))
        .map(|(i, _)| i)
        .collect();
    let mut texts = HashMap::new();
    store::for_each_body_at(&source, &articles, at, opts, &mut |i, body| {
        if let (Some(a), Some(body)) = (articles.get(i), body) {
            texts.insert(a.id.clone(), body);
        }
    });
    let imported = import::build(&parsed, &source.key(), &index, &texts);
    for line in imported.report.lines() {
        eprintln!("dossier: {line}");
    }
    if imported.report.nothing_valid() {
        bail!("nothing to import in {shown}");
    }
    let changed = library.import(&imported.state)?;
    for notice in library.take_notices() {
        eprintln!("dossier: {}", sanitize_line(&notice.0));
    }
    let corpus = sanitize_line(&source.describe());
    if changed {
        eprintln!("dossier: saved in the library of {corpus}");
    } else {
        eprintln!("dossier: the library of {corpus} already had all of it: nothing changed");
    }
    Ok(ExitCode::SUCCESS)
}
