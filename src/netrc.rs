//! The netrc file: the lossless document, its edits and lint, from the `netrc-edit` crate,
//! under the name the rest of netrc-guard uses.

pub use netrc_edit::{Credentials, Document, EditError, Entry, EntryKind, ParseError, Target};
pub use netrc_edit::{UpsertError, Upserted};
pub use netrc_edit::{host, lint, syntax, value};

#[cfg(test)]
mod tests {
    // The binary's docs are generated from the crate's registry; the crate has no docs/.
    use super::lint;

    #[test]
    fn docs_check_rules_md_is_generated_from_the_registry() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/check-rules.md");
        let written = std::fs::read_to_string(path).unwrap_or_default();
        if written != lint::rule::rules_markdown() && std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(path, lint::rule::rules_markdown()).unwrap();
            return;
        }
        assert!(
            written == lint::rule::rules_markdown(),
            "docs/check-rules.md is out of date: run `UPDATE_DOCS=1 cargo test --lib docs_check_rules_md`"
        );
    }
}
