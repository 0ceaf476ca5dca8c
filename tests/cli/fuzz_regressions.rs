//! Every input the fuzzers found (tests/fuzz_regressions/<target>/, minimised) replayed
//! through the same checks as the fuzz target (fuzz/checks.rs), on stable Rust, so CI
//! keeps each fixed bug fixed without nightly or cargo-fuzz. `fuzz/run.sh` adds new ones.

// The fuzz crate's root module: its `pub` items are that crate's API, not this module's.
#[allow(unreachable_pub)]
#[path = "../../fuzz/checks.rs"]
mod checks;

use std::fs;
use std::panic;
use std::path::Path;

/// Replays every file of one target; fails naming each file whose check fails.
fn replay(target: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let Ok(listing) = fs::read_dir(&dir) else {
        return; // no crash saved for this target
    };
    let mut files: Vec<_> = listing.map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut failed = Vec::new();
    for file in &files {
        let data = fs::read(file).unwrap();
        if let Err(payload) = panic::catch_unwind(|| checks::run(target, &data)) {
            let message = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            let name = file.file_name().unwrap().to_string_lossy();
            failed.push(format!("{name}: {message}"));
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: {} of {} saved inputs fail their check:\n{}",
        failed.len(),
        files.len(),
        failed.join("\n")
    );
}

#[test]
fn every_saved_input_belongs_to_a_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let Ok(listing) = fs::read_dir(root) else {
        return;
    };
    for entry in listing {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            checks::TARGETS.contains(&name.as_str()),
            "tests/fuzz_regressions/{name}: no fuzz target has that name"
        );
    }
}

#[test]
fn netrc_parse() {
    replay("netrc_parse");
}

#[test]
fn uri_find() {
    replay("uri_find");
}

#[test]
fn scrub_json() {
    replay("scrub_json");
}

#[test]
fn scrub_yaml() {
    replay("scrub_yaml");
}

#[test]
fn scrub_python() {
    replay("scrub_python");
}

#[test]
fn scrub_text() {
    replay("scrub_text");
}
