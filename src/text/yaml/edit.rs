//! Text edits for the insertion-only patches (`kube patch`, `ray patch`): where new lines go,
//! how an empty flow list makes room for them, and applying the edits so that the lines land
//! in the collections they were made for.

use super::Node;
use super::query::Query;

/// Replace `start..end` (empty for an insertion) by `text`. At one offset, insertions into
/// deeper collections must come first in the text: `depth` orders them.
pub(crate) struct Edit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) text: String,
    pub(crate) depth: usize,
}

impl Edit {
    /// `text` inserted at `at`, into a collection `depth` deep.
    pub(crate) fn insertion(at: usize, text: String, depth: usize) -> Edit {
        Edit {
            start: at,
            end: at,
            text,
            depth,
        }
    }
}

/// Start of the line after the last line of `node`'s content (trailing blank and comment
/// lines belong to what follows).
pub(crate) fn after_content(text: &str, node: &Node) -> usize {
    let last_line_end = text[node.last_start()..]
        .find('\n')
        .map_or(text.len(), |i| node.last_start() + i + 1);
    let mut at = text[..node.closing().min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    if node.closing() >= text.len() && !text.ends_with('\n') {
        at = text.len();
    }
    while at > last_line_end {
        let prev_start = text[..at - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = text[prev_start..at].trim();
        if line.is_empty() || line.starts_with('#') {
            at = prev_start;
        } else {
            break;
        }
    }
    at.max(last_line_end)
}

/// The column of the `-` before a sequence item.
pub(crate) fn dash_col(text: &str, item: &Node) -> usize {
    let before = &text[..item.start.byte];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    match before[line_start..].rfind('-') {
        Some(i) => text[line_start..line_start + i].chars().count(),
        None => item.col().saturating_sub(2),
    }
}

/// For an empty flow list written `key: []` (or `[ ]`), the span to delete: the spaces after
/// the colon and the brackets, after which the items go below the key as a block list.
/// `None` for any other flow list.
pub(crate) fn empty_flow_brackets(text: &str, seq: &Node) -> Option<(usize, usize)> {
    let inner = text.get(seq.start.byte + 1..seq.closing())?;
    let closed = text.as_bytes().get(seq.closing()) == Some(&b']');
    let before = &text[..seq.start.byte];
    let start = before.trim_end_matches([' ', '\t']).len();
    let empty = seq.items().is_empty() && inner.bytes().all(|b| b == b' ');
    (seq.is_flow() && empty && closed && before[..start].ends_with(':'))
        .then_some((start, seq.closing() + 1))
}

/// Applies the edits back to front. Insertions at one offset end a container and its pod spec
/// alike: the deeper lines must come first, and lines of one depth in the order they were
/// made, so the shallowest is inserted first and the last made of a depth before the others.
pub(crate) fn apply(text: &str, mut edits: Vec<Edit>, nl: &str) -> String {
    if !text.is_empty() && !text.ends_with('\n') && edits.iter().any(|e| e.start == text.len()) {
        // The file's last line gets its line break, before every inserted line.
        edits.push(Edit {
            start: text.len(),
            end: text.len(),
            text: nl.to_string(),
            depth: usize::MAX,
        });
    }
    let mut edits: Vec<_> = edits.into_iter().enumerate().collect();
    edits.sort_by_key(|(i, e)| (std::cmp::Reverse(e.start), e.depth, std::cmp::Reverse(*i)));
    let mut output = text.to_string();
    for (_, e) in edits {
        output.replace_range(e.start..e.end, &e.text);
    }
    output
}
