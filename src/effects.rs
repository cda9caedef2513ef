//! Carrying out [`Effect`]s: the only place the app's wishes turn into I/O or touch the matcher.

use std::sync::Arc;

use crate::{
    app::{Action, App, Effect},
    filter::Filter,
    store::{self, LoadEvent, LoadOptions},
};

/// Saves a remembered filter somewhere lasting.
pub type SaveHistory = Box<dyn FnMut(&str)>;

/// What the effects act on: load options, the matcher, and (later) the user's library.
pub struct Runtime {
    pub opts: LoadOptions,
    pub filter: Filter,
    /// Where remembered filters are saved; without one they last for this run only.
    pub save_history: Option<SaveHistory>,
}

impl Runtime {
    pub fn new(opts: LoadOptions) -> Self {
        Self {
            opts,
            filter: Filter::new(),
            save_history: None,
        }
    }

    /// Carry out effects, feeding their results back into the app until nothing is left to do.
    pub fn run(&mut self, app: &mut App, effects: Vec<Effect>) {
        let mut queue = effects;
        while !queue.is_empty() {
            let effect = queue.remove(0);
            let action = match effect {
                Effect::LoadDocument { index } => {
                    let Some(meta) = app.articles.get(index) else { continue };
                    let result = store::open_document(&app.source, meta, &self.opts).map(Arc::new);
                    Action::DocumentLoaded {
                        index,
                        result: result.map_err(|e| e.to_string()),
                    }
                }
                Effect::IndexArticles { from } => {
                    let from = from.max(self.filter.pushed());
                    self.filter.push(from, &app.articles[from..]);
                    continue;
                }
                Effect::SetQuery(query) => {
                    self.filter.set_query(&query);
                    continue;
                }
                Effect::RememberFilter(query) => {
                    if let Some(save) = &mut self.save_history {
                        save(&query);
                    }
                    continue;
                }
            };
            queue.extend(app.update(action));
        }
    }

    /// Let the matcher work for up to `wait_ms` and hand new results to the app.
    /// Returns (the app changed, the matcher is still running).
    pub fn tick(&mut self, app: &mut App, wait_ms: u64) -> (bool, bool) {
        let (changed, running) = self.filter.tick(wait_ms);
        let settled = app.filter.matching && !running;
        if changed || settled {
            let results = Arc::new(self.filter.results());
            let effects = app.update(Action::FilterResults { results, running });
            self.run(app, effects);
        }
        (changed || settled, running)
    }

    /// Block until the matcher has settled: for tests and scripts.
    pub fn settle(&mut self, app: &mut App) {
        while self.tick(app, 50).1 {}
    }

    /// Apply actions one by one, carrying out their effects and letting the matcher settle.
    pub fn act(&mut self, app: &mut App, actions: impl IntoIterator<Item = Action>) {
        for action in actions {
            let effects = app.update(action);
            self.run(app, effects);
            self.settle(app);
        }
    }

    /// Load the whole corpus on this thread: for tests and scripts, where nothing needs drawing.
    pub fn load_sync(&mut self, app: &mut App) {
        let (articles, skipped) = store::load_all(&app.source, &self.opts);
        let mut events: Vec<LoadEvent> = articles.into_iter().map(|a| LoadEvent::Article(Box::new(a))).collect();
        events.extend(skipped.into_iter().map(LoadEvent::Skipped));
        events.push(LoadEvent::Done);
        let effects = app.update(Action::Loaded(events));
        self.run(app, effects);
        self.settle(app);
    }
}
