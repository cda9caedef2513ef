//! Opening a corpus through its catalog: what is unchanged is served from it, what is new or
//! changed is read (once) and extracted, and the catalog is brought up to date.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
};

use super::{Catalog, View, corpus_stamp, path_for};
use crate::{
    dups::Signature,
    entities::{
        CaseStats,
        corpus::{Found, Pass, Share, extract_all, learn},
    },
    store::{self, ArticleMeta, CorpusSource, LoadEvent, LoadOptions, Origin},
};

/// When more than this share of a corpus is new or changed, its casing statistics are
/// gathered afresh and every article is extracted again: the kept statistics would mostly
/// describe articles that are gone.
const REEXTRACT_ALL: f64 = 0.25;

/// What opening through the catalog did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The whole corpus came from the catalog: nothing was read but a stamp.
    pub served: bool,
    /// Articles taken from the catalog rather than read (a folder's unchanged files).
    pub unread: usize,
    /// Articles whose entities came from the catalog.
    pub reused: usize,
    /// Articles whose entities were extracted now.
    pub extracted: usize,
    /// Why the catalog on disk was not trusted, when it was not.
    pub distrusted: Option<String>,
    /// Whether this process wrote the catalog (false: nothing changed, another process holds
    /// its lock, or it could not be written).
    pub saved: bool,
}

/// Open `source`: articles, skipped files and progress go to `on_load` (ending with
/// [`LoadEvent::Done`]), then the entity pass to `on_pass`, as [`store::load`] and
/// [`extract_all`] would send them; `loaded` sees the articles in between (the loader starts
/// the index build there). With a `cache` directory the catalog there is used and brought up
/// to date. Returns the articles (in the order sent) and what was done.
pub fn load(
    cache: Option<&Path>,
    source: &CorpusSource,
    opts: &LoadOptions,
    share: Share<'_>,
    on_load: &mut dyn FnMut(LoadEvent),
    loaded: &mut dyn FnMut(&Arc<Vec<ArticleMeta>>),
    on_pass: &mut dyn FnMut(Pass),
) -> (Arc<Vec<ArticleMeta>>, Outcome) {
    let mut outcome = Outcome::default();
    let key = source.key();
    let path = cache.map(|c| path_for(c, &key));
    // Taken before anything is read: a file that changes while it is read is stamped as it was.
    let stamp_now = corpus_stamp(source);
    let decoded = path
        .as_deref()
        .map(|p| read_catalog(p, &key, opts, share.wanted))
        .transpose()
        .map(Option::flatten);
    let catalog = match decoded {
        Ok(catalog) => catalog,
        Err(e) => {
            tracing::warn!("not using the catalog of {}: {e}", source.describe());
            outcome.distrusted = Some(e.to_string());
            None
        }
    };
    let catalog = match catalog {
        Some((c, _)) if stamp_now.is_some_and(|s| s == c.corpus_stamp) => {
            return (serve(c, share.wanted, on_load, loaded, on_pass, &mut outcome), outcome);
        }
        // Not served whole: the kept entities are needed after all (for reuse and to write).
        Some((_, bytes)) if !share.wanted => Catalog::decode_with(&bytes, &key, opts, true).ok(),
        other => other.map(|(c, _)| c),
    };
    // A folder: files whose stamp is the one kept are taken from the catalog, not read.
    let stamps_seen: Mutex<HashMap<PathBuf, u64>> = Mutex::default();
    let by_path: HashMap<&Path, usize> = catalog
        .iter()
        .flat_map(|c| c.articles.iter().enumerate())
        .filter_map(|(i, a)| match &a.origin {
            Origin::File(p) => Some((p.as_path(), i)),
            _ => None,
        })
        .collect();
    let taken = AtomicUsize::new(0);
    let known = |file: &Path, stamp: u64| -> Option<ArticleMeta> {
        if let Ok(mut seen) = stamps_seen.lock() {
            seen.insert(file.to_path_buf(), stamp);
        }
        let catalog = catalog.as_ref()?;
        let &i = by_path.get(file)?;
        let same = catalog.stamps.get(i) == Some(&stamp);
        if same {
            taken.fetch_add(1, Ordering::Relaxed);
        }
        same.then(|| catalog.articles[i].clone())
    };
    let (mut articles, mut skipped) = (Vec::new(), Vec::new());
    store::load_with(source, opts, Some(&known), &mut |event| {
        match &event {
            LoadEvent::Article(a) => articles.push((**a).clone()),
            LoadEvent::Skipped(s) => skipped.push(s.clone()),
            _ => {}
        }
        on_load(event);
    });
    let seen = stamps_seen.into_inner().unwrap_or_default();
    let stamps: Vec<u64> = articles
        .iter()
        .map(|a| match &a.origin {
            Origin::File(p) => seen.get(p).copied().unwrap_or(0),
            _ => store::change_stamp(a),
        })
        .collect();
    outcome.unread = taken.into_inner();
    // A folder whose every file was taken from the catalog, none gone, nothing newly skipped:
    // the catalog already says all this.
    let unchanged = catalog.as_ref().is_some_and(|c| {
        outcome.unread == articles.len() && c.articles.len() == articles.len() && c.skipped == skipped
    });
    let articles = Arc::new(articles);
    loaded(&articles);
    let write = path.as_ref().filter(|_| !unchanged);
    let (found, sigs, stats) = entities(
        catalog,
        write.is_some(),
        (source, opts),
        &articles,
        share,
        on_pass,
        &mut outcome,
    );
    if let Some(path) = write {
        let view = View {
            corpus_stamp: stamp_now.unwrap_or(0),
            articles: &articles,
            stamps: &stamps,
            skipped: &skipped,
            found: &found,
            sigs: &sigs,
            stats: &stats,
        };
        match super::write(path, &key, opts, view) {
            Ok(saved) => outcome.saved = saved,
            Err(e) => tracing::warn!("cannot write the catalog {}: {e}", path.display()),
        }
    }
    (articles, outcome)
}

/// The catalog at `path`, decoded with or without its entities; without them, its bytes too,
/// for the second decode a changed corpus needs (read once either way).
fn read_catalog(
    path: &Path,
    key: &str,
    opts: &LoadOptions,
    entities: bool,
) -> Result<Option<(Catalog, Vec<u8>)>, super::CatalogError> {
    let Some(bytes) = super::read_bytes(path)? else {
        return Ok(None);
    };
    let catalog = Catalog::decode_with(&bytes, key, opts, entities)?;
    Ok(Some((catalog, if entities { Vec::new() } else { bytes })))
}

/// An unchanged corpus, from the catalog alone. Its parts are moved on, not copied: the app
/// gets the one copy of the articles it keeps, the caller the other.
fn serve(
    catalog: Catalog,
    wanted: bool,
    on_load: &mut dyn FnMut(LoadEvent),
    loaded: &mut dyn FnMut(&Arc<Vec<ArticleMeta>>),
    on_pass: &mut dyn FnMut(Pass),
    outcome: &mut Outcome,
) -> Arc<Vec<ArticleMeta>> {
    let total = catalog.articles.len();
    for a in &catalog.articles {
        on_load(LoadEvent::Article(Box::new(a.clone())));
    }
    for s in catalog.skipped {
        on_load(LoadEvent::Skipped(s));
    }
    on_load(LoadEvent::Done);
    let articles = Arc::new(catalog.articles);
    loaded(&articles);
    if wanted {
        on_pass(Pass::Stats(Arc::new(catalog.stats)));
        on_pass(Pass::Progress { done: total, total });
        send_found(catalog.found, &catalog.sigs, on_pass);
    }
    *outcome = Outcome {
        served: true,
        unread: total,
        reused: total,
        ..Outcome::default()
    };
    articles
}

/// The entities of `articles`: those whose text the catalog holds are taken from it, the rest
/// extracted (with the kept statistics, plus the new texts', when few are new). Sent to
/// `on_pass`; returned with the statistics, for the catalog.
fn entities(
    catalog: Option<Catalog>,
    keep: bool,
    (source, opts): (&CorpusSource, &LoadOptions),
    articles: &[ArticleMeta],
    share: Share<'_>,
    on_pass: &mut dyn FnMut(Pass),
    outcome: &mut Outcome,
) -> (Vec<Vec<Found>>, Vec<Signature>, CaseStats) {
    let total = articles.len();
    let (old_articles, mut old_found, old_sigs, old_stats) =
        catalog.map_or_else(Default::default, |c| (c.articles, c.found, c.sigs, Some(c.stats)));
    let kept: HashMap<(&str, u64), usize> = old_articles
        .iter()
        .enumerate()
        .map(|(i, a)| ((a.id.as_str(), a.content), i))
        .collect();
    // Moved out of the catalog, not copied: at 100k articles the entities are most of it.
    let mut sigs: Vec<Signature> = Vec::with_capacity(total);
    let mut found: Vec<Option<Vec<Found>>> = articles
        .iter()
        .map(|a| {
            let i = kept.get(&(a.id.as_str(), a.content)).copied();
            sigs.push(i.and_then(|i| old_sigs.get(i).copied()).unwrap_or_default());
            old_found.get_mut(i?).map(std::mem::take)
        })
        .collect();
    drop((old_found, old_sigs));
    let todo: Vec<usize> = (0..total).filter(|&i| found[i].is_none()).collect();
    let few = (todo.len() as f64) <= total as f64 * REEXTRACT_ALL;
    let Some(mut stats) = old_stats.filter(|_| few) else {
        // Everything afresh, streamed as the pass goes.
        let mut all = Vec::with_capacity(if keep { total } else { 0 });
        let mut all_sigs = Vec::with_capacity(if keep { total } else { 0 });
        let mut stats = None;
        extract_all(source, articles, opts, share, &mut |pass| {
            match &pass {
                Pass::Stats(s) => stats = Some(s.clone()),
                Pass::Found { found, sigs, .. } if keep => {
                    all.extend(found.iter().cloned());
                    all_sigs.extend_from_slice(sigs);
                }
                _ => {}
            }
            on_pass(pass);
        });
        outcome.extracted = total;
        let stats = stats.map(|s| Arc::try_unwrap(s).unwrap_or_else(|s| (*s).clone()));
        return (all, all_sigs, stats.unwrap_or_default());
    };
    store::for_each_body_at(source, articles, todo.iter().copied(), opts, &mut |_, body| {
        if let Some(body) = body {
            stats.add_text(&body);
        }
    });
    let stats = Arc::new(stats);
    on_pass(Pass::Stats(stats.clone()));
    store::for_each_body_at(source, articles, todo.iter().copied(), opts, &mut |i, body| {
        let (entities, sig) = body.map(|b| learn(&b, &stats)).unwrap_or_default();
        found[i] = Some(entities);
        sigs[i] = sig;
    });
    outcome.reused = total - todo.len();
    outcome.extracted = todo.len();
    let found: Vec<Vec<Found>> = found.into_iter().map(Option::unwrap_or_default).collect();
    on_pass(Pass::Progress { done: total, total });
    let kept = if keep { found.clone() } else { Vec::new() };
    let kept_sigs = if keep { sigs.clone() } else { Vec::new() };
    send_found(found, &sigs, on_pass);
    (kept, kept_sigs, Arc::try_unwrap(stats).unwrap_or_else(|s| (*s).clone()))
}

/// Entities handed to the app a slice at a time: it builds each article's matcher item as a
/// batch arrives, and one batch of 100,000 held a frame for over a second.
fn send_found(found: Vec<Vec<Found>>, sigs: &[Signature], on_pass: &mut dyn FnMut(Pass)) {
    const SLICE: usize = 2048;
    if found.is_empty() {
        on_pass(Pass::Found {
            first: 0,
            found: Vec::new(),
            sigs: Vec::new(),
        });
        return;
    }
    let mut first = 0;
    let mut rest = found.into_iter().peekable();
    while rest.peek().is_some() {
        let slice: Vec<Vec<Found>> = rest.by_ref().take(SLICE).collect();
        let n = slice.len();
        let sigs = sigs
            .get(first..first + n)
            .map_or_else(|| vec![Signature::NONE; n], <[_]>::to_vec);
        on_pass(Pass::Found {
            first,
            found: slice,
            sigs,
        });
        first += n;
    }
}
