//! How sure a finding is to be a live credential: a function of its class and the reasons
//! that decided it, so that every rule that classifies through [`super::classify`] carries
//! one without further work.

use super::Class;

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

/// Reasons that say the value itself is a secret: random, chosen, or a known token format.
const STRONG_REASONS: &[&str] = &["long-hex", "high-entropy", "human-password", "random-mix"];

impl Confidence {
    /// The confidence of a verdict of `class` decided by `reasons` (names, never values).
    pub fn of(class: Class, reasons: &[&str]) -> Confidence {
        let strong = reasons
            .iter()
            .any(|r| r.starts_with("token-format:") || STRONG_REASONS.contains(r));
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

    #[test]
    fn confidence_follows_class_and_reasons() {
        assert_eq!(
            Confidence::of(Class::Credential, &["token-format:github"]),
            Confidence::High
        );
        assert_eq!(
            Confidence::of(Class::Credential, &["human-password"]),
            Confidence::High
        );
        assert_eq!(
            Confidence::of(Class::Credential, &["user-equals-password", "real-host"]),
            Confidence::Medium
        );
        assert_eq!(
            Confidence::of(Class::Example, &["loopback-host"]),
            Confidence::Low
        );
        assert!(Confidence::Low < Confidence::Medium && Confidence::Medium < Confidence::High);
    }
}
