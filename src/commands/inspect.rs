//! `check`, `fix`, `path`: the netrc file itself.

use anyhow::Result;
use serde::Serialize;

use super::{Located, note};
use crate::Outcome;
use crate::messages;
use crate::netrc::lint::{self, Severity};
use crate::readers::{self, FileState, probe};
use crate::store;
use crate::style::{Style, visible};

pub(super) fn check(ctx: &Located, json: bool, style: Style) -> Result<Outcome> {
    let store = &ctx.store;
    let mut problems = store.problems()?;
    // What the reader models make of the file, so that check and explain cannot disagree.
    if let FileState::Regular { bytes, .. } = probe::probe(store.path()) {
        let models = readers::check::problems(&bytes, ctx.platform);
        problems.extend(models.problems);
        if models.not_compared > 0 {
            note(format!(
                "{}: the readers were compared for the first {} machines named in it, not the other {}",
                store.display(),
                readers::check::MAX_COMPARED,
                models.not_compared
            ));
        }
    }
    if let Some(sibling) = ctx.shadowing_sibling() {
        let dir = sibling
            .parent()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        problems.push(lint::both_windows_files(&dir));
    }
    if json {
        messages::out_line(&serde_json::to_string_pretty(&problems)?)?;
    } else {
        for p in &problems {
            let at = super::problem_place(store, p);
            let severity = match p.severity {
                Severity::Error => style.error("error"),
                Severity::Warning => style.warning("warning"),
                Severity::Note => style.note("note"),
            };
            let at = style.position(&visible(&at.to_string()));
            messages::out_line(&format!(
                "{at}: {severity}[{}]: {}; fix: {}",
                p.rule.code(),
                visible(&p.message),
                visible(&p.fix)
            ))?;
        }
        if problems.is_empty() {
            note(format!("{}: no problems", store.display()));
        }
    }
    Ok(if problems.iter().all(|p| p.severity == Severity::Note) {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

pub(super) fn fix(ctx: &Located) -> Result<Outcome> {
    let store = &ctx.store;
    let _lock = store.lock()?;
    match store.tighten()? {
        Some(old) => note(format!(
            "{}: mode changed from {old:04o} to 0600",
            store.display()
        )),
        None => note(format!(
            "{}: mode is already private; nothing changed",
            store.display()
        )),
    }
    Ok(Outcome::Clean)
}

#[derive(Serialize)]
struct PathReport {
    path: String,
    source: store::Source,
    exists: bool,
}

pub(super) fn path(ctx: &Located, json: bool) -> Result<Outcome> {
    let loc = &ctx.store.location;
    let report = PathReport {
        path: loc.path.display().to_string(),
        source: loc.source,
        exists: loc.path.exists(),
    };
    if json {
        messages::out_line(&serde_json::to_string(&report)?)?;
    } else {
        let why = match loc.source {
            store::Source::Flag => "from --file",
            store::Source::Env => "from NETRC",
            store::Source::Default => "the default for this platform",
        };
        let exists = if report.exists {
            ""
        } else {
            ", does not exist yet"
        };
        messages::out_line(&format!("{} ({why}{exists})", visible(&report.path)))?;
    }
    Ok(Outcome::Clean)
}
