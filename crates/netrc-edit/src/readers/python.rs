//! CPython's `netrc` module (3.11+), and the readers built on it: requests (so pip and
//! Ray) and uv, whose Rust `netrc` crate is a line-by-line translation of it.
//!
//! The parser raises on the first word it does not know (a byte-order mark before
//! `machine`, `port`, `protocol`, the words of a comment that follows a blank line), and the
//! caller then gets nothing from the file, for any host. Duplicates: the last one wins.

use std::collections::HashMap;
use std::path::Path;

use super::files::{self, Candidate};
use super::{Context, FileUse, Lookup, Parse, Pick, ReaderId, read_with};
use crate::Platform;
use crate::secret::Secret;

/// CPython, or the Rust crate uv uses (lossy UTF-8, no newline translation, a macro may end
/// at a blank-looking line or at the end of the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flavor {
    CPython,
    RustCrate,
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    /// The module's own counter: `readline` does not advance it (its comment logic
    /// depends on that).
    lineno: usize,
    /// The real line, for messages.
    line: usize,
    pushback: Vec<(String, usize)>,
    flavor: Flavor,
}

impl Lexer {
    fn read_char(&mut self) -> Option<char> {
        let c = *self.chars.get(self.pos)?;
        self.pos += 1;
        if c == '\n' {
            self.lineno += 1;
            self.line += 1;
        }
        Some(c)
    }

    fn escaped(&mut self) -> Option<char> {
        match (self.read_char(), self.flavor) {
            (Some(c), _) => Some(c),
            (None, Flavor::RustCrate) => Some(' '),
            (None, Flavor::CPython) => None,
        }
    }

    /// The next word and the line it starts on.
    fn token(&mut self) -> (String, usize) {
        if !self.pushback.is_empty() {
            return self.pushback.remove(0);
        }
        let mut token = String::new();
        while let Some(c) = self.read_char() {
            if matches!(c, '\n' | '\t' | '\r' | ' ') {
                continue;
            }
            let at = self.line;
            if c == '"' {
                while let Some(c) = self.read_char() {
                    match c {
                        '"' => return (token, at),
                        '\\' => token.extend(self.escaped()),
                        _ => token.push(c),
                    }
                }
                return (token, at);
            }
            if c == '\\' {
                token.extend(self.escaped());
            } else {
                token.push(c);
            }
            while let Some(c) = self.read_char() {
                match c {
                    '\n' | '\t' | '\r' | ' ' => return (token, at),
                    '\\' => token.extend(self.escaped()),
                    _ => token.push(c),
                }
            }
            return (token, at);
        }
        (token, self.line)
    }

    /// The rest of the line, newline included (CPython) or not (the crate).
    fn readline(&mut self) -> String {
        let mut out = String::new();
        while let Some(&c) = self.chars.get(self.pos) {
            self.pos += 1;
            if c == '\n' {
                self.line += 1;
                if self.flavor == Flavor::CPython {
                    out.push(c);
                }
                break;
            }
            out.push(c);
        }
        out
    }
}

/// One entry as the module keeps it: `(login, account, password)` and where it was.
#[derive(Clone)]
struct Entry {
    login: String,
    account: String,
    password: Secret,
    line: usize,
}

pub(super) struct Parsed {
    hosts: HashMap<String, Entry>,
    /// Machine names in file order, duplicates included, for the reasons.
    names: Vec<String>,
}

/// What the security check of `netrc.netrc()` without a path needs.
#[derive(Clone, Copy)]
pub(super) struct Security {
    pub mode: Option<u32>,
    pub owned_by_user: Option<bool>,
}

type Failure = (usize, String);

/// `netrc.netrc(file)._parse`, ported.
pub(super) fn parse(
    text: &str,
    flavor: Flavor,
    security: Option<Security>,
) -> Result<Parsed, Failure> {
    let mut lx = Lexer {
        chars: text.chars().collect(),
        pos: 0,
        lineno: 1,
        line: 1,
        pushback: Vec::new(),
        flavor,
    };
    let mut parsed = Parsed {
        hosts: HashMap::new(),
        names: Vec::new(),
    };
    loop {
        let saved = lx.lineno;
        let (tt, at) = lx.token();
        if tt.is_empty() {
            break;
        }
        if tt.starts_with('#') {
            if lx.lineno == saved && tt.chars().count() == 1 {
                lx.readline();
            }
            continue;
        }
        let name = match tt.as_str() {
            "machine" => lx.token().0,
            "default" => "default".to_string(),
            "macdef" => {
                lx.token();
                macro_body(&mut lx)?;
                continue;
            }
            _ => return Err((at, format!("bad toplevel token `{}`", shown_word(&tt)))),
        };
        if name.is_empty() {
            return Err((lx.line, format!("missing `{tt}` name")));
        }
        let entry = fields(&mut lx, at)?;
        if let Some(s) = security {
            check_security(s, &entry.login)?;
        }
        if tt == "machine" {
            parsed.names.push(name.clone());
        }
        parsed.hosts.insert(name, entry);
    }
    Ok(parsed)
}

fn macro_body(lx: &mut Lexer) -> Result<(), Failure> {
    loop {
        let at_end = lx.pos >= lx.chars.len();
        let line = lx.readline();
        match lx.flavor {
            Flavor::CPython if line.is_empty() && at_end => {
                return Err((
                    lx.line,
                    "macro definition missing null line terminator".into(),
                ));
            }
            Flavor::CPython if line == "\n" => return Ok(()),
            Flavor::RustCrate if line.trim().is_empty() => return Ok(()),
            _ => {}
        }
    }
}

fn fields(lx: &mut Lexer, line: usize) -> Result<Entry, Failure> {
    let mut entry = Entry {
        login: String::new(),
        account: String::new(),
        password: Secret::default(),
        line,
    };
    loop {
        let prev = lx.lineno;
        let (tt, at) = lx.token();
        if tt.starts_with('#') {
            if lx.lineno == prev {
                lx.readline();
            }
            continue;
        }
        match tt.as_str() {
            "" | "machine" | "default" | "macdef" => {
                lx.pushback.push((tt, at));
                return Ok(entry);
            }
            "login" | "user" => entry.login = lx.token().0,
            "account" => entry.account = lx.token().0,
            "password" => entry.password = Secret::new(lx.token().0),
            _ => return Err((at, format!("bad follower token `{}`", shown_word(&tt)))),
        }
    }
}

/// A word for an error message: keywords as they are, anything else (maybe a value) not.
fn shown_word(word: &str) -> String {
    const KNOWN: &[&str] = &[
        "port", "protocol", "passwd", "machine", "default", "login", "password", "account",
        "macdef", "user",
    ];
    let bare = word.trim_start_matches('\u{feff}');
    if KNOWN.contains(&bare) {
        word.replace('\u{feff}', "<BOM>")
    } else if word.starts_with('\u{feff}') {
        "<BOM>...".into()
    } else {
        "...".into()
    }
}

fn check_security(s: Security, login: &str) -> Result<(), Failure> {
    if login == "anonymous" {
        return Ok(());
    }
    if s.owned_by_user == Some(false) {
        return Err((0, "~/.netrc file owner does not match current user".into()));
    }
    if s.mode.is_some_and(|m| m & 0o077 != 0) {
        return Err((
            0,
            "~/.netrc access too permissive (group or others may access it)".into(),
        ));
    }
    Ok(())
}

/// Text as each flavor decodes it: CPython strictly, with universal newlines; the crate
/// lossily, as is.
fn decode(bytes: &[u8], flavor: Flavor) -> Result<String, Failure> {
    match flavor {
        Flavor::RustCrate => Ok(String::from_utf8_lossy(bytes).into_owned()),
        Flavor::CPython => match std::str::from_utf8(bytes) {
            Ok(t) => Ok(t.replace("\r\n", "\n").replace('\r', "\n")),
            Err(e) => Err((
                super::line_of(bytes, e.valid_up_to()),
                "not UTF-8: Python raises UnicodeDecodeError (requests lets it through: the request fails)".into(),
            )),
        },
    }
}

/// How a caller turns the module's answer into credentials.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Caller {
    /// `authenticators(host)`: `(login, password)` of the entry, or of `default`.
    Module,
    /// requests: nothing for an all-empty entry; the account stands in for a missing login.
    Requests,
}

fn lookup(
    bytes: &[u8],
    host: &str,
    flavor: Flavor,
    security: Option<Security>,
    caller: Caller,
) -> Lookup {
    let parsed = decode(bytes, flavor).and_then(|t| parse(&t, flavor, security));
    pick(&parsed, host, caller)
}

/// The lookups of many hosts in one file, parsed once (the check after a write asks for
/// every host it touched): what [`requests`], [`uv`] and [`module_path`] would answer for
/// each, given this file. `None` for a reader not built on this parser.
pub(super) fn lookups(reader: ReaderId, bytes: &[u8], hosts: &[&str]) -> Option<Vec<Lookup>> {
    let (flavor, caller) = match reader {
        ReaderId::Requests => (Flavor::CPython, Caller::Requests),
        ReaderId::Uv => (Flavor::RustCrate, Caller::Module),
        ReaderId::PythonNetrcPath => (Flavor::CPython, Caller::Module),
        _ => return None,
    };
    let parsed = decode(bytes, flavor).and_then(|t| parse(&t, flavor, None));
    Some(hosts.iter().map(|h| pick(&parsed, h, caller)).collect())
}

fn pick(parsed: &Result<Parsed, Failure>, host: &str, caller: Caller) -> Lookup {
    let parsed = match parsed {
        Ok(p) => p,
        Err((line, why)) => {
            return Lookup::nothing(
                Parse::Failed {
                    line: (*line > 0).then_some(*line),
                    why: why.clone(),
                },
                "the whole file is rejected, so no entry is read from it",
            );
        }
    };
    let mut out = Lookup::nothing(Parse::Read, "");
    let (entry, machine) = match parsed.hosts.get(host) {
        Some(e) => (e, Some(host.to_string())),
        None => match parsed.hosts.get("default") {
            Some(e) => (e, None),
            None => {
                out.why = format!(
                    "no machine entry is named exactly `{host}` and there is no `default`{}",
                    near_misses(parsed, host)
                );
                return out;
            }
        },
    };
    let duplicates = parsed.names.iter().filter(|n| *n == host).count();
    out.why = match (&machine, duplicates) {
        (Some(_), n) if n > 1 => {
            format!("the last of {n} machine entries named `{host}` (Python keeps the last)")
        }
        (Some(_), _) => format!("the machine entry named `{host}`"),
        (None, _) => format!(
            "`default`: no machine entry is named exactly `{host}`{}",
            near_misses(parsed, host)
        ),
    };
    let login = match caller {
        Caller::Requests if entry.login.is_empty() => entry.account.clone(),
        _ => entry.login.clone(),
    };
    if caller == Caller::Requests
        && login.is_empty()
        && entry.password.is_empty()
        && entry.account.is_empty()
    {
        out.why = format!("{}; it is empty, so requests sends nothing", out.why);
        return out;
    }
    out.pick = Some(Pick {
        machine,
        line: entry.line,
        login,
        password: entry.password.clone(),
    });
    out
}

/// Entries the user probably meant, which an exact comparison misses.
fn near_misses(parsed: &Parsed, host: &str) -> String {
    let near: Vec<&String> = parsed
        .names
        .iter()
        .filter(|n| {
            n.as_str() != host
                && (n.eq_ignore_ascii_case(host)
                    || n.rsplit_once(':')
                        .is_some_and(|(h, _)| h.eq_ignore_ascii_case(host)))
        })
        .collect();
    match near.first() {
        Some(n) => format!(" (there is `{n}`: the comparison is exact, case and port included)"),
        None => String::new(),
    }
}

/// requests (`requests.utils.get_netrc_auth`), so pip and Ray: `NETRC` if set (only it,
/// even empty), else `~/.netrc`, then `~/_netrc`, on every platform.
pub(super) fn requests(ctx: &Context<'_>) -> (FileUse, Lookup) {
    let host = ctx.url.python_host();
    let candidates = match ctx.netrc_var() {
        Some((path, name)) => vec![files::named(
            Path::new(&path),
            format!("{name} (requests reads only it, no fallback)"),
        )],
        None => home_candidates(ctx, &[".netrc", "_netrc"]),
    };
    let (file, state) = files::first_existing(ctx, candidates, "no home directory");
    let lookup = read_with(&state, |b, _, _| {
        lookup(b, &host, Flavor::CPython, None, Caller::Requests)
    });
    (file, lookup)
}

fn home_candidates(ctx: &Context<'_>, names: &[&str]) -> Vec<Candidate> {
    match files::python_home(ctx) {
        Some(home) => names.iter().map(|n| files::in_home(&home, n, "")).collect(),
        None => Vec::new(),
    }
}

/// uv: `NETRC` if that file exists, else `$HOME/.netrc` (Windows: `%USERPROFILE%\.netrc`,
/// then `_netrc`); asked only after the server answers 401, 403 or 404.
pub(super) fn uv(ctx: &Context<'_>) -> (FileUse, Lookup) {
    let host = ctx.url.uv_host();
    let mut candidates = Vec::new();
    if let Some((path, name)) = ctx.netrc_var() {
        candidates.push(files::named(
            Path::new(&path),
            format!("{name} (uv falls back to the home file when it does not exist)"),
        ));
    }
    let home = match ctx.platform {
        Platform::Unix => ctx.env.home.as_ref().map(|h| (h.into(), "$HOME")),
        Platform::Windows => ctx
            .env
            .userprofile
            .as_ref()
            .map(|h| (h.into(), "%USERPROFILE%")),
    };
    if let Some(home) = home {
        for name in files::home_names(ctx.platform, &[".netrc", "_netrc"]) {
            candidates.push(files::in_home(&home, name, ""));
        }
    }
    let (file, state) = files::first_existing(ctx, candidates, "no NETRC and no home directory");
    let lookup = read_with(&state, |b, _, _| {
        lookup(b, &host, Flavor::RustCrate, None, Caller::Module)
    });
    (file, lookup)
}

/// `netrc.netrc()` without a path: `~/.netrc` only, with the owner and mode check.
pub(super) fn module_default(ctx: &Context<'_>) -> (FileUse, Lookup) {
    let host = ctx.url.python_host();
    let candidates = home_candidates(ctx, &[".netrc"]);
    let (file, state) = files::first_existing(ctx, candidates, "no home directory");
    let posix = ctx.platform == Platform::Unix;
    let lookup = read_with(&state, |b, mode, owned_by_user| {
        let security = posix.then_some(Security {
            mode,
            owned_by_user,
        });
        lookup(b, &host, Flavor::CPython, security, Caller::Module)
    });
    (file, lookup)
}

/// `netrc.netrc(path)` given the file netrc-guard manages: no owner or mode check.
pub(super) fn module_path(ctx: &Context<'_>) -> (FileUse, Lookup) {
    let host = ctx.url.python_host();
    let location = crate::locate(ctx.platform, ctx.netrc_override, ctx.env);
    let candidates = match &location {
        Some(l) => {
            let why = match l.source {
                crate::Source::Flag => "the path given (--file)",
                crate::Source::Env => "the path given ($NETRC)",
                crate::Source::Default => "the path given (netrc-guard's default)",
            };
            vec![files::named(&l.path, why)]
        }
        None => Vec::new(),
    };
    let (file, state) = files::first_existing(ctx, candidates, "no path to give it");
    let lookup = read_with(&state, |b, _, _| {
        lookup(b, &host, Flavor::CPython, None, Caller::Module)
    });
    (file, lookup)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(text: &str, host: &str, flavor: Flavor) -> Result<Option<(String, String)>, String> {
        let l = lookup(text.as_bytes(), host, flavor, None, Caller::Module);
        match l.parse {
            Parse::Failed { why, .. } => Err(why),
            _ => Ok(l.pick.map(|p| (p.login, p.password.expose().to_string()))),
        }
    }

    #[test]
    fn last_duplicate_wins_and_default_is_a_fallback() {
        let text = "default login d password p\nmachine h login a password b\nmachine h login c password e\n";
        for flavor in [Flavor::CPython, Flavor::RustCrate] {
            assert_eq!(get(text, "h", flavor), Ok(Some(("c".into(), "e".into()))));
            assert_eq!(get(text, "x", flavor), Ok(Some(("d".into(), "p".into()))));
            assert_eq!(get(text, "H", flavor), Ok(Some(("d".into(), "p".into()))));
        }
    }

    #[test]
    fn unknown_words_reject_the_file() {
        for text in [
            "\u{feff}machine h login a password b\n",
            "machine h port 80 login a password b\n",
            "\n# two words\nmachine h login a password b\n",
            "machine h login a password b\n\n# two words\n",
        ] {
            assert!(get(text, "h", Flavor::CPython).is_err(), "{text:?}");
        }
        let e = get("machine h login a s3cret b\n", "h", Flavor::CPython).unwrap_err();
        assert!(!e.contains("s3cret"), "{e}");
        assert_eq!(
            get(
                "# one\nmachine h login a password b\n",
                "h",
                Flavor::CPython
            ),
            Ok(Some(("a".into(), "b".into())))
        );
    }

    #[test]
    fn macros_end_differently() {
        let open = "machine h login a password b\nmacdef m\ncd /\n";
        assert!(get(open, "h", Flavor::CPython).is_err());
        assert!(get(open, "h", Flavor::RustCrate).is_ok());
    }

    #[test]
    fn security_check_only_for_non_anonymous_entries() {
        let open = Security {
            mode: Some(0o644),
            owned_by_user: Some(true),
        };
        let l = lookup(
            b"machine h login a password b\n",
            "h",
            Flavor::CPython,
            Some(open),
            Caller::Module,
        );
        assert!(matches!(l.parse, Parse::Failed { .. }));
        let l = lookup(
            b"machine h login anonymous password b\n",
            "h",
            Flavor::CPython,
            Some(open),
            Caller::Module,
        );
        assert!(l.pick.is_some());
    }
}
