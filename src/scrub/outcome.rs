//! What a scrub run did, as values: the command layer renders them (as text or JSON), the
//! library never words them. None of them holds a credential's value where it could be
//! shown: `Move` keeps the credentials for the netrc and `Stay` its fingerprint material,
//! both left out of `Debug` and of the serialised form.

use serde::{Serialize, Serializer};

pub use super::stay::{Stay, StayReason};
use crate::netrc::Credentials;
use crate::netrc::value::Unportable;
use crate::store::SaveReport;
use crate::text::Place;

/// A credential that moves into the netrc.
#[derive(Debug, Clone, Serialize)]
pub struct Move {
    /// The machine name (as `add` computes it).
    pub host: String,
    /// The host as the URI writes it.
    pub written_host: String,
    #[serde(skip)]
    pub creds: Credentials,
    /// Where the URI is.
    #[serde(serialize_with = "as_place")]
    pub place: Place,
}

/// A credential left in place on purpose.
#[derive(Debug, Clone, Serialize)]
pub struct Left {
    #[serde(serialize_with = "as_place")]
    pub place: Place,
    pub why: LeftReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeftReason {
    /// A placeholder (`user:password`, `<token>`...), not a credential.
    Placeholder,
    /// Its line is marked `netrc-guard: allow`.
    Allowed,
}

/// Which half of a credential a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Login,
    Password,
}

/// Something the netrc will hold that some readers read differently from others.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    /// An empty value, written as `""` so that curl and requests send what the URI sent.
    Empty {
        #[serde(serialize_with = "as_place")]
        place: Place,
        field: Field,
    },
    /// A value written quoted (`--allow-quoted`), which older readers misread.
    Quoted {
        #[serde(serialize_with = "as_place")]
        place: Place,
        field: Field,
        #[serde(serialize_with = "as_display")]
        because: Unportable,
    },
    /// Filed under `host` (curl's and git's name); Python requests looks up `python_host`.
    PythonName {
        #[serde(serialize_with = "as_place")]
        place: Place,
        host: String,
        python_host: String,
    },
}

/// How many credentials, for which hosts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Hosts {
    pub credentials: usize,
    /// Each host once, by name.
    pub hosts: Vec<String>,
}

/// The last word: what moved into the netrc, and what the netrc already held (those
/// credentials are only removed from the files).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// The netrc, as shown; `None` when nothing was to move and it was not read.
    pub netrc: Option<String>,
    pub dry_run: bool,
    /// Credentials new to the netrc (or changed in it, with `--force`).
    pub moved: Hosts,
    /// Credentials the netrc already held as they were: only removed from the files.
    pub already_there: Hosts,
}

/// What a scrub run did.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// Files not UTF-8 and holding no URI, passed over by `--in-place`.
    #[serde(serialize_with = "as_places")]
    pub skipped: Vec<Place>,
    /// Every credential taken out of the files (or that would be, in a dry run), in order.
    pub moves: Vec<Move>,
    pub left: Vec<Left>,
    /// Credentials that stay because the netrc cannot stand in for them: `scrub` is not
    /// done with these files (exit 1).
    pub stays: Vec<Stay>,
    pub warnings: Vec<Warning>,
    /// The scrubbed texts for standard output (without `--in-place`), in input order. They
    /// go out after the netrc is saved.
    #[serde(skip)]
    pub stdout: Vec<String>,
    #[serde(skip)]
    pub saved: Option<SaveReport>,
    pub summary: Summary,
}

/// A place as `{"file", "line", "column"}` (no line or column for a whole file).
pub(super) fn as_place<S: Serializer>(place: &Place, s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Shown<'a> {
        file: std::borrow::Cow<'a, str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        column: Option<usize>,
    }
    Shown {
        file: place.file.to_string_lossy(),
        line: place.position.map(|p| p.line),
        column: place.position.map(|p| p.column),
    }
    .serialize(s)
}

fn as_places<S: Serializer>(places: &[Place], s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct One<'a>(#[serde(serialize_with = "as_place")] &'a Place);
    s.collect_seq(places.iter().map(One))
}

fn as_display<S: Serializer>(value: &impl std::fmt::Display, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

#[cfg(test)]
mod tests {
    use super::super::{Lang, scrub_text};

    const PW: &str = "hunter2-Secret";
    const TOKEN: &str = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

    /// Outcomes and refusals name places, hosts and fields: neither their `Debug` nor their
    /// serialised form holds a value.
    #[test]
    fn no_value_in_debug_or_json() {
        let text = format!(
            "a: https://u:{PW}@h.example/\nb: postgres://u:{PW}@db.example/\nc: https://{TOKEN}@g.example/\n"
        );
        let s = scrub_text("f.yaml", &text, Lang::Yaml).unwrap();
        assert_eq!((s.moves.len(), s.stays.len()), (2, 1));
        let shown = [
            format!("{s:?}"),
            format!("{:?}", s.stays),
            serde_json::to_string(&s.moves).unwrap(),
            serde_json::to_string(&s.stays).unwrap(),
        ];
        for text in shown {
            assert!(!text.contains(PW) && !text.contains(TOKEN), "{text}");
        }
        let two = format!("a: https://u:{PW}@h.example/\nb: https://u:x{PW}@h.example/\n");
        let s = scrub_text("f.yaml", &two, Lang::Yaml).unwrap();
        let mut warnings = Vec::new();
        let e =
            super::super::hosts::one_per_host(s.moves.iter(), false, &mut warnings).unwrap_err();
        let shown = format!("{e:?} {e}");
        assert!(
            shown.contains("TwoCredentials") && !shown.contains(PW),
            "{shown}"
        );
    }
}
