//! `scan`: credentials in URIs, reported in the chosen format.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

use super::{note, warn};
use crate::Outcome;
use crate::cli::ScanArgs;
use crate::config::Config;
use crate::messages;
use crate::report;
use crate::scan::{Located, ScanResult, baseline, history};
use crate::style::Style;
use crate::uri::Confidence;

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

/// The lowest confidence reported: --min-confidence, else low with --include-examples (or
/// its old names), else medium.
fn min_confidence(args: &ScanArgs) -> Confidence {
    let include_examples = args.include_examples || args.include_placeholders || args.include_local;
    args.min_confidence.map_or(
        if include_examples {
            Confidence::Low
        } else {
            Confidence::Medium
        },
        Into::into,
    )
}

pub(super) fn scan(args: &ScanArgs, config: &Config, style: Style) -> Result<Outcome> {
    let Some(paths) = paths_to_read(args, config) else {
        return Ok(Outcome::Clean);
    };
    refuse_ambiguous_dash(args)?;
    let min_confidence = min_confidence(args);
    let opts = crate::scan::ScanOptions {
        include_examples: min_confidence == Confidence::Low,
        max_filesize: args.max_filesize,
    };
    let walk = crate::scan::WalkOptions {
        no_ignore: args.no_ignore,
    };
    // A malformed baseline is an error before any work. The configuration's is read unless
    // one is named, or a new one is being written.
    let baseline_path = match (&args.baseline, &args.write_baseline) {
        (Some(named), _) => Some(named.clone()),
        (None, None) => config.baseline.clone(),
        (None, Some(_)) => None,
    };
    let baseline = baseline_path.as_deref().map(baseline::load).transpose()?;
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
    crate::scan::keep_at_least(&mut result.findings, min_confidence);
    let excluded = leave_out(&mut result.findings, |f| {
        config.excludes(Path::new(&f.path))
    });
    if let Some(file) = &args.write_baseline {
        return write_baseline(file, &result);
    }
    let known = match &baseline {
        Some(b) => {
            let (fresh, known) = b.new_findings(std::mem::take(&mut result.findings));
            result.findings = fresh;
            known
        }
        None => 0,
    };
    let accepted = leave_out(&mut result.findings, |f| {
        config.accept.accepts(&f.scheme, &f.host, || {
            baseline.as_ref().map_or_else(String::new, |b| {
                b.key.fingerprints(std::slice::from_ref(f)).remove(0)
            })
        })
    });
    messages::out(&report::render_styled(
        args.format.into(),
        &result.findings,
        style,
    ))?;
    tell_skipped(args, &result, known, excluded + accepted, config);
    for e in &result.errors {
        messages::diagnostic(format!("netrc-guard: error: {e}"));
    }
    let read = if args.git.is_some() {
        ("commit", "read")
    } else {
        ("file", "scanned")
    };
    let n = summarise(&result, read);
    if !result.errors.is_empty() {
        return Err(anyhow!(
            "{} could not be scanned",
            crate::text::words::counted(result.errors.len(), "file")
        ));
    }
    Ok(if n > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// What was not shown, and why: known, excluded or accepted findings, skipped files.
fn tell_skipped(
    args: &ScanArgs,
    result: &ScanResult,
    known: usize,
    hidden: usize,
    config: &Config,
) {
    if known > 0 {
        note(format!(
            "{} recorded in the baseline not shown",
            crate::text::words::counted(known, "finding")
        ));
    }
    if hidden > 0 {
        note(format!(
            "{} excluded or accepted by {} not shown",
            crate::text::words::counted(hidden, "finding"),
            config.name()
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
        note(format!(
            "skipped {}",
            crate::text::words::counted(result.skipped_binary, "binary file")
        ));
    }
}

/// The paths to scan (`.` when none is named), without the named files the configuration
/// excludes: those are not read at all (a hook names every staged file). `None` when every
/// file named is excluded. In walked directories, excluded files' findings are left out
/// after the scan.
fn paths_to_read(args: &ScanArgs, config: &Config) -> Option<Vec<PathBuf>> {
    if args.paths.is_empty() {
        return Some(vec![PathBuf::from(".")]);
    }
    let named: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| args.git.is_some() || p.as_os_str() == "-" || !config.excludes(p))
        .cloned()
        .collect();
    if named.len() < args.paths.len() {
        note(format!(
            "{} excluded by {}",
            crate::text::words::counted(args.paths.len() - named.len(), "named file"),
            config.name()
        ));
    }
    (!named.is_empty()).then_some(named)
}

/// Removes the findings `out` picks; how many went.
fn leave_out(findings: &mut Vec<Located>, out: impl Fn(&Located) -> bool) -> usize {
    let before = findings.len();
    findings.retain(|f| !out(f));
    before - findings.len()
}

/// The closing notes: how many credentials, what to do about them (one note per advice),
/// how many examples. Returns the number of findings.
fn summarise(result: &ScanResult, (unit, read): (&str, &str)) -> usize {
    let n = result.findings.len();
    let examples = result
        .findings
        .iter()
        .filter(|f| f.class == crate::uri::Class::Example)
        .count();
    if n > examples {
        note(format!(
            "{} in {} {read}",
            crate::text::words::counted(n - examples, "credential"),
            crate::text::words::counted(result.files_scanned, unit)
        ));
        for (count, advice) in report::advice::summary(&result.findings) {
            note(report::advice::summary_line(count, &advice));
        }
    }
    if examples > 0 {
        note(format!(
            "{} reported because --include-examples was given",
            crate::text::words::counted(examples, "example")
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
            "{} could not be scanned; the baseline was not written",
            crate::text::words::counted(result.errors.len(), "file")
        ));
    }
    let entries = baseline::write(file, &result.findings)?;
    note(format!(
        "{}: {} recorded as the baseline",
        file.display(),
        crate::text::words::counted(entries, "finding")
    ));
    Ok(Outcome::Clean)
}
