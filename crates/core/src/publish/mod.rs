//! Taking the review days off this computer: into the student's own calendar over CalDAV
//! ([`caldav`]), and as a feed a phone on the home network subscribes to ([`feed`]).

pub mod caldav;
pub mod feed;
