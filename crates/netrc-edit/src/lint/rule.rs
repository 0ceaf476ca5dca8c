//! Every `check` rule, in one registry: its stable code, its severity, the readers it
//! concerns and what it means. Decisions ask a `Rule`, never a code string;
//! `docs/check-rules.md` is generated from [`Rule::ALL`] (a test keeps it so).

use serde::{Serialize, Serializer};

use super::Severity;
use crate::reader::ReaderId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
/// One `check` rule: its code, severity, readers and doc are methods.
pub enum Rule {
    /// `parse-error` (see [`Rule::doc`]).
    ParseError,
    /// `file-missing` (see [`Rule::doc`]).
    FileMissing,
    /// `not-regular-file` (see [`Rule::doc`]).
    NotRegularFile,
    /// `mode-too-open` (see [`Rule::doc`]).
    ModeTooOpen,
    /// `mode-unusual` (see [`Rule::doc`]).
    ModeUnusual,
    /// `owner-not-user` (see [`Rule::doc`]).
    OwnerNotUser,
    /// `windows-both-files` (see [`Rule::doc`]).
    WindowsBothFiles,
    /// `bom` (see [`Rule::doc`]).
    Bom,
    /// `line-too-long` (see [`Rule::doc`]).
    LineTooLong,
    /// `duplicate-default` (see [`Rule::doc`]).
    DuplicateDefault,
    /// `default-not-last` (see [`Rule::doc`]).
    DefaultNotLast,
    /// `duplicate-machine` (see [`Rule::doc`]).
    DuplicateMachine,
    /// `machine-named-default` (see [`Rule::doc`]).
    MachineNamedDefault,
    /// `machine-not-bare-host` (see [`Rule::doc`]).
    MachineNotBareHost,
    /// `machine-not-lowercase` (see [`Rule::doc`]).
    MachineNotLowercase,
    /// `no-credentials` (see [`Rule::doc`]).
    NoCredentials,
    /// `missing-password` (see [`Rule::doc`]).
    MissingPassword,
    /// `missing-login` (see [`Rule::doc`]).
    MissingLogin,
    /// `python-unknown-keyword` (see [`Rule::doc`]).
    PythonUnknownKeyword,
    /// `curl-unknown-keyword` (see [`Rule::doc`]).
    CurlUnknownKeyword,
    /// `keyword-as-value` (see [`Rule::doc`]).
    KeywordAsValue,
    /// `macdef-unterminated` (see [`Rule::doc`]).
    MacdefUnterminated,
    /// `control-character` (see [`Rule::doc`]).
    ControlCharacter,
    /// `hash-in-value` (see [`Rule::doc`]).
    HashInValue,
    /// `non-ascii` (see [`Rule::doc`]).
    NonAscii,
    /// `needs-quoting` (see [`Rule::doc`]).
    NeedsQuoting,
    /// `empty-password` (see [`Rule::doc`]).
    EmptyPassword,
    /// `reader-refuses-file` (see [`Rule::doc`]).
    ReaderRefusesFile,
    /// `readers-disagree` (see [`Rule::doc`]).
    ReadersDisagree,
}

use ReaderId as R;

const CURL_788: &[ReaderId] = &[R::CurlBefore816, R::GitBefore816];
const CURL: &[ReaderId] = &[R::CurlBefore816, R::Curl816, R::GitBefore816, R::Git816];
const PYTHON: &[ReaderId] = &[R::Requests, R::PythonNetrcDefault, R::PythonNetrcPath];
const FIRST_VS_LAST: &[ReaderId] = &[
    R::CurlBefore816,
    R::Curl816,
    R::GitBefore816,
    R::Git816,
    R::Requests,
    R::PythonNetrcDefault,
    R::PythonNetrcPath,
    R::Go,
];

impl Rule {
    /// Every rule, in the order `docs/check-rules.md` lists them.
    pub const ALL: [Rule; 29] = [
        Rule::ParseError,
        Rule::FileMissing,
        Rule::NotRegularFile,
        Rule::ModeTooOpen,
        Rule::ModeUnusual,
        Rule::OwnerNotUser,
        Rule::WindowsBothFiles,
        Rule::Bom,
        Rule::LineTooLong,
        Rule::DuplicateDefault,
        Rule::DefaultNotLast,
        Rule::DuplicateMachine,
        Rule::MachineNamedDefault,
        Rule::MachineNotBareHost,
        Rule::MachineNotLowercase,
        Rule::NoCredentials,
        Rule::MissingPassword,
        Rule::MissingLogin,
        Rule::PythonUnknownKeyword,
        Rule::CurlUnknownKeyword,
        Rule::KeywordAsValue,
        Rule::MacdefUnterminated,
        Rule::ControlCharacter,
        Rule::HashInValue,
        Rule::NonAscii,
        Rule::NeedsQuoting,
        Rule::EmptyPassword,
        Rule::ReaderRefusesFile,
        Rule::ReadersDisagree,
    ];

    /// The stable code `check` prints and `--json` carries.
    pub fn code(self) -> &'static str {
        match self {
            Rule::ParseError => "parse-error",
            Rule::FileMissing => "file-missing",
            Rule::NotRegularFile => "not-regular-file",
            Rule::ModeTooOpen => "mode-too-open",
            Rule::ModeUnusual => "mode-unusual",
            Rule::OwnerNotUser => "owner-not-user",
            Rule::WindowsBothFiles => "windows-both-files",
            Rule::Bom => "bom",
            Rule::LineTooLong => "line-too-long",
            Rule::DuplicateDefault => "duplicate-default",
            Rule::DefaultNotLast => "default-not-last",
            Rule::DuplicateMachine => "duplicate-machine",
            Rule::MachineNamedDefault => "machine-named-default",
            Rule::MachineNotBareHost => "machine-not-bare-host",
            Rule::MachineNotLowercase => "machine-not-lowercase",
            Rule::NoCredentials => "no-credentials",
            Rule::MissingPassword => "missing-password",
            Rule::MissingLogin => "missing-login",
            Rule::PythonUnknownKeyword => "python-unknown-keyword",
            Rule::CurlUnknownKeyword => "curl-unknown-keyword",
            Rule::KeywordAsValue => "keyword-as-value",
            Rule::MacdefUnterminated => "macdef-unterminated",
            Rule::ControlCharacter => "control-character",
            Rule::HashInValue => "hash-in-value",
            Rule::NonAscii => "non-ascii",
            Rule::NeedsQuoting => "needs-quoting",
            Rule::EmptyPassword => "empty-password",
            Rule::ReaderRefusesFile => "reader-refuses-file",
            Rule::ReadersDisagree => "readers-disagree",
        }
    }

    /// How much a problem of this rule matters.
    pub fn severity(self) -> Severity {
        match self {
            Rule::ParseError
            | Rule::FileMissing
            | Rule::NotRegularFile
            | Rule::ModeTooOpen
            | Rule::OwnerNotUser
            | Rule::Bom
            | Rule::LineTooLong
            | Rule::PythonUnknownKeyword
            | Rule::MacdefUnterminated
            | Rule::ControlCharacter
            | Rule::ReaderRefusesFile => Severity::Error,
            Rule::EmptyPassword => Severity::Note,
            _ => Severity::Warning,
        }
    }

    /// The readers the problem concerns. For the two rules derived from the reader models
    /// (`reader-refuses-file`, `readers-disagree`) each problem names its own.
    pub fn readers(self) -> &'static [ReaderId] {
        match self {
            Rule::ParseError | Rule::FileMissing => &[],
            Rule::NotRegularFile | Rule::ControlCharacter | Rule::NonAscii => &ReaderId::ALL,
            Rule::ReaderRefusesFile | Rule::ReadersDisagree => &ReaderId::ALL,
            Rule::ModeTooOpen => &[R::PythonNetrcDefault, R::RubyGem],
            Rule::ModeUnusual => &[R::RubyGem],
            Rule::OwnerNotUser => &[R::PythonNetrcDefault],
            Rule::WindowsBothFiles => {
                &[R::CurlBefore816, R::Curl816, R::Requests, R::Go, R::RubyGem]
            }
            Rule::Bom => &[
                R::CurlBefore816,
                R::Curl816,
                R::GitBefore816,
                R::Git816,
                R::Requests,
                R::PythonNetrcDefault,
                R::PythonNetrcPath,
            ],
            Rule::LineTooLong | Rule::MissingPassword | Rule::MissingLogin => CURL_788,
            Rule::DuplicateDefault | Rule::DefaultNotLast | Rule::DuplicateMachine => FIRST_VS_LAST,
            Rule::MachineNamedDefault | Rule::MachineNotLowercase => PYTHON,
            Rule::MachineNotBareHost => &[R::CurlBefore816, R::Curl816, R::Requests],
            Rule::NoCredentials | Rule::CurlUnknownKeyword | Rule::KeywordAsValue => CURL,
            Rule::PythonUnknownKeyword => PYTHON,
            Rule::MacdefUnterminated => &[
                R::CurlBefore816,
                R::Curl816,
                R::Requests,
                R::PythonNetrcDefault,
                R::PythonNetrcPath,
            ],
            Rule::HashInValue => &[R::CurlBefore816, R::GitBefore816, R::RubyGem],
            Rule::NeedsQuoting => &[R::Go, R::RubyGem],
            Rule::EmptyPassword => &[R::Go, R::RubyGem],
        }
    }

    /// Python's netrc refuses the whole file, so requests, pip and Ray read nothing from it.
    pub fn python_reads_nothing(self) -> bool {
        matches!(self, Rule::Bom | Rule::PythonUnknownKeyword)
    }

    /// What the rule means, for docs/check-rules.md.
    pub fn doc(self) -> &'static str {
        match self {
            Rule::ParseError => {
                "netrc-guard's own parser cannot read the file (an unterminated quote, a keyword without its value), so it neither checks nor edits it further. The position is where reading stopped."
            }
            Rule::FileMissing => "There is no netrc file where the readers look.",
            Rule::NotRegularFile => {
                "The netrc path is a FIFO, device or directory: a reader that opens it blocks or fails, and netrc-guard neither reads nor changes it."
            }
            Rule::ModeTooOpen => {
                "Other users may read the file. Python's `netrc.netrc()` (no path given) refuses such a file, and the Ruby gem accepts only 0600 and 0400."
            }
            Rule::ModeUnusual => {
                "The mode is private but neither 0600 nor 0400 (0700, say); the Ruby netrc gem refuses it."
            }
            Rule::OwnerNotUser => {
                "The file belongs to another user; Python's `netrc.netrc()` (no path given) refuses it."
            }
            Rule::WindowsBothFiles => {
                "Both `.netrc` and `_netrc` exist in the home directory: curl and requests read `.netrc`, Go and the Ruby gem `_netrc`, so they use different credentials."
            }
            Rule::Bom => {
                "The file starts with a UTF-8 byte-order mark. Python's netrc refuses the file (requests, pip and Ray read nothing from it); curl 7.88 reads the mark as part of the first word, so that keyword is lost; curl 8.16 fails the file."
            }
            Rule::LineTooLong => {
                "A line of 4095 bytes or more: curl 7.88 (and git through it) skips the whole line, so the entry's words on it are lost."
            }
            Rule::DuplicateDefault => {
                "A second `default` entry: curl uses the first, Python and requests the last."
            }
            Rule::DefaultNotLast => {
                "A machine after `default`: curl matches `default` where it stands and never reaches the machine, Python and requests use `default` only when no machine matches, Go stops reading at `default`."
            }
            Rule::DuplicateMachine => {
                "A second entry for a machine: curl and Go use the first, Python and requests the last."
            }
            Rule::MachineNamedDefault => {
                "A machine named `default`: Python files it as the `default` entry."
            }
            Rule::MachineNotBareHost => {
                "The machine name has a scheme, port, path or brackets: curl and requests look up bare host names, so it never matches."
            }
            Rule::MachineNotLowercase => {
                "The machine name has upper-case letters: requests lower-cases the URL's host and Python compares exactly, so it never matches there."
            }
            Rule::NoCredentials => {
                "An entry with neither login nor password: curl 7.88 sends nothing for it, and a `default` below it does not apply."
            }
            Rule::MissingPassword => {
                "A login without a password: curl 7.88 sends the login with an empty password when no `machine` follows, an empty login and password when one does, and reads on to a `default` below."
            }
            Rule::MissingLogin => {
                "A password without a login: curl 7.88 sends nothing when another `machine` follows, `:password` when none does, and reads on to a `default` below."
            }
            Rule::PythonUnknownKeyword => {
                "`port`, `protocol` or `passwd`: Python's netrc does not know the keyword and refuses the whole file, so requests, pip and Ray read nothing from it."
            }
            Rule::CurlUnknownKeyword => {
                "`user` or `passwd`: curl does not know the keyword, so it sends no login (or no password) from the entry."
            }
            Rule::KeywordAsValue => {
                "A value that is a netrc keyword (`machine`, `default`, `macdef`, `login`...): curl reads it as the keyword when it looks up other hosts."
            }
            Rule::MacdefUnterminated => {
                "A macro not closed by an empty line: Python refuses the file and curl reads the rest of it as the macro."
            }
            Rule::ControlCharacter => {
                "A value holding a control character, which the readers cannot agree on."
            }
            Rule::HashInValue => {
                "A value holding `#`: curl 7.84 to 8.10 (7.88 measured) read a word starting with `#` as a comment, so `password #x` sends an empty password or the next line's first word; the Ruby gem cuts any value at `#`."
            }
            Rule::NonAscii => {
                "A value or machine name with non-ASCII characters, which the readers decode differently."
            }
            Rule::NeedsQuoting => {
                "A quoted value, or one holding whitespace, `\"`, `\\` or `,`: Go, the Ruby gem, curl 7.83 and older and Python 3.10 and older misread it."
            }
            Rule::EmptyPassword => {
                "A login with `password \"\"`: the form `scrub` writes for a token used as the login (`https://TOKEN@host/`), which its clients send with an empty password. curl, git, requests, pip, Ray, uv and Python send exactly that; Go and the Ruby gem read the two quote characters as the password. A note, not a problem: `check` still exits 0 for it. (Leaving the password out is worse: curl 7.88 then sends an empty login when another `machine` follows, and reads on to a `default`.)"
            }
            Rule::ReaderRefusesFile => {
                "One of the modelled readers fails on the whole file and reads nothing from it, for any host (Python's `bad follower token` on a comment after a blank line, curl 8.16's unterminated quote...). The problem names the reader and says why."
            }
            Rule::ReadersDisagree => {
                "For a machine named in the file, the modelled readers send different credentials (or some send none). The problem names the readers of each side and the entries they use, never the values."
            }
        }
    }
}

/// In JSON a rule is its code.
impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// docs/check-rules.md: every rule with its severity, readers and meaning.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# check rules\n\n<!-- Generated from `Rule` in crates/netrc-edit/src/lint/rule.rs; `cargo test` fails when this file differs. -->\n\n`netrc-guard check` reports each problem with one of these codes, its position and a fix,\nand exits 1 when there is any error or warning (a note alone leaves it 0). Errors mean some reader reads nothing (or the wrong thing)\nfrom the file; warnings mean some readers read it differently. Reader names are\n`explain`'s rows (see docs/readers.md).\n",
    );
    for rule in Rule::ALL {
        let severity = match rule.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let readers: Vec<&str> = rule.readers().iter().map(|r| r.name()).collect();
        let readers = match (rule, readers.is_empty()) {
            (Rule::ReaderRefusesFile | Rule::ReadersDisagree, _) => {
                "named in each problem".to_string()
            }
            (_, true) => "none (netrc-guard itself)".to_string(),
            (_, false) => readers.join(", "),
        };
        out.push_str(&format!(
            "\n## `{}`\n\n{severity}; readers: {readers}.\n\n{}\n",
            rule.code(),
            rule.doc()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_listed_once_with_a_unique_code_and_a_doc() {
        let mut codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Rule::ALL.len());
        for rule in Rule::ALL {
            assert!(rule.doc().len() > 30, "{rule:?} is not documented");
            assert!(
                rule.code()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-')
            );
        }
    }
}
