//! One YAML reading for every user: yaml-rust2's marked events built into a tree of nodes
//! with byte spans, once per text. `scrub` finds and verifies string scalars through it;
//! `kube patch` finds pod specs and where new lines go.
//!
//! yaml-rust2 marks count characters and mark where a node starts only; the tree turns the
//! marks into bytes with one forward line/column→byte reader and finds where each scalar
//! starts and ends as written (quotes, block header, block scalar's final line breaks).

use std::ops::Range;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

pub(crate) use yaml_rust2::parser::Tag;

use super::{Diagnostic, Position};
use source::{Offsets, scalar_span};

pub(crate) mod edit;
pub(crate) mod query;
pub(crate) mod render;
pub(crate) mod repeated;
mod source;

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
    /// empty plain scalar and an alias are empty. A collection from its start to its
    /// closing bracket (flow) or the end of its last descendant (block).
    pub span: Range<usize>,
    /// Its start event, where the parser marks it: a block scalar at its first content
    /// character, an empty scalar at the token after it.
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
        offsets: Offsets::new(text),
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
    offsets: Offsets<'t>,
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
            byte: self.offsets.byte(m),
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
                let span = scalar_span(self.text, mark.byte, style, &value);
                let node = self.node(Kind::Scalar { style, value }, mark, span, anchor, tag);
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
                let node = self.node(Kind::Alias(id), mark, mark.byte..mark.byte, 0, None);
                self.attach(node);
            }
            Event::MappingStart(anchor, tag) => {
                let flow = self.text.as_bytes().get(mark.byte) == Some(&b'{');
                let (entries, end) = (Vec::new(), None);
                self.open(Kind::Mapping { entries, flow, end }, mark, anchor, tag);
            }
            Event::SequenceStart(anchor, tag) => {
                let flow = self.text.as_bytes().get(mark.byte) == Some(&b'[');
                let (items, end) = (Vec::new(), None);
                self.open(Kind::Sequence { items, flow, end }, mark, anchor, tag);
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
        span: Range<usize>,
        anchor: usize,
        tag: Option<Tag>,
    ) -> Node {
        self.next_anchor = self.next_anchor.max(anchor + 1);
        Node {
            kind,
            span,
            start,
            anchor,
            tag,
            depth: self.open.len(),
        }
    }

    fn open(&mut self, kind: Kind, mark: Mark, anchor: usize, tag: Option<Tag>) {
        let node = self.node(kind, mark, mark.byte..mark.byte, anchor, tag);
        self.open.push(Open { node, key: None });
    }

    fn close(&mut self, end: Option<Mark>) {
        let Some(Open { mut node, key }) = self.open.pop() else {
            return;
        };
        if let (Some(key), Kind::Mapping { entries, .. }) = (key, &mut node.kind) {
            // Cut short after a key: its value is an empty mapping left open, so that the
            // key stays in the tree and what follows it reads as missing.
            let value = Node {
                kind: Kind::Mapping {
                    entries: Vec::new(),
                    flow: false,
                    end: None,
                },
                span: key.span.end..key.span.end,
                ..key.clone()
            };
            entries.push((key, value));
        }
        // A block mapping is marked after its first key: it starts where that key does.
        let first = node.children().iter().map(|c| c.span.start).min();
        node.span.start = node.span.start.min(first.unwrap_or(usize::MAX));
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

/// A YAML parser's error in `text`, positioned as our positions count (the parser also
/// breaks lines at a lone CR, and may place an error past the end). Its messages describe
/// syntax, not content.
pub(crate) fn yaml_error(text: &str, e: &ScanError) -> Diagnostic {
    let at = Offsets::new(text).byte(e.marker());
    Diagnostic::at(text, at, format!("not valid YAML: {}", e.info()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn stream(text: &str) -> Stream {
        parse(text, Anchors::PerDocument).unwrap()
    }

    /// What `text` holds as a lone scalar: the value of its first document's root.
    fn reread(text: &str) -> Option<String> {
        let s = parse(text, Anchors::AcrossDocuments).ok()?;
        match s.documents.first() {
            None => Some(String::new()),
            Some(d) => d.root.scalar().map(str::to_string),
        }
    }

    /// Every scalar's span, sliced out of the text and parsed alone, reads as its value.
    fn assert_spans_read_back(text: &str) {
        for n in stream(text).scalars() {
            let written = &text[n.span.clone()];
            assert!(n.span.start <= n.start.byte.max(n.span.end), "{text:?}");
            assert_eq!(
                reread(written).as_deref(),
                n.scalar(),
                "{written:?} in {text:?}"
            );
        }
    }

    #[test]
    fn every_scalar_style_has_its_span() {
        use Style::*;
        let text = "a: plain words\nb: 'sin''gle'  # c\nc: \"dou\\\"ble\\n\"\nd: |\n  lit\n    eral\n\ne: >-\n  fol\n  ded\nf: multi\n  line\n\n  plain\ng: |+\n  kept\n\n\nh:\n";
        let s = stream(text);
        let spans: Vec<&str> = s.scalars().iter().map(|n| &text[n.span.clone()]).collect();
        assert_eq!(
            spans,
            [
                "a",
                "plain words",
                "b",
                "'sin''gle'",
                "c",
                "\"dou\\\"ble\\n\"",
                "d",
                "|\n  lit\n    eral\n",
                "e",
                ">-\n  fol\n  ded",
                "f",
                "multi\n  line\n\n  plain",
                "g",
                "|+\n  kept\n\n\n",
                "h",
                ""
            ]
        );
        let styles: Vec<Style> = s
            .scalars()
            .iter()
            .filter_map(|n| match n.kind {
                Kind::Scalar { style, .. } => Some(style),
                _ => None,
            })
            .skip(1)
            .step_by(2)
            .collect();
        assert_eq!(
            styles,
            [
                Plain,
                SingleQuoted,
                DoubleQuoted,
                Literal,
                Folded,
                Plain,
                Literal,
                Plain
            ]
        );
        assert_spans_read_back(text);
    }

    #[test]
    fn spans_are_bytes_after_multibyte_characters() {
        let text = "é: ü\n\"ß€\": [x, 'ÿ']\n";
        let s = stream(text);
        let values: Vec<(&str, &str, Position)> = s
            .scalars()
            .iter()
            .map(|n| (n.scalar().unwrap(), &text[n.span.clone()], n.start.at))
            .collect();
        let at = |line, column| Position { line, column };
        assert_eq!(
            values,
            [
                ("é", "é", at(1, 1)),
                ("ü", "ü", at(1, 4)),
                ("ß€", "\"ß€\"", at(2, 1)),
                ("x", "x", at(2, 8)),
                ("ÿ", "'ÿ'", at(2, 11)),
            ]
        );
        let root = &s.documents[0].root;
        let Kind::Mapping { entries, .. } = &root.kind else {
            panic!("{root:?}")
        };
        let list = &entries[1].1;
        assert!(list.is_flow());
        assert_eq!(&text[list.span.clone()], "[x, 'ÿ']");
        assert_eq!(list.end().map(|m| m.byte), Some(text.find(']').unwrap()));
        assert_eq!(&text[root.span.clone()], text.trim_end());
    }

    #[test]
    fn documents_each_have_a_root_and_their_marks() {
        let text = "a: 1\n---\n- x\n- y\n...\n--- z\n";
        let s = stream(text);
        assert_eq!(s.documents.len(), 3);
        let roots: Vec<&Kind> = s.documents.iter().map(|d| &d.root.kind).collect();
        assert!(matches!(roots[0], Kind::Mapping { .. }));
        assert!(matches!(roots[1], Kind::Sequence { items, .. } if items.len() == 2));
        assert_eq!(s.documents[2].root.scalar(), Some("z"));
        assert_eq!(&text[s.documents[1].root.span.clone()], "- x\n- y");
        // Events are numbered in stream order; the stream ends after the last document.
        for (i, m) in s.marks.iter().enumerate() {
            assert_eq!(m.event, i);
        }
        let end = s.end.unwrap();
        assert!(s.documents.iter().all(|d| d.end.unwrap().event < end.event));
        assert_eq!(end.event, s.marks.len() - 1);
    }

    #[test]
    fn anchors_and_aliases() {
        let text = "a: &x {k: v}\nb: *x\nc: &y s\nd: *y\n";
        let s = stream(text);
        let Kind::Mapping { entries, .. } = &s.documents[0].root.kind else {
            panic!()
        };
        let (a, b, c, d) = (&entries[0].1, &entries[1].1, &entries[2].1, &entries[3].1);
        assert!(a.anchor > 0 && c.anchor > 0 && a.anchor != c.anchor);
        assert!(matches!(b.kind, Kind::Alias(id) if id == a.anchor));
        assert!(matches!(d.kind, Kind::Alias(id) if id == c.anchor));
        assert_eq!(&text[a.span.clone()], "{k: v}");
        assert_eq!(
            &text[b.span.clone()],
            "",
            "an alias spans nothing of its own"
        );
        assert_eq!(b.start.byte, text.find("*x").unwrap());
    }

    /// YAML scopes an anchor to its document; yaml-rust2's event parser does not.
    #[test]
    fn an_alias_to_another_documents_anchor() {
        let text = "a: &x 1\n---\nb: *x\n";
        let e = parse(text, Anchors::PerDocument).unwrap_err();
        assert_eq!(e.position, Position { line: 3, column: 4 });
        assert_eq!(
            e.message,
            "not valid YAML: while parsing node, found unknown anchor"
        );
        let s = parse(text, Anchors::AcrossDocuments).unwrap();
        assert_eq!(s.documents.len(), 2);
    }

    /// Found by fuzzing: the parser also breaks lines at a lone CR, and places an error at
    /// the end of a flow collection past the last line.
    #[test]
    fn errors_past_the_end_stay_in_the_text() {
        let text = "a: [1,\r";
        let e = parse(text, Anchors::PerDocument).unwrap_err();
        assert_eq!(e.position.line, 1, "{e:?}");
        let e = parse("{", Anchors::PerDocument).unwrap_err();
        assert_eq!(e.position, Position { line: 1, column: 2 });
    }

    #[test]
    fn a_stream_cut_short_keeps_what_was_read() {
        let (s, e) = read("a: x\nb: [1\n", Anchors::PerDocument);
        assert!(e.is_some());
        assert!(s.end.is_none());
        let root = &s.documents[0].root;
        assert!(root.end().is_none());
        let Kind::Mapping { entries, .. } = &root.kind else {
            panic!()
        };
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].1.children().len(), 1);
        assert!(entries[1].1.end().is_none());
        // A key whose value was cut off stays, with an open empty mapping as its value.
        let (s, _) = read("a: x\nb: [1]\nc: {", Anchors::PerDocument);
        let Kind::Mapping { entries, .. } = &s.documents[0].root.kind else {
            panic!()
        };
        assert_eq!(entries.len(), 3);
    }

    /// A plain scalar: words that YAML reads as themselves in block and flow context.
    fn word() -> impl Strategy<Value = String> {
        "[a-zé][a-zé0-9.]{0,5}"
    }

    fn line() -> impl Strategy<Value = String> {
        "[a-zéü][a-zéü :#'\"@/-]{0,8}"
    }

    /// A scalar written in one of the five styles, at indentation `indent`.
    fn scalar(indent: usize) -> impl Strategy<Value = String> {
        let pad = " ".repeat(indent + 2);
        let (pad1, pad2) = (pad.clone(), pad.clone());
        prop_oneof![
            prop::collection::vec(word(), 1..4).prop_map(|w| w.join(" ")),
            prop::collection::vec(word(), 2..4).prop_map(move |w| w.join(&format!("\n{pad}"))),
            "[a-zéü :#'\"\\\\@/-]{0,10}".prop_map(|s| format!("'{}'", s.replace('\'', "''"))),
            "[a-zéü :#'\"\\\\@/\n-]{0,10}".prop_map(|s| format!(
                "\"{}\"",
                s.replace('\\', "\\\\")
                    .replace('"', "\\\"")
                    .replace('\n', "\\n")
            )),
            (
                prop::sample::select(&["|", "|-", "|+", ">", ">-", ">+"][..]),
                prop::collection::vec(line(), 1..4),
                0usize..3
            )
                .prop_map(move |(header, lines, blank)| {
                    let body: String = lines.iter().map(|l| format!("{pad1}{l}\n")).collect();
                    format!("{header} # c\n{body}{}", "\n".repeat(blank))
                }),
            (prop::collection::vec(word(), 0..3)).prop_map(move |w| {
                let _ = &pad2;
                format!("[{}]", w.join(", "))
            }),
        ]
    }

    fn document() -> impl Strategy<Value = String> {
        prop::collection::vec((word(), scalar(0), scalar(2), any::<bool>()), 1..4).prop_map(
            |entries| {
                let mut out = String::new();
                for (key, value, item, nested) in entries {
                    if nested {
                        out.push_str(&format!("{key}:\n  - {item}\n"));
                    } else {
                        out.push_str(&format!("{key}: {value}\n"));
                    }
                    if !out.ends_with('\n') {
                        out.push('\n');
                    }
                }
                out
            },
        )
    }

    proptest! {
        #[test]
        fn scalar_spans_read_back_as_their_values(
            docs in prop::collection::vec(document(), 1..3),
            prefix in prop::sample::select(&["", "# é ü\n", "é: ß\n", "---\n"][..]),
        ) {
            let text = format!("{prefix}{}", docs.join("---\n"));
            prop_assume!(parse(&text, Anchors::PerDocument).is_ok());
            assert_spans_read_back(&text);
        }
    }
}
