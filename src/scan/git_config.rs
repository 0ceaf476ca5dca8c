//! The one file under `.git` that `scan` reads: the repository's `config`, where remote URLs
//! (`url = https://TOKEN@github.com/...`) keep the tokens people paste into `git clone`.
//! Objects, logs and the rest of `.git` stay unread.

use std::path::{Path, PathBuf};

/// The config git reads for the checkout in `dir`, if `dir` holds a `.git`:
/// - a `.git` directory: `.git/config`;
/// - a `.git` file (`gitdir: PATH`, as a linked worktree or a submodule writes it): the
///   `config` in that git directory (a submodule's own), else the one in its `commondir`
///   (a worktree shares the main repository's). That file may lie outside the walked tree:
///   it is still the config of this checkout's remotes.
pub(super) fn config_for(dir: &Path) -> Option<PathBuf> {
    let dot_git = dir.join(".git");
    let meta = std::fs::symlink_metadata(&dot_git).ok()?;
    let git_dir = if meta.is_dir() {
        dot_git
    } else if meta.is_file() {
        linked_git_dir(dir, &dot_git)?
    } else {
        return None;
    };
    let own = git_dir.join("config");
    if own.is_file() {
        return Some(own);
    }
    let common = std::fs::read_to_string(git_dir.join("commondir")).ok()?;
    let shared = git_dir
        .join(common.trim_end_matches(['\n', '\r']))
        .join("config");
    shared.is_file().then_some(shared)
}

/// The directory a `.git` file names (`gitdir: PATH`, relative to the file's directory).
fn linked_git_dir(dir: &Path, dot_git: &Path) -> Option<PathBuf> {
    // A `.git` file is one short line; anything large is not one.
    let meta = std::fs::metadata(dot_git).ok()?;
    if meta.len() > 4096 {
        return None;
    }
    let text = std::fs::read_to_string(dot_git).ok()?;
    let target = text.lines().next()?.strip_prefix("gitdir:")?.trim();
    if target.is_empty() {
        return None;
    }
    Some(dir.join(target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_files_and_worktrees() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        assert_eq!(config_for(root), None);
        std::fs::create_dir_all(root.join("main/.git/worktrees/wt")).unwrap();
        std::fs::write(root.join("main/.git/config"), "[core]\n").unwrap();
        assert_eq!(
            config_for(&root.join("main")),
            Some(root.join("main/.git/config"))
        );
        // A linked worktree: no config of its own, the main repository's through commondir.
        std::fs::write(root.join("main/.git/worktrees/wt/commondir"), "../..\n").unwrap();
        std::fs::create_dir_all(root.join("wt")).unwrap();
        std::fs::write(root.join("wt/.git"), "gitdir: ../main/.git/worktrees/wt\n").unwrap();
        let shared = config_for(&root.join("wt")).unwrap();
        assert_eq!(
            shared.canonicalize().unwrap(),
            root.join("main/.git/config").canonicalize().unwrap()
        );
        // A submodule: its own config under the superproject's .git/modules.
        std::fs::create_dir_all(root.join("main/.git/modules/sub")).unwrap();
        std::fs::write(root.join("main/.git/modules/sub/config"), "[core]\n").unwrap();
        std::fs::create_dir_all(root.join("main/sub")).unwrap();
        std::fs::write(root.join("main/sub/.git"), "gitdir: ../.git/modules/sub\n").unwrap();
        assert_eq!(
            config_for(&root.join("main/sub")),
            Some(root.join("main/sub/../.git/modules/sub/config"))
        );
        std::fs::write(root.join("wt/.git"), "not a gitdir line\n").unwrap();
        assert_eq!(config_for(&root.join("wt")), None);
    }
}
