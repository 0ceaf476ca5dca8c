//! Machine names as every reader compares them: lower-case, bare host, IDNA, no port.

use std::fmt;

use super::value;

#[derive(Debug, Clone, PartialEq, Eq)]
/// A host as the readers look it up, with what was dropped on the way.
pub struct HostName {
    /// The canonical host: lower-case, IDNA punycode, no port.
    pub host: String,
    /// A port the input named; readers ignore ports, so it is dropped (and the user told).
    pub dropped_port: Option<u16>,
    /// The name Python's `urlsplit(url).hostname` gives for the host as written, which
    /// requests (Ray, pip) looks up; it differs from `host` when curl normalises what Python
    /// does not (IDNA, percent-encoding, `127.1`, an uncompressed IPv6 address).
    pub requests_host: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// Why a host cannot be a netrc machine.
pub enum HostError {
    /// Nothing was given.
    Empty,
    /// It carries credentials (`user:password@`), which belong in the netrc, not the name.
    Credentials,
    /// It is not a host name or address.
    Invalid,
    /// `default`: Python files a machine of that name as the `default` entry.
    DefaultKeyword,
    /// A name with `"` or `,`, which a netrc can hold only quoted, and older readers misread.
    NeedsQuoting,
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HostError::Empty => "the host is empty",
            HostError::Credentials => {
                "the host contains credentials (`user:pass@`); give only the host and pass the password with --password-stdin or --password-env"
            }
            HostError::Invalid => "not a valid host name",
            HostError::DefaultKeyword => {
                "`default` is the netrc keyword for the catch-all entry, not a host name (Python files a machine named `default` as that entry); add and remove take --default for it"
            }
            HostError::NeedsQuoting => {
                "the host name holds `\"` or `,`, which a netrc can hold only quoted, and older readers misread quoted values"
            }
        })
    }
}

impl std::error::Error for HostError {}

/// Reduces a host, `host:port`, bare IPv6 address or URL to the machine name netrc-guard
/// stores and looks up. Every command uses this one function (add, remove, get, scrub's
/// hosts through [`canonical_host`]), and `check` judges machine names by it, so what one
/// command writes the others find and `check` accepts.
pub fn normalize(input: &str) -> Result<HostName, HostError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(HostError::Empty);
    }
    // `::1` is how a bracketed address is written in a netrc (and how curl and requests look
    // it up), so it must be accepted back as a HOST.
    if let Ok(ip) = input.parse::<std::net::Ipv6Addr>() {
        return Ok(HostName {
            host: ip.to_string(),
            dropped_port: None,
            requests_host: input.to_lowercase(),
        });
    }
    let with_scheme = if input.contains("://") {
        input.to_string()
    } else {
        format!("http://{input}")
    };
    let url = url::Url::parse(&with_scheme).map_err(|_| HostError::Invalid)?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(HostError::Credentials);
    }
    let raw = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or(HostError::Invalid)?;
    Ok(HostName {
        host: canonical(raw)?,
        dropped_port: named_port(&with_scheme, &url),
        requests_host: python_hostname(&with_scheme),
    })
}

/// The port `with_scheme` names, the scheme's default included: `url` forgets `:80` after
/// `http://` (and the `http://` put before a bare HOST), which would drop it silently.
fn named_port(with_scheme: &str, url: &url::Url) -> Option<u16> {
    let authority = with_scheme
        .split_once("://")
        .map_or(with_scheme, |(_, rest)| rest);
    let authority = authority.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let after_host = match host_port.strip_prefix('[') {
        Some(rest) => rest.split_once(']').map_or("", |(_, after)| after),
        None => host_port.find(':').map_or("", |at| &host_port[at..]),
    };
    match after_host.strip_prefix(':') {
        Some(port) if !port.is_empty() => url.port_or_known_default(),
        _ => None,
    }
}

/// `urllib.parse.urlsplit(url).hostname`: the authority's host as written, lower-cased,
/// without userinfo, port or brackets; no IDNA, percent-decoding or address normalisation.
pub fn python_hostname(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host_port.split(':').next().unwrap_or_default(),
    };
    // `hostname` lowercases only what precedes the first `%` and keeps the rest as written
    // (it takes it for an IPv6 zone), so `M%C3%BCnchen.de` is looked up as `m%C3%BCnchen.de`.
    match host.split_once('%') {
        Some((before, rest)) => format!("{}%{rest}", before.to_lowercase()),
        None => host.to_lowercase(),
    }
}

/// The machine name for a URL's host (port already stripped), or `None` when it has none
/// that every reader reads the same way. See [`normalize`].
pub fn canonical_host(raw: &str) -> Option<String> {
    canonical(raw).ok()
}

/// Lower-case, IDNA punycode for names (curl looks up the punycode form; requests the URL's
/// host as written), compressed and bare for IPv6 (as curl and `urllib`'s `hostname` give
/// it), a trailing dot kept (curl and requests both keep it). Non-special URL schemes
/// (`ssh`, `redis`) leave hosts unprocessed, so this redoes it.
fn canonical(raw: &str) -> Result<String, HostError> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| HostError::Invalid)?;
    if let Ok(ip) = decoded.parse::<std::net::Ipv6Addr>() {
        return Ok(ip.to_string());
    }
    let name = match url::Host::parse(&decoded).map_err(|_| HostError::Invalid)? {
        url::Host::Domain(d) => d.to_ascii_lowercase(),
        url::Host::Ipv4(ip) => ip.to_string(),
        url::Host::Ipv6(ip) => ip.to_string(),
    };
    if name == "default" {
        return Err(HostError::DefaultKeyword);
    }
    match value::classify(&name) {
        Ok(None) => Ok(name),
        _ => Err(HostError::NeedsQuoting),
    }
}

/// What `check` says about a machine name as written in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameIssue {
    /// Upper-case letters: Python compares exactly and requests lower-cases the URL's host.
    NotLowercase,
    /// A scheme, port, path, brackets or another form [`normalize`] would not write.
    NotBareHost,
    NamedDefault,
}

/// The issue with a machine name, judged by [`normalize`]: a name is fine exactly when
/// normalising it gives it back. Names that need quoting or are not ASCII are left to the
/// value rules.
pub(crate) fn machine_name_issue(name: &str) -> Option<NameIssue> {
    if value::classify(name) != Ok(None) {
        return None;
    }
    match normalize(name) {
        Ok(h) if h.dropped_port.is_none() && h.host == name => None,
        Ok(h) if h.dropped_port.is_none() && h.host == name.to_ascii_lowercase() => {
            Some(NameIssue::NotLowercase)
        }
        Err(HostError::DefaultKeyword) => Some(NameIssue::NamedDefault),
        _ => Some(NameIssue::NotBareHost),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(s: &str) -> String {
        normalize(s).unwrap().host
    }

    #[test]
    fn hosts_urls_and_ports() {
        assert_eq!(host("GitHub.com"), "github.com");
        assert_eq!(host("https://GitHub.com/org/repo.git"), "github.com");
        assert_eq!(
            normalize("github.com:8443").unwrap().dropped_port,
            Some(8443)
        );
        // Every form that names a port, the scheme's default included, has it dropped (and
        // the user told); a form without one has none.
        for (input, port) in [
            ("github.com:8443", Some(8443)),
            ("h.example:80", Some(80)),
            ("h.example:443", Some(443)),
            ("127.0.0.1:80", Some(80)),
            ("127.0.0.1:8080", Some(8080)),
            ("[0:0::1]:80", Some(80)),
            ("[::1]:8443", Some(8443)),
            ("https://h.example:443/", Some(443)),
            ("http://h.example:80/x", Some(80)),
            ("https://h.example:8443/x?y#z", Some(8443)),
            ("ssh://h.example:22/x", Some(22)),
            ("h.example", None),
            ("h.example:", None),
            ("127.0.0.1", None),
            ("[::1]", None),
            ("::1", None),
            ("https://h.example/a:b", None),
            ("https://[::1]/x", None),
        ] {
            assert_eq!(normalize(input).unwrap().dropped_port, port, "{input}");
        }
        assert_eq!(host("bücher.example"), "xn--bcher-kva.example");
        assert_eq!(host("ssh://Bücher.example:22/x"), "xn--bcher-kva.example");
        assert_eq!(host("[::1]:8080"), "::1");
        assert_eq!(host("127.0.0.1"), "127.0.0.1");
    }

    #[test]
    fn credentials_and_junk_are_refused_without_echo() {
        let e = normalize("https://u:hunter2@github.com").unwrap_err();
        assert_eq!(e, HostError::Credentials);
        assert!(!e.to_string().contains("hunter2"));
        assert_eq!(normalize(""), Err(HostError::Empty));
        assert_eq!(normalize("a b"), Err(HostError::Invalid));
        assert_eq!(normalize("Default"), Err(HostError::DefaultKeyword));
        assert_eq!(normalize("a,b.example"), Err(HostError::NeedsQuoting));
    }

    /// The issue: `add '[::1]:8080'` wrote `machine ::1`, which `get ::1` refused and `check`
    /// flagged. Every form of an address gives the one name, and that name gives itself.
    #[test]
    fn what_normalize_gives_normalizes_to_itself() {
        for input in [
            "[::1]:8080",
            "::1",
            "0:0:0:0:0:0:0:1",
            "http://[0::1]/x",
            "[::FFFF:1.2.3.4]",
            "127.0.0.1:22",
            "München.DE.",
            "https://GitHub.com:443/x",
        ] {
            let host = normalize(input).unwrap().host;
            let again = normalize(&host).unwrap();
            assert_eq!((&again.host, again.dropped_port), (&host, None), "{input}");
            assert_eq!(machine_name_issue(&host), None, "{input}");
        }
        assert_eq!(host("[::1]:8080"), "::1");
        assert_eq!(host("münchen.de"), "xn--mnchen-3ya.de");
        assert_eq!(host("a.example."), "a.example.");
    }

    #[test]
    fn machine_name_issues() {
        assert_eq!(
            machine_name_issue("GitHub.com"),
            Some(NameIssue::NotLowercase)
        );
        for name in ["a.com:443", "https://a.com", "a.com/x", "[::1]", "u@a.com"] {
            assert_eq!(
                machine_name_issue(name),
                Some(NameIssue::NotBareHost),
                "{name}"
            );
        }
        assert_eq!(machine_name_issue("DEFAULT"), Some(NameIssue::NamedDefault));
        assert_eq!(machine_name_issue("münchen.de"), None, "left to non-ascii");
    }
}
