//! What a reader's choice of file depends on besides the file: the platform and the
//! environment. Both are plain values, so Windows is modelled (and tested) on Linux.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// The platform whose readers are modelled: it decides file names, home directories and
/// text-mode reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Linux, macOS and the other Unixes.
    Unix,
    /// Windows.
    Windows,
}

impl Platform {
    /// The platform this program runs on.
    pub fn current() -> Platform {
        if cfg!(windows) {
            Platform::Windows
        } else {
            Platform::Unix
        }
    }

    /// The file name readers look for in the home directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Platform::Unix => ".netrc",
            Platform::Windows => "_netrc",
        }
    }
}

/// The parts of the environment that decide where the netrc is.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// `NETRC`.
    pub netrc: Option<OsString>,
    /// `HOME`.
    pub home: Option<OsString>,
    /// `USERPROFILE` (Windows).
    pub userprofile: Option<OsString>,
    /// The home directory from the user database, for a Unix process without `HOME`.
    pub fallback_home: Option<PathBuf>,
}

impl Environment {
    /// This process's environment, and its user's home directory.
    pub fn from_process() -> Environment {
        Environment {
            netrc: std::env::var_os("NETRC"),
            home: std::env::var_os("HOME"),
            userprofile: std::env::var_os("USERPROFILE"),
            fallback_home: dirs::home_dir(),
        }
    }
}

/// Where a netrc's path came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Given explicitly (a command-line flag).
    Flag,
    /// The `NETRC` environment variable.
    Env,
    /// The platform's default in the home directory.
    Default,
}

/// A netrc's path, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The netrc file.
    pub path: PathBuf,
    /// Why that path.
    pub source: Source,
}

fn non_empty(v: &Option<OsString>) -> Option<&OsString> {
    v.as_ref().filter(|v| !v.is_empty())
}

/// The netrc a program managing one would use: `flag` beats `NETRC`, which beats the
/// platform default (`$HOME/.netrc` on Unix, `%HOME%\_netrc` else `%USERPROFILE%\_netrc` on
/// Windows). `None` when there is no home directory to find the default in.
///
/// ```
/// use netrc_edit::{locate, Environment, Platform, Source};
///
/// let env = Environment { home: Some("/home/me".into()), ..Environment::default() };
/// let found = locate(Platform::Unix, None, &env).unwrap();
/// assert_eq!(found.path, std::path::Path::new("/home/me/.netrc"));
/// assert_eq!(found.source, Source::Default);
/// ```
pub fn locate(platform: Platform, flag: Option<&Path>, env: &Environment) -> Option<Location> {
    if let Some(path) = flag {
        return Some(Location {
            path: path.to_path_buf(),
            source: Source::Flag,
        });
    }
    if let Some(path) = non_empty(&env.netrc) {
        return Some(Location {
            path: PathBuf::from(path),
            source: Source::Env,
        });
    }
    let home = match platform {
        Platform::Unix => non_empty(&env.home)
            .map(PathBuf::from)
            .or_else(|| env.fallback_home.clone()),
        Platform::Windows => non_empty(&env.home)
            .or(non_empty(&env.userprofile))
            .map(PathBuf::from),
    };
    Some(Location {
        path: home?.join(platform.file_name()),
        source: Source::Default,
    })
}
