//! The reader corpus: 200+ netrc files taken from curl's, CPython's, Go's, the Ruby gem's
//! and rust-netrc's own test suites (`tests/netrc_corpus/`, where `SOURCES.tsv` says where
//! each came from), read by the real readers installed here (curl `--netrc-file` against one
//! loopback server that echoes the `Authorization` header, Python's `netrc` and requests in
//! one Python process) and by netrc-guard (`get`, `explain`'s rows, `check`).
//!
//! Negative controls: over the corpus each real reader is seen both sending and not sending,
//! and a deliberately wrong model (the last matching entry wins) disagrees with real curl,
//! so neither a harness stuck on one answer nor a comparison that cannot fail passes.

use crate::common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use common::{Home, echo_auth_server, have, have_python_module, note};
use netrc_guard::readers::{self, Context, FileState, Parse, ReaderId, UrlFacts};
use netrc_guard::store::{Environment, Platform};

type Creds = Option<(String, String)>;

/// The host no entry names: what `default` (or nothing) answers.
const NO_MATCH: &str = "nomatch.example";

pub(crate) struct Case {
    pub name: String,
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub hosts: Vec<String>,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/netrc_corpus")
}

/// Every file of the corpus, with the hosts to ask about: each machine name that can stand
/// in a URL, and one no entry names.
pub(crate) fn corpus() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "netrc"))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|path| {
                let bytes = std::fs::read(&path).unwrap();
                Case {
                    name: path.file_stem().unwrap().to_string_lossy().into_owned(),
                    hosts: hosts_of(&bytes),
                    path,
                    bytes,
                }
            })
            .collect()
    })
}

fn hosts_of(bytes: &[u8]) -> Vec<String> {
    let words: Vec<&[u8]> = bytes
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty())
        .collect();
    let mut hosts: Vec<String> = words
        .windows(2)
        .filter(|w| w[0].eq_ignore_ascii_case(b"machine"))
        .filter_map(|w| std::str::from_utf8(w[1]).ok())
        .filter(|h| {
            h.len() < 100
                && h.starts_with(|c: char| c.is_ascii_alphanumeric())
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        })
        .map(str::to_ascii_lowercase)
        .collect();
    hosts.push(NO_MATCH.into());
    hosts.sort();
    hosts.dedup();
    hosts
}

/// What a reader did for one host: failed on the file, or sent these credentials (or none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Saw {
    Failed,
    Sent(Creds),
}

impl Saw {
    fn sent(&self) -> Option<&(String, String)> {
        match self {
            Saw::Sent(Some(c)) => Some(c),
            _ => None,
        }
    }
}

fn decode_basic(header: &str) -> Creds {
    use base64::Engine;
    let b64 = header.strip_prefix("Basic ")?;
    let raw = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (l, p) = text.split_once(':')?;
    Some((l.to_string(), p.to_string()))
}

/// Real curl, one process per file, every host in one command line (`--connect-to` sends
/// each to the loopback server). A netrc curl cannot parse fails every transfer (exit 26).
fn real_curl(port: u16, case: &Case) -> Vec<Saw> {
    let out = Command::new("curl")
        .args(["-s", "--max-time", "10", "--netrc-file"])
        .arg(&case.path)
        .args(["--connect-to", &format!("::127.0.0.1:{port}")])
        .args(["-w", "\t%{exitcode}\n"])
        .args(case.hosts.iter().map(|h| format!("http://{h}/")))
        .env_remove("NETRC")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let saw: Vec<Saw> = text
        .lines()
        .map(|line| {
            let (body, code) = line.rsplit_once('\t').unwrap();
            match code {
                "0" if body == "NONE" => Saw::Sent(None),
                "0" => Saw::Sent(decode_basic(body)),
                "26" => Saw::Failed,
                other => panic!("{}: curl exited {other}", case.name),
            }
        })
        .collect();
    assert_eq!(saw.len(), case.hosts.len(), "{}: {text}", case.name);
    saw
}

/// What Python's netrc and requests did with each file, for each host.
pub(crate) struct PythonSaw {
    pub netrc: Vec<Saw>,
    pub requests: Option<Vec<Saw>>,
}

fn real_python(cases: &[Case]) -> Vec<PythonSaw> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/common/corpus_readers.py");
    let input: Vec<(String, &[String])> = cases
        .iter()
        .map(|c| (c.path.to_string_lossy().into_owned(), c.hosts.as_slice()))
        .collect();
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let json = serde_json::to_vec(&input).unwrap();
    child.stdin.take().unwrap().write_all(&json).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let pair = |v: &serde_json::Value, password_at: usize| -> Creds {
        let a = v.as_array()?;
        let s = |i: usize| a[i].as_str().unwrap_or_default().to_string();
        Some((s(0), s(password_at)))
    };
    cases
        .iter()
        .zip(rows)
        .map(|(case, row)| {
            let failed = !row["netrc"]["error"].is_null();
            let netrc = case
                .hosts
                .iter()
                .map(|h| match failed {
                    true => Saw::Failed,
                    false => Saw::Sent(pair(&row["netrc"]["hosts"][h], 2)),
                })
                .collect();
            let requests = row["requests"].as_object().map(|r| {
                case.hosts
                    .iter()
                    .map(|h| Saw::Sent(pair(&r[h], 1)))
                    .collect()
            });
            PythonSaw { netrc, requests }
        })
        .collect()
}

/// What the real readers did, measured once for every test that compares with them.
pub(crate) struct Measured {
    pub curl: Vec<Vec<Saw>>,
    pub python: Vec<PythonSaw>,
}

pub(crate) fn measured() -> Option<&'static Measured> {
    static MEASURED: OnceLock<Option<Measured>> = OnceLock::new();
    MEASURED
        .get_or_init(|| {
            if !have("curl", "the reader corpus") || !have("python3", "the reader corpus") {
                return None;
            }
            let port = echo_auth_server();
            let cases = corpus();
            Some(Measured {
                curl: cases.iter().map(|c| real_curl(port, c)).collect(),
                python: real_python(cases),
            })
        })
        .as_ref()
}

/// A model's answer for one host, with the file as `$HOME/.netrc` and as `NETRC`.
pub(crate) fn model(case: &Case, host: &str, reader: ReaderId) -> Saw {
    let home = PathBuf::from("/corpus-home");
    let netrc = home.join(".netrc");
    let env = Environment {
        netrc: Some(netrc.as_os_str().to_owned()),
        home: Some(home.as_os_str().to_owned()),
        userprofile: None,
        fallback_home: None,
    };
    let url = UrlFacts::parse(&format!("https://{host}/")).unwrap();
    let files = |p: &Path| match p == netrc {
        true => FileState::Regular {
            bytes: case.bytes.clone(),
            mode: Some(0o600),
            owned_by_user: Some(true),
        },
        false => FileState::Missing,
    };
    let ctx = Context {
        platform: Platform::Unix,
        env: &env,
        netrc_override: None,
        url: &url,
        files: &files,
    };
    let ex = readers::explain(&ctx);
    let v = ex.verdicts.iter().find(|v| v.reader == reader).unwrap();
    match v.lookup.parse {
        Parse::Failed { .. } => Saw::Failed,
        _ => Saw::Sent(
            v.lookup
                .pick
                .as_ref()
                .map(|p| (p.login.clone(), p.password.expose().to_string())),
        ),
    }
}

/// What `netrc-guard get HOST --file F` answers: exit 2 is a file it cannot read.
fn get(home: &Home, case: &Case, host: &str) -> Saw {
    let out = home
        .cmd()
        .args(["get", host, "--json", "--password", "--login", "--file"])
        .arg(&case.path)
        .output()
        .unwrap();
    match out.status.code() {
        Some(0) => {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let s = |k: &str| v[k].as_str().map(str::to_string);
            match (s("login"), s("password")) {
                (None, None) => Saw::Sent(None),
                (l, p) => Saw::Sent(Some((l.unwrap_or_default(), p.unwrap_or_default()))),
            }
        }
        Some(1) => Saw::Sent(None),
        Some(2) => Saw::Failed,
        other => panic!("{}: get exited {other:?}", case.name),
    }
}

/// An answer for a message, long values cut.
fn short(saw: &Saw) -> String {
    let text = format!("{saw:?}");
    match text.char_indices().nth(120) {
        Some((i, _)) => format!("{}...", &text[..i]),
        None => text,
    }
}

/// The (file, host) pairs where `answer` differs from `real`, and how many files agree.
fn compare(
    what: &str,
    real: &[Vec<Saw>],
    answer: impl Fn(&Case, &str) -> Saw,
) -> (usize, Vec<String>) {
    let mut differ = Vec::new();
    let mut files_agreeing = 0;
    for (case, saw) in corpus().iter().zip(real) {
        let before = differ.len();
        for (host, real) in case.hosts.iter().zip(saw) {
            let got = answer(case, host);
            if got != *real {
                differ.push(format!(
                    "{what}: {} host {host}: real {}, netrc-guard {}",
                    case.name,
                    short(real),
                    short(&got)
                ));
            }
        }
        files_agreeing += usize::from(differ.len() == before);
    }
    note(&format!(
        "{what}: agrees with the real reader on {files_agreeing} of {} files",
        corpus().len()
    ));
    (files_agreeing, differ)
}

/// Every real reader, over the corpus, both sends something and does not.
fn assert_controls(what: &str, real: &[Vec<Saw>]) {
    let all = || real.iter().flatten();
    assert!(all().any(|s| s.sent().is_some()), "{what} never sent");
    assert!(all().any(|s| s.sent().is_none()), "{what} always sent");
}

#[test]
fn the_corpus_has_200_files_from_the_readers_own_test_suites() {
    let sources = std::fs::read_to_string(corpus_dir().join("SOURCES.tsv")).unwrap();
    let listed: BTreeMap<&str, &str> = sources
        .lines()
        .skip(1)
        .map(|l| {
            let mut f = l.split('\t');
            (f.next().unwrap(), f.next().unwrap())
        })
        .collect();
    assert!(corpus().len() >= 200, "{}", corpus().len());
    for case in corpus() {
        let file = format!("{}.netrc", case.name);
        assert!(listed.contains_key(file.as_str()), "{file} has no source");
    }
    for repo in [
        "curl/curl",
        "python/cpython",
        "golang/go",
        "heroku/netrc",
        "gribouille/netrc",
    ] {
        assert!(listed.values().any(|r| *r == repo), "nothing from {repo}");
    }
}

#[test]
#[ignore = "slow: real curl and Python over the whole reader corpus; CI runs it"]
fn get_and_the_curl_row_agree_with_real_curl_on_every_corpus_file() {
    let Some(m) = measured() else { return };
    assert_controls("curl", &m.curl);
    let (_, row) = compare("explain's curl row", &m.curl, |c, h| {
        model(c, h, ReaderId::CurlBefore816)
    });
    let home = Home::new();
    let (_, got) = compare("get", &m.curl, |c, h| get(&home, c, h));
    let all: Vec<String> = row.into_iter().chain(got).collect();
    assert!(
        all.is_empty(),
        "{} differences:\n{}",
        all.len(),
        all.join("\n")
    );
}

#[test]
#[ignore = "slow: real curl and Python over the whole reader corpus; CI runs it"]
fn a_wrong_curl_model_is_caught_by_the_corpus() {
    let Some(m) = measured() else { return };
    // Negative control: "the last matching entry wins" (Python's rule) is not curl's.
    let last_wins = |c: &Case, h: &str| model(c, h, ReaderId::PythonNetrcPath);
    let (_, differ) = compare("control (Python's rule as curl)", &m.curl, last_wins);
    assert!(!differ.is_empty());
}

#[test]
#[ignore = "slow: real curl and Python over the whole reader corpus; CI runs it"]
fn the_python_rows_agree_with_real_python_and_requests_on_every_corpus_file() {
    let Some(m) = measured() else { return };
    let netrc: Vec<Vec<Saw>> = m.python.iter().map(|p| p.netrc.clone()).collect();
    assert_controls("Python netrc", &netrc);
    let (_, mut differ) = compare("explain's Python netrc(path) row", &netrc, |c, h| {
        model(c, h, ReaderId::PythonNetrcPath)
    });
    if have_python_module("requests", "the reader corpus (requests)") {
        let requests: Vec<Vec<Saw>> = m
            .python
            .iter()
            .map(|p| p.requests.clone().unwrap())
            .collect();
        assert_controls("requests", &requests);
        // requests catches the parse error and sends nothing.
        let (_, r) = compare("explain's requests row", &requests, |c, h| {
            match model(c, h, ReaderId::Requests) {
                Saw::Failed => Saw::Sent(None),
                sent @ Saw::Sent(_) => sent,
            }
        });
        differ.extend(r);
    }
    assert!(
        differ.is_empty(),
        "{} differences:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

/// For every corpus file: where two reader models send different credentials for a machine
/// the file names, `check` reports `readers-disagree` naming at least one of the two; where
/// a model fails on the file, `reader-refuses-file` naming it.
#[test]
fn check_names_every_reader_that_disagrees_or_fails_on_every_corpus_file() {
    use netrc_guard::readers::check::{named_hosts, verdicts};
    let home = Home::new();
    let json_name = |r: ReaderId| serde_json::to_value(r).unwrap();
    let mut missing = Vec::new();
    let mut disagreeing_files = 0;
    for case in corpus() {
        let out = home
            .cmd()
            .args(["check", "--json", "--file"])
            .arg(&case.path)
            .output()
            .unwrap();
        let problems: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        let names = |code: &str, r: ReaderId| {
            problems
                .iter()
                .filter(|p| p["code"] == code)
                .any(|p| p["readers"].as_array().unwrap().contains(&json_name(r)))
        };
        let mut disagrees = false;
        for host in named_hosts(&case.bytes) {
            let vs = verdicts(&case.bytes, &host, Platform::Unix);
            for v in &vs {
                if matches!(v.lookup.parse, Parse::Failed { .. })
                    && !names("reader-refuses-file", v.reader)
                {
                    missing.push(format!("{}: {:?} fails, not named", case.name, v.reader));
                }
            }
            let read: Vec<_> = vs
                .iter()
                .filter(|v| v.lookup.parse == Parse::Read)
                .collect();
            for a in &read {
                for b in &read {
                    if a.sends() != b.sends() {
                        disagrees = true;
                        let named = names("readers-disagree", a.reader)
                            || names("readers-disagree", b.reader);
                        if !named {
                            missing.push(format!(
                                "{} host {host}: {:?} and {:?} disagree, neither named",
                                case.name, a.reader, b.reader
                            ));
                        }
                    }
                }
            }
        }
        disagreeing_files += usize::from(disagrees);
        if !disagrees && problems.iter().any(|p| p["code"] == "readers-disagree") {
            missing.push(format!("{}: readers-disagree where none do", case.name));
        }
    }
    note(&format!(
        "check: the reader models disagree on {disagreeing_files} of {} corpus files",
        corpus().len()
    ));
    // Negative control: the property is not vacuous.
    assert!(disagreeing_files > 0);
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// `check` compares the readers for a bounded number of machines, and says when it stopped.
#[test]
#[ignore = "slow: check over the most machines it compares, twice, in a debug build; CI runs it"]
fn check_says_which_machines_it_did_not_compare() {
    use netrc_guard::readers::check::MAX_COMPARED;
    let home = Home::new();
    let text: String = (0..=MAX_COMPARED)
        .map(|i| format!("machine h{i}.example login u{i} password p{i}\n"))
        .collect();
    home.write_netrc(&text);
    home.run(&["check"]).code(0).stderr_lines(&[
        "netrc-guard: $HOME/.netrc: the readers were compared for the first 200 machines named in it, not the other 1",
        "netrc-guard: $HOME/.netrc: no problems",
    ]);
    // Control: one machine fewer is compared whole, without the note.
    let fewer: String = text.lines().skip(1).map(|l| format!("{l}\n")).collect();
    home.write_netrc(&fewer);
    let run = home.run(&["check"]);
    run.code(0);
    assert!(!run.stderr.contains("not the other"), "{}", run.stderr);
}
