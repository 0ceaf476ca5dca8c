//! The leaks `scan` let through (issue 16), through the real binary: each class both ways
//! (a realistic credential found, a placeholder or example of the same shape silent).

use crate::common::{self, Home};
use crate::history::{commit, git, repo};

use base64::Engine;

const PW: &str = "Kq7!xpw2Zt-9v";
const GHP: &str = "ghp_Zq8vN2kX4mT7pR1sW9yB3cF6hJ0dL5gA8eUi";
const GLPAT: &str = "glpat-Xk9mP2vQ7rT4wZ8nB3cJ";
const NPM: &str = "npm_Q7mX2kP9vR4tW8zN3bC6hJ1dL5gF0sAeYuIo";
const HF: &str = "hf_QmXkPvRtWzNbChJdLgFsAeYuIoKjHgFdSaPl";

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

fn secret_manifest(netrc: &str) -> String {
    format!(
        "apiVersion: v1\ndata:\n  .netrc: {}\nkind: Secret\nmetadata:\n  name: netrc\ntype: Opaque\n",
        b64(netrc)
    )
}

/// (class, file name, a realistic leak, the same shape as a placeholder or example, the
/// rule and line:column the leak is reported at).
fn table() -> Vec<(&'static str, &'static str, String, String, &'static str)> {
    vec![
        (
            "netrc file",
            ".netrc",
            format!("machine git.acme.io\n  login ci\n  password {PW}\n"),
            "machine git.acme.io\n  login ci\n  password ${GIT_PASSWORD}\n".into(),
            "netrc-file: machine git.acme.io password ***",
        ),
        (
            "netrc by content",
            "credentials.txt",
            format!("machine pypi.acme.io login __token__ password {PW}\n"),
            "machine pypi.example.com login user password changeme\n".into(),
            "netrc-file: machine pypi.acme.io password ***",
        ),
        (
            "netrc token login",
            "ci.netrc",
            format!("machine github.com login {GHP}\n"),
            "machine github.com login ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n".into(),
            "netrc-file: machine github.com login ***",
        ),
        (
            "kube secret",
            "netrc-secret.yaml",
            secret_manifest(&format!("machine git.acme.io login ci password {PW}\n")),
            secret_manifest("machine git.acme.io login ci password <password>\n"),
            "kube-secret: Secret data[.netrc]: machine git.acme.io password ***",
        ),
        (
            "kube secret uri",
            "secret.json",
            format!(
                "{{\"kind\": \"Secret\", \"data\": {{\"url\": \"{}\"}}}}\n",
                b64(&format!("https://ci:{PW}@git.acme.io/r.git"))
            ),
            format!(
                "{{\"kind\": \"Secret\", \"data\": {{\"url\": \"{}\"}}}}\n",
                b64("https://user:password@git.example.com/r.git")
            ),
            "kube-secret: Secret data[url]: https://***@git.acme.io/r.git",
        ),
        (
            "token in an environment file",
            ".env",
            format!("GH_TOKEN={GHP}\n"),
            "GH_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n".into(),
            "known-token: github.com token ***",
        ),
        (
            "token in a header",
            "client.json",
            format!("{{\"Authorization\": \"token {GHP}\"}}\n"),
            "{\"Authorization\": \"token ghp_EXAMPLEexampleEXAMPLEexampleEXAMPLE1\"}\n".into(),
            "known-token: github.com token ***",
        ),
        (
            "token in .pypirc",
            ".pypirc",
            format!(
                "[gitlab]\nrepository = https://gitlab.acme.io/api/v4/projects/1/packages/pypi\nusername = __token__\npassword = {GLPAT}\n"
            ),
            "[gitlab]\nusername = __token__\npassword = glpat-xxxxxxxxxxxxxxxxxxxx\n".into(),
            "known-token: gitlab.com token ***",
        ),
        (
            "token in .npmrc",
            ".npmrc",
            format!("//registry.npmjs.org/:_authToken={NPM}\n"),
            "//registry.npmjs.org/:_authToken=npm_000000000000000000000000000000000000\n".into(),
            "known-token: registry.npmjs.org token ***",
        ),
        (
            "token for the model hub",
            "run.sh",
            format!("export HF_TOKEN={HF}\n"),
            "export HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n".into(),
            "known-token: huggingface.co token ***",
        ),
        (
            "json escaped separator",
            "env.json",
            format!("{{\"w\": \"https:\\u002f\\u002fci:{PW}@git.acme.io/x\"}}\n"),
            "{\"w\": \"https:\\u002f\\u002fuser:password@git.example.com/x\"}\n".into(),
            "uri-password: https://***@git.acme.io/x",
        ),
        (
            "json escaped colon",
            "env2.json",
            format!("{{\"w\": \"https\\u003a//ci:{PW}@git.acme.io/x\"}}\n"),
            "{\"w\": \"https\\u003a//user:${PASSWORD}@git.acme.io/x\"}\n".into(),
            "uri-password: https://***@git.acme.io/x",
        ),
    ]
}

#[test]
fn each_leak_class_is_found_and_its_placeholder_is_not() {
    for (class, name, leak, placeholder, expected) in table() {
        let home = Home::new();
        home.write(name, &leak);
        let out = home.run(&["scan", "--", name]);
        out.code(1)
            .hides(PW)
            .hides(GHP)
            .hides(GLPAT)
            .hides(NPM)
            .hides(HF);
        assert!(
            out.stdout.lines().any(|l| l.ends_with(expected)),
            "{class}: {}",
            out.stdout
        );
        let home = Home::new();
        home.write(name, &placeholder);
        let out = home.run(&["scan", "--", name]);
        assert_eq!(
            out.code, 0,
            "{class}: the placeholder was reported: {out:?}"
        );
    }
}

/// Regression: a committed netrc passed `scan --no-ignore`; each entry is reported at its
/// value, by machine, and the advice is to remove it and rotate.
#[test]
fn netrc_file_each_entry_at_its_value() {
    let home = Home::new();
    home.write(
        "deploy/_netrc",
        &format!("# ci\nmachine a.acme.io login u password {PW}\nmachine b.acme.io login v password {PW}x\nmachine c.example.com login user password password\n"),
    );
    let out = home.run(&["scan", "--no-ignore", "deploy", "--format", "github"]);
    out.code(1).hides(PW);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(
        lines[0].starts_with("::error file=deploy/_netrc,line=2,col=36,"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("line=3,") && lines[1].contains("rotate"),
        "{}",
        lines[1]
    );
}

/// Regression: `kube secret`'s own output committed passed the hook.
#[test]
fn kube_secret_own_output_is_found() {
    let home = Home::new();
    home.write_netrc(&format!("machine git.acme.io login ci password {PW}\n"));
    let manifest = home.run(&["kube", "secret", "--name", "netrc"]);
    manifest.ok().hides(PW);
    home.write("k8s/secret.yaml", &manifest.stdout);
    let out = home.run(&["scan", "k8s", "--format", "json"]);
    out.code(1).hides(PW);
    let v = out.json();
    assert_eq!(v[0]["rule"], "kube-secret");
    assert_eq!(v[0]["host"], "git.acme.io");
    assert!(v[0]["advice"].as_str().unwrap().contains("rotate"));
}

fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
    let units = bom.then_some(0xFEFF).into_iter().chain(s.encode_utf16());
    units
        .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
        .collect()
}

fn utf32(s: &str, le: bool, bom: bool) -> Vec<u8> {
    let chars = bom.then_some('\u{feff}').into_iter().chain(s.chars());
    chars
        .flat_map(|c| {
            let c = u32::from(c);
            if le { c.to_le_bytes() } else { c.to_be_bytes() }
        })
        .collect()
}

/// Regression: a UTF-16 file (PowerShell 5's default) was skipped silently, named or walked.
/// Decoded, its finding stands at its line and character column.
#[test]
fn utf16_and_utf32_files_are_decoded_with_their_positions() {
    let text = format!("# é\r\n$u = \"https://ci:{PW}@git.acme.io/x\"\r\n");
    for le in [true, false] {
        for bom in [true, false] {
            for (enc, bytes) in [("16", utf16(&text, le, bom)), ("32", utf32(&text, le, bom))] {
                let home = Home::new();
                std::fs::create_dir(home.path().join("d")).unwrap();
                std::fs::write(home.path().join("d/s.ps1"), bytes).unwrap();
                for args in [&["scan", "d/s.ps1"][..], &["scan", "d"]] {
                    let out = home.run(args);
                    out.code(1).hides(PW);
                    assert_eq!(
                        out.stdout, "d/s.ps1:2:7: uri-password: https://***@git.acme.io/x\n",
                        "UTF-{enc} le {le} bom {bom} {args:?}"
                    );
                }
            }
        }
    }
}

/// Found by a hostile review: a UTF-16 file with one stray unit (the `\n` byte an editor or
/// `echo >>` appends, a lone surrogate) was "not valid UTF-16": walked, skipped as binary
/// and its credential never read. Now the broken unit is U+FFFD and the rest is read; the
/// same file holding a placeholder stays silent.
#[test]
fn utf16_with_a_stray_unit_is_still_scanned() {
    for (secret, code) in [(PW, 1), ("CHANGE_ME", 0)] {
        let text = format!("$u = \"https://ci:{secret}@git.acme.io/x\"\r\n");
        let mut odd = utf16(&text, true, true);
        odd.push(b'\n');
        let mut lone = utf16(&text, false, false);
        lone.extend([0xDC, 0x00, 0x00, b'\n']);
        for bytes in [odd, lone] {
            let home = Home::new();
            std::fs::create_dir(home.path().join("d")).unwrap();
            std::fs::write(home.path().join("d/s.ps1"), bytes).unwrap();
            let out = home.run(&["scan", "d"]);
            out.code(code).hides(PW);
            if code == 1 {
                assert_eq!(
                    out.stdout,
                    "d/s.ps1:1:7: uri-password: https://***@git.acme.io/x\n"
                );
            }
        }
    }
}

/// A byte-order mark over bytes that are not that encoding: a named file is "not scanned",
/// exit 2; walked, it is a binary file.
#[test]
fn undecodable_utf16_named_is_not_scanned_exit_2() {
    let home = Home::new();
    std::fs::write(home.path().join("bad.txt"), b"\xFF\xFEa\x00\x00\xD8b\x00").unwrap();
    let out = home.run(&["scan", "bad.txt"]);
    out.code(2)
        .stderr_lines(&[
            "netrc-guard: error: bad.txt: not scanned: it starts with a UTF-16 LE byte-order mark but is not valid UTF-16 LE",
            "netrc-guard: error: 1 file could not be scanned",
        ]);
}

/// Regression: `scan --git` read `rev-list --no-merges` only, so what a merge itself added
/// was never read. The merge's own line is found at the merge; the branch's line at its
/// commit only.
#[test]
fn merge_commit_history_reads_what_the_merge_adds() {
    if !common::have("git", "merge_commit_history_reads_what_the_merge_adds") {
        return;
    }
    let home = repo();
    commit(&home, &[("f.txt", "a\nb\nc\n")], &[]);
    git(home.path(), &["checkout", "-q", "-b", "side"]);
    let side = commit(
        &home,
        &[(
            "f.txt",
            &format!("a\nb\nc\nside https://s:{PW}@side.acme.io\n"),
        )],
        &[],
    );
    git(home.path(), &["checkout", "-q", "main"]);
    commit(&home, &[("f.txt", "top\na\nb\nc\n")], &[]);
    git(
        home.path(),
        &["merge", "-q", "--no-commit", "--no-ff", "side"],
    );
    home.write(
        "f.txt",
        &format!(
            "top\na\nb\nevil https://m:{PW}@merge.acme.io\nc\nside https://s:{PW}@side.acme.io\n"
        ),
    );
    git(home.path(), &["add", "-A"]);
    git(home.path(), &["commit", "-q", "-m", "merge"]);
    let merge = git(home.path(), &["rev-parse", "HEAD"])[..12].to_string();
    let out = home.run(&["scan", "--git", ""]);
    out.code(1).hides(PW);
    assert_eq!(
        out.stdout,
        format!(
            "{merge}:f.txt:4:6: uri-password: https://***@merge.acme.io\n{side}:f.txt:4:6: uri-password: https://***@side.acme.io\n"
        )
    );
    out.stderr_lines(&[
        "netrc-guard: 2 credentials in 4 commits read",
        "netrc-guard: 2 of them: move them into a netrc file (`netrc-guard scrub FILE --in-place`); they are in the repository's history: rotate the credentials (removing them from the tip does not un-leak them)",
    ]);
}

/// Found by a hostile review: `scan --git` read only a commit's added lines, so a commit
/// changing just the `password` line of a multi-line netrc entry, or adding one `data` key
/// to a committed Secret, was never reported (the rules need the file's other lines). Both
/// are found at the commit that added them; the same edit to a placeholder is silent.
#[test]
fn history_whole_file_rules_see_the_lines_around_an_edit() {
    if !common::have(
        "git",
        "history_whole_file_rules_see_the_lines_around_an_edit",
    ) {
        return;
    }
    let entry = |pw: &str| format!("machine git.acme.io\n  login ci\n  password {pw}\n");
    let data = |pw: &str| format!("  extra: {}\n", b64(&entry(pw)));
    for (pw, code) in [(PW, 1), ("CHANGE_ME", 0)] {
        let home = repo();
        let manifest = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: n\ndata:\n  a: YmFy\n";
        let files = [
            ("ci.netrc", entry("${NETRC_PASSWORD}")),
            ("creds.txt", entry("${NETRC_PASSWORD}")),
            ("s.yaml", manifest.to_string()),
        ];
        commit(
            &home,
            &files
                .iter()
                .map(|(n, t)| (*n, t.as_str()))
                .collect::<Vec<_>>(),
            &[],
        );
        let edited = [
            ("ci.netrc", entry(pw)),
            ("creds.txt", entry(pw)),
            ("s.yaml", format!("{manifest}{}", data(pw))),
        ];
        let at = commit(
            &home,
            &edited
                .iter()
                .map(|(n, t)| (*n, t.as_str()))
                .collect::<Vec<_>>(),
            &[],
        );
        let out = home.run(&["scan", "--git", ""]);
        out.code(code).hides(PW);
        if code == 1 {
            assert_eq!(
                out.stdout,
                format!(
                    "{at}:ci.netrc:3:12: netrc-file: machine git.acme.io password ***\n\
                     {at}:creds.txt:3:12: netrc-file: machine git.acme.io password ***\n\
                     {at}:s.yaml:7:10: kube-secret: Secret data[extra]: machine git.acme.io password ***\n"
                )
            );
        }
    }
}

/// A netrc committed and later deleted is still a leak: `scan --git` finds its entry at the
/// commit that added it and says to rotate; a token added to `.env` likewise.
#[test]
fn netrc_file_and_token_in_history_say_rotate() {
    if !common::have("git", "netrc_file_and_token_in_history_say_rotate") {
        return;
    }
    let home = repo();
    let added = commit(
        &home,
        &[
            (
                "deploy/.netrc",
                &format!("machine git.acme.io login ci password {PW}\n"),
            ),
            (".env", &format!("GH_TOKEN={GHP}\n")),
        ],
        &[],
    );
    commit(&home, &[], &["deploy/.netrc", ".env"]);
    let out = home.run(&["scan", "--git", "", "--format", "json"]);
    out.code(1).hides(PW).hides(GHP);
    let v = out.json();
    let found: Vec<(&str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["commit"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("known-token", added.as_str()),
            ("netrc-file", added.as_str())
        ]
    );
    for f in v.as_array().unwrap() {
        assert!(
            f["advice"]
                .as_str()
                .unwrap()
                .contains("rotate the credential"),
            "{f}"
        );
    }
}
