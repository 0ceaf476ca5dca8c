//! The one place scrub's outcomes and errors become words (`--format text`) or a JSON
//! document (`--format json`). The library returns values; nothing else words them.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::netrc::value::{Accepted, QUOTE_BREAKS};
use crate::scrub::outcome::{Field, Hosts};
use crate::scrub::{
    Left, LeftReason, Move, Report, ScrubError, Stay, StayReason, Summary, Unmovable, Warning,
};
use crate::text::Place;
use crate::text::words::{counted, with_article};

fn field_name(field: Field) -> &'static str {
    match field {
        Field::Login => "user name",
        Field::Password => "password",
    }
}

pub(super) fn warning(w: &Warning) -> String {
    match w {
        Warning::Empty { place, field } => format!(
            "{place}: the empty {} is written as \"\" so that curl and requests send what the URI sent; {QUOTE_BREAKS} read it as two quote characters",
            field_name(*field)
        ),
        Warning::Quoted {
            place,
            field,
            because,
        } => {
            let said = Accepted::Quoted(*because).warning(field_name(*field));
            format!("{place}: {}", said.unwrap_or_default())
        }
        Warning::PythonName {
            place,
            host,
            python_host,
        } => format!(
            "{place}: filed under {host}, the name curl and git look up; Python requests (Ray, pip) looks up {python_host} as written and will not find this entry"
        ),
    }
}

pub(super) fn left(l: &Left) -> String {
    let place = &l.place;
    match l.why {
        LeftReason::Placeholder => format!("{place}: a placeholder, left in place"),
        LeftReason::Allowed => format!("{place}: marked `netrc-guard: allow`, left in place"),
    }
}

pub(super) fn skipped(file: &Place) -> String {
    format!("{file}: not UTF-8 text and holds no URI; left alone")
}

pub(super) fn would_move(m: &Move) -> String {
    format!("{}: would move the credential for {}", m.place, m.host)
}

pub(super) fn stay(s: &Stay) -> String {
    let place = &s.place;
    match s.why {
        StayReason::NoNetrcReader { where_it_belongs } => format!(
            "{place}: {} credential stays where it is: {where_it_belongs}",
            with_article(&s.written_scheme)
        ),
        StayReason::FilledAtRunTime => format!(
            "{place}: part of this credential is filled in when the program runs (a variable, format field or template); it stays where it is, since a netrc holds literal values only"
        ),
    }
}

/// The summary line: what moved, or would, or that nothing did.
pub(super) fn summary(s: &Summary) -> String {
    let netrc = s.netrc.as_deref().unwrap_or_default();
    let (moved, removed) = if s.dry_run {
        ("would move", "would remove")
    } else {
        ("moved", "removed")
    };
    let mut parts = Vec::new();
    if s.moved.credentials > 0 {
        parts.push(format!(
            "{moved} {} for {} into {netrc}",
            counted(s.moved.credentials, "credential"),
            some_hosts(&s.moved)
        ));
    }
    if s.already_there.credentials > 0 {
        parts.push(format!(
            "{removed} {} for {} already in {netrc}",
            counted(s.already_there.credentials, "credential"),
            some_hosts(&s.already_there)
        ));
    }
    if parts.is_empty() {
        return "no credentials to move".into();
    }
    let mut text = parts.join("; ");
    if s.dry_run {
        text.push_str("; nothing written (dry run)");
    }
    text
}

/// The first few hosts by name, and how many more: a summary stays one readable line.
fn some_hosts(hosts: &Hosts) -> String {
    const SHOWN: usize = 5;
    let names: BTreeSet<&str> = hosts.hosts.iter().map(String::as_str).collect();
    let total = names.len();
    let mut text = names.into_iter().take(SHOWN).collect::<Vec<_>>().join(", ");
    if total > SHOWN {
        text.push_str(&format!(" and {} more", counted(total - SHOWN, "host")));
    }
    text
}

/// The ways out of two credentials for one host.
const KEEP_ONE: &str = "to keep one: take the other out of its file by hand (or, where the file has comments, mark its line `netrc-guard: allow` to leave it in place), then scrub again";

fn unmovable(why: Unmovable) -> &'static str {
    match why {
        Unmovable::Written(why) => why,
        Unmovable::Undecodable => {
            "the percent-encoded user name or password is not UTF-8 text, which a netrc cannot hold; nothing changed"
        }
        Unmovable::NoMachine => {
            "the URI's host cannot be made a netrc machine name (it is not a host name, it is a template, or text runs on after it), so its credential has no entry to go to; nothing changed"
        }
    }
}

/// scrub's error, worded; an error from another layer keeps its own words and chain.
pub(super) fn error(e: ScrubError) -> anyhow::Error {
    let text = match e {
        ScrubError::InPlaceStdin => {
            "--in-place needs files; standard input can only be scrubbed to standard output".into()
        }
        ScrubError::SeveralNeedInPlace => "several files need --in-place (or --dry-run); without it the scrubbed text goes to standard output".into(),
        ScrubError::StdinUnreadable(e) => {
            return anyhow::Error::new(e).context("<stdin>: cannot read (is it UTF-8 text?)");
        }
        ScrubError::IsTheNetrc { source, netrc } => format!(
            "{source}: this is the netrc ({netrc}) itself; scrub moves credentials out of other files into it. Nothing changed"
        ),
        ScrubError::Language { place, message } => format!("{place}: {message}"),
        ScrubError::CannotMove { place, why } => format!("{place}: {}", unmovable(why)),
        ScrubError::Keyword { place, field } => format!(
            "{place}: the {} is a netrc keyword, which curl reads as that keyword when it looks up other hosts, quoted or not, so no netrc can hold it safely; nothing changed",
            field_name(field)
        ),
        ScrubError::Refused {
            place,
            field,
            refused,
        } => format!("{place}: {}", refused.message(field_name(field))),
        ScrubError::TwoCredentials {
            first,
            second,
            host,
        } => format!(
            "{first} and {second}: two different credentials for {host}; a netrc holds one per host; nothing changed\n  {KEEP_ONE}"
        ),
        ScrubError::Conflict { netrc, host, from } => {
            let from = from.map(|p| p.to_string()).unwrap_or_default();
            format!(
                "{netrc}: {host} already has other credentials than those at {from}; nothing changed\n  \
                 to replace them with the file's: scrub again with --force\n  \
                 to keep the netrc's: take the credential out of the file by hand (or, where the file has comments, mark its line `netrc-guard: allow` to leave it in place), then scrub again"
            )
        }
        ScrubError::NotRewritten {
            netrc,
            source,
            cause,
        } => {
            return anyhow::Error::from_boxed(cause).context(format!(
                "the credentials are saved in {netrc} but still in {source} too (it was not rewritten)"
            ));
        }
        ScrubError::Other(cause) => return anyhow::Error::from_boxed(cause),
    };
    anyhow::Error::msg(text)
}

/// `scrub --format json`: what happened, never a value. The stays a configuration accepts
/// are listed apart from those that make the run fail.
#[derive(Serialize)]
pub(super) struct Document<'a> {
    pub moves: &'a [Move],
    pub left: &'a [Left],
    #[serde(serialize_with = "files")]
    pub skipped: &'a [Place],
    pub stays: &'a [Stay],
    pub accepted: &'a [Stay],
    pub warnings: &'a [Warning],
    pub summary: &'a Summary,
}

impl<'a> Document<'a> {
    pub(super) fn new(report: &'a Report, stays: &'a [Stay], accepted: &'a [Stay]) -> Self {
        Document {
            moves: &report.moves,
            left: &report.left,
            skipped: &report.skipped,
            stays,
            accepted,
            warnings: &report.warnings,
            summary: &report.summary,
        }
    }
}

fn files<S: serde::Serializer>(files: &&[Place], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(files.iter().map(|f| f.file.to_string_lossy()))
}
