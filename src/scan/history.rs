//! `scan --git`: credentials in the lines commits added, a token removed later included.
//!
//! Objects are read through `git` itself: `rev-list` names the commits, and one `diff-tree
//! --stdin -p -c --unified=0` per core turns a share of them into added lines, which are
//! scanned per file as `scan` scans a file. A merge's combined diff (`-c`) marks each line
//! against every parent: only the lines it adds to all of them are read (what it brings
//! from a parent was added, and reported, in that parent's commits). When git refuses the
//! repository or the range, its own words are shown (the cause, such as `safe.directory`),
//! URIs' userinfo removed; nothing else git writes to its standard error is.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::history_context::whole_file;
use super::{Located, ScanOptions, ScanResult, scan_buffer};

mod error;
pub use error::HistoryError;

type Result<T, E = HistoryError> = std::result::Result<T, E>;

/// How many hex digits of a commit's hash reports show.
const SHORT_HASH: usize = 12;

/// What to read: a revision range (`None`: every commit reachable from any ref) and
/// pathspecs limiting the files.
#[derive(Debug, Clone, Default)]
pub struct HistoryScope {
    pub range: Option<String>,
    pub pathspecs: Vec<PathBuf>,
}

fn git() -> Command {
    let mut c = Command::new("git");
    // Paths as bytes (no octal quoting of non-ASCII), whatever the user's configuration.
    c.args(["-c", "core.quotePath=false"]);
    c
}

/// What git said on standard error when it refused (often the cause: `safe.directory`,
/// an unknown revision), a few lines of it, with the range given named, not quoted (it may
/// hold a token), the token-shaped parts of the paths given likewise, the userinfo of any
/// URI removed, and control characters shown as `?`. It quotes no line of a file, but a
/// remote's URL may carry a credential.
fn gits_own_words(stderr: &[u8], range: Option<&str>, paths: &[PathBuf]) -> String {
    let mut text = String::from_utf8_lossy(stderr).into_owned();
    if let Some(range) = range.filter(|r| !r.is_empty()) {
        text = text.replace(range, "<the range given>");
    }
    for path in paths.iter().map(|p| p.to_string_lossy()) {
        let pieces = path.split(|c: char| !(c.is_ascii_alphanumeric() || "_-.~+=".contains(c)));
        for token in pieces.filter(|p| crate::uri::looks_like_token(p)) {
            text = text.replace(token, "<a path given>");
        }
    }
    let text = crate::uri::strip_credentials(&text);
    let lines: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(6)
        .map(|l| {
            let shown: String = l
                .chars()
                .map(|c| match c {
                    '\t' => ' ',
                    c if c.is_control() => '?',
                    c => c,
                })
                .collect();
            format!("  git: {shown}")
        })
        .collect();
    if lines.is_empty() {
        "  git: (said nothing)".into()
    } else {
        lines.join("\n")
    }
}

/// The commits to read, newest first, as full hashes.
fn commits(scope: &HistoryScope) -> Result<Vec<String>> {
    let inside = git()
        .args(["rev-parse", "--git-dir"])
        .stdout(Stdio::null())
        .output();
    match inside {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            return Err(HistoryError::NotARepository {
                git_said: gits_own_words(&out.stderr, None, &[]),
            });
        }
        Err(source) => {
            return Err(HistoryError::CannotRun {
                program: "git",
                source,
            });
        }
    }
    let mut c = git();
    c.args(["rev-list"]);
    match scope.range.as_deref() {
        None | Some("") => {
            c.arg("--all");
        }
        // An option in disguise (`--output=...`) is refused, not passed on.
        Some(range) if range.starts_with('-') => {
            return Err(HistoryError::RangeStartsWithDash);
        }
        Some(range) => {
            c.args(["--end-of-options", range]);
        }
    }
    c.arg("--").args(&scope.pathspecs);
    let out = c.output().map_err(HistoryError::Io)?;
    if !out.status.success() {
        return Err(HistoryError::RangeRefused {
            git_said: gits_own_words(&out.stderr, scope.range.as_deref(), &scope.pathspecs),
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect())
}

/// Scans the lines the commits in `scope` added. `files_scanned` counts commits read.
pub fn scan_history(scope: &HistoryScope, opts: &ScanOptions) -> Result<ScanResult> {
    let commits = commits(scope)?;
    let order: HashMap<&str, usize> = commits
        .iter()
        .enumerate()
        .map(|(i, c)| (&c[..c.len().min(SHORT_HASH)], i))
        .collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(commits.len())
        .max(1);
    let shares: Vec<Vec<&str>> = (0..workers)
        .map(|w| {
            commits
                .iter()
                .skip(w)
                .step_by(workers)
                .map(String::as_str)
                .collect()
        })
        .collect();
    let results: Vec<Result<FileSet>> = std::thread::scope(|s| {
        let handles: Vec<_> = shares
            .iter()
            .map(|share| s.spawn(|| diff_share(share, scope, opts)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Err(HistoryError::ReaderFailed)))
            .collect()
    });
    let mut result = ScanResult {
        files_scanned: commits.len(),
        ..ScanResult::default()
    };
    for r in results {
        let set = r?;
        result.findings.extend(set.findings);
        result.skipped_large.extend(set.large);
        result.skipped_binary += set.binary;
    }
    let rank = |f: &Located| order.get(f.commit.as_deref().unwrap_or("")).copied();
    result.findings.sort_by(|a, b| {
        (rank(a), &a.path, a.line, a.column).cmp(&(rank(b), &b.path, b.line, b.column))
    });
    // One place may hold several findings (a Secret's netrc entries): same rule and host too.
    result.findings.dedup_by(|a, b| {
        (&a.commit, &a.path, a.line, a.column, a.rule, &a.host)
            == (&b.commit, &b.path, b.line, b.column, b.rule, &b.host)
    });
    result.skipped_large.sort();
    Ok(result)
}

/// What one reader found.
#[derive(Default)]
struct FileSet {
    findings: Vec<Located>,
    large: Vec<(String, u64)>,
    binary: usize,
}

/// Runs one `git diff-tree --stdin` over `share` and scans what it prints.
fn diff_share(share: &[&str], scope: &HistoryScope, opts: &ScanOptions) -> Result<FileSet> {
    let mut child = git()
        .args([
            "diff-tree",
            "--stdin",
            "-p",
            "-r",
            "--root",
            // Merges as combined diffs: a line each parent lacks is the merge's own.
            "-c",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            // Every file as text, whatever `.gitattributes` says (`*.env -diff` would hide
            // it); binary files are told by their bytes below, as a walk tells them.
            "--text",
            "--no-renames",
            "--unified=0",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            "--",
        ])
        .args(&scope.pathspecs)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|source| HistoryError::CannotRun {
            program: "git diff-tree",
            source,
        })?;
    let mut stdin = child.stdin.take().expect("piped");
    let stdout = child.stdout.take().expect("piped");
    let parsed = std::thread::scope(|s| {
        // Fed from its own thread: git's output pipe may fill before its input is read.
        s.spawn(move || {
            for c in share {
                if writeln!(stdin, "{c}").is_err() {
                    break;
                }
            }
        });
        let mut reader = Reader::new(opts);
        let mut input = BufReader::with_capacity(1 << 20, stdout);
        let mut line = Vec::new();
        loop {
            line.clear();
            match input.read_until(b'\n', &mut line) {
                Ok(0) => break Ok(reader.finish()),
                Ok(_) => reader.line(line.strip_suffix(b"\n").unwrap_or(&line)),
                Err(e) => {
                    // Stop git: left writing to a pipe no one reads, it would block, and
                    // the feeder above with it, and the scope would never end.
                    let _ = child.kill();
                    break Err(HistoryError::CannotReadOutput { source: e });
                }
            }
        }
    });
    let status = child.wait().map_err(HistoryError::Io)?;
    if !status.success() {
        return Err(HistoryError::DiffTreeFailed { status });
    }
    parsed
}

/// The state of reading `diff-tree -p --unified=0` output line by line.
struct Reader<'o> {
    opts: &'o ScanOptions,
    commit: String,
    /// The whole hash, for reading a file as the commit left it.
    full: String,
    /// The file being read (`None` before its `+++` line, or when it was deleted).
    path: Option<String>,
    /// The added lines of the current file, and the line number of each in the new file.
    added: Vec<u8>,
    numbers: Vec<usize>,
    /// Bytes added past `--max-filesize` (then nothing more is kept of the file).
    over_limit: usize,
    /// A NUL byte among the first 8 KiB added: a binary file, not read.
    binary: bool,
    /// The parents a combined diff's hunk compares with (0: a plain diff).
    parents: usize,
    /// Lines of the current hunk still to come: removed, added; the next added line's number.
    old_left: usize,
    new_left: usize,
    next_line: usize,
    out: FileSet,
}

impl<'o> Reader<'o> {
    fn new(opts: &'o ScanOptions) -> Reader<'o> {
        Reader {
            opts,
            commit: String::new(),
            full: String::new(),
            path: None,
            added: Vec::new(),
            numbers: Vec::new(),
            over_limit: 0,
            binary: false,
            parents: 0,
            old_left: 0,
            new_left: 0,
            next_line: 0,
            out: FileSet::default(),
        }
    }

    fn line(&mut self, l: &[u8]) {
        if self.parents > 0 && matches!(l.first(), Some(b' ' | b'+' | b'-')) {
            return self.combined_line(l);
        }
        if self.old_left + self.new_left > 0 {
            return self.hunk_line(l);
        }
        if matches!(l.len(), 40 | 64) && l.iter().all(u8::is_ascii_hexdigit) {
            self.flush();
            self.full = String::from_utf8_lossy(l).into_owned();
            self.commit = self.full[..SHORT_HASH].to_string();
        } else if l.starts_with(b"diff --git ") || l.starts_with(b"diff --combined ") {
            self.flush();
            self.path = None;
        } else if let Some(p) = l.strip_prefix(b"+++ ") {
            self.path = new_path(p);
        } else if l.starts_with(b"@@") {
            self.hunk_header(l);
        }
    }

    fn hunk_line(&mut self, l: &[u8]) {
        match l.first() {
            Some(b'+') if self.new_left > 0 => {
                self.new_left -= 1;
                self.add(&l[1..]);
            }
            Some(b'-') if self.old_left > 0 => self.old_left -= 1,
            // `\ No newline at end of file`, or output we do not understand: skip.
            _ => {}
        }
    }

    /// A line of a combined diff's hunk: one mark per parent, then the text. A `-` marks a
    /// line of a parent only; a line without one is in the merge, and added by it when
    /// every mark is `+`. The hunk ends at the next line without marks.
    fn combined_line(&mut self, l: &[u8]) {
        let (marks, text) = l.split_at(self.parents.min(l.len()));
        if marks.contains(&b'-') {
            return;
        }
        if marks.iter().all(|&m| m == b'+') {
            self.add(text);
        } else {
            self.next_line += 1;
        }
    }

    /// The added line `text` (its mark removed), numbered `next_line`.
    fn add(&mut self, text: &[u8]) {
        let limit = usize::try_from(self.opts.max_filesize).unwrap_or(usize::MAX);
        if !self.binary && self.added.len() < BINARY_PROBE {
            let probe = &text[..text.len().min(BINARY_PROBE - self.added.len())];
            self.binary = memchr::memchr(0, probe).is_some();
        }
        if self.binary {
            self.added.clear();
            self.numbers.clear();
        } else if self.over_limit > 0 || self.added.len() + text.len() + 1 > limit {
            self.over_limit += text.len() + 1;
        } else {
            self.added.extend_from_slice(text);
            self.added.push(b'\n');
            self.numbers.push(self.next_line);
        }
        self.next_line += 1;
    }

    /// `@@ -a[,b] +c[,d] @@`: b lines removed, d added from line c on. A combined diff's
    /// `@@@ -a,b -c,d +e,f @@@` has one `-` range per parent.
    fn hunk_header(&mut self, l: &[u8]) {
        let text = String::from_utf8_lossy(l);
        let ats = text.bytes().take_while(|&b| b == b'@').count();
        if ats > 2 {
            let plus = text.split(' ').find_map(|f| f.strip_prefix('+'));
            if let Some(start) = plus.and_then(|f| f.split(',').next()?.parse().ok()) {
                self.parents = ats - 1;
                self.next_line = start;
            }
            return;
        }
        let mut fields = text.split(' ').skip(1);
        let count = |field: Option<&str>, sign: char| -> Option<(usize, usize)> {
            let f = field?.strip_prefix(sign)?;
            Some(match f.split_once(',') {
                Some((start, n)) => (start.parse().ok()?, n.parse().ok()?),
                None => (f.parse().ok()?, 1),
            })
        };
        if let (Some((_, old)), Some((start, new))) =
            (count(fields.next(), '-'), count(fields.next(), '+'))
        {
            self.old_left = old;
            self.new_left = new;
            self.next_line = start;
        }
    }

    /// Scans the current file's added lines.
    fn flush(&mut self) {
        if let Some(path) = &self.path {
            if self.binary {
                self.out.binary += 1;
            } else if self.over_limit > 0 {
                let shown = format!("{}:{path}", self.commit);
                let size = self.added.len() + self.over_limit;
                self.out.large.push((shown, size as u64));
            } else {
                // scan_buffer's prefilter skips text no rule can match.
                let mut found = scan_buffer(path, &self.added, self.opts);
                for f in &mut found {
                    f.line = self.numbers[f.line - 1];
                }
                let (full, added, numbers) = (&self.full, &self.added, &self.numbers);
                found.extend(whole_file(full, path, added, numbers, self.opts));
                for mut f in found {
                    f.commit = Some(self.commit.clone());
                    self.out.findings.push(f);
                }
            }
        }
        self.added.clear();
        self.numbers.clear();
        self.over_limit = 0;
        self.binary = false;
        self.parents = 0;
        self.old_left = 0;
        self.new_left = 0;
    }

    fn finish(mut self) -> FileSet {
        self.flush();
        self.out
    }
}

/// How much of a file's start is looked at for a NUL byte, as `scan` and git do.
const BINARY_PROBE: usize = 8192;

/// The path of `+++ b/PATH`, unquoted; `None` for `/dev/null` (a deleted file).
fn new_path(p: &[u8]) -> Option<String> {
    // Git ends a path holding a space with a tab, for patch(1), quoted or not.
    let p = p.strip_suffix(b"\t").unwrap_or(p);
    let unquoted = if p.first() == Some(&b'"') {
        unquote(p)?
    } else {
        p.to_vec()
    };
    let path = unquoted.strip_prefix(b"b/")?;
    Some(String::from_utf8_lossy(path).into_owned())
}

/// Git's C-style quoting of a path: `"b/a\tb\"c\303\251"`.
fn unquote(p: &[u8]) -> Option<Vec<u8>> {
    let inner = p.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    let mut out = Vec::with_capacity(inner.len());
    let mut i = 0;
    while i < inner.len() {
        let b = inner[i];
        i += 1;
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let e = *inner.get(i)?;
        i += 1;
        out.push(match e {
            b'a' => 7,
            b'b' => 8,
            b't' => b'\t',
            b'n' => b'\n',
            b'v' => 11,
            b'f' => 12,
            b'r' => b'\r',
            b'0'..=b'3' => {
                let digits = inner.get(i - 1..i + 2)?;
                i += 2;
                u8::from_str_radix(std::str::from_utf8(digits).ok()?, 8).ok()?
            }
            other => other,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tests::ALL as OPTS;

    fn read(output: &str) -> Vec<Located> {
        let mut r = Reader::new(&OPTS);
        output.lines().for_each(|l| r.line(l.as_bytes()));
        r.finish().findings
    }

    #[test]
    fn added_lines_keep_their_numbers_in_the_new_file() {
        let sha = "0123456789abcdef0123456789abcdef01234567";
        let out = format!(
            "{sha}\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -3 +3,2 @@\n-old https://u:p0@h.example\n+++ https://u:pw1@h.example\n+x https://u:pw2@h.example\n@@ -9,0 +10 @@\n+y https://u:pw3@h.example\n\\ No newline at end of file\ndiff --git a/gone b/gone\n--- a/gone\n+++ /dev/null\n@@ -1 +0,0 @@\n-https://u:p4@h.example\n"
        );
        let found = read(&out);
        let at: Vec<_> = found.iter().map(|f| (f.path.as_str(), f.line)).collect();
        assert_eq!(at, [("x", 3), ("x", 4), ("x", 10)]);
        assert!(
            found
                .iter()
                .all(|f| f.commit.as_deref() == Some("0123456789ab"))
        );
    }

    /// A merge's combined diff: only the lines every parent lacks (`++`) are the merge's;
    /// a line from one parent (` +`, `+ `) counts for the numbering only.
    #[test]
    fn merge_commits_add_the_lines_no_parent_has() {
        let sha = "0123456789abcdef0123456789abcdef01234567";
        let out = format!(
            "{sha}\ndiff --combined f\nindex 1,2..3\n--- a/f\n+++ b/f\n@@@ -1,1 -1,0 +1,1 @@@\n +top https://u:pw0@h.example\n@@@ -4,0 -3,0 +4,2 @@@\n++EVIL https://u:pw1@h.example\n+ side https://u:pw2@h.example\n++more https://u:pw3@h.example\n- -gone https://u:pw4@h.example\ndiff --combined g\n--- /dev/null\n+++ b/g\n@@@ -1,0 -1,0 +1,1 @@@\n++new https://v:pw5@g.example\n"
        );
        let found = read(&out);
        let at: Vec<_> = found.iter().map(|f| (f.path.as_str(), f.line)).collect();
        assert_eq!(at, [("f", 4), ("f", 6), ("g", 1)]);
    }

    /// Past `--max-filesize`, a file's added lines are skipped, and said to be, whole.
    #[test]
    fn files_adding_more_than_the_limit_are_skipped_with_their_size() {
        let opts = ScanOptions {
            max_filesize: 64,
            ..OPTS
        };
        let mut r = Reader::new(&opts);
        let sha = "0123456789abcdef0123456789abcdef01234567";
        for l in [sha, "+++ b/big", "@@ -0,0 +1,3 @@"] {
            r.line(l.as_bytes());
        }
        for _ in 0..3 {
            r.line(format!("+{}https://u:pw@h.example", "x".repeat(20)).as_bytes());
        }
        let set = r.finish();
        assert!(set.findings.is_empty());
        assert_eq!(set.large, [("0123456789ab:big".to_string(), 3 * 43)]);
    }

    #[test]
    fn quoted_paths_are_unquoted() {
        assert_eq!(
            new_path(br#""b/a\tb\"c\303\251""#).as_deref(),
            Some("a\tb\"c\u{e9}")
        );
        assert_eq!(new_path(b"/dev/null"), None);
        assert_eq!(new_path(b"b/plain name\t").as_deref(), Some("plain name"));
        // Bug class: a quoted path holding a space ends with a tab after its quote.
        assert_eq!(
            new_path(b"\"b/we ird 'n\\\"ame.txt\"\t").as_deref(),
            Some("we ird 'n\"ame.txt")
        );
    }
}
