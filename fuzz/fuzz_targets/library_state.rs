//! The library's state and history files.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier::fuzz::library_state(data));
