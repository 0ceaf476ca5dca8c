//! Rendering the YAML that `kube secret` prints and `kube patch` and `ray patch` insert:
//! scalars that every YAML reader (1.1 and 1.2, the API server's and PyYAML included) reads
//! back as the same string.

use std::fmt::Write as _;

/// A value to write: a string, a boolean, or a nested block mapping.
pub(crate) enum Val {
    Str(String),
    Bool(bool),
    Map(Vec<(&'static str, Val)>),
}

/// Words that some YAML version reads as a boolean or null, compared case-insensitively
/// (YAML 1.1 reads `y`, `Yes`, `ON`, ...; quoting a harmless mixed-case word costs nothing).
const NOT_STRINGS: &[&str] = &[
    "y", "n", "yes", "no", "true", "false", "on", "off", "null", ".inf", ".nan",
];

/// Whether `s` can be written plain and be read back as this string by every YAML reader.
/// Deliberately conservative: it must look like a word, a path or base64 starting with a
/// letter, never like a number, a boolean, a null, an indicator or a special float.
fn plain_is_safe(s: &str) -> bool {
    let mut chars = s.chars();
    let starts_well = match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '/' => true,
        // `.netrc`, but not `.5`, `.e-5`, `.inf` or `..`.
        Some('.') => {
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && !s.bytes().any(|b| b.is_ascii_digit())
        }
        _ => false,
    };
    starts_well
        && s.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'_' | b'-' | b'+' | b'=')
        })
        && !NOT_STRINGS.iter().any(|w| w.eq_ignore_ascii_case(s))
}

/// `s` as a YAML scalar: plain when that is obviously a string, else double-quoted with
/// everything outside printable ASCII escaped (so no reader folds a line break or rejects a
/// control character).
pub(crate) fn yaml_str(s: &str) -> String {
    if plain_is_safe(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if (c as u32) <= 0xFFFF => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

fn render_fields(
    out: &mut String,
    fields: &[(&'static str, Val)],
    first_prefix: &str,
    col: usize,
    nl: &str,
) {
    for (i, (k, v)) in fields.iter().enumerate() {
        if i == 0 {
            out.push_str(first_prefix);
        } else {
            out.push_str(&" ".repeat(col));
        }
        match v {
            Val::Str(s) => {
                let _ = write!(out, "{k}: {}{nl}", yaml_str(s));
            }
            Val::Bool(b) => {
                let _ = write!(out, "{k}: {b}{nl}");
            }
            Val::Map(inner) => {
                let _ = write!(out, "{k}:{nl}");
                render_fields(out, inner, &" ".repeat(col + 2), col + 2, nl);
            }
        }
    }
}

/// A sequence item `- k: v ...` with its dash at `dash_col`.
pub(crate) fn render_item(fields: &[(&'static str, Val)], dash_col: usize, nl: &str) -> String {
    let mut out = String::new();
    render_fields(
        &mut out,
        fields,
        &format!("{}- ", " ".repeat(dash_col)),
        dash_col + 2,
        nl,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use yaml_rust2::{Yaml, YamlLoader};

    fn reads_back(s: &str) -> Option<String> {
        let s_yaml = yaml_str(s);
        let doc = YamlLoader::load_from_str(&format!("value: {s_yaml}\nkey:\n  {s_yaml}: v\n"))
            .ok()?
            .remove(0);
        let value = doc["value"].as_str()?.to_string();
        let key_ok = doc["key"]
            .as_hash()?
            .iter()
            .any(|(k, v)| k == &Yaml::String(s.to_string()) && v.as_str() == Some("v"));
        key_ok.then_some(value)
    }

    /// Every scalar YAML 1.1 or 1.2 reads as something other than a string is quoted.
    #[test]
    fn non_strings_are_quoted() {
        for s in [
            "0x1f",
            "0o17",
            "017",
            "1e3",
            "1_000",
            "1:20",
            "+1",
            "-1",
            ".5",
            ".e-5",
            "true",
            "True",
            "TRUE",
            "yes",
            "Yes",
            "YES",
            "y",
            "Y",
            "n",
            "N",
            "no",
            "on",
            "ON",
            "off",
            "Off",
            "null",
            "Null",
            "NULL",
            "~",
            ".nan",
            ".NaN",
            ".inf",
            ".Inf",
            "-.inf",
            "",
            " a",
            "a ",
            "a: b",
            "a #b",
            "- a",
            "? a",
            "&a",
            "*a",
            "!a",
            "%a",
            "@a",
            "`a",
            "|",
            ">",
            "[a]",
            "{a}",
            "a,b",
            "'a'",
            "\"a\"",
            "=",
            "<<",
            ".",
            "..",
            "2001-12-14",
            "a\nb",
            "a\u{85}b",
            "a\u{2028}b",
            "a\u{7f}",
            "\u{feff}a",
            "é",
        ] {
            assert!(!plain_is_safe(s), "{s:?} would be written plain");
            assert_eq!(reads_back(s).as_deref(), Some(s), "{s:?}");
        }
        for s in [
            ".netrc",
            "netrc-secret",
            "/home/ray/netrcvolume/",
            "NETRC",
            "a1",
            "bWE+Yw==",
        ] {
            assert_eq!(yaml_str(s), s);
        }
    }

    proptest! {
        #[test]
        fn every_rendered_string_reads_back(s in any::<String>()) {
            prop_assert_eq!(reads_back(&s), Some(s.clone()));
        }

        #[test]
        fn every_rendered_word_reads_back(s in "[a-zA-Z0-9/._~:+=-]{0,8}") {
            prop_assert_eq!(reads_back(&s), Some(s.clone()));
        }
    }
}
