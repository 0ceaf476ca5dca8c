//! The netrc file: a lossless document model, its parser, edits and lint.

pub mod document;
pub mod host;
pub mod lint;
pub mod syntax;
pub mod value;

pub use document::{Credentials, Document, EditError, Entry, Target};
pub use syntax::{EntryKind, ParseError};
