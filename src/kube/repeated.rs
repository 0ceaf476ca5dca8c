//! A key given twice in one mapping of a KubeRay document. Kubernetes' strict decoding
//! (`kubectl apply`, server-side field validation) rejects the object, and a lenient decoder
//! keeps the last; the patch reads the first. Either way the patch would edit a value nobody
//! reads, so a document with one is refused, at the second key.

use crate::text::yaml::{Kind, Node};

/// The first key given a second time anywhere in `node` (in stream order), with the path of
/// the mapping it is in (`spec.headGroupSpec`, `...containers[0]`), from `path`.
pub(super) fn first_repeated_key<'n>(node: &'n Node, path: &str) -> Option<(&'n Node, String)> {
    match &node.kind {
        Kind::Mapping { entries, .. } => {
            for (i, (key, value)) in entries.iter().enumerate() {
                if let Some(name) = key.scalar()
                    && entries[..i].iter().any(|(k, _)| k.scalar() == Some(name))
                {
                    return Some((key, path.to_string()));
                }
                let inner = match (key.scalar(), path.is_empty()) {
                    (Some(name), true) => name.to_string(),
                    (Some(name), false) => format!("{path}.{name}"),
                    (None, _) => path.to_string(),
                };
                if let Some(found) = first_repeated_key(value, &inner) {
                    return Some(found);
                }
            }
            None
        }
        Kind::Sequence { items, .. } => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| first_repeated_key(item, &format!("{path}[{i}]"))),
        Kind::Scalar { .. } | Kind::Alias(_) => None,
    }
}
