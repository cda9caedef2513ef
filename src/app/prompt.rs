//! The one-line prompt at the foot of the screen: tags (`t`), a view's name (`S`, `'`) and the
//! sidebar's corrections (`T`, `M`, `s`), with Tab completing from what each offers.

use nucleo::{Config, Matcher};

use super::{App, Edit, Effect, Effects, LibraryOp, LineEdit, Message};

/// What the prompt at the foot of the screen is asking for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// The tags of an article, or of one of its annotations.
    Tags { id: String, ann: Option<String> },
    /// A name to save the current view under.
    SaveView,
    /// A saved view to apply, by name.
    PickView,
    /// The type of an entity (`T` in the sidebar).
    Retype { name: String, kind: crate::entities::Kind },
    /// The name an entity is another name for (`M`).
    MergeInto { name: String },
    /// The alias to split off an entity (`s`).
    Split { name: String },
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    pub line: LineEdit,
    /// What completion offers, most used first: the tags in use (counted once, when the
    /// prompt opens, not on every frame) or the views' names.
    pub(super) pool: Vec<String>,
}

impl Prompt {
    pub(super) fn new(kind: PromptKind, line: LineEdit, pool: Vec<String>) -> Self {
        Self { kind, line, pool }
    }

    /// What the foot of the screen says before the text typed. Names come from articles:
    /// shown as one line without controls.
    #[must_use]
    pub fn label(&self) -> String {
        let clean = crate::store::sanitize::sanitize_line;
        match &self.kind {
            PromptKind::Tags { ann: Some(_), .. } => " annotation tags: ".into(),
            PromptKind::Tags { .. } => " tags: ".into(),
            PromptKind::SaveView => " save view as: ".into(),
            PromptKind::PickView => " view: ".into(),
            PromptKind::Retype { name, kind } => {
                format!(" {} ({}) is a: ", clean(name), kind.word())
            }
            PromptKind::MergeInto { name } => format!(" {} is another name for: ", clean(name)),
            PromptKind::Split { name } => format!(" split off {}: ", clean(name)),
        }
    }

    /// The word being typed, for completion: after the last space.
    pub(super) fn last_word(&self) -> &str {
        let text = &self.line.text;
        text.rsplit(' ').next().unwrap_or(text)
    }
}

impl App {
    pub(super) fn prompt_edit(&mut self, edit: Edit) {
        if let Some(p) = &mut self.prompt {
            p.line.apply(edit);
        }
    }

    pub(super) fn cancel_prompt(&mut self) {
        self.prompt = None;
        self.input = None;
    }

    /// What the prompt offers for the word being typed: tags in use, or saved views' names.
    #[must_use]
    pub fn prompt_choices(&self) -> Vec<String> {
        let Some(prompt) = &self.prompt else { return Vec::new() };
        match prompt.kind {
            PromptKind::Tags { .. } => {
                let word = prompt.last_word().trim_start_matches('#').to_lowercase();
                let typed: Vec<&str> = prompt
                    .line
                    .text
                    .split_whitespace()
                    .map(|w| w.trim_start_matches('#'))
                    .collect();
                prompt
                    .pool
                    .iter()
                    .filter(|t| t.starts_with(&word) && !typed.contains(&t.as_str()))
                    .cloned()
                    .collect()
            }
            PromptKind::SaveView => Vec::new(),
            PromptKind::Retype { .. } => {
                let typed = prompt.line.text.trim().to_lowercase();
                prompt.pool.iter().filter(|w| w.starts_with(&typed)).cloned().collect()
            }
            PromptKind::PickView | PromptKind::MergeInto { .. } | PromptKind::Split { .. } => {
                let names: Vec<&str> = prompt.pool.iter().map(String::as_str).collect();
                let mut matcher = Matcher::new(Config::DEFAULT);
                crate::fuzzy::rank_names(&names, &prompt.line.text, &mut matcher)
                    .into_iter()
                    .map(str::to_owned)
                    .collect()
            }
        }
    }

    /// Tab: the first choice in place of the word being typed.
    pub(super) fn complete_prompt(&mut self) {
        let Some(first) = self.prompt_choices().into_iter().next() else {
            return;
        };
        let Some(prompt) = &mut self.prompt else { return };
        let text = match prompt.kind {
            PromptKind::Tags { .. } => {
                let keep = prompt.line.text.len() - prompt.last_word().len();
                format!("{}#{first} ", &prompt.line.text[..keep])
            }
            _ => first,
        };
        prompt.line.set(&text);
    }

    pub(super) fn submit_prompt(&mut self, fx: &mut Effects) {
        let Some(prompt) = self.prompt.take() else { return };
        self.input = None;
        match prompt.kind {
            PromptKind::Tags { id, ann } => self.submit_tags(id, ann, &prompt.line.text, fx),
            PromptKind::Retype { .. } | PromptKind::MergeInto { .. } | PromptKind::Split { .. } => {
                let text = prompt.line.text.clone();
                let kind = prompt.kind.clone();
                self.prompt = Some(prompt);
                let choices = self.prompt_choices();
                self.prompt = None;
                self.submit_correction(kind, &text, &choices, fx);
            }
            PromptKind::SaveView => {
                let name = prompt.line.text.trim().to_string();
                if name.is_empty() {
                    return;
                }
                let view = self.current_view();
                self.message = Some(Message::info(format!("saved the view {name:?} (' recalls it)")));
                fx.push(Effect::Library(LibraryOp::SaveView { name, view }));
            }
            PromptKind::PickView => {
                let typed = prompt.line.text.trim().to_string();
                let exact = self.marks.state.views.get(&typed).is_some_and(|r| r.value.is_some());
                let name = if exact {
                    Some(typed.clone())
                } else {
                    self.prompt = Some(prompt);
                    let first = self.prompt_choices().into_iter().next();
                    self.prompt = None;
                    first
                };
                match name {
                    Some(name) => self.apply_named_view(&name, fx),
                    None => self.message = Some(Message::warning(format!("no saved view matches {typed:?}"))),
                }
            }
        }
    }
}
