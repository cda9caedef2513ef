//! A one-line text editor for the filter, find and annotations-filter lines.

use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    pub text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    pub cursor: usize,
}

/// An edit of a one-line text field; named like actions, so a settings file can bind them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    Insert(char),
    Backspace,
    Delete,
    DeleteWord,
    Clear,
    Left,
    Right,
    Home,
    End,
}

impl LineEdit {
    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = self.text.len();
    }

    /// Apply an edit; returns whether the text changed.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let before = self.text.len();
        match edit {
            Edit::Insert(c) if !c.is_control() => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            Edit::Insert(_) => {}
            Edit::Backspace => {
                let start = self.prev_boundary();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Edit::Delete => {
                let end = self.next_boundary();
                self.text.replace_range(self.cursor..end, "");
            }
            Edit::DeleteWord => {
                let head = &self.text[..self.cursor];
                let trimmed = head.trim_end();
                let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Edit::Clear => {
                self.text.clear();
                self.cursor = 0;
            }
            Edit::Left => self.cursor = self.prev_boundary(),
            Edit::Right => self.cursor = self.next_boundary(),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
        }
        self.text.len() != before
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> LineEdit {
        let mut line = LineEdit::default();
        for c in s.chars() {
            line.apply(Edit::Insert(c));
        }
        line
    }

    #[test]
    fn editing() {
        let mut line = typed("nato gaza");
        line.apply(Edit::DeleteWord);
        assert_eq!(line.text, "nato ");
        line.apply(Edit::Backspace);
        line.apply(Edit::Home);
        line.apply(Edit::Insert('^'));
        assert_eq!(line.text, "^nato");
        line.apply(Edit::End);
        line.apply(Edit::Clear);
        assert_eq!((line.text.as_str(), line.cursor), ("", 0));
    }

    #[test]
    fn backspace_removes_a_whole_grapheme() {
        let mut line = typed("cafe\u{301}");
        line.apply(Edit::Backspace);
        assert_eq!(line.text, "caf");
        line.apply(Edit::Left);
        line.apply(Edit::Delete);
        assert_eq!(line.text, "ca");
        assert!(!line.apply(Edit::Insert('\u{1b}')), "control characters are not typed");
    }
}
