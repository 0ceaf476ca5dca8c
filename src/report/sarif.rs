//! SARIF 2.1.0 (GitHub code scanning and other SARIF readers): the `rules` table is the scan
//! rule registry ([`ScanRule::ALL`]), each result names its rule by `ruleId` and
//! `ruleIndex`, its level follows its confidence, and its fingerprint is built from the
//! text around the finding (never the secret).

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::json;

use super::{commit_suffix, message};
use crate::scan::Located;
use crate::uri::rule::Level;
use crate::uri::{Confidence, ScanRule};

/// SARIF's `rules`: every scan rule, in [`ScanRule::ALL`]'s order. The registry's texts
/// are Markdown; their `text` forms drop the backticks, which plain-text readers would show.
fn rules() -> Vec<serde_json::Value> {
    let plain = |markdown: &str| markdown.replace('`', "");
    ScanRule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.code(),
                "name": r.name(),
                "shortDescription": {"text": r.short()},
                "fullDescription": {"text": plain(r.doc()), "markdown": r.doc()},
                "help": {"text": plain(r.help()), "markdown": r.help()},
                "defaultConfiguration": {"level": r.default_level().name()},
                "properties": {"tags": ["security", "secrets"], "precision": "high", "security-severity": "8.0"},
            })
        })
        .collect()
}

/// A result's `ruleIndex`: its rule's place in [`rules`].
fn rule_index(rule: ScanRule) -> usize {
    ScanRule::ALL
        .iter()
        .position(|r| *r == rule)
        .expect("ScanRule::ALL lists every rule")
}

/// A stable hash of the text around the finding (never of the secret), as `hash:occurrence`.
/// GitHub's form, `hash:occurrence`: the occurrence counts earlier findings of the same
/// file, rule and line hash (as the GitLab fingerprint does), so two same-shaped lines of
/// one file are two alerts.
fn line_hash(f: &Located, occurrence: u32) -> String {
    format!("{:016x}:{occurrence}", f.context_hash)
}

/// SARIF's level: a credential of high confidence is an error, of medium a warning; an
/// example is a note, never an error.
fn level(f: &Located) -> Level {
    match f.confidence() {
        Confidence::High => Level::Error,
        Confidence::Medium => Level::Warning,
        Confidence::Low => Level::Note,
    }
}

pub(super) fn render(findings: &[Located]) -> String {
    let mut seen: HashMap<(&str, ScanRule, u64), u32> = HashMap::new();
    let results: Vec<_> = findings
        .iter()
        .map(|f| {
            let occurrence = seen.entry((&f.path, f.rule, f.context_hash)).or_default();
            *occurrence += 1;
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": rule_index(f.rule),
                "level": level(f).name(),
                "message": {"text": message(f) + &commit_suffix(f)},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": sarif_uri(&f.path), "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.line,
                            "endColumn": f.end_column,
                        },
                    },
                }],
                "partialFingerprints": {"primaryLocationLineHash": line_hash(f, *occurrence)},
                "properties": {"class": f.class, "confidence": f.confidence(), "reasons": f.reasons},
            });
            if let Some(c) = &f.commit {
                result["properties"]["commit"] = json!(c);
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "netrc-guard",
                "informationUri": "https://github.com/netrc-guard/netrc-guard",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules(),
            }},
            // Columns count characters (code points), as the text report's do; SARIF
            // readers may otherwise take them for UTF-16 code units.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc)
        .expect("a JSON document of strings, numbers and booleans always serialises");
    s.push('\n');
    s
}

/// A path as SARIF's `artifactLocation.uri`, which is a URI reference (RFC 3986): `/` for
/// separators and every byte outside the unreserved characters, sub-delimiters, `@` and `/`
/// percent-encoded, so that `a#1.txt` is not read as `a` with a fragment, `100%.txt` is no
/// broken escape and `c:x` no scheme.
fn sarif_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.replace('\\', "/").as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::findings;
    use crate::report::{Format, render};
    use crate::scan::{ScanOptions, scan_buffer};

    /// Every rule of the registry is in the table, in order, with what SARIF readers show.
    #[test]
    fn the_rules_table_is_the_registry() {
        let v: serde_json::Value =
            serde_json::from_str(&render(Format::Sarif, &findings())).unwrap();
        let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), ScanRule::ALL.len());
        for (rule, entry) in ScanRule::ALL.iter().zip(rules) {
            assert_eq!(entry["id"], rule.code());
            assert_eq!(entry["name"], rule.name());
            assert_eq!(entry["fullDescription"]["markdown"], rule.doc());
            assert_eq!(entry["help"]["markdown"], rule.help());
            assert_eq!(entry["defaultConfiguration"]["level"], "error");
        }
        for result in v["runs"][0]["results"].as_array().unwrap() {
            let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
            assert_eq!(rules[index]["id"], result["ruleId"]);
        }
    }

    /// SARIF locations are URI references: names that are not (a space, `#`, `%`, a colon
    /// before the first slash, non-ASCII) are percent-encoded, and decode to the path.
    #[test]
    fn sarif_uri_encodes_what_a_uri_reference_cannot_hold() {
        let cases = [
            ("dir/a.yaml", "dir/a.yaml"),
            ("dir\\a.yaml", "dir/a.yaml"),
            ("my file#1%.txt", "my%20file%231%25.txt"),
            ("c:x/y", "c%3Ax/y"),
            ("münchen/x?.json", "m%C3%BCnchen/x%3F.json"),
            ("a/(b)+c@d,e;f=g.txt", "a/(b)+c@d,e;f=g.txt"),
        ];
        for (path, uri) in cases {
            assert_eq!(sarif_uri(path), uri, "{path:?}");
        }
    }

    /// Two same-shaped lines in one file were `hash:1` both, so code scanning could merge or
    /// close one alert for the other: the occurrence counts them, as GitLab's does.
    #[test]
    fn sarif_line_hashes_count_occurrences() {
        let opts = ScanOptions {
            include_examples: false,
            max_filesize: 1 << 20,
        };
        let line = "x: https://alice:hunter2@github.com/o/r\n";
        let found = scan_buffer("a.yaml", line.repeat(2).as_bytes(), &opts);
        let v: serde_json::Value = serde_json::from_str(&render(Format::Sarif, &found)).unwrap();
        let hashes: Vec<&str> = v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["primaryLocationLineHash"]
                    .as_str()
                    .unwrap()
            })
            .collect();
        assert_eq!(hashes.len(), 2);
        assert!(
            hashes[0].ends_with(":1") && hashes[1].ends_with(":2"),
            "{hashes:?}"
        );
        assert_eq!(hashes[0].split(':').next(), hashes[1].split(':').next());
        // Negative control: another file counts from 1 again.
        let other = scan_buffer("b.yaml", line.as_bytes(), &opts);
        let v: serde_json::Value = serde_json::from_str(&render(Format::Sarif, &other)).unwrap();
        let first = &v["runs"][0]["results"][0]["partialFingerprints"]["primaryLocationLineHash"];
        assert!(first.as_str().unwrap().ends_with(":1"));
    }

    #[test]
    fn sarif_has_rules_regions_and_fingerprints() {
        let v: serde_json::Value =
            serde_json::from_str(&render(Format::Sarif, &findings())).unwrap();
        assert_eq!(v["version"], "2.1.0");
        let run = &v["runs"][0];
        assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), 5);
        let r = &run["results"][1];
        assert_eq!(r["ruleId"], "uri-token-user");
        assert_eq!(r["ruleIndex"], 1);
        assert_eq!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            2
        );
        assert!(
            r["partialFingerprints"]["primaryLocationLineHash"]
                .as_str()
                .unwrap()
                .ends_with(":1")
        );
    }
}
