//! KubeRay: the netrc as a Secret, and the manifest patch that mounts it in every Ray pod.

mod clash;
mod error;
mod names;
mod options;
mod outcome;
mod patch;
mod secret;

pub(crate) use error::KubeError;
pub(crate) use options::PatchOptions;
pub(crate) use outcome::{Dropped, PatchNote, SkipReason, Skipped};
pub(crate) use patch::Patched;

/// Patches every KubeRay document in `text` (from the file `name`). A byte-order mark is set
/// aside first and kept: kubectl's YAML reader skips it, and with it the first key
/// (`apiVersion`) went unseen, so a RayJob was passed over as not KubeRay's.
pub(crate) fn patch(name: &str, text: &str, opts: &PatchOptions) -> Result<Patched, KubeError> {
    let Some(body) = text.strip_prefix('\u{feff}') else {
        return patch::patch(name, text, opts);
    };
    let mut patched = patch::patch(name, body, opts)?;
    patched.output.insert(0, '\u{feff}');
    Ok(patched)
}
pub(crate) use secret::secret_manifest;
