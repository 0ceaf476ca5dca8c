//! `kube-secret`: a Kubernetes Secret manifest committed (`netrc-guard kube secret`'s own
//! output, or any `kind: Secret`) whose `data` (base64) or `stringData` holds a netrc, a URI
//! with credentials or a known-format token. Values are decoded and read by the other
//! rules; a finding stands at the value in the manifest and names its key.
//!
//! `stringData` is plain text the URI and token rules already read in place: only a netrc
//! in it is reported here.

use base64::Engine;

use super::buffer::Raw;
use super::netrc_file::{credentials, redacted};
use super::{prefilter, tokens};
use crate::text::yaml::{self, Anchors, Kind, Node};
use crate::uri::{self, ScanRule, strip_port};

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

/// Helm's `{{ ... }}` actions replaced by spaces (newlines kept), so a chart's Secret
/// parses as YAML at the same byte offsets; text without `{{` is borrowed.
fn blank_templates(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("{{") {
        return text.into();
    }
    let mut out = text.as_bytes().to_vec();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| from + i) {
        let close = text[open..].find("}}").map_or(text.len(), |i| open + i + 2);
        for b in &mut out[open..close] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        from = close;
    }
    // Whole UTF-8 characters were replaced byte by byte with ASCII spaces.
    String::from_utf8(out).map_or_else(|_| text.into(), Into::into)
}

/// The Secrets in a document: the root, or a `kind: List`'s items (`kubectl get secrets
/// -o yaml`), nested lists included.
fn collect_secrets<'n>(node: &'n Node, depth: usize, out: &mut Vec<&'n Node>) {
    match value_of(node, "kind").and_then(Node::scalar) {
        Some("Secret") => out.push(node),
        Some("List") if depth < 8 => {
            if let Some(Kind::Sequence { items, .. }) = value_of(node, "items").map(|n| &n.kind) {
                for item in items {
                    collect_secrets(item, depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

/// The Secret findings in a manifest.
pub(super) fn find(buf: &[u8]) -> Vec<Raw> {
    let Ok(text) = std::str::from_utf8(buf) else {
        return Vec::new();
    };
    if !says_secret(text) {
        return Vec::new();
    }
    // A Helm template's `{{ ... }}` is blanked (same bytes, so spans hold) before the
    // parse; a stream cut short by an error keeps what came before.
    let blanked = blank_templates(text);
    let (stream, _) = yaml::read(&blanked, Anchors::PerDocument);
    let mut out = Vec::new();
    let mut secrets = Vec::new();
    for doc in &stream.documents {
        collect_secrets(&doc.root, 0, &mut secrets);
    }
    for secret in secrets {
        for field in ["data", "stringData"] {
            let Some(Kind::Mapping { entries, .. }) = value_of(secret, field).map(|n| &n.kind)
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
            rule: ScanRule::KubeSecret,
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
            rule: ScanRule::KubeSecret,
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
        r.rule = ScanRule::KubeSecret;
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

    /// A Helm chart's Secret (templated metadata) and `kubectl get secrets -o yaml`'s
    /// `kind: List`: found; the same shapes holding a placeholder: silent.
    #[test]
    fn secret_in_helm_template_or_list_is_found() {
        for (netrc, class) in [
            (
                "machine git.acme.io login ci password Vb8#kq2Lzw9T\n",
                Class::Credential,
            ),
            (
                "machine git.acme.io login ci password CHANGE_ME\n",
                Class::Example,
            ),
        ] {
            let helm = format!(
                "{{{{- if .Values.git }}}}\napiVersion: v1\nkind: Secret\nmetadata:\n  name: {{{{ .Release.Name }}}}-git\n  labels:\n    {{{{- include \"c.labels\" . | nindent 4 }}}}\ndata:\n  netrc: {}\n{{{{- end }}}}\n",
                b64(netrc)
            );
            let list = format!(
                "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {{name: e}}\n  data:\n    netrc: {}\n",
                b64(netrc)
            );
            for text in [helm, list] {
                let got: Vec<_> = found(&text).into_iter().map(|(_, h, c)| (h, c)).collect();
                assert_eq!(got, [("git.acme.io".to_string(), class)], "{text}");
            }
        }
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
        let templated = "kind: Secret\ndata:\n  .netrc: {{ .Values.netrc | b64enc }}\n";
        assert!(found(templated).is_empty());
        assert!(found("kind: Secret\ndata:\n  k: not base64!\n").is_empty());
    }
}
