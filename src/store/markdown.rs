//! Markdown as news exports write it: optional `---` front matter, `#` headings, paragraphs,
//! list items and quotes. Not a full `CommonMark` parser: inline markup is left as written.

use super::text::{Block, BlockStart, ParaKind, Parsed, starts_block, take_title};

/// Parse sanitised Markdown: optional `---` front matter, `#` headings, paragraphs separated by
/// blank lines (Markdown soft-wraps lines inside a paragraph).
pub fn parse_markdown(text: &str) -> Parsed {
    let (front, rest) = split_front_matter(text);
    let mut parsed = Parsed::default();
    for (key, value) in front {
        match key.as_str() {
            "title" => parsed.title = value,
            "date" => parsed.date = Some(value),
            "author" => parsed.author = Some(value),
            "source" | "publication" | "site" => parsed.source = Some(value),
            "url" | "link" | "canonical" => parsed.url = Some(value),
            _ => {}
        }
    }
    // The lines of the paragraph being read, and whether it is a list item.
    let mut current: (Vec<&str>, bool) = (Vec::new(), false);
    let mut in_code = false;
    let mut first_h1 = true;
    let flush = |current: &mut (Vec<&str>, bool), paras: &mut Vec<Block>| {
        if !current.0.is_empty() {
            let text = current.0.join(" ");
            paras.push(if current.1 {
                Block::item(text)
            } else {
                Block::new(ParaKind::Text, text)
            });
            current.0.clear();
        }
        // What follows is a plain paragraph unless it starts a block of its own.
        current.1 = false;
    };
    for line in rest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut current, &mut parsed.paras);
            in_code = !in_code;
            continue;
        }
        if in_code {
            // Code keeps its lines: each is its own paragraph.
            parsed.paras.push(Block::new(ParaKind::Text, line.trim_end()));
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut current, &mut parsed.paras);
        } else if let Some(heading) = markdown_heading(trimmed) {
            flush(&mut current, &mut parsed.paras);
            let h1 = trimmed.starts_with("# ") && std::mem::take(&mut first_h1);
            if h1 && parsed.title.is_empty() {
                parsed.title = heading.to_string();
            } else if h1 && same_title(heading, &parsed.title) {
                // Front matter's title repeated as the first heading: the reader shows it once.
            } else {
                parsed.paras.push(Block::new(ParaKind::Heading, heading));
            }
        } else if let Some(item) = starts_block(trimmed) {
            flush(&mut current, &mut parsed.paras);
            current = (vec![trimmed], item == BlockStart::ListItem);
        } else {
            current.0.push(trimmed);
        }
    }
    flush(&mut current, &mut parsed.paras);
    if parsed.title.is_empty() {
        parsed.title = take_title(&mut parsed.paras);
    }
    parsed
}

/// Titles compared the way a reader would: case, surrounding space, runs of spaces and closing
/// punctuation aside.
fn same_title(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let s = s.trim().trim_end_matches(['.', ',', ';', ':', '!', '?', '…']);
        s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
    };
    norm(a) == norm(b)
}

fn markdown_heading(line: &str) -> Option<&str> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        Some(line[hashes..].trim().trim_end_matches('#').trim())
    } else {
        None
    }
}

fn split_front_matter(text: &str) -> (Vec<(String, String)>, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (Vec::new(), text);
    };
    let Some(end) = rest.find("\n---") else {
        return (Vec::new(), text);
    };
    let fields = rest[..end]
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| {
            let v = v.trim().trim_matches('"').trim_matches('\'');
            (k.trim().to_lowercase(), v.to_string())
        })
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let after = &rest[end + 4..];
    (fields, after.split_once('\n').map_or("", |(_, body)| body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_heading_front_matter_and_lists() {
        let md = "---\ntitle: \"From front matter\"\ndate: 2024-03-01\n---\n# Ignored heading\n\nSome text\nwrapped here.\n\n- item one\n- item two\n\n## Section\n\nMore.\n";
        let p = parse_markdown(md);
        assert_eq!(p.title, "From front matter");
        assert_eq!(p.date.as_deref(), Some("2024-03-01"));
        assert!(p.paras.contains(&Block::new(ParaKind::Text, "Some text wrapped here.")));
        assert!(p.paras.contains(&Block::item("- item two")));
        assert!(p.paras.contains(&Block::new(ParaKind::Heading, "Section")));
        let p = parse_markdown("# Title here\n\nBody.\n");
        assert_eq!(p.title, "Title here");
        assert_eq!(p.paras, vec![Block::new(ParaKind::Text, "Body.")]);
    }
}
