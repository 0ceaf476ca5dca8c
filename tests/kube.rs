//! `kube secret` and `kube patch`, run as the real binary. The samples and CRD schemas come
//! from `../shared/kuberay/`; tests that need them skip, saying why, where they are absent.

mod common;

use std::path::{Path, PathBuf};

use common::Home;
use yaml_rust2::{Yaml, YamlLoader};

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/kuberay");
    if dir.is_dir() {
        Some(dir)
    } else {
        common::skip(&format!("skipping: {} is absent", dir.display()));
        None
    }
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
            errors.push(format!("{path}: expected a string"))
        }
        Some("integer") if !matches!(value, Yaml::Integer(_)) => {
            errors.push(format!("{path}: expected an integer"))
        }
        Some("boolean") if !matches!(value, Yaml::Boolean(_)) => {
            errors.push(format!("{path}: expected a boolean"))
        }
        Some("number") if !matches!(value, Yaml::Integer(_) | Yaml::Real(_)) => {
            errors.push(format!("{path}: expected a number"))
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

/// The pod specs of a KubeRay document.
fn pod_specs(doc: &Yaml) -> Vec<Yaml> {
    let cluster = match doc["kind"].as_str().unwrap() {
        "RayCluster" => doc["spec"].clone(),
        "RayJob" => doc["spec"]["rayClusterSpec"].clone(),
        "RayService" => doc["spec"]["rayClusterConfig"].clone(),
        "RayCronJob" => doc["spec"]["jobTemplate"]["rayClusterSpec"].clone(),
        _ => return vec![],
    };
    if cluster.is_badvalue() {
        return vec![];
    }
    let mut out = vec![cluster["headGroupSpec"]["template"]["spec"].clone()];
    for g in cluster["workerGroupSpecs"].as_vec().into_iter().flatten() {
        out.push(g["template"]["spec"].clone());
    }
    out
}

fn assert_mounted(pod: &Yaml, containers: usize) {
    let volumes = pod["volumes"].as_vec().expect("volumes");
    assert!(
        volumes
            .iter()
            .any(|v| v["name"].as_str() == Some("netrc-kuberay")
                && v["secret"]["secretName"].as_str() == Some("netrc-secret"))
    );
    for c in pod["containers"].as_vec().unwrap().iter().take(containers) {
        let mounts = c["volumeMounts"].as_vec().expect("volumeMounts");
        assert!(
            mounts
                .iter()
                .any(|m| m["name"].as_str() == Some("netrc-kuberay")
                    && m["mountPath"].as_str() == Some("/home/ray/netrcvolume/")
                    && m["readOnly"].as_bool() == Some(true))
        );
        let env = c["env"].as_vec().expect("env");
        assert!(env.iter().any(|e| e["name"].as_str() == Some("NETRC")
            && e["value"].as_str() == Some("/home/ray/netrcvolume/.netrc")));
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
fn every_sample_patches_validly_and_idempotently() {
    let Some(dir) = shared() else { return };
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
        for doc in YamlLoader::load_from_str(&patched).unwrap() {
            let kind = doc["kind"].as_str().unwrap().to_string();
            if !kind.starts_with("Ray") {
                continue;
            }
            let mut errors = Vec::new();
            let schema = crd_schema(&dir, &kind);
            let mut without_metadata = doc.as_hash().unwrap().clone();
            without_metadata.remove(&Yaml::String("metadata".into()));
            validate(&Yaml::Hash(without_metadata), &schema, &kind, &mut errors);
            assert!(errors.is_empty(), "{name}: {errors:#?}");
            let pods = pod_specs(&doc);
            assert!(!pods.is_empty(), "{name}");
            for pod in &pods {
                assert_mounted(pod, 1);
            }
        }
        home.run(&["kube", "patch", &name, "--in-place"])
            .ok()
            .stderr_has("nothing changed");
        assert_eq!(
            home.read(&name),
            patched,
            "{name}: a second patch changes nothing"
        );
    }
}

#[test]
fn the_schema_check_can_fail() {
    let Some(dir) = shared() else { return };
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
        .stderr_has("document 2 (ConfigMap cm): not a KubeRay");
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

#[test]
fn clashes_are_errors_naming_the_path_and_write_nothing() {
    let home = Home::new();
    let cases = [
        (
            "image: rayproject/ray:2.52.0\n",
            "image: rayproject/ray:2.52.0\n          env:\n          - name: NETRC\n            value: /somewhere/else\n",
            "document 1 (RayCluster c): spec.headGroupSpec.template.spec.containers[0].env[0]: NETRC is already set",
        ),
        (
            "        - name: sidecar\n",
            "        volumes:\n        - name: netrc-kuberay\n          configMap:\n            name: x\n        - name: sidecar\n",
            "spec.headGroupSpec.template.spec.volumes[0]: a volume named netrc-kuberay",
        ),
        (
            "          image: rayproject/ray:2.52.0\n        - name: sidecar",
            "          image: rayproject/ray:2.52.0\n          volumeMounts:\n          - name: netrc-kuberay\n            mountPath: /other\n        - name: sidecar",
            "spec.headGroupSpec.template.spec.containers[0].volumeMounts[0]: mounts netrc-kuberay somewhere else",
        ),
    ];
    for (from, to, message) in cases {
        let text = MIXED.replacen(from, to, 1);
        assert_ne!(text, MIXED);
        home.write("m.yaml", &text);
        home.run(&["kube", "patch", "m.yaml", "--in-place"])
            .code(2)
            .stderr_has(message)
            .stderr_has("m.yaml");
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
        .stderr_has("flow style");
    let anchored = MIXED.replacen(
        "      spec:\n        containers:",
        "      spec: &pod\n        containers:",
        1,
    );
    home.write("a.yaml", &anchored);
    home.run(&["kube", "patch", "a.yaml"])
        .code(2)
        .stderr_has("anchor");
}

#[test]
fn secret_matches_kubectl() {
    let home = Home::new();
    home.add("github.com", "alice", "p@ss");
    let ours = home.run(&["kube", "secret", "--namespace", "ray"]);
    ours.ok().stderr_has("kubectl apply -f -");
    let ours = YamlLoader::load_from_str(&ours.stdout).unwrap().remove(0);
    assert_eq!(ours["type"].as_str(), Some("Opaque"));
    if !common::have("kubectl", "secret_matches_kubectl") {
        return;
    }
    let out = std::process::Command::new("kubectl")
        .args([
            "create",
            "secret",
            "generic",
            "netrc-secret",
            "-n",
            "ray",
            "--dry-run=client",
            "-o",
            "yaml",
        ])
        .arg(format!("--from-file=.netrc={}", home.netrc().display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let theirs = YamlLoader::load_from_str(&String::from_utf8(out.stdout).unwrap())
        .unwrap()
        .remove(0);
    for key in ["apiVersion", "kind", "data"] {
        assert_eq!(ours[key], theirs[key], "{key}");
    }
    assert_eq!(ours["metadata"]["name"], theirs["metadata"]["name"]);
    assert_eq!(
        ours["metadata"]["namespace"],
        theirs["metadata"]["namespace"]
    );
    // kubectl leaves the default type out.
    assert!(theirs["type"].is_badvalue() || theirs["type"] == ours["type"]);
}

#[test]
fn secret_refuses_a_broken_netrc_unless_forced() {
    let home = Home::new();
    home.write_netrc("machine a.example login u password p\nmacdef init\ncd /pub");
    home.run(&["kube", "secret"])
        .code(2)
        .stderr_has("macdef-unterminated");
    home.run(&["kube", "secret", "--force"])
        .ok()
        .stdout_has("kind: Secret");
    home.write_netrc("machine a.example login u password \"unterminated\n");
    home.run(&["kube", "secret"])
        .code(2)
        .stderr_has("parse-error");
    home.run(&["kube", "secret", "--file", "/nonexistent/netrc"])
        .code(2)
        .stderr_has("no such file");
}

#[test]
fn readme_walkthrough_on_the_shipped_rayjob() {
    let home = Home::new();
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/rayjob.yaml"))
            .unwrap();
    home.write("rayjob.yaml", &shipped);
    home.run(&["scan", "rayjob.yaml"]).code(1);
    home.run(&["scrub", "rayjob.yaml", "--in-place"])
        .ok()
        .stderr_has("github.com");
    home.run(&["kube", "secret"])
        .ok()
        .stdout_has("kind: Secret");
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
