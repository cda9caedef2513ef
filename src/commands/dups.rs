//! Copies of one story on the command line: `dossier dups` prints the groups, and `--group`
//! makes `--filter`, `--search` and `dump` print one line per group.

use std::{
    io::{self, BufWriter, Write},
    path::Path,
    process::ExitCode,
    sync::Arc,
};

use crate::{
    dups::{Groups, Signature},
    entities::corpus::{Found, Pass},
    store::{
        ArticleMeta, CorpusSource, LoadOptions,
        sanitize::{sanitize_line, to_json},
    },
};

/// What a command loads: the articles, what was skipped, their entities and (when asked)
/// their groups of copies.
pub struct Loaded {
    pub articles: Arc<Vec<ArticleMeta>>,
    pub skipped: Vec<crate::store::Skipped>,
    pub found: Vec<Vec<Found>>,
    pub groups: Groups,
}

/// Load with entities, grouping copies when `group` (from the catalog when the corpus is
/// unchanged: the signatures are kept there). One load: a stream can only be read once.
pub fn load_grouped(source: &CorpusSource, opts: &LoadOptions, cache: Option<&Path>, group: bool) -> Loaded {
    let (mut sigs, mut found): (Vec<Signature>, Vec<Vec<Found>>) = (Vec::new(), Vec::new());
    let (articles, skipped) = super::load_articles(
        source,
        opts,
        cache,
        Some(&mut |mut pass| {
            pass.take_sigs(&mut sigs);
            if let Pass::Found {
                first, found: batch, ..
            } = pass
            {
                found.truncate(first);
                found.extend(batch);
            }
        }),
    );
    let groups = if group {
        crate::dups::group_articles(&articles, &sigs)
    } else {
        Groups::default()
    };
    Loaded {
        articles,
        skipped,
        found,
        groups,
    }
}

/// The articles, and what `--group` does to a list of them: one row per group when asked,
/// else nothing (and then no signatures or entities are wanted).
pub fn load_for(
    source: &CorpusSource,
    opts: &LoadOptions,
    cache: Option<&Path>,
    group: bool,
) -> (Arc<Vec<ArticleMeta>>, impl Fn(Vec<u32>) -> Vec<u32>) {
    let (articles, groups) = if group {
        let loaded = load_grouped(source, opts, cache, true);
        (loaded.articles, loaded.groups)
    } else {
        (super::load_articles(source, opts, cache, None).0, Groups::default())
    };
    (articles, move |rows| one_per_group(rows, &groups))
}

/// `rows` with one row per group (`--group`).
#[must_use]
pub fn one_per_group(rows: Vec<u32>, groups: &Groups) -> Vec<u32> {
    crate::dups::collapse(rows, groups, &|_| false).rows
}

#[derive(serde::Serialize)]
struct Copy<'a> {
    id: String,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    path: &'a str,
}

#[derive(serde::Serialize)]
struct Group<'a> {
    copies: usize,
    /// The representative first: the earliest, else the longest.
    articles: Vec<Copy<'a>>,
}

/// `dossier dups`: every group of copies, largest first, its representative first. Text: a
/// line per group (`N copies<TAB>title`), then one per copy (`<TAB>id<TAB>source<TAB>date
/// <TAB>title`); `--json`: one JSON object per group per line. Status 1 when nothing is
/// copied.
pub fn print_dups(
    source: &CorpusSource,
    opts: &LoadOptions,
    cache: Option<&Path>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let Loaded { articles, groups, .. } = load_grouped(source, opts, cache, true);
    super::warn_if_empty(source, articles.len());
    let mut all: Vec<&[u32]> = groups.iter().collect();
    all.sort_by_key(|m| std::cmp::Reverse(m.len()));
    let mut out = BufWriter::new(io::stdout().lock());
    for members in &all {
        let copies = members.iter().map(|&a| {
            let m = &articles[a as usize];
            Copy {
                // Ids come from file names or JSON: keep tabs and newlines out of the columns.
                id: sanitize_line(&m.id),
                title: &m.title,
                source: m.source.as_deref(),
                date: m.date.as_deref(),
                url: m.url.as_deref(),
                path: &m.path,
            }
        });
        if json {
            let group = Group {
                copies: members.len(),
                articles: copies.collect(),
            };
            writeln!(out, "{}", to_json(&group, false)?)?;
            continue;
        }
        let rep = &articles[members[0] as usize];
        writeln!(out, "{} copies\t{}", members.len(), rep.title)?;
        for c in copies {
            writeln!(
                out,
                "\t{}\t{}\t{}\t{}",
                c.id,
                c.source.unwrap_or("-"),
                c.date.unwrap_or("-"),
                c.title
            )?;
        }
    }
    out.flush()?;
    Ok(if all.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
