//! Render tests: the real App drawn into ratatui's `TestBackend`, compared with snapshots.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dossier::{
    app::{Action, App, Edit, Event},
    runtime::Runtime,
    store::{CorpusSource, LoadOptions},
    ui::{self, theme::Theme},
};
use ratatui::{Terminal, backend::TestBackend};

/// The sample corpus, loaded, in a terminal of this size, with the runtime that loaded it.
fn app_at(width: u16, height: u16) -> (App, Runtime) {
    let mut app = App::new(CorpusSource::Seeds);
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(width, height));
    rt.load_sync(&mut app);
    (app, rt)
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|frame| ui::view(app, &Theme::plain(), frame)).unwrap();
    terminal
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(|c| Action::Edit(Edit::Insert(c))).collect()
}

#[test]
fn three_panes_at_100x30() {
    let (app, _) = app_at(100, 30);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn reader_focused_and_scrolled_at_100x30() {
    let (mut app, mut rt) = app_at(100, 30);
    rt.act(&mut app, [Action::Down, Action::Down, Action::Open, Action::PageDown]);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn two_panes_at_60x20() {
    let (app, _) = app_at(60, 20);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn one_pane_at_50x16_shows_reader_after_enter() {
    let (mut app, mut rt) = app_at(50, 16);
    rt.act(&mut app, [Action::Open]);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn help_overlay_lists_the_keymap() {
    let (mut app, mut rt) = app_at(100, 30);
    rt.act(&mut app, [Action::ToggleHelp]);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn filtered_list_highlights_matches() {
    let (mut app, mut rt) = app_at(100, 30);
    rt.act(&mut app, [Action::StartFilter]);
    rt.act(&mut app, typed("north atlantic"));
    let terminal = draw(&app);
    insta::assert_snapshot!(terminal.backend());
    // The highlighted cells are exactly the matched letters of the visible titles.
    let buffer = terminal.backend().buffer();
    let highlighted: String = (0..30)
        .flat_map(|y| (0..30).map(move |x| (x, y)))
        .filter(|&(x, y)| buffer[(x, y)].modifier.contains(ratatui::style::Modifier::UNDERLINED))
        .map(|(x, y)| buffer[(x, y)].symbol().to_string())
        .collect();
    // Rows that match through their names or file name highlight nothing in the title.
    let in_title = (0..app.row_count())
        .filter(|&r| {
            app.articles[app.row_article(r).unwrap()]
                .title
                .to_lowercase()
                .contains("north atlantic")
        })
        .count();
    assert_eq!(in_title, 2);
    assert_eq!(
        highlighted.to_lowercase(),
        "northatlantic".repeat(in_title),
        "{highlighted}"
    );
}

#[test]
fn search_hits_in_the_reader() {
    let (mut app, mut rt) = app_at(100, 30);
    let mut actions = vec![Action::Open, Action::StartFind];
    actions.extend(typed("NATO"));
    rt.act(&mut app, actions);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn one_by_one_does_not_panic() {
    let (app, _) = app_at(1, 1);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn every_size_up_to_40x12_draws_without_panicking() {
    for w in (0..40).step_by(3) {
        for h in 0..12 {
            let (mut app, mut rt) = app_at(w, h);
            rt.act(
                &mut app,
                [Action::Open, Action::PageDown, Action::FocusNext, Action::ToggleHelp],
            );
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|frame| ui::view(&app, &Theme::plain(), frame)).unwrap();
        }
    }
}

#[test]
fn fulltext_results_show_snippets_and_open_at_the_hit() {
    let cache = tempfile::tempdir().unwrap();
    let mut app = App::new(CorpusSource::Seeds);
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(100, 30));
    rt.cache_dir = Some(cache.path().to_path_buf());
    rt.load_sync(&mut app);
    rt.index_sync(&mut app);
    rt.act(&mut app, [Action::StartFilter]);
    // A word only in the last paragraph of one article.
    rt.act(&mut app, typed("=testament"));
    rt.act(&mut app, [Action::SubmitFilter]);
    let terminal = draw(&app);
    insta::assert_snapshot!(terminal.backend());
    let screen: Vec<String> = (0..30)
        .map(|y| {
            (0..100)
                .map(|x| terminal.backend().buffer()[(x, y)].symbol().to_string())
                .collect()
        })
        .collect();
    assert!(screen[1].contains("Text search 1/1"), "{}", screen[1]);
    assert!(screen[3].contains("What role are NATO"), "title row: {}", screen[3]);
    assert!(screen[4].contains("testament"), "snippet row: {}", screen[4]);
    // The reader scrolled past the opening to the hit, which is marked.
    let reader = app.reader.as_ref().unwrap();
    assert!(reader.top > 10, "reader top {}", reader.top);
    assert!(screen.iter().any(|l| l.contains("testament")));
    let find = reader.find.as_ref().unwrap();
    assert_eq!(find.hits.len(), 1);
    assert_eq!(&reader.doc.text[find.hits[0].clone()], "testament");
}

#[test]
fn the_names_reached_at_80x24_take_the_readers_place() {
    let (mut app, mut rt) = app_at(80, 24);
    rt.act(&mut app, [Action::FocusNext, Action::FocusNext]);
    let terminal = draw(&app);
    insta::assert_snapshot!(terminal.backend());
    let screen = format!("{:?}", terminal.backend());
    assert!(screen.contains("Entities · article") && screen.contains("Jens Stoltenberg"));
    assert!(!screen.contains("Reader"), "the sidebar is where the reader was");
}

#[test]
fn help_at_80x24_uses_the_width_and_pages() {
    let (mut app, mut rt) = app_at(80, 24);
    rt.act(&mut app, [Action::ToggleHelp, Action::OverlayPageDown]);
    let terminal = draw(&app);
    insta::assert_snapshot!(terminal.backend());
    let screen = format!("{:?}", terminal.backend());
    assert!(screen.contains(" of "), "says where in the help it is");
}

#[test]
fn help_at_120x40_finds_a_line() {
    let (mut app, mut rt) = app_at(120, 40);
    rt.act(&mut app, [Action::ToggleHelp, Action::StartHelpFind]);
    rt.act(&mut app, typed("mention"));
    let terminal = draw(&app);
    insta::assert_snapshot!(terminal.backend());
    assert!(format!("{:?}", terminal.backend()).contains("next mention"));
}

/// The annotation editor over a sentence chosen in the middle of the screen: the passage stays
/// in view above it and its quote is shown in it.
fn annotating_mid_screen(width: u16, height: u16) -> (App, String) {
    let (mut app, mut rt) = app_at(width, height);
    rt.act(&mut app, [Action::Down, Action::Down, Action::Open]);
    for _ in 0..8 {
        rt.act(&mut app, [Action::Down]);
    }
    rt.act(&mut app, [Action::SelectSentences, Action::AnnotatePassage]);
    let quote = app
        .editor
        .as_ref()
        .and_then(|e| e.quote.clone())
        .expect("an annotation editor");
    (app, quote)
}

#[test]
fn the_annotation_editor_leaves_its_passage_visible_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (app, quote) = annotating_mid_screen(w, h);
        let terminal = draw(&app);
        let rows: Vec<String> = (0..h)
            .map(|y| {
                (0..w)
                    .map(|x| terminal.backend().buffer()[(x, y)].symbol().to_string())
                    .collect()
            })
            .collect();
        let editor_top = rows.iter().position(|r| r.contains("Annotation (Esc saves)")).unwrap();
        let first_words: String = quote.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        let passage_row = rows.iter().position(|r| r.contains(&first_words));
        assert!(
            passage_row.is_some_and(|r| r < editor_top),
            "the passage {first_words:?} is above the editor at {w}x{h}:\n{}",
            rows.join("\n")
        );
        assert!(
            rows[editor_top + 1].contains('“'),
            "the quote is shown in the editor at {w}x{h}"
        );
        if (w, h) == (80, 24) {
            insta::assert_snapshot!("annotation_editor_80x24", terminal.backend());
        } else {
            insta::assert_snapshot!("annotation_editor_120x40", terminal.backend());
        }
    }
}

/// A folder `wire/` of Markdown articles with dates written every way archives write them (a
/// fixed name: the header shows it).
fn dated_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let wire = tmp.path().join("wire");
    std::fs::create_dir(&wire).unwrap();
    let articles = [
        (
            "ecb.md",
            "ECB holds rates as Lagarde signals summer cut",
            "Lena Fischer",
            "March 8, 2024",
        ),
        (
            "fed.md",
            "Fed minutes show officials wary of cutting too soon",
            "Tom Hale",
            "2024-03-19T06:30:00Z",
        ),
        (
            "boj.md",
            "Bank of Japan ends negative rates after 17 years",
            "Aiko Mori",
            "07/03/2024",
        ),
        (
            "boe.md",
            "Bank of England holds as inflation eases",
            "Sam Reid",
            "Tue, 12 Mar 2024 09:00:00 +0000",
        ),
        (
            "snb.md",
            "Swiss National Bank surprises with a cut",
            "Nina Keller",
            "2024-03-21",
        ),
    ];
    for (file, title, author, date) in articles {
        let text = format!(
            "---\ntitle: {title}\nauthor: {author}\ndate: {date}\nsource: Reuters\n---\n# {title}\n\nThe central bank said on Thursday that it would keep watching the data.\n"
        );
        std::fs::write(wire.join(file), text).unwrap();
    }
    (tmp, wire)
}

#[test]
fn the_list_shows_dates_newest_first_at_80x24_and_120x40() {
    let (_tmp, dir) = dated_folder();
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut app = App::new(CorpusSource::resolve(Some(&dir)).unwrap());
        let mut rt = Runtime::new(LoadOptions::default());
        rt.update(&mut app, Event::Resize(w, h));
        rt.load_sync(&mut app);
        let terminal = draw(&app);
        let rows: Vec<String> = (0..h)
            .map(|y| {
                (0..w)
                    .map(|x| terminal.backend().buffer()[(x, y)].symbol().to_string())
                    .collect()
            })
            .collect();
        let dates: Vec<&str> = ["2024-03-21", "2024-03-19", "2024-03-12", "2024-03-08", "2024-03-07"].to_vec();
        for (i, date) in dates.iter().enumerate() {
            assert!(
                rows[2 + i].contains(date),
                "row {i} shows {date} at {w}x{h}:\n{}",
                rows.join("\n")
            );
        }
        let screen = rows.join("\n").replace('\u{a0}', " ");
        assert!(
            screen.contains("Reuters · by Nina Keller") && screen.matches("2024-03-21").count() >= 2,
            "the reader's metadata line shows the source, the author and the parsed date:\n{screen}"
        );
        assert_eq!(
            screen.matches("Swiss National").count(),
            2,
            "the title shows once in the list and once in the reader, not twice there"
        );
        if w == 80 {
            insta::assert_snapshot!("dated_list_80x24", terminal.backend());
        } else {
            insta::assert_snapshot!("dated_list_120x40", terminal.backend());
        }
    }
}

#[test]
fn the_timeline_and_tag_chips_at_100x30_and_60x20() {
    let (_tmp, dir) = dated_folder();
    let library = tempfile::tempdir().unwrap();
    let mut app = App::new(CorpusSource::resolve(Some(&dir)).unwrap());
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(100, 30));
    rt.open_library(&mut app, library.path());
    rt.load_sync(&mut app);
    rt.act(&mut app, [Action::Tag]);
    rt.act(&mut app, typed("#rates #snb"));
    rt.act(&mut app, [Action::SubmitPrompt]);
    let screen = draw(&app);
    let text = format!("{}", screen.backend());
    assert!(
        text.contains("#rates #snb"),
        "chips on the row and in the reader's border:\n{text}"
    );
    assert!(
        text.contains("03-07 – 03-21 · day"),
        "the timeline's span and unit:\n{text}"
    );
    insta::assert_snapshot!("timeline_100x30", screen.backend());
    // `[` from the end: the last bar's day becomes the date filter, the bar is shown chosen.
    rt.act(&mut app, [Action::TimelinePrev]);
    assert_eq!(app.filter.line.text, "date:2024-03-21");
    assert_eq!(app.row_count(), 1);
    rt.act(&mut app, [Action::TimelinePrev]);
    assert_eq!(app.filter.line.text, "date:2024-03-20");
    assert_eq!(app.row_count(), 0, "a day without articles lists none");
    let text = format!("{}", draw(&app).backend());
    assert!(text.contains("2024-03-20"), "the chosen bar's period:\n{text}");
    rt.act(&mut app, [Action::ClearFilter]);
    assert!(app.timeline.bar.is_none() && app.filter.line.text.is_empty());
    rt.update(&mut app, Event::Resize(60, 20));
    insta::assert_snapshot!("timeline_60x20", draw(&app).backend());
}

#[test]
fn a_text_search_finds_articles_by_their_notes_and_marks_the_snippet() {
    let (cache, library) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut app = App::new(CorpusSource::Seeds);
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(100, 30));
    rt.cache_dir = Some(cache.path().to_path_buf());
    rt.open_library(&mut app, library.path());
    rt.load_sync(&mut app);
    rt.index_sync(&mut app);
    // A note on the fourth article with words no article's text has.
    rt.act(&mut app, [Action::Down, Action::Down, Action::Down, Action::EditNote]);
    let keys = "Call the Zagreb stringers".chars().map(|c| {
        Action::EditorInput(ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Char(c),
        ))
    });
    rt.act(&mut app, keys);
    rt.act(&mut app, [Action::CloseEditor, Action::StartFilter]);
    rt.act(&mut app, typed("=stringer zagreb"));
    assert_eq!(app.row_count(), 1);
    assert_eq!(app.row_article(0), Some(3));
    let text = format!("{}", draw(&app).backend());
    assert!(
        text.contains("✎ Call the Zagreb stringers"),
        "the snippet line is the note, marked:\n{text}"
    );
    assert!(text.contains("Text search 1/1"), "{text}");
    // With words of the text too: the note's article joins the index's answers.
    rt.act(&mut app, [Action::Edit(Edit::Clear)]);
    rt.act(&mut app, typed("=zagreb"));
    assert_eq!(app.row_count(), 1);
    rt.act(&mut app, [Action::Edit(Edit::Clear)]);
    rt.act(&mut app, typed("=testament"));
    assert_eq!(app.row_count(), 1, "a word of no note finds only the text");
}
