//! Copies of one story: the list shows one row per group of near-duplicates (its
//! representative, with `+N`), `z` opens a group in place, `Z` turns grouping off for the
//! corpus; opening any copy marks the whole group read; the reader steps through a group's
//! copies (`C`) and shows what one adds or lacks against the representative (`D`).

use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::{App, Effect, Effects, LibraryOp, Overlay};
use crate::dups::{Groups, compare::Difference};

/// What the list knows of copies.
#[derive(Debug, Clone)]
pub struct Copies {
    pub groups: Arc<Groups>,
    /// The groups arrived (there may be none).
    pub known: bool,
    /// Grouping is on (the default; `Z` turns it off, kept per corpus).
    pub on: bool,
    /// Groups opened in place with `z`.
    pub expanded: FxHashSet<u32>,
    /// Articles listed indented under their group's row (members of expanded groups).
    pub member_rows: FxHashSet<u32>,
    /// Per group, how many of its copies the list keeps (all of them without a filter).
    pub listed: Vec<u32>,
    /// The sidebar counts every copy of a story instead of each story once.
    pub count_every: bool,
    /// The comparison the overlay shows.
    pub comparison: Option<Comparison>,
}

impl Default for Copies {
    fn default() -> Self {
        Self {
            groups: Arc::default(),
            known: false,
            on: true,
            expanded: FxHashSet::default(),
            member_rows: FxHashSet::default(),
            listed: Vec::new(),
            count_every: false,
            comparison: None,
        }
    }
}

/// A copy compared with its group's representative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub copy: usize,
    pub with: usize,
    pub result: Result<Difference, String>,
}

/// How a list row stands to its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Alone,
    /// The row standing for a group, with how many other copies it has.
    Head {
        others: usize,
        expanded: bool,
    },
    /// A copy listed under its group's row.
    Member,
}

impl App {
    /// Whether the list is grouping copies now.
    #[must_use]
    pub fn grouping(&self) -> bool {
        self.copies.on && !self.copies.groups.is_empty()
    }

    #[must_use]
    pub fn row_kind(&self, article: usize) -> RowKind {
        if !self.grouping() {
            return RowKind::Alone;
        }
        match self.copies.groups.group_of(article) {
            None => RowKind::Alone,
            Some(_) if self.copies.member_rows.contains(&crate::store::article_number(article)) => RowKind::Member,
            // `+N` counts the copies the list keeps: under a filter, those that match it.
            Some(g) => match self.copies.listed.get(g as usize).map_or(0, |&n| n as usize) {
                0 | 1 => RowKind::Alone,
                listed => RowKind::Head {
                    others: listed - 1,
                    expanded: self.copies.expanded.contains(&g),
                },
            },
        }
    }

    /// The copies of the article (itself included, representative first) while grouping.
    #[must_use]
    pub fn copies_of(&self, article: usize) -> &[u32] {
        if self.grouping() {
            self.copies.groups.copies_of(article)
        } else {
            &[]
        }
    }

    /// A collapsed group's row shows the marks made on any of its copies.
    #[must_use]
    pub fn group_marks(&self, article: usize) -> (bool, bool) {
        let ids = |f: &dyn Fn(&str) -> bool| match self.row_kind(article) {
            RowKind::Head { expanded: false, .. } => self
                .copies_of(article)
                .iter()
                .any(|&a| f(&self.articles[a as usize].id)),
            _ => f(&self.articles[article].id),
        };
        (ids(&|id| self.marks.bookmarked(id)), ids(&|id| self.marks.has_note(id)))
    }

    /// One row per group: where its first copy in `rows` would be, the representative if it
    /// is among `rows`, else that first copy; an expanded group's other copies in `rows`
    /// follow it.
    pub(super) fn collapse(&mut self, rows: Vec<u32>) -> Vec<u32> {
        let expanded = &self.copies.expanded;
        let collapsed = crate::dups::collapse(rows, &self.copies.groups, &|g| expanded.contains(&g));
        self.copies.member_rows = collapsed.members.into_iter().collect();
        self.copies.listed = collapsed.listed;
        collapsed.rows
    }

    /// The groups found in the background arrived.
    pub(super) fn groups_arrived(&mut self, groups: Arc<Groups>, fx: &mut Effects) {
        let keep = self.cursor_article();
        self.copies.groups = groups;
        self.copies.known = true;
        self.copies.expanded.clear();
        self.regroup(keep, fx);
    }

    fn regroup(&mut self, keep: Option<usize>, fx: &mut Effects) {
        self.recompute_rows();
        if keep.is_some() {
            self.keep_cursor_on(keep, fx);
        }
        self.refresh_related();
    }

    pub(super) fn copies_action(&mut self, action: &super::Action, fx: &mut Effects) {
        use super::Action;
        match action {
            Action::ToggleGroup => self.toggle_expanded(fx),
            Action::ToggleGrouping => self.toggle_grouping(fx),
            Action::CountEveryCopy => self.toggle_count_every(),
            Action::NextCopy => self.next_copy(fx),
            Action::CompareCopy => self.compare_copy(fx),
            _ => {}
        }
    }

    /// Why an article shows no copies.
    fn no_copies(&self) -> &'static str {
        match (self.copies.on, self.copies.known) {
            (false, _) => "copies are listed one by one (Z groups them)",
            (true, false) => "copies are still being found (after the names)",
            (true, true) => "this article has no copies",
        }
    }

    fn say(&mut self, text: &str) {
        self.message = Some(super::Message::info(text));
    }

    /// Related articles of `article`, each other story once (see [`App::related_once`]).
    pub(super) fn related_of(&self, article: usize) -> Vec<(usize, u32)> {
        let limit = super::sidebar::RELATED;
        let related = self.entities.index.related(article, limit * 4);
        self.related_once(article, related, limit)
    }

    /// The open article's related list, after grouping or counting changed.
    pub(super) fn refresh_related(&mut self) {
        if let Some(index) = self.reader.as_ref().map(|r| r.index) {
            let related = self.related_of(index);
            if let Some(reader) = &mut self.reader {
                reader.related = related;
            }
        }
    }

    /// `z`: open or close the group under the cursor.
    pub(super) fn toggle_expanded(&mut self, fx: &mut Effects) {
        let Some(article) = self.cursor_article() else { return };
        let Some(g) = self.copies.groups.group_of(article).filter(|_| self.grouping()) else {
            self.say(self.no_copies());
            return;
        };
        if !self.copies.expanded.remove(&g) {
            self.copies.expanded.insert(g);
        }
        // Closing from a copy's row lands on the group's row (see `keep_cursor_on`).
        self.recompute_rows();
        self.keep_cursor_on(Some(article), fx);
    }

    /// The row standing for `article` when it is a copy folded into its group's row.
    pub(super) fn row_of_copy(&self, article: usize) -> Option<usize> {
        let g = self.copies.groups.group_of(article).filter(|_| self.grouping())?;
        (0..self.row_count()).find(|&r| {
            self.row_article(r)
                .is_some_and(|a| self.copies.groups.group_of(a) == Some(g))
        })
    }

    /// `Z`: group copies or list every one, kept for the corpus.
    pub(super) fn toggle_grouping(&mut self, fx: &mut Effects) {
        self.copies.on = !self.copies.on;
        let keep = self.cursor_article();
        self.regroup(keep, fx);
        if self.marks.read_only.is_none() {
            fx.push(Effect::Library(LibraryOp::SetGrouping(self.copies.on)));
        }
        let n = self.copies.groups.len();
        self.say(&if self.copies.on && !self.copies.known {
            "copies will be grouped once they are found".to_string()
        } else if self.copies.on {
            format!("copies grouped: {n} stories with copies")
        } else {
            "every copy listed".to_string()
        });
    }

    /// The sidebar's `+`: count every copy of a story, or each story once.
    pub(super) fn toggle_count_every(&mut self) {
        self.copies.count_every = !self.copies.count_every;
        self.refresh_corpus_counts();
        self.refresh_related();
        self.say(if self.copies.count_every {
            "names counted in every copy of a story"
        } else {
            "names counted once per story"
        });
    }

    /// Articles to count names over: each story once (a group's row, not its copies) unless
    /// every copy is wanted, when a group's row brings in all its copies.
    pub(super) fn counted_rows(&self) -> Vec<usize> {
        let rows = (0..self.row_count()).filter_map(|r| self.row_article(r));
        if !self.grouping() {
            return rows.collect();
        }
        let members = &self.copies.member_rows;
        let heads = rows.filter(|&a| !members.contains(&crate::store::article_number(a)));
        if !self.copies.count_every {
            return heads.collect();
        }
        heads
            .flat_map(|a| match self.copies.groups.copies_of(a) {
                [] => vec![a],
                copies => copies.iter().map(|&c| c as usize).collect(),
            })
            .collect()
    }

    /// Related articles without the open one's own copies, and one copy of each other story
    /// (unless every copy is counted).
    pub(super) fn related_once(&self, article: usize, related: Vec<(usize, u32)>, limit: usize) -> Vec<(usize, u32)> {
        if !self.grouping() || self.copies.count_every {
            return related.into_iter().take(limit).collect();
        }
        let groups = &self.copies.groups;
        let own = groups.group_of(article);
        let mut seen = FxHashSet::default();
        related
            .into_iter()
            .filter(|&(a, _)| match groups.group_of(a) {
                None => true,
                Some(g) => Some(g) != own && seen.insert(g),
            })
            .take(limit)
            .collect()
    }

    /// Opening any copy of a story marks every copy read, as feed readers do.
    pub(super) fn mark_group_read(&self, article: usize, fx: &mut Effects) {
        if !self.grouping() || self.marks.read_only.is_some() {
            return;
        }
        let ids: Vec<String> = self
            .copies
            .groups
            .copies_of(article)
            .iter()
            .filter(|&&c| c as usize != article)
            .map(|&c| &self.articles[c as usize].id)
            .filter(|id| !self.marks.read(id))
            .cloned()
            .collect();
        // One write for the whole group, however many copies it has.
        if !ids.is_empty() {
            fx.push(Effect::Library(LibraryOp::SetReadMany(ids)));
        }
    }

    /// An article about to be shown in the list (a jump to it): a copy inside a closed group
    /// opens the group.
    pub(super) fn reveal_copy(&mut self, article: usize) {
        let Some(g) = self.copies.groups.group_of(article).filter(|_| self.grouping()) else {
            return;
        };
        if self.row_of(article).is_none() && self.copies.expanded.insert(g) {
            self.recompute_rows();
        }
    }

    /// `C` in the reader: the next copy of the story open (the representative after the last).
    pub(super) fn next_copy(&mut self, fx: &mut Effects) {
        let Some(open) = self.reader.as_ref().map(|r| r.index) else {
            return;
        };
        let copies = self.copies_of(open);
        let Some(at) = copies.iter().position(|&c| c as usize == open) else {
            self.say(self.no_copies());
            return;
        };
        let next = copies[(at + 1) % copies.len()] as usize;
        let (n, total) = ((at + 1) % copies.len() + 1, copies.len());
        self.go_to_article(next, fx);
        self.focus = super::Focus::Reader;
        self.say(&format!("copy {n} of {total}"));
    }

    /// `D` in the reader: what the open copy adds or lacks against the representative (the
    /// representative against the next copy).
    pub(super) fn compare_copy(&mut self, fx: &mut Effects) {
        let Some(open) = self.reader.as_ref().map(|r| r.index) else {
            return;
        };
        let copies = self.copies_of(open);
        let (Some(&rep), true) = (copies.first(), copies.len() > 1) else {
            self.say(self.no_copies());
            return;
        };
        let with = if rep as usize == open {
            copies[1] as usize
        } else {
            rep as usize
        };
        fx.push(Effect::CompareCopies { copy: open, with });
    }

    pub(super) fn compared(&mut self, comparison: Comparison) {
        self.copies.comparison = Some(comparison);
        self.overlay = Some(Overlay::Compare);
        self.overlay_scroll = 0;
    }

    /// The comparison overlay's lines, wrapped to `width`: what the copy adds, what it lacks.
    #[must_use]
    pub fn comparison_lines(&self, width: usize) -> Vec<(bool, String)> {
        let Some(c) = &self.copies.comparison else {
            return Vec::new();
        };
        let name = |a: usize| {
            let m = &self.articles[a];
            m.source.clone().unwrap_or_else(|| m.path.clone())
        };
        let d = match &c.result {
            Ok(d) => d,
            Err(e) => return vec![(true, format!("cannot compare: {e}"))],
        };
        let mut out = vec![(
            true,
            format!(
                "{} paragraphs in both; {} only in this copy, {} only in the other",
                d.shared,
                d.adds.len(),
                d.lacks.len()
            ),
        )];
        for (heading, paras) in [
            (format!("Only in this copy ({}):", name(c.copy)), &d.adds),
            (format!("Only in {} (it lacks these):", name(c.with)), &d.lacks),
        ] {
            out.push((false, String::new()));
            out.push((true, heading));
            if paras.is_empty() {
                out.push((false, "  (nothing)".into()));
            }
            for p in paras {
                for line in textwrap::wrap(p, width.saturating_sub(2).max(8)) {
                    out.push((false, format!("  {line}")));
                }
                out.push((false, String::new()));
            }
        }
        out
    }
}
