//! The properties the fuzz targets check, one function per target. Each panics (through
//! `assert!`) when a property fails; libFuzzer then saves the input as a crash.
//!
//! The same file is compiled into `tests/cli/fuzz_regressions.rs`, which replays every saved
//! crash on stable Rust, so a fixed bug stays fixed without nightly or cargo-fuzz.
//! Assertion messages give offsets and kinds, never the input's text: inputs hold
//! credential-shaped bytes.

use std::ops::Range;

use netrc_edit::lint;
use netrc_edit::{Credentials, Document, EntryKind, Position, Secret, Target};
use netrc_guard::scan::{self, ScanOptions};
use netrc_guard::scrub::Lang;
use netrc_guard::scrub::lang;
use netrc_guard::uri::{self, Finding};

/// Which check a target runs; the names are the fuzz targets' and the regression
/// directories'.
pub const TARGETS: &[&str] = &[
    "netrc_parse",
    "uri_find",
    "scrub_json",
    "scrub_yaml",
    "scrub_python",
    "scrub_text",
];

/// Runs the check of the target called `name` on `data`.
pub fn run(name: &str, data: &[u8]) {
    match name {
        "netrc_parse" => netrc(data),
        "uri_find" => uri(data),
        "scrub_json" => scrub(Lang::Json, data),
        "scrub_yaml" => scrub(Lang::Yaml, data),
        "scrub_python" => scrub(Lang::Python, data),
        "scrub_text" => scrub(Lang::Text, data),
        other => panic!("no fuzz target named {other}"),
    }
}

// ---------------------------------------------------------------------------------------
// netrc

/// A host no seed uses, so the inserted entry is the only one for it.
const ADDED_HOST: &str = "fuzz-added.example";

fn added_credentials() -> Credentials {
    Credentials {
        login: Some("fuzz-login".into()),
        password: Some(Secret::new("fuzz-password")),
        account: None,
    }
}

/// What an entry means to a reader: its kind, machine and credentials.
fn meaning(doc: &Document) -> Vec<(EntryKind, Option<String>, Credentials)> {
    doc.entries()
        .map(|e| (e.kind(), e.machine(), e.credentials()))
        .collect()
}

/// The netrc document: parsing never panics; an error has a position inside the text;
/// a parsed document writes back byte for byte; inserting an entry changes no other
/// entry's meaning, files exactly the given values, and removing it restores every byte.
pub fn netrc(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = match Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            assert_position_in(text, e.position, "netrc parse error");
            assert!(!e.message.is_empty(), "a parse error without a message");
            let _ = lint::parse_problem(&e);
            return;
        }
    };
    assert!(doc.as_str() == text, "parse -> write is not the identity");
    assert!(doc.to_string() == text, "Display is not the text");
    for e in doc.entries() {
        let _ = (
            e.login(),
            e.password(),
            e.account(),
            e.position(),
            e.machine(),
        );
    }
    let _ = lint::check_document(&doc);

    if doc.machine(ADDED_HOST).is_none() {
        insert_then_remove(&doc, text, Target::Machine(ADDED_HOST));
    }
    if doc.default_entry().is_none() {
        insert_then_remove(&doc, text, Target::Default);
    }
}

fn insert_then_remove(doc: &Document, text: &str, target: Target<'_>) {
    let creds = added_credentials();
    let mut edited = doc.clone();
    if edited.insert(target, &creds).is_err() {
        return;
    }
    let entry = edited
        .find(target)
        .unwrap_or_else(|| panic!("{target:?}: the inserted entry is not found"));
    assert!(
        entry.credentials() == creds,
        "{target:?}: the inserted entry reads back with other values"
    );
    if let Target::Machine(host) = target {
        assert!(
            edited.lookup(host).map(|e| e.index()) == Some(entry.index()),
            "{target:?}: a reader looking the host up finds another entry"
        );
    }
    let index = entry.index();
    let mut others = meaning(&edited);
    others.remove(index);
    assert!(
        others == meaning(doc),
        "{target:?}: the insert changed what other entries mean"
    );
    edited
        .remove(index)
        .unwrap_or_else(|e| panic!("{target:?}: removing the inserted entry failed: {e}"));
    assert!(
        edited.as_str() == text,
        "{target:?}: insert then remove does not restore the bytes"
    );
}

// ---------------------------------------------------------------------------------------
// URI finder

/// The URI finder: never panics; every finding's removal range lies inside its URI and
/// the input, starts right after `://` (or JSON's `:\/\/`) and ends with `@`; findings are
/// sorted and their removal ranges never overlap; what `scan` shows holds no removed
/// userinfo; `strip_credentials` and `scan_buffer` do not panic.
pub fn uri(data: &[u8]) {
    let found = uri::find_credentials(data);
    for (i, f) in found.iter().enumerate() {
        assert_finding_shape(data, f, i);
    }
    assert_sorted_disjoint(found.iter().map(|f| (f.start, f.removal.clone())));
    for f in &found {
        assert_redacted_hides_others(data, f, &found);
    }
    let opts = ScanOptions {
        include_examples: true,
        max_filesize: u64::MAX,
    };
    let _ = scan::scan_buffer("fuzz", data, &opts);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = uri::strip_credentials(text);
    }
}

fn assert_finding_shape(data: &[u8], f: &Finding, i: usize) {
    let r = &f.removal;
    assert!(
        f.start < r.start && r.start < r.end && r.end <= f.end && f.end <= data.len(),
        "finding {i}: spans out of order or outside the input: start {} removal {r:?} end {} len {}",
        f.start,
        f.end,
        data.len()
    );
    assert!(
        data[r.end - 1] == b'@',
        "finding {i}: removal {r:?} does not end with `@`"
    );
    let before = &data[..r.start];
    let sep_len = if before.ends_with(b"://") {
        3
    } else if before.ends_with(br":\/\/") {
        5
    } else {
        panic!("finding {i}: removal {r:?} does not follow `://`")
    };
    assert!(
        data[f.start..r.start - sep_len] == *f.scheme.as_bytes(),
        "finding {i}: the scheme is not the text before `://`"
    );
    if std::str::from_utf8(&data[r.end..f.end]).is_ok() {
        assert!(
            data[r.end..].starts_with(f.host.as_bytes()),
            "finding {i}: the host is not the text after the userinfo"
        );
    }
    let _ = (f.redacted(data), f.rule());
}

/// Sorted by start, and each removal ends before the next begins.
fn assert_sorted_disjoint(spans: impl Iterator<Item = (usize, Range<usize>)>) {
    let spans: Vec<_> = spans.collect();
    for (i, pair) in spans.windows(2).enumerate() {
        let ((s0, r0), (s1, r1)) = (&pair[0], &pair[1]);
        assert!(s0 <= s1, "findings {i} and {} are not sorted", i + 1);
        assert!(
            r0.end <= r1.start,
            "findings {i} and {} overlap: removals {r0:?} and {r1:?}",
            i + 1
        );
    }
}

/// `scan` prints a finding as `scheme://***@` and the text after its userinfo: a later
/// credential inside that text must not be printed with it.
fn assert_redacted_hides_others(data: &[u8], f: &Finding, found: &[Finding]) {
    let shown = f.redacted(data);
    for (j, g) in found.iter().enumerate() {
        if g.placeholder || g.removal.start < f.removal.end || g.removal.end > f.end {
            continue;
        }
        let userinfo = String::from_utf8_lossy(&data[g.removal.clone()]);
        assert!(
            !shown.contains(userinfo.as_ref()),
            "the redacted display of a finding shows the userinfo of finding {j}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// scrub

/// One language of `scrub`, through the pipeline `scrub` runs (`scrub::scrub_text`): it
/// never panics; it either refuses with `name:line:col: message` (a place inside the text),
/// or returns an output that is the input minus exactly its removed ranges (sorted, disjoint,
/// on character boundaries, each a userinfo ending in `@` as the language reads it), that
/// parses in its language, and in which the finder sees no credential but those left in
/// place on purpose. Each moved credential, filed in a netrc, reads back as the URI's values.
pub fn scrub(lang: Lang, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let scrubbed = match netrc_guard::scrub::scrub_text("input", text, lang) {
        Ok(s) => s,
        Err(e) => return assert_clean_scrub_error(text, &e.to_string()),
    };
    for (i, r) in scrubbed.removed.iter().enumerate() {
        assert!(
            r.start < r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end),
            "removal {i}: {r:?} is empty, outside the text or inside a character"
        );
        assert!(
            removed_text(lang, &text[r.clone()]).ends_with('@'),
            "removal {i}: {r:?} does not end with `@`"
        );
    }
    assert_sorted_disjoint(scrubbed.removed.iter().map(|r| (r.start, r.clone())));
    let mut expected = String::with_capacity(text.len());
    let mut last = 0;
    for r in &scrubbed.removed {
        expected.push_str(&text[last..r.start]);
        last = r.end;
    }
    expected.push_str(&text[last..]);
    assert!(
        scrubbed.output == expected,
        "the output is not the input minus exactly the removed ranges"
    );
    if scrubbed.removed.is_empty() {
        return;
    }
    assert_parses(lang, &scrubbed.output);
    let left = lang::candidates(lang, &scrubbed.output)
        .unwrap_or_else(|e| panic!("the scrubbed output has no candidates: {}", e.message));
    let real_left = left.iter().filter(|c| !c.finding.placeholder).count();
    assert!(
        real_left <= scrubbed.left.len() + scrubbed.stays.len(),
        "the scrubbed output still holds a credential it did not leave on purpose"
    );
    for m in &scrubbed.moves {
        assert_move_reads_back(m);
    }
}

/// A refusal names `input:line:col:` at a real place in the text.
fn assert_clean_scrub_error(text: &str, message: &str) {
    let rest = message
        .strip_prefix("input:")
        .unwrap_or_else(|| panic!("a scrub error without its place: {message}"));
    let mut parts = rest.splitn(3, ':');
    let (Some(line), Some(column)) = (parts.next(), parts.next()) else {
        panic!("a scrub error without line and column")
    };
    let (Ok(line), Ok(column)) = (line.parse(), column.parse()) else {
        panic!("a scrub error whose line and column are not numbers")
    };
    assert_position_in(text, Position { line, column }, "scrub error");
}

/// A moved credential, filed in a netrc under its machine, reads back as exactly its values.
fn assert_move_reads_back(m: &netrc_guard::scrub::Move) {
    let mut doc = Document::parse("machine other.example login o password p\n").unwrap();
    if doc.insert(Target::Machine(&m.host), &m.creds).is_err() {
        return; // a value scrub refuses to write, with a message, before anything moves
    }
    let entry = doc
        .machine(&m.host)
        .unwrap_or_else(|| panic!("the entry for a moved credential is not found by its host"));
    assert!(
        entry.credentials() == m.creds,
        "a moved credential reads back from the netrc with other values"
    );
}

/// The removed raw text as its language reads it (JSON decodes escapes such as `\u0040`;
/// in a Python string that is not raw, an escape may spell the final `@`).
fn removed_text(lang: Lang, raw: &str) -> String {
    const PYTHON_AT: &[&str] = &[
        "\\x40",
        "\\100",
        "\\u0040",
        "\\U00000040",
        "\\N{COMMERCIAL AT}",
    ];
    if lang == Lang::Python {
        if let Some(escape) = PYTHON_AT.iter().find(|e| raw.ends_with(**e)) {
            return format!("{}@", &raw[..raw.len() - escape.len()]);
        }
        return raw.to_string();
    }
    if lang == Lang::Json {
        serde_json::from_str::<String>(&format!("\"{raw}\""))
            .unwrap_or_else(|_| panic!("a JSON removal is not a whole string fragment"))
    } else {
        raw.to_string()
    }
}

fn assert_parses(lang: Lang, output: &str) {
    let ok = match lang {
        Lang::Json => serde_json::from_str::<serde_json::Value>(output).is_ok(),
        Lang::Yaml => lang::yaml_scalars(output).is_ok(),
        Lang::Python => lang::python_literals(output).is_ok(),
        Lang::Text => true,
    };
    assert!(ok, "{lang:?}: the verified output does not parse");
}

// ---------------------------------------------------------------------------------------

/// A position is a real place in the text: line 1.. up to the line count, column 1.. up to
/// the line's length in characters (+1 for the end of the line).
fn assert_position_in(text: &str, p: Position, what: &str) {
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(
        p.line >= 1 && p.line <= lines.len(),
        "{what}: line {} outside 1..={}",
        p.line,
        lines.len()
    );
    let width = lines[p.line - 1].chars().count();
    assert!(
        p.column >= 1 && p.column <= width + 1,
        "{what}: column {} outside 1..={} on line {}",
        p.column,
        width + 1,
        p.line
    );
}
