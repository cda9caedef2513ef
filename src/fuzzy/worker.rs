//! The matcher on a thread of its own. The UI only sends it haystacks and queries; results are
//! reported back when they are ready, so a keystroke never waits for a match pass, however
//! large the corpus: nucleo's `tick` blocks while it cancels a running pass, which costs
//! milliseconds at a million items.

use std::{
    sync::mpsc::{self, Receiver, Sender},
    thread,
};

use super::{Engine, Results};
use crate::report::Report;

enum Command {
    Push(Vec<String>),
    /// Replace every haystack (entity names became known) and keep matching the current query.
    Replace(Vec<String>),
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
        thread::Builder::new()
            .name("fuzzy".into())
            .spawn(move || run(&command_rx, &report))
            .expect("spawning the matcher thread");
        Self { commands, pushed: 0 }
    }

    #[must_use]
    pub fn pushed(&self) -> usize {
        self.pushed
    }

    /// Haystacks of the next articles, in corpus order.
    pub fn push(&mut self, haystacks: Vec<String>) {
        self.pushed += haystacks.len();
        self.send(Command::Push(haystacks));
    }

    pub fn replace(&mut self, haystacks: Vec<String>) {
        self.pushed = haystacks.len();
        self.send(Command::Replace(haystacks));
    }

    /// Match `query`; its results are reported with `generation`.
    pub fn set_query(&self, query: &str, generation: u64) {
        self.send(Command::Query(query.to_string(), generation));
    }

    /// Ask for an update carrying `token` once everything sent so far has been matched.
    pub fn sync(&self, token: u64) {
        self.send(Command::Sync(token));
    }

    fn send(&self, command: Command) {
        if self.commands.send(command).is_err() {
            tracing::error!("the matcher thread has stopped: the list no longer filters");
        }
    }
}

fn run(commands: &Receiver<Command>, updates: &Report<Update>) {
    let mut filter = Engine::new();
    let (mut query, mut generation) = (String::new(), 0);
    let mut synced = None;
    // Something changed since the last update was sent: send one when the pass settles.
    let mut owed = false;
    let mut running = false;
    loop {
        let command = if running || owed {
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
        let had_command = command.is_some();
        match command {
            Some(Command::Push(haystacks)) => {
                filter.push(haystacks.into_iter());
                owed = true;
            }
            Some(Command::Replace(haystacks)) => {
                filter = Engine::new();
                filter.push(haystacks.into_iter());
                filter.set_query(&query);
                owed = true;
            }
            Some(Command::Query(q, g)) => {
                filter.set_query(&q);
                (query, generation) = (q, g);
                owed = true;
            }
            Some(Command::Sync(token)) => {
                synced = Some(token);
                owed = true;
            }
            None => {}
        }
        // Take every queued command before ticking: only the latest query matters.
        if had_command {
            continue;
        }
        let (changed, still_running) = filter.tick(10);
        running = still_running;
        if changed || (owed && !running) {
            owed = running;
            let synced = if running { None } else { synced.take() };
            // With no query the app lists every article itself: no need to copy them all.
            let results = if query.is_empty() {
                Results::default()
            } else {
                filter.results()
            };
            let update = Update {
                results,
                running,
                generation,
                synced,
            };
            if !updates.send(update) {
                return;
            }
        }
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

    #[test]
    fn results_arrive_for_the_latest_query() {
        let (report, rx) = Report::channel();
        let mut m = Worker::spawn(report);
        m.push(vec!["apple pie".into(), "banana split".into(), "apple tart".into()]);
        m.set_query("ban", 1);
        m.set_query("apple", 2);
        m.sync(100);
        let update = synced(&rx, 100);
        assert_eq!(update.generation, 2);
        let mut order = update.results.order;
        order.sort_unstable();
        assert_eq!(order, vec![0, 2]);
        m.replace(vec!["banana".into()]);
        m.set_query("ban", 3);
        m.sync(101);
        assert_eq!(synced(&rx, 101).results.order, vec![0]);
    }
}
