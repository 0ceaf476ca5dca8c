//! `kube-secret`: a Kubernetes Secret manifest committed (`netrc-guard kube secret`'s own
//! output, or any `kind: Secret`) whose `data` (base64) or `stringData` holds a netrc, a URI
//! with credentials or a known-format token. Values are decoded and read by the other
//! rules; a finding stands at the value in the manifest and names its key.
//!
//! `stringData` is plain text the URI and token rules already read in place: only a netrc
//! in it is reported here.

use base64::Engine;

use super::RULE_KUBE_SECRET;
use super::buffer::Raw;
use super::netrc_file::{credentials, redacted};
use super::{prefilter, tokens};
use crate::text::yaml::{self, Anchors, Kind, Node};
use crate::uri::{self, strip_port};

/// Whether `text` says `kind: Secret` (in YAML or JSON), before it is parsed.
fn says_secret(text: &str) -> bool {
    text.match_indices("Secret").any(|(at, _)| {
        let before = text[..at].trim_end_matches([' ', '\t', '"', '\'']);
        before
            .strip_suffix(':')
            .map(|b| b.trim_end_matches([' ', '\t', '"', '\'']))
            .is_some_and(|b| b.ends_with("kind"))
    })
}

fn value_of<'n>(map: &'n Node, key: &str) -> Option<&'n Node> {
    match &map.kind {
        Kind::Mapping { entries, .. } => entries
            .iter()
            .find(|(k, _)| k.scalar() == Some(key))
            .map(|(_, v)| v),
        _ => None,
    }
}

/// The Secret findings in a manifest.
pub fn find(buf: &[u8]) -> Vec<Raw> {
    let Ok(text) = std::str::from_utf8(buf) else {
        return Vec::new();
    };
    if !says_secret(text) {
        return Vec::new();
    }
    // A stream cut short (a template, a later broken document) keeps what came before.
    let (stream, _) = yaml::read(text, Anchors::PerDocument);
    let mut out = Vec::new();
    for doc in &stream.documents {
        if value_of(&doc.root, "kind").and_then(Node::scalar) != Some("Secret") {
            continue;
        }
        for field in ["data", "stringData"] {
            let Some(Kind::Mapping { entries, .. }) = value_of(&doc.root, field).map(|n| &n.kind)
            else {
                continue;
            };
            for (key, value) in entries {
                let (Some(key), Some(written)) = (key.scalar(), value.scalar()) else {
                    continue;
                };
                let decoded = if field == "data" {
                    let compact: String = written.split_whitespace().collect();
                    match base64::engine::general_purpose::STANDARD.decode(compact) {
                        Ok(bytes) => String::from_utf8(bytes).ok(),
                        Err(_) => None,
                    }
                } else {
                    Some(written.to_string())
                };
                if let Some(decoded) = decoded {
                    let at = value.span.clone();
                    let place = format!("Secret {field}[{key}]");
                    out.extend(
                        in_value(&decoded, field == "data")
                            .into_iter()
                            .map(|mut r| {
                                r.start = at.start;
                                r.end = at.end.max(at.start);
                                r.redacted = format!("{place}: {}", r.redacted);
                                r
                            }),
                    );
                }
            }
        }
    }
    out
}

/// What the rules find in one decoded value (positions are the value's own; the caller
/// moves them to the manifest): a netrc's entries, and when `all`, URIs and tokens too.
fn in_value(value: &str, all: bool) -> Vec<Raw> {
    let mut out: Vec<Raw> = credentials(value)
        .unwrap_or_default()
        .into_iter()
        .map(|c| Raw {
            start: c.span.start,
            end: c.span.end,
            rule: RULE_KUBE_SECRET,
            scheme: String::new(),
            host: c.machine.clone(),
            secret_part: c.secret_part,
            redacted: redacted(&c),
            verdict: c.verdict,
            credential: c.credential,
        })
        .collect();
    if !all {
        return out;
    }
    let found = uri::find_credentials(value.as_bytes());
    let covered: Vec<_> = found.iter().map(|f| f.removal.clone()).collect();
    for f in found {
        out.push(Raw {
            start: f.start,
            end: f.end,
            rule: RULE_KUBE_SECRET,
            scheme: f.scheme.to_ascii_lowercase(),
            host: f
                .machine
                .clone()
                .unwrap_or_else(|| strip_port(&f.host).into()),
            secret_part: f.secret_part,
            redacted: f.redacted(value.as_bytes()),
            credential: crate::scan::baseline::credential(&f.user, f.password.as_ref()),
            verdict: f.verdict,
        });
    }
    let hits = prefilter::hits(value.as_bytes());
    let in_netrc = out.iter().map(|r| r.start..r.end);
    let mut covered: Vec<_> = covered.into_iter().chain(in_netrc).collect();
    covered.sort_by_key(|r| r.start);
    for mut r in tokens::find(value.as_bytes(), &hits.tokens, &covered) {
        r.rule = RULE_KUBE_SECRET;
        out.push(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::uri::Class;

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(s)
    }

    fn found(text: &str) -> Vec<(usize, String, Class)> {
        find(text.as_bytes())
            .into_iter()
            .map(|r| (r.start, r.host, r.verdict.class))
            .collect()
    }

    #[test]
    fn netrc_guards_own_secret_is_found_at_its_value() {
        let netrc = "machine git.acme.io login ci password Kq7!xpw2Zt\n";
        let text = format!(
            "apiVersion: v1\ndata:\n  .netrc: {}\nkind: Secret\nmetadata:\n  name: n\ntype: Opaque\n",
            b64(netrc)
        );
        let at = text.find(".netrc: ").unwrap() + 8;
        assert_eq!(
            found(&text),
            [(at, "git.acme.io".to_string(), Class::Credential)]
        );
        let r = &find(text.as_bytes())[0];
        assert_eq!(
            r.redacted,
            "Secret data[.netrc]: machine git.acme.io password ***"
        );
    }

    #[test]
    fn uris_tokens_and_string_data_netrcs_are_found() {
        let text = format!(
            "{{\"kind\": \"Secret\", \"data\": {{\"url\": \"{}\", \"tok\": \"{}\"}},\n \"stringData\": {{\"n\": \"machine h.acme.io password Kq7!xpw2Zt\"}}}}\n",
            b64("https://alice:Kq7!xpw2Zt@git.acme.io/x"),
            b64("ghp_Zq8vN2kX4mT7pR1sW9yB3cF6hJ0dL5gA8eUi"),
        );
        let hosts: Vec<_> = found(&text).into_iter().map(|(_, h, c)| (h, c)).collect();
        assert_eq!(
            hosts,
            [
                ("git.acme.io".to_string(), Class::Credential),
                ("github.com".to_string(), Class::Credential),
                ("h.acme.io".to_string(), Class::Credential),
            ]
        );
    }

    #[test]
    fn placeholders_other_kinds_and_broken_yaml_are_silent() {
        let placeholder = format!(
            "kind: Secret\ndata:\n  .netrc: {}\n",
            b64("machine h.acme.io login u password ${NETRC_PASSWORD}\n")
        );
        assert_eq!(found(&placeholder)[0].2, Class::Example);
        let config_map = format!(
            "kind: ConfigMap\ndata:\n  .netrc: {}\n",
            b64("machine h password Kq7!xpw2Zt")
        );
        assert!(found(&config_map).is_empty());
        assert!(found("kind: Secret\ndata: {{ .Values.x }\n  : [").is_empty());
        assert!(found("kind: Secret\ndata:\n  k: not base64!\n").is_empty());
    }
}
