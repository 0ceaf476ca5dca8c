//! One YAML reading for every user: yaml-rust2's marked events built into a tree of nodes
//! with byte spans, once per text. `scrub` finds and verifies string scalars through it;
//! `kube patch` finds pod specs and where new lines go.
//!
//! yaml-rust2 marks count characters and mark where a node starts only; the tree turns the
//! marks into bytes with one forward character→byte reader and finds where each scalar ends
//! as written (closing quote, last content character, block scalar's final line breaks).

use std::ops::Range;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

pub(crate) use yaml_rust2::parser::Tag;

use super::{Diagnostic, Position};

/// How a scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// Where the parser placed an event: its number in the stream, its byte offset, and its
/// line:column as the parser counts (which also breaks lines at a lone CR).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    pub event: usize,
    pub byte: usize,
    pub at: Position,
}

#[derive(Debug, Clone)]
pub(crate) enum Kind {
    Scalar {
        style: Style,
        value: String,
    },
    /// `end` is the event that closes it (`None` only in a stream cut short by an error).
    Mapping {
        entries: Vec<(Node, Node)>,
        flow: bool,
        end: Option<Mark>,
    },
    Sequence {
        items: Vec<Node>,
        flow: bool,
        end: Option<Mark>,
    },
    /// An alias, by the anchor number it refers to.
    Alias(usize),
}

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub kind: Kind,
    /// The node as written, in bytes: a scalar from its first character (its quote, its
    /// block header) to its last (its closing quote, its block's final line break); an
    /// empty scalar is empty. A collection from its start to its closing bracket (flow) or
    /// the end of its last descendant (block).
    pub span: Range<usize>,
    /// Its start event.
    pub start: Mark,
    /// The anchor number it defines (0: none).
    pub anchor: usize,
    pub tag: Option<Tag>,
    /// How many collections enclose it (a document's root is 0).
    pub depth: usize,
}

impl Node {
    /// Its children in stream order: a mapping's keys and values in turn.
    pub(crate) fn children(&self) -> Vec<&Node> {
        match &self.kind {
            Kind::Mapping { entries, .. } => entries.iter().flat_map(|(k, v)| [k, v]).collect(),
            Kind::Sequence { items, .. } => items.iter().collect(),
            Kind::Scalar { .. } | Kind::Alias(_) => Vec::new(),
        }
    }

    /// The event that closes a collection.
    pub(crate) fn end(&self) -> Option<Mark> {
        match &self.kind {
            Kind::Mapping { end, .. } | Kind::Sequence { end, .. } => *end,
            Kind::Scalar { .. } | Kind::Alias(_) => None,
        }
    }

    /// Written in flow style (`{...}`, `[...]`).
    pub(crate) fn is_flow(&self) -> bool {
        matches!(
            self.kind,
            Kind::Mapping { flow: true, .. } | Kind::Sequence { flow: true, .. }
        )
    }

    pub(crate) fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Every scalar at or below this node, in stream order.
    pub(crate) fn scalars<'n>(&'n self, out: &mut Vec<&'n Node>) {
        match self.kind {
            Kind::Scalar { .. } => out.push(self),
            _ => self.children().into_iter().for_each(|c| c.scalars(out)),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Document {
    pub root: Node,
    /// Its start and end events (the end is `None` only in a stream cut short).
    pub start: Mark,
    pub end: Option<Mark>,
}

/// A YAML stream: its documents, its end, and the mark of every event in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stream {
    pub documents: Vec<Document>,
    /// The stream's end event (`None` when an error cut it short).
    pub end: Option<Mark>,
    pub marks: Vec<Mark>,
}

impl Stream {
    /// Every scalar of every document, in stream order.
    pub(crate) fn scalars(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        for d in &self.documents {
            d.root.scalars(&mut out);
        }
        out
    }
}

/// Which aliases a stream may hold. YAML scopes an anchor to its document, as yaml-rust2's
/// loader does; its event parser also lets a later document refer to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchors {
    PerDocument,
    AcrossDocuments,
}

/// Every document of `text` as a tree with byte spans; a parse error as a diagnostic.
pub(crate) fn parse(text: &str, anchors: Anchors) -> Result<Stream, Diagnostic> {
    let (stream, error) = read(text, anchors);
    match error {
        Some(e) => Err(yaml_error(text, &e)),
        None => Ok(stream),
    }
}

/// As [`parse`], but a stream cut short by an error keeps what was read before it: the
/// documents and collections open at the error without their end marks.
pub(crate) fn read(text: &str, anchors: Anchors) -> (Stream, Option<ScanError>) {
    let mut b = Builder {
        text,
        offsets: CharOffsets::new(text),
        anchors,
        first_anchor: 1,
        next_anchor: 1,
        open: Vec::new(),
        document: None,
        stream: Stream::default(),
    };
    let mut parser = Parser::new_from_str(text);
    let error = loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, m)) => {
                b.stream.end = Some(b.mark(&m));
                break None;
            }
            Ok((event, m)) => {
                if let Err(e) = b.event(event, &m) {
                    break Some(e);
                }
            }
            Err(e) => break Some(e),
        }
    };
    if error.is_some() {
        b.close_all();
    }
    (b.stream, error)
}

/// An open collection, with the key waiting for its value (mappings).
struct Open {
    node: Node,
    key: Option<Node>,
}

struct Builder<'t> {
    text: &'t str,
    offsets: CharOffsets<'t>,
    anchors: Anchors,
    /// The first anchor number of the current document, and the next one to come.
    first_anchor: usize,
    next_anchor: usize,
    open: Vec<Open>,
    /// The start of the document whose root is being read.
    document: Option<Mark>,
    stream: Stream,
}

impl Builder<'_> {
    fn mark(&mut self, m: &Marker) -> Mark {
        let mark = Mark {
            event: self.stream.marks.len(),
            byte: self.offsets.byte(m.index()),
            at: Position {
                line: m.line(),
                column: m.col() + 1,
            },
        };
        self.stream.marks.push(mark);
        mark
    }

    fn event(&mut self, event: Event, m: &Marker) -> Result<(), ScanError> {
        let mark = self.mark(m);
        match event {
            Event::DocumentStart => {
                self.first_anchor = self.next_anchor;
                self.document = Some(mark);
            }
            Event::DocumentEnd => {
                if let Some(d) = self.stream.documents.last_mut() {
                    d.end = Some(mark);
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let style = style_of(style);
                let end = scalar_end(self.text, mark.byte, style, &value);
                let node = self.node(Kind::Scalar { style, value }, mark, end, anchor, tag);
                self.attach(node);
            }
            Event::Alias(id) => {
                if self.anchors == Anchors::PerDocument && id < self.first_anchor {
                    // What yaml-rust2's loader says: the anchor belongs to another document.
                    return Err(ScanError::new(
                        *m,
                        "while parsing node, found unknown anchor",
                    ));
                }
                let node = self.node(Kind::Alias(id), mark, mark.byte, 0, None);
                self.attach(node);
            }
            Event::MappingStart(anchor, tag) => {
                let flow = self.text.as_bytes().get(mark.byte) == Some(&b'{');
                let kind = Kind::Mapping {
                    entries: Vec::new(),
                    flow,
                    end: None,
                };
                let node = self.node(kind, mark, mark.byte, anchor, tag);
                self.open.push(Open { node, key: None });
            }
            Event::SequenceStart(anchor, tag) => {
                let flow = self.text.as_bytes().get(mark.byte) == Some(&b'[');
                let kind = Kind::Sequence {
                    items: Vec::new(),
                    flow,
                    end: None,
                };
                let node = self.node(kind, mark, mark.byte, anchor, tag);
                self.open.push(Open { node, key: None });
            }
            Event::MappingEnd | Event::SequenceEnd => self.close(Some(mark)),
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
        Ok(())
    }

    fn node(
        &mut self,
        kind: Kind,
        start: Mark,
        end: usize,
        anchor: usize,
        tag: Option<Tag>,
    ) -> Node {
        self.next_anchor = self.next_anchor.max(anchor + 1);
        Node {
            kind,
            span: start.byte..end.max(start.byte),
            start,
            anchor,
            tag,
            depth: self.open.len(),
        }
    }

    fn close(&mut self, end: Option<Mark>) {
        let Some(Open { mut node, .. }) = self.open.pop() else {
            return;
        };
        let last = node.children().iter().map(|c| c.span.end).max();
        let closing = match &mut node.kind {
            Kind::Mapping { end: e, flow, .. } | Kind::Sequence { end: e, flow, .. } => {
                *e = end;
                end.filter(|_| *flow).map(|m| m.byte + 1)
            }
            _ => None,
        };
        node.span.end = closing
            .or(last)
            .unwrap_or(node.span.end)
            .clamp(node.span.start, self.text.len());
        self.attach(node);
    }

    /// Closes what an error left open, so that what was read stays in the tree.
    fn close_all(&mut self) {
        while !self.open.is_empty() {
            self.close(None);
        }
    }

    fn attach(&mut self, node: Node) {
        let Some(parent) = self.open.last_mut() else {
            self.stream.documents.push(Document {
                start: self.document.take().unwrap_or(node.start),
                root: node,
                end: None,
            });
            return;
        };
        match &mut parent.node.kind {
            Kind::Sequence { items, .. } => items.push(node),
            // Keys and values arrive in turn: a key waits beside its mapping.
            Kind::Mapping { entries, .. } => match parent.key.take() {
                Some(key) => entries.push((key, node)),
                None => parent.key = Some(node),
            },
            Kind::Scalar { .. } | Kind::Alias(_) => {}
        }
    }
}

fn style_of(style: TScalarStyle) -> Style {
    match style {
        TScalarStyle::Plain => Style::Plain,
        TScalarStyle::SingleQuoted => Style::SingleQuoted,
        TScalarStyle::DoubleQuoted => Style::DoubleQuoted,
        TScalarStyle::Literal => Style::Literal,
        TScalarStyle::Folded => Style::Folded,
    }
}

/// YAML's white space and line breaks.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Where the scalar starting at byte `start` ends as written.
fn scalar_end(text: &str, start: usize, style: Style, value: &str) -> usize {
    let bytes = text.as_bytes();
    match style {
        Style::DoubleQuoted | Style::SingleQuoted => {
            let mut i = start + 1;
            while i < bytes.len() {
                match (style, bytes[i], bytes.get(i + 1)) {
                    (Style::DoubleQuoted, b'\\', _) | (Style::SingleQuoted, b'\'', Some(b'\'')) => {
                        i += 2
                    }
                    (Style::DoubleQuoted, b'"', _) | (Style::SingleQuoted, b'\'', _) => {
                        return i + 1;
                    }
                    _ => i += 1,
                }
            }
            text.len()
        }
        // An empty scalar is marked where the next token starts.
        Style::Plain if value.is_empty() => start,
        Style::Plain => last_char_end(text, start, start, value),
        Style::Literal | Style::Folded => {
            let header_end = text[start..]
                .find(['\n', '\r'])
                .map_or(text.len(), |i| start + i);
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
            end
        }
    }
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

/// A YAML parser's error in `text`, positioned as our positions count: the parser also
/// breaks lines at a lone CR and may place an error past the end, so its character offset
/// is used. Its messages describe syntax, not content.
pub(crate) fn yaml_error(text: &str, e: &ScanError) -> Diagnostic {
    let at = CharOffsets::new(text).byte(e.marker().index());
    Diagnostic::at(text, at, format!("not valid YAML: {}", e.info()))
}

/// Byte offsets for the YAML parser's character offsets, read forward: linear over a
/// document whose events arrive in order, with no table of every character.
struct CharOffsets<'a> {
    text: &'a str,
    chars: usize,
    bytes: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> CharOffsets<'a> {
        CharOffsets {
            text,
            chars: 0,
            bytes: 0,
        }
    }

    /// The byte offset of character `chars` (the end of the text past its last one).
    fn byte(&mut self, chars: usize) -> usize {
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
