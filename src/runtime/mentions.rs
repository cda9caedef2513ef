//! `m` in the sidebar: read the listed articles that name an entity, on another thread, and
//! send back each sentence that names it, with the mention's place in its document.

use super::{Incoming, Runtime};
use crate::{
    app::{App, Event, mentions::Mention},
    entities::{Kind, fixes::Fixes},
};

/// Context kept before a mention in a long sentence, in bytes (about a dozen words).
const BEFORE: usize = 80;
/// A sentence is cut after this many bytes past the mention.
const AFTER: usize = 160;

impl Runtime {
    pub(super) fn find_mentions(
        &mut self,
        app: &App,
        found_as: Vec<(String, Kind)>,
        articles: &[usize],
        fixes: Fixes,
        generation: u64,
    ) {
        let metas: Vec<(usize, crate::store::ArticleMeta)> = articles
            .iter()
            .filter_map(|&a| Some((a, app.articles.get(a)?.clone())))
            .collect();
        let (source, opts, tx) = (app.source.clone(), self.opts.clone(), self.tx.clone());
        let stats = app.entities.stats.clone();
        self.pending += 1;
        std::thread::spawn(move || {
            let mut found = Vec::new();
            for (article, meta) in &metas {
                match crate::runtime::effects::read_article(&source, meta, &opts, stats.as_deref()) {
                    Ok(opened) => {
                        let body = opened.doc.body();
                        // What extraction found, split as the reader split it; then every name
                        // the sidebar shows as this entity (merged ones, retyped ones).
                        let split = fixes.split_only(body, opened.entities.to_vec());
                        let mut mentions: Vec<std::ops::Range<usize>> = split
                            .iter()
                            .filter(|e| found_as.iter().any(|(n, k)| *n == e.name && *k == e.kind))
                            .flat_map(|e| e.mentions.iter().cloned())
                            .collect();
                        mentions.sort_by_key(|m| (m.start, m.end));
                        in_context(body, opened.doc.body_start, *article, &mentions, &mut found);
                    }
                    Err(e) => tracing::warn!("mentions: reading {}: {e}", meta.path),
                }
                if found.len() >= crate::app::mentions::MENTION_ROWS {
                    break;
                }
            }
            if tx.send(Incoming::Event(Event::Mentions { generation, found })).is_err() {
                tracing::debug!("the app quit before the mentions were found");
            }
        });
    }
}

/// Each mention with its sentence, on one line, clipped around the mention.
pub fn in_context(
    body: &str,
    body_start: usize,
    article: usize,
    mentions: &[std::ops::Range<usize>],
    out: &mut Vec<Mention>,
) {
    let sentences = crate::sentence::sentences(body);
    for m in mentions {
        let s = sentences
            .iter()
            .find(|s| s.start <= m.start && m.end <= s.end)
            .cloned()
            .unwrap_or(m.clone());
        let mut from = s.start.max(m.start.saturating_sub(BEFORE));
        while !body.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = s.end.min(m.end + AFTER);
        while !body.is_char_boundary(to) {
            to += 1;
        }
        let lead = if from > s.start { "…" } else { "" };
        let tail = if to < s.end { "…" } else { "" };
        // The body is sanitised already; white space that breaks a line becomes a space,
        // byte for byte, so the mention's range stays true.
        let one_line: String = body[from..to]
            .chars()
            .map(|c| if c.is_ascii_whitespace() { ' ' } else { c })
            .collect();
        let at = lead.len() + m.start - from;
        out.push(Mention {
            article,
            offset: body_start + m.start,
            sentence: format!("{lead}{one_line}{tail}"),
            hit: at..at + (m.end - m.start),
        });
    }
}
