//! A credential that stays where it is: its client never reads a netrc, or part of it is
//! filled in at run time.

use serde::Serialize;

use crate::secret::Secret;
use crate::text::Place;

/// Where it is and why it stays, and what a configuration may accept it by: its scheme,
/// host, and the baseline fingerprint's parts.
#[derive(Debug, Clone, Serialize)]
pub struct Stay {
    #[serde(serialize_with = "super::outcome::as_place")]
    pub place: Place,
    pub why: StayReason,
    /// The file as named on the command line.
    #[serde(skip)]
    pub path: String,
    /// The scheme, lower-case.
    pub scheme: String,
    /// The scheme as the URI writes it.
    #[serde(skip)]
    pub written_scheme: String,
    /// The netrc machine name, or the host as written when it has none.
    pub host: String,
    /// The fingerprint material of its userinfo (`scan::baseline::credential`): never shown.
    #[serde(skip)]
    pub credential: Secret,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StayReason {
    /// Its client never reads a netrc; where the credential belongs instead.
    NoNetrcReader { where_it_belongs: &'static str },
    /// Part of it is filled in when the program runs (a variable, format field or
    /// template): a netrc holds literal values only.
    FilledAtRunTime,
}

impl Stay {
    /// The credential `finding` at `place` in the file `name`, staying for `why`.
    pub(super) fn new(
        name: &str,
        place: Place,
        why: StayReason,
        finding: &crate::uri::Finding,
    ) -> Stay {
        Stay {
            place,
            why,
            path: name.to_string(),
            scheme: finding.scheme.to_ascii_lowercase(),
            written_scheme: finding.scheme.clone(),
            host: finding
                .machine
                .clone()
                .unwrap_or_else(|| crate::uri::strip_port(&finding.host).into()),
            credential: crate::scan::baseline::credential(&finding.user, finding.password.as_ref()),
        }
    }
}
