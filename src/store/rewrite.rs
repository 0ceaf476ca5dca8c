//! Rewriting a user's file (a source, a manifest) in place, as it was: mode, owner, group.

use std::fs::{self, File};
use std::path::Path;

use super::{Step, StoreError, resolve_symlinks, write_atomically_owned};

/// Rewrites a user's file (a source, a manifest) atomically: through its symlinks, keeping
/// its mode, and its owner and group where the process may. A file whose mode cannot be
/// read is not rewritten: a guessed mode could open a private file to everyone.
pub fn rewrite(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    let target = resolve_symlinks(path).map_err(StoreError::io(path, Step::FollowLink))?;
    let meta = fs::metadata(&target).map_err(StoreError::io(&target, Step::ReadModeAndOwner))?;
    let (mode, owner) = mode_and_owner(&meta);
    write_atomically_owned(&target, contents, mode, owner)
}

fn mode_and_owner(meta: &fs::Metadata) -> (u32, Option<(u32, u32)>) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (meta.mode() & 0o7777, Some((meta.uid(), meta.gid())))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        (0o644, None)
    }
}

/// Gives `file` the uid and gid, or the gid alone, as far as the process may (an ordinary
/// user keeps a file it rewrites as its own; root keeps another user's file theirs).
pub(super) fn give_owner(file: &File, (uid, gid): (u32, u32)) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::fchown;
        if fchown(file, Some(uid), Some(gid)).is_err() {
            let _ = fchown(file, None, Some(gid));
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, uid, gid);
    }
}
