//! `explain URL`: what every netrc reader would do for the URL, as a table or JSON.

use std::path::Path;

use anyhow::{Result, anyhow};
use serde::Serialize;

use crate::Outcome;
use crate::cli::ExplainArgs;
use crate::messages;
use crate::readers::{self, Context, Explanation, Parse, UrlFacts, Verdict, probe};
use crate::store::{Environment, Platform};
use crate::uri::login_is_secret;

pub(super) fn explain(file: Option<&Path>, args: &ExplainArgs) -> Result<Outcome> {
    let url = UrlFacts::parse(&url_or_host(&args.url)).map_err(|e| anyhow!("URL: {e}"))?;
    let env = Environment::from_process();
    let ctx = Context {
        platform: Platform::current(),
        env: &env,
        netrc_override: file,
        url: &url,
        files: &probe::probe,
    };
    let explanation = readers::explain(&ctx);
    if args.json {
        messages::out_line(&serde_json::to_string_pretty(&report(&explanation))?)?;
    } else {
        messages::out(&crate::style::visible_lines(&table(&explanation)))?;
    }
    Ok(if explanation.agree() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// A bare host (`github.com`, `pypi.acme.io:8443`), as `add` takes one, is read as
/// `https://HOST/`; anything else is taken as written (and refused when it is not a URL).
/// Only a host name, an optional port and a trailing `/` count: a path, `user@` or a stray
/// scheme is no host, and is never echoed back as part of a made-up URL.
fn url_or_host(input: &str) -> String {
    let input = input.trim();
    let hostport = input.strip_suffix('/').unwrap_or(input);
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => (h, Some(p)),
        _ => (hostport, None),
    };
    let is_host = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
        && port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if is_host {
        format!("https://{hostport}/")
    } else {
        input.to_string()
    }
}

/// A login as it may be shown: `***` when it looks like a token.
fn shown_login(login: &str) -> String {
    if login_is_secret(login) {
        "***".into()
    } else {
        login.to_string()
    }
}

#[derive(Serialize)]
struct Report<'a> {
    url: &'a str,
    host: String,
    url_has_credentials: bool,
    agree: bool,
    readers: Vec<ReaderReport<'a>>,
}

#[derive(Serialize)]
struct ReaderReport<'a> {
    reader: readers::ReaderId,
    name: &'static str,
    applies: bool,
    file: Option<String>,
    file_why: &'a str,
    file_exists: bool,
    parse: &'static str,
    parse_error: Option<ParseError<'a>>,
    entry: Option<EntryReport>,
    /// Which credentials it sends: equal numbers, equal credentials; null for none.
    credentials: Option<usize>,
    why: &'a str,
    notes: &'a [String],
}

#[derive(Serialize)]
struct ParseError<'a> {
    line: Option<usize>,
    why: &'a str,
}

#[derive(Serialize)]
struct EntryReport {
    machine: Option<String>,
    default: bool,
    line: usize,
    login: String,
    login_is_token: bool,
    has_password: bool,
}

fn parse_word(parse: &Parse) -> &'static str {
    match parse {
        Parse::NoFile => "no-file",
        Parse::Read => "read",
        Parse::Failed { .. } => "failed",
    }
}

fn report(ex: &Explanation) -> Report<'_> {
    let sets = ex.credential_sets();
    let readers = ex
        .verdicts
        .iter()
        .zip(sets)
        .map(|(v, credentials)| ReaderReport {
            reader: v.reader,
            name: v.reader.name(),
            applies: v.applies,
            file: v.file.path.as_ref().map(|p| p.display().to_string()),
            file_why: &v.file.why,
            file_exists: v.file.exists,
            parse: parse_word(&v.lookup.parse),
            parse_error: match &v.lookup.parse {
                Parse::Failed { line, why } => Some(ParseError { line: *line, why }),
                _ => None,
            },
            entry: v.lookup.pick.as_ref().map(|p| EntryReport {
                machine: p.machine.clone(),
                default: p.machine.is_none(),
                line: p.line,
                login: shown_login(&p.login),
                login_is_token: login_is_secret(&p.login),
                has_password: !p.password.is_empty(),
            }),
            credentials,
            why: &v.lookup.why,
            notes: &v.lookup.notes,
        })
        .collect();
    Report {
        url: &ex.url.shown,
        host: ex.url.canonical_host(),
        url_has_credentials: ex.url.has_credentials,
        agree: ex.agree(),
        readers,
    }
}

/// One row of the table: reader, file, parse, entry, login, credentials.
fn row(v: &Verdict, set: Option<usize>) -> [String; 6] {
    let file = match &v.file.path {
        Some(p) if v.file.exists => p.display().to_string(),
        Some(p) => format!("{} (missing)", p.display()),
        None => "-".into(),
    };
    let parse = match &v.lookup.parse {
        Parse::NoFile => "no file".to_string(),
        Parse::Read => "ok".to_string(),
        Parse::Failed { line: Some(l), .. } => format!("FAILS (line {l})"),
        Parse::Failed { line: None, .. } => "FAILS".to_string(),
    };
    let (entry, login) = match &v.lookup.pick {
        Some(p) => (
            match &p.machine {
                Some(m) => format!("line {}: machine {m}", p.line),
                None => format!("line {}: default", p.line),
            },
            shown_login(&p.login),
        ),
        None => ("-".into(), "-".into()),
    };
    let sends = match (v.applies, set) {
        (false, _) => "n/a".to_string(),
        (true, Some(n)) => format!("#{n}"),
        (true, None) => "nothing".to_string(),
    };
    [
        v.reader.name().to_string(),
        file,
        parse,
        entry,
        login,
        sends,
    ]
}

fn table(ex: &Explanation) -> String {
    let sets = ex.credential_sets();
    let mut rows = vec![["READER", "FILE", "PARSE", "ENTRY", "LOGIN", "SENDS"].map(String::from)];
    rows.extend(ex.verdicts.iter().zip(&sets).map(|(v, s)| row(v, *s)));
    let widths: Vec<usize> = (0..6)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = format!("{} (host {})\n", ex.url.shown, ex.url.canonical_host());
    if ex.url.has_credentials {
        out.push_str(
            "note: the URL itself carries credentials (not shown); below is what each reader finds in its netrc, which some readers use instead of them and others only when the URL has none\n",
        );
    }
    out.push('\n');
    for r in &rows {
        let cells: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push('\n');
    for v in &ex.verdicts {
        out.push_str(&format!("{}: {}", v.reader.name(), v.file.why));
        if !v.applies {
            out.push_str(&format!(
                "; it does not use a netrc for {} URLs",
                ex.url.scheme
            ));
        }
        if let Parse::Failed { why, .. } = &v.lookup.parse {
            out.push_str(&format!("; the file fails to parse: {why}"));
        }
        out.push_str(&format!("; {}\n", v.lookup.why));
        for note in &v.lookup.notes {
            out.push_str(&format!("  note: {note}\n"));
        }
    }
    out.push_str(&verdict_line(ex, &sets));
    out
}

/// The answer: who sends what, by credential number.
fn verdict_line(ex: &Explanation, sets: &[Option<usize>]) -> String {
    if ex.agree() {
        return match sets.iter().flatten().next() {
            Some(n) => format!("\nevery reader sends the same credentials (#{n})\n"),
            None => "\nno reader finds credentials for this URL\n".to_string(),
        };
    }
    let mut groups: Vec<(Option<usize>, Vec<&str>)> = Vec::new();
    for (v, s) in ex.verdicts.iter().zip(sets).filter(|(v, _)| v.applies) {
        match groups.iter_mut().find(|(g, _)| g == s) {
            Some((_, names)) => names.push(v.reader.name()),
            None => groups.push((*s, vec![v.reader.name()])),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(s, names)| match s {
            Some(n) => format!("#{n}: {}", names.join(", ")),
            None => format!("nothing: {}", names.join(", ")),
        })
        .collect();
    format!("\nreaders disagree — {}\n", parts.join("; "))
}
