//! `scrub`: credentials out of files, into the netrc.

mod render;

use std::path::Path;

use anyhow::Result;

use super::{Located, note, report_save, warn};
use crate::Outcome;
use crate::cli::{ScrubArgs, ScrubFormatArg};
use crate::config::Config;
use crate::messages;
use crate::scan::baseline;
use crate::scrub::{Report, Stay};

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

/// The JSON document goes to standard output, where the scrubbed text would otherwise go.
fn refuse_json_with_text_out(args: &ScrubArgs) -> Result<()> {
    if args.format == ScrubFormatArg::Json && !args.in_place && !args.dry_run {
        anyhow::bail!(
            "--format json needs --in-place or --dry-run: without them the scrubbed text goes to standard output"
        );
    }
    Ok(())
}

pub(super) fn scrub(ctx: &Located, mut args: ScrubArgs, config: &Config) -> Result<Outcome> {
    use std::io::IsTerminal;
    refuse_json_with_text_out(&args)?;
    refuse_terminal_stdin(&args.files, std::io::stdin().is_terminal())?;
    let named = args.files.len();
    args.files
        .retain(|f| f == "-" || !config.excludes(Path::new(f)));
    if named > 0 && args.files.is_empty() {
        note(format!(
            "every file named is excluded by {}; nothing to scrub",
            config.name()
        ));
        if args.format == ScrubFormatArg::Json {
            let mut report = Report::default();
            report.summary.dry_run = args.dry_run;
            json(&report, &[], &[])?;
        }
        return Ok(Outcome::Clean);
    }
    if named > args.files.len() {
        note(format!(
            "{} excluded by {}",
            crate::text::words::counted(named - args.files.len(), "file"),
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
    // Before anything is written: a baseline that cannot be read is an error with
    // nothing changed, not one after the files are rewritten.
    let key = acceptance_key(config)?;
    let mut report = crate::scrub::run(&args.files, &ctx.store, opts).map_err(render::error)?;
    let (accepted, stays) = accepted_by(config, key.as_ref(), std::mem::take(&mut report.stays));
    match args.format {
        ScrubFormatArg::Text => {
            text(ctx, &report)?;
            text_stays(&stays, &accepted, config);
        }
        ScrubFormatArg::Json => {
            report_save(&ctx.store, report.saved);
            json(&report, &stays, &accepted)?;
        }
    }
    Ok(if stays.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// `--format text`: warnings and notes on standard error, the scrubbed texts on standard
/// output, then the summary.
fn text(ctx: &Located, report: &Report) -> Result<()> {
    for w in &report.warnings {
        warn(render::warning(w));
    }
    for file in &report.skipped {
        note(render::skipped(file));
    }
    for l in &report.left {
        note(render::left(l));
    }
    if report.summary.dry_run && report.summary.netrc.is_some() {
        for m in &report.moves {
            note(render::would_move(m));
        }
    }
    for text in &report.stdout {
        messages::out(text)?;
    }
    report_save(&ctx.store, report.saved);
    note(render::summary(&report.summary));
    Ok(())
}

/// The credentials that stay: those the configuration accepts as notes, the rest as
/// warnings (they make the exit status 1).
fn text_stays(stays: &[Stay], accepted: &[Stay], config: &Config) {
    for s in accepted {
        note(format!(
            "{}; accepted by {}",
            render::stay(s),
            config.name()
        ));
    }
    if stays.is_empty() {
        return;
    }
    for s in stays {
        warn(render::stay(s));
    }
    warn(if stays.len() == 1 {
        "1 credential remains where it is (named above): a netrc cannot stand in for it".to_string()
    } else {
        format!(
            "{} credentials remain where they are (each named above): a netrc cannot stand in for them",
            stays.len()
        )
    });
}

/// `--format json`: one document on standard output.
fn json(report: &Report, stays: &[Stay], accepted: &[Stay]) -> Result<()> {
    let document = render::Document::new(report, stays, accepted);
    let mut text =
        serde_json::to_string_pretty(&document).expect("a scrub report always serialises");
    text.push('\n');
    messages::out(&text)
}

/// The key accepted fingerprints are made with: the configured baseline's (config checks
/// it is set when there are fingerprints), `None` when nothing is accepted by fingerprint.
fn acceptance_key(config: &Config) -> Result<Option<baseline::Key>> {
    match (&config.baseline, config.accept.fingerprints.is_empty()) {
        (Some(path), false) => Ok(Some(baseline::load(path)?.key)),
        _ => Ok(None),
    }
}

/// The credentials that stay, split into those the configuration accepts and the rest.
fn accepted_by(
    config: &Config,
    key: Option<&baseline::Key>,
    stays: Vec<Stay>,
) -> (Vec<Stay>, Vec<Stay>) {
    if config.accept.is_empty() || stays.is_empty() {
        return (Vec::new(), stays);
    }
    stays.into_iter().partition(|s| {
        config.accept.accepts(&s.scheme, &s.host, || {
            key.map_or_else(String::new, |k| {
                k.fingerprint_of(&s.path, &s.scheme, &s.host, &s.credential)
            })
        })
    })
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
