//! Which rules an article's names can be found by. The extractor's casing rules (a capital
//! mid-sentence starts a name, role words, company endings) are English: applied to German,
//! where every noun is capitalised, they make a name of every noun. So each article's language
//! is detected (whatlang, on its opening): English text, or text too short or mixed to tell,
//! gets every rule; text reliably in another language, or in a script without capitals, gets
//! the gazetteers only, and the sidebar says so.

/// A language other than English that an article was found to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// ISO 639-3, as whatlang names it (`deu`, `fra`).
    pub code: &'static str,
    /// In English (`German`).
    pub name: &'static str,
}

/// How much of an article is looked at: its opening says its language, and detection costs
/// in proportion to the text (a few microseconds a kilobyte).
const SAMPLE: usize = 2048;

/// Below this many letters the detector guesses: then the English rules apply, as before.
const MIN_LETTERS: usize = 40;

/// `Some` when `text` is reliably not English: its names come from the gazetteers only.
#[must_use]
pub fn lists_only(text: &str) -> Option<Language> {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.chars().filter(|c| c.is_alphabetic()).take(MIN_LETTERS).count() < MIN_LETTERS {
        return None;
    }
    // Most of what people collect is English: its function words say so at once, and the
    // detector (a few hundred microseconds an article) is asked only about the rest.
    if looks_english(sample) {
        return None;
    }
    let info = whatlang::detect(sample)?;
    // A short text in a script with capitals is too little to tell (a wire brief, a caption):
    // the English rules stay, as they always did.
    let words = sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .count();
    let caseless = !matches!(
        info.script(),
        whatlang::Script::Latin | whatlang::Script::Cyrillic | whatlang::Script::Greek | whatlang::Script::Armenian
    );
    let other = info.lang() != whatlang::Lang::Eng && info.is_reliable() && words >= 20;
    (caseless || other).then(|| Language {
        code: info.lang().code(),
        name: info.lang().eng_name(),
    })
}

/// Words that make up a tenth or more of any English prose and are rare as words elsewhere.
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "on", "said", "has", "have", "by", "from",
    "are", "were", "its", "which", "who", "will", "at", "as", "it", "be", "this", "not",
];

/// Whether a tenth of the sample's words (of at least 20) are English function words.
fn looks_english(sample: &str) -> bool {
    let (mut words, mut english) = (0usize, 0usize);
    for word in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        if word.len() <= 5 && ENGLISH.iter().any(|e| e.eq_ignore_ascii_case(word)) {
            english += 1;
        }
    }
    words >= 20 && english * 10 >= words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_news_keeps_the_english_rules() {
        let text = "The North Atlantic alliance has not assumed an active leadership role in \
                    the Gaza crisis, according to NATO Secretary General Jens Stoltenberg, \
                    speaking at a briefing in Brussels on Tuesday.";
        assert_eq!(lists_only(text), None);
    }

    #[test]
    fn german_french_spanish_and_caseless_scripts_take_the_lists_only() {
        for (text, code) in [
            (
                "Die Bundesregierung hat am Dienstag in Berlin neue Hilfen für die Landwirtschaft \
                 beschlossen. Der Minister sagte, die Bauern bräuchten schnelle Unterstützung.",
                "deu",
            ),
            (
                "Le gouvernement a annoncé mardi à Paris de nouvelles mesures pour soutenir les \
                 agriculteurs, a déclaré le ministre lors d'une conférence de presse.",
                "fra",
            ),
            (
                "El gobierno anunció el martes en Madrid nuevas medidas para apoyar a los \
                 agricultores, según dijo el ministro en una rueda de prensa.",
                "spa",
            ),
            (
                "政府は火曜日、東京で農家を支援する新たな措置を発表した。大臣は記者会見で、農家には迅速な支援が必要だと述べた。",
                "jpn",
            ),
        ] {
            assert_eq!(lists_only(text).map(|l| l.code), Some(code), "{text}");
        }
    }

    /// German capitalises every noun: with the English rules each would be a name. From the
    /// lists only, the city and the country are found and the nouns are not.
    #[test]
    fn a_german_article_names_only_what_the_gazetteers_know() {
        let text = "Hilfen für die Landwirtschaft\nDie Bundesregierung hat am Dienstag in Berlin \
                    neue Hilfen für die Landwirtschaft beschlossen. Der Minister sagte, die Bauern \
                    in Deutschland und in Frankreich bräuchten schnelle Unterstützung, weil die \
                    Ernte schlecht ausgefallen sei.";
        let names: Vec<String> = crate::entities::extract(text, None)
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert!(names.iter().any(|n| n == "Berlin"), "{names:?}");
        for noun in [
            "Bundesregierung",
            "Landwirtschaft",
            "Minister",
            "Bauern",
            "Ernte",
            "Hilfen",
        ] {
            assert!(!names.iter().any(|n| n.contains(noun)), "{noun} in {names:?}");
        }
    }

    #[test]
    fn too_little_text_to_tell_keeps_the_english_rules() {
        assert_eq!(lists_only("Berlin, Dienstag"), None);
        // A 16-word English brief: fewer words than the function-word check needs, still English.
        assert_eq!(
            lists_only(
                "Ceasefire holds for a second week. Officials said the situation changed quickly. More talks are planned."
            ),
            None
        );
        assert_eq!(lists_only(""), None);
    }
}
