//! Pair precision and recall of `dossier::dups` on a labelled set generated from real-shaped news: template sentences
//! over casts of people, organisations and places, so unrelated stories share stock phrases as real news does. Copies
//! (headline line, lead, paragraph, boilerplate, reorder, combinations, wire copies in 3–10 outlets) against hard
//! negatives (same cast, follow-ups, a shared quotation). Seeded: the same set every run; `--nocapture` prints figures.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use dossier::dups::{Signature, group, signature};

/// Base stories; each has copies (or is a wire story) and one hard negative.
const STORIES: usize = 300;

/// Per region: first names / last names / `City:Country` places.
const REGIONS: &str = "James|Sarah|Michael|Emily|David|Laura / Carter|Hughes|Bennett|Walsh|Morgan|Reid|Doyle
London:Britain|Manchester:Britain|Chicago:the United States|Denver:the United States
Carlos|Lucía|Javier|María|Diego|Sofía|Andrés / García|Morales|Ruiz|Ortega|Castillo|Herrera|Vargas|Navarro
Madrid:Spain|Seville:Spain|Bogotá:Colombia|Lima:Peru
Klaus|Anke|Jürgen|Katrin|Matthias|Sabine|Stefan / Schneider|Becker|Hoffmann|Richter|Wagner|Keller|Braun
Berlin:Germany|Hamburg:Germany|Vienna:Austria|Zurich:Switzerland
Jean|Claire|Olivier|Camille|Luc|Élodie|Antoine / Dubois|Lefèvre|Moreau|Girard|Fontaine|Rousseau|Mercier
Paris:France|Lyon:France|Marseille:France|Brussels:Belgium
Chinedu|Ngozi|Emeka|Amara|Tunde|Funmi|Kwame|Efua / Okafor|Adeyemi|Eze|Balogun|Nwosu|Ibrahim|Mensah|Owusu
Lagos:Nigeria|Abuja:Nigeria|Accra:Ghana|Kumasi:Ghana
Hiroshi|Yuki|Takeshi|Aiko|Kenji|Mei|Daisuke / Tanaka|Sato|Watanabe|Kobayashi|Yamamoto|Nakamura|Suzuki
Tokyo:Japan|Osaka:Japan|Nagoya:Japan|Sapporo:Japan
Rahul|Priya|Arjun|Ananya|Vikram|Kavita|Sanjay|Deepa / Sharma|Patel|Iyer|Reddy|Gupta|Menon|Rao|Singh
New Delhi:India|Mumbai:India|Chennai:India|Kolkata:India
Piotr|Agnieszka|Tomasz|Magdalena|Marek|Joanna / Kowalski|Nowak|Wiśniewski|Zieliński|Lewandowski|Wójcik
Warsaw:Poland|Kraków:Poland|Gdańsk:Poland|Wrocław:Poland
João|Ana|Paulo|Beatriz|Rafael|Camila|Lucas / Silva|Santos|Oliveira|Costa|Pereira|Almeida|Ferreira|Rocha
São Paulo:Brazil|Brasília:Brazil|Rio de Janeiro:Brazil|Lisbon:Portugal
Omar|Leila|Khalid|Fatima|Youssef|Rania|Tariq|Nadia / Haddad|Nasser|Mansour|Khalil|Saleh|Hamdan|Aziz
Cairo:Egypt|Amman:Jordan|Beirut:Lebanon|Rabat:Morocco";

/// Per topic: subjects {T} / issues {J} / groups of people {G} / events {E} / roles / organisations.
const TOPICS: &str = "the strike|the walkout|the industrial action|the pay dispute
wages|pension reform|working hours|job security|overtime pay / dock workers|union members|rail staff|transport workers
talks|negotiations|mediation|a strike ballot / union leader|Labour Minister|port authority chief
the National Transport Union|the Port Authority|the Employers' Federation
the election|the vote|the campaign|the presidential runoff
turnout|the electoral roll|campaign finance|postal ballots / voters|opposition supporters|election observers
a televised debate|the count|a recount|a final rally / opposition leader|President|election commission chair
the Electoral Commission|the Democratic Alliance|the National Party / the floods|the storm|the heavy rain|the cyclone
emergency shelters|power lines|crop losses|drinking water|damaged roads / residents|rescue workers|farmers|families
evacuations|a relief operation|an aid appeal|emergency repairs / Interior Minister|mayor|disaster agency head
the Red Cross|the National Disaster Agency|the Meteorological Office
the rate decision|inflation|the slowdown|the currency slide
interest rates|consumer prices|the budget deficit|bond yields / investors|households|economists|exporters
the policy meeting|a bond auction|the budget review|the quarterly figures
central bank governor|Finance Minister|chief economist
the central bank|the International Monetary Fund|the Finance Ministry
the takeover|the merger|the deal|the hostile bid / regulatory approval|job cuts|the share price|market share
shareholders|employees|analysts|regulators / a shareholder vote|an antitrust review|due diligence|a board meeting
chief executive|chairman|Competition Commissioner / Meridian Holdings|Northgate Group|the Competition Authority
the trial|the case|the corruption inquiry|the appeal
the charges|bribery allegations|the evidence|the verdict|the plea deal / prosecutors|defence lawyers|witnesses|jurors
a hearing|cross-examination|sentencing|closing arguments / former minister|chief prosecutor|judge
the High Court|the Anti-Corruption Bureau|the Justice Ministry
the outbreak|the measles outbreak|the epidemic|the spread of cholera
vaccination rates|hospital capacity|testing|the death toll / health workers|patients|schoolchildren|doctors
a vaccination drive|contact tracing|a partial lockdown|emergency funding
Health Minister|epidemiologist|hospital director
the World Health Organization|the Health Ministry|Doctors Without Borders
the energy crisis|the pipeline project|the power cuts|the fuel shortage
gas prices|electricity tariffs|renewable targets|coal imports / consumers|energy companies|manufacturers|activists
a summit|an auction of offshore licences|a parliamentary inquiry|a price review
Energy Minister|grid operator chief|climate envoy / the National Grid|PetroNova|the Energy Regulator";

/// Pools `KEY=item|item` (`|\` goes on): clauses {CL} (with an optional {OPEN}, {TAIL}) and quotations {QT}.
const POOLS: &str = "D=Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday
M=January|February|March|April|May|June|July|August|September|October|November|December
Q=second|third|fourth|fifth|sixth
S=according to a statement from {O}|according to official figures|according to people familiar with the matter|\
according to local media|according to a report by {O}|according to a draft seen by reporters
A=said in a statement|told reporters|said on {D}|told a news conference|said in an interview|wrote on social media
F=Capital Economics|Oxford Economics|Eurasia Group|Moody's|the Institute for Public Policy
W=Global Wire|The Morning Ledger|Northern Herald|Metro Daily|Coastal Times|The City Observer|Daily Courier|\
National Bulletin|Harbour Post|Capital Journal
OPEN=On {D},|Earlier this month,|Meanwhile,|Separately,|Last week,|In {M},|By {D} evening,|Since {Y},
TAIL=, {S}| on {D}|, officials said| amid growing concern over {J}|, a move welcomed by {G}| despite objections from {O}
H={P} warns of {J} as {T} drags on|{G} in {C} brace for {E}|{O} under pressure over {J}|{T}: what we know so far|\
{T} deepens in {K} as {E} stalls|{P} promises answers on {J}|Explainer: why {J} matters for {G}
FOOT=Reporting by {X} in {C}; Editing by {X}|Sign up for our newsletter to get the day's top stories in your inbox.|\
© 2026 {W}. All rights reserved.|Read more: {H}|Follow {W} on social media for the latest updates.|\
Additional reporting by {X}; Writing by {X}|{W} staff contributed to this report.
CL={T} has also raised questions about {J}, which critics say was neglected for years|\
officials expect {E} to resume next week, two people familiar with the matter said|\
a spokesperson for {O} said the findings would be published by the end of {M}|\
figures published on {D} showed {J} had worsened for the {Q} month in a row|\
speaking at a news conference in {C}, {P} said {T} would be resolved soon|\
about {N} {G} took part in a protest over {J} outside parliament in {C}|{P} is due to travel to {C} on {D} for {E}|\
{P} spoke to {P} by phone on {D}, according to a readout of the call|{O} expects a decision on {J} within {N} days|\
the ministry said {N} officials had been sent to {C} to oversee {E}|{T} is the most serious test for {O} since {Y}|\
the announcement came after {E} ended without agreement late on {D}|\
according to {O}, {J} had risen by {R} compared with a year earlier|\
{P} met representatives of {O} on {D} but no agreement was reached|analysts said {T} could weigh on {J} for months|\
{P} said {T} had already cost the economy an estimated {B} dollars|{P} {A} that {G} deserved a clear answer on {J}|\
{G} say {J} has worsened since {M}, when {E} was first announced|local media reported that {E} had been postponed|\
{P} declined to comment on {J}, saying {E} was still under way|the last time {J} reached such levels was in {Y}|\
{G} in {C} said they had received little information about {J}|{P} told reporters in {C} that {E} would go ahead|\
{O} estimated that {J} would cost up to {B} dollars this year|the two sides are expected to meet again after {E}|\
{X}, an analyst at {F}, said {T} was unlikely to end quickly|{G} gathered outside the offices of {O} in {C} on {D}|\
{P} said authorities in {K} were doing everything they could|in a separate statement, {O} urged {G} to remain calm|\
{R} of {G} surveyed by {O} said they were worried about {J}|{X}, a senior fellow at {F}, said {J} would shape {E}|\
it was not immediately clear how many {G} would be affected|\
the government in {K} has come under pressure to act on {J}|\
more than {B} {G} have been affected since {T} began in {M}|\
{O} said in a statement that it was monitoring {T} closely|\
{T} dominated the front pages of newspapers in {K} on {D}|{P} has faced growing criticism over {J} in recent weeks|\
the government has set aside {B} dollars to deal with {J}|{O} did not immediately respond to a request for comment|\
opposition lawmakers have called for an inquiry into {J}|in {C}, {G} queued for hours as {T} entered its {Q} week|\
{P}, who took office in {Y}, has promised to address {J}
QT=we are doing everything in our power to make sure that {G} are protected|\
this is not a decision we took lightly, and we understand the concerns that people have raised|\
our priority right now is {J}, and we will not be distracted by political games|\
I have spoken to many {G} in {C} over the past few days and they are tired of waiting|\
there is still a lot of work to do, but I am confident that we will reach an agreement|\
nobody wants to see {T} drag on for months, least of all the people of {C}|\
we have asked {O} to come back to the table with a serious offer on {J}|\
the figures speak for themselves and they show that the situation is getting worse|\
we will keep working with our partners until this is resolved, however long it takes|\
people deserve honesty about {J}, and that is exactly what we intend to give them";

/// Kinds: the original, edits of copies, hard negatives (from [`NEG`]), unrelated pairs, pairs of two copies.
const KINDS: &str = "original|headline|lead|paragraph|boilerplate|reorder|combo|wire|\
same cast|follow-up|shared quote|same topic|other topic|copy-copy";
const NEG: usize = 8;

/// Xorshift64*: small, seeded, the same sequence everywhere.
#[derive(Default)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap()
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            xs.swap(i, self.below(i + 1));
        }
    }
}

/// Words as `signature` counts them.
fn words(text: &str) -> usize {
    let all = text.split(|c: char| !c.is_alphanumeric());
    all.filter(|w| !w.is_empty()).count()
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    let Some(c) = chars.next() else { return String::new() };
    c.to_uppercase().chain(chars).collect()
}

/// Fields (separated by line breaks or ` / `) of items (separated by `|`), `per` a block.
fn table(s: &'static str, per: usize) -> Vec<Vec<Vec<&'static str>>> {
    let fields: Vec<&str> = s.lines().flat_map(|l| l.split(" / ")).collect();
    let block = |b: &[&'static str]| b.iter().map(|f| f.split('|').collect()).collect();
    fields.chunks(per).map(block).collect()
}

/// An article: an optional headline line (as crawls keep), paragraphs (`quote`: the quotation's), boilerplate.
#[derive(Clone)]
struct Art {
    head: Option<String>,
    paras: Vec<String>,
    foot: Vec<String>,
    quote: usize,
}

impl Art {
    fn body(&self) -> String {
        let lines = self.head.iter().chain(&self.paras).chain(&self.foot);
        lines.map(String::as_str).collect::<Vec<_>>().join("\n")
    }
}

/// The generator, with the current story's cast (people are role, first name, last name).
#[derive(Default)]
struct Gen {
    rng: Rng,
    regions: Vec<Vec<Vec<&'static str>>>,
    topics: Vec<Vec<Vec<&'static str>>>,
    pools: HashMap<&'static str, Vec<&'static str>>,
    topic: usize,
    people: Vec<[&'static str; 3]>,
    orgs: Vec<&'static str>,
    place: (&'static str, &'static str),
    outlet: &'static str,
    /// The dateline's date, and clauses and quotations not used yet in this article.
    date: String,
    decks: [Vec<&'static str>; 2],
    /// People named in full already in this article, and the last one named.
    seen: [bool; 3],
    last: usize,
}

impl Gen {
    fn new(seed: u64) -> Self {
        let mut g = Self::default();
        (g.rng, g.regions, g.topics) = (Rng(seed), table(REGIONS, 3), table(TOPICS, 6));
        let pools = POOLS.lines().filter_map(|l| l.split_once('='));
        g.pools = pools.map(|(k, v)| (k, v.split('|').collect())).collect();
        g
    }
    /// A new cast for a story on `topic`: three people of one region, two organisations, a place.
    fn cast(&mut self, topic: usize) {
        self.topic = topic;
        let region = self.regions[self.rng.below(self.regions.len())].clone();
        let (mut roles, mut lasts) = (self.topics[topic][4].clone(), region[1].clone());
        self.rng.shuffle(&mut roles);
        self.rng.shuffle(&mut lasts);
        let person = |k: usize| [roles[k], self.rng.pick(&region[0]), lasts[k]];
        self.people = (0..3).map(person).collect();
        self.orgs.clone_from(&self.topics[topic][5]);
        self.orgs.swap_remove(self.rng.below(3));
        self.place = self.rng.pick(&region[2]).split_once(':').unwrap();
        self.new_outlet();
    }
    fn new_outlet(&mut self) {
        let others: Vec<&str> = self.pools["W"].iter().copied().filter(|&o| o != self.outlet).collect();
        self.outlet = self.rng.pick(&others);
    }
    fn value(&mut self, key: &str) -> String {
        let r = &mut self.rng;
        match key {
            "P" => {
                self.last = (self.last + 1 + r.below(2)) % 3;
                let [role, first, last] = self.people[self.last];
                let named = std::mem::replace(&mut self.seen[self.last], true);
                let full = format!("{role} {first} {last}");
                if named { last.into() } else { full }
            }
            "X" => {
                let region = &self.regions[r.below(self.regions.len())];
                format!("{} {}", r.pick(&region[0]), r.pick(&region[1]))
            }
            "O" => r.pick(&self.orgs).into(),
            "C" => self.place.0.into(),
            "K" => self.place.1.into(),
            "W" => self.outlet.into(),
            "N" => (2 + r.below(97)).to_string(),
            "B" if r.chance(50) => format!("{},{:03}", 1 + r.below(99), r.below(1000)),
            "B" => format!("{}.{} million", 1 + r.below(9), r.below(10)),
            "R" => format!("{}.{} percent", 1 + r.below(11), r.below(10)),
            "Y" => (2012 + r.below(14)).to_string(),
            "T" | "J" | "G" | "E" => r.pick(&self.topics[self.topic]["TJGE".find(key).unwrap()]).into(),
            "CL" | "QT" => {
                let deck = &mut self.decks[usize::from(key == "QT")];
                if deck.is_empty() {
                    deck.clone_from(&self.pools[key]);
                    r.shuffle(deck);
                }
                deck.pop().unwrap().into()
            }
            // A quarter of sentences have an opener, three in ten a tail.
            "OPEN" if r.chance(75) => String::new(),
            "TAIL" if r.chance(70) => String::new(),
            "OPEN" => format!("{} ", r.pick(&self.pools[key])),
            _ => r.pick(&self.pools[key]).into(),
        }
    }
    /// `template` with each `{KEY}` replaced (values may hold more keys).
    fn fill(&mut self, template: &str) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some((before, after)) = rest.split_once('{') {
            let (key, tail) = after.split_once('}').unwrap();
            let value = self.value(key);
            out = out + before + &self.fill(&value);
            rest = tail;
        }
        out + rest
    }
    /// A paragraph of one to `most` sentences: an optional opener, a clause, an optional tail.
    fn para(&mut self, most: usize) -> String {
        let n = self.rng.below(most);
        let sentences: Vec<String> = (0..=n).map(|_| capitalise(&self.fill("{OPEN}{CL}{TAIL}."))).collect();
        sentences.join(" ")
    }
    /// A lead with a dateline: "LAGOS, March 3 (Global Wire) - ...".
    fn lead(&mut self) -> String {
        let text = self.para(2);
        format!(
            "{}, {} ({}) - {text}",
            self.place.0.to_uppercase(),
            self.date,
            self.outlet
        )
    }
    /// A quotation paragraph of 40–60 words.
    fn quote(&mut self) -> String {
        loop {
            let mut q = String::new();
            while words(&q) < 36 {
                q = format!("{q} {}.", capitalise(&self.fill("{QT}")));
            }
            let (who, says, q) = (self.fill("{P}"), self.fill("{A}"), q.trim());
            let (after, before) = (format!("“{q}” {who} {says}."), format!("{who} {says}: “{q}”"));
            let p = if self.rng.chance(50) { after } else { before };
            if (40..=60).contains(&words(&p)) {
                return p;
            }
        }
    }
    fn footer(&mut self) -> Vec<String> {
        let mut lines = self.pools["FOOT"].clone();
        self.rng.shuffle(&mut lines);
        lines[..=self.rng.below(2)].iter().map(|l| self.fill(l)).collect()
    }
    /// A new article on the current cast: 6–14 paragraphs, 250–700 words.
    fn article(&mut self) -> Art {
        loop {
            (self.seen, self.date) = ([false; 3], format!("{} {}", self.fill("{M}"), 1 + self.rng.below(28)));
            self.decks = Default::default();
            let (n, quote) = (6 + self.rng.below(9), 2 + self.rng.below(3));
            let mut paras = vec![self.lead()];
            paras.extend((1..n).map(|i| if i == quote { self.quote() } else { self.para(3) }));
            if (250..=700).contains(&words(&paras.join("\n"))) {
                return Art {
                    head: None,
                    paras,
                    foot: self.footer(),
                    quote,
                };
            }
        }
    }
    /// Applies an edit of kind `kind` (an index in [`KINDS`]) to a copy.
    fn edit(&mut self, a: &mut Art, kind: usize) {
        let n = a.paras.len();
        match kind {
            1 => a.head = Some(self.fill("{H}")),
            2 if self.rng.chance(50) => {
                // Trimmed: no dateline, the first sentence only.
                let lead = a.paras[0].split_once(" - ").map_or(a.paras[0].as_str(), |(_, s)| s);
                let first = lead.split_once(". ").map_or(lead, |(s, _)| s).trim_end_matches('.');
                a.paras[0] = format!("{first}.");
            }
            2 => a.paras[0] = self.lead(), // rewritten, under the same dateline
            3 if n > 6 && self.rng.chance(50) => drop(a.paras.remove(1 + self.rng.below(n - 1))),
            3 => a.paras.insert(1 + self.rng.below(n), self.para(3)),
            4 => {
                self.new_outlet();
                a.foot = self.footer();
                if self.rng.chance(40) {
                    a.paras.insert(2 + self.rng.below(n - 2), self.fill("Read more: {H}"));
                }
            }
            5 => {
                for _ in 0..=self.rng.below(2) {
                    let from = 1 + self.rng.below(n - 1);
                    let p = a.paras.remove(from);
                    a.paras.insert(1 + (from + self.rng.below(n - 2)) % (n - 1), p);
                }
            }
            6 => {
                let mut kinds = [1, 2, 3, 4, 5];
                self.rng.shuffle(&mut kinds);
                for &k in &kinds[..2 + self.rng.below(2)] {
                    self.edit(a, k);
                }
            }
            _ => {
                // Wire: the outlet's own boilerplate, and perhaps cut, headlined or added to.
                self.edit(a, 4);
                if n > 7 && self.rng.chance(40) {
                    a.paras.truncate(n - 1 - self.rng.below(2));
                }
                for (k, percent) in [(1, 30), (3, 25)] {
                    if self.rng.chance(percent) {
                        self.edit(a, k);
                    }
                }
            }
        }
    }
}

/// Story, kind (an index in [`KINDS`]), body.
struct Item(usize, usize, String);

/// The labelled set, and per story its topic and (for a hard negative) the story it is related to.
fn build() -> (Vec<Item>, Vec<(usize, Option<usize>)>) {
    let mut g = Gen::new(0x00D0_551E);
    let (mut items, mut stories) = (Vec::new(), Vec::new());
    for i in 0..STORIES {
        let topic = g.rng.below(g.topics.len());
        g.cast(topic);
        let s = stories.len();
        stories.push((topic, None));
        let original = g.article();
        items.push(Item(s, 0, original.body()));
        // Every fifth a wire story in 3–10 outlets, else 2–3 copies, kinds in rotation.
        let wire = i % 5 == 4;
        for c in 0..2 + g.rng.below(if wire { 8 } else { 2 }) {
            let kind = if wire { 7 } else { 1 + (i + c) % 6 };
            let mut copy = original.clone();
            g.edit(&mut copy, kind);
            items.push(Item(s, kind, copy.body()));
        }
        // The hard negative: a story of its own.
        g.new_outlet();
        let mut art = g.article();
        match i % 3 {
            0 => {} // the same cast
            1 => {
                // A follow-up: new lead and paragraphs, one or two of the original's background ones.
                let mut background: Vec<usize> = (1..original.paras.len()).filter(|&p| p != original.quote).collect();
                g.rng.shuffle(&mut background);
                for &p in &background[..=g.rng.below(2)] {
                    art.paras
                        .insert(2 + g.rng.below(art.paras.len() - 2), original.paras[p].clone());
                }
            }
            _ => {
                // Another story on the topic, another cast, quoting the original's quotation.
                g.cast(topic);
                art = g.article();
                art.paras[art.quote].clone_from(&original.paras[original.quote]);
            }
        }
        let ns = stories.len();
        stories.push((topic, Some(s)));
        items.push(Item(ns, NEG + i % 3, art.body()));
        if g.rng.chance(33) {
            g.edit(&mut art, 4);
            items.push(Item(ns, 4, art.body()));
        }
    }
    (items, stories)
}

#[test]
fn grouping_precision_and_recall_on_generated_news() {
    let (items, stories) = build();
    let n = items.len();
    let lengths: Vec<usize> = items.iter().map(|a| words(&a.2)).collect();
    let sigs: Vec<Signature> = items.iter().map(|a| signature(&a.2)).collect();
    assert!(sigs.iter().all(Signature::judged), "an article too short");
    // Preference: shuffled (the earliest copy of a story is any copy, not always the original).
    let mut preference: Vec<u32> = (0..u32::try_from(n).unwrap()).collect();
    Rng(7).shuffle(&mut preference);
    let groups = group(&sigs, &preference);
    // Per category (a kind of KINDS): pairs, pairs grouped, similarities.
    let (mut pairs, mut grouped, mut sims) = ([0usize; 14], [0usize; 14], vec![Vec::new(); 14]);
    let first: Vec<bool> = (0..n).map(|a| a == 0 || items[a - 1].0 != items[a].0).collect();
    for a in 0..n {
        for b in a + 1..n {
            let (sa, sb) = (items[a].0, items[b].0);
            let predicted = groups.group_of(a).is_some_and(|g| groups.group_of(b) == Some(g));
            let category = match () {
                () if sa == sb && first[a] => items[b].1,
                () if sa == sb => 13,
                () if stories[sb].1 == Some(sa) => items[first[..=b].iter().rposition(|&f| f).unwrap()].1,
                () => 11 + usize::from(stories[sa].0 != stories[sb].0),
            };
            pairs[category] += 1;
            grouped[category] += usize::from(predicted);
            sims[category].push(sigs[a].similarity(&sigs[b]));
        }
    }
    let negative = |c: usize| (NEG..13).contains(&c);
    let tp: usize = (1..14).filter(|&c| !negative(c)).map(|c| grouped[c]).sum();
    let fneg: usize = (1..14).filter(|&c| !negative(c)).map(|c| pairs[c] - grouped[c]).sum();
    let fp: usize = (NEG..13).map(|c| grouped[c]).sum();
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fneg).max(1) as f64;
    let (shortest, longest) = (lengths.iter().min().unwrap(), lengths.iter().max().unwrap());
    let (s, g) = (stories.len(), groups.len());
    println!("dups: {n} articles ({shortest}–{longest} words), {s} stories, {g} groups");
    println!("pairs: TP {tp}  FP {fp}  FN {fneg}  precision {precision:.4}  recall {recall:.4}");
    println!("kind             pairs  grouped    rate   similarity min / median / max");
    for (c, label) in KINDS.split('|').enumerate().skip(1) {
        let s = &mut sims[c];
        s.sort_by(f64::total_cmp);
        let (lo, mid, hi) = (s[0], s[s.len() / 2], s[s.len() - 1]);
        let (all, yes, rate) = (pairs[c], grouped[c], grouped[c] as f64 / pairs[c] as f64);
        let what = if negative(c) { "merged" } else { "recall" };
        println!("{label:<13} {all:>8} {yes:>8} {rate:>7.3}   {lo:.2} / {mid:.2} / {hi:.2}  ({what})");
    }
    assert!(precision >= 0.98, "pair precision {precision:.4} below 0.98");
    assert!(recall >= 0.90, "pair recall {recall:.4} below 0.90");
}
