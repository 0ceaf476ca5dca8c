//! Special files (FIFOs, devices, directories, sockets): recognised before they are opened
//! blindly, and checked again on the opened handle. One way of opening for every file the
//! program reads: the netrc, scanned files, scrub's sources, kube's manifests.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::Path;

use super::{Access, Step, StoreError};

/// What a path leads to when it is not a regular file. Opening one blindly can hang (a FIFO)
/// or change something that is not a netrc (a device), so every command refuses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SpecialKind {
    Directory,
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    Other,
}

impl SpecialKind {
    /// `None` for a regular file.
    pub fn of(file_type: fs::FileType) -> Option<SpecialKind> {
        if file_type.is_file() {
            return None;
        }
        if file_type.is_dir() {
            return Some(SpecialKind::Directory);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return Some(SpecialKind::Fifo);
            }
            if file_type.is_char_device() {
                return Some(SpecialKind::CharDevice);
            }
            if file_type.is_block_device() {
                return Some(SpecialKind::BlockDevice);
            }
            if file_type.is_socket() {
                return Some(SpecialKind::Socket);
            }
        }
        Some(SpecialKind::Other)
    }
}

impl fmt::Display for SpecialKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SpecialKind::Directory => "a directory",
            SpecialKind::Fifo => "a FIFO (named pipe)",
            SpecialKind::CharDevice => "a character device",
            SpecialKind::BlockDevice => "a block device",
            SpecialKind::Socket => "a socket",
            SpecialKind::Other => "a special file",
        })
    }
}

/// Checks what `path` leads to without opening it: `Ok(false)` when nothing is there.
pub(super) fn regular_or_absent(path: &Path, refused: Access) -> Result<bool, StoreError> {
    match fs::metadata(path) {
        Ok(meta) => match SpecialKind::of(meta.file_type()) {
            None => Ok(true),
            Some(kind) => Err(StoreError::Special {
                path: path.to_path_buf(),
                kind,
                refused,
            }),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(StoreError::io(path, Step::Inspect)(e)),
    }
}

/// What opening a path found.
pub enum Opened {
    /// A regular file, with its size.
    Regular(File, u64),
    /// Anything else: not opened, or opened without blocking and not read.
    Special(SpecialKind),
}

/// Opens `path` without blocking (a FIFO swapped in after the check cannot hang us) and
/// checks the opened handle, so no other file can take its place between the check and the
/// use. A special file is reported, not an error: scan skips it, others refuse it.
pub fn open_checked(path: &Path, options: &mut OpenOptions) -> io::Result<Opened> {
    // By path first: a socket cannot even be opened, and nothing is opened needlessly. An
    // absent path is for `options` to create or report.
    match fs::metadata(path) {
        Ok(meta) => {
            if let Some(kind) = SpecialKind::of(meta.file_type()) {
                return Ok(Opened::Special(kind));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    let meta = file.metadata()?;
    Ok(match SpecialKind::of(meta.file_type()) {
        Some(kind) => Opened::Special(kind),
        None => Opened::Regular(file, meta.len()),
    })
}

/// [`open_checked`] for the netrc: a special file is an error naming what was refused.
/// `Ok(None)` when nothing is there.
pub(super) fn open_regular(
    path: &Path,
    options: &mut OpenOptions,
    refused: Access,
) -> Result<Option<File>, StoreError> {
    match open_checked(path, options) {
        Ok(Opened::Regular(file, _)) => Ok(Some(file)),
        Ok(Opened::Special(kind)) => Err(StoreError::Special {
            path: path.to_path_buf(),
            kind,
            refused,
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(path, Step::Open(refused))(e)),
    }
}

/// The bytes of a user's file (a source, a manifest), refusing a special file before it could
/// block: a FIFO named on the command line must not hang the run.
pub fn read_regular(path: &Path) -> Result<Vec<u8>, StoreError> {
    let mut file =
        open_regular(path, OpenOptions::new().read(true), Access::Read)?.ok_or_else(|| {
            StoreError::Missing {
                path: path.to_path_buf(),
            }
        })?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(StoreError::io(path, Step::Read))?;
    Ok(bytes)
}

/// Whether two paths name the same file once links are followed (the same inode on Unix);
/// false when either is missing.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!(
            (fs::canonicalize(a), fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
    }
}
