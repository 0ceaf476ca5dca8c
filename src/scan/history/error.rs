//! Why `scan --git` could not read the history.

use std::process::ExitStatus;
use std::{fmt, io};

/// Why the history could not be read: typed; git's own words (already cleaned by
/// `gits_own_words`) travel as they are. Its `Display` is what `messages::error` prints.
#[derive(Debug)]
pub enum HistoryError {
    /// git refused the current directory as a repository.
    NotARepository {
        git_said: String,
    },
    /// `program` (`git`, `git diff-tree`) could not be started.
    CannotRun {
        program: &'static str,
        source: io::Error,
    },
    /// A revision range that would read as an option.
    RangeStartsWithDash,
    /// `git rev-list` refused the range or the paths.
    RangeRefused {
        git_said: String,
    },
    /// A reader thread panicked.
    ReaderFailed,
    CannotReadOutput {
        source: io::Error,
    },
    DiffTreeFailed {
        status: ExitStatus,
    },
    /// Talking to a git that had started.
    Io(io::Error),
}

impl fmt::Display for HistoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HistoryError::NotARepository { git_said } => write!(
                f,
                "`scan --git` reads the history of the current git repository, and git refused it:\n{git_said}"
            ),
            HistoryError::CannotRun { program, .. } => write!(f, "cannot run {program}"),
            HistoryError::RangeStartsWithDash => {
                f.write_str("a revision range cannot start with `-`")
            }
            HistoryError::RangeRefused { git_said } => write!(
                f,
                "git rev-list refused the revision range or paths (try `git log REV-RANGE -- PATHS`):\n{git_said}"
            ),
            HistoryError::ReaderFailed => f.write_str("a history reader failed"),
            HistoryError::CannotReadOutput { .. } => f.write_str("cannot read git's output"),
            HistoryError::DiffTreeFailed { status } => {
                write!(f, "git diff-tree failed ({status})")
            }
            HistoryError::Io(e) => f.write_str(&crate::text::io_reason(e)),
        }
    }
}

impl std::error::Error for HistoryError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HistoryError::CannotRun { source, .. } | HistoryError::CannotReadOutput { source } => {
                Some(source)
            }
            // Shown as the error itself: a source would repeat it.
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{HistoryScope, scan_history};
    use super::*;

    /// An option in disguise is refused before git sees it.
    #[test]
    fn a_range_that_reads_as_an_option_is_refused() {
        let scope = HistoryScope {
            range: Some("--output=x".into()),
            pathspecs: Vec::new(),
        };
        let opts = crate::scan::tests::ALL;
        match scan_history(&scope, &opts) {
            Err(HistoryError::RangeStartsWithDash) => {}
            // Outside a repository (a packaged source tree) git refuses first.
            Err(HistoryError::NotARepository { .. } | HistoryError::CannotRun { .. }) => {}
            other => panic!("{:?}", other.map(|r| r.findings.len())),
        }
    }
}
