//! A YAML tree with byte positions, built from yaml-rust2's marked events: enough to find
//! a manifest's pod specs and the lines where new items go.

use crate::text::{CharOffsets, Diagnostic, yaml_error};

#[derive(Debug, Clone)]
pub enum Kind {
    Map(Vec<(Node, Node)>),
    Seq(Vec<Node>),
    Scalar(String),
    Alias,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub kind: Kind,
    /// Byte offset where the node starts.
    pub start: usize,
    /// Byte offset of the event that closes a collection (the scalar's start for scalars).
    pub end: usize,
    /// Byte offset where the node's last descendant starts.
    pub last_start: usize,
    /// 0-based column of the start.
    pub col: usize,
    pub flow: bool,
    pub anchored: bool,
    /// A scalar written in quotes (`""` is a string, not null).
    pub quoted: bool,
    /// How many collections enclose the node (a document's root is 0).
    pub depth: usize,
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Map(pairs) => pairs
                .iter()
                .find(|(k, _)| matches!(&k.kind, Kind::Scalar(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn str_at(&self, key: &str) -> Option<&str> {
        match &self.get(key)?.kind {
            Kind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The column of a block mapping's keys (the mapping's own marker may stand elsewhere).
    pub(crate) fn key_col(&self) -> usize {
        match &self.kind {
            Kind::Map(pairs) => pairs.first().map_or(self.col, |(k, _)| k.col),
            _ => self.col,
        }
    }

    /// An empty or `null`/`~` scalar: YAML's null, which the API server reads as absent.
    pub(crate) fn is_null(&self) -> bool {
        !self.quoted
            && matches!(&self.kind, Kind::Scalar(s) if matches!(s.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    pub(crate) fn items(&self) -> &[Node] {
        match &self.kind {
            Kind::Seq(items) => items,
            _ => &[],
        }
    }
}

/// Every document of a YAML stream as a tree with byte positions.
pub fn parse_documents(text: &str) -> Result<Vec<Node>, Diagnostic> {
    use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
    use yaml_rust2::scanner::Marker;

    struct Builder<'t> {
        text: &'t str,
        offsets: CharOffsets<'t>,
        /// Open collections, each with the key that waits for its value (mappings).
        stack: Vec<(Node, Option<Node>)>,
        docs: Vec<Node>,
    }
    impl Builder<'_> {
        fn byte(&mut self, m: &Marker) -> usize {
            self.offsets.byte(m.index())
        }
        fn node(&mut self, kind: Kind, m: &Marker, anchor: usize) -> Node {
            let start = self.byte(m);
            let first = self.text.as_bytes().get(start).copied();
            let kind_is_scalar = matches!(kind, Kind::Scalar(_));
            Node {
                flow: matches!(
                    (&kind, first),
                    (Kind::Map(_), Some(b'{')) | (Kind::Seq(_), Some(b'['))
                ),
                kind,
                start,
                end: start,
                last_start: start,
                col: m.col(),
                anchored: anchor > 0,
                quoted: kind_is_scalar && matches!(first, Some(b'"' | b'\'')),
                depth: self.stack.len(),
            }
        }
        fn attach(&mut self, node: Node) {
            let Some((parent, pending_key)) = self.stack.last_mut() else {
                self.docs.push(node);
                return;
            };
            parent.last_start = parent.last_start.max(node.last_start);
            match &mut parent.kind {
                Kind::Seq(items) => items.push(node),
                // Keys and values arrive in turn: a key waits beside its mapping.
                Kind::Map(pairs) => match pending_key.take() {
                    Some(key) => pairs.push((key, node)),
                    None => *pending_key = Some(node),
                },
                _ => {}
            }
        }
    }
    impl MarkedEventReceiver for Builder<'_> {
        fn on_event(&mut self, ev: Event, mark: Marker) {
            match ev {
                Event::Scalar(value, _, anchor, _) => {
                    let n = self.node(Kind::Scalar(value), &mark, anchor);
                    self.attach(n);
                }
                Event::Alias(_) => {
                    let n = self.node(Kind::Alias, &mark, 1);
                    self.attach(n);
                }
                Event::MappingStart(anchor, _) => {
                    let n = self.node(Kind::Map(Vec::new()), &mark, anchor);
                    self.stack.push((n, None));
                }
                Event::SequenceStart(anchor, _) => {
                    let n = self.node(Kind::Seq(Vec::new()), &mark, anchor);
                    self.stack.push((n, None));
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    if let Some((mut n, _)) = self.stack.pop() {
                        n.end = self.byte(&mark);
                        self.attach(n);
                    }
                }
                _ => {}
            }
        }
    }
    let mut b = Builder {
        text,
        offsets: CharOffsets::new(text),
        stack: Vec::new(),
        docs: Vec::new(),
    };
    Parser::new_from_str(text)
        .load(&mut b, true)
        .map_err(|e| yaml_error(text, &e))?;
    Ok(b.docs)
}
