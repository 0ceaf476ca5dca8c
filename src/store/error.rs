//! What can go wrong locating, reading, locking and writing a file: typed, carrying the
//! path (and the I/O error as its source), never a value from the file. Its `Display` is
//! the sentence `messages::error` prints, the cause appended after `: `.

use std::fmt;
use std::io;
use std::path::PathBuf;

use super::special::SpecialKind;
use crate::netrc::{EditError, ParseError};
use crate::text::Place;

/// What was about to be done to a file when it turned out not to be a regular one, or
/// could not be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Edit,
    LockWith,
    Replace,
    ChangeModeOf,
}

impl fmt::Display for Access {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Access::Read => "read",
            Access::Edit => "edit",
            Access::LockWith => "lock with",
            Access::Replace => "replace",
            Access::ChangeModeOf => "change the mode of",
        })
    }
}

/// The step of reading or writing that an I/O error stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Inspect,
    Read,
    Open(Access),
    FollowLink,
    ReadModeAndOwner,
    CreateTemporary,
    SetMode(u32),
    WriteTemporary,
    ReplaceFile,
    SyncDirectory,
    TakeLock,
    ChangeMode,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Inspect => f.write_str("cannot inspect"),
            Step::Read => f.write_str("cannot read"),
            Step::Open(access) => write!(f, "cannot {access} it"),
            Step::FollowLink => f.write_str("cannot follow the link"),
            Step::ReadModeAndOwner => {
                f.write_str("cannot read its mode and owner, so it is not rewritten")
            }
            Step::CreateTemporary => f.write_str("cannot create a temporary file"),
            Step::SetMode(mode) => write!(f, "cannot set mode {mode:04o}"),
            Step::WriteTemporary => f.write_str("cannot write the temporary file"),
            Step::ReplaceFile => f.write_str("cannot replace the file"),
            Step::SyncDirectory => f.write_str("cannot sync the directory"),
            Step::TakeLock => f.write_str("cannot take the lock"),
            Step::ChangeMode => f.write_str("cannot change the mode"),
        }
    }
}

/// Why the store could not do what it was asked.
#[derive(Debug)]
pub enum StoreError {
    /// No `--file`, no `NETRC`, and no home directory to find the default in.
    NoHome,
    /// An I/O error at `step` on `path`.
    Io {
        path: PathBuf,
        step: Step,
        source: io::Error,
    },
    /// `path` leads to something that is not a regular file; it was not `refused`.
    Special {
        path: PathBuf,
        kind: SpecialKind,
        refused: Access,
    },
    /// Nothing at `path`, where a file was needed.
    Missing { path: PathBuf },
    /// The lock file's name is taken by a symlink, which is never followed.
    LockIsSymlink { path: PathBuf },
    /// The lock file could not be created (it vanished as it was opened).
    NoLockFile { path: PathBuf },
    /// The file's bytes stop being UTF-8 at `place`.
    NotUtf8 { place: Place },
    /// The netrc at `file` does not parse.
    Parse { file: PathBuf, error: ParseError },
    /// An edit of the netrc at `file` was refused at a place in it.
    Refused { file: PathBuf, error: EditError },
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, step: Step) -> impl FnOnce(io::Error) -> StoreError {
        let path = path.into();
        move |source| StoreError::Io { path, step, source }
    }

    /// Whether an I/O error was the system refusing permission.
    pub fn is_permission_denied(&self) -> bool {
        matches!(self, StoreError::Io { source, .. } if source.kind() == io::ErrorKind::PermissionDenied)
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NoHome => f.write_str(
                "cannot tell where the netrc is: no home directory (set HOME, or NETRC, or pass --file)",
            ),
            StoreError::Io { path, step, .. } => write!(f, "{}: {step}", path.display()),
            StoreError::Special {
                path,
                kind,
                refused,
            } => write!(
                f,
                "{}: {kind}, not a regular file; refusing to {refused} it (netrc-guard reads and writes only regular files and symlinks to them)",
                path.display()
            ),
            StoreError::Missing { path } => write!(f, "{}: no such file", path.display()),
            StoreError::LockIsSymlink { path } => write!(
                f,
                "{}: a symlink, not a lock file; netrc-guard does not follow it: remove it and run again",
                path.display()
            ),
            StoreError::NoLockFile { path } => {
                write!(f, "{}: cannot create the lock file", path.display())
            }
            StoreError::NotUtf8 { place } => write!(f, "{place}: not UTF-8 text"),
            StoreError::Parse { file, error } => {
                let place = Place::at(file, error.position);
                write!(f, "{place}: {}", error.message)
            }
            // The edit's refusal begins with its own `line:column`.
            StoreError::Refused { file, error } => write!(f, "{}:{error}", file.display()),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
