use std::fmt;
use std::io;
use std::path::PathBuf;

/// A message for the user about the library's files (recovery, read-only mode). The UI shows
/// these as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice(pub String);

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Notice {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a change was not written to disk. The change itself is kept in memory and will be
/// included by the next successful save.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("not saved: the library is read-only this session ({reason})")]
    ReadOnly { reason: String },
    #[error("not saved: {context} {}: {source}", path.display())]
    Io {
        context: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("not saved: could not serialise the library: {0}")]
    Serialize(#[from] serde_json::Error),
    /// Nothing changed: the annotation does not exist (or was deleted).
    #[error("no annotation {id} on article {article}")]
    NoSuchAnnotation { article: String, id: String },
}

impl SaveError {
    pub(super) fn io(context: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        Self::Io {
            context,
            path: path.into(),
            source,
        }
    }
}

/// Failures of loading that could not be turned into a notice plus a usable library.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("could not {context} {}: {source}", path.display())]
    Io {
        context: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl LibraryError {
    pub(super) fn io(context: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        Self::Io {
            context,
            path: path.into(),
            source,
        }
    }
}
