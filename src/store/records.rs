//! The records of an archive as articles: a spreadsheet's rows, a feed's entries, a crawl's
//! pages. Each reader streams; what is not an article is counted and listed under `!`.

use std::{
    collections::BTreeMap,
    io::{BufRead, Read},
};

use super::{
    Format, LoadOptions,
    archive::{
        feed,
        table::{Delimiter, TableReader},
        warc::{self, Classified, WarcReader},
    },
    content_id, html,
    jsonl::Ids,
    sanitize::{sanitize, sanitize_line},
    sink::Out,
    text::{self, Parsed},
};

/// How often (in records) progress is reported.
const PROGRESS_EVERY: u64 = 256;

/// Body text as it came: HTML (some datasets keep the page's markup) or plain text.
fn body_blocks(body: &str) -> Vec<text::Block> {
    let head = body.trim_start();
    let markup = head.starts_with('<') && ["</p>", "<br", "</div>", "</li>"].iter().any(|t| body.contains(t));
    if markup {
        html::fragment_blocks(body)
    } else {
        text::paragraphs(&sanitize(body.as_bytes()))
    }
}

fn clean(field: Option<String>) -> Option<String> {
    field.map(|f| sanitize_line(&f)).filter(|f| !f.is_empty())
}

/// An article from its parts; the title from the body's first sentence when there is none.
fn article(title: Option<String>, paras: Vec<text::Block>) -> Parsed {
    let title = clean(title).unwrap_or_else(|| {
        let body: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        sanitize_line(&text::first_sentence_title(&body.join("\n")))
    });
    Parsed {
        title,
        paras,
        ..Parsed::default()
    }
}

/// CSV or TSV with a header row naming its columns.
pub(super) fn table(input: &mut dyn BufRead, name: &str, delimiter: u8, opts: &LoadOptions, out: &mut Out) {
    let delimiter = if delimiter == b'\t' {
        Delimiter::Tab
    } else {
        Delimiter::Comma
    };
    let max_field = usize::try_from(opts.max_bytes).unwrap_or(usize::MAX);
    let rows = match TableReader::new(input, delimiter, max_field) {
        Ok(rows) => rows,
        Err(reason) => return out.skip(name, reason),
    };
    let mut ids = Ids::default();
    for (n, row) in rows.enumerate() {
        match row {
            Ok(row) => {
                let at = format!("{name}:{}", row.row);
                let paras = body_blocks(&row.text);
                if paras.is_empty() {
                    out.skip(&at, "empty text");
                    continue;
                }
                let mut parsed = article(row.title, paras);
                parsed.date = clean(row.date);
                parsed.author = clean(row.author);
                parsed.url = clean(row.url);
                parsed.source = clean(row.source);
                // The row's own id, else its number: stable while rows are only appended.
                let id = ids.unique(clean(row.id).unwrap_or_else(|| format!("row-{}", row.row)));
                out.article(id, &at, parsed, row.truncated, Format::Table);
            }
            Err(e) => out.skip(&format!("{name}:{}", e.row), e.reason),
        }
        if (n as u64 + 1).is_multiple_of(PROGRESS_EVERY) {
            out.progress();
        }
    }
}

/// A feed's title is HTML in Atom (`type="html"`) and in many RSS feeds: `Budget &amp; taxes`.
fn feed_title(title: Option<String>) -> Option<String> {
    let title = title?;
    if !title.contains('&') && !title.contains('<') {
        return Some(title);
    }
    let words: Vec<String> = html::fragment_blocks(&title).into_iter().map(|b| b.text).collect();
    Some(if words.is_empty() { title } else { words.join(" ") })
}

/// An RSS, Atom or JSON Feed document: every entry an article, the feed's title its source.
pub(super) fn feed(input: &mut dyn BufRead, name: &str, opts: &LoadOptions, out: &mut Out) {
    let mut capped = Read::take(input, opts.max_bytes);
    let feed = match feed::parse_feed(&mut capped) {
        Ok(feed) => feed,
        Err(reason) => return out.skip(name, reason),
    };
    if capped.limit() == 0 {
        out.skip(
            name,
            format!("longer than {} bytes: entries past that were not read", opts.max_bytes),
        );
    }
    let source = clean(feed.title);
    let mut ids = Ids::default();
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let at = format!("{name}:{}", i + 1);
        let html = entry.content_html.or(entry.summary_html);
        let paras = html.as_deref().map(html::fragment_blocks).unwrap_or_default();
        if paras.is_empty() && entry.title.is_none() {
            out.skip(&at, "an entry with neither title nor text");
            continue;
        }
        // A headline feed (title and link only) is still worth listing: `o` opens the page.
        let mut parsed = article(feed_title(entry.title), paras);
        parsed.date = clean(entry.published.or(entry.updated));
        parsed.author = clean(Some(entry.authors.join(", ")));
        parsed.url = clean(entry.link);
        parsed.source.clone_from(&source);
        let base = clean(entry.guid)
            .or_else(|| parsed.url.clone())
            .unwrap_or_else(|| content_id(&[&parsed.title, parsed.date.as_deref().unwrap_or("")]));
        out.article(ids.unique(base), &at, parsed, false, Format::Feed);
    }
    if let Some(problem) = feed.problem {
        out.skip(name, problem);
    }
}

/// A WARC crawl, record by record: every HTML page fetched with status 200 is an article.
pub(super) fn crawl(input: &mut dyn BufRead, name: &str, opts: &LoadOptions, out: &mut Out) {
    let max_block = usize::try_from(opts.max_bytes).unwrap_or(usize::MAX);
    // Requests, redirects, images and the like are counted, not listed one by one: a crawl
    // has as many of them as pages.
    let mut skipped: BTreeMap<String, u64> = BTreeMap::new();
    let mut ids = Ids::default();
    for (n, record) in WarcReader::new(input, max_block).enumerate() {
        match record {
            Err(e) => out.skip(name, e.to_string()),
            Ok(record) => match warc::classify(&record) {
                Classified::Page {
                    url,
                    date,
                    charset,
                    html,
                    truncated,
                    ..
                } => match html::extract_with_charset(&html, Some(url), charset.as_deref()) {
                    Ok(mut parsed) => {
                        // The page's own date first, then when it was fetched.
                        if parsed.date.is_none() {
                            parsed.date = date.map(str::to_string);
                        }
                        let url = sanitize_line(url);
                        parsed.url = Some(url.clone());
                        out.article(ids.unique(url.clone()), &url, parsed, truncated, Format::Crawl);
                    }
                    Err(reason) => *skipped.entry(format!("pages with {reason}")).or_default() += 1,
                },
                Classified::Skip(skip) => *skipped.entry(skip.reason.to_string()).or_default() += 1,
            },
        }
        if (n as u64 + 1).is_multiple_of(PROGRESS_EVERY) {
            out.progress();
        }
    }
    for (reason, count) in skipped {
        out.skip(name, format!("{count} × {reason}"));
    }
}
