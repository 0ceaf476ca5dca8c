//! JSON: every string is decoded exactly (all escapes), in one pass over the text, and the
//! output is checked string by string against the original, with no tree built: the cost
//! is a few passes over the bytes, and memory the text and its output.

use std::ops::Range;

use serde::de::IgnoredAny;

use super::literal::{Decoded, UNKNOWN};
use super::site::{Candidate, Edits, changed_value};
use crate::text::Diagnostic;

pub(super) fn is_json(text: &str) -> bool {
    serde_json::from_str::<IgnoredAny>(text).is_ok()
}

/// serde_json's error at its place, as our positions count: serde_json counts columns in
/// bytes, so its line and column are turned into an offset first.
fn json_error(text: &str, e: &serde_json::Error) -> Diagnostic {
    // serde_json's messages describe the syntax, never the content.
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    let line_start = if e.line() <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', text.as_bytes())
            .nth(e.line() - 2)
            .map_or(text.len(), |i| i + 1)
    };
    let mut at = (line_start + e.column().saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    Diagnostic::at(text, at, format!("not valid JSON: {msg}"))
}

/// The string tokens of a JSON text, quotes included, in order. In valid JSON every `"`
/// outside a string opens one, so no other structure needs reading.
struct StringTokens<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> StringTokens<'a> {
    /// The tokens from `at`, which is outside any string.
    fn from(text: &'a str, at: usize) -> StringTokens<'a> {
        StringTokens {
            bytes: text.as_bytes(),
            at,
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

/// A string of the document that may hold a credential: its number among all strings (keys
/// included) and, when serde_json read it in place (it has no escape), its contents' span;
/// else the last string before it that was read in place: its number and its end.
struct Noted {
    index: usize,
    content: Option<Range<usize>>,
    anchor: Option<(usize, usize)>,
}

/// The one parse of the document: serde_json checks it (errors with positions) and hands
/// every string to [`Walk::string`], in document order, without building a tree.
struct Walk<'t> {
    text: &'t str,
    index: usize,
    last_in_place: Option<(usize, usize)>,
    noted: Vec<Noted>,
}

impl Walk<'_> {
    fn string(&mut self, s: &str, in_place: bool) {
        let index = self.index;
        self.index += 1;
        let content = in_place
            .then(|| (s.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize))
            .flatten()
            .map(|start| start..start + s.len())
            .filter(|r| {
                self.text
                    .get(r.clone())
                    .is_some_and(|t| t.as_ptr() == s.as_ptr())
            });
        if let Some(r) = &content {
            self.last_in_place = Some((index, r.end + 1));
        }
        // A userinfo needs an `@`, and a URI a `:/` (both decoded already).
        let b = s.as_bytes();
        if memchr::memchr(b'@', b).is_none()
            || (memchr::memmem::find(b, b":/").is_none()
                && memchr::memmem::find(b, br":\/").is_none())
        {
            return;
        }
        let anchor = self.last_in_place;
        self.noted.push(Noted {
            index,
            content,
            anchor,
        });
    }
}

struct Seed<'w, 't>(&'w mut Walk<'t>);

impl<'de> serde::de::DeserializeSeed<'de> for Seed<'_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Seed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<(), E> {
        self.0.string(s, true);
        Ok(())
    }
    fn visit_str<E>(self, s: &str) -> Result<(), E> {
        self.0.string(s, false);
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Seed(&mut *self.0))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(Seed(&mut *self.0))?.is_some() {
            map.next_value_seed(Seed(&mut *self.0))?;
        }
        Ok(())
    }
}

/// The credentials in every string of the document (keys included).
pub(super) fn candidates(text: &str) -> Result<Vec<Candidate>, Diagnostic> {
    let mut walk = Walk {
        text,
        index: 0,
        last_in_place: None,
        noted: Vec::new(),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    serde::de::DeserializeSeed::deserialize(Seed(&mut walk), &mut de)
        .and_then(|()| de.end())
        .map_err(|e| json_error(text, &e))?;
    let mut out = Vec::new();
    // The next string's number and where to look for it, for strings with escapes.
    let mut cursor = (0, 0);
    for n in walk.noted {
        let token = match n.content {
            Some(r) => r.start - 1..r.end + 1,
            None => {
                if let Some((i, end)) = n.anchor.filter(|(i, _)| *i + 1 > cursor.0) {
                    cursor = (i + 1, end);
                }
                let mut tokens = StringTokens::from(text, cursor.1);
                let found = (cursor.0..=n.index).zip(tokens.by_ref()).last();
                match found {
                    Some((i, token)) if i == n.index => token,
                    _ => {
                        return Err(Diagnostic::at(
                            text,
                            cursor.1,
                            "internal error: a JSON string was not found again",
                        ));
                    }
                }
            }
        };
        cursor = (n.index + 1, token.end);
        out.extend(decode(text, token.clone()).candidates(n.index, token));
    }
    Ok(out)
}

/// Every byte outside the touched strings is the original's, the removals lie inside the
/// touched strings, and each touched string, read by serde_json, is still one string token,
/// equal to the original's value without its removed credentials. So no other value
/// changed, and the output is JSON, without parsing the untouched megabytes again.
pub(super) fn verify(
    original: &str,
    output: &str,
    edits: &Edits<'_>,
    removed: &[&Candidate],
) -> Result<(), Diagnostic> {
    let fail = |at: usize| Diagnostic::at(original, at, changed_value("JSON"));
    let mut removals: Vec<&Range<usize>> = removed.iter().map(|c| &c.removal).collect();
    removals.sort_by_key(|r| r.start);
    let total: usize = removals.iter().map(|r| r.len()).sum();
    if output.len() + total != original.len() {
        return Err(fail(0));
    }
    let mut next = removals.iter().peekable();
    // Bytes removed before the current string, and how far both texts are compared.
    let mut shift = 0;
    let mut copied = (0, 0);
    for (index, value) in edits.values() {
        let token = value.span.clone();
        if let Some(r) = next.peek().filter(|r| r.start <= token.start) {
            // A removal outside every touched string.
            return Err(fail(r.start));
        }
        let mut inside = 0;
        while let Some(r) = next.next_if(|r| r.start > token.start && r.end < token.end) {
            inside += r.len();
        }
        let start = token.start - shift;
        // Between touched strings the bytes are the original's (a memcmp, no parsing).
        if original[copied.0..token.start] != output[copied.1..start] {
            return Err(fail(copied.0));
        }
        let new_token = StringTokens::from(output, start).next();
        if output.as_bytes().get(start) != Some(&b'"')
            || new_token != Some(start..token.end - shift - inside)
        {
            return Err(fail(token.start));
        }
        let mine = decode(original, token.clone()).value;
        let theirs: String =
            serde_json::from_str(&original[token.clone()]).map_err(|_| fail(token.start))?;
        let new: String = serde_json::from_str(&output[start..token.end - shift - inside])
            .map_err(|_| fail(token.start))?;
        if theirs != mine || edits.expected(index, &mine) != Some(new) {
            return Err(fail(token.start));
        }
        shift += inside;
        copied = (token.end, token.end - shift);
    }
    if let Some(r) = next.next() {
        // A removal outside every touched string.
        return Err(fail(r.start));
    }
    if original[copied.0..] != output[copied.1..] {
        return Err(fail(copied.0));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> String {
        let token = StringTokens::from(text, 0).next().unwrap();
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
    fn the_check_catches_any_other_change() {
        let text = r#"{"a": ["https://u:pw@h.example/", "x"]}"#;
        let c = candidates(text).unwrap();
        let removed: Vec<&Candidate> = c.iter().collect();
        let sites: Vec<&[super::super::site::Site]> =
            c.iter().map(|c| c.sites.as_slice()).collect();
        let edits = Edits::new(&sites);
        let good = text.replace("u:pw@", "");
        assert!(verify(text, &good, &edits, &removed).is_ok());
        for bad in [
            good.replace("\"x\"", "\"y\""),
            good.replace("h.example", "h.exampl\\"),
            good.replace("[", " "),
            text.replacen("https", "", 1),
        ] {
            assert!(verify(text, &bad, &edits, &removed).is_err(), "{bad}");
        }
    }

    #[test]
    fn strings_with_escapes_are_found_again_among_others() {
        let text = r#"{"k\n": ["a\u0041", "https://u:p1@h.example", "x"], "https:\/\/u:p2@g.example": "https://u:p\u0033\u0040f.example", "z\t": "https:\/\/u:p4\u0040e.example"}"#;
        let found = candidates(text).unwrap();
        let removed: Vec<&str> = found.iter().map(|c| &text[c.removal.clone()]).collect();
        assert_eq!(
            removed,
            ["u:p1@", "u:p2@", r"u:p\u0033\u0040", r"u:p4\u0040"]
        );
        let values: Vec<usize> = found.iter().map(|c| c.sites[0].value).collect();
        assert_eq!(values, [2, 4, 5, 7]);
    }

    /// Found by fuzzing: serde_json counts columns in bytes.
    #[test]
    fn error_columns_count_characters() {
        let e = candidates("\"\u{FFFD}").unwrap_err();
        assert_eq!((e.position.line, e.position.column), (1, 2));
        let e = candidates("[1,\n  \"é\" x]").unwrap_err();
        assert_eq!((e.position.line, e.position.column), (2, 7));
    }

    #[test]
    fn tokens_skip_escaped_quotes() {
        let text = r#"{"a\"b": ["c", 1, "d\\", "\\\"", ""]}"#;
        let tokens: Vec<&str> = StringTokens::from(text, 0).map(|r| &text[r]).collect();
        assert_eq!(
            tokens,
            [r#""a\"b""#, r#""c""#, r#""d\\""#, r#""\\\"""#, r#""""#]
        );
    }
}
