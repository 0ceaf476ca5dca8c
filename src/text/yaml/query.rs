//! What the insertion-only patches (`kube patch`, `ray patch`) ask of the YAML tree: a
//! document's keys, lists and nulls, and the columns and offsets where new lines go.

use super::{Anchors, Kind, Node, Style};
use crate::text::Diagnostic;
use crate::text::yaml;

/// Every document's root, as the YAML loader reads them (an anchor is its document's own).
pub(crate) fn parse_documents(text: &str) -> Result<Vec<Node>, Diagnostic> {
    let stream = yaml::parse(text, Anchors::PerDocument)?;
    Ok(stream.documents.into_iter().map(|d| d.root).collect())
}

pub(crate) trait Query {
    fn get(&self, key: &str) -> Option<&Node>;
    fn str_at(&self, key: &str) -> Option<&str>;
    /// The column of a block mapping's keys (the mapping's own marker may stand elsewhere).
    fn key_col(&self) -> usize;
    /// 0-based column of the start.
    fn col(&self) -> usize;
    /// An empty or `null`/`~` plain scalar: YAML's null, which the API server reads as absent.
    fn is_null(&self) -> bool;
    fn items(&self) -> &[Node];
    fn is_map(&self) -> bool;
    fn is_seq(&self) -> bool;
    /// Anchored, or an alias: shared with another place.
    fn shared(&self) -> bool;
    /// Byte offset of the event that closes a collection (the start for anything else).
    fn closing(&self) -> usize;
    /// Byte offset where the node's last descendant starts.
    fn last_start(&self) -> usize;
}

impl Query for Node {
    fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Mapping { entries, .. } => entries
                .iter()
                .find(|(k, _)| k.scalar() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    fn str_at(&self, key: &str) -> Option<&str> {
        self.get(key)?.scalar()
    }

    fn key_col(&self) -> usize {
        match &self.kind {
            Kind::Mapping { entries, .. } => entries.first().map_or(self.col(), |(k, _)| k.col()),
            _ => self.col(),
        }
    }

    fn col(&self) -> usize {
        self.start.at.column - 1
    }

    fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { style: Style::Plain, value } if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    fn items(&self) -> &[Node] {
        match &self.kind {
            Kind::Sequence { items, .. } => items,
            _ => &[],
        }
    }

    fn is_map(&self) -> bool {
        matches!(self.kind, Kind::Mapping { .. })
    }

    fn is_seq(&self) -> bool {
        matches!(self.kind, Kind::Sequence { .. })
    }

    fn shared(&self) -> bool {
        self.anchor > 0 || matches!(self.kind, Kind::Alias(_))
    }

    fn closing(&self) -> usize {
        self.end().map_or(self.start.byte, |m| m.byte)
    }

    fn last_start(&self) -> usize {
        self.children()
            .iter()
            .map(|c| c.last_start())
            .fold(self.start.byte, usize::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_of_a(text: &str) -> Node {
        let docs = parse_documents(text).unwrap();
        docs[0].get("a").unwrap().clone()
    }

    /// Null is a plain scalar spelled empty, `~` or null: a quoted or block scalar is a
    /// string, whatever it holds, and an empty value is null even when the parser marks it
    /// at a quoted key that follows it.
    #[test]
    fn null_is_plain() {
        for text in [
            "a:\n",
            "a: ~\n",
            "a: null\nb: 1\n",
            "a:\n\"b\": 1\n",
            "a:\n'b': 1\n",
        ] {
            assert!(value_of_a(text).is_null(), "{text:?}");
        }
        for text in [
            "a: ''\n",
            "a: \"null\"\n",
            "a: |\n",
            "a: >-\n\nb: 1\n",
            "a: x\n",
        ] {
            assert!(!value_of_a(text).is_null(), "{text:?}");
        }
    }

    #[test]
    fn columns_offsets_and_sharing() {
        let text = "a:\n  b: &x [1]\n  c: *x\n  é:\n  - d\n";
        let a = value_of_a(text);
        assert_eq!(
            (a.col(), a.key_col()),
            (3, 2),
            "marked at the colon after its first key"
        );
        assert!(a.get("b").unwrap().shared() && a.get("c").unwrap().shared());
        let list = a.get("é").unwrap();
        assert!(list.is_seq() && !list.is_flow());
        assert_eq!(list.items()[0].scalar(), Some("d"));
        assert_eq!(a.last_start(), text.rfind('d').unwrap());
        assert_eq!(a.closing(), text.len());
    }
}
