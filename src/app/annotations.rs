//! The annotations view: every annotation in the corpus, fuzzy-filterable; Enter jumps to it.

use nucleo::{
    Config, Matcher, Utf32String,
    pattern::{CaseMatching, Normalization, Pattern},
};

use super::{App, Edit, Effect, Focus, LineEdit, marks::LibraryOp};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub article: usize,
    pub ann: String,
    pub title: String,
    pub quote: String,
    pub note: String,
    /// Known to be unplaceable in its article's current text (checked for the open article).
    pub orphaned: bool,
}

#[derive(Debug, Clone, Default)]
pub struct AnnotationList {
    pub line: LineEdit,
    pub typing: bool,
    pub items: Vec<Item>,
    /// Indices into `items` that match the filter, best first.
    pub shown: Vec<usize>,
    pub selected: usize,
}

impl AnnotationList {
    fn refilter(&mut self) {
        let pattern = Pattern::parse(&self.line.text, CaseMatching::Smart, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut scored: Vec<(u32, usize)> = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let hay = Utf32String::from(format!("{} {} {}", item.title, item.quote, item.note).as_str());
                pattern.score(hay.slice(..), &mut matcher).map(|s| (s, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.shown = scored.into_iter().map(|(_, i)| i).collect();
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    pub fn current(&self) -> Option<&Item> {
        self.shown.get(self.selected).and_then(|&i| self.items.get(i))
    }
}

impl App {
    pub(super) fn show_annotations(&mut self) -> Vec<Effect> {
        let index: std::collections::HashMap<&str, usize> = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let mut items = Vec::new();
        for (id, state) in &self.marks.state.articles {
            let Some(&article) = index.get(id.as_str()) else {
                continue;
            };
            for (ann, a) in state.live_annotations() {
                let title = self.articles[article].title.clone();
                let orphaned = self.reader.as_ref().is_some_and(|r| {
                    r.index == article && r.annotations.iter().any(|p| p.ann == ann && p.range.is_none())
                });
                items.push(Item {
                    article,
                    ann: ann.to_string(),
                    title,
                    quote: a.quote.exact.clone(),
                    note: a.note.clone(),
                    orphaned,
                });
            }
        }
        let mut list = AnnotationList {
            items,
            ..AnnotationList::default()
        };
        list.refilter();
        self.annotations = Some(list);
        self.overlay = Some(super::Overlay::Annotations);
        vec![]
    }

    pub(super) fn annotations_step(&mut self, delta: i64) {
        if let Some(list) = &mut self.annotations {
            list.selected = super::add(list.selected, delta, list.shown.len().saturating_sub(1));
        }
    }

    pub(super) fn annotations_edit_line(&mut self, edit: Edit) {
        if let Some(list) = &mut self.annotations
            && list.line.apply(edit)
        {
            list.selected = 0;
            list.refilter();
        }
    }

    /// Enter: open the article and bring the passage into view.
    pub(super) fn annotations_open(&mut self) -> Vec<Effect> {
        let Some(item) = self.annotations.as_ref().and_then(|l| l.current().cloned()) else {
            return vec![];
        };
        self.overlay = None;
        self.annotations = None;
        let mut effects = self.go_to_article(item.article);
        self.pending_jump = Some(item.ann.clone());
        self.focus = Focus::Reader;
        effects.extend(self.jump_to_pending());
        effects
    }

    /// Select and open `article`, first clearing whatever hides it from the list (the filter,
    /// facets, bookmarks only).
    pub(super) fn go_to_article(&mut self, article: usize) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.row_of(article).is_none() {
            self.filter.line.apply(Edit::Clear);
            self.filter.results = None;
            self.filter.matching = false;
            self.entities.facets.clear();
            self.marks.bookmarks_only = false;
            self.recompute_rows();
            effects.push(Effect::SetQuery(String::new()));
        }
        self.selected = self.row_of(article).unwrap_or(0);
        self.keep_selection_visible();
        effects.extend(self.open_selected());
        effects
    }

    pub(super) fn annotations_edit(&mut self) -> Vec<Effect> {
        let Some(item) = self.annotations.as_ref().and_then(|l| l.current().cloned()) else {
            return vec![];
        };
        self.overlay = None;
        self.annotations = None;
        let id = self.articles[item.article].id.clone();
        self.edit_annotation(id, item.ann, &item.note);
        vec![]
    }

    pub(super) fn annotations_delete(&mut self) -> Vec<Effect> {
        let Some(list) = &mut self.annotations else {
            return vec![];
        };
        let Some(&i) = list.shown.get(list.selected) else {
            return vec![];
        };
        let item = list.items.remove(i);
        list.refilter();
        let id = self.articles[item.article].id.clone();
        vec![Effect::Library(LibraryOp::DeleteAnnotation { id, ann: item.ann })]
    }
}
