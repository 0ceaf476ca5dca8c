//! What the host of a URI says about its credential: an example host (loopback, reserved,
//! documentation, placeholder, template), or a real one.

use super::SecretPart;
use super::value::has_template_syntax;
use super::words::is_placeholder_host;
use super::{Parts, Reason};
use crate::uri::is_placeholder;

/// Rule 5: an example host, or template syntax around the secret.
pub(super) fn example_host(p: &Parts) -> Vec<Reason> {
    let mut out = Vec::new();
    let (bare, port) = match super::super::strip_port(p.host) {
        bare if bare.len() < p.host.len() => (bare, Some(&p.host[bare.len() + 1..])),
        bare => match bare.rsplit_once(':').filter(|(h, _)| !h.contains(':')) {
            Some((h, port)) => (h, Some(port)),
            None => (bare, None),
        },
    };
    let bare = bare.trim_end_matches('.').to_lowercase();
    let ipv6 = bare.starts_with('[')
        && bare[1..]
            .trim_end_matches(']')
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    let raw_user = p.raw_userinfo.split(':').next().unwrap_or_default();
    if p.secret_part == SecretPart::Password && has_template_syntax(raw_user) {
        out.push(Reason::TemplateUser);
    }
    if bare.is_empty() {
        out.push(Reason::NoHost);
    } else if bare.contains(['{', '}', '$', '<'])
        || is_placeholder(bare.as_bytes())
        || (!ipv6 && has_template_syntax(&bare))
    {
        out.push(Reason::TemplateHost);
    } else if super::super::is_loopback(&bare) || bare == "0.0.0.0" || bare == "[::]" {
        out.push(Reason::LoopbackHost);
    } else if is_reserved_domain(&bare) {
        out.push(Reason::ReservedDomain);
    } else if is_documentation_address(&bare) {
        out.push(Reason::DocumentationAddress);
    } else if is_placeholder_host(&bare) {
        out.push(Reason::PlaceholderHost);
    }
    if port.is_some_and(|port| !port.is_empty() && !port.bytes().all(|b| b.is_ascii_digit())) {
        out.push(Reason::PortWord);
    }
    out
}

/// RFC 2606 and 6761 names: `example.*`, `*.example`, `*.test`, `*.invalid`, `*.localhost`.
fn is_reserved_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    matches!(tld, "example" | "test" | "invalid" | "localhost")
        || labels[..labels.len() - 1].contains(&"example")
}

/// RFC 5737 and 3849 addresses: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32.
fn is_documentation_address(host: &str) -> bool {
    ["192.0.2.", "198.51.100.", "203.0.113.", "[2001:db8:"]
        .iter()
        .any(|p| host.starts_with(p))
}

/// A name of two labels or more under an alphabetic top-level label, or an IP address.
pub(super) fn real_host(host: &str) -> bool {
    let bare = super::super::strip_port(host).trim_end_matches('.');
    if bare.starts_with('[') || bare.parse::<std::net::Ipv4Addr>().is_ok() {
        return true;
    }
    let labels: Vec<&str> = bare.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
        && labels
            .last()
            .is_some_and(|t| t.len() >= 2 && t.chars().all(char::is_alphabetic))
}
