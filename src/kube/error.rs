//! Why `kube secret` or `kube patch` refused: typed, carrying the option, the place in the
//! file or the path in the document, and never a value that may be a secret. Its `Display`
//! is the sentence `messages::error` prints.

use std::fmt;

use super::clash::Clash;
use crate::text::Place;

/// The kind of Kubernetes name an option gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameKind {
    Secret,
    Volume,
    Namespace,
}

/// What is wrong with a Secret key (`--key`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyProblem {
    Characters,
    Dots,
}

/// What is wrong with a path in the container (`--mount-path`, `--home`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathProblem {
    NotAbsolute,
    ControlCharacter,
    Root,
    NotNormalised,
}

/// What the patch found at a path in a document where it needed something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Anchor,
    Flow,
    NotMapping,
    NotList,
    /// A list written as null (`env:` and nothing).
    NullList,
    NoContainers,
    NullContainers,
    EmptyContainers,
    NoTemplateSpec,
    NoHeadGroupSpec,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KubeError {
    /// A name Kubernetes would refuse; `value` only when it reads as a plain word.
    BadName {
        option: &'static str,
        kind: NameKind,
        value: Option<String>,
    },
    BadSecretKey {
        option: &'static str,
        problem: KeyProblem,
    },
    BadContainerPath {
        option: &'static str,
        problem: PathProblem,
    },
    /// `--mount-path` is the home directory or holds it.
    MountHidesHome { mount: String, home: String },
    /// `--mount-path` is where the netrc file goes.
    MountIsNetrcFile {
        mount: String,
        home: String,
        home_netrc: String,
    },
    /// The manifest is not YAML.
    Syntax { place: Place, message: String },
    /// A KubeRay document written as JSON or flow-style YAML.
    FlowDocument { file: String, document: String },
    /// At `path` (`file: document N (Kind name): spec...`), not what the patch needs.
    Shape { path: String, shape: Shape },
    /// Something of ours, or in our place, already stands there differently.
    Clash(Box<Clash>),
    /// A key given a second time at `place`, in the mapping at `path` of `document`.
    RepeatedKey {
        place: Place,
        document: String,
        path: String,
    },
}

impl KubeError {
    pub(crate) fn bad_name(option: &'static str, kind: NameKind, value: &str) -> KubeError {
        KubeError::BadName {
            option,
            kind,
            value: crate::uri::plain_word(value).then(|| value.to_string()),
        }
    }

    pub(crate) fn shape(path: &str, shape: Shape) -> KubeError {
        KubeError::Shape {
            path: path.to_string(),
            shape,
        }
    }
}

impl From<Clash> for KubeError {
    fn from(clash: Clash) -> KubeError {
        KubeError::Clash(Box::new(clash))
    }
}

impl fmt::Display for NameKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameKind::Secret => "a valid Secret name (lower-case letters, digits, `-` and `.`, each `.`-separated part starting and ending with a letter or digit, at most 253)",
            NameKind::Volume => "a valid volume name (lower-case letters, digits and `-`, starting and ending with a letter or digit, at most 63)",
            NameKind::Namespace => "a valid namespace name (lower-case letters, digits and `-`, starting and ending with a letter or digit, at most 63)",
        })
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Shape::Anchor => "uses a YAML anchor or alias; patching it would change every place that shares it; expand it and run again",
            Shape::Flow => "written in flow style (`{...}` or `[...]`); netrc-guard will not rewrite it; write it in block style and run again",
            Shape::NotMapping => "is not a mapping",
            Shape::NotList => "is not a list",
            Shape::NullList => "is empty (null); remove the key or give it a list, and run again",
            Shape::NoContainers => "has no `containers`",
            Shape::NullContainers => "is empty (null); a Ray pod needs its Ray container",
            Shape::EmptyContainers => "is empty; a Ray pod needs its Ray container",
            Shape::NoTemplateSpec => "has no template.spec",
            Shape::NoHeadGroupSpec => "has no headGroupSpec",
        })
    }
}

impl fmt::Display for KubeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KubeError::BadName {
                option,
                kind,
                value,
            } => match value {
                Some(value) => write!(f, "{option}: {value:?} is not {kind}"),
                None => write!(
                    f,
                    "{option}: the value (not repeated here: it may be a secret) is not {kind}"
                ),
            },
            KubeError::BadSecretKey { option, problem } => match problem {
                KeyProblem::Characters => write!(
                    f,
                    "{option}: a Secret key may hold only letters, digits, `-`, `.` and `_` (at most 253)"
                ),
                KeyProblem::Dots => write!(
                    f,
                    "{option}: a Secret key may not be `.` or `..` or start with `..`"
                ),
            },
            KubeError::BadContainerPath { option, problem } => {
                let why = match problem {
                    PathProblem::NotAbsolute => "must be an absolute path (starting with `/`)",
                    PathProblem::ControlCharacter => "contains a control character",
                    PathProblem::Root => "must not be `/`",
                    PathProblem::NotNormalised => "must be normalised (no `//`, `.` or `..` in it)",
                };
                write!(f, "{option}: {why}")
            }
            KubeError::MountHidesHome { mount, home } => write!(
                f,
                "--mount-path: {mount:?} is the home directory {home:?} or holds it; the Secret volume would hide the home directory; choose a directory of its own, such as {:?}",
                own_directory(home)
            ),
            KubeError::MountIsNetrcFile {
                mount,
                home,
                home_netrc,
            } => write!(
                f,
                "--mount-path: {mount:?} is where the netrc file goes ({home_netrc:?}); choose a directory of its own, such as {:?}",
                own_directory(home)
            ),
            KubeError::Syntax { place, message } => {
                write!(f, "{place}: {message}; nothing written")
            }
            KubeError::FlowDocument { file, document } => write!(
                f,
                "{file}: {document}: is JSON (or flow-style YAML); netrc-guard patches block-style YAML only, so that everything else stays as it was: convert it to block-style YAML (with yq, for example) and run again; nothing written"
            ),
            KubeError::Shape { path, shape } => write!(f, "{path}: {shape}; nothing written"),
            KubeError::Clash(clash) => clash.fmt(f),
            KubeError::RepeatedKey {
                place,
                document,
                path,
            } => {
                let within = if path.is_empty() {
                    String::new()
                } else {
                    format!(" of {path}")
                };
                write!(
                    f,
                    "{place}: {document}: a key{within} given a second time here: Kubernetes rejects the manifest (strict decoding) or reads the last, the patch would edit the first; remove one and run again; nothing written"
                )
            }
        }
    }
}

/// The mount path the advice suggests: a directory of its own in the home directory.
fn own_directory(home: &str) -> String {
    format!("{}/netrcvolume/", super::names::trimmed(home))
}

impl std::error::Error for KubeError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kube::options::tests::defaults;
    use crate::text::Position;

    #[test]
    fn yaml_that_does_not_parse_is_placed_in_its_file() {
        let e = crate::kube::patch("m.yaml", "a: [\n", &defaults()).unwrap_err();
        let KubeError::Syntax { place, .. } = &e else {
            panic!("{e:?}");
        };
        assert_eq!(place.file, std::path::Path::new("m.yaml"));
        assert!(
            matches!(place.position, Some(Position { line: 2, .. })),
            "{place}"
        );
    }

    #[test]
    fn a_bad_option_names_the_option_and_repeats_only_a_plain_word() {
        let o = PatchOptions {
            secret: "Bad_Name".into(),
            ..defaults()
        };
        assert_eq!(
            o.check(),
            Err(KubeError::BadName {
                option: "--secret",
                kind: NameKind::Secret,
                value: None,
            })
        );
        let o = PatchOptions {
            home: "relative".into(),
            ..defaults()
        };
        assert_eq!(
            o.check(),
            Err(KubeError::BadContainerPath {
                option: "--home",
                problem: PathProblem::NotAbsolute,
            })
        );
    }

    /// A token typed where a name belongs is in neither the Debug nor the Display.
    #[test]
    fn a_token_given_as_a_name_is_never_shown() {
        let token = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
        let e = crate::kube::secret_manifest(token, None, ".netrc", b"").unwrap_err();
        for shown in [format!("{e:?}"), e.to_string()] {
            assert!(!shown.contains(token), "{shown}");
        }
        let e = crate::kube::secret_manifest("ok", Some("Bad"), ".netrc", b"").unwrap_err();
        assert!(matches!(
            e,
            KubeError::BadName {
                kind: NameKind::Namespace,
                ..
            }
        ));
    }

    use super::super::PatchOptions;
}
