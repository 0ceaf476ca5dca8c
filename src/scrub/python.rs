//! Python: string literals found and decoded as CPython reads them (prefixes `r b u f t`,
//! every escape but `\N{...}`, doubled f-string braces, line continuations, CRLF), adjacent
//! literals joined as implicit concatenation does. An f-string field's value is not known
//! here: a credential that needs one is refused; `{token}` alone is a placeholder.

use std::ops::Range;

use super::literal::{Decoded, UNKNOWN};
use super::site::{Candidate, Edits, changed_value, raw_candidates};
use crate::text::Diagnostic;

/// Adjacent literals joined (implicit concatenation), and where the first one starts.
pub(super) struct Group {
    pub decoded: Decoded,
    pub at: usize,
    /// After its last literal.
    pub end: usize,
}

/// Every literal group of the source, and the source span of every literal.
pub(super) fn literals(text: &str) -> Result<(Vec<Group>, Vec<Range<usize>>), Diagnostic> {
    let bytes = text.as_bytes();
    let mut groups: Vec<Group> = Vec::new();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (prefix_end, quote) = match b {
            b'#' => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
                continue;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
                continue;
            }
            b'"' | b'\'' => (i, i),
            _ if is_word_byte(b) => {
                let end = word_end(bytes, i);
                match bytes.get(end) {
                    Some(b'"' | b'\'') if prefix(&text[i..end]).is_some() => (end, end),
                    _ => {
                        i = end;
                        continue;
                    }
                }
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let flags = prefix(&text[i..prefix_end]).unwrap_or_default();
        let joins = spans
            .last()
            .is_some_and(|last| joiners_only(&text[last.end..i], depth > 0));
        if !joins {
            groups.push(Group {
                decoded: Decoded::default(),
                at: i,
                end: i,
            });
        }
        let mut scratch = Decoded::default();
        let group = groups.last_mut();
        let end = match group {
            Some(g) => {
                g.end = literal(text, i, quote, flags, &mut g.decoded)?;
                g.end
            }
            None => literal(text, i, quote, flags, &mut scratch)?,
        };
        spans.push(i..end);
        i = end;
    }
    Ok((groups, spans))
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn word_end(bytes: &[u8], from: usize) -> usize {
    from + bytes[from..]
        .iter()
        .take_while(|&&b| is_word_byte(b))
        .count()
}

/// What a string prefix says about the literal.
#[derive(Debug, Default, Clone, Copy)]
struct Flags {
    raw: bool,
    bytes: bool,
    /// `f` (and `t`, template strings): replacement fields.
    fields: bool,
}

fn prefix(word: &str) -> Option<Flags> {
    let lower = word.to_ascii_lowercase();
    let known = [
        "", "r", "u", "b", "br", "rb", "f", "fr", "rf", "t", "tr", "rt",
    ];
    known.contains(&lower.as_str()).then(|| Flags {
        raw: lower.contains('r'),
        bytes: lower.contains('b'),
        fields: lower.contains('f') || lower.contains('t'),
    })
}

/// Whether only whitespace, line continuations and (inside brackets) newlines and comments
/// stand between two literals, so that Python joins them.
fn joiners_only(between: &str, in_brackets: bool) -> bool {
    let mut rest = between;
    while let Some(c) = rest.chars().next() {
        rest = match c {
            ' ' | '\t' | '\x0c' => &rest[1..],
            '\\' if rest[1..].starts_with('\n') => &rest[2..],
            '\\' if rest[1..].starts_with("\r\n") => &rest[3..],
            '\n' | '\r' if in_brackets => &rest[1..],
            '#' if in_brackets => rest.find('\n').map_or("", |n| &rest[n..]),
            _ => return false,
        };
    }
    true
}

fn unterminated(text: &str, at: usize) -> Diagnostic {
    Diagnostic::at(text, at, "unterminated Python string literal")
}

/// Decodes the literal whose prefix starts at `start` and whose opening quote is at
/// `quote` into `out`. Returns the offset after its closing quote.
fn literal(
    text: &str,
    start: usize,
    quote: usize,
    flags: Flags,
    out: &mut Decoded,
) -> Result<usize, Diagnostic> {
    let bytes = text.as_bytes();
    let q = bytes[quote];
    let triple = bytes.get(quote + 1) == Some(&q) && bytes.get(quote + 2) == Some(&q);
    let open = if triple { 3 } else { 1 };
    let mut i = quote + open;
    let mut run = i;
    loop {
        let Some(&b) = bytes.get(i) else {
            return Err(unterminated(text, start));
        };
        let closes = b == q && (!triple || bytes[i..].starts_with(&[q, q, q]));
        let special = closes
            || matches!(b, b'\\' | b'\n' | b'\r')
            || flags.fields && matches!(b, b'{' | b'}');
        if !special {
            i += 1;
            continue;
        }
        out.verbatim(&text[run..i], run);
        if closes {
            return Ok(i + open);
        }
        i = match b {
            b'\\' if flags.raw => raw_backslash(text, i, flags, out, start)?,
            b'\\' => escape(text, i, flags, out, start)?,
            b'\n' | b'\r' if !triple => return Err(unterminated(text, start)),
            b'\r' => {
                // The tokenizer reads CRLF and CR as LF.
                let len = if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                out.escape("\n", i..i + len);
                i + len
            }
            b'\n' => {
                out.verbatim("\n", i);
                i + 1
            }
            b'{' | b'}' if bytes.get(i + 1) == Some(&b) => {
                out.escape(if b == b'{' { "{" } else { "}" }, i..i + 2);
                i + 2
            }
            b'{' => {
                let end = field_end(text, i)?;
                out.unknown(field_stand_in(&text[i..end]), i..end);
                end
            }
            _ => {
                return Err(Diagnostic::at(
                    text,
                    i,
                    "a single '}' is not allowed in a Python f-string",
                ));
            }
        };
        run = i;
    }
}

/// The character after the backslash at `at`; the literal starting at `start` is
/// unterminated when there is none.
fn after_backslash(text: &str, at: usize, start: usize) -> Result<char, Diagnostic> {
    text[at + 1..]
        .chars()
        .next()
        .ok_or_else(|| unterminated(text, start))
}

/// In a raw literal a backslash keeps the character after it (even a quote or a newline).
fn raw_backslash(
    text: &str,
    at: usize,
    flags: Flags,
    out: &mut Decoded,
    start: usize,
) -> Result<usize, Diagnostic> {
    let next = after_backslash(text, at, start)?;
    // ... but not a brace of an f-string, which still opens or closes a field.
    let keeps_next = !(flags.fields && matches!(next, '{' | '}'));
    let end = at + 1 + if keeps_next { next.len_utf8() } else { 0 };
    out.verbatim(&text[at..end], at);
    Ok(end)
}

/// The value of a one-character escape (`\n`, `\'`, a line continuation, ...).
fn simple_escape(c: char) -> Option<&'static str> {
    Some(match c {
        '\n' => "",
        '\\' => "\\",
        '\'' => "'",
        '"' => "\"",
        'a' => "\x07",
        'b' => "\x08",
        'f' => "\x0c",
        'n' => "\n",
        'r' => "\r",
        't' => "\t",
        'v' => "\x0b",
        _ => return None,
    })
}

/// An octal or hex escape at `at` (`\101`, `\x41`, and in text `\u0041`, `\U00000041`):
/// its length and code; `None` when `next` starts none.
fn numeric_escape(
    text: &str,
    at: usize,
    next: char,
    flags: Flags,
) -> Result<Option<(usize, u32)>, Diagnostic> {
    let digits = |from: usize, max: usize, radix: u32| {
        text.as_bytes()[from..]
            .iter()
            .take(max)
            .take_while(|&&b| char::from(b).is_digit(radix))
            .count()
    };
    let want = match next {
        '0'..='7' => {
            let n = digits(at + 1, 3, 8);
            let code = u32::from_str_radix(&text[at + 1..at + 1 + n], 8).unwrap_or_default();
            return Ok(Some((1 + n, code)));
        }
        'x' => 2,
        // In bytes `\u` and `\U` are no escapes.
        'u' if !flags.bytes => 4,
        'U' if !flags.bytes => 8,
        _ => return Ok(None),
    };
    if digits(at + 2, want, 16) != want {
        return Err(Diagnostic::at(
            text,
            at,
            format!("a truncated \\{next} escape in a Python string"),
        ));
    }
    let code = u32::from_str_radix(&text[at + 2..at + 2 + want], 16).unwrap_or(u32::MAX);
    Ok(Some((2 + want, code)))
}

/// Decodes the escape at `at` (a backslash) into `out`; returns the offset after it.
fn escape(
    text: &str,
    at: usize,
    flags: Flags,
    out: &mut Decoded,
    start: usize,
) -> Result<usize, Diagnostic> {
    let next = after_backslash(text, at, start)?;
    if let Some(value) = simple_escape(next) {
        out.escape(value, at..at + 2);
        return Ok(at + 2);
    }
    if next == '\r' {
        // A continuation of a CRLF (or CR) line.
        let len = if text[at + 2..].starts_with('\n') {
            3
        } else {
            2
        };
        out.escape("", at..at + len);
        return Ok(at + len);
    }
    if next == 'N' && !flags.bytes {
        let end = text[at..]
            .find('}')
            .filter(|_| text[at + 2..].starts_with('{'))
            .ok_or_else(|| {
                Diagnostic::at(text, at, "a malformed \\N{...} escape in a Python string")
            })?;
        // Decoding a character name needs Unicode's name table: not known here.
        out.unknown(UNKNOWN, at..at + end + 1);
        return Ok(at + end + 1);
    }
    let Some((len, code)) = numeric_escape(text, at, next, flags)? else {
        // Not an escape: the backslash stays, and so does what follows (but an f-string's
        // brace, which still opens or closes a field).
        let keeps_next = !(flags.fields && matches!(next, '{' | '}'));
        let end = at + 1 + if keeps_next { next.len_utf8() } else { 0 };
        out.verbatim(&text[at..end], at);
        return Ok(end);
    };
    let end = at + len;
    if flags.bytes {
        // In bytes an escape is one byte: above 0x7F it is not text by itself.
        match code & 0xFF {
            low @ 0..0x80 => out.escape(&char::from(low as u8).to_string(), at..end),
            _ => out.unknown(UNKNOWN, at..end),
        }
    } else {
        match char::from_u32(code) {
            Some(c) => out.escape(c.encode_utf8(&mut [0; 4]), at..end),
            // A lone surrogate has no UTF-8 form.
            None => out.unknown(UNKNOWN, at..end),
        }
    }
    Ok(end)
}

/// What stands for a replacement field in the value: `{name}` itself, a placeholder; any
/// other expression as `{?}`, which keeps a URI around it whole.
fn field_stand_in(field: &str) -> &str {
    let inside = &field[1..field.len() - 1];
    if !inside.is_empty()
        && inside
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        field
    } else {
        "{\u{FFFD}}"
    }
}

/// The end of the f-string replacement field opening at `open`: its expression (brackets
/// and nested strings of any quote skipped), then an optional `:` format spec, which may
/// hold nested fields.
fn field_end(text: &str, open: usize) -> Result<usize, Diagnostic> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut spec = false;
    let mut i = open + 1;
    while let Some(&b) = bytes.get(i) {
        if spec {
            match b {
                b'{' => {
                    i = field_end(text, i)?;
                    continue;
                }
                b'}' => return Ok(i + 1),
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'}' if depth == 0 => return Ok(i + 1),
            b'}' => depth -= 1,
            b':' if depth == 0 => spec = true,
            b'"' | b'\'' => {
                i = literal(text, i, i, Flags::default(), &mut Decoded::default())?;
                continue;
            }
            _ if is_word_byte(b) => {
                let end = word_end(bytes, i);
                match (bytes.get(end), prefix(&text[i..end])) {
                    (Some(b'"' | b'\''), Some(flags)) => {
                        i = literal(text, i, end, flags, &mut Decoded::default())?;
                    }
                    _ => i = end,
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Err(Diagnostic::at(
        text,
        open,
        "an unterminated replacement field in a Python f-string",
    ))
}

/// Credentials in string values (decoded), and in comments (as text).
pub(super) fn candidates(text: &str) -> Result<Vec<Candidate>, Diagnostic> {
    let (groups, spans) = literals(text)?;
    let mut out = Vec::new();
    for (index, g) in groups.iter().enumerate() {
        if memchr::memchr(b':', g.decoded.value.as_bytes()).is_some() {
            out.extend(g.decoded.candidates(index, g.at..g.end));
        }
    }
    // Outside every literal (a comment): removed as it is written.
    let outside = |r: Range<usize>| {
        let i = spans.partition_point(|s| s.end <= r.start);
        spans.get(i).is_none_or(|s| s.start >= r.end)
    };
    out.extend(
        raw_candidates(text)
            .into_iter()
            .filter(|c| outside(c.at..c.removal.end)),
    );
    Ok(out)
}

/// The output's literal groups are the original's, each without its removed credentials.
pub(super) fn verify(original: &str, output: &str, edits: &Edits<'_>) -> Result<(), Diagnostic> {
    let (before, _) = literals(original)?;
    let (after, _) = literals(output).map_err(|e| {
        Diagnostic::at(
            original,
            0,
            format!(
                "internal error: the scrubbed Python does not tokenize ({})",
                e.message
            ),
        )
    })?;
    if before.len() != after.len() {
        return Err(Diagnostic::at(
            original,
            0,
            "internal error: the scrubbed Python has a different structure",
        ));
    }
    for (index, (b, a)) in before.iter().zip(&after).enumerate() {
        if edits.expected(index, &b.decoded.value).as_deref() != Some(a.decoded.value.as_str()) {
            return Err(Diagnostic::at(original, b.at, changed_value("Python")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        literals(text)
            .unwrap()
            .0
            .into_iter()
            .map(|g| g.decoded.value)
            .collect()
    }

    #[test]
    fn prefixes_comments_and_errors() {
        assert_eq!(
            values("# 'not a string'\nx = rb'\\x' + f\"{y}\"\nz = '''a\n'b'''\n"),
            ["\\x", "{y}", "a\n'b"]
        );
        assert!(literals("x = 'abc\n").is_err());
        assert_eq!(values("xr = 1; print(r'a')"), ["a"]);
    }

    #[test]
    fn escapes_and_braces() {
        assert_eq!(
            values(
                "x = \"\\x41\\101\\u00e9\\U0001F600\\q\\\nb\" + f\"{{a}}{b!r:>{w}}\\{c}\" + b\"\\x41\\u0041\" + rf'\\{d}'"
            ),
            ["AAé😀\\qb", "{a}{\u{FFFD}}\\{c}", "A\\u0041", "\\{d}"]
        );
    }

    #[test]
    fn implicit_concatenation_needs_brackets_across_lines() {
        assert_eq!(values("x = ('a'\n  # c\n  'b')"), ["ab"]);
        assert_eq!(values("x = 'a' \\\n 'b'"), ["ab"]);
        assert_eq!(values("x = 'a'\n'b'"), ["a", "b"]);
    }

    #[test]
    fn nested_quotes_in_fields() {
        assert_eq!(values(r#"x = f"a{d["k"]:'^3}b" 'c'"#), ["a{\u{FFFD}}bc"]);
    }
}
