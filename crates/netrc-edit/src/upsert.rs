//! Upserts: give targets exactly some credentials, the edit `add` and `scrub` make. A batch
//! is one splice and one parse, so moving many credentials stays linear in the file.

use std::collections::HashSet;
use std::fmt;

use super::document::{Credentials, Document, Target};
use super::edit::{EditError, Touched, key_of, render};

/// What an upsert did to its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    /// The target already held exactly these credentials.
    Unchanged,
    /// The target had no entry: one was added.
    Inserted,
    /// The target held other credentials: they were replaced in place.
    Replaced,
}

/// Why an upsert changed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpsertError {
    /// The target holds other credentials and replacing them was not asked for.
    Conflict {
        /// The target, as shown to users.
        target: String,
    },
    /// One batch named a target twice.
    Duplicate {
        /// The target, as shown to users.
        target: String,
    },
    /// The edit itself failed.
    Edit(EditError),
}

impl fmt::Display for UpsertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UpsertError::Conflict { target } => write!(
                f,
                "{target} already has other credentials; pass --force to replace them"
            ),
            UpsertError::Duplicate { target } => {
                write!(f, "{target} is named twice in one change")
            }
            UpsertError::Edit(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for UpsertError {}

impl From<EditError> for UpsertError {
    fn from(e: EditError) -> UpsertError {
        UpsertError::Edit(e)
    }
}

fn label(target: Target<'_>) -> String {
    match target {
        Target::Machine(host) => host.to_string(),
        Target::Default => "default".to_string(),
    }
}

impl Document {
    /// Gives `target` exactly `creds`: inserted when absent, left alone when equal, replaced
    /// in place when different and `force`, else a conflict.
    pub fn upsert(
        &mut self,
        target: Target<'_>,
        creds: &Credentials,
        force: bool,
    ) -> Result<Upserted, UpsertError> {
        let done = self.upsert_all(&[(target, creds.clone())], force)?;
        Ok(done[0])
    }

    /// [`Document::upsert`] for many targets at once, all or nothing: a conflict or a failed
    /// edit leaves the document as it was.
    pub fn upsert_all(
        &mut self,
        items: &[(Target<'_>, Credentials)],
        force: bool,
    ) -> Result<Vec<Upserted>, UpsertError> {
        let index = self.target_index();
        let mut seen = HashSet::new();
        let mut done = Vec::with_capacity(items.len());
        let mut edits = Vec::new();
        let mut touched = Touched::default();
        let (mut machines, mut default) = (Vec::new(), None);
        for (target, creds) in items {
            let key = key_of(*target);
            if !seen.insert(key.clone()) {
                return Err(UpsertError::Duplicate {
                    target: label(*target),
                });
            }
            let outcome = match index.get(&key) {
                Some(i) if self.entry(i).matches(creds) => Upserted::Unchanged,
                Some(_) if !force => {
                    return Err(UpsertError::Conflict {
                        target: label(*target),
                    });
                }
                Some(i) => {
                    edits.extend(self.replacement(i, creds)?);
                    touched.before.push(i);
                    touched.after_targets.push(key);
                    Upserted::Replaced
                }
                None => {
                    let body = render(*target, creds)?;
                    match target {
                        Target::Machine(_) => machines.push(body),
                        Target::Default => default = Some(body),
                    }
                    touched.after_targets.push(key);
                    Upserted::Inserted
                }
            };
            done.push(outcome);
        }
        if !machines.is_empty() {
            edits.push(self.insertion(&machines, true));
        }
        if let Some(body) = default {
            edits.push(self.insertion(&[body], false));
        }
        if !edits.is_empty() {
            self.apply(edits, touched)?;
        }
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::tests::creds;

    #[test]
    fn upsert_reports_what_it_did() {
        let mut doc = Document::parse("# mine\nmachine a.com login u password p\n").unwrap();
        let a = Target::Machine("A.com");
        assert_eq!(
            doc.upsert(a, &creds("u", "p"), false),
            Ok(Upserted::Unchanged)
        );
        assert_eq!(
            doc.upsert(a, &creds("u", "q"), false),
            Err(UpsertError::Conflict {
                target: "A.com".into()
            })
        );
        assert_eq!(
            doc.upsert(a, &creds("u", "q"), true),
            Ok(Upserted::Replaced)
        );
        assert_eq!(
            doc.upsert(Target::Machine("b.com"), &creds("v", "w"), false),
            Ok(Upserted::Inserted)
        );
        assert_eq!(
            doc.as_str(),
            "# mine\nmachine a.com login u password q\nmachine b.com login v password w\n"
        );
    }

    #[test]
    fn a_batch_is_all_or_nothing_and_lands_before_default() {
        let text = "machine a.com login u password p\ndefault login anonymous password x\n";
        let mut doc = Document::parse(text).unwrap();
        let conflict = [
            (Target::Machine("b.com"), creds("v", "w")),
            (Target::Machine("a.com"), creds("u", "other")),
        ];
        assert!(doc.upsert_all(&conflict, false).is_err());
        assert_eq!(doc.as_str(), text);
        let batch = [
            (Target::Machine("b.com"), creds("v", "w")),
            (Target::Machine("a.com"), creds("u", "q")),
            (Target::Machine("c.com"), creds("x", "y")),
        ];
        let done = doc.upsert_all(&batch, true).unwrap();
        assert_eq!(
            done,
            [Upserted::Inserted, Upserted::Replaced, Upserted::Inserted]
        );
        assert_eq!(
            doc.as_str(),
            "machine a.com login u password q\nmachine b.com login v password w\nmachine c.com login x password y\ndefault login anonymous password x\n"
        );
        let twice = [
            (Target::Machine("d.com"), creds("v", "w")),
            (Target::Machine("D.com"), creds("v", "w")),
        ];
        assert!(matches!(
            doc.upsert_all(&twice, false),
            Err(UpsertError::Duplicate { .. })
        ));
    }

    #[test]
    fn a_batch_of_machines_and_a_new_default_keeps_default_last() {
        let mut doc = Document::parse("").unwrap();
        let batch = [
            (Target::Default, creds("anonymous", "x")),
            (Target::Machine("a.com"), creds("u", "p")),
        ];
        doc.upsert_all(&batch, false).unwrap();
        assert_eq!(
            doc.as_str(),
            "machine a.com login u password p\ndefault login anonymous password x\n"
        );
    }
}
