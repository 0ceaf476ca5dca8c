//! A key given twice in one mapping, the one walk for it: `kube patch` refuses a document
//! with one (Kubernetes' strict decoding rejects it, a lenient one keeps the last, the patch
//! would read the first), and `scrub` refuses an output that has one the original had not.

use super::{Kind, Node};

/// The first key given a second time anywhere in `node` (in stream order; complex keys are
/// searched too), with the path of the mapping it is in (`spec.headGroupSpec`,
/// `...containers[0]`), from `path`.
pub(crate) fn first_repeated_key<'n>(node: &'n Node, path: &str) -> Option<(&'n Node, String)> {
    match &node.kind {
        Kind::Mapping { entries, .. } => {
            // A set, not a look back over earlier keys: scrub walks mappings of any size.
            let mut seen = std::collections::HashSet::new();
            for (key, value) in entries {
                if let Some(name) = key.scalar()
                    && !seen.insert(name)
                {
                    return Some((key, path.to_string()));
                }
                if let Some(found) = first_repeated_key(key, path) {
                    return Some(found);
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
