//! dossier: a terminal reader for collections of articles.
//!
//! Data flows one way. A key becomes an [`app::Action`] (the [`keymap`] resolves it from the
//! mode and the key); background work reports [`app::Event`]s; both arrive on the
//! [`runtime`]'s one channel. [`app::App::update`] is the only place state changes; it pushes
//! [`app::Effect`]s, which the runtime carries out, sending their results back as events.
//! [`ui::view`] draws the model and never changes it. Layers, each using only those below:
//!
//! - edges: `main` (the command line), [`runtime`] (the loop, the terminal, effects);
//! - [`settings`] (the settings file, read into the keys, theme and layout below it);
//! - [`ui`] (drawing) and [`keymap`] (keys to actions);
//! - [`app`] (the model);
//! - [`layout`] (where panes go, pure);
//! - the domain: [`store`], [`fuzzy`], [`fulltext`], [`entities`], [`library`], [`wrap`],
//!   [`sentence`], [`external`], [`report`], [`log`].
#![forbid(unsafe_code)]

pub mod activity;
pub mod app;
pub mod catalog;
pub mod commands;
pub mod dups;
pub mod entities;
pub mod external;
pub mod fulltext;
pub mod fuzz;
pub mod fuzzy;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod log;
pub mod panics;
pub mod query;
pub mod report;
pub mod runtime;
pub mod safe_fs;
pub mod sentence;
pub mod settings;
pub mod store;
pub mod ui;
pub mod wrap;
