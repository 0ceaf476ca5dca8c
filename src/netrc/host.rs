//! Machine names as every reader compares them: lower-case, bare host, IDNA, no port.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostName {
    pub host: String,
    /// A port the input named; readers ignore ports, so it is dropped (and the user told).
    pub dropped_port: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostError {
    Empty,
    Credentials,
    Invalid,
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HostError::Empty => "the host is empty",
            HostError::Credentials => {
                "the host contains credentials (`user:pass@`); give only the host and pass the password with --password-stdin or --password-env"
            }
            HostError::Invalid => "not a valid host name",
        })
    }
}

impl std::error::Error for HostError {}

/// Reduces a host, `host:port` or URL to the machine name netrc-guard stores.
pub fn normalize(input: &str) -> Result<HostName, HostError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(HostError::Empty);
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
        host: canonical_host(raw).ok_or(HostError::Invalid)?,
        dropped_port: url.port(),
    })
}

/// Lower-case, IDNA punycode for names, bare for IPv6 (as `urllib`'s `hostname` gives it).
/// Non-special URL schemes (`ssh`, `redis`) leave hosts unprocessed, so this redoes it.
pub fn canonical_host(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    match url::Host::parse(&decoded).ok()? {
        url::Host::Domain(d) => Some(d.to_ascii_lowercase()),
        url::Host::Ipv4(ip) => Some(ip.to_string()),
        url::Host::Ipv6(ip) => Some(ip.to_string()),
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
        assert_eq!(
            normalize("https://h.example:443/").unwrap().dropped_port,
            None
        );
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
    }
}
