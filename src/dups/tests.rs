use proptest::prelude::*;

use super::*;

/// A deterministic article of `paras` paragraphs of about forty words from a 5,000-word
/// vocabulary (seeded: the same seed, the same text).
pub(crate) fn text(seed: u64, paras: usize) -> Vec<String> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..paras)
        .map(|_| {
            (0..40)
                .map(|_| format!("w{}", next() % 5000))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn join(paras: &[String]) -> String {
    paras.join("\n")
}

#[test]
fn short_texts_are_not_judged_and_never_agree() {
    let short = signature("Too short to tell a copy from a new report.");
    assert!(!short.judged());
    assert_eq!(short.agreement(&short), 0);
    assert!(signature(&join(&text(1, 2))).judged());
}

#[test]
fn a_copy_with_case_punctuation_and_a_new_paragraph_is_the_same_story() {
    let original = text(7, 8);
    let mut copy: Vec<String> = original.iter().map(|p| format!("{}.", p.to_uppercase())).collect();
    copy.insert(3, text(99, 1).remove(0));
    let (a, b) = (signature(&join(&original)), signature(&join(&copy)));
    assert!(a.similarity(&b) > 0.7, "{}", a.similarity(&b));
    assert!(a.same_story(&b));
    assert_eq!(a.agreement(&a), u32::try_from(LANES).unwrap());
}

#[test]
fn different_stories_sharing_a_paragraph_are_not() {
    let (mut a, mut b) = (text(1, 8), text(2, 8));
    let quote = text(3, 1).remove(0);
    a.push(quote.clone());
    b.insert(2, quote);
    let (sa, sb) = (signature(&join(&a)), signature(&join(&b)));
    assert!(!sa.same_story(&sb), "{}", sa.similarity(&sb));
}

#[test]
fn grouping_joins_copies_under_the_preferred_representative() {
    let story = text(10, 8);
    let mut trimmed = story.clone();
    trimmed.pop();
    let mut longer = story.clone();
    longer.push(text(11, 1).remove(0));
    let texts = [
        join(&text(20, 8)),
        join(&trimmed),
        join(&story),
        join(&text(21, 8)),
        join(&longer),
        "brief".into(),
    ];
    let sigs: Vec<Signature> = texts.iter().map(|t| signature(t)).collect();
    // Preference: article 2 first (say, the earliest).
    let groups = group(&sigs, &[2, 4, 1, 0, 3, 5]);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups.members(0), &[2, 4, 1]);
    assert_eq!(groups.representative(1), 2);
    assert_eq!(groups.group_of(0), None);
    assert_eq!(groups.copies_of(5), &[] as &[u32]);
    assert_eq!(groups.grouped(), 3);
}

#[test]
fn thousands_of_identical_pages_make_one_group_quickly() {
    let page = join(&text(5, 3));
    let sigs = vec![signature(&page); 5_000];
    let order: Vec<u32> = (0..5_000).collect();
    let groups = group(&sigs, &order);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups.members(0).len(), 5_000);
    assert_eq!(groups.members(0)[0], 0);
}

#[test]
fn from_members_drops_groups_of_one() {
    let g = Groups::from_members(4, vec![vec![1], vec![3, 0]]);
    assert_eq!(g.len(), 1);
    assert_eq!(g.copies_of(0), &[3, 0]);
    assert_eq!(g.group_of(1), None);
}

proptest! {
    /// The estimate tracks the true shingle overlap: replacing k of n paragraphs.
    #[test]
    fn similarity_falls_as_paragraphs_are_replaced(seed in 0u64..1000, replaced in 0usize..8) {
        let a = text(seed, 8);
        let mut b = a.clone();
        for (i, p) in text(seed + 10_000, replaced).into_iter().enumerate() {
            b[i] = p;
        }
        let s = signature(&join(&a)).similarity(&signature(&join(&b)));
        // Shingles of kept paragraphs over the union (windows across a boundary aside).
        let kept = (8 - replaced) as f64;
        let truth = kept / (8.0 + replaced as f64);
        prop_assert!((s - truth).abs() < 0.25, "estimate {s} truth {truth}");
    }

    /// Grouping never puts an article in two groups and every group is led by its most
    /// preferred member.
    #[test]
    fn groups_partition_and_lead_by_preference(stories in proptest::collection::vec(0u64..6, 2..40)) {
        let sigs: Vec<Signature> = stories.iter().map(|&s| signature(&join(&text(s, 4)))).collect();
        let order: Vec<u32> = (0..u32::try_from(sigs.len()).unwrap()).rev().collect();
        let groups = group(&sigs, &order);
        let mut seen = vec![false; sigs.len()];
        for m in groups.iter() {
            prop_assert!(m.len() > 1);
            prop_assert_eq!(m[0], *m.iter().max().unwrap());
            for &a in m {
                prop_assert!(!seen[a as usize]);
                seen[a as usize] = true;
                prop_assert_eq!(stories[a as usize], stories[m[0] as usize]);
            }
        }
        // Every story told twice or more is one group.
        for s in 0..6 {
            let n = stories.iter().filter(|&&x| x == s).count();
            let grouped = groups.iter().filter(|m| stories[m[0] as usize] == s).map(<[u32]>::len).sum::<usize>();
            prop_assert_eq!(grouped, if n > 1 { n } else { 0 });
        }
    }
}

proptest! {
    /// Collapsing keeps every row outside groups in order, one row per group that has rows
    /// (its representative when listed), and an open group's other listed rows right after.
    #[test]
    fn collapse_keeps_one_row_per_group(
        groups in proptest::collection::vec(0u32..4, 12),
        listed in proptest::collection::vec(any::<bool>(), 12),
        open in any::<bool>(),
    ) {
        // Articles 0..12; group label 0 means alone.
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); 4];
        for (a, &g) in groups.iter().enumerate() {
            if g > 0 {
                members[g as usize].push(u32::try_from(a).unwrap());
            }
        }
        let built = Groups::from_members(12, members.into_iter().skip(1).collect());
        let rows: Vec<u32> = (0..12u32).filter(|&a| listed[a as usize]).collect();
        let Collapsed { rows: out, members: shown, listed } = collapse(rows.clone(), &built, &|_| open);
        let alone: Vec<u32> = rows.iter().copied().filter(|&a| built.group_of(a as usize).is_none()).collect();
        let out_alone: Vec<u32> = out.iter().copied().filter(|&a| built.group_of(a as usize).is_none()).collect();
        prop_assert_eq!(alone, out_alone);
        for g in 0..u32::try_from(built.len()).unwrap() {
            let in_rows: Vec<u32> = rows.iter().copied().filter(|&a| built.group_of(a as usize) == Some(g)).collect();
            let in_out: Vec<u32> = out.iter().copied().filter(|&a| built.group_of(a as usize) == Some(g)).collect();
            if in_rows.is_empty() {
                prop_assert!(in_out.is_empty());
                continue;
            }
            prop_assert_eq!(listed[g as usize] as usize, in_rows.len());
            let rep = built.members(g)[0];
            let head = if in_rows.contains(&rep) { rep } else { in_rows[0] };
            prop_assert_eq!(in_out[0], head);
            prop_assert_eq!(in_out.len(), if open { in_rows.len() } else { 1 });
            let at = out.iter().position(|&a| a == head).unwrap();
            prop_assert!(out[at + 1..].iter().take(in_out.len() - 1).all(|&a| built.group_of(a as usize) == Some(g)));
        }
        prop_assert_eq!(shown.len(), out.len() - out.iter().filter(|&&a| !shown.contains(&a)).count());
    }
}
