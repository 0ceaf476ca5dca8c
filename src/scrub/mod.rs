//! `scrub`: move credentials out of URIs in source files and into the netrc.
//!
//! The transaction: plan every file (find, remove, verify) before anything is written; then
//! save the netrc under its lock; only then rewrite the sources. Any error before the netrc
//! is saved leaves everything as it was; an error after it leaves the credentials in both
//! places, never in neither.

mod collide;
mod guard;
mod json;
mod keyed;
pub mod lang;
mod literal;
mod python;
mod runtime;
mod site;
mod stay;
mod summary;
mod yaml;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

pub use lang::Lang;
pub use stay::Stay;

use crate::netrc::value::{self, QUOTE_BREAKS};
use crate::netrc::{Credentials, Document, Target, UpsertError};
use crate::readers::verify::{self, Held};
use crate::scan::LineCursor;
use crate::schemes::{Home, home_of};
use crate::secret::Secret;
use crate::store::{self, SaveReport, Store};

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

impl Source {
    pub fn read(arg: &str) -> Result<Source> {
        if arg == "-" {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .context("<stdin>: cannot read (is it UTF-8 text?)")?;
            return Ok(Source {
                name: "<stdin>".into(),
                path: None,
                text,
            });
        }
        let path = PathBuf::from(arg);
        let bytes = store::read_regular(&path)?;
        let text = store::utf8_text(arg, bytes)?;
        Ok(Source {
            name: arg.to_string(),
            path: Some(path),
            text,
        })
    }
}

/// A credential that moves into the netrc.
#[derive(Debug, Clone)]
pub struct Move {
    /// The machine name (as `add` computes it).
    pub host: String,
    /// The host as the URI writes it.
    pub written_host: String,
    pub creds: Credentials,
    /// `file:line:col` of the URI.
    pub place: String,
}

/// What scrubbing one text does.
pub struct Scrubbed {
    /// The text without the moved credentials' `user:password@`, checked.
    pub output: String,
    /// The source bytes removed, in order: each a `user:password@`.
    pub removed: Vec<Range<usize>>,
    pub moves: Vec<Move>,
    /// Credentials left in place on purpose (placeholders, allowed lines), each as
    /// `file:line:col: why`.
    pub left: Vec<String>,
    /// Credentials whose client never reads a netrc: not moved, each as `file:line:col:` and
    /// where it belongs instead.
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

/// Whether a moved value may be written; a warning when some readers will misread it.
fn check_value(
    place: &str,
    field: &str,
    value: &str,
    allow_quoted: bool,
) -> Result<Option<String>> {
    if value.is_empty() {
        // The URI's own shape needs it (see `credentials_of`), so it is not refused.
        return Ok(Some(format!(
            "{place}: the empty {field} is written as \"\" so that curl and requests send what the URI sent; {QUOTE_BREAKS} read it as two quote characters"
        )));
    }
    if value::curl_reads_as_keyword(value, true) {
        // Refused here as the edit would refuse it, but with where the credential is.
        bail!(
            "{place}: the {field} is a netrc keyword, which curl reads as that keyword when it looks up other hosts, quoted or not, so no netrc can hold it safely; nothing changed"
        );
    }
    match value::accept(value, allow_quoted) {
        Err(refused) => bail!("{place}: {}", refused.message(field)),
        Ok(accepted) => Ok(accepted.warning(field).map(|w| format!("{place}: {w}"))),
    }
}

/// Why a credential that would otherwise move cannot, if it cannot.
fn unmovable(c: &site::Candidate) -> Option<&'static str> {
    let f = &c.finding;
    if let Some(problem) = c.problem {
        Some(problem)
    } else if f.undecodable {
        Some(
            "the percent-encoded user name or password is not UTF-8 text, which a netrc cannot hold; nothing changed",
        )
    } else if f.machine.is_none() {
        Some(
            "the URI's host cannot be made a netrc machine name (it is not a host name, it is a template, or text runs on after it), so its credential has no entry to go to; nothing changed",
        )
    } else {
        None
    }
}

fn plan(source: Source, opts: &ScrubOptions) -> Result<Planned> {
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

/// Scrubs `text` (named `name` in messages) as `lang`: finds its credentials, leaves the
/// placeholders and those on `netrc-guard: allow` lines, refuses (with `name:line:col`)
/// one it cannot move exactly, removes the rest and checks the result.
pub fn scrub_text(name: &str, text: &str, lang: Lang) -> Result<Scrubbed> {
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
    let mut candidates = lang::candidates(lang, text).map_err(|e| anyhow!(e.in_file(name)))?;
    candidates.sort_by_key(|c| c.at);

    // Positions and the allow marker in one pass over the text (candidates are in order).
    let mut cursor = LineCursor::new(bytes);
    let mut removed = Vec::new();
    let mut moves = Vec::new();
    let mut left = Vec::new();
    let mut stays = Vec::new();
    for c in &candidates {
        let place = format!("{name}:{}", cursor.position(c.at));
        if c.finding.placeholder {
            left.push(format!("{place}: a placeholder, left in place"));
        } else if cursor.allowed(c.at) {
            left.push(format!(
                "{place}: marked `netrc-guard: allow`, left in place"
            ));
        } else if let Home::Elsewhere(belongs) = home_of(&c.finding.scheme) {
            stays.push(Stay::new(name, &place, belongs, &c.finding));
        } else if c.problem.is_none() && runtime::filled_at_run_time(&text[c.removal.clone()], lang)
        {
            stays.push(Stay::filled_at_run_time(name, &place, &c.finding));
        } else if let Some(why) = unmovable(c) {
            bail!("{place}: {why}");
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
    lang::verify_removed(lang, text, &output, &removed).map_err(|e| anyhow!(e.in_file(name)))?;
    Ok(Scrubbed {
        output,
        removed: removed.iter().map(|c| c.removal.clone()).collect(),
        moves,
        left,
        stays,
    })
}

/// What a scrub run did, for the command layer to present.
#[derive(Debug, Default)]
pub struct Report {
    /// Values written in a form some readers misread; hosts some readers will not find.
    pub warnings: Vec<String>,
    /// Credentials left in place, and what a dry run would move.
    pub notes: Vec<String>,
    /// Credentials that stay because their client never reads a netrc: `scrub` is not done
    /// with these files (exit 1).
    pub stays: Vec<Stay>,
    /// The scrubbed texts for standard output (without `--in-place`), in input order. They
    /// go out after the netrc is saved.
    pub stdout: Vec<String>,
    pub saved: Option<SaveReport>,
    /// The last word: what moved, or would, or that nothing did.
    pub summary: String,
}

/// A regular file that is not UTF-8 and holds no `://` anywhere (so no credential in a URI).
fn not_text_and_no_uri(arg: &str) -> bool {
    store::read_regular(Path::new(arg)).is_ok_and(|bytes| {
        std::str::from_utf8(&bytes).is_err() && memchr::memmem::find(&bytes, b"://").is_none()
    })
}

/// Scrubs every input, then saves the netrc, then rewrites the sources (see the module's
/// transaction). Prints nothing: the report says what happened.
pub fn run(args: &[String], store: &Store, opts: ScrubOptions) -> Result<Report> {
    let args: Vec<String> = if args.is_empty() {
        vec!["-".into()]
    } else {
        args.to_vec()
    };
    if opts.in_place && args.iter().any(|a| a == "-") {
        bail!("--in-place needs files; standard input can only be scrubbed to standard output");
    }
    if !opts.in_place && !opts.dry_run && args.len() > 1 {
        bail!(
            "several files need --in-place (or --dry-run); without it the scrubbed text goes to standard output"
        );
    }
    guard::refuse_the_netrc_as_a_source(&args, store)?;
    let mut planned = Vec::new();
    let mut skipped = Vec::new();
    for arg in &args {
        let source = match Source::read(arg) {
            Ok(source) => source,
            // What a pre-commit hook passes as text may be Latin-1; with no URI in it there
            // is nothing to scrub, and refusing it would block every other file's scrub.
            Err(_) if opts.in_place && not_text_and_no_uri(arg) => {
                skipped.push(format!(
                    "{arg}: not UTF-8 text and holds no URI; left alone"
                ));
                continue;
            }
            Err(e) => return Err(e),
        };
        planned.push(plan(source, &opts)?);
    }
    let mut report = Report {
        notes: skipped,
        ..Report::default()
    };
    let by_host = one_per_host(&planned, opts.allow_quoted, &mut report.warnings)?;
    for p in &planned {
        report.notes.extend(p.scrubbed.left.iter().cloned());
        report.stays.extend(p.scrubbed.stays.iter().cloned());
    }
    if by_host.is_empty() {
        // The netrc is neither locked nor read: a hook in a sandbox may not reach it at all.
        if !opts.dry_run {
            report.stdout = write_sources(&planned, store, &opts)?;
        }
        report.summary = "no credentials to move".into();
        return Ok(report);
    }
    let items: Vec<(Target<'_>, Credentials)> = by_host
        .iter()
        .map(|(host, m)| (Target::Machine(host), m.creds.clone()))
        .collect();
    let upsert = |doc: &mut Document| {
        doc.upsert_all(&items, opts.force).map_err(|e| match e {
            UpsertError::Conflict { target } => conflict(doc, store, &target, &by_host),
            other => anyhow!(other),
        })
    };
    let moves = || planned.iter().flat_map(|p| &p.scrubbed.moves);
    let said = |outcomes: &[_]| {
        let netrc = store.display();
        summary::summary(moves(), by_host.keys(), outcomes, &netrc, opts.dry_run)
    };
    // Every required reader must find each moved credential, whether or not it read the
    // file before: the source gives the credential up.
    let intents = guard::intents_of(&by_host);
    let shown = store.display();
    let check = verify::checker(&shown, &intents, Held::Every);
    if opts.dry_run {
        let mut doc = store.load()?;
        let before = doc.as_str().to_owned();
        let outcomes = upsert(&mut doc)?;
        check(&before, doc.as_str())?;
        for m in moves() {
            report.notes.push(format!(
                "{}: would move the credential for {}",
                m.place, m.host
            ));
        }
        report.summary = said(&outcomes);
        return Ok(report);
    }
    // The netrc first: from here on, a failure leaves credentials in both places.
    let edited = store.edit_checked(upsert, check)?;
    report.saved = edited.saved;
    report.stdout = write_sources(&planned, store, &opts)?;
    report.summary = said(&edited.value);
    Ok(report)
}

/// The ways out of two credentials for one host.
const KEEP_ONE: &str = "to keep one: take the other out of its file by hand (or, where the file has comments, mark its line `netrc-guard: allow` to leave it in place), then scrub again";

/// The netrc holds other credentials for `target`: where, and each way out.
fn conflict(
    doc: &Document,
    store: &Store,
    target: &str,
    by_host: &BTreeMap<String, Move>,
) -> anyhow::Error {
    let at = doc
        .find(Target::Machine(target))
        .map(|e| e.position())
        .unwrap_or_default();
    let from = by_host.get(target).map_or("", |m| m.place.as_str());
    anyhow!(
        "{}:{at}: {target} already has other credentials than those at {from}; nothing changed\n  \
         to replace them with the file's: scrub again with --force\n  \
         to keep the netrc's: take the credential out of the file by hand (or, where the file has comments, mark its line `netrc-guard: allow` to leave it in place), then scrub again",
        store.display()
    )
}

/// The credential each host gets; two different ones for a host is an error. Each value
/// is checked once, where it first appears.
fn one_per_host(
    planned: &[Planned],
    allow_quoted: bool,
    warnings: &mut Vec<String>,
) -> Result<BTreeMap<String, Move>> {
    let mut by_host: BTreeMap<String, Move> = BTreeMap::new();
    for m in planned.iter().flat_map(|p| &p.scrubbed.moves) {
        match by_host.get(&m.host) {
            Some(first) if first.creds != m.creds => bail!(
                "{} and {}: two different credentials for {}; a netrc holds one per host; nothing changed\n  {KEEP_ONE}",
                first.place,
                m.place,
                m.host
            ),
            Some(_) => {}
            None => {
                let creds = &m.creds;
                for (field, value) in [
                    ("user name", creds.login.as_deref()),
                    ("password", creds.password.as_ref().map(Secret::expose)),
                ] {
                    warnings.extend(check_value(
                        &m.place,
                        field,
                        value.unwrap_or_default(),
                        allow_quoted,
                    )?);
                }
                let python_host =
                    crate::netrc::host::python_hostname(&format!("http://{}/", m.written_host));
                if python_host != m.host {
                    warnings.push(format!(
                        "{}: filed under {}, the name curl and git look up; Python requests (Ray, pip) looks up {} as written and will not find this entry",
                        m.place, m.host, python_host
                    ));
                }
                by_host.insert(m.host.clone(), m.clone());
            }
        }
    }
    Ok(by_host)
}

/// Each changed file rewritten atomically with its mode kept; without `--in-place`, the
/// texts for standard output instead.
fn write_sources(planned: &[Planned], store: &Store, opts: &ScrubOptions) -> Result<Vec<String>> {
    let mut stdout = Vec::new();
    for p in planned {
        if !opts.in_place {
            stdout.push(p.scrubbed.output.clone());
        } else if !p.scrubbed.moves.is_empty() {
            let path = p.source.path.as_ref().expect("in-place sources are files");
            store::rewrite(path, p.scrubbed.output.as_bytes()).with_context(|| {
                format!(
                    "the credentials are saved in {} but still in {} too (it was not rewritten)",
                    store.display(),
                    p.source.name
                )
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
