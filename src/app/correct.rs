//! Corrections to the entity sidebar: `T` retypes the entity under the cursor, `M` makes it
//! another name for one typed (an alias), `s` splits one of its aliases off, `H` hides it,
//! `R` takes every correction of it back. Each is a library write (kept, merged between
//! instances, exported); when the library answers, the corrections apply to the open article,
//! the corpus view, facets and the filter's names at once.

use super::organise::{Prompt, PromptKind};
use super::sidebar::SidebarRow;
use super::{App, Effect, Effects, Input, LibraryOp, LineEdit, Message};
use crate::{
    entities::{
        Kind,
        fixes::{Fix, Fixes},
    },
    library::{CorpusState, EntityFix},
    store::sanitize::sanitize_line,
};

/// The corrections a library holds, as the extractor's layer applies them.
pub fn fixes_of(state: &CorpusState) -> Fixes {
    // Names come from the library file, which an import can fill with anything: one line,
    // no controls, as every name the extractor finds is.
    Fixes::new(state.entities.iter().filter_map(|(name, r)| {
        let f = r.value.as_ref()?;
        let name = sanitize_line(name);
        Some((
            name.clone(),
            Fix {
                kind: f.kind.as_deref().and_then(Kind::parse),
                hidden: f.hidden,
                into: f.into.as_deref().map(sanitize_line).filter(|i| *i != name),
                split: f.split.iter().map(|s| sanitize_line(s)).collect(),
            },
        ))
    }))
}

impl App {
    /// The library's corrections changed (this instance's or another's): apply them.
    pub(super) fn entity_fixes_changed(&mut self, fx: &mut Effects) {
        let fixes = fixes_of(&self.marks.state);
        if *self.entities.index.fixes() == fixes {
            return;
        }
        self.entities.index.set_fixes(fixes);
        self.remap_facets(fx);
        self.correct_reader();
        self.refresh_corpus_counts();
        self.refresh_related();
        let count = self.sidebar_count();
        self.sidebar_cursor = self.sidebar_cursor.min(count.saturating_sub(1));
        // The filter matches the names as shown: merged, retyped, not the hidden ones.
        if self.entities.complete {
            let items = (0..self.articles.len()).map(|i| self.fuzzy_item(i)).collect();
            fx.push(Effect::FuzzyReplace(items));
        }
    }

    /// Facets name entities by number: after a merge, a hide or a retype they follow what the
    /// entity is shown as now (a hidden one is dropped), and the list is filtered again.
    pub(super) fn remap_facets(&mut self, fx: &mut Effects) {
        let index = &self.entities.index;
        let mut facets: Vec<super::sidebar::Facet> = Vec::new();
        for f in &self.entities.facets {
            if let Some(entity) = index.current(f.entity)
                && !facets.iter().any(|g| g.entity == entity)
            {
                facets.push(super::sidebar::Facet { entity, ..*f });
            }
        }
        if facets != self.entities.facets {
            self.entities.facets = facets;
            let keep = self.cursor_article();
            self.recompute_rows();
            self.keep_cursor_on(keep, fx);
        }
    }

    /// The open article's entities as corrected, from what extraction found.
    pub(super) fn correct_reader(&mut self) {
        let fixes = self.entities.index.fixes().clone();
        let index = &self.entities.index;
        if let Some(r) = &mut self.reader {
            // Each name first takes the type the corpus shows it with (agreement, a merge into
            // a name of another type), so the article lists it where the corpus does.
            let mut found = r.found.to_vec();
            for e in &mut found {
                if let Some(k) = index.shown_kind(&e.name, e.kind) {
                    e.kind = k;
                }
            }
            let (shown, hidden) = fixes.apply(r.doc.body(), found);
            r.entities = std::sync::Arc::new(shown);
            r.hidden = hidden;
        }
    }

    /// The entity under the sidebar cursor: (name, type shown).
    fn entity_under_cursor(&self) -> Option<(String, Kind)> {
        match self.sidebar_row_under_cursor() {
            Some(SidebarRow::Entity { name, kind, .. }) => Some((name, kind)),
            _ => None,
        }
    }

    /// What the library holds for `name`, to change one part of it.
    fn fix_of(&self, name: &str) -> EntityFix {
        self.marks
            .state
            .entities
            .get(name)
            .and_then(|r| r.value.clone())
            .unwrap_or_default()
    }

    fn save_fix(&mut self, name: &str, fix: EntityFix, said: String, fx: &mut Effects) {
        if let Some(why) = &self.marks.read_only {
            self.message = Some(Message::warning(format!("corrections are not kept: {why}")));
            return;
        }
        self.message = Some(Message::info(said));
        fx.push(Effect::Library(LibraryOp::SetEntityFix {
            name: name.to_owned(),
            fix,
        }));
    }

    pub(super) fn start_retype(&mut self) {
        let Some((name, kind)) = self.entity_under_cursor() else {
            self.message = Some(Message::info("T retypes the name under the cursor: move onto one"));
            return;
        };
        self.open_prompt(
            PromptKind::Retype { name, kind },
            Kind::ALL.iter().map(|k| k.word().to_owned()).collect(),
        );
    }

    pub(super) fn start_merge(&mut self) {
        let Some((name, _)) = self.entity_under_cursor() else {
            self.message = Some(Message::info("M merges the name under the cursor: move onto one"));
            return;
        };
        // Every other name of the corpus, most mentioned first.
        // At most the 5,000 most named: the prompt ranks its pool as the user types.
        let index = &self.entities.index;
        let mut pool: Vec<String> = index
            .counts(0..index.per_article.len())
            .into_iter()
            .map(|(e, _)| index.names[e as usize].clone())
            .filter(|n| *n != name)
            .take(5_000)
            .collect();
        pool.dedup();
        self.open_prompt(PromptKind::MergeInto { name }, pool);
    }

    pub(super) fn start_split(&mut self) {
        let Some((name, kind)) = self.entity_under_cursor() else {
            self.message = Some(Message::info("s splits an alias off the name under the cursor"));
            return;
        };
        let aliases: Vec<String> = self
            .reader
            .as_ref()
            .and_then(|r| r.entities.iter().find(|e| e.name == name && e.kind == kind))
            .map(|e| e.aliases.clone())
            .unwrap_or_default();
        if aliases.is_empty() {
            self.message = Some(Message::info(format!(
                "{} has no other names in this article to split off",
                sanitize_line(&name)
            )));
            return;
        }
        self.open_prompt(PromptKind::Split { name }, aliases);
    }

    fn open_prompt(&mut self, kind: PromptKind, pool: Vec<String>) {
        self.prompt = Some(Prompt::new(kind, LineEdit::default(), pool));
        self.input = Some(Input::Prompt);
    }

    pub(super) fn toggle_hidden(&mut self, fx: &mut Effects) {
        let Some((name, _)) = self.entity_under_cursor() else {
            return;
        };
        let mut fix = self.fix_of(&name);
        fix.hidden = !fix.hidden;
        let said = if fix.hidden {
            format!(
                "{} hidden everywhere (H on it under Hidden shows it again)",
                sanitize_line(&name)
            )
        } else {
            format!("{} shown again", sanitize_line(&name))
        };
        self.save_fix(&name, fix, said, fx);
    }

    pub(super) fn reset_entity(&mut self, fx: &mut Effects) {
        let Some((name, _)) = self.entity_under_cursor() else {
            return;
        };
        // Merged names point at this one: their merges stay (they are theirs to take back).
        let said = format!("{}: corrections taken back", sanitize_line(&name));
        self.save_fix(&name, EntityFix::default(), said, fx);
    }

    /// Enter in a correction's prompt.
    pub(super) fn submit_correction(&mut self, kind: PromptKind, text: &str, choices: &[String], fx: &mut Effects) {
        let typed = text.trim();
        match kind {
            PromptKind::Retype { name, .. } => {
                let Some(new) = Kind::parse(typed) else {
                    self.message = Some(Message::warning(format!(
                        "not a type: {} (person, organisation, place or other)",
                        sanitize_line(typed)
                    )));
                    return;
                };
                let mut fix = self.fix_of(&name);
                fix.kind = Some(new.key().to_owned());
                let said = format!("{} is now a {} everywhere", sanitize_line(&name), Kind::word(new));
                self.save_fix(&name, fix, said, fx);
            }
            PromptKind::MergeInto { name } => {
                let target = choices
                    .iter()
                    .find(|c| c.as_str() == typed)
                    .or(choices.first())
                    .cloned();
                let Some(target) = target.filter(|_| !typed.is_empty()) else {
                    self.message = Some(Message::warning(format!("no name matches {}", sanitize_line(typed))));
                    return;
                };
                // "A is B" when B is already A would make a circle: refused.
                if self.entities.index.fixes().target(&target) == name {
                    self.message = Some(Message::warning(format!(
                        "{} is already another name for {}: R on it takes that back",
                        sanitize_line(&target),
                        sanitize_line(&name)
                    )));
                    return;
                }
                let mut fix = self.fix_of(&name);
                fix.into = Some(target.clone());
                let said = format!(
                    "{} is now another name for {}",
                    sanitize_line(&name),
                    sanitize_line(&target)
                );
                self.save_fix(&name, fix, said, fx);
            }
            PromptKind::Split { name } => {
                let Some(alias) = choices
                    .iter()
                    .find(|c| c.as_str() == typed)
                    .or(choices.first())
                    .cloned()
                else {
                    return;
                };
                let mut fix = self.fix_of(&name);
                if !fix.split.contains(&alias) {
                    fix.split.push(alias.clone());
                }
                // An alias merged by hand is taken back by splitting it off.
                let said = format!("{} split off {}", sanitize_line(&alias), sanitize_line(&name));
                let alias_fix = self.fix_of(&alias);
                if alias_fix.into.as_deref() == Some(name.as_str()) {
                    let mut undone = alias_fix;
                    undone.into = None;
                    self.save_fix(&alias, undone, said.clone(), fx);
                }
                self.save_fix(&name, fix, said, fx);
            }
            _ => {}
        }
    }
}
