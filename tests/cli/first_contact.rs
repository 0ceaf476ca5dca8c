//! First contact (issue 17): what a newcomer's first mistakes print, compared whole.

use crate::common::expect::Test;
use crate::common::{Home, have};

#[test]
fn a_closed_set_value_is_shown_with_the_possible_values() {
    Test::new()
        .args(["scan", "--format", "xml"])
        .stderr(
            "netrc-guard: error: invalid value 'xml' for --format <FORMAT>
  possible values: text, json, sarif, github, gitlab

For more information, try '--help'.
",
        )
        .status(2)
        .run();
    Test::new()
        .args(["completions", "tcsh"])
        .stderr(
            "netrc-guard: error: invalid value 'tcsh' for <SHELL>
  possible values: bash, elvish, fish, powershell, zsh
  did you mean 'zsh'?

For more information, try '--help'.
",
        )
        .status(2)
        .run();
}

#[test]
fn an_unknown_option_is_named_without_an_off_topic_hint() {
    Test::new()
        .args(["scan", "--quiet"])
        .stderr(
            "netrc-guard: error: unexpected option '--quiet'

Usage: netrc-guard scan [OPTIONS] [PATHS]...

For more information, try '--help'.
",
        )
        .status(2)
        .run();
    Test::new()
        .args(["scan", "--formt", "sarif"])
        .stderr(
            "netrc-guard: error: unexpected option '--formt'
  did you mean '--format'?

Usage: netrc-guard scan --format <FORMAT> [PATHS]...

For more information, try '--help'.
",
        )
        .status(2)
        .run();
}

#[test]
fn free_form_values_and_stray_words_are_still_never_repeated() {
    Test::new()
        .args(["add", "github.com", "--login", "bob", "--password=Hunter2Secret"])
        .stderr(
            "netrc-guard: error: unexpected option '--password'
  did you mean '--password-env'?
  passwords are never arguments: `add` reads them from a hidden prompt, --password-stdin or --password-env VAR

Usage: netrc-guard add --login <LOGIN> --password-env <VAR> <HOST|--default>

For more information, try '--help'.
",
        )
        .status(2)
        .run();
    Test::new()
        .args(["add", "github.com", "--login", "bob", "Hunter2Secret"])
        .stderr(
            "netrc-guard: error: an unexpected argument (not repeated here: it may be a secret)
  passwords are never arguments: `add` reads them from a hidden prompt, --password-stdin or --password-env VAR

Usage: netrc-guard add [OPTIONS] <HOST|--default>

For more information, try '--help'.
",
        )
        .status(2)
        .run();
    Test::new()
        .args(["scan", "--max-filesize", "Hunter2Secret"])
        .stderr(
            "netrc-guard: error: an invalid value for --max-filesize <BYTES> (not repeated here: it may be a secret)

For more information, try '--help'.
",
        )
        .status(2)
        .run();
}

#[test]
fn add_without_login_in_a_pipe_says_what_to_pass() {
    Test::new()
        .args(["add", "github.com"])
        .stderr(
            "netrc-guard: error: no login given and standard input is not a terminal to ask for one: pass --login LOGIN
",
        )
        .status(2)
        .run();
}

#[test]
fn add_without_login_on_a_terminal_asks_for_it_then_the_hidden_password() {
    if !have("python3", "add_without_login_on_a_terminal_asks_for_it") {
        return;
    }
    let home = Home::new();
    let driver = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cli/common/pty_run.py");
    let run = crate::common::Run::from(
        std::process::Command::new("python3")
            .args([
                driver,
                "Login for =alice",
                "Password for =Hunter2Secret",
                "--",
            ])
            .arg(assert_cmd::cargo::cargo_bin("netrc-guard"))
            .args(["add", "github.com"])
            .env("HOME", home.path())
            .env_remove("NETRC")
            .current_dir(home.path())
            .output()
            .unwrap(),
    );
    let netrc = home.netrc();
    assert_eq!(
        run.stdout,
        format!(
            "Login for github.com: alice\nPassword for github.com: \nnetrc-guard: added github.com in {}\n",
            netrc.display()
        )
    );
    assert_eq!(run.code, 0);
    assert_eq!(
        home.read_netrc(),
        "machine github.com login alice password Hunter2Secret\n"
    );
}

#[test]
fn explain_takes_a_bare_host_as_add_does() {
    let home = Home::new();
    let bare = home.run(&["explain", "github.com"]);
    let url = home.run(&["explain", "https://github.com/"]);
    assert_eq!(
        (&bare.stdout, &bare.stderr, bare.code),
        (&url.stdout, &url.stderr, url.code)
    );
    assert!(
        bare.stdout
            .starts_with("https://github.com/ (host github.com)\n"),
        "{}",
        bare.stdout
    );
    Test::new()
        .args(["explain", "not a host"])
        .stderr(
            "netrc-guard: error: URL: neither a URL (scheme://host/...) nor a host name
",
        )
        .status(2)
        .run();
}

#[test]
fn file_on_a_command_that_reads_no_netrc_is_refused_with_what_was_meant() {
    Test::new()
        .file("driver.py", "URL = 'https://bob:Hunter2Secret@db.acme.io/x'\n")
        .args(["scan", "--file", "driver.py"])
        .stderr(
            "netrc-guard: error: --file names the netrc, which `scan` does not read: name the files as arguments (`netrc-guard scan driver.py`)
",
        )
        .status(2)
        .run();
    Test::new()
        .args(["--file", "x", "completions", "bash"])
        .stderr("netrc-guard: error: --file names the netrc, which `completions` does not read\n")
        .status(2)
        .run();
}

#[test]
fn a_mistyped_file_is_an_error_for_reading_commands_and_created_by_writes() {
    for args in [
        ["--file", "netrc.typo", "list"].as_slice(),
        &["--file", "netrc.typo", "get", "github.com"],
        &["--file", "netrc.typo", "remove", "github.com"],
    ] {
        let mut test = Test::new();
        for a in args {
            test = test.arg(a);
        }
        let home = test
            .stderr(
                "netrc-guard: error: netrc.typo: no such file (named by --file); check the path, or create it with `netrc-guard --file netrc.typo add HOST`
",
            )
            .status(2)
            .run();
        assert!(!home.path().join("netrc.typo").exists());
    }
    let home = Test::new()
        .args(["--file", "netrc.new", "add", "github.com", "--login", "bob"])
        .args(["--password-stdin"])
        .stdin("Hunter2Secret\n")
        .stderr("netrc-guard: added github.com in netrc.new\n")
        .run();
    assert!(home.path().join("netrc.new").exists());
}

#[test]
fn scan_counts_the_files_it_read_and_reports_the_missing_one() {
    Test::new()
        .file("a.md", "clone https://bob:Hunter2Secret@git.acme.io/r.git\n")
        .args(["scan", "--format", "github", "a.md", "missing.txt"])
        .stdout("::error file=a.md,line=1,col=7,endColumn=50,title=netrc-guard uri-password::a password in an https URI for git.acme.io: move it into a netrc file (`netrc-guard scrub FILE --in-place`): https://***@git.acme.io/r.git\n")
        .stderr(
            "netrc-guard: error: missing.txt: no such file or directory
netrc-guard: 1 credential in 1 file scanned
netrc-guard: 1 of them: move it into a netrc file (`netrc-guard scrub FILE --in-place`)
netrc-guard: error: 1 file could not be scanned
",
        )
        .status(2)
        .run();
}

#[test]
fn add_over_other_credentials_names_the_entry_and_each_way_out() {
    Test::new()
        .file(".netrc", "machine x.example login a password b\n\nmachine github.com login bob password Old5ecretX\n")
        .args(["add", "github.com", "--login", "bob", "--password-stdin"])
        .stdin("New5ecretX\n")
        .stderr(
            "netrc-guard: error: $HOME/.netrc:3:1: github.com already has other credentials; nothing changed
  to replace them with these: the same add with --force
  to keep them: nothing to do
",
        )
        .status(2)
        .run();
}

#[test]
fn scrub_conflicts_name_both_places_and_each_way_out() {
    Test::new()
        .file(
            "r.json",
            "{\"a\": \"https://bob:New1SecretX@github.com/x\",\n \"b\": \"https://bob:New2SecretX@github.com/y\"}\n",
        )
        .args(["scrub", "r.json", "--in-place"])
        .stderr(
            "netrc-guard: error: r.json:1:8 and r.json:2:8: two different credentials for github.com; a netrc holds one per host; nothing changed
  to keep one: take the other out of its file by hand (or, where the file has comments, mark its line `netrc-guard: allow` to leave it in place), then scrub again
",
        )
        .status(2)
        .run();
    Test::new()
        .file(".netrc", "machine github.com login bob password Old5ecretX\n")
        .file("r.json", "{\"a\": \"https://bob:New1SecretX@github.com/x\"}\n")
        .args(["scrub", "r.json", "--in-place"])
        .stderr(
            "netrc-guard: error: $HOME/.netrc:1:1: github.com already has other credentials than those at r.json:1:8; nothing changed
  to replace them with the file's: scrub again with --force
  to keep the netrc's: take the credential out of the file by hand (or, where the file has comments, mark its line `netrc-guard: allow` to leave it in place), then scrub again
",
        )
        .status(2)
        .run();
}

#[test]
fn remove_says_which_macros_went_with_the_entry() {
    let home = Test::new()
        .file(
            ".netrc",
            "machine ftp.acme.io login bob password Ftp5ecretX\nmacdef init\ncd /pub\nbin\n\nmachine x.example login a password b\n",
        )
        .args(["remove", "ftp.acme.io"])
        .stderr("netrc-guard: removed ftp.acme.io and its macdef init (2 lines of macro text) from $HOME/.netrc\n")
        .run();
    assert_eq!(home.read_netrc(), "machine x.example login a password b\n");
}

#[test]
fn scrub_without_files_on_a_terminal_says_what_it_needs_instead_of_waiting() {
    if !have("python3", "scrub_without_files_on_a_terminal") {
        return;
    }
    let home = Home::new();
    let driver = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cli/common/pty_run.py");
    let run = crate::common::Run::from(
        std::process::Command::new("python3")
            .args([driver, "--"])
            .arg(assert_cmd::cargo::cargo_bin("netrc-guard"))
            .args(["--color", "never", "scrub"])
            .env("HOME", home.path())
            .env_remove("NETRC")
            .current_dir(home.path())
            .output()
            .unwrap(),
    );
    assert_eq!(
        (run.stdout.as_str(), run.code),
        (
            "netrc-guard: error: no files named, and standard input is a terminal: name the files (`netrc-guard scrub runtime_env.json --dry-run`), or pipe text in (`cat env.yaml | netrc-guard scrub --lang yaml`); `netrc-guard scrub -` reads what you type\n",
            2
        )
    );
}

#[test]
fn scrub_says_when_the_netrc_already_held_the_credentials() {
    let home = Test::new()
        .file("a.json", "{\"a\": \"https://bob:Pw1SecretX@github.com/x\"}\n")
        .file("b.json", "{\"a\": \"https://bob:Pw1SecretX@github.com/x\", \"b\": \"https://u:Pw2SecretX@gitlab.com/x\"}\n")
        .args(["scrub", "a.json", "--in-place"])
        .stderr("netrc-guard: moved 1 credential for github.com into $HOME/.netrc\n")
        .run();
    Test::with_home(home)
        .args(["scrub", "b.json", "--in-place"])
        .stderr("netrc-guard: moved 1 credential for gitlab.com into $HOME/.netrc; removed 1 credential for github.com already in $HOME/.netrc\n")
        .run();
}

#[test]
fn a_write_leaves_no_lock_file_behind() {
    let home = Test::new()
        .args(["add", "github.com", "--login", "bob", "--password-stdin"])
        .stdin("Hunter2Secret\n")
        .stderr("netrc-guard: added github.com in $HOME/.netrc\n")
        .run();
    let mut names: Vec<String> = std::fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".netrc"]);
}

#[test]
fn host_argument_that_reads_as_a_token_is_refused_unrepeated() {
    // A token typed where HOST belongs (argument order mixed up) is neither written as a
    // machine name nor repeated by add, get or remove.
    let home = crate::common::Home::new();
    for host in [
        "ghp_Zq81Xw0Lp3Vb7Nm2Kc5Rt9Yh4Jd6Gf1Sa0E",
        "https://glpat-Q9w8E7r6T5y4U3i2O1p0:443/x",
    ] {
        for args in [
            vec!["add", host, "--login", "u", "--password-stdin"],
            vec!["get", host],
            vec!["remove", host],
        ] {
            let run = home.run_stdin(&args, "pw-Secret\n");
            assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
            run.stderr_is(
                "netrc-guard: error: HOST: this reads as a token or password, not a host name \
                 (not repeated here: it may be a secret); give the host, and pass the password \
                 with --password-stdin or --password-env\n",
            );
            assert!(!run.stderr.contains(&host[8..16]), "{}", run.stderr);
            assert!(!run.stdout.contains(&host[8..16]), "{}", run.stdout);
        }
    }
    assert!(!home.netrc().exists());
}

#[test]
fn token_shaped_netrc_values_are_not_listed() {
    // An account field holding a key (some tools keep one there) is shown as *** by list and
    // get --json, and only `get --password` (asking for the secrets by name) gives it.
    let home = crate::common::Home::new();
    let token = "ghp_Zq81Xw0Lp3Vb7Nm2Kc5Rt9Yh4Jd6Gf1Sa0E";
    home.write(
        ".netrc",
        &format!("machine b.io\n  login u password x account {token}\n"),
    );
    crate::common::set_mode(&home.netrc(), 0o600);
    for args in [
        vec!["list"],
        vec!["list", "--json"],
        vec!["get", "b.io", "--json"],
    ] {
        let run = home.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(!run.stdout.contains(token), "{args:?}: {}", run.stdout);
        assert!(run.stdout.contains("***"), "{args:?}: {}", run.stdout);
    }
    let asked = home.run(&["get", "b.io", "--json", "--password"]);
    assert!(asked.stdout.contains(token), "{}", asked.stdout);
}

#[test]
fn remove_names_macdefs_but_not_token_shaped_ones() {
    let home = crate::common::Home::new();
    let token = "ghp_Zq81Xw0Lp3Vb7Nm2Kc5Rt9Yh4Jd6Gf1Sa0E";
    home.write(
        ".netrc",
        &format!(
            "machine a.io login u password p\nmacdef init\necho hi\n\nmacdef {token}\necho x\n\n"
        ),
    );
    crate::common::set_mode(&home.netrc(), 0o600);
    let run = home.run(&["remove", "a.io"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stderr_is(
        "netrc-guard: removed a.io and its macdef init, *** (2 lines of macro text) from \
         $HOME/.netrc\n",
    );
    assert!(!run.stderr.contains(&token[..12]), "{}", run.stderr);
}

#[test]
fn password_env_that_is_not_a_variable_name_is_not_repeated() {
    let home = crate::common::Home::new();
    for value in [
        "ghp_Zq81Xw0Lp3Vb7Nm2Kc5Rt9Yh4Jd6Gf1Sa0E",
        "PW=Hunter2Secret",
    ] {
        let run = home.run(&["add", "a.io", "--login", "u", "--password-env", value]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        run.stderr_is(
            "netrc-guard: error: --password-env takes the name of an environment variable that \
             holds the password, and this is not one (not repeated here: it may be the password \
             itself)\n",
        );
        assert!(!run.stderr.contains(&value[..8]), "{}", run.stderr);
    }
    let run = home.run(&[
        "add",
        "a.io",
        "--login",
        "u",
        "--password-env",
        "NG_UNSET_PW",
    ]);
    run.code(2).stderr_is(
        "netrc-guard: error: the environment variable NG_UNSET_PW is not set (or not UTF-8)\n",
    );
    assert!(!home.netrc().exists());
}
