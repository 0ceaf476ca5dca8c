//! Cross-checks with the real readers on this machine: Python's netrc module and curl.
//! Each test skips, saying why, where its reader is missing.

use crate::common;

use common::{Home, basic, curl_auth, echo_auth_server, have};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// What Python's netrc module answers for each host, as JSON `{host: [login, account, password] | null}`.
fn python_answers(netrc: &std::path::Path, hosts: &[String]) -> serde_json::Value {
    let script = r#"
import json, netrc, sys
n = netrc.netrc(sys.argv[1])
print(json.dumps({h: n.authenticators(h) for h in sys.argv[2:]}))
"#;
    let mut args: Vec<&std::ffi::OsStr> = vec![netrc.as_os_str()];
    args.extend(hosts.iter().map(|h| std::ffi::OsStr::new(h.as_str())));
    common::python_json(script, &args, None)
}

fn portable_value() -> impl Strategy<Value = String> {
    "[A-Za-z0-9@:%!/._~+=&$*;?-]{1,16}"
}

#[test]
#[ignore = "slow: a property test that runs real Python's netrc on each case; CI runs it"]
fn get_agrees_with_python_on_portable_files() {
    if !have("python3", "get_agrees_with_python_on_portable_files") {
        return;
    }
    let entry = (
        "[a-z][a-z0-9-]{0,8}\\.(com|example|io)",
        portable_value(),
        portable_value(),
        prop::option::of(portable_value()),
    );
    let file = (
        prop::collection::vec(entry, 1..5),
        prop::option::of((portable_value(), portable_value())),
    );
    let mut runner = TestRunner::new(Config {
        cases: 24,
        ..Config::default()
    });
    runner
        .run(&file, |(entries, default)| {
            let home = Home::new();
            let mut seen = std::collections::HashSet::new();
            for (host, login, password, account) in &entries {
                if !seen.insert(host.clone()) {
                    continue;
                }
                // `--login=VALUE`: a generated value may start with `-`.
                let login = format!("--login={login}");
                let mut args = vec![
                    "add".to_string(),
                    host.clone(),
                    login,
                    "--password-stdin".into(),
                ];
                if let Some(a) = account {
                    args.push(format!("--account={a}"));
                }
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                home.run_stdin(&args, password).ok();
            }
            if let Some((login, password)) = &default {
                home.run_stdin(
                    &[
                        "add",
                        "--default",
                        &format!("--login={login}"),
                        "--password-stdin",
                    ],
                    password,
                )
                .ok();
            }
            let mut hosts: Vec<String> = seen.into_iter().collect();
            hosts.push("unlisted.example".into());
            let python = python_answers(&home.netrc(), &hosts);
            for host in &hosts {
                let run = home.run(&["get", host, "--json", "--password", "--login"]);
                let ours = if run.code == 1 {
                    serde_json::Value::Null
                } else {
                    let j = run.json();
                    let s = |k: &str| j[k].as_str().unwrap_or("").to_string();
                    serde_json::json!([s("login"), s("account"), s("password")])
                };
                prop_assert_eq!(
                    &ours,
                    &python[host],
                    "host {} in\n{}",
                    host,
                    home.read_netrc()
                );
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn curl_sends_what_add_wrote() {
    if !have("curl", "curl_sends_what_add_wrote") {
        return;
    }
    let port = echo_auth_server();
    let url = format!("http://127.0.0.1:{port}/");
    let home = Home::new();
    let cases = [
        ("alice", "p@ss", false),
        ("bob", "a:b:c", false),
        ("carol", "100%25off", false),
        ("dave", "bang!/slash", false),
        ("x-access-token", "ghs_Ab1@:%!/=&", false),
        ("erin", "with space", true),
    ];
    for (login, password, quoted) in cases {
        let mut args = vec![
            "add",
            "127.0.0.1",
            "--login",
            login,
            "--password-stdin",
            "--force",
        ];
        if quoted {
            args.push("--allow-quoted");
        }
        home.run_stdin(&args, password).ok();
        assert_eq!(
            curl_auth(&url, Some(&home.netrc())),
            basic(login, password),
            "{}",
            home.read_netrc()
        );
    }
}

/// The `Authorization` header curl sends for `url` with `--netrc-file netrc`, connecting to
/// the loopback echo server on `port` whatever the URL's host (so any name can be tested).
fn curl_auth_via(url: &str, netrc: &std::path::Path, port: u16) -> String {
    let out = std::process::Command::new("curl")
        .args(["-s", "--max-time", "10", "--netrc-file"])
        .arg(netrc)
        .args(["--connect-to", &format!("::127.0.0.1:{port}"), url])
        .output()
        .unwrap();
    assert!(out.status.success(), "curl failed for {url}");
    String::from_utf8(out.stdout).unwrap()
}

/// What Python's netrc reads for `host`: `[login, account, password]`, null, or "refused".
fn python_reads(netrc: &std::path::Path, host: &str) -> serde_json::Value {
    let script = r#"
import json, netrc, sys
try:
    print(json.dumps(netrc.netrc(sys.argv[1]).authenticators(sys.argv[2])))
except netrc.NetrcParseError:
    print(json.dumps("refused"))
"#;
    common::python_json(
        script,
        &[netrc.as_os_str(), std::ffi::OsStr::new(host)],
        None,
    )
}

fn codes(home: &Home) -> Vec<String> {
    home.run(&["check", "--json"])
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_string())
        .collect()
}

/// A BOM or a `port`, `protocol` or `passwd` keyword: Python refuses the whole file (so
/// requests reads nothing for any host) and `check` says so; without it, Python reads the
/// file and `check` is quiet (the negative control).
#[test]
fn check_names_what_python_refuses() {
    if !have("python3", "check_names_what_python_refuses") {
        return;
    }
    let clean = "machine a.example login u password p\n";
    let cases = [
        ("\u{feff}machine a.example login u password p\n", "bom"),
        (
            "machine a.example login u password p port 443\n",
            "python-unknown-keyword",
        ),
        (
            "machine a.example login u password p protocol https\n",
            "python-unknown-keyword",
        ),
        (
            "machine a.example login u passwd p\n",
            "python-unknown-keyword",
        ),
    ];
    let home = Home::new();
    home.write_netrc(clean);
    assert_eq!(
        python_reads(&home.netrc(), "a.example"),
        serde_json::json!(["u", "", "p"])
    );
    assert!(codes(&home).is_empty());
    for (text, code) in cases {
        home.write_netrc(text);
        assert_eq!(
            python_reads(&home.netrc(), "a.example"),
            "refused",
            "{text:?}"
        );
        assert!(codes(&home).contains(&code.to_string()), "{text:?}");
    }
}

/// curl 7.88 skips a line of more than 4094 bytes before its newline; `check` draws the line
/// at the same byte.
#[test]
fn check_names_the_lines_curl_skips() {
    if !have("curl", "check_names_the_lines_curl_skips") {
        return;
    }
    let port = echo_auth_server();
    let home = Home::new();
    for (length, read) in [(4094, true), (4095, false)] {
        let head = "machine a.example login u password ";
        let password = "p".repeat(length - head.len());
        home.write_netrc(&format!(
            "{head}{password}\nmachine b.example login v password q\n"
        ));
        let sent = curl_auth_via("http://a.example/", &home.netrc(), port);
        assert_eq!(sent == basic("u", &password), read, "{length}");
        assert_eq!(sent == "NONE", !read, "{length}");
        assert_eq!(codes(&home).contains(&"line-too-long".to_string()), !read);
        // The next line is read either way.
        assert_eq!(
            curl_auth_via("http://b.example/", &home.netrc(), port),
            basic("v", "q")
        );
    }
}

/// Keywords as values (measured): curl and Python read the word after `login`, `password` or
/// `account` as its value, and `get` agrees; but curl, looking up another host, reads the
/// same word as a keyword, which is what `check` reports.
#[test]
fn keywords_as_values_are_read_as_curl_and_python_read_them() {
    if !have("curl", "keywords_as_values") || !have("python3", "keywords_as_values") {
        return;
    }
    let port = echo_auth_server();
    let home = Home::new();
    let files = [
        ("machine", "p"),
        ("u", "default"),
        ("login", "password"),
        ("u", "macdef"),
    ];
    for (login, password) in files {
        let text = format!(
            "machine a.example login {login} password {password}\n\nmachine b.example login v password q\n"
        );
        home.write_netrc(&text);
        let ours = home
            .run(&["get", "a.example", "--json", "--password", "--login"])
            .json();
        assert_eq!(
            (ours["login"].as_str(), ours["password"].as_str()),
            (Some(login), Some(password))
        );
        assert_eq!(
            python_reads(&home.netrc(), "a.example"),
            serde_json::json!([login, "", password])
        );
        assert_eq!(
            curl_auth_via("http://a.example/", &home.netrc(), port),
            basic(login, password)
        );
        let flagged = codes(&home).contains(&"keyword-as-value".to_string());
        assert_eq!(flagged, login != "login", "{text:?}");
    }
    // What `check` warns about: for another host, curl (and so `get`) reads `default` as
    // the entry that matches every host, while Python finds nothing.
    home.write_netrc("machine a.example login default password p\n");
    assert_eq!(
        curl_auth_via("http://c.example/", &home.netrc(), port),
        basic("", "p")
    );
    assert_eq!(
        python_reads(&home.netrc(), "c.example"),
        serde_json::Value::Null
    );
    let ours = home
        .run(&["get", "c.example", "--json", "--password"])
        .json();
    assert_eq!(
        (ours["login"].as_str(), ours["password"].as_str()),
        (Some(""), Some("p"))
    );
    // And `password macdef` hides the next entry from curl, not from Python.
    home.write_netrc(
        "machine a.example login u password macdef\nmachine b.example login v password q\n",
    );
    assert_eq!(
        curl_auth_via("http://b.example/", &home.netrc(), port),
        "NONE"
    );
    assert_eq!(
        python_reads(&home.netrc(), "b.example"),
        serde_json::json!(["v", "", "q"])
    );
}

/// `default` before a machine: curl takes `default` where it stands, Python only as a
/// fallback. `get` follows curl; `check` reports the file.
#[test]
fn get_agrees_with_curl_when_default_comes_first() {
    if !have("curl", "get_agrees_with_curl") || !have("python3", "get_agrees_with_curl") {
        return;
    }
    let port = echo_auth_server();
    let home = Home::new();
    home.write_netrc(
        "machine x.example login x password xp\ndefault login d password dp\nmachine a.example login a password ap\n",
    );
    for (host, login, password) in [
        ("x.example", "x", "xp"),
        ("a.example", "d", "dp"),
        ("o.example", "d", "dp"),
    ] {
        let sent = curl_auth_via(&format!("http://{host}/"), &home.netrc(), port);
        assert_eq!(sent, basic(login, password), "curl, {host}");
        let ours = home.run(&["get", host, "--json", "--password"]).json();
        assert_eq!(
            (ours["login"].as_str(), ours["password"].as_str()),
            (Some(login), Some(password)),
            "get {host}"
        );
    }
    assert_eq!(
        python_reads(&home.netrc(), "a.example"),
        serde_json::json!(["a", "", "ap"])
    );
    assert!(codes(&home).contains(&"default-not-last".to_string()));
}

/// What `add` writes for an IPv6 address and an IDN name is what curl looks up (and
/// requests, for the address); the forms it does not write are not (negative controls).
#[test]
fn curl_and_requests_find_the_host_names_add_writes() {
    if !have("curl", "curl_and_requests_find_the_host_names_add_writes") {
        return;
    }
    let v6_port = common::echo_auth_server_on("::1");
    let v6_url = format!("http://[::1]:{v6_port}/");
    let home = Home::new();
    home.add(&format!("[::1]:{v6_port}"), "u", "p");
    assert_eq!(curl_auth(&v6_url, Some(&home.netrc())), basic("u", "p"));
    if common::have_python_module("requests", "requests_finds_ipv6") {
        let script = "import json, sys, requests.utils; print(json.dumps(requests.utils.get_netrc_auth(sys.argv[1])))";
        let got = common::python_json(
            script,
            &[std::ffi::OsStr::new(&v6_url)],
            Some(&home.netrc()),
        );
        assert_eq!(got, serde_json::json!(["u", "p"]));
    }
    home.write_netrc("machine [::1] login u password p\n");
    assert_eq!(curl_auth(&v6_url, Some(&home.netrc())), "NONE");

    let port = echo_auth_server();
    let home = Home::new();
    home.add("München.de", "u", "p");
    assert_eq!(
        home.read_netrc(),
        "machine xn--mnchen-3ya.de login u password p\n"
    );
    assert_eq!(
        curl_auth_via("http://münchen.de/", &home.netrc(), port),
        basic("u", "p")
    );
    home.write_netrc("machine münchen.de login u password p\n");
    assert_eq!(
        curl_auth_via("http://münchen.de/", &home.netrc(), port),
        "NONE"
    );
}
