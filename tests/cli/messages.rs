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
