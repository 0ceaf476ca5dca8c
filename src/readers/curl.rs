//! curl and git (through libcurl): `lib/netrc.c` before 8.16 (as curl 7.88 behaves) and
//! from 8.16 on (which also reads `NETRC`).
//!
//! Both scan the file as a state machine over whitespace-separated words; the first entry
//! that matches (case-insensitively) wins once it has a login and a password, `default`
//! counts where it stands, and an entry missing a field lets the scan go on.

use super::files::{self, Candidate};
use super::{Context, FileUse, Lookup, Parse, Pick, ReaderId, read_with};
use crate::secret::Secret;
use crate::store::Platform;

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

/// C's `isspace`.
fn c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
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

/// curl 7.84–8.10 (measured: 7.88): line by line, lines of 4095 bytes or more skipped,
/// a word starting with `#` ends the line.
pub(super) fn parse_before_816(bytes: &[u8], host: &str, platform: Platform) -> Lookup {
    let text = text_mode(bytes, platform);
    let mut scan = Scan::default();
    let mut any_match = false;
    if text.starts_with(b"\xef\xbb\xbf") {
        scan.notes.push(
            "the file starts with a UTF-8 byte-order mark: curl reads it as part of the first word, so that keyword is lost"
                .into(),
        );
    }
    let mut line_no = 0;
    'lines: for raw in text.split_inclusive(|&b| b == b'\n') {
        line_no += 1;
        let has_newline = raw.ends_with(b"\n");
        if raw.len() > if has_newline { 4095 } else { 4094 } {
            let len = raw.len() - usize::from(has_newline);
            scan.notes.push(format!(
                "line {line_no} is {len} bytes long: curl before 8.16 skips lines of 4095 bytes or more"
            ));
            continue;
        }
        let line = &raw[..memchr::memchr(0, raw).unwrap_or(raw.len())];
        if scan.state == State::Macdef {
            if matches!(line.first(), Some(b'\n' | b'\r')) {
                scan.state = State::Nothing;
            } else {
                continue;
            }
        }
        let mut i = 0;
        loop {
            while i < line.len() && (line[i] == b' ' || line[i] == b'\t') {
                i += 1;
            }
            if i >= line.len() {
                break;
            }
            if line[i] == b'#' {
                if scan.state == State::HostValid
                    && (scan.login.is_none() || scan.password.is_none())
                    && i > 0
                {
                    scan.notes.push(format!(
                        "line {line_no}: a word starting with `#` ends the line for curl before 8.11; what follows on that line is ignored"
                    ));
                }
                break;
            }
            let (tok, next) = if line[i] == b'"' {
                match quoted(line, i) {
                    Some((value, end)) => (value, end + 1),
                    None => {
                        return failed(line_no, "an unterminated quoted value");
                    }
                }
            } else {
                let start = i;
                while i < line.len() && !c_space(line[i]) {
                    i += 1;
                }
                (line[start..i].to_vec(), i + 1)
            };
            let has = |v: &Option<(String, _)>| v.as_ref().is_some_and(|(s, _)| !s.is_empty());
            // A password given, even `""`, ends the search (measured, 7.88: `login X
            // password ""` then `default` sends `X:`); a missing one reads on.
            if has(&scan.login) && scan.password.is_some() {
                break 'lines;
            }
            step_before_816(&mut scan, &tok, line_no, host, &mut any_match);
            i = next;
        }
    }
    scan.finish(host, any_match, "curl")
}

fn step_before_816(scan: &mut Scan, tok: &[u8], line: usize, host: &str, any: &mut bool) {
    match scan.state {
        State::Nothing => {
            if is_word(tok, "macdef") {
                scan.state = State::Macdef;
            } else if is_word(tok, "machine") {
                scan.state = State::HostFound;
                scan.machine_line = line;
            } else if is_word(tok, "default") {
                *any = true;
                scan.matched(None, line);
            }
        }
        State::Macdef => {
            if tok.is_empty() {
                scan.state = State::Nothing;
            }
        }
        State::HostFound => {
            if tok.eq_ignore_ascii_case(host.as_bytes()) {
                *any = true;
                let at = scan.machine_line;
                scan.matched(Some(lossy(tok)), at);
            } else {
                scan.state = State::Nothing;
            }
        }
        State::HostValid => step_fields(scan, tok, line),
    }
}

/// Inside a matched entry: `login`/`password` values; `machine` starts the next entry.
pub(super) fn step_fields(scan: &mut Scan, tok: &[u8], line: usize) {
    match scan.pending.take() {
        Some(Field::Login) => scan.set_login(tok),
        Some(Field::Password) => scan.set_password(tok),
        None if is_word(tok, "login") => scan.pending = Some(Field::Login),
        None if is_word(tok, "password") => scan.pending = Some(Field::Password),
        None if is_word(tok, "machine") => {
            scan.state = State::HostFound;
            scan.machine_line = line;
        }
        None => {}
    }
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
        let lookup = read_with(&state, |b, _, _| parse_before_816(b, &host, ctx.platform));
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
