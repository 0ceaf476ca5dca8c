//! What scrub settles before it writes anything: that no source is the netrc itself, and
//! what the netrc must answer for each moved credential (the check every write makes).

use std::collections::BTreeMap;
use std::path::Path;

use super::{Move, ScrubError};
use crate::readers::verify::{Expect, Intent};
use crate::store::{self, Store};

/// A source that is the netrc itself (by another name, a link, a hard link, or standard
/// input redirected from it) would give
/// its credential to itself and then be overwritten by its own scrubbed text: refused.
pub(super) fn refuse_the_netrc_as_a_source(
    args: &[String],
    store: &Store,
) -> Result<(), ScrubError> {
    for arg in args {
        // Standard input redirected from the netrc (`scrub < ~/.netrc`) is the netrc too.
        let path = if arg == "-" {
            if !cfg!(target_os = "linux") {
                continue;
            }
            Path::new("/dev/stdin")
        } else {
            Path::new(arg)
        };
        if store::same_file(path, store.path()) {
            return Err(ScrubError::IsTheNetrc {
                source: crate::text::Place::file(arg),
                netrc: store.display(),
            });
        }
    }
    Ok(())
}

/// What the netrc must answer for each moved credential.
pub(super) fn intents_of(by_host: &BTreeMap<String, Move>) -> Vec<Intent> {
    by_host
        .iter()
        .map(|(host, m)| Intent {
            machine: Some(host.clone()),
            expect: Expect::Sends {
                login: m.creds.login.clone().unwrap_or_default(),
                password: m.creds.password.clone().unwrap_or_default(),
            },
        })
        .collect()
}
