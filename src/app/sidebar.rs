//! The entity sidebar: the open article's entities by kind (or the filtered corpus's, counted
//! by articles), facets that narrow the list, mentions to jump between, related articles.

use std::{ops::Range, sync::Arc};

use super::{App, Effect, Effects, Focus};
use crate::{
    entities::{
        Kind,
        corpus::{EntityIndex, Pass},
    },
    wrap,
};

/// Related articles shown for the open one.
pub(super) const RELATED: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SidebarView {
    #[default]
    Article,
    Corpus,
}

/// An entity that narrows the list: articles that mention it (or, negated, that do not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facet {
    pub entity: u32,
    pub negated: bool,
}

/// One row of the sidebar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SidebarRow {
    Header(&'static str),
    Entity {
        name: String,
        kind: Kind,
        count: u32,
        id: Option<u32>,
    },
    Related {
        article: usize,
        shared: u32,
    },
}

impl SidebarRow {
    #[must_use]
    pub fn selectable(&self) -> bool {
        !matches!(self, SidebarRow::Header(_))
    }
}

pub fn kind_title(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "People",
        Kind::Organization => "Organisations",
        Kind::Place => "Places",
        Kind::Other => "Other",
    }
}

const KINDS: [Kind; 4] = [Kind::Person, Kind::Organization, Kind::Place, Kind::Other];

#[derive(Debug, Clone, Default)]
pub struct EntityState {
    pub index: EntityIndex,
    /// (done, total) while the background pass runs.
    pub progress: Option<(usize, usize)>,
    /// The matcher's items with entity names, built while the pass runs.
    pub fuzzy_items: Vec<crate::fuzzy::Item>,
    pub stats: Option<Arc<crate::entities::CaseStats>>,
    pub facets: Vec<Facet>,
    /// Every article's entities are known (a saved view's facets can be found by name).
    pub complete: bool,
    pub view: SidebarView,
    /// Corpus view counts for the current rows; recomputed when they change.
    pub corpus_counts: Option<Arc<Vec<(u32, u32)>>>,
}

impl App {
    /// The sidebar's rows, derived from the open article or the filtered corpus.
    pub fn sidebar_rows(&self) -> Vec<SidebarRow> {
        let mut items = Vec::new();
        match self.entities.view {
            SidebarView::Article => {
                let Some(reader) = &self.reader else { return items };
                for kind in KINDS {
                    let of_kind: Vec<_> = reader.entities.iter().filter(|e| e.kind == kind).collect();
                    if of_kind.is_empty() {
                        continue;
                    }
                    items.push(SidebarRow::Header(kind_title(kind)));
                    for e in of_kind {
                        let id = self.entities.index.find(&e.name, e.kind);
                        items.push(SidebarRow::Entity {
                            name: e.name.clone(),
                            kind,
                            count: u32::try_from(e.mentions.len()).unwrap_or(u32::MAX),
                            id,
                        });
                    }
                }
                if !reader.hidden.is_empty() {
                    items.push(SidebarRow::Header("Hidden · H shows again"));
                    for e in &reader.hidden {
                        items.push(SidebarRow::Entity {
                            name: e.name.clone(),
                            kind: e.kind,
                            count: u32::try_from(e.mentions.len()).unwrap_or(u32::MAX),
                            id: None,
                        });
                    }
                }
                if !reader.related.is_empty() {
                    items.push(SidebarRow::Header("Related · names shared"));
                    items.extend(
                        reader
                            .related
                            .iter()
                            .map(|&(article, shared)| SidebarRow::Related { article, shared }),
                    );
                }
            }
            SidebarView::Corpus => {
                let Some(counts) = &self.entities.corpus_counts else {
                    return items;
                };
                for kind in KINDS {
                    let index = &self.entities.index;
                    let of_kind: Vec<_> = counts
                        .iter()
                        .filter(|(e, _)| index.kinds[*e as usize] == kind)
                        .take(50)
                        .collect();
                    if of_kind.is_empty() {
                        continue;
                    }
                    items.push(SidebarRow::Header(kind_title(kind)));
                    for &&(e, count) in &of_kind {
                        let name = index.names[e as usize].clone();
                        items.push(SidebarRow::Entity {
                            name,
                            kind,
                            count,
                            id: Some(e),
                        });
                    }
                }
            }
        }
        items
    }

    /// The selectable rows, for moving the selection.
    fn selectable(&self) -> Vec<SidebarRow> {
        self.sidebar_rows().into_iter().filter(SidebarRow::selectable).collect()
    }

    pub fn sidebar_row_under_cursor(&self) -> Option<SidebarRow> {
        self.selectable().into_iter().nth(self.sidebar_cursor)
    }

    /// The first sidebar row shown in `rows` rows: just enough scrolling to show the
    /// cursor. Derived, so the view and clicks agree without storing it.
    pub fn sidebar_offset(&self, items: &[SidebarRow], rows: usize) -> usize {
        let cursor_row = self.sidebar_cursor_row(items);
        cursor_row.unwrap_or(0).saturating_sub(rows.saturating_sub(1))
    }

    /// The row of `items` the cursor is on (the n-th selectable one).
    pub fn sidebar_cursor_row(&self, items: &[SidebarRow]) -> Option<usize> {
        items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.selectable())
            .nth(self.sidebar_cursor)
            .map(|(r, _)| r)
    }

    pub(super) fn sidebar_count(&self) -> usize {
        self.selectable().len()
    }

    pub(super) fn move_sidebar_cursor(&mut self, delta: i64) {
        let count = self.sidebar_count();
        self.sidebar_cursor = super::add(self.sidebar_cursor, delta, count.saturating_sub(1));
    }

    /// Byte ranges (in the document) of the mentions, in the open article, of the entity under the sidebar cursor.
    pub fn selected_mentions(&self) -> Vec<Range<usize>> {
        let (Some(reader), Some(SidebarRow::Entity { name, kind, .. })) =
            (&self.reader, self.sidebar_row_under_cursor())
        else {
            return Vec::new();
        };
        let entity = reader.entities.iter().find(|e| e.name == name && e.kind == kind);
        let start = reader.doc.body_start;
        entity.map_or_else(Vec::new, |e| {
            e.mentions.iter().map(|m| m.start + start..m.end + start).collect()
        })
    }

    pub(super) fn toggle_sidebar_view(&mut self) {
        self.entities.view = match self.entities.view {
            SidebarView::Article => SidebarView::Corpus,
            SidebarView::Corpus => SidebarView::Article,
        };
        self.sidebar_cursor = 0;
        self.refresh_corpus_counts();
    }

    pub(super) fn refresh_corpus_counts(&mut self) {
        if self.entities.view != SidebarView::Corpus {
            self.entities.corpus_counts = None;
            return;
        }
        let rows = self.counted_rows();
        self.entities.corpus_counts = Some(Arc::new(self.entities.index.counts(rows.into_iter())));
    }

    /// Enter in the sidebar: an entity becomes a facet (or stops being one); a related
    /// article opens.
    pub(super) fn sidebar_choose(&mut self, negated: bool, fx: &mut Effects) {
        match self.sidebar_row_under_cursor() {
            Some(SidebarRow::Entity { id: Some(entity), .. }) => {
                match self.entities.facets.iter().position(|f| f.entity == entity) {
                    Some(i) if self.entities.facets[i].negated == negated => {
                        self.entities.facets.remove(i);
                    }
                    Some(i) => self.entities.facets[i].negated = negated,
                    None => self.entities.facets.push(Facet { entity, negated }),
                }
                self.rows_changed(fx);
            }
            Some(SidebarRow::Related { article, .. }) => {
                self.go_to_article(article, fx);
                self.focus = Focus::Reader;
                self.mark_read(article, fx);
            }
            _ => {}
        }
    }

    pub(super) fn remove_last_facet(&mut self, fx: &mut Effects) {
        if self.entities.facets.pop().is_some() {
            self.rows_changed(fx);
        }
    }

    fn rows_changed(&mut self, fx: &mut Effects) {
        let keep = self.cursor_article();
        self.recompute_rows();
        self.keep_cursor_on(keep, fx);
    }

    /// Whether an article passes the facets.
    pub(super) fn passes_facets(&self, article: usize) -> bool {
        self.entities
            .facets
            .iter()
            .all(|f| self.entities.index.mentions(article, f.entity) != f.negated)
    }

    /// n/N in the sidebar: scroll the reader to the next or previous mention.
    pub(super) fn jump_mention(&mut self, dir: i64) {
        let starts: Vec<usize> = self.selected_mentions().iter().map(|m| m.start).collect();
        let Some(reader) = &self.reader else { return };
        if let Some(start) = wrap::next_after_top(&reader.lines, reader.top, &starts, dir) {
            self.scroll_to(start);
        }
    }

    /// Results of the background entity pass.
    pub(super) fn entity_pass(&mut self, pass: Pass, fx: &mut Effects) {
        match pass {
            Pass::Stats(stats) => self.entities.stats = Some(stats),
            Pass::Progress { done, total } => self.entities.progress = Some((done, total)),
            Pass::Found { first, found, .. } => {
                let end = first + found.len();
                if self.entities.fuzzy_items.len() < end {
                    self.entities.fuzzy_items.resize(end, crate::fuzzy::Item::default());
                }
                for (i, f) in found.iter().enumerate() {
                    self.entities.index.add(first + i, f);
                    // Built now, a batch at a time, so that swapping them in when the pass ends
                    // costs nothing: building them all then froze the UI (0.3 s at 100k).
                    self.entities.fuzzy_items[first + i] = self.fuzzy_item(first + i);
                }
                if first + found.len() >= self.articles.len() && self.loading.is_none() {
                    self.entities.progress = None;
                    self.entities.complete = true;
                    self.entities.index.settle();
                    self.remap_facets(fx);
                    self.correct_reader();
                    self.refresh_corpus_counts();
                    self.refresh_related();
                    // The open article's related list and the matcher's items can now
                    // include everyone's names.
                    let items = std::mem::take(&mut self.entities.fuzzy_items);
                    fx.push(Effect::FuzzyReplace(items));
                }
            }
        }
    }
}
