//! Deciding from plain values, with `today` and `now` passed in: the review schedule, today's
//! agenda, the calendar's forecast and history, the backlog plan, reminders and the checked
//! settings.

pub mod agenda;
pub mod calendar;
pub mod history;
pub mod plan;
pub mod reminder;
pub mod schedule;
pub mod settings;
