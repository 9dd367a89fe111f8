//! Writing notes (REVIEW-MODEL.md 3): what a review, start or enrollment changes, the line edit
//! that makes it, the atomic replace, and the journal that logs, undoes and recovers.

pub mod edit;
#[cfg(feature = "app")]
pub mod journal;
#[cfg(feature = "app")]
pub mod review;
#[cfg(feature = "app")]
pub mod snapshot;
