//! The lock every change of the netrc is made under: `NAME.lock` beside it.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

/// An exclusive lock on the netrc (on `NAME.lock` beside it), held until dropped. The lock
/// file is removed while the lock is still held, so nothing is left behind in the home
/// directory; a process that was waiting on the removed file sees, once it holds that lock,
/// that the path no longer names it, and locks afresh ([`super::Store::lock`]).
pub struct Lock {
    /// Held, never read: closing it releases the lock.
    #[allow(dead_code)]
    pub(super) file: File,
    pub(super) path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Unix only: Windows cannot delete a file that is open, and keeps it as before.
        #[cfg(unix)]
        let _ = fs::remove_file(&self.path);
        // `file` is closed after this, which releases the lock.
    }
}

/// Whether `path` still names the open `file` (the lock file was not removed and replaced
/// while this process waited for its lock).
pub(super) fn still_names(path: &Path, file: &File) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::symlink_metadata(path), file.metadata()) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (path, file);
        true
    }
}
