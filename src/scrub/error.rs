//! scrub's refusals and failures, as values the command layer words. None holds a
//! credential's value: a refusal names the place and the field, never what is in it.

use crate::netrc::value::Refused;
use crate::text::Place;

use super::outcome::Field;

/// An error from another layer (reading a file, the netrc, its lock, the reader check),
/// passed through as it came.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Why scrub changed nothing (or, for `NotRewritten`, stopped after saving the netrc).
#[derive(Debug)]
pub enum ScrubError {
    /// `--in-place` with standard input among the sources.
    InPlaceStdin,
    /// Several sources without `--in-place` or `--dry-run`.
    SeveralNeedInPlace,
    /// Standard input cannot be read as text.
    StdinUnreadable(std::io::Error),
    /// A source is the netrc itself (`netrc` as shown).
    IsTheNetrc { source: Place, netrc: String },
    /// The source does not parse as its language, or its scrubbed form would not read back
    /// as the original minus the credentials (`message` names no value).
    Language { place: Place, message: String },
    /// A credential that must move cannot.
    CannotMove { place: Place, why: Unmovable },
    /// A value curl reads as a netrc keyword.
    Keyword { place: Place, field: Field },
    /// A value no netrc can hold as it stands.
    Refused {
        place: Place,
        field: Field,
        refused: Refused,
    },
    /// Two different credentials for one host. (Boxed places keep the error small.)
    TwoCredentials {
        first: Place,
        second: Box<Place>,
        host: String,
    },
    /// The netrc holds other credentials for `host` (at `netrc`) than those at `from`.
    Conflict {
        netrc: Place,
        host: String,
        from: Option<Box<Place>>,
    },
    /// The netrc is saved but the source `source` was not rewritten.
    NotRewritten {
        netrc: String,
        source: String,
        cause: Cause,
    },
    /// Reading a source or the netrc, locking, checking or saving it failed.
    Other(Cause),
}

/// The store's errors (reading, locking, saving the netrc) pass through as they are.
impl From<crate::store::StoreError> for ScrubError {
    fn from(e: crate::store::StoreError) -> ScrubError {
        ScrubError::Other(Box::new(e))
    }
}

/// Why a credential cannot be moved exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmovable {
    /// The language's scrubber says why (a sentence naming no value).
    Written(&'static str),
    /// Its percent-encoded user name or password is not UTF-8.
    Undecodable,
    /// Its host cannot be a netrc machine name.
    NoMachine,
}

impl std::fmt::Display for ScrubError {
    /// A short form for logs and `?` chains; the command layer words each case fully.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScrubError::InPlaceStdin | ScrubError::SeveralNeedInPlace => {
                f.write_str("scrub: invalid combination of sources and flags")
            }
            ScrubError::StdinUnreadable(_) => f.write_str("<stdin>: cannot read"),
            ScrubError::IsTheNetrc { source, .. } => write!(f, "{source}: the netrc itself"),
            ScrubError::Language { place, .. }
            | ScrubError::CannotMove { place, .. }
            | ScrubError::Keyword { place, .. }
            | ScrubError::Refused { place, .. } => write!(f, "{place}: cannot scrub"),
            ScrubError::TwoCredentials { host, .. } => {
                write!(f, "two different credentials for {host}")
            }
            ScrubError::Conflict { netrc, host, .. } => {
                write!(f, "{netrc}: {host} already has other credentials")
            }
            ScrubError::NotRewritten { source, .. } => write!(f, "{source}: not rewritten"),
            ScrubError::Other(cause) => write!(f, "{cause}"),
        }
    }
}

impl std::error::Error for ScrubError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // `Other` shows its cause as its own text.
            ScrubError::NotRewritten { cause, .. } => Some(cause.as_ref()),
            ScrubError::StdinUnreadable(e) => Some(e),
            _ => None,
        }
    }
}
