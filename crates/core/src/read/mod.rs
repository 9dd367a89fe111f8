//! Reading the vault: notes found and parsed (frontmatter, dates, the note model), rendered to
//! safe HTML, searched, indexed, and the bundled demo vault.

pub mod date;
pub mod demo;
pub(crate) mod file;
pub mod frontmatter;
pub mod index;
pub mod note;
pub mod render;
pub mod search;
pub mod vault;
