//! `scrub`: move credentials out of URIs in source files and into the netrc.
//!
//! The transaction: plan every file (find, remove, verify) before anything is written; then
//! save the netrc under its lock; only then rewrite the sources. Any error before the netrc
//! is saved leaves everything as it was; an error after it leaves the credentials in both
//! places, never in neither.

pub mod lang;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};

pub use lang::Lang;

use crate::Outcome;
use crate::cli::{note, report_save, validate_value, warn};
use crate::netrc::syntax::{Position, position};
use crate::netrc::value::QUOTE_BREAKS;
use crate::netrc::{Credentials, Target, host};
use crate::secret::Secret;
use crate::store::{self, Store};
use crate::uri::strip_port;

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
        let bytes = std::fs::read(arg).with_context(|| format!("{arg}: cannot read"))?;
        let text = store::utf8_text(arg, bytes)?;
        Ok(Source {
            name: arg.to_string(),
            path: Some(PathBuf::from(arg)),
            text,
        })
    }
}

/// A credential that moves into the netrc.
#[derive(Debug, Clone)]
struct Move {
    host: String,
    creds: Credentials,
    /// `file:line:col` of the URI.
    place: String,
}

/// A source with its credentials removed and checked.
struct Planned {
    source: Source,
    output: String,
    moves: Vec<Move>,
    placeholders: Vec<String>,
}

fn place(source: &Source, at: usize) -> String {
    format!("{}:{}", source.name, position(&source.text, at))
}

fn located(source: &Source, p: Position, message: &str) -> anyhow::Error {
    anyhow!("{}:{p}: {message}", source.name)
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

fn check_value(
    source: &Source,
    at: usize,
    field: &str,
    value: &str,
    allow_quoted: bool,
) -> Result<()> {
    let here = place(source, at);
    if value.is_empty() {
        // The URI's own shape needs it (see `credentials_of`), so it is not refused.
        warn(format!(
            "{here}: the empty {field} is written as \"\" so that curl and requests send what the URI sent; {QUOTE_BREAKS} read it as two quote characters"
        ));
        return Ok(());
    }
    validate_value(&format!("{here}: "), field, value, allow_quoted)
}

fn plan(source: Source, opts: &ScrubOptions) -> Result<Planned> {
    // No URI at all (JSON may escape its slashes): nothing to remove, and nothing to parse,
    // so a hook can pass over files in dialects the parsers reject (JSON with comments).
    let bytes = source.text.as_bytes();
    if memchr::memmem::find(bytes, b"://").is_none()
        && memchr::memmem::find(bytes, b":\\/\\/").is_none()
    {
        let output = source.text.clone();
        return Ok(Planned {
            source,
            output,
            moves: Vec::new(),
            placeholders: Vec::new(),
        });
    }
    let lang = opts.lang.unwrap_or_else(|| {
        Lang::from_name(
            source.path.as_ref().map(|_| source.name.as_str()),
            &source.text,
        )
    });
    let mut candidates = lang::candidates(lang, &source.text)
        .map_err(|e| located(&source, e.position, &e.message))?;
    candidates.sort_by_key(|c| c.removal.start);
    let (placeholders, real): (Vec<_>, Vec<_>) =
        candidates.iter().partition(|c| c.finding.placeholder);

    // First the text and its check (which also reports a source that does not parse) ...
    let mut output = String::with_capacity(source.text.len());
    let mut last = 0;
    for c in &real {
        output.push_str(&source.text[last..c.removal.start]);
        last = c.removal.end;
    }
    output.push_str(&source.text[last..]);
    lang::verify(lang, &source.text, &output)
        .map_err(|e| located(&source, e.position, &e.message))?;

    // ... then where each credential goes.
    let mut moves = Vec::new();
    for c in &real {
        let f = &c.finding;
        let host = host::canonical_host(strip_port(&f.host)).ok_or_else(|| {
            anyhow!(
                "{}: the URI's host is not a plain host name, so its credential has no netrc entry to go to; nothing changed",
                place(&source, c.at)
            )
        })?;
        let creds = credentials_of(f);
        for (field, value) in [
            ("user name", creds.login.as_deref()),
            ("password", creds.password.as_ref().map(Secret::expose)),
        ] {
            check_value(
                &source,
                c.at,
                field,
                value.unwrap_or_default(),
                opts.allow_quoted,
            )?;
        }
        moves.push(Move {
            host,
            creds,
            place: place(&source, c.at),
        });
    }
    let placeholders = placeholders.iter().map(|c| place(&source, c.at)).collect();
    Ok(Planned {
        source,
        output,
        moves,
        placeholders,
    })
}

pub fn run(args: &[String], store: &Store, opts: ScrubOptions) -> Result<Outcome> {
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
    let mut planned = Vec::new();
    for arg in &args {
        planned.push(plan(Source::read(arg)?, &opts)?);
    }
    let by_host = one_per_host(&planned)?;
    for p in &planned {
        for at in &p.placeholders {
            note(format!("{at}: a placeholder, left in place"));
        }
    }
    if by_host.is_empty() {
        // The netrc is neither locked nor read: a hook in a sandbox may not reach it at all.
        if !opts.dry_run {
            write_sources(&planned, store, &opts)?;
        }
        note("no credentials to move");
        return Ok(Outcome::Clean);
    }

    let _lock = if opts.dry_run {
        None
    } else {
        Some(store.lock()?)
    };
    let mut doc = store.load()?;
    let netrc_changed = merge(&mut doc, &by_host, store, opts.force)?;
    let hosts: Vec<&str> = by_host.keys().map(String::as_str).collect();
    let count: usize = planned.iter().map(|p| p.moves.len()).sum();
    if opts.dry_run {
        for m in planned.iter().flat_map(|p| &p.moves) {
            note(format!(
                "{}: would move the credential for {}",
                m.place, m.host
            ));
        }
        note(format!(
            "would move {count} credential(s) for {} into {}; nothing written (dry run)",
            hosts.join(", "),
            store.display()
        ));
        return Ok(Outcome::Clean);
    }
    // The netrc first: from here on, a failure leaves credentials in both places.
    if netrc_changed {
        let report = store.save(doc.as_str())?;
        report_save(store, report);
    }
    write_sources(&planned, store, &opts)?;
    note(format!(
        "moved {count} credential(s) for {} into {}",
        hosts.join(", "),
        store.display()
    ));
    Ok(Outcome::Clean)
}

/// The credential each host gets; two different ones for a host is an error.
fn one_per_host(planned: &[Planned]) -> Result<BTreeMap<String, Move>> {
    let mut by_host: BTreeMap<String, Move> = BTreeMap::new();
    for m in planned.iter().flat_map(|p| &p.moves) {
        match by_host.get(&m.host) {
            Some(first) if first.creds != m.creds => bail!(
                "{} and {}: two different credentials for {}; a netrc holds one per host; nothing changed",
                first.place,
                m.place,
                m.host
            ),
            Some(_) => {}
            None => {
                by_host.insert(m.host.clone(), m.clone());
            }
        }
    }
    Ok(by_host)
}

/// Adds or (with `force`) replaces each host's entry. Returns whether anything changed.
fn merge(
    doc: &mut crate::netrc::Document,
    by_host: &BTreeMap<String, Move>,
    store: &Store,
    force: bool,
) -> Result<bool> {
    let mut changed = false;
    for (host, m) in by_host {
        match doc.machine(host) {
            Some(entry) if entry.matches(&m.creds) => {}
            Some(_) if !force => bail!(
                "{host} already has other credentials in {}; pass --force to replace them; nothing changed",
                store.display()
            ),
            Some(entry) => {
                let index = entry.index();
                doc.replace(index, &m.creds)?;
                changed = true;
            }
            None => {
                doc.insert(Target::Machine(host), &m.creds)?;
                changed = true;
            }
        }
    }
    Ok(changed)
}

/// Standard output, or each changed file rewritten atomically with its mode kept.
fn write_sources(planned: &[Planned], store: &Store, opts: &ScrubOptions) -> Result<()> {
    for p in planned {
        if !opts.in_place {
            let mut out = std::io::stdout().lock();
            out.write_all(p.output.as_bytes())
                .and_then(|()| out.flush())
                .context("cannot write standard output")?;
        } else if !p.moves.is_empty() {
            let path = p.source.path.as_ref().expect("in-place sources are files");
            store::rewrite(path, p.output.as_bytes()).with_context(|| {
                format!(
                    "the credentials are saved in {} but still in {} too (it was not rewritten)",
                    store.display(),
                    p.source.name
                )
            })?;
        }
    }
    Ok(())
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
