//! A real terminal for end-to-end tests: a private tmux server running the built binary.
#![allow(dead_code)]

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
    sync::atomic::{AtomicUsize, Ordering},
    thread,
    time::{Duration, Instant},
};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub struct Tmux {
    socket: String,
    pub dir: tempfile::TempDir,
}

fn tmux_available() {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "end-to-end tests need tmux (Debian: apt-get install tmux; .ci/run installs it)"
    );
}

impl Tmux {
    /// Start `dossier ARGS` in a 100x30 terminal. When it exits, its status is written to a file
    /// and the pane stays open so its final screen can be inspected.
    pub fn start(args: &[&str]) -> Self {
        Self::start_sized(args, 100, 30, &[])
    }

    pub fn start_sized(args: &[&str], width: u16, height: u16, env: &[(&str, &str)]) -> Self {
        Self::start_with_input(args, width, height, env, None)
    }

    /// As [`Tmux::start_sized`], with standard input read from `stdin` (`dossier -`).
    pub fn start_with_input(
        args: &[&str],
        width: u16,
        height: u16,
        env: &[(&str, &str)],
        stdin: Option<&Path>,
    ) -> Self {
        let tmux = Self::private();
        let dir = &tmux.dir;
        let bin = env!("CARGO_BIN_EXE_dossier");
        let quoted: Vec<String> = args.iter().map(|a| shell_quote(a)).collect();
        let envs: Vec<String> = env.iter().map(|(k, v)| format!("{k}={}", shell_quote(v))).collect();
        let exit_file = dir.path().join("exit");
        let config = dir.path().join("config");
        let cmd = format!(
            "env XDG_CONFIG_HOME={cfg} XDG_CACHE_HOME={cfg} {envs} {bin} {args}{input}; echo $? > {exit}.tmp; mv {exit}.tmp {exit}; echo EXITED; sleep 600",
            cfg = shell_quote(&config.display().to_string()),
            envs = envs.join(" "),
            bin = shell_quote(bin),
            args = quoted.join(" "),
            input = stdin.map_or_else(String::new, |p| format!(" < {}", shell_quote(&p.display().to_string()))),
            exit = shell_quote(&exit_file.display().to_string()),
        );
        tmux.new_session(&cmd, width, height);
        tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
        tmux
    }

    /// A private tmux server (its own socket) and a directory of its own, no session yet.
    fn private() -> Self {
        tmux_available();
        let socket = format!(
            "dossier-e2e-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        Self {
            socket,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The one window of this server, `width`×`height`, running `cmd`.
    fn new_session(&self, cmd: &str, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            &w,
            "-y",
            &h,
            cmd,
        ]);
    }

    /// An interactive shell with job control (Ctrl-z, `fg`) instead of dossier: the test types
    /// the command line. `PS1` is `$ `.
    pub fn start_shell(width: u16, height: u16) -> Self {
        let tmux = Self::private();
        tmux.new_session("env PS1='$ ' bash --norc --noprofile -i", width, height);
        tmux
    }

    /// The command line that runs the built binary with `args`, its settings and caches in
    /// this terminal's own directory (for [`Tmux::start_shell`]).
    pub fn command_line(&self, args: &[&str]) -> String {
        let cfg = shell_quote(&self.dir.path().join("config").display().to_string());
        let quoted: Vec<String> = args.iter().map(|a| shell_quote(a)).collect();
        format!(
            "XDG_CONFIG_HOME={cfg} XDG_CACHE_HOME={cfg} {} {}",
            shell_quote(env!("CARGO_BIN_EXE_dossier")),
            quoted.join(" ")
        )
    }

    /// The screen with its colours and attributes as escape sequences (`capture-pane -e`).
    pub fn screen_with_colours(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-e", "-t", "main"]).stdout).into_owned()
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        assert!(
            out.status.success() || args.first() == Some(&"kill-server"),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "main"]).stdout).into_owned()
    }

    pub fn format(&self, fmt: &str) -> String {
        String::from_utf8_lossy(&self.run(&["display-message", "-p", "-t", "main", fmt]).stdout)
            .trim()
            .to_string()
    }

    /// Type keys (tmux key names: "j", "Enter", "C-c", "`PageDown`", …).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Type literal text.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "main", "-l", text]);
    }

    /// In the reader: select the sentence at the caret (`s`), annotate it (`a`) with `note`,
    /// and wait until the status line counts `annotations` of them.
    pub fn annotate_sentence(&self, note: &str, annotations: usize) {
        self.wait_for("reader · j/k caret");
        self.keys(&["s"]);
        self.wait_for("select · j/k extend");
        self.keys(&["a"]);
        self.wait_for("Annotation (Esc saves)");
        self.type_text(note);
        self.keys(&["Escape"]);
        self.wait_for(&format!("▌ {annotations}"));
    }

    /// Poll until the screen satisfies `pred`; panic with the last screen after `secs`.
    pub fn wait_until(&self, what: &str, secs: u64, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, 20, |s| s.contains(text))
    }

    /// Wait for the program to exit and return its exit status.
    pub fn exit_code(&self) -> i32 {
        let path = self.dir.path().join("exit");
        let deadline = Instant::now() + Duration::from_secs(20);
        while !path.exists() {
            assert!(
                Instant::now() < deadline,
                "dossier did not exit; screen:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(50));
        }
        std::fs::read_to_string(path).unwrap().trim().parse().unwrap()
    }

    /// The pid of dossier itself (the child of the pane's shell).
    pub fn pid(&self) -> u32 {
        let shell: u32 = self.format("#{pane_pid}").parse().unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap_or_default();
            for pid in children.split_whitespace().filter_map(|p| p.parse::<u32>().ok()) {
                let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
                if exe
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("dossier"))
                {
                    return pid;
                }
            }
            assert!(Instant::now() < deadline, "no dossier process under the pane");
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Quit with Ctrl-C (which quits from any pane; `q` does only in the list) and check that
    /// dossier exited cleanly.
    pub fn quit(&self) {
        self.keys(&["C-c"]);
        assert_eq!(self.exit_code(), 0, "dossier exited with an error");
    }

    /// Send dossier a signal (`"TERM"`, `"HUP"`, …).
    pub fn signal(&self, name: &str) {
        let pid = self.pid().to_string();
        let status = Command::new("kill").args([&format!("-{name}"), &pid]).status().unwrap();
        assert!(status.success(), "kill -{name} {pid}");
    }

    /// Close the terminal under dossier, as closing its window does (the pty goes away), and
    /// wait for dossier to be gone.
    pub fn close_terminal(&self) {
        let pid = self.pid();
        self.run(&["kill-session", "-t", "main"]);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Path::new(&format!("/proc/{pid}")).exists() {
            let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // A zombie has exited; only its parent has not reaped it yet.
            if state.split_whitespace().nth(2) == Some("Z") {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "dossier still runs after its terminal closed"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

/// Columns `from..to` of every line of a captured screen: one pane's text.
pub fn columns(screen: &str, from: usize, to: usize) -> String {
    screen
        .lines()
        .map(|l| l.chars().skip(from).take(to - from).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}
