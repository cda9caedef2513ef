//! JSON Lines archives: one article an object a line. Each article remembers its line's byte
//! range so the reader can fetch its text again without keeping every body in memory.

use std::{
    fs::File,
    io::{BufRead, BufReader, Read, Seek, SeekFrom},
    path::Path,
};

use jiff::civil::DateTime;
use serde::Deserialize;
use serde_json::Value;

use super::{
    ArticleMeta, Format, LoadEvent, LoadOptions, Origin, Skipped, content_id, date,
    sanitize::{sanitize, sanitize_line},
    text::{self, Parsed},
};

/// The fields dossier reads; anything else on the line is ignored. Values are loose
/// (`Value`) because real exports put numbers in `id` and lists in `author`.
#[derive(Deserialize)]
struct Line {
    id: Option<Value>,
    title: Option<Value>,
    text: Option<Value>,
    body: Option<Value>,
    content: Option<Value>,
    date: Option<Value>,
    // Other names archives give the publication date, tried after `date` in this order.
    published: Option<Value>,
    published_at: Option<Value>,
    publish_date: Option<Value>,
    #[serde(rename = "pubDate")]
    pub_date: Option<Value>,
    timestamp: Option<Value>,
    source: Option<Value>,
    url: Option<Value>,
    author: Option<Value>,
}

fn as_text(value: Option<&Value>) -> Option<String> {
    let text = match value? {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items
            .iter()
            .filter_map(|v| as_text(Some(v)))
            .collect::<Vec<_>>()
            .join(", "),
        _ => return None,
    };
    Some(text).filter(|t| !t.trim().is_empty())
}

struct Article {
    id: Option<String>,
    parsed: Parsed,
    published: Option<DateTime>,
}

/// The first date field that parses, with its text; else the first one present, unparsed.
fn pick_date(line: &Line) -> (Option<String>, Option<DateTime>) {
    let fields = [
        &line.date,
        &line.published,
        &line.published_at,
        &line.publish_date,
        &line.pub_date,
        &line.timestamp,
    ];
    let mut first = None;
    for text in fields.into_iter().filter_map(|v| as_text(v.as_ref())) {
        let text = sanitize_line(&text);
        if let Some(at) = date::parse(&text) {
            return (Some(text), Some(at));
        }
        first.get_or_insert(text);
    }
    (first, None)
}

fn parse_line(raw: &[u8]) -> Result<Article, String> {
    let line: Line = serde_json::from_str(&String::from_utf8_lossy(raw)).map_err(|e| format!("invalid JSON: {e}"))?;
    let body = as_text(line.text.as_ref())
        .or_else(|| as_text(line.body.as_ref()))
        .or_else(|| as_text(line.content.as_ref()));
    // A headline whose text is empty on purpose (`"text": ""`: a feed's title-and-link entry,
    // dumped) is still an article; a line with no text field at all is not one.
    let empty_text = matches!(&line.text, Some(Value::String(t)) if t.trim().is_empty());
    let body = match (body, as_text(line.title.as_ref())) {
        (Some(body), _) => body,
        (None, Some(_)) if empty_text => String::new(),
        _ => return Err("no text, body or content".into()),
    };
    let body = sanitize(body.as_bytes());
    let title = as_text(line.title.as_ref()).map(|t| sanitize_line(&t));
    let mut parsed = match title {
        Some(title) => Parsed {
            title,
            paras: text::paragraphs(&body),
            ..Parsed::default()
        },
        None => text::parse_text(&body),
    };
    parsed.title = sanitize_line(&parsed.title);
    let (date, published) = pick_date(&line);
    parsed.date = date;
    parsed.author = as_text(line.author.as_ref()).map(|s| sanitize_line(&s));
    parsed.source = as_text(line.source.as_ref()).map(|s| sanitize_line(&s));
    parsed.url = as_text(line.url.as_ref()).map(|s| sanitize_line(&s));
    Ok(Article {
        id: as_text(line.id.as_ref()),
        parsed,
        published,
    })
}

pub(super) fn load(path: &Path, opts: &LoadOptions, sink: &mut dyn FnMut(LoadEvent)) {
    let name = sanitize_line(&path.file_name().unwrap_or_default().to_string_lossy());
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return sink(LoadEvent::Skipped(Skipped {
                path: name,
                reason: e.to_string(),
            }));
        }
    };
    if let Ok(meta) = file.metadata() {
        sink(LoadEvent::Total {
            files: None,
            bytes: meta.len(),
        });
    }
    let mut reader = BufReader::with_capacity(1 << 20, file);
    read_lines(&mut reader, &name, opts, &mut InPlace { sink });
}

/// Where [`read_lines`] puts what it reads.
pub(super) trait Lines {
    /// Keep the line that starts at `offset` of the input; where it can be read again.
    fn keep(&mut self, line: &[u8], offset: u64) -> Result<Origin, String>;
    fn emit(&mut self, event: LoadEvent);
    /// Bytes of input read so far, for progress, when `offset` bytes of lines were.
    fn bytes_read(&self, offset: u64) -> u64 {
        offset
    }
}

/// Lines of a JSON Lines file are read again from the file itself.
struct InPlace<'a> {
    sink: &'a mut dyn FnMut(LoadEvent),
}

impl Lines for InPlace<'_> {
    fn keep(&mut self, line: &[u8], offset: u64) -> Result<Origin, String> {
        Ok(Origin::Jsonl {
            offset,
            len: line.len() as u64,
        })
    }

    fn emit(&mut self, event: LoadEvent) {
        (self.sink)(event);
    }
}

/// Read JSON Lines from `reader` (a file or a decoded stream) named `name` in skip reasons.
pub(super) fn read_lines(reader: &mut dyn BufRead, name: &str, opts: &LoadOptions, out: &mut dyn Lines) {
    let mut ids = Ids::default();
    let (mut offset, mut number) = (0u64, 0u64);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        number += 1;
        let read = match reader.take(opts.max_bytes + 1).read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(n) => n as u64,
            Err(e) => {
                out.emit(LoadEvent::Skipped(Skipped {
                    path: format!("{name}:{number}"),
                    reason: format!("the rest is unreadable: {e}"),
                }));
                break;
            }
        };
        let start = offset;
        offset += read;
        let at = format!("{name}:{number}");
        if read > opts.max_bytes && buf.last() != Some(&b'\n') {
            // A line too long to hold: skip to its end rather than load it.
            let rest = reader.skip_until(b'\n').unwrap_or(0) as u64;
            offset += rest;
            let reason = format!("line longer than {} bytes", opts.max_bytes);
            out.emit(LoadEvent::Skipped(Skipped { path: at, reason }));
            continue;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let article = parse_line(&buf).and_then(|a| out.keep(&buf, start).map(|origin| (a, origin)));
        match article {
            Ok((article, origin)) => {
                let base = article.id.map_or_else(
                    || content_id(&[&article.parsed.title, &article.parsed.body()]),
                    |id| sanitize_line(&id),
                );
                let id = ids.unique(base);
                let parsed = article.parsed;
                out.emit(LoadEvent::Article(Box::new(ArticleMeta {
                    content: parsed.content_hash(),
                    id,
                    words: u32::try_from(parsed.word_count()).unwrap_or(u32::MAX),
                    title: parsed.title,
                    path: at,
                    source: parsed.source,
                    url: parsed.url,
                    author: parsed.author,
                    date: parsed.date,
                    published: article.published,
                    truncated: false,
                    format: Format::Jsonl,
                    origin,
                })));
            }
            Err(reason) => out.emit(LoadEvent::Skipped(Skipped { path: at, reason })),
        }
        if number.is_multiple_of(1024) {
            out.emit(LoadEvent::Progress {
                files: number,
                bytes: out.bytes_read(offset),
            });
        }
    }
    out.emit(LoadEvent::Progress {
        files: number.saturating_sub(1),
        bytes: out.bytes_read(offset),
    });
}

/// Ids key saved state, so two articles with the same id must not share one: repeats get
/// `~2`, `~3`, … in the order they come.
#[derive(Default)]
pub(super) struct Ids {
    seen: rustc_hash::FxHashSet<String>,
    /// The next suffix to try per repeated id, so a thousand repeats of one id cost a thousand
    /// steps, not half a million (an export that gives every line the same id is common).
    next: rustc_hash::FxHashMap<String, u64>,
}

impl Ids {
    pub(super) fn unique(&mut self, base: String) -> String {
        if !self.seen.contains(&base) {
            self.seen.insert(base.clone());
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        // Some suffix is free: the set is finite. It can be taken when an id in the file
        // itself looks like a suffixed one (`a~2` before a second `a`).
        loop {
            let id = format!("{base}~{n}");
            *n += 1;
            if self.seen.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Read one article back from its line.
pub(super) fn read_line(path: &Path, offset: u64, len: u64) -> Result<Parsed, String> {
    let mut file = File::open(path).map_err(|e| e.to_string())?;
    file.seek(SeekFrom::Start(offset)).map_err(|e| e.to_string())?;
    let mut buf = Vec::new();
    file.take(len).read_to_end(&mut buf).map_err(|e| e.to_string())?;
    parse_line(&buf).map(|a| a.parsed)
}

/// Read many articles' lines in one sequential pass (offsets ascending), for passes over the
/// whole corpus: one open and no seeks, instead of one of each per article.
pub(super) struct LineReader {
    reader: BufReader<File>,
    position: u64,
    buf: Vec<u8>,
}

impl LineReader {
    pub(super) fn open(path: &Path) -> std::io::Result<Self> {
        Ok(Self {
            reader: BufReader::with_capacity(1 << 20, File::open(path)?),
            position: 0,
            buf: Vec::new(),
        })
    }

    pub(super) fn read(&mut self, offset: u64, len: u64) -> Result<Parsed, String> {
        if offset != self.position {
            // Skips forward (or back) without dropping the buffer when it can; offsets past
            // i64::MAX do not exist in a file.
            let to = |n: u64| i64::try_from(n).map_err(|e| e.to_string());
            self.reader
                .seek_relative(to(offset)? - to(self.position)?)
                .map_err(|e| e.to_string())?;
        }
        self.buf.clear();
        (&mut self.reader)
            .take(len)
            .read_to_end(&mut self.buf)
            .map_err(|e| e.to_string())?;
        self.position = offset + self.buf.len() as u64;
        parse_line(&self.buf).map(|a| a.parsed)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Ids;

    #[test]
    fn repeats_are_numbered_in_order_around_ids_that_look_numbered() {
        let mut ids = Ids::default();
        let got: Vec<String> = ["a", "a~2", "a", "b", "a", "b"]
            .into_iter()
            .map(|id| ids.unique(id.to_string()))
            .collect();
        assert_eq!(got, ["a", "a~2", "a~3", "b", "a~4", "b~2"]);
    }

    #[test]
    fn twenty_thousand_copies_of_one_id_stay_distinct() {
        let mut ids = Ids::default();
        let got: Vec<String> = (0..20_000).map(|_| ids.unique("same".into())).collect();
        assert_eq!(got[0], "same");
        assert_eq!(got[19_999], "same~20000");
        assert_eq!(got.iter().collect::<std::collections::HashSet<_>>().len(), 20_000);
    }

    proptest! {
        #[test]
        fn ids_are_unique_and_a_first_occurrence_keeps_its_own(bases in prop::collection::vec("[ab](~[23])?", 0..60)) {
            let mut ids = Ids::default();
            let got: Vec<String> = bases.iter().map(|b| ids.unique(b.clone())).collect();
            let distinct: std::collections::HashSet<&String> = got.iter().collect();
            prop_assert_eq!(distinct.len(), got.len());
            for (i, (base, id)) in bases.iter().zip(&got).enumerate() {
                prop_assert!(id.starts_with(base.as_str()));
                if !got[..i].contains(base) {
                    prop_assert_eq!(id, base);
                }
            }
        }
    }
}
