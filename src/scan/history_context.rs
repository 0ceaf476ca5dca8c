//! `scan --git`'s whole-file rules: `netrc-file` and `kube-secret` judge a file as a whole
//! (an entry spans lines; a Secret's `data` key says nothing without its `kind: Secret`),
//! so a commit that changes only a netrc's `password` line, or adds one `data` key to a
//! committed Secret, shows them too little in its added lines. When the added lines may
//! belong to such a file, the file as the commit left it is read (`git cat-file`) and the
//! findings of those two rules on the added lines are kept.

use std::collections::HashSet;
use std::process::{Command, Stdio};

use super::netrc_file::is_netrc_name;
use super::{Located, ScanOptions, scan_buffer};

/// A line that reads as a netrc's: it starts with a netrc keyword and a value, not an
/// assignment or a call (`password = ...`, `login(...)`), so code seldom costs a read.
fn netrc_line(line: &[u8]) -> bool {
    let line = line.trim_ascii_start();
    ["machine", "login", "password", "default", "account"]
        .iter()
        .any(|k| {
            line.strip_prefix(k.as_bytes()).is_some_and(|rest| {
                let value = rest.trim_ascii_start();
                rest.first().is_some_and(u8::is_ascii_whitespace)
                    && value.first().is_some_and(|b| !b"=:(".contains(b))
            }) || (*k == "default" && line == b"default")
        })
}

/// Whether the added text may be part of a netrc or a Secret whose context it lacks: a
/// netrc-named file; a line that reads as a netrc's; a YAML or JSON file with a long base64 run.
fn may_need_context(path: &str, added: &[u8]) -> bool {
    if is_netrc_name(path) {
        return true;
    }
    if added.split(|&b| b == b'\n').any(netrc_line) {
        return true;
    }
    let lower = path.to_ascii_lowercase();
    let manifest = [".yaml", ".yml", ".json", ".tpl"]
        .iter()
        .any(|e| lower.ends_with(e));
    manifest
        && added
            .split(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')))
            .any(|run| run.len() >= 24)
}

/// The `netrc-file` and `kube-secret` findings on the added lines (`numbers`, 1-based in
/// the new file) of `path` as `commit` left it.
pub(super) fn whole_file(
    commit: &str,
    path: &str,
    added: &[u8],
    numbers: &[usize],
    opts: &ScanOptions,
) -> Vec<Located> {
    if !may_need_context(path, added) {
        return Vec::new();
    }
    let Ok(out) = Command::new("git")
        .args(["cat-file", "blob", &format!("{commit}:{path}")])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
    else {
        return Vec::new();
    };
    let limit = usize::try_from(opts.max_filesize).unwrap_or(usize::MAX);
    if !out.status.success() || out.stdout.len() > limit {
        return Vec::new();
    }
    let lines: HashSet<usize> = numbers.iter().copied().collect();
    scan_buffer(path, &out.stdout, opts)
        .into_iter()
        .filter(|f| f.rule.judges_whole_file() && lines.contains(&f.line))
        .collect()
}

#[cfg(test)]
mod tests {
    /// Lines that read as a netrc's make `scan --git` read the whole file; code does not.
    #[test]
    fn netrc_lines_and_code_lines() {
        for line in [
            "  password Kq7!xpw2Zt",
            "machine h login u",
            "\tlogin ci",
            "default",
        ] {
            assert!(super::netrc_line(line.as_bytes()), "{line}");
        }
        for line in [
            "password = os.environ['PW']",
            "login(user)",
            "passwords are hashed",
            "",
        ] {
            assert!(!super::netrc_line(line.as_bytes()), "{line}");
        }
    }
}
