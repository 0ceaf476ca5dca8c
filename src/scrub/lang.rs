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

pub use super::site::Candidate;
use super::site::{Edits, Site, raw_candidates};
use crate::text::Diagnostic;

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
