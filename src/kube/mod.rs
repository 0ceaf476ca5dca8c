//! KubeRay: the netrc as a Secret, and the manifest patch that mounts it in every Ray pod.

mod names;
mod patch;
mod render;
mod secret;
mod tree;

pub use patch::{Clash, ClashKind, PatchOptions, Patched, patch};
pub use secret::secret_manifest;
