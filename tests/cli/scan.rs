//! `scan`, run as the real binary over temporary trees.

use crate::common;

use common::Home;

const PW: &str = "hunter2-Secret";
const TOKEN: &str = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

fn tree() -> Home {
    let home = Home::new();
    home.write(
        "requirements.txt",
        &format!("requests\n--index-url https://ci:{PW}@pypi.example.com/simple\n"),
    );
    home.write(
        "src/job.py",
        &format!("URL = 'https://{TOKEN}@github.com/acme/repo.git'\n"),
    );
    home.write(
        "clean.yaml",
        "working_dir: https://github.com/acme/repo/archive/main.zip\n",
    );
    home
}

#[test]
fn text_report_and_exit_1() {
    let home = tree();
    let out = home.run(&["scan"]);
    out.code(1).hides(PW).hides(TOKEN).stderr_lines(&[
        "netrc-guard: 2 credentials in 3 files scanned",
        "netrc-guard: 2 of them: move them into a netrc file (`netrc-guard scrub FILE --in-place`)",
    ]);
    assert_eq!(
        out.stdout,
        "requirements.txt:2:13: uri-password: https://***@pypi.example.com/simple\nsrc/job.py:1:8: uri-token-user: https://***@github.com/acme/repo.git\n"
    );
}

#[test]
fn a_clean_tree_exits_0() {
    let home = Home::new();
    home.write(
        "a.txt",
        "https://medium.com/@someone git@github.com:o/r.git ssh://git@github.com/o/r\n",
    );
    let out = home.run(&["scan", "."]);
    out.ok();
    assert_eq!(out.stdout, "");
}

/// The advice for a credential in an HTTPS URI, in every format.
const SCRUB: &str = "move it into a netrc file (`netrc-guard scrub FILE --in-place`)";

#[test]
fn json_report() {
    let home = tree();
    let out = home.run(&["scan", "--format", "json"]);
    out.code(1).hides(PW).hides(TOKEN);
    assert_eq!(
        out.json(),
        serde_json::json!([
            {"path": "requirements.txt", "line": 2, "column": 13, "scheme": "https", "host": "pypi.example.com", "rule": "uri-password", "secret_part": "password", "class": "credential", "confidence": "high", "reasons": ["human-password"], "advice": SCRUB},
            {"path": "src/job.py", "line": 1, "column": 8, "scheme": "https", "host": "github.com", "rule": "uri-token-user", "secret_part": "user", "class": "credential", "confidence": "high", "reasons": ["token-format:github"], "advice": SCRUB}
        ])
    );
}

#[test]
fn sarif_report_is_sarif_2_1_0() {
    let home = tree();
    let out = home.run(&["scan", "--format", "sarif"]);
    out.code(1).hides(PW).hides(TOKEN);
    let v = out.json();
    assert_eq!(v["version"], "2.1.0");
    let driver = &v["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "netrc-guard");
    for rule in driver["rules"].as_array().unwrap() {
        for key in ["id", "shortDescription", "fullDescription", "help"] {
            assert!(!rule[key].is_null(), "rule lacks {key}");
        }
    }
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let loc = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "requirements.txt");
    assert_eq!(loc["region"]["startLine"], 2);
    assert!(results[0]["partialFingerprints"]["primaryLocationLineHash"].is_string());
}

/// Columns of lines with characters outside ASCII (the bug: SARIF counted code points, as
/// the text report does, without saying so, and a SARIF reader takes columns for UTF-16 code
/// units unless told, so results after an emoji were one column off). The run says how it
/// counts, and the region is the URI's, counted that way, before any character width.
#[test]
fn sarif_columns_are_counted_as_the_run_says() {
    let home = Home::new();
    for (i, prefix) in ["x: ", "é: ", "😀: ", "名前😀é: ", "\t\u{301}e: "]
        .into_iter()
        .enumerate()
    {
        let uri = format!("https://u:{PW}@h.example/p");
        home.write("a.yaml", &format!("{prefix}{uri}\n"));
        let sarif = home.run(&["scan", "a.yaml", "--format", "sarif"]);
        let v = sarif.code(1).hides(PW).json();
        assert_eq!(v["runs"][0]["columnKind"], "unicodeCodePoints");
        let region = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
        let start = prefix.chars().count() + 1;
        let end = start + uri.chars().count();
        assert_eq!(
            (region["startColumn"].as_u64(), region["endColumn"].as_u64()),
            (Some(start as u64), Some(end as u64)),
            "case {i}: {prefix:?}"
        );
    }
}

#[test]
fn github_annotations() {
    let home = tree();
    let out = home.run(&["scan", "--format", "github"]);
    out.code(1).hides(PW).hides(TOKEN);
    assert!(
        out.stdout
            .starts_with("::error file=requirements.txt,line=2,col=13,"),
        "{}",
        out.stdout
    );
}

/// The allow marker silences a credential; a placeholder and a weak value at a loopback host
/// are examples, reported only with --include-examples (or its old names); a chosen password
/// at a loopback host is a credential.
#[test]
fn allow_marker_examples_and_loopback() {
    let home = Home::new();
    home.write(
        "a.sh",
        &format!("curl https://u:{PW}@h.example/x  # netrc-guard: allow\ncurl https://u:${{TOKEN}}@h.example/\nredis-cli -u redis://:hunter22@localhost:6379\nredis-cli -u redis://:{PW}@localhost:6379\n"),
    );
    let lines = |args: &[&str]| -> Vec<u64> {
        let mut all = vec!["scan", "--format", "json"];
        all.extend_from_slice(args);
        let out = home.run(&all);
        out.code(1).hides(PW);
        let json = out.json();
        json.as_array()
            .unwrap()
            .iter()
            .map(|f| f["line"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(lines(&[]), [4]);
    for flags in [
        &["--include-examples"][..],
        &["--include-placeholders"],
        &["--include-local"],
        &["--include-placeholders", "--include-local"],
    ] {
        assert_eq!(lines(flags), [2, 3, 4], "{flags:?}");
    }
}

#[test]
fn ignore_files_hidden_files_and_named_files() {
    let home = Home::new();
    home.write(".gitignore", "ignored/\n");
    home.write("ignored/x.txt", &format!("https://u:{PW}@h.example/\n"));
    home.write(
        ".env",
        &format!("DATABASE_URL=postgres://app:{PW}@db.example/prod\n"),
    );
    home.write(".git/config", &format!("url = https://u:{PW}@h.example/\n"));
    let out = home.run(&["scan", "--format", "json"]);
    out.code(1);
    let paths: Vec<_> = out
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    // `.git` is not walked, but its config (remote URLs) is read.
    assert_eq!(paths, [".env", ".git/config"]);
    // A file named on the command line is read even when ignored (pre-commit names files).
    let out = home.run(&["scan", "ignored/x.txt"]);
    out.code(1)
        .stdout_is("ignored/x.txt:1:1: uri-password: https://***@h.example/\n");
}

fn paths_found(out: &common::Run) -> Vec<String> {
    out.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

/// Defect: a token in `.git/config` (`url = https://TOKEN@github.com/...`, where `git clone`
/// keeps it) was never read, `.git` being skipped whole. Only the config is read: a
/// credential elsewhere under `.git` (a log, an object) stays unread.
#[test]
fn git_config_remote_urls_are_found() {
    let home = Home::new();
    home.write(
        "repo/.git/config",
        &format!("[remote \"origin\"]\n\turl = https://{TOKEN}@github.com/acme/repo.git\n"),
    );
    home.write(
        "repo/.git/logs/HEAD",
        &format!("clone: from https://u:{PW}@h.example/r.git\n"),
    );
    home.write("repo/README", "nothing\n");
    let out = home.run(&["scan", "--format", "json"]);
    out.code(1).hides(TOKEN);
    assert_eq!(paths_found(&out), ["repo/.git/config"]);
    let out = home.run(&["scan", "repo"]);
    out.code(1)
        .stdout_is("repo/.git/config:2:8: uri-token-user: https://***@github.com/acme/repo.git\n");
    // A clean config is read too, and is clean.
    home.write("repo/.git/config", "[core]\n\tbare = false\n");
    home.run(&["scan", "repo"]).ok();
}

/// A `.git` file (a linked worktree, a submodule) names the git directory whose config holds
/// the remotes: that config is read, once however many worktrees share it.
#[test]
fn git_config_of_worktrees_and_submodules() {
    let home = Home::new();
    home.write(
        "main/.git/config",
        &format!("[remote \"origin\"]\n\turl = https://{TOKEN}@github.com/acme/repo.git\n"),
    );
    home.write("main/.git/worktrees/wt/commondir", "../..\n");
    home.write("wt/.git", "gitdir: ../main/.git/worktrees/wt\n");
    home.write(
        "main/.git/modules/sub/config",
        &format!("[remote \"origin\"]\n\turl = https://u:{PW}@h.example/sub.git\n"),
    );
    home.write("main/sub/.git", "gitdir: ../.git/modules/sub\n");
    let out = home.run(&["scan", "--format", "json"]);
    out.code(1).hides(TOKEN).hides(PW);
    assert_eq!(
        paths_found(&out),
        ["main/.git/config", "main/sub/../.git/modules/sub/config"]
    );
    // The worktree alone: its repository's config, outside the walked tree.
    let out = home.run(&["scan", "wt", "--format", "json"]);
    out.code(1);
    assert_eq!(
        paths_found(&out),
        ["wt/../main/.git/worktrees/wt/../../config"]
    );
}

/// Defect (flaky in CI): worktrees that share one config had it reported under whichever
/// checkout the parallel walk found first. It is now the first in path order, every run.
#[test]
fn a_shared_git_config_is_reported_under_the_first_checkout_every_time() {
    let home = Home::new();
    home.write(
        "a-main/.git/config",
        &format!("[remote \"origin\"]\n\turl = https://{TOKEN}@github.com/acme/repo.git\n"),
    );
    for i in 0..8 {
        home.write(&format!("a-main/.git/worktrees/w{i}/commondir"), "../..\n");
        home.write(
            &format!("w{i}/.git"),
            &format!("gitdir: ../a-main/.git/worktrees/w{i}\n"),
        );
    }
    for _ in 0..5 {
        let out = home.run(&["scan", "--format", "json"]);
        out.code(1).hides(TOKEN);
        assert_eq!(paths_found(&out), ["a-main/.git/config"]);
    }
}

/// Defect: a gitignored `.env` was skipped with no way to read it but naming it.
#[test]
fn no_ignore_reads_ignored_files() {
    let home = Home::new();
    home.write(".gitignore", ".env\n");
    home.write(".env", &format!("URL=https://u:{PW}@h.example/\n"));
    home.run(&["scan"]).ok();
    let out = home.run(&["scan", "--no-ignore", "--format", "json"]);
    out.code(1).hides(PW);
    assert_eq!(paths_found(&out), [".env"]);
}

/// Defect: a file named on the command line was skipped when it held a NUL byte, though
/// named files are always read. Walked files still skip binaries.
#[test]
fn a_named_binary_file_is_read() {
    let home = Home::new();
    home.write("blob.bin", &format!("\0\0https://u:{PW}@h.example/x\n"));
    let out = home.run(&["scan", "blob.bin"]);
    out.code(1)
        .hides(PW)
        .stdout_is("blob.bin:1:3: uri-password: https://***@h.example/x\n");
    home.run(&["scan", "."])
        .ok()
        .stderr_is("netrc-guard: skipped 1 binary file\n");
}

/// `scan -` reads standard input, reported as `<stdin>`, with the usual exit codes.
#[test]
fn scan_dash_reads_standard_input() {
    let home = Home::new();
    let out = home.run_stdin(
        &["scan", "-"],
        &format!("x\npip install --index-url https://ci:{PW}@pypi.example/simple\n"),
    );
    out.code(1).hides(PW);
    assert_eq!(
        out.stdout,
        "<stdin>:2:25: uri-password: https://***@pypi.example/simple\n"
    );
    home.run_stdin(&["scan", "-"], "https://h.example/\n").ok();
    home.run_stdin(&["scan", "-"], "").ok();
}

#[test]
fn binary_and_large_files_are_skipped_and_said() {
    let home = Home::new();
    home.write("blob.bin", &format!("\0\0https://u:{PW}@h.example/\n"));
    home.write(
        "big.txt",
        &format!("{}https://u:{PW}@h.example/\n", "x".repeat(2000)),
    );
    let out = home.run(&["scan", "--max-filesize", "1000"]);
    out.ok()
        .stderr_lines(&[
            "netrc-guard: warning: big.txt: skipped, 2036 bytes is over the --max-filesize limit of 1000",
            "netrc-guard: skipped 1 binary file",
        ]);
}

#[test]
fn an_unreadable_file_is_reported_and_the_rest_still_scanned() {
    let home = tree();
    let out = home.run(&["scan", "missing.txt", "requirements.txt"]);
    out.code(2)
        .stderr_lines(&[
            "netrc-guard: error: missing.txt: no such file or directory",
            "netrc-guard: 1 credential in 1 file scanned",
            "netrc-guard: 1 of them: move it into a netrc file (`netrc-guard scrub FILE --in-place`)",
            "netrc-guard: error: 1 file could not be scanned",
        ])
        .stdout_is("requirements.txt:2:13: uri-password: https://***@pypi.example.com/simple\n");
}

#[test]
fn a_large_tree_is_scanned_completely() {
    let home = Home::new();
    for i in 0..300 {
        let text = if i % 50 == 7 {
            format!("line\nhttps://u:{PW}@h{i}.example/\n")
        } else {
            "nothing here https://h.example/\n".to_string()
        };
        home.write(&format!("d{}/f{i}.txt", i % 7), &text);
    }
    let out = home.run(&["scan", "--format", "json"]);
    out.code(1);
    assert_eq!(out.json().as_array().unwrap().len(), 6);
}

#[test]
fn json_escaped_slashes_are_found_too() {
    let home = Home::new();
    home.write(
        "body.json",
        &format!("{{\"working_dir\": \"https:\\/\\/u:{PW}@h.example\\/a.zip\"}}\n"),
    );
    let out = home.run(&["scan"]);
    out.code(1).hides(PW);
    assert_eq!(
        out.stdout,
        "body.json:1:18: uri-password: https://***@h.example\n"
    );
}

#[test]
fn sarif_validates_against_a_sarif_2_1_0_model() {
    if !common::have_python_module(
        "sarif_pydantic",
        "sarif_validates_against_a_sarif_2_1_0_model",
    ) {
        return;
    }
    let home = tree();
    let out = home.run(&["scan", "--format", "sarif"]);
    let sarif = home.write("out.sarif", &out.stdout);
    let checked = common::python_json(
        "import json, sys, sarif_pydantic as s; m = s.Sarif.model_validate(json.load(open(sys.argv[1]))); print(json.dumps([m.version, len(m.runs[0].results)]))",
        &[sarif.as_os_str()],
        None,
    );
    assert_eq!(checked, serde_json::json!(["2.1.0", 2]));
}

/// Defect (issue 9): shapes scan missed or misreported, through the real binary: a quote or
/// a backtick in a userinfo (curl sends it), a JSON, Python or YAML escape in it, and
/// punctuation after a URI taken as part of it. Near misses stay clean.
#[test]
fn quotes_escapes_and_trailing_punctuation() {
    let home = Home::new();
    home.write(
        "a.sh",
        "curl https://u2:Zq7'vK2mX9@y2.example.com/p\ncurl https://u3:Zq7`vK2mX9@y3.example.com/p\n",
    );
    home.write(
        "b.json",
        "{\"w\": \"https://user:Vb8\\u0065Lr4Tn2Q@host.example/x\"}\n",
    );
    home.write(
        "c.py",
        "W = 'https://user:Vb8\\x65Lr4Tn2Q@host.example/x'\n",
    );
    home.write("d.yaml", "w: \"https://user:Vb8\\x65Lr4Tn2Q@host.example/x\"\nv: 'https://user:Zq7''vK2mX9@host.example/v'\nf: [https://u:Hf6Tq9Lx2Wp@flow.example/p, b]\n");
    home.write(
        "e.md",
        "See [the index](https://u:Rt5Mz8Kc3Jd@md.example/simple).\n",
    );
    home.write(
        "clean.py",
        "x = {'a':'see https://h.example','b':'u:Kx8Lm2Qz9Vt@x.example'}\ny = 'https://h.example'.format('u:Kx8Lm2Qz9Vt@h')\n",
    );
    let out = home.run(&["scan"]);
    out.code(1)
        .hides("Zq7'vK2mX9")
        .hides("Vb8")
        .hides("Hf6Tq9Lx2Wp")
        .hides("Rt5Mz8Kc3Jd");
    assert_eq!(
        out.stdout,
        "a.sh:1:6: uri-password: https://***@y2.example.com/p\n\
         a.sh:2:6: uri-password: https://***@y3.example.com/p\n\
         b.json:1:8: uri-password: https://***@host.example/x\n\
         c.py:1:6: uri-password: https://***@host.example/x\n\
         d.yaml:1:5: uri-password: https://***@host.example/x\n\
         d.yaml:2:5: uri-password: https://***@host.example/v\n\
         d.yaml:3:5: uri-password: https://***@flow.example/p\n\
         e.md:1:17: uri-password: https://***@md.example/simple\n"
    );
    // The end column stops before the `,` and the `)`.
    let sarif = home
        .run(&["scan", "d.yaml", "e.md", "--format", "sarif"])
        .json();
    let ends: Vec<_> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["region"]["endColumn"]
                .as_u64()
                .unwrap()
        })
        .collect();
    let flow = "f: [https://u:Hf6Tq9Lx2Wp@flow.example/p".chars().count() as u64 + 1;
    let md = "See [the index](https://u:Rt5Mz8Kc3Jd@md.example/simple"
        .chars()
        .count() as u64
        + 1;
    assert_eq!(ends[2..], [flow, md]);
}

/// Bug class: documentation and test fixtures reported as leaks (issue 9). The shapes found
/// across popular projects' docs and tests stay silent, while realistic credentials planted
/// beside them, in the same kinds of files and at the same hosts, are all found.
#[test]
fn examples_stay_silent_and_planted_credentials_are_found() {
    let home = Home::new();
    let examples = [
        "engine = create_engine('postgresql://scott:tiger@localhost/test')",
        "proxy = 'http://user:pass@host:3128/'",
        "# mysql://username:password@hostspec/database",
        "REDIS = 'redis://:password@hostname:port/0'",
        "BROKER = 'amqp://guest:guest@localhost:5672//'",
        "assert parse('https://u:p@host/').password == 'p'",
        "DSN = 'postgresql://{}:{}@{}:{}/{}'.format(u, p, h, port, db)",
        "DSN = 'postgresql://%s:%s@%s/%s' % (u, p, h, db)",
        "help='scheme://[USER:PASSWORD@]proxy.server:PORT'",
        "url = 's3://aws_access_key_id:aws_secret_access_key@bucket/key'",
        "DB = 'postgres://app:${DB_PASSWORD}@db.acme.io/app'",
    ];
    let planted = [
        format!("TOKEN_URL = 'https://{TOKEN}@github.com/acme/private.git'"),
        format!("ci = 'https://x-access-token:{TOKEN}@localhost:3000/o/r'"),
        format!("mirror = 'https://user:{TOKEN}@example.com/simple'"),
        "db = 'postgresql://scott:Tq8%23vLm2pX@db.internal.acme.io/db'".to_string(),
        "db = 'postgresql://reporting:Summer2024!@localhost:5432/reports'".to_string(),
        "key = 'https://svc:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b@127.0.0.1:8443/'".to_string(),
        "idx = 'https://build:q8Zk2LmN4pR7sT1vW9xY3bF6@pypi.example.com/simple'".to_string(),
        "wh = 'postgres://analytics:bluefalcon42@warehouse.acme.io/dw'".to_string(),
    ];
    let mut text = examples.join("\n");
    for line in &planted {
        text.push('\n');
        text.push_str(line);
    }
    home.write("tests/test_config.py", &(text + "\n"));
    let out = home.run(&["scan", "--format", "json"]);
    out.code(1).hides(TOKEN).hides("Summer2024").hides("tiger");
    let found: Vec<u64> = out
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert_eq!(f["class"], "credential");
            f["line"].as_u64().unwrap()
        })
        .collect();
    let first_planted = examples.len() as u64 + 1;
    assert_eq!(
        found,
        (first_planted..first_planted + planted.len() as u64).collect::<Vec<_>>()
    );
    // Every example is there with --include-examples, with its reasons and no value.
    let out = home.run(&["scan", "--include-examples", "--format", "json"]);
    out.code(1).hides(TOKEN).hides("tiger").hides("guest:");
    let all = out.json();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), examples.len() + planted.len());
    for f in &all[..examples.len()] {
        assert_eq!(f["class"], "example", "{f}");
        assert!(!f["reasons"].as_array().unwrap().is_empty(), "{f}");
    }
}

#[test]
fn text_and_sarif_name_an_example_and_its_reasons() {
    let home = Home::new();
    home.write("a.py", "E = 'postgresql://scott:tiger@localhost/test'\n");
    let out = home.run(&["scan"]);
    out.ok();
    assert_eq!(out.stdout, "");
    let out = home.run(&["scan", "--include-examples"]);
    out.code(1)
        .hides("tiger")
        .stderr_is("netrc-guard: 1 example reported because --include-examples was given\n");
    assert_eq!(
        out.stdout,
        "a.py:1:6: uri-password: postgresql://***@localhost/test (example: demo-pair)\n"
    );
    let out = home.run(&["scan", "--include-examples", "--format", "sarif"]);
    let v = out.json();
    let r = &v["runs"][0]["results"][0];
    assert_eq!(r["level"], "note");
    assert_eq!(r["properties"]["class"], "example");
    assert_eq!(r["properties"]["confidence"], "low");
    assert_eq!(r["properties"]["reasons"], serde_json::json!(["demo-pair"]));
    let out = home.run(&["scan", "--include-examples", "--format", "github"]);
    assert!(
        out.stdout.starts_with("::notice file=a.py"),
        "{}",
        out.stdout
    );
}

/// `-` is standard input; with a file named `-` in the directory (as pre-commit passes a
/// staged one), which one the user meant is not guessed: exit 2. `./-` is the file, and
/// elsewhere `-` is standard input as before.
#[test]
fn option_injection_dash_beside_a_file_named_dash_is_refused() {
    let home = Home::new();
    home.write("-", &format!("https://u:{PW}@h.example/a\n"));
    home.run_stdin(&["scan", "-"], "nothing\n")
        .code(2)
        .stderr_is("netrc-guard: error: `-` is standard input, and a file named `-` is here too: name the file `./-`, or pipe to `netrc-guard scan` from another directory\n")
        .hides(PW);
    home.run_stdin(&["scan", "--", "-"], "nothing\n").code(2);
    home.run(&["scan", "./-"])
        .code(1)
        // Reported under the name it was given, as every named file is.
        .stdout_is("-:1:1: uri-password: https://***@h.example/a\n")
        .hides(PW);
    let elsewhere = Home::new();
    elsewhere
        .run_stdin(&["scan", "-"], &format!("https://u:{PW}@h.example/a\n"))
        .code(1)
        .stdout_is("<stdin>:1:1: uri-password: https://***@h.example/a\n")
        .hides(PW);
}

/// Confidence end to end: a weak default at a real host is reported (medium) beside a token
/// (high); `--min-confidence` cuts by it, `low` adds examples, and it cannot be combined
/// with `--include-examples`.
#[test]
fn min_confidence_cuts_by_confidence() {
    let home = Home::new();
    home.write(
        "settings.py",
        &format!(
            "BROKER = 'amqp://guest:guest@rabbit.prod.corp.net/'\nREPO = 'https://{TOKEN}@github.com/acme/repo.git'\nDEMO = 'amqp://guest:guest@localhost:5672//'\n"
        ),
    );
    let confidences = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["scan", "--format", "json"];
        all.extend_from_slice(args);
        let out = home.run(&all);
        out.code(1).hides(TOKEN).hides("guest:");
        out.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["confidence"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(confidences(&[]), ["medium", "high"]);
    assert_eq!(
        confidences(&["--min-confidence", "medium"]),
        ["medium", "high"]
    );
    assert_eq!(confidences(&["--min-confidence", "high"]), ["high"]);
    assert_eq!(
        confidences(&["--min-confidence", "low"]),
        ["medium", "high", "low"]
    );
    assert_eq!(
        confidences(&["--include-examples"]),
        ["medium", "high", "low"]
    );
    let out = home.run(&["scan"]);
    out.code(1);
    assert!(
        out.stdout.starts_with(
            "settings.py:1:11: uri-password: amqp://***@rabbit.prod.corp.net/ (medium confidence: user-equals-password, echoes-name, real-host)\n"
        ),
        "{}",
        out.stdout
    );
    home.run(&["scan", "--min-confidence", "high", "--include-examples"])
        .code(2);
}

/// Bug class: a multi-host authority judged by its last label and reported under a name
/// that is not a host. Each host is judged and reported on its own.
#[test]
fn regression_multi_host_authorities_are_reported_per_host() {
    let home = Home::new();
    home.write(
        "db.env",
        "MONGO=mongodb://u:hunter22@mongo1.corp.net:27017,mongo2.example.com:27017/app\nPG=postgresql://alice:hunter22@db.example.com,service.test/app\n",
    );
    let hosts = |args: &[&str]| -> Vec<(String, String)> {
        let mut all = vec!["scan", "--format", "json"];
        all.extend_from_slice(args);
        home.run(&all)
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["host"].as_str().unwrap().to_string(),
                    f["class"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let pair = |h: &str, c: &str| (h.to_string(), c.to_string());
    assert_eq!(hosts(&[]), [pair("mongo1.corp.net", "credential")]);
    assert_eq!(
        hosts(&["--include-examples"]),
        [
            pair("mongo1.corp.net", "credential"),
            pair("mongo2.example.com", "example"),
            pair("db.example.com", "example"),
            pair("service.test", "example"),
        ]
    );
    // One userinfo per host: each pair judged at its own host.
    home.write(
        "db.env",
        "CACHE=cache+memcached://u:pass1@cache1.corp.net:11211;u:Kx7pQ2vN9zLm@10.0.0.2:11211/\n",
    );
    let out = home.run(&["scan", "--format", "json"]);
    out.code(1).hides("Kx7pQ2vN9zLm").hides("pass1");
    let found: Vec<(String, String)> = out
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["host"].as_str().unwrap().to_string(),
                f["confidence"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [pair("cache1.corp.net", "medium"), pair("10.0.0.2", "high")]
    );
}
