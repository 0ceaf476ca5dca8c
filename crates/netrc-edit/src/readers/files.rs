//! Which netrc file each reader opens: pure functions of platform, environment and what
//! exists, so Windows is modelled on Linux.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::{Context, FileState, FileUse};
use crate::Platform;

/// A file a reader would consider, and why.
pub(super) struct Candidate {
    pub path: PathBuf,
    pub why: String,
}

impl Candidate {
    fn new(path: PathBuf, why: impl Into<String>) -> Candidate {
        Candidate {
            path,
            why: why.into(),
        }
    }
}

fn set(v: &Option<OsString>) -> Option<&OsString> {
    v.as_ref().filter(|v| !v.is_empty())
}

/// libcurl's home: `HOME`, else the user database (Unix) or `USERPROFILE` (Windows).
pub(super) fn curl_home(ctx: &Context<'_>) -> Option<(PathBuf, &'static str)> {
    if let Some(h) = ctx.env.home.as_ref() {
        return Some((PathBuf::from(h), "$HOME"));
    }
    match ctx.platform {
        Platform::Unix => ctx
            .env
            .fallback_home
            .clone()
            .map(|h| (h, "the home directory from the user database")),
        Platform::Windows => set(&ctx.env.userprofile).map(|h| (PathBuf::from(h), "%USERPROFILE%")),
    }
}

/// Python's `os.path.expanduser("~")`: `HOME` (even empty) or the user database on Unix,
/// `USERPROFILE` on Windows (Python 3.8+ ignores `HOME` there).
pub(super) fn python_home(ctx: &Context<'_>) -> Option<(PathBuf, &'static str)> {
    match ctx.platform {
        Platform::Unix => match ctx.env.home.as_ref() {
            Some(h) => Some((PathBuf::from(h), "$HOME")),
            None => ctx
                .env
                .fallback_home
                .clone()
                .map(|h| (h, "the home directory from the user database")),
        },
        Platform::Windows => set(&ctx.env.userprofile).map(|h| (PathBuf::from(h), "%USERPROFILE%")),
    }
}

/// Go's `os.UserHomeDir()`: `$HOME` on Unix, `%USERPROFILE%` on Windows; nothing else.
pub(super) fn go_home(ctx: &Context<'_>) -> Option<(PathBuf, &'static str)> {
    match ctx.platform {
        Platform::Unix => set(&ctx.env.home).map(|h| (PathBuf::from(h), "$HOME")),
        Platform::Windows => set(&ctx.env.userprofile).map(|h| (PathBuf::from(h), "%USERPROFILE%")),
    }
}

/// The first candidate that exists (`os.path.exists`), else the first one, marked missing.
pub(super) fn first_existing(
    ctx: &Context<'_>,
    candidates: Vec<Candidate>,
    none_why: &str,
) -> (FileUse, FileState) {
    let mut first: Option<(FileUse, FileState)> = None;
    for c in candidates {
        let state = ctx.state(&c.path);
        let exists = state.exists();
        let found = (
            FileUse {
                path: Some(c.path),
                why: c.why,
                exists,
            },
            state,
        );
        if exists {
            return found;
        }
        first.get_or_insert(found);
    }
    first.unwrap_or_else(|| {
        (
            FileUse {
                path: None,
                why: none_why.to_string(),
                exists: false,
            },
            FileState::Missing,
        )
    })
}

/// `home/name` with a reason naming where `home` came from.
pub(super) fn in_home(home: &(PathBuf, &'static str), name: &str, extra: &str) -> Candidate {
    let why = format!("{name} in {}{extra}", home.1);
    Candidate::new(home.0.join(name), why)
}

pub(super) fn named(path: &Path, why: impl Into<String>) -> Candidate {
    Candidate::new(path.to_path_buf(), why)
}

/// The names a reader looks for in a home directory, in order.
pub(super) fn home_names(
    platform: Platform,
    windows: &'static [&'static str],
) -> &'static [&'static str] {
    match platform {
        Platform::Unix => &[".netrc"],
        Platform::Windows => windows,
    }
}
