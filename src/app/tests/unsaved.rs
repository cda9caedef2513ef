//! Changes a save could not write: kept, counted on screen, retried, and asked about at quit.

use std::{
    io,
    sync::atomic::{AtomicBool, Ordering},
    time::{Duration, Instant},
};

use super::*;
use crate::library::{Library, Stage};

/// The disk of these tests: full while this is set.
static FULL: AtomicBool = AtomicBool::new(false);

fn disk(_: Stage) -> io::Result<()> {
    if FULL.load(Ordering::SeqCst) {
        Err(io::Error::from_raw_os_error(28)) // ENOSPC
    } else {
        Ok(())
    }
}

fn status_line(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap();
    terminal
        .draw(|frame| crate::ui::view(app, &crate::ui::theme::Theme::plain(), frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..120).map(|x| buffer[(x, 29)].symbol().to_string()).collect()
}

fn app_on_a_full_disk(dir: &std::path::Path) -> (App, Runtime) {
    let mut app = App::new(CorpusSource::Seeds);
    let mut rt = Runtime::new(LoadOptions::default());
    rt.update(&mut app, Event::Resize(120, 30));
    let (mut library, notices) = Library::open(dir, &app.source.key()).unwrap();
    library.set_fault_hook(Some(disk));
    rt.attach_library(&mut app, library, notices);
    rt.load_sync(&mut app);
    (app, rt)
}

// One test, not several: they share the one static disk.
#[test]
fn unsaved_changes_stay_pending_are_retried_and_asked_about_at_quit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut rt) = app_on_a_full_disk(dir.path());
    FULL.store(true, Ordering::SeqCst);
    rt.act(&mut app, [Action::ToggleBookmark, Action::Down, Action::ToggleBookmark]);
    assert_eq!(app.marks.unsaved, 2);
    let status = status_line(&app);
    assert!(
        status.contains("not saved") && status.contains("⚠ 2 unsaved"),
        "{status}"
    );
    rt.act(&mut app, [Action::Up, Action::Down]);
    assert!(status_line(&app).contains("⚠ 2 unsaved"), "keys do not clear it");

    // q asks (and retries, which fails again on the full disk); another key forgets the question.
    rt.act(&mut app, [Action::Quit]);
    assert!(!app.should_quit && app.quit_asked);
    let status = status_line(&app);
    assert!(
        status.contains("2 changes are not saved") && status.contains("q again quits"),
        "{status}"
    );
    rt.act(&mut app, [Action::Down]);
    assert!(!app.quit_asked);

    // The disk has room again: the timer's retry saves both without any key.
    FULL.store(false, Ordering::SeqCst);
    let start = Instant::now();
    while app.marks.unsaved > 0 && start.elapsed() < Duration::from_secs(20) {
        rt.update(&mut app, Event::Resize(120, 30));
        rt.settle(&mut app);
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(app.marks.unsaved, 0, "the timer did not retry");
    assert!(!status_line(&app).contains("unsaved"));
    assert_eq!(app.save_failure, None);
    drop(rt);
    let (again, _) = Library::open(dir.path(), &app.source.key()).unwrap();
    assert!(again.state().articles.values().filter(|a| a.is_bookmarked()).count() == 2);

    // Full again: q asks; when the retry at q succeeds, the app quits by itself.
    let (mut app, mut rt) = app_on_a_full_disk(dir.path());
    FULL.store(true, Ordering::SeqCst);
    rt.act(&mut app, [Action::ToggleBookmark]);
    rt.act(&mut app, [Action::Quit]);
    assert!(app.quit_asked && !app.should_quit);
    FULL.store(false, Ordering::SeqCst);
    rt.act(&mut app, [Action::Down, Action::Quit]);
    assert!(app.should_quit, "saved at the second try and quit");
    assert_eq!(app.marks.unsaved, 0);

    // Full for good: the second q quits without them.
    let (mut app, mut rt) = app_on_a_full_disk(dir.path());
    FULL.store(true, Ordering::SeqCst);
    rt.act(&mut app, [Action::ToggleBookmark, Action::Quit]);
    assert!(!app.should_quit);
    rt.act(&mut app, [Action::Quit]);
    assert!(app.should_quit);
    FULL.store(false, Ordering::SeqCst);
}
