//! Why a baseline could not be read or written: typed, with the file and the place in it,
//! never a value from it (a secret file named by mistake must not be echoed).

use std::path::PathBuf;
use std::{fmt, io};

use crate::store::{SpecialKind, StoreError};
use crate::text::Place;

#[derive(Debug)]
pub enum BaselineError {
    /// The operating system gave no random salt for a new baseline.
    NoRandomSalt {
        source: getrandom::Error,
    },
    Unreadable {
        file: PathBuf,
        source: io::Error,
    },
    Special {
        file: PathBuf,
        kind: SpecialKind,
    },
    /// Not a baseline at `place`: `why` is serde_json's reason with nothing it quotes.
    Malformed {
        place: Place,
        why: String,
    },
    /// Writing it.
    Store(StoreError),
}

impl From<StoreError> for BaselineError {
    fn from(e: StoreError) -> BaselineError {
        BaselineError::Store(e)
    }
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BaselineError::NoRandomSalt { .. } => f.write_str("cannot draw a random salt"),
            BaselineError::Unreadable { file, .. } => {
                write!(f, "{}: cannot read the baseline", file.display())
            }
            BaselineError::Special { file, kind } => write!(
                f,
                "{}: refused, {kind} is not a regular file",
                file.display()
            ),
            BaselineError::Malformed { place, why } => {
                write!(f, "{place}: not a netrc-guard baseline: {why}")
            }
            BaselineError::Store(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for BaselineError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BaselineError::NoRandomSalt { source } => Some(source),
            BaselineError::Unreadable { source, .. } => Some(source),
            BaselineError::Special { .. } | BaselineError::Malformed { .. } => None,
            // Shown as the store's own error, its cause after it.
            BaselineError::Store(e) => std::error::Error::source(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Position;

    #[test]
    fn a_malformed_baseline_is_placed_and_quotes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        std::fs::write(&path, "{\"version\": 1,\n \"key\": \"Pw9xQ\"}").unwrap();
        let e = super::super::load(&path).unwrap_err();
        let BaselineError::Malformed { place, .. } = &e else {
            panic!("{e:?}");
        };
        assert_eq!(place.file, path);
        assert!(
            matches!(place.position, Some(Position { line: 2, .. })),
            "{e}"
        );
        for shown in [format!("{e:?}"), e.to_string()] {
            assert!(!shown.contains("Pw9xQ"), "{shown}");
        }
    }
}
