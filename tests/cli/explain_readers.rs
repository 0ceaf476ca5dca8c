//! `explain`'s predictions against the real readers installed here: curl 7.88 (`--netrc`
//! with HOME, `--netrc-file`), git 2.47 (libcurl 7.88), requests (`get_netrc_auth`),
//! uv, and Python's `netrc` module with and without a path. For each file shape, what the
//! model says each reader sends must be what the reader sent to a loopback server.
//! Negative controls: every reader, over the table, is seen both sending and not sending
//! (so neither a model nor a harness stuck on one answer passes), and an empty netrc makes
//! every reader send nothing.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use common::{Home, echo_auth_server, have, have_python_module, set_mode};
use netrc_guard::readers::{self, Context, ReaderId, UrlFacts, probe};
use netrc_guard::store::{Environment, Platform};

type Creds = Option<(String, String)>;

/// A loopback server that answers 401 (Basic) to a request without `Authorization` and
/// 403 to one with it, recording every header it gets.
fn recording_server() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let auth = crate::common::authorization_header(&mut reader);
            let status = match auth {
                Some(a) => {
                    log.lock().unwrap().push(a);
                    "403 Forbidden"
                }
                None => "401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"",
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    (port, seen)
}

fn decode_basic(header: &str) -> Creds {
    use base64::Engine;
    let b64 = header.strip_prefix("Basic ")?;
    let raw = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
    let text = String::from_utf8(raw).ok()?;
    let (l, p) = text.split_once(':')?;
    Some((l.to_string(), p.to_string()))
}

/// Where the netrc is and what the environment says.
struct Setup {
    home: Home,
    netrc_var: Option<PathBuf>,
}

impl Setup {
    fn env(&self) -> Environment {
        Environment {
            netrc: self.netrc_var.as_ref().map(|p| p.as_os_str().to_owned()),
            home: Some(self.home.path().as_os_str().to_owned()),
            userprofile: None,
            fallback_home: None,
        }
    }

    fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.env("HOME", self.home.path())
            .env_remove("NETRC")
            .env("NO_PROXY", "*")
            .env_remove("http_proxy")
            .env_remove("HTTP_PROXY");
        if let Some(n) = &self.netrc_var {
            c.env("NETRC", n);
        }
        c
    }

    fn predict(&self, reader: ReaderId, url: &str) -> Creds {
        let env = self.env();
        let url = UrlFacts::parse(url).unwrap();
        let ctx = Context {
            platform: Platform::Unix,
            env: &env,
            netrc_override: None,
            url: &url,
            files: &probe::probe,
        };
        let ex = readers::explain(&ctx);
        let v = ex.verdicts.iter().find(|v| v.reader == reader).unwrap();
        v.sends()
            .map(|(l, p)| (l.to_string(), p.expose().to_string()))
    }
}

fn curl(setup: &Setup, url: &str, netrc_file: Option<&Path>) -> Creds {
    let mut c = setup.command("curl");
    c.args(["-s", "--max-time", "10"]);
    match netrc_file {
        Some(f) => c.arg("--netrc-file").arg(f),
        None => c.arg("--netrc"),
    };
    let out = c.arg(url).output().unwrap();
    let body = String::from_utf8_lossy(&out.stdout).into_owned();
    decode_basic(&body)
}

/// The last credentials the recording server saw during `run`.
fn recorded(seen: &Arc<Mutex<Vec<String>>>, run: impl FnOnce()) -> Creds {
    seen.lock().unwrap().clear();
    run();
    let last = seen.lock().unwrap().last().cloned();
    last.and_then(|h| decode_basic(&h))
}

fn git(setup: &Setup, url: &str) {
    let _ = setup
        .command("git")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env_remove("GIT_ASKPASS")
        .env_remove("SSH_ASKPASS")
        .args(["-c", "credential.helper=", "ls-remote", url])
        .output();
}

fn uv(setup: &Setup, index: &str) {
    let mut c = setup.command("uv");
    c.env("UV_NO_CONFIG", "1")
        .args([
            "pip",
            "compile",
            "-",
            "--no-cache",
            "--python-version",
            "3.11",
        ])
        .args(["--index-url", index])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = c.spawn().unwrap();
    let _ = child.stdin.take().unwrap().write_all(b"somepkg\n");
    let _ = child.wait();
}

/// requests' and Python's answers, as JSON `[login, password] | null` per caller.
fn python(setup: &Setup, url: &str, path: &Path) -> BTreeMap<&'static str, Creds> {
    let script = r#"
import json, netrc, sys, urllib.parse
import requests.utils
url, path = sys.argv[1], sys.argv[2]
host = urllib.parse.urlsplit(url).hostname
def module(*args):
    try:
        a = netrc.netrc(*args).authenticators(host)
    except Exception:
        return None
    return None if a is None else [a[0], a[2]]
r = requests.utils.get_netrc_auth(url)
print(json.dumps({"requests": None if r is None else list(r),
                  "default": module(), "path": module(path)}))
"#;
    let out = setup
        .command("python3")
        .arg("-c")
        .arg(script)
        .arg(url)
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let get = |k: &str| -> Creds {
        v[k].as_array().map(|a| {
            (
                a[0].as_str().unwrap().to_string(),
                a[1].as_str().unwrap().to_string(),
            )
        })
    };
    BTreeMap::from([
        ("requests", get("requests")),
        ("default", get("default")),
        ("path", get("path")),
    ])
}

/// Where the shape's file goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Place {
    /// `$HOME/.netrc`, NETRC unset.
    Home,
    /// A file NETRC names; nothing at `$HOME/.netrc`.
    NetrcVar,
    /// `$HOME/.netrc` holds the shape; NETRC names a file that does not exist.
    NetrcMissing,
}

struct Shape {
    name: &'static str,
    text: String,
    mode: u32,
    place: Place,
    /// The URL's host: `127.0.0.1`, or `localhost` for the case shapes.
    host: &'static str,
}

fn shape(name: &'static str, text: &str, host: &'static str) -> Shape {
    Shape {
        name,
        text: text.to_string(),
        mode: 0o600,
        place: Place::Home,
        host,
    }
}

fn shapes(ports: &[u16]) -> Vec<Shape> {
    const IP: &str = "127.0.0.1";
    let long = format!(
        "machine other.example login {} password x\n",
        "y".repeat(5000)
    );
    let mut with_ports = String::new();
    for p in ports {
        with_ports.push_str(&format!("machine 127.0.0.1:{p} login port password p\n"));
    }
    let mut out = vec![
        shape(
            "one entry",
            "machine 127.0.0.1 login alice password a1\n",
            IP,
        ),
        shape(
            "no entry for the host",
            "machine other.example login o password p\n",
            IP,
        ),
        shape(
            "duplicates",
            "machine 127.0.0.1 login first password f\nmachine 127.0.0.1 login last password l\n",
            IP,
        ),
        shape(
            "default first",
            "default login dflt password d\nmachine 127.0.0.1 login alice password a1\n",
            IP,
        ),
        shape(
            "default last, no machine",
            "machine other.example login o password p\ndefault login dflt password d\n",
            IP,
        ),
        shape(
            "upper-case machine",
            "machine LOCALHOST login upper password u\n",
            "localhost",
        ),
        shape(
            "upper-case URL host",
            "machine localhost login lower password l\n",
            "LocalHost",
        ),
        shape("host:port machine", &with_ports, IP),
        shape(
            "byte-order mark",
            "\u{feff}machine 127.0.0.1 login alice password a1\n",
            IP,
        ),
        shape(
            "port keyword",
            "machine 127.0.0.1 port 80 login alice password a1\n",
            IP,
        ),
        shape(
            "quoted value",
            "machine 127.0.0.1 login \"al ice\" password \"a b\"\n",
            IP,
        ),
        shape(
            "hash in value",
            "machine 127.0.0.1 login alice password p#q\n",
            IP,
        ),
        shape(
            "hash-started value",
            "machine 127.0.0.1 login alice password #pq\n",
            IP,
        ),
        shape(
            "long line before the entry",
            &format!("{long}machine 127.0.0.1 login alice password a1\n"),
            IP,
        ),
        shape(
            "long line holding the entry",
            &format!(
                "machine 127.0.0.1 login alice password {}\n",
                "z".repeat(5000)
            ),
            IP,
        ),
        shape(
            "first entry lacks a password",
            "machine 127.0.0.1 login half\nmachine 127.0.0.1 login full password f\n",
            IP,
        ),
        shape(
            "comment after a blank line",
            "machine other.example login o password p\n\n# two words\nmachine 127.0.0.1 login alice password a1\n",
            IP,
        ),
        shape("login only", "machine 127.0.0.1 login alice\n", IP),
        shape(
            "CRLF",
            "machine 127.0.0.1\r\n  login alice\r\n  password a1\r\n",
            IP,
        ),
    ];
    let mut open = shape(
        "mode 0644",
        "machine 127.0.0.1 login alice password a1\n",
        IP,
    );
    open.mode = 0o644;
    out.push(open);
    let mut var = shape(
        "NETRC names the file",
        "machine 127.0.0.1 login viaenv password e\n",
        IP,
    );
    var.place = Place::NetrcVar;
    out.push(var);
    let mut missing = shape(
        "NETRC names a missing file",
        "machine 127.0.0.1 login home password h\n",
        IP,
    );
    missing.place = Place::NetrcMissing;
    out.push(missing);
    out
}

fn lay_out(s: &Shape) -> Setup {
    let home = Home::new();
    let (file, netrc_var) = match s.place {
        Place::Home => (home.path().join(".netrc"), None),
        Place::NetrcVar => {
            let f = home.path().join("mounted/netrc");
            (f.clone(), Some(f))
        }
        Place::NetrcMissing => (
            home.path().join(".netrc"),
            Some(home.path().join("absent/netrc")),
        ),
    };
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, &s.text).unwrap();
    set_mode(&file, s.mode);
    Setup { home, netrc_var }
}

#[test]
#[ignore = "slow: every installed reader (curl, git, uv, requests) on every netrc shape; CI runs it"]
fn explain_predicts_what_each_installed_reader_sends() {
    let test = "explain_predicts_what_each_installed_reader_sends";
    let has_curl = have("curl", test);
    let has_git = have("git", test);
    let has_uv = have("uv", test);
    let has_python = have("python3", test) && have_python_module("requests", test);
    let echo = echo_auth_server();
    let (rec, seen) = recording_server();
    let mut outcomes: BTreeMap<&str, BTreeSet<bool>> = BTreeMap::new();
    let mut mismatches = Vec::new();
    for s in shapes(&[echo, rec]) {
        let setup = lay_out(&s);
        let mut check = |reader: &'static str, id: ReaderId, url: &str, real: Creds| {
            let predicted = setup.predict(id, url);
            outcomes.entry(reader).or_default().insert(real.is_some());
            if predicted != real {
                let short = |c: &Creds| format!("{c:?}").chars().take(60).collect::<String>();
                mismatches.push(format!(
                    "{}: {reader}: explain says {}, the reader sent {}",
                    s.name,
                    short(&predicted),
                    short(&real)
                ));
            }
        };
        let curl_url = format!("http://{}:{echo}/", s.host);
        if has_curl {
            check(
                "curl --netrc",
                ReaderId::CurlBefore816,
                &curl_url,
                curl(&setup, &curl_url, None),
            );
            if s.place == Place::Home {
                let f = setup.home.path().join(".netrc");
                check(
                    "curl --netrc-file",
                    ReaderId::CurlBefore816,
                    &curl_url,
                    curl(&setup, &curl_url, Some(&f)),
                );
            }
        }
        if has_git {
            let url = format!("http://{}:{rec}/x.git", s.host);
            check(
                "git",
                ReaderId::GitBefore816,
                &url,
                recorded(&seen, || git(&setup, &url)),
            );
        }
        if has_uv {
            let url = format!("http://{}:{rec}/simple/", s.host);
            check(
                "uv",
                ReaderId::Uv,
                &url,
                recorded(&seen, || uv(&setup, &url)),
            );
        }
        if has_python {
            let path = setup
                .netrc_var
                .clone()
                .filter(|_| s.place == Place::NetrcVar)
                .unwrap_or_else(|| setup.home.path().join(".netrc"));
            let answers = python(&setup, &curl_url, &path);
            check(
                "requests",
                ReaderId::Requests,
                &curl_url,
                answers["requests"].clone(),
            );
            check(
                "netrc.netrc()",
                ReaderId::PythonNetrcDefault,
                &curl_url,
                answers["default"].clone(),
            );
            if s.place != Place::NetrcMissing {
                check(
                    "netrc.netrc(path)",
                    ReaderId::PythonNetrcPath,
                    &curl_url,
                    answers["path"].clone(),
                );
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "explain mispredicts:\n{}",
        mismatches.join("\n")
    );
    for (reader, seen) in &outcomes {
        assert_eq!(
            seen.len(),
            2,
            "{reader} was never seen both sending and not sending: the table proves nothing for it"
        );
    }
    if outcomes.is_empty() {
        common::missing_client(&format!("skipping {test}: no reader is installed"));
    }
}

#[test]
fn an_empty_netrc_makes_every_reader_and_explain_say_nothing() {
    let test = "an_empty_netrc_makes_every_reader_and_explain_say_nothing";
    if !have("curl", test) {
        return;
    }
    let home = Home::new();
    home.write_netrc("");
    let port = echo_auth_server();
    let url = format!("http://127.0.0.1:{port}/");
    let setup = Setup {
        home,
        netrc_var: None,
    };
    assert_eq!(curl(&setup, &url, None), None);
    let run = setup.home.run(&["explain", &url, "--json"]);
    run.ok();
    let json = run.json();
    assert_eq!(json["agree"], true);
    for r in json["readers"].as_array().unwrap() {
        assert!(r["credentials"].is_null(), "{r}");
    }
}

/// The binary's JSON names the same login and the same disagreement as the model, masks a
/// token-like login and never prints a password; a bad URL is exit 2 without echoing it.
#[test]
fn explain_json_and_table_show_who_differs_without_secrets() {
    let home = Home::new();
    let token = "ghp_Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx";
    home.write_netrc(&format!(
        "machine github.com login {token} password hunter2\nmachine github.com login second password other-pass\n"
    ));
    let run = home.run(&["explain", "https://github.com/org/repo.git", "--json"]);
    run.code(1)
        .hides(token)
        .hides("hunter2")
        .hides("other-pass");
    let json = run.json();
    let rows = json["readers"].as_array().unwrap();
    let by = |key: &str| rows.iter().find(|r| r["reader"] == key).unwrap().clone();
    assert_eq!(by("curl-before-8.16")["entry"]["login"], "***");
    assert_eq!(by("curl-before-8.16")["entry"]["line"], 1);
    assert_eq!(by("requests")["entry"]["login"], "second");
    assert_eq!(by("requests")["entry"]["line"], 2);
    assert_ne!(
        by("curl-before-8.16")["credentials"],
        by("requests")["credentials"]
    );
    let table = home.run(&["explain", "https://user:s3cret@github.com/org/repo.git"]);
    table
        .code(1)
        .hides(token)
        .hides("hunter2")
        .hides("s3cret")
        .stdout_has("carries credentials")
        .stdout_has("readers disagree");
    let bad = home.run(&["explain", "https//user:s3cret@github.com"]);
    bad.code(2).hides("s3cret");
}

/// `--file` is "what if NETRC pointed here": readers that honour NETRC read it, curl and
/// git before 8.16 do not; requests, run with NETRC set to that file, agrees.
#[test]
fn file_flag_is_what_if_netrc_pointed_here() {
    let test = "file_flag_is_what_if_netrc_pointed_here";
    let home = Home::new();
    let mounted = home.write(
        "mounted/netrc",
        "machine 127.0.0.1 login mounted password m\n",
    );
    set_mode(&mounted, 0o600);
    let run = home.run(&[
        "--file",
        mounted.to_str().unwrap(),
        "explain",
        "http://127.0.0.1:1/",
        "--json",
    ]);
    run.code(1);
    let json = run.json();
    let rows = json["readers"].as_array().unwrap();
    let by = |key: &str| rows.iter().find(|r| r["reader"] == key).unwrap().clone();
    assert_eq!(by("requests")["entry"]["login"], "mounted");
    assert_eq!(by("curl-8.16")["entry"]["login"], "mounted");
    assert!(by("curl-before-8.16")["entry"].is_null());
    assert!(
        by("git-before-8.16")["file"]
            .as_str()
            .unwrap()
            .ends_with(".netrc")
    );
    if have("python3", test) && have_python_module("requests", test) {
        let setup = Setup {
            home,
            netrc_var: Some(mounted.clone()),
        };
        let answers = python(&setup, "http://127.0.0.1:1/", &mounted);
        assert_eq!(answers["requests"], Some(("mounted".into(), "m".into())));
        // Negative control: without NETRC, requests finds nothing (no ~/.netrc here).
        let bare = Setup {
            home: setup.home,
            netrc_var: None,
        };
        assert_eq!(
            python(&bare, "http://127.0.0.1:1/", &mounted)["requests"],
            None
        );
    }
}

/// IDNA: curl looks a non-ASCII host up in punycode (the form netrc-guard writes), requests
/// in Unicode; explain predicts both. Each file is the other's negative control.
#[test]
fn idna_hosts_split_curl_from_requests() {
    let test = "idna_hosts_split_curl_from_requests";
    if !have("curl", test) || !have("python3", test) || !have_python_module("requests", test) {
        return;
    }
    let port = echo_auth_server();
    let url = format!("http://bücher.example:{port}/");
    for (machine, login) in [("xn--bcher-kva.example", "puny"), ("bücher.example", "uni")] {
        let home = Home::new();
        home.write_netrc(&format!("machine {machine} login {login} password p\n"));
        let setup = Setup {
            home,
            netrc_var: None,
        };
        let out = setup
            .command("curl")
            .args(["-s", "--max-time", "10", "--netrc", "--connect-to"])
            .arg(format!("::127.0.0.1:{port}"))
            .arg(&url)
            .output()
            .unwrap();
        let real_curl = decode_basic(&String::from_utf8_lossy(&out.stdout));
        assert_eq!(
            setup.predict(ReaderId::CurlBefore816, &url),
            real_curl,
            "{machine}"
        );
        let real_requests =
            python(&setup, &url, &setup.home.path().join(".netrc"))["requests"].clone();
        assert_eq!(
            setup.predict(ReaderId::Requests, &url),
            real_requests,
            "{machine}"
        );
        assert_ne!(real_curl.is_some(), real_requests.is_some(), "{machine}");
    }
}
