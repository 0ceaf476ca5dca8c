//! How errors read, whatever the command: the system's reason for an I/O error in lower case
//! without `(os error N)` or a temporary file's name, continuation lines indented, and the
//! like (one test per class of wording defect, a table over its members).

use crate::common::{Home, Run};

/// Class: raw OS error text reaching users (`No such file or directory (os error 2)`,
/// tempfile's `… (os error 1) at path "…/.netrc-guard.XXXXXX.tmp"`). Every way an I/O error
/// reaches standard error says the system's reason alone, after the file it concerns.
#[test]
fn an_io_error_reads_as_the_systems_reason_after_its_file() {
    let mut cases = vec![
        (
            vec!["scan", "missing.txt"],
            "netrc-guard: error: missing.txt: no such file or directory\n\
             netrc-guard: error: 1 file could not be scanned\n",
        ),
        (
            vec!["scan", "--baseline", "missing.json", "."],
            "netrc-guard: error: missing.json: cannot read the baseline: no such file or directory\n",
        ),
        (
            vec!["scan", "--config", "missing.toml", "."],
            "netrc-guard: error: missing.toml: cannot read the configuration: no such file or directory\n",
        ),
        (
            vec![
                "--file",
                "nodir/netrc",
                "add",
                "h.example",
                "--login",
                "u",
                "--password-env",
                "P",
            ],
            "netrc-guard: error: nodir/netrc.lock: cannot create the lock file: no such file or directory\n",
        ),
    ];
    // A file whose read fails after it opened: the store's, scrub's, kube's and scan's reads.
    if cfg!(target_os = "linux") {
        let mem = "/proc/self/mem";
        cases.extend([
            (
                vec!["scan", mem],
                "netrc-guard: error: /proc/self/mem: input/output error\n\
                 netrc-guard: error: 1 file could not be scanned\n",
            ),
            (vec!["scrub", mem], "netrc-guard: error: /proc/self/mem: cannot read: input/output error\n"),
            (vec!["--file", mem, "list"], "netrc-guard: error: /proc/self/mem: cannot read: input/output error\n"),
            (vec!["kube", "patch", mem], "netrc-guard: error: /proc/self/mem: cannot read: input/output error\n"),
            (
                vec!["scan", "--baseline", mem, "."],
                "netrc-guard: error: /proc/self/mem: cannot read the baseline: input/output error\n",
            ),
        ]);
    }
    for (args, stderr) in cases {
        let home = Home::new();
        let run = Run::from(
            home.cmd()
                .args(&args)
                .env("P", "Kq7xpw2Zt")
                .output()
                .unwrap(),
        )
        .in_home(&home);
        run.code(2).stderr_is(stderr);
    }
}

/// Class: a count's phrase not agreeing with the count (`1 credential(s)`, `2 of them: move
/// it`). Scan's closing summary, over one and two credentials in one and two files.
#[test]
fn a_summary_agrees_with_its_counts() {
    let one = "u = https://bob:Kq7xpw2Zt@git.acme.io/r\n";
    let two = "u = https://bob:Kq7xpw2Zt@git.acme.io/r\nv = https://ann:Zt9qw4Kxp@git.acme.io/s\n";
    for (files, said) in [
        (
            vec![("a.txt", one)],
            "netrc-guard: 1 credential in 1 file scanned\n\
             netrc-guard: 1 of them: move it into a netrc file (`netrc-guard scrub FILE --in-place`)\n",
        ),
        (
            vec![("a.txt", two), ("b.txt", "nothing\n")],
            "netrc-guard: 2 credentials in 2 files scanned\n\
             netrc-guard: 2 of them: move them into a netrc file (`netrc-guard scrub FILE --in-place`)\n",
        ),
    ] {
        let home = Home::new();
        let mut args = vec!["scan", "--format", "json"];
        for (name, text) in &files {
            home.write(name, text);
            args.push(name);
        }
        home.run(&args).code(1).hides("Kq7xpw2Zt").stderr_is(said);
    }
}

/// A multi-line error's run: what it is, files to write (name, text), arguments, NETRC.
type Case = (
    &'static str,
    Vec<(&'static str, &'static str)>,
    Vec<&'static str>,
    Option<&'static str>,
);

/// Class: continuation lines of a multi-line error without the `netrc-guard: ` prefix or an
/// indent (the readers' check printed `HOST: after this write` and `nothing was saved` at
/// the margin). Every multi-line error: each line is prefixed, or indented two spaces.
#[test]
fn every_line_of_a_multi_line_error_is_prefixed_or_indented() {
    let git = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok();
    // (what it is, files to write (name, text), arguments, NETRC)
    let mut cases: Vec<Case> = vec![
        (
            "add over other credentials",
            vec![(".netrc", "machine h.example login a password b\n")],
            vec!["add", "h.example", "--login", "u", "--password-env", "P"],
            None,
        ),
        (
            "the readers' check refuses a write",
            vec![("nul.netrc", "machine x login y password z\0\n")],
            vec!["add", "new.example", "--login", "u", "--password-env", "P"],
            Some("nul.netrc"),
        ),
        (
            "scrub: two credentials for one host",
            vec![
                (".netrc", ""),
                (
                    "two.txt",
                    "a https://u:Zt9qw4Kxp@g.example/\nb https://v:Xp3kq8Wzr@g.example/\n",
                ),
            ],
            vec!["scrub", "two.txt", "--in-place"],
            None,
        ),
        (
            "scrub over other credentials",
            vec![
                (".netrc", "machine h.example login a password b\n"),
                ("c.txt", "a https://u:Zt9qw4Kxp@h.example/\n"),
            ],
            vec!["scrub", "c.txt", "--in-place"],
            None,
        ),
        (
            "ray patch: the netrc shares the home",
            vec![
                (".netrc", "machine h.example login a password b\n"),
                ("c.yaml", "provider:\n  type: local\n"),
            ],
            vec!["ray", "patch", "c.yaml"],
            None,
        ),
    ];
    if git {
        cases.push((
            "scan --git outside a repository",
            vec![],
            vec!["scan", "--git", "HEAD"],
            None,
        ));
    }
    for (what, files, args, netrc) in cases {
        let home = Home::new();
        for (name, text) in files {
            if name.ends_with("netrc") {
                let p = home.write(name, text);
                crate::common::set_mode(&p, 0o600);
            } else {
                home.write(name, text);
            }
        }
        let mut cmd = home.cmd();
        cmd.args(&args).env("P", "Kq7xpw2Zt");
        if let Some(netrc) = netrc {
            cmd.env("NETRC", netrc);
        }
        let run = Run::from(cmd.output().unwrap()).in_home(&home);
        run.code(2).hides("Kq7xpw2Zt").hides("Zt9qw4Kxp");
        let err = run.err();
        assert!(err.lines().count() > 1, "{what}: one line only:\n{err}");
        for line in err.lines() {
            assert!(
                line.starts_with("netrc-guard: ") || line.starts_with("  "),
                "{what}: a line neither prefixed nor indented: {line:?}\n{err}"
            );
        }
    }
}
