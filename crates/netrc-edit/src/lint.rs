//! `check`: what in a netrc file some reader would misread, refuse or expose.
//!
//! Every problem has a stable code, a position (or none, for the whole file) and a one-line
//! fix, and never shows a value.
//!
//! ```
//! use netrc_edit::{lint, Document, Position};
//!
//! let doc = Document::parse("machine a.example login u password p\ndefault login x\nmachine b.example login v\n").unwrap();
//! let problems = lint::check_document(&doc);
//! let late = problems.iter().find(|p| p.rule.code() == "default-not-last").unwrap();
//! assert_eq!(late.position, Some(Position { line: 3, column: 1 }));
//! assert!(!late.message.contains("password"));
//! ```

pub mod rule;
mod rules;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::document::Document;
use super::reader::ReaderId;
use super::syntax::ParseError;
use crate::Position;

pub use rule::Rule;
pub use rules::CURL_MAX_LINE;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
/// How much a problem matters.
pub enum Severity {
    /// A reader refuses or misreads the file: `check` exits 1.
    Error,
    /// Some reader may misread it: `check` exits 1.
    Warning,
    /// Worth knowing, not a problem: `check` still exits 0.
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// One thing in a netrc some reader would misread, refuse or expose.
pub struct Problem {
    /// The rule it breaks (serialised as the rule's stable code).
    pub rule: Rule,
    /// The rule's severity.
    pub severity: Severity,
    /// The readers that read the file differently or not at all because of it.
    pub readers: Vec<ReaderId>,
    /// Where in the file; `None` when the problem is the whole file's (its mode, its owner,
    /// its absence).
    pub position: Option<Position>,
    /// What is wrong, never quoting a value.
    pub message: String,
    /// How to fix it.
    pub fix: String,
}

/// `{code, severity, readers, line, column, message, fix}`: the stable JSON form, where a
/// problem of the whole file is at line 0, column 0.
impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let at = self.position.unwrap_or_default();
        let mut out = serializer.serialize_struct("Problem", 7)?;
        out.serialize_field("code", &self.rule)?;
        out.serialize_field("severity", &self.severity)?;
        out.serialize_field("readers", &self.readers)?;
        out.serialize_field("line", &at.line)?;
        out.serialize_field("column", &at.column)?;
        out.serialize_field("message", &self.message)?;
        out.serialize_field("fix", &self.fix)?;
        out.end()
    }
}

impl Problem {
    /// A problem of `rule`, with the rule's severity and readers.
    pub fn new(
        rule: Rule,
        position: impl Into<Option<Position>>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Problem {
        Problem {
            rule,
            severity: rule.severity(),
            readers: rule.readers().to_vec(),
            position: position.into(),
            message: message.into(),
            fix: fix.into(),
        }
    }
}

/// The problem a parse error is.
pub fn parse_problem(e: &ParseError) -> Problem {
    Problem::new(
        Rule::ParseError,
        e.position,
        format!("the file does not parse: {}", e.message),
        "correct the file at this position",
    )
}

/// The problems of a netrc's text: a parse error, or what [`check_document`] finds.
pub fn check_text(text: &str) -> Vec<Problem> {
    match Document::parse(text) {
        Ok(doc) => check_document(&doc),
        Err(e) => vec![parse_problem(&e)],
    }
}

/// The problems that make Python's netrc refuse the whole document, so that requests, pip
/// and Ray read nothing from it for any host: a credential moved there is lost to them.
pub fn python_reads_nothing(doc: &Document) -> Vec<Problem> {
    check_document(doc)
        .into_iter()
        .filter(|p| p.rule.python_reads_nothing())
        .collect()
}

/// The problem of a netrc that is not there.
pub fn file_missing() -> Problem {
    Problem::new(
        Rule::FileMissing,
        None,
        "there is no netrc file here",
        "create one with `netrc-guard add HOST --login USER`",
    )
}

/// Facts about the file itself, gathered by the store (kept out of here so this stays pure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileFacts {
    /// Permission bits (Unix).
    pub mode: Option<u32>,
    /// Whether the current user owns the file (Unix).
    pub owned_by_user: Option<bool>,
    /// Whether it is a regular file (not a FIFO, device or directory).
    pub regular: bool,
}

/// The problems of the file's kind, mode and owner.
pub fn check_file(facts: &FileFacts) -> Vec<Problem> {
    let mut out = Vec::new();
    if !facts.regular {
        // The mode and owner of a FIFO, device or directory say nothing about a netrc.
        out.push(Problem::new(
            Rule::NotRegularFile,
            None,
            "the netrc is not a regular file (a FIFO, device or directory): a reader may hang on it or read nothing, and netrc-guard neither reads nor changes it",
            "replace it with a regular file (a symlink to one is fine)",
        ));
        return out;
    }
    if let Some(mode) = facts.mode {
        let mode = mode & 0o7777;
        if mode & 0o077 != 0 {
            out.push(Problem::new(
                Rule::ModeTooOpen,
                None,
                format!("mode {mode:04o} lets other users read it; Python's netrc refuses it"),
                "run `netrc-guard fix` (chmod 600)",
            ));
        } else if mode != 0o600 && mode != 0o400 {
            out.push(Problem::new(
                Rule::ModeUnusual,
                None,
                format!("mode {mode:04o} is neither 0600 nor 0400; the Ruby netrc gem refuses it"),
                "run `netrc-guard fix` (chmod 600)",
            ));
        }
    }
    if facts.owned_by_user == Some(false) {
        out.push(Problem::new(
            Rule::OwnerNotUser,
            None,
            "the file is owned by another user; Python's netrc refuses it",
            "chown it to yourself",
        ));
    }
    out
}

/// Everything in the text that some reader would misread or refuse.
pub fn check_document(doc: &Document) -> Vec<Problem> {
    let mut out = Vec::new();
    rules::bom(doc, &mut out);
    rules::long_lines(doc, &mut out);
    let mut seen = rules::Seen::default();
    for entry in doc.entries() {
        rules::order(&entry, &mut seen, &mut out);
        rules::machine_name(&entry, &mut out);
        rules::credentials(&entry, &mut out);
        rules::values(doc, &entry, &mut out);
        rules::fields(doc, &entry, &mut out);
    }
    out
}

/// On Windows, curl and requests read `.netrc` before `_netrc`, Go and Ruby the other way.
pub fn both_windows_files(dir: &str) -> Problem {
    Problem::new(
        Rule::WindowsBothFiles,
        None,
        format!(
            "both `.netrc` and `_netrc` exist in {dir}: curl and requests read `.netrc`, Go and Ruby `_netrc`"
        ),
        "merge them into `_netrc` and delete `.netrc`",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        check_document(&Document::parse(text).unwrap())
            .into_iter()
            .map(|p| p.rule.code())
            .collect()
    }

    #[test]
    fn a_portable_file_is_clean() {
        assert!(
            codes("# mine\nmachine a.com login u password p\ndefault login anonymous password x\n")
                .is_empty()
        );
    }

    #[test]
    fn each_problem_has_its_code() {
        assert_eq!(
            codes("machine a login u password p\nmachine A login v password q\n"),
            ["duplicate-machine", "machine-not-lowercase"]
        );
        assert_eq!(
            codes("default login u password p\nmachine a login u password p\n"),
            ["default-not-last"]
        );
        assert_eq!(
            codes("machine default login u password p\n"),
            ["machine-named-default"]
        );
        assert_eq!(
            codes("machine a login u password \"a b\"\n"),
            ["needs-quoting"]
        );
        assert_eq!(codes("machine a login u password a#b\n"), ["hash-in-value"]);
        assert_eq!(codes("machine a login u password pä\n"), ["non-ascii"]);
        assert_eq!(
            codes("machine a login u password \"a\\tb\"\n"),
            ["control-character"]
        );
        assert_eq!(codes("machine a\n"), ["no-credentials"]);
        assert_eq!(codes("machine a login alice\n"), ["missing-password"]);
        assert_eq!(codes("machine a password p\n"), ["missing-login"]);
        assert_eq!(
            codes("machine a login u password p macdef m\nx"),
            ["macdef-unterminated"]
        );
        assert_eq!(
            codes("machine a:443 login u password p\n"),
            ["machine-not-bare-host"]
        );
    }

    #[test]
    fn what_readers_disagree_on_has_its_code() {
        assert_eq!(codes("\u{feff}machine a login u password p\n"), ["bom"]);
        for kw in ["port 443", "protocol https"] {
            assert_eq!(
                codes(&format!("machine a login u password p {kw}\n")),
                ["python-unknown-keyword"]
            );
        }
        assert_eq!(
            codes("machine a login u passwd p\n"),
            ["python-unknown-keyword", "curl-unknown-keyword"]
        );
        assert_eq!(
            codes("machine a user u password p\n"),
            ["curl-unknown-keyword"]
        );
        for text in [
            "machine a login machine password p\n",
            "machine a login u password Default\n",
            "machine a login u password p account macdef\n",
            "machine a login u password p account login\n",
        ] {
            assert_eq!(codes(text), ["keyword-as-value"], "{text}");
        }
        assert!(codes("machine a login login password password\n").is_empty());
        let long = format!("machine a login u password {}\n", "p".repeat(4094 - 27));
        assert_eq!(long.len(), 4095);
        assert!(codes(&long).is_empty());
        let long = long.replace("\n", "\r\n"); // 4094 bytes, then `\r`
        assert_eq!(codes(&long), ["line-too-long"]);
        assert_eq!(
            codes("machine ::1 login u password p\nmachine [::1] login u password p\n"),
            ["machine-not-bare-host"]
        );
    }

    #[test]
    fn messages_never_show_values() {
        let problems =
            check_document(&Document::parse("machine a login u password \"se cret#\"\n").unwrap());
        assert!(!problems.is_empty());
        for p in problems {
            assert!(!p.message.contains("se cret") && !p.fix.contains("se cret"));
        }
    }

    #[test]
    fn file_facts() {
        let ok = FileFacts {
            mode: Some(0o600),
            owned_by_user: Some(true),
            regular: true,
        };
        assert!(check_file(&ok).is_empty());
        assert!(
            check_file(&FileFacts {
                mode: Some(0o400),
                ..ok
            })
            .is_empty()
        );
        let c = |f| {
            check_file(&f)
                .into_iter()
                .map(|p| p.rule.code())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            c(FileFacts {
                mode: Some(0o644),
                ..ok
            }),
            ["mode-too-open"]
        );
        assert_eq!(
            c(FileFacts {
                mode: Some(0o700),
                ..ok
            }),
            ["mode-unusual"]
        );
        assert_eq!(
            c(FileFacts {
                owned_by_user: Some(false),
                ..ok
            }),
            ["owner-not-user"]
        );
        assert_eq!(
            c(FileFacts {
                regular: false,
                mode: Some(0o666),
                ..ok
            }),
            ["not-regular-file"]
        );
    }
}
