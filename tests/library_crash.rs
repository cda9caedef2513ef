//! Real processes: one killed with SIGKILL at random moments while saving, and two writing
//! at the same time. The test binary re-executes itself as the child (`child_process_entry`
//! with `LIBRARY_TEST_ROLE` set), so this works under plain `cargo test`.

// A test fails where it unwraps: the panic is the failure, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::env;
use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use dossier::library::{Annotation, Library, make_selector};
use serde_json::Value;

const ROLE: &str = "LIBRARY_TEST_ROLE";
const DIR: &str = "LIBRARY_TEST_DIR";
const TAG: &str = "LIBRARY_TEST_TAG";
const KEY: &str = "builtin:seeds";
const KILLS: usize = 250;
const WRITES_PER_PROCESS: usize = 100;

fn annotation(note: &str) -> Annotation {
    let text = "A passage long enough to give each annotation some weight on disk.";
    let (quote, position) = make_selector(text, 2, 30);
    Annotation::new(quote, position, note)
}

/// Runs only as a child process; in a normal test run it returns at once.
#[test]
fn child_process_entry() {
    let Ok(role) = env::var(ROLE) else {
        return;
    };
    let dir = PathBuf::from(env::var(DIR).expect("dir"));
    match role.as_str() {
        "saver" => saver(&dir),
        "writer" => writer(&dir, &env::var(TAG).expect("tag")),
        other => panic!("unknown role {other}"),
    }
}

fn spawn(role: &str, dir: &Path, tag: &str) -> Child {
    Command::new(env::current_exe().expect("test binary"))
        .args(["--exact", "child_process_entry", "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(DIR, dir)
        .env(TAG, tag)
        .stdout(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .expect("spawn child")
}

/// Save forever, counting; print "ack N" once save N returned Ok. Stops by itself if the
/// parent goes away (the write to the closed pipe fails).
fn saver(dir: &Path) {
    let (mut lib, notices) = Library::open(dir, KEY).expect("open");
    let mut out = io::stdout().lock();
    for n in &notices {
        writeln!(out, "\nnotice {n}").expect("stdout");
    }
    let mut n = lib.position("counter");
    // The harness has printed "test child_process_entry ... " without a newline.
    writeln!(out, "\nstart {n}").expect("stdout");
    out.flush().expect("stdout");
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        n += 1;
        lib.set_position("counter", n).expect("save");
        writeln!(out, "ack {n}").expect("stdout");
        out.flush().expect("stdout");
    }
}

fn writer(dir: &Path, tag: &str) {
    let go = dir.join("go");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !go.exists() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(1));
    }
    let (mut lib, _) = Library::open(dir, KEY).expect("open");
    for i in 0..WRITES_PER_PROCESS {
        lib.set_note(&format!("{tag}-{i}"), &format!("note {tag} {i}"))
            .expect("note saved");
        lib.add_annotation("shared", annotation(&format!("{tag}-{i}")))
            .1
            .expect("annotation saved");
        if i % 5 == 0 {
            lib.push_history(&format!("{tag} query {i}")).expect("history saved");
        }
    }
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn parse_ack(line: &str) -> Option<usize> {
    line.strip_prefix("ack ")?.trim().parse().ok()
}

#[test]
fn killed_saves_never_lose_or_corrupt_acknowledged_state() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, _) = Library::open(dir.path(), KEY).unwrap();
    // Enough content that a save spans several write chunks, so kills land mid-write too.
    for i in 0..40 {
        lib.add_annotation("a", annotation(&format!("seeded {i}"))).1.unwrap();
    }
    let path = lib.state_path().to_path_buf();
    let corpora = path.parent().unwrap().to_path_buf();
    drop(lib);

    let seed = env::var("LIBRARY_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| u64::from(SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos()) | 1);
    let mut rng = XorShift(seed);
    let started = Instant::now();
    let (mut in_flight_on_disk, mut killed_mid_write, mut total_acks) = (0, 0, 0);
    for i in 0..KILLS {
        let mut child = spawn("saver", dir.path(), "");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let start: usize = loop {
            let line = lines.next().expect("child started").unwrap();
            assert!(!line.starts_with("notice"), "seed {seed} kill {i}: {line}");
            if let Some(n) = line.strip_prefix("start ") {
                break n.trim().parse().unwrap();
            }
        };
        let mut last = start;
        for _ in 0..rng.next() % 3 {
            if let Some(n) = lines.next().and_then(Result::ok).as_deref().and_then(parse_ack) {
                last = n;
            }
        }
        thread::sleep(Duration::from_micros(rng.next() % 3000));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        for line in lines.map_while(Result::ok) {
            if let Some(n) = parse_ack(&line) {
                last = n;
            }
        }
        total_acks += last - start;
        if fs::read_dir(&corpora)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        {
            killed_mid_write += 1;
        }

        let raw = fs::read(&path).unwrap();
        serde_json::from_slice::<Value>(&raw)
            .unwrap_or_else(|e| panic!("seed {seed} kill {i}: state file is not JSON: {e}"));
        let (lib, notices) = Library::open(dir.path(), KEY).unwrap();
        assert!(notices.is_empty(), "seed {seed} kill {i}: {notices:?}");
        let on_disk = lib.position("counter");
        assert!(
            on_disk == last || on_disk == last + 1,
            "seed {seed} kill {i}: acknowledged {last}, found {on_disk}"
        );
        in_flight_on_disk += usize::from(on_disk == last + 1);
        assert_eq!(lib.annotations("a").len(), 40, "seed {seed} kill {i}");
    }
    eprintln!(
        "crash test: {KILLS} kills in {:.1?} (seed {seed}); {total_acks} acknowledged saves; \
         {in_flight_on_disk} kills after a save completed but before its ack; \
         {killed_mid_write} left a temp file (killed mid-write)",
        started.elapsed()
    );
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let tags = ["p0", "p1"];
    let children = tags.map(|tag| spawn("writer", dir.path(), tag));
    fs::write(dir.path().join("go"), b"").unwrap();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    }
    let (lib, notices) = Library::open(dir.path(), KEY).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    let notes: Vec<&str> = lib.annotations("shared").iter().map(|(_, a)| a.note.as_str()).collect();
    assert_eq!(notes.len(), tags.len() * WRITES_PER_PROCESS);
    let history: Vec<&str> = lib.history().collect();
    for tag in tags {
        for i in 0..WRITES_PER_PROCESS {
            assert_eq!(lib.note(&format!("{tag}-{i}")), format!("note {tag} {i}"));
            assert!(notes.contains(&format!("{tag}-{i}").as_str()), "{tag}-{i} missing");
            if i % 5 == 0 {
                assert!(history.contains(&format!("{tag} query {i}").as_str()));
            }
        }
    }
}
