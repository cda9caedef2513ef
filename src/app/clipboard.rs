//! `y` and `Y`: what goes to the clipboard. The text is the article as loaded, which the store
//! has already sanitised: never raw bytes from the file. The runtime writes it with OSC 52.

use super::{App, Effect, Effects, Focus, Message};
use crate::store::ArticleMeta;

/// What is copied, as the status line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    Passage,
    Url,
    Title,
    Citation,
}

impl Copied {
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Passage => "the passage",
            Self::Url => "the URL",
            Self::Title => "the title",
            Self::Citation => "a citation",
        }
    }
}

/// A citation: the quoted passage (when there is one), then title, source, date and URL, one
/// line each part that is known.
#[must_use]
pub fn citation(meta: &ArticleMeta, passage: Option<&str>) -> String {
    let mut lines = Vec::new();
    if let Some(p) = passage {
        lines.push(format!("“{}”", p.split_whitespace().collect::<Vec<_>>().join(" ")));
    }
    let mut byline = vec![meta.title.clone()];
    byline.extend(meta.source.clone().filter(|s| !s.is_empty()));
    byline.extend(meta.date.clone().filter(|d| !d.is_empty()));
    lines.push(byline.join(", "));
    lines.extend(meta.url.clone().filter(|u| !u.is_empty()));
    lines.join("\n")
}

impl App {
    /// The article `y` acts on: the one in the reader while it has the keyboard, else the one
    /// under the list's cursor.
    fn copy_article(&self) -> Option<usize> {
        match (&self.reader, self.focus) {
            (Some(r), Focus::Reader) => Some(r.index),
            _ => self.cursor_article().or_else(|| self.reader.as_ref().map(|r| r.index)),
        }
    }

    /// The passage being selected in the reader, trimmed.
    fn selected_passage(&self) -> Option<String> {
        let reader = self.reader.as_ref().filter(|_| self.focus == Focus::Reader)?;
        let passage = reader.passage.as_ref()?;
        // Passages are offsets into the whole text the reader shows (title and all), as the
        // annotation editor takes them.
        let text = &reader.doc.text;
        let range = passage.range(text);
        text.get(range).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
    }

    /// `y` (`citation` false) and `Y`.
    pub(super) fn copy(&mut self, citation_wanted: bool, fx: &mut Effects) {
        let Some(index) = self.copy_article() else {
            self.message = Some(Message::info("nothing to copy: no article here"));
            return;
        };
        let Some(meta) = self.articles.get(index) else { return };
        let passage = self.selected_passage();
        let (text, what) = if citation_wanted {
            (citation(meta, passage.as_deref()), Copied::Citation)
        } else if let Some(p) = passage {
            (p, Copied::Passage)
        } else if let Some(url) = meta.url.clone().filter(|u| !u.is_empty()) {
            (url, Copied::Url)
        } else {
            (meta.title.clone(), Copied::Title)
        };
        // As `y` ends a selection in vim: the passage was the point of it.
        if self.reader.as_ref().is_some_and(|r| r.passage.is_some()) {
            self.cancel_passage();
        }
        fx.push(Effect::Copy { text, what });
    }

    /// The terminal was given the text (whether it put it on the clipboard, only it knows).
    pub(super) fn copied(&mut self, what: Copied, chars: usize, result: Result<(), String>) {
        self.message = Some(match result {
            // Sent: whether the terminal put it on the clipboard, only it knows (tmux needs
            // `set-clipboard on`; the README says so).
            Ok(()) => Message::info(format!(
                "copied {} ({chars} character{}) to the clipboard (OSC 52)",
                what.label(),
                if chars == 1 { "" } else { "s" }
            )),
            Err(e) => Message::error(format!("cannot copy {}: {e}", what.label())),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(title: &str) -> ArticleMeta {
        ArticleMeta {
            id: "a".into(),
            title: title.into(),
            path: "a.txt".into(),
            source: None,
            url: None,
            author: None,
            date: None,
            published: None,
            words: 10,
            truncated: false,
            format: crate::store::Format::Text,
            origin: crate::store::Origin::Seed(0),
            content: 0,
        }
    }

    #[test]
    fn a_citation_has_the_passage_then_what_is_known() {
        let full = ArticleMeta {
            source: Some("Reuters".into()),
            date: Some("2024-03-05".into()),
            url: Some("https://example.com/a".into()),
            ..meta("Floods close the port")
        };
        assert_eq!(
            citation(&full, Some("The port\nclosed  at noon.")),
            "“The port closed at noon.”\nFloods close the port, Reuters, 2024-03-05\nhttps://example.com/a"
        );
        assert_eq!(citation(&meta("Untitled"), None), "Untitled");
    }
}
