//! The netrc management commands, run as the real binary against a temporary home.

use crate::common;

use std::fs;

use common::{Home, mode, set_mode};

const SECRET: &str = "s3cr3t-P@ss:w0rd!/%";

#[test]
fn add_creates_a_private_portable_file() {
    let home = Home::new();
    home.run_stdin(
        &[
            "add",
            "https://GitHub.com/org/repo",
            "--login",
            "alice",
            "--password-stdin",
        ],
        &format!("{SECRET}\n"),
    )
    .ok()
    .stderr_is("netrc-guard: added github.com in $HOME/.netrc\n")
    .hides(SECRET);
    assert_eq!(
        home.read_netrc(),
        format!("machine github.com login alice password {SECRET}\n")
    );
    assert_eq!(mode(&home.netrc()), 0o600);
}

#[test]
fn add_reads_the_password_from_a_variable() {
    let home = Home::new();
    home.cmd()
        .args([
            "add",
            "h.example",
            "--login",
            "u",
            "--password-env",
            "PW",
            "--account",
            "acct",
        ])
        .env("PW", SECRET)
        .assert()
        .success();
    assert_eq!(
        home.read_netrc(),
        format!("machine h.example login u password {SECRET} account acct\n")
    );
    home.run(&[
        "add",
        "h.example",
        "--login",
        "u",
        "--password-env",
        "UNSET_VAR_X",
    ])
    .code(2)
    .stderr_is(
        "netrc-guard: error: the environment variable UNSET_VAR_X is not set (or not UTF-8)\n",
    );
}

#[test]
fn add_without_a_password_source_names_the_flags() {
    let home = Home::new();
    home.run_stdin(&["add", "h.example", "--login", "u"], "")
        .code(2)
        .stderr_is("netrc-guard: error: no password given and standard input is not a terminal: pass --password-stdin or --password-env VAR (never the password itself as an argument)\n");
    assert!(!home.netrc().exists());
}

#[test]
fn a_password_is_never_an_argument() {
    let home = Home::new();
    home.run(&["add", "h.example", "--login", "u", "--password", "x"])
        .code(2);
}

#[test]
fn add_same_credentials_writes_nothing() {
    let home = Home::new();
    let p = home.write_netrc("# mine\nmachine h.example login u password p\n");
    let before = fs::metadata(&p).unwrap().modified().unwrap();
    home.run_stdin(
        &["add", "H.example", "--login", "u", "--password-stdin"],
        "p",
    )
    .ok()
    .stderr_is("netrc-guard: h.example: the same credentials are already in $HOME/.netrc; nothing written\n");
    assert_eq!(fs::metadata(&p).unwrap().modified().unwrap(), before);
}

#[test]
fn add_different_credentials_needs_force_and_replaces_in_place() {
    let home = Home::new();
    let original = "# top\nmachine a.example\n    login old   # who\n    password oldpass\n\ndefault login anonymous password x\n";
    home.write_netrc(original);
    home.run_stdin(
        &["add", "a.example", "--login", "new", "--password-stdin"],
        SECRET,
    )
    .code(2)
    .stderr_lines(&[
        "netrc-guard: error: $HOME/.netrc:2:1: a.example already has other credentials; nothing changed",
        "  to replace them with these: the same add with --force",
        "  to keep them: nothing to do",
    ])
    .hides(SECRET)
    .hides("oldpass");
    assert_eq!(home.read_netrc(), original);
    home.run_stdin(
        &[
            "add",
            "a.example",
            "--login",
            "new",
            "--password-stdin",
            "--force",
        ],
        SECRET,
    )
    .ok()
    .stderr_is("netrc-guard: replaced a.example in $HOME/.netrc\n");
    assert_eq!(
        home.read_netrc(),
        format!(
            "# top\nmachine a.example\n    login new   # who\n    password {SECRET}\n\ndefault login anonymous password x\n"
        )
    );
}

#[test]
fn new_machines_go_before_default() {
    let home = Home::new();
    home.write_netrc("machine a.example login a password b\ndefault login anonymous password x\n");
    home.add("b.example", "u", "p");
    assert_eq!(
        home.read_netrc(),
        "machine a.example login a password b\nmachine b.example login u password p\ndefault login anonymous password x\n"
    );
}

#[test]
fn add_default_entry() {
    let home = Home::new();
    home.add("a.example", "u", "p");
    home.run_stdin(
        &[
            "add",
            "--default",
            "--login",
            "anonymous",
            "--password-stdin",
        ],
        "me",
    )
    .ok();
    assert_eq!(
        home.read_netrc(),
        "machine a.example login u password p\ndefault login anonymous password me\n"
    );
    home.run(&["add", "--login", "x", "--password-stdin"])
        .code(2);
}

#[test]
fn hosts_are_lower_case_idna_and_portless() {
    let home = Home::new();
    home.run_stdin(
        &[
            "add",
            "Bücher.Example:8443",
            "--login",
            "u",
            "--password-stdin",
        ],
        "p",
    )
    .ok()
    .stderr_lines(&[
        "netrc-guard: warning: port 8443 dropped: netrc readers match host names only",
        "netrc-guard: warning: filed under xn--bcher-kva.example, the name curl and git look up; Python requests (Ray, pip) looks up bücher.example as written in a URL and will not find this entry",
        "netrc-guard: added xn--bcher-kva.example in $HOME/.netrc",
    ]);
    assert_eq!(
        home.read_netrc(),
        "machine xn--bcher-kva.example login u password p\n"
    );
    home.run_stdin(
        &[
            "add",
            "https://u:hunter2@h.example/",
            "--login",
            "u",
            "--password-stdin",
        ],
        "p",
    )
    .code(2)
    .hides("hunter2");
}

#[test]
fn values_that_need_quoting_are_refused_unless_allowed() {
    let home = Home::new();
    for (bad, why) in [
        ("with space", "contains whitespace"),
        ("a#b", "contains `#`"),
        ("a\"b", "contains `\"`"),
        ("a\\b", "contains `\\`"),
        ("a,b", "contains `,`"),
        ("", "is empty"),
    ] {
        home.run_stdin(
            &["add", "h.example", "--login", "u", "--password-stdin"],
            bad,
        )
        .code(2)
        .stderr_is(&format!(
            "netrc-guard: error: the password cannot be written portably because it {why}: \
             curl <= 7.83, Python <= 3.10, Go (cmd/go) and the Ruby netrc gem misread quoted \
             values; pass --allow-quoted to write it quoted anyway; nothing changed\n"
        ));
        assert!(!home.netrc().exists());
    }
    home.run_stdin(
        &[
            "add",
            "h.example",
            "--login",
            "u",
            "--password-stdin",
            "--allow-quoted",
        ],
        "with space",
    )
    .ok()
    .stderr_lines(&[
        "netrc-guard: warning: the password is written quoted because it contains whitespace; curl <= 7.83, Python <= 3.10, Go (cmd/go) and the Ruby netrc gem misread it",
        "netrc-guard: added h.example in $HOME/.netrc",
    ])
    .hides("with space");
    assert_eq!(
        home.read_netrc(),
        "machine h.example login u password \"with space\"\n"
    );
}

#[test]
fn control_characters_are_always_refused() {
    let home = Home::new();
    home.run_stdin(
        &[
            "add",
            "h.example",
            "--login",
            "u",
            "--password-stdin",
            "--allow-quoted",
        ],
        "a\tb",
    )
    .code(2)
    .stderr_is("netrc-guard: error: the password contains a control character, which no netrc reader can read; nothing changed\n");
    assert!(!home.netrc().exists());
}

#[test]
fn remove_keeps_everything_else_byte_identical() {
    let home = Home::new();
    home.write_netrc("# keep me\r\nmachine a.example login a password b\r\n\r\nmachine x.example\r\n  login y\r\n  password z\r\n\r\nmachine t.example login t password u\r\n");
    home.run(&["remove", "X.example"])
        .ok()
        .stderr_is("netrc-guard: removed x.example from $HOME/.netrc\n");
    assert_eq!(
        home.read_netrc(),
        "# keep me\r\nmachine a.example login a password b\r\n\r\n\r\nmachine t.example login t password u\r\n"
    );
    // Removing the entry between an empty line and a comment would leave the comment after
    // the empty line, a file Python's netrc rejects (`bad follower token`): refused.
    let python_breaks = "# keep me\r\nmachine a.example login a password b\r\n\r\nmachine x.example\r\n  login y\r\n  password z\r\n# tail\r\n";
    home.write_netrc(python_breaks);
    home.run(&["remove", "X.example"])
        .code(2)
        .stderr_lines(&[
            "netrc-guard: error: $HOME/.netrc: refused: after this write some readers would not send what was asked:",
            "  x.example: after this write",
            "    requests/pip/Ray, Python netrc: rejects the whole file that it read before this edit (line 4: bad follower token `...`)",
            "    fix: the file as this write would leave it is one that reader rejects, at the line named (counted in the edited file): a value too long or in a form it reads differently, or text the edit leaves in a place it refuses (a comment after an empty line, for Python); change the value, or edit the file by hand around that place, then run the command again",
            "  nothing was saved",
        ]);
    assert_eq!(home.read_netrc(), python_breaks);
}

/// The issue: no empty line after the macro, so curl reads `machine b.com ...` as part of
/// it; `remove a.com` wrote an empty file. Where a macro's end is ambiguous, edits that would
/// touch it are refused (exit 2, nothing written); edits before it are made.
#[test]
fn remove_never_drops_bytes_outside_its_entry() {
    let home = Home::new();
    let original =
        "machine a.com login u password p\nmacdef init\ncd /pub\nmachine b.com login v password q";
    home.write_netrc(original);
    home.run(&["remove", "a.com"])
        .code(2)
        .stderr_is("netrc-guard: error: $HOME/.netrc:2:1: the macro (`macdef`) there is not closed by an empty line, so it is ambiguous where it ends: curl reads every line after it as part of the macro and Python refuses the file; add an empty line where the macro ends, then try again; nothing changed\n");
    assert_eq!(home.read_netrc(), original);
    for host in ["b.com", "c.com"] {
        home.run_stdin(
            &["add", host, "--login", "w", "--password-stdin", "--force"],
            "r",
        )
        .code(2)
        .stderr_lines(&[
            "netrc-guard: warning: $HOME/.netrc: requests/pip/Ray, Python netrc: rejects the whole file (line 4: macro definition missing null line terminator), so they will not read this entry either; `netrc-guard check` names what to fix",
            "netrc-guard: error: $HOME/.netrc:2:1: the macro (`macdef`) there is not closed by an empty line, so it is ambiguous where it ends: curl reads every line after it as part of the macro and Python refuses the file; add an empty line where the macro ends, then try again; nothing changed",
        ]);
        assert_eq!(home.read_netrc(), original);
    }
    // Before the macro, the entry's own values can change.
    home.run_stdin(
        &[
            "add",
            "a.com",
            "--login",
            "w",
            "--password-stdin",
            "--force",
        ],
        "r",
    )
    .ok();
    assert_eq!(
        home.read_netrc(),
        original.replace("login u password p", "login w password r")
    );
}

/// Shapes around the removed entry: comments, CRLF, shared lines, macros, no final newline.
#[test]
fn remove_keeps_every_other_byte_in_each_shape() {
    let cases = [
        (
            "# a\r\nmachine x.com login y password z\r\n# b\r\n",
            "# a\r\n# b\r\n",
        ),
        (
            "machine a.com login b password c machine x.com login y password z\n",
            "machine a.com login b password c\n",
        ),
        (
            "machine a.com login b password c machine x.com macdef m\ncd /\n\nmachine d.com login e password f\n",
            "machine a.com login b password c\nmachine d.com login e password f\n",
        ),
        (
            "machine a.com login b password c\nmachine x.com login y password z # note\n",
            "machine a.com login b password c\n# note\n",
        ),
        (
            "machine a.com macdef m\ncd /\n\nmachine x.com login y password z",
            "machine a.com macdef m\ncd /\n\n",
        ),
    ];
    for (before, after) in cases {
        let home = Home::new();
        home.write_netrc(before);
        home.run(&["remove", "x.com"]).ok();
        assert_eq!(home.read_netrc(), after, "{before:?}");
    }
}

#[test]
fn remove_of_a_missing_entry_writes_nothing() {
    let home = Home::new();
    let p = home.write_netrc("machine a.example login a password b\n");
    set_mode(&p, 0o644);
    home.run(&["remove", "nope.example"])
        .code(1)
        .stderr_is("netrc-guard: no entry for nope.example in $HOME/.netrc; nothing written\n");
    assert_eq!(mode(&p), 0o644, "nothing was rewritten");
}

#[test]
fn list_shows_no_password() {
    let home = Home::new();
    home.write_netrc(&format!(
        "machine a.example login alice password {SECRET} account acct\nmachine t.example login ghp_0123456789abcdefghijABCDEFGHIJ012345\ndefault login anonymous\n"
    ));
    let out = home.run(&["list"]);
    out.ok()
        .hides(SECRET)
        .hides("ghp_0123456789")
        .stdout_lines(&[
            "a.example  login alice  account acct  password set",
            "t.example  login ***  no password",
            "(default)  login anonymous  no password",
        ]);
    let json = home.run(&["list", "--json"]).json();
    assert_eq!(
        json[0],
        serde_json::json!({"machine": "a.example", "login": "alice", "account": "acct", "has_password": true, "login_is_token": false, "line": 1})
    );
    assert_eq!(json[1]["login"], "***");
    assert_eq!(json[1]["has_password"], false);
    assert_eq!(json[2]["machine"], serde_json::Value::Null);
}

#[test]
fn get_resolves_like_curl() {
    let home = Home::new();
    home.write_netrc(&format!(
        "machine a.example login first password {SECRET}\nmachine A.EXAMPLE login second password q\ndefault login anon password any\n"
    ));
    home.run(&["get", "a.example"]).ok().hides(SECRET);
    assert_eq!(home.run(&["get", "a.example"]).stdout, "first\n");
    assert_eq!(
        home.run(&["get", "a.example", "--password"]).stdout,
        format!("{SECRET}\n")
    );
    assert_eq!(home.run(&["get", "other.example"]).stdout, "anon\n");
    let json = home.run(&["get", "https://a.example/x", "--json"]).json();
    assert_eq!(
        json,
        serde_json::json!({"machine": "a.example", "login": "first", "account": null, "password": null, "login_is_token": false})
    );
    let json = home
        .run(&["get", "a.example", "--json", "--password"])
        .json();
    assert_eq!(json["password"], SECRET);
}

const TOKEN: &str = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

/// The issue: `get HOST` printed the token scrub files as the login of
/// `https://TOKEN@host`. A token-like login is printed only when asked for by name.
#[test]
fn get_never_prints_a_token_login_unless_asked() {
    let home = Home::new();
    home.write_netrc(&format!(
        "machine t.example login {TOKEN} password \"\"\nmachine u.example login alice password p\n"
    ));
    home.run(&["get", "t.example"])
        .ok()
        .hides(TOKEN)
        .stdout_is("***\n")
        .stderr_is("netrc-guard: the login for t.example looks like a token and is shown as ***; pass --login to print it\n");
    let json = home.run(&["get", "t.example", "--json"]);
    json.ok().hides(TOKEN);
    assert_eq!(json.json()["login"], "***");
    assert_eq!(json.json()["login_is_token"], true);
    home.run(&["get", "t.example", "--password"])
        .ok()
        .hides(TOKEN);
    home.run(&["get", "t.example", "--json", "--password"])
        .ok()
        .hides(TOKEN);
    assert_eq!(
        home.run(&["get", "t.example", "--login"]).stdout,
        format!("{TOKEN}\n")
    );
    let json = home.run(&["get", "t.example", "--json", "--login"]).json();
    assert_eq!(json["login"], TOKEN);
    assert_eq!(json["login_is_token"], false);
    // A login that is no token is printed as before, without a note.
    let plain = home.run(&["get", "u.example"]);
    assert_eq!(plain.stdout, "alice\n");
    assert!(!plain.stderr.contains("--login"), "{}", plain.stderr);
}

/// curl matches `default` where it stands; `get` does as curl does, and `check` says who
/// reads the file otherwise.
#[test]
fn get_follows_curl_when_default_comes_first() {
    let home = Home::new();
    home.write_netrc(
        "machine x.example login x password xp\ndefault login d password dp\nmachine a.example login a password ap\n",
    );
    assert_eq!(home.run(&["get", "x.example"]).stdout, "x\n");
    assert_eq!(home.run(&["get", "a.example"]).stdout, "d\n");
    assert_eq!(home.run(&["get", "other.example"]).stdout, "d\n");
    home.run(&["check"])
        .code(1)
        .stdout_lines(&[
            "$HOME/.netrc:3:1: warning[default-not-last]: a machine after `default` (line 2): curl matches `default` where it stands, so it never reaches this machine (nor does `netrc-guard get`); Python and requests use `default` only when no machine matches, so they do; Go stops reading at `default`; fix: move the `default` entry to the end of the file",
            "$HOME/.netrc:2:1: warning[readers-disagree]: the readers send different credentials to a.example: curl 7.88.1 (Debian 12), curl 8.16-8.19, git (libcurl 7.88.1, Debian 12), git (libcurl 8.16-8.19) send the entry at line 2; requests/pip/Ray, uv, Python netrc.netrc(), Python netrc.netrc(path), Go (cmd/go), Ruby netrc gem send the entry at line 3; fix: see the other problems at these lines; `netrc-guard explain https://a.example/` shows each reader's reading",
        ]);
}

/// curl and Python read the word after `login`, `password` or `account` as its value, even a
/// keyword; so does netrc-guard (the file used to be rejected by every command), and `check`
/// says where curl reads it as the keyword instead.
#[test]
fn keywords_as_values_are_read_as_values_and_flagged() {
    let home = Home::new();
    home.write_netrc(
        "machine a.example login machine password default account macdef\nmachine b.example login login password password\n",
    );
    let json = home
        .run(&["get", "a.example", "--json", "--password"])
        .json();
    assert_eq!(
        (&json["login"], &json["password"], &json["account"]),
        (&"machine".into(), &"default".into(), &"macdef".into())
    );
    assert_eq!(home.run(&["get", "b.example"]).stdout, "login\n");
    home.run(&["list"]).ok().stdout_lines(&[
        "a.example  login machine  account macdef  password set",
        "b.example  login login  password set",
    ]);
    let check = home.run(&["check", "--json"]).json();
    let codes: Vec<_> = check
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["keyword-as-value"; 3]);
    // Written by add or scrub, such a value is refused: no quoting makes curl read it right.
    home.run_stdin(
        &["add", "c.example", "--login", "u", "--password-stdin"],
        "Default",
    )
    .code(2)
    .stderr_is("netrc-guard: error: the password is a netrc keyword, which curl reads as that keyword when it looks up other hosts, quoted or not, so no netrc can hold it safely; nothing changed\n");
}

#[test]
fn check_names_the_readers_that_read_nothing_or_skip_lines() {
    let long = format!("machine l.example login u password {}\n", "p".repeat(4100));
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
        (long.as_str(), "line-too-long"),
        (
            "machine a.example user u password p\n",
            "curl-unknown-keyword",
        ),
    ];
    for (text, code) in cases {
        let home = Home::new();
        home.write_netrc(text);
        let out = home.run(&["check"]);
        out.code(1)
            .stdout_has(&format!("[{code}]"))
            .hides(&"p".repeat(100));
        if code != "curl-unknown-keyword" && code != "line-too-long" {
            out.stdout_has("requests, pip and Ray read nothing");
        }
    }
}

#[test]
fn get_without_a_match_exits_1() {
    let home = Home::new();
    home.write_netrc("machine a.example login a password b\n");
    home.run(&["get", "b.example"])
        .code(1)
        .stderr_is("netrc-guard: curl sends nothing for b.example from $HOME/.netrc: no machine entry matches b.example and there is no `default`\n");
}

#[test]
fn check_reports_problems_with_codes_and_positions() {
    let home = Home::new();
    let p = home.write_netrc(&format!(
        "default login anon password x\nmachine a.example login a password {SECRET}\nmachine a.example login b password \"q r\"\n"
    ));
    set_mode(&p, 0o644);
    let out = home.run(&["check", "--json"]);
    out.code(1).hides(SECRET).hides("q r");
    let json = out.json();
    let codes: Vec<_> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        codes,
        [
            "mode-too-open",
            "default-not-last",
            "default-not-last",
            "duplicate-machine",
            "needs-quoting",
            "readers-disagree"
        ]
    );
    let dup = &json[3];
    assert_eq!(
        (dup["line"].as_u64(), dup["column"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(dup["severity"], "warning");
    let text = home.run(&["check"]);
    text.code(1)
        .stdout_lines(&[
            "$HOME/.netrc: error[mode-too-open]: mode 0644 lets other users read it; Python's netrc refuses it; fix: run `netrc-guard fix` (chmod 600)",
            "$HOME/.netrc:2:1: warning[default-not-last]: a machine after `default` (line 1): curl matches `default` where it stands, so it never reaches this machine (nor does `netrc-guard get`); Python and requests use `default` only when no machine matches, so they do; Go stops reading at `default`; fix: move the `default` entry to the end of the file",
            "$HOME/.netrc:3:1: warning[default-not-last]: a machine after `default` (line 1): curl matches `default` where it stands, so it never reaches this machine (nor does `netrc-guard get`); Python and requests use `default` only when no machine matches, so they do; Go stops reading at `default`; fix: move the `default` entry to the end of the file",
            "$HOME/.netrc:3:1: warning[duplicate-machine]: a second entry for this machine (the first is on line 2): curl and Go use the first, Python and requests the last; fix: remove one of the entries (`netrc-guard remove` removes the first)",
            "$HOME/.netrc:3:36: warning[needs-quoting]: the password is quoted or holds a character that needs quoting; curl <= 7.83, Python <= 3.10, Go (cmd/go) and the Ruby netrc gem misread it; fix: use a value of plain ASCII without whitespace, `#`, `\"`, `\\` or `,`",
            "$HOME/.netrc:1:1: warning[readers-disagree]: the readers send different credentials to a.example: curl 7.88.1 (Debian 12), curl 8.16-8.19, git (libcurl 7.88.1, Debian 12), git (libcurl 8.16-8.19) send the entry at line 1; requests/pip/Ray, uv, Python netrc.netrc(), Python netrc.netrc(path) send the entry at line 3; Go (cmd/go), Ruby netrc gem send the entry at line 2; fix: see the other problems at these lines; `netrc-guard explain https://a.example/` shows each reader's reading",
        ]);
}

#[test]
fn check_of_a_clean_file_exits_0() {
    let home = Home::new();
    home.add("a.example", "u", "p");
    home.run(&["check"])
        .ok()
        .stderr_is("netrc-guard: $HOME/.netrc: no problems\n");
    assert_eq!(home.run(&["check", "--json"]).json(), serde_json::json!([]));
}

#[test]
fn check_reports_a_parse_error_and_other_files() {
    let home = Home::new();
    home.write_netrc(&format!(
        "machine a.example\n  login u password \"{SECRET}\n"
    ));
    home.run(&["check"])
        .code(1)
        .stdout_lines(&[
            "$HOME/.netrc:2:20: error[parse-error]: the file does not parse: unterminated quoted value; fix: correct the file at this position",
            "$HOME/.netrc:2:1: error[reader-refuses-file]: curl 7.88.1 (Debian 12), curl 8.16-8.19, git (libcurl 7.88.1, Debian 12), git (libcurl 8.16-8.19) read nothing from the file, for any host: an unterminated quoted value: curl stops with a netrc error and sends nothing; fix: correct the file at this line (`netrc-guard explain URL` shows each reader's reading)",
            "$HOME/.netrc:1:1: warning[readers-disagree]: the readers send different credentials to a.example: requests/pip/Ray, uv, Python netrc.netrc(), Python netrc.netrc(path) send the entry at line 1, read differently; Go (cmd/go), Ruby netrc gem send the entry at line 1, read differently; fix: see the other problems at these lines; `netrc-guard explain https://a.example/` shows each reader's reading",
        ])
        .hides(SECRET);
    home.run(&["check", "--file", "/nonexistent/netrc"])
        .code(1)
        .stdout_is("/nonexistent/netrc: error[file-missing]: there is no netrc file here; fix: create one with `netrc-guard add HOST --login USER`\n");
}

#[test]
fn fix_tightens_the_mode() {
    let home = Home::new();
    let p = home.write_netrc("machine a.example login a password b\n");
    set_mode(&p, 0o644);
    home.run(&["fix"])
        .ok()
        .stderr_is("netrc-guard: $HOME/.netrc: mode changed from 0644 to 0600\n");
    assert_eq!(mode(&p), 0o600);
    home.run(&["fix"])
        .ok()
        .stderr_is("netrc-guard: $HOME/.netrc: mode is already private; nothing changed\n");
}

#[test]
fn writes_tighten_a_loose_file_and_say_so() {
    let home = Home::new();
    let p = home.write_netrc("machine a.example login a password b\n");
    set_mode(&p, 0o664);
    home.run_stdin(
        &["add", "b.example", "--login", "u", "--password-stdin"],
        "p",
    )
    .ok()
    .stderr_lines(&[
        "netrc-guard: added b.example in $HOME/.netrc",
        "netrc-guard: $HOME/.netrc: mode was 0664, tightened to 0600",
    ]);
    assert_eq!(mode(&p), 0o600);
}

#[test]
fn umask_000_still_yields_0600() {
    let home = Home::new();
    let bin = assert_cmd::cargo::cargo_bin("netrc-guard");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 000; printf p | '{}' add a.example --login u --password-stdin",
            bin.display()
        ))
        .env("HOME", home.path())
        .env_remove("NETRC")
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&home.netrc()), 0o600);
}

#[test]
fn a_symlinked_netrc_stays_a_symlink() {
    let home = Home::new();
    let real = home.write("secrets/netrc", "machine a.example login a password b\n");
    set_mode(&real, 0o600);
    std::os::unix::fs::symlink("secrets/netrc", home.netrc()).unwrap();
    home.add("b.example", "u", "p");
    assert!(
        fs::symlink_metadata(home.netrc())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(&real).unwrap(),
        "machine a.example login a password b\nmachine b.example login u password p\n"
    );
    home.run(&["remove", "a.example"]).ok();
    assert!(
        fs::symlink_metadata(home.netrc())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(&real).unwrap(),
        "machine b.example login u password p\n"
    );
}

#[test]
fn parallel_adds_lose_nothing() {
    let home = Home::new();
    let bin = assert_cmd::cargo::cargo_bin("netrc-guard");
    let children: Vec<_> = (0..16)
        .map(|i| {
            let mut c = std::process::Command::new(&bin);
            c.args([
                "add",
                &format!("host{i}.example"),
                "--login",
                &format!("u{i}"),
                "--password-env",
                "PW",
            ])
            .env("HOME", home.path())
            .env_remove("NETRC")
            .env("PW", format!("p{i}"))
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
            c.spawn().unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let json = home.run(&["list", "--json"]).json();
    let mut hosts: Vec<_> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["machine"].as_str().unwrap().to_string())
        .collect();
    hosts.sort();
    let mut expected: Vec<_> = (0..16).map(|i| format!("host{i}.example")).collect();
    expected.sort();
    assert_eq!(hosts, expected);
    // No temp file is left behind, and none was named after a value.
    let stray: Vec<_> = fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn netrc_variable_and_file_flag_choose_the_file() {
    let home = Home::new();
    let env_file = home.path().join("env-netrc");
    let json = home
        .cmd()
        .args(["path", "--json"])
        .env("NETRC", &env_file)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"path": env_file.display().to_string(), "source": "env", "exists": false})
    );
    let json = home.run(&["path", "--json", "--file", "/x/y"]).json();
    assert_eq!(json["source"], "flag");
    let json = home.run(&["path", "--json"]).json();
    assert_eq!(json["path"], home.netrc().display().to_string());
    assert_eq!(json["source"], "default");
    home.cmd()
        .args(["add", "a.example", "--login", "u", "--password-stdin"])
        .env("NETRC", &env_file)
        .write_stdin("p")
        .assert()
        .success();
    assert!(env_file.exists() && !home.netrc().exists());
}

#[test]
fn a_file_that_does_not_parse_is_an_error_with_position() {
    let home = Home::new();
    let original = format!("machine a.example login a password b\n  {SECRET} x\n");
    home.write_netrc(&original);
    for args in [vec!["list"], vec!["remove", "a.example"]] {
        home.run(&args)
            .code(2)
            .stderr_is("netrc-guard: error: $HOME/.netrc:2:3: a value where a keyword belongs (expected `login`, `password`, `account`, `macdef`, `machine` or `default`)\n")
            .hides(SECRET);
    }
    // `get` answers as curl, which reads past the stray words.
    home.run(&["get", "a.example"])
        .code(0)
        .stdout_is("a\n")
        .hides(SECRET);
    home.run_stdin(
        &["add", "b.example", "--login", "u", "--password-stdin"],
        "p",
    )
    .code(2);
    assert_eq!(home.read_netrc(), original);
}

#[test]
fn no_command_prints_a_password_unless_asked() {
    let home = Home::new();
    home.run_stdin(
        &["add", "a.example", "--login", "alice", "--password-stdin"],
        SECRET,
    )
    .ok()
    .hides(SECRET);
    let runs = [
        home.run_stdin(
            &["add", "a.example", "--login", "alice", "--password-stdin"],
            SECRET,
        ),
        home.run_stdin(
            &["add", "a.example", "--login", "bob", "--password-stdin"],
            SECRET,
        ),
        home.run(&["list"]),
        home.run(&["list", "--json"]),
        home.run(&["get", "a.example"]),
        home.run(&["get", "a.example", "--json"]),
        home.run(&["check"]),
        home.run(&["check", "--json"]),
        home.run(&["path"]),
        home.run(&["fix"]),
        home.run(&["remove", "a.example"]),
    ];
    for r in &runs {
        r.hides(SECRET);
    }
}
