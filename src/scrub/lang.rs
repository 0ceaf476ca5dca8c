//! Per-language rules for removing `userinfo@` from a source without changing anything else.
//!
//! Removal works on the raw text (a URI holds no whitespace, so plain, quoted and block
//! strings carry it verbatim); JSON strings are decoded first so escaped forms such as
//! `https:\/\/` and `\u0040` are handled too. Each language then checks its own output: the
//! output must parse, and every string in it must be the original string with exactly its
//! credentials removed. A credential the raw text hides (an escape, a string split across
//! concatenated literals) fails that check and is refused with its position.

use std::ops::Range;

use crate::netrc::syntax::{Position, position};
use crate::uri::{self, Finding};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Json,
    Yaml,
    Python,
    Text,
}

impl Lang {
    /// The language of a file by its name; `None` for standard input.
    pub fn from_name(name: Option<&str>, text: &str) -> Lang {
        let ext = name
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("json") => Lang::Json,
            Some("yaml" | "yml") => Lang::Yaml,
            Some("py" | "pyi") => Lang::Python,
            Some(_) => Lang::Text,
            None if name.is_none() && serde_json::from_str::<serde_json::Value>(text).is_ok() => {
                Lang::Json
            }
            None => Lang::Text,
        }
    }
}

/// A credential to remove: the finding and where it is in the raw text.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub finding: Finding,
    /// Raw bytes to delete (the userinfo and its `@`, escapes included).
    pub removal: Range<usize>,
    /// Raw offset of the URI's start, for messages.
    pub at: usize,
}

/// An input problem, at a byte offset or a known position.
#[derive(Debug, Clone)]
pub struct LangError {
    pub position: Position,
    pub message: String,
}

impl LangError {
    fn at(text: &str, offset: usize, message: impl Into<String>) -> LangError {
        LangError {
            position: position(text, offset),
            message: message.into(),
        }
    }
}

/// The credentials in `text`, placeholders included (the caller leaves those in place).
/// Only JSON is parsed here (its strings are decoded); [`verify`] parses the other languages.
pub fn candidates(lang: Lang, text: &str) -> Result<Vec<Candidate>, LangError> {
    match lang {
        Lang::Json => json_candidates(text),
        Lang::Yaml | Lang::Python | Lang::Text => Ok(raw_candidates(text)),
    }
}

fn raw_candidates(text: &str) -> Vec<Candidate> {
    uri::find_credentials(text.as_bytes())
        .into_iter()
        .map(|f| Candidate {
            removal: f.removal.clone(),
            at: f.start,
            finding: f,
        })
        .collect()
}

/// Checks that `output` is `original` with exactly the credentials removed, as its language
/// reads both. Errors point into the original.
pub fn verify(lang: Lang, original: &str, output: &str) -> Result<(), LangError> {
    match lang {
        Lang::Json => {
            let before: serde_json::Value =
                serde_json::from_str(original).map_err(|e| json_error(&e))?;
            let after: serde_json::Value = serde_json::from_str(output).map_err(|e| {
                LangError::at(
                    original,
                    0,
                    format!("internal error: the scrubbed JSON does not parse ({e})"),
                )
            })?;
            if strip_json(&before) != after {
                return Err(LangError::at(
                    original,
                    0,
                    "internal error: the scrubbed JSON differs from the original in more than its credentials",
                ));
            }
            Ok(())
        }
        Lang::Yaml => compare_strings(
            original,
            &yaml_events(original)?,
            &yaml_events(output)?,
            "YAML",
        ),
        Lang::Python => compare_strings(
            original,
            &python_literals(original)?,
            &python_literals(output)?,
            "Python",
        ),
        Lang::Text => Ok(()),
    }
}

/// Pairs up the strings of the original and the output; each output string must be its
/// original with credentials removed.
fn compare_strings(
    original: &str,
    before: &[(String, usize)],
    after: &[(String, usize)],
    lang: &str,
) -> Result<(), LangError> {
    if before.len() != after.len() {
        return Err(LangError::at(
            original,
            0,
            format!("internal error: the scrubbed {lang} has a different structure"),
        ));
    }
    for ((b, at), (a, _)) in before.iter().zip(after) {
        if uri::strip_credentials(b) != *a {
            return Err(LangError::at(
                original,
                *at,
                format!(
                    "a credential here is written in a form netrc-guard cannot remove without changing the {lang} value (an escape sequence, or a URI split across strings); write the URI plainly in one string and run again"
                ),
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// JSON

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

fn strip_json(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) => Value::String(uri::strip_credentials(s)),
        Value::Array(items) => Value::Array(items.iter().map(strip_json).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (uri::strip_credentials(k), strip_json(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A decoded JSON string and, for each decoded byte (and one past the end), the raw offset
/// of the character or escape it came from.
struct JsonString {
    decoded: String,
    raw_offsets: Vec<usize>,
}

fn json_candidates(text: &str) -> Result<Vec<Candidate>, LangError> {
    serde_json::from_str::<serde_json::Value>(text).map_err(|e| json_error(&e))?;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(q) = memchr::memchr(b'"', &bytes[i..]) {
        let (s, end) = decode_json_string(text, i + q);
        for f in uri::find_credentials(s.decoded.as_bytes()) {
            out.push(Candidate {
                removal: s.raw_offsets[f.removal.start]..s.raw_offsets[f.removal.end],
                at: s.raw_offsets[f.start],
                finding: f,
            });
        }
        i = end;
    }
    Ok(out)
}

/// Decodes the string literal whose opening quote is at `open` (the text is valid JSON).
/// Returns it and the offset after its closing quote.
fn decode_json_string(text: &str, open: usize) -> (JsonString, usize) {
    let bytes = text.as_bytes();
    let mut decoded = String::new();
    let mut raw_offsets = Vec::new();
    let mut i = open + 1;
    let push = |decoded: &mut String, offsets: &mut Vec<usize>, c: char, at: usize| {
        let before = decoded.len();
        decoded.push(c);
        offsets.extend(std::iter::repeat_n(at, decoded.len() - before));
    };
    while i < bytes.len() && bytes[i] != b'"' {
        let at = i;
        if bytes[i] == b'\\' {
            let (c, len) = match bytes.get(i + 1) {
                Some(b'u') => {
                    let hex = |from: usize| {
                        text.get(from..from + 4)
                            .and_then(|h| u32::from_str_radix(h, 16).ok())
                    };
                    let first = hex(i + 2).unwrap_or(0xFFFD);
                    if (0xD800..0xDC00).contains(&first)
                        && text.get(i + 6..i + 8) == Some("\\u")
                        && let Some(second) = hex(i + 8)
                    {
                        let c = 0x10000
                            + ((first - 0xD800) << 10)
                            + (second.wrapping_sub(0xDC00) & 0x3FF);
                        (char::from_u32(c).unwrap_or('\u{FFFD}'), 12)
                    } else {
                        (char::from_u32(first).unwrap_or('\u{FFFD}'), 6)
                    }
                }
                Some(&b) => (
                    match b {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        other => other as char,
                    },
                    2,
                ),
                None => ('\\', 1),
            };
            push(&mut decoded, &mut raw_offsets, c, at);
            i += len;
        } else {
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            push(&mut decoded, &mut raw_offsets, c, at);
            i += c.len_utf8();
        }
    }
    raw_offsets.push(i);
    (
        JsonString {
            decoded,
            raw_offsets,
        },
        (i + 1).min(bytes.len()),
    )
}

// ---------------------------------------------------------------------------------------
// YAML

/// A YAML parser's error at its position (its messages describe syntax, not content).
pub fn yaml_error(e: &yaml_rust2::ScanError) -> LangError {
    LangError {
        position: Position {
            line: e.marker().line(),
            column: e.marker().col() + 1,
        },
        message: format!("not valid YAML: {}", e.info()),
    }
}

/// The document's events as comparable strings: scalars by value, the rest by kind. The
/// offset is where the event starts.
pub fn yaml_events(text: &str) -> Result<Vec<(String, usize)>, LangError> {
    use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
    use yaml_rust2::scanner::Marker;

    struct Collect(Vec<(String, usize)>);
    impl MarkedEventReceiver for Collect {
        fn on_event(&mut self, ev: Event, mark: Marker) {
            let s = match ev {
                Event::Scalar(value, ..) => value,
                // Non-scalar events must line up too; a prefix keeps them apart from values.
                other => format!("\u{0}{other:?}"),
            };
            self.0.push((s, mark.index()));
        }
    }
    let mut collect = Collect(Vec::new());
    Parser::new_from_str(text)
        .load(&mut collect, true)
        .map_err(|e| yaml_error(&e))?;
    // Marker indices count characters; turn them into byte offsets.
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    Ok(collect
        .0
        .into_iter()
        .map(|(s, ci)| (s, starts.get(ci).copied().unwrap_or(text.len())))
        .collect())
}

// ---------------------------------------------------------------------------------------
// Python

/// The string literals of a Python source, adjacent ones joined (implicit concatenation),
/// each with the offset of its first literal. Comments are skipped.
pub fn python_literals(text: &str) -> Result<Vec<(String, usize)>, LangError> {
    let bytes = text.as_bytes();
    let mut groups: Vec<(String, usize)> = Vec::new();
    let mut last_end: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'#' {
            i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            continue;
        }
        if b == b'"' || b == b'\'' {
            // A prefix (r, b, u, f and pairs) stands right before the quote.
            let mut start = i;
            while start > 0 && i - start < 2 && b"rRbBuUfF".contains(&bytes[start - 1]) {
                start -= 1;
            }
            let is_prefix = start < i
                && (start == 0
                    || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_'));
            let prefix = if is_prefix { &text[start..i] } else { "" };
            let start = if is_prefix { start } else { i };
            let raw = prefix.contains(['r', 'R']);
            let triple = bytes.get(i + 1) == Some(&b) && bytes.get(i + 2) == Some(&b);
            let open_len = if triple { 3 } else { 1 };
            let mut j = i + open_len;
            let close = loop {
                match bytes.get(j) {
                    None => {
                        return Err(LangError::at(
                            text,
                            start,
                            "unterminated Python string literal",
                        ));
                    }
                    Some(b'\\') => j += 2,
                    Some(b'\n') if !triple => {
                        return Err(LangError::at(
                            text,
                            start,
                            "unterminated Python string literal",
                        ));
                    }
                    Some(&c)
                        if c == b
                            && (!triple
                                || (bytes.get(j + 1) == Some(&b)
                                    && bytes.get(j + 2) == Some(&b))) =>
                    {
                        break j;
                    }
                    Some(_) => j += 1,
                }
            };
            let body = &text[i + open_len..close];
            let value = if raw {
                body.to_string()
            } else {
                python_unescape(body)
            };
            let adjacent = last_end.is_some_and(|end| only_joiners(&text[end..start]));
            match groups.last_mut() {
                Some((joined, _)) if adjacent => joined.push_str(&value),
                _ => groups.push((value, start)),
            }
            i = close + open_len;
            last_end = Some(i);
            continue;
        }
        i += 1;
    }
    Ok(groups)
}

/// Whitespace, line continuations and comments: what may stand between concatenated literals.
fn only_joiners(between: &str) -> bool {
    between.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l == "\\" || l.starts_with('#')
    })
}

fn python_unescape(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\n') => {}
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('\'') => out.push('\''),
            Some('"') => out.push('"'),
            Some(k @ ('x' | 'u' | 'U')) => {
                let n = match k {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..n).filter_map(|_| chars.next()).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => {
                        out.push('\\');
                        out.push(k);
                        out.push_str(&hex);
                    }
                }
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrub(lang: Lang, text: &str) -> String {
        let mut out = text.to_string();
        let mut c = candidates(lang, text).unwrap();
        c.sort_by_key(|c| std::cmp::Reverse(c.removal.start));
        for c in c.iter().filter(|c| !c.finding.placeholder) {
            out.replace_range(c.removal.clone(), "");
        }
        verify(lang, text, &out).unwrap();
        out
    }

    #[test]
    fn json_plain_and_escaped_forms() {
        assert_eq!(
            scrub(
                Lang::Json,
                r#"{"working_dir": "https://u:t@h.example/a.zip", "n": 1}"#
            ),
            r#"{"working_dir": "https://h.example/a.zip", "n": 1}"#
        );
        assert_eq!(
            scrub(Lang::Json, r#"["https:\/\/u:t\u0040h.example\/x"]"#),
            r#"["https:\/\/h.example\/x"]"#
        );
        assert_eq!(
            scrub(Lang::Json, r#"["https://u%40x:p%22q@h.example/"]"#),
            r#"["https://h.example/"]"#
        );
    }

    #[test]
    fn json_errors_have_positions() {
        let e = candidates(Lang::Json, "{\n  \"a\": [1,\n}").unwrap_err();
        assert_eq!(e.position.line, 3);
    }

    #[test]
    fn yaml_block_and_quoted_scalars() {
        let text = "a: https://u:t@h.example/x # c\nb: 'ftp://v:w@g.example'\nc: |\n  pip:\n    - git+https://u:t@h.example/r.git\n";
        assert_eq!(
            scrub(Lang::Yaml, text),
            "a: https://h.example/x # c\nb: 'ftp://g.example'\nc: |\n  pip:\n    - git+https://h.example/r.git\n"
        );
    }

    #[test]
    fn yaml_escaped_credentials_are_refused_with_position() {
        let text = "a: ok\nb: \"https://u:t\\x40h.example/x\"\n";
        let out = text.to_string();
        let e = verify(Lang::Yaml, text, &out).unwrap_err();
        assert_eq!((e.position.line, e.position.column), (2, 4));
    }

    #[test]
    fn python_concatenated_literals() {
        let text = "ray.init(runtime_env={\"working_dir\": (\n    \"https://user:tok@github.com/\"  # x\n    \"user/repo/archive/main.zip\")})\n";
        let out = scrub(Lang::Python, text);
        assert_eq!(out, text.replace("user:tok@", ""));
        let groups = python_literals(text).unwrap();
        assert_eq!(
            groups[1].0,
            "https://user:tok@github.com/user/repo/archive/main.zip"
        );
    }

    #[test]
    fn python_split_credentials_are_refused() {
        let text = "x = 'https://u:' 'secret@h.example/'\n";
        let e = verify(Lang::Python, text, text).unwrap_err();
        assert_eq!(e.position.column, 5);
        assert!(!e.message.contains("secret"));
    }

    #[test]
    fn python_prefixes_comments_and_errors() {
        let groups =
            python_literals("# 'not a string'\nx = rb'\\x' + f\"{y}\"\nz = '''a\n'b'''\n").unwrap();
        let values: Vec<_> = groups.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(values, ["\\x", "{y}", "a\n'b"]);
        assert!(python_literals("x = 'abc\n").is_err());
    }

    #[test]
    fn language_by_name_or_content() {
        assert_eq!(Lang::from_name(Some("a/runtime_env.JSON"), ""), Lang::Json);
        assert_eq!(Lang::from_name(Some("x.yml"), ""), Lang::Yaml);
        assert_eq!(Lang::from_name(Some("job.py"), ""), Lang::Python);
        assert_eq!(Lang::from_name(Some("requirements.txt"), "{}"), Lang::Text);
        assert_eq!(Lang::from_name(None, "{\"a\": 1}"), Lang::Json);
        assert_eq!(Lang::from_name(None, "a: 1"), Lang::Text);
    }
}
