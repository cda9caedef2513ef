//! The catalog's bytes: little-endian integers and length-prefixed strings, written into one
//! buffer and read back with every length checked, so that a truncated or damaged file is an
//! error and never a panic or a huge allocation.

use std::path::PathBuf;

/// A decoding failure: where it happened, for the log line that says why a catalog was rebuilt.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("damaged at byte {at}: {what}")]
pub struct Damaged {
    pub at: usize,
    pub what: &'static str,
}

#[derive(Default)]
pub struct Encoder {
    pub buf: Vec<u8>,
}

impl Encoder {
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    pub fn u32(&mut self, v: u32) {
        self.buf.extend(v.to_le_bytes());
    }

    pub fn u64(&mut self, v: u64) {
        self.buf.extend(v.to_le_bytes());
    }

    pub fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }

    pub fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.buf.extend_from_slice(b);
    }

    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }

    pub fn path(&mut self, p: &std::path::Path) {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            self.bytes(p.as_os_str().as_bytes());
        }
        #[cfg(not(unix))]
        self.str(&p.to_string_lossy());
    }
}

pub struct Decoder<'a> {
    buf: &'a [u8],
    at: usize,
}

impl<'a> Decoder<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Self { buf, at: 0 }
    }

    pub fn damaged(&self, what: &'static str) -> Damaged {
        Damaged { at: self.at, what }
    }

    pub fn is_empty(&self) -> bool {
        self.at >= self.buf.len()
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Damaged> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.buf.len());
        let Some(end) = end else {
            return Err(self.damaged("ends early"));
        };
        let out = &self.buf[self.at..end];
        self.at = end;
        Ok(out)
    }

    pub fn u8(&mut self) -> Result<u8, Damaged> {
        Ok(self.take(1)?[0])
    }

    pub fn u32(&mut self) -> Result<u32, Damaged> {
        let mut b = [0; 4];
        b.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(b))
    }

    pub fn u64(&mut self) -> Result<u64, Damaged> {
        let mut b = [0; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(b))
    }

    /// A count of things still to read, each at least `min_bytes` long: a count that could not
    /// fit in what is left is damage, caught before anything is allocated for it.
    pub fn count(&mut self, min_bytes: usize) -> Result<usize, Damaged> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_bytes.max(1)) > self.buf.len() - self.at {
            return Err(self.damaged("a count larger than the file"));
        }
        Ok(n)
    }

    pub fn bytes(&mut self) -> Result<&'a [u8], Damaged> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    pub fn str(&mut self) -> Result<&'a str, Damaged> {
        let b = self.bytes()?;
        std::str::from_utf8(b).map_err(|_| self.damaged("a string that is not UTF-8"))
    }

    pub fn string(&mut self) -> Result<String, Damaged> {
        self.str().map(str::to_owned)
    }

    pub fn opt_string(&mut self) -> Result<Option<String>, Damaged> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            _ => Err(self.damaged("a bad option tag")),
        }
    }

    pub fn path(&mut self) -> Result<PathBuf, Damaged> {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            Ok(PathBuf::from(std::ffi::OsStr::from_bytes(self.bytes()?)))
        }
        #[cfg(not(unix))]
        self.string().map(PathBuf::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back_and_a_cut_is_an_error() {
        let mut e = Encoder::default();
        e.u8(7);
        e.u64(u64::MAX - 3);
        e.str("Kyiv · Київ");
        e.opt_str(None);
        e.opt_str(Some(""));
        let mut d = Decoder::new(&e.buf);
        assert_eq!(d.u8(), Ok(7));
        assert_eq!(d.u64(), Ok(u64::MAX - 3));
        assert_eq!(d.str(), Ok("Kyiv · Київ"));
        assert_eq!(d.opt_string(), Ok(None));
        assert_eq!(d.opt_string(), Ok(Some(String::new())));
        assert!(d.is_empty());
        for cut in 0..e.buf.len() {
            let mut d = Decoder::new(&e.buf[..cut]);
            let all = (|| -> Result<(), Damaged> {
                d.u8()?;
                d.u64()?;
                d.str()?;
                d.opt_string()?;
                d.opt_string()?;
                Ok(())
            })();
            assert!(all.is_err(), "a file cut at {cut} read as whole");
        }
    }

    #[test]
    fn a_huge_count_is_damage_not_an_allocation() {
        let mut e = Encoder::default();
        e.u32(u32::MAX);
        assert!(Decoder::new(&e.buf).count(8).is_err());
    }
}
