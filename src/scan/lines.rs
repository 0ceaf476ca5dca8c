//! Line numbers, character columns and the allow marker, for scan and scrub alike.

use super::ALLOW_MARKER;
use crate::text::Position;

/// Line numbers, columns and the allow marker for offsets visited in increasing order: each
/// line is read once however many findings it holds. Scan and scrub ask it the same
/// question, so a line that `scan` passes over is one that `scrub` leaves alone.
pub struct LineCursor<'a> {
    buf: &'a [u8],
    line: usize,
    line_start: usize,
    /// Offset on the current line up to which `column` counts characters.
    column_at: usize,
    column: usize,
    /// The current line's end and whether it carries the marker, once asked.
    marked: Option<bool>,
}

impl<'a> LineCursor<'a> {
    pub fn new(buf: &'a [u8]) -> LineCursor<'a> {
        LineCursor {
            buf,
            line: 1,
            line_start: 0,
            column_at: 0,
            column: 1,
            marked: None,
        }
    }

    /// Moves to the line holding `at` (back to the start when asked about an earlier line).
    fn seek(&mut self, at: usize) {
        if at < self.line_start {
            *self = LineCursor::new(self.buf);
        }
        if at < self.column_at {
            self.column_at = self.line_start;
            self.column = 1;
        }
        let skipped = &self.buf[self.column_at..at];
        if let Some(last) = memchr::memrchr(b'\n', skipped) {
            self.line += memchr::memchr_iter(b'\n', skipped).count();
            self.line_start = self.column_at + last + 1;
            self.column_at = self.line_start;
            self.column = 1;
            self.marked = None;
        }
    }

    /// The 1-based line and character column of byte offset `at`.
    pub fn position(&mut self, at: usize) -> Position {
        let at = at.min(self.buf.len());
        self.seek(at);
        self.column += char_count(&self.buf[self.column_at..at]);
        self.column_at = at;
        Position {
            line: self.line,
            column: self.column,
        }
    }

    /// Whether the line holding `at` carries [`ALLOW_MARKER`]: the one rule for `scan` and
    /// `scrub`.
    pub fn allowed(&mut self, at: usize) -> bool {
        self.seek(at.min(self.buf.len()));
        let (buf, start) = (self.buf, self.line_start);
        *self.marked.get_or_insert_with(|| {
            let end = memchr::memchr(b'\n', &buf[start..]).map_or(buf.len(), |i| start + i);
            memchr::memmem::find(&buf[start..end], ALLOW_MARKER).is_some()
        })
    }
}

pub(crate) fn char_count(bytes: &[u8]) -> usize {
    // UTF-8 continuation bytes do not start a character.
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}
