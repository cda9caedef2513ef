//! The README's key table is written by hand; this keeps it from drifting from the keymap.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[test]
fn readme_describes_every_binding() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let missing: Vec<&str> = dossier::app::bindings::BINDINGS
        .iter()
        .map(|b| b.help)
        .filter(|help| !["close", "scroll down", "scroll up", "move down", "move up"].contains(help))
        .filter(|help| !readme.contains(help))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md lacks these key descriptions: {missing:#?}"
    );
}
