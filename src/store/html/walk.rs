//! A DOM subtree to paragraphs. Block-level elements and `<br>` end a paragraph, so words of
//! neighbouring elements never run together; whitespace inside a paragraph collapses to one
//! space; markup that is never article text (scripts, figures, forms, share bars, comment
//! threads) is skipped whole.
//!
//! The walk keeps its own stack instead of recursing, so a page nested ten thousand levels
//! deep costs memory in proportion, not the thread's stack.

use dom_query::NodeRef;

use crate::store::{sanitize::sanitize_line, text::Block, text::ParaKind};

/// A paragraph with what the cleaner needs to judge it.
#[derive(Debug)]
pub struct Raw {
    pub block: Block,
    /// Nearly all of its text is link text: a menu entry or a "related" teaser, not prose.
    pub linked: bool,
}

#[derive(Debug, Default)]
pub struct Walked {
    pub blocks: Vec<Raw>,
    /// Text of byline elements (`class="byline"`, `rel="author"`), which were left out.
    pub bylines: Vec<String>,
    /// `datetime` of `<time>` elements, in document order.
    pub times: Vec<String>,
    pub chars: usize,
    pub link_chars: usize,
}

/// Elements whose content is never article text.
const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "picture",
    "img",
    "figure",
    "figcaption",
    "button",
    "select",
    "input",
    "textarea",
    "form",
    "nav",
    "aside",
    "footer",
    "label",
    "dialog",
    "head",
    "title",
    "meta",
    "link",
    "menu",
    "source",
];

/// Elements that start and end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "caption",
    "address",
    "hr",
    "center",
    "details",
    "summary",
    "fieldset",
    "body",
    "html",
    "hgroup",
];

/// Words in a class or id that mark a widget, not the story.
const WIDGET_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "comment",
    "comments",
    "newsletter",
    "related",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "adslot",
    "sponsor",
    "sponsored",
    "caption",
    "credit",
    "credits",
    "highlights",
    "keypoints",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "subscribe",
    "signup",
    "breadcrumb",
    "breadcrumbs",
    "tags",
    "toolbar",
    "paywall",
    "recommended",
    "recirculation",
    "outbrain",
    "taboola",
    "popup",
    "modal",
    "banner",
    "morestories",
    "readmore",
    "disqus",
    "print",
    "tools",
    "masthead",
];

/// Words in a class or id that mark a byline (kept aside as the author).
const BYLINE_WORDS: &[&str] = &["byline", "author", "authors", "autor", "auteur", "writer"];

/// Longest byline element taken for a name rather than walked as text.
const BYLINE_MAX_CHARS: usize = 160;

enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave(Undo),
}

/// What leaving an element undoes.
// One flag per effect an element can have, set together on entry and undone together on
// exit; an enum of combinations would be longer and no safer.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Copy)]
struct Undo {
    block: bool,
    heading: bool,
    item: bool,
    list: bool,
    link: bool,
    pre: bool,
    cell: bool,
}

#[derive(Default)]
struct Walker {
    out: Walked,
    buf: String,
    space: bool,
    heading: u32,
    items: u32,
    pre: u32,
    links: u32,
    /// Open lists: `None` for `<ul>`, the count so far for `<ol>`.
    lists: Vec<Option<u32>>,
    marker: Option<String>,
    block_chars: usize,
    block_link_chars: usize,
}

/// Walk `root`'s subtree into paragraphs.
pub fn walk(root: NodeRef<'_>) -> Walked {
    let mut w = Walker::default();
    let mut stack = vec![Step::Enter(root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(undo) => w.leave(undo),
            Step::Enter(node) => {
                if node.is_text() {
                    w.text(&node.text());
                    continue;
                }
                if !(node.is_element() || node.is_document() || node.is_fragment()) {
                    continue;
                }
                let Some(undo) = w.enter(&node) else { continue };
                stack.push(Step::Leave(undo));
                let mark = stack.len();
                let mut child = node.first_child();
                while let Some(c) = child {
                    child = c.next_sibling();
                    stack.push(Step::Enter(c));
                }
                stack[mark..].reverse();
            }
        }
    }
    w.flush();
    w.out
}

/// Whether `root` holds more than `max_elements` elements or nests one more than
/// `max_depth` deep, found without recursion.
pub fn too_big(root: NodeRef<'_>, max_depth: usize, max_elements: usize) -> bool {
    let mut stack = vec![(root, 0)];
    let mut elements = 0;
    while let Some((node, depth)) = stack.pop() {
        elements += 1;
        if depth > max_depth || elements > max_elements {
            return true;
        }
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            if c.is_element() {
                stack.push((c, depth + 1));
            }
        }
    }
    false
}

impl Walker {
    /// Start an element; `None` when its subtree is skipped.
    fn enter(&mut self, node: &NodeRef<'_>) -> Option<Undo> {
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        let name = name.as_str();
        if name == "time"
            && let Some(dt) = node.attr("datetime")
        {
            self.out.times.push(dt.to_string());
        }
        if name == "br" {
            self.flush();
            return None;
        }
        if SKIP_TAGS.contains(&name) || hidden(node) {
            return None;
        }
        let (widget, byline) = classify(node);
        if byline {
            let text = sanitize_line(&node.text());
            if text.chars().count() <= BYLINE_MAX_CHARS {
                if !text.is_empty() {
                    self.out.bylines.push(text);
                }
                return None;
            }
        }
        if widget {
            return None;
        }
        let undo = Undo {
            block: BLOCK_TAGS.contains(&name),
            heading: matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"),
            item: name == "li",
            list: matches!(name, "ul" | "ol"),
            link: name == "a",
            pre: name == "pre",
            cell: matches!(name, "td" | "th"),
        };
        if undo.block {
            self.flush();
        }
        if undo.cell {
            self.space = true;
        }
        self.heading += u32::from(undo.heading);
        self.pre += u32::from(undo.pre);
        self.links += u32::from(undo.link);
        if undo.list {
            self.lists.push((name == "ol").then_some(0));
        }
        if undo.item {
            self.items += 1;
            self.marker = Some(match self.lists.last_mut() {
                Some(Some(n)) => {
                    *n += 1;
                    format!("{n}. ")
                }
                _ => "- ".to_string(),
            });
        }
        Some(undo)
    }

    fn leave(&mut self, undo: Undo) {
        if undo.block {
            self.flush();
        }
        if undo.cell {
            self.space = true;
        }
        self.heading -= u32::from(undo.heading);
        self.pre -= u32::from(undo.pre);
        self.links -= u32::from(undo.link);
        if undo.list {
            self.lists.pop();
        }
        if undo.item {
            self.items -= 1;
            self.marker = None;
        }
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if self.pre > 0 && c == '\n' {
                self.flush();
            } else if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.buf.is_empty() {
                    self.buf.push(' ');
                }
                self.space = false;
                self.buf.push(c);
                self.block_chars += 1;
                if self.links > 0 {
                    self.block_link_chars += 1;
                }
            }
        }
    }

    fn flush(&mut self) {
        self.space = false;
        if self.buf.is_empty() {
            return;
        }
        let text = sanitize_line(&self.buf);
        self.buf.clear();
        let (chars, link_chars) = (self.block_chars, self.block_link_chars);
        self.block_chars = 0;
        self.block_link_chars = 0;
        if text.is_empty() {
            return;
        }
        self.out.chars += chars;
        self.out.link_chars += link_chars;
        let block = if self.heading > 0 {
            Block::new(ParaKind::Heading, text)
        } else if self.items > 0 {
            match self.marker.take() {
                Some(marker) => Block::item(format!("{marker}{text}")),
                // A second paragraph inside one item: prose, not another bullet.
                None => Block::new(ParaKind::Text, text),
            }
        } else {
            Block::new(ParaKind::Text, text)
        };
        self.out.blocks.push(Raw {
            block,
            linked: link_chars * 10 >= chars * 9,
        });
    }
}

/// Hidden from readers by the page itself.
fn hidden(node: &NodeRef<'_>) -> bool {
    node.has_attr("hidden")
        || node.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || node.attr("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
        || node.attr("role").is_some_and(|r| {
            matches!(
                r.to_ascii_lowercase().as_str(),
                "navigation" | "complementary" | "contentinfo" | "dialog"
            )
        })
}

/// (a widget, a byline) from the element's class, id and rel, read word by word so that
/// "commentary" is not "comment" and "shadow" is not "ad".
fn classify(node: &NodeRef<'_>) -> (bool, bool) {
    let mut names = String::new();
    for attr in ["class", "id", "rel", "itemprop", "data-component"] {
        if let Some(v) = node.attr(attr) {
            names.push(' ');
            names.push_str(&v);
        }
    }
    if names.is_empty() {
        return (false, false);
    }
    let (mut widget, mut byline) = (false, false);
    for token in names.split_ascii_whitespace() {
        // "story-highlights", "key_points", "shareBar" → words; the joined pairs catch
        // "key-points" and "read-more" written either way.
        let words: Vec<String> = split_words(token);
        let pairs = words.windows(2).map(|w| format!("{}{}", w[0], w[1]));
        for w in words.iter().cloned().chain(pairs) {
            widget |= WIDGET_WORDS.contains(&w.as_str());
            byline |= BYLINE_WORDS.contains(&w.as_str());
        }
    }
    // The story's own container is sometimes named after a widget word it holds
    // ("article-body has-comments"); a container with "body"/"content"/"text" wins.
    let lower = names.to_ascii_lowercase();
    if widget
        && lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| matches!(w, "body" | "articlebody" | "content" | "story"))
    {
        widget = lower.contains("comment") || lower.contains("share") || lower.contains("related");
    }
    (widget, byline && !widget)
}

/// `shareBar__item-2` → `share`, `bar`, `item`, `2`.
fn split_words(token: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in token.chars() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}
