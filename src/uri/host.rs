//! The host that follows a userinfo: where it ends in running text, and the netrc machine
//! name it is filed under.

use super::is_placeholder;

/// The machine name for a host as written (`host`, `host:port`, `[v6]:port`): what `add`
/// computes for the URL, by the same function (the host percent-decoded once, as URL
/// parsers and curl do, then IDNA), refusing templates (`${HOST}`, `{{ host }}`), whose
/// value is not known here.
pub fn machine_name(host: &str) -> Option<String> {
    let bare = strip_port(host);
    if bare.contains(['{', '}', '$']) || is_placeholder(bare.as_bytes()) {
        return None;
    }
    let name = crate::netrc::host::normalize(&format!("http://{bare}/")).ok()?;
    Some(name.host)
}

/// Where the host that follows a userinfo ends.
pub(super) struct HostExtent {
    /// After the host and its `:port`, if any.
    pub port_end: usize,
    /// Nothing but the end of the authority, or sentence punctuation before it, follows:
    /// the host was read whole rather than cut short at a byte that belongs to it.
    pub complete: bool,
}

/// Full stops a sentence may end with right after a host: ASCII, ideographic, fullwidth and
/// halfwidth (IDNA maps the last three to `.`, so inside a host they are dots).
fn is_full_stop(c: char) -> bool {
    matches!(c, '.' | '\u{3002}' | '\u{FF0E}' | '\u{FF61}')
}

/// The host (and port) that follows the userinfo: a bracketed IPv6 literal, or a name of
/// ASCII host bytes and any non-ASCII characters (IDNA decides later whether they are
/// valid), then an optional `:port`. Full stops the URI ends with belong to the sentence.
pub(super) fn host_extent(buf: &[u8], from: usize, limit: usize) -> HostExtent {
    let mut i = from;
    if buf.get(i) == Some(&b'[') {
        while i < limit && buf[i] != b']' {
            i += 1;
        }
        i = (i + 1).min(limit);
    } else {
        while i < limit
            && (buf[i] >= 0x80
                || buf[i].is_ascii_alphanumeric()
                || matches!(
                    buf[i],
                    b'.' | b'-' | b'_' | b'~' | b'%' | b'$' | b'{' | b'}'
                ))
        {
            i += 1;
        }
        // A dot that a port, path, query or fragment follows is the host's own (a rooted
        // name, `example.org.`, which curl and requests both look up as written); one the
        // URI ends with belongs to the sentence.
        let more_uri =
            (i < limit && buf[i] == b':') || matches!(buf.get(limit), Some(b'/' | b'?' | b'#'));
        while let Some(c) = last_char(&buf[from..i]).filter(|&c| is_full_stop(c) && !more_uri) {
            i -= c.len_utf8();
        }
    }
    if i < limit && buf[i] == b':' {
        let digits = buf[i + 1..limit]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        i += 1 + digits;
    }
    // Sentence punctuation between the host and the end of the authority is not the host's.
    let sentence_end = String::from_utf8_lossy(&buf[i..limit])
        .chars()
        .all(|c| is_full_stop(c) || ",;:!?)]}*".contains(c));
    // A backslash ends a URI in running text, but only these escapes end it in the value
    // a program reads (`\/` as JSON writes `/`, an escaped quote or line end); after any
    // other (`h\x2eexample`) readers disagree on where the host ends.
    let escape_ends = buf.get(limit) != Some(&b'\\')
        || matches!(
            buf.get(limit + 1),
            Some(b'/' | b'"' | b'\'' | b'n' | b'r' | b't')
        );
    HostExtent {
        port_end: i,
        complete: i > from && sentence_end && escape_ends,
    }
}

/// The last character of `bytes`, if they end in a whole UTF-8 character.
fn last_char(bytes: &[u8]) -> Option<char> {
    let from = bytes.len().saturating_sub(4);
    (from..bytes.len())
        .find_map(|i| std::str::from_utf8(&bytes[i..]).ok())
        .and_then(|s| s.chars().next_back())
}

/// `host:port` to `host`; `[v6]:port` to `[v6]`.
pub fn strip_port(host: &str) -> &str {
    match host.rfind(':') {
        Some(i)
            if host[i + 1..].bytes().all(|b| b.is_ascii_digit()) && !host[..i].ends_with(':') =>
        {
            &host[..i]
        }
        _ => host,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let found = super::super::find_credentials(b"redis://:hunter22@localhost:6379");
        assert!(
            found[0]
                .verdict
                .reasons
                .contains(&crate::uri::Reason::LoopbackHost)
        );
    }
}
