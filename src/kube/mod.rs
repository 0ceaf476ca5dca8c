//! KubeRay: the netrc as a Secret, and the manifest patch that mounts it in every Ray pod.

mod clash;
mod edit;
mod names;
mod options;
mod patch;
mod render;
mod secret;
mod tree;

pub use clash::{Clash, ClashKind};
pub use options::PatchOptions;
pub use patch::{Patched, patch};
pub use secret::secret_manifest;
