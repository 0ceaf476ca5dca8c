//! JSON's `\u00XX` escapes of printable ASCII, decoded for the URI rule: scrub reads a JSON
//! string decoded, so `"https:\u002f\u002falice:pw@host/"` and `"https\u003a//..."` are the
//! URIs it moves, and what scrub sees, scan reports. The copy keeps every other byte, so
//! lines stay lines; offsets map back to the text as written.

/// The text with its escapes decoded, and where each decoded byte stands in it.
pub(super) struct Unescaped {
    pub text: Vec<u8>,
    /// Offsets in `text` of the bytes that were a six-byte escape, in order.
    escapes: Vec<usize>,
}

/// What one escape is longer than the byte it stands for.
const SHRINK: usize = 5;

impl Unescaped {
    /// Nothing was decoded.
    pub(super) fn is_empty(&self) -> bool {
        self.escapes.is_empty()
    }

    /// The offset in the text as written of offset `at` of the decoded text.
    pub(super) fn original(&self, at: usize) -> usize {
        at + SHRINK * self.escapes.partition_point(|&e| e < at)
    }
}

/// The escape at `at` (`\u00XX`) as the byte it stands for: printable ASCII other than the
/// quote and backslash, which would end or escape the string.
fn escaped_byte(buf: &[u8], at: usize) -> Option<u8> {
    let hex = buf.get(at + 4..at + 6)?;
    let b = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
    (b.is_ascii_graphic() && b != b'"' && b != b'\\').then_some(b)
}

/// Decodes every `\u00XX` escape of printable ASCII that is not itself escaped (`\\u002f`
/// is a backslash and text).
pub(super) fn unescape(buf: &[u8]) -> Unescaped {
    let mut text = Vec::new();
    let mut escapes = Vec::new();
    let mut last = 0;
    for at in memchr::memmem::find_iter(buf, br"\u00") {
        if at < last {
            continue;
        }
        let backslashes = buf[last..at]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        if backslashes % 2 == 1 {
            continue;
        }
        let Some(b) = escaped_byte(buf, at) else {
            continue;
        };
        if text.is_empty() {
            text.reserve(buf.len());
        }
        text.extend_from_slice(&buf[last..at]);
        escapes.push(text.len());
        text.push(b);
        last = at + 6;
    }
    if !escapes.is_empty() {
        text.extend_from_slice(&buf[last..]);
    }
    Unescaped { text, escapes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_decode_and_offsets_map_back() {
        let buf = br#"{"a": "https:\u002f\u002falice:pw@h/x", "b": "https\u003a//u:p@g"}"#;
        let u = unescape(buf);
        let text = String::from_utf8(u.text.clone()).unwrap();
        assert_eq!(
            text,
            r#"{"a": "https://alice:pw@h/x", "b": "https://u:p@g"}"#
        );
        let at = text.find("alice").unwrap();
        assert_eq!(&buf[u.original(at)..u.original(at) + 5], b"alice");
        let at = text.find("u:p@g").unwrap();
        assert_eq!(&buf[u.original(at)..u.original(at) + 5], b"u:p@g");
    }

    #[test]
    fn escaped_backslashes_quotes_and_controls_stay() {
        for buf in [
            &br#""a\\u002fb""#[..],
            br#""\u0022\u005c\u000a""#,
            br"\u00zz",
        ] {
            assert!(unescape(buf).is_empty(), "{buf:?}");
        }
    }
}
