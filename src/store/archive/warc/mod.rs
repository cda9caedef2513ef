//! WARC/1.0 and WARC/1.1 files (ISO 28500), read record by record from a stream.
//!
//! A record is a version line, named fields up to a blank line, a block of exactly
//! `Content-Length` bytes and two line ends. Real crawls are not always that tidy, so the reader
//! accepts LF-only line ends and a missing final trailer, and when a record is malformed (no or
//! a wrong `Content-Length`, garbage between records) it reports an error for that record and
//! scans forward to the next line starting with `WARC/1.`: one bad record costs that record,
//! not the rest of the file. Memory is bounded everywhere: header lines, the number of fields
//! and the part of a block kept (`max_block`; the rest is read and discarded).

mod classify;
mod http;
#[cfg(test)]
mod tests;

use std::io::{self, BufRead, ErrorKind};

pub use classify::{Classified, Skip, classify};
pub use http::{HttpResponse, MAX_DECODED_BODY, http_response, http_response_capped};

/// The longest header line kept: long enough for any real target URI.
const MAX_LINE: usize = 32 * 1024;
/// The most named fields one record may have (real records have 5 to 20).
const MAX_FIELDS: usize = 256;
/// Bytes kept of a line read only to look for a version line or a trailer.
const SCAN_LINE: usize = 64;

/// One WARC record, with the fields a reader of news needs by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcRecord {
    /// The version line as written, e.g. `WARC/1.1`.
    pub version: String,
    /// `WARC-Type`: `response`, `request`, `warcinfo`, `metadata`, `revisit`, `resource`, …
    /// Empty when the record has none.
    pub kind: String,
    pub target_uri: Option<String>,
    /// `WARC-Date`, as written (ISO 8601 UTC).
    pub date: Option<String>,
    pub record_id: Option<String>,
    /// The record's `Content-Type` (for a response, `application/http; msgtype=response`).
    pub content_type: Option<String>,
    /// `WARC-Identified-Payload-Type`: what the crawler sniffed the payload to be, used when the
    /// HTTP response states no type of its own.
    pub payload_type: Option<String>,
    /// The block's length as `Content-Length` stated it.
    pub content_length: u64,
    /// Byte offset of the record's version line in the stream.
    pub offset: u64,
    /// The block, or its first `max_block` bytes when `truncated`.
    pub block: Vec<u8>,
    pub truncated: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum WarcError {
    #[error("read error at byte {offset}: {source}")]
    Io { offset: u64, source: io::Error },
    #[error("{bytes} bytes that are not a WARC record at byte {offset}")]
    Garbage { offset: u64, bytes: u64 },
    #[error("record at byte {offset}: no Content-Length")]
    MissingLength { offset: u64 },
    #[error("record at byte {offset}: Content-Length '{value}' is not a number")]
    BadLength { offset: u64, value: String },
    #[error("record at byte {offset}: the block does not end where Content-Length ({length}) says")]
    WrongLength { offset: u64, length: u64 },
    #[error("record at byte {offset}: a header line is not 'Name: value'")]
    BadField { offset: u64 },
    #[error("record at byte {offset}: headers too large")]
    HeadersTooLarge { offset: u64 },
    #[error("record at byte {offset}: the headers run into the next record")]
    NoBlankLine { offset: u64 },
    #[error("record at byte {offset}: the file ends inside its headers")]
    TruncatedHeaders { offset: u64 },
    #[error("record at byte {offset}: the file ends inside the record ({got} of {length} bytes)")]
    Truncated { offset: u64, length: u64, got: u64 },
}

/// Reads [`WarcRecord`]s from a stream, one at a time.
pub struct WarcReader<R: BufRead> {
    input: Input<R>,
    max_block: usize,
    /// A version line already read (while looking for something else), with its offset.
    pending: Option<(u64, Vec<u8>)>,
    /// After an error: skip to the next version line without reporting what is skipped.
    resyncing: bool,
    done: bool,
}

/// Why a record could not be read, and whether reading can go on.
enum Failure {
    /// Report, then look for the next record.
    Resync(WarcError),
    /// Report, then stop (read errors).
    Fatal(WarcError),
}

impl From<WarcError> for Failure {
    fn from(e: WarcError) -> Self {
        Failure::Resync(e)
    }
}

impl<R: BufRead> WarcReader<R> {
    /// `max_block`: the most bytes of one block kept in memory.
    pub fn new(reader: R, max_block: usize) -> Self {
        WarcReader {
            input: Input {
                inner: reader,
                back: Vec::new(),
                back_pos: 0,
                offset: 0,
            },
            max_block,
            pending: None,
            resyncing: false,
            done: false,
        }
    }

    /// Bytes consumed from the stream so far.
    pub fn position(&self) -> u64 {
        self.input.offset
    }

    fn io(&self, source: io::Error) -> Failure {
        Failure::Fatal(WarcError::Io {
            offset: self.input.offset,
            source,
        })
    }

    fn read_record(&mut self) -> Result<Option<WarcRecord>, Failure> {
        let (offset, version) = match self.pending.take() {
            Some(p) => p,
            None => match self.find_version_line()? {
                Some(p) => p,
                None => return Ok(None),
            },
        };
        self.resyncing = false;
        let version = String::from_utf8_lossy(trim_eol(&version)).into_owned();
        let fields = self.read_fields(offset)?;
        let get = |name: &str| {
            fields
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        let length = match get("Content-Length") {
            None => return Err(WarcError::MissingLength { offset }.into()),
            Some(v) => v
                .parse::<u64>()
                .map_err(|_| WarcError::BadLength { offset, value: v })?,
        };
        let keep = usize::try_from(length).unwrap_or(usize::MAX).min(self.max_block);
        let (block, got) = self.input.read_block(length, keep).map_err(|e| self.io(e))?;
        if got < length {
            // Rescan what was read: a record claiming more than the file holds may have
            // swallowed whole records that follow it.
            self.input.push_back(block);
            return Err(WarcError::Truncated { offset, length, got }.into());
        }
        self.check_trailer(offset, length, &block)?;
        Ok(Some(WarcRecord {
            version,
            kind: get("WARC-Type").unwrap_or_default(),
            target_uri: get("WARC-Target-URI").map(|u| strip_angle(&u)),
            date: get("WARC-Date"),
            record_id: get("WARC-Record-ID"),
            content_type: get("Content-Type"),
            payload_type: get("WARC-Identified-Payload-Type"),
            content_length: length,
            offset,
            truncated: got > block.len() as u64,
            block,
        }))
    }

    /// The next version line, skipping blank lines; anything else before it is garbage,
    /// reported once (unless resyncing after an error, which was reported already).
    fn find_version_line(&mut self) -> Result<Option<(u64, Vec<u8>)>, Failure> {
        let mut garbage_at = None;
        loop {
            let start = self.input.offset;
            let Some(line) = self.input.read_line(SCAN_LINE).map_err(|e| self.io(e))? else {
                return match garbage_at {
                    Some(at) => Err(self.garbage(at, self.input.offset)),
                    None => Ok(None),
                };
            };
            if is_version(&line) {
                return match garbage_at {
                    Some(at) => {
                        self.pending = Some((start, line.bytes));
                        Err(self.garbage(at, start))
                    }
                    None => Ok(Some((start, line.bytes))),
                };
            }
            if garbage_at.is_none() && !self.resyncing && !is_blank(&line) {
                garbage_at = Some(start);
            }
        }
    }

    fn garbage(&mut self, at: u64, end: u64) -> Failure {
        self.resyncing = true;
        Failure::Resync(WarcError::Garbage {
            offset: at,
            bytes: end.saturating_sub(at),
        })
    }

    /// Named fields up to the blank line; continuation lines (leading space or tab) extend the
    /// field before them.
    fn read_fields(&mut self, offset: u64) -> Result<Vec<(String, String)>, Failure> {
        let mut fields: Vec<(String, String)> = Vec::new();
        loop {
            let start = self.input.offset;
            let Some(line) = self.input.read_line(MAX_LINE).map_err(|e| self.io(e))? else {
                return Err(Failure::Fatal(WarcError::TruncatedHeaders { offset }));
            };
            if line.overlong || fields.len() >= MAX_FIELDS {
                return Err(WarcError::HeadersTooLarge { offset }.into());
            }
            if is_blank(&line) {
                return Ok(fields);
            }
            if is_version(&line) {
                self.pending = Some((start, line.bytes));
                return Err(WarcError::NoBlankLine { offset }.into());
            }
            let text = String::from_utf8_lossy(trim_eol(&line.bytes));
            if text.starts_with([' ', '\t']) {
                match fields.last_mut() {
                    Some((_, value)) => {
                        value.push(' ');
                        value.push_str(text.trim());
                    }
                    None => return Err(WarcError::BadField { offset }.into()),
                }
                continue;
            }
            let Some((name, value)) = text.split_once(':') else {
                return Err(WarcError::BadField { offset }.into());
            };
            fields.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }

    /// The two line ends after a block. A record followed directly by the next version line
    /// (one line end only) or by the end of the file is accepted; anything else means the
    /// `Content-Length` was wrong, and the block is rescanned for the record that follows.
    fn check_trailer(&mut self, offset: u64, length: u64, block: &[u8]) -> Result<(), Failure> {
        let mut seen = Vec::new();
        for _ in 0..2 {
            let start = self.input.offset;
            let Some(line) = self.input.read_line(SCAN_LINE).map_err(|e| self.io(e))? else {
                return Ok(());
            };
            if is_blank(&line) {
                seen.extend_from_slice(&line.bytes);
                continue;
            }
            if is_version(&line) {
                self.pending = Some((start, line.bytes));
                return Ok(());
            }
            seen.extend_from_slice(&line.bytes);
            let mut back = Vec::with_capacity(block.len() + seen.len());
            back.extend_from_slice(block);
            back.extend_from_slice(&seen);
            self.input.push_back(back);
            return Err(WarcError::WrongLength { offset, length }.into());
        }
        Ok(())
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.read_record() {
            Ok(Some(record)) => Some(Ok(record)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(Failure::Resync(e)) => {
                self.resyncing = true;
                Some(Err(e))
            }
            Err(Failure::Fatal(e)) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

struct Line {
    /// The line with its line end, cut at the reader's limit.
    bytes: Vec<u8>,
    /// The line was longer than the limit (the rest was read and dropped).
    overlong: bool,
}

fn is_blank(line: &Line) -> bool {
    !line.overlong && trim_eol(&line.bytes).is_empty()
}

fn is_version(line: &Line) -> bool {
    let text = trim_eol(&line.bytes);
    !line.overlong && text.starts_with(b"WARC/1.") && text.len() <= 12
}

fn trim_eol(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes.strip_suffix(b"\r").unwrap_or(bytes)
}

/// WARC/1.0 wrote `WARC-Target-URI: <http://…>` in some tools' hands; 1.1 says bare.
fn strip_angle(uri: &str) -> String {
    uri.strip_prefix('<')
        .and_then(|u| u.strip_suffix('>'))
        .unwrap_or(uri)
        .to_owned()
}

/// The stream, with bytes pushed back in front of it to be read again (for resyncing).
struct Input<R> {
    inner: R,
    back: Vec<u8>,
    back_pos: usize,
    /// Offset in the stream of the next byte to be read.
    offset: u64,
}

impl<R: BufRead> Input<R> {
    fn fill(&mut self) -> io::Result<&[u8]> {
        if self.back_pos < self.back.len() {
            return Ok(&self.back[self.back_pos..]);
        }
        loop {
            let interrupted = matches!(self.inner.fill_buf(), Err(ref e) if e.kind() == ErrorKind::Interrupted);
            if !interrupted {
                return self.inner.fill_buf();
            }
        }
    }

    fn consume(&mut self, n: usize) {
        if self.back_pos < self.back.len() {
            self.back_pos += n;
            if self.back_pos >= self.back.len() {
                self.back = Vec::new();
                self.back_pos = 0;
            }
        } else {
            self.inner.consume(n);
        }
        self.offset += n as u64;
    }

    fn push_back(&mut self, mut bytes: Vec<u8>) {
        self.offset = self.offset.saturating_sub(bytes.len() as u64);
        bytes.extend_from_slice(&self.back[self.back_pos..]);
        self.back = bytes;
        self.back_pos = 0;
    }

    /// One line, keeping at most `max` bytes of it; `None` at the end of the stream.
    fn read_line(&mut self, max: usize) -> io::Result<Option<Line>> {
        let mut line = Line {
            bytes: Vec::new(),
            overlong: false,
        };
        let mut any = false;
        loop {
            let buf = self.fill()?;
            if buf.is_empty() {
                return Ok(any.then_some(line));
            }
            any = true;
            let (take, ended) = match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            let room = max.saturating_sub(line.bytes.len());
            line.bytes.extend_from_slice(&buf[..take.min(room)]);
            line.overlong |= take > room;
            self.consume(take);
            if ended {
                return Ok(Some(line));
            }
        }
    }

    /// Reads `length` bytes (fewer at the end of the stream), keeping the first `keep`;
    /// returns what was kept and how many bytes were read.
    fn read_block(&mut self, length: u64, keep: usize) -> io::Result<(Vec<u8>, u64)> {
        // Grown as bytes arrive, never sized from the claimed length alone.
        let mut block = Vec::with_capacity(keep.min(1 << 20));
        let mut remaining = length;
        while remaining > 0 {
            let buf = self.fill()?;
            if buf.is_empty() {
                break;
            }
            let n = usize::try_from(remaining).unwrap_or(usize::MAX).min(buf.len());
            let room = keep - block.len();
            block.extend_from_slice(&buf[..n.min(room)]);
            self.consume(n);
            remaining -= n as u64;
        }
        Ok((block, length - remaining))
    }
}
