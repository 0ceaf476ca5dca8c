//! Findings by confidence: each one's, from the verdict it carries, and the cut that
//! `--min-confidence` (and the default, medium) makes.

use super::Located;
use crate::uri::Confidence;

impl Located {
    /// How sure the classifier is that this is a live credential.
    pub fn confidence(&self) -> Confidence {
        Confidence::of(self.class, &self.reasons)
    }
}

/// Keeps the findings of confidence `min` or higher, in order.
pub fn keep_at_least(findings: &mut Vec<Located>, min: Confidence) {
    findings.retain(|f| f.confidence() >= min);
}
