//! Disjoint sets of candidate mentions (union-find): mentions in one set are one entity.
//!
//! Shared by `link`, which merges synonyms, acronyms and legal endings, and `alias`, which
//! merges short forms and reads the final sets.

/// Mentions are numbered by their position in the candidate list.
pub(super) struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    pub fn new(n: usize) -> Sets {
        Sets {
            parent: (0..n).collect(),
        }
    }

    pub fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    pub fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            // The earlier mention stays the root, so results do not depend on merge order.
            self.parent[a.max(b)] = a.min(b);
        }
    }
}
