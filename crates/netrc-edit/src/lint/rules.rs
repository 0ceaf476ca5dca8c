//! The rules of `check_document`, one function per kind of problem. Each names the readers
//! that would misread the file, from their source or as measured (curl 7.88.1, CPython 3.11).

use std::collections::HashMap;

use super::{Problem, Rule};
use crate::Position;
use crate::document::{Document, Entry};
use crate::host::{self, NameIssue};
use crate::syntax::{BOM, EntryKind, Key, TokenKind};
use crate::value::{self, Unportable};

/// The longest line curl 7.88 reads, in bytes before its `\n` (a `\r` counts): it skips a
/// longer one whole (measured: 4094 is read, 4095 is not).
pub const CURL_MAX_LINE: usize = 4094;

/// Python (and so requests, pip and Ray) reading nothing from the file, for any host.
const PYTHON_READS_NOTHING: &str = "Python's netrc refuses the whole file, so requests, pip and Ray read nothing from it for any host";

fn at(doc: &Document, token: usize) -> Position {
    doc.token_position(token)
}

/// A byte-order mark before the first keyword.
pub(super) fn bom(doc: &Document, out: &mut Vec<Problem>) {
    if doc.as_str().starts_with(BOM) {
        out.push(Problem::new(
            Rule::Bom,
            Position { line: 1, column: 1 },
            format!("the file starts with a UTF-8 byte-order mark: {PYTHON_READS_NOTHING}, and curl 7.88 skips the first entry"),
            "save the file without the byte-order mark",
        ));
    }
}

/// Lines curl skips.
pub(super) fn long_lines(doc: &Document, out: &mut Vec<Problem>) {
    for (i, line) in doc.as_str().split('\n').enumerate() {
        if line.len() > CURL_MAX_LINE {
            out.push(Problem::new(
                Rule::LineTooLong,
                Position {
                    line: i + 1,
                    column: 1,
                },
                format!("the line is {} bytes long: curl 7.88 (and git through libcurl) skips every line over {CURL_MAX_LINE} bytes, so it reads none of its words", line.len()),
                "put the entry's words on lines of their own, or use a shorter value",
            ));
        }
    }
}

/// What comes before in the file, for the rules about order.
#[derive(Default)]
pub(super) struct Seen {
    machines: HashMap<String, usize>,
    default_line: Option<usize>,
}

/// Duplicates, and machines after `default`.
pub(super) fn order(entry: &Entry<'_>, seen: &mut Seen, out: &mut Vec<Problem>) {
    let p = entry.position();
    let pos = p;
    match entry.kind() {
        EntryKind::Default => match seen.default_line {
            Some(first) => out.push(Problem::new(
                Rule::DuplicateDefault,
                pos,
                format!("a second `default` entry (the first is on line {first}): curl uses the first, Python and requests the last"),
                "keep one `default` entry",
            )),
            None => seen.default_line = Some(p.line),
        },
        EntryKind::Machine => {
            if let Some(d) = seen.default_line {
                out.push(Problem::new(
                    Rule::DefaultNotLast,
                    pos,
                    format!("a machine after `default` (line {d}): curl matches `default` where it stands, so it never reaches this machine (nor does `netrc-guard get`); Python and requests use `default` only when no machine matches, so they do; Go stops reading at `default`"),
                    "move the `default` entry to the end of the file",
                ));
            }
            let key = entry.machine().unwrap_or_default().to_ascii_lowercase();
            match seen.machines.get(&key) {
                Some(first) => out.push(Problem::new(
                    Rule::DuplicateMachine,
                    pos,
                    format!("a second entry for this machine (the first is on line {first}): curl and Go use the first, Python and requests the last"),
                    "remove one of the entries (`netrc-guard remove` removes the first)",
                )),
                None => {
                    seen.machines.insert(key, p.line);
                }
            }
        }
        EntryKind::Macro => {}
    }
}

/// A machine name that is not what `netrc-guard add` would write for it.
pub(super) fn machine_name(entry: &Entry<'_>, out: &mut Vec<Problem>) {
    let (Some(name), EntryKind::Machine) = (entry.machine(), entry.kind()) else {
        return;
    };
    let p = entry.position();
    let (rule, message, fix) = match host::machine_name_issue(&name) {
        None => return,
        Some(NameIssue::NamedDefault) => (
            Rule::MachineNamedDefault,
            "a machine named `default`: Python files it as the `default` entry, and it is easily confused with it",
            "remove it, or use a real host name",
        ),
        Some(NameIssue::NotBareHost) => (
            Rule::MachineNotBareHost,
            "the machine name is not a bare host name (a scheme, port, path, brackets or an unusual address form); curl and requests look up bare, normalised host names",
            "write the bare host name (`netrc-guard add` writes it)",
        ),
        Some(NameIssue::NotLowercase) => (
            Rule::MachineNotLowercase,
            "the machine name has upper-case letters; requests lower-cases the URL's host and Python compares exactly, so it never matches there",
            "write the host name in lower case",
        ),
    };
    out.push(Problem::new(rule, p, message, fix));
}

/// An entry without a login or a password.
pub(super) fn credentials(entry: &Entry<'_>, out: &mut Vec<Problem>) {
    if entry.kind() == EntryKind::Macro {
        return;
    }
    let p = entry.position();
    let pos = p;
    let problem = match (entry.login().is_some(), entry.password().is_some()) {
        (true, true) => return,
        (false, false) => Problem::new(
            Rule::NoCredentials,
            pos,
            "the entry has neither login nor password",
            "add them with `netrc-guard add --force`, or remove the entry",
        ),
        (true, false) => Problem::new(
            Rule::MissingPassword,
            pos,
            "the entry has a login but no password; curl 7.88 sends the login with an empty password when no `machine` follows, an empty login and password when one does, and reads on to a `default` below",
            "add a password (`password \"\"` for a token used as the login)",
        ),
        (false, true) => Problem::new(
            Rule::MissingLogin,
            pos,
            "the entry has a password but no login; curl 7.88 sends nothing when another `machine` follows, and reads on to a `default` below",
            "add a login (`login \"\"` for an empty user name)",
        ),
    };
    out.push(problem);
}

/// Keywords one reader does not know, values another reads as keywords, open macros.
pub(super) fn fields(doc: &Document, entry: &Entry<'_>, out: &mut Vec<Problem>) {
    for f in &entry.syntax().fields {
        let keyword = doc.raw(f.key_token);
        if matches!(f.key, Key::Port | Key::Protocol | Key::Passwd) {
            out.push(Problem::new(
                Rule::PythonUnknownKeyword,
                at(doc, f.key_token),
                format!(
                    "`{keyword}` is not a keyword Python's netrc knows: {PYTHON_READS_NOTHING}"
                ),
                if f.key == Key::Passwd {
                    "write `password` instead"
                } else {
                    "remove the field and its value (curl ignores it)"
                },
            ));
        }
        if matches!(f.key, Key::User | Key::Passwd) {
            let (sends, instead, python) = if f.key == Key::User {
                ("no login", "login", " (Python reads it as `login`)")
            } else {
                ("no password", "password", "")
            };
            out.push(Problem::new(
                Rule::CurlUnknownKeyword,
                at(doc, f.key_token),
                format!("curl 7.88 does not know `{keyword}`, so it sends {sends} from this entry{python}"),
                format!("write `{instead}` instead"),
            ));
        }
        if f.key != Key::Macdef
            && value::curl_reads_as_keyword(
                &doc.value_of(f.value_token),
                matches!(f.key, Key::Login | Key::Password),
            )
        {
            out.push(Problem::new(
                Rule::KeywordAsValue,
                at(doc, f.value_token),
                format!("the value of `{keyword}` is a netrc keyword: curl 7.88 and Python read it as the value for this machine, but curl reads it as the keyword when it looks up other hosts (or, after a field curl does not know, here too): `default` then matches every host, `machine` hides the next entry, `macdef` the lines up to the next empty one"),
                "use a value that is not a netrc keyword",
            ));
        }
        if let Some(body) = f.body_token
            && doc.tokens()[body].kind == (TokenKind::MacroBody { terminated: false })
        {
            out.push(Problem::new(
                Rule::MacdefUnterminated,
                at(doc, f.key_token),
                "the macro is not closed by an empty line; Python refuses the file, curl reads the rest as the macro, and netrc-guard will not edit past it",
                "add an empty line after the macro's last line",
            ));
        }
    }
}

/// The values of an entry (and its machine name) that readers read differently.
pub(super) fn values(doc: &Document, entry: &Entry<'_>, out: &mut Vec<Problem>) {
    let named = entry.syntax().name_token.map(|t| ("machine name", t));
    let fields = entry.syntax().fields.iter().filter_map(|f| {
        let what = match f.key {
            Key::Login | Key::User => "login",
            Key::Password | Key::Passwd => "password",
            Key::Account => "account",
            _ => return None,
        };
        Some((what, f.value_token))
    });
    for (what, token) in named.into_iter().chain(fields) {
        value(doc, what, token, out);
    }
}

fn value(doc: &Document, what: &str, token: usize, out: &mut Vec<Problem>) {
    let pos = at(doc, token);
    let value = doc.value_of(token);
    let Ok(reason) = value::classify(&value) else {
        out.push(Problem::new(
            Rule::ControlCharacter,
            pos,
            format!("the {what} contains a control character, which readers cannot agree on"),
            "replace the value",
        ));
        return;
    };
    if value.contains('#') {
        out.push(Problem::new(
            Rule::HashInValue,
            pos,
            format!("the {what} contains `#`: curl 7.84 to 8.10 read a word starting with `#` as a comment and the Ruby gem cuts the value there"),
            "use a value without `#`",
        ));
    }
    if !value.is_ascii() {
        out.push(Problem::new(
            Rule::NonAscii,
            pos,
            format!("the {what} contains non-ASCII characters; readers decode them differently"),
            "use an ASCII value (IDNA punycode for host names)",
        ));
    }
    if what == "password" && doc.raw(token) == "\"\"" {
        out.push(Problem::new(
            Rule::EmptyPassword,
            pos,
            "the password is `\"\"`, empty as a URL with a token for its login sends it; Go (cmd/go) and the Ruby netrc gem read the two quote characters instead".to_string(),
            "nothing to do for curl, git, requests, pip, Ray, uv and Python",
        ));
        return;
    }
    let quoted = doc.raw(token).starts_with('"');
    let needs_quotes = matches!(
        reason,
        Some(
            Unportable::Quote | Unportable::Backslash | Unportable::Comma | Unportable::Whitespace
        )
    );
    if quoted || needs_quotes {
        out.push(Problem::new(
            Rule::NeedsQuoting,
            pos,
            format!(
                "the {what} is quoted or holds a character that needs quoting; {} misread it",
                value::QUOTE_BREAKS
            ),
            "use a value of plain ASCII without whitespace, `#`, `\"`, `\\` or `,`",
        ));
    }
}
