//! A string that must never be printed by accident: [`Secret`], from the `netrc-edit` crate,
//! where credential values are born.

pub use netrc_edit::Secret;
