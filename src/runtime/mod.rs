//! The runtime: the one channel, the loop that blocks on it, and the carrying out of effects.
//!
//! Every producer sends into one channel: the terminal's input thread (raw key, mouse and
//! resize events), the loader, the fuzzy matcher, the full-text searcher and index builder, the
//! library writer, the signal handler. The loop blocks on it, takes everything queued, turns
//! terminal events into actions with the keymap, hands each message to [`App::update`],
//! carries out the effects it pushed (their results come back on the channel as events), and
//! draws at most once a frame. Nothing polls.

pub mod clipboard;
pub mod effects;
mod harness;
mod library;
mod loader;
mod mentions;
mod prefs;
pub mod terminal;

use std::{
    io,
    path::PathBuf,
    sync::mpsc::{self, Receiver, RecvTimeoutError, Sender},
    time::{Duration, Instant},
};

use ratatui::crossterm::event::Event as TerminalEvent;

use crate::{
    app::{Action, App, Effects, Event, Msg},
    external::EditorError,
    fulltext::worker::{Reply, Worker as Searcher},
    fuzzy, keymap,
    report::Report,
    store::LoadOptions,
};

/// Background work draws no more often than this; keys draw at once.
const FRAME: Duration = Duration::from_millis(16);
/// Two clicks on one cell this close together are a double click.
const DOUBLE_CLICK: Duration = Duration::from_millis(400);
/// After a keystroke, how long the loop waits for the matcher before drawing, so a small corpus
/// shows settled results in the keystroke's own frame. Never long enough to be felt.
const KEY_SETTLE: Duration = Duration::from_millis(3);

/// What arrives on the runtime's channel.
#[derive(Debug)]
pub enum Incoming {
    /// A raw terminal event: the keymap makes it an action with the mode of the moment.
    Terminal(TerminalEvent),
    /// An action from elsewhere than the keyboard (a benchmark's typist, a script).
    Action(Action),
    Event(Event),
    /// The fuzzy matcher has matched everything asked of it up to this token.
    FuzzySynced(u64),
}

/// Where the loop draws and where the external editor runs: the real terminal, or nothing.
pub trait Host {
    /// Draw the app; `inputs` counts the keys and clicks handled so far (benchmarks use it to
    /// tell which keystrokes a frame shows).
    fn draw(&mut self, app: &App, inputs: u64) -> io::Result<()>;
    /// Edit `text` in `$VISUAL`/`$EDITOR`, with the terminal handed over to it meanwhile.
    fn edit_externally(&mut self, text: &str) -> Result<String, EditorError>;
    /// Ask the terminal to put `text` on the clipboard (without a terminal: an error).
    fn copy(&mut self, _text: &str) -> io::Result<()> {
        Err(io::Error::other("no terminal to copy through"))
    }
    /// Give the terminal back and stop until continued; returns the terminal's size then
    /// (without a terminal: nothing to do).
    fn suspend(&mut self) -> io::Result<Option<(u16, u16)>> {
        Ok(None)
    }
}

/// No terminal: for tests and scripts.
pub struct Headless;

impl Host for Headless {
    fn draw(&mut self, _: &App, _: u64) -> io::Result<()> {
        Ok(())
    }

    fn edit_externally(&mut self, _: &str) -> Result<String, EditorError> {
        Err(EditorError::NoTerminal)
    }
}

/// The channel, the workers the effects talk to, and where things are kept.
pub struct Runtime {
    pub opts: LoadOptions,
    /// Where the full-text index is kept; `None`: no full-text search.
    pub cache_dir: Option<PathBuf>,
    /// Where the export key writes.
    pub export_dir: PathBuf,
    /// Where preferences are kept, once known.
    config_dir: Option<PathBuf>,
    /// The last left click (when, where), to tell a double click.
    last_click: Option<(Instant, u16, u16)>,
    tx: Sender<Incoming>,
    rx: Receiver<Incoming>,
    fuzzy: fuzzy::Worker,
    searcher: Searcher,
    library: Option<library::Writer>,
    host: Box<dyn Host>,
    /// Effects whose one reply (an article read, a library change, an edit, an export) has not
    /// come back yet.
    pending: usize,
    /// The last token asked of the matcher by `settle`.
    sync_token: u64,
    /// Keys and clicks handled so far.
    inputs: u64,
    /// When the last of them came, for background work that steps back meanwhile.
    pub activity: std::sync::Arc<crate::activity::Activity>,
}

impl Runtime {
    #[must_use]
    pub fn new(opts: LoadOptions) -> Self {
        let (tx, rx) = mpsc::channel();
        let fuzzy_tx = tx.clone();
        let fuzzy = fuzzy::Worker::spawn(Report::new(move |update: fuzzy::Update| {
            let synced = update.synced;
            let event = Event::Fuzzy {
                results: std::sync::Arc::new(update.results),
                running: update.running,
                generation: update.generation,
            };
            let sent = fuzzy_tx.send(Incoming::Event(event)).is_ok();
            sent && synced.is_none_or(|token| fuzzy_tx.send(Incoming::FuzzySynced(token)).is_ok())
        }));
        let searcher_tx = tx.clone();
        let searcher = Searcher::spawn(
            opts.clone(),
            Report::new(move |reply: Reply| searcher_tx.send(Incoming::Event(Event::Fulltext(reply))).is_ok()),
        );
        Self {
            opts,
            cache_dir: None,
            export_dir: PathBuf::from("."),
            config_dir: None,
            last_click: None,
            tx,
            rx,
            fuzzy,
            searcher,
            library: None,
            host: Box::new(Headless),
            pending: 0,
            sync_token: 0,
            inputs: 0,
            activity: std::sync::Arc::default(),
        }
    }

    /// Where to draw and run the external editor (the headless host until this is called).
    pub fn set_host(&mut self, host: Box<dyn Host>) {
        self.host = host;
    }

    /// A sender into the runtime's channel, for producers outside it (input, signals).
    #[must_use]
    pub fn sender(&self) -> Sender<Incoming> {
        self.tx.clone()
    }

    /// A report of events into the runtime's channel.
    fn events(&self) -> Report<Event> {
        let tx = self.tx.clone();
        Report::new(move |event| tx.send(Incoming::Event(event)).is_ok())
    }

    /// Hand one message to the app and carry out what it asks, then everything that is queued
    /// by then (the reply of an article read on this thread, say), without waiting for more.
    pub fn update(&mut self, app: &mut App, msg: impl Into<Msg>) {
        self.apply(app, msg.into());
        self.handle_queued(app, None);
    }

    /// `update` without handling what is queued after it.
    fn apply(&mut self, app: &mut App, msg: Msg) {
        let mut fx = Effects::default();
        app.update(msg, &mut fx);
        self.execute(app, &mut fx);
    }

    /// Carry out effects, then handle what is queued by then.
    pub fn run(&mut self, app: &mut App, mut fx: Effects) {
        self.execute(app, &mut fx);
        self.handle_queued(app, None);
    }

    /// Run the interactive loop until the app quits: block for the next message, handle all
    /// that are queued, draw.
    ///
    /// # Errors
    /// When drawing fails (the terminal is gone).
    pub fn drive(&mut self, app: &mut App) -> io::Result<()> {
        self.host.draw(app, self.inputs)?;
        let mut last_draw = Instant::now();
        let mut dirty = false;
        while !app.should_quit {
            let first = if dirty {
                match self.rx.recv_timeout(FRAME.saturating_sub(last_draw.elapsed())) {
                    Ok(msg) => Some(msg),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                }
            } else {
                // The runtime holds a sender itself, so this only fails if it is gone.
                let Ok(msg) = self.rx.recv() else { return Ok(()) };
                Some(msg)
            };
            let mut urgent = false;
            if let Some(first) = first {
                urgent = self.handle(app, first);
                urgent |= self.handle_queued(app, Some(Instant::now() + FRAME / 2));
                dirty = true;
                if urgent {
                    self.wait_for_matcher(app);
                }
            }
            if dirty && !app.should_quit && (urgent || last_draw.elapsed() >= FRAME) {
                self.host.draw(app, self.inputs)?;
                last_draw = Instant::now();
                dirty = false;
            }
        }
        Ok(())
    }

    /// Right after a keystroke that re-patterned the matcher, wait a few milliseconds for its
    /// answer so that a small corpus shows settled results in the same frame.
    fn wait_for_matcher(&mut self, app: &mut App) {
        let until = Instant::now() + KEY_SETTLE;
        while app.filter.matching && app.fulltext_query().is_none() && !app.should_quit {
            let Ok(msg) = self.rx.recv_timeout(until.saturating_duration_since(Instant::now())) else {
                return;
            };
            self.handle(app, msg);
            self.handle_queued(app, Some(until));
        }
    }

    /// Handle every message queued now (and those queued while handling them), coalescing the
    /// matcher's updates: of several waiting, only the newest is worth applying. Stops at
    /// `deadline` so that a flood of background messages cannot hold back a frame. Returns
    /// whether one of them is to be drawn at once (see [`Runtime::handle`]).
    fn handle_queued(&mut self, app: &mut App, deadline: Option<Instant>) -> bool {
        let mut urgent = false;
        loop {
            let batch: Vec<Incoming> = self.rx.try_iter().collect();
            if batch.is_empty() {
                return urgent;
            }
            let newest_fuzzy = batch.iter().rposition(is_fuzzy);
            for (i, msg) in batch.into_iter().enumerate() {
                if is_fuzzy(&msg) && Some(i) != newest_fuzzy {
                    continue;
                }
                urgent |= self.handle(app, msg);
            }
            if app.should_quit || deadline.is_some_and(|d| Instant::now() >= d) {
                return urgent;
            }
        }
    }

    /// One message: a terminal event through the keymap, an action or an event into the app.
    /// Returns whether it is to be drawn at once: a key, a click, or the settled answer to
    /// what the user typed.
    fn handle(&mut self, app: &mut App, msg: Incoming) -> bool {
        match msg {
            Incoming::Terminal(event) => {
                let Some(msg) = self
                    .double_click(&event)
                    .or_else(|| keymap::map_event(&app.keys, app.mode(), &event))
                else {
                    return false;
                };
                self.inputs += 1;
                self.activity.touch();
                self.apply(app, msg);
                true
            }
            Incoming::Action(action) => {
                self.inputs += 1;
                self.activity.touch();
                self.apply(app, action.into());
                true
            }
            Incoming::Event(event) => {
                if answers_an_effect(&event) {
                    self.pending = self.pending.saturating_sub(1);
                }
                let answer = answers_the_user(&event);
                self.apply(app, event.into());
                answer
            }
            Incoming::FuzzySynced(_) => false,
        }
    }

    /// A second left click on the same cell within [`DOUBLE_CLICK`] of the first is a double
    /// click: the time is the runtime's to know, not the keymap's.
    fn double_click(&mut self, event: &TerminalEvent) -> Option<Msg> {
        use ratatui::crossterm::event::{MouseButton, MouseEventKind};
        let TerminalEvent::Mouse(mouse) = event else {
            return None;
        };
        if mouse.kind != MouseEventKind::Down(MouseButton::Left) {
            return None;
        }
        let (col, row) = (mouse.column, mouse.row);
        let now = Instant::now();
        let double = self
            .last_click
            .is_some_and(|(at, c, r)| (c, r) == (col, row) && now.duration_since(at) <= DOUBLE_CLICK);
        self.last_click = (!double).then_some((now, col, row));
        double.then_some(Msg::Action(Action::DoubleClick { col, row }))
    }

    /// Let every library change reach the disk: called on the way out.
    pub fn shutdown(&mut self) {
        if let Some(mut writer) = self.library.take() {
            writer.finish();
        }
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn is_fuzzy(msg: &Incoming) -> bool {
    matches!(msg, Incoming::Event(Event::Fuzzy { .. }))
}

/// The answers to what the user is waiting for: settled filter results and search results.
/// They are drawn at once, not at the next frame.
fn answers_the_user(event: &Event) -> bool {
    matches!(
        event,
        Event::Fuzzy { running: false, .. } | Event::Fulltext(Reply::Results { .. }) | Event::ArticleRead { .. }
    )
}

/// The events that are the one reply to an effect (see [`Runtime::pending`]).
fn answers_an_effect(event: &Event) -> bool {
    matches!(
        event,
        Event::ArticleRead { .. }
            | Event::LibraryChanged { .. }
            | Event::NoteEdited { .. }
            | Event::Exported(_)
            | Event::Compared(_)
            | Event::Mentions { .. }
    )
}
