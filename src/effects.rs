//! Carrying out [`Effect`]s: the only place the app's wishes turn into I/O.

use std::sync::Arc;

use crate::{
    app::{Action, App, Effect},
    store::{self, LoadOptions},
};

/// Carry out effects, feeding their results back into the app until nothing is left to do.
pub fn run(app: &mut App, effects: Vec<Effect>, opts: &LoadOptions) {
    let mut queue = effects;
    while let Some(effect) = queue.pop() {
        let action = match effect {
            Effect::LoadDocument { index } => {
                let Some(meta) = app.articles.get(index) else {
                    continue;
                };
                let result = store::open_document(&app.source, meta, opts)
                    .map(Arc::new)
                    .map_err(|e| e.to_string());
                Action::DocumentLoaded { index, result }
            }
        };
        queue.extend(app.update(action));
    }
}

/// Load the whole corpus on this thread: for tests and scripts, where nothing needs drawing.
pub fn load_sync(app: &mut App, opts: &LoadOptions) {
    let (articles, skipped) = store::load_all(&app.source, opts);
    let mut events: Vec<store::LoadEvent> = articles
        .into_iter()
        .map(|a| store::LoadEvent::Article(Box::new(a)))
        .collect();
    events.extend(skipped.into_iter().map(store::LoadEvent::Skipped));
    events.push(store::LoadEvent::Done);
    let effects = app.update(Action::Loaded(events));
    run(app, effects, opts);
}
