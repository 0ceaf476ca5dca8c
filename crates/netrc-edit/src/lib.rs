//! A lossless model of netrc files, edits that keep every other byte, and models of the
//! readers that will read the result.
//!
//! # The document
//!
//! [`Document::parse`] reads a netrc into tokens that keep every byte: whitespace,
//! comments, quoting, line endings, macros, even what no reader understands. Printing a
//! document gives back exactly the text it was parsed from, so `Document::parse(s)?.to_string()
//! == s` for every `s` that parses. A text that does not parse is a [`ParseError`] at a
//! [`Position`] (`line:column`), with a message that never quotes a value.
//!
//! # Edits
//!
//! Edits go through [`Document::upsert`] (give a [`Target`] exactly some [`Credentials`]),
//! [`Document::upsert_all`] (many at once, all or nothing), [`Document::insert`],
//! [`Document::replace`] and [`Document::remove`]. Each splices new text into the spans of
//! the entry it concerns, parses the result again and keeps it only if every token outside
//! that entry is unchanged; otherwise the document is left as it was and an [`EditError`]
//! says why (a value no reader can hold, a macro that no empty line closes).
//!
//! # Readers and what "verified" means
//!
//! [`readers`] models what each common netrc reader (curl and git before and since 8.16,
//! requests/pip, uv, Python's `netrc`, Go's cmd/go, the Ruby gem) does with a file: which
//! file it opens for a [`Platform`] and an [`Environment`], whether it parses it, and which
//! entry it sends for a URL. The models are pure functions of those inputs, ports of each
//! reader's own algorithm, quirks included.
//!
//! A write is *verified* when [`readers::verify::check_write`] accepts it: every required
//! reader that read the file before (every required reader, with `Held::Every`) reads it
//! after and resolves every touched host to
//! exactly the credentials asked for (or, for a removal, no longer to the removed ones), and
//! the readers only kept (Go, Ruby) still parse the file.
//!
//! [`lint`] says what in a file some reader would misread, refuse or expose, each problem
//! with a stable code, a place and a fix.
//!
//! # Secrets
//!
//! Passwords travel as [`Secret`], whose `Debug` and `Display` print `***`; no error, no
//! `Debug` output and no lint message of this crate contains a credential value.
//!
//! # Example: parse, edit, verify, bytes
//!
//! ```
//! use netrc_edit::readers::verify::{check_write, Expect, Held, Intent};
//! use netrc_edit::{Credentials, Document, Secret, Target, Upserted};
//!
//! let before = "# work\nmachine example.com login old password 0ld\n\ndefault login anonymous\n";
//! let mut doc = Document::parse(before).unwrap();
//! assert_eq!(doc.to_string(), before); // lossless
//!
//! let creds = Credentials {
//!     login: Some("me".into()),
//!     password: Some(Secret::new("s3cret")),
//!     account: None,
//! };
//! let done = doc.upsert(Target::Machine("example.com"), &creds, true).unwrap();
//! assert_eq!(done, Upserted::Replaced);
//!
//! // Every reader that read the file before sends exactly these credentials after.
//! let intent = Intent {
//!     machine: Some("example.com".into()),
//!     expect: Expect::Sends { login: "me".into(), password: Secret::new("s3cret") },
//! };
//! check_write(before.as_bytes(), doc.as_str().as_bytes(), &[intent], Held::ParsedBefore)
//!     .unwrap();
//!
//! // Only the edited entry changed: the comment and the default entry are as they were.
//! assert_eq!(
//!     doc.as_str(),
//!     "# work\nmachine example.com login me password s3cret\n\ndefault login anonymous\n"
//! );
//! ```
#![deny(missing_docs)]

mod document;
mod edit;
pub mod host;
pub mod lint;
mod platform;
mod reader;
pub mod readers;
mod secret;
pub mod syntax;
mod text;
mod upsert;
pub mod value;

pub use document::{Credentials, Document, Entry, Target};
pub use edit::EditError;
pub use platform::{Environment, Location, Platform, Source, locate};
pub use reader::ReaderId;
pub use secret::Secret;
pub use syntax::{EntryKind, ParseError};
pub use text::Position;
pub use upsert::{UpsertError, Upserted};

/// The README's example, compiled and run with the doc-tests so it cannot drift.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
