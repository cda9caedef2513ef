//! Carrying out [`Effect`]s: the only place the app's wishes turn into I/O, touch the matcher
//! or the searcher, or change the user's library. Every result goes back on the channel as an
//! event; nothing here changes the app.

use std::{collections::HashMap, sync::Arc};

use super::{Incoming, Runtime};
use crate::{
    app::{App, Effect, Effects, Event, LibraryOp, Opened},
    entities::{self, CaseStats},
    fulltext::worker::Request,
    library,
    store::{self, ArticleMeta, CorpusSource, LoadOptions, StoreError},
};

/// Articles longer than this are read and analysed off the loop's thread.
const BACKGROUND_WORDS: u32 = 100_000;

/// What the export says of an article.
pub fn export_info(meta: &ArticleMeta) -> library::ArticleInfo {
    library::ArticleInfo {
        title: meta.title.clone(),
        author: meta.author.clone(),
        date: meta.date.clone(),
        source: meta.source.clone(),
        url: meta.url.clone(),
    }
}

/// Read and analyse an article for the reader, on whichever thread.
///
/// # Errors
/// When the article can no longer be read.
pub fn read_article(
    source: &CorpusSource,
    meta: &ArticleMeta,
    opts: &LoadOptions,
    stats: Option<&CaseStats>,
) -> Result<Opened, StoreError> {
    let doc = store::open_document(source, meta, opts)?;
    let entities = Arc::new(entities::extract(doc.body(), stats));
    Ok(Opened {
        doc: Arc::new(doc),
        entities,
    })
}

impl Runtime {
    /// Carry out every effect in `fx`, in order.
    pub(super) fn execute(&mut self, app: &App, fx: &mut Effects) {
        for effect in fx.take() {
            self.execute_one(app, effect);
        }
    }

    fn execute_one(&mut self, app: &App, effect: Effect) {
        match effect {
            Effect::ReadArticle { index } => self.read(app, index),
            Effect::FuzzyPush { from } => {
                let from = from.max(self.fuzzy.pushed());
                self.fuzzy
                    .push((from..app.articles.len()).map(|i| app.fuzzy_item(i)).collect());
            }
            Effect::FuzzyReplace(items) => self.fuzzy.replace(items),
            Effect::FuzzyUpdate(articles) => {
                let items = articles
                    .into_iter()
                    .filter(|&a| a < self.fuzzy.pushed())
                    .map(|a| (crate::store::article_number(a), app.fuzzy_item(a)))
                    .collect();
                self.fuzzy.set(items);
            }
            Effect::FuzzyQuery { query, generation } => self.fuzzy.set_query(&query, generation),
            Effect::Library(op) => self.change_library(op),
            Effect::ExternalEdit { target, text } => {
                let result = self.host.edit_externally(&text);
                if let Err(e) = &result {
                    tracing::warn!("external editor: {e}");
                }
                self.reply(Event::NoteEdited {
                    target: Box::new(target),
                    sent: text,
                    result,
                });
            }
            Effect::Export => {
                let by_id: HashMap<&str, &ArticleMeta> = app.articles.iter().map(|a| (a.id.as_str(), a)).collect();
                let result = library::write_markdown(
                    &app.marks.state,
                    &app.source.describe(),
                    &|id| by_id.get(id).map(|a| export_info(a)),
                    &self.export_dir,
                    &app.corpus_name,
                );
                if let Err(e) = &result {
                    tracing::error!("export: {e}");
                }
                self.reply(Event::Exported(result));
            }
            Effect::SaveLayout(split) => self.save_layout(split),
            Effect::OpenUrl(url) => {
                let result = crate::external::open_url(&url);
                if let Err(e) = &result {
                    tracing::info!("{e}");
                }
                // Not a reply anything waits for: straight onto the channel.
                let _ = self.tx.send(Incoming::Event(Event::LinkOpened(result)));
            }
            Effect::CompareCopies { copy, with } => self.compare(app, copy, with),
            Effect::FindMentions {
                found_as,
                articles,
                fixes,
                generation,
            } => self.find_mentions(app, found_as, &articles, fixes, generation),
            Effect::Copy { text, what } => {
                let result = self.host.copy(&text).map_err(|e| e.to_string());
                let chars = text.chars().count();
                let _ = self.tx.send(Incoming::Event(Event::Copied { what, chars, result }));
            }
            Effect::Suspend => match self.host.suspend() {
                // The terminal may have changed size while the process was stopped.
                Ok(Some((w, h))) => {
                    let _ = self.tx.send(Incoming::Event(Event::Resize(w, h)));
                }
                Ok(None) => {}
                Err(e) => tracing::warn!("suspending: {e}"),
            },
            Effect::FulltextSearch { generation, query } => self.searcher.ask(Request::Search {
                generation,
                text: query,
            }),
            Effect::Snippets { generation, articles } => {
                let articles = articles
                    .into_iter()
                    .filter_map(|i| Some((i, app.articles.get(i as usize)?.clone())))
                    .collect();
                self.searcher.ask(Request::Snippets {
                    generation,
                    source: app.source.clone(),
                    articles,
                });
            }
        }
    }

    /// Send the one reply of an effect back on the channel.
    fn reply(&mut self, event: Event) {
        self.pending += 1;
        // The runtime holds the receiver, so this cannot fail.
        let _ = self.tx.send(Incoming::Event(event));
    }

    fn read(&mut self, app: &App, index: usize) {
        let Some(meta) = app.articles.get(index) else { return };
        let stats = app.entities.stats.clone();
        if meta.words < BACKGROUND_WORDS {
            let result = read_article(&app.source, meta, &self.opts, stats.as_deref());
            if let Err(e) = &result {
                tracing::warn!("reading {}: {e}", meta.path);
            }
            self.reply(Event::ArticleRead { index, result });
            return;
        }
        // A long article takes a noticeable while to read and analyse: do it on another thread
        // so keys keep working meanwhile.
        self.pending += 1;
        let (source, meta, opts, tx) = (app.source.clone(), meta.clone(), self.opts.clone(), self.tx.clone());
        std::thread::spawn(move || {
            let result = read_article(&source, &meta, &opts, stats.as_deref());
            if let Err(e) = &result {
                tracing::warn!("reading {}: {e}", meta.path);
            }
            if tx.send(Incoming::Event(Event::ArticleRead { index, result })).is_err() {
                tracing::debug!("the app quit before {} was read", meta.path);
            }
        });
    }

    /// Read two copies and tell their paragraphs apart, on another thread: both can be long.
    fn compare(&mut self, app: &App, copy: usize, with: usize) {
        let (Some(a), Some(b)) = (app.articles.get(copy).cloned(), app.articles.get(with).cloned()) else {
            return;
        };
        self.pending += 1;
        let (source, opts, tx) = (app.source.clone(), self.opts.clone(), self.tx.clone());
        std::thread::spawn(move || {
            let body = |m: &ArticleMeta| store::read_body(&source, m, &opts).map_err(|e| format!("{}: {e}", m.path));
            let result = body(&a).and_then(|x| Ok(crate::dups::compare::compare(&x, &body(&b)?)));
            let event = Event::Compared(crate::app::copies::Comparison { copy, with, result });
            if tx.send(Incoming::Event(event)).is_err() {
                tracing::debug!("the app quit before two copies were compared");
            }
        });
    }

    fn change_library(&mut self, op: LibraryOp) {
        let Some(writer) = &self.library else {
            tracing::warn!("no library is open: {op:?} is not kept");
            return;
        };
        // History entries are saved without a reply: a lost one is not worth interrupting for.
        let replies = !matches!(op, LibraryOp::PushHistory(_));
        if writer.send(op) && replies {
            self.pending += 1;
        }
    }
}
