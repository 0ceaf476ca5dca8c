//! GitLab's code quality report: a JSON array of issues with a description, a check name, a
//! fingerprint, a severity and a location (path and first line). GitLab compares
//! fingerprints between the merge request and its target branch, so they are built from
//! what stays put when lines move: the path, the rule and the hash of the text around the
//! finding (no part of the userinfo), with a count for repeats of the same line.

use std::collections::HashMap;

use serde_json::json;

use crate::scan::Located;
use crate::text::fnv::Fnv;
use crate::uri::{Confidence, ScanRule};

pub(super) fn render(findings: &[Located]) -> String {
    let mut seen: HashMap<(&str, ScanRule, u64), u32> = HashMap::new();
    let items: Vec<_> = findings
        .iter()
        .map(|f| {
            let occurrence = seen.entry((&f.path, f.rule, f.context_hash)).or_default();
            *occurrence += 1;
            json!({
                "description": format!("{}: {}{}", super::message(f), f.redacted, super::commit_suffix(f)),
                "check_name": f.rule,
                "fingerprint": fingerprint(f, *occurrence),
                // By confidence; an example (reported only with --include-examples) is
                // for information.
                "severity": match f.confidence() {
                    Confidence::High => "critical",
                    Confidence::Medium => "major",
                    Confidence::Low => "info",
                },
                "location": {
                    "path": f.path.replace('\\', "/"),
                    "lines": {"begin": f.line},
                },
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&items)
        .expect("a JSON array of strings and numbers always serialises");
    s.push('\n');
    s
}

/// FNV-1a (stable across builds and platforms, unlike std's hasher) of path, rule, context
/// hash and occurrence, as 16 hex digits.
fn fingerprint(f: &Located, occurrence: u32) -> String {
    let mut h = Fnv::default();
    let parts = [
        f.path.as_bytes(),
        f.rule.code().as_bytes(),
        &f.context_hash.to_le_bytes(),
        &occurrence.to_le_bytes(),
    ];
    for part in parts {
        h.feed(part);
        h.feed(&[0]);
    }
    let h = h.finish();
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan_buffer;
    use crate::scan::tests::ALL as OPTS;

    fn scan(text: &str) -> Vec<Located> {
        scan_buffer("ci/env.yaml", text.as_bytes(), &OPTS)
    }

    fn report(text: &str) -> serde_json::Value {
        serde_json::from_str(&render(&scan(text))).unwrap()
    }

    #[test]
    fn issues_have_the_fields_gitlab_reads_and_no_secret() {
        let text = "a: https://alice:hunter2@github.com/o/r\n\
                    b: https://ghp_0123456789abcdefghijABCDEFGHIJ012345@github.com/o\n";
        let out = render(&scan(text));
        assert!(!out.contains("hunter2") && !out.contains("alice") && !out.contains("ghp_"));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let issues = v.as_array().unwrap();
        assert_eq!(issues.len(), 2);
        // A plain password is major, a token critical.
        for ((issue, line), severity) in issues.iter().zip([1, 2]).zip(["major", "critical"]) {
            assert!(
                issue["description"]
                    .as_str()
                    .unwrap()
                    .contains("github.com")
            );
            assert!(issue["check_name"].as_str().unwrap().starts_with("uri-"));
            assert_eq!(issue["fingerprint"].as_str().unwrap().len(), 16);
            assert_eq!(issue["severity"], severity);
            assert_eq!(issue["location"]["path"], "ci/env.yaml");
            assert_eq!(issue["location"]["lines"]["begin"], line);
        }
    }

    #[test]
    fn fingerprints_survive_moves_and_new_secrets_but_not_other_text() {
        let fp = |text: &str| report(text)[0]["fingerprint"].clone();
        let base = fp("x: https://u:pw1@h.example/a\n");
        assert_eq!(
            base,
            fp("\n\n  x: https://u:pw1@h.example/a\n"),
            "moved, re-indented"
        );
        assert_eq!(
            base,
            fp("x: https://v:Other-pw2@h.example/a\n"),
            "rotated secret"
        );
        assert_ne!(base, fp("y: https://u:pw1@h.example/a\n"), "other line");
    }

    #[test]
    fn repeated_lines_get_distinct_fingerprints() {
        let v = report("x: https://u:pw1@h.example/a\nx: https://u:pw1@h.example/a\n");
        assert_ne!(v[0]["fingerprint"], v[1]["fingerprint"]);
    }
}
