//! What one URI cannot show: the same weak credential written over and over in one buffer
//! is a test fixture (`redis://:bosco@vandelay.com` through a test file), not a leak.

use std::collections::HashMap;

use super::{Class, Confidence, Reason};
use crate::uri::Finding;

/// How many times a credential of medium confidence may appear in one buffer before it
/// reads as a fixture. Live credentials appear once or twice per file (one per service);
/// fixtures repeat. High-confidence values are never demoted.
pub const FIXTURE_REPEATS: usize = 5;

/// Demotes to examples the medium-confidence findings whose user and password appear
/// [`FIXTURE_REPEATS`] times or more in `found` (one buffer), with the reason
/// `repeated-fixture`.
pub fn demote_repeated(found: &mut [Finding]) {
    let key = |f: &Finding| {
        (
            f.user.expose().to_string(),
            f.password.as_ref().map(|p| p.expose().to_string()),
        )
    };
    let mut counts: HashMap<(String, Option<String>), usize> = HashMap::new();
    for f in found
        .iter()
        .filter(|f| f.verdict.confidence() == Confidence::Medium)
    {
        *counts.entry(key(f)).or_default() += 1;
    }
    if counts.values().all(|&n| n < FIXTURE_REPEATS) {
        return;
    }
    for f in found.iter_mut() {
        if f.verdict.confidence() == Confidence::Medium && counts[&key(f)] >= FIXTURE_REPEATS {
            f.verdict.class = Class::Example;
            f.verdict.reasons.push(Reason::RepeatedFixture);
            for h in &mut f.hosts {
                if h.verdict.confidence() == Confidence::Medium {
                    h.verdict.class = Class::Example;
                    h.verdict.reasons.push(Reason::RepeatedFixture);
                }
            }
        }
    }
}
