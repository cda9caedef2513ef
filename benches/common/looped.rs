//! Measuring keystrokes through the real event loop: a typist thread sends actions into the
//! runtime's channel, stamped when sent; the loop ([`Runtime::drive`]) handles them exactly as
//! in the app, and a host drawing into a `TestBackend` records, for every keystroke, how long
//! after it was sent the first frame showing it was drawn, and the first frame showing
//! settled results.

use std::{
    io,
    sync::{Arc, Condvar, Mutex, mpsc::Sender},
    time::{Duration, Instant},
};

use dossier::{
    app::{Action, App},
    external::EditorError,
    runtime::{Host, Incoming},
    ui::{self, theme::Theme},
};
use ratatui::{Terminal, backend::TestBackend};

#[derive(Default)]
pub struct State {
    /// When each keystroke was sent.
    pub sent: Vec<Instant>,
    /// Keystrokes shown by a frame so far.
    pub shown: usize,
    /// Keystrokes whose results a frame has shown settled.
    pub settled: usize,
    /// (keystroke, its latency to the first frame showing it, the phase then)
    pub frames: Vec<(usize, Duration, usize)>,
    /// (keystroke, its latency to the first frame with settled results)
    pub settle_times: Vec<(usize, Duration)>,
    /// Frames drawn.
    pub draws: usize,
}

#[derive(Default)]
pub struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    /// Send a keystroke into the loop, stamped; returns its number.
    pub fn key(&self, tx: &Sender<Incoming>, action: Action) -> usize {
        let mut s = self.state.lock().unwrap();
        s.sent.push(Instant::now());
        tx.send(Incoming::Action(action)).unwrap();
        s.sent.len() - 1
    }

    /// Wait until `done` holds (re-checked after every frame).
    pub fn wait(&self, done: impl Fn(&State) -> bool) {
        let s = self.state.lock().unwrap();
        drop(self.changed.wait_while(s, |s| !done(s)).unwrap());
    }

    /// Wait until every keystroke sent has settled results on screen.
    pub fn wait_settled(&self) {
        self.wait(|s| s.settled >= s.sent.len());
    }

    pub fn with<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        f(&self.state.lock().unwrap())
    }
}

/// Draws into a `TestBackend`; `phase` classifies each frame for the bench; `watch` sees the
/// app after every frame.
pub struct BenchHost {
    pub term: Terminal<TestBackend>,
    pub theme: Theme,
    pub shared: Arc<Shared>,
    pub phase: fn(&App) -> usize,
    pub watch: Box<dyn FnMut(&App)>,
}

impl BenchHost {
    pub fn new(width: u16, height: u16, shared: Arc<Shared>) -> Self {
        Self {
            term: Terminal::new(TestBackend::new(width, height)).unwrap(),
            theme: Theme::colour(),
            shared,
            phase: |_| 0,
            watch: Box::new(|_| {}),
        }
    }
}

impl Host for BenchHost {
    fn draw(&mut self, app: &App, inputs: u64) -> io::Result<()> {
        let Ok(_) = self.term.draw(|f| ui::view(app, &self.theme, f));
        let now = Instant::now();
        let phase = (self.phase)(app);
        (self.watch)(app);
        let mut s = self.shared.state.lock().unwrap();
        let shown = usize::try_from(inputs).unwrap().min(s.sent.len());
        for k in s.shown..shown {
            let latency = now - s.sent[k];
            s.frames.push((k, latency, phase));
        }
        s.shown = s.shown.max(shown);
        if !app.filter.matching {
            for k in s.settled..s.shown {
                let latency = now - s.sent[k];
                s.settle_times.push((k, latency));
            }
            s.settled = s.shown;
        }
        s.draws += 1;
        self.shared.changed.notify_all();
        Ok(())
    }

    fn edit_externally(&mut self, _: &str) -> Result<String, EditorError> {
        Err(EditorError::NoTerminal)
    }
}
