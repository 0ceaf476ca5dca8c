//! The integration tests: one binary (built once) that runs the real `netrc-guard` against
//! temporary homes, with a module per command family or concern. Helpers are in `common`.

// Tests and measurements report on standard error and output; the crate's rule that only
// `messages` prints (Cargo.toml's lints) is for the product.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod common;

mod baseline;
mod cli_output;
mod concurrency;
mod config;
mod consumers;
mod crash_safety;
mod docs;
mod equivalence;
mod explain_model;
mod explain_readers;
mod finder_properties;
mod first_contact;
mod fuzz_regressions;
mod history;
mod hosts;
mod invalid;
mod kube;
mod leaks;
mod lookup_classes;
mod messages;
mod netrc_commands;
mod pre_commit;
mod ray_cluster;
mod ray_e2e;
mod reader_corpus;
mod readers;
mod scan;
mod scan_leaks;
mod scrub;
mod scrub_json;
mod scrub_literals;
mod scrub_trust;
mod shell_integration;
mod snapshots;
mod special_files;
mod terminal_injection;
mod write_attacks;
mod writes;
