//! The corpus of invalid inputs (`tests/fixtures/invalid/<kind>/`), as toml_edit keeps its
//! own: each case is an input file and `<case>.stderr`, whose first line is `status: N` (the
//! exit status) and whose rest is the expected standard error, whole. Every case runs the real
//! binary in a temporary home (`$HOME` in the expected text), with the input copied there
//! under its own file name, so that the positions in the messages are reproducible.
//!
//! Beyond the text: no case panics (exit 101), none prints a password of the input (every
//! password in the corpus contains `s3cret`), and a run that fails leaves every file of the
//! home as it was (no partial write, no temporary file left behind).
//!
//! `UPDATE_FIXTURES=1 cargo test --test cli invalid` writes the `.stderr` files from the
//! runs; review each one before committing it. docs/testing.md says how to add a case.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{Home, Run, set_mode};

/// Every password in the corpus contains this; no standard error may.
const SECRET_MARK: &str = "s3cret";
/// The password `add` is given on standard input in the netrc cases.
const ADDED_PASSWORD: &str = "added-s3cret-Qm7";

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid")
}

/// One run of a case: the home with the input in place, the arguments, the environment.
struct Setup {
    home: Home,
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
    stdin: String,
}

/// What each kind does with a case file `name` (the input copied under that name).
fn setup(kind: &str, name: &str, input: &[u8]) -> Setup {
    let home = Home::new();
    let place = |to: &str| {
        let p = home.path().join(to);
        fs::write(&p, input).unwrap();
        p
    };
    let args = |list: &[&str]| {
        list.iter()
            .map(std::string::ToString::to_string)
            .collect::<Vec<_>>()
    };
    let mut env = Vec::new();
    let mut stdin = String::new();
    let args = match kind {
        // The file as the netrc (NETRC, relative to the home), through a write: `add`.
        "netrc" => {
            set_mode(&place(name), 0o600);
            env.push(("NETRC", name.to_string()));
            stdin = ADDED_PASSWORD.to_string();
            args(&["add", "new.example", "--login", "robot", "--password-stdin"])
        }
        // A source document scrubbed in place into an empty ~/.netrc.
        "scrub" => {
            home.write_netrc("");
            place(name);
            args(&["scrub", "--in-place", name])
        }
        "kube" => {
            home.write_netrc("");
            place(name);
            args(&["kube", "patch", "--in-place", name])
        }
        // `ray patch` wants the netrc in a directory of its own, linked from ~/.netrc.
        "ray" => {
            fs::create_dir(home.path().join(".netrc.d")).unwrap();
            set_mode(&home.path().join(".netrc.d"), 0o700);
            home.write(".netrc.d/netrc", "");
            set_mode(&home.path().join(".netrc.d/netrc"), 0o600);
            std::os::unix::fs::symlink(".netrc.d/netrc", home.netrc()).unwrap();
            place(name);
            args(&["ray", "patch", "--in-place", name])
        }
        // The file as the configuration `scan` finds from the working directory: a case
        // named `pyproject-*` as pyproject.toml, any other as .netrc-guard.toml.
        "config" => {
            let to = if name.starts_with("pyproject-") {
                "pyproject.toml"
            } else {
                ".netrc-guard.toml"
            };
            place(to);
            home.write("notes.txt", "nothing to see\n");
            args(&["scan", "notes.txt"])
        }
        other => panic!("tests/fixtures/invalid/{other}: no such kind (see invalid.rs)"),
    };
    Setup {
        home,
        args,
        env,
        stdin,
    }
}

/// Every file under the home (symlinks as their target), by relative path.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else {
                let bytes = if meta.file_type().is_symlink() {
                    fs::read_link(&path)
                        .unwrap()
                        .into_os_string()
                        .into_encoded_bytes()
                } else {
                    fs::read(&path).unwrap()
                };
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    files
}

/// The home's path written as `$HOME`, as the `Test` builder does.
fn placeholders(text: &str, home: &Path) -> String {
    let mut text = text.to_string();
    let canonical = home.canonicalize().unwrap();
    for p in [canonical.as_path(), home] {
        text = text.replace(&p.display().to_string(), "$HOME");
    }
    text
}

/// Runs one case; the problems found (none when it passes).
fn run_case(kind: &str, input: &Path, update: bool) -> Vec<String> {
    let name = input.file_name().unwrap().to_str().unwrap();
    let case = format!("{kind}/{name}");
    let expected_path = input.with_extension("stderr");
    let s = setup(kind, name, &fs::read(input).unwrap());
    let before = snapshot(s.home.path());
    let mut cmd = s.home.cmd();
    cmd.args(&s.args).write_stdin(s.stdin.clone());
    for (k, v) in &s.env {
        cmd.env(k, v);
    }
    let run = Run::from(cmd.output().unwrap());
    let stderr = placeholders(&run.stderr, s.home.path());
    let actual = format!("status: {}\n{stderr}", run.code);

    let mut problems = Vec::new();
    if run.code == 101 || run.stderr.contains("panicked") {
        problems.push(format!("{case}: panicked:\n{}", run.stderr));
    }
    if run.stdout.contains(SECRET_MARK) || run.stderr.contains(SECRET_MARK) {
        problems.push(format!("{case}: a password reached the output:\n{stderr}"));
    }
    if run.code != 0 {
        let after = snapshot(s.home.path());
        if after != before {
            let changed: Vec<_> = before
                .keys()
                .chain(after.keys())
                .filter(|k| before.get(*k) != after.get(*k))
                .collect();
            problems.push(format!(
                "{case}: exit {} but the home changed: {changed:?}",
                run.code
            ));
        }
    }
    if update {
        fs::write(&expected_path, &actual).unwrap();
    } else {
        match fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => problems.push(format!(
                "{case}: netrc-guard {:?}\n--- expected ---\n{expected}--- actual ---\n{actual}",
                s.args
            )),
            Err(_) => problems.push(format!(
                "{case}: no {} (UPDATE_FIXTURES=1 writes it)",
                expected_path.display()
            )),
        }
    }
    problems
}

/// Runs every case of a kind; fails with every difference at once.
fn run_kind(kind: &str) {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some_and(|v| v == "1");
    let dir = corpus().join(kind);
    let mut inputs = Vec::new();
    let mut expected = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "stderr") {
            expected.push(path);
        } else {
            inputs.push(path);
        }
    }
    inputs.sort();
    assert!(
        (8..=15).contains(&inputs.len()),
        "{kind}: {} cases (keep 8 to 15, each a different class)",
        inputs.len()
    );
    let mut problems = Vec::new();
    for stderr in &expected {
        let stem = stderr.file_stem().unwrap();
        if !inputs.iter().any(|i| i.file_stem() == Some(stem)) {
            problems.push(format!("{}: no input beside it", stderr.display()));
        }
    }
    for input in &inputs {
        problems.extend(run_case(kind, input, update));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn invalid_netrc_files() {
    run_kind("netrc");
}

#[test]
fn invalid_scrub_sources() {
    run_kind("scrub");
}

#[test]
fn invalid_kube_manifests() {
    run_kind("kube");
}

#[test]
fn invalid_ray_cluster_yamls() {
    run_kind("ray");
}

#[test]
fn invalid_config_files() {
    run_kind("config");
}

/// Class: refusals of `kube patch` and `ray patch` saying "nothing written" for some shapes
/// and not others (`not valid YAML`, `is not a list`, `is empty (null)`). Every refused
/// corpus case ends its error with `; nothing written`, with `--in-place` (the file is left
/// as it was) and without (nothing reaches standard output either: the same words).
#[test]
fn every_refused_patch_says_nothing_written_with_or_without_in_place() {
    for kind in ["kube", "ray"] {
        for entry in fs::read_dir(corpus().join(kind)).unwrap() {
            let input = entry.unwrap().path();
            if input.extension().is_some_and(|e| e == "stderr") {
                continue;
            }
            let expected = fs::read_to_string(input.with_extension("stderr")).unwrap();
            if !expected.starts_with("status: 2\n") {
                continue;
            }
            let name = input.file_name().unwrap().to_str().unwrap();
            let s = setup(kind, name, &fs::read(&input).unwrap());
            let in_place = Run::from(s.home.cmd().args(&s.args).output().unwrap());
            let to_stdout: Vec<&String> = s.args.iter().filter(|a| *a != "--in-place").collect();
            let printed = Run::from(s.home.cmd().args(to_stdout).output().unwrap());
            assert!(
                in_place.stderr.ends_with("; nothing written\n"),
                "{kind}/{name}: {}",
                in_place.stderr
            );
            assert_eq!(
                (
                    printed.code,
                    printed.stdout.as_str(),
                    printed.stderr.as_str()
                ),
                (2, "", in_place.stderr.as_str()),
                "{kind}/{name}"
            );
        }
    }
}
