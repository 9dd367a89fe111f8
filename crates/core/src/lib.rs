//! Bokseup's engine: everything the app knows about an Obsidian vault of study notes written in
//! the Korean "Ebbinghaus forgetting curve" template, with no Tauri and no webkit.
//!
//! - [`vault`] scans a folder into [`note::Note`]s and [`vault::Issue`]s (bad files never stop it);
//! - [`schedule`] is the review model of REVIEW-MODEL.md as pure functions of `today`;
//! - [`agenda`] groups a scan for one day, the shape the app and the CLI show;
//! - [`review`] plans what a review, start or enrollment writes; [`edit`] applies it to the text
//!   line by line; [`snapshot`] replaces the file atomically; [`journal`] does all three through
//!   the log, with undo and crash recovery;
//! - [`clock`] answers what day and time it is, for the CLI, the app and the timer alike;
//! - [`reminder`] decides when to remind and what the toast says (pure); [`calendar`] forecasts
//!   the days ahead and writes them as an iCalendar file for a phone;
//! - [`settings`] are the user's settings, checked before they are kept;
//! - [`session`] is the running app's state behind the Tauri commands;
//! - [`store`] is the app's SQLite database; [`demo`] the bundled demo vault.
//!
//! The command line (`crates/cli`) and the desktop shell (`src-tauri`) are both thin callers of
//! [`session::Session`]: one engine operation per thing either of them does.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("AMI.md"), "---\n⭕첫 학습날: 2024-08-25\n❤1일복습여부: true\n---\n").unwrap();
//! let scan = bokseup_core::vault::scan(dir.path()).unwrap();
//! let agenda = bokseup_core::agenda::Agenda::new(&scan, "2024-08-29".parse().unwrap());
//! assert_eq!(agenda.today_reviews[0].stage.as_deref(), Some("4일 복습"));
//! ```
#![deny(missing_docs)]

pub mod agenda;
pub mod answer;
pub mod calendar;
pub mod clock;
pub mod date;
pub mod demo;
pub mod drill;
pub mod edit;
pub mod error;
pub mod frontmatter;
pub mod history;
pub mod index;
pub mod journal;
pub mod lang;
pub mod memory;
pub mod note;
pub mod pace;
pub mod plan;
pub mod question;
pub mod reminder;
pub mod render;
pub mod review;
pub mod schedule;
pub mod search;
pub mod session;
pub mod settings;
pub mod snapshot;
pub mod store;
pub mod sync;
pub mod vault;

pub use error::{Error, Result};
