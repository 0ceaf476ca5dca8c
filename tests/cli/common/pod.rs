//! KubeRay pods as the kubelet would start them: the pod templates of a manifest, and a Ray
//! container's filesystem laid out under a temporary root from its volume mounts.

use std::path::{Path, PathBuf};

use yaml_rust2::Yaml;

/// The cluster spec of a KubeRay document (`None` for other kinds or a RayJob on an existing
/// cluster).
fn cluster_spec(doc: &Yaml) -> Option<&Yaml> {
    let cluster = match doc["kind"].as_str()? {
        "RayCluster" => &doc["spec"],
        "RayJob" => &doc["spec"]["rayClusterSpec"],
        "RayService" => &doc["spec"]["rayClusterConfig"],
        "RayCronJob" => &doc["spec"]["jobTemplate"]["rayClusterSpec"],
        _ => return None,
    };
    (!cluster.is_badvalue()).then_some(cluster)
}

/// Each pod template of a KubeRay document, named: `head`, then `worker group NAME` for each
/// worker group.
pub(crate) fn pod_groups(doc: &Yaml) -> Vec<(String, Yaml)> {
    let Some(cluster) = cluster_spec(doc) else {
        return vec![];
    };
    let mut out = vec![(
        "head".to_string(),
        cluster["headGroupSpec"]["template"]["spec"].clone(),
    )];
    for g in cluster["workerGroupSpecs"].as_vec().into_iter().flatten() {
        let name = g["groupName"].as_str().unwrap_or("?");
        out.push((
            format!("worker group {name}"),
            g["template"]["spec"].clone(),
        ));
    }
    out
}

/// The pod specs of a KubeRay document.
pub(crate) fn pod_specs(doc: &Yaml) -> Vec<Yaml> {
    pod_groups(doc).into_iter().map(|(_, spec)| spec).collect()
}

/// Which mounts of the netrc Secret to lay out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mounts {
    /// Every mount of the Secret, as the patched manifest says.
    All,
    /// Only the directory mounts (what `kube patch` wrote before it added `$HOME/.netrc`).
    DirectoriesOnly,
    /// None: the negative control.
    None,
}

/// `path` (absolute, inside the container) under `root`.
pub(crate) fn rooted(root: &Path, path: &str) -> PathBuf {
    root.join(path.trim_start_matches('/'))
}

/// Lays out the filesystem of container `index` of `pod` under `root` as the kubelet would,
/// and returns the container's environment as its spec sets it (plain values only).
///
/// A mount of a Secret volume whose `secretName` is `secret`'s name is a directory of the
/// Secret's keys (the kubelet's atomic-writer layout: `..data` points to a timestamped
/// directory, each key is a symlink into `..data`), or with `subPath` a single file holding
/// that key; both with the volume's `defaultMode` (0644 when unset). Any other volume is an
/// empty directory.
pub(crate) fn lay_out(
    root: &Path,
    pod: &Yaml,
    index: usize,
    secret: &Yaml,
    mounts: Mounts,
) -> Vec<(String, String)> {
    let container = &pod["containers"][index];
    let secret_name = secret["metadata"]["name"].as_str().unwrap();
    for m in container["volumeMounts"].as_vec().into_iter().flatten() {
        let name = m["name"].as_str().unwrap();
        let at = rooted(root, m["mountPath"].as_str().unwrap());
        let volume = pod["volumes"]
            .as_vec()
            .into_iter()
            .flatten()
            .find(|v| v["name"].as_str() == Some(name))
            .unwrap_or_else(|| panic!("no volume {name} in the pod"));
        let ours = volume["secret"]["secretName"].as_str() == Some(secret_name);
        if !ours {
            std::fs::create_dir_all(&at).unwrap();
            continue;
        }
        assert!(
            volume["secret"]["items"].is_badvalue(),
            "secret items are not laid out here"
        );
        let mode = volume["secret"]["defaultMode"]
            .as_i64()
            .map_or(0o644, |m| m as u32);
        match (m["subPath"].as_str(), mounts) {
            (_, Mounts::None) | (Some(_), Mounts::DirectoriesOnly) => {}
            (Some(key), Mounts::All) => {
                std::fs::create_dir_all(at.parent().unwrap()).unwrap();
                std::fs::write(&at, secret_value(secret, key)).unwrap();
                super::set_mode(&at, mode);
            }
            (None, _) => secret_directory(&at, secret, mode),
        }
    }
    container["env"]
        .as_vec()
        .into_iter()
        .flatten()
        .filter_map(|e| Some((e["name"].as_str()?.into(), e["value"].as_str()?.into())))
        .collect()
}

/// The container's `HOME`: its `env` if it sets one, else its image's. The image's is the one
/// fact not in the manifest: Ray's images (`rayproject/ray`) run as `ray` with `/home/ray`.
pub(crate) fn home(pod: &Yaml, index: usize) -> String {
    let container = &pod["containers"][index];
    let set = container["env"]
        .as_vec()
        .into_iter()
        .flatten()
        .find(|e| e["name"].as_str() == Some("HOME"))
        .and_then(|e| e["value"].as_str());
    if let Some(home) = set {
        return home.to_string();
    }
    let image = container["image"].as_str().unwrap_or("");
    assert!(
        image.starts_with("rayproject/ray"),
        "the HOME of image {image:?} is unknown here"
    );
    "/home/ray".into()
}

fn secret_value(secret: &Yaml, key: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(secret["data"][key].as_str().unwrap())
        .unwrap()
}

/// The kubelet's layout of a Secret volume: `KEY -> ..data/KEY`, `..data -> ..TIMESTAMP`.
fn secret_directory(at: &Path, secret: &Yaml, mode: u32) {
    let stamp = "..2025_01_01_00_00_00.000000000";
    std::fs::create_dir_all(at.join(stamp)).unwrap();
    std::os::unix::fs::symlink(stamp, at.join("..data")).unwrap();
    for key in secret["data"].as_hash().unwrap().keys() {
        let key = key.as_str().unwrap();
        let file = at.join(stamp).join(key);
        std::fs::write(&file, secret_value(secret, key)).unwrap();
        super::set_mode(&file, mode);
        std::os::unix::fs::symlink(Path::new("..data").join(key), at.join(key)).unwrap();
    }
}
