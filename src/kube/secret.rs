//! `kube secret`: the netrc as a Kubernetes Secret manifest.

use std::fmt::Write as _;

use anyhow::{Result, bail};
use base64::Engine;

/// Secret names are DNS subdomains; data keys are `[-._a-zA-Z0-9]+`.
fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 253
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'.'))
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric())
}

/// The Secret manifest, laid out as `kubectl create secret generic --dry-run=client -o yaml`
/// lays it out, with the type made explicit.
pub fn secret_manifest(
    name: &str,
    namespace: Option<&str>,
    key: &str,
    netrc: &[u8],
) -> Result<String> {
    if !valid_name(name) {
        bail!(
            "--name: not a valid Kubernetes object name (lower-case letters, digits, `-` and `.`)"
        );
    }
    if let Some(ns) = namespace
        && (!valid_name(ns) || ns.contains('.') || ns.len() > 63)
    {
        bail!("--namespace: not a valid namespace name (lower-case letters, digits and `-`)");
    }
    if !valid_key(key) {
        bail!("--key: a Secret key may hold only letters, digits, `-`, `.` and `_`");
    }
    let data = base64::engine::general_purpose::STANDARD.encode(netrc);
    let mut out = format!(
        "apiVersion: v1\ndata:\n  {key}: {data}\nkind: Secret\nmetadata:\n  name: {name}\n"
    );
    if let Some(ns) = namespace {
        let _ = writeln!(out, "  namespace: {ns}");
    }
    out.push_str("type: Opaque\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_like_kubectl() {
        let s = secret_manifest(
            "netrc-secret",
            Some("ray"),
            ".netrc",
            b"machine a login b password c\n",
        )
        .unwrap();
        assert_eq!(
            s,
            "apiVersion: v1\ndata:\n  .netrc: bWFjaGluZSBhIGxvZ2luIGIgcGFzc3dvcmQgYwo=\nkind: Secret\nmetadata:\n  name: netrc-secret\n  namespace: ray\ntype: Opaque\n"
        );
        assert!(secret_manifest("Bad_Name", None, ".netrc", b"").is_err());
        assert!(secret_manifest("ok", None, "a/b", b"").is_err());
    }
}
