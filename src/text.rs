//! Positions in text: the one `line:column` every error that points into a file uses; and
//! `yaml`, the one YAML tree with byte spans that `scrub` and `kube` read; `fnv`, the one
//! stable hash; `words`, articles and counted nouns in messages.

use std::fmt;
use std::path::PathBuf;

pub(crate) mod fnv;
pub(crate) mod words;
pub(crate) mod yaml;

/// A 1-based line and character column: the `netrc-edit` crate's, shared by every input.
pub use netrc_edit::Position;

/// Where a problem is: a file, and the line and column in it when the problem is at one
/// point (`None` when it concerns the whole file). Its `Display` is `file:line:col` or
/// `file`, the one form every error that points into a file takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: PathBuf,
    pub position: Option<Position>,
}

impl Place {
    /// The whole of `file`.
    pub fn file(file: impl Into<PathBuf>) -> Place {
        Place {
            file: file.into(),
            position: None,
        }
    }

    /// One point in `file`.
    pub fn at(file: impl Into<PathBuf>, position: Position) -> Place {
        Place {
            file: file.into(),
            position: Some(position),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(position) => write!(f, "{}:{position}", self.file.display()),
            None => write!(f, "{}", self.file.display()),
        }
    }
}

/// The position of byte `at` in `text`: lines end at `\n` only, columns count characters.
pub(crate) fn position(text: &str, at: usize) -> Position {
    Position::of_offset(text, at)
}

/// A problem at a place in an input, with a message that never quotes a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub position: Position,
    pub message: String,
}

impl Diagnostic {
    pub(crate) fn at(text: &str, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            position: position(text, offset),
            message: message.into(),
        }
    }
}

/// Why an I/O operation failed, as a user reads it: the system's reason in lower case,
/// without Rust's ` (os error N)` suffix and without tempfile's ` at path "…"` tail (the
/// message it ends already names the file, and the temporary file's name means nothing to
/// the reader). Every I/O error that reaches standard error is worded here.
pub fn io_reason(e: &std::io::Error) -> String {
    let shown = e.to_string();
    // ` (os error N)` ends the system's words; tempfile adds ` at path "…"` after them.
    let mut reason = match shown.find(" (os error ") {
        Some(at) => &shown[..at],
        None => shown.split(" at path \"").next().unwrap_or_default(),
    };
    if reason.is_empty() {
        reason = "an input/output error";
    }
    let mut chars = reason.chars();
    match (chars.next(), chars.next()) {
        // `No such file` reads `no such file`; `EOF while…` and `UTF-8…` keep their case.
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            format!("{}{}", first.to_lowercase(), &reason[first.len_utf8()..])
        }
        _ => reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_reads_file_line_column_or_file() {
        let point = Place::at("a/b.yaml", Position { line: 3, column: 7 });
        assert_eq!(point.to_string(), "a/b.yaml:3:7");
        assert_eq!(Place::file("a/.netrc").to_string(), "a/.netrc");
    }

    /// The system's reason, lower case, with neither `(os error N)` nor a temporary path.
    #[test]
    fn an_io_error_reads_as_its_reason_alone() {
        use std::io::{Error, ErrorKind};
        let tempfile_like = Error::new(
            ErrorKind::PermissionDenied,
            format!(
                "{} at path \"/x/.netrc-guard.AbC123.tmp\"",
                Error::from_raw_os_error(1)
            ),
        );
        for (e, reason) in [
            (Error::from_raw_os_error(2), "no such file or directory"),
            (Error::from_raw_os_error(1), "operation not permitted"),
            (tempfile_like, "operation not permitted"),
            (
                Error::other("too many levels of symbolic links"),
                "too many levels of symbolic links",
            ),
            (
                Error::new(ErrorKind::InvalidData, "UTF-8 expected"),
                "UTF-8 expected",
            ),
            (
                Error::from(ErrorKind::UnexpectedEof),
                "unexpected end of file",
            ),
        ] {
            assert_eq!(io_reason(&e), reason, "{e}");
        }
    }
}
