//! Ray's cluster launcher (`ray up`): the patch that puts the netrc on every node of a
//! cluster YAML, and the local directory it mounts.

mod error;
mod mount;
mod patch;

pub(crate) use error::RayError;
pub(crate) use mount::{REMOTE_DIR, REMOTE_NETRC, netrc_mount};
pub(crate) use patch::Patched;

/// Patches the cluster YAML `text` (from the file `name`); errors point into the file. A
/// byte-order mark is set aside first and kept: PyYAML skips it, so the first key is the
/// key it reads (with it, `setup_commands` went unseen and was added a second time, and Ray
/// kept only the link), and positions count from after it, as an editor's do.
pub(crate) fn patch(
    name: &str,
    text: &str,
    mount: &mount::NetrcMount,
) -> Result<Patched, RayError> {
    let Some(body) = text.strip_prefix('\u{feff}') else {
        return patch::patch(name, text, mount);
    };
    let mut patched = patch::patch(name, body, mount)?;
    patched.output.insert(0, '\u{feff}');
    Ok(patched)
}
