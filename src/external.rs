//! The user's own programs: the editor for a note (`$VISUAL`, else `$EDITOR`, else `vi`; the
//! caller suspends the terminal around [`run`]) and the browser for a link ([`open_url`]).

use std::{
    io::IsTerminal,
    process::{Command, ExitStatus},
};

/// Why the external editor gave no text back. The note is never lost: the app puts the text it
/// sent back into the in-app editor.
#[derive(Debug, thiserror::Error)]
pub enum EditorError {
    #[error("cannot parse the editor command {command:?}: {reason}")]
    Parse { command: String, reason: String },
    #[error("the editor command is empty")]
    Empty,
    #[error("cannot write the note to a temporary file: {0}")]
    Temp(std::io::Error),
    #[error("cannot run {program}: {source}")]
    Spawn {
        program: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{program} exited with {status}; the note was not changed")]
    Failed { program: String, status: ExitStatus },
    #[error("cannot read the edited note back: {0}")]
    Read(std::io::Error),
    #[error("there is no terminal to run an editor in")]
    NoTerminal,
}

/// The editor command, as the user set it.
fn command() -> String {
    let set = |name| std::env::var(name).ok().filter(|v: &String| !v.trim().is_empty());
    set("VISUAL")
        .or_else(|| set("EDITOR"))
        .unwrap_or_else(|| "vi".to_string())
}

/// Edit `text` in the user's editor (its command split like a shell would split words, but
/// run without a shell) and return what was saved.
pub fn run(text: &str) -> Result<String, EditorError> {
    let command = command();
    let words = shell_words::split(&command).map_err(|e| EditorError::Parse {
        command: command.clone(),
        reason: e.to_string(),
    })?;
    let (program, args) = words.split_first().ok_or(EditorError::Empty)?;
    let file = tempfile::Builder::new()
        .prefix("dossier-note-")
        .suffix(".md")
        .tempfile()
        .map_err(EditorError::Temp)?;
    // A text file ends with a newline: editors (and POSIX) expect one.
    let mut contents = text.to_string();
    if !contents.is_empty() && !contents.ends_with('\n') {
        contents.push('\n');
    }
    std::fs::write(file.path(), contents).map_err(EditorError::Temp)?;
    let mut editor = Command::new(program);
    editor.args(args).arg(file.path());
    // `zcat dump.gz | dossier -`: standard input is the archive, and the editor must read the
    // keyboard, as dossier does, from the terminal.
    if !std::io::stdin().is_terminal()
        && let Ok(tty) = std::fs::File::open("/dev/tty")
    {
        editor.stdin(tty);
    }
    let status = editor.status().map_err(|source| EditorError::Spawn {
        program: program.clone(),
        source,
    })?;
    if !status.success() {
        return Err(EditorError::Failed {
            program: program.clone(),
            status,
        });
    }
    let edited = std::fs::read_to_string(file.path()).map_err(EditorError::Read)?;
    Ok(edited.trim_end_matches('\n').to_string())
}

/// Start a browser on `url`, detached: the first of `$BROWSER` (a `:`-separated list, as is the
/// convention), `xdg-open` or `open` that starts. Returns the program started, or why none
/// could be (with the URL, so the user can copy it).
pub fn open_url(url: &str) -> Result<String, String> {
    let mut candidates: Vec<String> = std::env::var("BROWSER")
        .unwrap_or_default()
        .split(':')
        .filter(|c| !c.trim().is_empty())
        .map(str::to_string)
        .collect();
    candidates.extend(["xdg-open".to_string(), "open".to_string()]);
    for command in &candidates {
        let Ok(words) = shell_words::split(command) else {
            continue;
        };
        let Some((program, args)) = words.split_first() else {
            continue;
        };
        let started = Command::new(program)
            .args(args)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if let Ok(mut child) = started {
            // Reap it when it ends, so it never lingers as a zombie.
            std::thread::spawn(move || child.wait());
            return Ok(program.clone());
        }
    }
    Err(format!("no browser to open it ($BROWSER, xdg-open, open): {url}"))
}
