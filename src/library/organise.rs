//! Organising a library: tags on articles and annotations, renaming and deleting a tag
//! everywhere, the list's order and saved views. Each is a mutator of [`Library`] with the
//! same write-through and merge guarantees as bookmarks and notes.

use std::collections::BTreeMap;

use super::api::{Library, set_register};
use super::clock::{next_stamp, writer_id};
use super::error::SaveError;
use super::model::Annotation;
use super::model::{EntityFix, SavedView};
use super::tags;

impl Library {
    /// Put `tag` on the article, or take it off. `tag` must be normalised.
    pub fn set_tag(&mut self, id: &str, tag: &str, on: bool) -> Result<(), SaveError> {
        let changed = self.edit(id, |a| {
            let mut cell = a.tags.remove(tag);
            let changed = set_register(&mut cell, on);
            if let Some(cell) = cell {
                a.tags.insert(tag.to_owned(), cell);
            }
            changed
        });
        self.commit_corpus(changed)
    }

    /// Replace the tags of a live annotation (normalised, sorted, each once).
    pub fn set_annotation_tags(&mut self, id: &str, ann_id: &str, tags: &[String]) -> Result<(), SaveError> {
        let mut tags = tags.to_vec();
        tags.sort();
        tags.dedup();
        self.edit_annotation(id, ann_id, |a| {
            let changed = a.tags != tags;
            a.tags = tags;
            changed
        })
    }

    /// Every tag in use, with how many articles carry it.
    pub fn tag_counts(&self) -> BTreeMap<String, usize> {
        tags::by_use(&self.corpus.state).into_iter().collect()
    }

    /// Rename `old` to `new` everywhere (articles, annotations, `#old` in notes), or delete it
    /// (`new` `None`: a `#old` in a note stays as a plain word). Returns how many articles
    /// changed.
    pub fn rename_tag(&mut self, old: &str, new: Option<&str>) -> Result<usize, SaveError> {
        let ids: Vec<String> = self
            .corpus
            .state
            .articles
            .iter()
            .filter(|(_, a)| tags::all(a).contains(old))
            .map(|(id, _)| id.clone())
            .collect();
        for id in &ids {
            self.edit(id, |a| {
                if a.tags.get(old).is_some_and(|r| r.value) {
                    let mut cell = a.tags.remove(old);
                    set_register(&mut cell, false);
                    a.tags.extend(cell.map(|c| (old.to_owned(), c)));
                    if let Some(new) = new {
                        let mut cell = a.tags.remove(new);
                        set_register(&mut cell, true);
                        a.tags.extend(cell.map(|c| (new.to_owned(), c)));
                    }
                }
                let note = a.note().to_owned();
                let renamed = tags::rename_in_text(&note, old, new);
                if renamed != note {
                    set_register(&mut a.note, renamed);
                }
            });
            let anns: Vec<String> = self
                .annotations(id)
                .iter()
                .filter(|(_, a)| a.tags.iter().any(|t| t == old) || tags::in_text(&a.note).iter().any(|t| t == old))
                .map(|(ann, _)| (*ann).to_owned())
                .collect();
            for ann in anns {
                // Each annotation is one cell: stamped once for both its tags and its note.
                self.edit_annotation_quietly(id, &ann, |a| {
                    let mut tags: Vec<String> = a.tags.iter().filter(|t| *t != old).cloned().collect();
                    if a.tags.len() != tags.len()
                        && let Some(new) = new
                    {
                        tags.push(new.to_owned());
                    }
                    tags.sort();
                    tags.dedup();
                    a.tags = tags;
                    a.note = tags::rename_in_text(&a.note, old, new);
                });
            }
        }
        self.commit_corpus(!ids.is_empty())?;
        Ok(ids.len())
    }

    /// Change a live annotation in memory, stamped; the caller commits.
    fn edit_annotation_quietly(&mut self, id: &str, ann_id: &str, f: impl FnOnce(&mut Annotation)) {
        self.edit(id, |a| {
            if let Some(ann) = a.annotations.get_mut(ann_id).filter(|x| !x.deleted) {
                f(ann);
                ann.updated = next_stamp(ann.updated);
                ann.writer = writer_id();
            }
        });
    }

    /// The list order kept for this corpus (a [`crate::query::Sort`] name).
    pub fn sort(&self) -> Option<&str> {
        self.corpus.state.sort.as_ref().map(|r| r.value.as_str())
    }

    pub fn set_sort(&mut self, sort: &str) -> Result<(), SaveError> {
        let changed = set_register(&mut self.corpus.state.sort, sort.to_owned());
        self.commit_corpus(changed)
    }

    /// Whether copies of a story are grouped in the list (on unless turned off).
    pub fn grouping(&self) -> bool {
        self.corpus.state.ungrouped.as_ref().is_none_or(|r| !r.value)
    }

    pub fn set_grouping(&mut self, on: bool) -> Result<(), SaveError> {
        let changed = set_register(&mut self.corpus.state.ungrouped, !on);
        self.commit_corpus(changed)
    }

    /// The entity corrections in force, by name.
    pub fn entity_fixes(&self) -> impl Iterator<Item = (&str, &EntityFix)> {
        self.corpus
            .state
            .entities
            .iter()
            .filter_map(|(name, r)| r.value.as_ref().map(|f| (name.as_str(), f)))
    }

    /// Set the correction of entity `name` (an empty one takes it back).
    pub fn set_entity_fix(&mut self, name: &str, fix: EntityFix) -> Result<(), SaveError> {
        let fixes = &mut self.corpus.state.entities;
        let mut cell = fixes.remove(name);
        let value = (!fix.is_empty()).then_some(fix);
        let changed = if cell.is_none() && value.is_none() {
            false
        } else {
            set_register(&mut cell, value)
        };
        fixes.extend(cell.map(|c| (name.to_owned(), c)));
        self.commit_corpus(changed)
    }

    /// Saved views, by name.
    pub fn views(&self) -> impl Iterator<Item = (&str, &SavedView)> {
        self.corpus
            .state
            .views
            .iter()
            .filter_map(|(name, r)| r.value.as_ref().map(|v| (name.as_str(), v)))
    }

    pub fn view(&self, name: &str) -> Option<&SavedView> {
        self.corpus.state.views.get(name).and_then(|r| r.value.as_ref())
    }

    /// Save `view` under `name` (replacing one of that name), or delete it (`None`).
    pub fn save_view(&mut self, name: &str, view: Option<SavedView>) -> Result<(), SaveError> {
        let views = &mut self.corpus.state.views;
        let mut cell = views.remove(name);
        let changed = set_register(&mut cell, view);
        views.extend(cell.map(|c| (name.to_owned(), c)));
        self.commit_corpus(changed)
    }
}
