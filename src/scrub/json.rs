//! JSON: every string is decoded exactly (all escapes), in one pass over the text, and the
//! output is checked string by string against the original, with no tree built: the cost
//! is a few passes over the bytes, and memory the text and its output.

use std::ops::Range;

use serde::de::IgnoredAny;

use super::lang::{Candidate, Edits, LangError, changed_value};
use super::literal::{Decoded, UNKNOWN};
use crate::netrc::syntax::Position;

pub fn is_json(text: &str) -> bool {
    serde_json::from_str::<IgnoredAny>(text).is_ok()
}

fn json_error(e: &serde_json::Error) -> LangError {
    // serde_json's messages describe the syntax, never the content.
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    LangError {
        position: Position {
            line: e.line().max(1),
            column: e.column().max(1),
        },
        message: format!("not valid JSON: {msg}"),
    }
}

/// The string tokens of a JSON text, quotes included, in order. In valid JSON every `"`
/// outside a string opens one, so no other structure needs reading.
struct StringTokens<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> StringTokens<'a> {
    fn new(text: &'a str) -> StringTokens<'a> {
        StringTokens {
            bytes: text.as_bytes(),
            at: 0,
        }
    }
}

impl Iterator for StringTokens<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let open = self.at + memchr::memchr(b'"', self.bytes.get(self.at..)?)?;
        let mut i = open + 1;
        loop {
            let Some(j) = self
                .bytes
                .get(i..)
                .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
            else {
                // Unterminated: the rest of the text.
                self.at = self.bytes.len();
                return Some(open..self.bytes.len());
            };
            if self.bytes[i + j] == b'\\' {
                i += j + 2;
            } else {
                self.at = i + j + 1;
                return Some(open..self.at);
            }
        }
    }
}

/// The value of the string token `token` (quotes included), with where each part comes from.
fn decode(text: &str, token: Range<usize>) -> Decoded {
    let body = token.start + 1..token.end.saturating_sub(1).max(token.start + 1);
    let bytes = text.as_bytes();
    let mut d = Decoded::default();
    let mut i = body.start;
    while i < body.end {
        let Some(slash) = memchr::memchr(b'\\', &bytes[i..body.end]) else {
            d.verbatim(&text[i..body.end], i);
            break;
        };
        d.verbatim(&text[i..i + slash], i);
        i += slash;
        let hex = |from: usize| {
            text.get(from..from + 4)
                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
        };
        let (c, len) = match bytes.get(i + 1) {
            Some(b'u') => match hex(i + 2) {
                Some(high @ 0xD800..0xDC00) => match (text.get(i + 6..i + 8), hex(i + 8)) {
                    (Some("\\u"), Some(low @ 0xDC00..0xE000)) => (
                        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)),
                        12,
                    ),
                    _ => (None, 6),
                },
                Some(code) => (char::from_u32(code), 6),
                None => (None, 2),
            },
            Some(b'"') => (Some('"'), 2),
            Some(b'\\') => (Some('\\'), 2),
            Some(b'/') => (Some('/'), 2),
            Some(b'b') => (Some('\u{8}'), 2),
            Some(b'f') => (Some('\u{c}'), 2),
            Some(b'n') => (Some('\n'), 2),
            Some(b'r') => (Some('\r'), 2),
            Some(b't') => (Some('\t'), 2),
            _ => (None, 2),
        };
        let end = (i + len).min(body.end);
        match c {
            Some(c) => d.escape(c.encode_utf8(&mut [0; 4]), i..end),
            // A lone surrogate has no UTF-8 form: never part of a stored value.
            None => d.unknown(UNKNOWN, i..end),
        }
        i = end;
    }
    d
}

/// The credentials in every string of the document (keys included).
pub fn candidates(text: &str) -> Result<Vec<Candidate>, LangError> {
    serde_json::from_str::<IgnoredAny>(text).map_err(|e| json_error(&e))?;
    let bytes = text.as_bytes();
    // Where a URI can be without an escape; strings with escapes are decoded and searched.
    let separators: Vec<usize> = memchr::memmem::find_iter(bytes, b"://").collect();
    let mut next_separator = separators.iter().peekable();
    let mut out = Vec::new();
    for (index, token) in StringTokens::new(text).enumerate() {
        while next_separator.next_if(|&&s| s < token.start).is_some() {}
        let has_separator = next_separator.peek().is_some_and(|&&s| s < token.end);
        if !has_separator && memchr::memchr(b'\\', &bytes[token.clone()]).is_none() {
            continue;
        }
        let d = decode(text, token);
        if memchr::memchr(b':', d.value.as_bytes()).is_some() {
            out.extend(d.candidates(index));
        }
    }
    Ok(out)
}

/// The output has the original's structure byte for byte, every untouched string as it
/// was, and every touched string (read by serde_json) equal to the original's value
/// without its removed credentials.
pub fn verify(original: &str, output: &str, edits: &Edits<'_>) -> Result<(), LangError> {
    let fail = |at: usize| LangError::at(original, at, changed_value("JSON"));
    let mut before = StringTokens::new(original);
    let mut after = StringTokens::new(output);
    let (mut gap_a, mut gap_b) = (0, 0);
    for index in 0.. {
        match (before.next(), after.next()) {
            (None, None) => break,
            (Some(a), Some(b)) => {
                if original[gap_a..a.start] != output[gap_b..b.start] {
                    return Err(fail(a.start));
                }
                let (old, new) = (&original[a.clone()], &output[b.clone()]);
                if edits.touches(index) {
                    let mine = decode(original, a.clone()).value;
                    let theirs: String = serde_json::from_str(old).map_err(|_| fail(a.start))?;
                    let new: String = serde_json::from_str(new).map_err(|_| fail(a.start))?;
                    if theirs != mine || edits.expected(index, &mine) != Some(new) {
                        return Err(fail(a.start));
                    }
                } else if old != new {
                    return Err(fail(a.start));
                }
                (gap_a, gap_b) = (a.end, b.end);
            }
            (a, _) => return Err(fail(a.map_or(gap_a, |a| a.start))),
        }
    }
    if original[gap_a..] != output[gap_b..] {
        return Err(fail(gap_a));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> String {
        let token = StringTokens::new(text).next().unwrap();
        decode(text, token).value
    }

    #[test]
    fn every_escape_decodes_as_serde_json_reads_it() {
        for text in [
            r#""plain""#,
            r#""a\"b\\c\/d\b\f\n\r\t""#,
            r#""\u0041\u00e9\u4e2d\ud83d\ude00""#,
            r#""https:\/\/u:p\u0040h""#,
        ] {
            let serde: String = serde_json::from_str(text).unwrap();
            assert_eq!(value(text), serde, "{text}");
        }
    }

    #[test]
    fn tokens_skip_escaped_quotes() {
        let text = r#"{"a\"b": ["c", 1, "d\\"]}"#;
        let tokens: Vec<&str> = StringTokens::new(text).map(|r| &text[r]).collect();
        assert_eq!(tokens, [r#""a\"b""#, r#""c""#, r#""d\\""#]);
    }
}
