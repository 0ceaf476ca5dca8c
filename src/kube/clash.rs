//! What already stands where `kube patch` would write: typed, so that callers and tests can
//! tell the kinds apart, and displayed with the path in the document.

use super::options::PatchOptions;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClashKind {
    /// A volume of our name that is not our Secret.
    VolumeNotTheSecret,
    /// Our volume mounted at one of our paths, but writable.
    MountNotReadOnly,
    /// Our volume mounted at a path other than ours.
    MountedElsewhere,
    /// Something else (another volume, or a subPath of ours) mounted at the directory path.
    MountPathTaken,
    /// Something else mounted at `<home>/.netrc`.
    NetrcFileTaken,
    /// `NETRC` set to another value, or from a reference.
    NetrcSetElsewhere,
    /// The container sets `HOME` to another directory than `--home` (or from a reference),
    /// so git and curl would not look at the mounted `<home>/.netrc`.
    HomeElsewhere,
}

/// A clash at a path in a document (`file: document 1 (RayCluster c): spec...env[0]`).
/// It names only the path and the options' values, never a value from the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Clash {
    pub path: String,
    pub kind: ClashKind,
    /// Our mount path the clash is about (the directory, or `<home>/.netrc`).
    mount: String,
    opts: PatchOptions,
}

impl Clash {
    pub(super) fn new(path: &str, kind: ClashKind, mount: &str, opts: &PatchOptions) -> Clash {
        Clash {
            path: path.to_string(),
            kind,
            mount: mount.to_string(),
            opts: opts.clone(),
        }
    }
}

impl std::fmt::Display for Clash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Clash { path, mount, .. } = self;
        let o = &self.opts;
        let (volume, secret) = (&o.volume_name, &o.secret);
        match self.kind {
            ClashKind::VolumeNotTheSecret => write!(
                f,
                "{path}: a volume named {volume} already exists and is not the Secret {secret}"
            ),
            ClashKind::MountNotReadOnly => {
                write!(f, "{path}: mounts {volume} at {mount} but not read-only")
            }
            ClashKind::MountedElsewhere => write!(
                f,
                "{path}: mounts {volume} somewhere else than {} and {}",
                o.mount_path,
                o.home_netrc()
            ),
            ClashKind::MountPathTaken => {
                write!(f, "{path}: something else is mounted at {mount}")
            }
            ClashKind::NetrcFileTaken => write!(
                f,
                "{path}: something else is mounted at {mount}, where git and curl read the netrc"
            ),
            ClashKind::NetrcSetElsewhere => {
                write!(f, "{path}: NETRC is already set to something else")
            }
            ClashKind::HomeElsewhere => write!(
                f,
                "{path}: the container sets HOME to something other than {}; pass its HOME as --home",
                o.home
            ),
        }?;
        f.write_str("; nothing written")
    }
}

impl std::error::Error for Clash {}
