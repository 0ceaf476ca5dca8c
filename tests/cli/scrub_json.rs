//! `scrub --format json`: the same run as `--format text`, reported as one JSON document on
//! standard output (moves, left, stays, warnings, summary), never a value.

use serde_json::{Value, json};

use crate::common::Home;

const PW: &str = "hunter2-Secret";
const TOKEN: &str = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
const DB_PW: &str = "db-Pa55w0rd-x";

fn input() -> String {
    format!(
        "working_dir: https://alice:{PW}@git.example.com/team/app.zip\n\
         pip:\n  - git+https://{TOKEN}@github.com/org/lib.git\n  \
         - https://${{PYPI_USER}}:${{PYPI_TOKEN}}@pypi.example.com/simple\n\
         env_vars:\n  DATABASE_URL: postgresql://app:{DB_PW}@db.internal:5432/app\n"
    )
}

fn place(line: u64, column: u64) -> Value {
    json!({"file": "env.yaml", "line": line, "column": column})
}

/// The document, checked to hold no credential value anywhere.
fn document(home: &Home, args: &[&str], code: i32) -> Value {
    let run = home.run(args);
    run.code(code).hides(PW).hides(TOKEN).hides(DB_PW);
    assert_eq!(run.stderr, "", "the report is the document alone");
    serde_json::from_str(&run.stdout).expect("one JSON document on standard output")
}

#[test]
fn a_dry_run_reports_moves_left_stays_and_warnings() {
    let home = Home::new();
    home.write("env.yaml", &input());
    let doc = document(
        &home,
        &["scrub", "env.yaml", "--dry-run", "--format", "json"],
        1,
    );
    assert_eq!(
        doc["moves"],
        json!([
            {"host": "git.example.com", "written_host": "git.example.com", "place": place(1, 14)},
            {"host": "github.com", "written_host": "github.com", "place": place(3, 5)},
        ])
    );
    assert_eq!(
        doc["left"],
        json!([{"place": place(4, 5), "why": "placeholder"}])
    );
    let stays = doc["stays"].as_array().unwrap();
    assert_eq!(stays.len(), 1);
    assert_eq!(stays[0]["place"], place(6, 17));
    assert_eq!(stays[0]["scheme"], "postgresql");
    assert_eq!(stays[0]["host"], "db.internal");
    assert_eq!(stays[0]["why"]["kind"], "no_netrc_reader");
    assert!(
        stays[0]["why"]["where_it_belongs"]
            .as_str()
            .unwrap()
            .contains("pgpass")
    );
    assert_eq!(doc["accepted"], json!([]));
    assert_eq!(
        doc["warnings"],
        json!([{"kind": "empty", "place": place(3, 5), "field": "password"}])
    );
    assert_eq!(doc["summary"]["dry_run"], true);
    assert_eq!(doc["summary"]["netrc"], home.netrc().display().to_string());
    assert_eq!(
        doc["summary"]["moved"],
        json!({"credentials": 2, "hosts": ["git.example.com", "github.com"]})
    );
    assert_eq!(
        doc["summary"]["already_there"],
        json!({"credentials": 0, "hosts": []})
    );
    assert_eq!(home.read("env.yaml"), input(), "a dry run writes nothing");
    assert!(!home.netrc().exists());
}

#[test]
fn in_place_reports_what_moved_and_what_was_already_there() {
    let home = Home::new();
    home.add("git.example.com", "alice", PW);
    let text =
        format!("a: https://alice:{PW}@git.example.com/x\nb: https://{TOKEN}@github.com/y\n");
    home.write("env.yaml", &text);
    let doc = document(
        &home,
        &["scrub", "env.yaml", "--in-place", "--format", "json"],
        0,
    );
    assert_eq!(doc["summary"]["dry_run"], false);
    assert_eq!(
        doc["summary"]["moved"],
        json!({"credentials": 1, "hosts": ["github.com"]})
    );
    assert_eq!(
        doc["summary"]["already_there"],
        json!({"credentials": 1, "hosts": ["git.example.com"]})
    );
    assert_eq!(doc["stays"], json!([]));
    assert_eq!(
        home.read("env.yaml"),
        "a: https://git.example.com/x\nb: https://github.com/y\n"
    );
    assert!(home.read_netrc().contains(TOKEN), "the token moved");
}

#[test]
fn allowed_lines_quoted_values_and_python_names_are_typed() {
    let home = Home::new();
    let text = format!(
        "a = 'https://u:{PW}@h.example/'  # netrc-guard: allow\n\
         b = 'https://u:pass%23word@q.example/'\n\
         c = 'https://u:{PW}@M%C3%BCnchen.example/'\n"
    );
    home.write("job.py", &text);
    let run = home.run(&[
        "scrub",
        "job.py",
        "--dry-run",
        "--allow-quoted",
        "--format",
        "json",
    ]);
    run.ok().hides(PW).hides("pass#word").hides("pass%23word");
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let at = |line: u64, column: u64| json!({"file": "job.py", "line": line, "column": column});
    assert_eq!(doc["left"], json!([{"place": at(1, 6), "why": "allowed"}]));
    let kinds: Vec<&str> = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["quoted", "python_name"]);
    assert_eq!(doc["warnings"][0]["place"], at(2, 6));
    assert_eq!(doc["warnings"][0]["field"], "password");
    assert_eq!(doc["warnings"][1]["host"], "xn--mnchen-3ya.example");
    // As urllib writes it: lower-cased only before the first `%`.
    assert_eq!(doc["warnings"][1]["python_host"], "m%C3%BCnchen.example");
}

#[test]
fn errors_stay_on_standard_error_and_json_needs_somewhere_else_for_the_text() {
    let home = Home::new();
    home.write("env.yaml", &input());
    let run = home.run(&["scrub", "env.yaml", "--format", "json"]);
    run.code(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "netrc-guard: error: --format json needs --in-place or --dry-run: without them the scrubbed text goes to standard output\n"
    );
    let text = format!("a: https://u:{PW}@h.example/\nb: https://u:other-{PW}@h.example/\n");
    home.write("two.yaml", &text);
    let run = home.run(&["scrub", "two.yaml", "--in-place", "--format", "json"]);
    run.code(2)
        .stderr_is(
            "netrc-guard: error: two.yaml:1:4 and two.yaml:2:4: two different credentials for h.example; a netrc holds one per host; nothing changed\n  \
             to keep one: take the other out of its file by hand (or, where the file has comments, mark its line `netrc-guard: allow` to leave it in place), then scrub again\n",
        )
        .hides(PW);
    assert_eq!(run.stdout, "");
    assert_eq!(home.read("two.yaml"), text);
}

/// Every refusal (exit 2) leaves standard output empty, so a CI step that parses it never
/// reads half a document, and says why on standard error, naming no value: the netrc
/// unreadable or holding other credentials, the netrc as a source, input that does not
/// parse, a value no netrc can hold, two credentials for one host, standard input with
/// `--in-place`.
#[test]
fn a_refusal_leaves_standard_output_empty_and_names_no_value() {
    use crate::common::expect::Test;
    let one = format!("a: https://u:{PW}@h.example/\n");
    let cases: [(&str, &str, &str, &[&str], &str); 8] = [
        (
            ".netrc",
            &format!("machine h.example login u password \"{PW}\n"),
            "env.yaml",
            &["--dry-run"],
            "$HOME/.netrc:1:36: unterminated quoted value",
        ),
        (
            ".netrc",
            &format!("machine h.example login u password other-{PW}\n"),
            "env.yaml",
            &["--in-place"],
            "$HOME/.netrc:1:1: h.example already has other credentials than those at env.yaml:1:4; nothing changed\n  \
             to replace them with the file's: scrub again with --force\n  \
             to keep the netrc's: take the credential out of the file by hand (or, where the file has comments, mark its line `netrc-guard: allow` to leave it in place), then scrub again",
        ),
        (
            ".netrc",
            &format!("machine h.example login u password {PW}\n"),
            ".netrc",
            &["--dry-run"],
            ".netrc: this is the netrc ($HOME/.netrc) itself; scrub moves credentials out of other files into it. Nothing changed",
        ),
        (
            "env.yaml",
            &format!("a: \"https://u:{PW}@h.example/\n"),
            "env.yaml",
            &["--dry-run"],
            "env.yaml:1:4: not valid YAML: while scanning a quoted scalar, found unexpected end of stream",
        ),
        (
            "env.yaml",
            &format!("a: https://u:{PW}%FF@h.example/\n"),
            "env.yaml",
            &["--in-place"],
            "env.yaml:1:4: the percent-encoded user name or password is not UTF-8 text, which a netrc cannot hold; nothing changed",
        ),
        (
            "env.yaml",
            &format!("a: https://{TOKEN}%0A@h.example/\n"),
            "env.yaml",
            &["--in-place"],
            "env.yaml:1:4: the user name contains a control character, which no netrc reader can read; nothing changed",
        ),
        (
            "env.yaml",
            &format!("{one}b: https://u:x{PW}@h.example/\n"),
            "env.yaml",
            &["--dry-run"],
            "env.yaml:1:4 and env.yaml:2:4: two different credentials for h.example; a netrc holds one per host; nothing changed\n  \
             to keep one: take the other out of its file by hand (or, where the file has comments, mark its line `netrc-guard: allow` to leave it in place), then scrub again",
        ),
        (
            "env.yaml",
            &one,
            "-",
            &["--in-place"],
            "--in-place needs files; standard input can only be scrubbed to standard output",
        ),
    ];
    for (name, text, source, flags, error) in cases {
        let mut test = Test::new().file("env.yaml", &one).file(name, text);
        test = test.args(["scrub", source, "--format", "json"]).stdin(&one);
        for flag in flags {
            test = test.arg(flag);
        }
        let home = test
            .stderr(&format!("netrc-guard: error: {error}\n"))
            .status(2)
            .run();
        if name == "env.yaml" {
            assert_eq!(home.read(name), text, "nothing changed");
        }
    }
}
