//! Snapshots of what people read (insta): every command's `--help`, `check`'s report,
//! `kube patch` of the shipped RayJob, and scan's SARIF. A change to any of them shows up as
//! a reviewed diff (`cargo insta review`), not as a 1,000-character string in a test.

use crate::common::{self, Home};

const COMMANDS: &[&[&str]] = &[
    &[],
    &["add"],
    &["remove"],
    &["list"],
    &["get"],
    &["check"],
    &["fix"],
    &["path"],
    &["explain"],
    &["scan"],
    &["scrub"],
    &["kube"],
    &["kube", "secret"],
    &["kube", "patch"],
    &["ray"],
    &["ray", "patch"],
];

#[test]
fn help_of_every_command() {
    let home = Home::new();
    for command in COMMANDS {
        let mut args = command.to_vec();
        args.push("--help");
        let run = home.run(&args);
        run.ok();
        let name = if command.is_empty() {
            "help".to_string()
        } else {
            format!("help_{}", command.join("_"))
        };
        insta::assert_snapshot!(name, run.stdout);
    }
}

#[test]
fn check_reports_each_problem_with_its_fix() {
    let home = Home::new();
    let netrc = home.write(
        "netrc",
        "\u{feff}machine A.example login u password p\n\
         default login anonymous password x\n\
         machine b.example:8080 login v password \"has space\"\n\
         machine b.example:8080 login w\n\
         machine c.example port 22 login z password zz\n",
    );
    common::set_mode(&netrc, 0o644);
    let run = home.run(&["--file", "netrc", "check"]);
    run.code(1).hides("has space");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn kube_patch_of_the_shipped_rayjob() {
    let home = Home::new();
    home.write("rayjob.yaml", include_str!("../../examples/rayjob.yaml"));
    let run = home.run(&["kube", "patch", "rayjob.yaml"]);
    run.ok();
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn scan_sarif() {
    let home = Home::new();
    home.write(
        "config/runtime_env.yaml",
        "working_dir: https://x-access-token:ghs_Sn4pSh0tT0k3nAbcdefghij0123456789@github.com/acme/jobs/archive/main.zip\n\
         pip:\n  - --index-url https://deploy:Wint3r-2026!@pypi.acme-corp.io/simple\n",
    );
    let run = home.run(&["scan", "config", "--format", "sarif"]);
    run.code(1).hides("Sn4pSh0t").hides("Wint3r-2026");
    insta::assert_snapshot!(run.stdout);
}
