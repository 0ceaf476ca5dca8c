//! `scan`: find credentials in URIs across files and directory trees.
//!
//! Directories are walked in parallel by the `ignore` crate (honouring `.gitignore` and
//! `.ignore`); each file is read whole and searched once with the `://` prefilter, so memory
//! is bounded by the largest file and no line is allocated. Only regular files are opened:
//! a FIFO, socket or device is skipped, and said to be.

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::secret::Secret;
use crate::store::{Opened, SpecialKind, open_checked};
pub use crate::uri::strip_port;
use crate::uri::{Class, Reason, ScanRule, SecretPart};

mod buffer;
mod confidence;
pub mod decode;
mod git_config;
mod history_context;
mod json_escape;
mod kube_secret;
mod lines;
mod netrc_file;
mod prefilter;
mod tokens;

pub use confidence::keep_at_least;

pub mod baseline;
pub mod history;

pub use buffer::scan_buffer;
pub use lines::LineCursor;

/// A line carrying this marker (in any comment syntax) is neither reported nor scrubbed.
pub const ALLOW_MARKER: &[u8] = b"netrc-guard: allow";

#[derive(Debug, Clone, Copy)]
pub struct ScanOptions {
    /// Report examples (demo pairs, placeholders, example hosts) besides credentials.
    pub include_examples: bool,
    /// Files larger than this (in a walked directory) are skipped, and said to be.
    pub max_filesize: u64,
}

/// A finding with its place in a file. Holds no part of the userinfo outside `credential`,
/// a [`Secret`] that never prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_column: usize,
    pub scheme: String,
    /// The netrc machine name, or the host as written when it has none.
    pub host: String,
    pub rule: ScanRule,
    pub secret_part: SecretPart,
    /// A credential or an example, and the signals that decided it (names, never values).
    pub class: Class,
    pub reasons: Vec<Reason>,
    /// The URI with its userinfo replaced by `***`.
    pub redacted: String,
    /// A hash of the text around the URI with every userinfo in it replaced by `***`
    /// (the whole line, for lines of ordinary length), for fingerprints.
    pub context_hash: u64,
    /// The commit that added the line (its short hash), for `scan --git`.
    pub commit: Option<String>,
    /// User and password, the material of a baseline fingerprint: never shown.
    pub credential: Secret,
}

/// Everything a scan saw.
#[derive(Debug, Default)]
pub struct ScanResult {
    pub findings: Vec<Located>,
    /// Unreadable files and walk errors, one message each (paths, never content).
    pub errors: Vec<String>,
    pub skipped_large: Vec<(String, u64)>,
    /// FIFOs, sockets and devices: never opened to be read, only named.
    pub skipped_special: Vec<(String, SpecialKind)>,
    pub skipped_binary: usize,
    pub files_scanned: usize,
}

/// The whole content of a regular file (`size` is a hint).
pub fn read_all(mut file: File, size: u64) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.read_to_end(&mut buf)?;
    Ok(buf)
}

/// What happened to one file.
enum FileOutcome {
    Scanned(Vec<Located>),
    Binary,
    Large(u64),
    Special(SpecialKind),
}

/// How a file came to be scanned: named on the command line (always read, whatever its
/// size, content or ignore rules) or found by walking a directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Named,
    Walked,
}

fn scan_file(
    path: &Path,
    shown: &str,
    opts: &ScanOptions,
    origin: Origin,
) -> std::io::Result<FileOutcome> {
    let (file, size) = match open_checked(path, std::fs::OpenOptions::new().read(true))? {
        Opened::Regular(file, size) => (file, size),
        Opened::Special(kind) => return Ok(FileOutcome::Special(kind)),
    };
    if origin == Origin::Walked && size > opts.max_filesize {
        return Ok(FileOutcome::Large(size));
    }
    let buf = read_all(file, size)?;
    let text = match decode::decode(&buf) {
        Ok(text) => text,
        // A named file is the user's to know about; a walked one is told as binary.
        Err(e) if origin == Origin::Named => return Err(undecodable(e)),
        Err(_) => return Ok(FileOutcome::Binary),
    };
    // As git does: a NUL byte in the first 8 KiB means binary (UTF-16 and UTF-32 are
    // decoded by now). A named file is read anyway: whoever named it wants it searched.
    if origin == Origin::Walked && memchr::memchr(0, &text[..text.len().min(8192)]).is_some() {
        return Ok(FileOutcome::Binary);
    }
    Ok(FileOutcome::Scanned(scan_buffer(shown, &text, opts)))
}

/// A file whose byte-order mark names an encoding its bytes are not in: not scanned.
fn undecodable(e: decode::Undecodable) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!(
            "not scanned: it starts with {} byte-order mark but is not valid {}",
            crate::text::words::with_article(e.0.name()),
            e.0.name()
        ),
    )
}

fn display_path(path: &Path) -> String {
    let s = path.display().to_string();
    match s.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => s,
    }
}

/// How directories are walked.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Read files that `.gitignore`, `.ignore` and git's excludes would skip.
    pub no_ignore: bool,
}

/// The name standard input is reported under (`scan -`).
pub const STDIN_NAME: &str = "<stdin>";

/// Scans the named paths: files are always read; directories are walked in parallel.
pub fn scan_paths(paths: &[PathBuf], opts: &ScanOptions) -> ScanResult {
    scan_paths_with(paths, opts, &WalkOptions::default(), &Progress::default())
}

/// Counters another thread may read while a scan runs (for a progress line).
#[derive(Debug, Default)]
pub struct Progress {
    pub files: AtomicUsize,
    pub findings: AtomicUsize,
}

/// [`scan_paths`], walking as `walk` says and counting files and findings into `progress`
/// as it goes; `-` reads standard input.
pub fn scan_paths_with(
    paths: &[PathBuf],
    opts: &ScanOptions,
    walk: &WalkOptions,
    progress: &Progress,
) -> ScanResult {
    let result = Mutex::new(ScanResult::default());
    // Git configs already read: worktrees of one repository share theirs.
    let git_configs = Mutex::new(HashSet::new());
    let record = |shown: String, outcome: std::io::Result<FileOutcome>| {
        if matches!(&outcome, Ok(FileOutcome::Special(_)) | Err(_)) {
            // Not read (or not readable), so not counted as scanned.
        } else {
            progress.files.fetch_add(1, Ordering::Relaxed);
        }
        if let Ok(FileOutcome::Scanned(found)) = &outcome {
            progress.findings.fetch_add(found.len(), Ordering::Relaxed);
        }
        // Files without findings take no lock.
        if matches!(&outcome, Ok(FileOutcome::Scanned(f)) if f.is_empty()) {
            return;
        }
        let mut r = result
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        r.add(shown, outcome);
    };
    let scan_one = |path: &Path, origin: Origin| {
        let shown = display_path(path);
        let outcome = scan_file(path, &shown, opts, origin);
        record(shown, outcome);
    };
    let scan_git_config = |dir: &Path| {
        if let Some(config) = git_config::config_for(dir) {
            let key = config.canonicalize().unwrap_or_else(|_| config.clone());
            let first = git_configs
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(key);
            if first {
                scan_one(&config, Origin::Walked);
            }
        }
    };
    for path in paths {
        if path.as_os_str() == "-" {
            record(STDIN_NAME.to_string(), scan_stdin(opts));
        } else if path.is_dir() {
            let checkouts = Arc::new(Mutex::new(Vec::new()));
            walker(path, walk, &checkouts).run(|| {
                Box::new(|entry| {
                    match entry {
                        Ok(e) => match e.file_type() {
                            Some(t) if t.is_file() => scan_one(e.path(), Origin::Walked),
                            // Directories are walked and links not followed.
                            Some(t) if t.is_dir() || t.is_symlink() => {}
                            Some(t) => {
                                let kind = SpecialKind::of(t).unwrap_or(SpecialKind::Other);
                                record(display_path(e.path()), Ok(FileOutcome::Special(kind)));
                            }
                            None => {}
                        },
                        Err(err) => {
                            let mut r = result
                                .lock()
                                .unwrap_or_else(std::sync::PoisonError::into_inner);
                            r.errors.push(err.to_string());
                        }
                    }
                    ignore::WalkState::Continue
                })
            });
            let mut checkouts = std::mem::take(
                &mut *checkouts
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner),
            );
            // The walk finds checkouts in any order; a config that worktrees share is reported
            // under the first checkout in path order, the same on every run.
            checkouts.sort();
            checkouts.iter().for_each(|dir| scan_git_config(dir));
        } else {
            // Named files (what pre-commit passes) are read whatever their size or ignore rules.
            scan_one(path, Origin::Named);
        }
    }
    let mut r = result
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // The caller's counters start at zero: they count this scan.
    r.files_scanned = progress.files.load(Ordering::Relaxed);
    r.findings
        .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    r.errors.sort();
    r.skipped_large.sort();
    r.skipped_special.sort();
    r
}

impl ScanResult {
    /// What one file's scan adds to the result.
    fn add(&mut self, shown: String, outcome: std::io::Result<FileOutcome>) {
        match outcome {
            Ok(FileOutcome::Scanned(found)) => self.findings.extend(found),
            Ok(FileOutcome::Binary) => self.skipped_binary += 1,
            Ok(FileOutcome::Large(size)) => self.skipped_large.push((shown, size)),
            Ok(FileOutcome::Special(kind)) => self.skipped_special.push((shown, kind)),
            Err(e) => self
                .errors
                .push(format!("{shown}: {}", crate::text::io_reason(&e))),
        }
    }
}

/// Standard input, read whole and scanned as `<stdin>`.
fn scan_stdin(opts: &ScanOptions) -> std::io::Result<FileOutcome> {
    let buf = read_stdin()?;
    let text = decode::decode(&buf).map_err(undecodable)?;
    Ok(FileOutcome::Scanned(scan_buffer(STDIN_NAME, &text, opts)))
}

/// A parallel walk of `root`: hidden files are read, `.git` is not (the directories that hold
/// one go to `checkouts`, whose config is read on its own), ignore files are honoured unless
/// `walk.no_ignore`.
fn walker(
    root: &Path,
    walk: &WalkOptions,
    checkouts: &Arc<Mutex<Vec<PathBuf>>>,
) -> ignore::WalkParallel {
    let mut builder = ignore::WalkBuilder::new(root);
    if walk.no_ignore {
        builder.standard_filters(false);
    }
    let checkouts = Arc::clone(checkouts);
    builder
        .hidden(false)
        .require_git(false)
        .filter_entry(move |e| {
            if e.file_name() != ".git" {
                return true;
            }
            if let Some(dir) = e.path().parent() {
                let mut seen = checkouts
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                seen.push(dir.to_path_buf());
            }
            false
        })
        .build_parallel()
}

/// All of standard input, as a named file: read whatever it holds.
fn read_stdin() -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    std::io::stdin().lock().read_to_end(&mut buf)?;
    Ok(buf)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The defaults, for tests of the scan's submodules too.
    pub(crate) const OPTS: ScanOptions = ScanOptions {
        include_examples: false,
        max_filesize: 1 << 20,
    };

    /// Examples reported too: for tests of what happens to findings, whatever their class.
    pub(crate) const ALL: ScanOptions = ScanOptions {
        include_examples: true,
        ..OPTS
    };

    #[test]
    fn positions_are_line_and_character_column() {
        let buf =
            "first\n  é https://u:Hunter2!x@h.example/x\nthird https://v:Kq7!xpw2@g.example\n";
        let found = scan_buffer("f", buf.as_bytes(), &OPTS);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[0].column), (2, 5));
        assert_eq!((found[1].line, found[1].column), (3, 7));
        assert_eq!(found[0].redacted, "https://***@h.example/x");
        assert!(!format!("{found:?}").contains("Hunter2"));
    }

    #[test]
    fn allow_marker_placeholders_and_loopback() {
        let buf = b"a https://u:p1@h.example # netrc-guard: allow\nb https://u:${T}@h.example\nc redis://:pw@localhost:6379\n";
        assert!(scan_buffer("f", buf, &OPTS).is_empty());
        let all = ScanOptions {
            include_examples: true,
            ..OPTS
        };
        let lines: Vec<_> = scan_buffer("f", buf, &all).iter().map(|f| f.line).collect();
        assert_eq!(lines, [2, 3]);
    }

    /// A minified file: one long line, many credentials. Each fingerprint reads a bounded
    /// stretch around its own finding, so it neither copies nor depends on the whole line.
    #[test]
    fn long_lines_fingerprint_a_bounded_context() {
        let uri = |i: usize| format!("\"https://u:Kq7!xpw{i}@h.example/{i}\",");
        let line = |far: &str| {
            let mut s = far.repeat(400);
            (0..1000).for_each(|i| s.push_str(&uri(i)));
            s + &far.repeat(400) + "\n"
        };
        let a = scan_buffer("f", line("a").as_bytes(), &OPTS);
        let b = scan_buffer("f", line("b").as_bytes(), &OPTS);
        assert_eq!(a.len(), 1000);
        // Far from the edges, the context is the same whatever the line's ends hold.
        assert_eq!(a[500].context_hash, b[500].context_hash);
        assert_ne!(a[0].context_hash, b[0].context_hash);
        // Neighbours differ (their paths), and no userinfo is hashed.
        assert_ne!(a[500].context_hash, a[501].context_hash);
        let other_pw = line("a").replace("pw500@", "zz500@");
        let c = scan_buffer("f", other_pw.as_bytes(), &OPTS);
        assert_eq!(a[500].context_hash, c[500].context_hash);
    }

    #[test]
    fn hosts_lose_their_port() {
        let found = scan_buffer("f", b"x postgres://u:Kq7!xpw1@DB.Example:5432/x\n", &OPTS);
        assert_eq!(found[0].host, "db.example");
    }
}
