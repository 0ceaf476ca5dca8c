//! Where the netrc is, and how it is read and written without ever losing a credential.
//!
//! Locating is a pure function of (platform, flag, environment) so both platforms are tested
//! on Linux. Writing is: lock file beside the netrc, temp file in the same directory created
//! 0600, write, fsync, rename over the target, fsync the directory.

use std::fs::{self, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::netrc::lint::{self, FileFacts};
use crate::netrc::{Document, EditError, UpsertError};
use crate::text::Place;
// The platform and environment the readers are modelled for, named where the netrc is located.
pub use netrc_edit::{Environment, Location, Platform, Source};

mod atomic;
mod error;
mod lock;
mod rewrite;
mod special;
pub use atomic::write_atomically;
use atomic::write_atomically_owned;
pub use error::{Access, Step, StoreError};
pub use lock::Lock;
use lock::still_names;
pub use rewrite::rewrite;
pub use special::{Opened, SpecialKind, open_checked, read_regular, same_file};
use special::{open_regular, regular_or_absent};

type Result<T, E = StoreError> = std::result::Result<T, E>;

/// `--file` beats `NETRC`, which beats the platform default ([`netrc_edit::locate`]); an
/// error when there is no home directory to find the default in.
pub fn locate(platform: Platform, flag: Option<&Path>, env: &Environment) -> Result<Location> {
    netrc_edit::locate(platform, flag, env).ok_or(StoreError::NoHome)
}

/// On Windows, the `.netrc` beside a default `_netrc` that curl and requests would read first.
pub fn shadowing_sibling(
    platform: Platform,
    location: &Location,
    exists: impl Fn(&Path) -> bool,
) -> Option<PathBuf> {
    if platform != Platform::Windows || location.source != Source::Default {
        return None;
    }
    let sibling = location.path.with_file_name(".netrc");
    exists(&sibling).then_some(sibling)
}

/// The file that gets written: a symlinked netrc keeps its link and its target is replaced.
pub fn resolve_symlinks(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = if link.is_absolute() {
                    link
                } else {
                    current.parent().unwrap_or(Path::new(".")).join(link)
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// What a save changed besides the content, for the user to be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SaveReport {
    /// The mode the file had when it was looser than 0600.
    pub tightened_from: Option<u32>,
    pub created: bool,
}

/// What [`Store::edit`] did: the edit's own result, and the save when the text changed.
pub struct Edited<T> {
    pub value: T,
    pub saved: Option<SaveReport>,
}

#[derive(Debug, Clone)]
pub struct Store {
    pub location: Location,
}

impl Store {
    pub fn new(location: Location) -> Store {
        Store { location }
    }

    pub fn path(&self) -> &Path {
        &self.location.path
    }

    pub fn display(&self) -> String {
        self.location.path.display().to_string()
    }

    pub fn target(&self) -> Result<PathBuf> {
        resolve_symlinks(self.path()).map_err(StoreError::io(self.path(), Step::FollowLink))
    }

    /// The file's text, or `None` when it does not exist yet. A special file is refused
    /// without being read.
    pub fn read_text(&self) -> Result<Option<String>> {
        self.read_text_at(self.path())
    }

    fn read_text_at(&self, path: &Path) -> Result<Option<String>> {
        let Some(mut file) = open_regular(path, OpenOptions::new().read(true), Access::Read)?
        else {
            return Ok(None);
        };
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .map_err(StoreError::io(self.path(), Step::Read))?;
        utf8_text(&self.display(), bytes).map(Some)
    }

    /// The parsed document (empty when the file does not exist). Errors name path:line:col.
    pub fn load(&self) -> Result<Document> {
        self.load_at(self.path())
    }

    fn load_at(&self, path: &Path) -> Result<Document> {
        let text = self.read_text_at(path)?.unwrap_or_default();
        Document::parse(&text).map_err(|error| StoreError::Parse {
            file: self.path().to_path_buf(),
            error,
        })
    }

    /// The one transaction every change of the netrc goes through: lock, load, `edit`, and
    /// save only when the text changed. The symlink is resolved once, so the file locked is
    /// the file read and the file written. The edit fails with its caller's own error type;
    /// the store's errors convert into it. An edit's own refusal at a place in the netrc is
    /// the caller's to name with the file ([`Store::refused`], [`Store::refused_upsert`]).
    pub fn edit<T, E: From<StoreError>>(
        &self,
        edit: impl FnOnce(&mut Document) -> Result<T, E>,
    ) -> Result<Edited<T>, E> {
        self.edit_checked(edit, |_, _| Ok(()))
    }

    /// [`Store::edit`], with `check(before, after)` run on the whole text after the edit and
    /// before anything is saved (even when nothing changed: the file as it stands must pass
    /// too). An error from it saves nothing.
    pub fn edit_checked<T, E: From<StoreError>>(
        &self,
        edit: impl FnOnce(&mut Document) -> Result<T, E>,
        check: impl FnOnce(&str, &str) -> Result<(), E>,
    ) -> Result<Edited<T>, E> {
        let target = self.target()?;
        let _lock = self.lock_at(&target)?;
        let mut doc = self.load_at(&target)?;
        let before = doc.as_str().to_owned();
        let value = edit(&mut doc)?;
        check(&before, doc.as_str())?;
        let saved = if doc.as_str() == before {
            None
        } else {
            Some(self.save_at(&target, doc.as_str())?)
        };
        Ok(Edited { value, saved })
    }

    /// A netrc edit's refusal as an error: one at a place in the file (a macro whose end is
    /// ambiguous) is named with the file, as every error that points into a file is.
    pub fn refused(&self, error: EditError) -> StoreError {
        StoreError::Refused {
            file: self.path().to_path_buf(),
            error,
        }
    }

    /// [`Store::refused`] for an upsert: its edit's refusal gets the file, the others
    /// (a conflict, a target named twice) are the caller's to word.
    pub fn refused_upsert(&self, error: UpsertError) -> Result<StoreError, UpsertError> {
        match error {
            UpsertError::Edit(error @ EditError::OpenMacro { .. }) => Ok(self.refused(error)),
            other => Err(other),
        }
    }

    /// Takes the lock beside the (resolved) netrc. The netrc itself is replaced on each write,
    /// so it cannot carry the lock: a lock on the old inode would not stop a process that
    /// opened the new one. The lock file is removed when the lock is dropped.
    pub fn lock(&self) -> Result<Lock> {
        self.lock_at(&self.target()?)
    }

    fn lock_at(&self, target: &Path) -> Result<Lock> {
        // Before the lock file is created beside it: nothing is made next to a device.
        regular_or_absent(target, Access::Edit)?;
        let dir = parent_dir(target);
        let name = target
            .file_name()
            .map_or_else(|| ".netrc".into(), |n| n.to_string_lossy().into_owned());
        let lock_path = dir.join(format!("{name}.lock"));
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        loop {
            // A symlink is never followed: it would create a file where it points, and the
            // path would never name the locked file, so the wait below would never end.
            if fs::symlink_metadata(&lock_path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(StoreError::LockIsSymlink { path: lock_path });
            }
            let file =
                open_regular(&lock_path, &mut options, Access::LockWith)?.ok_or_else(|| {
                    StoreError::NoLockFile {
                        path: lock_path.clone(),
                    }
                })?;
            file.lock()
                .map_err(StoreError::io(&lock_path, Step::TakeLock))?;
            if still_names(&lock_path, &file) {
                return Ok(Lock {
                    file,
                    path: lock_path,
                });
            }
        }
    }

    /// Replaces the netrc atomically with `text`, mode 0600. Call with the lock held.
    pub fn save(&self, text: &str) -> Result<SaveReport> {
        self.save_at(&self.target()?, text)
    }

    fn save_at(&self, target: &Path, text: &str) -> Result<SaveReport> {
        let mut report = SaveReport::default();
        match fs::metadata(target) {
            Ok(meta) => {
                if let Some(kind) = SpecialKind::of(meta.file_type()) {
                    return Err(StoreError::Special {
                        path: target.to_path_buf(),
                        kind,
                        refused: Access::Replace,
                    });
                }
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let mode = meta.permissions().mode() & 0o7777;
                    if mode & 0o077 != 0 {
                        report.tightened_from = Some(mode);
                    }
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => report.created = true,
            Err(e) => return Err(StoreError::io(target, Step::Inspect)(e)),
        }
        write_atomically(target, text.as_bytes(), 0o600)?;
        Ok(report)
    }

    /// What `check` reports about the file and its text. A special file is not read.
    pub fn problems(&self) -> Result<Vec<lint::Problem>> {
        let Some(facts) = self.facts()? else {
            return Ok(vec![lint::file_missing()]);
        };
        let mut problems = lint::check_file(&facts);
        if facts.regular {
            let text = self.read_text()?.unwrap_or_default();
            problems.extend(lint::check_text(&text));
        }
        Ok(problems)
    }

    /// Facts for `check`, about the file the path leads to.
    pub fn facts(&self) -> Result<Option<FileFacts>> {
        let meta = match fs::metadata(self.path()) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::io(self.path(), Step::Inspect)(e)),
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::{MetadataExt, PermissionsExt};
            // SAFETY: geteuid has no preconditions and cannot fail.
            let uid = unsafe { libc::geteuid() };
            Ok(Some(FileFacts {
                mode: Some(meta.permissions().mode()),
                owned_by_user: Some(meta.uid() == uid),
                regular: meta.is_file(),
            }))
        }
        #[cfg(not(unix))]
        Ok(Some(FileFacts {
            mode: None,
            owned_by_user: None,
            regular: meta.is_file(),
        }))
    }

    /// Sets mode 0600 on the file (its target when linked). Returns the old mode if changed.
    /// The mode is changed through the opened, checked handle, never by path.
    pub fn tighten(&self) -> Result<Option<u32>> {
        let target = self.target()?;
        let opened = open_regular(&target, OpenOptions::new().read(true), Access::ChangeModeOf);
        let file = match opened {
            Ok(Some(file)) => Some(file),
            Ok(None) => return Err(StoreError::Missing { path: target }),
            // A file its owner cannot read (mode 0200, 0000) is still theirs to chmod: by
            // path, once it is known to be a regular file.
            Err(e) if e.is_permission_denied() => None,
            Err(e) => return Err(e),
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let meta = match &file {
                Some(f) => f.metadata(),
                None => fs::metadata(&target),
            }
            .map_err(StoreError::io(&target, Step::Inspect))?;
            let mode = meta.permissions().mode() & 0o7777;
            if mode == 0o600 || mode == 0o400 {
                return Ok(None);
            }
            let private = fs::Permissions::from_mode(0o600);
            match &file {
                Some(f) => f.set_permissions(private),
                None => fs::set_permissions(&target, private),
            }
            .map_err(StoreError::io(&target, Step::ChangeMode))?;
            Ok(Some(mode))
        }
        #[cfg(not(unix))]
        {
            let _ = file;
            Ok(None)
        }
    }
}

/// The bytes of the file `name` as text; otherwise an error at the first byte that is not
/// UTF-8.
pub fn utf8_text(name: &str, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
        let p = crate::text::position(&valid, valid.len());
        StoreError::NotUtf8 {
            place: Place::at(name, p),
        }
    })
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file whose mode cannot be read is not rewritten with a guessed one (it was 0644).
    #[test]
    fn rewrite_keeps_the_mode_or_refuses() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone.txt");
        assert!(rewrite(&gone, b"x").is_err());
        assert!(!gone.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let private = dir.path().join("private.txt");
            fs::write(&private, "a").unwrap();
            fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
            rewrite(&private, b"b").unwrap();
            let mode = fs::metadata(&private).unwrap().permissions().mode() & 0o7777;
            assert_eq!(
                (fs::read_to_string(&private).unwrap(), mode),
                ("b".into(), 0o600)
            );
        }
    }

    fn env(netrc: Option<&str>, home: Option<&str>, userprofile: Option<&str>) -> Environment {
        Environment {
            netrc: netrc.map(Into::into),
            home: home.map(Into::into),
            userprofile: userprofile.map(Into::into),
            fallback_home: Some("/from/passwd".into()),
        }
    }

    #[test]
    fn flag_beats_env_beats_default() {
        let e = env(Some("/env/netrc"), Some("/home/me"), None);
        let l = locate(Platform::Unix, Some(Path::new("/flag")), &e).unwrap();
        assert_eq!((l.path, l.source), (PathBuf::from("/flag"), Source::Flag));
        let l = locate(Platform::Unix, None, &e).unwrap();
        assert_eq!(
            (l.path, l.source),
            (PathBuf::from("/env/netrc"), Source::Env)
        );
        let l = locate(Platform::Unix, None, &env(Some(""), Some("/home/me"), None)).unwrap();
        assert_eq!(
            (l.path, l.source),
            (PathBuf::from("/home/me/.netrc"), Source::Default)
        );
    }

    #[test]
    fn unix_without_home_uses_the_user_database() {
        let l = locate(Platform::Unix, None, &env(None, None, Some("/ignored"))).unwrap();
        assert_eq!(l.path, PathBuf::from("/from/passwd/.netrc"));
    }

    #[test]
    fn windows_prefers_home_then_userprofile_and_names_it_underscore_netrc() {
        let l = locate(
            Platform::Windows,
            None,
            &env(None, Some("H:"), Some("C:/Users/me")),
        )
        .unwrap();
        assert_eq!(l.path, Path::new("H:").join("_netrc"));
        let l = locate(
            Platform::Windows,
            None,
            &env(None, None, Some("C:/Users/me")),
        )
        .unwrap();
        assert_eq!(l.path, Path::new("C:/Users/me").join("_netrc"));
        let mut e = env(None, None, None);
        e.fallback_home = None;
        assert!(locate(Platform::Windows, None, &e).is_err());
    }

    /// scrub saves through here: whatever command calls it, a special file is refused.
    #[cfg(unix)]
    #[test]
    fn save_tighten_and_lock_refuse_what_is_not_a_regular_file() {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = CString::new(fifo.as_os_str().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let subdir = dir.path().join("dir");
        fs::create_dir(&subdir).unwrap();
        let mut specials = vec![fifo, subdir];
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } == 0 {
            let device = dir.path().join("null");
            let c = CString::new(device.as_os_str().as_bytes()).unwrap();
            // SAFETY: a valid path; (1, 3) is the null device.
            let made =
                unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
            assert_eq!(made, 0);
            specials.push(device);
        }
        for (i, special) in specials.clone().into_iter().enumerate() {
            let link = dir.path().join(format!("link{i}"));
            std::os::unix::fs::symlink(&special, &link).unwrap();
            specials.push(link);
        }
        for path in specials {
            let store = Store::new(Location {
                path: path.clone(),
                source: Source::Flag,
            });
            let shown = path.display();
            let e = store.save("machine a login b password c\n").unwrap_err();
            assert!(e.to_string().contains("not a regular file"), "{shown}: {e}");
            assert!(store.tighten().is_err(), "{shown}");
            assert!(store.lock().is_err(), "{shown}");
            assert!(store.read_text().is_err(), "{shown}");
            let target = resolve_symlinks(&path).unwrap();
            let meta = fs::symlink_metadata(&target).unwrap();
            assert!(!meta.is_file(), "{shown} was replaced");
        }
        let left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".lock") || n.contains(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn windows_warns_about_a_dot_netrc_beside_it() {
        let l = locate(
            Platform::Windows,
            None,
            &env(None, None, Some("C:/Users/me")),
        )
        .unwrap();
        let sibling = shadowing_sibling(Platform::Windows, &l, |p| p.ends_with(".netrc"));
        assert_eq!(sibling, Some(Path::new("C:/Users/me").join(".netrc")));
        assert_eq!(shadowing_sibling(Platform::Windows, &l, |_| false), None);
        let l = locate(Platform::Unix, None, &env(None, Some("/h"), None)).unwrap();
        assert_eq!(shadowing_sibling(Platform::Unix, &l, |_| true), None);
    }
}
