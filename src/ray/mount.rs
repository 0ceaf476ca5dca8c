//! The local side of `ray patch`: which directory `ray up` sends to every node. It must be the
//! directory the netrc in use really lives in (so that `add`, `scrub` and `remove` change what
//! the next `ray up` sends, with no second copy to go stale), and it must hold nothing else
//! (rsync sends the whole directory).

use std::path::{Path, PathBuf};

use super::error::{DirectoryStep, RayError};

/// Where the netrc's directory is mounted on every node; `~/.netrc` there links into it.
pub(crate) const REMOTE_DIR: &str = "~/.netrc.d";
/// The file git, curl and requests read on a node.
pub(crate) const REMOTE_NETRC: &str = "~/.netrc";

/// The netrc's directory as the cluster YAML names it, and the netrc's name inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NetrcMount {
    /// The local directory as written in `file_mounts` (`~/...` when under the home).
    pub local_dir: String,
    /// The same directory, absolute.
    pub local_abs: PathBuf,
    /// The netrc's file name in the directory (and so in `~/.netrc.d` on the nodes).
    pub file_name: String,
    /// The local home, for reading `~/` in the YAML's local paths.
    pub home: Option<PathBuf>,
}

impl NetrcMount {
    /// The setup command that points `~/.netrc` at the mounted file on a node.
    pub(crate) fn link_command(&self) -> String {
        format!("ln -sfn {REMOTE_DIR}/{} {REMOTE_NETRC}", self.file_name)
    }

    /// Whether a local path written in `file_mounts` names our directory.
    pub(crate) fn is_local_dir(&self, written: &str) -> bool {
        let expanded = match (written.strip_prefix("~/"), &self.home) {
            (Some(rest), Some(home)) => home.join(rest),
            _ if written == "~" => return false,
            _ => PathBuf::from(written),
        };
        trim(&expanded) == trim(&self.local_abs)
    }
}

fn trim(p: &Path) -> PathBuf {
    p.components().collect()
}

/// Names a file the link command can hold without quoting.
fn shell_safe(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// What else may sit beside the netrc: its lock file and netrc-guard's temporary files.
fn is_companion(entry: &str, netrc: &str) -> bool {
    entry == format!("{netrc}.lock")
        || (entry.starts_with(".netrc-guard.") && entry.ends_with(".tmp"))
}

/// The mount for the netrc at `path` (as located; `target` is it resolved past symlinks).
/// Refuses a directory that holds anything but the netrc, or that holds the home directory.
pub(crate) fn netrc_mount(
    path: &Path,
    target: &Path,
    home: Option<&Path>,
) -> Result<NetrcMount, RayError> {
    let file_name = target
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| RayError::NoFileName {
            path: target.to_path_buf(),
        })?
        .to_string();
    if !shell_safe(&file_name) {
        return Err(RayError::FileNameNotShellSafe {
            path: target.to_path_buf(),
        });
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = std::fs::canonicalize(&dir).map_err(|source| RayError::Directory {
        dir: dir.clone(),
        step: DirectoryStep::Read,
        source,
    })?;
    let shares_home =
        home.is_some_and(|h| std::fs::canonicalize(h).is_ok_and(|h| h.starts_with(&dir)));
    if shares_home || dir.parent().is_none() {
        return Err(RayError::SharesHome {
            netrc: path.to_path_buf(),
            dir,
        });
    }
    let mut others = 0;
    let cannot = |step| {
        let dir = dir.clone();
        move |source| RayError::Directory { dir, step, source }
    };
    for entry in std::fs::read_dir(&dir).map_err(cannot(DirectoryStep::List))? {
        let entry = entry.map_err(cannot(DirectoryStep::ListEntry))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != file_name && !is_companion(&name, &file_name) {
            others += 1;
        }
    }
    if others > 0 {
        return Err(RayError::SharesDirectory {
            netrc: path.to_path_buf(),
            dir,
            others,
        });
    }
    let canonical_home = home.and_then(|h| std::fs::canonicalize(h).ok());
    let local_dir = match canonical_home
        .as_deref()
        .and_then(|h| dir.strip_prefix(h).ok())
    {
        Some(rest) => format!("~/{}", rest.display()),
        None => dir.display().to_string(),
    };
    Ok(NetrcMount {
        local_dir,
        local_abs: dir,
        file_name,
        home: canonical_home,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample() -> NetrcMount {
        NetrcMount {
            local_dir: "~/.netrc.d".into(),
            local_abs: "/home/u/.netrc.d".into(),
            file_name: "netrc".into(),
            home: Some("/home/u".into()),
        }
    }

    #[test]
    fn local_paths_compare_expanded() {
        let m = sample();
        for same in [
            "~/.netrc.d",
            "~/.netrc.d/",
            "/home/u/.netrc.d",
            "/home/u//.netrc.d/",
        ] {
            assert!(m.is_local_dir(same), "{same}");
        }
        for other in ["~", "~/.netrc", "/home/u", "~/.netrc.dd", ".netrc.d"] {
            assert!(!m.is_local_dir(other), "{other}");
        }
        assert_eq!(m.link_command(), "ln -sfn ~/.netrc.d/netrc ~/.netrc");
    }

    #[test]
    fn only_a_directory_of_its_own_is_mounted() {
        let home = tempfile::tempdir().unwrap();
        let h = home.path();
        std::fs::write(h.join(".netrc"), "machine a login b password c\n").unwrap();
        let e = netrc_mount(&h.join(".netrc"), &h.join(".netrc"), Some(h)).unwrap_err();
        assert!(e.to_string().contains("mkdir -m 700 ~/.netrc.d"), "{e}");
        let dir = h.join(".netrc.d");
        std::fs::create_dir(&dir).unwrap();
        std::fs::rename(h.join(".netrc"), dir.join("netrc")).unwrap();
        std::fs::write(dir.join("netrc.lock"), "").unwrap();
        let m = netrc_mount(&h.join(".netrc"), &dir.join("netrc"), Some(h)).unwrap();
        assert_eq!(
            (m.local_dir.as_str(), m.file_name.as_str()),
            ("~/.netrc.d", "netrc")
        );
        std::fs::write(dir.join("notes.txt"), "").unwrap();
        let e = netrc_mount(&dir.join("netrc"), &dir.join("netrc"), Some(h)).unwrap_err();
        assert!(e.to_string().contains("1 other file,"), "{e}");
        std::fs::write(dir.join("bad name"), "").unwrap();
        let e = netrc_mount(&dir.join("bad name"), &dir.join("bad name"), Some(h)).unwrap_err();
        assert!(e.to_string().contains("file name"), "{e}");
    }
}
