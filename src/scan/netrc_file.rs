//! `netrc-file`: a netrc committed. A file named as readers name theirs (`.netrc`, `_netrc`,
//! `netrc`, `*.netrc`), or any text that parses as a netrc, is read with the netrc parser;
//! each entry holding a password (or a token as its login) is a finding at the value, by
//! its machine, classified as a password in a URI is (a placeholder entry stays silent).

use std::ops::Range;

use super::buffer::Raw;
use crate::netrc::syntax::Key;
use crate::netrc::{Document, EntryKind};
use crate::secret::Secret;
use crate::uri::classify::{self, Parts, Verdict};
use crate::uri::{Class, Confidence, Reason, ScanRule, SecretPart, looks_like_token};

/// Whether a path is named as a netrc is: curl's, git's and Python's `.netrc`, Windows'
/// `_netrc`, and the names people give a second one (`netrc`, `ci.netrc`, `ci_netrc`).
pub(super) fn is_netrc_name(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let name = name.to_ascii_lowercase();
    name == "netrc" || name.ends_with(".netrc") || name.ends_with("_netrc")
}

/// One entry's credential: where its secret value stands in the text, and what it is.
pub(super) struct EntryCredential {
    pub span: Range<usize>,
    /// The machine name, or `default`.
    pub machine: String,
    pub secret_part: SecretPart,
    pub verdict: Verdict,
    pub credential: Secret,
}

/// Every credential of `text` read as a netrc; `None` when it is no netrc (it does not
/// parse, or has no entry), which for most text is known at its first word.
pub(super) fn credentials(text: &str) -> Option<Vec<EntryCredential>> {
    let doc = Document::parse(text).ok()?;
    let mut out = Vec::new();
    let mut entries = 0;
    for entry in doc.entries() {
        if entry.kind() == EntryKind::Macro {
            continue;
        }
        entries += 1;
        let field = |pred: fn(Key) -> bool| {
            entry
                .syntax()
                .fields
                .iter()
                .rev()
                .find(|f| pred(f.key))
                .map(|f| f.value_token)
        };
        let login = entry.login().unwrap_or_default();
        let password = entry
            .password()
            .map(|p| p.expose().to_string())
            .filter(|p| !p.is_empty() && p != "x-oauth-basic");
        let (secret_part, token) = match (&password, field(Key::is_password)) {
            (Some(_), Some(t)) => (SecretPart::Password, t),
            _ if looks_like_token(&login) => match field(Key::is_login) {
                Some(t) => (SecretPart::User, t),
                None => continue,
            },
            _ => continue,
        };
        let machine = entry.machine().unwrap_or_else(|| "default".into());
        let raw_userinfo = match &password {
            Some(p) if secret_part == SecretPart::Password => format!("{login}:{p}"),
            _ => login.clone(),
        };
        let verdict = classify::classify(&Parts {
            user: &login,
            password: password
                .as_deref()
                .filter(|_| secret_part == SecretPart::Password),
            raw_userinfo: &raw_userinfo,
            host: if entry.kind() == EntryKind::Default {
                ""
            } else {
                &machine
            },
            scheme: "netrc",
            secret_part,
        });
        let credential = crate::scan::baseline::credential(
            &Secret::new(login.clone()),
            password.map(Secret::new).as_ref(),
        );
        out.push(EntryCredential {
            span: doc.tokens()[token].span.clone(),
            machine,
            secret_part,
            verdict,
            credential,
        });
    }
    (entries > 0).then_some(out)
}

/// A file named as a netrc is one, even when a later line does not parse (a typo, a stray
/// word, a merge marker): its entries before the line the parse stops at are read, as
/// curl reads a netrc up to the word it refuses; a weak value there (medium) is an example.
fn named_credentials(text: &str) -> Option<Vec<EntryCredential>> {
    let mut prefix = text;
    for _ in 0..4 {
        let line = match Document::parse(prefix) {
            Ok(_) if prefix.len() == text.len() => return credentials(prefix),
            // A fixture more often than a live file: only strong values stay reported.
            Ok(_) => {
                let mut found = credentials(prefix)?;
                for c in &mut found {
                    if c.verdict.confidence() == Confidence::Medium {
                        c.verdict.class = Class::Example;
                        c.verdict.reasons.push(Reason::UnparsedNetrc);
                    }
                }
                return Some(found);
            }
            Err(e) => e.position.line,
        };
        let cut: usize = prefix
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        if cut == 0 || cut >= prefix.len() {
            return None;
        }
        prefix = &prefix[..cut];
    }
    None
}

/// What a netrc finding shows in place of its value.
pub(super) fn redacted(c: &EntryCredential) -> String {
    let field = match c.secret_part {
        SecretPart::Password => "password",
        SecretPart::User => "login",
    };
    if c.machine == "default" {
        format!("default {field} ***")
    } else {
        format!("machine {} {field} ***", c.machine)
    }
}

/// The netrc findings of a file: only a file named as a netrc, or whose text holds a netrc
/// keyword, is parsed.
pub(super) fn find(path: &str, buf: &[u8], keyword_seen: bool) -> Vec<Raw> {
    if !keyword_seen && !is_netrc_name(path) {
        return Vec::new();
    }
    let Ok(text) = std::str::from_utf8(buf) else {
        return Vec::new();
    };
    let found = if is_netrc_name(path) {
        named_credentials(text)
    } else {
        credentials(text)
    };
    found
        .unwrap_or_default()
        .into_iter()
        .map(|c| Raw {
            start: c.span.start,
            end: c.span.end,
            rule: ScanRule::NetrcFile,
            scheme: String::new(),
            host: c.machine.clone(),
            secret_part: c.secret_part,
            redacted: redacted(&c),
            verdict: c.verdict,
            credential: c.credential,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    /// Found by a hostile review: a committed `.netrc` whose later line does not parse (a
    /// stray word, a merge marker) was silent; its entries before that line are found, the
    /// same file holding a placeholder stays silent, and such text under another name is
    /// still no netrc.
    #[test]
    fn netrc_named_file_with_a_broken_later_line_is_read() {
        for (pw, class) in [
            ("Vb8#kq2Lzw9T", Some(crate::uri::Class::Credential)),
            ("${NETRC_PASSWORD}", Some(crate::uri::Class::Example)),
            ("bobwillknow", Some(crate::uri::Class::Example)),
        ] {
            let text =
                format!("machine git.acme.io\n  login ci\n  password {pw}\n<<<<<<< HEAD {{\n");
            let got: Vec<_> = super::find("ci.netrc", text.as_bytes(), true)
                .into_iter()
                .map(|r| (r.start, r.verdict.class))
                .collect();
            let at = text.find(pw).unwrap();
            assert_eq!(got.first().map(|g| g.1), class, "{text}");
            assert_eq!(got[0].0, at);
            assert!(super::find("notes.txt", text.as_bytes(), true).is_empty());
        }
    }

    use super::*;
    use crate::uri::Class;

    fn found(path: &str, text: &str) -> Vec<(String, Class)> {
        find(path, text.as_bytes(), text.contains("machine"))
            .into_iter()
            .map(|r| (r.host, r.verdict.class))
            .collect()
    }

    #[test]
    fn netrc_names() {
        for name in [
            ".netrc",
            "_netrc",
            "netrc",
            "ci.netrc",
            "a/b/ci_netrc",
            "C:\\x\\_NETRC",
        ] {
            assert!(is_netrc_name(name), "{name}");
        }
        for name in ["netrc.rs", "src/netrc/mod.rs", "netrcs", "my-netrc.md"] {
            assert!(!is_netrc_name(name), "{name}");
        }
    }

    #[test]
    fn each_credential_entry_is_found_and_placeholders_are_not() {
        let text = "machine git.acme.io login ci password Kq7!xpw2Zt\n\
                    machine pypi.acme.io login __token__ password ${PYPI_TOKEN}\n\
                    machine github.com login ghp_Zq8vN2kX4mT7pR1sW9yB3cF6hJ0dL5gA8eUi\n\
                    machine plain.acme.io login alice\n";
        let found = found("ci.netrc", text);
        assert_eq!(
            found,
            [
                ("git.acme.io".to_string(), Class::Credential),
                ("pypi.acme.io".to_string(), Class::Example),
                ("github.com".to_string(), Class::Credential),
            ]
        );
    }

    #[test]
    fn text_that_is_no_netrc_is_not_read_as_one() {
        for text in [
            "The machine learning model uses a password.\n",
            "# setup\nimport netrc\nmachine = 'x'\n",
            "default: true\nmachine: x\n",
        ] {
            assert!(found("notes.txt", text).is_empty(), "{text}");
        }
    }
}
