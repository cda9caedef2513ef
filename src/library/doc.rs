//! One persisted document (a corpus state or the history) and the policy around its file:
//! what to do when it is missing, corrupt, from a newer version, or not writable.
//!
//! Decisions:
//! - Corrupt or truncated files are renamed to `<file>.corrupt-<time>` and the state restarts
//!   from `<file>.bak` if that parses; the restored state is written back at once.
//! - A file with a newer schema is not corrupt: the newer dossier can still read it. We show
//!   what our types can read of it and go read-only rather than move or overwrite it.
//! - A directory we cannot write to also means read-only; edits stay in memory.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::Write as _;

use super::error::{LibraryError, Notice, SaveError};
use super::model::SCHEMA;
use super::store::{Parsed, StateFile, parse};

pub(super) trait Persisted: Serialize + DeserializeOwned + Clone {
    fn merge(&self, other: &Self) -> Self;
    /// Why a well-formed file is still not ours, e.g. it names another corpus.
    fn foreign(&self, template: &Self) -> Option<String>;
}

enum OnDisk<T> {
    Missing,
    Ours(T, Vec<u8>),
    /// Restored from the backup after the file was moved aside; needs writing back.
    Recovered(T),
    /// Newer schema or another corpus: leave the file alone.
    NotOurs(String, Option<T>),
}

pub(super) struct Doc<T> {
    pub file: StateFile,
    pub state: T,
    /// Why saving is off, if it is.
    pub read_only: Option<String>,
    /// Memory has changes that no save has written yet.
    pub dirty: bool,
    template: T,
}

fn read_only_notice(path: &std::path::Path, why: &str) -> Notice {
    Notice(format!(
        "{why}. Changes to {} are kept in memory only this session; export still works.",
        path.display()
    ))
}

impl<T: Persisted> Doc<T> {
    /// Load, recovering what can be recovered. Never fails: problems become notices and, when
    /// the file can't safely be written, read-only mode.
    pub fn open(file: StateFile, template: T, writable: Result<(), String>, notices: &mut Vec<Notice>) -> Self {
        let mut doc = Doc {
            file,
            state: template.clone(),
            read_only: writable.err(),
            dirty: false,
            template,
        };
        if doc.read_only.is_some() {
            doc.load_unlocked(notices);
            return doc;
        }
        let lock = match doc.file.lock() {
            Ok(lock) => lock,
            Err(e) => {
                // A busy lock is transient: load without it (the rename keeps reads whole) and
                // let the next save try again. Any other failure means we can't save at all.
                if e.kind() != std::io::ErrorKind::WouldBlock {
                    let why = format!("Cannot lock {}: {e}", doc.file.lock_path().display());
                    notices.push(read_only_notice(&doc.file.path, &why));
                    doc.read_only = Some(why);
                }
                doc.load_unlocked(notices);
                return doc;
            }
        };
        doc.file.clean_temps();
        match doc.read_locked(notices) {
            Err(e) => {
                let why = format!("Could not read {}: {e}", doc.file.path.display());
                notices.push(read_only_notice(&doc.file.path, &why));
                doc.read_only = Some(why);
            }
            Ok(OnDisk::Missing) => {}
            Ok(OnDisk::Ours(state, _)) => doc.state = state,
            Ok(OnDisk::NotOurs(why, best)) => doc.go_read_only(why, best, notices),
            Ok(OnDisk::Recovered(state)) => {
                doc.state = state;
                doc.dirty = true;
                if let Err(e) = doc.write_locked(None) {
                    notices.push(Notice(format!("The restored library was {e}")));
                }
            }
        }
        drop(lock);
        doc
    }

    fn go_read_only(&mut self, why: String, best: Option<T>, notices: &mut Vec<Notice>) {
        notices.push(read_only_notice(&self.file.path, &why));
        if let Some(best) = best {
            self.state = self.state.merge(&best);
        }
        self.read_only = Some(why);
    }

    /// Best-effort load without the lock and without touching anything on disk.
    fn load_unlocked(&mut self, notices: &mut Vec<Notice>) {
        let path = self.file.path.clone();
        let candidates = [self.file.read(), self.file.read_backup()];
        for (i, bytes) in candidates.into_iter().enumerate() {
            match bytes {
                Ok(Some(bytes)) => match parse::<T>(&bytes) {
                    Parsed::Good(t) if t.foreign(&self.template).is_none() => {
                        self.state = self.state.merge(&t);
                        return;
                    }
                    Parsed::Newer { schema, best_effort } if i == 0 => {
                        let why = newer_reason(&path, schema);
                        self.go_read_only(why, best_effort, notices);
                        return;
                    }
                    _ if i == 0 => notices.push(Notice(format!(
                        "{} could not be used and was left as it is; trying its backup.",
                        path.display()
                    ))),
                    _ => {}
                },
                Ok(None) if i == 0 => return,
                Ok(None) => {}
                Err(e) => notices.push(Notice(format!("Could not read {}: {e}.", path.display()))),
            }
        }
    }

    /// Read and classify the file while holding the lock, moving a corrupt one aside.
    fn read_locked(&self, notices: &mut Vec<Notice>) -> std::io::Result<OnDisk<T>> {
        let Some(bytes) = self.file.read()? else {
            return Ok(OnDisk::Missing);
        };
        let reason = match parse::<T>(&bytes) {
            Parsed::Good(t) => {
                return Ok(match t.foreign(&self.template) {
                    Some(why) => OnDisk::NotOurs(why, None),
                    None => OnDisk::Ours(t, bytes),
                });
            }
            Parsed::Newer { schema, best_effort } => {
                return Ok(OnDisk::NotOurs(newer_reason(&self.file.path, schema), best_effort));
            }
            Parsed::Corrupt(reason) => reason,
        };
        let path = self.file.path.clone();
        let moved = StateFile::move_aside(&path)?;
        let bak = self.file.bak_path();
        let mut message = format!(
            "Library file {} was corrupt ({reason}); moved it to {}",
            path.display(),
            moved.display()
        );
        let restored = match self.file.read_backup() {
            Ok(Some(b)) => match parse::<T>(&b) {
                Parsed::Good(t) if t.foreign(&self.template).is_none() => Some(t),
                Parsed::Corrupt(_) => {
                    if let Ok(m) = StateFile::move_aside(&bak) {
                        let _ = write!(message, "; its backup was corrupt too, moved to {}", m.display());
                    }
                    None
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(t) = restored {
            let _ = write!(message, "; restored from the backup {}.", bak.display());
            notices.push(Notice(message));
            Ok(OnDisk::Recovered(t))
        } else {
            message.push_str("; no usable backup, starting empty.");
            notices.push(Notice(message));
            Ok(OnDisk::Missing)
        }
    }

    /// Serialise memory and replace the file, keeping the current one as `.bak`. Skips the
    /// write when the bytes would not change.
    fn write_locked(&mut self, on_disk: Option<&[u8]>) -> Result<(), SaveError> {
        let mut bytes = serde_json::to_vec_pretty(&self.state)?;
        bytes.push(b'\n');
        if on_disk == Some(bytes.as_slice()) {
            // Nothing new to write, but an earlier save may have failed after its rename
            // (directory fsync): make sure what is there is durable before calling it saved.
            if self.dirty {
                let path = self.file.path.clone();
                self.file
                    .sync()
                    .map_err(|e| SaveError::io("could not flush", path, e))?;
            }
            self.dirty = false;
            return Ok(());
        }
        if on_disk.is_some() {
            let bak = self.file.bak_path();
            self.file
                .backup()
                .map_err(|e| SaveError::io("could not back up to", bak, e))?;
        }
        let path = self.file.path.clone();
        self.file
            .write(&bytes)
            .map_err(|e| SaveError::io("could not write", path, e))?;
        self.dirty = false;
        Ok(())
    }

    /// Lock, merge in what is on disk, write. Memory adopts the merged state even if the
    /// write fails, so other processes' changes show up either way.
    pub fn save(&mut self, notices: &mut Vec<Notice>) -> Result<(), SaveError> {
        if let Some(reason) = &self.read_only {
            return Err(SaveError::ReadOnly { reason: reason.clone() });
        }
        let lock_path = self.file.lock_path();
        let _lock = self
            .file
            .lock()
            .map_err(|e| SaveError::io("could not lock", lock_path, e))?;
        let path = self.file.path.clone();
        let on_disk = match self.read_locked(notices) {
            Err(e) => return Err(SaveError::io("could not read", path, e)),
            Ok(OnDisk::Missing) => None,
            Ok(OnDisk::Recovered(t)) => {
                self.state = t.merge(&self.state);
                None
            }
            Ok(OnDisk::Ours(t, bytes)) => {
                self.state = t.merge(&self.state);
                Some(bytes)
            }
            Ok(OnDisk::NotOurs(why, _)) => {
                self.go_read_only(why.clone(), None, notices);
                return Err(SaveError::ReadOnly { reason: why });
            }
        };
        self.write_locked(on_disk.as_deref())
    }

    /// Merge in what other processes saved. Writes only to restore a file found corrupt.
    pub fn refresh(&mut self, notices: &mut Vec<Notice>) -> Result<(), LibraryError> {
        if self.read_only.is_some() {
            if let Ok(Some(bytes)) = self.file.read() {
                match parse::<T>(&bytes) {
                    Parsed::Good(t)
                    | Parsed::Newer {
                        best_effort: Some(t), ..
                    } if t.foreign(&self.template).is_none() => {
                        self.state = self.state.merge(&t);
                    }
                    _ => {}
                }
            }
            return Ok(());
        }
        let lock_path = self.file.lock_path();
        let _lock = self.file.lock().map_err(|e| LibraryError::io("lock", lock_path, e))?;
        let path = self.file.path.clone();
        match self
            .read_locked(notices)
            .map_err(|e| LibraryError::io("read", path, e))?
        {
            OnDisk::Missing => {}
            OnDisk::Ours(t, _) => self.state = self.state.merge(&t),
            OnDisk::Recovered(t) => {
                self.state = self.state.merge(&t);
                if let Err(e) = self.write_locked(None) {
                    notices.push(Notice(format!("The restored library was {e}")));
                }
            }
            OnDisk::NotOurs(why, best) => self.go_read_only(why, best, notices),
        }
        Ok(())
    }
}

fn newer_reason(path: &std::path::Path, schema: u64) -> String {
    format!(
        "{} was written by a newer dossier (schema {schema}; this one understands {SCHEMA}) and is left unchanged",
        path.display()
    )
}
