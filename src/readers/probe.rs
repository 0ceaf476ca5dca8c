//! What is at a path, for the readers' models: the one place `explain` touches the disk.
//! A special file (FIFO, device, directory) is never opened.

use std::fs::{self, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use super::FileState;

pub fn probe(path: &Path) -> FileState {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return FileState::Unreadable,
        Err(_) => return FileState::Missing,
    };
    if !meta.is_file() {
        return FileState::NotRegular;
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let Ok(mut file) = options.open(path) else {
        return FileState::Unreadable;
    };
    // The path may have been swapped for a special file since the check above.
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return FileState::NotRegular;
    }
    let mut bytes = Vec::new();
    if file.read_to_end(&mut bytes).is_err() {
        return FileState::Unreadable;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // SAFETY: geteuid has no preconditions and cannot fail.
        let uid = unsafe { libc::geteuid() };
        FileState::Regular {
            bytes,
            mode: Some(meta.permissions().mode() & 0o7777),
            owned_by_user: Some(meta.uid() == uid),
        }
    }
    #[cfg(not(unix))]
    FileState::Regular {
        bytes,
        mode: None,
        owned_by_user: None,
    }
}
