//! `scan --baseline` and `--write-baseline`: known findings stay quiet across moves and
//! reformatting, new ones are reported, and the file holds nothing that gives a secret away.

use crate::common::{Home, Run};

use std::process::Command;

const PW: &str = "hunter2-Baseline";
const USER: &str = "alice";
const TOKEN: &str = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

fn config() -> String {
    format!(
        "name: x\nindex: https://{USER}:{PW}@pypi.example.com/simple\nrepo: https://{TOKEN}@github.com/o/r\n"
    )
}

fn write_baseline(home: &Home) -> String {
    home.run(&["scan", "--write-baseline", "b.json", "app.yaml"])
        .ok()
        .stderr_is("netrc-guard: b.json: 2 findings recorded as the baseline\n");
    home.read("b.json")
}

fn check(home: &Home) -> Run {
    home.run(&["scan", "--baseline", "b.json", "app.yaml"])
}

#[test]
fn moved_lines_and_reformatting_keep_findings_known() {
    let home = Home::new();
    home.write("app.yaml", &config());
    write_baseline(&home);
    check(&home)
        .ok()
        .stderr_is("netrc-guard: 2 findings recorded in the baseline not shown\n");
    // Lines moved, re-indented, reflowed into flow style, other text changed around them.
    let moved = format!(
        "# new header\nrepo:    https://{TOKEN}@github.com/o/r\n\nother: {{ a: 1, index: [\"https://{USER}:{PW}@pypi.example.com/simple\"] }}\nname: y\n"
    );
    home.write("app.yaml", &moved);
    check(&home).ok().hides(PW);
}

#[test]
fn a_new_credential_in_the_same_file_is_reported() {
    let home = Home::new();
    home.write("app.yaml", &config());
    write_baseline(&home);
    home.write(
        "app.yaml",
        &(config() + "extra: https://bob:Tq8-vLm2pXr9@pypi.example.com/simple\n"),
    );
    let run = check(&home);
    run.code(1).hides("Tq8-vLm2pXr9").hides(PW);
    assert_eq!(
        run.stdout,
        "app.yaml:4:8: uri-password: https://***@pypi.example.com/simple\n"
    );
    // The same password for another user, or on another host, is another credential.
    home.write(
        "app.yaml",
        &(config() + &format!("x: https://{USER}:{PW}@other.example.com/\n")),
    );
    check(&home)
        .code(1)
        .stdout_is("app.yaml:4:4: uri-password: https://***@other.example.com/\n");
    // So is a known credential copied into another file: a new place it leaks from.
    home.write("copy.yaml", &config());
    home.run(&["scan", "--baseline", "b.json", "app.yaml", "copy.yaml"])
        .code(1)
        .stdout_lines(&[
            "app.yaml:4:4: uri-password: https://***@other.example.com/",
            "copy.yaml:2:8: uri-password: https://***@pypi.example.com/simple",
            "copy.yaml:3:7: uri-token-user: https://***@github.com/o/r",
        ]);
}

/// Hex digests of `text` that a careless fingerprint might be.
fn plain_digests(text: &str) -> Vec<String> {
    let script = "import hashlib,sys; t=sys.argv[1].encode(); print(' '.join(getattr(hashlib,a)(t).hexdigest() for a in ('sha256','sha1','md5')))";
    let out = Command::new("python3")
        .args(["-c", script, text])
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_baseline_holds_no_secret() {
    if !crate::common::have("python3", "the_baseline_holds_no_secret") {
        return;
    }
    let home = Home::new();
    home.write("app.yaml", &config());
    let text = write_baseline(&home);
    let mut forbidden = vec![PW.to_string(), TOKEN.to_string(), format!("{USER}:")];
    for material in [PW, TOKEN, &format!("{USER}:{PW}")] {
        let digests = plain_digests(material);
        assert_eq!(digests.len(), 3);
        // Whole or cut to the fingerprint's length.
        forbidden.extend(digests.iter().map(|d| d[..32].to_string()));
        forbidden.extend(digests);
    }
    for f in &forbidden {
        assert!(!text.contains(f.as_str()), "{f} in:\n{text}");
    }
    // Negative control: the check finds a digest where one is.
    assert!(format!("{text}{}", plain_digests(PW)[0]).contains(&plain_digests(PW)[0]));
    // What is there is for review: paths, hosts, rules.
    assert!(text.contains("\"path\": \"app.yaml\"") && text.contains("pypi.example.com"));
}

#[test]
fn rewriting_gives_the_same_bytes_and_keeps_the_salt() {
    let home = Home::new();
    home.write("app.yaml", &config());
    let first = write_baseline(&home);
    let again = write_baseline(&home);
    assert_eq!(first, again);
    // Moved lines: still the same file.
    home.write(
        "app.yaml",
        &format!("repo: https://{TOKEN}@github.com/o/r\n\nindex: https://{USER}:{PW}@pypi.example.com/simple\n"),
    );
    assert_eq!(write_baseline(&home), first);
    // A fresh file draws a fresh salt.
    std::fs::remove_file(home.path().join("b.json")).unwrap();
    assert_ne!(write_baseline(&home), first);
}

#[test]
fn baselines_work_with_every_format() {
    let home = Home::new();
    home.write("app.yaml", &config());
    write_baseline(&home);
    for format in ["text", "json", "sarif", "github"] {
        let run = home.run(&[
            "scan",
            "--baseline",
            "b.json",
            "--format",
            format,
            "app.yaml",
        ]);
        run.ok().hides(PW);
    }
    home.write(
        "app.yaml",
        &(config() + "x: https://bob:Tq8-vLm2pXr9@h.example/\n"),
    );
    let json = home.run(&[
        "scan",
        "--baseline",
        "b.json",
        "--format",
        "json",
        "app.yaml",
    ]);
    assert_eq!(json.code(1).json().as_array().unwrap().len(), 1);
    let sarif = home.run(&[
        "scan",
        "--baseline",
        "b.json",
        "--format",
        "sarif",
        "app.yaml",
    ]);
    assert_eq!(
        sarif.code(1).json()["runs"][0]["results"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

/// A malformed or missing baseline: exit 2, `file:line:column`, nothing quoted from the
/// file (it may be a secret file named by mistake), and a malformed one is not overwritten.
#[test]
fn malformed_baselines_are_errors_at_a_position() {
    let home = Home::new();
    home.write("app.yaml", &config());
    home.write(
        "b.json",
        &format!("{{\n  \"netrc-guard-baseline\": 1,\n  {PW}\n}}\n"),
    );
    check(&home)
        .code(2)
        .hides(PW)
        .stderr_is("netrc-guard: error: b.json:3:3: not a netrc-guard baseline: not valid JSON\n");
    home.run(&["scan", "--write-baseline", "b.json", "app.yaml"])
        .code(2)
        .stderr_is("netrc-guard: error: b.json:3:3: not a netrc-guard baseline: not valid JSON\n");
    assert!(home.read("b.json").contains(PW));
    home.write("netrc", &format!("machine h login {USER} password {PW}\n"));
    home.run(&["scan", "--baseline", "netrc", "app.yaml"])
        .code(2)
        .hides(PW)
        .stderr_is("netrc-guard: error: netrc:1:1: not a netrc-guard baseline: not valid JSON\n");
    home.run(&["scan", "--baseline", "missing.json", "app.yaml"])
        .code(2)
        .stderr_is("netrc-guard: error: missing.json: cannot read the baseline: no such file or directory\n");
}

/// Values serde quotes in its reason (the bug: the reason was cut at the first `, expected `,
/// so a quoted value holding those words showed what followed them). Whatever a value,
/// key or variant holds, the message keeps only what netrc-guard expected.
#[test]
fn a_malformed_baseline_quotes_no_value_however_it_is_spelt() {
    let home = Home::new();
    home.write("app.yaml", &config());
    let hostile = format!("x, expected {PW}");
    for (text, error) in [
        (
            format!(r#"{{"netrc-guard-baseline": "{hostile}"}}"#),
            "b.json:1:55: not a netrc-guard baseline: a value of the wrong type, expected u32",
        ),
        (
            format!(
                r#"{{"netrc-guard-baseline": 1, "key": {{"kdf": "pbkdf2-hmac-sha256", "iterations": "{hostile}", "salt": "f87db38ddcdac00a36637a0e7f2c3447"}}, "findings": []}}"#
            ),
            "b.json:1:109: not a netrc-guard baseline: a value of the wrong type, expected u32",
        ),
    ] {
        home.write("b.json", &text);
        check(&home)
            .code(2)
            .hides(PW)
            .stderr_is(&format!("netrc-guard: error: {error}\n"));
    }
}

/// Atomic writes through symlinks: `--write-baseline` to a link whose target does not exist
/// yet created the file in place of the link (the link was lost); to a link with a target
/// it rewrote the target. Both keep the link now; a directory, a FIFO or a missing
/// directory is an error that writes nothing.
#[test]
fn write_baseline_through_symlinks_keeps_the_link() {
    let home = Home::new();
    home.write("app.yaml", &config());
    std::fs::create_dir(home.path().join("real")).unwrap();
    for (link, target) in [
        ("dangling.json", "real/new.json"),
        ("live.json", "real/old.json"),
    ] {
        if target.ends_with("old.json") {
            // A baseline written before, reached through the link.
            home.run(&["scan", "--write-baseline", target, "app.yaml"])
                .ok();
        }
        std::os::unix::fs::symlink(target, home.path().join(link)).unwrap();
        home.run(&["scan", "--write-baseline", link, "app.yaml"])
            .ok()
            .stderr_is(&format!(
                "netrc-guard: {link}: 2 findings recorded as the baseline\n"
            ))
            .hides(PW);
        let meta = std::fs::symlink_metadata(home.path().join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{link} is no longer a link");
        assert!(home.read(target).contains("\"fingerprint\""), "{target}");
        home.run(&["scan", "--baseline", link, "app.yaml"]).ok();
    }
    std::fs::create_dir(home.path().join("dir")).unwrap();
    home.run(&["scan", "--write-baseline", "dir", "app.yaml"])
        .code(2);
    home.run(&["scan", "--write-baseline", "missing/b.json", "app.yaml"])
        .code(2);
    assert!(!home.path().join("missing").exists());
    let leftovers: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .chain(std::fs::read_dir(home.path().join("real")).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
