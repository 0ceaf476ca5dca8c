//! `scan`: credentials in URIs, reported in the chosen format.

use std::path::PathBuf;

use anyhow::{Result, anyhow};

use super::{note, warn};
use crate::Outcome;
use crate::cli::ScanArgs;
use crate::messages;
use crate::report;
use crate::scan::{ScanResult, baseline, history};
use crate::style::Style;

/// `-` is standard input; a file of that name beside it (pre-commit passes a staged `-` as
/// `-`) would go unread, its credentials unreported: which was meant is not guessed.
fn refuse_ambiguous_dash(args: &ScanArgs) -> Result<()> {
    if args.git.is_none()
        && args.paths.iter().any(|p| p.as_os_str() == "-")
        && std::fs::symlink_metadata("-").is_ok()
    {
        anyhow::bail!(
            "`-` is standard input, and a file named `-` is here too: name the file `./-`, or pipe to `netrc-guard scan` from another directory"
        );
    }
    Ok(())
}

pub(super) fn scan(args: &ScanArgs, style: Style) -> Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    refuse_ambiguous_dash(args)?;
    let opts = crate::scan::ScanOptions {
        include_examples: args.include_examples || args.include_placeholders || args.include_local,
        max_filesize: args.max_filesize,
    };
    let walk = crate::scan::WalkOptions {
        no_ignore: args.no_ignore,
    };
    // A malformed baseline is an error before any work.
    let baseline = args.baseline.as_deref().map(baseline::load).transpose()?;
    let mut result = match &args.git {
        Some(range) => history::scan_history(
            &history::HistoryScope {
                range: Some(range.clone()),
                pathspecs: args.paths.clone(),
            },
            &opts,
        )?,
        None => {
            let counters = crate::scan::Progress::default();
            super::progress::with_progress(messages::stderr_is_terminal(), &counters, || {
                crate::scan::scan_paths_with(&paths, &opts, &walk, &counters)
            })
        }
    };
    if let Some(file) = &args.write_baseline {
        return write_baseline(file, &result);
    }
    let known = match baseline {
        Some(b) => {
            let (fresh, known) = b.new_findings(std::mem::take(&mut result.findings));
            result.findings = fresh;
            known
        }
        None => 0,
    };
    messages::out(&report::render_styled(args.format, &result.findings, style))?;
    if known > 0 {
        note(format!(
            "{known} finding(s) recorded in the baseline not shown"
        ));
    }
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
    let read = if args.git.is_some() {
        "commit(s) read"
    } else {
        "file(s) scanned"
    };
    let n = summarise(&result, read);
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

/// The closing notes: how many credentials, what to do about them (one note per advice),
/// how many examples. Returns the number of findings.
fn summarise(result: &ScanResult, read: &str) -> usize {
    let n = result.findings.len();
    let examples = result
        .findings
        .iter()
        .filter(|f| f.class == crate::uri::Class::Example)
        .count();
    if n > examples {
        note(format!(
            "{} credential(s) in {} {read}",
            n - examples,
            result.files_scanned
        ));
        for (count, advice) in report::advice::summary(&result.findings) {
            note(format!("{count} of them: {advice}"));
        }
    }
    if examples > 0 {
        note(format!(
            "{examples} example(s) reported because --include-examples was given"
        ));
    }
    n
}

/// `--write-baseline`: every finding recorded, none reported; a scan that could not read
/// everything writes nothing.
fn write_baseline(file: &std::path::Path, result: &ScanResult) -> Result<Outcome> {
    for e in &result.errors {
        messages::diagnostic(format!("netrc-guard: error: {e}"));
    }
    if !result.errors.is_empty() {
        return Err(anyhow!(
            "{} file(s) could not be scanned; the baseline was not written",
            result.errors.len()
        ));
    }
    let entries = baseline::write(file, &result.findings)?;
    note(format!(
        "{}: {entries} finding(s) recorded as the baseline",
        file.display()
    ));
    Ok(Outcome::Clean)
}
