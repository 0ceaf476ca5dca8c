//! `kube secret` and `kube patch`, run as the real binary. The samples and CRD schemas are
//! KubeRay's own, vendored under `tests/fixtures/kuberay/` (Apache-2.0, its LICENSE beside them).

use crate::common;

use std::path::{Path, PathBuf};

use common::Home;
use common::pod::{self, Mounts, pod_specs};
use yaml_rust2::{Yaml, YamlLoader};

fn kuberay() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kuberay")
}

/// Validates `value` against a CRD's structural OpenAPI v3 schema, unknown fields rejected
/// (as the API server prunes them). Returns the paths that fail.
fn validate(value: &Yaml, schema: &Yaml, path: &str, errors: &mut Vec<String>) {
    if value.is_null() {
        return;
    }
    if schema["x-kubernetes-int-or-string"].as_bool() == Some(true) {
        if !matches!(value, Yaml::Integer(_) | Yaml::String(_)) {
            errors.push(format!("{path}: expected an integer or a string"));
        }
        return;
    }
    let preserve = schema["x-kubernetes-preserve-unknown-fields"].as_bool() == Some(true);
    match schema["type"].as_str() {
        Some("object") => {
            let Yaml::Hash(map) = value else {
                errors.push(format!("{path}: expected an object"));
                return;
            };
            for key in schema["required"].as_vec().into_iter().flatten() {
                if !map.contains_key(key) {
                    errors.push(format!("{path}: missing {}", key.as_str().unwrap_or("?")));
                }
            }
            for (k, v) in map {
                let key = k.as_str().unwrap_or("?");
                let sub = format!("{path}.{key}");
                let prop = &schema["properties"][key];
                if !prop.is_badvalue() {
                    validate(v, prop, &sub, errors);
                } else if !schema["additionalProperties"].is_badvalue() {
                    validate(v, &schema["additionalProperties"], &sub, errors);
                } else if !preserve {
                    errors.push(format!("{sub}: unknown field"));
                }
            }
        }
        Some("array") => match value {
            Yaml::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    validate(item, &schema["items"], &format!("{path}[{i}]"), errors);
                }
            }
            _ => errors.push(format!("{path}: expected an array")),
        },
        Some("string") if !matches!(value, Yaml::String(_)) => {
            errors.push(format!("{path}: expected a string"));
        }
        Some("integer") if !matches!(value, Yaml::Integer(_)) => {
            errors.push(format!("{path}: expected an integer"));
        }
        Some("boolean") if !matches!(value, Yaml::Boolean(_)) => {
            errors.push(format!("{path}: expected a boolean"));
        }
        Some("number") if !matches!(value, Yaml::Integer(_) | Yaml::Real(_)) => {
            errors.push(format!("{path}: expected a number"));
        }
        _ => {}
    }
}

fn crd_schema(dir: &Path, kind: &str) -> Yaml {
    let file = match kind {
        "RayCluster" => "ray.io_rayclusters.yaml",
        "RayJob" => "ray.io_rayjobs.yaml",
        "RayService" => "ray.io_rayservices.yaml",
        "RayCronJob" => "ray.io_raycronjobs.yaml",
        other => panic!("no CRD for {other}"),
    };
    let text = std::fs::read_to_string(dir.join("crds").join(file)).unwrap();
    let crd = YamlLoader::load_from_str(&text).unwrap().remove(0);
    let version = crd["spec"]["versions"]
        .as_vec()
        .unwrap()
        .iter()
        .find(|v| v["name"].as_str() == Some("v1"))
        .expect("a v1 version")
        .clone();
    version["schema"]["openAPIV3Schema"].clone()
}

/// Every KubeRay document of `text` validates against its CRD (metadata aside); returns them.
fn crd_valid(dir: &Path, text: &str, name: &str) -> Vec<Yaml> {
    let mut ray = Vec::new();
    for doc in YamlLoader::load_from_str(text).unwrap() {
        let kind = doc["kind"].as_str().unwrap_or("").to_string();
        if !kind.starts_with("Ray") {
            continue;
        }
        let mut errors = Vec::new();
        let schema = crd_schema(dir, &kind);
        let mut without_metadata = doc.as_hash().unwrap().clone();
        without_metadata.remove(&Yaml::String("metadata".into()));
        validate(&Yaml::Hash(without_metadata), &schema, &kind, &mut errors);
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        ray.push(doc);
    }
    ray
}

/// What the patch writes, for one set of options.
struct Expect<'a> {
    volume: &'a str,
    secret: &'a str,
    mount_path: &'a str,
    netrc: &'a str,
    home_netrc: &'a str,
    key: &'a str,
}

const DEFAULTS: Expect<'static> = Expect {
    volume: "netrc-kuberay",
    secret: "netrc-secret",
    mount_path: "/home/ray/netrcvolume/",
    netrc: "/home/ray/netrcvolume/.netrc",
    home_netrc: "/home/ray/.netrc",
    key: ".netrc",
};

fn assert_mounted(pod: &Yaml, containers: usize) {
    assert_mounted_as(pod, containers, &DEFAULTS);
}

/// The pod has the Secret volume, and each of its first `containers` containers mounts it
/// read-only twice (the directory NETRC points into, and `<home>/.netrc` from the key) and
/// sets NETRC.
fn assert_mounted_as(pod: &Yaml, containers: usize, x: &Expect) {
    let volumes = pod["volumes"].as_vec().expect("volumes");
    assert!(
        volumes.iter().any(|v| v["name"].as_str() == Some(x.volume)
            && v["secret"]["secretName"].as_str() == Some(x.secret)),
        "{pod:?}"
    );
    let all = pod["containers"].as_vec().unwrap();
    assert!(all.len() >= containers);
    for c in all.iter().take(containers) {
        let mounts = c["volumeMounts"].as_vec().expect("volumeMounts");
        let ours = |path: &str, sub_path: Option<&str>| {
            mounts
                .iter()
                .filter(|m| {
                    m["name"].as_str() == Some(x.volume)
                        && m["mountPath"].as_str() == Some(path)
                        && m["subPath"].as_str() == sub_path
                        && m["readOnly"].as_bool() == Some(true)
                })
                .count()
        };
        assert_eq!(ours(x.mount_path, None), 1, "directory mount in {c:?}");
        assert_eq!(
            ours(x.home_netrc, Some(x.key)),
            1,
            "$HOME/.netrc mount in {c:?}"
        );
        let env = c["env"].as_vec().expect("env");
        assert_eq!(
            env.iter()
                .filter(
                    |e| e["name"].as_str() == Some("NETRC") && e["value"].as_str() == Some(x.netrc)
                )
                .count(),
            1,
            "NETRC in {c:?}"
        );
    }
}

/// `original`'s lines are `patched`'s lines with some removed: nothing was changed or lost,
/// comments included.
fn only_inserted(original: &str, patched: &str) {
    let mut theirs = patched.lines();
    for line in original.lines() {
        assert!(theirs.any(|l| l == line), "line lost or changed: {line:?}");
    }
}

#[test]
#[ignore = "slow: every KubeRay sample patched twice and checked against the CRDs' schemas; CI runs it"]
fn every_sample_patches_validly_and_idempotently() {
    let dir = kuberay();
    let home = Home::new();
    for entry in std::fs::read_dir(dir.join("samples")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let original = std::fs::read_to_string(&path).unwrap();
        home.write(&name, &original);
        home.run(&["kube", "patch", &name, "--in-place"]).ok();
        let patched = home.read(&name);
        assert_ne!(patched, original, "{name}");
        only_inserted(&original, &patched);
        for doc in crd_valid(&dir, &patched, &name) {
            let pods = pod_specs(&doc);
            assert!(!pods.is_empty(), "{name}");
            for pod in &pods {
                assert_mounted(pod, 1);
            }
        }
        // Two samples carry the job's code in a ConfigMap, which patch names and passes by.
        let passed_by = match name.as_str() {
            "ray-job.sample.yaml" | "ray-cronjob.sample.yaml" => format!(
                "netrc-guard: {name}: document 2 (ConfigMap ray-job-code-sample): not a KubeRay \
                 RayCluster, RayJob, RayService or RayCronJob\n"
            ),
            _ => String::new(),
        };
        home.run(&["kube", "patch", &name, "--in-place"])
            .ok()
            .stderr_is(&format!(
                "{passed_by}netrc-guard: {name}: already mounts the netrc in every Ray pod; \
                 nothing changed\n"
            ));
        assert_eq!(
            home.read(&name),
            patched,
            "{name}: a second patch changes nothing"
        );
    }
}

#[test]
fn the_schema_check_can_fail() {
    let dir = kuberay();
    let doc = YamlLoader::load_from_str(
        "apiVersion: ray.io/v1\nkind: RayCluster\nspec:\n  headGroupSpec:\n    containers: []\n    template:\n      spec:\n        containers: [{name: x, image: y}]\n",
    )
    .unwrap()
    .remove(0);
    let mut errors = Vec::new();
    validate(
        &doc,
        &crd_schema(&dir, "RayCluster"),
        "RayCluster",
        &mut errors,
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("headGroupSpec.containers: unknown field")),
        "{errors:?}"
    );
}

const MIXED: &str = "# a cluster
apiVersion: ray.io/v1
kind: RayCluster
metadata:
  name: c
spec:
  headGroupSpec:
    template:
      spec:
        containers:
        - name: ray-head
          image: rayproject/ray:2.52.0
        - name: sidecar
          image: busybox
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
data:
  key: value # untouched
---
apiVersion: ray.io/v1
kind: RayJob
metadata:
  name: j
spec:
  entrypoint: python job.py
  rayClusterSpec:
    headGroupSpec:
      template:
        spec:
          containers:
            - name: ray-head
              image: rayproject/ray:2.52.0
    workerGroupSpecs:
      - groupName: small
        template:
          spec:
            containers:
              - name: ray-worker
                image: rayproject/ray:2.52.0
";

#[test]
fn a_multi_document_file_with_other_kinds() {
    let home = Home::new();
    home.write("m.yaml", MIXED);
    let out = home.run(&["kube", "patch", "m.yaml"]);
    out.ok()
        .stderr_lines(&[
            "netrc-guard: m.yaml: document 2 (ConfigMap cm): not a KubeRay RayCluster, RayJob, RayService or RayCronJob",
            "netrc-guard: m.yaml: /home/ray/.netrc is a subPath mount: a copy made when a pod starts, which does not follow updates of the Secret (the directory /home/ray/netrcvolume/ that NETRC points into does); restart the pods after rotating the Secret",
            "netrc-guard: m.yaml: added the netrc Secret to 9 places",
        ]);
    only_inserted(MIXED, &out.stdout);
    let docs = YamlLoader::load_from_str(&out.stdout).unwrap();
    assert_eq!(docs.len(), 3);
    assert_eq!(
        out.stdout.split("---\n").nth(1).unwrap(),
        MIXED.split("---\n").nth(1).unwrap()
    );
    for doc in [&docs[0], &docs[2]] {
        for pod in pod_specs(doc) {
            assert_mounted(&pod, 1);
        }
    }
    // Only the Ray container, unless asked for all.
    assert!(
        docs[0]["spec"]["headGroupSpec"]["template"]["spec"]["containers"][1]["env"].is_badvalue()
    );
    let all = home.run(&["kube", "patch", "m.yaml", "--all-containers"]);
    all.ok();
    let docs = YamlLoader::load_from_str(&all.stdout).unwrap();
    assert_mounted(&docs[0]["spec"]["headGroupSpec"]["template"]["spec"], 2);
}

/// Bug: yaml-rust2 counts a block scalar's content bytes as characters, so every position
/// after a block scalar holding non-ASCII text stood too far on, and the new lines went to
/// the wrong place (the patch then refused itself as an internal error).
#[test]
fn a_block_scalar_with_non_ascii_text_before_the_insertions() {
    let home = Home::new();
    let manifest = "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: c\nspec:\n  headGroupSpec:\n    rayStartParams: {}\n    template:\n      spec:\n        containers:\n        - name: ray-head\n          command: |\n            echo '日本語のテキスト日本語のテキスト Grüße'\n          image: rayproject/ray\n        # trailing comment\n  workerGroupSpecs:\n  - groupName: w\n    template:\n      spec:\n        containers:\n        - name: ray-worker\n          args: >\n            ñandú ñandú\n          image: rayproject/ray\n";
    home.write("c.yaml", manifest);
    let out = home.run(&["kube", "patch", "c.yaml"]);
    out.ok();
    only_inserted(manifest, &out.stdout);
    let docs = YamlLoader::load_from_str(&out.stdout).unwrap();
    for pod in pod_specs(&docs[0]) {
        assert_mounted(&pod, 1);
    }
    let containers = &docs[0]["spec"]["headGroupSpec"]["template"]["spec"]["containers"];
    assert_eq!(
        containers[0]["command"].as_str(),
        Some("echo '日本語のテキスト日本語のテキスト Grüße'\n")
    );
}

#[test]
fn clashes_are_errors_naming_the_path_and_write_nothing() {
    let home = Home::new();
    let cases = [
        (
            "image: rayproject/ray:2.52.0\n",
            "image: rayproject/ray:2.52.0\n          env:\n          - name: NETRC\n            value: /somewhere/else\n",
            "document 1 (RayCluster c): spec.headGroupSpec.template.spec.containers[0].env[0]: NETRC is already set to something else",
        ),
        (
            "        - name: sidecar\n",
            "        volumes:\n        - name: netrc-kuberay\n          configMap:\n            name: x\n        - name: sidecar\n",
            "document 1 (RayCluster c): spec.headGroupSpec.template.spec.volumes[0]: a volume named netrc-kuberay already exists and is not the Secret netrc-secret",
        ),
        (
            "          image: rayproject/ray:2.52.0\n        - name: sidecar",
            "          image: rayproject/ray:2.52.0\n          volumeMounts:\n          - name: netrc-kuberay\n            mountPath: /other\n        - name: sidecar",
            "document 1 (RayCluster c): spec.headGroupSpec.template.spec.containers[0].volumeMounts[0]: mounts netrc-kuberay somewhere else than /home/ray/netrcvolume/ and /home/ray/.netrc",
        ),
    ];
    for (from, to, message) in cases {
        let text = MIXED.replacen(from, to, 1);
        assert_ne!(text, MIXED);
        home.write("m.yaml", &text);
        home.run(&["kube", "patch", "m.yaml", "--in-place"])
            .code(2)
            .stderr_is(&format!(
                "netrc-guard: error: m.yaml: {message}; nothing written\n"
            ));
        assert_eq!(home.read("m.yaml"), text, "nothing written");
    }
}

#[test]
fn flow_style_and_anchors_are_refused() {
    let home = Home::new();
    let flow = MIXED.replacen("        containers:\n        - name: ray-head\n          image: rayproject/ray:2.52.0\n        - name: sidecar\n          image: busybox\n", "        containers: [{name: ray-head, image: rayproject/ray:2.52.0}]\n", 1);
    home.write("f.yaml", &flow);
    home.run(&["kube", "patch", "f.yaml"])
        .code(2)
        .stderr_is("netrc-guard: error: f.yaml: document 1 (RayCluster c): spec.headGroupSpec.template.spec.containers: written in flow style (`{...}` or `[...]`); netrc-guard will not rewrite it; write it in block style and run again; nothing written\n");
    let anchored = MIXED.replacen(
        "      spec:\n        containers:",
        "      spec: &pod\n        containers:",
        1,
    );
    home.write("a.yaml", &anchored);
    home.run(&["kube", "patch", "a.yaml"])
        .code(2)
        .stderr_is("netrc-guard: error: a.yaml: document 1 (RayCluster c): spec.headGroupSpec.template.spec: uses a YAML anchor or alias; patching it would change every place that shares it; expand it and run again; nothing written\n");
}

/// `kubectl create secret generic NAME -n NS --from-file=KEY=PATH --dry-run=client -o yaml`,
/// parsed; `Err` with kubectl's message when it refuses.
fn kubectl_secret(name: &str, namespace: &str, key: &str, file: &Path) -> Result<Yaml, String> {
    let out = std::process::Command::new("kubectl")
        .args(["create", "secret", "generic", name, "-n", namespace])
        .args(["--dry-run=client", "-o", "yaml"])
        .arg(format!("--from-file={key}={}", file.display()))
        .output()
        .unwrap();
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(
        YamlLoader::load_from_str(&String::from_utf8(out.stdout).unwrap())
            .unwrap()
            .remove(0),
    )
}

/// The same object as kubectl's, for ordinary and empty netrcs and for names and keys that
/// YAML would read as numbers or booleans if written plain.
#[test]
fn secret_matches_kubectl() {
    let home = Home::new();
    home.add("github.com", "alice", "p@ss");
    let ours = home.run(&["kube", "secret", "--namespace", "ray"]);
    ours.ok().stderr_is("netrc-guard: the Secret above holds the credentials of $HOME/.netrc (base64 is not encryption): apply it with `netrc-guard kube secret | kubectl apply -f -` and do not commit it\n");
    let parsed = YamlLoader::load_from_str(&ours.stdout).unwrap().remove(0);
    assert_eq!(parsed["type"].as_str(), Some("Opaque"));
    let empty = Home::new();
    empty.write_netrc("");
    empty.run(&["kube", "secret"]).ok().stdout_lines(&[
        "apiVersion: v1",
        "data:",
        "  .netrc: \"\"",
        "kind: Secret",
        "metadata:",
        "  name: netrc-secret",
        "type: Opaque",
    ]);
    let kubectl = common::have("kubectl", "secret_matches_kubectl");
    for (home, name, namespace, key) in [
        (&home, "netrc-secret", "ray", ".netrc"),
        (&empty, "netrc-secret", "ray", ".netrc"),
        (&home, "017", "yes", "1e3"),
        (&home, "true", "null", "on"),
    ] {
        let ours = home.run(&[
            "kube",
            "secret",
            "--name",
            name,
            "--namespace",
            namespace,
            "--key",
            key,
        ]);
        ours.ok();
        let ours = YamlLoader::load_from_str(&ours.stdout).unwrap().remove(0);
        assert_eq!(ours["metadata"]["name"].as_str(), Some(name));
        assert_eq!(ours["metadata"]["namespace"].as_str(), Some(namespace));
        assert!(ours["data"][key].as_str().is_some(), "{key}: {ours:?}");
        if !kubectl {
            continue;
        }
        let theirs = kubectl_secret(name, namespace, key, &home.netrc()).unwrap();
        for field in ["apiVersion", "kind", "data"] {
            assert_eq!(ours[field], theirs[field], "{name} {key}: {field}");
        }
        assert_eq!(ours["metadata"]["name"], theirs["metadata"]["name"]);
        assert_eq!(
            ours["metadata"]["namespace"],
            theirs["metadata"]["namespace"]
        );
        // kubectl leaves the default type out.
        assert!(theirs["type"].is_badvalue() || theirs["type"] == ours["type"]);
    }
}

/// A key kubectl refuses is refused, and every key refused here kubectl refuses too.
#[test]
fn secret_refuses_the_keys_kubectl_refuses() {
    let home = Home::new();
    home.add("github.com", "alice", "p@ss");
    let kubectl = common::have("kubectl", "secret_refuses_the_keys_kubectl_refuses");
    let dots = "a Secret key may not be `.` or `..` or start with `..`";
    let chars = "a Secret key may hold only letters, digits, `-`, `.` and `_` (at most 253)";
    for (key, why) in [
        (".", dots),
        ("..", dots),
        ("..netrc", dots),
        ("a/b", chars),
        ("/netrc", chars),
        ("a b", chars),
        ("n\u{e9}trc", chars),
        ("", chars),
    ] {
        home.run(&["kube", "secret", &format!("--key={key}")])
            .code(2)
            .stderr_is(&format!("netrc-guard: error: --key: {why}\n"));
        if kubectl && !key.is_empty() {
            assert!(
                kubectl_secret("netrc-secret", "ray", key, &home.netrc()).is_err(),
                "{key:?}"
            );
        }
    }
    for (flag, value) in [
        ("--name", "Netrc"),
        ("--name", "a..b"),
        ("--namespace", "a.b"),
        ("--namespace", "Ray"),
    ] {
        let valid = if flag == "--name" {
            "Secret name (lower-case letters, digits, `-` and `.`, each `.`-separated part \
             starting and ending with a letter or digit, at most 253)"
        } else {
            "namespace name (lower-case letters, digits and `-`, starting and ending with a \
             letter or digit, at most 63)"
        };
        home.run(&["kube", "secret", &format!("{flag}={value}")])
            .code(2)
            .stderr_is(&format!(
                "netrc-guard: error: {flag}: the value (not repeated here: it may be a secret) \
                 is not a valid {valid}\n"
            ));
    }
    // Keys with dots inside are fine for both.
    home.run(&["kube", "secret", "--key", "a..b"]).ok();
    if kubectl {
        kubectl_secret("netrc-secret", "ray", "a..b", &home.netrc()).unwrap();
    }
}

#[test]
fn secret_refuses_a_broken_netrc_unless_forced() {
    let home = Home::new();
    home.write_netrc("machine a.example login u password p\nmacdef init\ncd /pub");
    home.run(&["kube", "secret"])
        .code(2)
        .stderr_lines(&[
            "$HOME/.netrc:2:1: error[macdef-unterminated]: the macro is not closed by an empty line; Python refuses the file, curl reads the rest as the macro, and netrc-guard will not edit past it",
            "netrc-guard: error: $HOME/.netrc: the netrc has errors (above); fix them, or pass --force",
        ]);
    home.run(&["kube", "secret", "--force"])
        .ok()
        .stdout_is(&secret_manifest(&home.read_netrc()));
    home.write_netrc("machine a.example login u password \"unterminated\n");
    home.run(&["kube", "secret"]).code(2).stderr_lines(&[
        "$HOME/.netrc:1:36: error[parse-error]: the file does not parse: unterminated quoted value",
        "netrc-guard: error: $HOME/.netrc: the netrc has errors (above); fix them, or pass --force",
    ]);
    home.run(&["kube", "secret", "--file", "/nonexistent/netrc"])
        .code(2)
        .stderr_is("netrc-guard: error: /nonexistent/netrc: no such file (named by --file); check the path, or create it with `netrc-guard --file /nonexistent/netrc add HOST`\n");
}

#[test]
fn readme_walkthrough_on_the_shipped_rayjob() {
    let home = Home::new();
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/rayjob.yaml"))
            .unwrap();
    home.write("rayjob.yaml", &shipped);
    // The shipped token calls itself an example (`ghs_Example...`).
    home.run(&["scan", "rayjob.yaml"]).ok();
    home.run(&["scan", "rayjob.yaml", "--include-examples"])
        .code(1)
        .stdout_is("rayjob.yaml:11:19: uri-password: https://***@github.com/acme/jobs/archive/refs/heads/main.zip (example: example-marker)\n");
    home.run(&["scrub", "rayjob.yaml", "--in-place"])
        .ok()
        .stderr_is("netrc-guard: moved 1 credential for github.com into $HOME/.netrc\n");
    home.run(&["kube", "secret"])
        .ok()
        .stdout_is(&secret_manifest(&home.read_netrc()));
    home.run(&["kube", "patch", "rayjob.yaml", "--in-place"])
        .ok();
    home.run(&[
        "scan",
        "rayjob.yaml",
        "--include-placeholders",
        "--include-local",
    ])
    .ok();
    let doc = YamlLoader::load_from_str(&home.read("rayjob.yaml"))
        .unwrap()
        .remove(0);
    let env = YamlLoader::load_from_str(doc["spec"]["runtimeEnvYAML"].as_str().unwrap())
        .unwrap()
        .remove(0);
    assert_eq!(
        env["working_dir"].as_str(),
        Some("https://github.com/acme/jobs/archive/refs/heads/main.zip")
    );
    for pod in pod_specs(&doc) {
        assert_mounted(&pod, 1);
    }
    assert_eq!(home.run(&["get", "github.com"]).stdout, "x-access-token\n");
}

/// A RayCluster with a head and one worker group, in the indentless list style.
const CLUSTER: &str = "apiVersion: ray.io/v1
kind: RayCluster
metadata:
  name: c
spec:
  headGroupSpec:
    rayStartParams: {}
    template:
      spec:
        containers:
        - name: ray-head
          image: rayproject/ray:2.52.0
  workerGroupSpecs:
  - groupName: w
    minReplicas: 1
    maxReplicas: 1
    rayStartParams: {}
    template:
      spec:
        containers:
        - name: ray-worker
          image: rayproject/ray:2.52.0
";

const HEAD_CONTAINERS: &str =
    "        containers:\n        - name: ray-head\n          image: rayproject/ray:2.52.0\n";
const WORKERS: &str = "  workerGroupSpecs:\n  - groupName: w\n    minReplicas: 1\n    maxReplicas: 1\n    rayStartParams: {}\n    template:\n      spec:\n        containers:\n        - name: ray-worker\n          image: rayproject/ray:2.52.0\n";

/// `CLUSTER` with `extra` lines added to the head's Ray container.
fn head_container_with(extra: &str) -> String {
    CLUSTER.replacen(
        "          image: rayproject/ray:2.52.0\n",
        &format!("          image: rayproject/ray:2.52.0\n{extra}"),
        1,
    )
}

/// Shapes the patch cannot place its lines in, clashes and invalid options: exit 2, the path
/// (or the option) named, nothing written.
#[test]
fn what_cannot_be_patched_is_exit_2_naming_where_and_writes_nothing() {
    let head = "spec.headGroupSpec.template.spec";
    let json = r#"{"apiVersion": "ray.io/v1", "kind": "RayCluster", "metadata": {"name": "c"}, "spec": {"headGroupSpec": {"rayStartParams": {}, "template": {"spec": {"containers": [{"name": "ray-head", "image": "rayproject/ray:2.52.0"}]}}}}}"#;
    let mount = |lines: &str| format!("          volumeMounts:\n{lines}");
    let shapes: Vec<(&str, String, String)> = vec![
        ("null containers", CLUSTER.replacen(HEAD_CONTAINERS, "        containers:\n", 1), format!("{head}.containers: is empty (null); a Ray pod needs its Ray container; nothing written")),
        ("containers: null", CLUSTER.replacen(HEAD_CONTAINERS, "        containers: null\n", 1), format!("{head}.containers: is empty (null); a Ray pod needs its Ray container; nothing written")),
        ("containers: ~", CLUSTER.replacen(HEAD_CONTAINERS, "        containers: ~\n", 1), format!("{head}.containers: is empty (null); a Ray pod needs its Ray container; nothing written")),
        ("scalar containers", CLUSTER.replacen(HEAD_CONTAINERS, "        containers: ray-head\n", 1), format!("{head}.containers: is not a list; nothing written")),
        ("mapping containers", CLUSTER.replacen(HEAD_CONTAINERS, "        containers:\n          name: ray-head\n", 1), format!("{head}.containers: is not a list; nothing written")),
        ("empty containers", CLUSTER.replacen(HEAD_CONTAINERS, "        containers: []\n", 1), format!("{head}.containers: is empty; a Ray pod needs its Ray container; nothing written")),
        ("scalar workerGroupSpecs", CLUSTER.replacen(WORKERS, "  workerGroupSpecs: w\n", 1), "spec.workerGroupSpecs: is not a list; nothing written".into()),
        ("mapping workerGroupSpecs", CLUSTER.replacen(WORKERS, "  workerGroupSpecs:\n    groupName: w\n", 1), "spec.workerGroupSpecs: is not a list; nothing written".into()),
        ("flow workerGroupSpecs", CLUSTER.replacen(WORKERS, "  workerGroupSpecs: [{groupName: w, template: {spec: {containers: [{name: w}]}}}]\n", 1), "spec.workerGroupSpecs: written in flow style (`{...}` or `[...]`); netrc-guard will not rewrite it; write it in block style and run again; nothing written".into()),
        ("a flow list with items", head_container_with("          env: [{name: A, value: b}]\n"), format!("{head}.containers[0].env: written in flow style (`{{...}}` or `[...]`); netrc-guard will not rewrite it; write it in block style and run again; nothing written")),
        ("null volumes", CLUSTER.replacen(HEAD_CONTAINERS, &format!("{HEAD_CONTAINERS}        volumes:\n"), 1), format!("{head}.volumes: is empty (null); remove the key or give it a list, and run again; nothing written")),
        ("scalar env", head_container_with("          env: NETRC\n"), format!("{head}.containers[0].env: is not a list; nothing written")),
        ("an anchored pod spec", CLUSTER.replacen("      spec:\n", "      spec: &pod\n", 1), format!("{head}: uses a YAML anchor or alias; patching it would change every place that shares it; expand it and run again; nothing written")),
        ("a JSON manifest", json.to_string(), "is JSON (or flow-style YAML); netrc-guard patches block-style YAML only, so that everything else stays as it was: convert it to block-style YAML (with yq, for example) and run again; nothing written".into()),
        ("VolumeNotTheSecret", CLUSTER.replacen(HEAD_CONTAINERS, &format!("{HEAD_CONTAINERS}        volumes:\n        - name: netrc-kuberay\n          configMap:\n            name: x\n"), 1), format!("{head}.volumes[0]: a volume named netrc-kuberay already exists and is not the Secret netrc-secret; nothing written")),
        ("MountNotReadOnly (directory)", head_container_with(&mount("          - name: netrc-kuberay\n            mountPath: /home/ray/netrcvolume/\n")), format!("{head}.containers[0].volumeMounts[0]: mounts netrc-kuberay at /home/ray/netrcvolume/ but not read-only; nothing written")),
        ("MountNotReadOnly ($HOME/.netrc)", head_container_with(&mount("          - name: netrc-kuberay\n            mountPath: /home/ray/.netrc\n            subPath: .netrc\n            readOnly: false\n")), format!("{head}.containers[0].volumeMounts[0]: mounts netrc-kuberay at /home/ray/.netrc but not read-only; nothing written")),
        ("MountedElsewhere", head_container_with(&mount("          - name: netrc-kuberay\n            mountPath: /etc/netrc\n            readOnly: true\n")), format!("{head}.containers[0].volumeMounts[0]: mounts netrc-kuberay somewhere else than /home/ray/netrcvolume/ and /home/ray/.netrc; nothing written")),
        ("MountPathTaken", head_container_with(&mount("          - name: data\n            mountPath: /home/ray/netrcvolume\n")), format!("{head}.containers[0].volumeMounts[0]: something else is mounted at /home/ray/netrcvolume/; nothing written")),
        ("MountPathTaken (a subPath of ours)", head_container_with(&mount("          - name: netrc-kuberay\n            mountPath: /home/ray/netrcvolume/\n            subPath: .netrc\n            readOnly: true\n")), format!("{head}.containers[0].volumeMounts[0]: something else is mounted at /home/ray/netrcvolume/; nothing written")),
        ("NetrcFileTaken", head_container_with(&mount("          - name: dotfiles\n            mountPath: /home/ray/.netrc\n            subPath: netrc\n")), format!("{head}.containers[0].volumeMounts[0]: something else is mounted at /home/ray/.netrc, where git and curl read the netrc; nothing written")),
        ("NetrcFileTaken (another key of ours)", head_container_with(&mount("          - name: netrc-kuberay\n            mountPath: /home/ray/.netrc\n            subPath: other\n            readOnly: true\n")), format!("{head}.containers[0].volumeMounts[0]: something else is mounted at /home/ray/.netrc, where git and curl read the netrc; nothing written")),
        ("NetrcSetElsewhere", head_container_with("          env:\n          - name: NETRC\n            value: /somewhere/else\n"), format!("{head}.containers[0].env[0]: NETRC is already set to something else; nothing written")),
        ("NetrcSetElsewhere (from a reference)", head_container_with("          env:\n          - name: NETRC\n            valueFrom:\n              configMapKeyRef: {name: x, key: y}\n"), format!("{head}.containers[0].env[0]: NETRC is already set to something else; nothing written")),
        ("HomeElsewhere", head_container_with("          env:\n          - name: HOME\n            value: /root\n"), format!("{head}.containers[0].env[0]: the container sets HOME to something other than /home/ray; pass its HOME as --home; nothing written")),
    ];
    let home = Home::new();
    for (shape, text, message) in &shapes {
        assert_ne!(text, CLUSTER, "{shape}: the shape is in the manifest");
        home.write("c.yaml", text);
        let run = home.run(&["kube", "patch", "c.yaml", "--in-place"]);
        assert_eq!(run.code, 2, "{shape}: {}", run.stderr);
        run.stderr_is(&format!(
            "netrc-guard: error: c.yaml: document 1 (RayCluster c): {message}\n"
        ));
        assert_eq!(&home.read("c.yaml"), text, "{shape}: nothing written");
    }
}

/// Every option that goes into the manifest is checked before a file is read.
#[test]
fn invalid_options_are_refused_naming_the_option() {
    let long_label = "a".repeat(64);
    let options: &[(&str, &str, &str)] = &[
        (
            "--secret",
            "Netrc_Secret",
            "the value (not repeated here: it may be a secret) is not a valid Secret name (lower-case letters, digits, `-` and `.`, each `.`-separated part starting and ending with a letter or digit, at most 253)",
        ),
        (
            "--secret",
            "a..b",
            "the value (not repeated here: it may be a secret) is not a valid Secret name (lower-case letters, digits, `-` and `.`, each `.`-separated part starting and ending with a letter or digit, at most 253)",
        ),
        (
            "--secret",
            "-a",
            "\"-a\" is not a valid Secret name (lower-case letters, digits, `-` and `.`, each `.`-separated part starting and ending with a letter or digit, at most 253)",
        ),
        (
            "--secret",
            "",
            "the value (not repeated here: it may be a secret) is not a valid Secret name (lower-case letters, digits, `-` and `.`, each `.`-separated part starting and ending with a letter or digit, at most 253)",
        ),
        (
            "--volume-name",
            "netrc.kuberay",
            "the value (not repeated here: it may be a secret) is not a valid volume name (lower-case letters, digits and `-`, starting and ending with a letter or digit, at most 63)",
        ),
        (
            "--volume-name",
            "Netrc",
            "the value (not repeated here: it may be a secret) is not a valid volume name (lower-case letters, digits and `-`, starting and ending with a letter or digit, at most 63)",
        ),
        (
            "--volume-name",
            &long_label,
            "the value (not repeated here: it may be a secret) is not a valid volume name (lower-case letters, digits and `-`, starting and ending with a letter or digit, at most 63)",
        ),
        (
            "--key",
            ".",
            "a Secret key may not be `.` or `..` or start with `..`",
        ),
        (
            "--key",
            "..",
            "a Secret key may not be `.` or `..` or start with `..`",
        ),
        (
            "--key",
            "..netrc",
            "a Secret key may not be `.` or `..` or start with `..`",
        ),
        (
            "--key",
            "a/b",
            "a Secret key may hold only letters, digits, `-`, `.` and `_` (at most 253)",
        ),
        (
            "--mount-path",
            "netrcvolume/",
            "must be an absolute path (starting with `/`)",
        ),
        ("--mount-path", "/", "must not be `/`"),
        (
            "--mount-path",
            "/home/ray/../x",
            "must be normalised (no `//`, `.` or `..` in it)",
        ),
        (
            "--mount-path",
            "/home//ray/x",
            "must be normalised (no `//`, `.` or `..` in it)",
        ),
        (
            "--mount-path",
            "/home/ray/./x",
            "must be normalised (no `//`, `.` or `..` in it)",
        ),
        (
            "--mount-path",
            "/home/ray",
            "\"/home/ray\" is the home directory \"/home/ray\" or holds it; the Secret volume would hide the home directory; choose a directory of its own, such as \"/home/ray/netrcvolume/\"",
        ),
        (
            "--mount-path",
            "/home/ray/",
            "\"/home/ray/\" is the home directory \"/home/ray\" or holds it; the Secret volume would hide the home directory; choose a directory of its own, such as \"/home/ray/netrcvolume/\"",
        ),
        (
            "--mount-path",
            "/home",
            "\"/home\" is the home directory \"/home/ray\" or holds it; the Secret volume would hide the home directory; choose a directory of its own, such as \"/home/ray/netrcvolume/\"",
        ),
        (
            "--mount-path",
            "/home/ray/.netrc",
            "\"/home/ray/.netrc\" is where the netrc file goes (\"/home/ray/.netrc\"); choose a directory of its own, such as \"/home/ray/netrcvolume/\"",
        ),
        (
            "--home",
            "home/ray",
            "must be an absolute path (starting with `/`)",
        ),
        ("--home", "/", "must not be `/`"),
        (
            "--home",
            "/home/./ray",
            "must be normalised (no `//`, `.` or `..` in it)",
        ),
    ];
    let home = Home::new();
    home.write("c.yaml", CLUSTER);
    for (flag, value, message) in options {
        let option = format!("{flag}={value}");
        let run = home.run(&["kube", "patch", "c.yaml", "--in-place", &option]);
        assert_eq!(run.code, 2, "{flag} {value:?}: {}", run.stderr);
        run.stderr_is(&format!("netrc-guard: error: {flag}: {message}\n"));
        assert_eq!(home.read("c.yaml"), CLUSTER, "{flag} {value:?}");
    }
    // Before a file is read: a missing file is not the error.
    home.run(&["kube", "patch", "missing.yaml", "--secret", "A"])
        .code(2)
        .stderr_is("netrc-guard: error: --secret: the value (not repeated here: it may be a secret) is not a valid Secret name (lower-case letters, digits, `-` and `.`, each `.`-separated part starting and ending with a letter or digit, at most 253)\n");
}

/// Patches `text` as `c.yaml` in place, checks that it validates, is idempotent and kept
/// every original line (after `tidy`), and returns the patched text and the first run's
/// stderr.
fn patch_shape(
    shape: &str,
    text: &str,
    args: &[&str],
    tidy: &dyn Fn(&str) -> String,
) -> (String, String) {
    let home = Home::new();
    home.write("c.yaml", text);
    let mut all = vec!["kube", "patch", "c.yaml", "--in-place"];
    all.extend_from_slice(args);
    let run = home.run(&all);
    assert_eq!(run.code, 0, "{shape}: {}", run.stderr);
    let patched = home.read("c.yaml");
    only_inserted(&tidy(text), &patched);
    crd_valid(&kuberay(), &patched, shape);
    let again = home.run(&all);
    assert_eq!(again.code, 0, "{shape}: {}", again.stderr);
    assert_eq!(home.read("c.yaml"), patched, "{shape}: idempotent");
    (patched, run.stderr)
}

fn unchanged(text: &str) -> String {
    text.to_string()
}

#[test]
fn shapes_that_patch_and_what_they_become() {
    let no_workers = CLUSTER.replacen(WORKERS, "", 1);
    let null_workers = CLUSTER.replacen(WORKERS, "  workerGroupSpecs:\n", 1);
    let empty_workers = CLUSTER.replacen(WORKERS, "  workerGroupSpecs: []\n", 1);
    for (shape, text, pods) in [
        ("no workerGroupSpecs", &no_workers, 1),
        ("null workerGroupSpecs", &null_workers, 1),
        ("workerGroupSpecs: []", &empty_workers, 1),
        ("head and worker", &CLUSTER.to_string(), 2),
        (
            "HOME set to --home",
            &head_container_with(
                "          env:\n          - name: HOME\n            value: /home/ray/\n",
            ),
            2,
        ),
    ] {
        let (patched, stderr) = patch_shape(shape, text, &[], &unchanged);
        assert_eq!(stderr, patched_notes("c.yaml", 3 * pods), "{shape}");
        let doc = YamlLoader::load_from_str(&patched).unwrap().remove(0);
        let specs = pod_specs(&doc);
        assert_eq!(specs.len(), pods, "{shape}");
        for pod in &specs {
            assert_mounted(pod, 1);
        }
    }
    assert!(
        patch_shape("[]", &empty_workers, &[], &unchanged)
            .0
            .contains("  workerGroupSpecs: []\n")
    );
}

/// `volumes: []`, `env: []` and `volumeMounts: []` are extended: the `[]` (and the spaces
/// before it) is the only text removed; the items follow as a block list.
#[test]
fn empty_flow_lists_are_extended_by_dropping_only_the_brackets() {
    let text = CLUSTER
        .replacen(
            HEAD_CONTAINERS,
            &format!("{HEAD_CONTAINERS}        volumes: []\n"),
            1,
        )
        .replacen(
            "          image: rayproject/ray:2.52.0\n",
            "          image: rayproject/ray:2.52.0\n          env: []\n          volumeMounts: [ ] # none yet\n",
            1,
        );
    let tidy = |t: &str| t.replace(" [ ]", "").replace(" []", "");
    let (patched, _) = patch_shape("empty flow lists", &text, &[], &tidy);
    assert!(
        patched.contains("          env:\n          - name: NETRC\n"),
        "{patched}"
    );
    assert!(
        patched.contains("          volumeMounts: # none yet\n          - name: netrc-kuberay\n"),
        "{patched}"
    );
    assert!(
        patched.contains("        volumes:\n        - name: netrc-kuberay\n"),
        "{patched}"
    );
    let doc = YamlLoader::load_from_str(&patched).unwrap().remove(0);
    for pod in pod_specs(&doc) {
        assert_mounted(&pod, 1);
    }
}

/// What the previous version wrote: the volume, the directory mount and NETRC.
const PREVIOUSLY_PATCHED: &str = "apiVersion: ray.io/v1
kind: RayCluster
metadata:
  name: c
spec:
  headGroupSpec:
    rayStartParams: {}
    template:
      spec:
        containers:
        - name: ray-head
          image: rayproject/ray:2.52.0
          volumeMounts:
          - name: netrc-kuberay
            mountPath: /home/ray/netrcvolume/
            readOnly: true
          env:
          - name: NETRC
            value: /home/ray/netrcvolume/.netrc
        volumes:
        - name: netrc-kuberay
          secret:
            secretName: netrc-secret
  workerGroupSpecs:
  - groupName: w
    minReplicas: 1
    maxReplicas: 1
    rayStartParams: {}
    template:
      spec:
        containers:
          - name: ray-worker
            image: rayproject/ray:2.52.0
            env:
              - name: NETRC
                value: /home/ray/netrcvolume/.netrc
            volumeMounts:
              - name: netrc-kuberay
                mountPath: /home/ray/netrcvolume/
                readOnly: true
        volumes:
          - name: netrc-kuberay
            secret:
              secretName: netrc-secret
";

#[test]
fn a_manifest_patched_by_the_previous_version_gets_only_the_home_netrc_mount() {
    let (patched, stderr) = patch_shape("previously patched", PREVIOUSLY_PATCHED, &[], &unchanged);
    // Only the home's netrc mount is new, in each of the 2 pods.
    assert_eq!(stderr, patched_notes("c.yaml", 2));
    let head_mount = "          - name: netrc-kuberay\n            mountPath: /home/ray/.netrc\n            subPath: .netrc\n            readOnly: true\n";
    let worker_mount = "              - name: netrc-kuberay\n                mountPath: /home/ray/.netrc\n                subPath: .netrc\n                readOnly: true\n";
    let expected = PREVIOUSLY_PATCHED
        .replacen(
            "            readOnly: true\n          env:",
            &format!("            readOnly: true\n{head_mount}          env:"),
            1,
        )
        .replacen(
            "                readOnly: true\n        volumes:",
            &format!("                readOnly: true\n{worker_mount}        volumes:"),
            1,
        );
    assert_eq!(patched, expected);
}

#[test]
fn a_rayjob_on_an_existing_cluster_has_nothing_to_patch() {
    let text = "apiVersion: ray.io/v1
kind: RayJob
metadata:
  name: j
spec:
  entrypoint: python job.py
  clusterSelector:
    ray.io/cluster: shared
";
    let home = Home::new();
    home.write("j.yaml", text);
    let run = home.run(&["kube", "patch", "j.yaml", "--in-place"]);
    run.ok()
        .stderr_lines(&[
            "netrc-guard: j.yaml: document 1 (RayJob j): runs on an existing RayCluster (spec.clusterSelector) and has no pods of its own; patch that RayCluster's manifest",
            "netrc-guard: j.yaml: nothing to patch: no Ray pod templates in it; nothing changed",
        ]);
    assert!(!run.stderr.contains("already mounts"), "{}", run.stderr);
    assert_eq!(home.read("j.yaml"), text);
    // A file of other kinds only: nothing to patch either, not "already mounted".
    home.write(
        "cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
    );
    let run = home.run(&["kube", "patch", "cm.yaml"]);
    run.ok().stderr_lines(&[
        "netrc-guard: cm.yaml: document 1 (ConfigMap x): not a KubeRay RayCluster, RayJob, RayService or RayCronJob",
        "netrc-guard: cm.yaml: nothing to patch: no Ray pod templates in it; nothing changed",
    ]);
    assert!(!run.stderr.contains("already mounts"), "{}", run.stderr);
}

/// Valid names and keys that YAML would read as numbers, booleans or null stay strings in
/// the patched manifest, for a YAML 1.2 reader and for PyYAML (YAML 1.1, like the API
/// server's reader).
#[test]
fn option_values_that_look_like_numbers_or_booleans_stay_strings() {
    let x = Expect {
        volume: "true",
        secret: "017",
        mount_path: "/on/",
        netrc: "/on/1e3",
        home_netrc: "/home/yes/.netrc",
        key: "1e3",
    };
    let args = [
        "--volume-name",
        x.volume,
        "--secret",
        x.secret,
        "--mount-path",
        x.mount_path,
        "--home",
        "/home/yes",
        "--key",
        x.key,
    ];
    let (patched, _) = patch_shape("quoted values", CLUSTER, &args, &unchanged);
    assert!(patched.contains("subPath: \"1e3\""), "{patched}");
    assert!(patched.contains("secretName: \"017\""), "{patched}");
    assert!(patched.contains("name: \"true\""), "{patched}");
    let doc = YamlLoader::load_from_str(&patched).unwrap().remove(0);
    for pod in pod_specs(&doc) {
        assert_mounted_as(&pod, 1, &x);
    }
    if !common::have_python_module(
        "yaml",
        "option_values_that_look_like_numbers_or_booleans_stay_strings",
    ) {
        return;
    }
    let home = Home::new();
    let file = home.write("p.yaml", &patched);
    let script = "import sys, yaml, json\nd = yaml.safe_load(open(sys.argv[1]))\np = d['spec']['headGroupSpec']['template']['spec']\nc = p['containers'][0]\nprint(json.dumps([p['volumes'][0]['name'], p['volumes'][0]['secret']['secretName'], c['volumeMounts'][1]['subPath'], c['volumeMounts'][0]['readOnly']]))";
    let got = common::python_json(script, &[file.as_os_str()], None);
    assert_eq!(got, serde_json::json!(["true", "017", "1e3", true]));
    // Negative control: PyYAML does read these words as non-strings when they are plain.
    let plain = patched
        .replace("\"017\"", "017")
        .replace("\"true\"", "true")
        .replace("\"1e3\"", "1e3");
    home.write("p.yaml", &plain);
    let got = common::python_json(script, &[file.as_os_str()], None);
    assert_ne!(got, serde_json::json!(["true", "017", "1e3", true]));
}

/// A loopback server that answers a request without credentials with 401 and a Basic
/// challenge (as a git host does), and one with credentials with 200; both bodies are the
/// request's `Authorization` header (or `NONE`), and every header received is recorded.
fn challenging_server() -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufReader, Write};
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let record = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let auth = crate::common::authorization_header(&mut reader);
            let status = match &auth {
                Some(a) => {
                    record.lock().unwrap().push(a.clone());
                    "200 OK"
                }
                None => "401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"git\"",
            };
            let body = auth.unwrap_or_else(|| "NONE".into());
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (port, seen)
}

/// The patched pod, laid out from the manifest and the Secret: git and curl (libcurl 7.88
/// here) find the credentials at $HOME/.netrc, requests through NETRC. Negative control: the
/// pod as the previous version patched it (NETRC only) sends git and curl no credentials.
/// And what the README warns of: CPython's `netrc.netrc()` without a path refuses the mounted
/// `~/.netrc` (mode 0644, owned by the kubelet's root), while given the path it reads it.
#[test]
fn in_the_patched_pod_git_and_curl_read_home_netrc_and_requests_reads_netrc() {
    const TEST: &str = "in_the_patched_pod_git_and_curl_read_home_netrc_and_requests_reads_netrc";
    let (port, seen) = challenging_server();
    let home = Home::new();
    home.add("127.0.0.1", "alice", "s3cret");
    let secret = home.run(&["kube", "secret"]);
    let secret = YamlLoader::load_from_str(&secret.ok().stdout)
        .unwrap()
        .remove(0);
    let expected = common::basic("alice", "s3cret");
    let url = format!("http://127.0.0.1:{port}/acme/models.git");
    for subpaths in [true, false] {
        let pod = tempfile::tempdir().unwrap();
        let ray_home = pod.path().join("home/ray");
        std::fs::create_dir_all(&ray_home).unwrap();
        let (ray_home, mount) = (
            ray_home.to_str().unwrap(),
            format!("{}/netrcvolume/", ray_home.display()),
        );
        home.write("c.yaml", CLUSTER);
        home.run(&[
            "kube",
            "patch",
            "c.yaml",
            "--in-place",
            "--home",
            ray_home,
            "--mount-path",
            &mount,
        ])
        .ok();
        let doc = YamlLoader::load_from_str(&home.read("c.yaml"))
            .unwrap()
            .remove(0);
        // Patched with absolute paths in the temporary directory: laid out at `/`.
        let mounts = if subpaths {
            Mounts::All
        } else {
            Mounts::DirectoriesOnly
        };
        let env = pod::lay_out(Path::new("/"), &pod_specs(&doc)[0], 0, &secret, mounts);
        assert!(env.iter().any(|(k, _)| k == "NETRC"));
        let run = |program: &str, args: &[&str]| {
            let mut c = std::process::Command::new(program);
            c.args(args)
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap())
                .env("HOME", ray_home)
                .env("GIT_TERMINAL_PROMPT", "0")
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .envs(env.iter().map(|(k, v)| (k, v)));
            c.output().unwrap()
        };
        if common::have("git", TEST) {
            seen.lock().unwrap().clear();
            run("git", &["-c", "credential.helper=", "ls-remote", &url]);
            let sent = seen.lock().unwrap().clone();
            if subpaths {
                assert_eq!(sent.first(), Some(&expected), "git sent {sent:?}");
            } else if common::git_libcurl_before_8_16() {
                assert!(sent.is_empty(), "git read NETRC: {sent:?}");
            }
        }
        if common::have("curl", TEST) {
            let out = run("curl", &["-s", "--max-time", "10", "--netrc", &url]);
            let body = String::from_utf8_lossy(&out.stdout).into_owned();
            if subpaths {
                assert_eq!(body, expected);
            } else if common::curl_before_8_16() {
                assert_eq!(body, "NONE");
            }
        }
        if common::have_python_module("requests", TEST) {
            // Through NETRC in both pods: requests does not need the $HOME/.netrc mount.
            let out = run(
                "python3",
                &[
                    "-c",
                    "import sys, requests; print(requests.get(sys.argv[1]).text, end='')",
                    &url,
                ],
            );
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                expected,
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        if subpaths {
            let netrc_module = "import netrc, sys\ntry:\n    netrc.netrc(*sys.argv[1:])\n    print('read', end='')\nexcept netrc.NetrcParseError:\n    print('refused', end='')";
            let home_netrc = format!("{ray_home}/.netrc");
            let without_path = run("python3", &["-c", netrc_module]);
            let with_path = run("python3", &["-c", netrc_module, &home_netrc]);
            assert_eq!(String::from_utf8_lossy(&without_path.stdout), "refused");
            assert_eq!(String::from_utf8_lossy(&with_path.stdout), "read");
        }
    }
}

#[test]
fn kube_name_options_never_repeat_a_token_shaped_value() {
    // A token typed into --name, --namespace, --secret or --volume-name is refused without
    // being printed; a plain (still invalid) word is quoted.
    let home = Home::new();
    home.add("pypi.acme.io", "deploy", "pw-Secret");
    home.write("rj.yaml", "kind: RayJob\n");
    let token = "ghp_Zq81Xw0Lp3Vb7Nm2Kc5Rt9Yh4Jd6Gf1Sa0E";
    let secret = "Secret name (lower-case letters, digits, `-` and `.`, each `.`-separated part \
        starting and ending with a letter or digit, at most 253)";
    let label = "(lower-case letters, digits and `-`, starting and ending with a letter or \
        digit, at most 63)";
    for (args, flag, valid) in [
        (
            vec!["kube", "secret", "--name", token],
            "--name",
            secret.to_string(),
        ),
        (
            vec!["kube", "secret", "--namespace", token],
            "--namespace",
            format!("namespace name {label}"),
        ),
        (
            vec!["kube", "patch", "rj.yaml", "--secret", token],
            "--secret",
            secret.to_string(),
        ),
        (
            vec!["kube", "patch", "rj.yaml", "--volume-name", token],
            "--volume-name",
            format!("volume name {label}"),
        ),
    ] {
        let run = home.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        run.stderr_is(&format!(
            "netrc-guard: error: {flag}: the value (not repeated here: it may be a secret) is \
             not a valid {valid}\n"
        ));
        assert!(!run.stderr.contains(&token[..12]), "{}", run.stderr);
    }
    let run = home.run(&["kube", "secret", "--name", "bad_name"]);
    run.code(2).stderr_is(&format!(
        "netrc-guard: error: --name: \"bad_name\" is not a valid {secret}\n"
    ));
}

#[test]
fn kube_patch_reads_the_first_key_after_a_byte_order_mark() {
    // With a BOM, `apiVersion` went unseen and a RayJob was passed over as not KubeRay's.
    let home = Home::new();
    let yaml = "\u{feff}apiVersion: ray.io/v1\nkind: RayJob\nmetadata:\n  name: x\nspec:\n  rayClusterSpec:\n    headGroupSpec:\n      template:\n        spec:\n          containers:\n            - name: h\n              image: r\n";
    home.write("job.yaml", yaml);
    let run = home.run(&["kube", "patch", "job.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stderr_is(&patched_notes("job.yaml", 3));
    assert!(run.stdout.starts_with("\u{feff}apiVersion: ray.io/v1\n"));
    only_inserted(yaml, &run.stdout);
}

/// What `kube patch` says after adding the netrc Secret to `places` places of `file` (3 in
/// each pod of a manifest never patched before).
fn patched_notes(file: &str, places: usize) -> String {
    format!(
        "netrc-guard: {file}: /home/ray/.netrc is a subPath mount: a copy made when a pod \
         starts, which does not follow updates of the Secret (the directory \
         /home/ray/netrcvolume/ that NETRC points into does); restart the pods after rotating \
         the Secret\nnetrc-guard: {file}: added the netrc Secret to {places} {}\n",
        if places == 1 { "place" } else { "places" }
    )
}

/// What `kube secret` prints for a netrc of this text, under the default names.
fn secret_manifest(netrc: &str) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(netrc);
    format!(
        "apiVersion: v1\ndata:\n  .netrc: {encoded}\nkind: Secret\nmetadata:\n  name: \
         netrc-secret\ntype: Opaque\n"
    )
}

/// Class: a manifest giving a key twice in one mapping, which `kube patch` patched at the
/// first (Kubernetes' strict decoding rejects it; a lenient one reads the last). Refused at
/// the second key, `file:line:column` and the mapping named, in every mapping the patch
/// reads or extends and the rest of the document; nothing written.
#[test]
fn a_key_given_twice_is_refused_at_its_second_place() {
    let head = "spec.headGroupSpec.template.spec";
    let cases: Vec<(&str, String, &str, String)> = vec![
        ("metadata", CLUSTER.replacen("  name: c\n", "  name: c\n  name: d\n", 1), "5:3", " of metadata".into()),
        ("spec", format!("{CLUSTER}  headGroupSpec:\n    rayStartParams: {{}}\n"), "23:3", " of spec".into()),
        ("template", CLUSTER.replacen("    template:\n      spec:\n        containers:\n        - name: ray-head", "    template:\n      metadata: {}\n      metadata: {}\n      spec:\n        containers:\n        - name: ray-head", 1), "10:7", " of spec.headGroupSpec.template".into()),
        ("a container", head_container_with("          image: other\n"), "13:11", format!(" of {head}.containers[0]")),
        ("a volume", CLUSTER.replacen(HEAD_CONTAINERS, &format!("{HEAD_CONTAINERS}        volumes:\n        - name: v\n          emptyDir: {{}}\n          emptyDir: {{}}\n"), 1), "16:11", format!(" of {head}.volumes[0]")),
        ("an env entry", head_container_with("          env:\n          - name: A\n            value: b\n            value: c\n"), "16:13", format!(" of {head}.containers[0].env[0]")),
        ("a worker group", CLUSTER.replacen("    maxReplicas: 1\n", "    maxReplicas: 1\n    maxReplicas: 2\n", 1), "17:5", " of spec.workerGroupSpecs[0]".into()),
        ("the document", format!("{CLUSTER}kind: RayCluster\n"), "23:1", String::new()),
    ];
    let home = Home::new();
    for (what, text, at, within) in cases {
        home.write("c.yaml", &text);
        home.run(&["kube", "patch", "c.yaml", "--in-place"])
            .code(2)
            .stderr_is(&format!(
                "netrc-guard: error: c.yaml:{at}: document 1 (RayCluster c): a key{within} given \
                 a second time here: Kubernetes rejects the manifest (strict decoding) or reads \
                 the last, the patch would edit the first; remove one and run again; nothing \
                 written\n"
            ));
        assert_eq!(home.read("c.yaml"), text, "{what}: nothing written");
    }
}
