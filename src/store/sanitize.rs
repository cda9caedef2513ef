//! Make untrusted article text safe to put on a terminal.
//!
//! Runs once, at load time, so everything downstream (wrapping, matching, drawing) can assume
//! plain printable text separated by `\n`. Hand-written rather than built on an ANSI-stripping
//! crate because the job is wider than stripping escapes: C1 controls arriving as UTF-8 code
//! points, bidi overrides, tabs, CR and stray controls all need handling in the same single pass.

use unicode_width::UnicodeWidthChar;

/// Tab stops every 8 columns, like a terminal.
const TAB: usize = 8;

/// Sanitise raw bytes into display-safe text (multi-line).
pub fn sanitize(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    clean(text, false)
}

/// Sanitise a single-line string (file names, titles, metadata): newlines become spaces.
pub fn sanitize_line(text: &str) -> String {
    let cleaned = clean(text, true);
    let tidy = !cleaned.starts_with(char::is_whitespace)
        && !cleaned.ends_with(char::is_whitespace)
        && !cleaned.contains("  ")
        && !cleaned.chars().any(|c| c.is_whitespace() && c != ' ');
    if tidy {
        return cleaned;
    }
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// JSON for a terminal or a file a terminal may show: `serde_json` escapes C0 controls but
/// writes C1 controls (U+0080–U+009F) as they are, and a terminal may read U+009B as CSI.
/// Those only ever occur inside JSON strings, so writing them as `\u00XX` keeps it valid.
pub fn to_json(value: &impl serde::Serialize, pretty: bool) -> serde_json::Result<String> {
    let json = if pretty {
        serde_json::to_string_pretty(value)?
    } else {
        serde_json::to_string(value)?
    };
    if !json.chars().any(is_c1) {
        return Ok(json);
    }
    Ok(json
        .chars()
        .map(|c| {
            if is_c1(c) {
                format!("\\u{:04x}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect())
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

/// The escape grammar state: what the bytes after ESC (or a C1 introducer) mean.
enum Skip {
    None,
    /// Right after ESC.
    Escape,
    /// CSI: parameters and intermediates until a final byte in `@`..=`~`.
    Csi,
    /// nF escape: intermediates (space..=`/`) until a final byte.
    Intermediate,
    /// OSC, DCS, SOS, PM, APC: a string ended by BEL or ST (or, for safety, a newline).
    Str,
    /// ESC seen inside a string: `\` ends it.
    StrEscape,
}

fn clean(text: &str, one_line: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line = Line::default();
    let mut state = Skip::None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if matches!(state, Skip::None) && is_plain(bytes[i]) {
            // The common case, plain ASCII text, is copied a run at a time.
            let run = bytes[i..]
                .iter()
                .position(|&b| !is_plain(b))
                .map_or(bytes.len(), |n| i + n);
            out.push_str(&text[i..run]);
            i = run;
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        i += c.len_utf8();
        match state {
            Skip::Escape => {
                state = match c {
                    '[' => Skip::Csi,
                    ']' | 'P' | 'X' | '^' | '_' => Skip::Str,
                    ' '..='/' => Skip::Intermediate,
                    '\n' => {
                        line.newline(&mut out, one_line);
                        Skip::None
                    }
                    _ => Skip::None,
                };
                continue;
            }
            Skip::Csi => {
                if ('@'..='~').contains(&c) {
                    state = Skip::None;
                    continue;
                }
                if (' '..='?').contains(&c) {
                    continue;
                }
                // Malformed: abandon the sequence and read this char afresh.
                state = Skip::None;
            }
            Skip::Intermediate => {
                if (' '..='/').contains(&c) {
                    continue;
                }
                // The final byte ends the sequence; a control char instead is read afresh.
                state = Skip::None;
                if !c.is_control() {
                    continue;
                }
            }
            Skip::Str => {
                match c {
                    '\u{7}' | '\u{9c}' => state = Skip::None,
                    '\u{1b}' => state = Skip::StrEscape,
                    '\n' => {
                        state = Skip::None;
                        line.newline(&mut out, one_line);
                    }
                    _ => {}
                }
                continue;
            }
            Skip::StrEscape => {
                state = if c == '\\' { Skip::None } else { Skip::Str };
                continue;
            }
            Skip::None => {}
        }
        match c {
            '\u{1b}' => state = Skip::Escape,
            '\u{9b}' => state = Skip::Csi,
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => state = Skip::Str,
            '\r' => {
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                line.newline(&mut out, one_line);
            }
            '\n' | '\u{b}' | '\u{c}' | '\u{2028}' | '\u{2029}' | '\u{85}' => line.newline(&mut out, one_line),
            '\t' => {
                let n = TAB - line.column(&out) % TAB;
                out.extend(std::iter::repeat_n(' ', n));
            }
            c if is_dropped(c) => {}
            c if (c as u32) < 0x20 => out.push(control_picture(c)),
            '\u{7f}' => out.push('\u{2421}'),
            c => out.push(c),
        }
    }
    out
}

/// Printable ASCII: copied as is.
fn is_plain(b: u8) -> bool {
    (0x20..0x7f).contains(&b)
}

/// Where the current output line starts, and the display column measured so far, so tabs can
/// be expanded to the next stop without tracking widths for every character.
#[derive(Default)]
struct Line {
    start: usize,
    measured_to: usize,
    column: usize,
}

impl Line {
    fn newline(&mut self, out: &mut String, one_line: bool) {
        out.push(if one_line { ' ' } else { '\n' });
        *self = Self {
            start: out.len(),
            measured_to: out.len(),
            column: 0,
        };
    }

    fn column(&mut self, out: &str) -> usize {
        let from = self.measured_to.max(self.start);
        self.column += out[from..].chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
        self.measured_to = out.len();
        self.column
    }
}

/// Characters that are removed outright: the remaining C1 controls, bidi embeddings,
/// overrides and isolates (they can reorder what the reader sees), and stray BOMs.
fn is_dropped(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061c}'
        | '\u{feff}')
}

/// U+2400 "Control Pictures" show a C0 control as a visible glyph (␀, ␇, …).
fn control_picture(c: char) -> char {
    char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')
}

/// True for text that [`sanitize`] would leave alone: what the rest of the program may assume.
pub fn is_clean(text: &str) -> bool {
    text.chars()
        .all(|c| c == '\n' || !(c.is_control() || is_dropped(c) || matches!(c, '\u{2028}' | '\u{2029}')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn strips_csi_osc_dcs_and_c1() {
        let raw = b"a\x1b[31mred\x1b[0m b\x1b]0;pwned title\x07c\x1b]52;c;Zm9v\x1b\\d\x1bPq#0\x1b\\e";
        assert_eq!(sanitize(raw), "ared bcde");
        assert_eq!(sanitize("x\u{9b}2Jy\u{9d}0;t\u{9c}z".as_bytes()), "xyz");
    }

    #[test]
    fn normalises_newlines_bom_tabs() {
        assert_eq!(sanitize(b"\xef\xbb\xbfone\r\ntwo\rthree"), "one\ntwo\nthree");
        assert_eq!(sanitize(b"a\tb\n\tc"), "a       b\n        c");
    }

    #[test]
    fn controls_become_visible_and_bidi_is_removed() {
        assert_eq!(sanitize(b"bell\x07 nul\x00"), "bell\u{2407} nul\u{2400}");
        assert_eq!(sanitize("abc\u{202e}def\u{2066}g".as_bytes()), "abcdefg");
        assert_eq!(sanitize(b"del\x7f"), "del\u{2421}");
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        assert_eq!(sanitize(b"caf\xe9 ok"), "caf\u{fffd} ok");
    }

    #[test]
    fn unterminated_osc_stops_at_newline() {
        assert_eq!(sanitize(b"a\x1b]0;evil\nvisible"), "a\nvisible");
    }

    #[test]
    fn line_version_collapses_whitespace() {
        assert_eq!(sanitize_line("  a\n\tb\x1b[1m c "), "a b c");
    }

    proptest! {
        #[test]
        fn output_is_always_clean(raw in proptest::collection::vec(any::<u8>(), 0..400)) {
            let out = sanitize(&raw);
            prop_assert!(is_clean(&out), "{out:?}");
            prop_assert!(!out.contains('\x1b'), "escape left in {:?}", out);
        }

        #[test]
        fn output_is_clean_for_escape_heavy_strings(s in "(\u{1b}|\u{9b}|\u{9d}|\\[|\\]|[0-9;]|\u{7}|\\\\|\t|\r|\n|\u{202e}|a|é|漢|👍)*") {
            let out = sanitize(s.as_bytes());
            prop_assert!(is_clean(&out), "{out:?}");
        }

        #[test]
        fn sanitising_is_idempotent(raw in proptest::collection::vec(any::<u8>(), 0..400)) {
            let once = sanitize(&raw);
            prop_assert_eq!(sanitize(once.as_bytes()), once.clone());
        }

        #[test]
        fn printable_text_is_untouched(s in "[a-zA-Z0-9 .,;:!?'\"()éüßø漢字😀\n-]{0,200}") {
            prop_assert_eq!(sanitize(s.as_bytes()), s);
        }
    }
}
