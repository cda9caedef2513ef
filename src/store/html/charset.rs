//! Bytes of a web page to text, in the order of precedence the HTML standard gives: a byte
//! order mark, then the transport's `charset=` (an HTTP header), then a `<meta>` declaration
//! in the head, then UTF-8 when the bytes are valid UTF-8, else windows-1252 (what browsers
//! assume for unlabelled Western pages, and a superset of ISO-8859-1).

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page a `<meta charset>` is looked for. The standard's prescan reads
/// 1024 bytes; real pages put long comments and scripts first, so a little more is read.
const PRESCAN: usize = 4096;

/// Decode a page's bytes. `http_charset` is the label from a `Content-Type` header, if any.
pub fn decode<'a>(bytes: &'a [u8], http_charset: Option<&str>) -> Cow<'a, str> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0;
    }
    let declared = http_charset
        .and_then(label_encoding)
        .or_else(|| meta_charset(&bytes[..bytes.len().min(PRESCAN)]));
    if let Some(encoding) = declared {
        return encoding.decode_without_bom_handling(bytes).0;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// An encoding label as headers and pages write it (`"Shift_JIS"`, `utf-8`, `latin1`).
fn label_encoding(label: &str) -> Option<&'static Encoding> {
    let label = label.trim().trim_matches(['"', '\'']);
    let encoding = Encoding::for_label(label.as_bytes())?;
    // A page that claims UTF-16 in ASCII-compatible bytes is lying about one of the two;
    // the standard reads it as UTF-8 (UTF-16 is only believed from a BOM).
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    // x-user-defined is a legacy label that means "Latin bytes" in practice.
    if encoding == encoding_rs::X_USER_DEFINED {
        return Some(WINDOWS_1252);
    }
    Some(encoding)
}

/// The label of the first `<meta>` in `head` that declares one, either form:
/// `<meta charset="x">` or `<meta http-equiv="content-type" content="text/html; charset=x">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0;
    while let Some(start) = find_ci(&head[at..], b"<meta") {
        let tag_start = at + start + 5;
        let tag_end = head[tag_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| tag_start + e);
        let tag = &head[tag_start..tag_end];
        if let Some(pos) = find_ci(tag, b"charset") {
            let rest = &tag[pos + 7..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let end = rest
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
                    .unwrap_or(rest.len());
                if let Some(encoding) = std::str::from_utf8(&rest[..end]).ok().and_then(label_encoding) {
                    return Some(encoding);
                }
            }
        }
        at = tag_end;
    }
    None
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[skip..]
}

/// ASCII case-insensitive search; the needle is lower case.
fn find_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.iter().zip(needle).all(|(a, b)| a.to_ascii_lowercase() == *b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_bom_then_http_then_meta_then_utf8_then_1252() {
        let latin = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        assert!(decode(latin, None).contains("café"));
        // The header wins over the page's own declaration.
        let sjis = b"<meta charset=\"utf-8\"><p>\x93\xfa\x96\x7b</p>";
        assert!(decode(sjis, Some("Shift_JIS")).contains("日本"));
        // A BOM wins over both.
        let bom = b"\xef\xbb\xbf<meta charset=\"windows-1252\"><p>caf\xc3\xa9</p>";
        assert!(decode(bom, Some("iso-8859-1")).contains("café"));
        assert!(decode("<p>naïve</p>".as_bytes(), None).contains("naïve"));
        assert!(decode(b"<p>\x93quoted\x94</p>", None).contains("\u{201c}quoted\u{201d}"));
        let equiv = b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'><p>\x80</p>";
        assert!(decode(equiv, None).contains('€'));
    }
}
