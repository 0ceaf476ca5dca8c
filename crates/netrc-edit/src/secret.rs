//! A string that must never be printed by accident.

use std::fmt;

/// A credential value (password, token). `Debug` and `Display` print a redaction, so a
/// secret that slips into a log line, an error or a `{:?}` shows `***` instead of itself.
/// The value is reachable only through [`Secret::expose`], which makes every use greppable.
/// Ordered and hashed by value, so equal secrets can be told apart without exposing them.
///
/// ```
/// use netrc_edit::Secret;
///
/// let s = Secret::new("hunter2");
/// assert_eq!(format!("{s} {s:?}"), "*** Secret(***)");
/// assert_eq!(format!("{:?}", Some(&s)), "Some(Secret(***))");
/// assert_eq!(s.expose(), "hunter2"); // the one way to the value
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself. Call only where the value is written to a netrc file or printed
    /// because the user asked for it by name (`get --password`).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the value is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_redact() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert!(!format!("{:?}", Some(&s)).contains("hunter2"));
        assert_eq!(s.expose(), "hunter2");
    }
}
