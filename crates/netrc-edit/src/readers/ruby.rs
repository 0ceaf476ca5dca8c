//! The Ruby `netrc` gem (0.11): `Netrc.read[host]`.
//!
//! Its lexer cuts every line at the first `#` (values included); its parser looks for
//! `login` and `password` anywhere in the rest of the file, so an entry without one takes
//! the next entry's; only a `default` that is the last entry counts; machine names are
//! compared exactly; and the file must have mode 0600 exactly (not 0400).

use std::path::PathBuf;

use super::files::{self, Candidate};
use super::{Context, FileUse, Lookup, Parse, Pick, read_with};
use crate::Platform;
use crate::secret::Secret;

struct Tok {
    text: String,
    line: usize,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\x0c' | '\x0b')
}

/// `Netrc.lex`: runs of space and of non-space, and each line's comment as one token.
fn lex(text: &str, notes: &mut Vec<String>) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let cut = line
            .find('#')
            .map(|h| line[..h].trim_end_matches(is_space).len());
        let (content, comment) = match cut {
            Some(c) => (&line[..c], Some(&line[c..])),
            None => (line, None),
        };
        if cut.is_some() && !content.trim().is_empty() {
            notes.push(format!(
                "line {}: the gem cuts the line at `#`, values included",
                i + 1
            ));
        }
        for c in content.chars() {
            let space = is_space(c);
            match toks.last_mut() {
                Some(t) if t.text.ends_with(is_space) == space => t.text.push(c),
                _ => toks.push(Tok {
                    text: c.to_string(),
                    line: i + 1,
                }),
            }
        }
        if let Some(comment) = comment {
            toks.push(Tok {
                text: comment.to_string(),
                line: i + 1,
            });
        }
    }
    toks
}

/// One parsed item: `[keyword, name, login kw, login, password kw, password, trailing]`,
/// fields present only when found. `None` in the first place marks `default`.
struct Item {
    default: bool,
    fields: Vec<String>,
    line: usize,
}

fn parse(mut ts: std::collections::VecDeque<Tok>) -> Result<Vec<Item>, String> {
    let skip = |t: &Tok| t.text.starts_with(is_space);
    let read_to = |ts: &mut std::collections::VecDeque<Tok>, stop: &dyn Fn(&Tok) -> bool| {
        let mut s = String::new();
        while let Some(t) = ts.front() {
            if stop(t) {
                break;
            }
            s.push_str(&ts.pop_front().map(|t| t.text).unwrap_or_default());
        }
        s
    };
    let take = |ts: &mut std::collections::VecDeque<Tok>| {
        ts.pop_front()
            .map(|t| t.text)
            .ok_or_else(|| "unexpected EOF".to_string())
    };
    let head = |t: &Tok| t.text == "machine" || t.text == "default";
    read_to(&mut ts, &head);
    let mut items = Vec::new();
    while let Some(first) = ts.front() {
        let line = first.line;
        let mut item = Item {
            default: first.text == "default",
            fields: Vec::new(),
            line,
        };
        if item.default {
            item.fields.push(take(&mut ts)?);
            item.fields.push(String::new());
        } else {
            let kw = take(&mut ts)? + &read_to(&mut ts, &|t| !skip(t));
            item.fields.push(kw);
            item.fields.push(take(&mut ts)?);
        }
        for key in ["login", "password"] {
            if ts.iter().any(|t| t.text == key) {
                let kw = read_to(&mut ts, &|t| t.text == key)
                    + &take(&mut ts)?
                    + &read_to(&mut ts, &|t| !skip(t));
                item.fields.push(kw);
                item.fields.push(take(&mut ts)?);
            }
        }
        item.fields.push(read_to(&mut ts, &head));
        items.push(item);
    }
    Ok(items)
}

fn lookup(bytes: &[u8], host: &str, mode: Option<u32>, check_mode: bool) -> Lookup {
    if let Some(m) = mode
        .map(|m| m & 0o777)
        .filter(|m| check_mode && *m != 0o600)
    {
        return Lookup::nothing(
            Parse::Failed {
                line: None,
                why: format!("mode {m:04o}: the gem raises unless the mode is exactly 0600"),
            },
            "the gem raises before reading the file",
        );
    }
    let text = String::from_utf8_lossy(bytes);
    let mut notes = Vec::new();
    let toks = lex(&text, &mut notes).into();
    let mut items = match parse(toks) {
        Ok(items) => items,
        Err(why) => {
            return Lookup::nothing(
                Parse::Failed { line: None, why },
                "the gem raises while parsing",
            );
        }
    };
    let default = items
        .last()
        .is_some_and(|i| i.default)
        .then(|| items.pop())
        .flatten();
    let mut out = Lookup::nothing(Parse::Read, "");
    out.notes = notes;
    let (item, machine) = match items
        .iter()
        .find(|i| i.fields.get(1).is_some_and(|n| n == host))
    {
        Some(i) => (i, Some(host.to_string())),
        None => match &default {
            Some(d) => (d, None),
            None => {
                out.why = format!(
                    "no machine entry is named exactly `{host}` and no `default` ends the file"
                );
                return out;
            }
        },
    };
    out.why = match machine {
        Some(_) => format!("the first machine entry named `{host}`"),
        None => {
            format!("the `default` that ends the file: no machine entry is named exactly `{host}`")
        }
    };
    let login = item.fields.get(3).cloned();
    let password = item.fields.get(5).cloned();
    if item.fields.len() < 7 {
        out.why.push_str(
            " (it lacks a field, so the gem reads the next field found in the file in its place)",
        );
    }
    if login.is_none() && password.is_none() {
        return out;
    }
    out.pick = Some(Pick {
        machine,
        line: item.line,
        login: login.unwrap_or_default(),
        password: Secret::new(password.unwrap_or_default()),
    });
    out
}

/// `NETRC` names a directory holding `.netrc` (`_netrc` on Windows); else the home's.
pub(super) fn gem(ctx: &Context<'_>) -> (FileUse, Lookup) {
    let name = match ctx.platform {
        Platform::Unix => ".netrc",
        Platform::Windows => "_netrc",
    };
    let candidates: Vec<Candidate> = match ctx.netrc_var() {
        Some((dir, var)) => vec![files::in_home(
            &(PathBuf::from(dir), var),
            name,
            " (the gem reads NETRC as a directory)",
        )],
        None => {
            let home = match ctx.platform {
                Platform::Unix => files::python_home(ctx),
                Platform::Windows => ctx
                    .env
                    .home
                    .as_ref()
                    .map(|h| (PathBuf::from(h), "%HOME%"))
                    .or_else(|| files::python_home(ctx)),
            };
            home.map(|h| vec![files::in_home(&h, name, "")])
                .unwrap_or_default()
        }
    };
    let (file, state) = files::first_existing(ctx, candidates, "no home directory");
    let check_mode = ctx.platform == Platform::Unix;
    let host = ctx.url.ruby_host();
    let lookup = read_with(&state, |b, mode, _| lookup(b, &host, mode, check_mode));
    (file, lookup)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(text: &str, host: &str) -> Option<(String, String)> {
        lookup(text.as_bytes(), host, Some(0o600), true)
            .pick
            .map(|p| (p.login, p.password.expose().to_string()))
    }

    #[test]
    fn hash_cuts_values_and_missing_fields_are_borrowed() {
        assert_eq!(
            get("machine h login a password p#q\n", "h"),
            Some(("a".into(), "p".into()))
        );
        let text = "machine h password p\nmachine x login u password q\n";
        assert_eq!(get(text, "h"), Some(("u".into(), "q".into())));
    }

    #[test]
    fn default_counts_only_last_and_mode_must_be_0600() {
        let text = "default login d password p\nmachine h login a password b\n";
        assert_eq!(get(text, "other"), None);
        assert_eq!(
            get(
                "machine h login a password b\ndefault login d password p\n",
                "other"
            ),
            Some(("d".into(), "p".into()))
        );
        let l = lookup(b"machine h login a password b\n", "h", Some(0o400), true);
        assert!(matches!(l.parse, Parse::Failed { .. }));
    }
}
