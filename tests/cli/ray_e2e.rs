//! Ray itself. A runtime_env whose `working_dir` and `py_modules` are private zips and whose
//! `pip` list holds a private `git+http` requirement, all on loopback servers that demand
//! Basic auth, is scrubbed by netrc-guard; `ray.init` with the clean runtime_env and the netrc
//! at `$HOME/.netrc` runs a task that imports all three, and no file under Ray's temporary
//! directory holds a credential. Controls: without the netrc the runtime_env cannot be set
//! up; with the credentials left in the URIs the job runs and Ray's files do hold them (so
//! the search would see a leak).
//!
//! Ray is large (a minute or two to install): this runs only when `NETRC_GUARD_RAY_PYTHON`
//! names a Python that has `ray[default]`, which `scripts/ray-e2e.sh` makes and caches.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::Home;
use common::auth_server::{BasicAuthServer, LOGIN, PASSWORD, PASSWORD_IN_URI, TOKEN};
use common::client_env::ClientEnv;
use common::private_packages as packages;

/// Everything that would betray a credential in a file.
fn needles() -> Vec<String> {
    let basic = |user: &str, password: &str| {
        common::basic(user, password)
            .trim_start_matches("Basic ")
            .to_string()
    };
    vec![
        TOKEN.into(),
        PASSWORD.into(),
        PASSWORD_IN_URI.into(),
        basic(LOGIN, PASSWORD),
        basic(TOKEN, ""),
    ]
}

/// The files under `dir` (symlinks not followed) that contain a needle, with the needle.
fn files_holding(dir: &Path, needles: &[String]) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file()
                && let Ok(bytes) = std::fs::read(&path)
            {
                for needle in needles {
                    if memchr::memmem::find(&bytes, needle.as_bytes()).is_some() {
                        found.push((path.clone(), needle.clone()));
                    }
                }
            }
        }
    }
    found
}

/// Writes the private project zips into the web root: `ray/working_dir.zip` (a module at its
/// top) and `ray/py_module.zip` (a package), each inside one top-level directory as GitHub's
/// archives are.
fn ray_zips(root: &Path, work: &Path) {
    let wd = work.join("working_dir");
    std::fs::create_dir_all(&wd).unwrap();
    std::fs::write(
        wd.join("nrg_wd_probe.py"),
        "ORIGIN = \"private working_dir\"\n",
    )
    .unwrap();
    let module = work.join("py_module");
    std::fs::create_dir_all(module.join("nrg_module_probe")).unwrap();
    std::fs::write(
        module.join("nrg_module_probe/__init__.py"),
        "ORIGIN = \"private py_modules\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("ray")).unwrap();
    packages::zip_dir(&wd, &root.join("ray/working_dir.zip"));
    packages::zip_dir(&module, &root.join("ray/py_module.zip"));
}

/// Runs the job (tests/ray_job.py) with `runtime_env` and `home`; Ray's files go to a new
/// directory, returned with the job's status and output.
fn run_job(python: &Path, runtime_env: &Path, home: &Path) -> (bool, String, tempfile::TempDir) {
    // Short: Ray's Unix sockets live in it.
    let ray_dir = tempfile::Builder::new()
        .prefix("nrg-ray-")
        .tempdir_in("/tmp")
        .unwrap();
    let job = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/ray_job.py");
    let mut c = Command::new(python);
    ClientEnv {
        home: home.to_path_buf(),
        netrc: None,
    }
    .apply(&mut c);
    // pip needs no index for a git+http requirement built by the tiny backend.
    c.env("PIP_NO_INDEX", "1")
        .env("RAY_USAGE_STATS_ENABLED", "0")
        .arg(&job)
        .arg(runtime_env)
        .arg(ray_dir.path())
        .current_dir(home);
    let out = c.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text, ray_dir)
}

/// What `expression` (after `import module`) evaluates to in `python`.
fn version(python: &Path, module: &str, expression: &str) -> String {
    let out = Command::new(python)
        .args(["-c", &format!("import {module}; print({expression})")])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn a_ray_job_imports_private_working_dir_py_modules_and_pip_with_a_scrubbed_runtime_env() {
    let Some(python) = std::env::var_os("NETRC_GUARD_RAY_PYTHON") else {
        common::skip(
            "skipping the Ray end-to-end test: NETRC_GUARD_RAY_PYTHON is not set (scripts/ray-e2e.sh installs Ray and runs it)",
        );
        return;
    };
    let python = PathBuf::from(python);
    let ray = version(&python, "ray", "ray.__version__");
    let pip = version(&python, "pip", "pip.__version__");
    let git = Command::new("git").arg("--version").output().unwrap();
    common::note(&format!(
        "ray_e2e: Ray {ray}, Python {}, pip {pip}, {}",
        version(&python, "platform", "platform.python_version()"),
        String::from_utf8_lossy(&git.stdout).trim()
    ));
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("www");
    packages::build_web_root(&root, work.path());
    ray_zips(&root, work.path());
    let password = BasicAuthServer::start("127.0.0.1", &root, LOGIN, PASSWORD);
    let token = BasicAuthServer::start("127.0.0.2", &root, TOKEN, "");
    let original = serde_json::json!({
        "working_dir": password.url_with(&format!("{LOGIN}:{PASSWORD_IN_URI}"), "ray/working_dir.zip"),
        "py_modules": [password.url_with(&format!("{LOGIN}:{PASSWORD_IN_URI}"), "ray/py_module.zip")],
        "pip": [format!("{} @ git+{}", packages::GIT_DIST, token.url_with(TOKEN, packages::GIT_REPO))],
    });
    let home = Home::new();
    let original_text = serde_json::to_string_pretty(&original).unwrap();
    home.write("runtime_env.json", &original_text);
    home.write("original.json", &original_text);
    home.run(&["scrub", "runtime_env.json", "--in-place"])
        .ok()
        .hides(TOKEN)
        .hides(PASSWORD);
    let scrubbed = home.read("runtime_env.json");
    assert!(
        needles().iter().all(|n| !scrubbed.contains(n.as_str())),
        "{scrubbed}"
    );
    let expected = serde_json::json!({
        "working_dir": "private working_dir",
        "py_modules": "private py_modules",
        "pip": "private git",
    });

    let started = Instant::now();
    let (ok, output, ray_dir) =
        run_job(&python, &home.path().join("runtime_env.json"), home.path());
    assert!(ok, "the job failed:\n{output}");
    let got: serde_json::Value =
        serde_json::from_str(output.lines().rev().find(|l| l.starts_with('{')).unwrap()).unwrap();
    assert_eq!(got, expected);
    let leaks = files_holding(ray_dir.path(), &needles());
    assert!(leaks.is_empty(), "credentials in Ray's files: {leaks:?}");
    let fetched = |server: &BasicAuthServer| -> Vec<String> {
        let seen = server.take();
        seen.into_iter()
            .filter(|s| s.authorized)
            .map(|s| s.path)
            .collect()
    };
    let with_password = fetched(&password);
    for zip in ["/ray/working_dir.zip", "/ray/py_module.zip"] {
        assert!(with_password.iter().any(|p| p == zip), "{with_password:?}");
    }
    let with_token = fetched(&token);
    assert!(
        with_token.iter().any(|p| p.starts_with("/repo.git/")),
        "{with_token:?}"
    );
    common::note(&format!(
        "ray_e2e: scrubbed runtime_env, $HOME/.netrc: the job imported working_dir, py_modules and pip; no credential in Ray's files; {:.1?}",
        started.elapsed()
    ));

    let started = Instant::now();
    let empty = tempfile::tempdir().unwrap();
    let (ok, output, _) = run_job(&python, &home.path().join("runtime_env.json"), empty.path());
    assert!(!ok, "the job ran without the netrc:\n{output}");
    assert!(
        output.contains("runtime_env setup failed"),
        "the job failed otherwise:\n{output}"
    );
    assert!(fetched(&password).is_empty() && fetched(&token).is_empty());
    common::note(&format!(
        "ray_e2e: scrubbed runtime_env, no netrc (negative control): runtime_env setup refused; {:.1?}",
        started.elapsed()
    ));

    let started = Instant::now();
    let (ok, output, ray_dir) = run_job(&python, &home.path().join("original.json"), empty.path());
    assert!(ok, "the job failed with credentials in its URIs:\n{output}");
    let leaks = files_holding(ray_dir.path(), &needles());
    assert!(
        !leaks.is_empty(),
        "the search found no credential in Ray's files even unscrubbed"
    );
    let mut where_: Vec<String> = leaks
        .iter()
        .map(|(p, _)| {
            p.strip_prefix(ray_dir.path())
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    where_.sort();
    where_.dedup();
    common::note(&format!(
        "ray_e2e: credentials in the URIs, no netrc (control): the job ran, and {} of Ray's files hold a credential ({}); {:.1?}",
        where_.len(),
        where_
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
        started.elapsed()
    ));
}
