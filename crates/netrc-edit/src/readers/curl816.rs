//! curl and libcurl 8.16 to 8.19 (read in `lib/netrc.c` at curl-8_16_0; 8.20 differs only
//! in skipping a macro's lines unread, noted where it matters): `NETRC` is read, the file is loaded whole with comment
//! lines dropped, `#` inside a line is an ordinary word, and a word may not start with a
//! byte outside printable ASCII (a BOM, a CR, a UTF-8 letter: a syntax error where `char`
//! is signed, as on x86). Modelled from curl's source; there is no 8.16 here to measure.

use super::curl::{Field, Scan, State, failed, is_word, lossy, quoted, text_mode};
use super::files::{self, Candidate};
use super::{Context, FileUse, Lookup, ReaderId, read_with};
use crate::Platform;

const MAX_LINE: usize = 16384;
const MAX_FILE: usize = 128 * 1024;
const MAX_TOKEN: usize = 4096;

/// The file as curl keeps it: lines with comment lines dropped, each ending in `\n`, and
/// (offset in the buffer, original line number) of each kept line.
struct Loaded {
    buf: Vec<u8>,
    starts: Vec<(usize, usize)>,
}

/// The line of the file where the loaded file stops fitting curl's limit.
struct TooBig(usize);

fn load(bytes: &[u8], notes: &mut Vec<String>) -> Result<Loaded, TooBig> {
    let mut buf = Vec::new();
    let mut starts = Vec::new();
    for (i, raw) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        if raw.len() >= MAX_LINE {
            notes.push(format!(
                "line {} is {} bytes long: curl 8.16 stops reading the file there",
                i + 1,
                raw.len()
            ));
            break;
        }
        let blank = raw.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        if raw.get(blank) == Some(&b'#') {
            continue;
        }
        starts.push((buf.len(), i + 1));
        buf.extend_from_slice(raw);
        if !raw.ends_with(b"\n") {
            buf.push(b'\n');
        }
        if buf.len() >= MAX_FILE {
            return Err(TooBig(i + 1));
        }
    }
    Ok(Loaded { buf, starts })
}

fn line_at(starts: &[(usize, usize)], at: usize) -> usize {
    match starts.binary_search_by(|(s, _)| s.cmp(&at)) {
        Ok(i) => starts[i].1,
        Err(0) => 1,
        Err(i) => starts[i - 1].1,
    }
}

pub(super) fn parse_since_816(bytes: &[u8], host: &str, platform: Platform) -> Lookup {
    let mut scan = Scan::default();
    let text = text_mode(bytes, platform);
    let Loaded { buf, starts } = match load(&text, &mut scan.notes) {
        Ok(loaded) => loaded,
        Err(TooBig(line)) => return failed(line, "the file is over 128 KiB without its comments"),
    };
    let mut flags = Flags::default();
    let mut tok = 0;
    while tok < buf.len() {
        while tok < buf.len() && (buf[tok] == b' ' || buf[tok] == b'\t') {
            tok += 1;
        }
        if scan.state == State::Macdef && matches!(buf.get(tok), Some(b'\n' | b'\r')) {
            scan.state = State::Nothing;
        }
        if tok >= buf.len() {
            break;
        }
        if buf[tok] == b'\n' {
            tok += 1;
            continue;
        }
        let line = line_at(&starts, tok);
        let (word, end) = if buf[tok] == b'"' {
            match quoted(&buf, tok) {
                Some(q) => q,
                None => return unterminated(line, scan.state == State::Macdef),
            }
        } else {
            // `*tok_end > ' '` with a signed char: stops at controls, space and bytes >= 0x80.
            let len = buf[tok..]
                .iter()
                .take_while(|&&b| b > b' ' && b < 0x80)
                .count();
            if len == 0 {
                return failed(
                    line,
                    "a word starts with a byte curl 8.16 does not accept there (a CR, a control character, a byte-order mark or another non-ASCII byte)",
                );
            }
            (buf[tok..tok + len].to_vec(), tok + len)
        };
        if word.len() >= MAX_TOKEN {
            return failed(line, "a word of 4096 bytes or more");
        }
        if step(&mut scan, &mut flags, &word, line, host) {
            break;
        }
        if flags.found_login && flags.found_password && flags.our_login {
            break;
        }
        tok = end + 1;
    }
    if flags.any_match && scan.password.is_none() && flags.our_login {
        // "success without a password, set a blank one"
        let entry = scan.login.as_ref().map_or((None, 0), |(_, e)| e.clone());
        scan.password = Some((String::new(), entry));
    }
    let any_match = flags.any_match && (scan.login.is_some() || scan.password.is_some());
    scan.finish(host, any_match, "curl 8.16")
}

/// An unterminated quote fails the file; inside a macro's body only up to 8.19.
fn unterminated(line: usize, in_macro: bool) -> Lookup {
    let mut lookup = failed(line, "an unterminated quoted value");
    if in_macro {
        lookup.notes.push(format!(
            "line {line} is in a macro's body: curl 8.20 and later skip macro lines unread (\"netrc: skip malformed macdef lines\"), so they read on where 8.16 to 8.19 fail"
        ));
    }
    lookup
}

/// What 8.16 tracks besides the values: which fields the entry had, whether a login was
/// read (`our_login`), whether any entry matched.
#[derive(Default)]
struct Flags {
    found_login: bool,
    found_password: bool,
    our_login: bool,
    any_match: bool,
}

/// One word through 8.16's state machine; `true` ends the scan.
fn step(scan: &mut Scan, f: &mut Flags, tok_str: &[u8], line: usize, host: &str) -> bool {
    match scan.state {
        State::Nothing => {
            if is_word(tok_str, "macdef") {
                scan.state = State::Macdef;
            } else if is_word(tok_str, "machine") {
                scan.state = State::HostFound;
                scan.machine_line = line;
                (f.found_login, f.found_password, f.our_login) = (false, false, false);
                scan.login = None;
                scan.password = None;
                scan.pending = None;
            } else if is_word(tok_str, "default") {
                f.any_match = true;
                scan.matched(None, line);
            }
        }
        State::Macdef => {
            if tok_str.is_empty() {
                scan.state = State::Nothing;
            }
        }
        State::HostFound => {
            if tok_str.eq_ignore_ascii_case(host.as_bytes()) {
                f.any_match = true;
                let at = scan.machine_line;
                scan.matched(Some(lossy(tok_str)), at);
            } else {
                scan.state = State::Nothing;
            }
        }
        State::HostValid => match scan.pending.take() {
            Some(Field::Login) => {
                f.our_login = true;
                f.found_login = true;
                scan.set_login(tok_str);
            }
            Some(Field::Password) => {
                f.found_password = true;
                scan.set_password(tok_str);
            }
            None if is_word(tok_str, "login") => scan.pending = Some(Field::Login),
            None if is_word(tok_str, "password") => scan.pending = Some(Field::Password),
            None if is_word(tok_str, "machine") => {
                if f.found_password {
                    return true;
                }
                scan.state = State::HostFound;
                scan.machine_line = line;
                (f.found_login, f.found_password) = (false, false);
                scan.login = None;
                scan.password = None;
            }
            None if is_word(tok_str, "default") => {
                f.any_match = true;
                scan.matched(None, line);
                scan.login = None;
                scan.password = None;
            }
            None => {}
        },
    }
    false
}

/// curl 8.16+ (and git linked with it): `NETRC` if set (even empty), else `$HOME/.netrc`,
/// and on Windows `_netrc` when `.netrc` cannot be opened.
pub(super) fn since_816(ctx: &Context<'_>, reader: ReaderId) -> (FileUse, Lookup) {
    let host = ctx.url.curl_host();
    let prefix = if reader == ReaderId::Git816 {
        "git passes no netrc path to libcurl: "
    } else {
        "`curl --netrc`: "
    };
    let candidates: Vec<Candidate> = match ctx.netrc_var() {
        Some((path, name)) => vec![files::named(
            std::path::Path::new(&path),
            format!("{prefix}{name} (libcurl 8.16 reads it, with no fallback)"),
        )],
        None => match files::curl_home(ctx) {
            Some(home) => files::home_names(ctx.platform, &[".netrc", "_netrc"])
                .iter()
                .map(|name| {
                    let mut c = files::in_home(&home, name, "");
                    c.why = format!("{prefix}{}", c.why);
                    c
                })
                .collect(),
            None => return super::curl::no_home(prefix),
        },
    };
    let (file, state) = files::first_existing(ctx, candidates, "no netrc file");
    let lookup = read_with(&state, |b, _, _| parse_since_816(b, &host, ctx.platform));
    (file, lookup)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::Parse;

    fn login(text: &str, host: &str) -> Option<(String, String)> {
        parse_since_816(text.as_bytes(), host, Platform::Unix)
            .pick
            .map(|p| (p.login, p.password.expose().to_string()))
    }

    fn pair(l: &str, p: &str) -> Option<(String, String)> {
        Some((l.into(), p.into()))
    }

    #[test]
    fn first_complete_entry_wins_and_default_counts_where_it_stands() {
        let dup = "machine h login a password b\nmachine h login c password d\n";
        assert_eq!(login(dup, "H"), pair("a", "b"));
        let default_first = "default login d password p\nmachine h login a password b\n";
        assert_eq!(login(default_first, "h"), pair("d", "p"));
        assert_eq!(login("machine h login a\n", "h"), pair("a", ""));
        assert_eq!(login("machine other login a password b\n", "h"), None);
    }

    #[test]
    fn hash_is_a_word_and_comment_lines_vanish() {
        let text = "# top\nmachine h login a password #b\n";
        assert_eq!(login(text, "h"), pair("a", "#b"));
    }

    #[test]
    fn bom_and_non_ascii_words_fail_the_file() {
        let l = parse_since_816(
            "\u{feff}machine h login a password b\n".as_bytes(),
            "h",
            Platform::Unix,
        );
        assert!(
            matches!(l.parse, Parse::Failed { line: Some(1), .. }),
            "{l:?}"
        );
    }
}
