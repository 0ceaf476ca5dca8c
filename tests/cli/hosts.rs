//! One host normalisation for every command: what `add` writes, `get` and `remove` find
//! (from the same input or from the written name) and `check` accepts.

use crate::common;

use common::Home;
use netrc_guard::netrc::lint::check_document;
use netrc_guard::netrc::{Credentials, Document, Target, host};
use netrc_guard::secret::Secret;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-zA-Z0-9][a-zA-Z0-9-]{0,6}[a-zA-Z0-9]?",
        1 => prop_oneof![Just("münchen"), Just("Bücher"), Just("ΑΒΓ"), Just("xn--mnchen-3ya")]
            .prop_map(String::from),
        // Percent-encoded, in both cases: Python's `hostname` lowercases only what precedes
        // the first `%` (it takes the rest for an IPv6 zone).
        1 => prop_oneof![Just("M%C3%BCnchen"), Just("%41BC"), Just("Ab%2dCD"), Just("x%C3%A9Y")]
            .prop_map(String::from),
    ]
}

fn domain() -> impl Strategy<Value = String> {
    (prop::collection::vec(label(), 1..4), any::<bool>()).prop_map(|(labels, dot)| {
        let mut d = labels.join(".");
        if dot {
            d.push('.');
        }
        d
    })
}

/// A host as a user types it: a name, an IPv4 or IPv6 address (bare, bracketed, in any of
/// its spellings), maybe in a URL with a scheme, port and path.
fn host_input() -> impl Strategy<Value = String> {
    let ipv6 = any::<[u16; 8]>().prop_flat_map(|parts| {
        let ip = std::net::Ipv6Addr::from(parts);
        let long = parts.map(|p| format!("{p:X}")).join(":");
        prop_oneof![Just(ip.to_string()), Just(long)]
    });
    let name = prop_oneof![
        4 => domain(),
        1 => any::<[u8; 4]>().prop_map(|b| std::net::Ipv4Addr::from(b).to_string()),
        1 => ipv6.clone().prop_map(|ip| format!("[{ip}]")),
    ];
    let url = (
        prop::option::of(prop_oneof![
            Just("https://"),
            Just("http://"),
            Just("git+https://"),
            Just("ssh://")
        ]),
        name,
        prop::option::of(1u16..),
        prop::option::of(Just("/org/repo.git?x=1")),
    )
        .prop_map(|(scheme, name, port, path)| {
            let mut s = format!("{}{name}", scheme.unwrap_or(""));
            if let Some(p) = port {
                s.push_str(&format!(":{p}"));
            }
            if let Some(p) = path {
                s.push_str(if scheme.is_some() { p } else { "" });
            }
            s
        });
    prop_oneof![4 => url, 1 => ipv6]
}

fn creds() -> Credentials {
    Credentials {
        login: Some("u".into()),
        password: Some(Secret::new("p")),
        account: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// The model: the name `normalize` gives is written, found and accepted.
    #[test]
    fn check_never_flags_what_add_writes(input in host_input()) {
        let Ok(name) = host::normalize(&input) else { return Ok(()) };
        let mut doc = Document::parse("").unwrap();
        doc.insert(Target::Machine(&name.host), &creds()).unwrap();
        let problems = check_document(&doc);
        prop_assert!(problems.is_empty(), "{} -> {}: {:?}", input, name.host, problems);
        let again = host::normalize(&name.host).unwrap();
        prop_assert_eq!((&again.host, again.dropped_port), (&name.host, None));
        prop_assert!(doc.lookup(&again.host).is_some());
    }
}

/// The userinfo of a URI as people write it: a user and password, a token alone, a token
/// with a password word, percent-encoded bytes.
fn userinfo() -> impl Strategy<Value = String> {
    let word = "[A-Za-z0-9._~-]{1,10}";
    let encoded = "[A-Za-z0-9]{1,6}(%2[1-9A-F]|%40|%3A)[A-Za-z0-9]{0,4}";
    let token = "gh[pos]_[A-Za-z0-9]{36}";
    prop_oneof![
        (word, prop_oneof![word.boxed(), encoded.boxed()]).prop_map(|(u, p)| format!("{u}:{p}")),
        (token, word).prop_map(|(t, p)| format!("{t}:{p}")),
        // A token alone (`https://TOKEN@host`), written `password ""`: a note, not a problem.
        token.prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The same promise for scrub's forms: what scrub would file for a URI (the moves of
    /// `scrub_text`, the values it accepts without --allow-quoted), `check` accepts.
    #[test]
    fn check_never_flags_what_scrub_writes(info in userinfo(), input in host_input()) {
        let Ok(name) = host::normalize(&input) else { return Ok(()) };
        let host = if name.host.contains(':') { format!("[{}]", name.host) } else { name.host.clone() };
        let text = format!("curl https://{info}@{host}/x\n");
        let Ok(scrubbed) = netrc_guard::scrub::scrub_text("t", &text, netrc_guard::scrub::Lang::Text) else { return Ok(()) };
        // The URI is found, and either moved or named as staying.
        prop_assert!(scrubbed.moves.len() + scrubbed.left.len() + scrubbed.stays.len() == 1, "{}", text);
        for m in &scrubbed.moves {
            let login = m.creds.login.clone().unwrap_or_default();
            let password = m.creds.password.as_ref().map(|p| p.expose().to_string()).unwrap_or_default();
            // The empty password scrub files for a token login is written `""` on purpose.
            let refused = |v: &str| netrc_guard::netrc::value::accept(v, false).is_err();
            if refused(&login) || (!password.is_empty() && refused(&password)) {
                continue;
            }
            let mut doc = Document::parse("").unwrap();
            doc.insert(Target::Machine(&m.host), &m.creds).unwrap();
            let problems: Vec<_> = check_document(&doc)
                .into_iter()
                .filter(|p| p.severity != netrc_guard::netrc::lint::Severity::Note)
                .collect();
            prop_assert!(problems.is_empty(), "{} -> {:?}", text, problems);
        }
    }
}

/// The issue: `add '[::1]:8080'` wrote `machine ::1`, then `get ::1` failed ("not a valid
/// host name") and `check` flagged the entry add had written.
#[test]
fn get_and_check_accept_what_add_writes() {
    let home = Home::new();
    home.add("[::1]:8080", "u", "p");
    assert_eq!(home.read_netrc(), "machine ::1 login u password p\n");
    for input in ["::1", "[::1]", "http://[0:0:0:0:0:0:0:1]:8080/x"] {
        assert_eq!(home.run(&["get", input]).stdout, "u\n", "{input}");
    }
    home.run(&["check"])
        .ok()
        .stderr_is("netrc-guard: $HOME/.netrc: no problems\n");
    home.run(&["remove", "::1"]).ok();
    assert_eq!(home.read_netrc(), "");
    home.run_stdin(&["add", "default", "--login", "u", "--password-stdin"], "p")
        .code(2)
        .stderr_is("netrc-guard: error: HOST: `default` is the netrc keyword for the catch-all entry, not a host name (Python files a machine named `default` as that entry); add and remove take --default for it\n");
}

/// The real binary over generated inputs: add, then check, get by the input and get by the
/// written name.
#[test]
fn add_get_and_check_agree_on_every_host_form() {
    let mut runner = TestRunner::new(Config {
        cases: 48,
        ..Config::default()
    });
    runner
        .run(&host_input(), |input| {
            let home = Home::new();
            let arg = input.clone();
            let add = home.run_stdin(&["add", &arg, "--login", "u", "--password-stdin"], "p");
            if add.code != 0 {
                // Refused hosts are refused before anything is written.
                prop_assert_eq!(add.code, 2);
                prop_assert!(!home.netrc().exists());
                return Ok(());
            }
            let written = home.read_netrc();
            let name = written
                .strip_prefix("machine ")
                .and_then(|rest| rest.split(' ').next())
                .unwrap()
                .to_string();
            let check = home.run(&["check", "--json"]);
            prop_assert_eq!(
                check.code,
                0,
                "{} wrote {:?}: {}",
                input,
                written,
                check.stdout
            );
            for query in [&arg, &name] {
                let get = home.run(&["get", query]);
                prop_assert_eq!(get.stdout.as_str(), "u\n", "get {} in {:?}", query, written);
            }
            Ok(())
        })
        .unwrap();
}

/// `add 127.1` filed `127.0.0.1` without a word, though requests looks up `127.1`. The model
/// of what requests looks up (`host::python_hostname`) agrees with Python's own
/// `urlsplit(url).hostname` over generated host forms, and `add` warns exactly when it
/// differs from the name filed.
#[test]
fn add_warns_when_requests_looks_up_another_name() {
    use proptest::strategy::ValueTree;
    let mut runner = TestRunner::deterministic();
    let urls: Vec<String> = (0..400)
        .map(|_| host_input().new_tree(&mut runner).unwrap().current())
        .map(|h| match h.contains("://") {
            true => h,
            false => format!("http://{h}/"),
        })
        .collect();
    if !common::have("python3", "add_warns_when_requests_looks_up_another_name") {
        return;
    }
    let python = common::python_json(
        "import json,sys,urllib.parse\n\
         def host(u):\n    try: return urllib.parse.urlsplit(u).hostname\n    except ValueError: return None\n\
         print(json.dumps([host(u) for u in json.loads(sys.argv[1])]))",
        &[std::ffi::OsStr::new(&serde_json::to_string(&urls).unwrap())],
        None,
    );
    let mut compared = 0;
    for (url, expected) in urls.iter().zip(python.as_array().unwrap()) {
        let (Some(expected), Ok(name)) = (expected.as_str(), host::normalize(url)) else {
            continue;
        };
        assert_eq!(name.requests_host, expected, "{url}");
        compared += 1;
    }
    assert!(compared > 200, "only {compared} forms compared");
    // (input, the machine it is filed under, the name requests looks up when it differs)
    for (input, filed, requests_looks_up) in [
        ("127.1", "127.0.0.1", Some("127.1")),
        ("[0:0::1]:80", "::1", Some("0:0::1")),
        ("münchen.de", "xn--mnchen-3ya.de", Some("münchen.de")),
        ("127.0.0.1", "127.0.0.1", None),
        ("Example.ORG", "example.org", None),
        ("[::1]", "::1", None),
    ] {
        let home = Home::new();
        let add = home.run_stdin(&["add", input, "--login", "u", "--password-stdin"], "p");
        let warning = requests_looks_up.map_or(String::new(), |name| {
            format!(
                "netrc-guard: warning: filed under {filed}, the name curl and git look up; \
                 Python requests (Ray, pip) looks up {name} as written in a URL and will not \
                 find this entry\n"
            )
        });
        let port = if input.ends_with(":80") {
            "netrc-guard: warning: port 80 dropped: netrc readers match host names only\n"
        } else {
            ""
        };
        add.ok().stderr_is(&format!(
            "{port}{warning}netrc-guard: added {filed} in $HOME/.netrc\n"
        ));
    }
}

/// Class: a port dropped without a word (`add '[0:0::1]:80'` said nothing while
/// `add h:8443` warned). Every host form that names a port, the scheme's default included,
/// is told the port is dropped; a form without one is not.
#[test]
fn every_host_form_with_a_port_is_told_the_port_is_dropped() {
    for (host, port, machine) in [
        ("h.example:8443", Some(8443), "h.example"),
        ("h.example:80", Some(80), "h.example"),
        ("127.0.0.1:80", Some(80), "127.0.0.1"),
        ("10.0.0.1:8080", Some(8080), "10.0.0.1"),
        ("[::80]:80", Some(80), "::80"),
        ("[::1]:8443", Some(8443), "::1"),
        ("https://h.example:443/x", Some(443), "h.example"),
        ("http://h.example:80", Some(80), "h.example"),
        ("h.example", None, "h.example"),
        ("[::1]", None, "::1"),
        ("https://h.example/x", None, "h.example"),
    ] {
        let home = crate::common::Home::new();
        let warning = port.map_or(String::new(), |p| {
            format!("netrc-guard: warning: port {p} dropped: netrc readers match host names only\n")
        });
        home.run_stdin(
            &["add", host, "--login", "u", "--password-stdin"],
            "Kq7xpw2Zt",
        )
        .ok()
        .hides("Kq7xpw2Zt")
        .stderr_is(&format!(
            "{warning}netrc-guard: added {machine} in $HOME/.netrc\n"
        ));
    }
}
