//! Pure, streaming readers of article archives: WARC files, CSV / TSV tables and feeds
//! (RSS, Atom, JSON Feed). Each turns bytes into records and nothing more: decompression, size
//! caps, HTML extraction and the making of articles are the caller's, so every reader here can
//! be tested on bytes alone and reused over any stream.

pub mod feed;
pub mod table;
pub mod warc;
