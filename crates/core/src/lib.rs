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
//! - [`settings`] are the user's settings, checked before they are kept; [`week`] is the
//!   student's week (easy days, a break) the plan and the reminders follow;
//! - [`session`] is the running app's state behind the Tauri commands;
//! - [`caldav`] publishes the forecast into the student's own calendar server; [`feed`] serves it
//!   to a phone on the home network;
//! - [`store`] is the app's SQLite database; [`demo`] the bundled demo vault.
//!
//! The sources sit in folders by role: `read/` (the vault and its notes), `decide/` (pure rules
//! over plain values, today passed in), `write/` (the safe write chain), `learn/` (answers and
//! memory), `publish/` (the forecast sent off this computer), `store.rs` (the database) and `session/` (the door). The modules are re-exported
//! here by name; no module imports one that imports it back (`tests/layers.rs`).
//!
//! The command line (`crates/cli`) and the desktop shell (`src-tauri`) are both thin callers of
//! [`session::Session`]: one engine operation per thing either of them does.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("AMI.md"), "---\n⭕첫 학습날: 2024-08-25\n❤1일복습여부: true\n---\n").unwrap();
//! let scan = bokseup_core::vault::scan(dir.path()).unwrap();
//! let agenda = bokseup_core::agenda::Agenda::new(&scan, "2024-08-29".parse().unwrap());
//! assert_eq!(agenda.today_reviews[0].stage, Some("4일 복습"));
//! ```
#![deny(missing_docs)]

mod decide;
#[cfg(feature = "app")]
mod learn;
#[cfg(feature = "app")]
mod publish;
mod read;
mod write;

pub mod clock;
pub mod error;
pub mod lang;
#[cfg(feature = "app")]
pub mod session;
#[cfg(feature = "app")]
pub mod store;

pub use decide::schedule;
#[cfg(feature = "app")]
pub use decide::{agenda, calendar, history, plan, reminder, settings, week};
pub use error::{Error, Result};
#[cfg(feature = "app")]
pub use learn::{answer, drill, memory, pace, question, sync};
#[cfg(feature = "app")]
pub use publish::{caldav, feed};
#[cfg(feature = "app")]
pub(crate) use read::row;
pub use read::{date, frontmatter, note};
#[cfg(feature = "app")]
pub use read::{demo, index, render, search, vault};
pub use write::edit;
#[cfg(feature = "app")]
pub use write::{journal, review, snapshot};
