//! curl and git (through libcurl): which file curl before 8.16 reads, and what the two
//! parsers (`curl788`, `curl816`) share.
//!
//! Both scan the file as a state machine over whitespace-separated words; the first entry
//! that matches (case-insensitively) wins once it has a login and a password, `default`
//! counts where it stands, and an entry missing a field lets the scan go on.

use super::files::{self, Candidate};
use super::{Context, FileUse, Lookup, Parse, Pick, ReaderId, read_with};
use crate::Platform;
use crate::secret::Secret;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum State {
    #[default]
    Nothing,
    HostFound,
    HostValid,
    Macdef,
}

/// What the scan found, with the lines the values came from.
#[derive(Default)]
pub(super) struct Scan {
    pub(super) state: State,
    /// Line of the last `machine` keyword (the entry a name belongs to).
    pub(super) machine_line: usize,
    /// The entry being read: machine name (`None` for default) and its line.
    pub(super) entry: Option<(Option<String>, usize)>,
    pub(super) login: Option<(String, (Option<String>, usize))>,
    pub(super) password: Option<(String, (Option<String>, usize))>,
    /// `login` or `password` seen; the next word is its value.
    pub(super) pending: Option<Field>,
    pub(super) notes: Vec<String>,
}

impl Scan {
    pub(super) fn matched(&mut self, machine: Option<String>, line: usize) {
        self.state = State::HostValid;
        self.entry = Some((machine, line));
    }

    pub(super) fn set_login(&mut self, tok: &[u8]) {
        let entry = self.entry.clone().unwrap_or((None, 0));
        self.login = Some((lossy(tok), entry));
    }

    pub(super) fn set_password(&mut self, tok: &[u8]) {
        let entry = self.entry.clone().unwrap_or((None, 0));
        self.password = Some((lossy(tok), entry));
    }

    /// The pick and why, once the scan has ended; `any_match` says whether an entry matched.
    pub(super) fn finish(self, host: &str, any_match: bool, version: &str) -> Lookup {
        let mut lookup = Lookup::nothing(Parse::Read, "");
        lookup.notes = self.notes;
        if !any_match {
            lookup.why = format!("no machine entry matches {host} and there is no `default`");
            return lookup;
        }
        let source = self
            .login
            .as_ref()
            .or(self.password.as_ref())
            .map(|(_, e)| e.clone());
        let Some((machine, line)) = source else {
            lookup.why = "the matching entry has neither login nor password".into();
            return lookup;
        };
        let mixed = match (&self.login, &self.password) {
            (Some((_, a)), Some((_, b))) if a.1 != b.1 => Some((a.1, b.1)),
            _ => None,
        };
        lookup.why = match (&machine, mixed) {
            (_, Some((l, p))) => format!(
                "the entry it matched first lacked a field, so {version} read on: login from the entry at line {l}, password from the entry at line {p}"
            ),
            (Some(m), None) if m != host => format!(
                "the first machine entry matching {host} (written `{m}`; curl compares case-insensitively)"
            ),
            (Some(_), None) => format!("the first machine entry matching {host}"),
            (None, None) => {
                "`default`, where it stands: no machine before it matched (curl does not look past it)"
                    .to_string()
            }
        };
        lookup.pick = Some(Pick {
            machine,
            line,
            login: self.login.map(|(v, _)| v).unwrap_or_default(),
            password: Secret::new(self.password.map(|(v, _)| v).unwrap_or_default()),
        });
        lookup
    }
}

pub(super) fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

pub(super) fn is_word(tok: &[u8], keyword: &str) -> bool {
    tok.eq_ignore_ascii_case(keyword.as_bytes())
}

/// Windows opens the file in text mode: CRLF reads as LF.
pub(super) fn text_mode(bytes: &[u8], platform: Platform) -> Vec<u8> {
    match platform {
        Platform::Unix => bytes.to_vec(),
        Platform::Windows => {
            let mut out = Vec::with_capacity(bytes.len());
            for (i, &b) in bytes.iter().enumerate() {
                if !(b == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
                    out.push(b);
                }
            }
            out
        }
    }
}

/// A double-quoted word from `start` (at the quote): its value and the index after the
/// closing quote, or `None` when it is unterminated (curl gives up on the file).
pub(super) fn quoted(buf: &[u8], start: usize) -> Option<(Vec<u8>, usize)> {
    let mut out = Vec::new();
    let mut j = start + 1;
    let mut escape = false;
    while j < buf.len() {
        let mut c = buf[j];
        if escape {
            escape = false;
            c = match c {
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                other => other,
            };
        } else if c == b'\\' {
            escape = true;
            j += 1;
            continue;
        } else if c == b'"' {
            return Some((out, j + 1));
        }
        out.push(c);
        j += 1;
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Login,
    Password,
}

pub(super) fn failed(line: usize, what: &str) -> Lookup {
    Lookup::nothing(
        Parse::Failed {
            line: Some(line),
            why: format!("{what}: curl stops with a netrc error and sends nothing"),
        },
        "the file does not parse for this reader",
    )
}

/// curl before 8.16 (and git linked with it): `$HOME/.netrc` only, never `NETRC`; on
/// Windows `_netrc` too when `.netrc` is missing or has no match (7.88's return code does
/// not tell the two apart).
pub(super) fn before_816(ctx: &Context<'_>, reader: ReaderId) -> (FileUse, Lookup) {
    let host = ctx.url.curl_host();
    let ignored = match ctx.netrc_var() {
        Some((_, name)) => format!("; {name} is ignored before 8.16"),
        None => String::new(),
    };
    let prefix = if reader == ReaderId::GitBefore816 {
        "git passes no netrc path to libcurl: "
    } else {
        "`curl --netrc`: "
    };
    let Some(home) = files::curl_home(ctx) else {
        return no_home(prefix);
    };
    let names = files::home_names(ctx.platform, &[".netrc", "_netrc"]);
    let mut last = None;
    for name in names {
        let c: Candidate = files::in_home(&home, name, &ignored);
        let state = ctx.state(&c.path);
        let file = FileUse {
            exists: state.exists(),
            path: Some(c.path),
            why: format!("{prefix}{}", c.why),
        };
        let lookup = read_with(&state, |b, _, _| super::curl_lookup(b, &host, ctx.platform));
        let done = lookup.pick.is_some() || matches!(lookup.parse, Parse::Failed { .. });
        last = Some((file, lookup));
        if done {
            break;
        }
    }
    last.unwrap_or_else(|| no_home(prefix))
}

pub(super) fn no_home(prefix: &str) -> (FileUse, Lookup) {
    (
        FileUse {
            path: None,
            why: format!("{prefix}no home directory"),
            exists: false,
        },
        Lookup::nothing(Parse::NoFile, "no netrc file"),
    )
}
