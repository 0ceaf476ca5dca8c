//! The check every write makes before it saves: after the edit, each reader that is held to
//! the write still parses the file and resolves each touched host to exactly what was asked.
//!
//! The reader models of this module's parent are the only judges: no rule here knows a
//! shape of file. Which readers are held:
//!
//! - *required* (curl before and since 8.16, and git linked with either; requests/pip/Ray;
//!   uv; Python's `netrc`): each one that parsed the file before the edit (every one, when a
//!   source gives up its credential) must parse it after and resolve every touched host as
//!   asked;
//! - *kept* (Go's cmd/go, the Ruby gem): one that parsed the file before must still parse
//!   it; which entry it picks is not held (cmd/go has no `default` and stops at one; the gem
//!   cuts values at `#`), so a write never fails on their design alone.

use std::fmt;
use std::path::{Path, PathBuf};

use super::{Context, FileState, Lookup, Parse, Pick, ReaderId, UrlFacts, verdict};
use crate::secret::Secret;
use crate::{Environment, Platform};

/// What a write asks of one target.
#[derive(Debug, Clone)]
pub struct Intent {
    /// The machine name written; `None` for the `default` entry.
    pub machine: Option<String>,
    /// What the readers should do with it.
    pub expect: Expect,
}

/// The credentials a target should resolve to after the write, or should no longer.
#[derive(Clone)]
pub enum Expect {
    /// `add`, `scrub`: every held reader sends exactly these.
    Sends {
        /// The login.
        login: String,
        /// The password.
        password: Secret,
    },
    /// `remove`: no held reader sends these any more (another entry, such as `default`, may
    /// still answer with other credentials: that is what removing one entry means).
    Forgets {
        /// The login.
        login: String,
        /// The password.
        password: Secret,
    },
}

/// A login can be a token: Debug names the kind of expectation, never a value.
impl fmt::Debug for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expect::Sends { .. } => f.write_str("Sends { .. }"),
            Expect::Forgets { .. } => f.write_str("Forgets { .. }"),
        }
    }
}

/// Which readers a write is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// The readers that parsed the file before the edit (`add`, `remove`).
    ParsedBefore,
    /// Every required reader: a source gives up its credential, so its clients must find
    /// it in the netrc (`scrub`).
    Every,
}

/// The readers checked, each once (git links libcurl and reads as the curl of its version).
const REQUIRED: [ReaderId; 5] = [
    ReaderId::CurlBefore816,
    ReaderId::Curl816,
    ReaderId::Requests,
    ReaderId::Uv,
    ReaderId::PythonNetrcPath,
];
const KEPT: [ReaderId; 2] = [ReaderId::Go, ReaderId::RubyGem];

/// The name a refusal gives a reader.
pub(crate) fn reader_label(reader: ReaderId) -> &'static str {
    match reader {
        ReaderId::CurlBefore816 | ReaderId::GitBefore816 => "curl < 8.16 (and git linked with it)",
        ReaderId::Curl816 | ReaderId::Git816 => "curl >= 8.16 (and git linked with it)",
        ReaderId::Requests => "requests/pip/Ray",
        ReaderId::Uv => "uv",
        ReaderId::PythonNetrcDefault | ReaderId::PythonNetrcPath => "Python netrc",
        ReaderId::Go => "Go (cmd/go)",
        ReaderId::RubyGem => "Ruby netrc gem",
    }
}

/// What a reader would do instead of what was asked. Never holds a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Instead {
    /// It rejects the whole file (so reads nothing from it, for any host); `since_edit`:
    /// it read the file before this edit.
    RejectsFile {
        /// The line the reader stopped at, when it says.
        line: Option<usize>,
        /// What it says.
        why: String,
        /// It read the file before this edit.
        since_edit: bool,
    },
    /// It sends nothing for the host.
    Nothing,
    /// It sends the credentials of another entry.
    Entry {
        /// The line of that entry.
        line: usize,
    },
    /// It sends the `default` entry's credentials.
    Default {
        /// The line of the `default` entry.
        line: usize,
    },
    /// It still sends the removed credentials, from the entry at this line.
    Still {
        /// The line of the entry that still sends them.
        line: usize,
    },
}

impl fmt::Display for Instead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Instead::RejectsFile {
                line,
                why,
                since_edit,
            } => {
                let when = if *since_edit {
                    " that it read before this edit"
                } else {
                    ""
                };
                match line {
                    Some(l) => write!(f, "rejects the whole file{when} (line {l}: {why})"),
                    None => write!(f, "rejects the whole file{when} ({why})"),
                }
            }
            Instead::Nothing => write!(f, "sends nothing"),
            Instead::Entry { line } => write!(f, "sends the entry at line {line}"),
            Instead::Default { line } => {
                write!(f, "sends the `default` entry's credentials at line {line}")
            }
            Instead::Still { line } => {
                write!(
                    f,
                    "still sends the removed credentials, from the entry at line {line}"
                )
            }
        }
    }
}

/// One target that some readers would not resolve as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The machine name, or `default`.
    pub target: String,
    /// Each reader and what it would do (readers doing the same thing share a line).
    pub readers: Vec<(Vec<&'static str>, Instead)>,
    /// How to fix it.
    pub fix: String,
}

/// Why a write was refused: what the readers would make of the edited file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Every target or file some held reader would not read as asked.
    pub disagreements: Vec<Disagreement>,
}

/// Targets named in one block at most; the rest are counted.
const TARGETS_SHOWN: usize = 5;

/// Targets the readers treat alike share one block, so a refusal of thousands of hosts
/// stays a few lines.
impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut blocks: Vec<(Vec<&str>, &Disagreement)> = Vec::new();
        for d in &self.disagreements {
            match blocks.iter_mut().find(|(_, o)| {
                o.readers == d.readers
                    && o.fix.replace(&o.target, "") == d.fix.replace(&d.target, "")
            }) {
                Some((targets, _)) => targets.push(&d.target),
                None => blocks.push((vec![&d.target], d)),
            }
        }
        for (n, (targets, d)) in blocks.iter().enumerate() {
            if n > 0 {
                writeln!(f)?;
            }
            // Lines under a message's first: the hosts indented two spaces, what each
            // reader does and the fix four.
            write!(
                f,
                "  {}",
                targets[..targets.len().min(TARGETS_SHOWN)].join(", ")
            )?;
            if targets.len() > TARGETS_SHOWN {
                write!(f, " and {} more", targets.len() - TARGETS_SHOWN)?;
            }
            write!(f, ": after this write")?;
            for (readers, instead) in &d.readers {
                write!(f, "\n    {}: {instead}", readers.join(", "))?;
            }
            write!(f, "\n    fix: {}", d.fix)?;
        }
        Ok(())
    }
}

impl std::error::Error for Refusal {}

/// A host no entry names, to ask the readers for the `default` entry.
const DEFAULT_PROBE: &str = "netrc-guard-default-probe.invalid";

fn url_of(host: &str) -> Option<UrlFacts> {
    let shown = if host.contains(':') {
        format!("https://[{host}]/")
    } else {
        format!("https://{host}/")
    };
    UrlFacts::parse(&shown).ok()
}

/// Whether `reader` looks a URL naming `host` up under that very name. One that looks up
/// another spelling (uv: an IPv6 address in brackets) never finds the entry, whatever the
/// file holds; that is a question of names, which the write commands warn about, not of
/// the file's shape, which this check is about.
fn looks_up_as_written(reader: ReaderId, host: &str) -> bool {
    let Some(url) = url_of(host) else {
        return false;
    };
    let name = match reader {
        ReaderId::CurlBefore816 | ReaderId::Curl816 | ReaderId::GitBefore816 | ReaderId::Git816 => {
            return url.curl_host().eq_ignore_ascii_case(host);
        }
        ReaderId::Uv => url.uv_host(),
        ReaderId::Go => url.go_host(),
        ReaderId::RubyGem => url.ruby_host(),
        _ => url.python_host(),
    };
    name == host
}

/// What `reader` makes of `bytes` for `host` (a machine name as netrc-guard writes it):
/// the file as the one it opens, mode 0600 and owned by the user.
pub(crate) fn resolve(reader: ReaderId, bytes: &[u8], host: &str) -> Option<Lookup> {
    let url = url_of(host)?;
    let root = PathBuf::from("/netrc-guard-verify");
    let env = Environment {
        netrc: Some(root.join(".netrc").into_os_string()),
        home: Some(root.clone().into_os_string()),
        userprofile: Some(root.clone().into_os_string()),
        fallback_home: Some(root.clone()),
    };
    let files = |_: &Path| FileState::Regular {
        bytes: bytes.to_vec(),
        mode: Some(0o600),
        owned_by_user: Some(true),
    };
    let ctx = Context {
        platform: Platform::current(),
        env: &env,
        netrc_override: Some(&root.join(".netrc")),
        url: &url,
        files: &files,
    };
    Some(verdict(&ctx, reader).lookup)
}

fn parses(reader: ReaderId, bytes: &[u8]) -> bool {
    resolve(reader, bytes, DEFAULT_PROBE).is_none_or(|l| !matches!(l.parse, Parse::Failed { .. }))
}

fn rejected(lookup: &Lookup, since_edit: bool) -> Option<Instead> {
    match &lookup.parse {
        Parse::Failed { line, why } => Some(Instead::RejectsFile {
            line: *line,
            why: why.clone(),
            since_edit,
        }),
        _ => None,
    }
}

fn sends(pick: &Pick, login: &str, password: &Secret) -> bool {
    pick.login == login && pick.password == *password
}

/// What `reader` makes of `bytes` for each of `hosts`: the file parsed once where the model
/// allows it, and not looked into per host when the reader rejects it whole.
fn lookups(reader: ReaderId, bytes: &[u8], hosts: &[&str]) -> Vec<Lookup> {
    if let Some(whole) =
        resolve(reader, bytes, DEFAULT_PROBE).filter(|l| matches!(l.parse, Parse::Failed { .. }))
    {
        return vec![whole; hosts.len()];
    }
    super::python::lookups(reader, bytes, hosts).unwrap_or_else(|| {
        hosts
            .iter()
            .map(|h| resolve(reader, bytes, h).unwrap_or_else(|| Lookup::nothing(Parse::Read, "")))
            .collect()
    })
}

/// What a reader's `lookup` for `intent` does, if it is not what was asked.
fn judge(lookup: &Lookup, intent: &Intent, read_before: bool) -> Option<Instead> {
    if let Some(r) = rejected(lookup, read_before) {
        return Some(r);
    }
    match (&intent.expect, &lookup.pick) {
        (Expect::Sends { login, password }, Some(p)) if sends(p, login, password) => None,
        (Expect::Sends { .. }, None) => Some(Instead::Nothing),
        (Expect::Sends { .. }, Some(p)) => Some(match p.machine {
            None if intent.machine.is_some() => Instead::Default { line: p.line },
            _ => Instead::Entry { line: p.line },
        }),
        (Expect::Forgets { login, password }, Some(p)) if sends(p, login, password) => {
            Some(Instead::Still { line: p.line })
        }
        (Expect::Forgets { .. }, _) => None,
    }
}

/// For each intent, the required readers that would not resolve it as asked, and what
/// they would do instead.
fn judge_all(
    after: &[u8],
    intents: &[Intent],
    required: &[(ReaderId, bool)],
) -> Vec<Vec<(ReaderId, Instead)>> {
    let hosts: Vec<&str> = intents
        .iter()
        .map(|i| i.machine.as_deref().unwrap_or(DEFAULT_PROBE))
        .collect();
    let mut out = vec![Vec::new(); intents.len()];
    for &(reader, read_before) in required {
        let asked: Vec<usize> = (0..intents.len())
            .filter(|&i| looks_up_as_written(reader, hosts[i]))
            .collect();
        let names: Vec<&str> = asked.iter().map(|&i| hosts[i]).collect();
        for (&i, lookup) in asked.iter().zip(lookups(reader, after, &names)) {
            if let Some(instead) = judge(&lookup, &intents[i], read_before) {
                out[i].push((reader, instead));
            }
        }
    }
    out
}

/// How to make the readers agree, from what they would do instead.
fn fix_for(insteads: &[&Instead], target: &str) -> String {
    let has = |f: fn(&Instead) -> bool| insteads.iter().any(|i| f(i));
    if has(|i| {
        matches!(
            i,
            Instead::RejectsFile {
                since_edit: true,
                ..
            }
        )
    }) {
        "the file as this write would leave it is one that reader rejects, at the line named (counted in the edited file): a value too long or in a form it reads differently, or text the edit leaves in a place it refuses (a comment after an empty line, for Python); change the value, or edit the file by hand around that place, then run the command again".into()
    } else if has(|i| matches!(i, Instead::RejectsFile { .. })) {
        "correct the file where the reader stops (`netrc-guard check` and `netrc-guard explain` name the line), then run the command again".into()
    } else if has(|i| matches!(i, Instead::Default { .. })) {
        "move the `default` entry to the end of the file (readers that meet it first use it), then run the command again".into()
    } else if has(|i| matches!(i, Instead::Entry { .. } | Instead::Still { .. })) {
        format!(
            "{target} has more than one entry (curl uses the first, Python the last): `netrc-guard remove {target}` removes every one of them; then add the credential again"
        )
    } else {
        "a reader skips the written entry (`netrc-guard check` names the lines it skips): shorten or correct it, then run the command again".into()
    }
}

/// Checks a write: `before` and `after` are the whole file (`before` empty when there was
/// none). `Err` names every target some held reader would not resolve as asked, and every
/// reader the edit stops from parsing the file.
pub fn check_write(
    before: &[u8],
    after: &[u8],
    intents: &[Intent],
    held: Held,
) -> Result<(), Refusal> {
    let required: Vec<(ReaderId, bool)> = REQUIRED
        .into_iter()
        .map(|r| (r, parses(r, before)))
        .filter(|(_, read)| *read || held == Held::Every)
        .collect();
    let mut disagreements = Vec::new();
    for (intent, insteads) in intents.iter().zip(judge_all(after, intents, &required)) {
        if insteads.is_empty() {
            continue;
        }
        let target = intent.machine.clone().unwrap_or_else(|| "default".into());
        let mut grouped: Vec<(Vec<&'static str>, Instead)> = Vec::new();
        for (reader, instead) in insteads {
            match grouped.iter_mut().find(|(_, i)| *i == instead) {
                Some((names, _)) => names.push(reader_label(reader)),
                None => grouped.push((vec![reader_label(reader)], instead)),
            }
        }
        let insteads: Vec<&Instead> = grouped.iter().map(|(_, i)| i).collect();
        let fix = fix_for(&insteads, &target);
        disagreements.push(Disagreement {
            target,
            readers: grouped,
            fix,
        });
    }
    let broken: Vec<(Vec<&'static str>, Instead)> = KEPT
        .into_iter()
        .filter(|r| parses(*r, before) && !parses(*r, after))
        .filter_map(|r| {
            let lookup = resolve(r, after, DEFAULT_PROBE)?;
            Some((vec![reader_label(r)], rejected(&lookup, true)?))
        })
        .collect();
    if !broken.is_empty() {
        disagreements.push(Disagreement {
            target: "the file".into(),
            readers: broken,
            fix: fix_for(
                &[&Instead::RejectsFile {
                    line: None,
                    why: String::new(),
                    since_edit: true,
                }],
                "",
            ),
        });
    }
    if disagreements.is_empty() {
        Ok(())
    } else {
        Err(Refusal { disagreements })
    }
}

/// The required readers that reject `bytes` whole, each with what it says (the line and
/// its reason): a write there reaches none of them. Grouped like a refusal's lines.
pub fn rejecting_readers(bytes: &[u8]) -> Vec<(Vec<&'static str>, Instead)> {
    let mut grouped: Vec<(Vec<&'static str>, Instead)> = Vec::new();
    for reader in REQUIRED {
        let Some(instead) = resolve(reader, bytes, DEFAULT_PROBE).and_then(|l| rejected(&l, false))
        else {
            continue;
        };
        match grouped.iter_mut().find(|(_, i)| *i == instead) {
            Some((names, _)) => names.push(reader_label(reader)),
            None => grouped.push((vec![reader_label(reader)], instead)),
        }
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sends(machine: &str, login: &str, password: &str) -> Intent {
        Intent {
            machine: Some(machine.into()),
            expect: Expect::Sends {
                login: login.into(),
                password: Secret::new(password),
            },
        }
    }

    fn check(before: &str, after: &str, intent: Intent) -> Result<(), Refusal> {
        check_write(
            before.as_bytes(),
            after.as_bytes(),
            &[intent],
            Held::ParsedBefore,
        )
    }

    #[test]
    fn debug_shows_no_value() {
        let shown = format!(
            "{:?}",
            sends("a.org", "ghp_0123456789abcdefghijABCDEFGHIJ012345", "P4ss")
        );
        assert!(
            !shown.contains("ghp_") && !shown.contains("P4ss"),
            "{shown}"
        );
    }

    #[test]
    fn a_plain_entry_passes() {
        let after = "machine example.org login alice password P\n";
        assert_eq!(check("", after, sends("example.org", "alice", "P")), Ok(()));
    }

    #[test]
    fn a_default_before_the_machine_is_what_curl_sends() {
        let after = "default login d password D\nmachine example.org login alice password P\n";
        let refusal = check(after, after, sends("example.org", "alice", "P")).unwrap_err();
        let text = refusal.to_string();
        assert!(text.contains("curl < 8.16"), "{text}");
        assert!(
            text.contains("`default` entry's credentials at line 1"),
            "{text}"
        );
        assert!(!text.contains("requests"), "{text}");
        assert!(!text.contains(" D"), "{text}");
    }

    #[test]
    fn duplicates_split_curl_and_python() {
        let after =
            "machine example.org login new password N\nmachine example.org login old2 password O\n";
        let text = check(after, after, sends("example.org", "new", "N"))
            .unwrap_err()
            .to_string();
        assert!(text.contains("requests/pip/Ray"), "{text}");
        assert!(text.contains("sends the entry at line 2"), "{text}");
        assert!(!text.contains("\n  curl"), "{text}");
    }

    #[test]
    fn a_file_python_refuses_after_the_write_is_refused() {
        let before = "machine a.org login a password A\n";
        let after = "machine a.org login a password A\n\n# old tokens below\nmachine b.org login b password B\n";
        let text = check(before, after, sends("b.org", "b", "B"))
            .unwrap_err()
            .to_string();
        assert!(text.contains("Python netrc"), "{text}");
        assert!(text.contains("rejects the whole file"), "{text}");
    }

    #[test]
    fn a_reader_that_failed_before_is_not_held_unless_every_one_is() {
        let text = "machine a.org login a password A port 22\n";
        assert_eq!(check(text, text, sends("a.org", "a", "A")), Ok(()));
        let every = check_write(
            text.as_bytes(),
            text.as_bytes(),
            &[sends("a.org", "a", "A")],
            Held::Every,
        );
        assert!(every.unwrap_err().to_string().contains("requests/pip/Ray"));
    }

    #[test]
    fn the_default_entry_is_asked_for_a_host_no_entry_names() {
        let default = |login: &str| Intent {
            machine: None,
            expect: Expect::Sends {
                login: login.into(),
                password: Secret::new("D"),
            },
        };
        let last = "machine a.org login a password A\ndefault login d password D\n";
        assert_eq!(check("", last, default("d")), Ok(()));
        // Two defaults: curl takes the first, Python the last.
        let two = "default login x password D\nmachine a.org login a password A\ndefault login d password D\n";
        let text = check("", two, default("d")).unwrap_err().to_string();
        assert!(text.contains("curl < 8.16"), "{text}");
    }

    #[test]
    fn forgetting_allows_a_default_but_not_a_duplicate() {
        let forgets = |m: &str| Intent {
            machine: Some(m.into()),
            expect: Expect::Forgets {
                login: "a".into(),
                password: Secret::new("A"),
            },
        };
        let after = "machine b.org login b password B\ndefault login d password D\n";
        assert_eq!(check("", after, forgets("a.org")), Ok(()));
        let dup = "machine a.org login a password A\n";
        assert!(check(dup, dup, forgets("a.org")).is_err());
    }
}
