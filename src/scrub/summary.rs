//! scrub's last word: what moved into the netrc, and what the netrc already held (those
//! credentials are only removed from the files).

use std::collections::BTreeSet;

use super::Move;
use crate::netrc::Upserted;

/// The summary line. `hosts` and `outcomes` are in the same order (the netrc change's);
/// `moves` are every credential taken out of the files.
pub(super) fn summary<'a>(
    moves: impl Iterator<Item = &'a Move>,
    hosts: impl Iterator<Item = &'a String>,
    outcomes: &[Upserted],
    netrc: &str,
    dry_run: bool,
) -> String {
    let already: BTreeSet<&String> = hosts
        .zip(outcomes)
        .filter(|(_, o)| **o == Upserted::Unchanged)
        .map(|(h, _)| h)
        .collect();
    let (old, new): (Vec<&Move>, Vec<&Move>) = moves.partition(|m| already.contains(&m.host));
    let (moved, removed) = if dry_run {
        ("would move", "would remove")
    } else {
        ("moved", "removed")
    };
    let mut parts = Vec::new();
    if !new.is_empty() {
        parts.push(format!(
            "{moved} {} credential(s) for {} into {netrc}",
            new.len(),
            hosts_of(&new)
        ));
    }
    if !old.is_empty() {
        parts.push(format!(
            "{removed} {} credential(s) for {} already in {netrc}",
            old.len(),
            hosts_of(&old)
        ));
    }
    let mut text = parts.join("; ");
    if dry_run {
        text.push_str("; nothing written (dry run)");
    }
    text
}

fn hosts_of(moves: &[&Move]) -> String {
    let hosts: BTreeSet<&String> = moves.iter().map(|m| &m.host).collect();
    some_hosts(hosts.into_iter())
}

/// The first few hosts by name, and how many more: a summary stays one readable line.
fn some_hosts<'a>(hosts: impl ExactSizeIterator<Item = &'a String>) -> String {
    const SHOWN: usize = 5;
    let total = hosts.len();
    let out: Vec<&str> = hosts.take(SHOWN).map(String::as_str).collect();
    let mut text = out.join(", ");
    if total > SHOWN {
        text.push_str(&format!(" and {} more host(s)", total - SHOWN));
    }
    text
}
