//! How sure a finding is to be a live credential: a function of its class and the reasons
//! that decided it, so that every rule that classifies through [`super::classify`] carries
//! one without further work.

use super::{Class, Reason};

/// How sure a finding is to be a live credential, as reports name it. Ordered: `low` <
/// `medium` < `high`. Scan reports `medium` and `high` by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    // An example: a placeholder, a template, a demo value, or a weak value at an example
    // host. Reported with `--include-examples`.
    Low,
    // A credential whose value is weak, a default, derived from a name, or plain (neither
    // random nor shaped like a chosen password), at a host that may be real.
    Medium,
    // A known token format, or a random or chosen-looking value, at any host.
    High,
}

impl Confidence {
    /// The confidence of a verdict of `class` decided by `reasons` (names, never values).
    pub fn of(class: Class, reasons: &[Reason]) -> Confidence {
        // A value that is itself a secret (random, chosen, a known token format).
        let strong = reasons.iter().any(|r| r.is_strong());
        match class {
            Class::Example => Confidence::Low,
            Class::Credential if strong => Confidence::High,
            Class::Credential => Confidence::Medium,
        }
    }

    /// The name reports print.
    pub fn name(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::uri::classify::TokenFormat;

    #[test]
    fn confidence_follows_class_and_reasons() {
        assert_eq!(
            Confidence::of(
                Class::Credential,
                &[Reason::TokenFormat(TokenFormat::Github)]
            ),
            Confidence::High
        );
        assert_eq!(
            Confidence::of(Class::Credential, &[Reason::HumanPassword]),
            Confidence::High
        );
        assert_eq!(
            Confidence::of(
                Class::Credential,
                &[Reason::UserEqualsPassword, Reason::RealHost]
            ),
            Confidence::Medium
        );
        assert_eq!(
            Confidence::of(Class::Example, &[Reason::LoopbackHost]),
            Confidence::Low
        );
        assert!(Confidence::Low < Confidence::Medium && Confidence::Medium < Confidence::High);
    }
}
