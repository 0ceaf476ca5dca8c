//! One credential per host: the netrc holds one, so two different ones for a host, or a
//! different one already in the netrc, are refused; and each value is checked once, where
//! it first appears, for what the netrc's readers make of it.

use std::collections::BTreeMap;

use super::error::ScrubError;
use super::outcome::{Field, Move, Warning};
use crate::netrc::value;
use crate::netrc::{Document, Target};
use crate::secret::Secret;
use crate::store::Store;
use crate::text::Place;

/// Whether a moved value may be written; a warning when some readers will misread it.
fn check_value(
    place: &Place,
    field: Field,
    value: &str,
    allow_quoted: bool,
) -> Result<Option<Warning>, ScrubError> {
    let place = place.clone();
    if value.is_empty() {
        // The URI's own shape needs it (see `credentials_of`), so it is not refused.
        return Ok(Some(Warning::Empty { place, field }));
    }
    if value::curl_reads_as_keyword(value, true) {
        // Refused here as the edit would refuse it, but with where the credential is.
        return Err(ScrubError::Keyword { place, field });
    }
    match value::accept(value, allow_quoted) {
        Err(refused) => Err(ScrubError::Refused {
            place,
            field,
            refused,
        }),
        Ok(value::Accepted::Plain) => Ok(None),
        Ok(value::Accepted::Quoted(because)) => Ok(Some(Warning::Quoted {
            place,
            field,
            because,
        })),
    }
}

/// The credential each host gets; two different ones for a host is an error. Each value
/// is checked once, where it first appears.
pub(super) fn one_per_host<'a>(
    moves: impl Iterator<Item = &'a Move>,
    allow_quoted: bool,
    warnings: &mut Vec<Warning>,
) -> Result<BTreeMap<String, Move>, ScrubError> {
    let mut by_host: BTreeMap<String, Move> = BTreeMap::new();
    for m in moves {
        match by_host.get(&m.host) {
            Some(first) if first.creds != m.creds => {
                return Err(ScrubError::TwoCredentials {
                    first: first.place.clone(),
                    second: Box::new(m.place.clone()),
                    host: m.host.clone(),
                });
            }
            Some(_) => {}
            None => {
                let creds = &m.creds;
                for (field, value) in [
                    (Field::Login, creds.login.as_deref()),
                    (Field::Password, creds.password.as_ref().map(Secret::expose)),
                ] {
                    warnings.extend(check_value(
                        &m.place,
                        field,
                        value.unwrap_or_default(),
                        allow_quoted,
                    )?);
                }
                let python_host =
                    crate::netrc::host::python_hostname(&format!("http://{}/", m.written_host));
                if python_host != m.host {
                    warnings.push(Warning::PythonName {
                        place: m.place.clone(),
                        host: m.host.clone(),
                        python_host,
                    });
                }
                by_host.insert(m.host.clone(), m.clone());
            }
        }
    }
    Ok(by_host)
}

/// The netrc holds other credentials for `target`: where, and where the file's are.
pub(super) fn conflict(
    doc: &Document,
    store: &Store,
    target: &str,
    by_host: &BTreeMap<String, Move>,
) -> ScrubError {
    let at = doc
        .find(Target::Machine(target))
        .map(|e| e.position())
        .unwrap_or_default();
    ScrubError::Conflict {
        netrc: Place::at(store.display(), at),
        host: target.to_string(),
        from: by_host.get(target).map(|m| Box::new(m.place.clone())),
    }
}
