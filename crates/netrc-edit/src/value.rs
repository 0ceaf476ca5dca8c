//! Which values every netrc reader reads the same way, and how to write the others.

use std::fmt;

/// Readers that misread a quoted value (see `netrc-readers.md`).
pub const QUOTE_BREAKS: &str = "curl <= 7.83, Python <= 3.10, Go (cmd/go) and the Ruby netrc gem";

/// Why a value cannot be written as a plain word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unportable {
    /// It is empty.
    Empty,
    /// It contains whitespace.
    Whitespace,
    /// It contains `#`.
    Hash,
    /// It contains `"`.
    Quote,
    /// It contains `\`.
    Backslash,
    /// It contains `,`.
    Comma,
    /// It contains non-ASCII characters.
    NonAscii,
}

impl fmt::Display for Unportable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unportable::Empty => "it is empty",
            Unportable::Whitespace => "it contains whitespace",
            Unportable::Hash => "it contains `#`",
            Unportable::Quote => "it contains `\"`",
            Unportable::Backslash => "it contains `\\`",
            Unportable::Comma => "it contains `,`",
            Unportable::NonAscii => "it contains non-ASCII characters",
        })
    }
}

/// Whether curl 7.88 reads `value` as a keyword instead of a value somewhere (measured
/// against a loopback server). While it looks up a host, curl reads the words of every other
/// entry as keywords, in any case: a value `default` there matches every host, `machine`
/// starts an entry and `macdef` a macro that swallows the lines up to the next empty one.
/// The value of a field curl does not know (`account`, `user`, `passwd`, `port`, `protocol`)
/// is read as a keyword even in the entry it looks up, so `login` and `password` count too.
/// No quoting helps: curl compares the unquoted word.
pub fn curl_reads_as_keyword(value: &str, curl_knows_field: bool) -> bool {
    let word = value.to_ascii_lowercase();
    matches!(word.as_str(), "machine" | "default" | "macdef")
        || (!curl_knows_field && matches!(word.as_str(), "login" | "password"))
}

/// Why a value cannot go into the netrc as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// It contains a control character, which no reader can read.
    ControlCharacter,
    /// It needs quoting, and quoting was not allowed.
    NeedsQuoting(Unportable),
}

/// A value that can be written, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    /// Written as a plain word, as every reader reads it.
    Plain,
    /// Written quoted, as allowed: the readers in [`QUOTE_BREAKS`] misread it.
    Quoted(Unportable),
}

/// Whether `value` may be written: control characters never; a value that needs quoting
/// only when `allow_quoted`.
pub fn accept(value: &str, allow_quoted: bool) -> Result<Accepted, Refused> {
    match classify(value) {
        Err(ControlCharacter) => Err(Refused::ControlCharacter),
        Ok(None) => Ok(Accepted::Plain),
        Ok(Some(reason)) if allow_quoted => Ok(Accepted::Quoted(reason)),
        Ok(Some(reason)) => Err(Refused::NeedsQuoting(reason)),
    }
}

impl Refused {
    /// The sentence for `field` ("login", "password"...); never the value.
    pub fn message(self, field: &str) -> String {
        match self {
            Refused::ControlCharacter => format!(
                "the {field} contains a control character, which no netrc reader can read; nothing changed"
            ),
            Refused::NeedsQuoting(reason) => format!(
                "the {field} cannot be written portably because {reason}: {QUOTE_BREAKS} misread quoted values; pass --allow-quoted to write it quoted anyway; nothing changed"
            ),
        }
    }
}

impl Accepted {
    /// The warning a quoted value deserves, if any.
    pub fn warning(self, field: &str) -> Option<String> {
        match self {
            Accepted::Plain => None,
            Accepted::Quoted(reason) => Some(format!(
                "the {field} is written quoted because {reason}; {QUOTE_BREAKS} misread it"
            )),
        }
    }
}

/// A value that no reader can be given (control characters have no portable form).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ControlCharacter;

/// `Ok(None)` for a portable value, `Ok(Some(reason))` for one that needs quoting.
pub(crate) fn classify(value: &str) -> Result<Option<Unportable>, ControlCharacter> {
    if value.chars().any(char::is_control) {
        return Err(ControlCharacter);
    }
    Ok(if value.is_empty() {
        Some(Unportable::Empty)
    } else if value.chars().any(char::is_whitespace) {
        Some(Unportable::Whitespace)
    } else if value.contains('#') {
        Some(Unportable::Hash)
    } else if value.contains('"') {
        Some(Unportable::Quote)
    } else if value.contains('\\') {
        Some(Unportable::Backslash)
    } else if value.contains(',') {
        Some(Unportable::Comma)
    } else if !value.is_ascii() {
        Some(Unportable::NonAscii)
    } else {
        None
    })
}

/// The text to write for `value`: the value itself when portable, quoted with `\"` and `\\`
/// escapes otherwise. Callers decide whether quoting is allowed (see [`accept`]).
pub fn encode(value: &str) -> String {
    match classify(value) {
        Ok(None) => value.to_string(),
        _ => {
            let mut out = String::with_capacity(value.len() + 2);
            out.push('"');
            for c in value.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::unquote;

    #[test]
    fn portable_values_are_written_bare() {
        for v in ["tok", "p@ss:w%rd!/", "ghp_abc", "a=b&c;d$e*f+g"] {
            assert_eq!(classify(v), Ok(None), "{v}");
            assert_eq!(encode(v), v);
        }
    }

    #[test]
    fn others_are_quoted_and_round_trip() {
        for v in ["a b", "a#b", "a\"b", "a\\b", "a,b", "", "päss"] {
            assert!(classify(v).unwrap().is_some(), "{v}");
            assert_eq!(unquote(&encode(v)), v);
        }
    }

    #[test]
    fn keywords_curl_misreads() {
        for v in ["machine", "Default", "MACDEF"] {
            assert!(curl_reads_as_keyword(v, true), "{v}");
        }
        assert!(!curl_reads_as_keyword("login", true));
        assert!(curl_reads_as_keyword("Login", false));
        assert!(curl_reads_as_keyword("password", false));
        assert!(!curl_reads_as_keyword("machines", false));
        assert!(!curl_reads_as_keyword("account", false));
    }

    #[test]
    fn control_characters_are_refused() {
        assert_eq!(classify("a\tb"), Err(ControlCharacter));
        assert_eq!(classify("a\u{7f}"), Err(ControlCharacter));
    }
}
