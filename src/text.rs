//! Positions in text: the one `line:column` every error that points into a file uses; and
//! `yaml`, the one YAML tree with byte spans that `scrub` and `kube` read; `fnv`, the one
//! stable hash.

use std::fmt;

pub(crate) mod fnv;
pub(crate) mod yaml;

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
pub(crate) fn position(text: &str, at: usize) -> Position {
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
    pub(crate) fn at(text: &str, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            position: position(text, offset),
            message: message.into(),
        }
    }

    /// `name:line:col: message`, as every error that points into a file reads.
    pub(crate) fn in_file(&self, name: &str) -> String {
        format!("{name}:{}: {}", self.position, self.message)
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
    }
}
