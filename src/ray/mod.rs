//! Ray's cluster launcher (`ray up`): the patch that puts the netrc on every node of a
//! cluster YAML, and the local directory it mounts.

mod mount;
mod patch;

pub use mount::{REMOTE_DIR, REMOTE_NETRC, netrc_mount};
pub use patch::patch;
