//! What a HOST or a variable name looks like: a name that can be shown back, or a token
//! pasted where a host or a variable's name belongs (`add` refuses to echo or file those).

use crate::uri::login_is_secret;

/// A name that can be shown back: an environment variable's shape (`PYPI_PASSWORD`), not
/// a token's.
pub(super) fn env_name(var: &str) -> bool {
    var.len() <= 64
        && var.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !login_is_secret(var)
}

/// Whether a label of a HOST's authority, as typed, reads as a token: token-shaped and
/// written the way host names never are (capitals, or `_`). All-lower-case names always
/// pass, so a random-looking but real host (`x7g9q5rpwj5fv6jr-8080.app.github.dev`) is
/// never refused.
pub(super) fn token_shaped(input: &str) -> bool {
    let rest = input.split_once("://").map_or(input, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    authority
        .split(['.', ':', '@', '[', ']'])
        .filter(|l| drawn_not_typed(l))
        .any(login_is_secret)
}

/// A label written as a generator writes, not as a person names a machine: with `_`, with
/// capitals side by side (`AKIAQ3EG`), or changing between capitals, small letters and
/// digits at every few characters (`Q9w8E7r6`); `MyServer2024Production` is none of these.
fn drawn_not_typed(label: &str) -> bool {
    let b = label.as_bytes();
    let class = |c: u8| {
        (
            c.is_ascii_uppercase(),
            c.is_ascii_lowercase(),
            c.is_ascii_digit(),
        )
    };
    let changes = b.windows(2).filter(|w| class(w[0]) != class(w[1])).count();
    b.contains(&b'_')
        || b.windows(2)
            .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase())
        || (b.iter().any(u8::is_ascii_uppercase) && changes >= b.len() / 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_names_are_told_from_passwords() {
        for name in ["PYPI_PASSWORD", "NETRC_PW", "_x", "token2"] {
            assert!(env_name(name), "{name}");
        }
        for not in [
            "ghp_Zq81Xw0Lp3Vb7Nm2Kc5Rt9Yh4Jd6Gf1Sa0E",
            "PW=hunter2",
            "hunter 2",
            "p@ss",
            "",
        ] {
            assert!(!env_name(not), "{not}");
        }
    }

    #[test]
    fn token_shaped_hosts_are_told_from_real_ones() {
        for token in [
            "ghp_Zq81Xw0Lp3Vb7Nm2Kc5Rt9Yh4Jd6Gf1Sa0E",
            "https://glpat-Q9w8E7r6T5y4U3i2O1p0/x",
            "AKIAQ3EGUOWZL7RX5F2N",
        ] {
            assert!(token_shaped(token), "{token}");
        }
        for real in [
            "user-repo-x7g9q5rpwj5fv6jr-8080.app.github.dev",
            "ec2-54-123-45-67.compute-1.amazonaws.com",
            "https://123456789012.dkr.ecr.us-east-1.amazonaws.com:443/v2",
            "GitHub.com",
            "MyServer2024Production.corp.example.com",
            "WIN-SRV2019-DC01.ad.local",
            "_acme-challenge.example.com",
            "[::1]:8080",
        ] {
            assert!(!token_shaped(real), "{real}");
        }
    }
}
