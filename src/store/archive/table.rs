//! CSV and TSV tables of articles: a header row naming the columns, then one article a row.
//!
//! Exports of news data sets disagree on everything but the idea, so columns are found by name
//! (several names each, any case, any order), rows may be ragged, fields may span lines, and
//! bytes that are not UTF-8 are decoded lossily rather than failing the row. A bad row costs
//! that row only. Memory is bounded: one field keeps at most `max_field` bytes, and a row that
//! grows without end (an unclosed quote swallowing the file) stops the table with an error.

use std::{
    io::{self, Cursor, Read},
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
};

use csv::{ByteRecord, ErrorKind, ReaderBuilder};

/// The field separator: stated by the caller (from a `.csv` / `.tsv` name) or sniffed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    Tab,
    /// Whichever of tab and comma the header line has more of (outside quotes).
    Sniff,
}

/// Where each known field is in a row (0-based column indices).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub text: usize,
    pub title: Option<usize>,
    pub date: Option<usize>,
    pub url: Option<usize>,
    pub author: Option<usize>,
    pub source: Option<usize>,
    pub id: Option<usize>,
}

/// Names each field goes by, in order of preference when a table has several.
const TEXT: &[&str] = &["text", "content", "body", "article"];
const TITLE: &[&str] = &["title", "headline"];
const DATE: &[&str] = &["date", "published", "publish_date", "published_at", "pubdate"];
const URL: &[&str] = &["url", "link"];
const AUTHOR: &[&str] = &["author", "authors", "byline"];
const SOURCE: &[&str] = &["source", "publication", "site", "publisher"];
const ID: &[&str] = &["id"];

/// Finds the known columns in a header row. Names are matched trimmed and case-insensitively,
/// with spaces and dashes read as underscores (`Publish Date` is `publish_date`).
pub fn columns<I, S>(headers: I) -> Result<Columns, String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<[u8]>,
{
    let names: Vec<String> = headers
        .into_iter()
        .map(|h| {
            let name = String::from_utf8_lossy(h.as_ref()).into_owned();
            // A BOM survives on the first header when the file was saved by Excel.
            let name = name.trim_start_matches('\u{feff}').trim().to_lowercase();
            name.replace([' ', '-'], "_")
        })
        .collect();
    let find = |aliases: &[&str]| aliases.iter().find_map(|alias| names.iter().position(|n| n == alias));
    let text = find(TEXT).ok_or_else(|| format!("no text column (expected one of: {})", TEXT.join(", ")))?;
    Ok(Columns {
        text,
        title: find(TITLE),
        date: find(DATE),
        url: find(URL),
        author: find(AUTHOR),
        source: find(SOURCE),
        id: find(ID),
    })
}

/// One data row, its fields trimmed; empty fields are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// 1-based number of the data row (the header row not counted; a multi-line field is
    /// still one row).
    pub row: u64,
    /// The line the row starts on, for messages.
    pub line: u64,
    pub id: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub date: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    /// Some field was cut at `max_field` bytes.
    pub truncated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("row {row}: {reason}")]
pub struct RowError {
    pub row: u64,
    pub reason: String,
}

/// Bytes read for sniffing the delimiter before giving up on finding the header line's end.
const SNIFF: usize = 64 * 1024;

/// Reads [`TableRow`]s from a CSV or TSV stream.
pub struct TableReader<R: Read> {
    reader: csv::Reader<Guard<io::Chain<Cursor<Vec<u8>>, R>>>,
    columns: Columns,
    max_field: usize,
    max_row: u64,
    record: ByteRecord,
    row: u64,
    /// Stream offset of the end of the last row read, shared with the [`Guard`].
    boundary: Arc<AtomicU64>,
    done: bool,
}

impl<R: Read> TableReader<R> {
    /// Reads the header row; fails when it cannot be read or names no text column.
    pub fn new(mut reader: R, delimiter: Delimiter, max_field: usize) -> Result<Self, String> {
        let head = read_head(&mut reader).map_err(|e| format!("cannot read the header row: {e}"))?;
        let delimiter = match delimiter {
            Delimiter::Comma => b',',
            Delimiter::Tab => b'\t',
            Delimiter::Sniff => sniff(&head),
        };
        // A row may hold several long fields (text and HTML, say), plus the reader's buffer.
        let max_row = (max_field as u64).saturating_mul(4).saturating_add(1 << 20);
        let boundary = Arc::new(AtomicU64::new(0));
        let guard = Guard {
            inner: Cursor::new(head).chain(reader),
            fed: 0,
            boundary: Arc::clone(&boundary),
            max_row,
        };
        let mut reader = ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(guard);
        let headers = reader
            .byte_headers()
            .map_err(|e| format!("cannot read the header row: {e}"))?;
        let columns = columns(headers)?;
        boundary.store(reader.position().byte(), Ordering::Relaxed);
        Ok(TableReader {
            reader,
            columns,
            max_field,
            max_row,
            record: ByteRecord::new(),
            row: 0,
            boundary,
            done: false,
        })
    }

    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    fn row_from_record(&self) -> Result<TableRow, RowError> {
        let row = self.row;
        let mut truncated = false;
        let mut field = |index: Option<usize>| {
            let bytes = index.and_then(|i| self.record.get(i))?;
            let (value, cut) = decode_capped(bytes, self.max_field);
            truncated |= cut;
            Some(value).filter(|v| !v.is_empty())
        };
        let Some(text) = self.record.get(self.columns.text) else {
            return Err(RowError {
                row,
                reason: format!("no text field (the row has {} fields)", self.record.len()),
            });
        };
        let (text, cut) = decode_capped(text, self.max_field);
        if text.is_empty() {
            return Err(RowError {
                row,
                reason: "empty text".to_owned(),
            });
        }
        let c = &self.columns;
        let result = TableRow {
            row,
            line: self.record.position().map_or(0, csv::Position::line),
            id: field(c.id),
            title: field(c.title),
            date: field(c.date),
            url: field(c.url),
            author: field(c.author),
            source: field(c.source),
            text,
            truncated: false,
        };
        Ok(TableRow {
            truncated: truncated || cut,
            ..result
        })
    }
}

impl<R: Read> Iterator for TableReader<R> {
    type Item = Result<TableRow, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                self.row += 1;
                self.boundary.store(self.reader.position().byte(), Ordering::Relaxed);
                Some(self.row_from_record())
            }
            Err(e) => {
                self.row += 1;
                let reason = match e.kind() {
                    ErrorKind::Io(io) if io.kind() == io::ErrorKind::FileTooLarge => format!(
                        "longer than {} bytes (an unclosed quote?); the rest of the table is not read",
                        self.max_row
                    ),
                    ErrorKind::Io(io) => format!("read error: {io}"),
                    _ => e.to_string(),
                };
                // After a read error the csv reader's place in the stream is unknown.
                self.done = matches!(e.kind(), ErrorKind::Io(_));
                Some(Err(RowError { row: self.row, reason }))
            }
        }
    }
}

/// Trimmed, lossily decoded, cut to at most `max` bytes at a char boundary.
fn decode_capped(bytes: &[u8], max: usize) -> (String, bool) {
    // Decode a little past the cap so a multi-byte char at the cut is decoded whole.
    let slice = &bytes[..bytes.len().min(max.saturating_add(4))];
    let mut text = String::from_utf8_lossy(slice).trim().to_owned();
    let mut cut = slice.len() < bytes.len();
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        cut = true;
    }
    (text, cut)
}

/// The stream's first bytes, up to the end of the header line (or [`SNIFF`] bytes).
fn read_head(reader: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while head.len() < SNIFF && !head.contains(&b'\n') {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        head.extend_from_slice(&buf[..n]);
    }
    Ok(head)
}

/// Tab or comma, whichever the first line has more of outside double quotes.
fn sniff(head: &[u8]) -> u8 {
    let (mut tabs, mut commas, mut quoted) = (0usize, 0usize, false);
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b'\t' if !quoted => tabs += 1,
            b',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if tabs > commas { b'\t' } else { b',' }
}

/// Counts the bytes the csv reader takes and refuses more once a single row has taken
/// `max_row`: the csv crate has no record size limit of its own.
struct Guard<R> {
    inner: R,
    fed: u64,
    boundary: Arc<AtomicU64>,
    max_row: u64,
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let since = self.fed.saturating_sub(self.boundary.load(Ordering::Relaxed));
        if since > self.max_row {
            return Err(io::Error::new(io::ErrorKind::FileTooLarge, "row too long"));
        }
        let n = self.inner.read(buf)?;
        self.fed += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
