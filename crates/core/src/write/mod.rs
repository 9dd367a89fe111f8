//! Writing notes (REVIEW-MODEL.md 3): what a review, start or enrollment changes, the line edit
//! that makes it, the atomic replace, and the journal that logs, undoes and recovers.

pub mod edit;
pub mod journal;
pub mod review;
pub mod snapshot;
