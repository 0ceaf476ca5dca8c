//! Private Python packages, built here without any network, laid out as a web root for
//! [`super::auth_server::BasicAuthServer`]: a simple index (PEP 503) with one wheel, and a
//! bare git repository served over git's dumb HTTP protocol (static files).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The in-tree build backend every private project carries, so that building one needs
/// nothing from an index.
pub(crate) const TINY_BACKEND: &str = include_str!("tiny_backend.py");

/// The distribution on the private index, and the module it installs.
pub(crate) const INDEX_DIST: &str = "nrg-index-probe";
pub(crate) const INDEX_MODULE: &str = "nrg_index_probe";
/// The distribution in the private git repository, and the module it installs.
pub(crate) const GIT_DIST: &str = "nrg-git-probe";
pub(crate) const GIT_MODULE: &str = "nrg_git_probe";
/// The repository's path on the server.
pub(crate) const GIT_REPO: &str = "repo.git";

/// What a web root holds, by URL path.
pub(crate) struct WebRoot {
    pub root: PathBuf,
    /// `simple/`, the index's URL path.
    pub index: String,
    /// `packages/NAME.whl`, the index's wheel.
    pub wheel: String,
}

/// Writes a project with `module/__init__.py` (setting `ORIGIN = origin`), a pyproject.toml
/// and the tiny backend into `dir`.
pub(crate) fn write_project(dir: &Path, dist: &str, module: &str, origin: &str) {
    std::fs::create_dir_all(dir.join(module)).unwrap();
    std::fs::write(
        dir.join(module).join("__init__.py"),
        format!("ORIGIN = {origin:?}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("pyproject.toml"),
        format!(
            "[build-system]\nrequires = []\nbuild-backend = \"tiny_backend\"\nbackend-path = [\".\"]\n\n[project]\nname = \"{dist}\"\nversion = \"0.1.0\"\n"
        ),
    )
    .unwrap();
    std::fs::write(dir.join("tiny_backend.py"), TINY_BACKEND).unwrap();
}

/// Builds `root`: the index with the wheel of [`INDEX_DIST`], and [`GIT_REPO`] holding the
/// project of [`GIT_DIST`]. `work` is scratch space outside the web root.
pub(crate) fn build_web_root(root: &Path, work: &Path) -> WebRoot {
    let project = work.join("index-project");
    write_project(&project, INDEX_DIST, INDEX_MODULE, "private index");
    let packages = root.join("packages");
    std::fs::create_dir_all(&packages).unwrap();
    let out = Command::new("python3")
        .arg("tiny_backend.py")
        .arg(&packages)
        .current_dir(&project)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let wheel = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let digest = sha256_hex(&packages.join(&wheel));
    let simple = root.join("simple");
    std::fs::create_dir_all(simple.join(INDEX_DIST)).unwrap();
    std::fs::write(
        simple.join("index.html"),
        format!(
            "<!DOCTYPE html><html><body><a href=\"{INDEX_DIST}/\">{INDEX_DIST}</a></body></html>\n"
        ),
    )
    .unwrap();
    std::fs::write(
        simple.join(INDEX_DIST).join("index.html"),
        format!("<!DOCTYPE html><html><body><a href=\"../../packages/{wheel}#sha256={digest}\">{wheel}</a></body></html>\n"),
    )
    .unwrap();
    let source = work.join("git-project");
    write_project(&source, GIT_DIST, GIT_MODULE, "private git");
    dumb_http_repo(&source, &root.join(GIT_REPO));
    WebRoot {
        root: root.to_path_buf(),
        index: "simple/".into(),
        wheel: format!("packages/{wheel}"),
    }
}

/// `git` isolated from the user's and the system's configuration.
pub(crate) fn git() -> Command {
    let mut c = Command::new("git");
    c.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "netrc-guard tests")
        .env("GIT_AUTHOR_EMAIL", "tests@example.invalid")
        .env("GIT_COMMITTER_NAME", "netrc-guard tests")
        .env("GIT_COMMITTER_EMAIL", "tests@example.invalid");
    c
}

fn run_git(args: &[&str], dir: &Path) {
    let out = git().args(args).current_dir(dir).output().unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Commits `source` and pushes it to a new bare repository `bare`, made servable as static
/// files (`git update-server-info`).
pub(crate) fn dumb_http_repo(source: &Path, bare: &Path) {
    run_git(&["init", "-q", "-b", "main"], source);
    run_git(&["add", "."], source);
    run_git(&["commit", "-q", "-m", "a private package"], source);
    std::fs::create_dir_all(bare).unwrap();
    run_git(&["init", "-q", "--bare", "-b", "main"], bare);
    let bare_path = bare.to_str().unwrap();
    run_git(&["push", "-q", bare_path, "main"], source);
    run_git(&["update-server-info"], bare);
}

fn sha256_hex(file: &Path) -> String {
    let out = Command::new("python3")
        .args(["-c", "import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest())"])
        .arg(file)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Zips the directory `dir` (its name as the archive's single top-level directory) into
/// `zip`, as GitHub's archive downloads are laid out.
pub(crate) fn zip_dir(dir: &Path, zip: &Path) {
    let out = Command::new("python3")
        .args(["-c", "import shutil, sys, os; d = os.path.abspath(sys.argv[1]); shutil.make_archive(sys.argv[2], 'zip', os.path.dirname(d), os.path.basename(d))"])
        .arg(dir)
        .arg(zip.with_extension(""))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
