//! `kube patch`: mount the netrc Secret into every Ray pod of KubeRay manifests, twice: as a
//! directory that `NETRC` points into (requests, pip, uv, Ray) and as `<home>/.netrc` (git and
//! curl before libcurl 8.16 read only that).
//!
//! The patch edits YAML as text: a parser with positions finds the pod specs, and the patch
//! inserts whole lines, so comments, key order, quoting and indentation elsewhere stay
//! byte-identical. The one edit that is not an insertion: an empty flow list (`env: []`) loses
//! its `[]` and gets the new items as a block list below its key, the same list with items
//! added. Other flow style, anchors and aliases on the path it edits are refused.

use super::clash::{Clash, ClashKind};
use super::error::{KubeError, Shape};
use super::names::trimmed;
use super::options::PatchOptions;
use super::outcome::{Dropped, PatchNote, SkipReason, Skipped};
use crate::text::Place;
use crate::text::yaml::Node;
use crate::text::yaml::edit::{Edit, after_content, apply, dash_col, empty_flow_brackets};
use crate::text::yaml::query::{Query, parse_documents};
use crate::text::yaml::render::{Val, render_item};
use crate::uri::shown_name;

type Fields = Vec<(&'static str, Val)>;
type Result<T, E = KubeError> = std::result::Result<T, E>;

/// What an existing list item is to the patch: the wanted item it already is (by index),
/// none of them (`None`), or a clash (`Err`).
type Classify<'a> = dyn Fn(&Node, &str) -> Result<Option<usize>> + 'a;

/// How YAML 1.2 core and the API server spell true.
fn is_true(value: Option<&str>) -> bool {
    matches!(value, Some("true" | "True" | "TRUE"))
}

struct Patcher<'t> {
    text: &'t str,
    opts: &'t PatchOptions,
    nl: &'static str,
    edits: Vec<Edit>,
    /// Where each change went, for the summary.
    changes: Vec<String>,
    warnings: Vec<Dropped>,
    /// Pod templates found (patched or already patched).
    pods: usize,
    /// Whether a `<home>/.netrc` subPath mount was added somewhere.
    file_mount_added: bool,
}

impl<'t> Patcher<'t> {
    fn insert(&mut self, at: usize, text: String, depth: usize) {
        self.edits.push(Edit::insertion(at, text, depth));
    }

    fn no_anchor(&self, node: &Node, path: &str) -> Result<()> {
        if node.shared() {
            return Err(KubeError::shape(path, Shape::Anchor));
        }
        Ok(())
    }

    fn no_flow(&self, node: &Node, path: &str) -> Result<()> {
        if node.is_flow() {
            return Err(KubeError::shape(path, Shape::Flow));
        }
        Ok(())
    }

    /// A block mapping, not shared through an anchor.
    fn block_map(&self, node: &Node, path: &str) -> Result<()> {
        self.no_anchor(node, path)?;
        if !node.is_map() {
            return Err(KubeError::shape(path, Shape::NotMapping));
        }
        self.no_flow(node, path)
    }

    /// For an empty flow list `key: []`, the bytes to delete; `None` for a block list. Any
    /// other flow list is refused.
    fn empty_flow_list(&self, seq: &Node, path: &str) -> Result<Option<(usize, usize)>> {
        if !seq.is_flow() {
            return Ok(None);
        }
        match empty_flow_brackets(self.text, seq) {
            Some(span) => Ok(Some(span)),
            None => self.no_flow(seq, path).map(|()| None),
        }
    }

    /// Ensures `map[key]` is a list holding every `wanted` item: existing items are run
    /// through `classify`, and the missing ones are added after the last item (or under a new
    /// key). Returns the indices of the items added.
    fn ensure_items(
        &mut self,
        map: &Node,
        map_path: &str,
        key: &str,
        classify: &Classify,
        wanted: &[Fields],
        indentless: bool,
    ) -> Result<Vec<usize>> {
        let path = format!("{map_path}.{key}");
        let key_col = map.key_col();
        let new_dash_col = if indentless { key_col } else { key_col + 2 };
        let seq = match map.get(key) {
            Some(seq) if seq.is_null() => {
                return Err(KubeError::shape(&path, Shape::NullList));
            }
            Some(seq) => seq,
            None => {
                let mut lines = format!("{}{key}:{}", " ".repeat(key_col), self.nl);
                for fields in wanted {
                    lines.push_str(&render_item(fields, new_dash_col, self.nl));
                }
                let at = after_content(self.text, map);
                self.insert(at, lines, map.depth);
                self.changes.push(path);
                return Ok((0..wanted.len()).collect());
            }
        };
        self.no_anchor(seq, &path)?;
        if !seq.is_seq() {
            return Err(KubeError::shape(&path, Shape::NotList));
        }
        let emptied = self.empty_flow_list(seq, &path)?;
        let mut found = vec![false; wanted.len()];
        for (i, item) in seq.items().iter().enumerate() {
            if let Some(w) = classify(item, &format!("{path}[{i}]"))? {
                found[w] = true;
            }
        }
        let missing: Vec<usize> = (0..wanted.len()).filter(|&w| !found[w]).collect();
        if missing.is_empty() {
            return Ok(missing);
        }
        let dash_col = seq
            .items()
            .first()
            .map_or(new_dash_col, |first| dash_col(self.text, first));
        let mut lines = String::new();
        for &w in &missing {
            lines.push_str(&render_item(&wanted[w], dash_col, self.nl));
        }
        if let Some((start, end)) = emptied {
            self.edits.push(Edit {
                start,
                end,
                text: String::new(),
                depth: 0,
            });
        }
        let at = after_content(self.text, seq);
        self.insert(at, lines, seq.depth);
        self.changes.push(path);
        Ok(missing)
    }

    fn pod_spec(&mut self, spec: &Node, path: &str) -> Result<()> {
        self.block_map(spec, path)?;
        let cpath = format!("{path}.containers");
        let containers = match spec.get("containers") {
            None => return Err(KubeError::shape(path, Shape::NoContainers)),
            Some(c) if c.is_null() => return Err(KubeError::shape(&cpath, Shape::NullContainers)),
            Some(c) => c,
        };
        self.no_anchor(containers, &cpath)?;
        if !containers.is_seq() {
            return Err(KubeError::shape(&cpath, Shape::NotList));
        }
        let Some(first) = containers.items().first() else {
            return Err(KubeError::shape(&cpath, Shape::EmptyContainers));
        };
        self.no_flow(containers, &cpath)?;
        self.pods += 1;
        let indentless = dash_col(self.text, first) == spec.key_col();
        self.ensure_volume(spec, path, indentless)?;
        let count = if self.opts.all_containers {
            containers.items().len()
        } else {
            1
        };
        for (i, container) in containers.items().iter().take(count).enumerate() {
            let cpath = format!("{cpath}[{i}]");
            self.block_map(container, &cpath)?;
            self.ensure_mounts(container, &cpath, indentless)?;
            self.ensure_env(container, &cpath, indentless)?;
        }
        Ok(())
    }

    /// The pod's `volumes` holds the Secret volume.
    fn ensure_volume(&mut self, spec: &Node, path: &str, indentless: bool) -> Result<()> {
        let o = self.opts;
        let classify = |item: &Node, at: &str| -> Result<Option<usize>> {
            if item.str_at("name") != Some(o.volume_name.as_str()) {
                return Ok(None);
            }
            let secret_name = item.get("secret").and_then(|s| s.str_at("secretName"));
            if secret_name == Some(o.secret.as_str()) {
                Ok(Some(0))
            } else {
                Err(Clash::new(at, ClashKind::VolumeNotTheSecret, &o.mount_path, o).into())
            }
        };
        let volume = vec![
            ("name", Val::Str(o.volume_name.clone())),
            (
                "secret",
                Val::Map(vec![("secretName", Val::Str(o.secret.clone()))]),
            ),
        ];
        self.ensure_items(spec, path, "volumes", &classify, &[volume], indentless)?;
        Ok(())
    }

    /// The container's `volumeMounts` mounts the volume read-only as a directory at the mount
    /// path (item 0), and its netrc key read-only at `<home>/.netrc` (item 1).
    fn ensure_mounts(&mut self, container: &Node, path: &str, indentless: bool) -> Result<()> {
        let o = self.opts;
        let dir = trimmed(&o.mount_path);
        let file = o.home_netrc();
        let classify = |item: &Node, at: &str| -> Result<Option<usize>> {
            let ours = item.str_at("name") == Some(o.volume_name.as_str());
            let mount = item.str_at("mountPath").map_or("", trimmed);
            let sub_path = item.str_at("subPath").filter(|s| !s.is_empty());
            let sub_path_expr = item.get("subPathExpr").is_some();
            let (wanted, ours_here, taken, our_mount) = if mount == dir {
                let whole = sub_path.is_none() && !sub_path_expr;
                (0, ours && whole, ClashKind::MountPathTaken, &o.mount_path)
            } else if mount == file {
                let the_key = sub_path == Some(o.key.as_str()) && !sub_path_expr;
                (1, ours && the_key, ClashKind::NetrcFileTaken, &file)
            } else if ours {
                return Err(Clash::new(at, ClashKind::MountedElsewhere, &o.mount_path, o).into());
            } else {
                return Ok(None);
            };
            let clash = match (ours_here, is_true(item.str_at("readOnly"))) {
                (true, true) => return Ok(Some(wanted)),
                (true, false) => ClashKind::MountNotReadOnly,
                (false, _) => taken,
            };
            Err(Clash::new(at, clash, our_mount, o).into())
        };
        let directory = vec![
            ("name", Val::Str(o.volume_name.clone())),
            ("mountPath", Val::Str(o.mount_path.clone())),
            ("readOnly", Val::Bool(true)),
        ];
        let home_file = vec![
            ("name", Val::Str(o.volume_name.clone())),
            ("mountPath", Val::Str(file.clone())),
            ("subPath", Val::Str(o.key.clone())),
            ("readOnly", Val::Bool(true)),
        ];
        let added = self.ensure_items(
            container,
            path,
            "volumeMounts",
            &classify,
            &[directory, home_file],
            indentless,
        )?;
        self.file_mount_added |= added.contains(&1);
        Ok(())
    }

    /// The container's `env` sets NETRC to the mounted file, and leaves HOME at `--home`.
    fn ensure_env(&mut self, container: &Node, path: &str, indentless: bool) -> Result<()> {
        let o = self.opts;
        let netrc = o.netrc_path();
        let classify = |item: &Node, at: &str| -> Result<Option<usize>> {
            let from_reference = item.get("valueFrom").is_some();
            let value = item.str_at("value");
            let clash = match item.str_at("name") {
                Some("NETRC") if value == Some(netrc.as_str()) && !from_reference => {
                    return Ok(Some(0));
                }
                Some("NETRC") => ClashKind::NetrcSetElsewhere,
                Some("HOME") if value.map(trimmed) == Some(trimmed(&o.home)) && !from_reference => {
                    return Ok(None);
                }
                Some("HOME") => ClashKind::HomeElsewhere,
                _ => return Ok(None),
            };
            Err(Clash::new(at, clash, &o.mount_path, o).into())
        };
        let netrc_var = vec![
            ("name", Val::Str("NETRC".into())),
            ("value", Val::Str(netrc.clone())),
        ];
        self.ensure_items(container, path, "env", &classify, &[netrc_var], indentless)?;
        Ok(())
    }

    /// A group's `template.spec`, each step a block mapping of its own.
    fn template_spec<'n>(&self, group: &'n Node, path: &str) -> Result<&'n Node> {
        self.block_map(group, path)?;
        let template = group
            .get("template")
            .ok_or_else(|| KubeError::shape(path, Shape::NoTemplateSpec))?;
        self.block_map(template, &format!("{path}.template"))?;
        template
            .get("spec")
            .ok_or_else(|| KubeError::shape(path, Shape::NoTemplateSpec))
    }

    fn cluster_spec(&mut self, spec: &Node, path: &str) -> Result<()> {
        self.block_map(spec, path)?;
        let head = spec
            .get("headGroupSpec")
            .ok_or_else(|| KubeError::shape(path, Shape::NoHeadGroupSpec))?;
        let hpath = format!("{path}.headGroupSpec");
        for misplaced in ["containers", "volumes"] {
            if head.get(misplaced).is_some() {
                self.warnings.push(Dropped {
                    group: hpath.clone(),
                    field: misplaced,
                });
            }
        }
        let pod = self.template_spec(head, &hpath)?;
        self.pod_spec(pod, &format!("{hpath}.template.spec"))?;
        let gpath = format!("{path}.workerGroupSpecs");
        // Absent, null and `[]` alike: no worker groups, nothing to patch there.
        let Some(groups) = spec.get("workerGroupSpecs").filter(|g| !g.is_null()) else {
            return Ok(());
        };
        self.no_anchor(groups, &gpath)?;
        if !groups.is_seq() {
            return Err(KubeError::shape(&gpath, Shape::NotList));
        }
        if !groups.items().is_empty() {
            self.no_flow(groups, &gpath)?;
        }
        for (i, group) in groups.items().iter().enumerate() {
            let gpath = format!("{gpath}[{i}]");
            let pod = self.template_spec(group, &gpath)?;
            self.pod_spec(pod, &format!("{gpath}.template.spec"))?;
        }
        Ok(())
    }
}

/// What patching one file did.
#[derive(Debug)]
pub(crate) struct Patched {
    pub output: String,
    /// Paths (in the documents) that were changed.
    pub changes: Vec<String>,
    /// Ray pod templates found, patched now or before: none means there was nothing to patch.
    pub pods: usize,
    /// Documents left alone, and why: not a KubeRay kind, or no pods of their own.
    pub skipped: Vec<Skipped>,
    /// Fields the API server would drop, found on the way.
    pub warnings: Vec<Dropped>,
    /// What the user should know about what was added.
    pub notes: Vec<PatchNote>,
}

/// Where a KubeRay kind keeps its cluster spec; `None` for other kinds.
fn cluster_path(api: &str, kind: &str) -> Option<&'static [&'static str]> {
    match (api.starts_with("ray.io/"), kind) {
        (true, "RayCluster") => Some(&["spec"]),
        (true, "RayJob") => Some(&["spec", "rayClusterSpec"]),
        (true, "RayService") => Some(&["spec", "rayClusterConfig"]),
        (true, "RayCronJob") => Some(&["spec", "jobTemplate", "rayClusterSpec"]),
        _ => None,
    }
}

/// Patches every KubeRay document in `text` (from the file `name`). Errors name the file and
/// the line, or the document and the path in it.
pub(super) fn patch(name: &str, text: &str, opts: &PatchOptions) -> Result<Patched> {
    opts.check()?;
    let docs = parse_documents(text).map_err(|e| KubeError::Syntax {
        place: Place::at(name, e.position),
        message: e.message,
    })?;
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut p = Patcher {
        text,
        opts,
        nl,
        edits: Vec::new(),
        changes: Vec::new(),
        warnings: Vec::new(),
        pods: 0,
        file_mount_added: false,
    };
    let mut skipped = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let kind = doc.str_at("kind").unwrap_or("");
        let object = doc
            .get("metadata")
            .and_then(|m| m.str_at("name"))
            .unwrap_or("");
        let (shown_kind, object) = (shown_name(kind), shown_name(object));
        let label = format!("document {} ({shown_kind} {object})", d + 1);
        let Some(keys) = cluster_path(doc.str_at("apiVersion").unwrap_or(""), kind) else {
            skipped.push(Skipped {
                document: label,
                why: SkipReason::NotKubeRay,
            });
            continue;
        };
        if doc.is_flow() {
            return Err(KubeError::FlowDocument {
                file: name.to_string(),
                document: label,
            });
        }
        if let Some((key, path)) = crate::text::yaml::repeated::first_repeated_key(doc, "") {
            return Err(KubeError::RepeatedKey {
                place: Place::at(name, key.start.at),
                document: label,
                path,
            });
        }
        let spec = keys
            .iter()
            .try_fold(doc, |node, key| node.get(key))
            .filter(|n| !n.is_null());
        match spec {
            Some(spec) => p.cluster_spec(spec, &format!("{name}: {label}: {}", keys.join(".")))?,
            None if kind == "RayJob"
                && doc
                    .get("spec")
                    .and_then(|s| s.get("clusterSelector"))
                    .is_some() =>
            {
                skipped.push(Skipped {
                    document: label,
                    why: SkipReason::RunsOnExistingCluster,
                });
            }
            None => skipped.push(Skipped {
                document: label,
                why: SkipReason::NoClusterSpec {
                    path: keys.join("."),
                },
            }),
        }
    }
    let mut notes = Vec::new();
    if p.file_mount_added {
        notes.push(PatchNote::SubPathCopy {
            home_netrc: opts.home_netrc(),
            mount_path: opts.mount_path.clone(),
        });
    }
    Ok(Patched {
        output: apply(text, std::mem::take(&mut p.edits), nl),
        changes: p.changes,
        pods: p.pods,
        skipped,
        warnings: p.warnings,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> PatchOptions {
        super::super::options::tests::defaults()
    }

    const CLUSTER: &str = "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: c\nspec:\n  headGroupSpec:\n    rayStartParams: {}\n    template:\n      spec:\n        containers:\n        - name: ray-head # the head\n          image: rayproject/ray\n        # trailing comment\n  workerGroupSpecs:\n  - groupName: w\n    template:\n      spec:\n        containers:\n          - name: ray-worker\n            image: rayproject/ray\n            env:\n              - name: A\n                value: b\n        volumes:\n          - name: other\n            emptyDir: {}\n";

    fn patched(text: &str) -> String {
        let p = patch("f", text, &opts()).unwrap();
        let again = patch("f", &p.output, &opts()).unwrap();
        assert_eq!(again.output, p.output, "idempotent");
        assert!(again.changes.is_empty());
        p.output
    }

    #[test]
    fn patch_inserts_lines_only() {
        let expected = "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: c\nspec:\n  headGroupSpec:\n    rayStartParams: {}\n    template:\n      spec:\n        containers:\n        - name: ray-head # the head\n          image: rayproject/ray\n          volumeMounts:\n          - name: netrc-kuberay\n            mountPath: /home/ray/netrcvolume/\n            readOnly: true\n          - name: netrc-kuberay\n            mountPath: /home/ray/.netrc\n            subPath: .netrc\n            readOnly: true\n          env:\n          - name: NETRC\n            value: /home/ray/netrcvolume/.netrc\n        volumes:\n        - name: netrc-kuberay\n          secret:\n            secretName: netrc-secret\n        # trailing comment\n  workerGroupSpecs:\n  - groupName: w\n    template:\n      spec:\n        containers:\n          - name: ray-worker\n            image: rayproject/ray\n            env:\n              - name: A\n                value: b\n              - name: NETRC\n                value: /home/ray/netrcvolume/.netrc\n            volumeMounts:\n              - name: netrc-kuberay\n                mountPath: /home/ray/netrcvolume/\n                readOnly: true\n              - name: netrc-kuberay\n                mountPath: /home/ray/.netrc\n                subPath: .netrc\n                readOnly: true\n        volumes:\n          - name: other\n            emptyDir: {}\n          - name: netrc-kuberay\n            secret:\n              secretName: netrc-secret\n";
        assert_eq!(patched(CLUSTER), expected);
    }

    /// In an indentless file a new key and a new item of the list before it start at the same
    /// column: the item must still go to the list, not after the new key.
    #[test]
    fn an_item_for_a_list_that_ends_the_container_goes_to_that_list() {
        let text = "apiVersion: ray.io/v1\nkind: RayCluster\nspec:\n  headGroupSpec:\n    template:\n      spec:\n        containers:\n        - name: ray-head\n          env:\n          - name: A\n            value: b\n";
        let out = patched(text);
        let doc = yaml_rust2::YamlLoader::load_from_str(&out)
            .unwrap()
            .remove(0);
        let c = &doc["spec"]["headGroupSpec"]["template"]["spec"]["containers"][0];
        assert_eq!(c["env"].as_vec().unwrap().len(), 2, "{out}");
        assert_eq!(c["volumeMounts"].as_vec().unwrap().len(), 2, "{out}");
    }

    #[test]
    fn empty_flow_lists_lose_only_their_brackets() {
        let text = "apiVersion: ray.io/v1\nkind: RayCluster\nspec:\n  headGroupSpec:\n    template:\n      spec:\n        containers:\n        - name: ray-head\n          env: [] # none yet\n          volumeMounts:   [ ]\n        volumes: []\n  workerGroupSpecs: []\n";
        let out = patched(text);
        assert_eq!(
            out,
            "apiVersion: ray.io/v1\nkind: RayCluster\nspec:\n  headGroupSpec:\n    template:\n      spec:\n        containers:\n        - name: ray-head\n          env: # none yet\n          - name: NETRC\n            value: /home/ray/netrcvolume/.netrc\n          volumeMounts:\n          - name: netrc-kuberay\n            mountPath: /home/ray/netrcvolume/\n            readOnly: true\n          - name: netrc-kuberay\n            mountPath: /home/ray/.netrc\n            subPath: .netrc\n            readOnly: true\n        volumes:\n        - name: netrc-kuberay\n          secret:\n            secretName: netrc-secret\n  workerGroupSpecs: []\n"
        );
    }

    #[test]
    fn a_file_without_a_final_line_break_gets_one_before_the_new_lines() {
        let text = "apiVersion: ray.io/v1\nkind: RayCluster\nspec:\n  headGroupSpec:\n    template:\n      spec:\n        containers:\n        - name: ray-head";
        let out = patched(text);
        assert!(
            out.starts_with(&format!("{text}\n          volumeMounts:\n")),
            "{out}"
        );
        let crlf = text.replace('\n', "\r\n");
        let out = patched(&crlf);
        assert!(out.starts_with(&format!("{crlf}\r\n")), "{out:?}");
        assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
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
        let KubeError::Clash(clash) = &err else {
            panic!("a typed clash: {err}");
        };
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
        let e = patch("f", &text, &opts()).err().unwrap().to_string();
        assert!(e.contains("flow style"), "{e}");
        let text = CLUSTER.replace(
            "      spec:\n        containers:\n        - name: ray-head",
            "      spec: &pod\n        containers:\n        - name: ray-head",
        );
        let e = patch("f", &text, &opts()).err().unwrap().to_string();
        assert!(e.contains("anchor"), "{e}");
    }

    #[test]
    fn other_kinds_pass_through() {
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n";
        let p = patch("f", text, &opts()).unwrap();
        assert_eq!(p.output, text);
        assert_eq!(
            p.skipped,
            [Skipped {
                document: "document 1 (ConfigMap x)".into(),
                why: SkipReason::NotKubeRay,
            }]
        );
        assert_eq!(p.pods, 0);
    }

    /// What the patch tells besides the text is typed: a RayJob on an existing cluster, a
    /// kind without its cluster spec, a field the API server drops, the subPath note.
    #[test]
    fn skips_warnings_and_notes_are_typed() {
        let job = "apiVersion: ray.io/v1\nkind: RayJob\nmetadata:\n  name: j\nspec:\n  clusterSelector:\n    a: b\n";
        let bare = "apiVersion: ray.io/v1\nkind: RayService\nmetadata:\n  name: s\nspec: {}\n";
        let p = patch("f", &format!("{job}---\n{bare}"), &opts()).unwrap();
        let why: Vec<&SkipReason> = p.skipped.iter().map(|s| &s.why).collect();
        assert_eq!(why.len(), 2, "{:?}", p.skipped);
        assert_eq!(why[0], &SkipReason::RunsOnExistingCluster);
        assert!(
            matches!(why[1], SkipReason::NoClusterSpec { .. }),
            "{why:?}"
        );
    }
}
