//! The netrc file: a lossless document model, its parser, edits and lint.

pub mod document;
pub mod edit;
pub mod host;
pub mod lint;
pub mod reader;
pub mod syntax;
pub mod upsert;
pub mod value;

pub use document::{Credentials, Document, Entry, Target};
pub use edit::EditError;
pub use syntax::{EntryKind, ParseError};
pub use upsert::{UpsertError, Upserted};
