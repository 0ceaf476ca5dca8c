//! Scan reports: text, JSON, SARIF 2.1.0 (report/sarif.rs), GitHub Actions annotations and
//! GitLab's code quality report (report/gitlab.rs).
//!
//! Every format is built from [`Located`], which holds no part of any userinfo; rules and
//! reasons are named by their registries' codes ([`ScanRule`], [`crate::uri::Reason`]).

use std::fmt::Write as _;

use serde_json::json;

use crate::scan::Located;
use crate::style::{Style, visible};
use crate::text::words::with_article;
use crate::uri::classify::reason::joined;
use crate::uri::{Class, Confidence, ScanRule, SecretPart};

pub(crate) mod advice;
mod gitlab;
mod sarif;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Json,
    Sarif,
    Github,
    // GitLab's code quality report (a JSON array).
    Gitlab,
}

/// Without colour; see [`render_styled`].
#[cfg(test)]
pub(crate) fn render(format: Format, findings: &[Located]) -> String {
    render_styled(format, findings, Style::PLAIN)
}

/// `style` paints the text format's positions and rules (the other formats are for machines).
pub(crate) fn render_styled(format: Format, findings: &[Located], style: Style) -> String {
    match format {
        Format::Gitlab => gitlab::render(findings),
        Format::Text => text(findings, style),
        Format::Json => json_report(findings),
        Format::Sarif => sarif::render(findings),
        Format::Github => github(findings),
    }
}

/// What the finding is, in words (names and hosts, never values).
fn what(f: &Located) -> String {
    match f.rule {
        ScanRule::NetrcFile => match f.secret_part {
            SecretPart::User => format!(
                "a token as the login of a committed netrc's entry for {}",
                f.host
            ),
            SecretPart::Password => {
                format!("a password in a committed netrc's entry for {}", f.host)
            }
        },
        ScanRule::KubeSecret => format!(
            "a credential for {} in a committed Kubernetes Secret",
            f.host
        ),
        ScanRule::KnownToken => format!("{} token outside a URI", with_article(&f.host)),
        ScanRule::UriTokenUser => format!(
            "a token in the user name of {} URI for {}",
            with_article(&f.scheme),
            f.host
        ),
        ScanRule::UriPassword => format!(
            "a password in {} URI for {}",
            with_article(&f.scheme),
            f.host
        ),
    }
}

/// The finding and what to do about it ([`advice::advice`]).
pub(crate) fn message(f: &Located) -> String {
    if f.class == Class::Example {
        return format!("an example: {} ({})", what(f), joined(&f.reasons));
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
            style.error(f.rule.code()),
            visible(&f.redacted)
        );
        // Examples show only with --include-examples, and say why they are examples; a
        // credential of medium confidence says so, and why (high goes without saying).
        let _ = match f.confidence() {
            Confidence::Low => write!(out, " (example: {})", joined(&f.reasons)),
            Confidence::Medium => write!(out, " (medium confidence: {})", joined(&f.reasons)),
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
pub(crate) mod tests {
    use super::*;
    use crate::scan::{ScanOptions, scan_buffer};

    /// Two findings (a password, a token) in a file whose name needs escaping.
    pub(crate) fn findings() -> Vec<Located> {
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
}
