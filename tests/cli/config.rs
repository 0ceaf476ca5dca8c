//! The configuration file (issue 17): discovery, precedence, --config/--no-config, errors at
//! a position, and the CI step that scrubs a runtime_env holding a database URL.

use crate::common::expect::Test;

const RUNTIME_ENV: &str = r#"{"pip": ["--index-url", "https://deploy:Pypi5ecretX@pypi.acme.io/simple"],
 "env_vars": {"DATABASE_URL": "postgresql://app:Db5ecretX@db.acme.io:5432/app"}}
"#;

const PG_STAYS: &str = "runtime_env.json:2:32: a postgresql credential stays where it is: libpq (psycopg, asyncpg) never reads a netrc: put the password in ~/.pgpass or the file PGPASSFILE names, or in an environment variable or Kubernetes Secret the application reads";

const FINDING: &str = "https://u:Sc4nSecretX@git.acme.io/r.git\n";

#[test]
fn the_nearest_configuration_wins_and_the_dotfile_beats_pyproject() {
    // Three levels: pyproject at the top excludes nothing useful, the dotfile in `a`
    // excludes b.txt; run from a/b, the dotfile in `a` is the nearest.
    let home = Test::new()
        .file(
            "pyproject.toml",
            "[tool.netrc-guard]\nexclude = [\"nothing\"]\n",
        )
        .file("a/.netrc-guard.toml", "exclude = [\"b.txt\"]\n")
        .file("a/b/b.txt", FINDING)
        .home;
    let mut cmd = home.cmd();
    let run = crate::common::Run::from(
        cmd.current_dir(home.path().join("a/b"))
            .args(["scan", "b.txt"])
            .output()
            .unwrap(),
    );
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "netrc-guard: 1 named file excluded by ../.netrc-guard.toml\n"
    );
    assert_eq!(run.code, 0);
    // In one directory, .netrc-guard.toml is read and pyproject.toml is not.
    Test::new()
        .file("pyproject.toml", "[tool.netrc-guard]\nexclude = [\"x.txt\"]\n")
        .file(".netrc-guard.toml", "exclude = []\n")
        .file("x.txt", FINDING)
        .args(["scan", "--format", "github", "x.txt"])
        .stdout("::error file=x.txt,line=1,col=1,endColumn=40,title=netrc-guard uri-password::a password in an https URI for git.acme.io: move it into a netrc file (`netrc-guard scrub FILE --in-place`): https://***@git.acme.io/r.git\n")
        .stderr("netrc-guard: 1 credential in 1 file scanned\nnetrc-guard: 1 of them: move it into a netrc file (`netrc-guard scrub FILE --in-place`)\n")
        .status(1)
        .run();
    // pyproject.toml alone is read when it has the table.
    Test::new()
        .file(
            "pyproject.toml",
            "[project]\nname = \"x\"\n\n[tool.netrc-guard]\nexclude = [\"x.txt\"]\n",
        )
        .file("x.txt", FINDING)
        .args(["scan", "x.txt"])
        .stderr("netrc-guard: 1 named file excluded by pyproject.toml\n")
        .run();
}

#[test]
fn config_names_one_file_and_no_config_reads_none() {
    Test::new()
        .file(".netrc-guard.toml", "exclude = [\"x.txt\"]\n")
        .file("ci.toml", "[accept]\nhosts = [\"git.acme.io\"]\n")
        .file("x.txt", FINDING)
        .args(["scan", "--config", "ci.toml", "x.txt"])
        .stderr("netrc-guard: 1 finding excluded or accepted by ci.toml not shown\n")
        .run();
    Test::new()
        .file(".netrc-guard.toml", "exclude = [\"x.txt\"]\n")
        .file("x.txt", FINDING)
        .args(["scan", "--no-config", "--format", "github", "x.txt"])
        .stdout("::error file=x.txt,line=1,col=1,endColumn=40,title=netrc-guard uri-password::a password in an https URI for git.acme.io: move it into a netrc file (`netrc-guard scrub FILE --in-place`): https://***@git.acme.io/r.git\n")
        .stderr("netrc-guard: 1 credential in 1 file scanned\nnetrc-guard: 1 of them: move it into a netrc file (`netrc-guard scrub FILE --in-place`)\n")
        .status(1)
        .run();
}

#[test]
fn unknown_keys_and_wrong_types_are_errors_at_their_position() {
    Test::new()
        .file(".netrc-guard.toml", "exclude = [\"a\"]\n\n[accept]\n  shemes = [\"postgresql\"]\n")
        .args(["scan", "."])
        .stderr("netrc-guard: error: .netrc-guard.toml:4:3: unknown key `shemes` in accept (known: schemes, hosts, fingerprints)\n")
        .status(2)
        .run();
    Test::new()
        .file("pyproject.toml", "[tool.netrc-guard]\nbaseline = \"b.json\"\nexlude = []\n")
        .args(["scrub", "--dry-run", "x.json"])
        .stderr("netrc-guard: error: pyproject.toml:3:1: unknown key `exlude` in tool.netrc-guard (known: exclude, baseline, accept)\n")
        .status(2)
        .run();
    Test::new()
        .file(".netrc-guard.toml", "exclude = \"vendor\"\n")
        .args(["scan", "."])
        .stderr(
            "netrc-guard: error: .netrc-guard.toml:1:1: `exclude` must be an array of strings\n",
        )
        .status(2)
        .run();
    Test::new()
        .file("c.toml", "exclude = [\n")
        .args(["scan", "--config", "c.toml", "."])
        .stderr("netrc-guard: error: c.toml:1:12: unclosed array, expected `]`\n")
        .status(2)
        .run();
}

/// The CI step of issue 17: a runtime_env whose database URL cannot move. Without a
/// configuration scrub fails every time; accepting the scheme lets it pass while the rest
/// is clean, and a credential of another kind still fails it.
#[test]
fn ci_scrub_of_a_runtime_env_with_a_database_url_passes_once_accepted() {
    let home = Test::new()
        .file("runtime_env.json", RUNTIME_ENV)
        .args(["scrub", "runtime_env.json", "--in-place"])
        .stderr(&format!(
            "netrc-guard: moved 1 credential for pypi.acme.io into $HOME/.netrc
netrc-guard: warning: {PG_STAYS}
netrc-guard: warning: 1 credential remains where it is (named above): a netrc cannot stand in for it
"
        ))
        .status(1)
        .run();
    let home = Test::with_home(home)
        .file(
            ".netrc-guard.toml",
            "[accept]\nschemes = [\"postgresql\"]\n",
        )
        .args(["scrub", "runtime_env.json", "--in-place"])
        .stderr(&format!(
            "netrc-guard: no credentials to move
netrc-guard: {PG_STAYS}; accepted by .netrc-guard.toml
"
        ))
        .run();
    // Something new: a Redis URL with a password beside it fails the step again.
    let text = home.read("runtime_env.json").replace(
        "\"DATABASE_URL\"",
        "\"CACHE\": \"rediss://:R3disSecretX@cache.acme.io:6380\", \"DATABASE_URL\"",
    );
    Test::with_home(home)
        .file("runtime_env.json", &text)
        .args(["scrub", "runtime_env.json", "--in-place"])
        .stderr(&format!(
            "netrc-guard: no credentials to move
netrc-guard: {}; accepted by .netrc-guard.toml
netrc-guard: warning: runtime_env.json:2:25: a rediss credential stays where it is: its client never reads a netrc: keep the credential in an environment variable or a Kubernetes Secret the application reads
netrc-guard: warning: 1 credential remains where it is (named above): a netrc cannot stand in for it
",
            PG_STAYS.replace("2:32", "2:86")
        ))
        .status(1)
        .run();
}

/// Accepting by fingerprint: exactly the credential recorded, not another password at the
/// same host.
#[test]
fn a_fingerprint_accepts_that_credential_only() {
    let home = Test::new()
        .file("runtime_env.json", RUNTIME_ENV)
        .args(["scrub", "runtime_env.json", "--in-place"])
        .stderr(&format!(
            "netrc-guard: moved 1 credential for pypi.acme.io into $HOME/.netrc
netrc-guard: warning: {PG_STAYS}
netrc-guard: warning: 1 credential remains where it is (named above): a netrc cannot stand in for it
"
        ))
        .status(1)
        .run();
    let home = Test::with_home(home)
        .args([
            "scan",
            "runtime_env.json",
            "--write-baseline",
            "baseline.json",
        ])
        .stderr("netrc-guard: baseline.json: 1 finding recorded as the baseline\n")
        .run();
    let baseline: serde_json::Value = serde_json::from_str(&home.read("baseline.json")).unwrap();
    let fingerprint = baseline["findings"][0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let config =
        format!("baseline = \"baseline.json\"\n[accept]\nfingerprints = [\"{fingerprint}\"]\n");
    let home = Test::with_home(home)
        .file(".netrc-guard.toml", &config)
        .args(["scrub", "runtime_env.json", "--in-place"])
        .stderr(&format!(
            "netrc-guard: no credentials to move
netrc-guard: {PG_STAYS}; accepted by .netrc-guard.toml
"
        ))
        .run();
    let text = home
        .read("runtime_env.json")
        .replace("Db5ecretX", "R0tatedX");
    Test::with_home(home)
        .file("runtime_env.json", &text)
        .args(["scrub", "runtime_env.json", "--in-place"])
        .stderr(&format!(
            "netrc-guard: no credentials to move
netrc-guard: warning: {PG_STAYS}
netrc-guard: warning: 1 credential remains where it is (named above): a netrc cannot stand in for it
"
        ))
        .status(1)
        .run();
}

/// Inputs scrub reads after it has written (the bug: the accept table's baseline was read
/// only after the files were rewritten and the netrc saved, so a missing or broken one was
/// exit 2 with the work half done and no report). Every input is read first: exit 2, nothing
/// changed anywhere, in either format.
#[test]
fn an_input_read_late_changes_nothing_when_it_is_bad() {
    let config = "baseline = \"baseline.json\"\n[accept]\nfingerprints = [\"abcdef0123\"]\n";
    for (baseline, error) in [
        (
            None,
            "./baseline.json: cannot read the baseline: no such file or directory",
        ),
        (
            Some("{\"netrc-guard-baseline\": 1"),
            "./baseline.json:1:26: not a netrc-guard baseline: the JSON ends too early",
        ),
    ] {
        for format in ["text", "json"] {
            let mut test = Test::new()
                .file(".netrc-guard.toml", config)
                .file("runtime_env.json", RUNTIME_ENV);
            if let Some(text) = baseline {
                test = test.file("baseline.json", text);
            }
            let home = test
                .args([
                    "scrub",
                    "runtime_env.json",
                    "--in-place",
                    "--format",
                    format,
                ])
                .stderr(&format!("netrc-guard: error: {error}\n"))
                .status(2)
                .run();
            assert_eq!(home.read("runtime_env.json"), RUNTIME_ENV, "{format}");
            assert!(!home.netrc().exists(), "{format}");
        }
    }
}

/// pyproject's nested table form, and scrub leaving an excluded file alone (a pre-commit
/// hook passes every staged file).
#[test]
fn scrub_leaves_excluded_files_alone_and_pyproject_nests_accept() {
    let home = Test::new()
        .file(
            "pyproject.toml",
            "[tool.netrc-guard]\nexclude = [\"fixtures/\"]\n\n[tool.netrc-guard.accept]\nhosts = [\"db.acme.io\"]\n",
        )
        .file("fixtures/f.json", "{\"a\": \"https://bob:Fixture5ecretX@github.com/x\"}\n")
        .file("runtime_env.json", RUNTIME_ENV)
        .args(["scrub", "--in-place", "fixtures/f.json", "runtime_env.json"])
        .stderr(&format!(
            "netrc-guard: 1 file excluded by pyproject.toml
netrc-guard: moved 1 credential for pypi.acme.io into $HOME/.netrc
netrc-guard: {PG_STAYS}; accepted by pyproject.toml
"
        ))
        .run();
    assert!(home.read("fixtures/f.json").contains("Fixture5ecretX"));
    Test::with_home(home)
        .args(["scrub", "--in-place", "fixtures/f.json"])
        .stderr("netrc-guard: every file named is excluded by pyproject.toml; nothing to scrub\n")
        .run();
}

/// In a walked directory, findings in excluded paths are left out and counted.
#[test]
fn a_walk_leaves_out_findings_in_excluded_paths() {
    Test::new()
        .file(".netrc-guard.toml", "exclude = [\"vendor/\"]\n")
        .file("vendor/lib/x.txt", FINDING)
        .file("src/ok.txt", "https://git.acme.io/r.git\n")
        .args(["scan", "."])
        .stderr("netrc-guard: 1 finding excluded or accepted by .netrc-guard.toml not shown\n")
        .run();
}

#[test]
fn config_errors_never_repeat_a_token_shaped_key() {
    // A token pasted into the file as a key (bare, quoted, dotted, in an inline table) is
    // placed, not repeated; a misspelt plain word still is.
    let top = "unknown key in the configuration (known: exclude, baseline, accept)";
    let accept = "unknown key in accept (known: schemes, hosts, fingerprints)";
    for (text, at, unknown) in [
        ("ghp_Zq81Xw0Lp3Vb7Nm2Kc5Rt9Yh4Jd6Gf1Sa0E = 1\n", "1:1", top),
        (
            "[accept]\n\"deploy:Hunter2Hunter2@x\" = []\n",
            "2:1",
            accept,
        ),
        ("accept.glpat-Q9w8E7r6T5y4U3i2O1p0 = []\n", "1:8", accept),
        (
            "accept = { ghp_Zq81Xw0Lp3Vb7Nm2Kc5Rt9Yh4Jd6Gf1Sa0E = [] }\n",
            "1:12",
            accept,
        ),
    ] {
        let home = Test::new().file(".netrc-guard.toml", text).home;
        let run = crate::common::Run::from(home.cmd().args(["scan", "."]).output().unwrap());
        assert_eq!(run.code, 2, "{text}");
        assert_eq!(
            run.stderr,
            format!("netrc-guard: error: .netrc-guard.toml:{at}: {unknown}\n")
        );
        for secret in ["ghp_Zq81", "Hunter2", "glpat-"] {
            assert!(!run.stderr.contains(secret), "{}", run.stderr);
        }
    }
}

#[test]
fn config_that_is_not_a_regular_utf8_file_is_refused_without_blocking() {
    // `--config` naming a FIFO (would block), a device (would never end) or a directory is
    // refused; text that is not UTF-8 is placed at its first bad byte. All exit 2, at once.
    let home = Test::new()
        .file("x.txt", FINDING)
        .file("bad.toml", "exclude = []\nbaseline = \"b\u{e9}\"\n")
        .home;
    let fifo = home.path().join("fifo.toml");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let mut latin1 = std::fs::read(home.path().join("bad.toml")).unwrap();
    latin1.retain(|&b| b != 0xc3);
    latin1
        .iter_mut()
        .filter(|b| **b == 0xa9)
        .for_each(|b| *b = 0xe9);
    std::fs::write(home.path().join("bad.toml"), latin1).unwrap();
    std::fs::create_dir(home.path().join("dir.toml")).unwrap();
    for (config, said) in [
        (
            "fifo.toml",
            "fifo.toml: cannot read the configuration: a FIFO (named pipe) is not a regular file",
        ),
        (
            "/dev/zero",
            "/dev/zero: cannot read the configuration: a character device is not a regular file",
        ),
        (
            "dir.toml",
            "dir.toml: cannot read the configuration: a directory is not a regular file",
        ),
        ("bad.toml", "bad.toml:2:14: not UTF-8 text"),
    ] {
        let mut cmd = home.cmd();
        let child = cmd
            .args(["scan", "--config", config, "x.txt"])
            .timeout(std::time::Duration::from_secs(20));
        let run = crate::common::Run::from(child.output().unwrap());
        assert_eq!(run.stderr, format!("netrc-guard: error: {said}\n"));
        assert_eq!(run.code, 2);
    }
}

#[test]
fn config_discovery_stops_at_the_repository_root() {
    // A configuration above the repository (a shared checkout directory) that would accept
    // everything is not read; one at the root is, from any depth.
    let home = Test::new()
        .file(".netrc-guard.toml", "[accept]\nschemes = [\"https\"]\n")
        .file("repo/.git/HEAD", "ref: refs/heads/main\n")
        .file("repo/sub/x.txt", FINDING)
        .home;
    let run = |dir: &str| {
        let mut cmd = home.cmd();
        crate::common::Run::from(
            cmd.current_dir(home.path().join(dir))
                .args(["scan", "--format", "github", "x.txt"])
                .output()
                .unwrap(),
        )
    };
    let found = run("repo/sub");
    assert_eq!(found.code, 1, "{}", found.stderr);
    assert!(found.stdout.contains("uri-password"), "{}", found.stdout);
    home.write("repo/.netrc-guard.toml", "exclude = [\"sub/\"]\n");
    let excluded = run("repo/sub");
    assert_eq!(excluded.code, 0);
    assert_eq!(
        excluded.stderr,
        "netrc-guard: 1 named file excluded by ../.netrc-guard.toml\n"
    );
}

#[test]
fn config_positions_count_columns_as_an_editor_does() {
    // A byte-order mark is not a column; CRLF line ends are one line end.
    for (text, at) in [
        ("\u{feff}bogus = 1\n", "1:1"),
        ("\u{feff}exclude = []\r\nbogus = 1\r\n", "2:1"),
        ("exclude = [\r\n  \"a\",\r\n  3]\r\n", "3:3"),
    ] {
        let home = Test::new().file(".netrc-guard.toml", text).home;
        let run = crate::common::Run::from(home.cmd().args(["scan", "."]).output().unwrap());
        assert_eq!(run.code, 2, "{text:?}");
        assert!(
            run.stderr
                .starts_with(&format!("netrc-guard: error: .netrc-guard.toml:{at}: ")),
            "{text:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn config_table_of_the_wrong_kind_is_an_error_not_passed_over() {
    // `[[tool.netrc-guard]]` or `tool.netrc-guard = 3` was passed over silently, so the
    // exclusions it meant were never applied and the search went on upwards.
    for (text, at) in [
        ("[[tool.netrc-guard]]\nexclude = [\"x.txt\"]\n", "1:8"),
        ("[tool]\nnetrc-guard = 3\n", "2:1"),
    ] {
        let home = Test::new()
            .file("pyproject.toml", text)
            .file("x.txt", FINDING)
            .home;
        let run = crate::common::Run::from(home.cmd().args(["scan", "x.txt"]).output().unwrap());
        assert_eq!(run.code, 2, "{text}");
        assert_eq!(
            run.stderr,
            format!(
                "netrc-guard: error: pyproject.toml:{at}: `tool.netrc-guard` must be a table \
                 (`[tool.netrc-guard]`), not an array of tables or a value\n"
            )
        );
    }
}
