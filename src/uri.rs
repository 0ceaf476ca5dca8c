//! Finding credentials in URIs, anywhere in a buffer.
//!
//! The scan looks for the literal `://` with `memchr`'s substring finder, walks back over the
//! scheme and forward over the authority, and takes the userinfo up to the last `@` before
//! the authority ends. No allocation happens per line; only findings allocate.

use std::ops::Range;

use crate::secret::Secret;

pub mod classify;
mod extent;
mod host;
pub mod rule;
mod shown;

pub use shown::{plain_word, shown_name};

pub use classify::{Class, Confidence, Reason, Verdict, is_placeholder, looks_like_token};
use extent::{authority_end, opener_before};
use host::host_extent;
pub use host::{is_loopback, machine_name, strip_port};
pub use rule::ScanRule;

/// Which part of the userinfo is the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SecretPart {
    Password,
    User,
}

/// A URI whose userinfo holds a credential.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Where the URI (its scheme) starts.
    pub start: usize,
    /// Where the URI ends (first byte after it).
    pub end: usize,
    /// The bytes to delete to remove the credential: the userinfo and its `@`. It starts
    /// right after the `://`; findings' removals never overlap and come in order.
    pub removal: Range<usize>,
    pub scheme: String,
    /// The host (and port) as written, for display.
    pub host: String,
    /// The machine name the netrc files this host under, computed as `add` computes it
    /// ([`crate::netrc::host::canonical_host`]): lower-case, IDNA punycode, no port. `None`
    /// when the host cannot be normalised (not a host name, a template, text running on
    /// after it): such a credential has no entry to go to.
    pub machine: Option<String>,
    /// Percent-decoded user; a secret when it is a token.
    pub user: Secret,
    /// Percent-decoded password; `None` when the userinfo has no `:`.
    pub password: Option<Secret>,
    /// The percent-decoded user or password is not UTF-8 text, so no netrc can hold it
    /// (and `user`/`password` hold replacement characters).
    pub undecodable: bool,
    pub secret_part: SecretPart,
    /// The secret is a template, a variable or a mask (`${VAR}`, `{token}`, `%s`, `***`):
    /// it stands for a credential rather than being one. Scrub leaves exactly these.
    pub placeholder: bool,
    /// A credential or an example, and why ([`classify`]); scan reports by it. For a list
    /// of hosts, the most confident of theirs.
    pub verdict: Verdict,
    /// Each host of a multi-host authority (`h1:27017,h2:27017`, or one userinfo per host:
    /// `u:p1@h1;u:p2@h2`) with its own verdict; empty for one host.
    pub hosts: Vec<JudgedHost>,
}

/// One host of a multi-host authority, judged on its own.
#[derive(Debug, Clone)]
pub struct JudgedHost {
    /// As written, with its port.
    pub host: String,
    pub machine: Option<String>,
    pub verdict: Verdict,
}

/// How much of the URI after the userinfo a report shows, in characters.
const SHOWN_CHARS: usize = 60;

impl Finding {
    pub fn rule(&self) -> ScanRule {
        match self.secret_part {
            SecretPart::Password => ScanRule::UriPassword,
            SecretPart::User => ScanRule::UriTokenUser,
        }
    }

    /// The hosts a report names, each with its verdict: the machine name (or the host as
    /// written, without its port) of the one host, or of each host of a list.
    pub fn judged_hosts(&self) -> Vec<(String, &Verdict)> {
        let name = |machine: &Option<String>, host: &str| {
            machine.clone().unwrap_or_else(|| strip_port(host).into())
        };
        if self.hosts.is_empty() {
            return vec![(name(&self.machine, &self.host), &self.verdict)];
        }
        self.hosts
            .iter()
            .map(|h| (name(&h.machine, &h.host), &h.verdict))
            .collect()
    }

    /// The URI with the whole userinfo replaced by `***`, cut to a readable length. Reads
    /// a bounded number of bytes however long the URI is.
    pub fn redacted(&self, buf: &[u8]) -> String {
        let rest = &buf[self.removal.end..self.end];
        let window = &rest[..rest.len().min(SHOWN_CHARS * 4 + 4)];
        // The query and fragment often carry secrets of their own (`?access_token=`), and
        // later URIs theirs (`?next=https://v:pw@g/`): the host and path only.
        let cut = memchr::memchr2(b'?', b'#', window);
        let after = String::from_utf8_lossy(&window[..cut.unwrap_or(window.len())]);
        let mut shown: String = after.chars().take(SHOWN_CHARS).collect();
        if cut.is_some() || shown.len() < rest.len() {
            shown.push_str("...");
        }
        format!("{}://***@{shown}", self.scheme)
    }
}

fn is_scheme_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
}

/// Every URI with a credential in its userinfo, in order. Placeholders and loopback hosts
/// are included and marked; callers decide what to report.
///
/// The removals are in order and never overlap: a `://` inside a userinfo already taken
/// (`https://u:{x://v:p@h}@g/`) starts no finding of its own.
pub fn find_credentials(buf: &[u8]) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    // `https:\/\/` as JSON (and YAML double quotes) may write it; its authority then ends
    // at the `\` of the next `\/`. Both separators are taken in one left-to-right pass.
    let mut plain = memchr::memmem::find_iter(buf, b"://").peekable();
    let mut escaped = memchr::memmem::find_iter(buf, br":\/\/").peekable();
    let mut free_from = 0;
    loop {
        let (sep, sep_len) = match (plain.peek().copied(), escaped.peek().copied()) {
            (Some(p), Some(e)) if e < p => (escaped.next().unwrap_or(e), 5),
            (Some(p), _) => (plain.next().unwrap_or(p), 3),
            (None, Some(e)) => (escaped.next().unwrap_or(e), 5),
            (None, None) => break,
        };
        if sep < free_from {
            continue;
        }
        if let Some(f) = finding_at(buf, sep, sep_len, free_from) {
            free_from = f.removal.end;
            out.push(f);
        }
    }
    // A URI ends where the next one starts (`?next=https://...`), so findings never overlap
    // and finding every end reads the buffer once.
    let starts: Vec<usize> = out.iter().skip(1).map(|f| f.start).collect();
    for (f, limit) in out.iter_mut().zip(starts.into_iter().chain([buf.len()])) {
        f.end = extent::uri_end(buf, limit, f.removal.end, f.end);
    }
    classify::demote_repeated(&mut out);
    out
}

/// The finding whose scheme ends at `sep`, where a separator of `sep_len` bytes stands; its
/// scheme starts at `floor` or later.
fn finding_at(buf: &[u8], sep: usize, sep_len: usize, floor: usize) -> Option<Finding> {
    // The scheme: letters, digits, `+-.`, starting with a letter.
    let mut start = sep;
    while start > floor && is_scheme_byte(buf[start - 1]) {
        start -= 1;
    }
    while start < sep && !buf[start].is_ascii_alphabetic() {
        start += 1;
    }
    if start == sep {
        return None;
    }
    let auth_start = sep + sep_len;
    let auth_end = authority_end(buf, auth_start, opener_before(buf, start));
    let at = auth_start + memchr::memrchr(b'@', &buf[auth_start..auth_end])?;
    let userinfo = &buf[auth_start..at];
    let (user_raw, password_raw) = match memchr::memchr(b':', userinfo) {
        Some(i) => (&userinfo[..i], Some(&userinfo[i + 1..])),
        None => (userinfo, None),
    };
    let (user_raw, password_raw) = if buf[start..sep].eq_ignore_ascii_case(b"cvs") {
        cvs_root(user_raw, password_raw)
    } else {
        (user_raw, password_raw)
    };
    let (user, user_ok) = decode(user_raw);
    let (password, password_ok) = match password_raw.map(decode) {
        Some((p, ok)) => (Some(p), ok),
        None => (None, true),
    };
    let password_is_secret = password
        .as_deref()
        .is_some_and(|p| !p.is_empty() && p != "x-oauth-basic");
    let secret_part = if password_is_secret {
        SecretPart::Password
    } else if !user.is_empty() && looks_like_token(&user) || is_placeholder(user_raw) {
        SecretPart::User
    } else {
        // `https://alice@host`, `ssh://git@host`: a user name, not a credential.
        return None;
    };
    let host = host_extent(buf, at + 1, auth_end);
    // All of what follows the `@` when the host was not read whole, for messages.
    let host_end = if host.complete {
        host.port_end
    } else {
        auth_end
    };
    let host_text = String::from_utf8_lossy(&buf[at + 1..host_end]).into_owned();
    let machine = if host.complete {
        machine_name(&host_text)
    } else {
        None
    };
    let placeholder = match secret_part {
        SecretPart::Password => is_placeholder(password_raw.unwrap_or_default()),
        SecretPart::User => is_placeholder(user_raw),
    };
    let raw_userinfo = String::from_utf8_lossy(userinfo);
    let scheme = String::from_utf8_lossy(&buf[start..sep]);
    let parts = classify::Parts {
        user: &user,
        password: password.as_deref(),
        raw_userinfo: &raw_userinfo,
        host: &host_text,
        scheme: &scheme,
        secret_part,
    };
    let verdict = classify::classify(&parts);
    let hosts = classify::judge_each_host(&parts)
        .into_iter()
        .map(|(host, verdict)| JudgedHost {
            host: host.to_string(),
            machine: machine_name(host),
            verdict,
        })
        .collect();
    Some(Finding {
        start,
        // Where the authority ends, for now: `find_credentials` finds the end of the URI.
        end: auth_end,
        removal: auth_start..at + 1,
        scheme: String::from_utf8_lossy(&buf[start..sep]).into_owned(),
        host: host_text,
        machine,
        user: Secret::new(user),
        password: password.map(Secret::new),
        undecodable: !(user_ok && password_ok),
        secret_part,
        placeholder,
        verdict,
        hosts,
    })
}

/// Percent-decodes a user or password; `false` when the bytes are not UTF-8 (the text then
/// holds replacement characters and must not be stored).
fn decode(raw: &[u8]) -> (String, bool) {
    let bytes: Vec<u8> = percent_encoding::percent_decode(raw).collect();
    match String::from_utf8(bytes) {
        Ok(s) => (s, true),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), false),
    }
}

/// `s` without the userinfo of every credential but the placeholders, found in the text as
/// written (scrub reads each language's values first; this is the text-file view).
pub fn strip_credentials(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for f in find_credentials(s.as_bytes()) {
        if !f.placeholder {
            out.push_str(&s[last..f.removal.start]);
            last = f.removal.end;
        }
    }
    out.push_str(&s[last..]);
    out
}

/// Whether a login, as a file holds it, must be masked when shown: it looks like a token
/// itself, or holds one between quotes, `#`, whitespace or other bytes no token contains
/// (a reader that keeps quotes or cuts at `#` would send that token).
pub fn login_is_secret(login: &str) -> bool {
    looks_like_token(login)
        || login
            .split(|c: char| {
                !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '~' | '+' | '/' | '='))
            })
            .any(looks_like_token)
}

/// A CVSROOT written as a URI (`cvs://:pserver:anoncvs@host:/cvs`) names its access method
/// before the user: the userinfo is what follows the method.
fn cvs_root<'b>(user: &'b [u8], password: Option<&'b [u8]>) -> (&'b [u8], Option<&'b [u8]>) {
    const METHODS: &[&[u8]] = &[
        b"pserver:",
        b"ext:",
        b"extssh:",
        b"gserver:",
        b"kserver:",
        b"server:",
        b"sspi:",
        b"fork:",
        b"local:",
    ];
    let rest = password
        .filter(|_| user.is_empty())
        .and_then(|pw| METHODS.iter().find_map(|m| pw.strip_prefix(*m)));
    match rest {
        Some(rest) => match memchr::memchr(b':', rest) {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        },
        None => (user, password),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (user, password, host, secret part) of the one finding in `text`.
    fn one(text: &str) -> (String, Option<String>, String, SecretPart, bool) {
        let found = find_credentials(text.as_bytes());
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let f = &found[0];
        let mut removed = text.to_string();
        removed.replace_range(f.removal.clone(), "");
        assert!(
            !removed.contains('@') || text.matches('@').count() > 1 || text.contains("/@"),
            "{removed}"
        );
        (
            f.user.expose().to_string(),
            f.password.as_ref().map(|p| p.expose().to_string()),
            f.host.clone(),
            f.secret_part,
            f.placeholder,
        )
    }

    fn none(text: &str) {
        let found: Vec<_> = find_credentials(text.as_bytes())
            .into_iter()
            .filter(|f| !f.placeholder)
            .collect();
        assert!(found.is_empty(), "{text}: {found:?}");
    }

    #[test]
    fn schemes_and_shapes() {
        for scheme in [
            "https",
            "http",
            "git+https",
            "ssh",
            "ftp",
            "postgres",
            "mongodb+srv",
            "redis",
            "amqp",
            "HTTPS",
            "Git+SSH",
        ] {
            let (u, p, h, part, _) = one(&format!("{scheme}://bob:s3cr3t@db.example.com:5432/x"));
            assert_eq!(
                (u.as_str(), p.as_deref(), h.as_str(), part),
                (
                    "bob",
                    Some("s3cr3t"),
                    "db.example.com:5432",
                    SecretPart::Password
                ),
                "{scheme}"
            );
        }
    }

    #[test]
    fn passwords_with_colons_sub_delims_and_at_signs() {
        let (u, p, h, ..) = one("https://u:a:b&!$*+,;=c@h.example/");
        assert_eq!(
            (u.as_str(), p.as_deref(), h.as_str()),
            ("u", Some("a:b&!$*+,;=c"), "h.example")
        );
        let (_, p, h, ..) = one("https://u:p@ss@h.example/");
        assert_eq!((p.as_deref(), h.as_str()), (Some("p@ss"), "h.example"));
    }

    #[test]
    fn percent_encoded_values_are_decoded() {
        let (u, p, ..) = one("https://me%40corp.com:p%40ss%3Aw%2Frd@h.example/");
        assert_eq!(
            (u.as_str(), p.as_deref()),
            ("me@corp.com", Some("p@ss:w/rd"))
        );
    }

    #[test]
    fn empty_user_and_token_users() {
        let (u, p, h, part, _) = one("redis://:pw@cache.example:6379/0");
        assert_eq!(
            (u.as_str(), p.as_deref(), h.as_str(), part),
            ("", Some("pw"), "cache.example:6379", SecretPart::Password)
        );
        let tok = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        let (u, p, _, part, _) = one(&format!("https://{tok}@github.com/org/repo.git"));
        assert_eq!((u.as_str(), p, part), (tok, None, SecretPart::User));
        let (_, p, _, part, _) = one(&format!("https://{tok}:x-oauth-basic@github.com/org/repo"));
        assert_eq!(
            (p.as_deref(), part),
            (Some("x-oauth-basic"), SecretPart::User)
        );
        for user in [
            "x-access-token",
            "oauth2",
            "gitlab-ci-token",
            "x-token-auth",
        ] {
            let (_, _, _, part, _) = one(&format!("https://{user}:{tok}@h.example/"));
            assert_eq!(part, SecretPart::Password);
        }
        let hex = "0123456789abcdef0123456789abcdef01234567";
        assert_eq!(
            one(&format!("https://{hex}@h.example/")).3,
            SecretPart::User
        );
    }

    #[test]
    fn ip_literals_and_ports() {
        assert_eq!(one("http://u:p@10.0.0.7:8080/x").2, "10.0.0.7:8080");
        assert_eq!(
            one("http://u:p@[2001:db8::1]:8080/x").2,
            "[2001:db8::1]:8080"
        );
        assert_eq!(one("see http://u:p@h.example.").2, "h.example");
    }

    #[test]
    fn uris_inside_longer_strings() {
        assert_eq!(
            one("--index-url https://u:p@pypi.example/simple").2,
            "pypi.example"
        );
        let text = "git+https://u:t@github.com/org/repo.git@v1#egg=x";
        let f = &find_credentials(text.as_bytes())[0];
        assert_eq!(&text[f.removal.clone()], "u:t@");
        assert_eq!(f.end, text.len());
        assert_eq!(
            one("\"working_dir\": \"https://u:t@h.example/a.zip\",").2,
            "h.example"
        );
        assert_eq!(
            find_credentials(b"a https://u:p@x.example b ftp://v:q@y.example").len(),
            2
        );
    }

    #[test]
    fn escaped_slashes_as_json_writes_them() {
        let text = r#"{"w": "https:\/\/u:p4ss@h.example\/a.zip"}"#;
        let f = &find_credentials(text.as_bytes())[0];
        assert_eq!(&text[f.removal.clone()], "u:p4ss@");
        assert_eq!(f.host, "h.example");
        assert_eq!(f.redacted(text.as_bytes()), "https://***@h.example");
    }

    #[test]
    fn not_credentials() {
        none("https://medium.com/@someone");
        none("https://h.example/path?email=a@b.c");
        none("git@github.com:org/repo.git");
        none("mailto:someone@example.com");
        none("write to someone@example.com");
        none("ssh://git@github.com/org/repo.git");
        none("https://alice@h.example/x");
        none("https://alice:@h.example/x");
        none("://u:p@h.example");
        none("https://h.example/#frag@x");
    }

    /// Bug class: a CVSROOT's access method read as a user and its user as a password
    /// (`:pserver:anoncvs@` in Debian's copyright files). What follows the method is the
    /// userinfo.
    #[test]
    fn regression_cvs_roots_name_a_method_then_the_userinfo() {
        for method in ["pserver", "ext", "gserver"] {
            none(&format!(
                "cvs://:{method}:anoncvs@sources.redhat.com:/cvs/src"
            ));
        }
        let (user, password, _, part, _) = one("cvs://:pserver:dev:Kx7pQ2vN9zLm@cvs.acme.io:/cvs");
        assert_eq!(
            (user.as_str(), password.as_deref(), part),
            ("dev", Some("Kx7pQ2vN9zLm"), SecretPart::Password)
        );
        // Another scheme's empty user and password that merely starts like a method.
        let (_, password, ..) = one("redis://:ext:Kx7pQ2vN9zLm@cache.acme.io:6379");
        assert_eq!(password.as_deref(), Some("ext:Kx7pQ2vN9zLm"));
    }

    #[test]
    fn placeholders() {
        for text in [
            "https://${USER}:${TOKEN}@h.example/",
            "https://u:$TOKEN@h.example/",
            "https://u:{{ token }}@h.example/",
            "https://u:{token}@h.example/",
            "https://u:<token>@h.example/",
            "https://u:%TOKEN%@h.example/",
            "https://u:****@h.example/",
            "https://u:xxxx@h.example/",
            "https://u:%s@h.example/",
            "https://${GITHUB_TOKEN}@github.com/org/repo",
        ] {
            assert!(one(text).4, "{text}");
        }
        assert!(!one("https://user:hunter2@h.example/").4);
        // Examples, but not placeholders: scrub moves what the user asked it to clean.
        for text in [
            "https://user:pass@h.example/",
            "https://username:password@h.example/",
        ] {
            let f = &find_credentials(text.as_bytes())[0];
            assert!(
                !f.placeholder && f.verdict.class == Class::Example,
                "{text}"
            );
        }
    }

    #[test]
    fn redacted_display_hides_the_userinfo() {
        let text = "x https://alice:hunter2@github.com/org/repo.git y";
        let f = &find_credentials(text.as_bytes())[0];
        let shown = f.redacted(text.as_bytes());
        assert_eq!(shown, "https://***@github.com/org/repo.git");
        assert_eq!(f.rule(), ScanRule::UriPassword);
        assert!(!format!("{f:?}").contains("hunter2"));
    }

    #[test]
    fn tokens_and_names() {
        assert!(looks_like_token("ghp_0123456789abcdefghijABCDEFGHIJ012345"));
        assert!(looks_like_token("glpat-xxxxYYYYzzzz1234"));
        assert!(looks_like_token("0123456789abcdef0123456789abcdef01234567"));
        assert!(looks_like_token("q8Zk2LmN4pR7sT1vW9xY3b"));
        // Bug class: tokens without a digit, or with dashes, as the user (not even found).
        assert!(looks_like_token("MTyVpJxZxfoKoCSwCWvozMKK"));
        assert!(looks_like_token("2a256465-581c-b88a-6407-a28c240c824c"));
        for name in [
            "ThisIsMyGitHubUserName",
            "KubernetesServiceAccount",
            "service-account-for-ci-deployments",
            "git",
            "alice",
            "john.doe",
            "oauth2",
            "x-access-token",
            "firstname.lastname",
        ] {
            assert!(!looks_like_token(name), "{name}");
        }
    }
}
