//! Taking the review days off this computer: into the student's own calendar over CalDAV
//! ([`caldav`]).

pub mod caldav;
