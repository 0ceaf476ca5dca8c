//! Authorities that name more than one host: `h1:27017,h2:27017` after one userinfo (MongoDB,
//! PostgreSQL), or one userinfo per host (`u:p1@h1:11211;u:p2@h2:11211`, as Celery and
//! Kombu write cache and sentinel lists). Each host is judged on its own.

use super::{Parts, SecretPart};

/// The hosts of `h1,h2` or `h1;h2` (ports kept), or `None` for one host.
pub(super) fn host_list(host: &str) -> Option<Vec<&str>> {
    if host.starts_with('[') || !host.contains([',', ';']) {
        return None;
    }
    let hosts: Vec<&str> = host.split([',', ';']).filter(|h| !h.is_empty()).collect();
    (hosts.len() > 1 && hosts.iter().all(|h| is_host_port(h))).then_some(hosts)
}

/// One userinfo of a list, with the host it belongs to.
pub(super) struct Pair<'a> {
    pub user: String,
    pub password: Option<String>,
    pub raw_userinfo: &'a str,
    pub host: &'a str,
}

/// The userinfos of `u:p1@h1:11211;u:p2` (the finder reads up to the last `@`, so the
/// earlier pairs and hosts land in the password), or of `h1:123,u:p` (a host list before
/// the pair); `None` when the userinfo is one pair.
pub(super) fn pair_list<'a>(p: &Parts<'a>) -> Option<Vec<Pair<'a>>> {
    if p.secret_part != SecretPart::Password || !p.raw_userinfo.contains([',', ';']) {
        return None;
    }
    let segments: Vec<&str> = p.raw_userinfo.split([',', ';']).collect();
    let (last, earlier) = segments.split_last()?;
    let mut pairs = Vec::new();
    for segment in earlier {
        match segment.rsplit_once('@') {
            Some((userinfo, host)) if is_host_port(host) => pairs.push(pair(userinfo, host)),
            // A host without a userinfo must say it is one by its port (`h1:123`).
            None if segment.is_empty()
                || segment
                    .rsplit_once(':')
                    .is_some_and(|(h, port)| is_host_port(h) && is_port(port)) => {}
            _ => return None,
        }
    }
    if last.is_empty() || last.contains('@') {
        return None;
    }
    pairs.push(pair(last, p.host));
    Some(pairs)
}

fn pair<'a>(userinfo: &'a str, host: &'a str) -> Pair<'a> {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    let (user, password) = match userinfo.split_once(':') {
        Some((u, pw)) => (decode(u), Some(decode(pw))),
        None => (decode(userinfo), None),
    };
    Pair {
        user,
        password,
        raw_userinfo: userinfo,
        host,
    }
}

fn is_port(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A host name or IPv4 address, with an optional port.
fn is_host_port(s: &str) -> bool {
    let host = match s.rsplit_once(':') {
        Some((h, port)) if is_port(port) => h,
        Some(_) => return false,
        None => s,
    };
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}
