//! What a page says about itself: JSON-LD, Open Graph and other `<meta>` tags, the canonical
//! link, `<title>` and the article's `<h1>`. Read from the parsed page before the readability
//! pass, which rewrites the tree.

use dom_query::Document;
use serde_json::Value;

/// The page's own metadata, each field as found (not yet sanitised).
#[derive(Debug, Default)]
pub struct PageMeta {
    pub ld_headline: Option<String>,
    pub og_title: Option<String>,
    pub h1: Option<String>,
    pub title_tag: Option<String>,
    pub site_names: Vec<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub canonical: Option<String>,
    pub og_url: Option<String>,
}

/// JSON-LD types that describe an article (schema.org's `Article` and its subtypes).
const ARTICLE_TYPES: &[&str] = &["Article", "BlogPosting", "Report", "LiveBlogPosting", "WebPage"];

pub fn read(doc: &Document) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut ld_site = None;
    for script in doc.select(r#"script[type="application/ld+json"]"#).nodes() {
        let text = script.text();
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let Some(article) = find_article(&value, 0) else {
            continue;
        };
        let get = |k: &str| article.get(k).and_then(Value::as_str).map(str::to_string);
        meta.ld_headline = meta
            .ld_headline
            .take()
            .or_else(|| get("headline"))
            .or_else(|| get("name"));
        meta.date = meta.date.take().or_else(|| get("datePublished"));
        meta.author = meta.author.take().or_else(|| article.get("author").and_then(names));
        ld_site = ld_site.or_else(|| article.get("publisher").and_then(names));
        meta.og_url = meta.og_url.take().or_else(|| get("url"));
        if meta.ld_headline.is_some() {
            break;
        }
    }
    // JSON-LD's url is often the publisher's, so only og:url and canonical (below) are trusted.
    meta.og_url = None;
    let (mut og_site, mut og_published, mut meta_author, mut article_author, mut meta_date) =
        (None, None, None, None, None);
    for node in doc.select("meta[content]").nodes() {
        let Some(content) = node.attr("content").map(|c| c.trim().to_string()) else {
            continue;
        };
        if content.is_empty() {
            continue;
        }
        let key = node
            .attr("property")
            .or_else(|| node.attr("name"))
            .or_else(|| node.attr("itemprop"))
            .map(|k| k.to_ascii_lowercase());
        let Some(key) = key else { continue };
        let slot = match key.as_str() {
            "og:title" => &mut meta.og_title,
            "og:site_name" => &mut og_site,
            "og:url" => &mut meta.og_url,
            "article:published_time" | "datepublished" => &mut og_published,
            "author" => &mut meta_author,
            "article:author" => &mut article_author,
            "date" | "pubdate" | "publishdate" | "dc.date" | "dc.date.issued" | "dcterms.date" => &mut meta_date,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(content);
        }
    }
    let is_name = |s: &String| !s.contains("://") && !s.starts_with('/') && !s.starts_with("www.");
    meta.author = meta
        .author
        .take()
        .or_else(|| meta_author.filter(is_name))
        .or_else(|| article_author.filter(is_name));
    let time = doc
        .select("article time[datetime], main time[datetime], time[datetime]")
        .nodes()
        .first()
        .and_then(|n| n.attr("datetime"))
        .map(|d| d.to_string());
    meta.date = meta.date.take().or(og_published).or(time).or(meta_date);
    meta.site_names.extend(og_site.into_iter().chain(ld_site));
    meta.canonical = doc
        .select(r#"link[rel="canonical"]"#)
        .nodes()
        .first()
        .and_then(|n| n.attr("href"))
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty());
    meta.title_tag = doc.select("head title").nodes().first().map(|n| n.text().to_string());
    let h1 = doc.select("article h1, main h1");
    let h1 = if h1.exists() { h1 } else { doc.select("h1") };
    meta.h1 = h1.nodes().first().map(|n| n.text().to_string());
    meta
}

/// The article object in a JSON-LD value: itself, an element of an array, or of `@graph`.
/// Depth-limited: a hostile page can nest arrays as deep as it likes.
fn find_article(value: &Value, depth: usize) -> Option<&Value> {
    if depth > 4 {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|v| find_article(v, depth + 1)),
        Value::Object(map) => {
            let typed = |t: &str| ARTICLE_TYPES.iter().any(|a| t.contains(a));
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => typed(t),
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(typed),
                _ => false,
            };
            if is_article
                && (map.contains_key("headline") || map.contains_key("articleBody") || !map.contains_key("@graph"))
            {
                return Some(value);
            }
            map.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

/// Names from a JSON-LD person or organisation: a string, `{"name": ..}`, or an array of them.
fn names(value: &Value) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Object(m) => m.get("name").and_then(Value::as_str).map(|s| s.trim().to_string()),
        _ => None,
    };
    let list: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        v => one(v).into_iter().collect(),
    };
    let list: Vec<String> = list
        .into_iter()
        .filter(|s| !s.is_empty() && !s.contains("://"))
        .collect();
    (!list.is_empty()).then(|| list.join(", "))
}

/// The host of an absolute URL, without `www.`: `https://www.example.co.uk/x` → `example.co.uk`.
pub fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// `href` resolved against `base` for the two forms canonical links take: absolute, and
/// root-relative (`/news/x`). Anything else is not trusted as the article's address.
pub fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_string());
    }
    let base = base?;
    if let Some(rest) = href.strip_prefix("//") {
        let scheme = base.split_once("://")?.0;
        return Some(format!("{scheme}://{rest}"));
    }
    if href.starts_with('/') {
        let (scheme, rest) = base.split_once("://")?;
        let authority = rest.split(['/', '?', '#']).next()?;
        return Some(format!("{scheme}://{authority}{href}"));
    }
    None
}

/// Words of a title, lower-cased, for comparing: punctuation and spacing aside.
pub fn norm(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Separators between a headline and a site name in `<title>` and `og:title`.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " · ", " :: ", " « ", " » ", " // "];

/// `title` without a site-name suffix (" | Site") or prefix ("Site: "), when the cut part
/// names the site (a known site name or the host). A bare " | " suffix is cut even with no
/// site known: headlines do not use pipes, titles of pages do.
pub fn cut_site(title: &str, sites: &[String], host: Option<&str>) -> String {
    let title = title.trim();
    let names_site = |part: &str| {
        let p = norm(part);
        if p.is_empty() {
            return false;
        }
        let squashed: String = p.chars().filter(|c| !c.is_whitespace()).collect();
        sites.iter().any(|s| {
            let s = norm(s);
            !s.is_empty() && (s == p || s.contains(&p) || p.contains(&s))
        }) || host.is_some_and(|h| {
            let label = h.split('.').next().unwrap_or(h);
            let h = h.to_lowercase();
            // Short hosts ("ft", "bbc") only count whole, not as parts of words.
            squashed == label
                || (label.len() >= 4 && squashed.contains(label))
                || (squashed.len() >= 3 && h.contains(&squashed))
        })
    };
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && !head.trim().is_empty()
            && (names_site(tail) || (*sep == " | " && tail.split_whitespace().count() <= 4))
        {
            // A site may add a section too ("Headline | World | Site"): cut again.
            return cut_site(head, sites, host);
        }
        if let Some((head, tail)) = title.split_once(sep)
            && !tail.trim().is_empty()
            && names_site(head)
        {
            return tail.trim().to_string();
        }
    }
    if let Some((head, tail)) = title.split_once(": ")
        && !tail.trim().is_empty()
        && names_site(head)
    {
        return tail.trim().to_string();
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes_and_prefixes_are_cut() {
        let sites = vec!["The Daily Planet".to_string()];
        assert_eq!(
            cut_site("Storm hits coast | The Daily Planet", &sites, None),
            "Storm hits coast"
        );
        assert_eq!(
            cut_site("Storm hits coast - World - The Daily Planet", &sites, None),
            "Storm hits coast - World"
        );
        assert_eq!(
            cut_site("Daily Planet: Storm hits coast", &sites, None),
            "Storm hits coast"
        );
        assert_eq!(
            cut_site("Storm hits coast — Planet", &[], Some("planet.com")),
            "Storm hits coast"
        );
        assert_eq!(
            cut_site("Trump - the interview", &[], Some("example.com")),
            "Trump - the interview"
        );
        assert_eq!(host("https://www.example.co.uk:8080/a?b"), Some("example.co.uk"));
        assert_eq!(
            resolve("/a/b", Some("https://x.org/c/d")).as_deref(),
            Some("https://x.org/a/b")
        );
    }
}
