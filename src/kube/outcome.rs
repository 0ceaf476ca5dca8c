//! What `kube patch` tells besides the patched text: documents it left alone, fields the
//! API server would drop, and what the user should know about what it added. Typed, so
//! `commands/kube.rs` words them (the library says what happened, not how to say it).

/// A document left alone, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Skipped {
    /// `document N (Kind name)`, the name shown only when it is not token-shaped.
    pub document: String,
    pub why: SkipReason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SkipReason {
    /// Not a KubeRay RayCluster, RayJob, RayService or RayCronJob.
    NotKubeRay,
    /// A RayJob with `spec.clusterSelector`: it runs on an existing RayCluster.
    RunsOnExistingCluster,
    /// The kind's cluster spec (`spec.rayClusterSpec`, ...) is absent: no pods to patch.
    NoClusterSpec { path: String },
}

/// A field the API server drops: `containers` or `volumes` directly under a group spec
/// instead of under its `template.spec` (the patch goes to `template.spec`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dropped {
    /// The group spec, as `file: document N (...): spec...headGroupSpec`.
    pub group: String,
    pub field: &'static str,
}

/// What the user should know about what was added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PatchNote {
    /// `<home>/.netrc` is a subPath mount: a copy made when a pod starts, which does not
    /// follow updates of the Secret (the directory NETRC points into does).
    SubPathCopy {
        home_netrc: String,
        mount_path: String,
    },
}
