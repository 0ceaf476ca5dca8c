//! `scan`: credentials in URIs, reported in the chosen format.

use std::path::PathBuf;

use anyhow::{Result, anyhow};

use super::{note, warn};
use crate::Outcome;
use crate::cli::ScanArgs;
use crate::messages;
use crate::report;

pub(super) fn scan(args: &ScanArgs) -> Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let opts = crate::scan::ScanOptions {
        include_examples: args.include_examples || args.include_placeholders || args.include_local,
        max_filesize: args.max_filesize,
    };
    let walk = crate::scan::WalkOptions {
        no_ignore: args.no_ignore,
    };
    let result = crate::scan::scan_paths_with(&paths, &opts, &walk);
    messages::out(&report::render(args.format, &result.findings))?;
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
    let examples = result
        .findings
        .iter()
        .filter(|f| f.class == crate::uri::Class::Example)
        .count();
    if n > examples {
        note(format!(
            "{} credential(s) in URIs in {} file(s) scanned; `netrc-guard scrub FILE --in-place` moves them into the netrc",
            n - examples,
            result.files_scanned
        ));
    }
    if examples > 0 {
        note(format!(
            "{examples} example(s) reported because --include-examples was given"
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
