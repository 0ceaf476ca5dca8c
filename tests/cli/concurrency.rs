//! Concurrency: many processes of the real binary edit one netrc at once (adding distinct
//! hosts, removing pre-seeded ones, scrubbing files with distinct hosts into it). However
//! they interleave, the lock serialises them: every added and scrubbed entry is there
//! exactly once with its values, every removed one is gone, every untouched one is as it
//! was, the file parses and has mode 0600, and no temporary file is left behind.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::{mode, set_mode};
use netrc_guard::netrc::{Document, EntryKind};

/// Processes of each kind per round: 3 kinds, so 24 processes at once.
const EACH: usize = 8;
const ROUNDS: usize = 3;

fn password(kind: &str, i: usize) -> String {
    format!("S3cr3t-{kind}-{i}")
}

fn seeded_netrc() -> String {
    let mut text = String::from("# seeded\n");
    for i in 0..EACH {
        text.push_str(&format!(
            "machine keep-{i}.example login keep{i} password {}\n",
            password("keep", i)
        ));
        text.push_str(&format!(
            "machine remove-{i}.example\n  login rm{i}\n  password {}\n",
            password("remove", i)
        ));
    }
    text.push_str("default login anonymous password guest\n");
    text
}

fn command(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_netrc-guard"));
    c.env("HOME", home)
        .env("NETRC", home.join(".netrc"))
        .env_remove("USERPROFILE")
        .current_dir(home)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn spawn(home: &Path, args: &[String], stdin: Option<String>) -> Child {
    let mut c = command(home);
    c.args(args).stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = c.spawn().unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    child
}

/// (login, password) by machine, counting duplicates.
fn entries(doc: &Document) -> BTreeMap<String, Vec<(String, String)>> {
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for e in doc.entries().filter(|e| e.kind() == EntryKind::Machine) {
        out.entry(e.machine().unwrap()).or_default().push((
            e.login().unwrap_or_default(),
            e.password()
                .map(|p| p.expose().to_string())
                .unwrap_or_default(),
        ));
    }
    out
}

fn one_round(round: usize) {
    let home = tempfile::tempdir().unwrap();
    let netrc = home.path().join(".netrc");
    fs::write(&netrc, seeded_netrc()).unwrap();
    set_mode(&netrc, 0o600);
    let project = home.path().join("project");
    fs::create_dir(&project).unwrap();
    for i in 0..EACH {
        fs::write(
            project.join(format!("env-{i}.json")),
            format!(
                "{{\"working_dir\": \"https://scrub{i}:{}@scrub-{i}.example/main.zip\"}}\n",
                password("scrub", i)
            ),
        )
        .unwrap();
    }

    // Interleaved, so each kind starts among the others.
    let mut children = Vec::new();
    for i in 0..EACH {
        let add: Vec<String> = [
            "add",
            &format!("add-{i}.example"),
            "--login",
            &format!("add{i}"),
            "--password-stdin",
        ]
        .map(String::from)
        .to_vec();
        children.push(spawn(home.path(), &add, Some(password("add", i))));
        let remove = vec!["remove".to_string(), format!("remove-{i}.example")];
        children.push(spawn(home.path(), &remove, None));
        let scrub: Vec<String> = ["scrub", &format!("project/env-{i}.json"), "--in-place"]
            .map(String::from)
            .to_vec();
        children.push(spawn(home.path(), &scrub, None));
    }
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "round {round}: a process failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let text = fs::read_to_string(&netrc).unwrap();
    let doc = Document::parse(&text).unwrap_or_else(|e| panic!("round {round}: {e}"));
    let found = entries(&doc);
    let mut expected: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for i in 0..EACH {
        for (host, login, kind) in [
            (format!("keep-{i}.example"), format!("keep{i}"), "keep"),
            (format!("add-{i}.example"), format!("add{i}"), "add"),
            (format!("scrub-{i}.example"), format!("scrub{i}"), "scrub"),
        ] {
            expected.insert(host, vec![(login, password(kind, i))]);
        }
    }
    assert_eq!(
        found, expected,
        "round {round}: every entry exactly once, the removed ones gone"
    );
    assert_eq!(
        doc.entries()
            .filter(|e| e.kind() == EntryKind::Default)
            .count(),
        1,
        "round {round}: the default entry"
    );
    assert!(
        text.starts_with("# seeded\n")
            && text.ends_with("default login anonymous password guest\n"),
        "round {round}: the untouched lines stay"
    );
    assert_eq!(mode(&netrc), 0o600, "round {round}: netrc mode");
    for i in 0..EACH {
        let scrubbed = fs::read_to_string(project.join(format!("env-{i}.json"))).unwrap();
        assert_eq!(
            scrubbed,
            format!("{{\"working_dir\": \"https://scrub-{i}.example/main.zip\"}}\n"),
            "round {round}: scrubbed source {i}"
        );
    }
    for dir in [home.path(), project.as_path()] {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("env-") && n != "project")
            .collect();
        names.sort();
        let expected: &[&str] = if dir == home.path() {
            // The lock file goes with the lock.
            &[".netrc"]
        } else {
            &[]
        };
        assert_eq!(names, expected, "round {round}: files left behind");
    }
}

#[test]
fn concurrent_adds_removes_and_scrubs_lose_nothing() {
    for round in 0..ROUNDS {
        one_round(round);
    }
}

#[test]
fn lock_file_that_is_a_symlink_is_refused_not_followed() {
    // `.netrc.lock` as a symlink (dangling or not): add used to create the file it points to
    // and then wait forever, since the path never named the file it locked.
    let home = common::Home::new();
    home.add("a.io", "u", "pw-Secret");
    let before = fs::read_to_string(home.netrc()).unwrap();
    let lock = home.path().join(".netrc.lock");
    let victim = home.path().join("victim");
    std::os::unix::fs::symlink(&victim, &lock).unwrap();
    let mut cmd = home.cmd();
    let run = common::Run::from(
        cmd.args(["add", "b.io", "--login", "u", "--password-stdin"])
            .write_stdin("pw2-Secret\n")
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap(),
    )
    .in_home(&home);
    run.code(2).stderr_is(
        "netrc-guard: error: $HOME/.netrc.lock: a symlink, not a lock file; netrc-guard does \
         not follow it: remove it and run again\n",
    );
    assert!(!victim.exists());
    assert!(
        fs::symlink_metadata(&lock)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(home.netrc()).unwrap(), before);
}
