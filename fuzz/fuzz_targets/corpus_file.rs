//! A corpus file of any format: the first byte picks the file's name (and so its format).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let names = dossier::fuzz::FILE_NAMES;
    dossier::fuzz::corpus_file(names[usize::from(pick) % names.len()], bytes);
});
