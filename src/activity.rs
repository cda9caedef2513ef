//! When the user last pressed a key or clicked: background work that can wait (the entity
//! pass's second worker) steps back while they type, so the frame answering a key is never
//! queued behind it on a two-core machine.

use std::{
    sync::atomic::{AtomicU64, Ordering},
    time::{Duration, Instant},
};

pub struct Activity {
    since: Instant,
    /// Milliseconds after `since` of the last input; `u64::MAX`: none yet.
    last: AtomicU64,
}

impl Default for Activity {
    fn default() -> Self {
        Self {
            since: Instant::now(),
            last: AtomicU64::new(u64::MAX),
        }
    }
}

impl Activity {
    /// The user did something now.
    pub fn touch(&self) {
        let now = u64::try_from(self.since.elapsed().as_millis()).unwrap_or(u64::MAX - 1);
        self.last.store(now, Ordering::Relaxed);
    }

    /// Whether the user did something within `window`.
    pub fn recent(&self, window: Duration) -> bool {
        let last = self.last.load(Ordering::Relaxed);
        last != u64::MAX
            && u64::try_from(self.since.elapsed().as_millis())
                .unwrap_or(u64::MAX)
                .saturating_sub(last)
                < u64::try_from(window.as_millis()).unwrap_or(u64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_only_after_a_touch_and_for_the_window() {
        let a = Activity::default();
        assert!(!a.recent(Duration::from_secs(60)), "nothing yet");
        a.touch();
        assert!(a.recent(Duration::from_secs(60)));
        std::thread::sleep(Duration::from_millis(30));
        assert!(!a.recent(Duration::from_millis(10)));
    }
}
