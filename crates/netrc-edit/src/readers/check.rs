//! What `check` learns from the reader models themselves, so that `check` and `explain`
//! cannot disagree: every reader that fails on the file (`reader-refuses-file`), and every
//! machine named in the file for which the readers that read it send different
//! credentials (`readers-disagree`). Values are never shown: sides are named by readers and
//! by the lines of the entries they use.

use std::path::{Path, PathBuf};

use super::{Context, FileState, Parse, ReaderId, UrlFacts, Verdict, explain};
use crate::lint::{Problem, Rule};
use crate::{Environment, Platform, Position};

/// The machine names a file gives, lower-cased as a URL's host is, that can stand in a URL,
/// once each, in the order they first stand.
pub fn named_hosts(bytes: &[u8]) -> Vec<String> {
    let words: Vec<&[u8]> = bytes
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty())
        .collect();
    let mut hosts: Vec<String> = words
        .windows(2)
        .filter(|w| w[0].eq_ignore_ascii_case(b"machine"))
        .filter_map(|w| std::str::from_utf8(w[1]).ok())
        .map(str::to_ascii_lowercase)
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        })
        .filter(|h| UrlFacts::parse(&format!("https://{h}/")).is_ok())
        .collect();
    let mut seen = std::collections::HashSet::new();
    hosts.retain(|h| seen.insert(h.clone()));
    hosts
}

/// Every reader's verdict for `host`, with the file as every reader's netrc.
pub fn verdicts(bytes: &[u8], host: &str, platform: Platform) -> Vec<Verdict> {
    let home = PathBuf::from("/netrc-guard-check");
    let netrc = home.join(".netrc");
    // No NETRC: every reader then opens `$HOME/.netrc` (the Ruby gem would read NETRC as
    // a directory).
    let env = Environment {
        netrc: None,
        home: Some(home.as_os_str().to_owned()),
        userprofile: Some(home.as_os_str().to_owned()),
        fallback_home: None,
    };
    let Ok(url) = UrlFacts::parse(&format!("https://{host}/")) else {
        return Vec::new();
    };
    let files = |p: &Path| match p == netrc {
        true => FileState::Regular {
            bytes: bytes.to_vec(),
            mode: Some(0o600),
            owned_by_user: Some(true),
        },
        false => FileState::Missing,
    };
    let ctx = Context {
        platform,
        env: &env,
        netrc_override: None,
        url: &url,
        files: &files,
    };
    explain(&ctx).verdicts
}

fn names(readers: &[ReaderId]) -> String {
    readers
        .iter()
        .map(|r| r.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The readers, and the verb in the number they take ("send"/"sends").
fn they(readers: &[ReaderId], verb: &str) -> String {
    let s = if readers.len() == 1 { "s" } else { "" };
    format!("{} {verb}{s}", names(readers))
}

/// How many machines `check` compares the readers for: each costs a parse of the whole
/// file by every reader, so a file naming thousands would take minutes.
pub const MAX_COMPARED: usize = 200;

/// What the reader models find, and how many named machines were left uncompared.
#[derive(Debug)]
pub struct ModelCheck {
    /// What the readers disagree on or refuse, as `check` problems.
    pub problems: Vec<Problem>,
    /// Named hosts left out past [`MAX_COMPARED`].
    pub not_compared: usize,
}

/// The problems the reader models find in a netrc's bytes.
pub fn problems(bytes: &[u8], platform: Platform) -> ModelCheck {
    let mut named = named_hosts(bytes);
    let not_compared = named.len().saturating_sub(MAX_COMPARED);
    named.truncate(MAX_COMPARED);
    // A file with no machine still fails (or not) for any host; disagreements are asked
    // about named machines only (Go ignores `default` by design, as docs/readers.md says).
    let hosts = match named.is_empty() {
        true => vec!["example.invalid".to_string()],
        false => named.clone(),
    };
    let mut refusals: Vec<(Option<usize>, String, Vec<ReaderId>)> = Vec::new();
    let mut out = Vec::new();
    for host in &hosts {
        let verdicts = verdicts(bytes, host, platform);
        for v in &verdicts {
            if let Parse::Failed { line, why } = &v.lookup.parse {
                match refusals.iter_mut().find(|r| r.0 == *line && r.1 == *why) {
                    Some(r) if !r.2.contains(&v.reader) => r.2.push(v.reader),
                    Some(_) => {}
                    None => refusals.push((*line, why.clone(), vec![v.reader])),
                }
            }
        }
        if let Some(p) = disagreement(host, &verdicts).filter(|_| named.contains(host)) {
            out.push(p);
        }
    }
    let mut refused: Vec<Problem> = refusals
        .into_iter()
        .map(|(line, why, readers)| {
            let mut p = Problem::new(
                Rule::ReaderRefusesFile,
                line.map(|line| Position { line, column: 1 }),
                format!(
                    "{} nothing from the file, for any host: {why}",
                    they(&readers, "read")
                ),
                "correct the file at this line (`netrc-guard explain URL` shows each reader's reading)",
            );
            p.readers = readers;
            p
        })
        .collect();
    refused.append(&mut out);
    ModelCheck {
        problems: refused,
        not_compared,
    }
}

/// One side of a disagreement: what the readers send (the entry's line), and who they are.
struct Side {
    sends: Option<(String, String)>,
    line: Option<usize>,
    readers: Vec<ReaderId>,
}

/// The readers that read the file, split by what they send for `host`; a problem when they
/// do not all send the same.
fn disagreement(host: &str, verdicts: &[Verdict]) -> Option<Problem> {
    let mut sides: Vec<Side> = Vec::new();
    for v in verdicts.iter().filter(|v| v.applies) {
        if v.lookup.parse != Parse::Read {
            continue;
        }
        let sends = v.sends().map(|(l, p)| {
            // `password ""` read as two quote characters is the `empty-password` note's
            // business, not a disagreement of its own.
            let quote_literal = Rule::EmptyPassword.readers().contains(&v.reader);
            let p = match p.expose() {
                "\"\"" if quote_literal => "",
                p => p,
            };
            (l.to_string(), p.to_string())
        });
        match sides.iter_mut().find(|s| s.sends == sends) {
            Some(s) => s.readers.push(v.reader),
            None => sides.push(Side {
                sends,
                line: v.lookup.pick.as_ref().map(|p| p.line),
                readers: vec![v.reader],
            }),
        }
    }
    if sides.len() < 2 {
        return None;
    }
    let most = sides.iter().map(|s| s.readers.len()).max().unwrap_or(0);
    let ties = sides.iter().filter(|s| s.readers.len() == most).count();
    let mut named: Vec<ReaderId> = sides
        .iter()
        .filter(|s| ties > 1 || s.readers.len() < most)
        .flat_map(|s| s.readers.iter().copied())
        .collect();
    named.sort();
    let described: Vec<String> = sides
        .iter()
        .map(|s| match s.line {
            None => format!("{} nothing", they(&s.readers, "send")),
            Some(l) => {
                let same_line = sides.iter().filter(|o| o.line == Some(l)).count() > 1;
                let how = if same_line { ", read differently" } else { "" };
                format!("{} the entry at line {l}{how}", they(&s.readers, "send"))
            }
        })
        .collect();
    let line = sides.iter().filter_map(|s| s.line).min();
    let mut p = Problem::new(
        Rule::ReadersDisagree,
        line.map(|line| Position { line, column: 1 }),
        format!(
            "the readers send different credentials to {host}: {}",
            described.join("; ")
        ),
        format!(
            "see the other problems at these lines; `netrc-guard explain https://{host}/` shows each reader's reading"
        ),
    );
    p.readers = named;
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reader_reads_the_file_checked() {
        let text = b"machine a.example login u password p\n";
        for v in verdicts(text, "a.example", Platform::Unix) {
            assert_eq!(v.lookup.parse, Parse::Read, "{:?}", v.reader);
            assert!(v.sends().is_some(), "{:?}", v.reader);
        }
        assert!(problems(text, Platform::Unix).problems.is_empty());
    }

    #[test]
    fn disagreements_and_refusals_name_their_readers() {
        let dup = b"machine a.example login u password p\nmachine a.example login v password q\n";
        let p = problems(dup, Platform::Unix).problems;
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].rule, Rule::ReadersDisagree);
        assert!(p[0].readers.contains(&ReaderId::Requests));
        assert!(!p[0].message.contains('q') || !p[0].message.contains("password q"));
        let after_blank = b"machine a.example login u password p\n\n# old tokens below\n";
        let p = problems(after_blank, Platform::Unix).problems;
        assert!(
            p.iter().any(|p| p.rule == Rule::ReaderRefusesFile
                && p.position.is_some_and(|at| at.line == 3)
                && p.readers.contains(&ReaderId::PythonNetrcPath)),
            "{p:?}"
        );
    }
}
