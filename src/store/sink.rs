//! Where the articles of a stream go: the spool first, then (in batches, after a flush) the
//! loader's sink, so an article the app hears of can always be read back.

use std::{
    io,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use super::{Format, LoadEvent, Origin, Skipped, jsonl, meta::meta_of, sanitize::sanitize_line, spool, text::Parsed};

/// Events held back before the spool is flushed and they are handed on.
const BATCH: usize = 512;
/// The longest a found article waits for its batch.
const BATCH_WAIT: Duration = Duration::from_millis(25);

/// Where the articles of one stream go: the spool, then (in batches) the sink.
pub(super) struct Out<'a> {
    pub(super) writer: Option<spool::Writer>,
    pub(super) pending: Vec<LoadEvent>,
    pub(super) sink: &'a mut dyn FnMut(LoadEvent),
    pub(super) last: Instant,
    /// Bytes of (compressed) input consumed, for progress.
    pub(super) consumed: Arc<AtomicU64>,
    pub(super) articles: u64,
}

impl Out<'_> {
    fn spool_error(e: &io::Error) -> String {
        format!("cannot keep it in the spool ({}): {e}", std::env::temp_dir().display())
    }

    /// Keep a parsed article; its origin in the spool.
    pub(super) fn keep_parsed(&mut self, parsed: &Parsed) -> Result<Origin, String> {
        let writer = self.writer.as_mut().ok_or("the spool could not be created")?;
        let (offset, len) = writer.append(parsed).map_err(|e| Self::spool_error(&e))?;
        Ok(Origin::Spool { offset, len })
    }

    /// Hand on an article of this stream.
    pub(super) fn article(&mut self, id: String, at: &str, parsed: Parsed, truncated: bool, format: Format) {
        match self.keep_parsed(&parsed) {
            Ok(origin) => {
                self.articles += 1;
                self.emit(LoadEvent::Article(Box::new(meta_of(
                    id, at, parsed, truncated, format, origin,
                ))));
            }
            Err(reason) => self.skip(at, reason),
        }
    }

    pub(super) fn skip(&mut self, at: &str, reason: impl Into<String>) {
        self.emit(LoadEvent::Skipped(Skipped {
            path: sanitize_line(at),
            reason: reason.into(),
        }));
    }

    pub(super) fn progress(&mut self) {
        let (files, bytes) = (self.articles, self.consumed.load(Ordering::Relaxed));
        self.emit(LoadEvent::Progress { files, bytes });
    }

    fn emit(&mut self, event: LoadEvent) {
        self.pending.push(event);
        if self.pending.len() >= BATCH || self.last.elapsed() >= BATCH_WAIT {
            self.flush();
        }
    }

    pub(super) fn flush(&mut self) {
        if let Some(writer) = self.writer.as_mut()
            && let Err(e) = writer.flush()
        {
            tracing::error!("{}", Self::spool_error(&e));
        }
        for event in self.pending.drain(..) {
            (self.sink)(event);
        }
        self.last = Instant::now();
    }
}

impl jsonl::Lines for Out<'_> {
    fn keep(&mut self, line: &[u8], _offset: u64) -> Result<Origin, String> {
        let writer = self.writer.as_mut().ok_or("the spool could not be created")?;
        let (offset, len) = writer.append_line(line).map_err(|e| Self::spool_error(&e))?;
        self.articles += 1;
        Ok(Origin::Jsonl { offset, len })
    }

    fn emit(&mut self, event: LoadEvent) {
        Out::emit(self, event);
    }

    fn bytes_read(&self, _offset: u64) -> u64 {
        self.consumed.load(Ordering::Relaxed)
    }
}
