//! Panics off the main thread: caught where work is done for the app, reported as errors, and
//! never printed over the screen or allowed to restore the terminal under a running app.
//!
//! The TUI's panic hook puts the terminal back before the message is printed, which is right
//! for a panic that ends the app and wrong for one on a worker thread: the app keeps drawing
//! on a terminal that is no longer raw. So the hook asks [`caught`] whether the panic will be
//! handled, and worker threads run their work through [`spawn`].

use std::{
    cell::Cell,
    panic::{AssertUnwindSafe, catch_unwind},
    thread::JoinHandle,
};

thread_local! {
    /// Inside [`catch`] on this thread: a panic here is handled, not fatal.
    static CATCHING: Cell<u32> = const { Cell::new(0) };
}

/// Whether a panic on this thread now would be caught by [`catch`].
pub fn caught() -> bool {
    CATCHING.with(Cell::get) > 0
}

/// Run `work`, turning a panic into its message.
///
/// # Errors
/// The panic's message, when `work` panicked.
pub fn catch<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    CATCHING.with(|c| c.set(c.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(work));
    CATCHING.with(|c| c.set(c.get().saturating_sub(1)));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into())
    })
}

/// Start a named worker thread whose panic becomes `failed(message)` instead of a silent death.
///
/// # Errors
/// When the operating system cannot start a thread.
pub fn spawn(
    name: &str,
    work: impl FnOnce() + Send + 'static,
    failed: impl FnOnce(String) + Send + 'static,
) -> std::io::Result<JoinHandle<()>> {
    let thread = name.to_string();
    std::thread::Builder::new().name(name.into()).spawn(move || {
        if let Err(message) = catch(work) {
            tracing::error!("the {thread} thread panicked: {message}");
            failed(message);
        }
    })
}

/// A hook for the command-line commands: a caught panic goes to the log, not to standard
/// error (where it would read as the command's failure); any other is printed as before.
pub fn install_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if caught() {
            tracing::error!("caught panic: {info}");
        } else {
            previous(info);
        }
    }));
}
