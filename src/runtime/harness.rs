//! Running the app without a terminal, for tests and scripts: everything the interactive loop
//! does, but waiting for background work to finish instead of drawing while it runs.

use super::{Incoming, Runtime, loader};
use crate::{
    app::{Action, App, Event},
    catalog,
    fulltext::worker::{Reply, Request},
};

impl Runtime {
    /// Handle messages until everything asked has been answered: articles read, library
    /// changes saved, the matcher settled on every query and item sent to it, the searcher idle.
    pub fn settle(&mut self, app: &mut App) {
        loop {
            self.sync_token += 1;
            let token = self.sync_token;
            self.fuzzy.sync(token);
            self.searcher.ask(Request::Ping);
            let (mut synced, mut pong, mut others) = (false, false, 0usize);
            while !(synced && pong && self.pending == 0) {
                let Ok(msg) = self.rx.recv() else { return };
                match &msg {
                    Incoming::FuzzySynced(t) if *t == token => synced = true,
                    Incoming::Event(Event::Fulltext(Reply::Pong)) => pong = true,
                    _ => others += 1,
                }
                self.handle(app, msg);
            }
            // What arrived may have asked for more (snippets for new results): ask again until
            // a round brings nothing but the answers to its own questions.
            if others <= 1 {
                return;
            }
        }
    }

    /// Apply actions one by one, each followed by [`Runtime::settle`].
    pub fn act(&mut self, app: &mut App, actions: impl IntoIterator<Item = Action>) {
        for action in actions {
            self.update(app, action);
            self.settle(app);
        }
    }

    /// Load the whole corpus and its entities on this thread, through the catalog in the
    /// cache directory when there is one.
    pub fn load_sync(&mut self, app: &mut App) -> catalog::Outcome {
        let (mut batch, mut passes, mut sigs) = (Vec::new(), Vec::new(), Vec::new());
        let (articles, outcome) = catalog::load(
            self.cache_dir.as_deref(),
            &app.source,
            &self.opts,
            crate::entities::corpus::Share::all(parallelism()),
            &mut |event| batch.push(event),
            &mut |_| {},
            &mut |mut pass| {
                pass.take_sigs(&mut sigs);
                passes.push(pass);
            },
        );
        self.update(app, Event::Loaded(batch));
        for pass in passes {
            self.update(app, Event::EntityPass(pass));
        }
        let groups = crate::dups::group_articles(&articles, &sigs);
        self.update(app, Event::Groups(std::sync::Arc::new(groups)));
        self.settle(app);
        outcome
    }

    /// Build (or bring up to date) the full-text index on this thread and hand it to the
    /// searcher.
    pub fn index_sync(&mut self, app: &mut App) {
        let Some(job) = self.cache_dir.clone().map(|dir| self.searcher.job(dir)) else {
            return;
        };
        crate::fulltext::worker::build_once(&job, &app.source.key(), &app.source, &app.articles, &self.opts);
        self.settle(app);
    }

    /// Read the corpus in the background, as the interactive app does: batches of articles,
    /// then the entity pass and the index build arrive on the channel.
    pub fn spawn_loader(&self, app: &App) {
        let job = self.cache_dir.clone().map(|dir| self.searcher.job(dir));
        loader::spawn(
            app.source.clone(),
            self.opts.clone(),
            self.cache_dir.clone(),
            self.activity.clone(),
            job,
            self.events(),
        );
    }
}

/// Threads for work nobody is waiting to watch (scripts, tests): every core.
fn parallelism() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}
