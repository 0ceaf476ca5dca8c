//! `scrub`: credentials out of files, into the netrc.

use anyhow::Result;

use super::{Located, note, report_save, warn};
use crate::Outcome;
use crate::cli::ScrubArgs;
use crate::messages;

pub(super) fn scrub(ctx: &Located, args: ScrubArgs) -> Result<Outcome> {
    let opts = crate::scrub::ScrubOptions {
        in_place: args.in_place,
        dry_run: args.dry_run,
        force: args.force,
        allow_quoted: args.allow_quoted,
        lang: args.lang.into(),
    };
    let report = crate::scrub::run(&args.files, &ctx.store, opts)?;
    for w in &report.warnings {
        warn(w);
    }
    for n in &report.notes {
        note(n);
    }
    for text in &report.stdout {
        messages::out(text)?;
    }
    report_save(&ctx.store, report.saved);
    note(&report.summary);
    if report.stays.is_empty() {
        return Ok(Outcome::Clean);
    }
    for s in &report.stays {
        warn(s);
    }
    warn(format!(
        "{} credential(s) remain where they are (each named above): a netrc cannot stand in for them",
        report.stays.len()
    ));
    Ok(Outcome::Findings)
}
