//! The hooks in `.pre-commit-hooks.yaml`, run by the real `pre-commit` (skipped, saying why,
//! where it is not installed). For the rust hooks `pre-commit try-repo` builds this checkout
//! with `cargo install` (an lto release build: minutes on a cold cache); the system hooks run
//! the binary under test.

use crate::common;

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

const PW: &str = "hunter2-Secret";

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

fn try_repo(repo: &Path, hook: &str, netrc: &Path, path: &OsStr) -> common::Run {
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = project.join("target");
    let out = Command::new("pre-commit")
        .env("PATH", path)
        .args(["try-repo"])
        .arg(project)
        .args([hook, "--all-files", "--color", "never"])
        .current_dir(repo)
        .env("NETRC", netrc)
        // Kept under target/ so a second run reuses the build.
        .env("PRE_COMMIT_HOME", target.join("pre-commit-home"))
        .env("CARGO_TARGET_DIR", target.join("pre-commit-build"))
        // The hook's `cargo install` is what is tested, not the shipped profile: unoptimised,
        // without lto, with parallel and incremental codegen, the release build takes a
        // fraction of the CPU time.
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true")
        .output()
        .unwrap();
    common::Run::from(out)
}

/// The hooks `netrc-guard-scan{suffix}` and `netrc-guard-scrub{suffix}` on a staged
/// credential: scan fails, scrub moves it into the netrc and fails (it changed a file), and
/// once the fix is staged both pass.
fn scan_then_scrub(test: &str, suffix: &str, path: &OsStr) {
    if !common::have("pre-commit", test) || !common::have("git", test) {
        return;
    }
    let (scan_hook, scrub_hook) = (
        format!("netrc-guard-scan{suffix}"),
        format!("netrc-guard-scrub{suffix}"),
    );
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    let netrc = dir.path().join("netrc");
    git(&repo, &["init", "-q"]);
    std::fs::write(
        repo.join("runtime_env.json"),
        format!("{{\"working_dir\": \"https://u:{PW}@h.example/a.zip\"}}\n"),
    )
    .unwrap();
    git(&repo, &["add", "runtime_env.json"]);

    let scan = try_repo(&repo, &scan_hook, &netrc, path);
    assert_eq!(scan.code, 1, "{scan:?}");
    scan.stdout_has("runtime_env.json:1:18: uri-password")
        .hides(PW);

    let scrub = try_repo(&repo, &scrub_hook, &netrc, path);
    assert_eq!(scrub.code, 1, "the hook modified files: {scrub:?}");
    scrub.hides(PW);
    assert_eq!(
        std::fs::read_to_string(repo.join("runtime_env.json")).unwrap(),
        "{\"working_dir\": \"https://h.example/a.zip\"}\n"
    );
    assert_eq!(
        std::fs::read_to_string(&netrc).unwrap(),
        format!("machine h.example login u password {PW}\n")
    );

    git(&repo, &["add", "runtime_env.json"]);
    try_repo(&repo, &scan_hook, &netrc, path).ok();
    try_repo(&repo, &scrub_hook, &netrc, path).ok();
}

/// `language: rust`: pre-commit builds this checkout with `cargo install`.
#[test]
#[ignore = "slow: the real pre-commit builds this checkout with cargo install (an lto release build); CI runs it"]
fn hooks_fail_on_a_staged_credential_and_pass_once_scrubbed() {
    let path = std::env::var_os("PATH").unwrap_or_default();
    scan_then_scrub(
        "hooks_fail_on_a_staged_credential_and_pass_once_scrubbed",
        "",
        &path,
    );
}

/// `language: system`: the netrc-guard on PATH (here the one under test) runs; nothing is
/// built, so this test is as quick as the hook.
#[test]
#[ignore = "slow: runs the real pre-commit; CI runs it"]
fn system_hooks_run_the_binary_on_path() {
    let bin = assert_cmd::cargo::cargo_bin("netrc-guard");
    let mut dirs = vec![bin.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(dirs).unwrap();
    scan_then_scrub("system_hooks_run_the_binary_on_path", "-system", &path);
}

/// Option injection through file names: pre-commit puts the staged names after the hook's
/// `entry` and `args`, so a file named `--help` made `netrc-guard scan --help FILES` print
/// its help and pass with a credential staged beside it. The hooks' `args: ["--"]` ends
/// the options; every system hook is run here with such names staged.
#[test]
#[ignore = "slow: runs the real pre-commit; CI runs it"]
fn option_injection_file_names_are_files_to_the_hooks() {
    let test = "option_injection_file_names_are_files_to_the_hooks";
    if !common::have("pre-commit", test) || !common::have("git", test) {
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("netrc-guard");
    let mut dirs = vec![bin.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(dirs).unwrap();
    for name in ["--help", "--version", "--include-examples"] {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir(&repo).unwrap();
        let netrc = dir.path().join("netrc");
        git(&repo, &["init", "-q"]);
        std::fs::write(repo.join(name), "nothing here\n").unwrap();
        let uri = format!("https://u:{PW}@h.example/a.zip");
        std::fs::write(repo.join("env.txt"), format!("{uri}\n")).unwrap();
        git(&repo, &["add", "--", name, "env.txt"]);
        let scan = try_repo(&repo, "netrc-guard-scan-system", &netrc, &path);
        assert_eq!(scan.code, 1, "a file named {name}: {scan:?}");
        scan.stdout_has("env.txt:1:1: uri-password").hides(PW);
        let scrub = try_repo(&repo, "netrc-guard-scrub-system", &netrc, &path);
        assert_eq!(scrub.code, 1, "a file named {name}: {scrub:?}");
        scrub.hides(PW);
        assert_eq!(
            std::fs::read_to_string(repo.join("env.txt")).unwrap(),
            "https://h.example/a.zip\n"
        );
    }
}

/// A staged file named `-` reached the scan as `-`, standard input (empty under pre-commit),
/// so its credential passed unseen. The scan refuses `-` when a file of that name is there.
#[test]
#[ignore = "slow: runs the real pre-commit; CI runs it"]
fn option_injection_a_file_named_dash_fails_the_scan_hook() {
    let test = "option_injection_a_file_named_dash_fails_the_scan_hook";
    if !common::have("pre-commit", test) || !common::have("git", test) {
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("netrc-guard");
    let mut dirs = vec![bin.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(dirs).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    std::fs::write(repo.join("-"), format!("https://u:{PW}@h.example/a.zip\n")).unwrap();
    git(&repo, &["add", "--", "-"]);
    let scan = try_repo(
        &repo,
        "netrc-guard-scan-system",
        &dir.path().join("netrc"),
        &path,
    );
    assert_eq!(scan.code, 1, "{scan:?}");
    scan.stdout_has("a file named `-`").hides(PW);
}

/// The system scan hook on PATH, run by the real pre-commit over `files` staged in a fresh
/// repository.
fn system_scan_hook(test: &str, files: &[(&str, Vec<u8>)]) -> Option<common::Run> {
    if !common::have("pre-commit", test) || !common::have("git", test) {
        return None;
    }
    let bin = assert_cmd::cargo::cargo_bin("netrc-guard");
    let mut dirs = vec![bin.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(dirs).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    for (name, text) in files {
        let p = repo.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        git(&repo, &["add", "-f", "--", name]);
    }
    Some(try_repo(
        &repo,
        "netrc-guard-scan-system",
        &dir.path().join("netrc"),
        &path,
    ))
}

/// Regression (issue 16): `git add .netrc` passed the hook. Each credential entry fails it,
/// by machine and position; a netrc of placeholders passes.
#[test]
#[ignore = "slow: runs the real pre-commit; CI runs it"]
fn netrc_file_committed_fails_the_hook() {
    let test = "netrc_file_committed_fails_the_hook";
    let netrc = format!("machine git.acme.io\n  login ci\n  password {PW}\n");
    let Some(scan) = system_scan_hook(
        test,
        &[
            (".netrc", netrc.into_bytes()),
            (
                "ci/ci.netrc",
                b"machine h.acme.io login u password ${CI_PASSWORD}\n".to_vec(),
            ),
        ],
    ) else {
        return;
    };
    assert_eq!(scan.code, 1, "{scan:?}");
    scan.stdout_has(".netrc:3:12: netrc-file: machine git.acme.io password ***")
        .hides(PW);
    assert!(!scan.stdout.contains("ci.netrc"), "{scan:?}");
}

/// Regression (issue 16): netrc-guard's own Secret (`kube secret`) committed passed the
/// hook. It fails it at the value, naming the key.
#[test]
#[ignore = "slow: runs the real pre-commit; CI runs it"]
fn kube_secret_committed_fails_the_hook() {
    let test = "kube_secret_committed_fails_the_hook";
    let home = common::Home::new();
    home.write_netrc(&format!("machine git.acme.io login ci password {PW}\n"));
    let manifest = home.run(&["kube", "secret", "--name", "netrc"]);
    manifest.ok();
    let Some(scan) = system_scan_hook(
        test,
        &[(
            "k8s/netrc-secret.yaml",
            manifest.stdout.clone().into_bytes(),
        )],
    ) else {
        return;
    };
    assert_eq!(scan.code, 1, "{scan:?}");
    scan.stdout_has("k8s/netrc-secret.yaml:3:11: kube-secret: Secret data[.netrc]: machine git.acme.io password ***")
        .hides(PW);
}

/// Regression (issue 16): a UTF-16 file (with or without its byte-order mark) is binary to
/// pre-commit unless its extension says text, so a `types: [text]` hook never saw it. The
/// scan hook takes every file, and scan decodes it.
#[test]
#[ignore = "slow: runs the real pre-commit; CI runs it"]
fn utf16_file_without_a_text_extension_fails_the_hook() {
    let test = "utf16_file_without_a_text_extension_fails_the_hook";
    let text = format!("url = https://ci:{PW}@git.acme.io/r.git\n");
    let bom: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let no_bom = bom[2..].to_vec();
    let Some(scan) = system_scan_hook(test, &[("conf/settings", bom), ("conf/other", no_bom)])
    else {
        return;
    };
    assert_eq!(scan.code, 1, "{scan:?}");
    scan.stdout_has("conf/settings:1:7: uri-password")
        .stdout_has("conf/other:1:7: uri-password")
        .hides(PW);
}
