//! `scan --git`: credentials in what commits added, read through the real `git` from small
//! repositories built here.

use crate::common::Home;

use std::path::Path;
use std::process::Command;

const PW: &str = "hunter2-History";
const TOKEN: &str = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

/// Runs git in `dir` with a fixed identity, no system or user configuration.
pub(crate) fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .trim_end()
        .to_string()
}

/// Writes files (name, text) and commits them all; returns the commit's short hash as
/// `scan --git` shows it.
pub(crate) fn commit(home: &Home, files: &[(&str, &str)], removed: &[&str]) -> String {
    for (name, text) in files {
        home.write(name, text);
    }
    for name in removed {
        std::fs::remove_file(home.path().join(name)).unwrap();
    }
    git(home.path(), &["add", "-A"]);
    git(home.path(), &["commit", "-q", "--allow-empty", "-m", "c"]);
    git(home.path(), &["rev-parse", "HEAD"])[..12].to_string()
}

pub(crate) fn repo() -> Home {
    let home = Home::new();
    git(home.path(), &["init", "-q", "-b", "main"]);
    home
}

/// A token committed, then removed: still a leak, found at the commit that added it, at its
/// line in that commit's file; a later edit of the file does not report it again.
#[test]
fn a_removed_credential_is_found_where_it_was_added() {
    let home = repo();
    let first = commit(&home, &[("app.yaml", "name: x\n")], &[]);
    let added = commit(
        &home,
        &[(
            "app.yaml",
            &format!("name: x\nother: y\nurl: https://alice:{PW}@github.com/o/r\n"),
        )],
        &[],
    );
    let edited = commit(
        &home,
        &[(
            "app.yaml",
            &format!("name: z\nother: y\nurl: https://alice:{PW}@github.com/o/r\n"),
        )],
        &[],
    );
    let removed = commit(&home, &[], &["app.yaml"]);
    let run = home.run(&["scan", "--git"]);
    run.code(1).hides(PW).hides("alice");
    assert_eq!(
        run.stdout,
        format!("{added}:app.yaml:3:6: uri-password: https://***@github.com/o/r\n")
    );
    for quiet in [first, edited, removed] {
        assert!(!run.stdout.contains(&quiet), "{}", run.stdout);
    }
    // A range that leaves the adding commit out finds nothing.
    home.run(&["scan", "--git", "HEAD~2..HEAD"]).ok();
    home.run(&["scan", "--git", &format!("{added}~1..{added}")])
        .code(1);
}

/// Every branch is read by default; a file with a space and non-ASCII in its name keeps it.
#[test]
fn all_refs_and_awkward_paths() {
    let home = repo();
    commit(&home, &[("README", "hi\n")], &[]);
    git(home.path(), &["checkout", "-q", "-b", "side"]);
    let side = commit(
        &home,
        &[(
            "dir/a é b.txt",
            &format!("x\nhttps://{TOKEN}@github.com/o\n"),
        )],
        &[],
    );
    git(home.path(), &["checkout", "-q", "main"]);
    let run = home.run(&["scan", "--git"]);
    run.code(1).hides(TOKEN);
    assert_eq!(
        run.stdout,
        format!("{side}:dir/a é b.txt:2:1: uri-token-user: https://***@github.com/o\n")
    );
    // HEAD alone does not reach the side branch.
    home.run(&["scan", "--git", "HEAD"]).ok();
    // PATHS limit the files read.
    home.run(&["scan", "--git", "--", "README"]).ok();
}

#[test]
fn formats_carry_the_commit() {
    let home = repo();
    let c = commit(
        &home,
        &[("a.txt", &format!("https://u:{PW}@h.example/x\n"))],
        &[],
    );
    let json = home.run(&["scan", "--git", "--format", "json"]);
    json.code(1).hides(PW);
    assert_eq!(json.json()[0]["commit"], c.as_str());
    assert_eq!(json.json()[0]["line"], 1);
    let sarif = home.run(&["scan", "--git", "--format", "sarif"]);
    sarif.code(1).hides(PW);
    let result = &sarif.json()["runs"][0]["results"][0];
    assert_eq!(result["properties"]["commit"], c.as_str());
    assert!(result["message"]["text"].as_str().unwrap().contains(&c));
    let github = home.run(&["scan", "--git", "--format", "github"]);
    github.code(1).hides(PW).stdout_is(&format!(
        "::error file=a.txt,line=1,col=1,endColumn=38,title=netrc-guard uri-password::a \
         password in an https URI for h.example: move it into a netrc file (`netrc-guard scrub \
         FILE --in-place`); it is in the repository's history: rotate the credential (removing \
         it from the tip does not un-leak it) (added in commit {c}): https://***@h.example/x\n"
    ));
}

/// A baseline written from history accepts it; a later commit's new credential is reported.
#[test]
fn history_with_a_baseline() {
    let home = repo();
    commit(
        &home,
        &[("a.txt", &format!("https://u:{PW}@h.example/x\n"))],
        &[],
    );
    home.run(&["scan", "--git", "--write-baseline", "b.json"])
        .ok();
    home.run(&["scan", "--git", "--baseline", "b.json"])
        .ok()
        .stderr_is("netrc-guard: 1 finding recorded in the baseline not shown\n");
    let c = commit(
        &home,
        &[(
            "a.txt",
            &format!("https://u:{PW}@h.example/x\nhttps://u:Zr4Kq9Lm2Vx@h.example/y\n"),
        )],
        &[],
    );
    let run = home.run(&["scan", "--git", "--baseline", "b.json"]);
    run.code(1).hides(PW);
    assert_eq!(
        run.stdout,
        format!("{c}:a.txt:2:1: uri-password: https://***@h.example/y\n")
    );
}

/// What `scan --git` says when git refuses the repository, with git's words (see
/// [`git_words_free`]).
const GIT_REFUSED: &str = "netrc-guard: error: `scan --git` reads the history of the current \
    git repository, and git refused it:\n  git: <git's words>\n";

/// `text` with the lines of git's own words (`  git: ...`, which vary with git's version)
/// written as one `  git: <git's words>`.
fn git_words_free(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if !line.starts_with("  git: ") {
            out.push_str(line);
            out.push('\n');
        } else if !out.ends_with("  git: <git's words>\n") {
            out.push_str("  git: <git's words>\n");
        }
    }
    out
}

/// Not a repository, a range git refuses, a range that is an option in disguise: exit 2,
/// with git's own words (its cause), the range never echoed (it may hold a secret).
#[test]
fn bad_repositories_and_ranges_are_errors() {
    let outside = Home::new();
    let run = outside.run(&["scan", "--git"]);
    run.code(2);
    assert_eq!(git_words_free(&run.err()), GIT_REFUSED);
    // git's own words, which vary with its version (hence a substring).
    assert!(
        run.stderr.contains("  git: fatal: not a git repository"),
        "{run:?}"
    );
    let home = repo();
    commit(&home, &[("a.txt", "x\n")], &[]);
    let bad = format!("https://u:{PW}@h.example..HEAD");
    let run = home.run(&["scan", "--git", &bad]);
    run.code(2)
        .hides(PW)
        .hides("h.example")
        .stderr_lines(&[
            "netrc-guard: error: git rev-list refused the revision range or paths (try `git log REV-RANGE -- PATHS`):",
            "  git: fatal: bad revision '<the range given>'",
        ]);
    let out = home.path().join("out.txt");
    let option = format!("--output={}", out.display());
    home.run(&["scan", &format!("--git={option}")])
        .code(2)
        .stderr_is("netrc-guard: error: a revision range cannot start with `-`\n");
    assert!(!out.exists());
}

/// Paths git repeats when it refuses them (the bug: a token pasted as a path after `--` was
/// echoed in git's words; only the range was hidden). Whatever the shape around it (pathspec
/// magic, a path leaving the repository, `./`), its token-shaped part is named, not quoted.
#[test]
fn a_token_given_as_a_path_is_never_echoed_in_gits_words() {
    let home = repo();
    commit(&home, &[("a.txt", "x\n")], &[]);
    for (path, said) in [
        (
            format!(":(bad){TOKEN}"),
            "  git: fatal: Invalid pathspec magic 'bad' in ':(bad)<a path given>'",
        ),
        (
            format!("./{TOKEN}/../../.."),
            "  git: fatal: ./<a path given>/../../..: './<a path given>/../../..' is outside repository at '$HOME'",
        ),
    ] {
        let run = home.run(&["scan", "--git", "HEAD", "--", &path]);
        run.code(2).hides(TOKEN).stderr_is(&format!(
            "netrc-guard: error: git rev-list refused the revision range or paths (try `git log REV-RANGE -- PATHS`):\n{said}\n"
        ));
    }
}

/// git's `safe.directory` refusal (a CI container running as root over a checkout owned
/// by another user) was reported as "not in a git repository": git's own words are shown.
#[test]
fn git_refusing_the_repository_says_why() {
    let home = repo();
    commit(&home, &[("a.txt", "x\n")], &[]);
    let chown = |uid: u32| {
        for p in [home.path().to_path_buf(), home.path().join(".git")] {
            if std::os::unix::fs::chown(&p, Some(uid), None).is_err() {
                return false;
            }
        }
        true
    };
    let me = std::fs::metadata(home.path())
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m))
        .unwrap();
    if !chown(me + 4242) {
        crate::common::skip(
            "skipping git_refusing_the_repository_says_why: cannot chown (not root)",
        );
        return;
    }
    let run = home.run(&["scan", "--git"]);
    run.code(2);
    assert_eq!(git_words_free(&run.err()), GIT_REFUSED);
    // git's own words, which vary with its version (hence a substring).
    assert!(run.stderr.contains("safe.directory"), "{run:?}");
    // Negative control: owned by the user again, the history is read.
    assert!(chown(me));
    home.run(&["scan", "--git"]).ok();
}

/// The class behind every report's place: whatever commits do (add lines at random places,
/// edit around them, delete and rename files), each reported (commit, path, line, column)
/// is where that commit's version of the file holds the URI, and every credential ever
/// committed is reported.
#[test]
fn every_reported_place_holds_the_uri_in_that_commit() {
    let home = repo();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut below = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let names = ["a.txt", "dir/b c.yaml", "ü.json"];
    let mut files: Vec<Vec<String>> = vec![Vec::new(); names.len()];
    let mut planted = Vec::new();
    for i in 0..14 {
        let f = below(names.len());
        let lines = &mut files[f];
        match below(4) {
            0 if !lines.is_empty() => {
                lines.remove(below(lines.len()));
            }
            1 => lines.insert(below(lines.len() + 1), format!("plain line {i}")),
            _ => {
                let at = below(lines.len() + 1);
                let indent = " ".repeat(below(4));
                lines.insert(
                    at,
                    format!("{indent}k{i}: https://u:Kq{i}x9LmZ2vT@h{i}.example/p"),
                );
                planted.push(format!("h{i}.example"));
            }
        }
        let text = files[f].join("\n") + "\n";
        commit(&home, &[(names[f], &text)], &[]);
    }
    // A rename adds every line anew.
    git(home.path(), &["mv", "a.txt", "renamed.txt"]);
    git(home.path(), &["commit", "-q", "-m", "rename"]);
    let run = home.run(&["scan", "--git", "--format", "json"]);
    let found = run.json();
    // Each planted credential at least once: the checks below do run.
    assert!(found.as_array().unwrap().len() >= planted.len());
    for f in found.as_array().unwrap() {
        let (c, path) = (f["commit"].as_str().unwrap(), f["path"].as_str().unwrap());
        let shown = git(home.path(), &["show", &format!("{c}:{path}")]);
        let line = shown
            .lines()
            .nth(f["line"].as_u64().unwrap() as usize - 1)
            .unwrap();
        let column = f["column"].as_u64().unwrap() as usize;
        let at: String = line.chars().skip(column - 1).collect();
        assert!(at.starts_with("https://u:Kq"), "{f} -> {line:?}");
        assert!(
            at.contains(&format!("@{}/", f["host"].as_str().unwrap())),
            "{f}"
        );
    }
    for host in &planted {
        assert!(
            run.stdout.contains(host.as_str()),
            "{host} missing:\n{}",
            run.stdout
        );
    }
    assert!(!planted.is_empty());
}

/// Bug class: a file whose name git quotes and which holds a space (`we ird 'n"ame.txt`) was
/// not read: git ends such a `+++` line with a tab after the closing quote.
#[test]
fn regression_quoted_paths_with_a_space_are_read() {
    let home = repo();
    let names = ["we ird 'n\"ame.txt", "a é b.txt", "tab\tand space.txt"];
    let files: Vec<(&str, String)> = names
        .iter()
        .map(|n| (*n, format!("https://alice:{PW}@github.com/o/r\n")))
        .collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let c = commit(&home, &files, &[]);
    let run = home.run(&["scan", "--git"]);
    run.code(1).hides(PW);
    for name in names {
        // Text output shows control characters escaped (no terminal injection).
        let shown = name.replace('\t', "\\x09");
        let line = format!("{c}:{shown}:1:1: uri-password: https://***@github.com/o/r\n");
        assert!(run.stdout.contains(&line), "{name}: {}", run.stdout);
    }
}

/// Bug class: files that `.gitattributes` marks `-diff` or `binary` (`*.env`, lock files)
/// were diffed as "Binary files differ" and never read; a file with a NUL byte still is not.
#[test]
fn regression_gitattributes_do_not_hide_files() {
    let home = repo();
    let url = format!("https://alice:{PW}@github.com/o/r\n");
    let c = commit(
        &home,
        &[
            (".gitattributes", "*.env -diff\n*.lock binary\n"),
            ("prod.env", &url),
            ("deps.lock", &url),
            ("blob.bin", &format!("\0\u{1}{url}")),
        ],
        &[],
    );
    let run = home.run(&["scan", "--git"]);
    run.code(1).hides(PW);
    assert_eq!(
        run.stdout,
        format!(
            "{c}:deps.lock:1:1: uri-password: https://***@github.com/o/r\n\
             {c}:prod.env:1:1: uri-password: https://***@github.com/o/r\n"
        )
    );
    run.stderr_lines(&[
        "netrc-guard: skipped 1 binary file",
        "netrc-guard: 2 credentials in 1 commit read",
        "netrc-guard: 2 of them: move them into a netrc file (`netrc-guard scrub FILE --in-place`); they are in the repository's history: rotate the credentials (removing them from the tip does not un-leak them)",
    ]);
}
