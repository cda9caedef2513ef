//! What the settings file tells the app at start-up: the keys in force, the layout, and the
//! defaults a corpus falls back on where the library keeps no choice of its own.

use std::sync::Arc;

use super::{App, Message, keys::Keys};
use crate::{layout::Look, query::Sort};

/// The settings, as the app takes them (the settings module reads the file into this).
#[derive(Debug, Clone, Default)]
pub struct Configured {
    pub keys: Keys,
    pub look: Look,
    /// The list's share while browsing and while reading, each when the file sets it: it
    /// wins over the last drag.
    pub list_width: Option<u16>,
    pub list_width_reading: Option<u16>,
    /// The order of a corpus where none was chosen.
    pub sort: Option<Sort>,
    /// Whether copies are grouped in a corpus where `Z` was never pressed.
    pub group_copies: bool,
    /// What is wrong in the file, each with its file and line.
    pub problems: Vec<String>,
}

/// What a corpus falls back on where its library keeps no choice of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Defaults {
    pub sort: Option<Sort>,
    pub group_copies: bool,
}

impl Default for Defaults {
    fn default() -> Self {
        Self {
            sort: None,
            group_copies: true,
        }
    }
}

impl App {
    pub fn configure(&mut self, settings: Configured) {
        self.keys = Arc::new(settings.keys);
        self.look = settings.look;
        if let Some(percent) = settings.list_width {
            self.split.browse = percent;
        }
        if let Some(percent) = settings.list_width_reading {
            self.split.read = percent;
        }
        self.defaults = Defaults {
            sort: settings.sort,
            group_copies: settings.group_copies,
        };
        self.copies.on = settings.group_copies;
        if let Some(first) = settings.problems.first() {
            let more = match settings.problems.len() - 1 {
                0 => String::new(),
                n => format!(" (and {n} more: ! lists them)"),
            };
            self.message = Some(Message::warning(format!("{first}{more}")));
        }
        // Kept with the other notices, all of them under `!`.
        self.notices.extend(settings.problems);
    }
}
