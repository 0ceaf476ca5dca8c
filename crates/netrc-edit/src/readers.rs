//! `explain`: what each netrc reader would do for one URL, and whether they agree.
//!
//! Every reader is modelled as a pure function of (platform, environment, file bytes, file
//! facts, URL) → (file chosen, parse result, entry chosen with its line, reason), so the
//! Windows behaviour is tested on Linux. The parsers are ports of each reader's own
//! algorithm (curl's `netrc.c`, CPython's `netrc.py`, the Rust `netrc` crate uv uses,
//! cmd/go's `parseNetrc`, the Ruby gem's `lex`/`parse`), quirks included: the quirks are
//! the answer to "why does pip get a 401 when curl works?".
//!
//! ```
//! use netrc_edit::readers::{self, Context, FileState, ReaderId, UrlFacts};
//! use netrc_edit::{Environment, Platform};
//! use std::path::Path;
//!
//! let env = Environment { home: Some("/home/me".into()), ..Environment::default() };
//! let url = UrlFacts::parse("https://a.example/simple/").unwrap();
//! let netrc = b"machine a.example login me password s3cret\n".to_vec();
//! let files = |path: &Path| match path == Path::new("/home/me/.netrc") {
//!     true => FileState::Regular { bytes: netrc.clone(), mode: Some(0o600), owned_by_user: Some(true) },
//!     false => FileState::Missing,
//! };
//! let ctx = Context { platform: Platform::Unix, env: &env, netrc_override: None, url: &url, files: &files };
//! let explained = readers::explain(&ctx);
//! let uv = explained.verdicts.iter().find(|v| v.reader == ReaderId::Uv).unwrap();
//! assert_eq!(uv.sends().map(|(login, _)| login), Some("me"));
//! assert!(explained.agree());
//! ```

pub mod check;
mod curl;
mod curl788;
mod curl816;
mod files;
mod go;
mod python;
mod ruby;
pub mod url;
pub mod verify;

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

pub use crate::ReaderId;
use crate::secret::Secret;
use crate::{Environment, Platform};
pub use url::{UrlError, UrlFacts};

/// What is at a path, as far as a reader can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    /// Nothing there.
    Missing,
    /// A directory, FIFO or device: nothing is read from it.
    NotRegular,
    /// There, but this user cannot read it.
    Unreadable,
    /// A regular file.
    Regular {
        /// Its contents.
        bytes: Vec<u8>,
        /// Permission bits (Unix).
        mode: Option<u32>,
        /// Whether the current user owns it (Unix).
        owned_by_user: Option<bool>,
    },
}

impl FileState {
    /// `os.path.exists` / `Path::exists`: anything that is there.
    pub fn exists(&self) -> bool {
        !matches!(self, FileState::Missing)
    }
}

/// Everything a reader's behaviour depends on.
pub struct Context<'a> {
    /// The platform whose readers are modelled.
    pub platform: Platform,
    /// The environment they see.
    pub env: &'a Environment,
    /// `--file`: "what if NETRC pointed here".
    pub netrc_override: Option<&'a Path>,
    /// The URL they are asked about.
    pub url: &'a UrlFacts,
    /// What is at a path (the command probes the disk; tests pass a map).
    pub files: &'a dyn Fn(&Path) -> FileState,
}

impl Context<'_> {
    /// The value NETRC has for the readers that honour it, and how to name it.
    fn netrc_var(&self) -> Option<(OsString, &'static str)> {
        match self.netrc_override {
            Some(p) => Some((p.as_os_str().to_owned(), "NETRC (--file)")),
            None => self.env.netrc.clone().map(|v| (v, "NETRC")),
        }
    }

    fn state(&self, path: &Path) -> FileState {
        (self.files)(path)
    }
}

/// Whether the file was read, and if not, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parse {
    /// No file to read (none of the candidates exists).
    NoFile,
    /// The file was read.
    Read,
    /// The reader rejects the whole file: it reads no entry from it, for any host.
    Failed {
        /// The line the reader stopped at, when it says.
        line: Option<usize>,
        /// What it says, never quoting a value.
        why: String,
    },
}

/// The credentials a reader would use, and where they stand.
#[derive(Clone, PartialEq, Eq)]
pub struct Pick {
    /// The machine name as written; `None` for the `default` entry.
    pub machine: Option<String>,
    /// The line of the entry's `machine` or `default` keyword.
    pub line: usize,
    /// The login sent.
    pub login: String,
    /// The password sent.
    pub password: Secret,
}

/// The login can be a token: Debug shows where the entry is, never its values.
impl fmt::Debug for Pick {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pick")
            .field("machine", &self.machine)
            .field("line", &self.line)
            .finish_non_exhaustive()
    }
}

/// What a reader made of a file's bytes for one host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    /// Whether the file was read.
    pub parse: Parse,
    /// The entry chosen, if any.
    pub pick: Option<Pick>,
    /// Why this entry, or why none.
    pub why: String,
    /// Things in the file this reader reads differently (skipped lines, cut values).
    pub notes: Vec<String>,
}

impl Lookup {
    fn nothing(parse: Parse, why: impl Into<String>) -> Lookup {
        Lookup {
            parse,
            pick: None,
            why: why.into(),
            notes: Vec::new(),
        }
    }
}

/// The file a reader opens, and why that one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileUse {
    /// The path opened; `None` when the reader finds no path at all.
    pub path: Option<PathBuf>,
    /// Why this path (which variable or default chose it).
    pub why: String,
    /// Whether something is there.
    pub exists: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// What one reader does for a URL.
pub struct Verdict {
    /// The reader.
    pub reader: ReaderId,
    /// Whether the reader would consult a netrc for this URL at all (Go: https only).
    pub applies: bool,
    /// The file it opens.
    pub file: FileUse,
    /// What it reads there.
    pub lookup: Lookup,
}

impl Verdict {
    /// The credentials it would send, if any.
    pub fn sends(&self) -> Option<(&str, &Secret)> {
        let pick = self.lookup.pick.as_ref().filter(|_| self.applies)?;
        Some((pick.login.as_str(), &pick.password))
    }
}

#[derive(Debug, Clone)]
/// What every modelled reader does for one URL.
pub struct Explanation {
    /// The URL asked about.
    pub url: UrlFacts,
    /// One verdict per reader, in [`ReaderId::ALL`] order.
    pub verdicts: Vec<Verdict>,
}

impl Explanation {
    /// For each verdict, a number naming the credentials it sends (1, 2, ... in order of
    /// first appearance; equal credentials, equal numbers), `None` when it sends nothing.
    /// Numbers let the output say who differs without showing a value.
    pub fn credential_sets(&self) -> Vec<Option<usize>> {
        let mut seen: Vec<(&str, &Secret)> = Vec::new();
        self.verdicts
            .iter()
            .map(|v| {
                let sends = v.sends()?;
                let i = match seen.iter().position(|s| *s == sends) {
                    Some(i) => i,
                    None => {
                        seen.push(sends);
                        seen.len() - 1
                    }
                };
                Some(i + 1)
            })
            .collect()
    }

    /// Every reader that applies sends the same credentials (or every one sends none).
    pub fn agree(&self) -> bool {
        let sets = self.credential_sets();
        let mut applying = self
            .verdicts
            .iter()
            .zip(&sets)
            .filter(|(v, _)| v.applies)
            .map(|(_, s)| *s);
        match applying.next() {
            Some(first) => applying.all(|s| s == first),
            None => true,
        }
    }
}

/// What curl sends for `host` (lower-cased, as curl looks it up) from a netrc's bytes: the
/// one lookup `get` answers with and `explain`'s curl row shows (curl 7.88.1 as Debian 12
/// ships it, measured; see `curl788`).
pub fn curl_lookup(bytes: &[u8], host: &str, platform: Platform) -> Lookup {
    curl788::parse(bytes, host, platform)
}

/// What every modelled reader would do for `ctx.url`.
pub fn explain(ctx: &Context<'_>) -> Explanation {
    let verdicts = ReaderId::ALL
        .iter()
        .map(|&reader| verdict(ctx, reader))
        .collect();
    Explanation {
        url: ctx.url.clone(),
        verdicts,
    }
}

fn verdict(ctx: &Context<'_>, reader: ReaderId) -> Verdict {
    let (file, lookup) = match reader {
        ReaderId::CurlBefore816 | ReaderId::GitBefore816 => curl::before_816(ctx, reader),
        ReaderId::Curl816 | ReaderId::Git816 => curl816::since_816(ctx, reader),
        ReaderId::Requests => python::requests(ctx),
        ReaderId::Uv => python::uv(ctx),
        ReaderId::PythonNetrcDefault => python::module_default(ctx),
        ReaderId::PythonNetrcPath => python::module_path(ctx),
        ReaderId::Go => go::cmd_go(ctx),
        ReaderId::RubyGem => ruby::gem(ctx),
    };
    let applies = match reader {
        ReaderId::Go => ctx.url.scheme == "https",
        ReaderId::CurlBefore816 | ReaderId::Curl816 => {
            matches!(ctx.url.scheme.as_str(), "http" | "https" | "ftp" | "ftps")
        }
        _ => matches!(ctx.url.scheme.as_str(), "http" | "https"),
    };
    Verdict {
        reader,
        applies,
        file,
        lookup,
    }
}

/// The lookup a reader makes of a chosen file: `parse` runs only on a regular file.
fn read_with(
    state: &FileState,
    parse: impl FnOnce(&[u8], Option<u32>, Option<bool>) -> Lookup,
) -> Lookup {
    match state {
        FileState::Missing => Lookup::nothing(Parse::NoFile, "no netrc file"),
        // Not "no file": the reader opens the path, then blocks on a FIFO or fails on a
        // directory or device.
        FileState::NotRegular => Lookup::nothing(
            Parse::Failed {
                line: None,
                why: "not a regular file: a reader that opens it blocks (FIFO) or fails (directory, device)".into(),
            },
            "the netrc path is not a regular file: a reader that opens it blocks (FIFO) or fails (directory, device)",
        ),
        FileState::Unreadable => Lookup::nothing(
            Parse::Failed {
                line: None,
                why: "the file cannot be read (permission denied)".into(),
            },
            "the file cannot be read",
        ),
        FileState::Regular {
            bytes,
            mode,
            owned_by_user,
        } => parse(bytes, *mode, *owned_by_user),
    }
}

/// Line number (1-based) of byte offset `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..at.min(bytes.len())]).count() + 1
}
