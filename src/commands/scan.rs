//! `scan`: credentials in URIs, reported in the chosen format.

use std::path::PathBuf;

use anyhow::{Result, anyhow};

use super::{note, warn};
use crate::Outcome;
use crate::cli::ScanArgs;
use crate::messages;
use crate::report;
use crate::style::Style;

pub(super) fn scan(args: &ScanArgs, style: Style) -> Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let opts = crate::scan::ScanOptions {
        include_placeholders: args.include_placeholders,
        include_local: args.include_local,
        max_filesize: args.max_filesize,
    };
    let counters = crate::scan::Progress::default();
    let result = super::progress::with_progress(messages::stderr_is_terminal(), &counters, || {
        crate::scan::scan_paths_counted(&paths, &opts, &counters)
    });
    messages::out(&report::render_styled(args.format, &result.findings, style))?;
    for (path, size) in &result.skipped_large {
        warn(format!(
            "{path}: skipped, {size} bytes is over the --max-filesize limit of {}",
            args.max_filesize
        ));
    }
    for (path, kind) in &result.skipped_special {
        note(format!("{path}: skipped, {kind} is not a regular file"));
    }
    if result.skipped_binary > 0 {
        note(format!("skipped {} binary file(s)", result.skipped_binary));
    }
    for e in &result.errors {
        messages::diagnostic(format!("netrc-guard: error: {e}"));
    }
    let n = result.findings.len();
    if n > 0 {
        note(format!(
            "{n} credential(s) in URIs in {} file(s) scanned; `netrc-guard scrub FILE --in-place` moves them into the netrc",
            result.files_scanned
        ));
    }
    if !result.errors.is_empty() {
        return Err(anyhow!(
            "{} file(s) could not be scanned",
            result.errors.len()
        ));
    }
    Ok(if n > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
