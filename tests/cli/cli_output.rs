//! How the binary ends when its output goes away or it panics.

use crate::common;

use std::io::Read;
use std::process::Stdio;

use common::Home;

/// Runs the binary with standard output a pipe whose reader is closed at once, so every
/// write fails with EPIPE. Returns (exit code, stderr).
fn with_closed_stdout(home: &Home, args: &[&str], stdin: Option<&str>) -> (Option<i32>, String) {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("netrc-guard"));
    cmd.env("HOME", home.path())
        .env_remove("NETRC")
        .current_dir(home.path())
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    drop(child.stdout.take());
    if let (Some(text), Some(mut input)) = (stdin, child.stdin.take()) {
        // The child may stop reading once its output is gone: ignore our own EPIPE.
        let _ = std::io::Write::write_all(&mut input, text.as_bytes());
    }
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (child.wait().unwrap().code(), stderr)
}

#[test]
#[ignore = "slow: every printing command over a 3,000-entry netrc and 3,000 URIs, in a debug build; CI runs it"]
fn broken_pipe_is_a_quiet_exit_for_every_printing_command() {
    let home = Home::new();
    let netrc: String = (0..3000)
        .map(|i| format!("machine h{i}.example.com login user{i} password pw{i}\n"))
        .collect();
    home.write_netrc(&netrc);
    let uris: String = (0..3000)
        .map(|i| format!("https://user{i}:Pw{i}x9Kq@u{i}.example.org/r\n"))
        .collect();
    home.write("uris.txt", &uris);
    // One credential in more text than a pipe holds: scrub's output must block, then fail.
    let filler = "# nothing to see here\n".repeat(8000);
    let one_uri = format!("https://user:Pw9x9Kq@one.example.org/r\n{filler}");
    home.write("rayjob.yaml", include_str!("../../examples/rayjob.yaml"));
    let cases: &[(&[&str], Option<&str>)] = &[
        (&["list"], None),
        (&["list", "--json"], None),
        (&["check"], None),
        (&["path"], None),
        (&["scan", "uris.txt"], None),
        (&["scan", "uris.txt", "--format", "json"], None),
        (
            &["scrub", "--lang", "text", "--file", "other-netrc"],
            Some(&one_uri),
        ),
        (&["kube", "secret"], None),
        (&["kube", "patch", "rayjob.yaml"], None),
    ];
    for (args, stdin) in cases {
        let (code, stderr) = with_closed_stdout(&home, args, *stdin);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("internal error"),
            "{args:?}: {stderr}"
        );
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("standard output"),
            "{args:?} complained about the closed pipe: {stderr}"
        );
        // scan and check report findings (1) whether or not anyone reads them; a closed
        // pipe ends the rest quietly and successfully.
        assert!(matches!(code, Some(0 | 1)), "{args:?}: {code:?} {stderr}");
    }
}

#[cfg(debug_assertions)]
#[test]
fn a_panic_prints_where_never_what() {
    let home = Home::new();
    let secret = "ghp_PANICLEAKxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    let out = home
        .cmd()
        .env("NETRC_GUARD_DEBUG_PANIC", secret)
        .arg("path")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        line_free(&stderr),
        "netrc-guard: internal error at src/main.rs:LINE: this is a bug; its message is \
         withheld because it may contain a credential; nothing more was written. Please report \
         it with the command and the shape of the input (not its values).\n"
    );
    assert!(!stderr.contains(secret));
    assert!(!String::from_utf8_lossy(&out.stdout).contains(secret));
}

/// `text` with the line of `src/main.rs:LINE` left out: it moves with every edit of main.rs.
fn line_free(text: &str) -> String {
    let (before, after) = text.split_once("src/main.rs:").expect(text);
    let rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
    format!("{before}src/main.rs:LINE{rest}")
}
