//! YAML: scalars are read by a YAML parser, so a credential is what the program would read.
//! One is removed only where its `user:password@` stands in the source as the parser reads
//! it (plain, single- or double-quoted, block scalars), matched scalar by scalar, or spells
//! it with the quoted scalar's escapes (`''` in single quotes, `\x41` in double quotes: the
//! value moves, the source text goes); one the source spells otherwise (line folding, an
//! escaped `@`) is refused. A YAML
//! document inside a string (KubeRay's `runtimeEnvYAML`, `serveConfigV2`) is read the same
//! way, one level down. The output is then parsed again and compared event by event.

use std::ops::Range;

use super::site::{Candidate, Edits, Site, changed_value};
use crate::text::Diagnostic;
use crate::text::yaml::{self, Anchors, Kind, Mark, Node, Stream};
use crate::uri::{self, Finding};

/// How deep YAML inside YAML strings is read.
const MAX_DEPTH: usize = 3;

/// A credential the YAML parser reads differently from its source text.
pub(super) const ESCAPED: &str = "a credential here is written with an escape, quote doubling or line folding that netrc-guard cannot remove exactly; write the URI plainly and run again";

/// The stream as scrub reads it: as yaml-rust2's event parser does, which lets a document
/// refer to an earlier document's anchor.
fn parse(text: &str) -> Result<Stream, Diagnostic> {
    yaml::parse(text, Anchors::AcrossDocuments)
}

/// Every scalar's value, with where it starts: an error when the text is not YAML.
pub(super) fn scalar_values(text: &str) -> Result<Vec<(String, usize)>, Diagnostic> {
    let stream = parse(text)?;
    Ok(stream
        .scalars()
        .into_iter()
        .map(|n| (n.scalar().unwrap_or_default().to_string(), n.start.byte))
        .collect())
}

/// A scalar that may hold a credential.
struct Scalar<'s> {
    /// The event's number in the stream.
    index: usize,
    value: &'s str,
    /// Its source: from its start to the start of the next event that starts after it
    /// (trailing blanks and a comment included).
    region: Range<usize>,
}

/// The scalars whose values hold `://` (or `:\/\/`), each with its source region.
fn scalars<'s>(stream: &'s Stream, text: &str) -> Vec<Scalar<'s>> {
    stream
        .scalars()
        .into_iter()
        .filter_map(|n| {
            let value = n.scalar().filter(|v| may_hold_uri(v))?;
            let start = n.start.byte;
            let end = stream.marks[n.start.event + 1..]
                .iter()
                .find(|m| m.byte > start)
                .map_or(text.len(), |m| m.byte);
            Some(Scalar {
                index: n.start.event,
                value,
                region: start..end,
            })
        })
        .collect()
}

fn may_hold_uri(value: &str) -> bool {
    let bytes = value.as_bytes();
    memchr::memmem::find(bytes, b"://").is_some()
        || memchr::memmem::find(bytes, br":\/\/").is_some()
}

/// A string that is itself a YAML document with structure (a mapping or a sequence).
fn yaml_document(value: &str) -> Option<Stream> {
    parse(value).ok().filter(|s| {
        s.documents
            .iter()
            .any(|d| matches!(d.root.kind, Kind::Mapping { .. } | Kind::Sequence { .. }))
    })
}

pub(super) fn candidates(text: &str) -> Result<Vec<Candidate>, Diagnostic> {
    Ok(level(&parse(text)?, text, 0))
}

/// The credentials of `text`, read as the YAML `stream`, at nesting `depth`.
fn level(stream: &Stream, text: &str, depth: usize) -> Vec<Candidate> {
    let raw = uri::find_credentials(text.as_bytes());
    let mut used = vec![false; raw.len()];
    let mut out = Vec::new();
    for s in scalars(stream, text) {
        let inner = match yaml_document(s.value).filter(|_| depth + 1 < MAX_DEPTH) {
            Some(inner) => level(&inner, s.value, depth + 1),
            None => plain(s.value),
        };
        let first = raw.partition_point(|f| f.start < s.region.start);
        let mut next = first;
        for c in inner {
            if c.problem.is_some() {
                out.push(refused(c.finding, s.region.start, c.problem));
                continue;
            }
            let spelled = &s.value[c.removal.clone()];
            let quote = text.as_bytes().get(s.region.start).copied();
            let pair = (next..raw.len())
                .take_while(|&k| raw[k].start < s.region.end)
                .find(|&k| {
                    !used[k]
                        && text
                            .get(raw[k].removal.clone())
                            .is_some_and(|source| spells(source, quote, spelled))
                });
            let Some(k) = pair else {
                out.push(refused(c.finding, s.region.start, Some(ESCAPED)));
                continue;
            };
            used[k] = true;
            next = k + 1;
            let mut sites = vec![Site {
                value: s.index,
                range: c.removal,
                span: s.region.clone(),
            }];
            sites.extend(c.sites);
            out.push(Candidate {
                finding: c.finding,
                removal: raw[k].removal.clone(),
                at: raw[k].start,
                sites,
                problem: None,
            });
        }
    }
    // The rest stand outside every value (comments); the check makes sure of it.
    for (f, _) in raw.into_iter().zip(used).filter(|(_, used)| !used) {
        out.push(Candidate {
            removal: f.removal.clone(),
            at: f.start,
            sites: Vec::new(),
            finding: f,
            problem: None,
        });
    }
    out
}

/// Whether `source`, part of a scalar that starts with `quote`, reads as `value`: as it is
/// (plain and block scalars, and quoted ones without escapes), or decoded as the parser
/// decodes that part of a quoted scalar (`''` in single quotes; `\x41`, `\u0041` in double
/// quotes). A part that holds a line break is never taken: it would fold.
fn spells(source: &str, quote: Option<u8>, value: &str) -> bool {
    if source == value {
        return true;
    }
    let quote = match quote {
        Some(q @ (b'\'' | b'"')) => char::from(q),
        _ => return false,
    };
    if source.contains(['\n', '\r']) {
        return false;
    }
    let quoted = format!("{quote}{source}{quote}");
    let Ok(stream) = yaml::parse(&quoted, Anchors::PerDocument) else {
        return false;
    };
    stream.scalars().first().and_then(|n| n.scalar()) == Some(value)
}

/// The credentials of a string value, positioned in the value itself.
fn plain(value: &str) -> Vec<Candidate> {
    super::site::raw_candidates(value)
}

fn refused(finding: Finding, at: usize, problem: Option<&'static str>) -> Candidate {
    Candidate {
        finding,
        removal: at..at,
        at,
        sites: Vec::new(),
        problem,
    }
}

pub(super) fn verify(original: &str, output: &str, sites: &[&[Site]]) -> Result<(), Diagnostic> {
    verify_level(&parse(original)?, output, &Edits::new(sites))
}

/// Both texts parse to the same trees, but for the scalars the edits name, which must be
/// their original values without the removed credentials (and, one level down, the same).
/// A difference is reported where the original's first differing event stands.
fn verify_level(before: &Stream, output: &str, edits: &Edits<'_>) -> Result<(), Diagnostic> {
    let (after, error) = yaml::read(output, Anchors::AcrossDocuments);
    let same_scalar = |b: &Node, a: &Node| -> bool {
        let (
            Kind::Scalar {
                style: s1,
                value: v1,
            },
            Kind::Scalar {
                style: s2,
                value: v2,
            },
        ) = (&b.kind, &a.kind)
        else {
            return false;
        };
        let index = b.start.event;
        if s1 != s2 || edits.expected(index, v1).as_ref() != Some(v2) {
            return false;
        }
        let deeper = edits.deeper(index);
        deeper.is_empty()
            || parse(v1).is_ok_and(|inner| verify_level(&inner, v2, &Edits::new(deeper)).is_ok())
    };
    let at = match stream_difference(before, &after, &same_scalar) {
        Walk::Same if error.is_none() => return Ok(()),
        Walk::Differs(m) => m,
        // The output's parser stopped: it differs from the original's event at that place.
        Walk::Same | Walk::Stopped => {
            let read = after.marks.len().min(before.marks.len().saturating_sub(1));
            before.marks[read]
        }
    };
    Err(Diagnostic {
        position: at.at,
        message: changed_value("YAML"),
    })
}

/// How a walk over the original and the output ended: the same throughout, a difference at
/// the original's mark, or the output cut short by an error before any difference.
enum Walk {
    Same,
    Differs(Mark),
    Stopped,
}

type SameScalar<'f> = dyn Fn(&Node, &Node) -> bool + 'f;

/// Compares the two streams in stream order, as their events would compare one by one.
fn stream_difference(before: &Stream, after: &Stream, same: &SameScalar) -> Walk {
    for (i, b) in before.documents.iter().enumerate() {
        let Some(a) = after.documents.get(i) else {
            return missing(after.end.is_some(), b.start);
        };
        match node_difference(&b.root, &a.root, same) {
            Walk::Same => {}
            other => return other,
        }
        if a.end.is_none() {
            return Walk::Stopped;
        }
    }
    match (after.end, before.end) {
        (None, _) => Walk::Stopped,
        (Some(_), Some(end)) if after.documents.len() > before.documents.len() => {
            Walk::Differs(end)
        }
        _ => Walk::Same,
    }
}

/// What the output's lack of a node means: a difference when its stream is complete, where
/// it stopped when it is not.
fn missing(complete: bool, b: Mark) -> Walk {
    if complete {
        Walk::Differs(b)
    } else {
        Walk::Stopped
    }
}

fn node_difference(b: &Node, a: &Node, same: &SameScalar) -> Walk {
    let alike = b.anchor == a.anchor
        && b.tag == a.tag
        && match (&b.kind, &a.kind) {
            (Kind::Scalar { .. }, Kind::Scalar { .. }) => same(b, a),
            (Kind::Mapping { .. }, Kind::Mapping { .. })
            | (Kind::Sequence { .. }, Kind::Sequence { .. }) => true,
            (Kind::Alias(x), Kind::Alias(y)) => x == y,
            _ => false,
        };
    if !alike {
        return Walk::Differs(b.start);
    }
    let (bs, ars) = (b.children(), a.children());
    let complete =
        a.end().is_some() || !matches!(a.kind, Kind::Mapping { .. } | Kind::Sequence { .. });
    for (i, child) in bs.iter().enumerate() {
        let Some(other) = ars.get(i) else {
            return missing(complete, child.start);
        };
        match node_difference(child, other, same) {
            Walk::Same => {}
            found => return found,
        }
    }
    match b.end() {
        Some(_) if !complete => Walk::Stopped,
        Some(end) if ars.len() > bs.len() => Walk::Differs(end),
        _ => Walk::Same,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing: the parser counts a lone CR as a line break, and puts an error at
    /// the end of `{` on a line that does not exist.
    #[test]
    fn error_positions_are_inside_the_text() {
        let e = candidates("{").err().unwrap();
        assert_eq!((e.position.line, e.position.column), (1, 2));
        let e = candidates("a: b\rc: [\n").err().unwrap();
        assert_eq!(e.position.line, 2);
    }

    /// The output is compared with the original as their events would be, one by one: a
    /// difference, or the place where the output stops parsing, is reported where the
    /// original's event at that place stands.
    #[test]
    fn verify_reports_the_first_difference_or_where_the_output_stops() {
        let fails_at = |original: &str, output: &str| {
            let e = verify(original, output, &[]).unwrap_err();
            assert_eq!(e.message, changed_value("YAML"));
            e.position.to_string()
        };
        assert!(verify("a: x\nb: [1]\n", "a: x\nb: [1]\n", &[]).is_ok());
        assert_eq!(fails_at("a: x\nb: [1]\n", "a: y\nb: [1]\n"), "1:4");
        assert_eq!(fails_at("a: x\nb: [1]\n", "a: x\nb: [1, 2]\n"), "2:6");
        assert_eq!(fails_at("a: x\nb: [1, 2]\n", "a: x\nb: [1]\n"), "2:8");
        assert_eq!(fails_at("a: x\n", "a: x\n---\nb\n"), "2:1");
        // Cut short: at the original's `]`, the first event the output does not reach.
        assert_eq!(fails_at("a: x\nb: [1]\n", "a: x\nb: [1\n"), "2:6");
        // A difference before the place where the output stops comes first, even when the
        // output stops right after a key (found by a differential test against the event
        // by event comparison this replaced).
        let original = "  # c[- \" ahttps://u:p@h/*x]*x? &x ü:\n\t:";
        assert_eq!(fails_at(original, &original[3..]), "2:2");
    }

    #[test]
    fn regions_start_at_scalars_in_bytes() {
        let text = "é: \"https://u:p@h.example\"\nb: x\n";
        let stream = parse(text).unwrap();
        let s = scalars(&stream, text);
        assert_eq!(s.len(), 1);
        assert_eq!(&text[s[0].region.clone()], "\"https://u:p@h.example\"\n");
    }
}
