//! File primitives for one state file: sidecar lock, read, classify, move aside, back up, and
//! the atomic write. Policy (what to do with what was read) lives in `doc.rs`.
//!
//! Layout next to `<file>`: `<file>.lock` (never deleted: removing a lock file lets two
//! processes lock different inodes), `<file>.bak` (the previous good version),
//! `<file>.corrupt-<UTC time>` (files we could not parse), and `.<file name>.*.tmp` (writes in
//! progress; a killed process can leave one behind, removed at the next open).

use std::fs::{self, File, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::clock;
use super::model::SCHEMA;

/// How long a save waits for another process's save before giving up with an error: long
/// enough for any real save, short enough that a stuck process can't freeze the UI.
const LOCK_TIMEOUT: Duration = Duration::from_secs(3);

/// Write in pieces so a fault injected after the first piece leaves a partly written temp
/// file, as a full disk would.
const CHUNK: usize = 4096;

/// Points in a save where a test can inject a failure, e.g. `ENOSPC` or an fsync error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Before linking the current file to `<file>.bak`.
    Backup,
    /// After `bytes` bytes of the new contents reached the temp file.
    Wrote { bytes: usize },
    /// Before `fsync` of the temp file.
    SyncFile,
    /// Before the rename over the state file.
    Rename,
    /// Before `fsync` of the directory (the rename has happened).
    SyncDir,
}

/// A plain function pointer rather than a trait: tests swap in a function that fails at one
/// stage; production has none.
pub type FaultHook = fn(Stage) -> io::Result<()>;

pub(super) enum Parsed<T> {
    Good(T),
    /// A schema this version doesn't know; `best_effort` is what our types could read of it.
    Newer {
        schema: u64,
        best_effort: Option<T>,
    },
    Corrupt(String),
}

/// Classify bytes from disk. Empty or truncated input is `Corrupt`, never a panic.
pub(super) fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Parsed<T> {
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return Parsed::Corrupt(e.to_string()),
    };
    let Some(schema) = value.get("schema").and_then(Value::as_u64) else {
        return Parsed::Corrupt("no schema number".into());
    };
    if schema > u64::from(SCHEMA) {
        return Parsed::Newer {
            schema,
            best_effort: serde_json::from_value(value).ok(),
        };
    }
    if schema == 0 {
        return Parsed::Corrupt("schema 0".into());
    }
    match serde_json::from_value(value) {
        Ok(t) => Parsed::Good(t),
        Err(e) => Parsed::Corrupt(e.to_string()),
    }
}

pub(super) struct StateFile {
    pub path: PathBuf,
    pub hook: Option<FaultHook>,
}

impl StateFile {
    pub fn new(path: PathBuf) -> Self {
        Self { path, hook: None }
    }

    fn with_suffix(&self, suffix: &str) -> PathBuf {
        let mut s = self.path.clone().into_os_string();
        s.push(suffix);
        PathBuf::from(s)
    }

    pub fn lock_path(&self) -> PathBuf {
        self.with_suffix(".lock")
    }

    pub fn bak_path(&self) -> PathBuf {
        self.with_suffix(".bak")
    }

    fn dir(&self) -> &Path {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        }
    }

    /// Hidden temp names start with this, so stale ones can be found and removed.
    fn temp_prefix(&self) -> String {
        let name = self.path.file_name().unwrap_or_default().to_string_lossy();
        format!(".{name}.")
    }

    fn fault(&self, stage: Stage) -> io::Result<()> {
        self.hook.map_or(Ok(()), |h| h(stage))
    }

    /// Exclusive lock on the sidecar; released when the returned file is dropped.
    pub fn lock(&self) -> io::Result<File> {
        // Never through a link planted at the lock path (it would create the link's target).
        let (file, notice) = crate::safe_fs::open_lock(&self.lock_path())?;
        if let Some(notice) = notice {
            tracing::warn!("{notice}");
        }
        let deadline = Instant::now() + LOCK_TIMEOUT;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    thread::sleep(Duration::from_millis(2));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(io::Error::new(
                        io::ErrorKind::WouldBlock,
                        "another dossier process is holding the lock",
                    ));
                }
                // Some network filesystems have no flock; saving unlocked beats not saving.
                Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                    return Ok(file);
                }
                Err(TryLockError::Error(e)) => return Err(e),
            }
        }
    }

    fn read_path(path: &Path) -> io::Result<Option<Vec<u8>>> {
        match fs::read(path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn read(&self) -> io::Result<Option<Vec<u8>>> {
        Self::read_path(&self.path)
    }

    pub fn read_backup(&self) -> io::Result<Option<Vec<u8>>> {
        Self::read_path(&self.bak_path())
    }

    /// Rename `which` to `<which>.corrupt-<UTC time>` (plus `-N` if taken); returns the new name.
    pub fn move_aside(which: &Path) -> io::Result<PathBuf> {
        let stamp = clock::utc_compact(clock::now_ms());
        let base = {
            let mut s = which.as_os_str().to_owned();
            s.push(format!(".corrupt-{stamp}"));
            PathBuf::from(s)
        };
        let mut target = base.clone();
        let mut n = 1;
        while target.exists() {
            let mut s = base.clone().into_os_string();
            s.push(format!("-{n}"));
            target = PathBuf::from(s);
            n += 1;
        }
        fs::rename(which, &target)?;
        Ok(target)
    }

    /// Make `<file>.bak` the current (good) file. A hard link costs no space and leaves the
    /// old inode as the backup once the new file is renamed over; copying is the fallback for
    /// filesystems without links.
    pub fn backup(&self) -> io::Result<()> {
        self.fault(Stage::Backup)?;
        let tmp = self.dir().join(format!("{}bak.tmp", self.temp_prefix()));
        let _ = fs::remove_file(&tmp);
        if fs::hard_link(&self.path, &tmp).is_err() {
            fs::copy(&self.path, &tmp)?;
            File::open(&tmp)?.sync_all()?;
        }
        fs::rename(&tmp, self.bak_path())
    }

    /// Replace the file with `bytes` so that a crash at any point leaves either the old or the
    /// new contents: temp file in the same directory, fsync, rename, fsync the directory
    /// (`NamedTempFile::persist` alone does neither fsync). On error before the rename the
    /// temp file is removed and the old file is untouched.
    pub fn write(&self, bytes: &[u8]) -> io::Result<()> {
        let dir = self.dir();
        let mut tmp = tempfile::Builder::new()
            .prefix(&self.temp_prefix())
            .suffix(".tmp")
            .tempfile_in(dir)?;
        let mut written = 0;
        for chunk in bytes.chunks(CHUNK) {
            tmp.as_file_mut().write_all(chunk)?;
            written += chunk.len();
            self.fault(Stage::Wrote { bytes: written })?;
        }
        self.fault(Stage::SyncFile)?;
        tmp.as_file().sync_all()?;
        self.fault(Stage::Rename)?;
        tmp.persist(&self.path).map_err(|e| e.error)?;
        self.fault(Stage::SyncDir)?;
        File::open(dir)?.sync_all()
    }

    /// fsync the file as it is and its directory.
    pub fn sync(&self) -> io::Result<()> {
        File::open(&self.path)?.sync_all()?;
        File::open(self.dir())?.sync_all()
    }

    /// Remove temp files left by a killed process. Call only while holding the lock, when no
    /// other process can be writing one.
    pub fn clean_temps(&self) {
        let prefix = self.temp_prefix();
        let Ok(entries) = fs::read_dir(self.dir()) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(&prefix) && name.ends_with(".tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}
