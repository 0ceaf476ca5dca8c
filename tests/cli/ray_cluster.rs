//! `ray patch`, run as the real binary: the netrc it accepts and where it must live, the file
//! it writes, clashes and refusals with positions; Ray's own validator (as `ray up` runs it)
//! on the example cluster YAMLs that ship inside the `ray` wheel, patched; and `scan`/`scrub`
//! on a realistic cluster YAML holding credentials in its commands.
//!
//! The validator runs where Ray is installed: `NETRC_GUARD_RAY_PYTHON`, else the virtualenvs
//! `scripts/ray-cluster-e2e.sh` and `scripts/ray-e2e.sh` make; it skips, saying so, elsewhere.
//! The real two-node cluster is `scripts/ray-cluster-e2e.sh`.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Home;

const PW: &str = "hunter2-Secret";
const TOKEN: &str = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
const LINK: &str = "\"ln -sfn ~/.netrc.d/netrc ~/.netrc\"";

/// A home whose netrc lives in `~/.netrc.d/netrc`, linked from `~/.netrc`.
fn home_with_netrc_dir() -> Home {
    let home = Home::new();
    let dir = home.path().join(".netrc.d");
    std::fs::create_dir(&dir).unwrap();
    common::set_mode(&dir, 0o700);
    std::os::unix::fs::symlink(".netrc.d/netrc", home.netrc()).unwrap();
    home.add("pypi.acme.io", "deploy", PW);
    assert_eq!(common::mode(&dir.join("netrc")), 0o600);
    home
}

const CLUSTER: &str = "cluster_name: demo\nprovider:\n  type: local\n  head_ip: 10.0.0.1\n  worker_ips: [10.0.0.2]\nauth:\n  ssh_user: ubuntu\n# Ray's example style\nfile_mounts: {\n#    \"/path1/on/remote/machine\": \"/path1/on/local/machine\",\n}\nfile_mounts_sync_continuously: False\nsetup_commands:\n  - pip install -U pip  # first\n";

#[test]
fn patch_prints_then_writes_in_place_and_a_second_run_changes_nothing() {
    let home = home_with_netrc_dir();
    home.write("cluster.yaml", CLUSTER);
    let printed = home.run(&["ray", "patch", "cluster.yaml"]);
    printed
        .ok()
        .hides(PW)
        .stderr_lines(&[
            "netrc-guard: cluster.yaml: ~/.netrc.d mounted at ~/.netrc.d and linked from ~/.netrc on every node (file_mounts, setup_commands, file_mounts_sync_continuously changed)",
            "netrc-guard: after `netrc-guard add`, `scrub` or `remove`, run `ray up -y --no-restart` with the YAML to send the netrc to every node; `ray down` leaves ~/.netrc.d and ~/.netrc on the nodes",
        ]);
    let expected = CLUSTER
        .replace(
            "file_mounts: {\n",
            "file_mounts: {\"~/.netrc.d\": \"~/.netrc.d\"\n",
        )
        .replace("continuously: False", "continuously: true")
        .replace(
            "setup_commands:\n",
            &format!("setup_commands:\n  - {LINK}\n"),
        );
    assert_eq!(printed.stdout, expected);
    assert_eq!(
        home.read("cluster.yaml"),
        CLUSTER,
        "nothing written without --in-place"
    );
    common::set_mode(&home.path().join("cluster.yaml"), 0o640);
    home.run(&["ray", "patch", "cluster.yaml", "--in-place"])
        .ok()
        .hides(PW);
    assert_eq!(home.read("cluster.yaml"), expected);
    assert_eq!(common::mode(&home.path().join("cluster.yaml")), 0o640);
    home.run(&["ray", "patch", "cluster.yaml", "--in-place"])
        .ok()
        .stderr_lines(&[
            "netrc-guard: cluster.yaml: already puts the netrc on every node; nothing changed",
            "netrc-guard: after `netrc-guard add`, `scrub` or `remove`, run `ray up -y --no-restart` with the YAML to send the netrc to every node; `ray down` leaves ~/.netrc.d and ~/.netrc on the nodes",
        ]);
    assert_eq!(home.read("cluster.yaml"), expected);
    let leftovers: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_netrc_beside_other_files_is_refused_with_the_commands_that_move_it() {
    let home = Home::new();
    home.write_netrc(&format!(
        "machine pypi.acme.io login deploy password {PW}\n"
    ));
    home.write("cluster.yaml", CLUSTER);
    home.run(&["ray", "patch", "cluster.yaml", "--in-place"])
        .code(2)
        .hides(PW)
        .stderr_lines(&[
            "netrc-guard: error: $HOME/.netrc: the netrc lives in $HOME, which `ray up` would copy whole to every node; keep the netrc in a directory of its own and leave a link where it was, e.g.",
            "  mkdir -m 700 ~/.netrc.d && mv $HOME/.netrc ~/.netrc.d/netrc && ln -s ~/.netrc.d/netrc $HOME/.netrc",
            "  then run again (netrc-guard and every reader follow the link); nothing written",
        ]);
    assert_eq!(home.read("cluster.yaml"), CLUSTER);
}

#[test]
fn a_broken_netrc_is_refused_with_its_position() {
    let home = home_with_netrc_dir();
    let netrc = home.path().join(".netrc.d/netrc");
    home.write("cluster.yaml", CLUSTER);
    std::fs::write(
        &netrc,
        format!("machine a login b password {PW}\nmachine\n"),
    )
    .unwrap();
    home.run(&["ray", "patch", "cluster.yaml"])
        .code(2)
        .hides(PW)
        .stderr_lines(&[
            "$HOME/.netrc:2:1: error[parse-error]: the file does not parse: `machine` has no value",
            "netrc-guard: error: $HOME/.netrc: the netrc has errors (above); fix them (`netrc-guard check`), then run again; nothing written",
        ]);
    std::fs::write(&netrc, format!("machine a login b password {PW}\n")).unwrap();
    common::set_mode(&netrc, 0o644);
    home.run(&["ray", "patch", "cluster.yaml"])
        .code(2)
        .stderr_lines(&[
            "$HOME/.netrc: error[mode-too-open]: mode 0644 lets other users read it; Python's netrc refuses it",
            "netrc-guard: error: $HOME/.netrc: the netrc has errors (above); fix them (`netrc-guard check`), then run again; nothing written",
        ]);
}

#[test]
fn clashes_and_bad_input_exit_2_with_file_line_column_and_write_nothing() {
    let home = home_with_netrc_dir();
    for (name, text, at) in [
        (
            "single.yaml",
            "provider:\n  type: local\nfile_mounts:\n  \"~/.netrc\": \"~/.netrc\"\n",
            "single.yaml:4:3: file_mounts: mounts a single file at a home's .netrc, which goes stale after a rotation in docker clusters and would hide the link `ray patch` makes; remove this entry and run again; nothing written",
        ),
        (
            "undo.yaml",
            "provider:\n  type: local\nworker_setup_commands:\n  - echo x > ~/.netrc\n",
            "undo.yaml:4:5: worker_setup_commands: this command names ~/.netrc, which `ray patch` makes a link to ~/.netrc.d/netrc (kept in sync by `ray up`); it would write, replace or remove it: remove the line and run again; nothing written",
        ),
        (
            "bad.yaml",
            "provider: [\n",
            "bad.yaml:2:1: not valid YAML: while parsing a node, did not find expected node content; nothing written",
        ),
        (
            "aws.yaml",
            "provider:\n  type: aws\n",
            "aws.yaml:2:9: the YAML has no setup_commands, so Ray runs the default ones of the provider aws, and adding the key would replace them: copy them in from ray/autoscaler/aws/defaults.yaml of your Ray (or write `setup_commands: []` if you want none) and run again; nothing written",
        ),
    ] {
        home.write(name, text);
        home.run(&["ray", "patch", name, "--in-place"])
            .code(2)
            .stderr_is(&format!("netrc-guard: error: {at}\n"));
        assert_eq!(home.read(name), text);
    }
    home.run(&["ray", "patch", "single.yaml", "undo.yaml"])
        .code(2)
        .stderr_is("netrc-guard: error: several files need --in-place; without it the patched cluster YAML goes to standard output\n");
    std::fs::create_dir(home.path().join("dir.yaml")).unwrap();
    home.run(&["ray", "patch", "dir.yaml"]).code(2);
}

#[test]
fn docker_clusters_get_the_uid_rule_once() {
    let home = home_with_netrc_dir();
    let docker = "provider:\n  type: local\ndocker:\n  image: rayproject/ray:latest\n  container_name: ray_container\n";
    home.write("a.yaml", docker);
    home.write("b.yaml", docker);
    let run = home.run(&["ray", "patch", "a.yaml", "b.yaml", "--in-place"]);
    run.ok();
    assert_eq!(run.stderr.matches("same uid").count(), 1, "{}", run.stderr);
    run.stderr_lines(&[
        "netrc-guard: warning: docker: the netrc reaches the container as a bind mount that keeps the host's owner and mode 0600, so the container's user must have the same uid as the host's ssh user, or it cannot read the netrc and downloads fail with 401. Check on a node: `id -u` over ssh, and `docker exec <container> id -u`; if they differ, build the image with a user of the host user's uid (or pass `--user <uid>` in docker.run_options). Do not chown the file in the container: Ray's next sync then fails.",
        "netrc-guard: a.yaml: ~/.netrc.d mounted at ~/.netrc.d and linked from ~/.netrc on every node (file_mounts, setup_commands, file_mounts_sync_continuously changed)",
        "netrc-guard: b.yaml: ~/.netrc.d mounted at ~/.netrc.d and linked from ~/.netrc on every node (file_mounts, setup_commands, file_mounts_sync_continuously changed)",
        "netrc-guard: after `netrc-guard add`, `scrub` or `remove`, run `ray up -y --no-restart` with the YAML to send the netrc to every node; `ray down` leaves ~/.netrc.d and ~/.netrc on the nodes",
    ]);
    home.write("c.yaml", CLUSTER);
    let run = home.run(&["ray", "patch", "c.yaml", "--in-place"]);
    assert!(!run.ok().stderr.contains("uid"), "{}", run.stderr);
}

/// Credentials in a cluster YAML's own commands: `scan` finds each, `scrub` moves them into
/// the netrc and leaves the YAML clean; `ray patch` then mounts that netrc.
#[test]
fn scan_and_scrub_a_cluster_yaml_with_credentials_in_its_commands() {
    let home = home_with_netrc_dir();
    let text = format!(
        "cluster_name: private\nprovider:\n  type: aws\n  region: us-west-2\nauth:\n  ssh_user: ubuntu\ninitialization_commands:\n  - curl -fsSL -o /tmp/tool.tgz https://ci:{PW}@artifacts.acme.io/tool.tgz\nsetup_commands:\n  - pip install \"git+https://x-access-token:{TOKEN}@github.com/acme/models.git@v1\"\n  - >-\n    pip install --extra-index-url https://deploy:{PW}@pypi.acme.io/simple acme-utils\nhead_setup_commands:\n  - git clone https://oauth2:{TOKEN}@gitlab.acme.io/ml/configs.git ~/configs\n"
    );
    home.write("cluster.yaml", &text);
    let found = home.run(&["scan", "cluster.yaml", "--format", "json"]);
    found.code(1).hides(PW).hides(TOKEN);
    let lines: Vec<u64> = found
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [8, 10, 12, 14], "{}", found.stdout);
    home.run(&["scrub", "cluster.yaml", "--in-place"])
        .ok()
        .hides(PW)
        .hides(TOKEN);
    let clean = home.read("cluster.yaml");
    assert!(!clean.contains(PW) && !clean.contains(TOKEN), "{clean}");
    assert!(
        clean.contains("git+https://github.com/acme/models.git@v1"),
        "{clean}"
    );
    home.run(&["scan", "cluster.yaml"]).ok();
    let netrc = home.read(".netrc.d/netrc");
    for host in [
        "artifacts.acme.io",
        "github.com",
        "pypi.acme.io",
        "gitlab.acme.io",
    ] {
        assert!(netrc.contains(host), "{host} missing from the netrc");
    }
    home.run(&["ray", "patch", "cluster.yaml", "--in-place"])
        .ok();
    let patched = home.read("cluster.yaml");
    assert!(
        patched.contains(&format!("setup_commands:\n  - {LINK}\n  - pip install")),
        "{patched}"
    );
    assert!(!patched.contains(PW) && !patched.contains(TOKEN));
}

/// A Python with Ray, or `None` (saying why).
fn ray_python() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("NETRC_GUARD_RAY_PYTHON").map(PathBuf::from),
        Some(PathBuf::from(
            "/var/cache/netrc-guard-ray-cluster-venv/bin/python",
        )),
        std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join(".cache/netrc-guard-ray-venv/bin/python")),
    ];
    let found = candidates.into_iter().flatten().find(|p| {
        Command::new(p)
            .args(["-c", "import ray.autoscaler._private.util"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        common::skip(
            "skipping Ray's validator: no Python with Ray (scripts/ray-cluster-e2e.sh installs one)",
        );
    }
    found
}

/// What `ray up` reads from each file: Ray's prepare_config then validate_config.
fn ray_reads(python: &Path, files: &[PathBuf]) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/ray_cluster/validate.py");
    let out = Command::new(python)
        .arg(script)
        .args(files)
        .env("RAY_USAGE_STATS_ENABLED", "0")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn rays_validator_accepts_every_shipped_example_once_patched() {
    let Some(python) = ray_python() else {
        return;
    };
    let out = Command::new(&python)
        .args([
            "-c",
            "import ray.autoscaler, os; print(os.path.dirname(ray.autoscaler.__file__))",
        ])
        .output()
        .unwrap();
    let autoscaler = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let mut examples: Vec<PathBuf> = [
        "aws",
        "gcp",
        "azure",
        "local",
        "vsphere",
        "spark",
        "_private/readonly",
    ]
    .iter()
    .map(|p| autoscaler.join(p).join("defaults.yaml"))
    .filter(|p| p.is_file())
    .collect();
    examples
        .push(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/ray_cluster/local-full.yaml"));
    assert!(examples.len() >= 6, "{examples:?}");
    let home = home_with_netrc_dir();
    let mut patched = Vec::new();
    for (i, example) in examples.iter().enumerate() {
        let name = format!("example-{i}.yaml");
        std::fs::copy(example, home.path().join(&name)).unwrap();
        home.run(&["ray", "patch", &name, "--in-place"]).ok();
        patched.push(home.path().join(&name));
    }
    let before = ray_reads(&python, &examples);
    let after = ray_reads(&python, &patched);
    let mut validated = 0;
    for (original, patched) in examples.iter().zip(&patched) {
        let (b, a) = (
            &before[original.to_str().unwrap()],
            &after[patched.to_str().unwrap()],
        );
        if let Some(error) = b.get("error") {
            // Ray cannot read it unpatched either (the local defaults have no provider).
            assert_eq!(a.get("error"), Some(error), "{}", original.display());
            continue;
        }
        assert!(a.get("error").is_none(), "{}: {a}", original.display());
        assert_eq!(a["file_mounts"]["~/.netrc.d"], "~/.netrc.d", "{a}");
        assert_eq!(a["sync"], true, "{a}");
        for commands in ["head_setup_commands", "worker_setup_commands"] {
            let mut expected = b[commands].as_array().unwrap().clone();
            expected.insert(0, "ln -sfn ~/.netrc.d/netrc ~/.netrc".into());
            assert_eq!(
                a[commands],
                serde_json::Value::Array(expected),
                "{}",
                original.display()
            );
        }
        validated += 1;
    }
    common::note(&format!(
        "ray_cluster: Ray's validator read {validated} of {} example cluster YAMLs patched, as unpatched plus the mount, the link first on every node, and the sync",
        examples.len()
    ));
    assert!(validated >= 5);
}

#[test]
fn patch_refuses_mappings_whose_readers_disagree() {
    // A node type shared through an anchor (it would go without the link), an explicit
    // `? KEY` (the patch cannot indent past it), a key given twice (Ray keeps the last; an edit of the first would be lost) and a merge
    // key (an added key would hide what it merges), at the top level or in a node type.
    const TWICE: &str = "a key given a second time here: Ray reads the last, the patch would edit the first; remove one and run again; nothing written";
    const MERGE: &str = "a YAML merge key (`<<`) here would let a key the patch adds hide what it merges; expand it and run again; nothing written";
    const EXPLICIT: &str = "an explicit key (`? KEY` with `: VALUE` on the next line) in a mapping the patch extends: write it as `KEY: VALUE` and run again; nothing written";
    const SHARED: &str = " is shared through a YAML anchor or alias; the link must go into each node type of its own: expand it and run again; nothing written";
    let home = home_with_netrc_dir();
    for (yaml, at, what) in [
        (
            "provider: {type: local}\nsetup_commands:\n  - echo a\nsetup_commands :\n  - echo b\n",
            "4:1",
            TWICE,
        ),
        (
            "provider: {type: local}\nfile_mounts_sync_continuously: false\nfile_mounts_sync_continuously: false\n",
            "3:1",
            TWICE,
        ),
        (
            "provider: {type: local}\navailable_node_types:\n  w:\n    worker_setup_commands: [a]\n    worker_setup_commands: [b]\n",
            "5:5",
            TWICE,
        ),
        (
            "provider: {type: local}\ncommon: &c\n  setup_commands:\n    - echo merged\n<<: *c\n",
            "5:1",
            MERGE,
        ),
        (
            "provider: {type: local}\nbase: &b {worker_setup_commands: [x]}\navailable_node_types:\n  w:\n    <<: *b\n",
            "5:5",
            MERGE,
        ),
        (
            "provider: {type: local}\nfile_mounts:\n  ? /a\n  : /b\n",
            "3:5",
            EXPLICIT,
        ),
        (
            "provider: {type: local}\n? setup_commands\n: - echo a\n",
            "2:3",
            EXPLICIT,
        ),
        (
            "provider: {type: local}\nbase: &b\n  worker_setup_commands:\n    - echo w\navailable_node_types:\n  w1: *b\n",
            "6:3",
            &format!("w1{SHARED}"),
        ),
        (
            "provider: {type: local}\navailable_node_types: &t\n  w:\n    worker_setup_commands: [a]\nother: *t\n",
            "2:1",
            &format!("available_node_types{SHARED}"),
        ),
    ] {
        home.write("c.yaml", yaml);
        let run = home.run(&["ray", "patch", "c.yaml", "--in-place"]);
        assert_eq!(run.code, 2, "{yaml}\n{}", run.stderr);
        run.stderr_is(&format!("netrc-guard: error: c.yaml:{at}: {what}\n"));
        assert_eq!(
            std::fs::read_to_string(home.path().join("c.yaml")).unwrap(),
            yaml
        );
    }
}

#[test]
fn patch_reads_a_flow_closer_after_a_trailing_comment_as_pyyaml_does() {
    // `}` or `]` at column 0 after a line ending in a comment: PyYAML reads it, so the patch
    // must too (a `#` inside quotes is no comment), and a second run changes nothing.
    let home = home_with_netrc_dir();
    let yaml = "provider: {type: local}\nfile_mounts: {\n  \"/a#\": \"/b\", # old \"q\n}\nsetup_commands: [\n  \"a # b\", # c\n]\n";
    home.write("c.yaml", yaml);
    let run = home.run(&["ray", "patch", "c.yaml", "--in-place"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let patched = std::fs::read_to_string(home.path().join("c.yaml")).unwrap();
    assert_eq!(
        patched,
        format!(
            "provider: {{type: local}}\nfile_mounts: {{\"~/.netrc.d\": \"~/.netrc.d\", \n  \"/a#\": \"/b\", # old \"q\n}}\nsetup_commands: [{LINK}, \n  \"a # b\", # c\n]\nfile_mounts_sync_continuously: true\n"
        )
    );
    let again = home.run(&["ray", "patch", "c.yaml"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(again.stdout, patched);
}

#[test]
fn patch_reads_the_first_key_after_a_byte_order_mark() {
    // With a BOM before `setup_commands`, the key went unseen and was added a second time:
    // PyYAML keeps the last, so Ray ran the link and lost the user's commands.
    let home = home_with_netrc_dir();
    let yaml = "\u{feff}setup_commands:\n  - pip install x\nprovider: {type: local}\n";
    home.write("c.yaml", yaml);
    let run = home.run(&["ray", "patch", "c.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "\u{feff}setup_commands:\n  - {LINK}\n  - pip install x\nprovider: {{type: local}}\nfile_mounts:\n  \"~/.netrc.d\": \"~/.netrc.d\"\nfile_mounts_sync_continuously: true\n"
        )
    );
    home.write(
        "c.yaml",
        "\u{feff}file_mounts: ~\nprovider: {type: local}\n",
    );
    let run = home.run(&["ray", "patch", "c.yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("netrc-guard: error: c.yaml:1:1: file_mounts is empty (null)"),
        "{}",
        run.stderr
    );
}
