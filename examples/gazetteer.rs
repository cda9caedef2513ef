//! Turns `src/entities/data/world.tsv.gz` (written by `scripts/gazetteer.py`) into the files
//! the extractor reads: `world.fst` and `world_names.txt`. Run after regenerating the TSV:
//! `cargo run --example gazetteer`.

use std::fs;
use std::io::Read;
use std::path::Path;

fn main() -> anyhow::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/entities/data");
    let mut tsv = String::new();
    flate2::read::GzDecoder::new(fs::File::open(dir.join("world.tsv.gz"))?).read_to_string(&mut tsv)?;
    let built = dossier::entities::world::build(&tsv)?;
    fs::write(dir.join("world.fst"), &built.fst)?;
    fs::write(dir.join("world_names.txt"), &built.names)?;
    println!(
        "world.fst: {} bytes, {} canonical names",
        built.fst.len(),
        built.names.lines().count()
    );
    Ok(())
}
