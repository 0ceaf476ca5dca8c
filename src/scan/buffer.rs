//! One buffer's findings: every rule over the text, after one prefilter pass, each finding
//! placed by line and character column in the text as written.

use std::ops::Range;

use super::lines::{LineCursor, char_count};
use super::{
    Located, ScanOptions, baseline, json_escape, kube_secret, netrc_file, prefilter, tokens,
};
use crate::secret::Secret;
use crate::text::fnv::Fnv;
use crate::uri::classify::Verdict;
use crate::uri::{self, Class, ScanRule, SecretPart};

/// A finding of a rule other than the URI rule, before it is placed: where its secret
/// stands in the buffer, and what it is.
pub(super) struct Raw {
    pub start: usize,
    pub end: usize,
    pub rule: ScanRule,
    pub scheme: String,
    pub host: String,
    pub secret_part: SecretPart,
    pub verdict: Verdict,
    /// What a report shows in place of the secret.
    pub redacted: String,
    /// The material of a baseline fingerprint: never shown.
    pub credential: Secret,
}

/// Findings in one buffer (UTF-8 text, or bytes read as they are), after the allow
/// marker; examples only when asked for. `path` also names the file to the netrc rule.
pub fn scan_buffer(path: &str, buf: &[u8], opts: &ScanOptions) -> Vec<Located> {
    let hits = prefilter::hits(buf);
    let mut cursor = LineCursor::new(buf);
    let mut out = Vec::new();
    // A separator written with JSON escapes (`https:\u002f\u002f`) is read as scrub reads
    // the string: decoded.
    let unescaped = hits
        .json_escape
        .then(|| json_escape::unescape(buf))
        .filter(|u| !u.is_empty());
    let (text, map) = match &unescaped {
        Some(u) => (u.text.as_slice(), Some(u)),
        None => (buf, None),
    };
    let to_buf = |at: usize| map.map_or(at, |u| u.original(at));
    let covered = uri_findings(path, buf, text, &to_buf, &mut cursor, opts, &mut out);
    if !hits.any() {
        return out;
    }
    let mut raws = netrc_file::find(path, buf, hits.netrc_keyword);
    // A netrc's values are its entries: a token login is reported as its entry.
    if raws.is_empty() {
        raws.extend(tokens::find(buf, &hits.tokens, &covered));
    }
    if hits.secret_kind {
        raws.extend(kube_secret::find(buf));
    }
    raws.sort_by_key(|r| r.start);
    for r in raws {
        if r.verdict.class == Class::Example && !opts.include_examples || cursor.allowed(r.start) {
            continue;
        }
        let p = cursor.position(r.start);
        let context_hash = raw_context_hash(buf, &(r.start..r.end));
        out.push(Located {
            path: path.to_string(),
            line: p.line,
            column: p.column,
            end_column: p.column + char_count(&buf[r.start..r.end]),
            scheme: r.scheme,
            host: r.host,
            rule: r.rule,
            secret_part: r.secret_part,
            class: r.verdict.class,
            reasons: r.verdict.reasons,
            redacted: r.redacted,
            context_hash,
            commit: None,
            credential: r.credential,
        });
    }
    out.sort_by_key(|f| (f.line, f.column));
    out
}

/// The URI rule over `text` (the buffer, or its JSON-unescaped copy whose offsets
/// `to_buf` maps back), into `out`; returns the userinfo ranges it saw, in the buffer.
fn uri_findings(
    path: &str,
    buf: &[u8],
    text: &[u8],
    to_buf: &dyn Fn(usize) -> usize,
    cursor: &mut LineCursor,
    opts: &ScanOptions,
    out: &mut Vec<Located>,
) -> Vec<Range<usize>> {
    let found = uri::find_credentials(text);
    for (i, f) in found.iter().enumerate() {
        let (start, end) = (to_buf(f.start), to_buf(f.end));
        // A multi-host authority (`h1,h2`) is judged and reported per host.
        for (host, verdict) in f.judged_hosts() {
            if verdict.class == Class::Example && !opts.include_examples || cursor.allowed(start) {
                continue;
            }
            let p = cursor.position(start);
            out.push(Located {
                path: path.to_string(),
                line: p.line,
                column: p.column,
                // Findings do not overlap, so these counts add up to the buffer at most.
                end_column: p.column + char_count(&buf[start..end]),
                scheme: f.scheme.to_ascii_lowercase(),
                host,
                rule: f.rule(),
                secret_part: f.secret_part,
                class: verdict.class,
                reasons: verdict.reasons.clone(),
                redacted: f.redacted(text),
                context_hash: context_hash(text, &found, i),
                commit: None,
                credential: baseline::credential(&f.user, f.password.as_ref()),
            });
        }
    }
    found
        .iter()
        .map(|f| to_buf(f.removal.start)..to_buf(f.removal.end))
        .collect()
}

/// How far the fingerprint's context reaches on each side of a finding, in bytes.
const CONTEXT: usize = 256;

/// FNV-1a over the finding's line (at most [`CONTEXT`] bytes either side of its userinfo),
/// every userinfo in that stretch counted as `***@` and whitespace left out, so that
/// re-indentation keeps the fingerprint. Nothing is copied.
fn context_hash(buf: &[u8], found: &[uri::Finding], index: usize) -> u64 {
    let f = &found[index];
    let from = line_start(buf, f.start);
    let limit = buf.len().min(f.removal.end + CONTEXT);
    let to = memchr::memchr(b'\n', &buf[f.removal.end..limit]).map_or(limit, |i| f.removal.end + i);
    let mut h = Fnv::default();
    let mut feed = |bytes: &[u8]| h.feed_non_blank(bytes);
    let mut last = from;
    let first = found.partition_point(|g| g.removal.end <= from);
    for g in found[first..].iter().take_while(|g| g.removal.start < to) {
        feed(&buf[last..g.removal.start.max(last)]);
        feed(b"***@");
        last = g.removal.end.min(to);
    }
    feed(&buf[last..to]);
    h.finish()
}

/// Where the fingerprint's context of a finding at `at` starts: its line's start, at most
/// [`CONTEXT`] bytes back.
fn line_start(buf: &[u8], at: usize) -> usize {
    let from = at.saturating_sub(CONTEXT);
    memchr::memrchr(b'\n', &buf[from..at]).map_or(from, |i| from + i + 1)
}

/// The context hash of a finding other than a URI: its line (bounded as a URI's), the
/// secret counted as `***`.
fn raw_context_hash(buf: &[u8], secret: &Range<usize>) -> u64 {
    let from = line_start(buf, secret.start);
    let limit = buf.len().min(secret.end + CONTEXT);
    let to = memchr::memchr(b'\n', &buf[secret.end..limit]).map_or(limit, |i| secret.end + i);
    let mut h = Fnv::default();
    h.feed_non_blank(&buf[from..secret.start]);
    h.feed_non_blank(b"***");
    h.feed_non_blank(&buf[secret.end..to]);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tests::ALL;
    use proptest::prelude::*;

    /// Pieces of every rule's literals and of the syntax around them, so that random text
    /// reaches every rule and its edge cases.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "https://",
            "u:pw@",
            "h.example",
            "\\u002f",
            "\\u003a",
            "\\\\",
            ":\\/\\/",
            "ghp_",
            "Zq8vN2kX4mT7pR1sW9yB3cF6hJ0dL5gA8eUi",
            "npm_",
            "hf_",
            "pypi-AgE",
            "glpat-",
            "machine ",
            "default ",
            "login ",
            "password ",
            "macdef m\n",
            "kind: Secret\n",
            "data:\n  k: ",
            "aGVsbG8=",
            "stringData: {",
            "}",
            "\"",
            "'",
            "\n",
            " ",
            "é",
            "\0",
            "\u{feff}",
            "---\n",
            "# netrc-guard: allow",
            "@",
            ":",
            "%",
            "{{",
            "[",
        ])
    }

    proptest! {
        /// No input makes a rule panic, and every finding stands inside the text: its line
        /// exists and its columns are in order.
        #[test]
        fn any_mix_of_the_rules_literals_scans(pieces in prop::collection::vec(piece(), 0..60)) {
            let text: String = pieces.concat();
            let found = scan_buffer("ci.netrc", text.as_bytes(), &ALL);
            let lines = text.split('\n').count();
            for f in &found {
                prop_assert!(f.line >= 1 && f.line <= lines);
                prop_assert!(f.column >= 1 && f.end_column >= f.column);
            }
        }
    }
}
