//! What every language's scrubber shares: a credential found in a source (`Candidate`), where
//! it sits in the language's values (`Site`), and the removals grouped by value (`Edits`).
//! Below `lang` and the language modules alike, so imports run one way: `lang` dispatches
//! to the languages, and both use these.

use std::ops::Range;

use crate::uri::{self, Finding};

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
