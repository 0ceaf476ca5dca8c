//! Cross-checks with the real readers on this machine: Python's netrc module and curl.
//! Each test skips, saying why, where its reader is missing.

mod common;

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
                let run = home.run(&["get", host, "--json", "--password"]);
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
