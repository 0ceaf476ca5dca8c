//! netrc-guard keeps credentials out of URIs and inside netrc files.
//!
//! The binary's logic lives here so integration and property tests can reach the document
//! model directly; `main.rs` only maps the outcome to an exit status.
//!
//! Nothing prints with the print macros: `messages` writes standard output and error, so a
//! closed pipe is an error to handle, and library modules return what happened instead
//! (`print_stdout` and `print_stderr` are denied in Cargo.toml's `[workspace.lints]`).

pub mod cli;
pub mod commands;
pub mod config;
pub(crate) mod kube;
pub mod messages;
pub mod netrc;
pub(crate) mod ray;
pub mod readers;
pub(crate) mod report;
pub mod scan;
pub(crate) mod schemes;
pub mod scrub;
/// A string that must never be printed by accident: the `netrc-edit` crate's, where credential
/// values are born.
pub mod secret {
    pub use netrc_edit::Secret;
}
pub mod store;
pub(crate) mod style;
pub mod text;
pub mod uri;

/// How a command ended, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Success, or nothing found.
    Clean,
    /// `scan` found credentials, `check` found problems, `get` found no entry.
    Findings,
}

impl Outcome {
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
        }
    }
}

/// Exit status for errors: usage, input and I/O.
pub const EXIT_ERROR: u8 = 2;

#[cfg(test)]
mod errors_hide_secrets;
