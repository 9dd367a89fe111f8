//! Deciding from plain values, with `today` and `now` passed in: the review schedule, today's
//! agenda, the calendar's forecast and history, the backlog plan, reminders and the checked
//! settings, and the student's week (easy days and a break).

#[cfg(feature = "app")]
pub mod agenda;
#[cfg(feature = "app")]
pub mod calendar;
#[cfg(feature = "app")]
pub mod history;
#[cfg(feature = "app")]
pub mod plan;
#[cfg(feature = "app")]
pub mod reminder;
pub mod schedule;
#[cfg(feature = "app")]
pub mod settings;
#[cfg(feature = "app")]
pub mod week;
