//! `explain`: what each netrc reader would do for one URL, and whether they agree.
//!
//! The models are the `netrc-edit` crate's, pure functions of (platform, environment, file
//! bytes, file facts, URL); what stays here is what touches the disk (`probe`) and the form
//! a write's check takes for the store (`verify::checker`).

pub mod probe;
pub mod verify;

pub use netrc_edit::readers::*;
