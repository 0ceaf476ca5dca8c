//! A measurement, not a test: prints how long `scan` takes over a generated 10,000-file tree
//! and over one large file, next to ripgrep (when installed) and `cat` for the same input.
//! Run with `cargo bench`. The goals: the tree within a whisker of ripgrep, the single file
//! about as fast as `cat`.

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

fn main() {
    let bin = env!("CARGO_BIN_EXE_netrc-guard");
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
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
        std::fs::write(sub.join(format!("f{i}.txt")), text).unwrap();
    }
    let big = dir.path().join("big.txt");
    let line =
        "working_dir: https://github.com/acme/repo/archive/main.zip # a URI without credentials\n";
    std::fs::write(&big, line.repeat(2_000_000)).unwrap();
    let big_s = big.to_str().unwrap();

    let scan_tree = time(5, || run(bin, &["scan", "."], &tree));
    println!(
        "scan, 10,000 files:      {:>8.1} ms",
        scan_tree.as_secs_f64() * 1e3
    );
    if have("rg") {
        let rg_tree = time(5, || run("rg", &["-c", "://[^/@ ]*@", "."], &tree));
        println!(
            "rg, 10,000 files:        {:>8.1} ms",
            rg_tree.as_secs_f64() * 1e3
        );
        println!(
            "ratio scan/rg:           {:>8.2}",
            scan_tree.as_secs_f64() / rg_tree.as_secs_f64()
        );
    } else {
        println!("rg is not installed: no ripgrep comparison");
    }
    let size = std::fs::metadata(&big).unwrap().len() as f64 / 1e6;
    let scan_big = time(5, || run(bin, &["scan", big_s], dir.path()));
    let cat_big = time(5, || run("cat", &[big_s], dir.path()));
    println!(
        "scan, one {size:.0} MB file:  {:>8.1} ms",
        scan_big.as_secs_f64() * 1e3
    );
    println!(
        "cat, the same file:      {:>8.1} ms",
        cat_big.as_secs_f64() * 1e3
    );
    println!(
        "ratio scan/cat:          {:>8.2}",
        scan_big.as_secs_f64() / cat_big.as_secs_f64()
    );
}
