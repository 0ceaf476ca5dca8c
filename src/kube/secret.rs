//! `kube secret`: the netrc as a Kubernetes Secret manifest.

use std::fmt::Write as _;

use base64::Engine;

use super::error::{KubeError, NameKind};
use super::names::{check_secret_key, is_dns1123_label, is_dns1123_subdomain};
use crate::text::yaml::render::yaml_str;

/// The Secret manifest, laid out as `kubectl create secret generic --dry-run=client -o yaml`
/// lays it out, with the type made explicit.
pub(crate) fn secret_manifest(
    name: &str,
    namespace: Option<&str>,
    key: &str,
    netrc: &[u8],
) -> Result<String, KubeError> {
    if !is_dns1123_subdomain(name) {
        return Err(KubeError::bad_name("--name", NameKind::Secret, name));
    }
    if let Some(ns) = namespace
        && !is_dns1123_label(ns)
    {
        return Err(KubeError::bad_name("--namespace", NameKind::Namespace, ns));
    }
    check_secret_key("--key", key)?;
    // An empty file is `""`, as kubectl writes it: a bare `key:` would be null.
    let data = yaml_str(&base64::engine::general_purpose::STANDARD.encode(netrc));
    // Names such as `017`, `yes` or `1e3` are valid and must stay strings.
    let (key, name) = (yaml_str(key), yaml_str(name));
    let mut out = format!(
        "apiVersion: v1\ndata:\n  {key}: {data}\nkind: Secret\nmetadata:\n  name: {name}\n"
    );
    if let Some(ns) = namespace {
        let _ = writeln!(out, "  namespace: {}", yaml_str(ns));
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
        for (name, ns, key) in [
            ("Bad_Name", None, ".netrc"),
            ("a..b", None, ".netrc"),
            ("ok", Some("a.b"), ".netrc"),
            ("ok", None, "a/b"),
            ("ok", None, ".."),
            ("ok", None, "..netrc"),
            ("ok", None, "."),
        ] {
            assert!(
                secret_manifest(name, ns, key, b"").is_err(),
                "{name} {ns:?} {key}"
            );
        }
    }

    #[test]
    fn an_empty_netrc_is_an_empty_string_as_kubectl_writes_it() {
        let s = secret_manifest("netrc-secret", None, ".netrc", b"").unwrap();
        assert!(s.contains("data:\n  .netrc: \"\"\n"), "{s}");
    }

    #[test]
    fn names_that_look_like_numbers_stay_strings() {
        let s = secret_manifest("017", Some("yes"), "1e3", b"x").unwrap();
        let doc = yaml_rust2::YamlLoader::load_from_str(&s).unwrap().remove(0);
        assert_eq!(doc["metadata"]["name"].as_str(), Some("017"));
        assert_eq!(doc["metadata"]["namespace"].as_str(), Some("yes"));
        assert_eq!(doc["data"]["1e3"].as_str(), Some("eA=="));
    }
}
