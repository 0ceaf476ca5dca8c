//! Where a URI's parts end in running text, source code and data files: the authority (and
//! so the userinfo, which may hold quotes and escapes), and the URI itself, without the
//! sentence punctuation that follows it.
//!
//! These run only at a `://`, never per byte of the buffer, so the scan keeps the speed of
//! its substring search.

/// Bytes that end a URI in running text, source code and data files.
fn ends_uri(b: u8) -> bool {
    b.is_ascii_whitespace()
        || b.is_ascii_control()
        || matches!(b, b'"' | b'\'' | b'`' | b'<' | b'>' | b'\\')
}

/// Bytes that end the authority (RFC 3986: `/`, `?`, `#`), besides those that end the URI.
fn ends_authority(b: u8) -> bool {
    ends_uri(b) || matches!(b, b'/' | b'?' | b'#')
}

/// The non-ASCII character starting at `i`, if it is whitespace (no-break, ideographic and
/// other Unicode spaces end a URI as ASCII ones do).
fn unicode_space_at(buf: &[u8], i: usize) -> Option<usize> {
    let tail = &buf[i..buf.len().min(i + 4)];
    let valid = match std::str::from_utf8(tail) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&tail[..e.valid_up_to()]).unwrap_or_default(),
    };
    valid
        .chars()
        .next()
        .filter(|c| c.is_whitespace())
        .map(char::len_utf8)
}

/// Whether the braces at `open` hold a template expression (`{{ var }}`, `${ VAR }`): short,
/// on one line, and holding nothing that ends or separates parts of a URI, so that a URI
/// nested inside braces is never stepped over.
fn template_braces(buf: &[u8], open: usize) -> Option<usize> {
    let window = &buf[open..buf.len().min(open + 80)];
    let close = memchr::memchr(b'}', window)?;
    let inside = &window[1..close];
    let plain = !inside
        .iter()
        .any(|b| matches!(b, b'\n' | b'\r' | b'/' | b'?' | b'#' | b'@' | b'\\' | b'{'));
    plain.then_some(close + 1)
}

/// The first byte from `from` on where `stop` holds, stepping over template braces
/// (`{{ var }}`, `${ VAR }`) whose insides may hold spaces, and `<token>` placeholders.
fn scan_until(buf: &[u8], from: usize, stop: fn(u8) -> bool) -> usize {
    let mut i = from;
    while i < buf.len() {
        if buf[i] == b'{'
            && let Some(len) = template_braces(buf, i)
        {
            // `{{ x }}`: the first `}` closes the inner pair; the outer one follows.
            i += len;
            continue;
        }
        if buf[i] == b'<' {
            // `<token>` inside a URI is a placeholder, not the end of the URI.
            let window = &buf[i + 1..buf.len().min(i + 40)];
            if let Some(close) = memchr::memchr(b'>', window)
                && close > 0
                && window[..close]
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b' '))
            {
                i += close + 2;
                continue;
            }
        }
        if stop(buf[i]) || (buf[i] >= 0x80 && unicode_space_at(buf, i).is_some()) {
            return i;
        }
        i += 1;
    }
    buf.len()
}

/// Quote characters: they end a URI, except inside a userinfo (see [`authority_end`]).
fn is_quote(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b'`')
}

/// The quote that opens the URI starting at `start` (the byte before its scheme), as
/// spelled: `'`, or `\'` when escaped (a JSON string inside a string); empty for none.
pub(super) fn opener_before(buf: &[u8], start: usize) -> &[u8] {
    match start.checked_sub(1) {
        Some(q) if is_quote(buf[q]) => {
            let escaped = q > 0 && buf[q - 1] == b'\\';
            &buf[q - usize::from(escaped)..start]
        }
        _ => &[],
    }
}

/// Where the authority that starts at `from` ends: at `/`, `?`, `#` or whatever ends a URI,
/// but for two things a userinfo may hold, as curl sends them:
///
/// - a quote (`'`, `` ` ``, `"`, or one escaped with a backslash): it ends the URI only when
///   the same quote, spelled the same way, opened it (the byte before the scheme:
///   `'https://u:p@h/x'`; `\'` closes only a `\'` and stays inside a `'`), unless
///   doubled as YAML and CSV write a quote inside quotes (`'https://u:pa''ss@h/x'`). Any
///   other quote is the userinfo's own (`https://u:pa'ss@h/x`) when what follows it could
///   go on a userinfo (a letter, a digit, `-_~%!$&*=@`, another quote); one that
///   punctuation, a space or the end follows closes a string that opened earlier
///   (`'see https://h.example', x`).
/// - an escape that JSON, Python or YAML decode to a character a userinfo may hold
///   (`\u0041`, `\x41`, `\101`, `\U00000041`): the value the program reads has
///   that character there, so the URI goes on.
pub(super) fn authority_end(buf: &[u8], from: usize, opener: &[u8]) -> usize {
    let mut i = from;
    loop {
        i = scan_until(buf, i, ends_authority);
        match userinfo_goes_on(buf, i, opener) {
            Some(len) => i += len,
            None => return i,
        }
    }
}

/// How many bytes at `i`, where the authority would end, belong to the userinfo after all.
fn userinfo_goes_on(buf: &[u8], i: usize, opener: &[u8]) -> Option<usize> {
    let len = match buf.get(i..)? {
        [q, ..] if is_quote(*q) => 1,
        [b'\\', q, ..] if is_quote(*q) => 2,
        [b'\\', ..] => return escape_len(&buf[i..]),
        _ => return None,
    };
    let spelled = &buf[i..i + len];
    let taken = if spelled == opener {
        // Only a doubled quote stays inside the string the opener opened.
        if !buf[i + len..].starts_with(spelled) {
            return None;
        }
        2 * len
    } else {
        len
    };
    goes_on(&buf[i + taken..]).then_some(taken)
}

/// Whether what starts `rest` could go on a userinfo after a quote: a letter, a digit,
/// `-_~%!$&*=@`, another quote, or an escape of one of those.
fn goes_on(rest: &[u8]) -> bool {
    match rest {
        [b'\\', q, ..] if is_quote(*q) => true,
        [b'\\', ..] => escape_len(rest).is_some(),
        [b, ..] => b.is_ascii_alphanumeric() || *b >= 0x80 || b"-_~%!$&*=@'`\"".contains(b),
        [] => false,
    }
}

/// The length of the escape at the start of `s` (a backslash), if it spells a character a
/// userinfo may hold: `\xHH`, `\uHHHH`, `\UHHHHHHHH` or octal `\OOO`. Python's `\N{NAME}`
/// is not one: its name holds spaces, which end the URI in a raw string's value.
fn escape_len(s: &[u8]) -> Option<usize> {
    let hex = |n: usize| {
        let digits = s.get(2..2 + n)?;
        let text = std::str::from_utf8(digits).ok()?;
        let code = u32::from_str_radix(text, 16).ok()?;
        digits
            .iter()
            .all(u8::is_ascii_hexdigit)
            .then(|| char::from_u32(code))
            .flatten()
    };
    let (c, len) = match s.get(1)? {
        b'x' => (hex(2)?, 4),
        b'u' => (hex(4)?, 6),
        b'U' => (hex(8)?, 10),
        b'0'..=b'7' => {
            let digits = s[1..]
                .iter()
                .take(3)
                .take_while(|b| matches!(b, b'0'..=b'7'));
            let (code, n) =
                digits.fold((0u32, 0), |(v, n), b| (v * 8 + u32::from(b - b'0'), n + 1));
            (char::from_u32(code)?, 1 + n)
        }
        _ => return None,
    };
    // A decoded space, slash or quote ends the authority in the value as in the text.
    let ends = c.is_whitespace() || c.is_control() || (c.is_ascii() && ends_authority(c as u8));
    (!ends).then_some(len)
}

/// Where the URI whose userinfo ends at `after_userinfo` and whose authority ends at
/// `auth_end` ends, no later than `limit` (where the next URI starts): at what ends a URI,
/// less the punctuation of the sentence or the markup around it, as linkifiers read it
/// (GitHub's autolinker): trailing `.,;:!?*`, quotes, and a `)`, `]` or `}` that no opening
/// one inside the URI balances (`[x](https://h/p)`; Wikipedia's `/Foo_(bar)` keeps its own).
pub(super) fn uri_end(buf: &[u8], limit: usize, after_userinfo: usize, auth_end: usize) -> usize {
    let mut end = scan_until(&buf[..limit], auth_end, ends_uri);
    while end > after_userinfo {
        let tail = &buf[after_userinfo..end];
        let drop = match tail[tail.len() - 1] {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'*' | b'\'' | b'"' | b'`' => 1,
            b')' => usize::from(unbalanced(tail, b'(', b')')),
            b']' => usize::from(unbalanced(tail, b'[', b']')),
            b'}' => usize::from(unbalanced(tail, b'{', b'}')),
            // Ideographic and fullwidth full stops end sentences too.
            _ => ["\u{3002}", "\u{FF0E}", "\u{FF61}"]
                .iter()
                .find(|stop| tail.ends_with(stop.as_bytes()))
                .map_or(0, |stop| stop.len()),
        };
        if drop == 0 {
            break;
        }
        end -= drop;
    }
    end
}

/// Whether `s` has more `close` than `open` bytes.
fn unbalanced(s: &[u8], open: u8, close: u8) -> bool {
    let count = |b: u8| s.iter().filter(|&&c| c == b).count();
    count(close) > count(open)
}

#[cfg(test)]
mod tests {
    use super::super::find_credentials;

    /// The one finding's removed userinfo and the URI as reported (start to end).
    fn found(text: &str) -> (&str, &str) {
        let f = find_credentials(text.as_bytes());
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        (&text[f[0].removal.clone()], &text[f[0].start..f[0].end])
    }

    fn nothing(text: &str) {
        let f = find_credentials(text.as_bytes());
        assert!(f.is_empty(), "{text}: {f:?}");
    }

    /// Defect: `https://u2:pa'ss@y2.example.com/p` was missed (curl sends it); a quote that
    /// did not open the URI belongs to the userinfo. Near misses: quotes closing strings.
    #[test]
    fn quotes_in_userinfo() {
        for (text, userinfo, uri) in [
            (
                "curl https://u2:pa'ss@y2.example.com/p",
                "u2:pa'ss@",
                "https://u2:pa'ss@y2.example.com/p",
            ),
            (
                "https://u:pa`ss@h.example/p",
                "u:pa`ss@",
                "https://u:pa`ss@h.example/p",
            ),
            (
                "x = \"https://u:pa'ss@h.example\"",
                "u:pa'ss@",
                "https://u:pa'ss@h.example",
            ),
            (
                "x = 'https://u:p@h.example/x'",
                "u:p@",
                "https://u:p@h.example/x",
            ),
            (
                "x = 'https://u:p@h.example'",
                "u:p@",
                "https://u:p@h.example",
            ),
            (
                "k: 'https://u:pa''ss@h.example/p'",
                "u:pa''ss@",
                "https://u:pa''ss@h.example/p",
            ),
            (
                "a,\"https://u:pa\"\"ss@h.example\",b",
                "u:pa\"\"ss@",
                "https://u:pa\"\"ss@h.example",
            ),
            ("`https://u:p@h.example`", "u:p@", "https://u:p@h.example"),
            (
                "s = \"\"\"https://u:p@h.example\"\"\"",
                "u:p@",
                "https://u:p@h.example",
            ),
            (
                "\\\"https://u:pa'ss@h.example\\\"",
                "u:pa'ss@",
                "https://u:pa'ss@h.example",
            ),
        ] {
            assert_eq!(found(text), (userinfo, uri), "{text}");
        }
        for text in [
            "x = 'https://h.example','u:p@x.example'",
            "{'a':'see https://h.example','b':'u:p@x.example'}",
            "{\"a\":\"see https://h.example\",\"b\":\"u:p@x.example\"}",
            "{\"see https://h.example\":\"u:p@x.example\"}",
            "'https://h.example'.format('u:p@x.example')",
            "\"https://h.example\"+\"u:p@x.example\"",
            "f('https://h.example')+g('u:p@x.example')",
            "'https://h.example'and'u:p@x.example'",
            "\"\\\"https://h.example\\\",\\\"u:p@x.example\\\"\"",
        ] {
            nothing(text);
        }
    }

    /// Defect: `"https://user:p\u0041ss@host/x"` (JSON, Python, YAML escapes in the
    /// userinfo) was missed by scan though scrub reads it. Near misses: escapes that decode
    /// to what ends an authority, and backslashes that are no escape.
    #[test]
    fn escapes_in_userinfo() {
        for (text, userinfo) in [
            (
                "\"https://user:p\\u0041ss@host.example/x\"",
                "user:p\\u0041ss@",
            ),
            ("'https://user:p\\x41ss@host.example/x'", "user:p\\x41ss@"),
            ("\"https://user:p\\101ss@host.example/x\"", "user:p\\101ss@"),
            (
                "\"https://user:p\\U00000041ss@host.example/x\"",
                "user:p\\U00000041ss@",
            ),
            (
                "\"https:\\/\\/u:p\\u00e9ss@host.example\\/x\"",
                "u:p\\u00e9ss@",
            ),
            ("\"https://\\u0041:pw@host.example/x\"", "\\u0041:pw@"),
        ] {
            assert_eq!(found(text).0, userinfo, "{text}");
        }
        for text in [
            "https://h.example\\u0020u:p@x.example",
            "https://h.example\\x2fu:p@x.example",
            "https://h.example\\nu:p@x.example",
            "https://h.example\\\\u:p@x.example",
            "https://h.example\\u00u:p@x.example",
            "https://h.example\\x4",
            "https://h.example\\N{LATIN SMALL LETTER A}u:p@x.example",
            "https://h.example\\u000au:p@x.example",
        ] {
            nothing(text);
        }
    }

    /// Defect: the reported URI (and its end column) took the punctuation after it: a YAML
    /// flow sequence's `,`, Markdown's `)`, a sentence's `.`.
    #[test]
    fn trailing_punctuation_is_not_the_uri() {
        for (text, uri) in [
            ("[https://u:p@h.example/p, b]", "https://u:p@h.example/p"),
            ("[x](https://u:p@h.example/p)", "https://u:p@h.example/p"),
            ("[x](https://u:p@h.example)", "https://u:p@h.example"),
            ("see https://u:p@h.example/p.", "https://u:p@h.example/p"),
            ("see https://u:p@h.example/p...", "https://u:p@h.example/p"),
            (
                "at https://u:p@h.example/p; then",
                "https://u:p@h.example/p",
            ),
            ("<https://u:p@h.example/p>", "https://u:p@h.example/p"),
            ("\"https://u:p@h.example/p\",", "https://u:p@h.example/p"),
            ("見て https://u:p@h.example/p。", "https://u:p@h.example/p"),
            ("is it https://u:p@h.example/p?!", "https://u:p@h.example/p"),
            (
                "https://u:p@wiki.example/wiki/Foo_(bar)",
                "https://u:p@wiki.example/wiki/Foo_(bar)",
            ),
            (
                "(https://u:p@wiki.example/wiki/Foo_(bar))",
                "https://u:p@wiki.example/wiki/Foo_(bar)",
            ),
            (
                "https://u:p@h.example/{{ x }}",
                "https://u:p@h.example/{{ x }}",
            ),
            ("https://u:p@h.example/a.b", "https://u:p@h.example/a.b"),
            (
                "https://u:p@h.example/?q=1&r=(2)",
                "https://u:p@h.example/?q=1&r=(2)",
            ),
        ] {
            assert_eq!(found(text).1, uri, "{text}");
        }
    }
}
