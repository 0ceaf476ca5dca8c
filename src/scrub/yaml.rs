//! YAML: scalars are read by a YAML parser, so a credential is what the program would read.
//! One is removed only where its `user:password@` stands in the source as the parser reads
//! it (plain, single- or double-quoted, block scalars), matched scalar by scalar, or spells
//! it with the quoted scalar's escapes (`''` in single quotes, `\x41` in double quotes: the
//! value moves, the source text goes); one the source spells otherwise (line folding, an
//! escaped `@`) is refused. A YAML
//! document inside a string (KubeRay's `runtimeEnvYAML`, `serveConfigV2`) is read the same
//! way, one level down. The output is then parsed again and compared event by event.

use std::ops::Range;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use super::lang::{Candidate, Edits, Site, changed_value};
use crate::text::{CharOffsets, Diagnostic, Position, yaml_error};
use crate::uri::{self, Finding};

/// How deep YAML inside YAML strings is read.
const MAX_DEPTH: usize = 3;

/// A credential the YAML parser reads differently from its source text.
pub const ESCAPED: &str = "a credential here is written with an escape, quote doubling or line folding that netrc-guard cannot remove exactly; write the URI plainly and run again";

/// Every event: scalars by value, the rest by kind, each with its start.
pub fn events(text: &str) -> Result<Vec<(String, usize)>, Diagnostic> {
    let mut offsets = CharOffsets::new(text);
    let mut parser = Parser::new_from_str(text);
    let mut out = Vec::new();
    loop {
        let (event, mark) = parser.next_token().map_err(|e| yaml_error(text, &e))?;
        let at = offsets.byte(mark.index());
        match event {
            Event::StreamEnd => return Ok(out),
            Event::Scalar(value, ..) => out.push((value, at)),
            // A prefix keeps the kinds apart from values.
            other => out.push((format!("\u{0}{other:?}"), at)),
        }
    }
}

/// A scalar that may hold a credential.
struct Scalar {
    /// The event's number in the stream.
    index: usize,
    value: String,
    /// Its source: from its start to the start of the next event.
    region: Range<usize>,
}

/// The scalars whose values hold `://` (or `:\/\/`), each with its source region.
fn scalars(text: &str) -> Result<Vec<Scalar>, Diagnostic> {
    let mut offsets = CharOffsets::new(text);
    let mut parser = Parser::new_from_str(text);
    let mut out: Vec<Scalar> = Vec::new();
    let mut open = false;
    for index in 0.. {
        let (event, mark) = parser.next_token().map_err(|e| yaml_error(text, &e))?;
        let at = offsets.byte(mark.index());
        if let Some(last) = out.last_mut().filter(|_| open)
            && at > last.region.start
        {
            last.region.end = at;
            open = false;
        }
        match event {
            Event::StreamEnd => break,
            Event::Scalar(value, ..) if may_hold_uri(&value) => {
                out.push(Scalar {
                    index,
                    value,
                    region: at..text.len(),
                });
                open = true;
            }
            _ => {}
        }
    }
    Ok(out)
}

fn may_hold_uri(value: &str) -> bool {
    let bytes = value.as_bytes();
    memchr::memmem::find(bytes, b"://").is_some()
        || memchr::memmem::find(bytes, br":\/\/").is_some()
}

/// Whether a string is itself a YAML document with structure (a mapping or a sequence).
fn is_yaml_document(value: &str) -> bool {
    let mut parser = Parser::new_from_str(value);
    loop {
        match parser.next_token() {
            Ok((Event::MappingStart(..) | Event::SequenceStart(..), _)) => return true,
            Ok((Event::StreamEnd, _)) | Err(_) => return false,
            Ok(_) => {}
        }
    }
}

pub fn candidates(text: &str) -> Result<Vec<Candidate>, Diagnostic> {
    level(text, 0)
}

/// The credentials of `text` read as YAML at nesting `depth`.
fn level(text: &str, depth: usize) -> Result<Vec<Candidate>, Diagnostic> {
    let raw = uri::find_credentials(text.as_bytes());
    let mut used = vec![false; raw.len()];
    let mut out = Vec::new();
    for s in scalars(text)? {
        let inner = if depth + 1 < MAX_DEPTH && is_yaml_document(&s.value) {
            level(&s.value, depth + 1).unwrap_or_else(|_| plain(&s.value))
        } else {
            plain(&s.value)
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
    Ok(out)
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
    let mut parser = Parser::new_from_str(&quoted);
    loop {
        match parser.next_token() {
            Ok((Event::Scalar(decoded, ..), _)) => return decoded == value,
            Ok((Event::StreamEnd, _)) | Err(_) => return false,
            Ok(_) => {}
        }
    }
}

/// The credentials of a string value, positioned in the value itself.
fn plain(value: &str) -> Vec<Candidate> {
    super::lang::raw_candidates(value)
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

pub fn verify(original: &str, output: &str, sites: &[&[Site]]) -> Result<(), Diagnostic> {
    verify_level(original, output, &Edits::new(sites))
}

/// Both texts parse to the same events, but for the scalars the edits name, which must be
/// their original values without the removed credentials (and, one level down, the same).
fn verify_level(original: &str, output: &str, edits: &Edits<'_>) -> Result<(), Diagnostic> {
    let at = |m: &Marker| Position {
        line: m.line(),
        column: m.col() + 1,
    };
    let mut before = Parser::new_from_str(original);
    let mut after = Parser::new_from_str(output);
    for index in 0.. {
        let (b, mark) = before.next_token().map_err(|e| yaml_error(original, &e))?;
        let fail = || Diagnostic {
            position: at(&mark),
            message: changed_value("YAML"),
        };
        let (a, _) = after.next_token().map_err(|_| fail())?;
        match (&b, &a) {
            (Event::StreamEnd, Event::StreamEnd) => return Ok(()),
            (Event::Scalar(v1, s1, n1, t1), Event::Scalar(v2, s2, n2, t2)) => {
                if (s1, n1, t1) != (s2, n2, t2) || edits.expected(index, v1).as_ref() != Some(v2) {
                    return Err(fail());
                }
                let deeper = edits.deeper(index);
                if !deeper.is_empty() {
                    verify_level(v1, v2, &Edits::new(deeper)).map_err(|_| fail())?;
                }
            }
            _ if a == b => {}
            _ => return Err(fail()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing: the parser counts a lone CR as a line break, and puts an error at
    /// the end of `{` on a line that does not exist.
    #[test]
    fn error_positions_are_inside_the_text() {
        let e = scalars("{").err().unwrap();
        assert_eq!((e.position.line, e.position.column), (1, 2));
        let e = scalars("a: b\rc: [\n").err().unwrap();
        assert_eq!(e.position.line, 2);
    }

    #[test]
    fn regions_start_at_scalars_in_bytes() {
        let text = "é: \"https://u:p@h.example\"\nb: x\n";
        let s = scalars(text).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(&text[s[0].region.clone()], "\"https://u:p@h.example\"\n");
    }
}
