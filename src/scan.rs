//! `scan`: find credentials in URIs across files and directory trees.
//!
//! Directories are walked in parallel by the `ignore` crate (honouring `.gitignore` and
//! `.ignore`); each file is read whole and searched once with the `://` prefilter, so memory
//! is bounded by the largest file and no line is allocated.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::uri::{self, SecretPart};

/// A line carrying this marker (in any comment syntax) is not reported.
pub const ALLOW_MARKER: &[u8] = b"netrc-guard: allow";

#[derive(Debug, Clone, Copy)]
pub struct ScanOptions {
    pub include_placeholders: bool,
    pub include_local: bool,
    /// Files larger than this (in a walked directory) are skipped, and said to be.
    pub max_filesize: u64,
}

/// A finding with its place in a file. Holds no part of the userinfo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_column: usize,
    pub scheme: String,
    pub host: String,
    pub rule: &'static str,
    pub secret_part: SecretPart,
    /// The URI with its userinfo replaced by `***`.
    pub redacted: String,
    /// The line with every userinfo replaced by `***`, for fingerprints.
    pub redacted_line: String,
}

/// Findings in one buffer, after the allow marker and the placeholder and loopback filters.
pub fn scan_buffer(path: &str, buf: &[u8], opts: &ScanOptions) -> Vec<Located> {
    let found = uri::find_credentials(buf);
    let mut out = Vec::new();
    let mut line = 1;
    let mut counted_to = 0;
    for f in &found {
        if (f.placeholder && !opts.include_placeholders) || (f.local && !opts.include_local) {
            continue;
        }
        line += memchr::memchr_iter(b'\n', &buf[counted_to..f.start]).count();
        counted_to = f.start;
        let line_start = memchr::memrchr(b'\n', &buf[..f.start]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &buf[f.start..]).map_or(buf.len(), |i| f.start + i);
        let line_bytes = &buf[line_start..line_end];
        if memchr::memmem::find(line_bytes, ALLOW_MARKER).is_some() {
            continue;
        }
        let column = char_count(&buf[line_start..f.start]) + 1;
        let end_column = column + char_count(&buf[f.start..f.end]);
        out.push(Located {
            path: path.to_string(),
            line,
            column,
            end_column,
            scheme: f.scheme.to_ascii_lowercase(),
            host: host_without_port(&f.host),
            rule: f.rule(),
            secret_part: f.secret_part,
            redacted: f.redacted(buf),
            redacted_line: redact_line(line_bytes, line_start, &found),
        });
    }
    out
}

fn char_count(bytes: &[u8]) -> usize {
    // UTF-8 continuation bytes do not start a character.
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

fn host_without_port(host: &str) -> String {
    crate::netrc::host::canonical_host(strip_port(host)).unwrap_or_else(|| host.to_string())
}

/// `host:port` to `host`; `[v6]:port` to `[v6]`.
pub fn strip_port(host: &str) -> &str {
    match host.rfind(':') {
        Some(i)
            if host[i + 1..].bytes().all(|b| b.is_ascii_digit()) && !host[..i].ends_with(':') =>
        {
            &host[..i]
        }
        _ => host,
    }
}

/// `found` is in order, so only the findings from the line's start on are looked at.
fn redact_line(line: &[u8], line_start: usize, found: &[uri::Finding]) -> String {
    let mut out = Vec::with_capacity(line.len());
    let mut last = 0;
    let first = found.partition_point(|f| f.removal.start < line_start);
    for f in &found[first..] {
        let (s, e) = (f.removal.start, f.removal.end);
        if e > line_start + line.len() {
            break;
        }
        out.extend_from_slice(&line[last..s - line_start]);
        out.extend_from_slice(b"***@");
        last = e - line_start;
    }
    out.extend_from_slice(&line[last..]);
    String::from_utf8_lossy(&out).into_owned()
}

/// Everything a scan saw.
#[derive(Debug, Default)]
pub struct ScanResult {
    pub findings: Vec<Located>,
    /// Unreadable files and walk errors, one message each (paths, never content).
    pub errors: Vec<String>,
    pub skipped_large: Vec<(String, u64)>,
    pub skipped_binary: usize,
    pub files_scanned: usize,
}

/// What happened to one file.
enum FileOutcome {
    Scanned(Vec<Located>),
    Binary,
    Large(u64),
}

fn scan_file(
    path: &Path,
    shown: &str,
    opts: &ScanOptions,
    size_limit: bool,
) -> std::io::Result<FileOutcome> {
    if size_limit {
        let size = std::fs::metadata(path)?.len();
        if size > opts.max_filesize {
            return Ok(FileOutcome::Large(size));
        }
    }
    let buf = std::fs::read(path)?;
    // As git does: a NUL byte in the first 8 KiB means binary.
    if memchr::memchr(0, &buf[..buf.len().min(8192)]).is_some() {
        return Ok(FileOutcome::Binary);
    }
    Ok(FileOutcome::Scanned(scan_buffer(shown, &buf, opts)))
}

fn display_path(path: &Path) -> String {
    let s = path.display().to_string();
    match s.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => s,
    }
}

/// Scans the named paths: files are always read; directories are walked in parallel.
pub fn scan_paths(paths: &[PathBuf], opts: &ScanOptions) -> ScanResult {
    let result = Mutex::new(ScanResult::default());
    let scanned = AtomicUsize::new(0);
    // Files without findings take no lock.
    let scan_one = |path: &Path, size_limit: bool| {
        let shown = display_path(path);
        let outcome = scan_file(path, &shown, opts, size_limit);
        scanned.fetch_add(1, Ordering::Relaxed);
        if matches!(&outcome, Ok(FileOutcome::Scanned(f)) if f.is_empty()) {
            return;
        }
        let mut r = result.lock().unwrap_or_else(|e| e.into_inner());
        match outcome {
            Ok(FileOutcome::Scanned(found)) => r.findings.extend(found),
            Ok(FileOutcome::Binary) => r.skipped_binary += 1,
            Ok(FileOutcome::Large(size)) => r.skipped_large.push((shown, size)),
            Err(e) => r.errors.push(format!("{shown}: {e}")),
        }
    };
    for path in paths {
        if path.is_dir() {
            let walker = ignore::WalkBuilder::new(path)
                .hidden(false)
                .require_git(false)
                .filter_entry(|e| e.file_name() != ".git")
                .build_parallel();
            walker.run(|| {
                Box::new(|entry| {
                    match entry {
                        Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                            scan_one(e.path(), true)
                        }
                        Ok(_) => {}
                        Err(err) => {
                            let mut r = result.lock().unwrap_or_else(|e| e.into_inner());
                            r.errors.push(err.to_string());
                        }
                    }
                    ignore::WalkState::Continue
                })
            });
        } else {
            // Named files (what pre-commit passes) are read whatever their size or ignore rules.
            scan_one(path, false);
        }
    }
    let mut r = result.into_inner().unwrap_or_else(|e| e.into_inner());
    r.files_scanned = scanned.into_inner();
    r.findings
        .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    r.errors.sort();
    r.skipped_large.sort();
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTS: ScanOptions = ScanOptions {
        include_placeholders: false,
        include_local: false,
        max_filesize: 1 << 20,
    };

    #[test]
    fn positions_are_line_and_character_column() {
        let buf = "first\n  é https://u:hunter2@h.example/x\nthird https://v:pw2@g.example\n";
        let found = scan_buffer("f", buf.as_bytes(), &OPTS);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[0].column), (2, 5));
        assert_eq!((found[1].line, found[1].column), (3, 7));
        assert_eq!(found[0].redacted, "https://***@h.example/x");
        assert_eq!(found[0].redacted_line, "  é https://***@h.example/x");
        assert!(!format!("{found:?}").contains("hunter2"));
    }

    #[test]
    fn allow_marker_placeholders_and_loopback() {
        let buf = b"a https://u:p1@h.example # netrc-guard: allow\nb https://u:${T}@h.example\nc redis://:pw@localhost:6379\n";
        assert!(scan_buffer("f", buf, &OPTS).is_empty());
        let all = ScanOptions {
            include_placeholders: true,
            include_local: true,
            ..OPTS
        };
        let lines: Vec<_> = scan_buffer("f", buf, &all).iter().map(|f| f.line).collect();
        assert_eq!(lines, [2, 3]);
    }

    #[test]
    fn hosts_lose_their_port() {
        assert_eq!(strip_port("h.example:8080"), "h.example");
        assert_eq!(strip_port("[::1]:80"), "[::1]");
        assert_eq!(strip_port("[::1]"), "[::1]");
        assert_eq!(host_without_port("DB.Example:5432"), "db.example");
    }
}
