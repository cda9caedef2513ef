//! Compressed input: gzip and zstd, told apart by their magic bytes (an extension can lie, and
//! standard input has none), decoded as a stream by pure-Rust decoders (no C build).
//!
//! Every decoder is wrapped in a [`Guard`] that stops a decompression bomb: the text that comes
//! out is counted against what went in, and a stream that expands far beyond what text does
//! is cut with an error that says so, long before it can exhaust memory or disk.
//!
//! A compressed stream is decoded on a thread of its own, a few chunks ahead of its reader:
//! on two cores decoding and parsing then overlap, and a `.jsonl.gz` opens nearly as fast as
//! the `.jsonl` (one after the other, gzip made it 1.6× slower).

use std::{
    io::{self, BufRead, BufReader, Read},
    path::Path,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
};

/// Decoded bytes handed over at a time, and how many such chunks may wait.
const CHUNK: usize = 256 * 1024;
const CHUNKS_AHEAD: usize = 4;

/// Output past this many bytes is checked against the input's size (smaller outputs are
/// never bombs worth stopping).
const CHECK_AFTER: u64 = 64 * 1024 * 1024;
/// More expansion than this is not text. Prose compresses 3–10× (gzip) or up to ~20× (zstd
/// on repetitive exports); a stream of zeros expands ~1000× (gzip) and far more (zstd).
const MAX_RATIO: u64 = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// What the first bytes of a stream say it is.
    pub fn sniff(head: &[u8]) -> Self {
        if head.starts_with(&[0x1f, 0x8b]) {
            Self::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Self::Zstd
        } else {
            Self::None
        }
    }

    /// What a file name says it is.
    pub fn of_name(path: &Path) -> Self {
        if super::has_extension(path, &["gz", "gzip"]) {
            Self::Gzip
        } else if super::has_extension(path, &["zst", "zstd"]) {
            Self::Zstd
        } else {
            Self::None
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::None => "",
            Self::Gzip => "gzip",
            Self::Zstd => "zstd",
        }
    }
}

/// A file name without its compression suffix: `crawl.warc.gz` → `crawl.warc`.
pub fn inner_name(path: &Path) -> &Path {
    match Compression::of_name(path) {
        Compression::None => path,
        _ => Path::new(path.file_stem().unwrap_or_default()),
    }
}

/// Counts the bytes read through it, for progress and for the bomb check.
pub struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> Counted<R> {
    pub fn new(inner: R) -> (Self, Arc<AtomicU64>) {
        let count = Arc::new(AtomicU64::new(0));
        (
            Self {
                inner,
                count: count.clone(),
            },
            count,
        )
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.count.fetch_add(amt as u64, Ordering::Relaxed);
        self.inner.consume(amt);
    }
}

/// Stops a stream whose output outgrows its input by more than text ever does.
pub struct Guard<R> {
    inner: R,
    input: Arc<AtomicU64>,
    output: u64,
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.output > CHECK_AFTER && self.output / self.input.load(Ordering::Relaxed).max(1) > MAX_RATIO {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "stopped after {} MiB: it decompresses over {MAX_RATIO}× its size (a decompression bomb?)",
                    self.output >> 20
                ),
            ));
        }
        let n = self.inner.read(buf)?;
        self.output += n as u64;
        Ok(n)
    }
}

/// Every zstd frame of a stream, one after another (as `zstd` writes concatenated inputs).
struct ZstdFrames<R: Read> {
    decoder: Option<ruzstd::decoding::StreamingDecoder<R, ruzstd::decoding::FrameDecoder>>,
}

impl<R: BufRead> Read for ZstdFrames<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(decoder) = self.decoder.as_mut() else {
                return Ok(0);
            };
            let n = decoder.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            // This frame is done: another may follow.
            let Some(done) = self.decoder.take() else { return Ok(0) };
            let mut source = done.into_inner();
            if source.fill_buf()?.is_empty() {
                return Ok(0);
            }
            self.decoder = Some(ruzstd::decoding::StreamingDecoder::new(source).map_err(io::Error::other)?);
        }
    }
}

/// A decoded stream, and how many bytes of its input it has consumed so far.
pub type Decoded = (Box<dyn BufRead + Send>, Arc<AtomicU64>);

/// The decoded stream of `input` (which is `Compression::None` as it is), guarded against
/// bombs, and a counter of the compressed bytes consumed so far.
pub fn decode<R: Read + Send + 'static>(input: R, compression: Compression) -> io::Result<Decoded> {
    let (counted, consumed) = Counted::new(BufReader::with_capacity(1 << 16, input));
    let guard = |inner: Box<dyn Read + Send>| -> Box<dyn Read + Send> {
        Box::new(Guard {
            inner,
            input: consumed.clone(),
            output: 0,
        })
    };
    let decoder: Box<dyn Read + Send> = match compression {
        Compression::None => return Ok((Box::new(counted), consumed)),
        Compression::Gzip => guard(Box::new(flate2::bufread::MultiGzDecoder::new(counted))),
        Compression::Zstd => {
            let decoder = ruzstd::decoding::StreamingDecoder::new(counted)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("not a zstd stream: {e}")))?;
            guard(Box::new(ZstdFrames { decoder: Some(decoder) }))
        }
    };
    Ok((Box::new(BufReader::with_capacity(CHUNK, ahead(decoder))), consumed))
}

/// Read `decoder` on a thread of its own, a few chunks ahead of the returned reader.
fn ahead(mut decoder: Box<dyn Read + Send>) -> Ahead {
    let (tx, rx) = crossbeam_channel::bounded::<io::Result<Vec<u8>>>(CHUNKS_AHEAD);
    let spawned = std::thread::Builder::new().name("decoder".into()).spawn(move || {
        loop {
            let mut chunk = vec![0; CHUNK];
            let mut filled = 0;
            // Whole chunks (a decoder returns a few KB a call), so the channel is not the cost.
            let result = loop {
                match decoder.read(&mut chunk[filled..]) {
                    Ok(0) => break Ok(()),
                    Ok(n) => {
                        filled += n;
                        if filled == CHUNK {
                            break Ok(());
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => break Err(e),
                }
            };
            chunk.truncate(filled);
            let end = filled < CHUNK;
            // The reader gone (it stopped early): nothing more to decode for.
            if filled > 0 && tx.send(Ok(chunk)).is_err() {
                return;
            }
            if let Err(e) = result {
                let _ = tx.send(Err(e));
                return;
            }
            if end {
                return;
            }
        }
    });
    match spawned {
        Ok(_) => Ahead {
            chunks: Some(rx),
            current: io::Cursor::new(Vec::new()),
        },
        Err(e) => {
            let (tx, rx) = crossbeam_channel::bounded(1);
            let _ = tx.send(Err(e));
            Ahead {
                chunks: Some(rx),
                current: io::Cursor::new(Vec::new()),
            }
        }
    }
}

/// The reading end of [`ahead`].
struct Ahead {
    chunks: Option<crossbeam_channel::Receiver<io::Result<Vec<u8>>>>,
    current: io::Cursor<Vec<u8>>,
}

impl Read for Ahead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let n = self.current.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            let Some(chunks) = &self.chunks else { return Ok(0) };
            match chunks.recv() {
                Ok(Ok(chunk)) => self.current = io::Cursor::new(chunk),
                Ok(Err(e)) => {
                    self.chunks = None;
                    return Err(e);
                }
                // The decoder finished.
                Err(_) => {
                    self.chunks = None;
                    return Ok(0);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    fn read_all(bytes: &[u8]) -> io::Result<Vec<u8>> {
        let (mut r, _) = decode(io::Cursor::new(bytes.to_vec()), Compression::sniff(bytes))?;
        let mut out = Vec::new();
        r.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn sniffs_magic_bytes_and_names() {
        assert_eq!(Compression::sniff(&gzip(b"x")), Compression::Gzip);
        assert_eq!(Compression::sniff(&[0x28, 0xb5, 0x2f, 0xfd, 0]), Compression::Zstd);
        assert_eq!(Compression::sniff(b"{\"title\""), Compression::None);
        assert_eq!(Compression::of_name(Path::new("a.warc.GZ")), Compression::Gzip);
        assert_eq!(inner_name(Path::new("/x/crawl.warc.gz")), Path::new("crawl.warc"));
        assert_eq!(inner_name(Path::new("dump.jsonl")), Path::new("dump.jsonl"));
    }

    #[test]
    fn concatenated_gzip_members_read_whole() {
        let mut both = gzip(b"first member\n");
        both.extend(gzip(b"second member\n"));
        assert_eq!(read_all(&both).unwrap(), b"first member\nsecond member\n");
    }

    #[test]
    fn a_truncated_gzip_gives_what_it_holds_then_an_error() {
        let text: Vec<u8> = (0..20_000).flat_map(|i| format!("line {i}\n").into_bytes()).collect();
        let full = gzip(&text);
        let (mut r, _) = decode(io::Cursor::new(full[..full.len() / 2].to_vec()), Compression::Gzip).unwrap();
        let mut out = Vec::new();
        assert!(r.read_to_end(&mut out).is_err());
        assert!(out.len() > 1000 && text.starts_with(&out[..1000]));
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_ratio() {
        // 128 MiB of zeros is ~128 KiB of gzip; the guard stops it a little past CHECK_AFTER.
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..128 {
            enc.write_all(&zeros).unwrap();
        }
        let bomb = enc.finish().unwrap();
        let (mut r, _) = decode(io::Cursor::new(bomb), Compression::Gzip).unwrap();
        let mut sink = io::sink();
        let err = io::copy(&mut r, &mut sink).unwrap_err();
        assert!(err.to_string().contains("decompression bomb"), "{err}");
    }

    fn zstd(data: &[u8]) -> Vec<u8> {
        ruzstd::encoding::compress_to_vec(data, ruzstd::encoding::CompressionLevel::Fastest)
    }

    #[test]
    fn zstd_frames_read_whole_and_a_truncated_one_errs() {
        let mut both = zstd(b"one frame\n");
        both.extend(zstd(b"and another\n"));
        assert_eq!(read_all(&both).unwrap(), b"one frame\nand another\n");
        let text: Vec<u8> = (0..50_000)
            .flat_map(|i| format!("row {i} of words\n").into_bytes())
            .collect();
        let full = zstd(&text);
        let cut = read_all(&full[..full.len() * 2 / 3]);
        assert!(cut.is_err(), "a cut zstd stream must not read as complete");
    }

    #[test]
    fn garbage_named_zstd_is_an_error_not_a_panic() {
        assert!(decode(io::Cursor::new(b"not zstd at all".to_vec()), Compression::Zstd).is_err());
    }

    #[test]
    fn counts_compressed_input() {
        let data = gzip(&vec![b'a'; 100_000]);
        let len = data.len() as u64;
        let (mut r, consumed) = decode(io::Cursor::new(data), Compression::Gzip).unwrap();
        io::copy(&mut r, &mut io::sink()).unwrap();
        assert_eq!(consumed.load(Ordering::Relaxed), len);
    }
}
