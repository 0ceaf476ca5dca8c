//! KubeRay: the netrc as a Secret, and the manifest patch that mounts it in every Ray pod.

mod clash;
mod names;
mod options;
mod patch;
mod secret;

pub use options::PatchOptions;
pub use patch::patch;
pub use secret::secret_manifest;
