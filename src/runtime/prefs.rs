//! Preferences the app keeps between runs that are not the library: the pane widths. Kept in
//! `layout.json` in the config directory, written whole through a temporary file and a rename
//! (a crash leaves the old file or the new one, never half of one). A file that cannot be read
//! is logged and ignored: the defaults apply.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Runtime;
use crate::{
    app::{App, Event},
    layout::Split,
};

/// The file in the config directory.
pub const FILE: &str = "layout.json";

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct Prefs {
    split: Split,
}

impl Runtime {
    /// Read the preferences kept in `config_dir` and hand them to the app.
    pub fn open_preferences(&mut self, app: &mut App, config_dir: &Path) {
        self.config_dir = Some(config_dir.to_path_buf());
        let path = config_dir.join(FILE);
        let Ok(bytes) = std::fs::read(&path) else { return };
        match serde_json::from_slice::<Prefs>(&bytes) {
            Ok(prefs) => self.update(app, Event::LayoutLoaded(prefs.split)),
            Err(e) => tracing::warn!("ignoring {}: {e}", path.display()),
        }
    }

    pub(super) fn save_layout(&self, split: Split) {
        let Some(dir) = &self.config_dir else { return };
        if let Err(e) = write_atomically(&dir.join(FILE), &Prefs { split }) {
            tracing::warn!("cannot keep the layout: {e}");
        }
    }
}

fn write_atomically(path: &PathBuf, prefs: &Prefs) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    serde_json::to_writer_pretty(&mut file, prefs)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
