//! The spool: where articles read from a stream are kept for the reader to open again.
//!
//! A feed, a crawl, a spreadsheet, a compressed dump or standard input is read once, as a
//! stream, record by record. Each article's extracted text (far smaller than its HTML) is
//! appended to a spool file as one JSON line, and the article's origin is that line, so
//! opening an article later is one seek and one line, never a second pass over a 1 GB crawl.
//! The spool is this process's own (its name carries the pid) and is removed on the way out;
//! spools left by processes that are gone are removed at the next start.

use std::{
    fs::{self, File},
    io::{self, BufWriter, Read, Seek, SeekFrom, Write},
    path::{Path, PathBuf},
};

use super::text::Parsed;

const PREFIX: &str = "dossier-spool-";

/// This process's spool for the corpus `key`, in the system's temporary directory.
pub fn path_for(key: &str) -> PathBuf {
    let hash = super::fnv1a64(key.bytes());
    std::env::temp_dir().join(format!("{PREFIX}{}-{hash:016x}.jsonl", std::process::id()))
}

/// Appends articles, one JSON line each.
pub struct Writer {
    file: BufWriter<File>,
    offset: u64,
}

impl Writer {
    /// Start the spool at `path` afresh.
    pub fn create(path: &Path) -> io::Result<Self> {
        // A new file of our own: whatever had the name (a spool of a process with our pid that
        // is gone, or a link planted in a shared temporary directory) is removed, not followed.
        match fs::remove_file(path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        Ok(Self {
            file: BufWriter::with_capacity(1 << 16, options.open(path)?),
            offset: 0,
        })
    }

    /// Keep `parsed`; returns where it went (offset, length).
    pub fn append(&mut self, parsed: &Parsed) -> io::Result<(u64, u64)> {
        let mut line = serde_json::to_vec(parsed).map_err(io::Error::other)?;
        line.push(b'\n');
        self.append_line(&line)
    }

    /// Keep a line as it is (a JSON Lines article from a decoded stream): copying it is
    /// cheaper than writing it anew, and it reads back as the line it was.
    pub fn append_line(&mut self, line: &[u8]) -> io::Result<(u64, u64)> {
        self.file.write_all(line)?;
        let mut len = line.len() as u64;
        if line.last() != Some(&b'\n') {
            self.file.write_all(b"\n")?;
            len += 1;
        }
        let at = self.offset;
        self.offset += len;
        Ok((at, len))
    }

    /// Make what was appended readable by other threads.
    pub fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Read back the article kept at `offset`.
pub fn read(path: &Path, offset: u64, len: u64) -> Result<Parsed, String> {
    let mut file = File::open(path).map_err(|e| format!("the spool {}: {e}", path.display()))?;
    file.seek(SeekFrom::Start(offset)).map_err(|e| e.to_string())?;
    let mut line = Vec::new();
    file.take(len).read_to_end(&mut line).map_err(|e| e.to_string())?;
    serde_json::from_slice(&line).map_err(|e| format!("the spool is damaged: {e}"))
}

/// Remove this process's spools (on the way out).
pub fn remove_own() {
    remove_where(|pid| pid == std::process::id());
}

/// Remove spools whose process is gone (a crash leaves one behind).
pub fn remove_stale() {
    remove_where(|pid| pid != std::process::id() && !alive(pid));
}

fn remove_where(remove: impl Fn(u32) -> bool) {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(&remove)
            && let Err(e) = fs::remove_file(entry.path())
        {
            tracing::debug!("cannot remove the spool {}: {e}", entry.path().display());
        }
    }
}

/// Is process `pid` still running? Where that cannot be told, assume it is (keep its spool).
fn alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::text::{Block, ParaKind};

    #[test]
    fn articles_come_back_from_where_they_were_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spool.jsonl");
        let mut w = Writer::create(&path).unwrap();
        let a = Parsed {
            title: "One".into(),
            paras: vec![Block::new(ParaKind::Text, "Body “with” quotes\nand a line.")],
            url: Some("https://example.com/1".into()),
            ..Parsed::default()
        };
        let b = Parsed {
            title: "Two".into(),
            paras: vec![Block::item("- item")],
            ..Parsed::default()
        };
        let (at_a, len_a) = w.append(&a).unwrap();
        let (at_b, len_b) = w.append(&b).unwrap();
        w.flush().unwrap();
        assert_eq!(read(&path, at_b, len_b).unwrap(), b);
        assert_eq!(read(&path, at_a, len_a).unwrap(), a);
        assert!(
            read(&path, at_a + 1, len_a).is_err(),
            "a wrong place is an error, not garbage"
        );
    }
}
