//! curl 7.88.1 as Debian 12 ships it (7.88.1-10+deb12u15, the curl measured on the
//! development machines), which `get` answers as: 7.88's line reader (`Curl_get_line` into
//! a 4096-byte buffer, a word starting with `#` ends the line) with the netrc fixes of curl
//! 8.11.1 (CVE-2024-11053: an entry's login and password are kept together and dropped at
//! the next `machine`) and 8.12.0 (CVE-2025-0167: an entry without credentials is no match)
//! backported, but not 8.12.0's "password-only entries" change.
//!
//! Upstream curl 7.84 to 8.11.0, without those fixes, keeps a login or password across
//! entries; that is not modelled (there is no such curl here to measure).

use super::curl::{lossy, quoted, text_mode};
use super::{Lookup, Parse, Pick};
use crate::Platform;
use crate::secret::Secret;

/// `fgets`' buffer in `parsenetrc`: a line and its `\n` must fit in 4095 bytes.
const BUFFER: usize = 4096;

/// One line as `Curl_get_line` returns it, ending in `\n`, with its line number.
struct Line {
    text: Vec<u8>,
    number: usize,
}

/// `fgets` and `Curl_get_line` over the file's bytes.
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The line number at `at` (counted as the bytes are read, not from the start each time).
    line: usize,
    notes: Vec<String>,
}

impl Lines<'_> {
    /// `fgets(buf, 4096)`: up to 4095 bytes or through `\n`; whether it stopped at the end.
    fn fgets(&mut self) -> Option<(usize, usize, usize, bool)> {
        if self.at >= self.bytes.len() {
            return None;
        }
        let start = self.at;
        let number = self.line;
        let rest = &self.bytes[start..];
        let limit = rest.len().min(BUFFER - 1);
        let len = memchr::memchr(b'\n', &rest[..limit]).map_or(limit, |i| i + 1);
        self.at += len;
        self.line += usize::from(rest[len - 1] == b'\n');
        let eof = len < BUFFER - 1 && !rest[..len].ends_with(b"\n");
        Some((start, number, len, eof))
    }

    /// Whole lines that fit, each ending in `\n` (the last line gets one). A longer line is
    /// skipped with the rest of it; `strlen` stops at a NUL, so a line holding one reads as
    /// cut short and is skipped with the line after it, and a line starting with one ends
    /// the file.
    fn next_line(&mut self) -> Option<Line> {
        let mut partial = false;
        loop {
            let (start, number, len, eof) = self.fgets()?;
            let bytes = self.bytes;
            let chunk = &bytes[start..start + len];
            let rlen = memchr::memchr(0, chunk).unwrap_or(chunk.len());
            if rlen == 0 {
                self.notes.push(format!(
                    "line {number} starts with a NUL byte: curl 7.88 stops reading the file there"
                ));
                return None;
            }
            if rlen < chunk.len() && !partial {
                self.notes.push(format!(
                    "line {number} holds a NUL byte: curl 7.88 skips the line, and the line after it"
                ));
            }
            if chunk[rlen - 1] == b'\n' {
                if partial {
                    partial = false;
                    continue;
                }
                let text = chunk[..rlen].to_vec();
                return Some(Line { text, number });
            }
            if eof {
                if partial || rlen + 1 >= BUFFER {
                    return None;
                }
                let mut text = chunk[..rlen].to_vec();
                text.push(b'\n');
                return Some(Line { text, number });
            }
            if !partial {
                self.notes.push(format!(
                    "line {number} is longer than 4094 bytes: curl 7.88 skips lines of 4095 bytes or more"
                ));
            }
            partial = true;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Nothing,
    HostFound,
    HostValid,
    Macdef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keyword {
    Login,
    Password,
}

/// `parsenetrc`'s variables (no user name in the URL: `specific_login` is false).
struct Machine {
    state: State,
    keyword: Option<Keyword>,
    found_login: bool,
    found_password: bool,
    our_login: bool,
    login: Option<String>,
    password: Option<String>,
    /// `retcode == NETRC_SUCCESS`: an entry matched (or `default` was reached).
    matched: bool,
    /// The entry matched last: its machine name as written (`None` for `default`), line.
    entry: Option<(Option<String>, usize)>,
    /// The line of the last `machine` keyword.
    machine_line: usize,
    /// The line of the first machine entry that matched.
    first_machine: Option<usize>,
    done: bool,
}

impl Machine {
    fn new() -> Machine {
        Machine {
            state: State::Nothing,
            keyword: None,
            found_login: false,
            found_password: false,
            our_login: false,
            login: None,
            password: None,
            matched: false,
            entry: None,
            machine_line: 0,
            first_machine: None,
            done: false,
        }
    }

    /// A new `machine`: what it forgets of the entry before it.
    fn drop_entry(&mut self, line: usize) {
        self.state = State::HostFound;
        self.keyword = None;
        self.found_login = false;
        self.found_password = false;
        self.login = None;
        self.password = None;
        self.machine_line = line;
    }

    fn step(&mut self, tok: &[u8], line: usize, host: &str) {
        let is = |k: &str| tok.eq_ignore_ascii_case(k.as_bytes());
        match self.state {
            State::Nothing => {
                if is("macdef") {
                    self.state = State::Macdef;
                } else if is("machine") {
                    self.drop_entry(line);
                    self.our_login = false;
                } else if is("default") {
                    self.state = State::HostValid;
                    self.matched = true;
                    self.entry = Some((None, line));
                }
            }
            State::Macdef => {
                if tok.is_empty() {
                    self.state = State::Nothing;
                }
            }
            State::HostFound => {
                if tok.eq_ignore_ascii_case(host.as_bytes()) {
                    self.state = State::HostValid;
                    self.matched = true;
                    self.entry = Some((Some(lossy(tok)), self.machine_line));
                    self.first_machine.get_or_insert(self.machine_line);
                } else {
                    self.state = State::Nothing;
                }
            }
            State::HostValid => self.step_entry(tok, line),
        }
    }

    /// Inside a matched entry. `macdef` and words curl does not know are skipped.
    fn step_entry(&mut self, tok: &[u8], line: usize) {
        let is = |k: &str| tok.eq_ignore_ascii_case(k.as_bytes());
        match self.keyword.take() {
            Some(Keyword::Login) => {
                self.our_login = true;
                self.login = Some(lossy(tok));
                self.found_login = true;
            }
            Some(Keyword::Password) => {
                self.password = Some(lossy(tok));
                self.found_password = true;
            }
            None if is("login") => self.keyword = Some(Keyword::Login),
            None if is("password") => self.keyword = Some(Keyword::Password),
            None if is("machine") => self.drop_entry(line),
            None if is("default") => {
                self.matched = true;
                self.entry = Some((None, line));
                self.login = None;
                self.password = None;
            }
            None => {}
        }
        if self.found_login && self.found_password && self.our_login {
            self.done = true;
        }
    }

    /// `out:`: a login without a password gets an empty one; no credentials, no match.
    fn finish(mut self, host: &str, notes: Vec<String>) -> Lookup {
        let mut lookup = Lookup::nothing(Parse::Read, "");
        lookup.notes = notes;
        if self.matched && self.password.is_none() && self.our_login {
            self.password = Some(String::new());
        }
        let (Some((machine, line)), true) = (self.entry, self.matched) else {
            lookup.why = format!("no machine entry matches {host} and there is no `default`");
            if !lookup.notes.is_empty() {
                lookup.why = format!("{} ({})", lookup.why, lookup.notes.join("; "));
            }
            return lookup;
        };
        if self.login.is_none() && self.password.is_none() {
            lookup.why = format!(
                "the entry at line {line} gives curl no credentials it keeps (none written, a `#` word cutting them off, or a password without a login followed by another `machine`), so curl sends nothing"
            );
            return lookup;
        }
        lookup.why = match &machine {
            Some(m) if m != host => format!(
                "the first machine entry matching {host} (written `{m}`; curl compares case-insensitively)"
            ),
            Some(_) => format!("the first machine entry matching {host}"),
            None => match self.first_machine {
                Some(at) => format!(
                    "`default` at line {line}: the entry for {host} at line {at} lacked a login or a password, so curl read on"
                ),
                None => "`default`, where it stands: no machine before it matched (curl does not look past it)".into(),
            },
        };
        lookup.pick = Some(Pick {
            machine,
            line,
            login: self.login.unwrap_or_default(),
            password: Secret::new(self.password.unwrap_or_default()),
        });
        lookup
    }
}

/// C's `isspace`.
fn c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// What curl 7.88.1 (Debian 12) sends for `host` from a netrc's bytes.
pub(super) fn parse(bytes: &[u8], host: &str, platform: Platform) -> Lookup {
    let text = text_mode(bytes, platform);
    let mut lines = Lines {
        bytes: &text,
        at: 0,
        line: 1,
        notes: Vec::new(),
    };
    if text.starts_with(b"\xef\xbb\xbf") {
        lines.notes.push(
            "the file starts with a UTF-8 byte-order mark: curl reads it as part of the first word, so that keyword is lost"
                .into(),
        );
    }
    let mut m = Machine::new();
    while let Some(Line { text: line, number }) = lines.next_line() {
        if m.done {
            break;
        }
        if m.state == State::Macdef {
            if matches!(line[0], b'\n' | b'\r') {
                m.state = State::Nothing;
            } else {
                continue;
            }
        }
        let mut i = 0;
        while !m.done {
            while i < line.len() && (line[i] == b' ' || line[i] == b'\t') {
                i += 1;
            }
            if i >= line.len() {
                break;
            }
            if line[i] == b'#' {
                if m.state == State::HostValid && i > 0 {
                    lines.notes.push(format!(
                        "line {number}: a word starting with `#` ends the line for curl 7.88; what follows on that line is not read"
                    ));
                }
                break;
            }
            let (tok, next) = if line[i] == b'"' {
                match quoted(&line, i) {
                    Some((value, end)) => (value, end + 1),
                    None => return failed(number),
                }
            } else {
                let start = i;
                while i < line.len() && !c_space(line[i]) {
                    i += 1;
                }
                (line[start..i].to_vec(), i + 1)
            };
            m.step(&tok, number, host);
            i = next;
        }
    }
    m.finish(host, lines.notes)
}

fn failed(line: usize) -> Lookup {
    super::curl::failed(line, "an unterminated quoted value")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sends(text: &str, host: &str) -> Option<(String, String)> {
        parse(text.as_bytes(), host, Platform::Unix)
            .pick
            .map(|p| (p.login, p.password.expose().to_string()))
    }

    fn pair(l: &str, p: &str) -> Option<(String, String)> {
        Some((l.into(), p.into()))
    }

    /// Each measured with curl 7.88.1-10+deb12u15 against a loopback server.
    #[test]
    fn entries_as_measured() {
        assert_eq!(sends("machine h login j\n", "h"), pair("j", ""));
        assert_eq!(sends("machine h password p\n", "h"), pair("", "p"));
        assert_eq!(
            sends("machine h login j\nmachine x login a password b\n", "h"),
            pair("", "")
        );
        assert_eq!(
            sends("machine h password p\nmachine x login a password b\n", "h"),
            None
        );
        assert_eq!(
            sends("machine h login jl\ndefault login d password dp\n", "h"),
            pair("d", "dp")
        );
        assert_eq!(
            sends("machine h login l1 login l2 password p\n", "h"),
            pair("l2", "p")
        );
        assert_eq!(
            sends("machine h login log password #pass account acct\n", "h"),
            pair("log", "")
        );
        assert_eq!(
            sends("machine h\nmachine x login a password b\n", "h"),
            None
        );
    }

    #[test]
    fn lines_curl_skips() {
        let nul = "machine h login a password p\0x\nmachine g login b password q\nmachine f login c password r\n";
        assert_eq!(sends(nul, "h"), None);
        assert_eq!(sends(nul, "g"), None);
        assert_eq!(sends(nul, "f"), pair("c", "r"));
        let long = format!("machine h login a password {}\n", "x".repeat(4094 - 27));
        assert_eq!(long.len(), 4095);
        assert!(sends(&long, "h").is_some());
        let longer = long.replacen("password ", "password x", 1);
        assert_eq!(sends(&longer, "h"), None);
    }
}
