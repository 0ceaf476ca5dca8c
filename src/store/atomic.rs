//! Atomic replacement of a file: a temp file in its directory, created with its mode before
//! the first byte, fsync, rename, fsync the directory.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

use super::{Step, StoreError, parent_dir, rewrite};

/// Replaces `target` (already resolved past symlinks) with `contents`: a temp file in the
/// same directory with `mode` set before the first byte, fsync, rename, fsync the directory.
/// A crash at any moment leaves the old file or the new one, never a torn one.
pub fn write_atomically(target: &Path, contents: &[u8], mode: u32) -> Result<(), StoreError> {
    write_atomically_owned(target, contents, mode, None)
}

/// [`write_atomically`], giving the new file `owner` (uid, gid) first where the process
/// may: the group alone when the user cannot be given, neither when neither can.
pub(crate) fn write_atomically_owned(
    target: &Path,
    contents: &[u8],
    mode: u32,
    owner: Option<(u32, u32)>,
) -> Result<(), StoreError> {
    let dir = parent_dir(target);
    // The temp name is random and says nothing about the content.
    let mut tmp = tempfile::Builder::new()
        .prefix(".netrc-guard.")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(StoreError::io(&dir, Step::CreateTemporary))?;
    if let Some(owner) = owner {
        rewrite::give_owner(tmp.as_file(), owner);
    }
    set_mode(tmp.as_file(), mode).map_err(StoreError::io(target, Step::SetMode(mode)))?;
    tmp.write_all(contents)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(StoreError::io(target, Step::WriteTemporary))?;
    tmp.persist(target)
        .map_err(|e| StoreError::io(target, Step::ReplaceFile)(e.error))?;
    sync_dir(&dir).map_err(StoreError::io(&dir, Step::SyncDirectory))?;
    Ok(())
}

fn set_mode(file: &File, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // fchmod is not subject to the umask, so this holds even under umask 000.
        file.set_permissions(fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (file, mode);
        Ok(())
    }
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}
