//! A measurement, not a test: `scan --git` over a generated repository of thousands of
//! commits, next to `git log -p --all | rg -c '://'` (grep -c without ripgrep), and the
//! cost of baseline fingerprints. Run with `cargo bench --bench history` (release build);
//! `-- history` or `-- baseline` runs one group. The goal: history within 2x of the pipe.
//!
//! The repository is built from real text: the crate sources under ~/.cargo/registry/src
//! (this project's own sources where there are none), committed through `git fast-import`
//! in small commits that add, modify and delete files, on two branches, with a few
//! credentials planted and removed again later. HISTORY_COMMITS sets the number of commits
//! (default 3000); HISTORY_REPO keeps the repository there (reused when it exists).

// Tests and measurements report on standard error and output; the crate's rule that only
// `messages` prints (Cargo.toml's lints) is for the product.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Planted credentials: (commit, commits later removed).
const PLANTED: [(usize, usize); 4] = [(300, 5), (1100, 40), (1900, 1), (2600, 200)];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let wants = |group: &str| {
        let named: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        named.is_empty() || named.iter().any(|a| a.as_str() == group)
    };
    if wants("history") {
        history();
    }
    if wants("baseline") {
        baseline();
    }
}

fn time(runs: usize, mut f: impl FnMut() -> String) -> (Duration, String) {
    let mut out = f(); // warm the page cache
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        out = f();
        best = best.min(t.elapsed());
    }
    (best, out)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn sh(script: &str, dir: &Path) -> String {
    let out = Command::new("sh")
        .args(["-c", script])
        .current_dir(dir)
        .stderr(Stdio::null())
        .output()
        .expect("sh");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn history() {
    let commits: usize = std::env::var("HISTORY_COMMITS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    let temp = tempfile::tempdir().unwrap();
    let repo =
        std::env::var_os("HISTORY_REPO").map_or_else(|| temp.path().join("repo"), PathBuf::from);
    if !repo.join(".git").exists() {
        let t = Instant::now();
        make_repo(&repo, commits);
        println!(
            "built {} in {:.1} s",
            repo.display(),
            t.elapsed().as_secs_f64()
        );
    }
    let count = sh("git rev-list --all | wc -l", &repo);
    let size = sh("git log -p --all | wc -c", &repo);
    println!(
        "history: {} commits, `git log -p --all` prints {:.0} MB",
        count.trim(),
        size.trim().parse::<f64>().unwrap_or(0.0) / 1e6
    );
    let bin = env!("CARGO_BIN_EXE_netrc-guard");
    let (scan, out) = time(3, || sh(&format!("{bin} scan --git"), &repo));
    let found = out.lines().count();
    println!(
        "scan --git:                     {:>8.0} ms, {found} finding(s)",
        ms(scan)
    );
    let planted = out.matches("git.example.com").count();
    println!(
        "  planted credentials found:    {planted} of {}",
        PLANTED.len()
    );
    let counter = if have("rg") {
        "rg -c '://'"
    } else {
        "grep -c '://'"
    };
    let pipe = format!("git log -p --all | {counter}");
    let (baseline, lines) = time(3, || sh(&pipe, &repo));
    println!("{pipe}: {:>8.0} ms ({} lines)", ms(baseline), lines.trim());
    if !have("rg") {
        println!("  (ripgrep is not installed: grep -c stands in)");
    }
    println!(
        "ratio scan --git / pipe:        {:>8.2} (goal: under 2)",
        scan.as_secs_f64() / baseline.as_secs_f64()
    );
    let (plain, _) = time(3, || sh("git log -p --all >/dev/null", &repo));
    println!("git log -p --all alone:         {:>8.0} ms", ms(plain));
}

/// A small deterministic generator (xorshift64*), so every run builds the same history.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }
}

/// Text files of real crates: (path in the repository, content).
fn sources() -> Vec<(String, String)> {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let mut roots: Vec<PathBuf> = std::fs::read_dir(home.join(".cargo/registry/src"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    if roots.is_empty() {
        roots.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src"));
    }
    roots.sort();
    let mut files = Vec::new();
    for root in roots {
        for entry in ignore::WalkBuilder::new(&root).build().flatten() {
            let p = entry.path();
            let text_like = matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("rs" | "md" | "toml" | "txt" | "json" | "yml" | "yaml")
            );
            if !text_like || !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(p) else {
                continue;
            };
            if text.len() < 64 * 1024 {
                let rel = p
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.push((rel, text));
            }
        }
    }
    files
}

/// Commits `commits` small changes through `git fast-import`: each adds one to three files,
/// edits one or two lines of others, sometimes deletes one; every 500th starts or ends a
/// side branch. Credentials in [`PLANTED`] are added, then removed.
fn make_repo(repo: &Path, commits: usize) {
    std::fs::create_dir_all(repo).unwrap();
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(repo)
            .output()
            .expect("git");
    };
    git(&["init", "-q", "-b", "main"]);
    let pool = sources();
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(repo)
        .stdin(Stdio::piped())
        .spawn()
        .expect("git fast-import");
    let mut out = std::io::BufWriter::new(child.stdin.take().unwrap());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut tree: BTreeMap<String, String> = BTreeMap::new();
    let mut next = 0;
    let mut removals: Vec<(usize, String)> = Vec::new();
    for i in 0..commits {
        let branch = if (i / 500) % 2 == 1 { "side" } else { "main" };
        let mut changes: Vec<(String, Option<String>)> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            if let Some((path, text)) = pool.get(next % pool.len().max(1)) {
                changes.push((
                    format!("v{}/{path}", next / pool.len().max(1)),
                    Some(text.clone()),
                ));
                next += 1;
            }
        }
        for _ in 0..rng.below(3) {
            if tree.is_empty() {
                break;
            }
            let (path, text) = tree.iter().nth(rng.below(tree.len())).unwrap();
            let mut lines: Vec<&str> = text.lines().collect();
            let at = rng.below(lines.len() + 1);
            let edit = format!("// edit {i}: see https://docs.example.com/{i}");
            lines.insert(at, &edit);
            changes.push((path.clone(), Some(lines.join("\n") + "\n")));
        }
        if rng.below(10) == 0 && !tree.is_empty() {
            let path = tree.keys().nth(rng.below(tree.len())).unwrap().clone();
            changes.push((path, None));
        }
        if let Some(&(_, later)) = PLANTED.iter().find(|(at, _)| *at == i) {
            let path = format!("deploy/planted-{i}.yaml");
            let text = format!(
                "name: job-{i}\nworking_dir: https://deploy:pw-planted-{i}@git.example.com/acme/repo.zip\n"
            );
            changes.push((path.clone(), Some(text)));
            removals.push((i + later, path));
        }
        for (_, path) in removals.iter().filter(|(at, _)| *at == i) {
            changes.push((path.clone(), None));
        }
        write_commit(&mut out, branch, i, &changes);
        for (path, text) in changes {
            match text {
                Some(t) => tree.insert(path, t),
                None => tree.remove(&path),
            };
        }
    }
    drop(out);
    assert!(child.wait().unwrap().success(), "git fast-import failed");
    git(&["checkout", "-q", "-f", "main"]);
}

fn write_commit(
    out: &mut impl Write,
    branch: &str,
    i: usize,
    changes: &[(String, Option<String>)],
) {
    let when = 1_700_000_000 + i * 60;
    writeln!(out, "commit refs/heads/{branch}").unwrap();
    writeln!(out, "committer Bench <bench@example.com> {when} +0000").unwrap();
    let msg = format!("change {i}");
    write!(out, "data {}\n{msg}\n", msg.len()).unwrap();
    if i == 500 {
        // The side branch starts from main's tip.
        writeln!(out, "from refs/heads/main").unwrap();
    }
    for (path, text) in changes {
        match text {
            Some(t) => write!(out, "M 100644 inline {path}\ndata {}\n{t}\n", t.len()).unwrap(),
            None => writeln!(out, "D {path}").unwrap(),
        }
    }
    writeln!(out).unwrap();
}

/// Fingerprinting N distinct findings, as `--write-baseline` and `--baseline` do.
fn baseline() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_netrc-guard");
    for n in [100usize, 300, 1000] {
        let text: String = (0..n)
            .map(|i| format!("https://u{i}:pw-bench-{i}@h{}.example/x\n", i % 7))
            .collect();
        std::fs::write(dir.path().join("many.txt"), text).unwrap();
        let _ = std::fs::remove_file(dir.path().join("b.json"));
        let (write, _) = time(1, || {
            let _ = std::fs::remove_file(dir.path().join("b.json"));
            sh(
                &format!("{bin} scan --write-baseline b.json many.txt"),
                dir.path(),
            )
        });
        sh(
            &format!("{bin} scan --write-baseline b.json many.txt"),
            dir.path(),
        );
        let (check, _) = time(3, || {
            sh(
                &format!("{bin} scan --baseline b.json many.txt"),
                dir.path(),
            )
        });
        let (plain, _) = time(3, || sh(&format!("{bin} scan many.txt"), dir.path()));
        println!(
            "baseline, {n:>4} findings: write {:>6.0} ms, check {:>6.0} ms (scan alone {:.0} ms; {:.2} ms per finding)",
            ms(write),
            ms(check),
            ms(plain),
            (ms(check) - ms(plain)) / n as f64
        );
    }
}
