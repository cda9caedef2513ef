//! The annotations view: every annotation in the corpus, fuzzy-filterable; Enter jumps to it.

use nucleo::{
    Config, Matcher, Utf32String,
    pattern::{CaseMatching, Normalization, Pattern},
};

use super::{App, Edit, Effect, Effects, Focus, Input, LineEdit, marks::LibraryOp};

/// One annotation as the view lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotationRow {
    /// Its article in the corpus; `None` for an annotation kept for an article the corpus no
    /// longer has (or an imported one that matched none): an orphan, listed all the same.
    pub article: Option<usize>,
    /// The article's id in the library.
    pub key: String,
    pub ann: String,
    pub title: String,
    pub quote: String,
    pub note: String,
    /// Known to be unplaceable in its article's current text (checked for the open article).
    pub orphaned: bool,
    /// Its tags: those put on it and the `#words` of its note.
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct AnnotationList {
    pub line: LineEdit,
    pub items: Vec<AnnotationRow>,
    /// Indices into `items` that match the filter, best first.
    pub shown: Vec<usize>,
    pub selected: usize,
    /// The annotation last deleted (article id, annotation), for `u`.
    pub deleted: Option<(String, crate::library::Annotation)>,
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

    #[must_use]
    pub fn current(&self) -> Option<&AnnotationRow> {
        self.shown.get(self.selected).and_then(|&i| self.items.get(i))
    }
}

impl App {
    pub(super) fn show_annotations(&mut self) {
        self.annotations = Some(self.annotation_list(AnnotationList::default()));
        self.overlay = Some(super::Overlay::Annotations);
    }

    /// The list again after the library changed (a delete undone gets a new id), keeping the
    /// filter, the selection and what can be undone.
    pub(super) fn rebuild_annotation_list(&mut self) {
        if let Some(old) = self.annotations.take() {
            self.annotations = Some(self.annotation_list(old));
        }
    }

    fn annotation_list(&self, old: AnnotationList) -> AnnotationList {
        let index: std::collections::HashMap<&str, usize> = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let mut items = Vec::new();
        for (id, state) in &self.marks.state.articles {
            let article = index.get(id.as_str()).copied();
            for (ann, a) in state.live_annotations() {
                // The library's key came from a file (an import names any source): cleaned.
                let title = article.map_or_else(
                    || format!("not in this corpus: {}", crate::store::sanitize::sanitize_line(id)),
                    |i| self.articles[i].title.clone(),
                );
                let orphaned = article.is_none()
                    || self.reader.as_ref().is_some_and(|r| {
                        Some(r.index) == article && r.annotations.iter().any(|p| p.ann == ann && p.range.is_none())
                    });
                items.push(AnnotationRow {
                    article,
                    key: id.clone(),
                    ann: ann.to_string(),
                    title,
                    quote: a.quote.exact.clone(),
                    note: a.note.clone(),
                    orphaned,
                    tags: {
                        let mut tags: Vec<String> = a
                            .tags
                            .iter()
                            .filter(|t| crate::library::tags::is_tag(t))
                            .cloned()
                            .collect();
                        tags.extend(crate::library::tags::in_text(&a.note));
                        tags.sort();
                        tags.dedup();
                        tags
                    },
                });
            }
        }
        let mut list = AnnotationList { items, ..old };
        list.refilter();
        list
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

    /// The annotation under the view's cursor, closing the view.
    fn leave_annotations_with_current(&mut self) -> Option<AnnotationRow> {
        let item = self.annotations.as_ref().and_then(|l| l.current().cloned())?;
        self.overlay = None;
        self.annotations = None;
        if self.input == Some(Input::Annotations) {
            self.input = None;
        }
        Some(item)
    }

    /// Enter: open the article and bring the passage into view.
    pub(super) fn open_annotation(&mut self, fx: &mut Effects) {
        // One whose article is not here stays listed (the view and its filter with it).
        if self
            .annotations
            .as_ref()
            .and_then(|l| l.current())
            .is_some_and(|r| r.article.is_none())
        {
            self.message = Some(super::Message::info(
                "its article is not in this corpus: the annotation is kept, with its quote and note",
            ));
            return;
        }
        let Some(item) = self.leave_annotations_with_current() else {
            return;
        };
        let Some(article) = item.article else { return };
        self.go_to_article(article, fx);
        self.pending_jump = Some(item.ann);
        self.focus = Focus::Reader;
        self.jump_to_pending();
    }

    /// Put the list cursor on `article` and open it, first clearing whatever hides it from the
    /// list (the filter, facets, bookmarks only).
    pub(super) fn go_to_article(&mut self, article: usize, fx: &mut Effects) {
        if self.reader.as_ref().is_some_and(|r| r.index != article) {
            self.remember_visit();
        }
        self.reveal_copy(article);
        if self.row_of(article).is_none() {
            self.filter.line.apply(Edit::Clear);
            self.filter.results = None;
            self.filter.matching = false;
            self.entities.facets.clear();
            self.marks.bookmarks_only = false;
            self.recompute_rows();
            self.filter.generation += 1;
            fx.push(Effect::FuzzyQuery {
                query: String::new(),
                generation: self.filter.generation,
            });
        }
        self.cursor = self.row_of(article).unwrap_or(0);
        self.keep_cursor_visible();
        self.open_under_cursor(fx);
    }

    pub(super) fn edit_listed_annotation(&mut self) {
        let Some(item) = self.leave_annotations_with_current() else {
            return;
        };
        self.edit_annotation(item.key, item.ann, &item.note);
    }

    /// `d`: delete the annotation under the cursor; `u` brings it back.
    pub(super) fn delete_listed_annotation(&mut self, fx: &mut Effects) {
        let Some(list) = &mut self.annotations else { return };
        let Some(&i) = list.shown.get(list.selected) else {
            return;
        };
        let item = list.items.remove(i);
        list.refilter();
        let id = item.key.clone();
        let kept = self
            .marks
            .article(&id)
            .and_then(|a| a.annotations.get(&item.ann))
            .cloned();
        list.deleted = kept.map(|annotation| (id.clone(), annotation));
        self.message = Some(super::Message::info("annotation deleted · u brings it back"));
        fx.push(Effect::Library(LibraryOp::DeleteAnnotation { id, ann: item.ann }));
    }

    /// `u` in the annotations view: the annotation just deleted comes back (as a new one).
    pub(super) fn undo_delete(&mut self, fx: &mut Effects) {
        let Some((id, mut annotation)) = self.annotations.as_mut().and_then(|l| l.deleted.take()) else {
            self.message = Some(super::Message::info("nothing to undo"));
            return;
        };
        annotation.deleted = false;
        self.message = Some(super::Message::info("annotation restored"));
        fx.push(Effect::Library(LibraryOp::AddAnnotation { id, annotation }));
    }
}
