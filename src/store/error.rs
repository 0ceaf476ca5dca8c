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
                write!(
                    f,
                    "{}: cannot create the lock file: no such file or directory",
                    path.display()
                )
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

#[cfg(test)]
mod tests {
    use super::super::{Location, Source, Store, utf8_text};
    use super::*;
    use crate::netrc::{Credentials, Target};
    use crate::secret::Secret;
    use crate::text::Position;

    fn store_with(text: &str) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".netrc");
        std::fs::write(&path, text).unwrap();
        let store = Store::new(Location {
            path,
            source: Source::Flag,
        });
        (dir, store)
    }

    #[test]
    fn bytes_that_are_not_utf8_are_placed_at_the_first_bad_one() {
        let e = utf8_text("s.txt", b"ok\nab\xff".to_vec()).unwrap_err();
        let StoreError::NotUtf8 { place } = &e else {
            panic!("{e:?}");
        };
        assert_eq!(*place, Place::at("s.txt", Position { line: 2, column: 3 }));
        assert_eq!(e.to_string(), "s.txt:2:3: not UTF-8 text");
    }

    #[test]
    fn a_netrc_that_does_not_parse_is_a_parse_error_in_its_file() {
        let (_dir, store) = store_with("machine a.com login u password \"p\n");
        let e = store.load().unwrap_err();
        let StoreError::Parse { file, error } = &e else {
            panic!("{e:?}");
        };
        assert_eq!(file, store.path());
        assert!(
            e.to_string()
                .starts_with(&format!("{}:{}: ", store.display(), error.position))
        );
    }

    /// The refusal of an edit past an open macro names the netrc; its Debug, like its
    /// Display, holds the place and never the credentials in the file or the edit.
    #[test]
    fn an_edit_refused_at_a_place_names_the_file_and_no_secret() {
        let (_dir, store) = store_with(
            "machine a.com login u password Pw9xQ-file\n  macdef init\ncd /pub\nmachine b.com login v password q",
        );
        let creds = Credentials {
            login: Some("alice".into()),
            password: Some(Secret::new("Pw9xQ-edit")),
            account: None,
        };
        let e = store
            .edit(|doc| {
                doc.upsert(Target::Machine("z.com"), &creds, false)
                    .map_err(|e| store.refused_upsert(e).unwrap_or_else(|e| panic!("{e}")))
            })
            .err()
            .unwrap();
        let StoreError::Refused { file, error } = &e else {
            panic!("{e:?}");
        };
        assert_eq!(file, store.path());
        assert!(matches!(
            error,
            EditError::OpenMacro {
                at: crate::text::Position { line: 2, column: 3 }
            }
        ));
        assert!(
            e.to_string()
                .starts_with(&format!("{}:2:3: the macro", store.display()))
        );
        for shown in [format!("{e:?}"), format!("{e}")] {
            assert!(!shown.contains("Pw9xQ"), "{shown}");
        }
    }

    #[test]
    fn a_special_file_is_refused_with_its_kind_and_what_was_not_done() {
        let dir = tempfile::tempdir().unwrap();
        let e = super::super::read_regular(dir.path()).unwrap_err();
        assert!(matches!(
            e,
            StoreError::Special {
                kind: SpecialKind::Directory,
                refused: Access::Read,
                ..
            }
        ));
    }
}
