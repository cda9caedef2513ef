//! An article not in English, in the real App drawn into `TestBackend`: its names come from
//! the gazetteers only, and the sidebar's border says so; an English one says nothing.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dossier::{
    app::{Action, App, Event},
    runtime::Runtime,
    store::{CorpusSource, LoadOptions},
    ui::{self, theme::Theme},
};
use ratatui::{Terminal, backend::TestBackend};

const GERMAN: &str = "Hilfen für die Landwirtschaft\n\nDie Bundesregierung hat am Dienstag in Berlin \
neue Hilfen für die Landwirtschaft beschlossen. Der Minister sagte, die Bauern bräuchten schnelle \
Unterstützung, weil die Ernte in diesem Jahr schlecht ausgefallen sei.\n";

const ENGLISH: &str = "Farm aid agreed\n\nThe government agreed new help for farmers in Berlin on \
Tuesday. The minister said farmers needed support quickly after a poor harvest this year.\n";

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|frame| ui::view(app, &Theme::plain(), frame)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_sidebar_says_when_names_come_from_the_lists_only() {
    let tmp = tempfile::tempdir().unwrap();
    // A fixed name: the header shows it, and the snapshot with it.
    let dir = tmp.path().join("farm-news");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a-landwirtschaft.txt"), GERMAN).unwrap();
    std::fs::write(dir.join("b-farm-aid.txt"), ENGLISH).unwrap();
    let mut app = App::new(CorpusSource::Folder(dir.clone()));
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(110, 24));
    rt.load_sync(&mut app);
    rt.act(&mut app, [Action::Top, Action::Open]);
    let german = screen(&app);
    insta::assert_snapshot!(german);
    assert!(german.contains("German · lists only"), "{german}");
    let sidebar: String = german.lines().map(|l| l.chars().skip(82).collect::<String>()).collect();
    assert!(sidebar.contains("Berlin"), "{german}");
    assert!(
        !sidebar.contains("Bundesregierung") && !sidebar.contains("Landwirtschaft"),
        "{german}"
    );
    rt.act(&mut app, [Action::NextArticle]);
    let english = screen(&app);
    assert!(english.contains("Farm aid agreed"), "{english}");
    assert!(!english.contains("lists only"), "{english}");
}
