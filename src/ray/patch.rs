//! `ray patch`: put the netrc on every node of a Ray cluster-launcher YAML (`ray up`), head and
//! workers, bare VMs and `docker:` alike: the netrc's own directory mounted at `~/.netrc.d`
//! (a directory mount follows rotation; a single-file mount goes stale in a container),
//! `~/.netrc` made a link into it by the first setup command, and
//! `file_mounts_sync_continuously: true` so that `ray up -y --no-restart` carries a rotation
//! to the workers.
//!
//! Like `kube patch`, it edits the YAML as text through `text::yaml`: whole lines are inserted
//! (or one entry after a flow collection's opening bracket), so comments, anchors elsewhere,
//! quoting and key order stay byte-identical. The one replacement: a plain
//! `file_mounts_sync_continuously: false` becomes `true`.

use super::error::{RayError, Refusal};

type Result<T, E = RayError> = std::result::Result<T, E>;
use super::mount::{NetrcMount, REMOTE_DIR, REMOTE_NETRC};
use crate::text::yaml::edit::{Edit, after_content, apply};
use crate::text::yaml::query::{Query, parse_documents};
use crate::text::yaml::render::yaml_str;
use crate::text::yaml::{Kind, Node, Style};
use crate::text::{Place, position};
use crate::uri::shown_name;

/// Every list of shell commands a cluster YAML runs on a node (top level, and per node type).
const COMMAND_LISTS: &[&str] = &[
    "initialization_commands",
    "setup_commands",
    "head_setup_commands",
    "worker_setup_commands",
    "head_start_ray_commands",
    "worker_start_ray_commands",
];

/// Providers whose defaults (Ray 2.60's `ray/autoscaler/<type>/defaults.yaml`) hold no
/// `setup_commands`: only there does a new `setup_commands` key replace nothing.
const NO_DEFAULT_SETUP: &[&str] = &["local", "vsphere", "spark"];

/// What patching one cluster YAML did.
#[derive(Debug)]
pub(crate) struct Patched {
    pub output: String,
    /// The top-level keys added to or changed.
    pub changes: Vec<String>,
    /// The cluster runs Ray in containers (`docker:`): the uid rule applies.
    pub docker: bool,
}

/// Whether a shell command names the node's `~/.netrc` (or `~/.netrc.d`): such a line would
/// write, replace or remove what the patch links. Deliberately broad: it is refused with its
/// position, never guessed about.
pub(crate) fn mentions_home_netrc(command: &str) -> bool {
    const HOMES: &[&str] = &["~", "$HOME", "${HOME}", "$HOME\"", "${HOME}\""];
    command
        .match_indices("/.netrc")
        .any(|(i, _)| HOMES.iter().any(|h| command[..i].ends_with(h)))
}

/// `map`'s entry for `key`: the key node (for positions) and the value.
fn entry<'n>(map: &'n Node, key: &str) -> Option<(&'n Node, &'n Node)> {
    match &map.kind {
        Kind::Mapping { entries, .. } => entries
            .iter()
            .find(|(k, _)| k.scalar() == Some(key))
            .map(|(k, v)| (k, v)),
        _ => None,
    }
}

fn entries(map: &Node) -> &[(Node, Node)] {
    match &map.kind {
        Kind::Mapping { entries, .. } => entries,
        _ => &[],
    }
}

/// A remote path without its trailing slashes (`~/` is `~`).
fn remote(path: &str) -> &str {
    let t = path.trim_end_matches('/');
    if t.is_empty() { path } else { t }
}

/// `inner` is `outer` or lies below it.
fn within(inner: &str, outer: &str) -> bool {
    inner == outer || inner.starts_with(&format!("{outer}/"))
}

struct Patcher<'t> {
    name: &'t str,
    text: &'t str,
    mount: &'t NetrcMount,
    nl: &'static str,
    edits: Vec<Edit>,
    changes: Vec<String>,
    /// Lines of new top-level keys, inserted together at the end of the document.
    new_keys: String,
}

impl<'t> Patcher<'t> {
    /// A refusal at `node`: `file:line:col: message; nothing written`.
    fn refuse<T>(&self, node: &Node, refusal: Refusal) -> Result<T> {
        Err(RayError::Refused {
            place: Place::at(self.name, position(self.text, node.start.byte)),
            refusal,
        })
    }

    fn insert(&mut self, at: usize, text: String, depth: usize) {
        self.edits.push(Edit::insertion(at, text, depth));
    }

    /// The mappings the patch reads (the top level, `file_mounts`, `available_node_types` and
    /// each node type) are written plainly (no explicit `? KEY`, which the patch cannot
    /// indent past) and say one thing to every reader: no key twice (the patch would edit the first,
    /// PyYAML keeps the last) and no merge key `<<` (a key the patch adds would hide what
    /// the merge brings, `setup_commands` included).
    fn unambiguous(&self, root: &Node) -> Result<()> {
        let mut maps = vec![root];
        maps.extend(root.get("file_mounts"));
        if let Some((key, types)) = entry(root, "available_node_types") {
            // A node type shared through an anchor or alias would either go without the link
            // (an alias is not looked into) or take it in every place that shares it.
            let shared =
                std::iter::once((key, types)).chain(entries(types).iter().map(|(k, v)| (k, v)));
            if let Some((k, _)) = shared.clone().find(|(_, v)| v.shared()) {
                let name = k.scalar().map_or("available_node_types", shown_name);
                return self.refuse(k, Refusal::SharedNodeType { name: name.into() });
            }
            maps.extend(shared.map(|(_, v)| v));
        }
        for map in maps {
            let keys = entries(map);
            for (i, (key, _)) in keys.iter().enumerate() {
                let line_start = self.text[..key.start.byte].rfind('\n').map_or(0, |i| i + 1);
                if self.text[line_start..key.start.byte]
                    .trim_end()
                    .ends_with('?')
                {
                    return self.refuse(key, Refusal::ExplicitKey);
                }
                let Some(name) = key.scalar() else { continue };
                if name == "<<" {
                    return self.refuse(key, Refusal::MergeKey);
                }
                if keys[..i].iter().any(|(k, _)| k.scalar() == Some(name)) {
                    return self.refuse(key, Refusal::RepeatedKey);
                }
            }
        }
        Ok(())
    }

    /// A value the patch extends: an unshared mapping or list, not null.
    fn extendable(&self, key: &Node, value: &Node, want_map: bool) -> Result<()> {
        let name = key.scalar().unwrap_or_default();
        if value.is_null() {
            return self.refuse(key, Refusal::NullValue { name: name.into() });
        }
        if value.shared() {
            return self.refuse(key, Refusal::SharedValue { name: name.into() });
        }
        let kind_ok = if want_map {
            value.is_map()
        } else {
            value.is_seq()
        };
        if !kind_ok {
            let refusal = Refusal::WrongKind {
                name: name.into(),
                mapping: want_map,
            };
            return self.refuse(key, refusal);
        }
        Ok(())
    }

    /// No command anywhere writes the node's `~/.netrc` except the patch's own link.
    fn no_command_undoes_it(&self, root: &Node) -> Result<()> {
        let ours = self.mount.link_command();
        let mut holders = vec![(String::new(), root)];
        if let Some(types) = root.get("available_node_types") {
            for (k, v) in entries(types) {
                holders.push((
                    format!("available_node_types.{}.", k.scalar().unwrap_or("?")),
                    v,
                ));
            }
        }
        for (prefix, holder) in holders {
            for list in COMMAND_LISTS {
                let Some(commands) = holder.get(list) else {
                    continue;
                };
                let mut scalars = Vec::new();
                commands.scalars(&mut scalars);
                if let Some(line) = scalars.into_iter().find(|s| {
                    let value = s.scalar().unwrap_or_default();
                    value != ours && mentions_home_netrc(value)
                }) {
                    return self.refuse(
                        line,
                        Refusal::CommandUndoesLink {
                            list: format!("{prefix}{list}"),
                            file_name: self.mount.file_name.clone(),
                        },
                    );
                }
            }
        }
        Ok(())
    }

    /// `file_mounts` mounts the netrc's directory at `~/.netrc.d`, and nothing else is
    /// mounted at, above or below the paths the patch owns.
    fn ensure_mount(&mut self, root: &Node) -> Result<()> {
        let line = format!(
            "{}: {}",
            yaml_str(REMOTE_DIR),
            yaml_str(&self.mount.local_dir)
        );
        let Some((key, mounts)) = entry(root, "file_mounts") else {
            self.new_keys += &format!("file_mounts:{}  {line}{}", self.nl, self.nl);
            self.changes.push("file_mounts".into());
            return Ok(());
        };
        self.extendable(key, mounts, true)?;
        let mut present = false;
        for (k, v) in entries(mounts) {
            let Some(path) = k.scalar().map(remote) else {
                continue;
            };
            if path == REMOTE_DIR && v.scalar().is_some_and(|l| self.mount.is_local_dir(l)) {
                present = true;
            } else if path == REMOTE_NETRC || path.ends_with("/.netrc") {
                return self.refuse(k, Refusal::SingleFileMount);
            } else if within(path, REMOTE_DIR) || within(REMOTE_DIR, path) {
                return self.refuse(k, Refusal::MountAtOurDirectory);
            }
        }
        if present {
            return Ok(());
        }
        if mounts.is_flow() {
            let open = mounts.start.byte;
            if self.text.as_bytes().get(open) != Some(&b'{') {
                return self.refuse(key, Refusal::NoOpeningBrace);
            }
            let sep = if entries(mounts).is_empty() { "" } else { ", " };
            self.insert(open + 1, format!("{line}{sep}"), mounts.depth);
        } else {
            let at = after_content(self.text, mounts);
            let indent = " ".repeat(mounts.key_col());
            self.insert(at, format!("{indent}{line}{}", self.nl), mounts.depth);
        }
        self.changes.push("file_mounts".into());
        Ok(())
    }

    /// `setup_commands` starts with the link (before any command that may need the netrc,
    /// such as `pip install git+https://...`); so does every node type's own
    /// `worker_setup_commands`, which Ray runs on its nodes instead of the merged
    /// `setup_commands` + `worker_setup_commands`.
    fn ensure_link(&mut self, root: &Node) -> Result<()> {
        match entry(root, "setup_commands") {
            Some((key, commands)) => self.link_first(key, commands, "setup_commands")?,
            None => {
                let provider = root.get("provider").and_then(|p| p.str_at("type"));
                if !provider.is_some_and(|p| NO_DEFAULT_SETUP.contains(&p)) {
                    let shown = provider.map_or("(unknown)", shown_name);
                    let at = root
                        .get("provider")
                        .and_then(|p| p.get("type"))
                        .unwrap_or(root);
                    let provider = shown.to_string();
                    return self.refuse(at, Refusal::NoSetupCommands { provider });
                }
                let item = yaml_str(&self.mount.link_command());
                self.new_keys += &format!("setup_commands:{}  - {item}{}", self.nl, self.nl);
                self.changes.push("setup_commands".into());
            }
        }
        if let Some(types) = root.get("available_node_types") {
            for (name, node_type) in entries(types) {
                if let Some((key, commands)) = entry(node_type, "worker_setup_commands") {
                    let path = format!(
                        "available_node_types.{}.worker_setup_commands",
                        name.scalar().map_or("?", shown_name)
                    );
                    self.link_first(key, commands, &path)?;
                }
            }
        }
        Ok(())
    }

    /// The list of commands under `key` (called `path`) holds the link, first when added.
    fn link_first(&mut self, key: &Node, commands: &Node, path: &str) -> Result<()> {
        let command = self.mount.link_command();
        self.extendable(key, commands, false)?;
        if commands
            .items()
            .iter()
            .any(|c| c.scalar() == Some(&command))
        {
            return Ok(());
        }
        let mark = commands.start.byte;
        if commands.is_flow() {
            if self.text.as_bytes().get(mark) != Some(&b'[') {
                return self.refuse(key, Refusal::NoOpeningBracket { path: path.into() });
            }
            let sep = if commands.items().is_empty() {
                ""
            } else {
                ", "
            };
            let item = format!("{}{sep}", yaml_str(&command));
            self.insert(mark + 1, item, commands.depth);
        } else {
            // A block list is marked at its first dash; an indentless one at its first item.
            let line_start = self.text[..mark].rfind('\n').map_or(0, |i| i + 1);
            let dash = if self.text.as_bytes().get(mark) == Some(&b'-') {
                Some(mark)
            } else {
                self.text[line_start..mark]
                    .rfind('-')
                    .map(|i| line_start + i)
            };
            let indent = match dash {
                Some(d) if self.text[line_start..d].bytes().all(|b| b == b' ') => d - line_start,
                _ => {
                    let path = path.to_string();
                    return self.refuse(commands, Refusal::FirstItemNotOnItsLine { path });
                }
            };
            let item = format!("{}- {}{}", " ".repeat(indent), yaml_str(&command), self.nl);
            self.insert(line_start, item, commands.depth);
        }
        self.changes.push(path.to_string());
        Ok(())
    }

    /// `file_mounts_sync_continuously: true`, so that workers follow the head's copy.
    fn ensure_sync(&mut self, root: &Node) -> Result<()> {
        let Some((key, value)) = entry(root, "file_mounts_sync_continuously") else {
            self.new_keys += &format!("file_mounts_sync_continuously: true{}", self.nl);
            self.changes.push("file_mounts_sync_continuously".into());
            return Ok(());
        };
        match &value.kind {
            Kind::Scalar {
                style: Style::Plain,
                value: v,
            } if matches!(v.as_str(), "true" | "True" | "TRUE") => Ok(()),
            Kind::Scalar {
                style: Style::Plain,
                value: v,
            } if matches!(v.as_str(), "false" | "False" | "FALSE") && !value.shared() => {
                self.edits.push(Edit {
                    start: value.span.start,
                    end: value.span.end,
                    text: "true".into(),
                    depth: value.depth,
                });
                self.changes.push("file_mounts_sync_continuously".into());
                Ok(())
            }
            _ => self.refuse(key, Refusal::SyncNotBoolean),
        }
    }
}

/// Whether the cluster runs Ray in containers: a `docker:` with an image, at the top or in a
/// node type.
fn uses_docker(root: &Node) -> bool {
    let has_image = |docker: &Node| {
        ["image", "head_image", "worker_image"]
            .iter()
            .any(|k| docker.str_at(k).is_some_and(|i| !i.is_empty()))
    };
    root.get("docker").is_some_and(has_image)
        || root.get("available_node_types").is_some_and(|t| {
            entries(t)
                .iter()
                .any(|(_, v)| v.get("docker").is_some_and(has_image))
        })
}

/// `text` with each flow collection closed at column 0 (`}` or `]` starting a line) joined
/// to the line before, byte for byte: that line's break (and comment, which would swallow
/// the bracket) become spaces. Ray's own example YAMLs write `file_mounts: {` ... `}` so,
/// which PyYAML reads and yaml-rust2 refuses. Every byte offset stays where it was, so the
/// tree read from it places edits in `text`.
fn closers_indented(text: &str) -> Option<String> {
    let mut bytes = text.as_bytes().to_vec();
    let mut changed = false;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let at = line_start;
        line_start += line.len();
        if at == 0 || !(line.starts_with('}') || line.starts_with(']')) {
            continue;
        }
        let prev_start = text[..at - 1].rfind('\n').map_or(0, |i| i + 1);
        let prev = text[prev_start..at].trim_start();
        let blank_from = if prev.starts_with('#') {
            at - prev.len()
        } else {
            let content = text[prev_start..at].trim_end_matches(['\n', '\r']);
            // A trailing comment (`"/a": "/b",  # old`) is blanked with the line break.
            let content = match comment_start(content) {
                Some(i) => content[..i].trim_end(),
                None if content.contains('#') => return None,
                None => content,
            };
            prev_start + content.len()
        };
        bytes[blank_from..at].fill(b' ');
        changed = true;
    }
    changed.then(|| String::from_utf8(bytes).ok()).flatten()
}

/// Where a line's trailing comment starts: a `#` after white space, outside quotes. `None`
/// when there is none, or the line is too odd to tell (an escaped quote).
fn comment_start(line: &str) -> Option<usize> {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (_, '\\') => return None,
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev.is_whitespace() => return Some(i),
            _ => {}
        }
        prev = c;
    }
    None
}

/// The documents of a cluster YAML, read as PyYAML (Ray's reader) would where yaml-rust2 is
/// stricter about a flow collection's closing bracket.
fn read_cluster(name: &str, text: &str) -> Result<Vec<Node>> {
    match parse_documents(text) {
        Ok(docs) => Ok(docs),
        Err(e) => closers_indented(text)
            .and_then(|shadow| parse_documents(&shadow).ok())
            .ok_or_else(|| RayError::syntax(name, e)),
    }
}

/// Patches the cluster YAML `text` (from the file `name`). Errors point into the file.
pub(super) fn patch(name: &str, text: &str, mount: &NetrcMount) -> Result<Patched> {
    let docs = read_cluster(name, text)?;
    let root = match docs.as_slice() {
        [root] if root.is_map() => root,
        [] => return Err(RayError::Empty { file: name.into() }),
        [root] => {
            return Err(RayError::NotMapping {
                place: Place::at(name, position(text, root.start.byte)),
            });
        }
        _ => return Err(RayError::SeveralDocuments { file: name.into() }),
    };
    if root.is_flow() {
        return Err(RayError::Flow { file: name.into() });
    }
    let mut p = Patcher {
        name,
        text,
        mount,
        nl: if text.contains("\r\n") { "\r\n" } else { "\n" },
        edits: Vec::new(),
        changes: Vec::new(),
        new_keys: String::new(),
    };
    p.unambiguous(root)?;
    p.no_command_undoes_it(root)?;
    p.ensure_mount(root)?;
    p.ensure_link(root)?;
    p.ensure_sync(root)?;
    if !p.new_keys.is_empty() {
        let at = after_content(text, root);
        let indent = " ".repeat(root.key_col());
        let lines: String = p
            .new_keys
            .split_inclusive('\n')
            .map(|l| format!("{indent}{l}"))
            .collect();
        p.insert(at, lines, root.depth);
    }
    Ok(Patched {
        output: apply(text, std::mem::take(&mut p.edits), p.nl),
        changes: p.changes,
        docker: uses_docker(root),
    })
}

#[cfg(test)]
mod tests;
