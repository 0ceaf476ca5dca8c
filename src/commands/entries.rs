//! `add`, `remove`, `list`, `get`: the entries of the netrc.

use std::cell::RefCell;
use std::io::{IsTerminal, Read};

use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;

use super::{Located, note, report_save, validate_value, warn};
use crate::Outcome;
use crate::cli::{AddArgs, GetArgs, RemoveArgs};
use crate::messages;
use crate::netrc::{Credentials, EntryKind, Target, UpsertError, Upserted, host};
use crate::readers::verify::{self, Expect, Held, Intent};
use crate::readers::{self, FileState, Parse, probe};
use crate::secret::Secret;
use crate::style::visible;
use crate::text::{Place, Position};
use crate::uri::login_is_secret;

mod shapes;
use shapes::{env_name, token_shaped};

fn read_password(args: &AddArgs, what: &str) -> Result<Secret> {
    if args.password_stdin {
        let mut input = String::new();
        std::io::stdin()
            .read_to_string(&mut input)
            .context("cannot read the password from standard input")?;
        let line = input.strip_suffix('\n').unwrap_or(&input);
        let line = line.strip_suffix('\r').unwrap_or(line);
        return Ok(Secret::new(line));
    }
    if let Some(var) = &args.password_env {
        let value = std::env::var(var).map_err(|_| {
            // The password itself is what is most often typed here by mistake.
            if env_name(var) {
                anyhow!("the environment variable {var} is not set (or not UTF-8)")
            } else {
                anyhow!(
                    "--password-env takes the name of an environment variable that holds the password, and this is not one (not repeated here: it may be the password itself)"
                )
            }
        })?;
        return Ok(Secret::new(value));
    }
    if std::io::stdin().is_terminal() {
        let password = rpassword::prompt_password(format!("Password for {what}: "))
            .context("cannot read the password from the terminal")?;
        return Ok(Secret::new(password));
    }
    bail!(
        "no password given and standard input is not a terminal: pass --password-stdin or --password-env VAR (never the password itself as an argument)"
    )
}

/// Where `add` gets the login: `--login`, else a prompt when standard input is a terminal
/// (as `gh auth login` asks); in a pipe nobody can answer, so the flag is required.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum LoginFrom<'a> {
    Flag(&'a str),
    Prompt,
}

pub(super) fn login_from(flag: Option<&str>, stdin_is_terminal: bool) -> Result<LoginFrom<'_>> {
    match flag {
        Some(login) => Ok(LoginFrom::Flag(login)),
        None if stdin_is_terminal => Ok(LoginFrom::Prompt),
        None => bail!(
            "no login given and standard input is not a terminal to ask for one: pass --login LOGIN"
        ),
    }
}

fn read_login(args: &AddArgs, what: &str) -> Result<String> {
    let login = match login_from(args.login.as_deref(), std::io::stdin().is_terminal())? {
        LoginFrom::Flag(login) => return Ok(login.to_string()),
        LoginFrom::Prompt => messages::prompt_line(&format!("Login for {what}: "))?,
    };
    if login.is_empty() {
        bail!("no login given: type one at the prompt, or pass --login LOGIN");
    }
    Ok(login)
}

/// A HOST argument normalised, with a warning when a port is dropped.
fn host_name(input: &str) -> Result<host::HostName> {
    if token_shaped(input) {
        bail!(
            "HOST: this reads as a token or password, not a host name (not repeated here: it may be a secret); give the host, and pass the password with --password-stdin or --password-env"
        );
    }
    let name = host::normalize(input).map_err(|e| anyhow!("HOST: {e}"))?;
    if let Some(port) = name.dropped_port {
        warn(format!(
            "port {port} dropped: netrc readers match host names only"
        ));
    }
    Ok(name)
}

/// The machine name for a HOST argument, with a warning when a port is dropped.
pub(super) fn machine_name(input: &str) -> Result<String> {
    host_name(input).map(|n| n.host)
}

/// The host a HOST argument names (`None` with `--default`).
fn host_or_default(host: &Option<String>, default: bool) -> Result<Option<host::HostName>> {
    match host {
        Some(h) if !default => host_name(h).map(Some),
        _ => Ok(None),
    }
}

/// The machine name (`None` for `default`) and how messages name it.
fn machine_and_label(name: Option<host::HostName>) -> (Option<String>, String) {
    let machine = name.map(|n| n.host);
    let label = machine.as_deref().unwrap_or("default").to_string();
    (machine, label)
}

/// The machine a HOST argument names (`None` with `--default`), and how messages name it.
fn machine_or_default(host: &Option<String>, default: bool) -> Result<(Option<String>, String)> {
    host_or_default(host, default).map(machine_and_label)
}

fn target(machine: &Option<String>) -> Target<'_> {
    match machine {
        Some(m) => Target::Machine(m),
        None => Target::Default,
    }
}

pub(super) fn add(ctx: &Located, args: AddArgs) -> Result<Outcome> {
    let name = host_or_default(&args.host, args.default)?;
    if let Some(n) = name.as_ref().filter(|n| n.requests_host != n.host) {
        warn(format!(
            "filed under {}, the name curl and git look up; Python requests (Ray, pip) looks up {} as written in a URL and will not find this entry",
            n.host, n.requests_host
        ));
    }
    let (machine, label) = machine_and_label(name);
    let login = read_login(&args, &label)?;
    validate_value("", "login", &login, args.allow_quoted)?;
    if let Some(a) = &args.account {
        validate_value("", "account", a, args.allow_quoted)?;
    }
    let password = read_password(&args, &label)?;
    validate_value("", "password", password.expose(), args.allow_quoted)?;
    let creds = Credentials {
        login: Some(login),
        password: Some(password),
        account: args.account.clone(),
    };
    let target = target(&machine);
    let store = &ctx.store;
    let intents = [Intent {
        machine: machine.clone(),
        expect: Expect::Sends {
            login: creds.login.clone().unwrap_or_default(),
            password: creds.password.clone().unwrap_or_default(),
        },
    }];
    let shown = store.display();
    let check = verify::checker(&shown, &intents, Held::ParsedBefore);
    let edited = store.edit_checked(
        |doc| {
            // The user asked for this entry: add it, but say which readers will not see it.
        for (readers, instead) in verify::rejecting_readers(doc.as_str().as_bytes()) {
            warn(format!(
                "{}: {}: {instead}, so they will not read this entry either; `netrc-guard check` names what to fix",
                store.display(),
                readers.join(", ")
            ));
        }
        doc.upsert(target, &creds, args.force).map_err(|e| match e {
            UpsertError::Conflict { .. } => {
                let at = doc.find(target).map(|e| e.position()).unwrap_or_default();
                anyhow!(
                    "{}: {label} already has other credentials; nothing changed\n  \
                     to replace them with these: the same add with --force\n  \
                     to keep them: nothing to do",
                    Place::at(store.path(), at)
                )
            }
            other => match store.refused_upsert(other) {
                Ok(placed) => placed.into(),
                Err(other) => anyhow!(other),
            },
        })
        },
        |before, after| Ok(check(before, after)?),
    )?;
    let verb = match edited.value {
        Upserted::Unchanged => {
            note(format!(
                "{label}: the same credentials are already in {}; nothing written",
                store.display()
            ));
            return Ok(Outcome::Clean);
        }
        Upserted::Replaced => "replaced",
        Upserted::Inserted => "added",
    };
    note(format!("{verb} {label} in {}", store.display()));
    report_save(store, edited.saved);
    Ok(Outcome::Clean)
}

/// Removes every entry for the target (duplicates too: one left behind would still answer
/// for the host in some reader), then checks that no reader sends the removed credentials.
pub(super) fn remove(ctx: &Located, args: RemoveArgs) -> Result<Outcome> {
    let (machine, label) = machine_or_default(&args.host, args.default)?;
    let target = target(&machine);
    let store = &ctx.store;
    let shown = store.display();
    // What each removed entry sent, recorded by the edit itself (under the lock, from the
    // file it edits) for the check that follows it.
    let forgotten = RefCell::new(Vec::new());
    // The entries removed, each with the names of its macros and their line counts.
    let edited = store.edit_checked(
        |doc| {
            let mut removed = Vec::new();
            while let Some(entry) = doc.find(target) {
                forgotten.borrow_mut().push(Intent {
                    machine: machine.clone(),
                    expect: Expect::Forgets {
                        login: entry.login().unwrap_or_default(),
                        password: entry.password().unwrap_or_default(),
                    },
                });
                let (index, macros) = (entry.index(), macro_names(doc, &entry));
                doc.remove(index).map_err(|e| store.refused(e))?;
                removed.push(macros);
            }
            Ok(removed)
        },
        |before, after| {
            verify::checker(&shown, &forgotten.borrow(), Held::ParsedBefore)(before, after)
                .map_err(anyhow::Error::from)
        },
    )?;
    let macros: Vec<(String, usize)> = edited.value.iter().flatten().cloned().collect();
    let with = match macros.len() {
        0 => String::new(),
        _ => format!(
            " and its macdef {} ({} of macro text)",
            macros
                .iter()
                .map(|(name, _)| visible(&masked(name.clone())).to_string())
                .collect::<Vec<_>>()
                .join(", "),
            crate::text::words::counted(
                macros.iter().map(|(_, lines)| lines).sum::<usize>(),
                "line"
            )
        ),
    };
    match edited.value.len() {
        0 => {
            note(format!(
                "no entry for {label} in {}; nothing written",
                store.display()
            ));
            return Ok(Outcome::Findings);
        }
        1 => note(format!("removed {label}{with} from {}", store.display())),
        n => note(format!(
            "removed {n} entries for {label}{with} from {}",
            store.display()
        )),
    }
    report_save(store, edited.saved);
    Ok(Outcome::Clean)
}

/// The names of an entry's macros, each with its body's line count: `remove` says what went.
fn macro_names(
    doc: &crate::netrc::Document,
    entry: &crate::netrc::Entry<'_>,
) -> Vec<(String, usize)> {
    entry
        .syntax()
        .fields
        .iter()
        .filter(|f| f.key == crate::netrc::syntax::Key::Macdef)
        .map(|f| {
            let body = f.body_token.map_or("", |t| doc.raw(t));
            (
                doc.value_of(f.value_token),
                body.lines().filter(|l| !l.trim().is_empty()).count(),
            )
        })
        .collect()
}

/// A value from the netrc as listed: `***` when it reads as a token or password.
fn masked(value: String) -> String {
    if login_is_secret(&value) {
        "***".into()
    } else {
        value
    }
}

#[derive(Serialize)]
struct ListedEntry {
    machine: Option<String>,
    login: Option<String>,
    account: Option<String>,
    has_password: bool,
    /// The login looks like a token, so it is shown as `***`.
    login_is_token: bool,
    line: usize,
}

pub(super) fn list(ctx: &Located, json: bool) -> Result<Outcome> {
    let doc = ctx.store.load()?;
    let entries: Vec<ListedEntry> = doc
        .entries()
        .filter(|e| e.kind() != EntryKind::Macro)
        .map(|e| {
            let login = e.login();
            let login_is_token = login.as_deref().is_some_and(crate::uri::login_is_secret);
            ListedEntry {
                machine: e.machine(),
                login: if login_is_token {
                    Some("***".into())
                } else {
                    login
                },
                account: e.account().map(masked),
                // `password ""` (what scrub writes for a token-only URI) is no password.
                has_password: e.password().is_some_and(|p| !p.expose().is_empty()),
                login_is_token,
                line: e.position().line,
            }
        })
        .collect();
    if json {
        messages::out_line(&serde_json::to_string_pretty(&entries)?)?;
        return Ok(Outcome::Clean);
    }
    let width = entries
        .iter()
        .map(|e| {
            e.machine
                .as_deref()
                .map_or(9, |m| visible(m).chars().count())
        })
        .max()
        .unwrap_or(0);
    for e in &entries {
        // Names and values from a file: shown, never obeyed by the terminal.
        let machine = visible(e.machine.as_deref().unwrap_or("(default)"));
        let mut line = format!(
            "{machine:width$}  login {}",
            visible(e.login.as_deref().unwrap_or("-"))
        );
        if let Some(a) = &e.account {
            line.push_str(&format!("  account {}", visible(a)));
        }
        line.push_str(if e.has_password {
            "  password set"
        } else {
            "  no password"
        });
        messages::out_line(&line)?;
    }
    if entries.is_empty() {
        note(format!("no entries in {}", ctx.store.display()));
    }
    Ok(Outcome::Clean)
}

#[derive(Serialize)]
struct GotEntry {
    machine: Option<String>,
    login: Option<String>,
    account: Option<String>,
    password: Option<String>,
    login_is_token: bool,
}

/// The netrc's bytes as curl opens them; `None` when there is no file.
fn curl_bytes(ctx: &Located) -> Result<Option<Vec<u8>>> {
    match probe::probe(ctx.store.path()) {
        FileState::Missing => Ok(None),
        FileState::Regular { bytes, .. } => Ok(Some(bytes)),
        // The store's own refusal, worded as every reading command words it.
        FileState::NotRegular | FileState::Unreadable => {
            ctx.store.read_text()?;
            bail!("{}: cannot be read", ctx.store.display())
        }
    }
}

/// What curl sends for HOST, from the one curl model `explain` shows (`readers::curl_lookup`).
pub(super) fn get(ctx: &Located, args: GetArgs) -> Result<Outcome> {
    // `add` refuses a machine named `default`; curl looks such a host up like any other.
    let host = match args.host.eq_ignore_ascii_case("default") {
        true => "default".to_string(),
        false => machine_name(&args.host)?,
    };
    let Some(bytes) = curl_bytes(ctx)? else {
        note(format!("{} does not exist", ctx.store.display()));
        return Ok(Outcome::Findings);
    };
    let lookup = readers::curl_lookup(&bytes, &host, ctx.platform);
    if let Parse::Failed { line, why } = &lookup.parse {
        let place = Place {
            file: ctx.store.path().to_path_buf(),
            position: line.map(|line| Position { line, column: 1 }),
        };
        bail!("{place}: {why}");
    }
    let Some(pick) = lookup.pick else {
        note(format!(
            "curl sends nothing for {host} from {}: {}",
            ctx.store.display(),
            lookup.why
        ));
        return Ok(Outcome::Findings);
    };
    // The account of the entry curl picked, from the bytes curl read (no second read).
    let account = std::str::from_utf8(&bytes).ok().and_then(|text| {
        let doc = crate::netrc::Document::parse(text).ok()?;
        doc.entries()
            .find(|e| e.kind() != EntryKind::Macro && e.position().line == pick.line)
            .and_then(|e| e.account())
    });
    // A token as the login (scrub's `login TOKEN password ""`) is printed only when asked for.
    let login_is_token = !args.login && login_is_secret(&pick.login);
    let login = if login_is_token {
        "***".to_string()
    } else {
        pick.login.clone()
    };
    if login_is_token && !args.password {
        note(format!(
            "the login for {host} looks like a token and is shown as ***; pass --login to print it"
        ));
    }
    if args.json {
        let got = GotEntry {
            machine: pick.machine.clone(),
            login: Some(login),
            login_is_token,
            // A token-shaped account (some tools keep a key there) goes with the password.
            account: account.map(|a| if args.password { a } else { masked(a) }),
            // Asked for by name: the one place a password is printed.
            password: args.password.then(|| pick.password.expose().to_string()),
        };
        messages::out_line(&serde_json::to_string(&got)?)?;
    } else if args.password {
        if pick.password.expose().is_empty() {
            note(format!("curl sends an empty password for {host}"));
        }
        messages::out_line(pick.password.expose())?;
    } else {
        messages::out_line(&login)?;
    }
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_login_is_asked_for_only_on_a_terminal() {
        assert_eq!(
            login_from(Some("bob"), false).unwrap(),
            LoginFrom::Flag("bob")
        );
        assert_eq!(
            login_from(Some("bob"), true).unwrap(),
            LoginFrom::Flag("bob")
        );
        assert_eq!(login_from(None, true).unwrap(), LoginFrom::Prompt);
        let refused = login_from(None, false).unwrap_err().to_string();
        assert!(refused.contains("pass --login LOGIN"), "{refused}");
    }
}
