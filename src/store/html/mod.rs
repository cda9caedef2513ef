//! Web pages (saved `.html`, crawl records) to articles.
//!
//! The story is found by `dom_smoothie`, a port of Mozilla's readability.js (the reader view
//! of Firefox), which scores the page's blocks and keeps the main one. Its `text_content`
//! runs words together where elements meet and keeps bylines, captions and share bars at the
//! top, so its HTML `content` is walked here instead ([`walk`]), paragraph by paragraph, and
//! cleaned ([`clean`]). Title, author, date, address and site come from the page's own
//! metadata ([`meta`]), read before readability rewrites the tree.

mod charset;
mod clean;
mod depth;
mod meta;
mod walk;

use dom_query::Document;
use dom_smoothie::{Config, Readability};

use super::{
    sanitize::sanitize_line,
    text::{Block, ParaKind, Parsed, first_sentence_title},
};

/// Elements readability scores at most. A page past this (a 5 MB forum dump) is walked
/// without scoring: the scoring passes cost far more per element than the walk.
const MAX_ELEMENTS: usize = 60_000;
/// Deepest element nesting given to readability; real layouts stay under a hundred.
const MAX_DEPTH: usize = 256;
/// Fewer words than this is a teaser or an error page, not an article.
const MIN_WORDS: usize = 15;
/// The story readability must find before it gives up on a page (its default is 500).
const CHAR_THRESHOLD: usize = 140;
/// CJK text has no spaces: this many characters count as enough instead.
const MIN_CHARS: usize = 60;

/// A whole page to an article; `url` is where it was fetched from, when known.
pub fn extract(bytes: &[u8], url: Option<&str>) -> Result<Parsed, String> {
    extract_with_charset(bytes, url, None)
}

/// [`extract`] with the charset of the HTTP `Content-Type` header, which wins over the
/// page's `<meta charset>` (a byte order mark wins over both).
pub fn extract_with_charset(bytes: &[u8], url: Option<&str>, http_charset: Option<&str>) -> Result<Parsed, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty page".into());
    }
    let html = charset::decode(bytes, http_charset);
    let html = depth::flatten(&html);
    let doc = Document::from(html.as_ref());
    let page = meta::read(&doc);
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let (walked, byline, published, site) = find_story(doc, &html, url);
    // A page of links (an index, a menu) is not an article, however long.
    if walked.link_chars * 2 > walked.chars {
        return Err("no article text found".into());
    }

    let host = url
        .and_then(meta::host)
        .or_else(|| page.canonical.as_deref().and_then(meta::host));
    let mut sites = page.site_names.clone();
    sites.extend(site);
    let title = choose_title(&page, &sites, host);

    let (paras, found) = clean::tidy(walked.blocks, &title, true);
    let words: usize = paras
        .iter()
        .filter(|b| b.kind == ParaKind::Text)
        .map(|b| b.text.split_whitespace().count())
        .sum();
    let chars: usize = paras
        .iter()
        .filter(|b| b.kind == ParaKind::Text)
        .map(|b| b.text.chars().count())
        .sum();
    if words < MIN_WORDS && chars < MIN_CHARS {
        return Err("no article text found".into());
    }
    let title = if title.is_empty() {
        paras
            .iter()
            .find(|b| b.kind == ParaKind::Text)
            .map(|b| first_sentence_title(&b.text))
            .unwrap_or_default()
    } else {
        title
    };

    let clean = |s: String| Some(sanitize_line(&s)).filter(|s| !s.is_empty());
    let strip_by = |s: String| {
        let lower = s.to_lowercase();
        if lower.starts_with("by ") {
            s[3..].to_string()
        } else {
            s
        }
    };
    let author = page
        .author
        .clone()
        .or_else(|| byline.map(strip_by))
        .or_else(|| walked.bylines.first().cloned().map(strip_by))
        .or(found.byline)
        .and_then(clean);
    let date = page
        .date
        .clone()
        .or(published)
        .or_else(|| walked.times.first().cloned())
        .or(found.dateline)
        .and_then(clean);
    let url_out = page
        .canonical
        .as_deref()
        .and_then(|c| meta::resolve(c, url))
        .or_else(|| page.og_url.as_deref().and_then(|o| meta::resolve(o, url)))
        .or_else(|| url.map(str::to_string))
        .and_then(clean);
    let source = sites
        .first()
        .cloned()
        .or_else(|| host.map(str::to_string))
        .and_then(clean);
    Ok(Parsed {
        title: sanitize_line(&title),
        paras,
        date,
        author,
        source,
        url: url_out,
    })
}

/// The story's paragraphs, with readability's byline, date and site name when it ran.
fn find_story(doc: Document, html: &str, url: Option<&str>) -> Story {
    let config = Config {
        // Class names are how the walk recognises share bars and captions.
        keep_classes: true,
        // JSON-LD is read by `meta`, which also takes authors given as plain strings.
        disable_json_ld: true,
        max_elements_to_parse: MAX_ELEMENTS,
        // readability.js wants 500 characters of story; a short story in Chinese or Japanese
        // (a character a word) is a few hundred, and the whole-page fallback then drowns it in
        // menus. Pages of links are still refused below, by link density and length.
        char_threshold: CHAR_THRESHOLD,
        ..Config::default()
    };
    // Readability's scoring measures the text under every element, which is quadratic in the
    // nesting depth: a page nested past any real layout, or too large to score, is walked
    // without it (counted here so the page need not be parsed twice).
    let article = if walk::too_big(doc.root(), MAX_DEPTH, MAX_ELEMENTS) {
        Err(doc)
    } else {
        Readability::with_document(doc, url, Some(config))
            .and_then(|mut r| r.parse())
            .map_err(|_| Document::from(html))
    };
    match article {
        Ok(a) => {
            let content = Document::fragment(a.content.as_ref());
            (walk::walk(content.root()), a.byline, a.published_time, a.site_name)
        }
        // No block scored as an article (or too many or too deep to score): the whole body,
        // cleaned the same way, decides whether there is a story at all.
        Err(doc) => (doc.body().map(walk::walk).unwrap_or_default(), None, None, None),
    }
}

/// Walked paragraphs, byline, published time, site name.
type Story = (walk::Walked, Option<String>, Option<String>, Option<String>);

/// The headline in order of trust: JSON-LD and Open Graph (both with any site name cut), the
/// article's `<h1>`, then `<title>` with the site name cut.
fn choose_title(page: &meta::PageMeta, sites: &[String], host: Option<&str>) -> String {
    let cut = |t: &String| meta::cut_site(&sanitize_line(t), sites, host);
    [&page.ld_headline, &page.og_title]
        .into_iter()
        .flatten()
        .map(cut)
        .chain(page.h1.iter().map(|h| sanitize_line(h)))
        .chain(page.title_tag.iter().map(cut))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

/// An HTML fragment (a feed entry's `content:encoded`) to paragraphs: the same walk and
/// cleanup as a page's story, without the readability pass (the feed already chose the text).
pub fn fragment_blocks(html: &str) -> Vec<Block> {
    let doc = Document::fragment(html);
    let walked = walk::walk(doc.root());
    clean::tidy(walked.blocks, "", false).0
}
