//! A measurement, not a test: prints how long `scan` and `scrub` take, and how much memory
//! they hold at their peak, next to ripgrep (when installed), `cat` and Python's
//! `json.load` for the same input. Run with `cargo bench` (release build); `cargo bench --
//! tree` or `-- hostile` runs one group.
//!
//! - tree: `scan` over a generated 10,000-file tree and over one large file; the goals: the
//!   tree within a whisker of ripgrep, the single file about as fast as `cat`; and one
//!   small file (what pre-commit passes) within 2x of `cat`.
//! - hostile: sizes an attacker or a generator picks. `scrub` of N credentials in one file
//!   must grow linearly in N; `scan` of a 250 KB one-line JSON with 1000 credentials must
//!   hold memory bounded by the file, not by findings times line length; `scrub` of a 60 MB
//!   JSON document with one credential: at least 200 MB/s, peak memory within 3x the file.

// Tests and measurements report on standard error and output; the crate's rule that only
// `messages` prints (Cargo.toml's lints) is for the product.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm the page cache
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed());
    }
    best
}

fn run(program: &str, args: &[&str], dir: &Path) {
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run");
    assert!(status.code().is_some_and(|c| c <= 1), "{program} failed");
}

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Peak resident memory of one run, in MB, from `/usr/bin/time -v` (`None` without it).
fn peak_mb(program: &str, args: &[&str], dir: &Path) -> Option<f64> {
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(program)
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stderr);
    let kb: f64 = text
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })?
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn shown(mb: Option<f64>) -> String {
    mb.map_or("n/a (no /usr/bin/time)".into(), |m| format!("{m:.1} MB"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let wants = |group: &str| {
        let named: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        named.is_empty() || named.iter().any(|a| a.as_str() == group)
    };
    let dir = tempfile::tempdir().unwrap();
    if wants("tree") {
        tree(dir.path());
    }
    if wants("hostile") {
        hostile(dir.path());
    }
}

fn tree(dir: &Path) {
    let bin = env!("CARGO_BIN_EXE_netrc-guard");
    let tree = dir.join("tree");
    for i in 0..10_000 {
        let sub = tree.join(format!("d{}", i % 100));
        std::fs::create_dir_all(&sub).unwrap();
        let mut text = String::new();
        for line in 0..40 {
            text.push_str(&format!(
                "line {line} of file {i}: see https://docs.example.com/page/{line} for details\n"
            ));
        }
        if i % 1000 == 0 {
            text.push_str(
                "pip install --index-url https://ci:pw-example@pypi.example.com/simple x\n",
            );
        }
        // The other rules' literals, so that their prefilter hits and rules run too: a
        // netrc keyword in prose, a token prefix with no token (one file in ten each), a
        // Secret manifest (one in a hundred: a chart's worth; each is parsed as YAML).
        match i % 10 {
            1 => text.push_str("the machine picks the default model\n"),
            2 => text.push_str("GH_TOKEN: ${{ secrets.GH_TOKEN }} # a ghp_ token, hf_ too\n"),
            3 if i % 100 == 3 => text.push_str("kind: Secret\ndata:\n  key: aGVsbG8=\n"),
            _ => {}
        }
        std::fs::write(sub.join(format!("f{i}.txt")), text).unwrap();
    }
    let big = dir.join("big.txt");
    let line =
        "working_dir: https://github.com/acme/repo/archive/main.zip # a URI without credentials\n";
    std::fs::write(&big, line.repeat(2_000_000)).unwrap();
    let big_s = big.to_str().unwrap();

    let scan_tree = time(5, || run(bin, &["scan", "."], &tree));
    println!("scan, 10,000 files:      {:>8.1} ms", ms(scan_tree));
    if have("rg") {
        let rg_tree = time(5, || run("rg", &["-c", "://[^/@ ]*@", "."], &tree));
        println!("rg, 10,000 files:        {:>8.1} ms", ms(rg_tree));
        println!(
            "ratio scan/rg:           {:>8.2}",
            scan_tree.as_secs_f64() / rg_tree.as_secs_f64()
        );
        // The yardstick: ripgrep's fixed-string search for the separator alone.
        let rg_fixed = time(5, || run("rg", &["-F", "-c", "://", "."], &tree));
        println!("rg -F ://, 10,000 files: {:>8.1} ms", ms(rg_fixed));
        println!(
            "ratio scan/rg -F:        {:>8.2} (goal: at most 1)",
            scan_tree.as_secs_f64() / rg_fixed.as_secs_f64()
        );
    } else {
        println!("rg is not installed: no ripgrep comparison");
    }
    let size = std::fs::metadata(&big).unwrap().len() as f64 / 1e6;
    let scan_big = time(5, || run(bin, &["scan", big_s], dir));
    let cat_big = time(5, || run("cat", &[big_s], dir));
    println!("scan, one {size:.0} MB file:  {:>8.1} ms", ms(scan_big));
    println!("cat, the same file:      {:>8.1} ms", ms(cat_big));
    println!(
        "ratio scan/cat:          {:>8.2}",
        scan_big.as_secs_f64() / cat_big.as_secs_f64()
    );
    // What pre-commit does most: one small file, where starting the process is the cost.
    let small = dir.join("small.yaml");
    std::fs::write(&small, line.repeat(50)).unwrap();
    let small_s = small.to_str().unwrap();
    let scan_small = time(20, || run(bin, &["scan", small_s], dir));
    let cat_small = time(20, || run("cat", &[small_s], dir));
    println!("scan, one 4 KB file:     {:>8.2} ms", ms(scan_small));
    println!("cat, the same file:      {:>8.2} ms", ms(cat_small));
    println!(
        "ratio scan/cat:          {:>8.2} (goal: under 2)",
        scan_small.as_secs_f64() / cat_small.as_secs_f64()
    );
}

fn hostile(dir: &Path) {
    println!("-- scrub: N credentials in one file (one host), linear in N");
    let mut first: Option<(usize, Duration)> = None;
    for n in [10_000usize, 80_000, 300_000] {
        let name = format!("creds{n}.txt");
        let text: String = (0..n)
            .map(|i| format!("x https://u:pw-bench@h.example/{i}\n"))
            .collect();
        std::fs::write(dir.join(&name), text).unwrap();
        let t = scrub_time(dir, &name, 1);
        let per = |n: usize, t: Duration| t.as_secs_f64() / n as f64;
        let ratio = first.map_or(1.0, |(n0, t0)| per(n, t) / per(n0, t0));
        first.get_or_insert((n, t));
        println!(
            "scrub {n:>7} credentials: {:>8.1} ms, peak {}, time per credential x{ratio:.2} of 10,000's",
            ms(t),
            shown(scrub_peak(dir, &name)),
        );
    }
    println!("-- scrub: N credentials, N hosts (the netrc document re-parses per insert)");
    for n in [1_000usize, 4_000] {
        let name = format!("hosts{n}.txt");
        let text: String = (0..n)
            .map(|i| format!("x https://u:pw-bench@h{i}.example/\n"))
            .collect();
        std::fs::write(dir.join(&name), text).unwrap();
        println!(
            "scrub {n:>7} hosts:       {:>8.1} ms",
            ms(scrub_time(dir, &name, 1))
        );
    }

    println!("-- scan: a 250 KB one-line JSON with 1000 credentials");
    let line: Vec<String> = (0..1000)
        .map(|i| {
            format!(
                "{{\"k\":\"https://user{i}:secret-{i}@h{}.example.com/p/{i}?q={}\"}}",
                i % 20,
                "x".repeat(180)
            )
        })
        .collect();
    let minified = dir.join("minified.json");
    std::fs::write(&minified, format!("[{}]", line.join(","))).unwrap();
    let m = minified.to_str().unwrap();
    let size = std::fs::metadata(&minified).unwrap().len() as f64 / 1e3;
    let bin = env!("CARGO_BIN_EXE_netrc-guard");
    let scan = time(5, || run(bin, &["scan", m], dir));
    let cat = time(5, || run("cat", &[m], dir));
    println!(
        "scan {size:.0} KB: {:>8.1} ms, peak {} (cat: {:.1} ms, peak {})",
        ms(scan),
        shown(peak_mb(bin, &["scan", m], dir)),
        ms(cat),
        shown(peak_mb("cat", &[m], dir)),
    );

    println!("-- scan: 2 MB of every rule's literals (token prefixes, URIs, netrc keywords)");
    let literals = "ghp_ x://u:pw@h.example machine Secret \\u002f hf_ npm_ ".repeat(40_000);
    let dense = dir.join("dense.txt");
    std::fs::write(&dense, literals).unwrap();
    let d = dense.to_str().unwrap();
    let scan = time(3, || run(bin, &["scan", d], dir));
    let cat = time(3, || run("cat", &[d], dir));
    println!(
        "scan {:.0} KB: {:>8.1} ms (cat: {:.1} ms)",
        std::fs::metadata(&dense).unwrap().len() as f64 / 1e3,
        ms(scan),
        ms(cat)
    );

    println!("-- scrub: a 60 MB JSON document with one credential");
    for (shape, json) in [
        ("many small objects", small_objects(60_000_000)),
        ("long strings", long_strings(60_000_000)),
    ] {
        let name = format!("{}.json", shape.replace(' ', "-"));
        std::fs::write(dir.join(&name), json).unwrap();
        json_case(dir, shape, &name);
    }
}

fn scrub_args(name: &str) -> Vec<&str> {
    vec!["scrub", name, "--file", "bench-netrc"]
}

fn scrub_time(dir: &Path, name: &str, runs: usize) -> Duration {
    let bin = env!("CARGO_BIN_EXE_netrc-guard");
    time(runs, || {
        let _ = std::fs::remove_file(dir.join("bench-netrc"));
        run(bin, &scrub_args(name), dir);
    })
}

fn scrub_peak(dir: &Path, name: &str) -> Option<f64> {
    let _ = std::fs::remove_file(dir.join("bench-netrc"));
    peak_mb(env!("CARGO_BIN_EXE_netrc-guard"), &scrub_args(name), dir)
}

fn json_case(dir: &Path, shape: &str, name: &str) {
    let bytes = std::fs::metadata(dir.join(name)).unwrap().len() as f64;
    let t = scrub_time(dir, name, 3);
    let peak = scrub_peak(dir, name);
    let cat = time(3, || run("cat", &[name], dir));
    println!(
        "{shape}: scrub {:.0} ms ({:.0} MB/s), peak {} = {} the file; cat {:.1} ms (ratio {:.1})",
        ms(t),
        bytes / 1e6 / t.as_secs_f64(),
        shown(peak),
        peak.map_or("n/a".into(), |p| format!(
            "{:.2}x",
            p * 1024.0 * 1024.0 / bytes
        )),
        ms(cat),
        t.as_secs_f64() / cat.as_secs_f64(),
    );
    if have("python3") {
        let load = ["-c", "import json,sys; json.load(open(sys.argv[1]))", name];
        let py = time(3, || run("python3", &load, dir));
        println!(
            "{shape}: python3 json.load {:.0} ms, peak {} (ratio scrub/json.load {:.2})",
            ms(py),
            shown(peak_mb("python3", &load, dir)),
            t.as_secs_f64() / py.as_secs_f64(),
        );
    }
}

/// A JSON array of small objects (numbers, short strings, escapes), one credential inside.
fn small_objects(size: usize) -> String {
    let mut out = String::from("[\n");
    let mut i = 0;
    while out.len() < size {
        if i == 1000 {
            out.push_str("{\"runtime_env\": {\"working_dir\": \"https://u:pw-bench@github.com/acme/repo.zip\"}},\n");
        }
        out.push_str(&format!(
            "{{\"id\": {i}, \"name\": \"item-{i}\", \"tags\": [\"alpha\", \"beta\\/gamma\"], \"url\": \"https://example.com/pkg/{i}.whl\", \"score\": {}.5, \"ok\": true, \"note\": \"caf\\u00e9\"}},\n",
            i * 3
        ));
        i += 1;
    }
    out.push_str("null\n]\n");
    out
}

/// A JSON array of objects with kilobyte strings, one credential inside.
fn long_strings(size: usize) -> String {
    let blob: String = (0..1000)
        .map(|i| char::from(b"abcdefghijklmnopqrstuvwxyz0123456789 /.-"[i * 7 % 40]))
        .collect();
    let mut out = String::from("[\n");
    let mut i = 0;
    while out.len() < size {
        if i == 100 {
            out.push_str("{\"runtime_env\": {\"working_dir\": \"https://u:pw-bench@github.com/acme/repo.zip\"}},\n");
        }
        out.push_str(&format!(
            "{{\"id\": {i}, \"blob\": \"{blob}\", \"url\": \"https://example.com/pkg/{i}.whl\"}},\n"
        ));
        i += 1;
    }
    out.push_str("null\n]\n");
    out
}
