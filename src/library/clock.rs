//! Timestamps, writer ids and small formatting helpers, without a date or random crate.

use std::hash::{BuildHasher, RandomState};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// A random id for this process, used only to break ties between edits made in the same
/// millisecond by different processes. `RandomState` is seeded from the OS per process, which
/// is all the randomness this needs. 48 bits keep it exact for JSON readers that use doubles.
pub fn writer_id() -> u64 {
    static ID: OnceLock<u64> = OnceLock::new();
    *ID.get_or_init(|| {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        RandomState::new().hash_one((std::process::id(), nanos)) & 0xffff_ffff_ffff
    })
}

/// A timestamp for an edit of an item last stamped `floor`. It is always past `floor`, so a
/// local edit supersedes what the user was looking at even if the wall clock went backwards
/// or another machine's clock runs ahead.
pub fn next_stamp(floor: u64) -> u64 {
    now_ms().max(floor.saturating_add(1))
}

/// Time-ordered, and unique across processes with overwhelming probability: milliseconds, 32
/// bits of the writer id, and a per-process counter.
pub fn new_annotation_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{:012x}-{:08x}-{n:x}", now_ms(), writer_id() & 0xffff_ffff)
}

/// FNV-1a 64 of the corpus key, as 16 hex digits: stable across Rust releases and platforms
/// because it names files on disk.
pub fn fnv1a64_hex(key: &str) -> String {
    format!("{:016x}", crate::store::fnv1a64(key.bytes()))
}

struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u64,
    minute: u64,
    second: u64,
}

/// Howard Hinnant's days-to-civil algorithm, so no date crate is needed for two formats.
fn civil(ms: u64) -> Civil {
    let secs = ms / 1000;
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    Civil {
        year,
        month,
        day,
        hour: rem / 3600,
        minute: rem % 3600 / 60,
        second: rem % 60,
    }
}

/// `20261122T140312` (UTC), for file-name suffixes.
pub fn utc_compact(ms: u64) -> String {
    let c = civil(ms);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// `2026-11-22T14:03:12Z`, the xsd:dateTime form Web Annotation uses.
pub fn utc_iso(ms: u64) -> String {
    let c = civil(ms);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(utc_iso(0), "1970-01-01T00:00:00Z");
        // 2024-02-29T23:59:59Z, a leap day.
        assert_eq!(utc_iso(1_709_251_199_000), "2024-02-29T23:59:59Z");
        assert_eq!(utc_compact(1_795_356_192_000), "20261122T140312");
    }

    #[test]
    fn fnv_matches_reference_vectors() {
        assert_eq!(fnv1a64_hex(""), "cbf29ce484222325");
        assert_eq!(fnv1a64_hex("a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn stamps_move_past_the_floor() {
        let far = now_ms() + 1_000_000;
        assert_eq!(next_stamp(far), far + 1);
        assert!(next_stamp(0) >= now_ms() - 1000);
    }
}
