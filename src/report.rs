//! Scan reports: text, JSON, SARIF 2.1.0 and GitHub Actions annotations.
//!
//! Every format is built from [`Located`], which holds no part of any userinfo.

use std::fmt::Write as _;

use serde_json::json;

use crate::scan::{Located, RULE_KNOWN_TOKEN, RULE_KUBE_SECRET, RULE_NETRC_FILE};
use crate::style::{Style, visible};
use crate::uri::{Class, Confidence, RULE_PASSWORD, RULE_TOKEN_USER, SecretPart};

pub mod advice;
mod gitlab;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Github,
    // GitLab's code quality report (a JSON array).
    Gitlab,
}

/// Without colour; see [`render_styled`].
#[cfg(test)]
pub fn render(format: Format, findings: &[Located]) -> String {
    render_styled(format, findings, Style::PLAIN)
}

/// `style` paints the text format's positions and rules (the other formats are for machines).
pub fn render_styled(format: Format, findings: &[Located], style: Style) -> String {
    match format {
        Format::Gitlab => gitlab::render(findings),
        Format::Text => text(findings, style),
        Format::Json => json_report(findings),
        Format::Sarif => sarif(findings),
        Format::Github => github(findings),
    }
}

/// What the finding is, in words (names and hosts, never values).
fn what(f: &Located) -> String {
    match f.rule {
        RULE_NETRC_FILE => match f.secret_part {
            SecretPart::User => format!(
                "a token as the login of a committed netrc's entry for {}",
                f.host
            ),
            SecretPart::Password => {
                format!("a password in a committed netrc's entry for {}", f.host)
            }
        },
        RULE_KUBE_SECRET => format!(
            "a credential for {} in a committed Kubernetes Secret",
            f.host
        ),
        RULE_KNOWN_TOKEN => format!("a {} token outside a URI", f.host),
        RULE_TOKEN_USER => format!(
            "a token in the user name of a {} URI for {}",
            f.scheme, f.host
        ),
        _ => format!("a password in a {} URI for {}", f.scheme, f.host),
    }
}

/// The finding and what to do about it ([`advice::advice`]).
pub(crate) fn message(f: &Located) -> String {
    if f.class == Class::Example {
        return format!("an example: {} ({})", what(f), f.reasons.join(", "));
    }
    format!("{}: {}", what(f), advice::advice(f))
}

/// `COMMIT:` before the path of a finding in history, as `git grep REV` prints it.
fn commit_prefix(f: &Located) -> String {
    f.commit.as_ref().map_or(String::new(), |c| format!("{c}:"))
}

/// ` (added in commit C)` after the message of a finding in history.
fn commit_suffix(f: &Located) -> String {
    f.commit
        .as_ref()
        .map_or(String::new(), |c| format!(" (added in commit {c})"))
}

fn text(findings: &[Located], style: Style) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = write!(
            out,
            "{}: {}: {}",
            style.position(&format!(
                "{}{}:{}:{}",
                commit_prefix(f),
                visible(&f.path),
                f.line,
                f.column
            )),
            style.error(f.rule),
            visible(&f.redacted)
        );
        // Examples show only with --include-examples, and say why they are examples; a
        // credential of medium confidence says so, and why (high goes without saying).
        let _ = match f.confidence() {
            Confidence::Low => write!(out, " (example: {})", f.reasons.join(", ")),
            Confidence::Medium => write!(out, " (medium confidence: {})", f.reasons.join(", ")),
            Confidence::High => Ok(()),
        };
        out.push('\n');
    }
    out
}

fn json_report(findings: &[Located]) -> String {
    let items: Vec<_> = findings
        .iter()
        .map(|f| {
            let mut item = json!({
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "scheme": f.scheme,
                "host": f.host,
                "rule": f.rule,
                "secret_part": f.secret_part,
                "class": f.class,
                "confidence": f.confidence(),
                "reasons": f.reasons,
                "advice": advice::advice(f),
            });
            if let Some(c) = &f.commit {
                item["commit"] = json!(c);
            }
            item
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&items)
        .expect("a JSON array of strings, numbers and booleans always serialises");
    s.push('\n');
    s
}

struct Rule {
    id: &'static str,
    name: &'static str,
    short: &'static str,
    full: &'static str,
    help: &'static str,
}

const RULES: [Rule; 5] = [
    Rule {
        id: RULE_PASSWORD,
        name: "PasswordInUri",
        short: "Password in a URI",
        full: "A URI carries a password in its userinfo (scheme://user:password@host). Tools such as Ray write URIs into logs, directory names and command lines, so the password leaks.",
        help: HELP,
    },
    Rule {
        id: RULE_TOKEN_USER,
        name: "TokenInUriUser",
        short: "Token as the user name of a URI",
        full: "A URI carries an access token as its user name (scheme://TOKEN@host). Tools such as Ray write URIs into logs, directory names and command lines, so the token leaks.",
        help: HELP,
    },
    Rule {
        id: RULE_NETRC_FILE,
        name: "NetrcFileCommitted",
        short: "A netrc file with credentials in the repository",
        full: "A file that is a netrc (by its name, or because it parses as one) holds a password or a token login. Everyone who can read the repository, its forks and its history can use it.",
        help: "Remove the file from the repository (`git rm --cached FILE`, and add it to .gitignore) and rotate each credential in it. A netrc belongs in your home directory (~/.netrc, %USERPROFILE%\\_netrc) or the file NETRC names; in CI, write it from the CI system's secrets.",
    },
    Rule {
        id: RULE_KUBE_SECRET,
        name: "KubernetesSecretCommitted",
        short: "A Kubernetes Secret with credentials in the repository",
        full: "A Kubernetes Secret manifest's data (base64, which is no encryption) or stringData holds a netrc, a URI with credentials or a known-format token.",
        help: "Do not commit Secret manifests: create the Secret at deploy time (`netrc-guard kube secret --name NAME | kubectl apply -f -`), or commit it encrypted (Sealed Secrets, SOPS); rotate each credential it held.",
    },
    Rule {
        id: RULE_KNOWN_TOKEN,
        name: "KnownFormatToken",
        short: "A known-format access token outside a URI",
        full: "A token of a known format with a random body (GitHub, GitLab, npm, PyPI, Hugging Face) stands in the file: in an environment file, a header, .pypirc or .npmrc.",
        help: "Keep tokens out of files in the repository: git and HTTP clients read them from a netrc entry (`netrc-guard add HOST`); other tools from an environment variable set where they run (CI secrets). Rotate a token that was committed.",
    },
];

const HELP: &str = "Keep the URI free of credentials. For the schemes whose clients read a netrc (http, https, ftp, and VCS URLs over them: curl, git, pip, requests and Ray) put them in a netrc file: `netrc-guard scrub FILE --in-place` moves them; on Kubernetes, mount the netrc as a Secret and set NETRC (`netrc-guard kube`). Other schemes' credentials belong where their client reads them (~/.pgpass, ~/.my.cnf, an environment variable): each result's message says where. Rotate a credential found in history.";

/// A stable hash of the text around the finding (never of the secret), as `hash:occurrence`.
/// GitHub's form, `hash:occurrence`: the occurrence counts earlier findings of the same
/// file, rule and line hash (as the GitLab fingerprint does), so two same-shaped lines of
/// one file are two alerts.
fn line_hash(f: &Located, occurrence: u32) -> String {
    format!("{:016x}:{occurrence}", f.context_hash)
}

/// SARIF's level: a credential of high confidence is an error, of medium a warning; an
/// example is a note, never an error.
fn level(f: &Located) -> &'static str {
    match f.confidence() {
        Confidence::High => "error",
        Confidence::Medium => "warning",
        Confidence::Low => "note",
    }
}

fn sarif(findings: &[Located]) -> String {
    let rules: Vec<_> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": {"text": r.short},
                "fullDescription": {"text": r.full},
                "help": {"text": r.help, "markdown": r.help},
                "defaultConfiguration": {"level": "error"},
                "properties": {"tags": ["security", "secrets"], "precision": "high", "security-severity": "8.0"},
            })
        })
        .collect();
    let mut seen: std::collections::HashMap<(&str, &str, u64), u32> =
        std::collections::HashMap::new();
    let results: Vec<_> = findings
        .iter()
        .map(|f| {
            let occurrence = seen.entry((&f.path, f.rule, f.context_hash)).or_default();
            *occurrence += 1;
            let index = RULES.iter().position(|r| r.id == f.rule).unwrap_or(0);
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": index,
                "level": level(f),
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
                "rules": rules,
            }},
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

/// Escapes as `@actions/core` does for a message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes as `@actions/core` does for a property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(findings: &[Located]) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},endColumn={},title={}::{}",
            match f.confidence() {
                Confidence::High => "error",
                Confidence::Medium => "warning",
                Confidence::Low => "notice",
            },
            escape_property(&visible(&f.path)),
            f.line,
            f.column,
            f.end_column,
            escape_property(&format!("netrc-guard {}", f.rule)),
            escape_data(&visible(&format!(
                "{}{}: {}",
                message(f),
                commit_suffix(f),
                f.redacted
            ))),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::{ScanOptions, scan_buffer};

    fn findings() -> Vec<Located> {
        let opts = ScanOptions {
            include_examples: false,
            max_filesize: 1 << 20,
        };
        scan_buffer(
            "dir,a/b:c%.yaml",
            b"x: https://alice:hunter2@github.com/o/r\ny: https://ghp_0123456789abcdefghijABCDEFGHIJ012345@github.com/o\n",
            &opts,
        )
    }

    #[test]
    fn no_format_shows_the_userinfo() {
        for format in [Format::Text, Format::Json, Format::Sarif, Format::Github] {
            let out = render(format, &findings());
            assert!(
                !out.contains("hunter2") && !out.contains("alice") && !out.contains("ghp_"),
                "{out}"
            );
        }
    }

    /// Every machine format carries the confidence: JSON and SARIF by name, SARIF's level,
    /// and (in report/gitlab.rs) GitLab's severity.
    #[test]
    fn confidence_is_in_json_and_sarif() {
        let json: serde_json::Value =
            serde_json::from_str(&render(Format::Json, &findings())).unwrap();
        assert_eq!(json[0]["confidence"], "medium");
        assert_eq!(json[1]["confidence"], "high");
        let sarif: serde_json::Value =
            serde_json::from_str(&render(Format::Sarif, &findings())).unwrap();
        let results = &sarif["runs"][0]["results"];
        assert_eq!(results[0]["properties"]["confidence"], "medium");
        assert_eq!(results[0]["level"], "warning");
        assert_eq!(results[1]["properties"]["confidence"], "high");
        assert_eq!(results[1]["level"], "error");
        let text = render(Format::Text, &findings());
        assert!(
            text.lines()
                .next()
                .unwrap()
                .ends_with(" (medium confidence: real-host)"),
            "{text}"
        );
    }

    #[test]
    fn github_annotations_are_escaped() {
        let out = render(Format::Github, &findings());
        let first = out.lines().next().unwrap();
        assert!(
            first.starts_with("::warning file=dir%2Ca/b%3Ac%25.yaml,line=1,col=4,"),
            "{first}"
        );
        // A plain password is a warning, a token an error.
        assert!(out.lines().nth(1).unwrap().starts_with("::error "), "{out}");
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
        assert_eq!(r["ruleId"], RULE_TOKEN_USER);
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
