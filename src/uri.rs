//! Finding credentials in URIs, anywhere in a buffer.
//!
//! The scan looks for the literal `://` with `memchr`'s substring finder, walks back over the
//! scheme and forward over the authority, and takes the userinfo up to the last `@` before
//! the authority ends. No allocation happens per line; only findings allocate.

use std::ops::Range;

use crate::secret::Secret;

/// Which part of the userinfo is the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SecretPart {
    Password,
    User,
}

/// Rule identifiers, as reports and SARIF name them.
pub const RULE_PASSWORD: &str = "uri-password";
pub const RULE_TOKEN_USER: &str = "uri-token-user";

/// A URI whose userinfo holds a credential.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Where the URI (its scheme) starts.
    pub start: usize,
    /// Where the URI ends (first byte after it).
    pub end: usize,
    /// The bytes to delete to remove the credential: the userinfo and its `@`.
    pub removal: Range<usize>,
    pub scheme: String,
    /// The host as written (for display; see [`crate::netrc::host::canonical_host`]).
    pub host: String,
    /// Percent-decoded user; a secret when it is a token.
    pub user: Secret,
    /// Percent-decoded password; `None` when the userinfo has no `:`.
    pub password: Option<Secret>,
    pub secret_part: SecretPart,
    /// `${VAR}`, `<token>`, `user:pass` and the like: not a real credential.
    pub placeholder: bool,
    /// The host is loopback (`localhost`, 127.0.0.0/8, `::1`).
    pub local: bool,
}

impl Finding {
    pub fn rule(&self) -> &'static str {
        match self.secret_part {
            SecretPart::Password => RULE_PASSWORD,
            SecretPart::User => RULE_TOKEN_USER,
        }
    }

    /// The URI with the whole userinfo replaced by `***`, cut to a readable length.
    pub fn redacted(&self, buf: &[u8]) -> String {
        let after = String::from_utf8_lossy(&buf[self.removal.end..self.end]);
        let mut shown: String = after.chars().take(60).collect();
        if after.chars().count() > 60 {
            shown.push_str("...");
        }
        format!("{}://***@{shown}", self.scheme)
    }
}

/// Bytes that end a URI in running text, source code and data files.
fn ends_uri(b: u8) -> bool {
    b.is_ascii_whitespace()
        || b.is_ascii_control()
        || matches!(b, b'"' | b'\'' | b'`' | b'<' | b'>' | b'\\')
}

/// Bytes that end the authority (RFC 3986: `/`, `?`, `#`), besides those that end the URI.
fn ends_authority(b: u8) -> bool {
    ends_uri(b) || matches!(b, b'/' | b'?' | b'#')
}

/// The first byte from `from` on where `stop` holds, stepping over template braces
/// (`{{ var }}`, `${ VAR }`) whose insides may hold spaces, and `<token>` placeholders.
fn scan_until(buf: &[u8], from: usize, stop: fn(u8) -> bool) -> usize {
    let mut i = from;
    while i < buf.len() {
        if buf[i] == b'{' {
            let window = &buf[i..buf.len().min(i + 80)];
            if let Some(close) = memchr::memchr(b'}', window)
                && !window[..close].contains(&b'\n')
            {
                i += close + 1;
                continue;
            }
        }
        if buf[i] == b'<' {
            // `<token>` inside a URI is a placeholder, not the end of the URI.
            let window = &buf[i + 1..buf.len().min(i + 40)];
            if let Some(close) = memchr::memchr(b'>', window)
                && close > 0
                && window[..close]
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b' '))
            {
                i += close + 2;
                continue;
            }
        }
        if stop(buf[i]) {
            return i;
        }
        i += 1;
    }
    buf.len()
}

fn is_scheme_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
}

/// Every URI with a credential in its userinfo, in order. Placeholders and loopback hosts
/// are included and marked; callers decide what to report.
pub fn find_credentials(buf: &[u8]) -> Vec<Finding> {
    let mut out: Vec<Finding> = memchr::memmem::find_iter(buf, b"://")
        .filter_map(|sep| finding_at(buf, sep, 3))
        .collect();
    // `https:\/\/` as JSON (and YAML double quotes) may write it; its authority then ends at
    // the `\` of the next `\/`.
    let plain = out.len();
    out.extend(memchr::memmem::find_iter(buf, br":\/\/").filter_map(|sep| finding_at(buf, sep, 5)));
    if out.len() > plain {
        out.sort_by_key(|f| f.start);
    }
    out
}

/// The finding whose scheme ends at `sep`, where a separator of `sep_len` bytes stands.
fn finding_at(buf: &[u8], sep: usize, sep_len: usize) -> Option<Finding> {
    // The scheme: letters, digits, `+-.`, starting with a letter.
    let mut start = sep;
    while start > 0 && is_scheme_byte(buf[start - 1]) {
        start -= 1;
    }
    while start < sep && !buf[start].is_ascii_alphabetic() {
        start += 1;
    }
    if start == sep {
        return None;
    }
    let auth_start = sep + sep_len;
    let auth_end = scan_until(buf, auth_start, ends_authority);
    let at = auth_start + memchr::memrchr(b'@', &buf[auth_start..auth_end])?;
    let userinfo = &buf[auth_start..at];
    let (user_raw, password_raw) = match memchr::memchr(b':', userinfo) {
        Some(i) => (&userinfo[..i], Some(&userinfo[i + 1..])),
        None => (userinfo, None),
    };
    let user = decode(user_raw);
    let password = password_raw.map(decode);
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
    let host_end = host_end(buf, at + 1, auth_end);
    let host = String::from_utf8_lossy(&buf[at + 1..host_end]).into_owned();
    let end = scan_until(buf, auth_end, ends_uri);
    let placeholder = match secret_part {
        SecretPart::Password => {
            is_placeholder(password_raw.unwrap_or_default())
                || is_example_pair(user_raw, password_raw.unwrap_or_default())
        }
        SecretPart::User => is_placeholder(user_raw),
    };
    Some(Finding {
        start,
        end,
        removal: auth_start..at + 1,
        scheme: String::from_utf8_lossy(&buf[start..sep]).into_owned(),
        local: is_loopback(&host),
        host,
        user: Secret::new(user),
        password: password.map(Secret::new),
        secret_part,
        placeholder,
    })
}

/// The end of the host (and port) that follows the userinfo: a bracketed IPv6 literal or
/// a name, then an optional `:port`. Trailing dots (end of a sentence) are not the host's.
fn host_end(buf: &[u8], from: usize, limit: usize) -> usize {
    let mut i = from;
    if buf.get(i) == Some(&b'[') {
        while i < limit && buf[i] != b']' {
            i += 1;
        }
        i = (i + 1).min(limit);
    } else {
        while i < limit
            && (buf[i].is_ascii_alphanumeric()
                || matches!(
                    buf[i],
                    b'.' | b'-' | b'_' | b'~' | b'%' | b'$' | b'{' | b'}'
                ))
        {
            i += 1;
        }
        while i > from && buf[i - 1] == b'.' {
            i -= 1;
        }
    }
    if i < limit && buf[i] == b':' {
        let digits = buf[i + 1..limit]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        i += 1 + digits;
    }
    i
}

fn decode(raw: &[u8]) -> String {
    percent_encoding::percent_decode(raw)
        .decode_utf8_lossy()
        .into_owned()
}

/// `${VAR}`, `$VAR`, `{{ var }}`, `{var}`, `<token>`, `%VAR%`, all `*` or all `x`.
pub fn is_placeholder(raw: &[u8]) -> bool {
    let s = String::from_utf8_lossy(raw);
    let s = s.trim();
    if s.is_empty() {
        return false;
    }
    let wrapped = |open: &str, close: &str| {
        s.len() > open.len() + close.len() && s.starts_with(open) && s.ends_with(close)
    };
    let ident =
        |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    (wrapped("${", "}"))
        || (s.starts_with('$') && ident(&s[1..]))
        || wrapped("{{", "}}")
        || (wrapped("{", "}") && ident(s[1..s.len() - 1].trim()))
        || wrapped("<", ">")
        || (wrapped("%", "%") && ident(&s[1..s.len() - 1]))
        || s.bytes().all(|b| b == b'*')
        || s.bytes().all(|b| b == b'x' || b == b'X')
}

/// Example pairs from documentation: `user:pass`, `username:password` and the like.
fn is_example_pair(user: &[u8], password: &[u8]) -> bool {
    const USERS: &[&str] = &[
        "user",
        "username",
        "usr",
        "login",
        "name",
        "myuser",
        "your-username",
        "your_username",
    ];
    const PASSWORDS: &[&str] = &[
        "pass",
        "password",
        "passwd",
        "pwd",
        "secret",
        "token",
        "mypassword",
        "your-password",
        "your_password",
        "your-token",
        "your_token",
    ];
    let user = String::from_utf8_lossy(user).to_ascii_lowercase();
    let password = String::from_utf8_lossy(password).to_ascii_lowercase();
    USERS.contains(&user.as_str()) && PASSWORDS.contains(&password.as_str())
}

/// `localhost`, 127.0.0.0/8 and `::1`, with or without a port.
pub fn is_loopback(host: &str) -> bool {
    let bare = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or_default()
    } else {
        host.rsplit_once(':').map_or(host, |(h, p)| {
            if p.bytes().all(|b| b.is_ascii_digit()) {
                h
            } else {
                host
            }
        })
    };
    let bare = bare.to_ascii_lowercase();
    bare == "localhost"
        || bare.ends_with(".localhost")
        || bare == "::1"
        || bare
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Removes every credential (placeholders stay) from `s`: what a scrubbed string must be.
pub fn strip_credentials(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for f in find_credentials(s.as_bytes()) {
        if f.placeholder {
            continue;
        }
        out.push_str(&s[last..f.removal.start]);
        last = f.removal.end;
    }
    out.push_str(&s[last..]);
    out
}

/// Whether a user name is really a token (GitHub, GitLab and similar prefixes, a 40-hex
/// digest, or a long random-looking string). Such a user name is a secret.
pub fn looks_like_token(user: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "ghp_",
        "gho_",
        "ghu_",
        "ghs_",
        "ghr_",
        "github_pat_",
        "glpat-",
        "gldt-",
        "glrt-",
        "glptt-",
        "glcbt-",
        "gloas-",
        "xoxb-",
        "xoxp-",
        "hf_",
        "npm_",
        "pypi-",
        "sk-",
        "AKIA",
        "ATBB",
        "ATATT",
    ];
    if PREFIXES.iter().any(|p| user.starts_with(p)) && user.len() >= 12 {
        return true;
    }
    if user.len() == 40 && user.bytes().all(|b| b.is_ascii_hexdigit()) {
        return true;
    }
    random_looking(user)
}

/// Long, made of token characters, with letters and digits and high entropy.
fn random_looking(s: &str) -> bool {
    if s.len() < 20
        || !s
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.~+/=".contains(&b))
    {
        return false;
    }
    let has_digit = s.bytes().any(|b| b.is_ascii_digit());
    let has_alpha = s.bytes().any(|b| b.is_ascii_alphabetic());
    has_digit && has_alpha && entropy_bits_per_char(s) >= 3.5
}

fn entropy_bits_per_char(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum()
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
            "https://user:pass@h.example/",
            "https://username:password@h.example/",
            "https://${GITHUB_TOKEN}@github.com/org/repo",
        ] {
            assert!(one(text).4, "{text}");
        }
        assert!(!one("https://user:hunter2@h.example/").4);
    }

    #[test]
    fn loopback_hosts() {
        for h in [
            "localhost",
            "LOCALHOST:8080",
            "127.0.0.1",
            "127.1.2.3:5432",
            "[::1]:80",
            "[::1]",
        ] {
            assert!(is_loopback(h), "{h}");
        }
        for h in ["example.com", "10.0.0.1", "localhost.example.com"] {
            assert!(!is_loopback(h), "{h}");
        }
        assert!(find_credentials(b"redis://:pw@localhost:6379")[0].local);
    }

    #[test]
    fn redacted_display_hides_the_userinfo() {
        let text = "x https://alice:hunter2@github.com/org/repo.git y";
        let f = &find_credentials(text.as_bytes())[0];
        let shown = f.redacted(text.as_bytes());
        assert_eq!(shown, "https://***@github.com/org/repo.git");
        assert_eq!(f.rule(), RULE_PASSWORD);
        assert!(!format!("{f:?}").contains("hunter2"));
    }

    #[test]
    fn strip_removes_credentials_and_keeps_placeholders() {
        assert_eq!(
            strip_credentials(
                "pip install git+https://u:t@h.example/r.git https://u:${T}@h.example/"
            ),
            "pip install git+https://h.example/r.git https://u:${T}@h.example/"
        );
    }

    #[test]
    fn tokens_and_names() {
        assert!(looks_like_token("ghp_0123456789abcdefghijABCDEFGHIJ012345"));
        assert!(looks_like_token("glpat-xxxxYYYYzzzz1234"));
        assert!(looks_like_token("0123456789abcdef0123456789abcdef01234567"));
        assert!(looks_like_token("q8Zk2LmN4pR7sT1vW9xY3b"));
        for name in [
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
