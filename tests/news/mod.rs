//! A small generated news corpus for ranking tests: Markdown files with front matter (title,
//! author, source, date), bodies that name people and organisations in whole sentences, and a
//! few planted articles whose places in a ranking are known.
#![allow(dead_code)]

use std::{fs, path::Path};

/// People the generated bodies name. None of them is Lagarde or Fischer, and no field of a
/// generated article holds the letters of "lagarde" in order, so only the planted articles can
/// match those queries.
const PEOPLE: &[&str] = &[
    "Olaf Scholz",
    "Pedro Sanchez",
    "Kaja Kallas",
    "Mark Rutte",
    "Ursula von der Leyen",
    "Antonio Guterres",
    "Jens Stoltenberg",
    "Giorgia Meloni",
    "Rishi Sunak",
    "Fumio Kishida",
];
const ORGS: &[&str] = &[
    "Siemens",
    "Toyota",
    "the World Bank",
    "the United Nations",
    "NATO",
    "the Red Cross",
    "OPEC",
    "Airbus",
];
const PLACES: &[&str] = &[
    "Brussels", "Madrid", "Tokyo", "Nairobi", "Oslo", "Lima", "Vienna", "Seoul",
];
const TOPICS: &[&str] = &[
    "port strike",
    "wheat prices",
    "tourism boom",
    "rail upgrade",
    "wildfire season",
    "chip shortage",
    "housing plan",
    "drought relief",
];
const VERBS: &[&str] = &["faces", "weighs", "backs", "rejects", "delays", "unveils"];
const AUTHORS: &[&str] = &["Tom Hale", "Amira Said", "Jonas Berg", "Priya Nair", "Sam Okoro"];
const SOURCES: &[&str] = &["Reuters", "AP", "BBC News", "Le Monde", "NHK"];

/// One article of the corpus.
#[derive(Debug, Clone)]
pub struct Article {
    pub file: String,
    pub title: String,
    pub author: String,
    pub source: String,
    pub body: String,
}

/// The planted articles, by their file names.
pub const LAGARDE_TITLE: &str = "p01-ecb-holds.md";
pub const LAGARDE_TITLE_TOO: &str = "p02-lagarde-warns.md";
/// Names Christine Lagarde in its body only.
pub const LAGARDE_BODY: &str = "p03-markets-rally.md";
/// Written by Lena Fischer, who it never names.
pub const BY_FISCHER: &str = "p04-frankfurt.md";
/// A title with "vision" inside a longer word only.
pub const VISIONARY: &str = "p05-visionary.md";
pub const VISION_PRO: &str = "p06-vision-pro.md";
/// Names the Vision Pro in its body only.
pub const VISION_BODY: &str = "p07-apple-scrutiny.md";

fn planted() -> Vec<Article> {
    let a = |file: &str, title: &str, author: &str, source: &str, body: &str| Article {
        file: file.into(),
        title: title.into(),
        author: author.into(),
        source: source.into(),
        body: body.into(),
    };
    vec![
        a(
            LAGARDE_TITLE,
            "ECB holds rates as Lagarde signals summer cut",
            "Tom Hale",
            "Reuters",
            "Christine Lagarde said on Thursday that the European Central Bank would hold rates. \
             Lagarde told reporters in Frankfurt that a cut could come in summer.",
        ),
        a(
            LAGARDE_TITLE_TOO,
            "Lagarde warns of sticky inflation",
            "Amira Said",
            "AP",
            "Christine Lagarde warned lawmakers in Brussels that prices were slow to cool. \
             Lagarde said wages were still rising fast.",
        ),
        a(
            LAGARDE_BODY,
            "Markets rally on rate hopes",
            "Jonas Berg",
            "BBC News",
            "Shares rose across Europe on Friday. Christine Lagarde said the European Central Bank \
             was watching prices closely, and traders took that as a hint. Lagarde did not give a date.",
        ),
        a(
            BY_FISCHER,
            "Rates held steady in Frankfurt",
            "Lena Fischer",
            "Reuters",
            "The European Central Bank kept its main rate unchanged on Thursday. \
             Officials in Frankfurt said inflation was easing.",
        ),
        a(
            VISIONARY,
            "Visionary architects redraw Oslo",
            "Priya Nair",
            "NHK",
            "Architects in Oslo showed plans for a new waterfront. The city council will vote in May.",
        ),
        a(
            VISION_PRO,
            "Analysts doubt Vision Pro sales",
            "Sam Okoro",
            "Reuters",
            "Analysts at several banks cut their forecasts for the Vision Pro headset. \
             Apple did not comment on the figures.",
        ),
        a(
            VISION_BODY,
            "Apple faces EU scrutiny",
            "Tom Hale",
            "Le Monde",
            "Regulators in Brussels opened a review of Apple on Monday. \
             The Vision Pro headset is part of the review, officials said.",
        ),
    ]
}

/// `n` generated articles and the planted ones (first), seeded, so every run is the same.
pub fn corpus(n: usize) -> Vec<Article> {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |len: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % len as u64).unwrap()
    };
    let mut articles = planted();
    for i in 0..n {
        let (person, org, place) = (
            PEOPLE[next(PEOPLE.len())],
            ORGS[next(ORGS.len())],
            PLACES[next(PLACES.len())],
        );
        let (topic, verb) = (TOPICS[next(TOPICS.len())], VERBS[next(VERBS.len())]);
        let subject = person.rsplit(' ').next().unwrap();
        let title = match i % 3 {
            0 => format!("{subject} {verb} {topic}"),
            1 => format!("{place} {verb} {topic}"),
            _ => format!("{} {verb} {topic} in {place}", capitalised(org)),
        };
        let body = format!(
            "{person} spoke in {place} on Tuesday about the {topic}. Officials from {org} said talks \
             would go on. {subject} told reporters that a decision was weeks away.\n\n\
             Residents of {place} said the {topic} had changed little so far."
        );
        articles.push(Article {
            file: format!("g{i:03}.md"),
            title,
            author: AUTHORS[next(AUTHORS.len())].into(),
            source: SOURCES[next(SOURCES.len())].into(),
            body,
        });
    }
    articles
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// Write the articles as Markdown files with front matter into `dir`.
pub fn write(dir: &Path, articles: &[Article]) {
    for (i, a) in articles.iter().enumerate() {
        let text = format!(
            "---\ntitle: {}\nauthor: {}\nsource: {}\ndate: 2024-05-{:02}\n---\n{}\n",
            a.title,
            a.author,
            a.source,
            1 + i % 28,
            a.body
        );
        fs::write(dir.join(&a.file), text).unwrap();
    }
}
