//! The in-app note editor (ratatui-textarea): for an article's note or a passage annotation.
//! Whatever key closes it, what was typed is kept.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::{App, Effect, Effects, Focus, Message, marks::LibraryOp};
use crate::{
    external::EditorError,
    library::{self, Annotation},
};

#[derive(Debug, Clone, PartialEq)]
pub enum NoteTarget {
    Article {
        id: String,
    },
    /// A passage being annotated for the first time.
    NewAnnotation {
        id: String,
        /// Boxed: the selectors make it several times the size of the other targets.
        annotation: Box<Annotation>,
    },
    Annotation {
        id: String,
        ann: String,
    },
}

#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub target: NoteTarget,
    pub title: String,
    /// The passage an annotation is on, shown above its note.
    pub quote: Option<String>,
    pub textarea: TextArea<'static>,
    original: String,
}

impl NoteEditor {
    pub fn new(target: NoteTarget, title: String, text: &str) -> Self {
        let lines = if text.is_empty() {
            vec![String::new()]
        } else {
            text.lines().map(str::to_string).collect()
        };
        let mut textarea = TextArea::new(lines);
        // Notes are prose: soft-wrapped at words, so a long sentence stays in view.
        textarea.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        Self {
            target,
            title,
            quote: None,
            textarea,
            original: text.to_string(),
        }
    }

    #[must_use]
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }
}

/// The library change that keeps `text` for `target`, if anything changed.
#[must_use]
pub fn save_op(target: &NoteTarget, text: String, original: &str) -> Option<LibraryOp> {
    match target {
        NoteTarget::Article { id } => (text != original).then(|| LibraryOp::SetNote { id: id.clone(), text }),
        NoteTarget::NewAnnotation { id, annotation } => {
            let mut annotation = (**annotation).clone();
            annotation.note = text;
            Some(LibraryOp::AddAnnotation {
                id: id.clone(),
                annotation,
            })
        }
        NoteTarget::Annotation { id, ann } => (text != original).then(|| LibraryOp::UpdateAnnotation {
            id: id.clone(),
            ann: ann.clone(),
            note: text,
        }),
    }
}

impl App {
    /// `a`: edit the article's note.
    pub(super) fn edit_note(&mut self) {
        let Some(index) = self.target_article() else { return };
        let id = self.articles[index].id.clone();
        let text = self.marks.article(&id).map_or("", |a| a.note()).to_string();
        let title = format!("Note · {} (Esc saves)", self.articles[index].title);
        self.editor = Some(NoteEditor::new(NoteTarget::Article { id }, title, &text));
    }

    /// `a` while choosing a passage: annotate it (the editor takes the annotation's note). The
    /// editor opens below the passage, which is scrolled to the top of the reader.
    pub(super) fn annotate_passage(&mut self) {
        match self.passage_target() {
            Some(target) => {
                let title = "Annotation (Esc saves)".to_string();
                let mut editor = NoteEditor::new(target, title, "");
                if let NoteTarget::NewAnnotation { annotation, .. } = &editor.target {
                    editor.quote = Some(annotation.quote.exact.clone());
                    self.keep_passage_above_editor(&annotation.quote.exact);
                }
                self.editor = Some(editor);
            }
            // Nothing of the body was chosen (a drag over the title): the article's note, as
            // `a` gives outside a passage.
            None => self.edit_note(),
        }
    }

    /// The annotation the chosen passage would make, ending the choosing.
    fn passage_target(&mut self) -> Option<NoteTarget> {
        let reader = self.reader.as_mut()?;
        let sel = reader.passage.take()?;
        let range = sel.range(&reader.doc.text);
        let body = reader.doc.body();
        let start = range.start.saturating_sub(reader.doc.body_start);
        let end = range.end.saturating_sub(reader.doc.body_start);
        if end <= start {
            // Nothing of the body is chosen: there is no passage to annotate.
            return None;
        }
        let (s, e) = (body[..start].chars().count(), body[..end].chars().count());
        let (quote, position) = library::make_selector(body, s, e);
        let id = self.articles[reader.index].id.clone();
        Some(NoteTarget::NewAnnotation {
            id,
            annotation: Box::new(Annotation::new(quote, position, "")),
        })
    }

    pub(super) fn edit_annotation(&mut self, id: String, ann: String, note: &str) {
        let quote = self
            .marks
            .article(&id)
            .and_then(|a| a.annotations.get(&ann))
            .map(|a| a.quote.exact.clone());
        let mut editor = NoteEditor::new(
            NoteTarget::Annotation { id, ann },
            "Annotation (Esc saves)".into(),
            note,
        );
        editor.quote = quote;
        self.editor = Some(editor);
    }

    /// Scroll the reader so the passage annotated starts at its top, above the editor.
    fn keep_passage_above_editor(&mut self, quote: &str) {
        let Some(reader) = &self.reader else { return };
        let start = reader.doc.text[reader.doc.body_start..]
            .find(quote)
            .map(|i| reader.doc.body_start + i);
        if let Some(start) = start {
            self.scroll_to(start);
        }
    }

    pub(super) fn editor_input(&mut self, key: KeyEvent) {
        if let Some(editor) = &mut self.editor {
            editor.textarea.input(key);
        }
    }

    /// Pasted text: one event for the whole paste (a kilobyte typed as keys was slow and, in
    /// the editor, each newline a key).
    pub(super) fn paste(&mut self, text: &str, fx: &mut Effects) {
        let text = crate::store::sanitize::sanitize(text.as_bytes());
        if let Some(editor) = &mut self.editor {
            editor.textarea.insert_str(&text);
        } else if self.input.is_some() {
            for c in text.chars() {
                let c = if c == '\n' { ' ' } else { c };
                self.edit(super::input::Edit::Insert(c), fx);
            }
        }
    }

    /// Close the editor, keeping what was typed.
    pub(super) fn close_editor(&mut self, fx: &mut Effects) {
        let Some(editor) = self.editor.take() else { return };
        let text = editor.text();
        if self.focus == Focus::Sidebar && self.panes().sidebar.is_none() {
            self.focus = Focus::Reader;
        }
        fx.extend(save_op(&editor.target, text, &editor.original).map(Effect::Library));
    }

    /// `E`: hand the article's note to `$VISUAL`/`$EDITOR`; the text comes back as
    /// [`super::Event::NoteEdited`].
    pub(super) fn edit_note_externally(&self, fx: &mut Effects) {
        let Some(index) = self.target_article() else { return };
        let id = self.articles[index].id.clone();
        let text = self.marks.article(&id).map_or("", |a| a.note()).to_string();
        fx.push(Effect::ExternalEdit {
            target: NoteTarget::Article { id },
            text,
        });
    }

    /// Ctrl-E in the note editor: continue with its text in `$VISUAL`/`$EDITOR`.
    pub(super) fn editor_to_external(&mut self, fx: &mut Effects) {
        let Some(editor) = self.editor.take() else { return };
        let text = editor.text();
        fx.push(Effect::ExternalEdit {
            target: editor.target,
            text,
        });
    }

    /// The external editor finished. If it failed, nothing is lost: the text comes back in the
    /// in-app editor.
    pub(super) fn note_edited(
        &mut self,
        target: NoteTarget,
        sent: &str,
        result: Result<String, EditorError>,
        fx: &mut Effects,
    ) {
        match result {
            Ok(text) => fx.extend(save_op(&target, text, "\u{0}").map(Effect::Library)),
            Err(err) => {
                let title = "Note (the external editor failed; Esc saves)".to_string();
                self.editor = Some(NoteEditor::new(target, title, sent));
                self.message = Some(Message::error(err.to_string()));
            }
        }
    }
}
