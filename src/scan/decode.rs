//! Text the scanner reads in another encoding: UTF-16 and UTF-32 (PowerShell 5 writes
//! UTF-16 LE by default), told by their byte-order mark or, without one, by the pattern of
//! NUL bytes that ASCII text makes in them. Decoded to UTF-8, a file keeps its lines and its
//! characters, so line:column in the decoded text is line:column in the file.

use std::borrow::Cow;

/// The encodings read besides UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Utf32Le => "UTF-32 LE",
            Encoding::Utf32Be => "UTF-32 BE",
        }
    }

    fn unit(self) -> usize {
        match self {
            Encoding::Utf16Le | Encoding::Utf16Be => 2,
            Encoding::Utf32Le | Encoding::Utf32Be => 4,
        }
    }
}

/// A byte-order mark says the encoding, and the bytes after it are not that encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Undecodable(pub Encoding);

/// How many bytes the NUL pattern is judged on.
const PROBE: usize = 1024;

/// The encoding `buf` is in, when not UTF-8 (or ASCII, or binary): its byte-order mark
/// first, then its NUL pattern; and the length of the mark.
pub fn detect(buf: &[u8]) -> Option<(Encoding, usize)> {
    // UTF-32 LE's mark begins with UTF-16 LE's: the longer is tried first.
    let marks: [(&[u8], Encoding); 4] = [
        (b"\xFF\xFE\x00\x00", Encoding::Utf32Le),
        (b"\x00\x00\xFE\xFF", Encoding::Utf32Be),
        (b"\xFF\xFE", Encoding::Utf16Le),
        (b"\xFE\xFF", Encoding::Utf16Be),
    ];
    if let Some((mark, enc)) = marks.iter().find(|(m, _)| buf.starts_with(m)) {
        return Some((*enc, mark.len()));
    }
    by_nul_pattern(&buf[..buf.len().min(PROBE)]).map(|enc| (enc, 0))
}

/// ASCII text in UTF-16 LE is `X 0 X 0`; in UTF-32 BE `0 0 0 X`. Most units (nine in ten)
/// of the probe must be ASCII characters of that shape, and no unit all NUL (text has no
/// NUL characters): a binary file's NULs fall elsewhere.
fn by_nul_pattern(probe: &[u8]) -> Option<Encoding> {
    memchr::memchr(0, probe)?;
    [
        Encoding::Utf32Le,
        Encoding::Utf32Be,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
    ]
    .into_iter()
    .find(|&enc| {
        let unit = enc.unit();
        let units = probe.len() / unit;
        if units < 2 {
            return false;
        }
        let mut ascii = 0;
        for u in probe.chunks_exact(unit) {
            let (low, rest) = match enc {
                Encoding::Utf16Le | Encoding::Utf32Le => (u[0], &u[1..]),
                Encoding::Utf16Be | Encoding::Utf32Be => (u[unit - 1], &u[..unit - 1]),
            };
            if low == 0 && rest.iter().all(|&b| b == 0) {
                return false;
            }
            if rest.iter().all(|&b| b == 0) && (low.is_ascii_graphic() || low.is_ascii_whitespace())
            {
                ascii += 1;
            }
        }
        ascii * 10 >= units * 9
    })
}

/// The text of `buf` as UTF-8: borrowed when it is not UTF-16 or UTF-32 (UTF-8, or bytes
/// the rules read as they are), decoded (without its mark) when it is. A broken unit (a
/// lone surrogate, a trailing odd byte an editor's `\n` leaves, a value past U+10FFFF)
/// becomes U+FFFD, one character for one unit, so the rest is still read; more than one
/// unit in ten broken says the bytes are not that encoding.
pub fn decode(buf: &[u8]) -> Result<Cow<'_, [u8]>, Undecodable> {
    let Some((enc, mark)) = detect(buf) else {
        return Ok(Cow::Borrowed(buf));
    };
    let body = &buf[mark..];
    let unit = enc.unit();
    let mut text = String::with_capacity(body.len() / unit + 4);
    let mut broken = 0;
    match enc {
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let units = body.chunks_exact(2).map(|u| match enc {
                Encoding::Utf16Le => u16::from_le_bytes([u[0], u[1]]),
                _ => u16::from_be_bytes([u[0], u[1]]),
            });
            for c in char::decode_utf16(units) {
                text.push(c.unwrap_or_else(|_| {
                    broken += 1;
                    char::REPLACEMENT_CHARACTER
                }));
            }
        }
        Encoding::Utf32Le | Encoding::Utf32Be => {
            for u in body.chunks_exact(4) {
                let b = [u[0], u[1], u[2], u[3]];
                let v = match enc {
                    Encoding::Utf32Le => u32::from_le_bytes(b),
                    _ => u32::from_be_bytes(b),
                };
                text.push(char::from_u32(v).unwrap_or_else(|| {
                    broken += 1;
                    char::REPLACEMENT_CHARACTER
                }));
            }
        }
    }
    if !body.len().is_multiple_of(unit) {
        broken += 1;
        text.push(char::REPLACEMENT_CHARACTER);
    }
    let units = body.len().div_ceil(unit);
    if broken * 10 > units {
        return Err(Undecodable(enc));
    }
    Ok(Cow::Owned(text.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = bom.then_some(0xFEFF).into_iter().chain(s.encode_utf16());
        for u in units {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    fn utf32(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let chars = bom.then_some('\u{feff}').into_iter().chain(s.chars());
        for c in chars {
            let c = u32::from(c);
            out.extend(if le { c.to_le_bytes() } else { c.to_be_bytes() });
        }
        out
    }

    #[test]
    fn utf16_and_utf32_with_and_without_a_mark_decode() {
        let text = "$u = 'https://alice:Kq7!xpw2@h.example/' # é 😀\r\n";
        for le in [true, false] {
            for bom in [true, false] {
                for bytes in [utf16(text, le, bom), utf32(text, le, bom)] {
                    let decoded = decode(&bytes).unwrap();
                    assert_eq!(decoded.as_ref(), text.as_bytes(), "le {le} bom {bom}");
                }
            }
        }
    }

    #[test]
    fn utf8_ascii_and_binary_stay_as_they_are() {
        for bytes in [
            &b"plain https://u:p@h\n"[..],
            "é\u{feff}x".as_bytes(),
            b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00",
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        ] {
            assert!(matches!(decode(bytes), Ok(Cow::Borrowed(_))), "{bytes:?}");
        }
    }

    /// A UTF-16 or UTF-32 file with a stray unit (an odd trailing byte, a lone surrogate, a
    /// value past U+10FFFF) is still read, the broken unit as U+FFFD; the same credential
    /// in the same shape holding a placeholder decodes the same way (classified silent later).
    #[test]
    fn utf16_or_utf32_with_a_broken_unit_is_still_read() {
        for secret in ["Vb8#kq2Lzw9T", "CHANGE_ME"] {
            let text = format!("$u = 'https://alice:{secret}@git.acme.io/'\r\n");
            for le in [true, false] {
                let mut odd = utf16(&text, le, true);
                odd.push(b'\n');
                let mut lone = utf16(&text, le, false);
                lone.extend(if le { [0x00, 0xD8] } else { [0xD8, 0x00] });
                lone.extend(utf16("x\n", le, false));
                let mut past = utf32(&text, le, true);
                past.extend(if le { [0, 0, 0x11, 0] } else { [0, 0x11, 0, 0] });
                for bytes in [odd, lone, past] {
                    let decoded = decode(&bytes).unwrap();
                    let decoded = std::str::from_utf8(&decoded).unwrap();
                    assert!(decoded.starts_with(&text), "le {le}: {decoded:?}");
                    assert!(decoded.contains('\u{fffd}'), "le {le}");
                }
            }
        }
    }

    #[test]
    fn a_mark_over_broken_units_is_undecodable() {
        assert_eq!(
            decode(b"\xFF\xFEa\x00b").unwrap_err(),
            Undecodable(Encoding::Utf16Le)
        );
        // A lone surrogate.
        assert_eq!(
            decode(b"\xFE\xFF\xD8\x00\x00a").unwrap_err(),
            Undecodable(Encoding::Utf16Be)
        );
    }
}
