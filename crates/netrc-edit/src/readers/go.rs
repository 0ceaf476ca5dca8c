//! cmd/go (`GOAUTH=netrc`, the default): `parseNetrc` and the credential cache.
//!
//! An entry counts only once it has machine, login and password; the first entry for a
//! machine wins; `default` alone at the end of a pair ends the file; the machine is
//! compared with the URL's host exactly, port included (and with host/path prefixes).

use std::path::Path;

use super::files::{self, Candidate};
use super::{Context, FileUse, Lookup, Parse, Pick, read_with};
use crate::Platform;
use crate::secret::Secret;

struct GoLine {
    machine: String,
    login: String,
    password: String,
    line: usize,
}

fn parse(text: &str, notes: &mut Vec<String>) -> Vec<GoLine> {
    let mut out = Vec::new();
    let mut cur: Option<GoLine> = None;
    let mut in_macro = false;
    for (i, line) in text.split('\n').enumerate() {
        if in_macro {
            if line.is_empty() {
                in_macro = false;
            }
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        let mut k = 0;
        while k + 1 < f.len() {
            let l = cur.get_or_insert_with(|| GoLine {
                machine: String::new(),
                login: String::new(),
                password: String::new(),
                line: i + 1,
            });
            match f[k] {
                "machine" => {
                    *l = GoLine {
                        machine: f[k + 1].to_string(),
                        login: String::new(),
                        password: String::new(),
                        line: i + 1,
                    }
                }
                "login" => l.login = f[k + 1].to_string(),
                "password" => l.password = f[k + 1].to_string(),
                "macdef" => in_macro = true,
                _ => {}
            }
            if !l.machine.is_empty() && !l.login.is_empty() && !l.password.is_empty() {
                out.extend(cur.take());
            }
            k += 2;
        }
        if f.get(k) == Some(&"default") {
            notes.push(format!(
                "cmd/go stops reading at the `default` on line {}",
                i + 1
            ));
            break;
        }
    }
    out
}

fn lookup(bytes: &[u8], host: &str, path: &str) -> Lookup {
    let text = String::from_utf8_lossy(bytes);
    let mut notes = Vec::new();
    let lines = parse(&text, &mut notes);
    let mut prefix = format!("{host}{path}").trim_end_matches('/').to_string();
    let mut out = Lookup::nothing(Parse::Read, "");
    out.notes = notes;
    loop {
        let hit = lines.iter().find(|l| {
            l.machine
                .trim_start_matches("https://")
                .trim_end_matches('/')
                == prefix
        });
        if let Some(l) = hit {
            let dups = lines.iter().filter(|o| o.machine == l.machine).count();
            out.why = if dups > 1 {
                format!(
                    "the first of {dups} complete entries for `{prefix}` (cmd/go keeps the first)"
                )
            } else {
                format!("the entry for `{prefix}` (machine, login and password all set)")
            };
            out.pick = Some(Pick {
                machine: Some(l.machine.clone()),
                line: l.line,
                login: l.login.clone(),
                password: Secret::new(l.password.clone()),
            });
            return out;
        }
        match prefix.rfind('/') {
            Some(i) => prefix.truncate(i),
            None => break,
        }
    }
    out.why = format!(
        "no complete entry (machine, login and password) is named exactly `{host}`; cmd/go has no `default` and compares case and port as written"
    );
    out
}

/// `NETRC` if non-empty, else `os.UserHomeDir()`: on Windows `_netrc` if it exists, else
/// `.netrc`.
pub(super) fn cmd_go(ctx: &Context<'_>) -> (FileUse, Lookup) {
    let candidates: Vec<Candidate> = match ctx.netrc_var().filter(|(v, _)| !v.is_empty()) {
        Some((path, name)) => vec![files::named(Path::new(&path), name)],
        None => match files::go_home(ctx) {
            Some(home) => match ctx.platform {
                Platform::Unix => vec![files::in_home(&home, ".netrc", "")],
                Platform::Windows => vec![
                    files::in_home(&home, "_netrc", " (cmd/go prefers it)"),
                    files::in_home(&home, ".netrc", ""),
                ],
            },
            None => Vec::new(),
        },
    };
    let (file, state) = files::first_existing(ctx, candidates, "no NETRC and no home directory");
    let host = ctx.url.go_host();
    let lookup = read_with(&state, |b, _, _| lookup(b, &host, &ctx.url.path));
    (file, lookup)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(text: &str, host: &str) -> Option<(String, usize)> {
        lookup(text.as_bytes(), host, "/x")
            .pick
            .map(|p| (p.login, p.line))
    }

    #[test]
    fn first_complete_entry_with_port_and_case_as_written() {
        let text =
            "machine h login a\nmachine h login b password c\nmachine h login d password e\n";
        assert_eq!(get(text, "h"), Some(("b".into(), 2)));
        assert_eq!(
            get("machine h:8443 login a password b\n", "h:8443"),
            Some(("a".into(), 1))
        );
        assert_eq!(get("machine h login a password b\n", "h:8443"), None);
        assert_eq!(get("machine H login a password b\n", "h"), None);
    }

    #[test]
    fn default_alone_ends_the_file() {
        let text = "machine a login x password y\ndefault\nmachine h login a password b\n";
        assert_eq!(get(text, "h"), None);
        let one_line = "default login x password y\nmachine h login a password b\n";
        assert_eq!(get(one_line, "h"), Some(("a".into(), 2)));
    }
}
