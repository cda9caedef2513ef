//! Finding an annotated passage again after the article text changed.
//!
//! Offsets are chars (Unicode scalar values), matching the W3C selectors. Strategy, in order:
//! the exact quote at its old offset; the exact quote elsewhere, preferring the occurrence
//! whose surrounding text matches the stored prefix/suffix best, then the nearest one; an
//! approximate match (edit distance at most a fifth of the quote), ranked by context, then
//! edit distance, then nearness;
//! otherwise `Orphaned`. An orphan keeps its record so nothing the user wrote is lost.

use std::cmp::Reverse;
use std::ops::Range;

use super::model::{Extra, Position, Quote};

/// Chars of context kept on each side of a quote, as hypothes.is and others do.
pub const CONTEXT_CHARS: usize = 32;

/// Upper bound on the approximate search's work, in DP cells (text chars × quote chars).
/// The cut-off usually computes a small fraction of them; the bound keeps the worst case
/// (repetitive text) around 10–20 ms optimised, so opening an article with orphans stays
/// interactive. A text longer than `FUZZY_BUDGET / quote` chars is searched only near the
/// old offset; a quote too long for any window is matched by its head and tail instead.
const FUZZY_BUDGET: usize = 8_000_000;

/// Where a passage is in the current text, in char offsets (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// The quote is still at the stored offsets.
    Exact { start: usize, end: usize },
    /// The same quote, at other offsets.
    Moved { start: usize, end: usize },
    /// Text close to the quote (the passage itself was edited).
    Fuzzy { start: usize, end: usize },
    /// Not found; the annotation is kept and can be shown in a list of orphans.
    Orphaned,
}

impl Placement {
    pub fn range(self) -> Option<(usize, usize)> {
        match self {
            Self::Exact { start, end } | Self::Moved { start, end } | Self::Fuzzy { start, end } => Some((start, end)),
            Self::Orphaned => None,
        }
    }
}

/// Build the selectors for chars `start..end` of `text`. Out-of-range or reversed offsets are
/// clamped and ordered rather than rejected, so a UI bug can't lose the user's annotation.
pub fn make_selector(text: &str, start: usize, end: usize) -> (Quote, Position) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let (mut s, mut e) = (start.min(n), end.min(n));
    if s > e {
        std::mem::swap(&mut s, &mut e);
    }
    let quote = Quote {
        exact: chars[s..e].iter().collect(),
        prefix: chars[s.saturating_sub(CONTEXT_CHARS)..s].iter().collect(),
        suffix: chars[e..(e + CONTEXT_CHARS).min(n)].iter().collect(),
        extra: Extra::new(),
    };
    let position = Position {
        start: s,
        end: e,
        extra: Extra::new(),
    };
    (quote, position)
}

/// Byte range of chars `start..end` (clamped), for slicing the `&str` the offsets refer to.
pub fn char_range_to_bytes(text: &str, start: usize, end: usize) -> Range<usize> {
    let byte_at = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    let (s, e) = (byte_at(start), byte_at(end));
    s.min(e)..e.max(s)
}

struct Target<'a> {
    chars: &'a [char],
    prefix: Vec<char>,
    suffix: Vec<char>,
    want: usize,
}

impl Target<'_> {
    /// How many chars of the stored prefix and suffix match around `start..end`.
    fn context(&self, start: usize, end: usize) -> usize {
        let before = self.chars[..start]
            .iter()
            .rev()
            .zip(self.prefix.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let after = self.chars[end..]
            .iter()
            .zip(&self.suffix)
            .take_while(|(a, b)| a == b)
            .count();
        before + after
    }

    /// Ranking among equally good matches: best context, then nearest the old offset, then
    /// earliest (so the answer is deterministic).
    fn rank(&self, start: usize, end: usize) -> (usize, Reverse<usize>, Reverse<usize>) {
        (
            self.context(start, end),
            Reverse(start.abs_diff(self.want)),
            Reverse(start),
        )
    }
}

/// Locate a stored passage in `text`. Never panics; returned offsets are within
/// `0..=text.chars().count()` with `start < end`.
pub fn anchor(text: &str, quote: &Quote, position: &Position) -> Placement {
    if quote.exact.is_empty() {
        return Placement::Orphaned;
    }
    let chars: Vec<char> = text.chars().collect();
    let pat: Vec<char> = quote.exact.chars().collect();
    let target = Target {
        chars: &chars,
        prefix: quote.prefix.chars().collect(),
        suffix: quote.suffix.chars().collect(),
        want: position.start,
    };
    let m = pat.len();

    // The usual case, an unchanged article, without scanning for other occurrences.
    let want = target.want;
    if chars.get(want..want.saturating_add(m)) == Some(&pat[..])
        && target.context(want, want + m) == target.prefix.len() + target.suffix.len()
    {
        return Placement::Exact {
            start: want,
            end: want + m,
        };
    }

    let best_exact = occurrences(text, &quote.exact)
        .into_iter()
        .max_by_key(|&s| target.rank(s, s + m));
    if let Some(start) = best_exact {
        let end = start + m;
        // The old offset wins whenever its context is as good as any other occurrence's,
        // because `rank` prefers the smallest distance among equals.
        return if start == want {
            Placement::Exact { start, end }
        } else {
            Placement::Moved { start, end }
        };
    }

    let found = if FUZZY_BUDGET / m >= m + 2 * (m / 5) {
        approximate(&target, &pat)
    } else {
        bracket(&target, text, &pat)
    };
    match found {
        Some((start, end)) => Placement::Fuzzy { start, end },
        None => Placement::Orphaned,
    }
}

/// Char offsets of every (possibly overlapping) exact occurrence of `pat` in `text`.
fn occurrences(text: &str, pat: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let (mut from, mut byte_pos, mut char_pos) = (0, 0, 0);
    while let Some(i) = text[from..].find(pat) {
        let at = from + i;
        char_pos += text[byte_pos..at].chars().count();
        byte_pos = at;
        found.push(char_pos);
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// For passages too long for the DP: the span from an intact head to an intact tail whose
/// length is within the edit bound of the original's.
fn bracket(target: &Target<'_>, text: &str, pat: &[char]) -> Option<(usize, usize)> {
    let m = pat.len();
    let (bound, seed) = (m / 5, CONTEXT_CHARS.min(m / 2));
    let head: String = pat[..seed].iter().collect();
    let tail: String = pat[m - seed..].iter().collect();
    let tails = occurrences(text, &tail);
    let mut best = None;
    for h in occurrences(text, &head) {
        let first = tails.partition_point(|&t| t + seed < h + m - bound);
        for &t in tails[first..].iter().take_while(|&&t| t + seed <= h + m + bound) {
            let key = target.rank(h, t + seed);
            if best.as_ref().is_none_or(|(k, _)| key > *k) {
                best = Some((key, (h, t + seed)));
            }
        }
    }
    best.map(|(_, range)| range)
}

/// A DP cell packed into one integer, `cost << 40 | (START_MASK - start)`, so that the plain
/// minimum picks the lowest cost and, among equals, the latest start (the tighter match):
/// that keeps the inner loop branch-free.
const START_BITS: u32 = 40;
const START_MASK: u64 = (1 << START_BITS) - 1;
const ONE: u64 = 1 << START_BITS;

fn pack(cost: usize, start: usize) -> u64 {
    ((cost as u64) << START_BITS) | (START_MASK - (start as u64 & START_MASK))
}

fn cost_of(cell: u64) -> usize {
    usize::try_from(cell >> START_BITS).unwrap_or(usize::MAX)
}

fn start_of(cell: u64) -> usize {
    usize::try_from(START_MASK - (cell & START_MASK)).unwrap_or(usize::MAX)
}

/// Sellers' approximate substring search with start tracking and Ukkonen's cut-off (rows
/// already past the bound are not computed), over a window around the old offset bounded by
/// `FUZZY_BUDGET`. Returns the best match within the edit bound.
fn approximate(target: &Target<'_>, pat: &[char]) -> Option<(usize, usize)> {
    type Key = ((usize, Reverse<usize>, Reverse<usize>), Reverse<usize>);
    let m = pat.len();
    // Under five chars any single edit is too large a share of the quote to trust.
    let bound = m / 5;
    let n = target.chars.len();
    let width = FUZZY_BUDGET / m.max(1);
    if bound == 0 || width < m || u64::try_from(n).is_ok_and(|n| n >= START_MASK) {
        return None;
    }
    let (lo, hi) = if n <= width {
        (0, n)
    } else {
        let lo = target.want.min(n).saturating_sub((width - m) / 2);
        let hi = (lo + width).min(n);
        (hi - width, hi)
    };

    // Every cost past the bound is equally useless, so costs saturate at `cap`; a cell within
    // the bound only ever derives from exact neighbours within the bound.
    let cap = pack(bound + 1, start_of(0));
    // Column before the window: a pattern prefix of length i against nothing costs i.
    let mut prev: Vec<u64> = (0..=m).map(|i| pack(i, lo).min(cap)).collect();
    let mut cur = prev.clone();
    let mut active = bound.min(m);
    // Context first: among near matches the one surrounded by the stored prefix and suffix
    // is the edited passage (a near-duplicate sentence elsewhere is not), and the context
    // also pins the boundaries, since a match shifted by a char loses context on that side.
    let mut best: Option<(Key, (usize, usize))> = None;
    for (j, &t) in target.chars[lo..hi].iter().enumerate() {
        let end = lo + j + 1;
        cur[0] = pack(0, end);
        let top = (active + 1).min(m);
        for i in 1..=top {
            let diag = prev[i - 1] + if pat[i - 1] == t { 0 } else { ONE };
            cur[i] = diag.min(prev[i] + ONE).min(cur[i - 1] + ONE).min(cap);
        }
        // The next column reads at most one row above this one's top.
        if top < m {
            cur[top + 1] = cap;
        }
        active = top;
        while active > 0 && cost_of(cur[active]) > bound {
            active -= 1;
        }
        if active == m && start_of(cur[m]) < end {
            let start = start_of(cur[m]);
            let (context, near, early) = target.rank(start, end);
            let key = ((context, Reverse(cost_of(cur[m])), near), early);
            if best.as_ref().is_none_or(|(k, _)| key > *k) {
                best = Some((key, (start, end)));
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best.map(|(_, range)| range)
}
