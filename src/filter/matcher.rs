//! The matcher on a thread of its own. The UI only sends it haystacks and queries and picks up
//! results when they are ready, so a keystroke never waits for a match pass, however large the
//! corpus: nucleo's `tick` blocks while it cancels a running pass, which costs milliseconds
//! at a million items.

use std::{
    sync::mpsc::{self, Receiver, RecvTimeoutError, Sender},
    thread,
    time::Duration,
};

use super::{Filter, Results};

enum Command {
    Push(Vec<String>),
    /// Replace every haystack (entity names became known) and keep matching the current query.
    Replace(Vec<String>),
    Query(String, u64),
    /// Answer with an update carrying this token once everything before it has settled.
    Sync(u64),
}

/// New results from the matcher thread.
pub struct Update {
    pub results: Results,
    /// A pass is still running (the results are partial).
    pub running: bool,
    /// Which query (counted from 1 as they were sent) these results are for.
    pub generation: u64,
    /// The token of the last `sync` this update answers, if any.
    pub synced: Option<u64>,
}

pub struct Matcher {
    commands: Sender<Command>,
    updates: Receiver<Update>,
    pushed: usize,
    generation: u64,
}

impl Default for Matcher {
    fn default() -> Self {
        Self::spawn()
    }
}

impl Matcher {
    pub fn spawn() -> Self {
        let (commands, command_rx) = mpsc::channel();
        let (update_tx, updates) = mpsc::channel();
        thread::Builder::new()
            .name("matcher".into())
            .spawn(move || run(&command_rx, &update_tx))
            .expect("spawning the matcher thread");
        Self {
            commands,
            updates,
            pushed: 0,
            generation: 0,
        }
    }

    pub fn pushed(&self) -> usize {
        self.pushed
    }

    /// Haystacks of the next articles, in corpus order.
    pub fn push(&mut self, haystacks: Vec<String>) {
        self.pushed += haystacks.len();
        let _ = self.commands.send(Command::Push(haystacks));
    }

    pub fn replace(&mut self, haystacks: Vec<String>) {
        self.pushed = haystacks.len();
        let _ = self.commands.send(Command::Replace(haystacks));
    }

    /// Returns the query's generation.
    pub fn set_query(&mut self, query: &str) -> u64 {
        self.generation += 1;
        let _ = self.commands.send(Command::Query(query.to_string(), self.generation));
        self.generation
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Block until everything sent so far has been matched; returns the final update.
    pub fn sync(&mut self) -> Update {
        self.generation += 1;
        let token = self.generation;
        let _ = self.commands.send(Command::Sync(token));
        loop {
            match self.updates.recv() {
                Ok(update) if update.synced == Some(token) => return update,
                Ok(_) => {}
                Err(_) => panic!("the matcher thread stopped"),
            }
        }
    }

    /// The newest update waiting, if any (older ones are superseded).
    pub fn try_update(&self) -> Option<Update> {
        self.updates.try_iter().last()
    }

    /// Wait for the next update, up to `timeout`.
    pub fn wait_update(&self, timeout: Duration) -> Option<Update> {
        self.updates.recv_timeout(timeout).ok()
    }
}

fn run(commands: &Receiver<Command>, updates: &Sender<Update>) {
    let mut filter = Filter::new();
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
            match commands.recv_timeout(Duration::from_millis(100)) {
                Ok(c) => Some(c),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        };
        let had_command = command.is_some();
        match command {
            Some(Command::Push(haystacks)) => {
                filter.push(haystacks.into_iter());
                owed = true;
            }
            Some(Command::Replace(haystacks)) => {
                filter = Filter::new();
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
            if updates.send(update).is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_arrive_for_the_latest_query() {
        let mut m = Matcher::spawn();
        m.push(vec!["apple pie".into(), "banana split".into(), "apple tart".into()]);
        m.set_query("ban");
        let last = m.set_query("apple");
        let update = m.sync();
        assert_eq!(update.generation, last);
        let mut order = update.results.order;
        order.sort();
        assert_eq!(order, vec![0, 2]);
        m.replace(vec!["banana".into()]);
        m.set_query("ban");
        assert_eq!(m.sync().results.order, vec![0]);
    }
}
