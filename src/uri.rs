//! Finding credentials in URIs.

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
