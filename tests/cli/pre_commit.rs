//! The hooks in `.pre-commit-hooks.yaml`, run by the real `pre-commit` (skipped, saying why,
//! where it is not installed). `pre-commit try-repo` builds this checkout with
//! `cargo install`, so this test takes a minute on a cold cache.

use crate::common;

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

fn try_repo(repo: &Path, hook: &str, netrc: &Path) -> common::Run {
    try_repo_with(repo, hook, netrc, std::env::var_os("PATH").unwrap_or_default())
}

fn try_repo_with(repo: &Path, hook: &str, netrc: &Path, path: std::ffi::OsString) -> common::Run {
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
        .output()
        .unwrap();
    common::Run::from(out)
}

#[test]
fn hooks_fail_on_a_staged_credential_and_pass_once_scrubbed() {
    if !common::have(
        "pre-commit",
        "hooks_fail_on_a_staged_credential_and_pass_once_scrubbed",
    ) || !common::have(
        "git",
        "hooks_fail_on_a_staged_credential_and_pass_once_scrubbed",
    ) {
        return;
    }
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

    let scan = try_repo(&repo, "netrc-guard-scan", &netrc);
    assert_eq!(scan.code, 1, "{scan:?}");
    scan.stdout_has("runtime_env.json:1:18: uri-password")
        .hides(PW);

    let scrub = try_repo(&repo, "netrc-guard-scrub", &netrc);
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
    try_repo(&repo, "netrc-guard-scan", &netrc).ok();
    try_repo(&repo, "netrc-guard-scrub", &netrc).ok();
}

/// The `language: system` hooks run the netrc-guard on PATH (here the one under test):
/// nothing is built, so this test is as quick as the hook.
#[test]
fn system_hooks_run_the_binary_on_path() {
    let name = "system_hooks_run_the_binary_on_path";
    if !common::have("pre-commit", name) || !common::have("git", name) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    let netrc = dir.path().join("netrc");
    git(&repo, &["init", "-q"]);
    std::fs::write(
        repo.join("env.yaml"),
        format!("working_dir: https://u:{PW}@h.example/a.zip\n"),
    )
    .unwrap();
    git(&repo, &["add", "env.yaml"]);
    let bin = assert_cmd::cargo::cargo_bin("netrc-guard");
    let mut path = vec![bin.parent().unwrap().to_path_buf()];
    path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    let path = std::env::join_paths(path).unwrap();

    let scan = try_repo_with(&repo, "netrc-guard-scan-system", &netrc, path.clone());
    assert_eq!(scan.code, 1, "{scan:?}");
    scan.stdout_has("env.yaml:1:14: uri-password").hides(PW);

    let scrub = try_repo_with(&repo, "netrc-guard-scrub-system", &netrc, path.clone());
    assert_eq!(scrub.code, 1, "the hook modified files: {scrub:?}");
    scrub.hides(PW);
    assert_eq!(
        std::fs::read_to_string(repo.join("env.yaml")).unwrap(),
        "working_dir: https://h.example/a.zip\n"
    );
    git(&repo, &["add", "env.yaml"]);
    try_repo_with(&repo, "netrc-guard-scan-system", &netrc, path).ok();
}
