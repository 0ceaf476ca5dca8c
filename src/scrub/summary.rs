//! scrub's last word: what moved into the netrc, and what the netrc already held (those
//! credentials are only removed from the files).

use std::collections::BTreeSet;

use super::outcome::{Hosts, Move, Summary};
use crate::netrc::Upserted;

/// The summary. `hosts` and `outcomes` are in the same order (the netrc change's); `moves`
/// are every credential taken out of the files.
pub(super) fn summary<'a>(
    moves: impl Iterator<Item = &'a Move>,
    hosts: impl Iterator<Item = &'a String>,
    outcomes: &[Upserted],
    netrc: String,
    dry_run: bool,
) -> Summary {
    let already: BTreeSet<&String> = hosts
        .zip(outcomes)
        .filter(|(_, o)| **o == Upserted::Unchanged)
        .map(|(h, _)| h)
        .collect();
    let (old, new): (Vec<&Move>, Vec<&Move>) = moves.partition(|m| already.contains(&m.host));
    Summary {
        netrc: Some(netrc),
        dry_run,
        moved: hosts_of(&new),
        already_there: hosts_of(&old),
    }
}

fn hosts_of(moves: &[&Move]) -> Hosts {
    let hosts: BTreeSet<&String> = moves.iter().map(|m| &m.host).collect();
    Hosts {
        credentials: moves.len(),
        hosts: hosts.into_iter().cloned().collect(),
    }
}
