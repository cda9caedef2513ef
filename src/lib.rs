//! dossier: a terminal reader for collections of articles.
//!
//! Data flows one way: terminal event → [`app::Action`] (via [`keymap`]) → [`app::App::update`]
//! (pure state change, returns effects) → [`effects`] do the I/O → [`ui::view`] draws.
#![forbid(unsafe_code)]

pub mod app;
pub mod effects;
pub mod entities;
pub mod filter;
pub mod index;
pub mod keymap;
pub mod library;
pub mod sentence;
pub mod store;
pub mod tui;
pub mod ui;
pub mod wrap;
