//! Generated news pages for the extractor's tests and benchmark: realistic layouts of
//! different sites (menus, cookie banners, share bars, highlight boxes, bylines and photo
//! credits before the story, ads, related lists, comments, footers, scripts, JSON-LD, Open
//! Graph) in several languages and charsets, each with what an editor would call its title,
//! its first sentence, and a phrase of boilerplate that must not reach the reader.

#![allow(dead_code)]
// A page generator that cannot encode its own strings should stop loudly; and one builder
// that writes a page top to bottom reads better whole than split.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

mod stories;

use std::fmt::Write as _;

use stories::{STORIES, Story};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Article,
    DivPost,
    BrRuns,
    Table,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Enc {
    Utf8,
    Win1252Meta,
    Latin1Equiv,
    ShiftJisMeta,
    Bom,
    /// windows-1251 with no declaration in the page: only the HTTP header tells.
    Http1251,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Byline {
    None,
    /// `<p>By …</p>` at the top of the body, no class to give it away.
    Plain(&'static str),
    /// `<div class="byline">` with a `rel=author` link.
    Classed(&'static str),
}

/// How one page is built.
pub struct Spec {
    pub name: &'static str,
    pub story: usize,
    pub site: &'static str,
    pub host: &'static str,
    /// `<title>`, with `{}` for the headline.
    pub title_tag: &'static str,
    /// `og:title`, with `{}` for the headline; empty for none.
    pub og_title: &'static str,
    pub ld: bool,
    pub layout: Layout,
    pub enc: Enc,
    pub byline: Byline,
    /// A dateline paragraph at the top of the story, as the page shows it.
    pub dateline: Option<&'static str>,
    /// Written before the first sentence ("LONDON (Reuters) - ").
    pub lead: &'static str,
    pub caption: Option<&'static str>,
    pub highlights: bool,
    pub absent: &'static str,
    pub author: Option<&'static str>,
    pub date: Option<&'static str>,
    pub canonical: bool,
}

pub struct Page {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub url: String,
    pub http_charset: Option<&'static str>,
    pub title: &'static str,
    pub opening: String,
    pub absent: &'static str,
    pub author: Option<&'static str>,
    pub date: Option<&'static str>,
    pub canonical: Option<String>,
    pub lang: &'static str,
}

/// The first sentence of `text`: up to the first full stop (Latin or CJK) that ends a sentence.
pub fn first_sentence(text: &str) -> &str {
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if matches!(c, '。' | '！' | '？') {
            return &text[..end];
        }
        if matches!(c, '.' | '!' | '?') && text[end..].starts_with(' ') {
            // "5.25 percent" and "mph." aside: a sentence ends before a capital.
            if text[end + 1..].starts_with(|n: char| n.is_uppercase() || !n.is_alphabetic()) {
                return &text[..end];
            }
        }
    }
    text
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Boilerplate shared by all pages; `pad` repeats the menus, scripts and comments to reach
/// a real page's size.
fn head_extras(pad: usize) -> String {
    let mut s = String::from("<style>");
    for i in 0..pad * 20 {
        let _ = write!(s, ".c{i}{{margin:0 {i}px;color:#333;font:14px/1.4 sans-serif}}");
    }
    s.push_str("</style><script>window.dataLayer=window.dataLayer||[];");
    for i in 0..pad * 10 {
        let _ = write!(
            s,
            "dataLayer.push({{event:'v{i}',html:'<p>not article text {i}</p>'}});"
        );
    }
    s.push_str("</script>");
    s
}

fn nav(pad: usize, site: &str) -> String {
    let mut s = format!(
        "<div id=\"cookie-banner\" class=\"cookie-consent\"><p>We use cookies to improve your experience. Accept all cookies to continue.</p><button>Accept all</button></div>\
         <header class=\"site-header\"><a class=\"logo\" href=\"/\">{site}</a><nav class=\"main-nav\"><ul>"
    );
    for i in 0..8 + pad * 10 {
        let _ = write!(s, "<li><a href=\"/section/{i}\">Section {i}</a></li>");
    }
    s.push_str("</ul></nav><form class=\"search\"><input name=q placeholder=Search></form></header>");
    s
}

fn related(pad: usize) -> String {
    let mut s = String::from("<section class=\"related-stories\"><h2>Related</h2><ul>");
    for i in 0..4 + pad {
        let _ = write!(
            s,
            "<li><a href=\"/story/{i}\">Another story everyone is reading number {i}</a></li>"
        );
    }
    s.push_str("</ul></section>");
    s
}

fn comments(pad: usize) -> String {
    let mut s = String::from("<section id=\"comments\" class=\"comments\"><h2>Comments</h2>");
    for i in 0..3 + pad * 6 {
        let _ = write!(
            s,
            "<div class=\"comment\"><p class=\"comment-author\">reader{i}</p><p>I completely disagree with this, the council should have listened to residents first. Comment number {i} of many, and it goes on for a while.</p></div>"
        );
    }
    s.push_str("</section>");
    s
}

fn footer(pad: usize, site: &str) -> String {
    let mut s = String::from("<footer class=\"site-footer\"><ul>");
    for i in 0..6 + pad * 4 {
        let _ = write!(s, "<li><a href=\"/about/{i}\">About us {i}</a></li>");
    }
    let _ = write!(
        s,
        "</ul><p>© 2025 {site}. All rights reserved.</p></footer><script>(function(){{var s=document.createElement('script');s.src='/ads.js';document.body.appendChild(s)}})();</script>"
    );
    s
}

fn body_paras(story: &Story, spec: &Spec) -> String {
    let mut s = String::new();
    for (i, p) in story.paras.iter().enumerate() {
        let text = if i == 0 {
            format!("{}{}", spec.lead, p)
        } else {
            (*p).to_string()
        };
        match spec.layout {
            Layout::BrRuns => {
                let _ = writeln!(s, "{}<br><br>", esc(&text));
            }
            _ => {
                let _ = writeln!(s, "<p>{}</p>", esc(&text));
            }
        }
        if i == 1 {
            s.push_str("<div class=\"ad-slot\"><span>Advertisement</span></div>");
            s.push_str(match story.lang {
                "de" => "<p>Anzeige</p>",
                "fr" => "<p>Lire aussi : Une autre histoire que tout le monde lit</p>",
                "es" => "<p>Te puede interesar: Otra historia que todos leen</p>",
                "ru" => "<p>Читайте также: Другая новость дня</p>",
                _ => "<p>ADVERTISEMENT</p>",
            });
        }
        if i == 2 && spec.layout != Layout::BrRuns {
            s.push_str("<p><strong>Read more:</strong> <a href=\"/x\">Another story everyone is reading</a></p>");
        }
    }
    s
}

fn top_of_story(spec: &Spec) -> String {
    let mut s = String::new();
    match spec.byline {
        Byline::None => {}
        Byline::Plain(b) => {
            let _ = write!(s, "<p>{}</p>", esc(b));
        }
        Byline::Classed(b) => {
            let _ = write!(
                s,
                "<div class=\"byline\">By <a rel=\"author\" href=\"/people/x\">{}</a></div>",
                esc(b)
            );
        }
    }
    if let Some(d) = spec.dateline {
        let _ = write!(s, "<p>{}</p>", esc(d));
    }
    if let Some(c) = spec.caption {
        let _ = write!(
            s,
            "<figure class=\"lead-image\"><img src=\"/a.jpg\" alt=\"\"><figcaption>{0}</figcaption></figure><p class=\"photo-credit\">{0}</p>",
            esc(c)
        );
    }
    if spec.highlights {
        s.push_str("<div class=\"story-highlights\"><h3>Story highlights</h3><ul><li>Officials say the damage is widespread</li><li>More updates expected later today</li></ul></div>");
        s.push_str("<h3>Key points</h3><ul><li>A short summary point one</li><li>A short summary point two</li></ul>");
    }
    s
}

pub fn build(spec: &Spec, pad: usize) -> Page {
    let story = &STORIES[spec.story];
    let url = format!("https://www.{}/news/2025/03/{}", spec.host, spec.name);
    let charset = match spec.enc {
        Enc::Utf8 | Enc::Bom => "<meta charset=\"utf-8\">",
        Enc::Win1252Meta => "<meta charset=\"windows-1252\">",
        Enc::Latin1Equiv => "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">",
        Enc::ShiftJisMeta => "<meta charset=\"Shift_JIS\">",
        Enc::Http1251 => "",
    };
    let dir = if story.lang == "ar" { " dir=\"rtl\"" } else { "" };
    let mut h = format!("<!DOCTYPE html>\n<html lang=\"{}\"{dir}><head>{charset}", story.lang);
    let _ = write!(h, "<title>{}</title>", esc(&spec.title_tag.replace("{}", story.title)));
    let _ = write!(
        h,
        "<meta name=\"viewport\" content=\"width=device-width\"><meta name=\"description\" content=\"{}\">",
        esc(story.standfirst)
    );
    if !spec.og_title.is_empty() {
        let _ = write!(
            h,
            "<meta property=\"og:title\" content=\"{}\"><meta property=\"og:site_name\" content=\"{}\"><meta property=\"og:type\" content=\"article\"><meta property=\"og:url\" content=\"{url}\">",
            esc(&spec.og_title.replace("{}", story.title)),
            esc(spec.site)
        );
    }
    if spec.canonical {
        let _ = write!(h, "<link rel=\"canonical\" href=\"/news/2025/03/{}\">", spec.name);
    }
    if spec.ld {
        let author = spec.author.map_or(String::new(), |a| {
            let names: Vec<String> = a
                .split(", ")
                .map(|n| {
                    format!(
                        "{{\"@type\":\"Person\",\"name\":{}}}",
                        serde_json::to_string(n).unwrap()
                    )
                })
                .collect();
            format!(",\"author\":[{}]", names.join(","))
        });
        let date = spec
            .date
            .map_or(String::new(), |d| format!(",\"datePublished\":\"{d}\""));
        let _ = write!(
            h,
            "<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":{}{author}{date},\"publisher\":{{\"@type\":\"Organization\",\"name\":{}}}}}</script>",
            serde_json::to_string(story.title).unwrap(),
            serde_json::to_string(spec.site).unwrap()
        );
    } else {
        if let Some(a) = spec.author {
            let _ = write!(h, "<meta name=\"author\" content=\"{}\">", esc(a));
        }
        if let Some(d) = spec.date {
            let _ = write!(h, "<meta property=\"article:published_time\" content=\"{d}\">");
        }
    }
    h.push_str(&head_extras(pad));
    h.push_str("</head><body>");
    h.push_str(&nav(pad, spec.site));
    let title_h = esc(story.title);
    let paras = body_paras(story, spec);
    let top = top_of_story(spec);
    let share = "<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on Twitter</a> <a href=\"#\">Email</a></div>";
    match spec.layout {
        Layout::Article => {
            let _ = write!(
                h,
                "<main id=\"main\"><article class=\"story\"><header class=\"story-header\"><p class=\"kicker\"><a href=\"/world\">World</a></p><h1>{title_h}</h1>{share}</header>{top}<div class=\"article-body\">{paras}</div>{share}{}</article></main>",
                related(pad)
            );
        }
        Layout::DivPost => {
            let _ = write!(
                h,
                "<div id=\"wrapper\"><div id=\"content\"><div class=\"post\"><h2 class=\"post-title\">{title_h}</h2>{top}<div class=\"entry\">{paras}</div>{share}</div></div><div id=\"sidebar\">{}</div></div>",
                related(pad)
            );
        }
        Layout::BrRuns => {
            let _ = write!(
                h,
                "<div id=\"content\"><h1>{title_h}</h1>{top}<div class=\"text\">{paras}</div>{share}</div>"
            );
        }
        Layout::Table => {
            let _ = write!(
                h,
                "<table width=\"100%\"><tr><td class=\"left\" width=\"180\"><a href=\"/\">Home</a><br><a href=\"/n\">News</a><br><a href=\"/s\">Sport</a></td><td class=\"main\"><h1>{title_h}</h1>{top}{paras}</td></tr></table>"
            );
        }
    }
    h.push_str(&comments(pad));
    h.push_str(&footer(pad, spec.site));
    h.push_str("</body></html>");
    let (bytes, http_charset) = match spec.enc {
        Enc::Utf8 => (h.into_bytes(), None),
        Enc::Bom => ([&[0xef, 0xbb, 0xbf][..], h.as_bytes()].concat(), None),
        Enc::Win1252Meta | Enc::Latin1Equiv => (encoding_rs::WINDOWS_1252.encode(&h).0.into_owned(), None),
        Enc::ShiftJisMeta => (encoding_rs::SHIFT_JIS.encode(&h).0.into_owned(), None),
        Enc::Http1251 => (
            encoding_rs::WINDOWS_1251.encode(&h).0.into_owned(),
            Some("windows-1251"),
        ),
    };
    let opening = format!("{}{}", spec.lead, first_sentence(story.paras[0]));
    Page {
        name: spec.name,
        bytes,
        canonical: spec.canonical.then(|| url.clone()),
        url,
        http_charset,
        title: story.title,
        opening,
        absent: spec.absent,
        author: spec.author,
        date: spec.date,
        lang: story.lang,
    }
}

pub mod crawl;
pub mod specs;

/// Every page, `pad` times the usual boilerplate (1 for tests; more for benchmark sizes).
pub fn pages(pad: usize) -> Vec<Page> {
    specs::SPECS.iter().map(|s| build(s, pad)).collect()
}
