//! `scrub`: credentials out of files, into the netrc.

use std::path::Path;

use anyhow::Result;

use super::{Located, note, report_save, warn};
use crate::Outcome;
use crate::cli::ScrubArgs;
use crate::config::Config;
use crate::messages;
use crate::scan::baseline;
use crate::scrub::Stay;

/// `scrub` with nothing named reads standard input; on a terminal that would wait, silent,
/// for text nobody meant to type. Asked for by name (`scrub -`), it reads.
fn refuse_terminal_stdin(files: &[String], stdin_is_terminal: bool) -> Result<()> {
    if files.is_empty() && stdin_is_terminal {
        anyhow::bail!(
            "no files named, and standard input is a terminal: name the files (`netrc-guard scrub runtime_env.json --dry-run`), or pipe text in (`cat env.yaml | netrc-guard scrub --lang yaml`); `netrc-guard scrub -` reads what you type"
        );
    }
    Ok(())
}

pub(super) fn scrub(ctx: &Located, mut args: ScrubArgs, config: &Config) -> Result<Outcome> {
    use std::io::IsTerminal;
    refuse_terminal_stdin(&args.files, std::io::stdin().is_terminal())?;
    let named = args.files.len();
    args.files
        .retain(|f| f == "-" || !config.excludes(Path::new(f)));
    if named > 0 && args.files.is_empty() {
        note(format!(
            "every file named is excluded by {}; nothing to scrub",
            config.name()
        ));
        return Ok(Outcome::Clean);
    }
    if named > args.files.len() {
        note(format!(
            "{} file(s) excluded by {}",
            named - args.files.len(),
            config.name()
        ));
    }
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
    let (accepted, stays) = accepted_by(config, report.stays)?;
    if !accepted.is_empty() {
        for s in &accepted {
            note(format!("{s}; accepted by {}", config.name()));
        }
    }
    if stays.is_empty() {
        return Ok(Outcome::Clean);
    }
    for s in &stays {
        warn(s);
    }
    warn(format!(
        "{} credential(s) remain where they are (each named above): a netrc cannot stand in for them",
        stays.len()
    ));
    Ok(Outcome::Findings)
}

/// The credentials that stay, split into those the configuration accepts and the rest.
fn accepted_by(config: &Config, stays: Vec<Stay>) -> Result<(Vec<Stay>, Vec<Stay>)> {
    if config.accept.is_empty() || stays.is_empty() {
        return Ok((Vec::new(), stays));
    }
    // Fingerprints are keyed by the configured baseline's salt (config checks it is set).
    let key = match (&config.baseline, config.accept.fingerprints.is_empty()) {
        (Some(path), false) => Some(baseline::load(path)?.key),
        _ => None,
    };
    Ok(stays.into_iter().partition(|s| {
        config.accept.accepts(&s.scheme, &s.host, || {
            key.as_ref().map_or_else(String::new, |k| {
                k.fingerprint_of(&s.path, &s.scheme, &s.host, &s.credential)
            })
        })
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_is_read_only_when_asked_for() {
        assert!(refuse_terminal_stdin(&[], true).is_err());
        assert!(refuse_terminal_stdin(&[], false).is_ok());
        assert!(refuse_terminal_stdin(&["-".into()], true).is_ok());
        assert!(refuse_terminal_stdin(&["a.json".into()], true).is_ok());
    }
}
