//! Credentials some part of which is filled in when the program runs (`$GIT_USER`, `%s`,
//! `{}`, `%USERNAME%`, `<user>`, `${VAR}`, `Xk9v${SUFFIX}`): a netrc holds literal values
//! only, so such a credential is never moved, and its template never leaves the source.

use super::Lang;

/// Whether the userinfo as written (before percent-decoding: `%24` is a literal `$`) holds
/// syntax that a shell, a format call or a template engine fills in. In Python, `{{` and
/// `}}` are braces as written in f-strings and `str.format` alike, so they are not; a `{x}`
/// in a plain string is (`.format` may fill it later).
pub fn filled_at_run_time(userinfo: &str, lang: Lang) -> bool {
    let unescaped;
    let userinfo = if lang == Lang::Python {
        unescaped = userinfo.replace("{{", "").replace("}}", "");
        unescaped.as_str()
    } else {
        userinfo
    };
    let b = userinfo.as_bytes();
    let word_start = |c: u8| c.is_ascii_alphabetic() || c == b'_';
    let word = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_';
    (0..b.len()).any(|i| match b[i] {
        // `${VAR}`, `$(cmd)` (shells, envsubst, CI templates); `$VAR` where a shell reads
        // the text (a script, a Dockerfile): in a JSON, YAML or Python value it is literal.
        b'$' => b
            .get(i + 1)
            .is_some_and(|&c| c == b'{' || c == b'(' || (lang == Lang::Text && word_start(c))),
        // `%s`, `%r`, `%(name)s`, `%d` (not percent-encoding `%d4`), `%NAME%` (Windows).
        b'%' => match b.get(i + 1) {
            Some(b's' | b'r' | b'(') => true,
            Some(b'd') => !b.get(i + 2).is_some_and(u8::is_ascii_hexdigit),
            Some(&c) if word_start(c) => {
                let name_len = b[i + 1..].iter().take_while(|c| word(c)).count();
                let is_hex_escape = b[i + 1..]
                    .iter()
                    .take(2)
                    .filter(|c| c.is_ascii_hexdigit())
                    .count()
                    == 2;
                !is_hex_escape && b.get(i + 1 + name_len) == Some(&b'%')
            }
            _ => false,
        },
        // `{}`, `{0}`, `{user}`, `{{ var }}`
        b'{' => {
            let inside = b[i + 1..].iter().take_while(|&&c| c != b'}').count();
            b.get(i + 1 + inside) == Some(&b'}')
                && b[i + 1..i + 1 + inside]
                    .iter()
                    .all(|c| word(c) || matches!(c, b' ' | b'.' | b'{' | b'!' | b':'))
        }
        // `<user>`
        b'<' => {
            let inside = b[i + 1..]
                .iter()
                .take_while(|c| word(c) || **c == b'-')
                .count();
            inside > 0 && b.get(i + 1 + inside) == Some(&b'>')
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_of_every_kind_are_filled_at_run_time() {
        for t in [
            "$GIT_USER:TOKEN@",
            "%s:TOKEN@",
            "%(user)s:TOKEN@",
            "{}:TOKEN@",
            "{user}:TOKEN@",
            "%USERNAME%:TOKEN@",
            "<user>:TOKEN@",
            "${VAR}:TOKEN@",
            "alice:Xk9v${SUFFIX}@",
            "alice:Xk9v$(cat f)@",
            "{{ user }}:TOKEN@",
        ] {
            assert!(filled_at_run_time(t, Lang::Text), "{t}");
        }
    }

    #[test]
    fn literal_values_are_not() {
        for t in [
            "alice:hunter22@",
            "alice:p%24ss@",
            "alice:%DB%41x@",
            "alice:a$1b@",
            "alice:a{b@",
            "alice:<>@",
            "ghp_0123456789abcdefghijABCDEFGHIJ012345@",
        ] {
            assert!(!filled_at_run_time(t, Lang::Text), "{t}");
        }
        assert!(!filled_at_run_time("u1:pw{{x}}a@", Lang::Python));
        assert!(filled_at_run_time("u1:pw{{x}}a@", Lang::Yaml));
        assert!(filled_at_run_time("{}:pw@", Lang::Python));
        assert!(!filled_at_run_time("u:p$ss@", Lang::Yaml));
        assert!(filled_at_run_time("u:p$ss@", Lang::Text));
        assert!(filled_at_run_time("u:p${SS}@", Lang::Json));
    }
}
