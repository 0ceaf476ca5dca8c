//! `scrub`: credentials out of files, into the netrc.

use anyhow::Result;

use super::Located;
use crate::Outcome;
use crate::cli::ScrubArgs;

pub(super) fn scrub(ctx: &Located, args: ScrubArgs) -> Result<Outcome> {
    let opts = crate::scrub::ScrubOptions {
        in_place: args.in_place,
        dry_run: args.dry_run,
        force: args.force,
        allow_quoted: args.allow_quoted,
        lang: args.lang.into(),
    };
    crate::scrub::run(&args.files, &ctx.store, opts)
}
