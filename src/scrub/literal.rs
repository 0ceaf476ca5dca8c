//! A string literal's value as its program reads it, and where each part of the value comes
//! from in the source: what lets scrub store exactly the credential the program would have
//! sent while it removes exactly the source bytes that spell it.

use std::ops::Range;

use crate::uri::{self, Finding};

use super::site::{Candidate, Site};

/// Part of a credential is not literal text: an f-string field, or an escape netrc-guard
/// does not decode (such as Python's `\N{...}`).
pub(super) const NOT_LITERAL: &str = "part of this credential is not literal text here (an f-string field, or an escape netrc-guard does not decode), so its value is not known; write it plainly and run again";

/// The credential spans two literals (implicit concatenation).
pub(super) const SPLIT: &str = "this credential is split across string literals; write the URI's `user:password@` in one literal and run again";

/// What stands in the value for a part that is not known here.
pub(super) const UNKNOWN: &str = "\u{FFFD}";

/// One stretch of the value and the source bytes that produce it.
#[derive(Debug, Clone)]
struct Piece {
    value: Range<usize>,
    raw: Range<usize>,
    /// Source text copied as it is (so offsets map one to one), rather than an escape.
    verbatim: bool,
    /// Whether the value is known here; an f-string field's is not (its source text stands
    /// in for it).
    known: bool,
}

/// A decoded literal (or several, implicitly concatenated).
#[derive(Debug, Default)]
pub(super) struct Decoded {
    pub value: String,
    pieces: Vec<Piece>,
}

impl Decoded {
    /// Source text that is its own value.
    pub(super) fn verbatim(&mut self, text: &str, raw_start: usize) {
        if text.is_empty() {
            return;
        }
        let v = self.value.len();
        self.value.push_str(text);
        self.pieces.push(Piece {
            value: v..self.value.len(),
            raw: raw_start..raw_start + text.len(),
            verbatim: true,
            known: true,
        });
    }

    /// An escape (or a doubled brace, a CRLF) at `raw` whose value is `value` (possibly
    /// empty: a line continuation).
    pub(super) fn escape(&mut self, value: &str, raw: Range<usize>) {
        let v = self.value.len();
        self.value.push_str(value);
        self.pieces.push(Piece {
            value: v..self.value.len(),
            raw,
            verbatim: false,
            known: true,
        });
    }

    /// Source whose value is not known here. `stand_in` takes its place in the value: the
    /// field's text for an f-string field `{token}` (so it still reads as a placeholder),
    /// else [`UNKNOWN`], which keeps a URI around it in one piece so that a credential
    /// touching it is found, and refused.
    pub(super) fn unknown(&mut self, stand_in: &str, raw: Range<usize>) {
        let v = self.value.len();
        self.value.push_str(stand_in);
        self.pieces.push(Piece {
            value: v..self.value.len(),
            raw,
            verbatim: false,
            known: false,
        });
    }

    /// The index of the piece holding value byte `at`.
    fn piece_at(&self, at: usize) -> Option<usize> {
        let i = self.pieces.partition_point(|p| p.value.end <= at);
        (i < self.pieces.len() && self.pieces[i].value.start <= at).then_some(i)
    }

    /// Where the value's byte `at` starts in the source.
    pub(super) fn raw_start(&self, at: usize) -> Option<usize> {
        let p = &self.pieces[self.piece_at(at)?];
        Some(if p.verbatim {
            p.raw.start + (at - p.value.start)
        } else {
            p.raw.start
        })
    }

    /// The source bytes that spell the value's bytes `r`: `None` unless they are one
    /// unbroken stretch of source made of whole escapes.
    pub(super) fn raw_span(&self, r: Range<usize>) -> Option<Range<usize>> {
        if r.is_empty() {
            return None;
        }
        let first = self.piece_at(r.start)?;
        let last = self.piece_at(r.end - 1)?;
        let (p, q) = (&self.pieces[first], &self.pieces[last]);
        if !p.verbatim && r.start != p.value.start || !q.verbatim && r.end != q.value.end {
            return None;
        }
        let contiguous = self.pieces[first..=last]
            .windows(2)
            .all(|w| w[0].raw.end == w[1].raw.start);
        if !contiguous {
            return None;
        }
        let start = p.raw.start
            + if p.verbatim {
                r.start - p.value.start
            } else {
                0
            };
        let end = if q.verbatim {
            q.raw.start + (r.end - q.value.start)
        } else {
            q.raw.end
        };
        Some(start..end)
    }

    /// Whether every byte of the value in `r` is known here.
    pub(super) fn known(&self, r: Range<usize>) -> bool {
        let from = self.pieces.partition_point(|p| p.value.end <= r.start);
        self.pieces[from..]
            .iter()
            .take_while(|p| p.value.start < r.end)
            .all(|p| p.known || p.value.is_empty())
    }

    /// The credentials in the value, each with the source bytes to remove, as candidates
    /// of the literal numbered `index`, which stands at `span` in the source.
    pub(super) fn candidates(&self, index: usize, span: Range<usize>) -> Vec<Candidate> {
        uri::find_credentials(self.value.as_bytes())
            .into_iter()
            .map(|f| self.candidate(index, span.clone(), f))
            .collect()
    }

    fn candidate(&self, index: usize, span: Range<usize>, f: Finding) -> Candidate {
        let host = f.removal.end..f.removal.end + f.host.len();
        let raw = self.raw_span(f.removal.clone());
        let at = self.raw_start(f.start).unwrap_or_default();
        let problem = if !self.known(f.removal.clone()) || !self.known(host) {
            Some(NOT_LITERAL)
        } else if raw.is_none() {
            Some(SPLIT)
        } else {
            None
        };
        Candidate {
            removal: raw.unwrap_or(at..at),
            at,
            sites: vec![Site {
                value: index,
                range: f.removal.clone(),
                span,
            }],
            finding: f,
            problem,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_map_through_escapes_and_stop_at_literal_boundaries() {
        // `"ab\x41" "cd"`: a, b verbatim; A from an escape; then a second literal.
        let mut d = Decoded::default();
        d.verbatim("ab", 1);
        d.escape("A", 3..7);
        d.verbatim("cd", 10);
        assert_eq!(d.value, "abAcd");
        assert_eq!(d.raw_span(0..3), Some(1..7));
        assert_eq!(d.raw_span(1..2), Some(2..3));
        assert_eq!(d.raw_span(3..5), Some(10..12));
        assert_eq!(d.raw_span(2..4), None, "across the literals");
        assert_eq!(d.raw_start(2), Some(3));
    }

    #[test]
    fn a_line_continuation_is_inside_a_span_and_unknown_parts_are_known_as_such() {
        let mut d = Decoded::default();
        d.verbatim("ab", 0);
        d.escape("", 2..4);
        d.verbatim("c", 4);
        d.unknown("{x}", 5..8);
        assert_eq!(d.raw_span(0..3), Some(0..5));
        assert!(d.known(0..3));
        assert!(!d.known(2..4));
    }
}
