//! The URL being explained, and the host string each reader looks up for it.
//!
//! Readers do not agree on the host: curl and uv use the WHATWG/IDNA form (lower-case
//! punycode), Python's `urlsplit(url).hostname` lower-cases what was written (no IDNA),
//! Go compares `URL.Host` as written (port included), and the Ruby gem is handed the host
//! as the program has it.

use std::fmt;

/// Why a URL cannot be explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    /// Not a URL.
    Invalid,
    /// A URL without a host.
    NoHost,
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlError::Invalid => "neither a URL (scheme://host/...) nor a host name",
            UrlError::NoHost => "the URL has no host",
        })
    }
}

impl std::error::Error for UrlError {}

/// What the readers need to know about the URL. Holds no credential: userinfo is only
/// noted, never kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlFacts {
    /// The URL as given, without its `userinfo@`.
    pub shown: String,
    /// The scheme, lower-cased.
    pub scheme: String,
    /// The URL carries `user@` or `user:password@`.
    pub has_credentials: bool,
    /// The host as written (IPv6 in brackets), percent-encoding and case kept.
    pub raw_host: String,
    /// The port as written, if any.
    pub raw_port: Option<String>,
    /// The path as written (for Go's prefix match).
    pub path: String,
    /// The WHATWG host: lower-case, IDNA punycode, IPv6 in brackets.
    pub whatwg_host: String,
}

impl UrlFacts {
    /// Reads the facts of `input`; never keeps its credentials.
    pub fn parse(input: &str) -> Result<UrlFacts, UrlError> {
        let input = input.trim();
        let parsed = url::Url::parse(input).map_err(|_| UrlError::Invalid)?;
        let whatwg_host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or(UrlError::NoHost)?
            .to_string();
        let (scheme, rest) = input.split_once("://").ok_or(UrlError::Invalid)?;
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..authority_end];
        let (userinfo, host_port) = match authority.rfind('@') {
            Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
            None => (None, authority),
        };
        let (raw_host, raw_port) = split_port(host_port);
        if raw_host.is_empty() {
            return Err(UrlError::NoHost);
        }
        let shown = match userinfo {
            Some(u) => {
                let start = scheme.len() + 3;
                format!("{}{}", &input[..start], &input[start + u.len() + 1..])
            }
            None => input.to_string(),
        };
        let path_end = rest[authority_end..]
            .find(['?', '#'])
            .map_or(rest.len(), |i| authority_end + i);
        Ok(UrlFacts {
            shown,
            scheme: scheme.to_ascii_lowercase(),
            has_credentials: userinfo.is_some(),
            raw_host: raw_host.to_string(),
            raw_port: raw_port.map(str::to_string),
            path: rest[authority_end..path_end].to_string(),
            whatwg_host,
        })
    }

    /// libcurl's `conn->host.name`: IDNA-converted, IPv6 without brackets. (curl compares
    /// it case-insensitively, so the case does not matter.)
    pub(crate) fn curl_host(&self) -> String {
        unbracket(&self.whatwg_host).to_string()
    }

    /// `urllib.parse.urlsplit(url).hostname`: lower-cased as written, no IDNA, IPv6 bare.
    pub fn python_host(&self) -> String {
        unbracket(&self.raw_host).to_lowercase()
    }

    /// `url::Url::host_str()`, as uv looks it up.
    pub(crate) fn uv_host(&self) -> String {
        self.whatwg_host.clone()
    }

    /// Go's `URL.Host`: as written, with the port.
    pub(crate) fn go_host(&self) -> String {
        match &self.raw_port {
            Some(p) => format!("{}:{p}", self.raw_host),
            None => self.raw_host.clone(),
        }
    }

    /// The host a Ruby program hands the gem (`URI(url).host`): as written, no port.
    pub(crate) fn ruby_host(&self) -> String {
        self.raw_host.clone()
    }

    /// The host netrc-guard itself files entries under (lower-case, punycode, bare IPv6).
    pub fn canonical_host(&self) -> String {
        self.curl_host().to_ascii_lowercase()
    }
}

fn unbracket(host: &str) -> &str {
    host.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host)
}

/// `host:port` → (host, port); an IPv6 literal keeps its brackets.
fn split_port(host_port: &str) -> (&str, Option<&str>) {
    if host_port.starts_with('[') {
        return match host_port.find(']') {
            Some(end) => {
                let rest = &host_port[end + 1..];
                (&host_port[..=end], rest.strip_prefix(':'))
            }
            None => (host_port, None),
        };
    }
    match host_port.rsplit_once(':') {
        Some((h, p)) if p.bytes().all(|b| b.is_ascii_digit()) => (h, Some(p)),
        _ => (host_port, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_per_reader() {
        let u = UrlFacts::parse("https://User:Secret@Bücher.Example:8443/a/b?q#f").unwrap();
        assert!(u.has_credentials);
        assert_eq!(u.shown, "https://Bücher.Example:8443/a/b?q#f");
        assert!(!format!("{u:?}").contains("Secret"));
        assert_eq!(u.curl_host(), "xn--bcher-kva.example");
        assert_eq!(u.python_host(), "bücher.example");
        assert_eq!(u.go_host(), "Bücher.Example:8443");
        assert_eq!(u.ruby_host(), "Bücher.Example");
        assert_eq!(u.path, "/a/b");
        let v6 = UrlFacts::parse("http://[::1]:8080/").unwrap();
        assert_eq!(v6.curl_host(), "::1");
        assert_eq!(v6.uv_host(), "[::1]");
        assert_eq!(v6.python_host(), "::1");
        assert_eq!(v6.go_host(), "[::1]:8080");
    }

    #[test]
    fn bad_urls() {
        assert_eq!(UrlFacts::parse("github.com"), Err(UrlError::Invalid));
        assert_eq!(UrlFacts::parse("file:///etc/x"), Err(UrlError::NoHost));
        assert_eq!(UrlFacts::parse("http://"), Err(UrlError::Invalid));
    }
}
