//! Reading the vault: notes found and parsed (frontmatter, dates, the note model), rendered to
//! safe HTML, searched, indexed, and the bundled demo vault.

pub mod date;
#[cfg(feature = "app")]
pub mod demo;
#[cfg(feature = "app")]
pub(crate) mod file;
#[cfg(feature = "app")]
pub(crate) mod folders;
pub mod frontmatter;
#[cfg(feature = "app")]
pub mod index;
pub mod note;
#[cfg(feature = "app")]
pub mod render;
#[cfg(feature = "app")]
pub(crate) mod row;
#[cfg(feature = "app")]
pub mod search;
#[cfg(feature = "app")]
pub mod vault;
