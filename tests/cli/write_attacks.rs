//! Issue 15 under attack: fresh inputs of each class that the first round of `writes.rs`
//! did not cover, one test per class found to slip through.

use crate::common::{self, Home};

const PW: &str = "S3cr3t-attack-pw";

/// Templates that other tools fill in (TeamCity `%env.X%`, CMake/autoconf `@X@`, Python
/// format fields with an index, a conversion or a spec, printf with flags or width and
/// Go's `%v`) stay in the source: the netrc would get the template as a literal password.
#[test]
fn templates_of_other_engines() {
    let home = Home::new();
    for (i, user) in [
        "bob:%env.PW%",
        "bob:@PW@",
        "{user[0]}",
        "{user!r}",
        "{user:>10}",
        "%-10s",
        "%5s",
        "%v",
        "%i",
    ]
    .iter()
    .enumerate()
    {
        let name = format!("t{i}.yaml");
        let userinfo = if user.contains(':') {
            user.to_string()
        } else {
            format!("{user}:{PW}")
        };
        let text = format!("url: \"https://{userinfo}@example.org/x\"\n");
        home.write(&name, &text);
        home.run(&["scrub", &name, "--in-place"])
            .code(1)
            .stderr_lines(&[
                "netrc-guard: no credentials to move",
                &format!("netrc-guard: warning: {name}:1:7: part of this credential is filled in when the program runs (a variable, format field or template); it stays where it is, since a netrc holds literal values only"),
                "netrc-guard: warning: 1 credential remains where it is (named above): a netrc cannot stand in for it",
            ])
            .hides(PW);
        assert_eq!(home.read(&name), text, "{user}");
        assert!(!home.netrc().exists(), "{user}");
    }
    // Negative control: percent-encoded `$` and `%` are literal, and move decoded.
    home.write(
        "ok.yaml",
        "a: \"https://bob:Pa%24%24w0rd@example.org/\"\nb: \"https://bob:50%25off@example.com/\"\n",
    );
    home.run(&["scrub", "ok.yaml", "--in-place"]).ok();
    let netrc = home.read_netrc();
    assert!(netrc.contains("password Pa$$w0rd"), "{netrc}");
    assert!(netrc.contains("password 50%off"), "{netrc}");
}

/// Keys made equal in files no JSON or YAML parser reads: a Python dict literal keeps the
/// last of two equal keys, a TOML parser rejects the file. Refused at the second key.
#[test]
fn keys_that_collide_outside_json_and_yaml() {
    let home = Home::new();
    for (name, text, at) in [
        (
            "d.py",
            format!("D = {{\"https://u:{PW}@a.test/\": 1,\n     'https://a.test/': 2}}\n"),
            "d.py:2:6:",
        ),
        (
            "t.toml",
            format!("[m]\n\"https://u:{PW}@a.test/\" = 1\n\"https://a.test/\" = 2\n"),
            "t.toml:3:1:",
        ),
    ] {
        home.write(name, &text);
        home.run(&["scrub", "--in-place", name])
            .code(2)
            .stderr_is(&format!("netrc-guard: error: {at} removing the credential makes this quoted key equal to another quoted key, and a reader keeps only one of them or rejects the file; rename one of the keys, then run scrub again; nothing changed\n"))
            .hides(PW);
        assert_eq!(home.read(name), text);
        assert!(!home.netrc().exists());
    }
    // Negative control: equal URIs as values, not keys, move.
    home.write(
        "v.py",
        &format!("A = ['https://u:{PW}@a.test/', 'https://a.test/']\n"),
    );
    home.run(&["scrub", "--in-place", "v.py"]).ok();
    assert!(home.read_netrc().contains(PW));
}

/// A credential whose login or password is a netrc keyword cannot move; the refusal names
/// where it is (`file:line:col`) like every other refusal of a value, and shows no value.
#[test]
fn keyword_values_refused_with_their_place() {
    let home = Home::new();
    for (name, uri, part) in [
        (
            "a.txt",
            format!("x https://machine:{PW}@a.test/\n"),
            "user name",
        ),
        (
            "b.txt",
            "x https://u:default@a.test/\n".to_string(),
            "password",
        ),
    ] {
        home.write(name, &uri);
        home.run(&["scrub", "--in-place", name])
            .code(2)
            .stderr_is(&format!("netrc-guard: error: {name}:1:3: the {part} is a netrc keyword, which curl reads as that keyword when it looks up other hosts, quoted or not, so no netrc can hold it safely; nothing changed\n"))
            .hides(PW);
        assert_eq!(home.read(name), uri);
        assert!(!home.netrc().exists());
    }
}

/// Airflow and Ansible write Jinja in plain Python strings: `{{ params.pw }}` next to
/// literal text is a template, not the braces an f-string escapes.
#[test]
fn jinja_in_python_strings() {
    let home = Home::new();
    let text = format!("a = \"https://bob:{{{{ params.pw }}}}{PW}@a.test/x\"\n");
    home.write("dag.py", &text);
    home.run(&["scrub", "--in-place", "--allow-quoted", "dag.py"])
        .code(1)
        .stderr_lines(&[
            "netrc-guard: no credentials to move",
            "netrc-guard: warning: dag.py:1:6: part of this credential is filled in when the program runs (a variable, format field or template); it stays where it is, since a netrc holds literal values only",
            "netrc-guard: warning: 1 credential remains where it is (named above): a netrc cannot stand in for it",
        ])
        .hides(PW);
    assert_eq!(home.read("dag.py"), text);
    assert!(!home.netrc().exists());
    // Negative control: an f-string's escaped braces next to a literal still move.
    home.write(
        "f.py",
        &format!("a = f\"https://bob:{{{{x}}}}{PW}@a.test/x\"\n"),
    );
    home.run(&["scrub", "--in-place", "f.py"]).ok();
    assert!(home.read_netrc().contains(&format!("{{x}}{PW}")));
}

/// `scrub < ~/.netrc`: standard input redirected from the netrc is the netrc as a source,
/// refused like its path; nothing is saved.
#[test]
fn the_netrc_as_standard_input() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let home = Home::new();
    let netrc = format!("machine a.test login u password {PW}\n# https://bob:{PW}x@b.test/\n");
    home.write_netrc(&netrc);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_netrc-guard"))
        .arg("--file")
        .arg(home.netrc())
        .args(["scrub", "--no-config"])
        .current_dir(home.path())
        .stdin(std::fs::File::open(home.netrc()).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        common::normalised(&stderr, Some(home.path())),
        "netrc-guard: error: -: this is the netrc ($HOME/.netrc) itself; scrub moves \
         credentials out of other files into it. Nothing changed\n"
    );
    assert!(!stderr.contains(PW) && out.stdout.is_empty(), "{out:?}");
    assert_eq!(home.read_netrc(), netrc);
    // Negative control: a copy on standard input is another file, and gives its credential up.
    let copy = home.write("copy", &netrc);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_netrc-guard"))
        .arg("--file")
        .arg(home.netrc())
        .args(["scrub", "--no-config"])
        .current_dir(home.path())
        .stdin(std::fs::File::open(copy).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(home.read_netrc().contains("b.test"));
}

/// Docker Compose fills in `$NAME` in YAML values: `x$DB_PASS` next to literal text stays;
/// a lower-case `$word` (`Pa$w0rd`) is still a literal and moves.
#[test]
fn compose_variables_in_yaml() {
    let home = Home::new();
    let text = format!("A: \"https://bob:{PW}$DB_PASS@a.test/\"\n");
    home.write("docker-compose.yml", &text);
    home.run(&["scrub", "--in-place", "docker-compose.yml"])
        .code(1)
        .stderr_lines(&[
            "netrc-guard: no credentials to move",
            "netrc-guard: warning: docker-compose.yml:1:5: part of this credential is filled in when the program runs (a variable, format field or template); it stays where it is, since a netrc holds literal values only",
            "netrc-guard: warning: 1 credential remains where it is (named above): a netrc cannot stand in for it",
        ])
        .hides(PW);
    assert_eq!(home.read("docker-compose.yml"), text);
    assert!(!home.netrc().exists());
    home.write("v.yaml", &format!("A: \"https://bob:{PW}$w0rd@a.test/\"\n"));
    home.run(&["scrub", "--in-place", "v.yaml"]).ok();
    assert!(home.read_netrc().contains(&format!("{PW}$w0rd")));
}
