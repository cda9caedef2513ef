//! One article's bytes as plain text, Markdown and HTML.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier::fuzz::article(data));
