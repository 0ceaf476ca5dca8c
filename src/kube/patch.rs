//! `kube patch`: mount the netrc Secret into every Ray pod of KubeRay manifests.
//!
//! The patch edits YAML as text: a parser with positions finds the pod specs, and the patch
//! only inserts whole lines, so comments, key order, quoting and indentation elsewhere stay
//! byte-identical. Flow style, anchors and aliases on the path it edits are refused rather
//! than rewritten.

use anyhow::{Result, anyhow, bail};

use super::render::{Val, render_item};
use super::tree::{Kind, Node, parse_documents};

#[derive(Debug, Clone)]
pub struct PatchOptions {
    pub secret: String,
    pub volume_name: String,
    pub mount_path: String,
    pub key: String,
    pub all_containers: bool,
}

impl PatchOptions {
    /// `NETRC`'s value: the mounted file.
    pub fn netrc_path(&self) -> String {
        format!("{}/{}", self.mount_path.trim_end_matches('/'), self.key)
    }
}

/// What already stands where the patch would go, so that nothing is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClashKind {
    /// A volume of our name that is not our Secret.
    VolumeNotTheSecret,
    /// Our volume mounted at our path, but writable.
    MountNotReadOnly,
    /// Our volume mounted at another path.
    MountedElsewhere,
    /// Another volume mounted at our path.
    MountPathTaken,
    /// `NETRC` set to another value, or from a reference.
    NetrcSetElsewhere,
}

/// A clash at a path in a document (`file: document 1 (RayCluster c): spec...env[0]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub path: String,
    pub kind: ClashKind,
    volume_name: String,
    secret: String,
    mount_path: String,
}

impl Clash {
    fn new(path: &str, kind: ClashKind, o: &PatchOptions) -> Clash {
        Clash {
            path: path.to_string(),
            kind,
            volume_name: o.volume_name.clone(),
            secret: o.secret.clone(),
            mount_path: o.mount_path.clone(),
        }
    }
}

impl std::fmt::Display for Clash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Clash {
            path,
            volume_name,
            secret,
            mount_path,
            ..
        } = self;
        match self.kind {
            ClashKind::VolumeNotTheSecret => write!(
                f,
                "{path}: a volume named {volume_name} already exists and is not the Secret {secret}"
            ),
            ClashKind::MountNotReadOnly => write!(
                f,
                "{path}: mounts {volume_name} at the netrc's path but not read-only"
            ),
            ClashKind::MountedElsewhere => write!(
                f,
                "{path}: mounts {volume_name} somewhere else than {mount_path}"
            ),
            ClashKind::MountPathTaken => {
                write!(f, "{path}: another volume is mounted at {mount_path}")
            }
            ClashKind::NetrcSetElsewhere => {
                write!(f, "{path}: NETRC is already set to something else")
            }
        }?;
        f.write_str("; nothing written")
    }
}

impl std::error::Error for Clash {}

struct Patcher<'t> {
    text: &'t str,
    opts: &'t PatchOptions,
    nl: &'static str,
    edits: Vec<(usize, String)>,
    /// Where each change went, for the summary.
    changes: Vec<String>,
    warnings: Vec<String>,
}

impl<'t> Patcher<'t> {
    /// Start of the line after the last line of `node`'s content (trailing blank and comment
    /// lines belong to what follows).
    fn after_content(&self, node: &Node) -> usize {
        let text = self.text;
        let last_line_end = text[node.last_start..]
            .find('\n')
            .map_or(text.len(), |i| node.last_start + i + 1);
        let mut at = text[..node.end.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        if node.end >= text.len() && !text.ends_with('\n') {
            at = text.len();
        }
        while at > last_line_end {
            let prev_start = text[..at - 1].rfind('\n').map_or(0, |i| i + 1);
            let line = text[prev_start..at].trim();
            if line.is_empty() || line.starts_with('#') {
                at = prev_start;
            } else {
                break;
            }
        }
        at.max(last_line_end)
    }

    fn insert_lines(&mut self, at: usize, lines: String) {
        let lines = if at == self.text.len() && !self.text.is_empty() && !self.text.ends_with('\n')
        {
            format!("{}{lines}", self.nl)
        } else {
            lines
        };
        self.edits.push((at, lines));
    }

    fn editable(&self, node: &Node, path: &str) -> Result<()> {
        if node.flow {
            bail!(
                "{path}: written in flow style (`{{...}}` or `[...]`); netrc-guard will not rewrite it; write it in block style and run again"
            );
        }
        if node.anchored || matches!(node.kind, Kind::Alias) {
            bail!(
                "{path}: uses a YAML anchor or alias; patching it would change every place that shares it; expand it and run again"
            );
        }
        Ok(())
    }

    /// Ensures `map[key]` is a block sequence holding an item that `matches`; `accept`
    /// decides whether a found item is ours (Ok(true)), a clash (Err) or someone else's
    /// (Ok(false)).
    fn ensure_item(
        &mut self,
        map: &Node,
        map_path: &str,
        key: &str,
        accept: &dyn Fn(&Node, &str) -> Result<bool>,
        fields: Vec<(&'static str, Val)>,
        indentless: bool,
    ) -> Result<()> {
        let path = format!("{map_path}.{key}");
        match map.get(key) {
            Some(seq) if matches!(&seq.kind, Kind::Scalar(s) if s.is_empty() || s == "null" || s == "~") =>
            {
                bail!("{path}: is empty (null); remove the key or give it a list, and run again")
            }
            Some(seq) => {
                self.editable(seq, &path)?;
                if !matches!(seq.kind, Kind::Seq(_)) {
                    bail!("{path}: is not a list");
                }
                for (i, item) in seq.items().iter().enumerate() {
                    if accept(item, &format!("{path}[{i}]"))? {
                        return Ok(());
                    }
                }
                let first = &seq.items()[0];
                let dash_col = self.dash_col(first);
                let at = self.after_content(seq);
                self.insert_lines(at, render_item(&fields, dash_col, self.nl));
            }
            None => {
                let key_col = map.key_col();
                let dash_col = if indentless { key_col } else { key_col + 2 };
                let mut lines = format!("{}{key}:{}", " ".repeat(key_col), self.nl);
                lines.push_str(&render_item(&fields, dash_col, self.nl));
                let at = self.after_content(map);
                self.insert_lines(at, lines);
            }
        }
        self.changes.push(path);
        Ok(())
    }

    /// The column of the `-` before a sequence item.
    fn dash_col(&self, item: &Node) -> usize {
        let before = &self.text[..item.start];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        match before[line_start..].rfind('-') {
            Some(i) => self.text[line_start..line_start + i].chars().count(),
            None => item.col.saturating_sub(2),
        }
    }

    fn pod_spec(&mut self, spec: &Node, path: &str) -> Result<()> {
        self.editable(spec, path)?;
        if !matches!(spec.kind, Kind::Map(_)) {
            bail!("{path}: is not a mapping");
        }
        let containers = spec
            .get("containers")
            .ok_or_else(|| anyhow!("{path}: has no `containers`"))?;
        self.editable(containers, &format!("{path}.containers"))?;
        let indentless = containers
            .items()
            .first()
            .is_some_and(|first| self.dash_col(first) == spec.key_col());
        self.ensure_volume(spec, path, indentless)?;
        let count = if self.opts.all_containers {
            containers.items().len()
        } else {
            1
        };
        for (i, container) in containers.items().iter().take(count).enumerate() {
            let cpath = format!("{path}.containers[{i}]");
            self.editable(container, &cpath)?;
            self.ensure_mount(container, &cpath, indentless)?;
            self.ensure_env(container, &cpath, indentless)?;
        }
        Ok(())
    }

    /// The pod's `volumes` holds the Secret volume.
    fn ensure_volume(&mut self, spec: &Node, path: &str, indentless: bool) -> Result<()> {
        let o = self.opts;
        let accept = |item: &Node, at: &str| -> Result<bool> {
            if item.str_at("name") != Some(o.volume_name.as_str()) {
                return Ok(false);
            }
            let secret_name = item.get("secret").and_then(|s| s.str_at("secretName"));
            if secret_name == Some(o.secret.as_str()) {
                Ok(true)
            } else {
                Err(Clash::new(at, ClashKind::VolumeNotTheSecret, o).into())
            }
        };
        let fields = vec![
            ("name", Val::Str(o.volume_name.clone())),
            (
                "secret",
                Val::Map(vec![("secretName", Val::Str(o.secret.clone()))]),
            ),
        ];
        self.ensure_item(spec, path, "volumes", &accept, fields, indentless)
    }

    /// The container's `volumeMounts` mounts the volume read-only at the mount path.
    fn ensure_mount(&mut self, container: &Node, path: &str, indentless: bool) -> Result<()> {
        let o = self.opts;
        let accept = |item: &Node, at: &str| -> Result<bool> {
            let same_name = item.str_at("name") == Some(o.volume_name.as_str());
            let mount = item.str_at("mountPath").map(|m| m.trim_end_matches('/'));
            let same_path = mount == Some(o.mount_path.trim_end_matches('/'));
            let clash = match (same_name, same_path) {
                (false, false) => return Ok(false),
                (true, true) if item.str_at("readOnly") == Some("true") => return Ok(true),
                (true, true) => ClashKind::MountNotReadOnly,
                (true, false) => ClashKind::MountedElsewhere,
                (false, true) => ClashKind::MountPathTaken,
            };
            Err(Clash::new(at, clash, o).into())
        };
        let fields = vec![
            ("name", Val::Str(o.volume_name.clone())),
            ("mountPath", Val::Str(o.mount_path.clone())),
            ("readOnly", Val::Bool(true)),
        ];
        self.ensure_item(container, path, "volumeMounts", &accept, fields, indentless)
    }

    /// The container's `env` sets NETRC to the mounted file.
    fn ensure_env(&mut self, container: &Node, path: &str, indentless: bool) -> Result<()> {
        let o = self.opts;
        let netrc = o.netrc_path();
        let accept = |item: &Node, at: &str| -> Result<bool> {
            if item.str_at("name") != Some("NETRC") {
                return Ok(false);
            }
            if item.str_at("value") == Some(netrc.as_str()) && item.get("valueFrom").is_none() {
                Ok(true)
            } else {
                Err(Clash::new(at, ClashKind::NetrcSetElsewhere, o).into())
            }
        };
        let fields = vec![
            ("name", Val::Str("NETRC".into())),
            ("value", Val::Str(netrc.clone())),
        ];
        self.ensure_item(container, path, "env", &accept, fields, indentless)
    }

    fn cluster_spec(&mut self, spec: &Node, path: &str) -> Result<()> {
        self.editable(spec, path)?;
        let head = spec
            .get("headGroupSpec")
            .ok_or_else(|| anyhow!("{path}: has no headGroupSpec"))?;
        for misplaced in ["containers", "volumes"] {
            if head.get(misplaced).is_some() {
                self.warnings.push(format!(
                    "{path}.headGroupSpec.{misplaced} is dropped by the API server (it belongs under template.spec); the patch goes to template.spec"
                ));
            }
        }
        let pod = head
            .get("template")
            .and_then(|t| t.get("spec"))
            .ok_or_else(|| anyhow!("{path}.headGroupSpec: has no template.spec"))?;
        self.pod_spec(pod, &format!("{path}.headGroupSpec.template.spec"))?;
        if let Some(groups) = spec.get("workerGroupSpecs") {
            self.editable(groups, &format!("{path}.workerGroupSpecs"))?;
            for (i, g) in groups.items().iter().enumerate() {
                let gpath = format!("{path}.workerGroupSpecs[{i}]");
                let pod = g
                    .get("template")
                    .and_then(|t| t.get("spec"))
                    .ok_or_else(|| anyhow!("{gpath}: has no template.spec"))?;
                self.pod_spec(pod, &format!("{gpath}.template.spec"))?;
            }
        }
        Ok(())
    }
}

/// What patching one file did.
pub struct Patched {
    pub output: String,
    /// Paths (in the documents) that were changed.
    pub changes: Vec<String>,
    /// Documents left alone: not a KubeRay kind, or a RayJob without its own cluster.
    pub skipped: Vec<String>,
    /// Fields the API server would drop, found on the way.
    pub warnings: Vec<String>,
}

/// Patches every KubeRay document in `text` (from the file `name`). Errors name the file and
/// the line, or the document and the path in it.
pub fn patch(name: &str, text: &str, opts: &PatchOptions) -> Result<Patched> {
    let docs =
        parse_documents(text).map_err(|e| anyhow!("{name}:{}: {}", e.position, e.message))?;
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut p = Patcher {
        text,
        opts,
        nl,
        edits: Vec::new(),
        changes: Vec::new(),
        warnings: Vec::new(),
    };
    let mut skipped = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let kind = doc.str_at("kind").unwrap_or("").to_string();
        let api = doc.str_at("apiVersion").unwrap_or("");
        let object = doc
            .get("metadata")
            .and_then(|m| m.str_at("name"))
            .unwrap_or("");
        let label = format!("document {} ({kind} {object})", d + 1);
        let cluster_path: &[&str] = match (api.starts_with("ray.io/"), kind.as_str()) {
            (true, "RayCluster") => &["spec"],
            (true, "RayJob") => &["spec", "rayClusterSpec"],
            (true, "RayService") => &["spec", "rayClusterConfig"],
            (true, "RayCronJob") => &["spec", "jobTemplate", "rayClusterSpec"],
            _ => {
                skipped.push(format!(
                    "{label}: not a KubeRay RayCluster, RayJob, RayService or RayCronJob"
                ));
                continue;
            }
        };
        let mut node = Some(doc);
        for key in cluster_path {
            node = node.and_then(|n| n.get(key));
        }
        match node {
            Some(spec) => p.cluster_spec(
                spec,
                &format!("{name}: {label}: {}", cluster_path.join(".")),
            )?,
            None => skipped.push(format!(
                "{label}: no {}, so no pods to patch",
                cluster_path.join(".")
            )),
        }
    }
    // Back to front. Insertions at one offset end a container and its pod spec alike: the
    // deeper lines must come first, and lines of one depth in the order they were made, so
    // the shallowest is inserted first and the last made of a depth before the others.
    let mut output = text.to_string();
    let mut edits: Vec<_> = std::mem::take(&mut p.edits)
        .into_iter()
        .enumerate()
        .collect();
    let indent = |s: &str| {
        s.trim_start_matches(['\r', '\n']).len() - s.trim_start_matches(['\r', '\n', ' ']).len()
    };
    edits.sort_by_key(|(i, (at, lines))| {
        (std::cmp::Reverse(*at), indent(lines), std::cmp::Reverse(*i))
    });
    for (_, (at, lines)) in edits {
        output.insert_str(at, &lines);
    }
    Ok(Patched {
        output,
        changes: p.changes,
        skipped,
        warnings: p.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> PatchOptions {
        PatchOptions {
            secret: "netrc-secret".into(),
            volume_name: "netrc-kuberay".into(),
            mount_path: "/home/ray/netrcvolume/".into(),
            key: ".netrc".into(),
            all_containers: false,
        }
    }

    const CLUSTER: &str = "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: c\nspec:\n  headGroupSpec:\n    rayStartParams: {}\n    template:\n      spec:\n        containers:\n        - name: ray-head # the head\n          image: rayproject/ray\n        # trailing comment\n  workerGroupSpecs:\n  - groupName: w\n    template:\n      spec:\n        containers:\n          - name: ray-worker\n            image: rayproject/ray\n            env:\n              - name: A\n                value: b\n        volumes:\n          - name: other\n            emptyDir: {}\n";

    #[test]
    fn patch_inserts_lines_only() {
        let out = patch("f", CLUSTER, &opts()).unwrap().output;
        let expected = "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: c\nspec:\n  headGroupSpec:\n    rayStartParams: {}\n    template:\n      spec:\n        containers:\n        - name: ray-head # the head\n          image: rayproject/ray\n          volumeMounts:\n          - name: netrc-kuberay\n            mountPath: /home/ray/netrcvolume/\n            readOnly: true\n          env:\n          - name: NETRC\n            value: /home/ray/netrcvolume/.netrc\n        volumes:\n        - name: netrc-kuberay\n          secret:\n            secretName: netrc-secret\n        # trailing comment\n  workerGroupSpecs:\n  - groupName: w\n    template:\n      spec:\n        containers:\n          - name: ray-worker\n            image: rayproject/ray\n            env:\n              - name: A\n                value: b\n              - name: NETRC\n                value: /home/ray/netrcvolume/.netrc\n            volumeMounts:\n              - name: netrc-kuberay\n                mountPath: /home/ray/netrcvolume/\n                readOnly: true\n        volumes:\n          - name: other\n            emptyDir: {}\n          - name: netrc-kuberay\n            secret:\n              secretName: netrc-secret\n";
        assert_eq!(out, expected);
        let again = patch("f", &out, &opts()).unwrap();
        assert_eq!(again.output, out);
        assert!(again.changes.is_empty());
    }

    #[test]
    fn clashes_name_the_path() {
        let text = CLUSTER.replace(
            "name: A\n                value: b",
            "name: NETRC\n                value: /elsewhere",
        );
        let e = patch("f", &text, &opts()).err().unwrap().to_string();
        assert!(
            e.contains(
                "workerGroupSpecs[0].template.spec.containers[0].env[0]: NETRC is already set"
            ),
            "{e}"
        );
        let text = CLUSTER.replace("name: other", "name: netrc-kuberay");
        let err = patch("f", &text, &opts()).err().unwrap();
        let clash = err.downcast_ref::<Clash>().expect("a typed clash");
        assert_eq!(clash.kind, ClashKind::VolumeNotTheSecret);
        let e = err.to_string();
        assert!(
            e.contains("volumes[0]: a volume named netrc-kuberay"),
            "{e}"
        );
    }

    #[test]
    fn flow_style_and_anchors_are_refused() {
        let text = CLUSTER.replace(
            "        volumes:\n          - name: other\n            emptyDir: {}\n",
            "        volumes: [{name: other}]\n",
        );
        assert!(
            patch("f", &text, &opts())
                .err()
                .unwrap()
                .to_string()
                .contains("flow style")
        );
        let text = CLUSTER.replace(
            "      spec:\n        containers:\n        - name: ray-head",
            "      spec: &pod\n        containers:\n        - name: ray-head",
        );
        assert!(
            patch("f", &text, &opts())
                .err()
                .unwrap()
                .to_string()
                .contains("anchor")
        );
    }

    #[test]
    fn other_kinds_pass_through() {
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n";
        let p = patch("f", text, &opts()).unwrap();
        assert_eq!(p.output, text);
        assert_eq!(p.skipped.len(), 1);
    }
}
