//! Where the YAML parser's nodes stand in the source, in bytes: its marks turned into byte
//! offsets, and each scalar's extent as written.

use std::ops::Range;

use yaml_rust2::scanner::Marker;

use super::Style;

/// Byte offsets for the YAML parser's marks, read forward: linear over a document whose
/// events arrive in order, with no table of every character. A mark is read by its line
/// and column, not its character index: yaml-rust2 0.13 advances the index (and the column)
/// of a block scalar's content line by its bytes, so every index after a block scalar
/// holding a multi-byte character points too far, while lines stay right.
pub(super) struct Offsets<'a> {
    text: &'a str,
    /// The parser's 1-based line number of the line starting at byte `line_start`.
    line: usize,
    line_start: usize,
}

impl<'a> Offsets<'a> {
    pub(super) fn new(text: &'a str) -> Offsets<'a> {
        Offsets {
            text,
            line: 1,
            line_start: 0,
        }
    }

    /// The byte offset of the mark (the end of the text past its last character). Lines
    /// break where the parser breaks them: at LF, CRLF and a lone CR.
    pub(super) fn byte(&mut self, m: &Marker) -> usize {
        if m.line() < self.line {
            (self.line, self.line_start) = (1, 0);
        }
        while self.line < m.line() {
            if self.line_start >= self.text.len() {
                return self.text.len();
            }
            self.line_start = after_break(self.text, self.line_start);
            self.line += 1;
        }
        let rest = &self.text[self.line_start..];
        self.line_start
            + rest
                .char_indices()
                .nth(m.col())
                .map_or(rest.len(), |(i, _)| i)
    }
}

/// YAML's white space and line breaks.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// The scalar marked at byte `mark` as written. The parser marks a block scalar at its
/// first content character (or, with no content, at its header or at what follows it), so
/// its header is found before the mark.
pub(super) fn scalar_span(text: &str, mark: usize, style: Style, value: &str) -> Range<usize> {
    let bytes = text.as_bytes();
    match style {
        Style::DoubleQuoted | Style::SingleQuoted => {
            let mut i = mark + 1;
            while i < bytes.len() {
                match (style, bytes[i], bytes.get(i + 1)) {
                    (Style::DoubleQuoted, b'\\', _) | (Style::SingleQuoted, b'\'', Some(b'\'')) => {
                        i += 2;
                    }
                    (Style::DoubleQuoted, b'"', _) | (Style::SingleQuoted, b'\'', _) => {
                        return mark..i + 1;
                    }
                    _ => i += 1,
                }
            }
            mark..text.len()
        }
        // An empty scalar is marked where the next token starts.
        Style::Plain if value.is_empty() => mark..mark,
        Style::Plain => mark..last_char_end(text, mark, mark, value),
        Style::Literal | Style::Folded => {
            let header = block_header(text, mark, value);
            let header_end = text[header..]
                .find(['\n', '\r'])
                .map_or(text.len(), |i| header + i);
            let content = after_break(text, header_end);
            let mut end = last_char_end(text, content, content, value);
            // The value's final line breaks (and the spaces before them) are in the source.
            let trailing = &value[value.trim_end_matches(is_blank).len()..];
            for c in trailing.chars() {
                end = match c {
                    '\n' => after_break(text, end),
                    _ if text[end..].starts_with([' ', '\t']) => end + 1,
                    _ => end,
                };
            }
            header..end.max(header_end)
        }
    }
}

/// Where the header (`|`, `>-`, `|2+`, ...) of the block scalar marked at `mark` starts: at
/// the mark itself when the scalar has no content and the mark stands on it, else on the
/// last line before the mark that is not blank.
fn block_header(text: &str, mark: usize, value: &str) -> usize {
    let line_start = |at: usize| text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    if value.chars().all(is_blank) && indicator(text, line_start(mark), mark + 1) == Some(mark) {
        return mark;
    }
    let mut end = line_start(mark);
    while end > 0 {
        let start = line_start(end - 1);
        if let Some(at) = indicator(text, start, end) {
            return at;
        }
        if !text[start..end].chars().all(is_blank) {
            break;
        }
        end = start;
    }
    mark
}

/// The first block scalar indicator on the line `start..end`: a `|` or `>` after a blank
/// (or at the line's start), outside quotes and comments, followed by at most two
/// indentation and chomping indicators and then a blank or the line's end.
fn indicator(text: &str, start: usize, end: usize) -> Option<usize> {
    let line = text.get(start..end.min(text.len()))?;
    let mut chars = line.char_indices().peekable();
    let mut after_blank = true;
    while let Some((i, c)) = chars.next() {
        match c {
            '"' | '\'' if after_blank => {
                // Skip a quoted scalar (a key); a backslash escapes in double quotes only.
                while let Some((_, q)) = chars.next() {
                    if q == '\\' && c == '"' {
                        chars.next();
                    } else if q == c {
                        break;
                    }
                }
            }
            '#' if after_blank => return None,
            '|' | '>' if after_blank => {
                let rest = line[i + 1..].trim_end_matches(['\n', '\r']);
                let flags = rest.len()
                    - rest
                        .trim_start_matches(|f: char| f == '+' || f == '-' || f.is_ascii_digit())
                        .len();
                if flags <= 2 && rest[flags..].chars().next().is_none_or(is_blank) {
                    return Some(start + i);
                }
            }
            _ => {}
        }
        after_blank = is_blank(c);
    }
    None
}

/// The byte after the source character that spells the value's last non-blank character,
/// reading the source from `from` and skipping the blanks the value folded or trimmed.
/// Stops (at the last match) where the source disagrees, which a parsed text never does.
fn last_char_end(text: &str, from: usize, mut end: usize, value: &str) -> usize {
    let mut source = text[from..].char_indices();
    for want in value.chars().filter(|c| !is_blank(*c)) {
        loop {
            match source.next() {
                Some((i, c)) if c == want => {
                    end = from + i + c.len_utf8();
                    break;
                }
                Some((_, c)) if is_blank(c) => {}
                _ => return end,
            }
        }
    }
    end
}

/// The start of the line after the line break at or after `at`.
fn after_break(text: &str, at: usize) -> usize {
    match text[at..].find(['\n', '\r']) {
        None => text.len(),
        Some(i) if text[at + i..].starts_with("\r\n") => at + i + 2,
        Some(i) => at + i + 1,
    }
}
