//! The terminal runtime: set-up and guaranteed restore, signals, and the event loop that
//! ties keymap, update, effects and view together.

use std::{
    io::{self, IsTerminal, Write},
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
        mpsc,
    },
    thread,
    time::{Duration, Instant},
};

use anyhow::Context;
use ratatui::{
    DefaultTerminal,
    crossterm::{
        event::{self, DisableMouseCapture, EnableMouseCapture},
        execute,
    },
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::{
    app::{Action, App},
    effects::Runtime,
    entities::corpus::extract_all,
    index::worker::BuildJob,
    keymap,
    store::{self, CorpusSource, LoadEvent},
    ui,
};

/// How long the loader collects articles before handing a batch to the UI.
const BATCH_INTERVAL: Duration = Duration::from_millis(30);

struct Signals {
    stop: Arc<AtomicBool>,
    hangup: Arc<AtomicBool>,
}

impl Signals {
    fn install() -> io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let hangup = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(SIGTERM, stop.clone())?;
        signal_hook::flag::register(SIGINT, stop.clone())?;
        signal_hook::flag::register(SIGHUP, hangup.clone())?;
        Ok(Self { stop, hangup })
    }
}

/// Notice a terminal that hung up, and make sure the process ends without touching it. The
/// main thread normally sees the flag, saves and exits; but it cannot be relied on to get
/// there (crossterm can keep reading end-of-file from a closed terminal in a loop of its own,
/// and a closed pty does not always deliver SIGHUP), so after a grace period this thread exits.
fn spawn_hangup_watchdog(hangup: Arc<AtomicBool>) {
    thread::spawn(move || {
        loop {
            if !io::stdout().is_terminal() {
                hangup.store(true, Ordering::Relaxed);
            }
            if hangup.load(Ordering::Relaxed) {
                thread::sleep(Duration::from_secs(2));
                std::process::exit(129);
            }
            thread::sleep(Duration::from_millis(100));
        }
    });
}

/// Run the interactive reader until the user quits.
pub fn run(app: App, runtime: Runtime) -> anyhow::Result<()> {
    if !io::stdout().is_terminal() {
        anyhow::bail!("standard output is not a terminal (for scripts, use --filter)");
    }
    let signals = Signals::install().context("installing signal handlers")?;
    spawn_hangup_watchdog(signals.hangup.clone());
    let mut terminal = ratatui::try_init().context("setting up the terminal")?;
    // ratatui's panic hook restores raw mode and the screen but not mouse capture.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    let _ = execute!(io::stdout(), EnableMouseCapture);
    let (mut app, mut runtime) = (app, runtime);
    let result = event_loop(&mut terminal, &mut app, &mut runtime, &signals);
    if !app.should_quit {
        // A signal, a lost terminal or an error: still keep the open note and the position.
        let fx = app.update(Action::Quit);
        runtime.run(&mut app, fx);
    }
    if signals.hangup.load(Ordering::Relaxed) {
        // The terminal is gone: writing the restore sequences could block or fail.
        std::process::exit(129);
    }
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = io::stdout().flush();
    result
}

/// Suspend the terminal, run `$VISUAL`/`$EDITOR` on each waiting note, and come back.
fn edit_externally(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    rt: &mut Runtime,
    signals: &Signals,
) -> anyhow::Result<()> {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    for (target, text) in std::mem::take(&mut rt.external_edits) {
        let result = crate::effects::run_editor(&text);
        // Ctrl-C typed in the editor reached us too (same terminal): it was meant for the editor.
        signals.stop.store(false, Ordering::Relaxed);
        let fx = app.update(Action::NoteEdited {
            target: Box::new(target),
            sent: text,
            result,
        });
        rt.run(app, fx);
    }
    *terminal = ratatui::try_init().context("restoring the terminal after the editor")?;
    let _ = execute!(io::stdout(), EnableMouseCapture);
    terminal.clear()?;
    Ok(())
}

/// Read the corpus on a background thread, then extract its entities and (on a thread of its
/// own) build its full-text index, sending what they find to the UI as actions: the first frame
/// never waits for any of them.
pub fn spawn_loader(source: CorpusSource, opts: store::LoadOptions, index: Option<BuildJob>) -> mpsc::Receiver<Action> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut batch = Vec::new();
        let mut last = Instant::now();
        let mut articles = Vec::new();
        store::load(&source, &opts, &mut |event| {
            if let LoadEvent::Article(meta) = &event {
                articles.push((**meta).clone());
            }
            let done = event == LoadEvent::Done;
            batch.push(event);
            if done || last.elapsed() >= BATCH_INTERVAL {
                // The UI may have quit; then there is nobody to tell.
                let _ = tx.send(Action::Loaded(std::mem::take(&mut batch)));
                last = Instant::now();
            }
        });
        // Extraction and indexing (whose threads inherit this) yield the cores to the UI and
        // the matcher: on two cores they otherwise delay keystrokes' frames. Loading does not:
        // typing would then starve it (27 s instead of 3 at 100k articles).
        let _ = thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min);
        let articles = Arc::new(articles);
        if let Some(job) = index {
            let (source, opts, articles) = (source.clone(), opts.clone(), articles.clone());
            thread::spawn(move || crate::index::worker::build(&job, &source.key(), &source, &articles, &opts));
        }
        extract_all(&source, &articles, &opts, 1, &mut |pass| {
            let _ = tx.send(Action::EntityPass(pass));
        });
    });
    rx
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    rt: &mut Runtime,
    signals: &Signals,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let loader = spawn_loader(app.source.clone(), rt.opts.clone(), rt.build_job());
    // Lets the end-to-end tests check that a panic restores the terminal (debug builds only).
    let panic_for_test = cfg!(debug_assertions) && std::env::var_os("DOSSIER_TEST_PANIC").is_some();
    let mut dirty = true;
    let mut typed = false;
    loop {
        if signals.stop.load(Ordering::Relaxed) || signals.hangup.load(Ordering::Relaxed) {
            return Ok(());
        }
        if !rt.external_edits.is_empty() {
            edit_externally(terminal, app, rt, signals)?;
            dirty = true;
        }
        if rt.poll(app) {
            dirty = true;
        }
        while let Ok(action) = loader.try_recv() {
            let fx = app.update(action);
            rt.run(app, fx);
            dirty = true;
        }
        // Tick the matcher before drawing. Right after a keystroke give it a few milliseconds so
        // small corpora show settled results in the same frame; never long enough to delay it.
        let (changed, running) = rt.tick(app, if typed { 3 } else { 0 });
        if dirty || typed || changed {
            terminal.draw(|frame| ui::view(app, frame))?;
            dirty = false;
        }
        typed = false;
        let busy = app.loading.is_some()
            || app.entities.progress.is_some()
            || app.opening.is_some()
            || app.indexing()
            || running
            || app.filter.matching;
        let timeout = Duration::from_millis(if busy { 8 } else { 200 });
        if event::poll(timeout)? {
            // Handle every event already queued before drawing again, so a burst of keys
            // (or a held key) costs one frame, not one frame per key.
            loop {
                let event = event::read()?;
                if let Some(action) = keymap::map_event(app.mode(), &event) {
                    let fx = app.update(action);
                    rt.run(app, fx);
                    typed = true;
                }
                let stopping = signals.stop.load(Ordering::Relaxed);
                if app.should_quit || stopping || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if app.should_quit {
            return Ok(());
        }
        if panic_for_test && app.loading.is_none() {
            panic!("DOSSIER_TEST_PANIC is set");
        }
    }
}
