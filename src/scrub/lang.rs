//! Per-language rules for removing `userinfo@` from a source without changing anything else.
//!
//! Each language finds credentials in its string values as its program reads them (JSON and
//! Python literals are decoded, escapes and all; YAML scalars come from a YAML parser), so
//! that what moves into the netrc is what the program would have sent. The removal is the
//! source bytes that spell the `user:password@`. A credential whose source bytes cannot be
//! removed that way (split across literals, partly computed at run time, hidden by an escape
//! the language's parser reads differently from the raw text) is refused with its position.
//! Each language then checks its own output: every value must be the original with exactly
//! the removed credentials taken out.

use std::ops::Range;

use crate::text::Diagnostic;
use crate::uri::{self, Finding};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
            None if name.is_none() && super::json::is_json(text) => Lang::Json,
            None => Lang::Text,
        }
    }
}

/// Where a credential sits in a language's values: the value's number in the document and
/// the bytes of the value the removal takes out. A YAML string inside a YAML string has a
/// site at each level, outermost first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Site {
    pub(crate) value: usize,
    pub(crate) range: Range<usize>,
    /// Where the value stands in the source at this level (a JSON string with its quotes).
    pub(crate) span: Range<usize>,
}

/// A credential to remove: the finding (as the program reads it) and where it is in the
/// source.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub finding: Finding,
    /// Source bytes to delete (the userinfo and its `@`, escapes included).
    pub(crate) removal: Range<usize>,
    /// Source offset of the URI's start, for messages and the allow marker.
    pub(crate) at: usize,
    /// Where the removal shows in the values; empty for text outside any value (a comment,
    /// a text file).
    pub(crate) sites: Vec<Site>,
    /// Why this credential cannot be removed exactly, if it cannot.
    pub(crate) problem: Option<&'static str>,
}

/// The credentials in `text`, placeholders included (the caller leaves those in place), in
/// source order, their removals never overlapping.
pub fn candidates(lang: Lang, text: &str) -> Result<Vec<Candidate>, Diagnostic> {
    let mut found = match lang {
        Lang::Json => super::json::candidates(text)?,
        Lang::Yaml => super::yaml::candidates(text)?,
        Lang::Python => super::python::candidates(text)?,
        Lang::Text => raw_candidates(text),
    };
    found.sort_by_key(|c| (c.removal.start, c.at));
    let mut end = 0;
    for c in found.iter().filter(|c| c.problem.is_none()) {
        if c.removal.start < end || c.removal.end > text.len() {
            return Err(Diagnostic::at(
                text,
                c.at,
                "internal error: two credentials overlap here; nothing changed",
            ));
        }
        end = c.removal.end;
    }
    Ok(found)
}

/// Every credential in the raw text, outside any value.
pub(crate) fn raw_candidates(text: &str) -> Vec<Candidate> {
    uri::find_credentials(text.as_bytes())
        .into_iter()
        .map(|f| Candidate {
            removal: f.removal.clone(),
            at: f.start,
            sites: Vec::new(),
            finding: f,
            problem: None,
        })
        .collect()
}

/// Checks that `output` (the original minus the removals of `removed`) holds, as its
/// language reads it, every value of `original` with exactly the removed credentials taken
/// out. Errors point into the original.
pub(crate) fn verify_removed(
    lang: Lang,
    original: &str,
    output: &str,
    removed: &[&Candidate],
) -> Result<(), Diagnostic> {
    let sites: Vec<&[Site]> = removed.iter().map(|c| c.sites.as_slice()).collect();
    let ranges: Vec<std::ops::Range<usize>> = removed.iter().map(|c| c.removal.clone()).collect();
    match lang {
        Lang::Json => super::json::verify(original, output, &Edits::new(&sites), removed)
            .and_then(|()| super::collide::json(original, output, &ranges)),
        Lang::Yaml => super::yaml::verify(original, output, &sites)
            .and_then(|()| super::collide::yaml(original, output, &ranges)),
        Lang::Python => super::python::verify(original, output, &Edits::new(&sites))
            .and_then(|()| super::keyed::quoted(original, output, &ranges, b":")),
        Lang::Text => super::keyed::quoted(original, output, &ranges, b":="),
    }
}

/// A YAML stream's scalars (values), each with where it starts: an error when the text is
/// not YAML.
pub fn yaml_scalars(text: &str) -> Result<Vec<(String, usize)>, Diagnostic> {
    super::yaml::scalar_values(text)
}

/// A Python source's string literal groups (implicit concatenation joined) as CPython
/// reads them, each with where it starts: an error when a literal does not tokenize.
pub fn python_literals(text: &str) -> Result<Vec<(String, usize)>, Diagnostic> {
    let (groups, _) = super::python::literals(text)?;
    Ok(groups
        .into_iter()
        .map(|g| (g.decoded.value, g.at))
        .collect())
}

/// The removals at one level, by value number, in order; and what lies deeper.
#[derive(Debug, Default)]
pub(crate) struct Edits<'a> {
    /// Sorted by value number.
    by_value: Vec<(usize, ValueEdits<'a>)>,
}

/// One value's source span, its removed ranges, and the sites below it.
#[derive(Debug, Default)]
pub(crate) struct ValueEdits<'a> {
    pub(crate) span: Range<usize>,
    pub(crate) ranges: Vec<Range<usize>>,
    pub(crate) deeper: Vec<&'a [Site]>,
}

impl<'a> Edits<'a> {
    pub(crate) fn new(sites: &[&'a [Site]]) -> Edits<'a> {
        let mut by_value: Vec<(usize, ValueEdits<'a>)> = Vec::new();
        let mut tops: Vec<(&Site, &'a [Site])> =
            sites.iter().filter_map(|s| s.split_first()).collect();
        tops.sort_by_key(|(first, _)| (first.value, first.range.start));
        for (first, deeper) in tops {
            if by_value.last().is_none_or(|(v, _)| *v != first.value) {
                let span = first.span.clone();
                by_value.push((
                    first.value,
                    ValueEdits {
                        span,
                        ..ValueEdits::default()
                    },
                ));
            }
            if let Some((_, edits)) = by_value.last_mut() {
                edits.ranges.push(first.range.clone());
                if !deeper.is_empty() {
                    edits.deeper.push(deeper);
                }
            }
        }
        Edits { by_value }
    }

    fn get(&self, value: usize) -> Option<&ValueEdits<'a>> {
        let i = self
            .by_value
            .binary_search_by_key(&value, |(v, _)| *v)
            .ok()?;
        Some(&self.by_value[i].1)
    }

    /// The touched values, in order.
    pub(crate) fn values(&self) -> impl Iterator<Item = (usize, &ValueEdits<'a>)> {
        self.by_value.iter().map(|(v, e)| (*v, e))
    }
    /// What value number `value` must become: `before` without its removed ranges.
    pub(crate) fn expected(&self, value: usize, before: &str) -> Option<String> {
        let Some(edits) = self.get(value) else {
            return Some(before.to_string());
        };
        let mut out = String::with_capacity(before.len());
        let mut last = 0;
        for r in &edits.ranges {
            out.push_str(before.get(last..r.start)?);
            last = r.end;
        }
        out.push_str(before.get(last..)?);
        Some(out)
    }

    /// The sites below value number `value` (a YAML string inside a YAML string).
    pub(crate) fn deeper(&self, value: usize) -> &[&'a [Site]] {
        self.get(value).map_or(&[], |e| e.deeper.as_slice())
    }
}

/// The message for a value that changed in more than its credentials.
pub(crate) fn changed_value(lang: &str) -> String {
    format!(
        "a credential here is written in a form netrc-guard cannot remove without changing the {lang} value (an escape sequence, quote doubling or line folding in the URI); write the URI plainly and run again"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scrubs `text` as scrub does (placeholders stay), checking the result.
    pub(crate) fn scrub(lang: Lang, text: &str) -> Result<String, Diagnostic> {
        let c = candidates(lang, text)?;
        let removed: Vec<&Candidate> = c.iter().filter(|c| !c.finding.placeholder).collect();
        if let Some(bad) = removed.iter().find(|c| c.problem.is_some()) {
            return Err(Diagnostic::at(
                text,
                bad.at,
                bad.problem.unwrap_or_default(),
            ));
        }
        let mut out = String::new();
        let mut last = 0;
        for c in &removed {
            out.push_str(&text[last..c.removal.start]);
            last = c.removal.end;
        }
        out.push_str(&text[last..]);
        verify_removed(lang, text, &out, &removed)?;
        Ok(out)
    }

    #[test]
    fn json_plain_and_escaped_forms() {
        assert_eq!(
            scrub(
                Lang::Json,
                r#"{"working_dir": "https://u:t@h.example/a.zip", "n": 1}"#
            )
            .unwrap(),
            r#"{"working_dir": "https://h.example/a.zip", "n": 1}"#
        );
        assert_eq!(
            scrub(Lang::Json, r#"["https:\/\/u:t\u0040h.example\/x"]"#).unwrap(),
            r#"["https:\/\/h.example\/x"]"#
        );
        assert_eq!(
            scrub(Lang::Json, r#"["https://u%40x:p%22q@h.example/"]"#).unwrap(),
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
            scrub(Lang::Yaml, text).unwrap(),
            "a: https://h.example/x # c\nb: 'ftp://g.example'\nc: |\n  pip:\n    - git+https://h.example/r.git\n"
        );
    }

    #[test]
    fn yaml_escaped_credentials_are_refused_with_position() {
        let text = "a: ok\nb: \"https://u:t\\x40h.example/x\"\n";
        let e = scrub(Lang::Yaml, text).unwrap_err();
        assert_eq!((e.position.line, e.position.column), (2, 4));
    }

    #[test]
    fn python_concatenated_literals() {
        let text = "ray.init(runtime_env={\"working_dir\": (\n    \"https://user:tok@github.com/\"  # x\n    \"user/repo/archive/main.zip\")})\n";
        assert_eq!(
            scrub(Lang::Python, text).unwrap(),
            text.replace("user:tok@", "")
        );
    }

    #[test]
    fn python_split_credentials_are_refused() {
        let text = "x = ('https://u:' 'secret@h.example/')\n";
        let e = scrub(Lang::Python, text).unwrap_err();
        assert_eq!(e.position.column, 7);
        assert!(!e.message.contains("secret"));
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
