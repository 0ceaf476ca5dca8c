//! KubeRay: the netrc as a Secret, and the manifest patch that mounts it in every Ray pod.

mod clash;
mod edit;
mod names;
mod options;
mod patch;
mod render;
mod secret;
mod tree;

pub use options::PatchOptions;
pub use patch::patch;
pub use secret::secret_manifest;
