//! `check`: what in a netrc file some reader would misread, refuse or expose.
//!
//! Every problem has a stable code, a position and a one-line fix, and never shows a value.

use std::collections::HashMap;

use serde::Serialize;

use super::document::Document;
use super::syntax::{EntryKind, Key, ParseError, TokenKind};
use super::value::{self, Unportable};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: &'static str,
    pub severity: Severity,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub fix: String,
}

impl Problem {
    pub fn new(
        code: &'static str,
        severity: Severity,
        (line, column): (usize, usize),
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Problem {
        Problem {
            code,
            severity,
            line,
            column,
            message: message.into(),
            fix: fix.into(),
        }
    }
}

pub fn parse_problem(e: &ParseError) -> Problem {
    Problem::new(
        "parse-error",
        Severity::Error,
        (e.position.line, e.position.column),
        format!("the file does not parse: {}", e.message),
        "correct the file at this position",
    )
}

/// Facts about the file itself, gathered by the store (kept out of here so this stays pure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileFacts {
    /// Permission bits (Unix).
    pub mode: Option<u32>,
    pub owned_by_user: Option<bool>,
    pub regular: bool,
}

pub fn check_file(facts: &FileFacts) -> Vec<Problem> {
    let mut out = Vec::new();
    if !facts.regular {
        // The mode and owner of a FIFO, device or directory say nothing about a netrc.
        out.push(Problem::new(
            "not-regular-file",
            Severity::Error,
            (0, 0),
            "the netrc is not a regular file (a FIFO, device or directory): a reader may hang on it or read nothing, and netrc-guard neither reads nor changes it",
            "replace it with a regular file (a symlink to one is fine)",
        ));
        return out;
    }
    if let Some(mode) = facts.mode {
        let mode = mode & 0o7777;
        if mode & 0o077 != 0 {
            out.push(Problem::new(
                "mode-too-open",
                Severity::Error,
                (0, 0),
                format!("mode {mode:04o} lets other users read it; Python's netrc refuses it"),
                "run `netrc-guard fix` (chmod 600)",
            ));
        } else if mode != 0o600 && mode != 0o400 {
            out.push(Problem::new(
                "mode-unusual",
                Severity::Warning,
                (0, 0),
                format!("mode {mode:04o} is neither 0600 nor 0400; the Ruby netrc gem refuses it"),
                "run `netrc-guard fix` (chmod 600)",
            ));
        }
    }
    if facts.owned_by_user == Some(false) {
        out.push(Problem::new(
            "owner-not-user",
            Severity::Error,
            (0, 0),
            "the file is owned by another user; Python's netrc refuses it",
            "chown it to yourself",
        ));
    }
    out
}

pub fn check_document(doc: &Document) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut default_line: Option<usize> = None;
    for entry in doc.entries() {
        let at = entry.position();
        let pos = (at.line, at.column);
        match entry.kind() {
            EntryKind::Default => {
                if let Some(first) = default_line {
                    out.push(Problem::new(
                        "duplicate-default",
                        Severity::Warning,
                        pos,
                        format!("a second `default` entry (the first is on line {first})"),
                        "keep one `default` entry",
                    ));
                } else {
                    default_line = Some(at.line);
                }
            }
            EntryKind::Machine => {
                let name = entry.machine().unwrap_or_default();
                if let Some(d) = default_line {
                    out.push(Problem::new(
                        "default-not-last",
                        Severity::Warning,
                        pos,
                        format!("a machine after `default` (line {d}): Go stops reading at `default`, other readers only fall back to it"),
                        "move the `default` entry to the end of the file",
                    ));
                }
                if name.eq_ignore_ascii_case("default") {
                    out.push(Problem::new(
                        "machine-named-default",
                        Severity::Warning,
                        pos,
                        "a machine named `default` is easily confused with the `default` entry",
                        "remove it, or use a real host name",
                    ));
                }
                let key = name.to_ascii_lowercase();
                if let Some(first) = seen.get(&key) {
                    out.push(Problem::new(
                        "duplicate-machine",
                        Severity::Warning,
                        pos,
                        format!("a second entry for this machine (the first is on line {first}): curl and Go use the first, Python and requests the last"),
                        "remove one of the entries (`netrc-guard remove` removes the first)",
                    ));
                } else {
                    seen.insert(key.clone(), at.line);
                }
                if name.contains([':', '/']) {
                    out.push(Problem::new(
                        "machine-not-bare-host",
                        Severity::Warning,
                        pos,
                        "the machine name has a scheme, port or path; curl and requests compare bare host names",
                        "write the bare host name",
                    ));
                } else if name != key {
                    out.push(Problem::new(
                        "machine-not-lowercase",
                        Severity::Warning,
                        pos,
                        "the machine name has upper-case letters; requests lower-cases the URL's host and Python compares exactly, so it never matches there",
                        "write the host name in lower case",
                    ));
                }
            }
            EntryKind::Macro => {}
        }
        if entry.kind() != EntryKind::Macro {
            let has_login = entry.login().is_some();
            let has_password = entry.password().is_some();
            if !has_login && !has_password {
                out.push(Problem::new(
                    "no-credentials",
                    Severity::Warning,
                    pos,
                    "the entry has neither login nor password",
                    "add them with `netrc-guard add --force`, or remove the entry",
                ));
            } else if !has_password {
                out.push(Problem::new(
                    "missing-password",
                    Severity::Warning,
                    pos,
                    "the entry has a login but no password; curl 7.88 then sends an empty login unless the entry is the file's last",
                    "add a password (`password \"\"` for a token used as the login)",
                ));
            } else if !has_login {
                out.push(Problem::new(
                    "missing-login",
                    Severity::Warning,
                    pos,
                    "the entry has a password but no login; curl 7.88 then sends nothing unless the entry is the file's last",
                    "add a login (`login \"\"` for an empty user name)",
                ));
            }
        }
        let named = entry
            .syntax()
            .name_token
            .map(|t| ("machine name", t))
            .into_iter();
        let fields = entry.syntax().fields.iter().filter_map(|f| {
            let what = match f.key {
                Key::Login | Key::User => "login",
                Key::Password | Key::Passwd => "password",
                Key::Account => "account",
                _ => return None,
            };
            Some((what, f.value_token))
        });
        for (what, token) in named.chain(fields) {
            value_problems(doc, what, token, &mut out);
        }
        for f in &entry.syntax().fields {
            if let Some(body) = f.body_token
                && doc.tokens()[body].kind == (TokenKind::MacroBody { terminated: false })
            {
                let p = doc.token_position(f.key_token);
                out.push(Problem::new(
                    "macdef-unterminated",
                    Severity::Error,
                    (p.line, p.column),
                    "the macro is not closed by an empty line; Python refuses the file and curl reads the rest as the macro",
                    "add an empty line after the macro's last line",
                ));
            }
        }
    }
    out
}

fn value_problems(doc: &Document, what: &str, token: usize, out: &mut Vec<Problem>) {
    let p = doc.token_position(token);
    let pos = (p.line, p.column);
    let raw = doc.raw(token);
    let value = doc.value_of(token);
    match value::classify(&value) {
        Err(value::ControlCharacter) => out.push(Problem::new(
            "control-character",
            Severity::Error,
            pos,
            format!("the {what} contains a control character, which readers cannot agree on"),
            "replace the value",
        )),
        Ok(reason) => {
            if value.contains('#') {
                out.push(Problem::new(
                    "hash-in-value",
                    Severity::Warning,
                    pos,
                    format!("the {what} contains `#`: curl 7.84 to 8.10 read a word starting with `#` as a comment and the Ruby gem cuts the value there"),
                    "use a value without `#`",
                ));
            }
            if !value.is_ascii() {
                out.push(Problem::new(
                    "non-ascii",
                    Severity::Warning,
                    pos,
                    format!(
                        "the {what} contains non-ASCII characters; readers decode them differently"
                    ),
                    "use an ASCII value (IDNA punycode for host names)",
                ));
            }
            let quoted = raw.starts_with('"');
            if quoted
                || matches!(
                    reason,
                    Some(
                        Unportable::Quote
                            | Unportable::Backslash
                            | Unportable::Comma
                            | Unportable::Whitespace
                    )
                )
            {
                out.push(Problem::new(
                    "needs-quoting",
                    Severity::Warning,
                    pos,
                    format!(
                        "the {what} is quoted or holds a character that needs quoting; {} misread it",
                        value::QUOTE_BREAKS
                    ),
                    "use a value of plain ASCII without whitespace, `#`, `\"`, `\\` or `,`",
                ));
            }
        }
    }
}

/// On Windows, curl and requests read `.netrc` before `_netrc`, Go and Ruby the other way.
pub fn both_windows_files(dir: &str) -> Problem {
    Problem::new(
        "windows-both-files",
        Severity::Warning,
        (0, 0),
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
            .map(|p| p.code)
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
                .map(|p| p.code)
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
