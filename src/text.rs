//! Positions in text: the one `line:column` every error that points into a file uses, and
//! the YAML parser's character offsets turned into our byte offsets.

use std::fmt;

use yaml_rust2::scanner::ScanError;

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The position of byte `at` in `text`: lines end at `\n` only, columns count characters.
pub fn position(text: &str, at: usize) -> Position {
    let before = &text[..at.min(text.len())];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Position { line, column }
}

/// A problem at a place in an input, with a message that never quotes a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub position: Position,
    pub message: String,
}

impl Diagnostic {
    pub fn at(text: &str, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            position: position(text, offset),
            message: message.into(),
        }
    }

    /// `name:line:col: message`, as every error that points into a file reads.
    pub fn in_file(&self, name: &str) -> String {
        format!("{name}:{}: {}", self.position, self.message)
    }
}

/// A YAML parser's error in `text`, positioned as our positions count: the parser also
/// breaks lines at a lone CR and may place an error past the end, so its character offset
/// is used. Its messages describe syntax, not content.
pub fn yaml_error(text: &str, e: &ScanError) -> Diagnostic {
    let at = text
        .char_indices()
        .nth(e.marker().index())
        .map_or(text.len(), |(i, _)| i);
    Diagnostic::at(text, at, format!("not valid YAML: {}", e.info()))
}

/// Byte offsets for the YAML parser's character offsets, read forward: linear over a
/// document whose events arrive in order, with no table of every character.
pub struct CharOffsets<'a> {
    text: &'a str,
    chars: usize,
    bytes: usize,
}

impl<'a> CharOffsets<'a> {
    pub fn new(text: &'a str) -> CharOffsets<'a> {
        CharOffsets {
            text,
            chars: 0,
            bytes: 0,
        }
    }

    /// The byte offset of character `chars` (the end of the text past its last one).
    pub fn byte(&mut self, chars: usize) -> usize {
        if chars < self.chars {
            (self.chars, self.bytes) = (0, 0);
        }
        let rest = &self.text[self.bytes..];
        let skip = chars - self.chars;
        let advanced = rest.char_indices().nth(skip).map_or(rest.len(), |(i, _)| i);
        self.chars = chars;
        self.bytes += advanced;
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_lf_lines() {
        let text = "ä\nbü\rc";
        assert_eq!(position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(position(text, text.find('c').unwrap()).to_string(), "2:4");
        let mut offsets = CharOffsets::new(text);
        assert_eq!(offsets.byte(2), 3);
        assert_eq!(offsets.byte(0), 0);
        assert_eq!(offsets.byte(99), text.len());
    }

    #[test]
    fn yaml_errors_past_the_end_stay_in_the_text() {
        let text = "a: [1,\r";
        let e = yaml_rust2::YamlLoader::load_from_str(text).unwrap_err();
        let d = yaml_error(text, &e);
        assert_eq!(d.position.line, 1, "{d:?}");
    }
}
