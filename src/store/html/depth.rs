//! A bound on nesting before the page is parsed. The HTML parser checks the stack of open
//! elements on every start tag, so a page nested thousands deep costs time quadratic in its
//! depth (10,000 nested `<div>`s took seconds). Tags past [`LIMIT`] levels are dropped here,
//! in one pass over the bytes, keeping their text: the story survives, the depth does not.

use std::borrow::Cow;

/// Deepest nesting kept; real layouts stay under a hundred.
pub const LIMIT: usize = 256;

/// Elements that never hold content, and those the parser closes implicitly (so an unclosed
/// run of them is not depth).
const NOT_DEPTH: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "option", "tr", "td", "th", "!doctype",
];

/// `html` with tags past [`LIMIT`] levels removed; borrowed when nothing is that deep.
pub fn flatten(html: &str) -> Cow<'_, str> {
    if max_depth(html, None) <= LIMIT {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    max_depth(html, Some(&mut out));
    Cow::Owned(out)
}

/// The estimated nesting depth; with `out`, copies `html` there without the too-deep tags.
fn max_depth(html: &str, mut out: Option<&mut String>) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max, mut i, mut copied) = (0usize, 0usize, 0usize, 0usize);
    while let Some(off) = memchr_lt(&bytes[i..]) {
        let start = i + off;
        if html[start..].starts_with("<!--") {
            i = html[start..].find("-->").map_or(bytes.len(), |e| start + e + 3);
            continue;
        }
        let end = html[start..].find('>').map_or(bytes.len(), |e| start + e + 1);
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name: String = html[name_start..end]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!' || *c == '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        i = end;
        if name.is_empty() || NOT_DEPTH.contains(&name.as_str()) {
            continue;
        }
        let self_closing = html[start..end].ends_with("/>");
        let keep = if closing {
            let keep = depth <= LIMIT;
            depth = depth.saturating_sub(1);
            keep
        } else if self_closing {
            depth < LIMIT
        } else {
            depth += 1;
            max = max.max(depth);
            depth <= LIMIT
        };
        if let Some(out) = out.as_deref_mut()
            && !keep
        {
            out.push_str(&html[copied..start]);
            copied = end;
        }
        // Script and style hold text, not tags: skip to their end.
        if !closing && (name == "script" || name == "style") && !self_closing {
            i = close_tag(html, end, &name);
        }
    }
    if let Some(out) = out {
        out.push_str(&html[copied..]);
    }
    max
}

/// Where `</name` (any case) next starts at or after `from`; the end of `html` if nowhere.
fn close_tag(html: &str, from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(off) = html[at..].find("</") {
        let pos = at + off;
        if html
            .get(pos + 2..pos + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        {
            return pos;
        }
        at = pos + 2;
    }
    html.len()
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_cut_and_text_kept() {
        let deep = format!("{}<p>text</p>{}", "<div>".repeat(1000), "</div>".repeat(1000));
        let flat = flatten(&deep);
        assert!(max_depth(&flat, None) <= LIMIT);
        assert!(flat.contains("<p>text</p>"));
        let shallow = "<div><script>if (a<b) {}</script><p>x</div>";
        assert!(matches!(flatten(shallow), Cow::Borrowed(_)));
    }
}
