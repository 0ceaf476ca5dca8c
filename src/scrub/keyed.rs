//! Keys that removing a credential makes equal where no JSON or YAML parser reads the
//! file: a Python dict literal (`{"https://u:P@h/": 1, "https://h/": 2}` keeps the last)
//! or a TOML inline table or table body (`"https://h/" = 1` twice, which TOML parsers
//! reject). Judged by the text: a quoted URI followed by the key separator.

use std::ops::Range;

use crate::text::Diagnostic;

const COLLIDE: &str = "removing the credential makes this quoted key equal to another quoted key, and a reader keeps only one of them or rejects the file; rename one of the keys, then run scrub again; nothing changed";

/// The quoted URIs of `text` that are keys (a `:` or `=` follows), as (content, offset of
/// the opening quote).
fn quoted_uri_keys<'a>(text: &'a str, separators: &[u8]) -> Vec<(&'a str, usize)> {
    let b = text.as_bytes();
    let mut keys = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let q = b[i];
        if q != b'"' && q != b'\'' {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b.len() && b[j] != q && b[j] != b'\n' {
            j += if b[j] == b'\\' { 2 } else { 1 };
        }
        if j >= b.len() || b[j] != q {
            i += 1;
            continue;
        }
        let content = &text[i + 1..j];
        let next = b[j + 1..].iter().find(|c| !matches!(c, b' ' | b'\t'));
        if content.contains("://") && next.is_some_and(|c| separators.contains(c)) {
            keys.push((content, i));
        }
        i = j + 1;
    }
    keys
}

/// How often `key` is among `keys`.
fn count(keys: &[(&str, usize)], key: &str) -> usize {
    keys.iter().filter(|(k, _)| *k == key).count()
}

/// Refused when the output repeats a quoted URI key more often than the original did, at
/// the repeat (as the original has it).
pub(super) fn quoted(
    original: &str,
    output: &str,
    removed: &[Range<usize>],
    separators: &[u8],
) -> Result<(), Diagnostic> {
    if removed.is_empty() {
        return Ok(());
    }
    let before = quoted_uri_keys(original, separators);
    let after = quoted_uri_keys(output, separators);
    let repeat = after.iter().enumerate().find(|(n, (k, _))| {
        after[..*n].iter().any(|(e, _)| e == k) && count(&after, k) > count(&before, k)
    });
    match repeat {
        Some((_, (_, at))) => Err(Diagnostic::at(
            original,
            super::collide::original_offset(removed, *at).min(original.len()),
            COLLIDE,
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrub(text: &str, userinfo: &str) -> (String, Vec<Range<usize>>) {
        let start = text.find(userinfo).unwrap();
        (
            text.replacen(userinfo, "", 1),
            std::iter::once(start..start + userinfo.len()).collect(),
        )
    }

    #[test]
    fn python_and_toml_keys_made_equal_are_refused_at_the_second() {
        let py = "D = {'https://u:P@h.test/': 1,\n     \"https://h.test/\": 2}\n";
        let (out, r) = scrub(py, "u:P@");
        let e = quoted(py, &out, &r, b":").unwrap_err();
        assert_eq!((e.position.line, e.position.column), (2, 6), "{e:?}");
        let toml = "[m]\n\"https://u:P@h.test/\" = 1\n\"https://h.test/\" = 2\n";
        let (out, r) = scrub(toml, "u:P@");
        let e = quoted(toml, &out, &r, b":=").unwrap_err();
        assert_eq!(e.position.line, 3, "{e:?}");
        // Negative controls: values, not keys; keys that stay distinct.
        let values = "a = ['https://u:P@h.test/', 'https://h.test/']\n";
        let (out, r) = scrub(values, "u:P@");
        assert!(quoted(values, &out, &r, b":").is_ok());
        let distinct = "{'https://u:P@h.test/': 1, 'https://h.test/x': 2}\n";
        let (out, r) = scrub(distinct, "u:P@");
        assert!(quoted(distinct, &out, &r, b":").is_ok());
    }
}
