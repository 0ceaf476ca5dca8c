//! Credentials some part of which is filled in when the program runs (`$GIT_USER`, `%s`,
//! `{}`, `%USERNAME%`, `<user>`, `${VAR}`, `Xk9v${SUFFIX}`): a netrc holds literal values
//! only, so such a credential is never moved, and its template never leaves the source.

use super::Lang;

/// Whether the userinfo as written (before percent-decoding: `%24` is a literal `$`) holds
/// syntax that a shell, a format call or a template engine fills in. In Python, `{{` and
/// `}}` are braces as written in f-strings and `str.format` alike, so they are not; a `{x}`
/// in a plain string is (`.format` may fill it later).
pub(super) fn filled_at_run_time(userinfo: &str, lang: Lang) -> bool {
    if lang == Lang::Python && jinja_expression(userinfo) {
        return true;
    }
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
        // the text (a script, a Dockerfile): in a JSON, YAML or Python value it is literal,
        // except `$NAME` in capitals in YAML, which Docker Compose fills in.
        b'$' => {
            b.get(i + 1)
                .is_some_and(|&c| c == b'{' || c == b'(' || (lang == Lang::Text && word_start(c)))
                || (lang == Lang::Yaml && env_name(&b[i + 1..]))
        }
        // `%s`, `%r`, `%(name)s`, `%-10s`, `%v`, `%i` (printf in C, Python and Go; never
        // percent-encoding, which is `%` and two hex digits: `%5d` is `]`), `%NAME%`
        // (Windows) and `%env.NAME%` (TeamCity).
        b'%' => {
            let is_hex_escape = b[i + 1..]
                .iter()
                .take(2)
                .filter(|c| c.is_ascii_hexdigit())
                .count()
                == 2;
            match b.get(i + 1) {
                Some(b'(') => true,
                _ if is_hex_escape => false,
                Some(&c) if word_start(c) && percent_name(&b[i + 1..]) => true,
                _ => printf_conversion(&b[i + 1..]),
            }
        }
        // `@NAME@` (CMake's configure_file, autoconf): a raw `@` inside userinfo is no
        // literal a URI can hold (it is written `%40`).
        b'@' => {
            let name_len = b[i + 1..].iter().take_while(|c| word(c)).count();
            b.get(i + 1).is_some_and(|&c| word_start(c)) && b.get(i + 1 + name_len) == Some(&b'@')
        }
        // `{}`, `{0}`, `{user}`, `{{ var }}`, `{user[0]}`, `{pw!r}`, `{pw:>10}`
        b'{' => format_field(&b[i + 1..]),
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

/// After a `$`: an environment variable's name as Compose files write it, in capitals
/// (`$DB_PASS`, not `$$w0rd` nor `$ecret`), two characters or more, a whole word.
fn env_name(rest: &[u8]) -> bool {
    let len = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count();
    let name = &rest[..len];
    len >= 2
        && !name[0].is_ascii_digit()
        && name.iter().all(|c| !c.is_ascii_lowercase())
        && name.iter().any(u8::is_ascii_uppercase)
}

/// A Jinja expression as Airflow and Ansible write it in plain Python strings:
/// `{{ var.value.pw }}`, `{{params.pw}}`, `{{ pw|trim }}`: a space, `.` or `|` inside the
/// doubled braces (`{{x}}` alone is how an f-string or `.format` writes the braces `{x}`).
fn jinja_expression(userinfo: &str) -> bool {
    userinfo.match_indices("{{").any(|(i, _)| {
        let rest = &userinfo[i + 2..];
        rest.find("}}").is_some_and(|end| {
            let inside = &rest[..end];
            !inside.trim().is_empty()
                && !inside.contains(['{', '}'])
                && inside.contains([' ', '.', '|'])
        })
    })
}

/// After a `%` that starts a word: `NAME%` or `env.NAME%`.
fn percent_name(rest: &[u8]) -> bool {
    let len = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.'))
        .count();
    rest.get(len) == Some(&b'%')
}

/// After a `%` that is not percent-encoding: flags, width, precision and a conversion
/// (`s`, `d`, `i`, `v`, `x`, `f`, ...), as printf in C, Python and Go reads them.
fn printf_conversion(rest: &[u8]) -> bool {
    let flags = rest
        .iter()
        .take_while(|c| matches!(c, b'-' | b'+' | b' ' | b'#' | b'0'))
        .count();
    let rest = &rest[flags..];
    let width = rest
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b'.')
        .count();
    // Bare, only the conversions that are strings or integers (`50%off` stays literal).
    let conversions: &[u8] = if flags + width > 0 {
        b"sdivxXofeEgGcqrtTpbu"
    } else {
        b"sdivqr"
    };
    rest.get(width).is_some_and(|c| conversions.contains(c))
}

/// After a `{`: a replacement field (`}`, `name}`, `0.attr}`, `name[0]}`, `name!r}`,
/// `name:>10}`) or a template (`{ var }}`, `{.Values.pw}}`).
fn format_field(rest: &[u8]) -> bool {
    let inside = rest.iter().take_while(|&&c| c != b'}').count();
    if rest.get(inside) != Some(&b'}') {
        return false;
    }
    let field = &rest[..inside];
    let name_len = field
        .iter()
        .take_while(|c| {
            c.is_ascii_alphanumeric() || matches!(c, b'_' | b' ' | b'.' | b'{' | b'[' | b']')
        })
        .count();
    match field.get(name_len) {
        None => true,
        Some(b'!') => {
            matches!(field.get(name_len + 1), Some(b'r' | b's' | b'a'))
                && matches!(field.get(name_len + 2), None | Some(b':'))
        }
        Some(b':') => !field[name_len..].contains(&b'{'),
        Some(_) => false,
    }
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
            "bob:%env.PW%@",
            "bob:@PW@@",
            "bob:{user[0]}@",
            "bob:{pw:>10}@",
            "bob:{pw!r}@",
            "bob:%-10s@",
            "bob:%5s@",
            "bob:%i@",
            "bob:%v@",
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
            "alice:Pa%24%24w0rd@",
            "alice:100%25real@",
            "alice:%5d%5Bx@",
            "me@corp.example:pw@",
            "alice:a{b-c}d@",
            "alice:50%off@",
            "ghp_0123456789abcdefghijABCDEFGHIJ012345@",
        ] {
            assert!(!filled_at_run_time(t, Lang::Text), "{t}");
        }
        assert!(!filled_at_run_time("u1:pw{{x}}a@", Lang::Python));
        assert!(filled_at_run_time("u1:{{ params.pw }}x@", Lang::Python));
        assert!(filled_at_run_time("u1:{{var.value.pw}}x@", Lang::Python));
        assert!(filled_at_run_time("u1:pw{{x}}a@", Lang::Yaml));
        assert!(filled_at_run_time("{}:pw@", Lang::Python));
        assert!(!filled_at_run_time("u:p$ss@", Lang::Yaml));
        assert!(!filled_at_run_time("u:Pa$$w0rd@", Lang::Yaml));
        assert!(filled_at_run_time("u:$DB_PASS@", Lang::Yaml));
        assert!(filled_at_run_time("u:x$DB_PASS@", Lang::Yaml));
        assert!(!filled_at_run_time("u:$DB_PASS@", Lang::Json));
        assert!(filled_at_run_time("u:p$ss@", Lang::Text));
        assert!(filled_at_run_time("u:p${SS}@", Lang::Json));
    }
}
