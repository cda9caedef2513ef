//! Near-duplicate articles: the same story republished with a new headline, a trimmed lead
//! or an added paragraph, or crawled twice.
//!
//! Each article's text gets a [`Signature`]: a b-bit `MinHash` (one byte of each of
//! [`LANES`] minimum hashes) over its five-word shingles, 64 bytes in all. Two signatures
//! agree in a lane with probability J + (1 − J)/256, J being the Jaccard similarity of the
//! two shingle sets, so counting agreeing lanes estimates J. Candidate pairs come from
//! locality-sensitive banding ([`BANDS`] bands of three lanes; a pair that agrees in any band
//! is a candidate); each is verified on the whole signature, and verified pairs are joined
//! into [`Groups`]. A group's first member is its representative: the earliest article,
//! else the longest. Hand-written rather than a crate: `gaoya` (the maintained-looking
//! choice; last released 2023) does b-bit `MinHash` too, but brings rayon's thread pool and a
//! dozen dependencies, and its index keeps per-band hash maps of every signature; grouping
//! here is a sort per band over a flat array, in about 150 lines.

pub mod compare;
#[cfg(test)]
mod tests;

use rustc_hash::FxHashMap;

/// Minimum hashes kept per article (one byte each); the signature's first byte says whether
/// the article was long enough to judge.
pub const LANES: usize = 63;
/// Lanes per band: three bytes make a 24-bit bucket key, so unrelated articles meet in a
/// bucket about once per 16 million pairs, while a pair with J = 0.5 shares a band with
/// probability 0.94 (0.99 at J = 0.6).
const ROWS: usize = 3;
pub const BANDS: usize = LANES / ROWS;
/// Words per shingle. Five words: a shared name or stock phrase ("said in a statement")
/// makes few shared shingles, a shared paragraph makes many.
const SHINGLE: usize = 5;
/// Articles with fewer words are never grouped: a two-line brief shares too much with any
/// other brief on the same event to tell a copy from a new report.
pub const MIN_WORDS: usize = 50;
/// Lanes that must agree for two articles to be copies: an estimated Jaccard similarity of
/// about 0.5 (32 of 63 lanes; chance agreement is 1/256 per lane). Copies with a new lead,
/// an added paragraph or other boilerplate sit at 0.6–1.0; follow-ups and stories sharing a
/// quotation below 0.3.
pub const SAME: u32 = 32;
/// A member that agrees with its group's representative in fewer lanes than this was joined
/// only through a chain of edits and is taken out of the group (J below about 0.28: a heavily
/// cut copy as representative still keeps the fuller ones: at 24 the labelled set lost 33 of
/// 2,497 pairs that way, at 18 nine, with no false merge either way).
const KEEP: u32 = 18;
/// In a bucket, each article is compared with at most this many of the best-placed ones:
/// ten thousand copies of one boilerplate page must not cost fifty million comparisons.
const LEADERS: usize = 8;

/// A similarity signature: byte 0 is 1 for an article long enough to judge, bytes 1..=63 the
/// lanes. 64 bytes, no heap.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Signature(pub [u8; 64]);

impl Default for Signature {
    fn default() -> Self {
        Self::NONE
    }
}

impl std::fmt::Debug for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.judged() {
            write!(f, "Signature({:02x?}…)", &self.0[1..5])
        } else {
            f.write_str("Signature(none)")
        }
    }
}

impl Signature {
    /// Not judged (too short, or not read yet).
    pub const NONE: Self = Self([0; 64]);

    #[must_use]
    pub fn judged(&self) -> bool {
        self.0[0] == 1
    }

    /// Lanes on which the two agree (0 when either is not judged).
    #[must_use]
    pub fn agreement(&self, other: &Self) -> u32 {
        if !(self.judged() && other.judged()) {
            return 0;
        }
        self.0[1..]
            .iter()
            .zip(&other.0[1..])
            .map(|(a, b)| u32::from(a == b))
            .sum()
    }

    /// The Jaccard similarity the agreement estimates, corrected for chance agreement.
    #[must_use]
    pub fn similarity(&self, other: &Self) -> f64 {
        let agree = f64::from(self.agreement(other)) / LANES as f64;
        ((agree - 1.0 / 256.0) / (1.0 - 1.0 / 256.0)).clamp(0.0, 1.0)
    }

    /// Near-duplicates by [`SAME`].
    #[must_use]
    pub fn same_story(&self, other: &Self) -> bool {
        self.agreement(other) >= SAME
    }

    fn band(&self, band: usize) -> u32 {
        let at = 1 + band * ROWS;
        u32::from(self.0[at]) << 16 | u32::from(self.0[at + 1]) << 8 | u32::from(self.0[at + 2])
    }
}

/// Seeds of the lanes' hash functions (fixed, so signatures kept in the catalog stay valid).
const fn seeds() -> [(u64, u64); LANES] {
    let mut out = [(0, 0); LANES];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut i = 0;
    while i < LANES {
        // splitmix64
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        out[i] = (z, (z.rotate_left(17) ^ 0xD6E8_FEB8_6659_FD93) | 1);
        i += 1;
    }
    out
}
static SEEDS: [(u64, u64); LANES] = seeds();

/// Words as the signature sees them: letters and digits, lower-cased, hashed. Punctuation,
/// case and line breaks differ between copies of one story; words do not.
fn word_hashes(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut h: u64 = 0xCBF2_9CE4_8422_2325;
            for c in w.chars().flat_map(char::to_lowercase) {
                h = (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01B3);
            }
            h
        })
        .collect()
}

/// The signature of an article's text; [`Signature::NONE`] when it has fewer than
/// [`MIN_WORDS`] words.
#[must_use]
pub fn signature(text: &str) -> Signature {
    let words = word_hashes(text);
    if words.len() < MIN_WORDS {
        return Signature::NONE;
    }
    let mut mins = [u64::MAX; LANES];
    for window in words.windows(SHINGLE) {
        let shingle = window.iter().fold(0u64, |s, &w| {
            (s.rotate_left(23) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        });
        for (min, &(xor, mul)) in mins.iter_mut().zip(&SEEDS) {
            *min = (*min).min((shingle ^ xor).wrapping_mul(mul));
        }
    }
    let mut sig = [0u8; 64];
    sig[0] = 1;
    for (byte, min) in sig[1..].iter_mut().zip(mins) {
        // The minimum's top bits are mostly zero; the bits below them are uniform.
        *byte = min.to_le_bytes()[3];
    }
    Signature(sig)
}

/// Articles grouped as copies of one story. Articles in no group (most) cost four bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    /// Per article: its group, or [`Groups::ALONE`].
    of: Vec<u32>,
    /// Per group: its members, representative first, the rest by preference.
    members: Vec<Vec<u32>>,
}

impl Groups {
    pub const ALONE: u32 = u32::MAX;

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// How many groups (of two or more articles) there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Articles in groups, representatives included.
    #[must_use]
    pub fn grouped(&self) -> usize {
        self.members.iter().map(Vec::len).sum()
    }

    /// The group of `article`, if it is in one.
    #[must_use]
    pub fn group_of(&self, article: usize) -> Option<u32> {
        self.of.get(article).copied().filter(|&g| g != Self::ALONE)
    }

    /// The members of group `g`, representative first.
    #[must_use]
    pub fn members(&self, g: u32) -> &[u32] {
        self.members.get(g as usize).map_or(&[], Vec::as_slice)
    }

    /// The copies of `article`, itself included, representative first; empty when alone.
    #[must_use]
    pub fn copies_of(&self, article: usize) -> &[u32] {
        self.group_of(article).map_or(&[], |g| self.members(g))
    }

    /// Its group's representative, or the article itself.
    #[must_use]
    pub fn representative(&self, article: usize) -> usize {
        self.copies_of(article).first().map_or(article, |&r| r as usize)
    }

    /// Every group, representative first in each.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> {
        self.members.iter().map(Vec::as_slice)
    }

    /// Groups from lists of members (each representative first), for tests and the catalog.
    #[must_use]
    pub fn from_members(articles: usize, members: Vec<Vec<u32>>) -> Self {
        let mut of = vec![Self::ALONE; articles];
        let members: Vec<Vec<u32>> = members.into_iter().filter(|m| m.len() > 1).collect();
        for (g, m) in members.iter().enumerate() {
            for &a in m {
                if let Some(slot) = of.get_mut(a as usize) {
                    *slot = u32::try_from(g).unwrap_or(Self::ALONE);
                }
            }
        }
        Self { of, members }
    }
}

/// A list with one row per group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Collapsed {
    pub rows: Vec<u32>,
    /// The rows of open groups' other copies.
    pub members: Vec<u32>,
    /// Per group, how many of its copies the list had (empty when there are no groups).
    pub listed: Vec<u32>,
}

/// `rows` (article numbers, in the list's order) with one row per group: where the group's
/// first row was, its representative when that is among `rows`, else that first row. The
/// groups `open` says yes to keep their other rows, right after it.
#[must_use]
pub fn collapse(rows: Vec<u32>, groups: &Groups, open: &dyn Fn(u32) -> bool) -> Collapsed {
    if groups.is_empty() {
        return Collapsed {
            rows,
            ..Collapsed::default()
        };
    }
    // Flat arrays by group, not a map of lists: this runs whenever the list changes, over
    // every row of a million-article corpus.
    let mut first = vec![u32::MAX; groups.len()];
    let mut listed = vec![0u32; groups.len()];
    let mut rep_listed = vec![false; groups.len()];
    let mut open_copies: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for &a in &rows {
        if let Some(g) = groups.group_of(a as usize) {
            let at = g as usize;
            if first[at] == u32::MAX {
                first[at] = a;
            }
            listed[at] += 1;
            rep_listed[at] |= groups.members(g)[0] == a;
            if open(g) {
                open_copies.entry(g).or_default().push(a);
            }
        }
    }
    let mut done = vec![false; groups.len()];
    let (mut out, mut members) = (Vec::with_capacity(rows.len()), Vec::new());
    for a in rows {
        let Some(g) = groups.group_of(a as usize) else {
            out.push(a);
            continue;
        };
        let at = g as usize;
        if std::mem::replace(&mut done[at], true) {
            continue;
        }
        let head = if rep_listed[at] {
            groups.members(g)[0]
        } else {
            first[at]
        };
        out.push(head);
        for m in open_copies.remove(&g).into_iter().flatten().filter(|&m| m != head) {
            out.push(m);
            members.push(m);
        }
    }
    Collapsed {
        rows: out,
        members,
        listed,
    }
}

/// Every article, best representative first: the earliest dated (the first to report it),
/// then the longest (the fullest copy), then the first loaded.
#[must_use]
pub fn preference(articles: &[crate::store::ArticleMeta]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..articles.len()).map(crate::store::article_number).collect();
    order.sort_by_key(|&a| {
        let m = &articles[a as usize];
        (m.published.is_none(), m.published, std::cmp::Reverse(m.words), a)
    });
    order
}

/// [`group`] with the [`preference`] of `articles`.
#[must_use]
pub fn group_articles(articles: &[crate::store::ArticleMeta], sigs: &[Signature]) -> Groups {
    group(sigs, &preference(articles))
}

/// Group the articles whose signatures are near-duplicates. `preference` lists every article
/// best representative first (the caller's order: earliest, else longest); an article it
/// leaves out is never a group's representative unless alone with others left out.
#[must_use]
pub fn group(sigs: &[Signature], preference: &[u32]) -> Groups {
    let n = sigs.len();
    let mut rank = vec![u32::MAX; n];
    for (r, &a) in preference.iter().enumerate() {
        if let Some(slot) = rank.get_mut(a as usize) {
            *slot = u32::try_from(r).unwrap_or(u32::MAX);
        }
    }
    let judged: Vec<u32> = (0..n)
        .filter(|&i| sigs[i].judged())
        .map(crate::store::article_number)
        .collect();
    let mut sets = Sets::new(n);
    let mut keys: Vec<(u32, u32, u32)> = Vec::with_capacity(judged.len());
    for band in 0..BANDS {
        keys.clear();
        keys.extend(
            judged
                .iter()
                .map(|&a| (sigs[a as usize].band(band), rank[a as usize], a)),
        );
        keys.sort_unstable();
        for bucket in keys.chunk_by(|x, y| x.0 == y.0).filter(|b| b.len() > 1) {
            for (j, &(_, _, a)) in bucket.iter().enumerate().skip(1) {
                for &(_, _, leader) in &bucket[..j.min(LEADERS)] {
                    if sets.find(a) == sets.find(leader) {
                        break;
                    }
                    if sigs[a as usize].same_story(&sigs[leader as usize]) {
                        sets.join(a, leader);
                        break;
                    }
                }
            }
        }
    }
    let mut by_root: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for &a in &judged {
        if sets.joined(a) {
            let root = sets.find(a);
            by_root.entry(root).or_default().push(a);
        }
    }
    let mut members: Vec<Vec<u32>> = Vec::new();
    for mut rest in by_root.into_values().filter(|m| m.len() > 1) {
        rest.sort_unstable_by_key(|&a| (rank[a as usize], a));
        // Each group is led by its best-placed member; members too far from it (joined
        // through a chain of edits) are grouped again among themselves the same way.
        while rest.len() > 1 {
            let first = rest[0];
            let rep = sigs[first as usize];
            let (kept, far): (Vec<u32>, Vec<u32>) = rest
                .into_iter()
                .partition(|&a| a == first || rep.agreement(&sigs[a as usize]) >= KEEP);
            if kept.len() > 1 {
                members.push(kept);
            }
            rest = far;
        }
    }
    members.sort_unstable_by_key(|m| (rank[m[0] as usize], m[0]));
    Groups::from_members(n, members)
}

/// Union-find over article numbers, by size with path halving.
struct Sets {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl Sets {
    fn new(n: usize) -> Self {
        Self {
            parent: (0..n).map(crate::store::article_number).collect(),
            size: vec![1; n],
        }
    }

    fn find(&mut self, mut a: u32) -> u32 {
        while self.parent[a as usize] != a {
            let up = self.parent[self.parent[a as usize] as usize];
            self.parent[a as usize] = up;
            a = up;
        }
        a
    }

    fn joined(&mut self, a: u32) -> bool {
        let root = self.find(a);
        self.size[root as usize] > 1
    }

    fn join(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (big, small) = if self.size[ra as usize] >= self.size[rb as usize] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small as usize] = big;
        self.size[big as usize] += self.size[small as usize];
    }
}
