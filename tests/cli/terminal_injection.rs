//! Terminal injection: file names, hosts and netrc machine names are chosen by whoever wrote
//! the repository or the file, and what netrc-guard prints about them must not drive the
//! terminal (move the cursor, retitle the window, clear the screen) or forge a line. Every
//! text rendering shows control and bidi characters as visible escapes; the machine formats
//! (JSON, SARIF, GitLab) escape them as JSON does.

use crate::common;

use common::Home;

/// Names that would drive a terminal, one per way: CSI, OSC (title), C1 CSI, a newline that
/// forges a finding, a carriage return that hides one, a right-to-left override.
const HOSTILE: &[&str] = &[
    "a\x1b[31mred",
    "t\x1b]0;pwned\x07",
    "c1\u{9b}2J",
    "new\nline:9:9: uri-password: forged.txt",
    "cr\rhidden",
    "rlo\u{202e}txt.exe",
];

/// No byte of the output may be a control character other than a newline, nor a bidi
/// override; and every line is what the command meant to print.
fn assert_inert(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| {
            (c.is_control() && *c != '\n')
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: {bad:?} reached the terminal:\n{text}"
    );
}

#[test]
fn terminal_injection_in_file_names_is_shown_not_obeyed_by_scan() {
    for name in HOSTILE {
        let home = Home::new();
        let file = format!("{name}.txt");
        home.write(
            &file,
            "u = \"https://ci:Xk9-mQ2vLp7Rt@pypi.acme-corp.io/simple\"\n",
        );
        for format in ["text", "github", "json", "sarif", "gitlab"] {
            let walked = home.run(&["scan", "--color", "never", "--format", format]);
            walked.code(1).hides("Xk9-mQ2vLp7Rt");
            if matches!(format, "text" | "github") {
                assert_inert(
                    &format!("scan --format {format} of {name:?}"),
                    &walked.stdout,
                );
            } else {
                // JSON escapes C0 controls (`\u001b`); C1 and bidi characters are valid JSON
                // text for the machines that read it.
                assert!(
                    !walked.stdout.contains(['\x1b', '\r', '\x07']),
                    "{format}: {}",
                    walked.stdout
                );
            }
            assert_inert(&format!("scan's stderr for {name:?}"), &walked.stderr);
        }
        let text = home.run(&["scan", &file]);
        text.code(1);
        // One finding, one line: the newline in the name forges nothing.
        assert_eq!(text.stdout.lines().count(), 1, "{}", text.stdout);
        assert!(text.stdout.contains("pypi.acme-corp.io"), "{}", text.stdout);
        // Coloured output keeps its own colours and only those.
        let coloured = home.run(&["scan", &file, "--color", "always"]);
        assert!(coloured.stdout.contains("\x1b[1m"));
        assert!(!coloured.stdout.contains("\x1b[31m") && !coloured.stdout.contains("\x1b]"));
    }
}

#[test]
fn terminal_injection_in_special_file_notices_is_shown_not_obeyed() {
    let home = Home::new();
    let fifo = home.path().join("fi\x1b[2Jfo");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let run = home.run(&["scan"]);
    run.stderr_is(
        "netrc-guard: fi\\x1b[2Jfo: skipped, a FIFO (named pipe) is not a regular file\n",
    );
    assert_inert("scan's FIFO notice", &run.stderr);
}

#[test]
fn terminal_injection_in_netrc_machine_names_is_shown_not_obeyed() {
    let home = Home::new();
    home.write_netrc(
        "machine evil\x1b]0;pwned\x07.example.com login b\x1b[2Job password Xk9-mQ2vLp7Rt\n\
         machine ok.example.com login bob password Xk9-mQ2vLp7Rt account a\u{202e}b\n",
    );
    let list = home.run(&["list"]);
    list.ok().hides("Xk9-mQ2vLp7Rt");
    list.stdout_lines(&[
        "evil\\x1b]0;pwned\\x07.example.com  login b\\x1b[2Job  password set",
        "ok.example.com                    login bob  account a\\u{202e}b  password set",
    ]);
    assert_inert("list", &list.stdout);
    for args in [&["check"][..], &["check", "--color", "always"], &["path"]] {
        let run = home.run(args);
        run.hides("Xk9-mQ2vLp7Rt");
        assert_inert(&format!("{args:?} stderr"), &run.stderr);
        if !args.contains(&"always") {
            assert_inert(&format!("{args:?}"), &run.stdout);
        }
    }
    // The netrc's own path, as `path` and `check` print it.
    let odd = home.write("n\x1b[2J", "machine h login u password Xk9-mQ2vLp7Rt\n");
    common::set_mode(&odd, 0o600);
    let odd = odd.to_str().unwrap();
    for args in [
        &["path", "--file", odd][..],
        &["check", "--file", odd],
        &["list", "--file", odd],
    ] {
        let run = home.run(args);
        assert_inert(&format!("{args:?}"), &run.stdout);
        assert_inert(&format!("{args:?} stderr"), &run.stderr);
    }
}
