use super::*;
use crate::ray::mount::tests::sample;

const LINK: &str = "\"ln -sfn ~/.netrc.d/netrc ~/.netrc\"";
const MOUNT: &str = "\"~/.netrc.d\": \"~/.netrc.d\"";

/// Patches `text`, and checks that a second run changes nothing.
fn patched(text: &str) -> Patched {
    let p = patch("c.yaml", text, &sample()).unwrap();
    let again = patch("c.yaml", &p.output, &sample()).unwrap();
    assert_eq!(again.output, p.output, "idempotent");
    assert!(again.changes.is_empty(), "{:?}", again.changes);
    p
}

fn refused(text: &str) -> String {
    patch("c.yaml", text, &sample()).unwrap_err().to_string()
}

const CLUSTER: &str = "# a cluster\ncluster_name: demo  # keep me\nprovider:\n  type: local\n  head_ip: 10.0.0.1\nauth:\n  ssh_user: ubuntu\nfile_mounts:\n  \"/srv/data\": \"./data\"   # the data\nsetup_commands:\n  # first the tools\n  - pip install -U pip\n  - >-\n    pip install\n    git+https://git.example.com/org/lib.git\nhead_start_ray_commands:\n  - ray start --head\n";

#[test]
fn lines_are_inserted_and_every_other_byte_kept() {
    let p = patched(CLUSTER);
    let expected = format!(
        "# a cluster\ncluster_name: demo  # keep me\nprovider:\n  type: local\n  head_ip: 10.0.0.1\nauth:\n  ssh_user: ubuntu\nfile_mounts:\n  \"/srv/data\": \"./data\"   # the data\n  {MOUNT}\nsetup_commands:\n  # first the tools\n  - {LINK}\n  - pip install -U pip\n  - >-\n    pip install\n    git+https://git.example.com/org/lib.git\nhead_start_ray_commands:\n  - ray start --head\nfile_mounts_sync_continuously: true\n"
    );
    assert_eq!(p.output, expected);
    assert_eq!(
        p.changes,
        [
            "file_mounts",
            "setup_commands",
            "file_mounts_sync_continuously"
        ]
    );
    assert!(!p.docker);
}

#[test]
fn missing_keys_are_added_at_the_end_for_providers_without_default_setup() {
    let text = "cluster_name: x\nprovider:\n    type: local\n# trailing comment\n";
    let p = patched(text);
    assert_eq!(
        p.output,
        format!(
            "cluster_name: x\nprovider:\n    type: local\nfile_mounts:\n  {MOUNT}\nsetup_commands:\n  - {LINK}\nfile_mounts_sync_continuously: true\n# trailing comment\n"
        )
    );
}

/// Ray's example YAMLs: a flow mapping with comments closed at column 0 (which PyYAML reads
/// and yaml-rust2 refuses), `False` with a capital, empty flow lists.
#[test]
fn ray_example_style_flow_collections_get_one_entry_after_the_bracket() {
    let text = "provider:\n    type: aws\nfile_mounts: {\n#    \"/path1/on/remote/machine\": \"/path1/on/local/machine\",\n}\nfile_mounts_sync_continuously: False # or True\nsetup_commands: [] # none\n";
    let p = patched(text);
    assert_eq!(
        p.output,
        format!(
            "provider:\n    type: aws\nfile_mounts: {{{MOUNT}\n#    \"/path1/on/remote/machine\": \"/path1/on/local/machine\",\n}}\nfile_mounts_sync_continuously: true # or True\nsetup_commands: [{LINK}] # none\n"
        )
    );
    let text = "provider: {type: local}\nfile_mounts: {\"/a\": \"/b\"}\nsetup_commands: [\"echo hi\", \"echo there\"]\n";
    let p = patched(text);
    assert!(
        p.output.contains(&format!(
            "file_mounts: {{{MOUNT}, \"/a\": \"/b\"}}\nsetup_commands: [{LINK}, \"echo hi\""
        )),
        "{}",
        p.output
    );
}

#[test]
fn crlf_indentless_lists_and_a_missing_final_line_break() {
    let text = "provider:\r\n  type: local\r\nsetup_commands:\r\n- echo a\r\nfile_mounts: {}";
    let p = patched(text);
    assert_eq!(
        p.output,
        format!(
            "provider:\r\n  type: local\r\nsetup_commands:\r\n- {LINK}\r\n- echo a\r\nfile_mounts: {{{MOUNT}}}\r\nfile_mounts_sync_continuously: true\r\n"
        )
    );
}

#[test]
fn anchors_elsewhere_are_kept_and_shared_values_refused() {
    let text = "provider:\n  type: local\nsetup_commands: &common\n  - echo a\nhead_setup_commands: *common\n";
    let e = refused(text);
    assert!(
        e.starts_with("c.yaml:3:1: setup_commands uses a YAML anchor"),
        "{e}"
    );
    let text = "provider:\n  type: local\nx: &base\n  a: 1\ny:\n  <<: *base\nsetup_commands:\n  - echo a\n";
    let p = patched(text);
    assert!(
        p.output
            .starts_with("provider:\n  type: local\nx: &base\n  a: 1\ny:\n  <<: *base\n")
    );
}

#[test]
fn clashes_are_refused_at_their_position() {
    let base = "provider:\n  type: local\n";
    for (extra, at, says) in [
        (
            "file_mounts:\n  \"~/.netrc\": \"~/.netrc\"\n",
            "4:3",
            "single file at a home's .netrc",
        ),
        (
            "file_mounts:\n  /home/ubuntu/.netrc: x\n",
            "4:3",
            "single file",
        ),
        (
            "file_mounts:\n  \"~/.netrc.d/\": \"/elsewhere\"\n",
            "4:3",
            "something else is mounted",
        ),
        (
            "file_mounts:\n  \"~\": \"/home/me\"\n",
            "4:3",
            "above or inside",
        ),
        (
            "setup_commands:\n  - echo hi\n  - cp /tmp/n ~/.netrc\n",
            "5:5",
            "names ~/.netrc",
        ),
        (
            "head_setup_commands:\n  - rm -f \"$HOME/.netrc\"\n",
            "4:5",
            "head_setup_commands",
        ),
        (
            "available_node_types:\n  w:\n    worker_setup_commands: [\"rm -rf ~/.netrc.d\"]\n",
            "5:29",
            "available_node_types.w.worker_setup_commands",
        ),
        ("file_mounts:\n", "3:1", "empty (null)"),
        (
            "file_mounts_sync_continuously: maybe\n",
            "3:1",
            "not a plain true or false",
        ),
    ] {
        let e = refused(&format!("{base}{extra}"));
        assert!(e.starts_with(&format!("c.yaml:{at}: ")), "{extra:?}: {e}");
        assert!(e.contains(says) && e.ends_with("nothing written"), "{e}");
    }
}

#[test]
fn setup_commands_are_not_added_over_a_providers_defaults() {
    let e = refused("cluster_name: x\nprovider:\n  type: aws\n");
    assert!(e.starts_with("c.yaml:3:9: "), "{e}");
    assert!(e.contains("ray/autoscaler/aws/defaults.yaml"), "{e}");
    patched("provider:\n  type: aws\nsetup_commands: []\n");
}

#[test]
fn docker_clusters_are_told_apart() {
    let text = "provider:\n  type: local\ndocker:\n  image: rayproject/ray:latest\n  container_name: ray\n";
    assert!(patched(text).docker);
    let text = "provider:\n  type: local\ndocker: {}\n";
    assert!(!patched(text).docker);
}

#[test]
fn what_is_not_one_block_mapping_is_refused() {
    for (text, says) in [
        ("", "is empty"),
        ("- a\n", "c.yaml:1:1: is not a mapping"),
        ("a: 1\n---\nb: 2\n", "several YAML documents"),
        ("{\"provider\": {\"type\": \"local\"}}", "JSON"),
        ("a: [\n", "c.yaml:2:1"),
    ] {
        let e = refused(text);
        assert!(e.contains(says), "{text:?}: {e}");
    }
}

#[test]
fn commands_naming_the_home_netrc() {
    for yes in [
        "cat ~/.netrc",
        "echo x >> $HOME/.netrc",
        "cp a \"${HOME}/.netrc\"",
        "rm -r ~/.netrc.d",
    ] {
        assert!(mentions_home_netrc(yes), "{yes}");
    }
    for no in ["cat /etc/netrc", "ls ~", "cat ./.netrc", "echo ~/netrc"] {
        assert!(!mentions_home_netrc(no), "{no}");
    }
}

/// A node type's own `worker_setup_commands` replaces the merged list on its nodes: the link
/// goes first there too.
#[test]
fn node_types_with_their_own_worker_setup_commands_get_the_link_too() {
    let text = "provider:\n  type: local\navailable_node_types:\n  head:\n    resources: {}\n  gpu:\n    worker_setup_commands:\n      - nvidia-smi\n  cpu:\n    worker_setup_commands: []\nsetup_commands: []\n";
    let p = patched(text);
    assert_eq!(
        p.output,
        format!(
            "provider:\n  type: local\navailable_node_types:\n  head:\n    resources: {{}}\n  gpu:\n    worker_setup_commands:\n      - {LINK}\n      - nvidia-smi\n  cpu:\n    worker_setup_commands: [{LINK}]\nsetup_commands: [{LINK}]\nfile_mounts:\n  {MOUNT}\nfile_mounts_sync_continuously: true\n"
        )
    );
    assert_eq!(
        p.changes,
        [
            "file_mounts",
            "setup_commands",
            "available_node_types.gpu.worker_setup_commands",
            "available_node_types.cpu.worker_setup_commands",
            "file_mounts_sync_continuously"
        ]
    );
}

/// The lenient reading of a flow collection closed at column 0 keeps every byte offset, and
/// gives up where the line before ends in a comment it cannot blank safely.
#[test]
fn closers_at_column_0_are_read_with_offsets_kept() {
    let text = "provider:\n  type: local\nsetup_commands: [\n  \"echo a\",\n]\nfile_mounts: {\n# none\n}\n";
    let shadow = closers_indented(text).unwrap();
    assert_eq!(shadow.len(), text.len());
    assert_eq!(
        shadow,
        "provider:\n  type: local\nsetup_commands: [\n  \"echo a\", ]\nfile_mounts: {\n       }\n"
    );
    let p = patched(text);
    assert!(
        p.output.contains(&format!(
            "setup_commands: [{LINK}, \n  \"echo a\",\n]\nfile_mounts: {{{MOUNT}\n# none\n}}\n"
        )),
        "{}",
        p.output
    );
    // A trailing comment is blanked too; a line with an escaped quote is left alone.
    assert_eq!(
        closers_indented("a: [\n  b, # c\n]\n").as_deref(),
        Some("a: [\n  b,     ]\n")
    );
    assert_eq!(closers_indented("a: [\n  \"b\\\" #\", # c\n]\n"), None);
    assert_eq!(closers_indented("a: 1\n"), None);
}
