//! The matcher on a thread of its own. The UI only sends it articles' fields and queries;
//! results are reported back when they are ready (and while a pass runs, as they come), so a
//! keystroke never waits for a match pass, however large the corpus. A newer query or a new
//! set of articles stops a running pass between two chunks: the handle bumps a counter that
//! every matching thread reads, without waiting for the command to be taken off the queue.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
        mpsc::{self, Receiver, Sender},
    },
    thread,
};

use super::{Engine, Item, Results};
use crate::report::Report;

enum Command {
    Push(Vec<Item>),
    /// Replace every article's fields (entity names became known) and keep matching the
    /// current query.
    Replace(Vec<Item>),
    /// Some articles' fields anew (their tags changed).
    Set(Vec<(u32, Item)>),
    Query(String, u64),
    /// Answer with an update carrying this token once everything before it has settled.
    Sync(u64),
}

/// New results from the matcher thread.
#[derive(Debug)]
pub struct Update {
    pub results: Results,
    /// A pass is still running (the results are partial).
    pub running: bool,
    /// Which query (counted from 1 as they were sent) these results are for.
    pub generation: u64,
    /// The token of the last `sync` this update answers, if any.
    pub synced: Option<u64>,
}

/// The matcher thread's handle. Dropping it stops the thread.
pub struct Worker {
    commands: Sender<Command>,
    /// Bumped after each command that makes a running pass moot.
    interrupts: Arc<AtomicU64>,
    pushed: usize,
}

impl Worker {
    /// Start the thread; every update is sent to `report`.
    ///
    /// # Panics
    /// When the operating system cannot start a thread.
    #[must_use]
    #[allow(clippy::expect_used)]
    pub fn spawn(report: Report<Update>) -> Self {
        let (commands, command_rx) = mpsc::channel();
        let interrupts = Arc::new(AtomicU64::new(0));
        let seen = interrupts.clone();
        thread::Builder::new()
            .name("fuzzy".into())
            .spawn(move || run(&command_rx, &seen, &report))
            .expect("spawning the matcher thread");
        Self {
            commands,
            interrupts,
            pushed: 0,
        }
    }

    #[must_use]
    pub fn pushed(&self) -> usize {
        self.pushed
    }

    /// Fields of the next articles, in corpus order.
    pub fn push(&mut self, items: Vec<Item>) {
        self.pushed += items.len();
        self.send(Command::Push(items));
    }

    pub fn replace(&mut self, items: Vec<Item>) {
        self.pushed = items.len();
        self.send(Command::Replace(items));
        self.interrupt();
    }

    /// New fields for articles already pushed; matched again against the current query.
    pub fn set(&self, items: Vec<(u32, Item)>) {
        self.send(Command::Set(items));
        self.interrupt();
    }

    /// Match `query`; its results are reported with `generation`.
    pub fn set_query(&self, query: &str, generation: u64) {
        self.send(Command::Query(query.to_string(), generation));
        self.interrupt();
    }

    /// Ask for an update carrying `token` once everything sent so far has been matched.
    pub fn sync(&self, token: u64) {
        self.send(Command::Sync(token));
    }

    /// After the command is queued, so that a pass stopped by it finds it there.
    fn interrupt(&self) {
        self.interrupts.fetch_add(1, Ordering::Release);
    }

    fn send(&self, command: Command) {
        if self.commands.send(command).is_err() {
            tracing::error!("the matcher thread has stopped: the list no longer filters");
        }
    }
}

fn run(commands: &Receiver<Command>, interrupts: &AtomicU64, updates: &Report<Update>) {
    let mut engine = Engine::new();
    let mut generation = 0;
    let mut synced = None;
    // Something changed since the last settled update: send one when matching is done.
    let mut owed = false;
    loop {
        let command = if owed || engine.running() {
            match commands.try_recv() {
                Ok(c) => Some(c),
                Err(mpsc::TryRecvError::Empty) => None,
                Err(mpsc::TryRecvError::Disconnected) => return,
            }
        } else {
            // Idle: nothing to report until a command comes.
            match commands.recv() {
                Ok(c) => Some(c),
                Err(mpsc::RecvError) => return,
            }
        };
        if let Some(command) = command {
            match command {
                Command::Push(items) => engine.push(items),
                Command::Replace(items) => engine.replace(items),
                Command::Set(items) => engine.set_many(items),
                Command::Query(q, g) => {
                    engine.set_query(&q);
                    generation = g;
                }
                Command::Sync(token) => synced = Some(token),
            }
            owed = true;
            // Take every queued command before matching: only the latest query matters.
            continue;
        }
        if engine.running() {
            let at_start = interrupts.load(Ordering::Acquire);
            let stop = || interrupts.load(Ordering::Relaxed) != at_start;
            engine.run(&stop, &mut |results| {
                let update = Update {
                    results,
                    running: true,
                    generation,
                    synced: None,
                };
                updates.send(update);
            });
            if engine.running() {
                // Stopped by a newer command: take it.
                continue;
            }
        }
        // With no query the app lists every article itself: no need to copy them all.
        let results = if engine.query().is_empty() {
            Results::default()
        } else {
            engine.results()
        };
        let update = Update {
            results,
            running: false,
            generation,
            synced: synced.take(),
        };
        if !updates.send(update) {
            return;
        }
        owed = false;
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// Updates until the one answering `token`.
    fn synced(rx: &Receiver<Update>, token: u64) -> Update {
        loop {
            let update = rx.recv_timeout(Duration::from_secs(30)).unwrap();
            if update.synced == Some(token) {
                return update;
            }
        }
    }

    fn titled(titles: &[&str]) -> Vec<Item> {
        titles.iter().map(|t| Item::titled(t)).collect()
    }

    #[test]
    fn results_arrive_for_the_latest_query() {
        let (report, rx) = Report::channel();
        let mut m = Worker::spawn(report);
        m.push(titled(&["apple pie", "banana split", "apple tart"]));
        m.set_query("ban", 1);
        m.set_query("apple", 2);
        m.sync(100);
        let update = synced(&rx, 100);
        assert_eq!(update.generation, 2);
        let mut order = update.results.order;
        order.sort_unstable();
        assert_eq!(order, vec![0, 2]);
        m.replace(titled(&["banana"]));
        m.set_query("ban", 3);
        m.sync(101);
        assert_eq!(synced(&rx, 101).results.order, vec![0]);
    }

    #[test]
    fn a_newer_query_stops_a_long_pass_and_partial_results_are_matches() {
        let (report, rx) = Report::channel();
        let mut m = Worker::spawn(report);
        let titles: Vec<String> = (0..200_000).map(|i| format!("Report {i} on the budget")).collect();
        let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        m.push(titled(&refs));
        m.set_query("r", 1);
        m.set_query("budget 1999", 2);
        m.sync(7);
        let settled = synced(&rx, 7);
        assert_eq!(settled.generation, 2);
        let expected = super::super::rank(titled(&refs), "budget 1999");
        assert_eq!(settled.results.order, expected);
        // Pushed while settled: matched against the current query and merged in.
        m.push(titled(&["Budget 1999 revisited"]));
        m.sync(8);
        let order = synced(&rx, 8).results.order;
        assert_eq!(order.len(), expected.len() + 1);
        assert!(order.contains(&200_000));
        // Updates sent while running hold only matches of their query.
        m.set_query("9", 3);
        m.sync(9);
        let mut partials = Vec::new();
        let last = loop {
            let u = rx.recv_timeout(Duration::from_secs(30)).unwrap();
            if u.synced == Some(9) {
                break u;
            }
            partials.push(u);
        };
        let settled: std::collections::HashSet<u32> = last.results.order.iter().copied().collect();
        for p in partials.iter().filter(|p| p.generation == 3) {
            assert!(p.results.order.iter().all(|i| settled.contains(i)));
        }
    }
}
