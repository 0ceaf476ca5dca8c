//! What Kubernetes accepts as names, Secret keys and mount paths, checked before anything
//! goes into a manifest (the API server would refuse it only at `kubectl apply`).

use super::error::{KeyProblem, KubeError, PathProblem};

/// A DNS-1123 label: lower-case alphanumerics and `-`, alphanumeric at both ends, at most 63
/// (volume names, namespaces).
pub(super) fn is_dns1123_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// A DNS-1123 subdomain: labels joined by `.`, at most 253 (object names such as a Secret's).
pub(super) fn is_dns1123_subdomain(s: &str) -> bool {
    s.len() <= 253 && s.split('.').all(is_dns1123_label)
}

/// A Secret (or ConfigMap) data key, as the API server and kubectl check it: `[-._a-zA-Z0-9]+`,
/// at most 253, not `.` or `..` and not starting with `..` (it becomes a file name in the
/// volume, beside the kubelet's own `..data`).
pub(super) fn check_secret_key(flag: &'static str, key: &str) -> Result<(), KubeError> {
    let refuse = |problem| {
        Err(KubeError::BadSecretKey {
            option: flag,
            problem,
        })
    };
    let chars_ok = !key.is_empty()
        && key.len() <= 253
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    if !chars_ok {
        return refuse(KeyProblem::Characters);
    }
    if key == "." || key.starts_with("..") {
        return refuse(KeyProblem::Dots);
    }
    Ok(())
}

/// An absolute, normalised path other than `/` (a trailing `/` is allowed), for a file or
/// directory inside a container.
pub(super) fn check_container_path(flag: &'static str, path: &str) -> Result<(), KubeError> {
    let refuse = |problem| {
        Err(KubeError::BadContainerPath {
            option: flag,
            problem,
        })
    };
    if !path.starts_with('/') {
        return refuse(PathProblem::NotAbsolute);
    }
    if path.chars().any(char::is_control) {
        return refuse(PathProblem::ControlCharacter);
    }
    let body = path.strip_suffix('/').unwrap_or(path);
    if body.is_empty() {
        return refuse(PathProblem::Root);
    }
    if body[1..]
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return refuse(PathProblem::NotNormalised);
    }
    Ok(())
}

/// `path` without a trailing `/`: the form paths are compared and joined in.
pub(super) fn trimmed(path: &str) -> &str {
    if path.len() > 1 {
        path.strip_suffix('/').unwrap_or(path)
    } else {
        path
    }
}

/// Whether `inner` is `outer` or lies under it (both trimmed).
pub(super) fn is_within(inner: &str, outer: &str) -> bool {
    let (inner, outer) = (trimmed(inner), trimmed(outer));
    inner == outer
        || inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('/'))
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

    #[test]
    fn paths() {
        for ok in ["/a", "/a/", "/home/ray/netrcvolume/", "/a/.b"] {
            check_container_path("--home", ok).unwrap();
        }
        for bad in [
            "", "a", "/", "//", "/a//b", "/a/./b", "/a/..", "/a/../b", "/a\n",
        ] {
            assert!(check_container_path("--home", bad).is_err(), "{bad:?}");
        }
        assert!(is_within("/home/ray/", "/home"));
        assert!(is_within("/home", "/home/"));
        assert!(!is_within("/home/rayx", "/home/ray"));
    }
}
