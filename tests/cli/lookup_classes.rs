//! Issue 15, "lookups that are not what the reader does": one test per class, each a file
//! shape where `get` answered otherwise than curl. Each asserts what `get` answers (measured
//! with curl 7.88.1-10+deb12u15), and where curl is installed that real curl sends the same
//! to a loopback server. Negative control: each class also has a neighbouring shape with a
//! different answer, checked the same way, so a harness that always agrees cannot pass.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{Home, basic, echo_auth_server, have};

const HOST: &str = "example.org";

/// What real curl sends to `HOST` from `netrc` (`None`: no Authorization header).
fn curl_sends(netrc: &Path) -> Option<String> {
    let port = echo_auth_server();
    let out = Command::new("curl")
        .args(["-s", "--max-time", "10", "--netrc-file"])
        .arg(netrc)
        .args(["--connect-to", &format!("::127.0.0.1:{port}")])
        .arg(format!("http://{HOST}/"))
        .output()
        .unwrap();
    let body = String::from_utf8(out.stdout).unwrap();
    (body != "NONE").then_some(body)
}

/// What `get HOST` answers: `Some((login, password))`, or `None` with exit 1.
fn get_answers(home: &Home) -> Option<(String, String)> {
    let out = home
        .cmd()
        .args(["get", HOST, "--json", "--password", "--login"])
        .output()
        .unwrap();
    match out.status.code() {
        Some(0) => {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            Some((s("login"), s("password")))
        }
        Some(1) => None,
        other => panic!(
            "get exited {other:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

/// `get` answers `expected` for `text`, and so does real curl where installed.
fn answers(text: &str, expected: Option<(&str, &str)>) {
    let home = Home::new();
    let netrc = home.write_netrc(text);
    let expected = expected.map(|(l, p)| (l.to_string(), p.to_string()));
    assert_eq!(get_answers(&home), expected, "get, for {text:?}");
    if have("curl", "lookup classes") {
        let header = expected.as_ref().map(|(l, p)| basic(l, p));
        assert_eq!(curl_sends(&netrc), header, "real curl, for {text:?}");
    }
}

#[test]
fn files_curl_reads_but_get_refused() {
    for text in [
        "machine example.org login alice password p1 account \"\"\n",
        "machine example.org login alice password p1 account\n",
        "machine example.org login alice password p1 extra\n",
    ] {
        answers(text, Some(("alice", "p1")));
    }
    answers(
        "machine example.org login alice password p2 account a\n",
        Some(("alice", "p2")),
    );
}

#[test]
fn hash_inside_values() {
    answers(
        "machine example.org login log password #pass account acct\n",
        Some(("log", "")),
    );
    answers(
        "machine example.org login log password #pass\nmachine other.org login b password q\n",
        Some(("log", "machine")),
    );
    answers(
        "machine example.org login log password pa#ss\n",
        Some(("log", "pa#ss")),
    );
}

#[test]
fn macdef_inside_an_entry() {
    answers(
        "machine example.org login alice macdef m\nline\n\npassword p1\n",
        Some(("alice", "p1")),
    );
    answers(
        "macdef m\nmachine example.org login alice password p1\n\n",
        None,
    );
}

#[test]
fn an_entry_missing_a_field_reads_on_to_default() {
    answers(
        "machine example.org login alice\ndefault login d password dp\n",
        Some(("d", "dp")),
    );
    answers("machine example.org login alice\n", Some(("alice", "")));
}

#[test]
fn a_password_only_entry_followed_by_a_machine() {
    answers(
        "machine example.org password p1\nmachine other.org login b password q\n",
        None,
    );
    answers(
        "machine other.org login b password q\nmachine example.org password p1\n",
        Some(("", "p1")),
    );
}

#[test]
fn an_entry_without_credentials() {
    answers(
        "machine example.org\nmachine other.org login b password q\n",
        None,
    );
    answers(
        "machine example.org\ndefault login d password dp\n",
        Some(("d", "dp")),
    );
}

#[test]
fn a_nul_byte_in_a_line() {
    answers(
        "machine other.org login b password q\0x\nmachine example.org login alice password p1\n",
        None,
    );
    answers(
        "machine other.org login b password q\0x\nmachine x login y password z\nmachine example.org login alice password p1\n",
        Some(("alice", "p1")),
    );
    answers(
        "\0x\nmachine x login y password z\nmachine example.org login alice password p1\n",
        None,
    );
}

#[test]
fn a_line_of_4095_bytes() {
    let pad = "x".repeat(4095 - "machine example.org login alice password ".len());
    answers(
        &format!("machine example.org login alice password {pad}\n"),
        None,
    );
    answers(
        &format!("machine example.org login alice password {}\n", &pad[1..]),
        Some(("alice", &pad[1..])),
    );
}
