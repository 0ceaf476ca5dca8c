//! A credential that stays where it is: its client never reads a netrc, or part of it is filled in at run time.

use crate::secret::Secret;

/// Where it is and why it stays (`file:line:col: ...`), and what a configuration may
/// accept it by: its scheme, host, and the baseline fingerprint's parts.
#[derive(Debug, Clone)]
pub struct Stay {
    pub message: String,
    /// The file as named on the command line.
    pub path: String,
    pub scheme: String,
    /// The netrc machine name, or the host as written when it has none.
    pub host: String,
    /// The fingerprint material of its userinfo (`scan::baseline::credential`): never shown.
    pub credential: Secret,
}

impl Stay {
    /// The credential `finding` at `place` in `name`, which belongs elsewhere.
    pub(super) fn new(
        name: &str,
        place: &str,
        belongs: impl std::fmt::Display,
        finding: &crate::uri::Finding,
    ) -> Stay {
        let message = format!(
            "{place}: a {} credential stays where it is: {belongs}",
            finding.scheme
        );
        Stay::with_message(name, message, finding)
    }

    /// The credential `finding` at `place`, part of which the program fills in when it runs:
    /// a netrc holds literal values only.
    pub(super) fn filled_at_run_time(
        name: &str,
        place: &str,
        finding: &crate::uri::Finding,
    ) -> Stay {
        let message = format!(
            "{place}: part of this credential is filled in when the program runs (a variable, format field or template); it stays where it is, since a netrc holds literal values only"
        );
        Stay::with_message(name, message, finding)
    }

    fn with_message(name: &str, message: String, finding: &crate::uri::Finding) -> Stay {
        Stay {
            message,
            path: name.to_string(),
            scheme: finding.scheme.to_ascii_lowercase(),
            host: finding
                .machine
                .clone()
                .unwrap_or_else(|| crate::uri::strip_port(&finding.host).into()),
            credential: crate::scan::baseline::credential(&finding.user, finding.password.as_ref()),
        }
    }
}

impl std::fmt::Display for Stay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
