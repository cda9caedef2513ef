//! The search index's metadata files over a good index: the first byte picks which.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let file = ["meta.json", "dossier-index.json", ".managed.json"][usize::from(pick) % 3];
    dossier::fuzz::index_metadata(file, bytes);
});
