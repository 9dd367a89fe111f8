//! Learning from answers: each cue question's answers as events, their identity across edits, FSRS
//! memory, the weak-question drill, the pace, and the history files that carry them between
//! devices.

pub mod answer;
pub mod drill;
pub mod memory;
pub mod pace;
pub mod question;
pub mod sync;
