//! Mapping keys that removing a credential makes equal: `{"https://u:P@h/": 1,
//! "https://h/": 2}` would become an object with two identical keys, of which `json.load`
//! and YAML loaders silently keep one. Refused at the second key, as the original has it.

use std::collections::HashSet;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::text::Diagnostic;
use crate::text::yaml::repeated::first_repeated_key;
use crate::text::yaml::{self, Anchors};

const COLLIDE: &str = "removing the credential makes this key equal to another key of the same mapping, and a reader keeps only one of them; rename one of the keys, then run scrub again; nothing changed";

/// The offset in the original of an offset in the output, given the removed ranges.
pub(super) fn original_offset(removed: &[Range<usize>], mut at: usize) -> usize {
    let mut sorted: Vec<&Range<usize>> = removed.iter().collect();
    sorted.sort_by_key(|r| r.start);
    for r in sorted {
        if r.start <= at {
            at += r.len();
        } else {
            break;
        }
    }
    at
}

/// Walks a JSON document and fails at the first key repeated within one object.
struct Keys;

impl<'de> DeserializeSeed<'de> for Keys {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Keys {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
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
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Keys)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key) {
                return Err(de::Error::custom("duplicate key"));
            }
            map.next_value_seed(Keys)?;
        }
        Ok(())
    }
}

/// The byte offset of the first repeated key of `text` (just after it), if any.
fn json_repeat(text: &str) -> Option<usize> {
    let mut d = serde_json::Deserializer::from_str(text);
    let e = Keys.deserialize(&mut d).err()?;
    if !e.is_data() {
        return None;
    }
    let line_start: usize = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let after = (line_start + e.column()).min(text.len());
    Some(key_start(text.as_bytes(), after))
}

/// The opening quote of the key string that ends at or before `after`.
fn key_start(b: &[u8], after: usize) -> usize {
    let Some(close) = b[..after].iter().rposition(|&c| c == b'"') else {
        return after;
    };
    let escaped = |i: usize| b[..i].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1;
    (0..close)
        .rev()
        .find(|&i| b[i] == b'"' && !escaped(i))
        .unwrap_or(after)
}

/// JSON: refused when the output repeats a key and the original did not.
pub(super) fn json(
    original: &str,
    output: &str,
    removed: &[Range<usize>],
) -> Result<(), Diagnostic> {
    refuse_new_repeat(original, output, removed, json_repeat)
}

/// YAML: refused when the output repeats a key of a mapping and the original did not.
pub(super) fn yaml(
    original: &str,
    output: &str,
    removed: &[Range<usize>],
) -> Result<(), Diagnostic> {
    refuse_new_repeat(original, output, removed, yaml_repeats)
}

/// Refused at the output's first repeated key (as the original has it), when `repeat` finds
/// one in the output and none in the original.
fn refuse_new_repeat(
    original: &str,
    output: &str,
    removed: &[Range<usize>],
    repeat: fn(&str) -> Option<usize>,
) -> Result<(), Diagnostic> {
    if removed.is_empty() || repeat(original).is_some() {
        return Ok(());
    }
    match repeat(output) {
        Some(at) => Err(Diagnostic::at(
            original,
            original_offset(removed, at).min(original.len()),
            COLLIDE,
        )),
        None => Ok(()),
    }
}

fn yaml_repeats(text: &str) -> Option<usize> {
    let stream = yaml::parse(text, Anchors::AcrossDocuments).ok()?;
    stream
        .documents
        .iter()
        .find_map(|d| first_repeated_key(&d.root, ""))
        .map(|(key, _)| key.start.byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removal(text: &str, userinfo: &str) -> Vec<Range<usize>> {
        let start = text.find(userinfo).unwrap();
        let end = start + userinfo.len();
        std::iter::once(start..end).collect()
    }

    #[test]
    fn json_keys_made_equal_are_refused_at_the_second() {
        let original = "{\"https://example.org/\": 2,\n \"https://u:P@example.org/\": 1}";
        let removed = removal(original, "u:P@");
        let output = original.replace("u:P@", "");
        let e = json(original, &output, &removed).unwrap_err();
        assert_eq!((e.position.line, e.position.column), (2, 2), "{e:?}");
        // Negative controls: keys that stay distinct, and a value (not a key) changing.
        let distinct = "{\"https://u:P@example.org/\": 1, \"https://example.org/x\": 2}";
        let r = removal(distinct, "u:P@");
        assert!(json(distinct, &distinct.replace("u:P@", ""), &r).is_ok());
        let values = "{\"a\": \"https://u:P@example.org/\", \"b\": \"https://example.org/\"}";
        let r = removal(values, "u:P@");
        assert!(json(values, &values.replace("u:P@", ""), &r).is_ok());
    }

    #[test]
    fn yaml_keys_made_equal_are_refused_at_the_second() {
        let original = "m:\n  https://u:P@example.org/: 1\n  https://example.org/: 2\n";
        let removed = removal(original, "u:P@");
        let output = original.replace("u:P@", "");
        let e = yaml(original, &output, &removed).unwrap_err();
        assert_eq!(e.position.line, 3, "{e:?}");
        let distinct = "m:\n  https://u:P@example.org/: 1\n  https://example.org/x: 2\n";
        let r = removal(distinct, "u:P@");
        assert!(yaml(distinct, &distinct.replace("u:P@", ""), &r).is_ok());
    }
}
