//! `scrub`: move credentials out of URIs in source files and into the netrc.
//!
//! The transaction: plan every file (find, remove, verify) before anything is written; then
//! save the netrc under its lock; only then rewrite the sources. Any error before the netrc
//! is saved leaves everything as it was; an error after it leaves the credentials in both
//! places, never in neither.

mod collide;
pub mod error;
mod guard;
mod hosts;
mod json;
mod keyed;
pub mod lang;
mod literal;
pub mod outcome;
mod python;
mod runtime;
mod site;
mod stay;
mod summary;
mod yaml;

use std::ops::Range;
use std::path::{Path, PathBuf};

pub use error::{ScrubError, Unmovable};
pub use lang::Lang;
pub use outcome::{Left, LeftReason, Move, Report, Stay, StayReason, Summary, Warning};

use crate::netrc::{Credentials, Document, Target, UpsertError};
use crate::readers::verify::{self, Held};
use crate::scan::LineCursor;
use crate::schemes::{Home, home_of};
use crate::store::{self, Store};
use crate::text::{Diagnostic, Place};

#[derive(Debug, Clone, Copy, Default)]
pub struct ScrubOptions {
    pub in_place: bool,
    pub dry_run: bool,
    pub force: bool,
    pub allow_quoted: bool,
    pub lang: Option<Lang>,
}

/// One input: a file or standard input.
pub struct Source {
    /// How messages name it: the path, or `<stdin>`.
    pub name: String,
    pub path: Option<PathBuf>,
    pub text: String,
}

/// The text holds credentials: `Debug` shows the name and size only.
impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("name", &self.name)
            .field("bytes", &self.text.len())
            .finish()
    }
}

/// An error from another layer, passed through as it came.
fn other(e: impl Into<error::Cause>) -> ScrubError {
    ScrubError::Other(e.into())
}

impl Source {
    pub fn read(arg: &str) -> Result<Source, ScrubError> {
        if arg == "-" {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .map_err(ScrubError::StdinUnreadable)?;
            return Ok(Source {
                name: "<stdin>".into(),
                path: None,
                text,
            });
        }
        let path = PathBuf::from(arg);
        let bytes = store::read_regular(&path).map_err(other)?;
        let text = store::utf8_text(arg, bytes).map_err(other)?;
        Ok(Source {
            name: arg.to_string(),
            path: Some(path),
            text,
        })
    }
}

/// What scrubbing one text does.
pub struct Scrubbed {
    /// The text without the moved credentials' `user:password@`, checked.
    pub output: String,
    /// The source bytes removed, in order: each a `user:password@`.
    pub removed: Vec<Range<usize>>,
    pub moves: Vec<Move>,
    /// Credentials left in place on purpose (placeholders, allowed lines).
    pub left: Vec<Left>,
    /// Credentials whose client never reads a netrc, or filled in at run time: not moved.
    pub stays: Vec<Stay>,
}

/// The output may still hold credentials (placeholders, allowed lines): `Debug` shows sizes.
impl std::fmt::Debug for Scrubbed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scrubbed")
            .field("output_bytes", &self.output.len())
            .field("removed", &self.removed)
            .field("moves", &self.moves)
            .field("left", &self.left)
            .finish()
    }
}

/// A source and what scrubbing it does.
struct Planned {
    source: Source,
    scrubbed: Scrubbed,
}

/// The netrc entry that makes a scrubbed URI authenticate as the original did, for both
/// curl and requests: the login and the password exactly as the URI gives them, an absent
/// one as empty. `https://TOKEN@host` becomes `login TOKEN password ""` and
/// `redis://:pw@host` becomes `login "" password pw`: an entry that leaves a field out
/// instead makes curl 7.88 send an empty login whenever another entry follows it.
fn credentials_of(f: &crate::uri::Finding) -> Credentials {
    Credentials {
        login: Some(f.user.expose().to_string()),
        password: Some(f.password.clone().unwrap_or_default()),
        account: None,
    }
}

/// Why a credential that would otherwise move cannot, if it cannot.
fn unmovable(c: &site::Candidate) -> Option<Unmovable> {
    let f = &c.finding;
    if let Some(problem) = c.problem {
        Some(Unmovable::Written(problem))
    } else if f.undecodable {
        Some(Unmovable::Undecodable)
    } else if f.machine.is_none() {
        Some(Unmovable::NoMachine)
    } else {
        None
    }
}

fn plan(source: Source, opts: &ScrubOptions) -> Result<Planned, ScrubError> {
    let lang = opts.lang.unwrap_or_else(|| {
        Lang::from_name(
            source.path.as_ref().map(|_| source.name.as_str()),
            &source.text,
        )
    });
    let scrubbed = scrub_text(&source.name, &source.text, lang)?;
    Ok(Planned { source, scrubbed })
}

/// Whether `text` may hold a URI: a `://`, JSON's `:\/\/`, or an escape that may spell a `:`
/// or a `/` (`\u003a`, `\x3a`, `\072`, `\N{COLON}`).
fn may_spell_a_uri(text: &[u8]) -> bool {
    memchr::memmem::find(text, b"://").is_some()
        || memchr::memmem::find(text, b":\\/\\/").is_some()
        || memchr::memchr_iter(b'\\', text).any(|i| {
            text.get(i + 1)
                .is_some_and(|b| matches!(b, b'x' | b'u' | b'U' | b'N' | b'0'..=b'7'))
        })
}

/// A language's error, at its place in the file `name`.
fn in_file(name: &str, d: Diagnostic) -> ScrubError {
    ScrubError::Language {
        place: Place::at(name, d.position),
        message: d.message,
    }
}

/// Scrubs `text` (named `name` in messages) as `lang`: finds its credentials, leaves the
/// placeholders and those on `netrc-guard: allow` lines, refuses (with `name:line:col`)
/// one it cannot move exactly, removes the rest and checks the result.
pub fn scrub_text(name: &str, text: &str, lang: Lang) -> Result<Scrubbed, ScrubError> {
    // No URI at all: nothing to remove, and nothing to parse, so a hook can pass over files
    // in dialects the parsers reject (JSON with comments).
    let bytes = text.as_bytes();
    if !may_spell_a_uri(bytes) {
        return Ok(Scrubbed {
            output: text.to_string(),
            removed: Vec::new(),
            moves: Vec::new(),
            left: Vec::new(),
            stays: Vec::new(),
        });
    }
    let mut candidates = lang::candidates(lang, text).map_err(|d| in_file(name, d))?;
    candidates.sort_by_key(|c| c.at);

    // Positions and the allow marker in one pass over the text (candidates are in order).
    let mut cursor = LineCursor::new(bytes);
    let mut removed = Vec::new();
    let mut moves = Vec::new();
    let mut left = Vec::new();
    let mut stays = Vec::new();
    for c in &candidates {
        let place = Place::at(name, cursor.position(c.at));
        if c.finding.placeholder {
            left.push(Left {
                place,
                why: LeftReason::Placeholder,
            });
        } else if cursor.allowed(c.at) {
            left.push(Left {
                place,
                why: LeftReason::Allowed,
            });
        } else if let Home::Elsewhere(belongs) = home_of(&c.finding.scheme) {
            let why = StayReason::NoNetrcReader {
                where_it_belongs: belongs,
            };
            stays.push(Stay::new(name, place, why, &c.finding));
        } else if c.problem.is_none() && runtime::filled_at_run_time(&text[c.removal.clone()], lang)
        {
            stays.push(Stay::new(
                name,
                place,
                StayReason::FilledAtRunTime,
                &c.finding,
            ));
        } else if let Some(why) = unmovable(c) {
            return Err(ScrubError::CannotMove { place, why });
        } else {
            removed.push(c);
            moves.push(Move {
                host: c.finding.machine.clone().unwrap_or_default(),
                written_host: crate::uri::strip_port(&c.finding.host).to_string(),
                creds: credentials_of(&c.finding),
                place,
            });
        }
    }
    removed.sort_by_key(|c| c.removal.start);
    let mut output = String::with_capacity(text.len());
    let mut last = 0;
    for c in &removed {
        output.push_str(&text[last..c.removal.start]);
        last = c.removal.end;
    }
    output.push_str(&text[last..]);
    lang::verify_removed(lang, text, &output, &removed).map_err(|d| in_file(name, d))?;
    Ok(Scrubbed {
        output,
        removed: removed.iter().map(|c| c.removal.clone()).collect(),
        moves,
        left,
        stays,
    })
}

/// A regular file that is not UTF-8 and holds no `://` anywhere (so no credential in a URI).
fn not_text_and_no_uri(arg: &str) -> bool {
    store::read_regular(Path::new(arg)).is_ok_and(|bytes| {
        std::str::from_utf8(&bytes).is_err() && memchr::memmem::find(&bytes, b"://").is_none()
    })
}

/// Every source read and planned; with `--in-place`, files that are not text and hold no
/// URI are passed over (into `skipped`).
fn plan_all(
    args: &[String],
    opts: &ScrubOptions,
    skipped: &mut Vec<Place>,
) -> Result<Vec<Planned>, ScrubError> {
    let mut planned = Vec::new();
    for arg in args {
        let source = match Source::read(arg) {
            Ok(source) => source,
            // What a pre-commit hook passes as text may be Latin-1; with no URI in it there
            // is nothing to scrub, and refusing it would block every other file's scrub.
            Err(_) if opts.in_place && not_text_and_no_uri(arg) => {
                skipped.push(Place::file(arg));
                continue;
            }
            Err(e) => return Err(e),
        };
        planned.push(plan(source, opts)?);
    }
    Ok(planned)
}

/// Scrubs every input, then saves the netrc, then rewrites the sources (see the module's
/// transaction). Prints nothing: the report says what happened.
pub fn run(args: &[String], store: &Store, opts: ScrubOptions) -> Result<Report, ScrubError> {
    let args: Vec<String> = if args.is_empty() {
        vec!["-".into()]
    } else {
        args.to_vec()
    };
    if opts.in_place && args.iter().any(|a| a == "-") {
        return Err(ScrubError::InPlaceStdin);
    }
    if !opts.in_place && !opts.dry_run && args.len() > 1 {
        return Err(ScrubError::SeveralNeedInPlace);
    }
    guard::refuse_the_netrc_as_a_source(&args, store)?;
    let mut report = Report::default();
    let planned = plan_all(&args, &opts, &mut report.skipped)?;
    let moves = || planned.iter().flat_map(|p| &p.scrubbed.moves);
    let by_host = hosts::one_per_host(moves(), opts.allow_quoted, &mut report.warnings)?;
    for p in &planned {
        report.left.extend(p.scrubbed.left.iter().cloned());
        report.stays.extend(p.scrubbed.stays.iter().cloned());
    }
    report.moves = moves().cloned().collect();
    report.summary.dry_run = opts.dry_run;
    if by_host.is_empty() {
        // The netrc is neither locked nor read: a hook in a sandbox may not reach it at all.
        if !opts.dry_run {
            report.stdout = write_sources(&planned, store, &opts)?;
        }
        return Ok(report);
    }
    let items: Vec<(Target<'_>, Credentials)> = by_host
        .iter()
        .map(|(host, m)| (Target::Machine(host), m.creds.clone()))
        .collect();
    let said = |outcomes: &[_]| {
        summary::summary(
            moves(),
            by_host.keys(),
            outcomes,
            store.display(),
            opts.dry_run,
        )
    };
    // Every required reader must find each moved credential, whether or not it read the
    // file before: the source gives the credential up.
    let intents = guard::intents_of(&by_host);
    let shown = store.display();
    let check = verify::checker(&shown, &intents, Held::Every);
    if opts.dry_run {
        let mut doc = store.load().map_err(other)?;
        let before = doc.as_str().to_owned();
        let outcomes = doc.upsert_all(&items, opts.force).map_err(|e| match e {
            UpsertError::Conflict { target } => hosts::conflict(&doc, store, &target, &by_host),
            e => other(e),
        })?;
        check(&before, doc.as_str()).map_err(other)?;
        report.summary = said(&outcomes);
        return Ok(report);
    }
    // The netrc first: from here on, a failure leaves credentials in both places. A
    // conflict is kept here as scrub's own refusal; the store sees the edit's error.
    let refusal = std::cell::Cell::new(None);
    let upsert = |doc: &mut Document| {
        doc.upsert_all(&items, opts.force).inspect_err(|e| {
            if let UpsertError::Conflict { target } = e {
                refusal.set(Some(hosts::conflict(doc, store, target, &by_host)));
            }
        })
    };
    // The edit's own refusal at a place in the netrc (an open macro) is named with the file.
    let placed = |e: UpsertError| match store.refused_upsert(e) {
        Ok(at_a_place) => other(at_a_place),
        Err(e) => other(e),
    };
    let edited = store
        .edit_checked(
            |doc| upsert(doc).map_err(placed),
            |before, after| check(before, after).map_err(other),
        )
        .map_err(|e| refusal.take().unwrap_or(e))?;
    report.saved = edited.saved;
    report.stdout = write_sources(&planned, store, &opts)?;
    report.summary = said(&edited.value);
    Ok(report)
}

/// Each changed file rewritten atomically with its mode kept; without `--in-place`, the
/// texts for standard output instead.
fn write_sources(
    planned: &[Planned],
    store: &Store,
    opts: &ScrubOptions,
) -> Result<Vec<String>, ScrubError> {
    let mut stdout = Vec::new();
    for p in planned {
        if !opts.in_place {
            stdout.push(p.scrubbed.output.clone());
        } else if !p.scrubbed.moves.is_empty() {
            let path = p.source.path.as_ref().expect("in-place sources are files");
            store::rewrite(path, p.scrubbed.output.as_bytes()).map_err(|e| {
                ScrubError::NotRewritten {
                    netrc: store.display(),
                    source: p.source.name.clone(),
                    cause: e.into(),
                }
            })?;
        }
    }
    Ok(stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds_for(uri: &str) -> Credentials {
        credentials_of(&crate::uri::find_credentials(uri.as_bytes())[0])
    }

    #[test]
    fn entries_that_authenticate_as_the_uri_did() {
        let pair = |uri: &str| {
            let c = creds_for(uri);
            (c.login.unwrap(), c.password.unwrap().expose().to_string())
        };
        let tok = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        assert_eq!(pair("https://u:p@h.example/"), ("u".into(), "p".into()));
        assert_eq!(
            pair(&format!("https://{tok}@h.example/")),
            (tok.into(), "".into())
        );
        assert_eq!(
            pair(&format!("https://{tok}:@h.example/")),
            (tok.into(), "".into())
        );
        assert_eq!(
            pair(&format!("https://{tok}:x-oauth-basic@h.example/")),
            (tok.into(), "x-oauth-basic".into())
        );
        assert_eq!(pair("redis://:pw@h.example:6379"), ("".into(), "pw".into()));
    }
}
