//! What Kubernetes accepts as names and Secret keys, checked before anything
//! goes into a manifest (the API server would refuse it only at `kubectl apply`).

use anyhow::{Result, bail};

/// A DNS-1123 label: lower-case alphanumerics and `-`, alphanumeric at both ends, at most 63
/// (volume names, namespaces).
pub fn is_dns1123_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// A DNS-1123 subdomain: labels joined by `.`, at most 253 (object names such as a Secret's).
pub fn is_dns1123_subdomain(s: &str) -> bool {
    s.len() <= 253 && s.split('.').all(is_dns1123_label)
}

/// A Secret (or ConfigMap) data key, as the API server and kubectl check it: `[-._a-zA-Z0-9]+`,
/// at most 253, not `.` or `..` and not starting with `..` (it becomes a file name in the
/// volume, beside the kubelet's own `..data`).
pub fn check_secret_key(flag: &str, key: &str) -> Result<()> {
    let chars_ok = !key.is_empty()
        && key.len() <= 253
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    if !chars_ok {
        bail!("{flag}: a Secret key may hold only letters, digits, `-`, `.` and `_` (at most 253)");
    }
    if key == "." || key.starts_with("..") {
        bail!("{flag}: a Secret key may not be `.` or `..` or start with `..`");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in ["a", "netrc-kuberay", "0x1f", "a-1", &"a".repeat(63)] {
            assert!(is_dns1123_label(ok), "{ok}");
        }
        for bad in ["", "A", "a_b", "-a", "a-", "a.b", &"a".repeat(64)] {
            assert!(!is_dns1123_label(bad), "{bad}");
        }
        for ok in ["a.b", "netrc-secret", "a.b-c.d"] {
            assert!(is_dns1123_subdomain(ok), "{ok}");
        }
        for bad in ["", "a..b", ".a", "a.", "a.-b", "A.b", "a/b"] {
            assert!(!is_dns1123_subdomain(bad), "{bad}");
        }
    }

    #[test]
    fn keys() {
        for ok in [".netrc", "netrc", "a..b", "_x", "1e3"] {
            check_secret_key("--key", ok).unwrap();
        }
        for bad in ["", ".", "..", "..netrc", "a/b", "a b", &"a".repeat(254)] {
            assert!(check_secret_key("--key", bad).is_err(), "{bad}");
        }
    }
}
