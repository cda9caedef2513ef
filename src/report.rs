//! How background work reports back: a [`Report`] is handed to a worker thread (loader,
//! matcher, searcher, index builder, library writer) and turns what it produces into a message
//! on the runtime's one channel. The workers never see that channel's message type, so they
//! stay below the model and know nothing of the app.

use std::sync::{Arc, mpsc};

/// Sends `T`s to whoever listens. Cheap to clone; every clone reaches the same listener.
pub struct Report<T>(Arc<dyn Fn(T) -> bool + Send + Sync>);

impl<T> Clone for Report<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<T> std::fmt::Debug for Report<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Report")
    }
}

impl<T: 'static> Report<T> {
    /// `deliver` returns whether anybody is still listening.
    pub fn new(deliver: impl Fn(T) -> bool + Send + Sync + 'static) -> Self {
        Self(Arc::new(deliver))
    }

    /// A report into a plain channel, for tests and scripts.
    #[must_use]
    pub fn channel() -> (Self, mpsc::Receiver<T>)
    where
        T: Send,
    {
        let (tx, rx) = mpsc::channel();
        (Self::new(move |t| tx.send(t).is_ok()), rx)
    }

    /// Deliver `value`; `false` when the listener is gone (the app quit), which is logged once
    /// here so that no worker drops a failure silently.
    pub fn send(&self, value: T) -> bool {
        let delivered = (self.0)(value);
        if !delivered {
            tracing::debug!(what = std::any::type_name::<T>(), "report dropped: nobody is listening");
        }
        delivered
    }

    /// A report of `U`s that become `T`s on the way.
    #[must_use]
    pub fn map<U: 'static>(&self, f: impl Fn(U) -> T + Send + Sync + 'static) -> Report<U> {
        let inner = self.clone();
        Report::new(move |u| (inner.0)(f(u)))
    }
}
