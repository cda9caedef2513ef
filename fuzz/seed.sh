#!/bin/sh
# Seed cargo-fuzz's corpora with the files the in-suite harness starts from: the format
# fixtures and the sample articles. Run from the repository root: fuzz/seed.sh
set -eu
for target in article corpus_file library_state index_metadata; do
    mkdir -p "fuzz/corpus/$target"
done
for f in tests/fixtures/archive/* seeds/*; do
    name=$(basename "$f")
    cp "$f" "fuzz/corpus/article/$name"
    # corpus_file reads its first byte as the pick of a file name: 0 is a.txt, 3 a.jsonl…
    { printf '\003'; cat "$f"; } > "fuzz/corpus/corpus_file/$name"
done
