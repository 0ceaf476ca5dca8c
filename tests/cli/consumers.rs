//! The real clients authenticate with what netrc-guard writes. Loopback servers demand HTTP
//! Basic auth and serve a private simple index (one wheel) and a git repository (dumb HTTP);
//! Python requests, pip (from the index, and `git+http`), uv, `git clone` and `curl --netrc`
//! fetch from them with the netrc that `add` and `scrub` wrote: on a VM (`$HOME/.netrc`), and
//! in every pod of a KubeRay manifest after `kube secret` and `kube patch` (the Secret laid
//! out as the kubelet mounts it). Negative control in each: without the netrc, every client
//! is refused. No client can reach the network: every proxy variable points at a closed
//! loopback port, and only loopback hosts bypass it.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::Home;
use common::auth_server::{BasicAuthServer, LOGIN, PASSWORD, TOKEN};
use common::client_env::ClientEnv;
use common::pod::{self, Mounts};
use common::private_packages::{self as packages, WebRoot};
use yaml_rust2::{Yaml, YamlLoader};

/// The clients, in the order they run.
#[derive(Clone, Copy, Debug)]
enum Client {
    Requests,
    PipIndex,
    PipGit,
    Uv,
    GitClone,
    Curl,
}

const CLIENTS: [Client; 6] = [
    Client::Requests,
    Client::PipIndex,
    Client::PipGit,
    Client::Uv,
    Client::GitClone,
    Client::Curl,
];

impl Client {
    fn name(self) -> &'static str {
        match self {
            Client::Requests => "requests",
            Client::PipIndex => "pip (index)",
            Client::PipGit => "pip (git+http)",
            Client::Uv => "uv pip (index)",
            Client::GitClone => "git clone",
            Client::Curl => "curl --netrc",
        }
    }
}

/// The machine the clients run on: the private content, a virtualenv for pip, scratch space.
/// One per test process, in Cargo's temporary directory for tests (emptied when it is made).
struct Machine {
    dir: PathBuf,
    web: WebRoot,
    venv_python: PathBuf,
    uv: bool,
}

impl Machine {
    /// The machine, or `None` (having said why once) when a client cannot run here.
    fn get() -> Option<&'static Machine> {
        static MACHINE: std::sync::OnceLock<Option<Machine>> = std::sync::OnceLock::new();
        MACHINE.get_or_init(Machine::new).as_ref()
    }

    fn new() -> Option<Machine> {
        const WHY: &str = "the consumer tests";
        for program in ["git", "curl", "python3"] {
            if !common::have(program, WHY) {
                return None;
            }
        }
        if !common::have_python_module("requests", WHY)
            || !common::have_python_module("ensurepip", WHY)
        {
            return None;
        }
        // .ci/run installs uv; elsewhere its runs are left out, saying so.
        let uv = common::have("uv", "the uv runs of the consumer tests");
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("consumers");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let web = packages::build_web_root(&dir.join("www"), &dir);
        let venv = dir.join("venv");
        let out = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let venv_python = venv.join("bin/python");
        print_versions(&venv_python);
        Some(Machine {
            venv_python,
            dir,
            web,
            uv,
        })
    }

    /// A new empty directory.
    fn scratch(&self) -> PathBuf {
        tempfile::tempdir_in(&self.dir).unwrap().keep()
    }
}

/// Runs a command; `Err` with its output unless it succeeded.
fn run(mut c: Command) -> Result<String, String> {
    let out = c.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!("{:?}: {}\n{text}", c.get_program(), out.status))
    }
}

/// `module` in `target` says it came from `origin`.
fn imports(
    m: &Machine,
    env: &ClientEnv,
    target: &Path,
    module: &str,
    origin: &str,
) -> Result<String, String> {
    let mut c = Command::new(&m.venv_python);
    env.apply(&mut c);
    c.env("PYTHONPATH", target).args([
        "-c",
        &format!("import {module}; assert {module}.ORIGIN == {origin:?}, {module}.ORIGIN"),
    ]);
    run(c)
}

/// One client fetches from `server`: `Ok` when it authenticated and what it fetched is the
/// private content.
fn fetch(
    client: Client,
    m: &Machine,
    server: &BasicAuthServer,
    env: &ClientEnv,
) -> Result<String, String> {
    let index = server.url(&m.web.index);
    let wheel = m.web.root.join(&m.web.wheel);
    let target = m.scratch();
    let pip = || {
        let mut c = Command::new(&m.venv_python);
        env.apply(&mut c);
        c.args(["-m", "pip", "install", "--no-cache-dir", "--target"])
            .arg(&target);
        c
    };
    match client {
        Client::Requests => {
            let mut c = Command::new("python3");
            env.apply(&mut c);
            c.args([
                "-c",
                "import sys, requests\nr = requests.get(sys.argv[1], timeout=30)\nr.raise_for_status()\nassert r.content == open(sys.argv[2], 'rb').read()",
                &server.url(&m.web.wheel),
            ])
            .arg(&wheel);
            run(c)
        }
        Client::PipIndex => {
            let mut c = pip();
            c.args(["--index-url", &index, packages::INDEX_DIST]);
            run(c)?;
            imports(m, env, &target, packages::INDEX_MODULE, "private index")
        }
        Client::PipGit => {
            let mut c = pip();
            let requirement = format!(
                "{} @ git+{}",
                packages::GIT_DIST,
                server.url(packages::GIT_REPO)
            );
            c.args(["--no-index", &requirement]);
            run(c)?;
            imports(m, env, &target, packages::GIT_MODULE, "private git")
        }
        Client::Uv => {
            let mut c = Command::new("uv");
            env.apply(&mut c);
            c.args(["pip", "install", "--no-cache", "--python"])
                .arg(&m.venv_python)
                .arg("--target")
                .arg(&target)
                .args(["--index-url", &index, packages::INDEX_DIST]);
            run(c)?;
            imports(m, env, &target, packages::INDEX_MODULE, "private index")
        }
        Client::GitClone => {
            let mut c = packages::git();
            env.apply(&mut c);
            c.args(["clone", "-q", &server.url(packages::GIT_REPO)])
                .arg(target.join("repo"));
            run(c)?;
            let project = std::fs::read_to_string(target.join("repo/pyproject.toml"))
                .map_err(|e| e.to_string())?;
            if project.contains(packages::GIT_DIST) {
                Ok(String::new())
            } else {
                Err(format!("cloned something else: {project}"))
            }
        }
        Client::Curl => {
            let mut c = Command::new("curl");
            env.apply(&mut c);
            c.args(["-sS", "-f", "--max-time", "30", "--netrc", "-o"])
                .arg(target.join("wheel"))
                .arg(server.url(&m.web.wheel));
            run(c)?;
            if std::fs::read(target.join("wheel")).ok() == std::fs::read(&wheel).ok() {
                Ok(String::new())
            } else {
                Err("curl fetched something else".into())
            }
        }
    }
}

/// Every client fetches from every server, and each server saw its credentials. Prints the
/// scenario and how long it took.
fn all_authenticate(m: &Machine, servers: &[&BasicAuthServer], env: &ClientEnv, scenario: &str) {
    let started = Instant::now();
    let mut took = vec![std::time::Duration::ZERO; CLIENTS.len()];
    for server in servers {
        server.take();
        for (i, client) in clients(m).enumerate() {
            let start = Instant::now();
            if let Err(e) = fetch(client, m, server, env) {
                panic!(
                    "{scenario}: {} from {} failed:\n{e}",
                    client.name(),
                    server.host
                );
            }
            took[i] += start.elapsed();
        }
        let seen = server.take();
        assert!(
            seen.iter().any(|s| s.authorized),
            "{scenario}: {} saw no credentials",
            server.host
        );
    }
    common::note(&format!(
        "consumers: {scenario}: {} authenticated with {} in {:.1?}",
        timed(m, &took),
        hosts(servers),
        started.elapsed()
    ));
}

/// The negative control: every client is refused, and no request carried the credentials.
fn all_refused(m: &Machine, servers: &[&BasicAuthServer], env: &ClientEnv, scenario: &str) {
    let started = Instant::now();
    let mut took = vec![std::time::Duration::ZERO; CLIENTS.len()];
    for server in servers {
        server.take();
        for (i, client) in clients(m).enumerate() {
            let start = Instant::now();
            let fetched = fetch(client, m, server, env);
            took[i] += start.elapsed();
            assert!(
                fetched.is_err(),
                "{scenario}: {} fetched from {} without the netrc",
                client.name(),
                server.host
            );
        }
        let seen = server.take();
        assert!(!seen.is_empty(), "{scenario}: the clients never asked");
        assert!(
            seen.iter().all(|s| !s.authorized),
            "{scenario}: {} saw credentials",
            server.host
        );
    }
    common::note(&format!(
        "consumers: {scenario} (negative control): {} refused by {} in {:.1?}",
        timed(m, &took),
        hosts(servers),
        started.elapsed()
    ));
}

fn clients(m: &Machine) -> impl Iterator<Item = Client> + '_ {
    CLIENTS
        .into_iter()
        .filter(|c| m.uv || !matches!(c, Client::Uv))
}

/// Each client with the time it took, summed over the servers.
fn timed(m: &Machine, took: &[std::time::Duration]) -> String {
    clients(m)
        .zip(took)
        .map(|(c, t)| format!("{} {:.1?}", c.name(), t))
        .collect::<Vec<_>>()
        .join(", ")
}

fn hosts(servers: &[&BasicAuthServer]) -> String {
    servers
        .iter()
        .map(|s| s.host.as_str())
        .collect::<Vec<_>>()
        .join(" and ")
}

/// The version of each client, past the harness's capture.
fn print_versions(venv_python: &Path) {
    {
        let first_line = |program: &Path, args: &[&str]| {
            Command::new(program)
                .args(args)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .and_then(|o| String::from_utf8(o.stdout).ok())
                .and_then(|s| s.lines().next().map(str::to_string))
                .unwrap_or_else(|| "not installed".into())
        };
        let python = Path::new("python3");
        let lines = [
            first_line(python, &["--version"]),
            format!(
                "requests {}",
                first_line(
                    python,
                    &["-c", "import requests; print(requests.__version__)"]
                )
            ),
            first_line(venv_python, &["-m", "pip", "--version"]),
            first_line(Path::new("uv"), &["--version"]),
            first_line(Path::new("git"), &["--version"]),
            first_line(Path::new("curl"), &["--version"]),
        ];
        common::note(&format!("consumers: clients: {}", lines.join("; ")));
    }
}

/// The two private hosts: 127.0.0.1 wants a login and a password full of URI delimiters,
/// 127.0.0.2 a token as the login and an empty password (a token-only URI).
fn servers(m: &Machine) -> (BasicAuthServer, BasicAuthServer) {
    (
        BasicAuthServer::start("127.0.0.1", &m.web.root, LOGIN, PASSWORD),
        BasicAuthServer::start("127.0.0.2", &m.web.root, TOKEN, ""),
    )
}

/// A home whose `.netrc` `add` (the password, at a hidden prompt's stdin) and `scrub` (a
/// requirements file with a token-only index URL and `git+http` requirement) wrote. Returns
/// the home and the scrubbed requirements.
fn netrc_from_add_and_scrub(password: &BasicAuthServer, token: &BasicAuthServer) -> (Home, String) {
    let home = Home::new();
    // With the port, as a user copies it from a URL: stored under the host alone.
    let host_port = format!("127.0.0.1:{}", password.port);
    home.run_stdin(
        &["add", &host_port, "--login", LOGIN, "--password-stdin"],
        PASSWORD,
    )
    .ok()
    .hides(PASSWORD);
    let requirements = format!(
        "--index-url {}\n{} @ git+{}\n",
        token.url_with(TOKEN, "simple/"),
        packages::GIT_DIST,
        token.url_with(TOKEN, packages::GIT_REPO)
    );
    home.write("requirements.txt", &requirements);
    home.run(&["scrub", "requirements.txt", "--in-place"])
        .ok()
        .hides(TOKEN);
    let scrubbed = home.read("requirements.txt");
    assert_eq!(
        scrubbed,
        format!(
            "--index-url {}\n{} @ git+{}\n",
            token.url("simple/"),
            packages::GIT_DIST,
            token.url(packages::GIT_REPO)
        )
    );
    let netrc = home.read_netrc();
    assert!(
        netrc.contains(&format!("machine 127.0.0.2 login {TOKEN} password \"\"")),
        "{netrc}"
    );
    assert!(netrc.contains("machine 127.0.0.1 login alice"), "{netrc}");
    (home, scrubbed)
}

#[test]
#[ignore = "slow: real requests, pip (in a new virtualenv), uv, git and curl against loopback servers; CI runs it"]
fn on_a_vm_every_client_authenticates_with_what_add_and_scrub_wrote() {
    let Some(m) = Machine::get() else { return };
    let (password, token) = servers(m);
    let (home, scrubbed) = netrc_from_add_and_scrub(&password, &token);
    let with = ClientEnv {
        home: home.path().to_path_buf(),
        netrc: None,
    };
    all_authenticate(m, &[&password, &token], &with, "VM, $HOME/.netrc");
    // The scrubbed requirements file itself, as a user would install it.
    let target = m.scratch();
    let mut c = Command::new(&m.venv_python);
    with.apply(&mut c);
    c.args(["-m", "pip", "install", "--no-cache-dir", "--target"])
        .arg(&target)
        .args(["-r", "requirements.txt", packages::INDEX_DIST])
        .current_dir(home.path());
    run(c).unwrap_or_else(|e| panic!("pip install -r of the scrubbed file:\n{scrubbed}\n{e}"));
    imports(m, &with, &target, packages::GIT_MODULE, "private git").unwrap();
    imports(m, &with, &target, packages::INDEX_MODULE, "private index").unwrap();
    let without = ClientEnv {
        home: m.scratch(),
        netrc: None,
    };
    all_refused(m, &[&password, &token], &without, "VM, no netrc");
    // Why the port is dropped: no client looks up `host:port`.
    let with_port = m.scratch();
    std::fs::write(
        with_port.join(".netrc"),
        format!(
            "machine 127.0.0.1:{} login {LOGIN} password {PASSWORD}\n",
            password.port
        ),
    )
    .unwrap();
    common::set_mode(&with_port.join(".netrc"), 0o600);
    let with_port = ClientEnv {
        home: with_port,
        netrc: None,
    };
    all_refused(m, &[&password], &with_port, "VM, machine HOST:PORT");
}

/// The Secret of `home`'s netrc, as `kube secret` prints it.
fn secret_of(home: &Home) -> Yaml {
    let out = home.run(&["kube", "secret"]);
    YamlLoader::load_from_str(&out.ok().stdout)
        .unwrap()
        .remove(0)
}

/// Lays out container 0 of `spec` under a new root with `mounts` of the Secret, and returns
/// what its clients see: `HOME` and `NETRC` as the container sets them, under that root.
fn pod_env(m: &Machine, spec: &Yaml, secret: &Yaml, mounts: Mounts, at: &str) -> ClientEnv {
    let root = m.scratch();
    let env = pod::lay_out(&root, spec, 0, secret, mounts);
    let netrc = env.iter().find(|(k, _)| k == "NETRC").map_or_else(
        || panic!("{at}: the patch sets no NETRC"),
        |(_, v)| pod::rooted(&root, v),
    );
    let home = pod::rooted(&root, &pod::home(spec, 0));
    std::fs::create_dir_all(&home).unwrap();
    ClientEnv {
        home,
        netrc: Some(netrc),
    }
}

/// Patches `manifest` (its text) with `kube patch`; then in each pod, laid out from the
/// patched manifest and the Secret, every client authenticates. In the head, two controls:
/// without the Secret's mounts every client is refused, and with the directory mount alone
/// (NETRC, as `kube patch` once wrote it) pip's `git+http` is refused while git reads only
/// `$HOME/.netrc` (libcurl before 8.16), though pip's index is not.
fn in_every_pod(name: &str, manifest: &str) {
    let Some(m) = Machine::get() else { return };
    let (password, token) = servers(m);
    let (home, _) = netrc_from_add_and_scrub(&password, &token);
    let secret = secret_of(&home);
    home.write(name, manifest);
    home.run(&["kube", "patch", name, "--in-place"]).ok();
    let patched = home.read(name);
    let mut pods = 0;
    for doc in YamlLoader::load_from_str(&patched).unwrap() {
        let kind = doc["kind"].as_str().unwrap_or("").to_string();
        for (i, (group, spec)) in pod::pod_groups(&doc).into_iter().enumerate() {
            let at = format!("{name} ({kind}), {group}");
            let env = pod_env(m, &spec, &secret, Mounts::All, &at);
            all_authenticate(m, &[&password, &token], &env, &at);
            pods += 1;
            if i > 0 {
                continue;
            }
            let env = pod_env(m, &spec, &secret, Mounts::None, &at);
            all_refused(
                m,
                &[&password, &token],
                &env,
                &format!("{at}, no netrc mounts"),
            );
            if common::git_libcurl_before_8_16() {
                let env = pod_env(m, &spec, &secret, Mounts::DirectoriesOnly, &at);
                fetch(Client::PipIndex, m, &token, &env)
                    .unwrap_or_else(|e| panic!("{at}: NETRC alone: pip (index):\n{e}"));
                assert!(
                    fetch(Client::PipGit, m, &token, &env).is_err(),
                    "{at}: NETRC alone: pip (git+http) authenticated"
                );
                common::note(&format!(
                    "consumers: {at}, NETRC alone (no $HOME/.netrc mount): pip (index) authenticated, pip (git+http) refused"
                ));
            }
        }
    }
    assert!(pods >= 2, "{name}: a head and a worker group at least");
}

#[test]
#[ignore = "slow: real requests, pip (in a new virtualenv), uv, git and curl in every pod; CI runs it"]
fn in_every_pod_of_the_shipped_rayjob_every_client_authenticates() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/rayjob.yaml"))
            .unwrap();
    in_every_pod("rayjob.yaml", &manifest);
}

#[test]
#[ignore = "slow: real requests, pip (in a new virtualenv), uv, git and curl in every pod; CI runs it"]
fn in_every_pod_of_a_kuberay_sample_raycluster_every_client_authenticates() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/kuberay/samples/ray-cluster.complete.yaml");
    let manifest = std::fs::read_to_string(&sample).unwrap();
    in_every_pod("ray-cluster.complete.yaml", &manifest);
}
