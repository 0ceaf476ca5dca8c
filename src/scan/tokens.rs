//! `known-token`: a token of a known, bounded format standing anywhere, outside a URI
//! (`GH_TOKEN=ghp_...`, `"Authorization": "token ghp_..."`, `password = pypi-...` in
//! `.pypirc`, `//registry/:_authToken=npm_...` in `.npmrc`).
//!
//! Only the services whose clients read a netrc or sit next to one (git hosts, package
//! indexes, the model hub), and only formats whose prefix and body length say "token" by
//! themselves: this is no entropy scanner. Whether the body is random or a filler
//! (`ghp_xxxx...`, `ghp_YOUR_TOKEN_HERE...`) is the classifier's question, asked as for a
//! password in a URI.

use super::buffer::Raw;
use crate::secret::Secret;
use crate::uri::classify::{self, Parts};
use crate::uri::{ScanRule, SecretPart};

/// A token format: its prefix, the bytes its body is made of, the body's length bounds,
/// and the service it belongs to (reported as the host).
struct Format {
    prefix: &'static str,
    body: fn(u8) -> bool,
    min: usize,
    max: usize,
    /// What the body must start with (a PyPI macaroon's serialised header).
    body_starts: &'static str,
    service: &'static str,
}

fn alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn alnum_underscore(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn gitlab(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

fn base64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')
}

const fn github(prefix: &'static str) -> Format {
    // 30 random base62 characters and a 6-character checksum.
    Format {
        prefix,
        body: alnum,
        min: 36,
        max: 36,
        body_starts: "",
        service: "github.com",
    }
}

const FORMATS: [Format; 11] = [
    github("ghp_"),
    github("gho_"),
    github("ghu_"),
    github("ghs_"),
    github("ghr_"),
    // A fine-grained token: 22 characters, `_`, 59 characters.
    Format {
        prefix: "github_pat_",
        body: alnum_underscore,
        min: 82,
        max: 82,
        body_starts: "",
        service: "github.com",
    },
    // 20 characters, or the longer routable form (`glpat-<base64>.01.<id>`).
    Format {
        prefix: "glpat-",
        body: gitlab,
        min: 20,
        max: 80,
        body_starts: "",
        service: "gitlab.com",
    },
    Format {
        prefix: "gldt-",
        body: gitlab,
        min: 20,
        max: 80,
        body_starts: "",
        service: "gitlab.com",
    },
    Format {
        prefix: "npm_",
        body: alnum,
        min: 36,
        max: 36,
        body_starts: "",
        service: "registry.npmjs.org",
    },
    // A macaroon: its base64 always starts with the same header bytes.
    Format {
        prefix: "pypi-",
        body: base64url,
        min: 60,
        max: 400,
        body_starts: "AgE",
        service: "pypi.org",
    },
    Format {
        prefix: "hf_",
        body: alnum,
        min: 30,
        max: 40,
        body_starts: "",
        service: "huggingface.co",
    },
];

/// The prefixes, for the prefilter (pattern order is this order).
pub(super) const PREFIXES: [&str; 11] = [
    FORMATS[0].prefix,
    FORMATS[1].prefix,
    FORMATS[2].prefix,
    FORMATS[3].prefix,
    FORMATS[4].prefix,
    FORMATS[5].prefix,
    FORMATS[6].prefix,
    FORMATS[7].prefix,
    FORMATS[8].prefix,
    FORMATS[9].prefix,
    FORMATS[10].prefix,
];

/// The token starting at `at` (where the prefilter saw a prefix), if it has a format's
/// shape: nothing of a word or of base64 before it (a hash in a wheel's RECORD holds
/// `...-hf_...`), a body of the format's bytes and length, nothing of
/// the body after it. Returns its end and format.
fn token_at(buf: &[u8], at: usize) -> Option<(usize, &'static Format)> {
    let word_before =
        at > 0 && (alnum_underscore(buf[at - 1]) || matches!(buf[at - 1], b'-' | b'+' | b'/'));
    if word_before && !escape_before(buf, at) {
        return None;
    }
    let format = FORMATS
        .iter()
        .find(|f| buf[at..].starts_with(f.prefix.as_bytes()))?;
    let body_start = at + format.prefix.len();
    let limit = buf.len().min(body_start + format.max + 1);
    let body_len = buf[body_start..limit]
        .iter()
        .take_while(|&&b| (format.body)(b))
        .count();
    let body = &buf[body_start..body_start + body_len];
    let bounded = (format.min..=format.max).contains(&body_len);
    (bounded && body.starts_with(format.body_starts.as_bytes()))
        .then_some((body_start + body_len, format))
}

/// Whether an escape ends just before `at`: a JSON or shell `\n`, `\t`, `\r`, or a
/// percent-encoded byte (`token%3Dghp_...`). Its last character is a letter or digit, but
/// no word goes on into the token (base64 has neither `\\` nor `%`).
fn escape_before(buf: &[u8], at: usize) -> bool {
    let backslash = at >= 2 && buf[at - 2] == b'\\' && matches!(buf[at - 1], b'n' | b't' | b'r');
    let percent = at >= 3
        && buf[at - 3] == b'%'
        && buf[at - 2].is_ascii_hexdigit()
        && buf[at - 1].is_ascii_hexdigit();
    backslash || percent
}

/// The known-format tokens at the prefilter's `starts`, leaving out those inside `covered`
/// (byte ranges another rule reported, such as a URI's userinfo; in order, not
/// overlapping, so that a look-up is a binary search).
pub(super) fn find(buf: &[u8], starts: &[usize], covered: &[std::ops::Range<usize>]) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut after = 0;
    let inside = |at: usize| {
        let i = covered.partition_point(|r| r.end <= at);
        covered.get(i).is_some_and(|r| r.contains(&at))
    };
    for &at in starts {
        if at < after || inside(at) {
            continue;
        }
        let Some((end, format)) = token_at(buf, at) else {
            continue;
        };
        after = end;
        // The bytes are ASCII by construction.
        let token = String::from_utf8_lossy(&buf[at..end]).into_owned();
        let verdict = classify::classify(&Parts {
            user: "",
            password: Some(&token),
            raw_userinfo: &format!(":{token}"),
            host: format.service,
            scheme: "",
            secret_part: SecretPart::Password,
        });
        out.push(Raw {
            start: at,
            end,
            rule: ScanRule::KnownToken,
            scheme: String::new(),
            host: format.service.to_string(),
            secret_part: SecretPart::Password,
            verdict,
            // Not even the prefix: it says which kind of token leaked, which the host says.
            redacted: format!("{} token ***", format.service),
            credential: Secret::new(token),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::uri::Class;

    const GHP: &str = "ghp_Zq8vN2kX4mT7pR1sW9yB3cF6hJ0dL5gA8eUi";

    fn classes(text: &str) -> Vec<(String, Class)> {
        let starts = crate::scan::prefilter::hits(text.as_bytes()).tokens;
        find(text.as_bytes(), &starts, &[])
            .into_iter()
            .map(|r| (r.host, r.verdict.class))
            .collect()
    }

    #[test]
    fn known_token_formats_are_found_where_they_stand() {
        let cases = [
            format!("GH_TOKEN={GHP}\n"),
            format!("\"Authorization\": \"token {GHP}\""),
            "password = glpat-Xk9mP2vQ7rT4wZ8nB3cJ\n".into(),
            "//registry.npmjs.org/:_authToken=npm_Q7mX2kP9vR4tW8zN3bC6hJ1dL5gF0sAeYuIo\n".into(),
            "HF_TOKEN=hf_QmXkPvRtWzNbChJdLgFsAeYuIoKjHgFdSaPl\n".into(),
            format!(
                "password = pypi-AgEIcHlwaS5vcmcCJDQ3ZjE2{}\n",
                "Zq8vN2kX4mT7pR1sW9yB3cF6hJ0dL5gA8eUiOp4r"
            ),
        ];
        for text in cases {
            let found = classes(&text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].1, Class::Credential, "{text}");
        }
    }

    /// Found by a hostile review: a token right after an escape (`"...\\nghp_..."` in a JSON
    /// string, `token%3Dghp_...` in an encoded query) was taken for the end of a word and
    /// missed. Found now; a filler in the same place is an example.
    #[test]
    fn token_after_an_escape_is_found() {
        for (before, after) in [("{\"m\": \"use\\n", "\"}"), ("?a=1&token%3D", "&b=2")] {
            let real = classes(&format!("{before}{GHP}{after}"));
            assert_eq!(real, [("github.com".to_string(), Class::Credential)]);
            let filler = format!("{before}ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{after}");
            assert_eq!(classes(&filler)[0].1, Class::Example);
        }
        assert!(classes(&format!("x\\qghp_{}", &GHP[4..])).is_empty());
    }

    #[test]
    fn fillers_and_wrong_shapes_are_not_tokens() {
        // A filler of the right shape is an example; the wrong length or a word before the
        // prefix is no token at all.
        assert_eq!(
            classes("GH_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")[0].1,
            Class::Example
        );
        assert_eq!(
            classes("GH_TOKEN=ghp_EXAMPLEexampleEXAMPLEexampleEXAMPLE1")[0].1,
            Class::Example
        );
        for text in [
            "ghp_short",
            &format!("{GHP}X"),
            &format!("xghp_{}", &GHP[4..]),
            // Inside base64 (a wheel RECORD's sha256), not a token.
            "sha256=2KJGwi-hf_QeZuNs98MgAQ6uSsX7PfPDO4a2FLDdqYJQ,1140",
            "npm_install_package_from_registry_now",
            "hf_hub_download(repo_id)",
            "pypi-simple-index-mirror-for-internal-packages-and-wheels-too",
        ] {
            assert!(classes(text).is_empty(), "{text}");
        }
    }
}
