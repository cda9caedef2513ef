//! Kind votes for one candidate, from the words inside it and the words around it.
//!
//! Votes are summed over every mention of an entity before its kind is chosen, so a single
//! strong cue ("the vaccine alliance Gavi") outweighs several weak defaults.

use super::Ctx;
use super::Kind;
use super::segment::Cand;
use super::token::Shape;

const PERSON: usize = 0;
const ORG: usize = 1;
const PLACE: usize = 2;
const OTHER: usize = 3;

pub(super) fn kind_index(k: Kind) -> usize {
    match k {
        Kind::Person => PERSON,
        Kind::Organization => ORG,
        Kind::Place => PLACE,
        Kind::Other => OTHER,
    }
}

const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stressed",
    "noted",
    "warned",
    "argued",
    "explained",
    "insisted",
    "reiterated",
    "emphasized",
    "emphasised",
    "pointed",
    "wrote",
    "asked",
    "replied",
    "admitted",
    "acknowledged",
    "cautioned",
    "conceded",
    "urged",
    "thanked",
    "praised",
    "accused",
    "recalled",
    "smiled",
    "shrugged",
    "laughed",
    "believes",
    "thinks",
];

/// Adds the votes that `c`'s own words and its neighbours give.
pub(super) fn add_votes(ctx: &Ctx, c: &mut Cand) {
    let (doc, g) = (ctx.doc, ctx.g);
    if let Some(gid) = c.gaz {
        c.votes[kind_index(g.kind_of(gid))] += 100.0;
        return;
    }
    let caps: Vec<usize> = (c.first..=c.last).filter(|&i| doc.tokens[i].is_capital()).collect();
    let Some(&first) = caps.first() else {
        return;
    };
    let ending = (c.first..=c.last).any(|i| g.is_ending(doc.word(i))) && caps.len() > 1;
    let named: Vec<&str> = caps
        .iter()
        .map(|&i| doc.word(i))
        .filter(|w| !g.is_ending(w) && !is_roman(w))
        .collect();
    let n = named.len();
    let last = named.last().copied().unwrap_or(doc.word(first));
    let head = named.first().copied().unwrap_or(last);
    let last_token = c.last;
    let v = &mut c.votes;
    if ending {
        v[ORG] += 8.0;
    }
    if (c.first..=c.last).any(|i| doc.is_punct(i, '&')) {
        v[ORG] += 3.0;
    }
    let numbered = doc.tokens[c.last].shape == Shape::Number;
    if numbered {
        v[OTHER] += 6.0;
    }
    let cue = |w: &str, weight: f32, v: &mut [f32; 4]| {
        let mut hit = false;
        for (set, k) in [(&g.org_words, ORG), (&g.other_words, OTHER), (&g.place_words, PLACE)] {
            if set.contains(w) {
                v[k] += weight;
                hit = true;
            }
        }
        hit
    };
    // The last word of a name says most about it, then the first, then any other.
    let mut has_cue = n > 1 && cue(last, 6.0, v);
    if n > 1 && !has_cue {
        has_cue = cue(head, 5.0, v);
    }
    if n > 2 && !has_cue {
        for w in &named[1..n - 1] {
            has_cue |= cue(w, 4.0, v);
        }
    }
    if n == 1 && compound_org(head) {
        v[ORG] += 3.0;
    }
    let given = g.is_given(head);
    if given && !has_cue {
        v[PERSON] += if n > 1 { 4.0 } else { 2.0 };
    }
    // Names written family name first ("Tan Wei Jie", "Lim Kah Hoe") or with a given name
    // in second place ("Rizal Fahmi Lubis") are people too.
    if !given && !has_cue && (2..=4).contains(&n) && named[1..].iter().any(|w| g.is_given(w)) {
        v[PERSON] += 3.0;
    }
    // A plural noun after a name is a team or a band: "Kaizer Chiefs", "Orlando Pirates".
    if n > 1 && !has_cue && last.len() > 3 && last.ends_with('s') && g.is_english_word(last) && !g.is_demonym(last) {
        v[ORG] += 6.0;
    }
    // "Ogun State", "Bac Ninh Province": a known place and the word for its rank.
    if n == 2
        && matches!(
            last,
            "State" | "Province" | "Region" | "County" | "District" | "Governorate" | "Prefecture" | "Oblast"
        )
        && g.world_at(doc, caps[0], caps[0] + 1, &mut String::new()).is_some()
    {
        v[PLACE] += 8.0;
    }
    if n > 1 && !has_cue && !given {
        let last_is_place = g.phrases.get(last).is_some_and(|&gid| g.kind_of(gid) == Kind::Place);
        if n == 2 && body_of_country(ctx, last_token, head) {
            v[ORG] += 5.0;
        } else if last_is_place {
            v[PLACE] += 5.0;
        }
    }
    if c.first == c.last && ctx.weak_place.contains(&c.first) {
        v[PLACE] += 3.5;
    }
    let t = &doc.tokens[first];
    let weak = &mut c.weak;
    let digits = named.iter().any(|w| w.chars().any(|ch| ch.is_ascii_digit()));
    if digits || numbered || n >= 4 {
        // Model numbers and long descriptive names: products, programmes, missions.
        weak[OTHER] += 1.0;
    } else if n == 1 && t.shape == Shape::Upper {
        weak[ORG] += 1.5;
    } else {
        // People come with evidence — a given name, a role, a verb of speech, a surname used
        // alone — so a bare unknown name is more often an organisation.
        weak[ORG] += 1.0;
    }
    context(ctx, c, n);
}

/// German-style compounds that end in an organisation word: "Commerzbank", "Rijksmuseum".
fn compound_org(w: &str) -> bool {
    w.len() > 6 && ["bank", "museum", "gruppe", "werke"].iter().any(|s| w.ends_with(s))
}

fn is_roman(w: &str) -> bool {
    matches!(
        w,
        "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X" | "XI" | "XII"
    )
}

/// Does the paragraph of token `i` open like a byline or a credit ("By", "Photo by",
/// "(Reporting by")?
fn credit_line(ctx: &Ctx, i: usize) -> bool {
    let toks = &ctx.doc.tokens;
    let para = toks[i].para;
    let first = toks[..i].iter().rposition(|t| t.para != para).map_or(0, |k| k + 1);
    (first..i).find(|&k| toks[k].is_word()).is_some_and(|k| {
        matches!(
            ctx.doc.word(k),
            "By" | "Photo" | "PHOTO" | "Photos" | "Reporting" | "Writing" | "Editing"
        )
    })
}

/// Votes from the words just before and after the mention.
fn context(ctx: &Ctx, c: &mut Cand, n: usize) {
    let (doc, g) = (ctx.doc, ctx.g);
    let toks = &doc.tokens;
    let word_at = |i: usize| -> Option<&str> { toks.get(i).filter(|t| t.shape == Shape::Lower).map(|_| doc.word(i)) };
    let v = &mut c.votes;
    let noun_vote = |w: &str, weight: f32, v: &mut [f32; 4]| {
        for (set, k) in [
            (&g.person_nouns, PERSON),
            (&g.org_nouns, ORG),
            (&g.place_nouns, PLACE),
            (&g.other_nouns, OTHER),
        ] {
            if set.contains(w) {
                v[k] += weight;
                return true;
            }
        }
        false
    };
    // "By Sophie Lam", "(Reporting by Tan Wei Jie; Editing by …)": a byline names people.
    if c.first > 0 && matches!(doc.word(c.first - 1), "by" | "By") && credit_line(ctx, c.first) && n <= 4 {
        v[PERSON] += 4.0;
    }
    if let Some(p) = c.first.checked_sub(1) {
        if let Some(w) = word_at(p) {
            if !noun_vote(w, 3.0, v) {
                match w {
                    "said" | "says" => v[PERSON] += 2.0,
                    "in" | "near" | "across" | "outside" => {
                        v[PLACE] += if n == 1 { 2.0 } else { 1.0 };
                    }
                    "at" | "towards" | "toward" => v[PLACE] += 1.0,
                    "of" if p > 0 && word_at(p - 1).is_some_and(|w| g.place_nouns.contains(w)) => {
                        v[PLACE] += 3.0;
                    }
                    _ => {}
                }
            }
        } else if doc.is_punct(p, ',')
            && p > 0
            && let Some(w) = word_at(p - 1)
        {
            // "the economist, Selin Aydın", "the regional capital, Semera".
            if g.person_nouns.contains(w) {
                v[PERSON] += 3.0;
            } else if g.place_nouns.contains(w) {
                v[PLACE] += 3.0;
            }
        }
        // "districts such as Turksib": the kind of thing named before "such as".
        if p >= 2
            && word_at(p) == Some("as")
            && word_at(p - 1) == Some("such")
            && let Some(w) = word_at(p - 2)
        {
            let single = w.strip_suffix('s').unwrap_or(w);
            if g.place_nouns.contains(w) || g.place_nouns.contains(single) {
                v[PLACE] += 3.0;
            } else if g.org_nouns.contains(w) || g.org_nouns.contains(single) {
                v[ORG] += 3.0;
            }
        }
    }
    // "Devon Campbell was disqualified despite protesting that he…": a personal pronoun
    // before any other name refers back to this one.
    let window =
        || (c.last + 1..(c.last + 16).min(toks.len())).take_while(|&i| !toks[i].is_capital() || toks[i].ambiguous);
    // "the clubs of Yaba and Ebute Metta, where he met …": "where" points back at a place, and
    // the pronoun after it is someone else.
    let where_next = (c.last + 1..(c.last + 3).min(toks.len()))
        .find(|&i| toks[i].is_word())
        .is_some_and(|i| doc.word(i) == "where");
    if where_next {
        v[PLACE] += 2.0;
    } else if window().any(|i| matches!(doc.word(i), "he" | "she" | "his" | "her" | "him" | "He" | "She")) {
        v[PERSON] += 1.5;
    } else if window().any(|i| matches!(doc.word(i), "its" | "Its")) {
        // "Kia … has expanded its plant": things own with "its".
        v[ORG] += 1.5;
    }
    let next = c.last + 1;
    after_name(ctx, c);
    let v = &mut c.votes;
    if let Some(w) = word_at(next) {
        if SPEECH.contains(&w) {
            // Organisations speak too ("Gavi said"): a weak hint only.
            v[PERSON] += 1.0;
        } else {
            noun_vote(w, 3.0, v);
        }
    } else if doc.is_punct(next, ',') {
        match word_at(next + 1) {
            Some("the" | "a" | "an") => {
                let stop = (next + 2..(next + 9).min(toks.len()))
                    .find(|&i| toks[i].shape == Shape::Punct)
                    .unwrap_or((next + 9).min(toks.len()));
                for i in next + 2..stop {
                    if let Some(w) = word_at(i)
                        && noun_vote(w, 3.0, v)
                    {
                        break;
                    }
                }
            }
            Some("who") => v[PERSON] += 2.0,
            Some("which") => v[ORG] += 1.5,
            _ => {}
        }
    }
}

/// Votes from what follows the name: an owner of a person, a place it is in or near, "-based",
/// an employer of the person named next.
fn after_name(ctx: &Ctx, c: &mut Cand) {
    let (doc, g) = (ctx.doc, ctx.g);
    let toks = &doc.tokens;
    let word_at = |i: usize| -> Option<&str> { toks.get(i).filter(|t| t.shape == Shape::Lower).map(|_| doc.word(i)) };
    let next = c.last + 1;
    let gaz = c.gaz;
    let v = &mut c.votes;
    // "Galatasaray's Caio Rezende": a name owning a person is a team, a firm or a place.
    if toks[c.last].possessive && toks.get(next).is_some_and(|t| t.is_capital() && !t.ambiguous) {
        let person_next = g.is_given(doc.word(next));
        if person_next {
            v[ORG] += 1.5;
        }
    }
    // "Penang in Malaysia", "Kantamanto in Accra": a name placed in a known place is a place.
    if word_at(next) == Some("in") && toks.get(next + 1).is_some_and(super::token::Token::is_capital) {
        let mut buf = String::new();
        let known = g
            .longest_at(doc, next + 1, toks.len(), false, &mut buf)
            .is_some_and(|(_, gid)| g.kind_of(gid) == Kind::Place)
            || g.world_at(doc, next + 1, toks.len(), &mut buf).is_some();
        if known {
            v[PLACE] += 2.5;
        }
    }
    // "Onne, near Port Harcourt", "Suswa, west of Nairobi".
    if doc.is_punct(next, ',')
        && matches!(
            (word_at(next + 1), word_at(next + 2)),
            (Some("near" | "outside"), _)
                | (
                    Some("west" | "east" | "north" | "south" | "northwest" | "northeast" | "southwest" | "southeast"),
                    Some("of")
                )
        )
    {
        v[PLACE] += 3.0;
    }
    // "the Atlanta-based company".
    if toks[c.last].tail && doc.text[toks[c.last].end as usize..].starts_with("-based") {
        v[PLACE] += 4.0;
    }
    // "Galatasaray striker Mauro Icardi", "Qingyun founder Zhou Yiming": a name that employs
    // the person named next is a club, a firm or a body.
    if let Some(w) = word_at(next)
        && g.person_nouns.contains(w)
        && toks.get(next + 1).is_some_and(|t| t.is_capital() && !t.ambiguous)
        && gaz.is_none()
    {
        v[ORG] += 4.0;
    }
}

/// "Athletics Kenya", "Airtel Nigeria", "Decca West Africa": a word before a country that is
/// no direction names a body of that country, not a part of it ("Western Kenya").
fn body_of_country(ctx: &Ctx, last: usize, head: &str) -> bool {
    const DIRECTIONS: &[&str] = &[
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Central",
        "Upper",
        "Lower",
        "Greater",
        "Mainland",
        "Coastal",
        "Rural",
        "Northeast",
        "Northwest",
        "Southeast",
        "Southwest",
    ];
    let (doc, g) = (ctx.doc, ctx.g);
    doc.tokens[last].is_capital()
        && !DIRECTIONS.contains(&head)
        && g.world_at(doc, last, last + 1, &mut String::new())
            .is_some_and(|(_, _, f)| f.is_country())
}
