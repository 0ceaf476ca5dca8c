//! Why `ray patch` refused: typed, with the place in the cluster YAML (`text::Place`) or the
//! netrc's path and directory, never a value. Its `Display` is the sentence
//! `messages::error` prints.

use std::fmt;
use std::io;
use std::path::PathBuf;

use super::mount::{REMOTE_DIR, REMOTE_NETRC};
use crate::text::Place;

/// What the patch will not do at a place in the cluster YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// A node type (or `available_node_types`) shared through an anchor or alias.
    SharedNodeType {
        name: String,
    },
    ExplicitKey,
    MergeKey,
    RepeatedKey,
    /// The key `name`, which the patch extends, is null.
    NullValue {
        name: String,
    },
    /// The value of `name` is shared through an anchor or alias.
    SharedValue {
        name: String,
    },
    /// The value of `name` is not a mapping (`mapping`) or not a list.
    WrongKind {
        name: String,
        mapping: bool,
    },
    /// A command in the list `list` writes the node's `~/.netrc`, which the patch links.
    CommandUndoesLink {
        list: String,
        file_name: String,
    },
    SingleFileMount,
    MountAtOurDirectory,
    NoOpeningBrace,
    NoOpeningBracket {
        path: String,
    },
    FirstItemNotOnItsLine {
        path: String,
    },
    /// No `setup_commands`, and the provider has default ones that adding it would replace.
    NoSetupCommands {
        provider: String,
    },
    SyncNotBoolean,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::SharedNodeType { name } => write!(f, "{name} is shared through a YAML anchor or alias; the link must go into each node type of its own: expand it and run again"),
            Refusal::ExplicitKey => f.write_str("an explicit key (`? KEY` with `: VALUE` on the next line) in a mapping the patch extends: write it as `KEY: VALUE` and run again"),
            Refusal::MergeKey => f.write_str("a YAML merge key (`<<`) here would let a key the patch adds hide what it merges; expand it and run again"),
            Refusal::RepeatedKey => f.write_str("a key given a second time here: Ray reads the last, the patch would edit the first; remove one and run again"),
            Refusal::NullValue { name } => write!(f, "{name} is empty (null), which Ray reads as no value at all; remove the key or give it a value, and run again"),
            Refusal::SharedValue { name } => write!(f, "{name} uses a YAML anchor or alias; extending it would change every place that shares it; expand it and run again"),
            Refusal::WrongKind { name, mapping } => {
                let what = if *mapping { "a mapping" } else { "a list" };
                write!(f, "{name} is not {what}")
            }
            Refusal::CommandUndoesLink { list, file_name } => write!(f, "{list}: this command names {REMOTE_NETRC}, which `ray patch` makes a link to {REMOTE_DIR}/{file_name} (kept in sync by `ray up`); it would write, replace or remove it: remove the line and run again"),
            Refusal::SingleFileMount => f.write_str("file_mounts: mounts a single file at a home's .netrc, which goes stale after a rotation in docker clusters and would hide the link `ray patch` makes; remove this entry and run again"),
            Refusal::MountAtOurDirectory => write!(f, "file_mounts: something else is mounted at, above or inside {REMOTE_DIR}, where `ray patch` mounts the netrc's directory; move it and run again"),
            Refusal::NoOpeningBrace => f.write_str("file_mounts: cannot find its opening `{`"),
            Refusal::NoOpeningBracket { path } => write!(f, "{path}: cannot find its opening `[`"),
            Refusal::FirstItemNotOnItsLine { path } => write!(f, "{path}: its first item does not start its own line; write one item per line and run again"),
            Refusal::NoSetupCommands { provider } => write!(f, "the YAML has no setup_commands, so Ray runs the default ones of the provider {provider}, and adding the key would replace them: copy them in from ray/autoscaler/{provider}/defaults.yaml of your Ray (or write `setup_commands: []` if you want none) and run again"),
            Refusal::SyncNotBoolean => f.write_str("file_mounts_sync_continuously: is not a plain true or false; set it to true (workers then follow a rotation) and run again"),
        }
    }
}

/// The directory step an I/O error stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DirectoryStep {
    Read,
    List,
    ListEntry,
}

#[derive(Debug)]
pub(crate) enum RayError {
    /// The cluster YAML is not YAML.
    Syntax {
        place: Place,
        message: String,
    },
    Empty {
        file: PathBuf,
    },
    /// The document at `place` is not a mapping.
    NotMapping {
        place: Place,
    },
    SeveralDocuments {
        file: PathBuf,
    },
    /// JSON or flow-style YAML at the top.
    Flow {
        file: PathBuf,
    },
    /// The patch will not go on at `place`; nothing is written.
    Refused {
        place: Place,
        refusal: Refusal,
    },
    /// The netrc (resolved to `path`) has no file name.
    NoFileName {
        path: PathBuf,
    },
    /// The netrc's file name needs quoting in a shell command.
    FileNameNotShellSafe {
        path: PathBuf,
    },
    /// The netrc's directory could not be read or listed.
    Directory {
        dir: PathBuf,
        step: DirectoryStep,
        source: io::Error,
    },
    /// The netrc (as located, `netrc`) lives in `dir`, which holds the home directory.
    SharesHome {
        netrc: PathBuf,
        dir: PathBuf,
    },
    /// The netrc's directory holds `others` other files.
    SharesDirectory {
        netrc: PathBuf,
        dir: PathBuf,
        others: usize,
    },
}

impl RayError {
    pub(crate) fn syntax(file: &str, e: crate::text::Diagnostic) -> RayError {
        RayError::Syntax {
            place: Place::at(file, e.position),
            message: e.message,
        }
    }
}

impl fmt::Display for RayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RayError::Syntax { place, message } => {
                write!(f, "{place}: {message}; nothing written")
            }
            RayError::Empty { file } => write!(
                f,
                "{}: is empty, not a Ray cluster YAML; nothing written",
                file.display()
            ),
            RayError::NotMapping { place } => write!(
                f,
                "{place}: is not a mapping, not a Ray cluster YAML; nothing written"
            ),
            RayError::SeveralDocuments { file } => write!(
                f,
                "{}: holds several YAML documents; `ray up` reads one; nothing written",
                file.display()
            ),
            RayError::Flow { file } => write!(
                f,
                "{}: is JSON (or flow-style YAML); netrc-guard patches block-style YAML only, so that everything else stays as it was: convert it to block-style YAML and run again; nothing written",
                file.display()
            ),
            RayError::Refused { place, refusal } => {
                write!(f, "{place}: {refusal}; nothing written")
            }
            RayError::NoFileName { path } => {
                write!(
                    f,
                    "{}: has no usable file name; nothing written",
                    path.display()
                )
            }
            RayError::FileNameNotShellSafe { path } => write!(
                f,
                "{}: the netrc's file name is not made of letters, digits, `.`, `_` and `-` only; rename it (a link may keep the old name); nothing written",
                path.display()
            ),
            RayError::Directory { dir, step, .. } => {
                let what = match step {
                    DirectoryStep::Read => "cannot read the directory",
                    DirectoryStep::List => "cannot list the directory",
                    DirectoryStep::ListEntry => "cannot list",
                };
                write!(f, "{}: {what}", dir.display())
            }
            RayError::SharesHome { netrc, dir } => write!(
                f,
                "{}: the netrc lives in {}, which `ray up` would copy whole to every node; {}",
                netrc.display(),
                dir.display(),
                move_advice(netrc)
            ),
            RayError::SharesDirectory { netrc, dir, others } => write!(
                f,
                "{}: the netrc's directory {} holds {}, which `ray up` would copy to every node; {}",
                netrc.display(),
                dir.display(),
                crate::text::words::counted(*others, "other file"),
                move_advice(netrc)
            ),
        }
    }
}

impl std::error::Error for RayError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RayError::Directory { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The advice when the netrc shares its directory: move it into one of its own and leave a
/// link where it was, so that every reader and netrc-guard still find it.
fn move_advice(netrc: &std::path::Path) -> String {
    let shown = netrc.display();
    format!(
        "keep the netrc in a directory of its own and leave a link where it was, e.g.\n  mkdir -m 700 ~/.netrc.d && mv {shown} ~/.netrc.d/netrc && ln -s ~/.netrc.d/netrc {shown}\n  then run again (netrc-guard and every reader follow the link); nothing written"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ray::mount::tests::sample;
    use crate::text::Position;

    fn refusal(text: &str) -> RayError {
        crate::ray::patch("c.yaml", text, &sample()).unwrap_err()
    }

    #[test]
    fn refusals_carry_their_place_and_kind() {
        let e = refusal("cluster_name: a\ncluster_name: b\n");
        let RayError::Refused { place, refusal: r } = &e else {
            panic!("{e:?}");
        };
        assert_eq!(*r, Refusal::RepeatedKey);
        assert_eq!(*place, Place::at("c.yaml", Position { line: 2, column: 1 }));
        assert!(e.to_string().ends_with("; nothing written"), "{e}");
        let e = refusal("- a\n");
        assert!(
            matches!(
                &e,
                RayError::NotMapping { place } if place.position == Some(Position { line: 1, column: 1 })
            ),
            "{e:?}"
        );
        assert!(matches!(refusal(""), RayError::Empty { .. }));
    }
}
