//! The real terminal: set-up and guaranteed restore, the thread that reads its input, the
//! signals, and the host the loop draws on and runs the external editor with.

use std::{
    io::{self, BufWriter, IsTerminal, Stdout, Write},
    sync::{
        Arc, Condvar, Mutex, PoisonError,
        atomic::{AtomicBool, Ordering},
        mpsc::Sender,
    },
    thread,
    time::Duration,
};

use anyhow::Context;
use ratatui::{
    Terminal,
    backend::CrosstermBackend,
    crossterm::{
        event::{self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture},
        execute,
        terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, enable_raw_mode},
    },
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGSTOP, SIGTERM, SIGTSTP};

use super::{Host, Incoming, Runtime};
use crate::{
    app::{App, Event, Signal},
    external::{self, EditorError},
    ui::{self, theme::Theme},
};

/// How long the input thread waits for input before looking whether it should pause.
const INPUT_POLL: Duration = Duration::from_millis(100);

/// A frame is written in one go: stdout alone is line-buffered with a small buffer, so a large
/// frame reached the terminal in pieces (seen as torn frames in tmux).
type Screen = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Raw mode, the alternate screen, and a terminal that buffers a whole frame.
fn enter() -> io::Result<Screen> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(1 << 16, io::stdout())))
}

/// Back to the terminal as it was; also what the panic hook does.
fn leave() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    let _ = io::stdout().flush();
}

/// Run the interactive reader until the user quits.
///
/// # Errors
/// When standard output is not a terminal, or the terminal cannot be set up or drawn on.
pub fn run(mut app: App, mut rt: Runtime, theme: Theme) -> anyhow::Result<()> {
    if !io::stdout().is_terminal() {
        anyhow::bail!("standard output is not a terminal (for scripts, use --filter)");
    }
    let hangup = Arc::new(AtomicBool::new(false));
    let editing = Arc::new(AtomicBool::new(false));
    forward_signals(rt.sender(), hangup.clone(), editing.clone()).context("installing signal handlers")?;
    spawn_hangup_watchdog(hangup.clone(), rt.sender());
    // A panic that ends the app restores the terminal before the message is printed, so it
    // can be read. One on another thread, or one that is caught, leaves the screen alone: the
    // app goes on drawing, and the log has the message.
    let previous = std::panic::take_hook();
    let main = thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        if thread::current().id() == main && !crate::panics::caught() {
            leave();
            previous(info);
        } else {
            let name = thread::current().name().unwrap_or("unnamed").to_string();
            tracing::error!("panic on the {name} thread: {info}");
        }
    }));
    let terminal = enter().context("setting up the terminal")?;
    let size = terminal.size()?;
    rt.update(&mut app, Event::Resize(size.width, size.height));
    let input = InputReader::spawn(rt.sender());
    rt.set_host(Box::new(Tui {
        terminal,
        theme,
        input,
        editing,
        // Lets the end-to-end tests check that a panic restores the terminal (debug builds only).
        // (`indexer` panics on the index builder's thread instead: see fulltext::worker.)
        panic_for_test: cfg!(debug_assertions)
            && std::env::var_os("DOSSIER_TEST_PANIC").is_some_and(|v| v != "indexer"),
    }));
    rt.spawn_loader(&app);
    let result = rt.drive(&mut app);
    if !app.should_quit {
        // A lost terminal or an error: still keep the open note and the position.
        rt.update(&mut app, Event::Signal(Signal::Terminate));
    }
    rt.shutdown();
    if app.hung_up || hangup.load(Ordering::Relaxed) {
        exit_after_hangup();
    }
    leave();
    result.context("drawing on the terminal")
}

/// SIGTERM and SIGINT ask the app to save and quit, SIGHUP to do so without the terminal. A
/// Ctrl-C typed in the external editor reaches us too (same terminal): it was meant for the
/// editor and is dropped. SIGTSTP (`kill -TSTP`; in raw mode Ctrl-z is a key instead) suspends
/// the way Ctrl-z does, restoring the terminal first.
fn forward_signals(tx: Sender<Incoming>, hangup: Arc<AtomicBool>, editing: Arc<AtomicBool>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP, SIGTSTP])?;
    thread::Builder::new().name("signals".into()).spawn(move || {
        for signal in signals.forever() {
            if signal == SIGTSTP {
                if editing.load(Ordering::Relaxed) {
                    // The editor stopped its process group (vim's Ctrl-z): stop with it, as
                    // the default action would, so the shell gets the terminal back.
                    let _ = signal_hook::low_level::raise(SIGSTOP);
                } else {
                    let _ = tx.send(Incoming::Action(crate::app::Action::Suspend));
                }
                continue;
            }
            let event = match signal {
                SIGHUP => {
                    hangup.store(true, Ordering::Relaxed);
                    Signal::Hangup
                }
                SIGINT if editing.load(Ordering::Relaxed) => continue,
                _ => Signal::Terminate,
            };
            tracing::info!("signal {signal}: quitting");
            if tx.send(Incoming::Event(Event::Signal(event))).is_err() {
                return;
            }
        }
    })?;
    Ok(())
}

/// End the process after a hang-up (status 129). A SIGHUP can come while the terminal is still
/// there (`kill -HUP`, a multiplexer detaching): then it is restored like on any exit. A
/// terminal that is gone could block the restore, so it gets half a second, on a thread.
fn exit_after_hangup() -> ! {
    if io::stdout().is_terminal() {
        let (done_tx, done) = std::sync::mpsc::channel();
        let restoring = thread::Builder::new().name("restore".into()).spawn(move || {
            leave();
            let _ = done_tx.send(());
        });
        if restoring.is_ok() {
            let _ = done.recv_timeout(Duration::from_millis(500));
        }
    }
    std::process::exit(129);
}

/// Notice a terminal that hung up, and make sure the process ends without touching it. The
/// loop normally sees the hang-up, saves and exits; but a closed pty does not always deliver
/// SIGHUP, so this thread also checks that standard output is still a terminal, and after a
/// grace period exits itself.
fn spawn_hangup_watchdog(hangup: Arc<AtomicBool>, tx: Sender<Incoming>) {
    let spawned = thread::Builder::new().name("watchdog".into()).spawn(move || {
        loop {
            if !io::stdout().is_terminal() && !hangup.swap(true, Ordering::Relaxed) {
                let _ = tx.send(Incoming::Event(Event::Signal(Signal::Hangup)));
            }
            if hangup.load(Ordering::Relaxed) {
                thread::sleep(Duration::from_secs(2));
                tracing::warn!("the terminal hung up and the app did not finish in time");
                exit_after_hangup();
            }
            thread::sleep(Duration::from_millis(100));
        }
    });
    if let Err(e) = spawned {
        tracing::error!("cannot start the hang-up watchdog: {e}");
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReaderState {
    Reading,
    PauseAsked,
    Paused,
}

/// The thread that reads the terminal's input and sends it into the channel. It pauses while
/// the external editor has the terminal, which would otherwise lose keys to it.
struct InputReader {
    state: Arc<(Mutex<ReaderState>, Condvar)>,
}

impl InputReader {
    fn spawn(tx: Sender<Incoming>) -> Self {
        let state = Arc::new((Mutex::new(ReaderState::Reading), Condvar::new()));
        let shared = state.clone();
        let spawned = thread::Builder::new()
            .name("input".into())
            .spawn(move || read_input(&tx, &shared));
        if let Err(e) = spawned {
            tracing::error!("cannot start the input reader: {e}");
        }
        Self { state }
    }

    /// Stop reading, and wait until the thread has.
    fn pause(&self) {
        let (lock, changed) = &*self.state;
        let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
        *state = ReaderState::PauseAsked;
        let (state, _) = changed
            .wait_timeout_while(state, INPUT_POLL * 10, |s| *s != ReaderState::Paused)
            .unwrap_or_else(PoisonError::into_inner);
        drop(state);
    }

    fn resume(&self) {
        let (lock, changed) = &*self.state;
        *lock.lock().unwrap_or_else(PoisonError::into_inner) = ReaderState::Reading;
        changed.notify_all();
    }
}

fn read_input(tx: &Sender<Incoming>, state: &(Mutex<ReaderState>, Condvar)) {
    let (lock, changed) = state;
    loop {
        {
            let mut s = lock.lock().unwrap_or_else(PoisonError::into_inner);
            if *s == ReaderState::PauseAsked {
                *s = ReaderState::Paused;
                changed.notify_all();
            }
            while *s == ReaderState::Paused {
                s = changed.wait(s).unwrap_or_else(PoisonError::into_inner);
            }
        }
        let event = match event::poll(INPUT_POLL) {
            Ok(false) => continue,
            Ok(true) => event::read(),
            Err(e) => Err(e),
        };
        let msg = match event {
            Ok(event) => Incoming::Terminal(event),
            Err(e) => {
                // The terminal is unreadable: it is gone.
                tracing::warn!("reading the terminal: {e}");
                let _ = tx.send(Incoming::Event(Event::Signal(Signal::Hangup)));
                return;
            }
        };
        if tx.send(msg).is_err() {
            return;
        }
    }
}

/// The host of the interactive app: draws on the terminal, hands it to the external editor.
struct Tui {
    terminal: Screen,
    theme: Theme,
    input: InputReader,
    editing: Arc<AtomicBool>,
    panic_for_test: bool,
}

impl Host for Tui {
    fn draw(&mut self, app: &App, _inputs: u64) -> io::Result<()> {
        assert!(
            !(self.panic_for_test && app.loading.is_none()),
            "DOSSIER_TEST_PANIC is set"
        );
        // A synchronized update: terminals that know it show the frame whole, never torn.
        let _ = execute!(self.terminal.backend_mut(), BeginSynchronizedUpdate);
        let drawn = self
            .terminal
            .draw(|frame| ui::view(app, &self.theme, frame))
            .map(|_| ());
        let _ = execute!(self.terminal.backend_mut(), EndSynchronizedUpdate);
        drawn
    }

    fn edit_externally(&mut self, text: &str) -> Result<String, EditorError> {
        self.input.pause();
        self.editing.store(true, Ordering::Relaxed);
        leave();
        let result = external::run(text);
        self.editing.store(false, Ordering::Relaxed);
        match enter() {
            Ok(terminal) => self.terminal = terminal,
            Err(e) => tracing::error!("restoring the terminal after the editor: {e}"),
        }
        if let Err(e) = self.terminal.clear() {
            tracing::warn!("clearing the terminal after the editor: {e}");
        }
        self.input.resume();
        result
    }

    fn copy(&mut self, text: &str) -> io::Result<()> {
        let out = self.terminal.backend_mut();
        out.write_all(super::clipboard::osc52(text).as_bytes())?;
        out.flush()
    }

    fn suspend(&mut self) -> io::Result<Option<(u16, u16)>> {
        self.input.pause();
        leave();
        // SIGSTOP, not SIGTSTP: that one is ours (see `forward_signals`) and would come back
        // here. The process stops on this line; the shell's `fg` continues it.
        let stopped = signal_hook::low_level::raise(SIGSTOP);
        let entered = enter().and_then(|mut terminal| terminal.clear().map(|()| terminal));
        // Keys are read again whatever happened: a paused input thread would freeze the app.
        self.input.resume();
        self.terminal = entered?;
        stopped?;
        let size = self.terminal.size()?;
        Ok(Some((size.width, size.height)))
    }
}
