//! Crash safety: the real binary, SIGKILLed at seeded random moments while it runs `add`
//! (through a plain path and through a symlink) and `scrub --in-place`. After every kill the
//! netrc and the source hold their old or their new content, never a torn one, and parse;
//! the netrc is never behind the source (a scrubbed source with the old netrc would have
//! lost its credential); the netrc has mode 0600; and no leftover temporary file is readable
//! by others while it holds a secret, or names one.
//!
//! The kill delays are spread from 0 to a little past the run's typical duration, measured
//! first. Timing only decides where each kill lands; every assertion holds wherever it does.

use crate::common;

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{mode, set_mode};
use netrc_guard::netrc::Document;

const ITERATIONS: usize = 200;
/// The symlink variant repeats the plain `add` with one more hop: fewer rounds suffice.
const SYMLINK_ITERATIONS: usize = 100;
const OLD_PW: &str = "S3cr3t-KILL-old-pw";
const NEW_PW: &str = "S3cr3t-KILL-new-pw";
const SRC_PW: &str = "S3cr3t-KILL-src-pw";
const SECRETS: &[&str] = &[OLD_PW, NEW_PW, SRC_PW];

fn old_netrc() -> String {
    format!(
        "# kept byte for byte\nmachine a.example login alice password {OLD_PW}\n\nmachine b.example\n  login bob\n  password {OLD_PW}\ndefault login anonymous password guest\n"
    )
}

fn old_source() -> String {
    format!(
        "{{\n  \"working_dir\": \"https://carol:{SRC_PW}@src.example/jobs/main.zip\",\n  \"pip\": [\"requests==2.32.3\"]\n}}\n"
    )
}

/// splitmix64: a seeded, dependency-free source of kill delays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

/// One scenario: how to reset the files, and the command to run (and kill).
struct Scenario {
    home: tempfile::TempDir,
    /// The path given as NETRC (a symlink in one scenario).
    netrc: PathBuf,
    /// The file the netrc path leads to.
    netrc_target: PathBuf,
    /// The source `scrub` rewrites, if any.
    source: Option<PathBuf>,
    args: Vec<String>,
    stdin: Option<String>,
}

impl Scenario {
    fn reset(&self) {
        write_with_mode(&self.netrc_target, &old_netrc(), 0o600);
        if let Some(src) = &self.source {
            write_with_mode(src, &old_source(), 0o644);
        }
    }

    fn command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_netrc-guard"));
        c.args(&self.args)
            .env("HOME", self.home.path())
            .env("NETRC", &self.netrc)
            .env_remove("USERPROFILE")
            .current_dir(self.home.path())
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    }

    /// Runs the command, SIGKILLs it after `delay` unless it has ended; returns whether
    /// the kill interrupted it.
    fn run(&self, delay: Option<Duration>) -> bool {
        let mut child = self.command().spawn().unwrap();
        if let Some(input) = &self.stdin {
            // The command may be killed before it reads: a broken pipe is expected then.
            let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
        }
        if let Some(delay) = delay {
            std::thread::sleep(delay);
            let _ = child.kill();
        }
        let status = child.wait().unwrap();
        match status.signal() {
            Some(9) => true,
            Some(other) => panic!("{:?}: ended by signal {other}", self.args),
            None => {
                assert!(status.success(), "{:?}: exit status {status}", self.args);
                false
            }
        }
    }

    /// The directories a temporary file of this command can be left in.
    fn dirs(&self) -> Vec<PathBuf> {
        let mut dirs = vec![self.netrc_target.parent().unwrap().to_path_buf()];
        if let Some(src) = &self.source {
            dirs.push(src.parent().unwrap().to_path_buf());
        }
        dirs.dedup();
        dirs
    }
}

fn write_with_mode(path: &Path, text: &str, mode: u32) {
    // Replace rather than truncate: a killed run may have left the file at another mode.
    let _ = fs::remove_file(path);
    fs::write(path, text).unwrap();
    set_mode(path, mode);
}

/// Every file but the ones the scenario owns is a leftover: it must not name a secret, and
/// one that holds a secret must be private. Leftovers are removed for the next round.
/// Returns how many temporary files were left.
fn check_and_clear_leftovers(s: &Scenario, iteration: usize) -> usize {
    let mut left = 0;
    let owned: Vec<&Path> = [Some(&s.netrc), Some(&s.netrc_target), s.source.as_ref()]
        .into_iter()
        .flatten()
        .map(PathBuf::as_path)
        .collect();
    for dir in s.dirs() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if owned.contains(&path.as_path()) || path.is_dir() {
                continue;
            }
            for secret in SECRETS {
                assert!(
                    !name.contains(secret),
                    "iteration {iteration}: a leftover file's name holds a secret"
                );
            }
            let bits = fs::symlink_metadata(&path).unwrap().permissions().mode() & 0o777;
            let text = fs::read_to_string(&path).unwrap_or_default();
            if SECRETS.iter().any(|secret| text.contains(secret)) {
                assert_eq!(
                    bits & 0o077,
                    0,
                    "iteration {iteration}: {name} holds a secret with mode {bits:04o}"
                );
            }
            if name.ends_with(".lock") {
                assert_eq!(bits, 0o600, "iteration {iteration}: lock file mode");
                continue;
            }
            if dir == s.netrc_target.parent().unwrap() {
                // A temporary copy of the netrc is created 0600 before its first byte.
                assert_eq!(
                    bits & 0o077,
                    0,
                    "iteration {iteration}: leftover {name} beside the netrc has mode {bits:04o}"
                );
            }
            fs::remove_file(&path).unwrap();
            left += 1;
        }
    }
    left
}

/// What the scenario's files hold: (netrc, source).
fn contents(s: &Scenario) -> (String, Option<String>) {
    let netrc = fs::read_to_string(&s.netrc).unwrap();
    let source = s.source.as_ref().map(|p| fs::read_to_string(p).unwrap());
    (netrc, source)
}

/// Kills the scenario's command `iterations` times and checks the files after each kill.
fn kill_repeatedly(s: &Scenario, seed: u64, iterations: usize) {
    // The new state, from one run left alone.
    s.reset();
    s.run(None);
    let (new_netrc, new_source) = contents(s);
    assert_ne!(new_netrc, old_netrc(), "the command changes the netrc");
    assert_eq!(
        check_and_clear_leftovers(s, 0),
        0,
        "a finished run leaves no file"
    );

    // The typical duration, to spread the kills over (a measurement, not an assertion).
    let mut took = Vec::new();
    for _ in 0..5 {
        s.reset();
        let start = Instant::now();
        s.run(None);
        took.push(start.elapsed());
    }
    took.sort();
    let span = took[2].as_micros() as u64 * 5 / 4;

    let mut rng = Rng(seed);
    // Where the kills landed, for the log: killed with the old netrc, killed with the new
    // one, temporary files left.
    let (mut killed_old, mut killed_new, mut temps) = (0, 0, 0);
    for i in 1..=iterations {
        s.reset();
        let delay = Duration::from_micros(rng.below(span + 1));
        let killed = s.run(Some(delay));

        let (netrc, source) = contents(s);
        let netrc_new = netrc == new_netrc;
        if killed {
            if netrc_new {
                killed_new += 1;
            } else {
                killed_old += 1;
            }
        }
        assert!(
            netrc_new || netrc == old_netrc(),
            "iteration {i}: the netrc is neither the old nor the new one"
        );
        Document::parse(&netrc).unwrap_or_else(|e| panic!("iteration {i}: netrc: {e}"));
        if let Some(source) = source {
            let source_new = Some(&source) == new_source.as_ref();
            assert!(
                source_new || source == old_source(),
                "iteration {i}: the source is neither the old nor the new one"
            );
            serde_json::from_str::<serde_json::Value>(&source)
                .unwrap_or_else(|e| panic!("iteration {i}: the source does not parse: {e}"));
            assert!(
                !source_new || netrc_new,
                "iteration {i}: the source lost its credential before the netrc had it"
            );
            assert_eq!(
                mode(s.source.as_ref().unwrap()),
                0o644,
                "iteration {i}: source mode"
            );
        }
        assert_eq!(mode(&s.netrc_target), 0o600, "iteration {i}: netrc mode");
        if s.netrc != s.netrc_target {
            assert!(
                fs::symlink_metadata(&s.netrc)
                    .unwrap()
                    .file_type()
                    .is_symlink(),
                "iteration {i}: the symlink was replaced by a file"
            );
        }
        temps += check_and_clear_leftovers(s, i);
    }
    eprintln!(
        "{:?}: of {iterations} runs, {killed_old} killed before the netrc changed, {killed_new} after; {temps} temporary files left (kills spread over {span} µs)",
        s.args
    );
}

fn add_args() -> Vec<String> {
    [
        "add",
        "new.example",
        "--login",
        "newuser",
        "--password-stdin",
    ]
    .map(String::from)
    .to_vec()
}

#[test]
fn add_killed_at_any_moment_leaves_the_old_or_the_new_netrc() {
    let home = tempfile::tempdir().unwrap();
    let netrc = home.path().join(".netrc");
    let s = Scenario {
        netrc: netrc.clone(),
        netrc_target: netrc,
        source: None,
        args: add_args(),
        stdin: Some(format!("{NEW_PW}\n")),
        home,
    };
    kill_repeatedly(&s, 0x5eed_0001, ITERATIONS);
}

#[test]
fn add_through_a_symlink_killed_at_any_moment_keeps_the_link() {
    let home = tempfile::tempdir().unwrap();
    let real = home.path().join("dotfiles");
    fs::create_dir(&real).unwrap();
    let target = real.join("netrc");
    let link = home.path().join(".netrc");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let s = Scenario {
        netrc: link,
        netrc_target: target,
        source: None,
        args: add_args(),
        stdin: Some(format!("{NEW_PW}\n")),
        home,
    };
    kill_repeatedly(&s, 0x5eed_0002, SYMLINK_ITERATIONS);
}

#[test]
fn scrub_in_place_killed_at_any_moment_never_loses_the_credential() {
    let home = tempfile::tempdir().unwrap();
    let project = home.path().join("project");
    fs::create_dir(&project).unwrap();
    let netrc = home.path().join(".netrc");
    let source = project.join("runtime_env.json");
    let s = Scenario {
        netrc: netrc.clone(),
        netrc_target: netrc,
        source: Some(source),
        args: ["scrub", "project/runtime_env.json", "--in-place"]
            .map(String::from)
            .to_vec(),
        stdin: None,
        home,
    };
    kill_repeatedly(&s, 0x5eed_0003, ITERATIONS);
}
