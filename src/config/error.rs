//! Why a configuration file was refused: typed, each at its `text::Place`, never quoting a
//! value (an unknown key is named only when it reads as a plain word). Its `Display` is the
//! sentence `messages::error` prints.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::store::SpecialKind;
use crate::text::Place;

/// The table an unknown key was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// `.netrc-guard.toml` itself.
    File,
    /// `[tool.netrc-guard]` in pyproject.toml.
    Pyproject,
    Accept,
}

/// A key of `accept`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptKey {
    Schemes,
    Hosts,
    Fingerprints,
}

impl AcceptKey {
    pub(crate) fn named(key: &str) -> Option<AcceptKey> {
        match key {
            "schemes" => Some(AcceptKey::Schemes),
            "hosts" => Some(AcceptKey::Hosts),
            "fingerprints" => Some(AcceptKey::Fingerprints),
            _ => None,
        }
    }
}

impl fmt::Display for AcceptKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AcceptKey::Schemes => "schemes",
            AcceptKey::Hosts => "hosts",
            AcceptKey::Fingerprints => "fingerprints",
        })
    }
}

#[derive(Debug)]
pub enum ConfigError {
    Unreadable {
        file: PathBuf,
        source: io::Error,
    },
    Special {
        file: PathBuf,
        kind: SpecialKind,
    },
    NotUtf8 {
        place: Place,
    },
    /// Not TOML: the parser's own message (what it expected), never the line.
    Syntax {
        place: Place,
        message: String,
    },
    /// `tool.netrc-guard` is not a table.
    NotATable {
        place: Place,
    },
    /// A key the configuration does not have; `key` only when it reads as a plain word.
    UnknownKey {
        place: Place,
        key: Option<String>,
        table: Table,
    },
    BaselineNotAString {
        place: Place,
    },
    AcceptNotATable {
        place: Place,
    },
    FingerprintsNeedBaseline {
        place: Place,
    },
    /// A value of `accept.KEY` that could never match anything.
    NotAcceptable {
        place: Place,
        key: AcceptKey,
    },
    NotAnArrayOfStrings {
        place: Place,
        key: String,
    },
    NotAString {
        place: Place,
        key: String,
    },
    /// An `exclude` pattern the glob parser refused, with its reason.
    BadPattern {
        place: Place,
        why: String,
    },
    BadPatterns {
        place: Place,
    },
}

impl ConfigError {
    pub(crate) fn unknown_key(place: Place, key: &str, table: Table) -> ConfigError {
        ConfigError::UnknownKey {
            place,
            key: crate::uri::plain_word(key).then(|| key.to_string()),
            table,
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Unreadable { file, .. } => {
                write!(f, "{}: cannot read the configuration", file.display())
            }
            ConfigError::Special { file, kind } => write!(
                f,
                "{}: cannot read the configuration: {kind} is not a regular file",
                file.display()
            ),
            ConfigError::NotUtf8 { place } => write!(f, "{place}: not UTF-8 text"),
            ConfigError::Syntax { place, message } => write!(f, "{place}: {message}"),
            ConfigError::NotATable { place } => write!(
                f,
                "{place}: `tool.netrc-guard` must be a table (`[tool.netrc-guard]`), not an array of tables or a value"
            ),
            ConfigError::UnknownKey { place, key, table } => {
                let shown = key.as_ref().map(|k| format!(" `{k}`")).unwrap_or_default();
                let (name, known) = match table {
                    Table::File => ("the configuration", "exclude, baseline, accept"),
                    Table::Pyproject => ("tool.netrc-guard", "exclude, baseline, accept"),
                    Table::Accept => ("accept", "schemes, hosts, fingerprints"),
                };
                write!(f, "{place}: unknown key{shown} in {name} (known: {known})")
            }
            ConfigError::BaselineNotAString { place } => {
                write!(f, "{place}: `baseline` must be a string (a path)")
            }
            ConfigError::AcceptNotATable { place } => write!(
                f,
                "{place}: `accept` must be a table (schemes, hosts, fingerprints)"
            ),
            ConfigError::FingerprintsNeedBaseline { place } => write!(
                f,
                "{place}: `accept.fingerprints` needs `baseline`: fingerprints are keyed by its salt"
            ),
            ConfigError::NotAcceptable { place, key } => {
                let why = match key {
                    AcceptKey::Schemes => "a scheme is a name such as `postgresql`, without `://`",
                    AcceptKey::Hosts => {
                        "a host is named as in a netrc: the host alone, no scheme, port, path or login"
                    }
                    AcceptKey::Fingerprints => {
                        "a fingerprint is hexadecimal, as the baseline file gives it"
                    }
                };
                write!(f, "{place}: `accept.{key}`: {why}")
            }
            ConfigError::NotAnArrayOfStrings { place, key } => {
                write!(f, "{place}: `{key}` must be an array of strings")
            }
            ConfigError::NotAString { place, key } => {
                write!(f, "{place}: `{key}` must hold strings only")
            }
            ConfigError::BadPattern { place, why } => write!(f, "{place}: `exclude`: {why}"),
            ConfigError::BadPatterns { place } => {
                write!(f, "{place}: `exclude`: not valid patterns")
            }
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConfigError::Unreadable { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Position;
    use std::path::Path;

    fn refused(text: &str) -> ConfigError {
        crate::config::parse(text, Path::new("c.toml"), false).unwrap_err()
    }

    #[test]
    fn an_unknown_key_is_placed_and_named_when_it_reads_as_a_word() {
        let e = refused("exclude = []\nshemes = 1\n");
        let ConfigError::UnknownKey { place, key, table } = &e else {
            panic!("{e:?}");
        };
        assert_eq!(*place, Place::at("c.toml", Position { line: 2, column: 1 }));
        assert_eq!((key.as_deref(), *table), (Some("shemes"), Table::File));
        let e = refused("[accept]\nschemes = [\"postgresql://\"]\n");
        assert!(
            matches!(
                &e,
                ConfigError::NotAcceptable { place, key: AcceptKey::Schemes }
                    if place.position == Some(Position { line: 2, column: 12 })
            ),
            "{e:?}"
        );
    }

    /// A token pasted in as a key is in neither the Debug nor the Display.
    #[test]
    fn a_token_shaped_key_is_never_shown() {
        let token = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
        let e = refused(&format!("{token} = 1\n"));
        assert!(matches!(e, ConfigError::UnknownKey { key: None, .. }));
        for shown in [format!("{e:?}"), e.to_string()] {
            assert!(!shown.contains(token), "{shown}");
        }
    }
}
