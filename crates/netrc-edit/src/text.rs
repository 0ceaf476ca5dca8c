//! Positions in text: the one `line:column` every error that points into a netrc uses.

use std::fmt;

/// A 1-based line and character column in a text.
///
/// Lines end at `\n` only; columns count characters, not bytes, so a position points where
/// an editor's cursor would.
///
/// ```
/// use netrc_edit::Position;
///
/// let text = "machine a\nmachine bé login x";
/// let at = Position::of_offset(text, text.find("login").unwrap());
/// assert_eq!(at, Position { line: 2, column: 12 });
/// assert_eq!(at.to_string(), "2:12");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The character column, from 1.
    pub column: usize,
}

impl Position {
    /// The position of byte offset `at` in `text` (an offset past the end is the end).
    pub fn of_offset(text: &str, at: usize) -> Position {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &text[..at];
        let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }
}

/// `line:column`.
impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The position of byte `at` in `text`.
pub(crate) fn position(text: &str, at: usize) -> Position {
    Position::of_offset(text, at)
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
