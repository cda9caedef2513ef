//! The log file: what goes wrong in the background (a file that cannot be read, an index that
//! cannot be built, a save that failed) is written here, never to the terminal the app draws
//! on. Off unless `DOSSIER_LOG` or `--log` sets a level (`error`, `warn`, `info`, `debug`,
//! `trace`, or a filter such as `dossier=debug,tantivy=warn`).

use std::{
    fs::{self, File, OpenOptions},
    io::{self, Write},
    path::{Path, PathBuf},
    sync::Mutex,
};

use tracing_subscriber::EnvFilter;

/// Where the log goes, in the cache directory.
pub const FILE: &str = "dossier.log";
/// A log past this size at start is moved to `dossier.log.old` (replacing the one before); one
/// that grows past it while running stops being written.
const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// Start logging at `level` (the `--log` flag, else `DOSSIER_LOG`) into `dir`. Returns the log's
/// path, or `None` when logging is off.
///
/// # Errors
/// When the level is not a valid filter or the file cannot be opened.
pub fn init(level: Option<&str>, dir: &Path) -> anyhow::Result<Option<PathBuf>> {
    let level = match level.map(str::to_string).or_else(|| std::env::var("DOSSIER_LOG").ok()) {
        Some(level) if !level.trim().is_empty() => level,
        _ => return Ok(None),
    };
    let filter = EnvFilter::try_new(&level).map_err(|e| anyhow::anyhow!("bad log level {level:?}: {e}"))?;
    fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(FILE);
    if fs::metadata(&path).is_ok_and(|m| m.len() > MAX_BYTES) {
        let _ = fs::rename(&path, dir.join(format!("{FILE}.old")));
    }
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| anyhow::anyhow!("cannot open the log {}: {e}", path.display()))?;
    let written = file.metadata().map_or(0, |m| m.len());
    let writer = Mutex::new(Capped { file, written });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_thread_names(true)
        .with_writer(writer)
        .try_init()
        .map_err(|e| anyhow::anyhow!("cannot start logging: {e}"))?;
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "dossier started");
    Ok(Some(path))
}

/// A file that takes no more than [`MAX_BYTES`] in all: a runaway loop cannot fill the disk.
struct Capped {
    file: File,
    written: u64,
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.written > MAX_BYTES {
            // Claim it was written: a full log must not fail the program.
            return Ok(buf.len());
        }
        let n = self.file.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}
