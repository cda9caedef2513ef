//! From a sidebar entity to the rest of the pile: `m` lists every sentence of the listed
//! articles that names it (keyword in context), each opening the reader at its place; `w`
//! lists the names that appear with it most, each narrowing the list to articles that have
//! both. Both show in a pick list over the panes.

use super::sidebar::{Facet, SidebarRow};
use super::{App, Effect, Effects, Focus, Message, Overlay};
use crate::entities::Kind;
use crate::store::sanitize::sanitize_line;

/// Articles read for one `m` at most: each is opened and analysed on another thread.
pub const MENTION_ARTICLES: usize = 300;
/// Sentences listed at most.
pub const MENTION_ROWS: usize = 1_000;
/// Names listed by `w`.
const WITH_ROWS: usize = 40;

/// Where choosing a row leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickTarget {
    /// The reader at this byte offset of the article's document.
    Place { article: usize, offset: usize },
    /// A facet on this entity.
    Facet(u32),
}

/// One mention in context, as the runtime finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub article: usize,
    /// Byte offset of the mention in the article's document.
    pub offset: usize,
    /// The sentence, on one line (sanitised), and the mention's byte range in it.
    pub sentence: String,
    pub hit: std::ops::Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickRow {
    /// What the row says first (a title, a name), on one line.
    pub label: String,
    /// The rest: the sentence, a count.
    pub detail: String,
    /// The part of `detail` to show highlighted.
    pub hit: Option<std::ops::Range<usize>>,
    pub target: PickTarget,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PickList {
    pub title: String,
    pub rows: Vec<PickRow>,
    pub selected: usize,
    /// Waiting for the runtime's answer (mentions).
    pub pending: Option<u64>,
    /// The entity the list was opened on (`w` filters by it and the one picked).
    pub origin: Option<u32>,
}

impl App {
    fn sidebar_entity(&self) -> Option<(String, Kind, u32)> {
        match self.sidebar_row_under_cursor() {
            Some(SidebarRow::Entity {
                name,
                kind,
                id: Some(id),
                ..
            }) => Some((name, kind, id)),
            _ => None,
        }
    }

    /// The listed articles that mention entity `id`, in the list's order.
    fn listed_with(&self, id: u32) -> Vec<usize> {
        let has: std::collections::HashSet<u32> = self.entities.index.articles_of(id).into_iter().collect();
        self.counted_rows()
            .into_iter()
            .filter(|&a| has.contains(&crate::store::article_number(a)))
            .collect()
    }

    /// `m`: every sentence naming the entity under the sidebar cursor.
    pub(super) fn show_mentions(&mut self, fx: &mut Effects) {
        let Some((name, _, id)) = self.sidebar_entity() else {
            self.message = Some(Message::info(
                "m lists the sentences naming the entity under the cursor (once the names are known)",
            ));
            return;
        };
        let articles: Vec<usize> = self.listed_with(id).into_iter().take(MENTION_ARTICLES).collect();
        if articles.is_empty() {
            self.message = Some(Message::info(format!(
                "no listed article names {}",
                sanitize_line(&name)
            )));
            return;
        }
        self.pick_generation += 1;
        self.picker = Some(PickList {
            title: format!(
                " {} in {} · Enter goes there · Esc closes ",
                sanitize_line(&name),
                match articles.len() {
                    1 => "1 article".to_owned(),
                    n => format!("{n} articles"),
                }
            ),
            rows: Vec::new(),
            selected: 0,
            pending: Some(self.pick_generation),
            origin: Some(id),
        });
        self.overlay = Some(Overlay::Pick);
        fx.push(Effect::FindMentions {
            found_as: self.entities.index.found_as(id),
            articles,
            fixes: self.entities.index.fixes().clone(),
            generation: self.pick_generation,
        });
    }

    /// The runtime found the mentions.
    pub(super) fn mentions_found(&mut self, generation: u64, found: Vec<Mention>) {
        let Some(p) = self.picker.as_mut().filter(|p| p.pending == Some(generation)) else {
            return;
        };
        p.pending = None;
        p.rows = found
            .into_iter()
            .take(MENTION_ROWS)
            .map(|m| PickRow {
                label: sanitize_line(&self.articles[m.article].title),
                detail: m.sentence,
                hit: Some(m.hit),
                target: PickTarget::Place {
                    article: m.article,
                    offset: m.offset,
                },
            })
            .collect();
    }

    /// `w`: the names that appear most in the listed articles naming this one.
    pub(super) fn show_appears_with(&mut self) {
        let Some((name, _, id)) = self.sidebar_entity() else {
            self.message = Some(Message::info(
                "w lists the names appearing with the entity under the cursor",
            ));
            return;
        };
        let articles = self.listed_with(id);
        let index = &self.entities.index;
        let rows: Vec<PickRow> = index
            .counts(articles.iter().copied())
            .into_iter()
            .filter(|&(e, _)| e != id)
            .take(WITH_ROWS)
            .map(|(e, n)| PickRow {
                label: sanitize_line(&index.names[e as usize]),
                detail: format!(
                    "{} · in {n} of {}",
                    super::sidebar::kind_title(index.kinds[e as usize]),
                    match articles.len() {
                        1 => "1 article".to_owned(),
                        m => format!("{m} articles"),
                    }
                ),
                hit: None,
                target: PickTarget::Facet(e),
            })
            .collect();
        if rows.is_empty() {
            self.message = Some(Message::info(format!(
                "no other names appear with {}",
                sanitize_line(&name)
            )));
            return;
        }
        self.picker = Some(PickList {
            title: format!(
                " Names with {} · Enter filters by both · Esc closes ",
                sanitize_line(&name)
            ),
            rows,
            selected: 0,
            pending: None,
            origin: Some(id),
        });
        self.overlay = Some(Overlay::Pick);
    }

    pub(super) fn pick_step(&mut self, delta: i64) {
        if let Some(p) = &mut self.picker {
            p.selected = super::add(p.selected, delta, p.rows.len().saturating_sub(1));
        }
    }

    /// Enter on a pick list's row.
    pub(super) fn pick_choose(&mut self, fx: &mut Effects) {
        let Some(row) = self.picker.as_ref().and_then(|p| p.rows.get(p.selected)).cloned() else {
            return;
        };
        let origin = self.picker.as_ref().and_then(|p| p.origin);
        self.overlay = None;
        self.picker = None;
        match row.target {
            PickTarget::Place { article, offset } => {
                self.go_to_article(article, fx);
                self.focus = Focus::Reader;
                self.pending_offset = Some((article, offset));
                self.jump_to_pending();
            }
            PickTarget::Facet(e) => {
                // The entity the list was looked at through stays; the one picked joins it.
                if let Some(id) = origin
                    && !self.entities.facets.iter().any(|f| f.entity == id)
                {
                    self.entities.facets.push(Facet {
                        entity: id,
                        negated: false,
                    });
                }
                if !self.entities.facets.iter().any(|f| f.entity == e) {
                    self.entities.facets.push(Facet {
                        entity: e,
                        negated: false,
                    });
                }
                let keep = self.cursor_article();
                self.recompute_rows();
                self.keep_cursor_on(keep, fx);
                self.focus = Focus::List;
            }
        }
    }
}
