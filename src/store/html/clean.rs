//! Paragraph-level cleanup after the DOM walk: what no class name gave away. Bylines and
//! datelines at the top of the story (kept aside as author and date), photo credits,
//! "Advertisement" and "Read more" lines, highlight boxes and related-story lists.

use super::{meta::norm, walk::Raw};
use crate::store::text::{Block, ParaKind};

/// What cleaning found besides the paragraphs.
#[derive(Debug, Default)]
pub struct Found {
    pub byline: Option<String>,
    pub dateline: Option<String>,
}

/// Lines that are a widget's label, compared by [`norm`].
const BOILERPLATE: &[&str] = &[
    "advertisement",
    "advertising",
    "ad",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "реклама",
    "广告",
    "広告",
    "إعلان",
    "sponsored",
    "skip to content",
    "share",
    "share this article",
    "share this",
    "tweet",
    "email",
    "copy link",
    "comments",
    "continue reading",
    "listen to this article",
    "sign up",
    "subscribe",
    "weiterlesen",
    "lire la suite",
    "leer más",
    "cookies",
    "accept",
    "accept all",
    "follow us",
];

/// Headings of boxes whose list items (or linked lines) are not the story.
const BOX_HEADS: &[&str] = &[
    "story highlights",
    "highlights",
    "key points",
    "das wichtigste in kürze",
    "l essentiel",
    "lo más importante",
    "claves",
    "главное",
    "要点",
    "ポイント",
    "أبرز النقاط",
    "related",
    "related articles",
    "related stories",
    "related content",
    "more on this story",
    "read more",
    "you may also like",
    "most read",
    "most popular",
    "recommended",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "lire aussi",
    "à lire aussi",
    "sur le même sujet",
    "te puede interesar",
    "lea también",
    "noticias relacionadas",
    "читайте также",
    "по теме",
    "関連記事",
    "相关阅读",
    "相关新闻",
    "اقرأ أيضا",
    "مواضيع ذات صلة",
];

/// Lines that start like a pointer to another story, or a call to sign up.
const POINTER_PREFIXES: &[&str] = &[
    "read more:",
    "read more ",
    "related:",
    "see also:",
    "also read:",
    "more:",
    "lesen sie auch:",
    "mehr zum thema:",
    "lire aussi :",
    "lire aussi:",
    "à lire aussi :",
    "à lire aussi:",
    "lea también:",
    "leer más:",
    "te puede interesar:",
    "читайте также:",
    "اقرأ أيضا:",
    "関連記事:",
    "相关阅读:",
    "sign up for",
    "subscribe to",
    "follow us on",
    "click here",
];

/// How photo credits and captions start.
const CREDIT_PREFIXES: &[&str] = &[
    "photo:",
    "photo by",
    "photos:",
    "photograph:",
    "image:",
    "picture:",
    "foto:",
    "bild:",
    "credit:",
    "image source",
    "crédit photo",
    "фото:",
    "صورة:",
    "写真:",
    "图片:",
];

/// How photo credits end.
const CREDIT_SUFFIXES: &[&str] = &[
    "getty images",
    "(reuters)",
    "(ap)",
    "(afp)",
    "(ap photo)",
    "/ reuters",
    "/ afp",
    "/ ap",
    "/ dpa",
    "/ epa",
    "ap photo",
    "/ shutterstock",
    "via getty images",
    "/ picture alliance",
    "(dpa)",
    "(epa)",
    "/ efe",
    "(efe)",
];

/// How bylines start, with the word that introduces the name.
const BYLINE_PREFIXES: &[&str] = &[
    "by ",
    "von ",
    "par ",
    "por ",
    "от ",
    "автор: ",
    "автор ",
    "بقلم ",
    "text: ",
    "texto: ",
];

/// How dateline-only lines start.
const DATE_PREFIXES: &[&str] = &[
    "published",
    "updated",
    "last updated",
    "posted",
    "veröffentlicht",
    "aktualisiert",
    "stand:",
    "publié",
    "mis à jour",
    "publicado",
    "actualizado",
    "опубликовано",
    "обновлено",
    "نشر",
    "更新",
    "公開",
];

const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// Longest line taken for a byline or a dateline, in words.
const META_LINE_MAX_WORDS: usize = 14;

/// Clean the walked paragraphs; `title` is the article's, so a heading repeating it goes.
/// `page` is false for a feed's fragment, which has no kicker labels above its story.
pub fn tidy(raw: Vec<Raw>, title: &str, page: bool) -> (Vec<Block>, Found) {
    let mut found = Found::default();
    let mut out = Vec::with_capacity(raw.len());
    let title = norm(title);
    // Until the first real paragraph: where bylines, datelines and kickers sit.
    let mut top = true;
    // Inside a highlights or related box: its items and linked lines go.
    let mut in_box = false;
    for Raw { block, linked } in raw {
        let lower = block.text.to_lowercase();
        let n = norm(&block.text);
        let words = block.text.split_whitespace().count();
        if BOX_HEADS.contains(&n.as_str()) && (block.kind == ParaKind::Heading || words <= 6) {
            in_box = true;
            continue;
        }
        if in_box && (block.list_item || linked) {
            continue;
        }
        in_box = false;
        if BOILERPLATE.contains(&n.as_str())
            || (linked && words <= 20)
            || starts_any(&lower, POINTER_PREFIXES) && words <= 30
            || is_credit(&lower, words)
        {
            continue;
        }
        if top {
            if block.kind == ParaKind::Heading && !title.is_empty() && n == title {
                continue;
            }
            if let Some(name) = byline(&block.text, &lower, words) {
                found.byline.get_or_insert(name);
                continue;
            }
            if is_dateline(&block.text, &lower, words) {
                found.dateline.get_or_insert_with(|| strip_date_prefix(&block.text));
                continue;
            }
            // A kicker or section label ("World", "Analysis") above the story.
            if page && block.kind == ParaKind::Text && !block.list_item && words <= 4 && !ends_sentence(&block.text) {
                continue;
            }
            if block.kind == ParaKind::Text && (words >= 20 || (ends_sentence(&block.text) && is_long(&block.text))) {
                top = false;
            }
        }
        out.push(block);
    }
    (out, found)
}

fn starts_any(lower: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| lower.starts_with(p))
}

fn is_credit(lower: &str, words: usize) -> bool {
    words <= 25
        && (starts_any(lower, CREDIT_PREFIXES)
            || CREDIT_SUFFIXES
                .iter()
                .any(|s| lower.trim_end_matches(['.', ' ']).ends_with(s))
            || [
                "©",
                "getty images",
                "(ap photo",
                "/ afp",
                "/reuters",
                "(image:",
                "(photo:",
            ]
            .iter()
            .any(|s| lower.contains(s)))
}

/// "By Jane Doe" / "By Jane Doe and John Roe, Reuters" → the names.
fn byline(text: &str, lower: &str, words: usize) -> Option<String> {
    if words > META_LINE_MAX_WORDS || ends_sentence(text) && !text.ends_with(['.']) {
        return None;
    }
    let prefix = BYLINE_PREFIXES.iter().find(|p| lower.starts_with(*p))?;
    let name = text[prefix.len().min(text.len())..].trim();
    // Bylines often carry the date too: "By Jane Doe | March 3, 2025" or "… , updated 4pm".
    let name = name
        .split(['|', '·', '•', '—'])
        .next()
        .unwrap_or(name)
        .trim()
        .trim_end_matches([',', '.']);
    // A name begins with a capital: "by the end of the year" is prose.
    let first = name.chars().next()?;
    (first.is_uppercase() || !first.is_alphabetic())
        .then(|| name.to_string())
        .filter(|n| !n.is_empty())
}

fn is_dateline(text: &str, lower: &str, words: usize) -> bool {
    if words > META_LINE_MAX_WORDS || !text.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if starts_any(lower, DATE_PREFIXES) || lower.ends_with(" ago") {
        return true;
    }
    if text.contains('年') && text.contains('月') {
        return true;
    }
    let digits_only = text
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || "-/.:,+TZ".contains(c));
    let has_month = lower.split(|c: char| !c.is_alphabetic()).any(|w| {
        MONTHS
            .iter()
            .any(|m| w == *m || (m.len() == 3 && w.len() > 3 && w.starts_with(m)))
    });
    digits_only || (has_month && !ends_sentence(text))
}

fn strip_date_prefix(text: &str) -> String {
    let lower = text.to_lowercase();
    for p in DATE_PREFIXES {
        if lower.starts_with(p) && text.is_char_boundary(p.len()) {
            let rest = text[p.len()..].trim_start_matches([':', ' ']);
            // "Posted on …", "Publié le …", "Veröffentlicht am …": the date follows.
            let rest = ["on ", "le ", "am ", "el ", "at "]
                .iter()
                .find_map(|w| rest.strip_prefix(w))
                .unwrap_or(rest);
            return rest.trim().to_string();
        }
    }
    text.to_string()
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '”', '’', '»', ')', '\''])
        .ends_with(['.', '!', '?', '。', '！', '？', '…', '؟'])
}

/// Long enough to be a paragraph in scripts without spaces between words (CJK).
fn is_long(text: &str) -> bool {
    text.split_whitespace().count() >= 8 || text.chars().count() >= 40
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_and_datelines() {
        assert_eq!(
            byline(
                "By Jane Doe and John Roe, Reuters",
                "by jane doe and john roe, reuters",
                8
            )
            .as_deref(),
            Some("Jane Doe and John Roe, Reuters")
        );
        assert_eq!(
            byline("By Jane Doe | March 3, 2025", "by jane doe | march 3, 2025", 7).as_deref(),
            Some("Jane Doe")
        );
        assert!(byline("by the end of the year", "by the end of the year", 6).is_none());
        assert!(is_dateline("March 3, 2025", "march 3, 2025", 3));
        assert!(is_dateline(
            "Updated 14:05 GMT, 3 March 2025",
            "updated 14:05 gmt, 3 march 2025",
            5
        ));
        assert!(is_dateline("2025年3月3日 14:05", "2025年3月3日 14:05", 2));
        assert!(!is_dateline(
            "In March 2025, the council voted to close the bridge.",
            "in march 2025, the council voted to close the bridge.",
            10
        ));
    }
}
