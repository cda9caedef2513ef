//! The clipboard through the terminal: OSC 52 (`ESC ] 52 ; c ; BASE64 BEL`), which works over
//! SSH and inside tmux (with `set -g set-clipboard on`), where no clipboard program could.
//! Base64 is the few lines below rather than a crate.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648 §4).
#[must_use]
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The escape sequence that asks the terminal to put `text` on the clipboard. Only base64
/// crosses to the terminal, so no byte of the text can be read as a control.
#[must_use]
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn base64_matches_the_rfc_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
    }

    #[test]
    fn the_sequence_is_osc_52_on_the_clipboard() {
        assert_eq!(osc52("hé"), "\x1b]52;c;aMOp\x07");
    }

    proptest! {
        /// Only the alphabet and padding, four characters per three bytes.
        #[test]
        fn base64_is_clean_and_sized(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let coded = base64(&bytes);
            prop_assert_eq!(coded.len(), bytes.len().div_ceil(3) * 4);
            prop_assert!(coded.bytes().all(|b| ALPHABET.contains(&b) || b == b'='));
        }
    }
}
