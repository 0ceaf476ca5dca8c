//! A small harness for running the real binary against a temporary home.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

pub(crate) mod auth_server;
pub(crate) mod client_env;
pub(crate) mod expect;
pub(crate) mod pod;
pub(crate) mod private_packages;

/// A temporary directory used as `HOME`, with `NETRC` unset unless a test sets it.
pub(crate) struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub(crate) fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn netrc(&self) -> PathBuf {
        self.path().join(".netrc")
    }

    pub(crate) fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path().join(name);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&p, text).unwrap();
        p
    }

    /// Writes `~/.netrc` with mode 0600.
    pub(crate) fn write_netrc(&self, text: &str) -> PathBuf {
        let p = self.write(".netrc", text);
        set_mode(&p, 0o600);
        p
    }

    pub(crate) fn read(&self, name: &str) -> String {
        fs::read_to_string(self.path().join(name)).unwrap()
    }

    pub(crate) fn read_netrc(&self) -> String {
        fs::read_to_string(self.netrc()).unwrap()
    }

    /// The binary with `HOME` here and no `NETRC`.
    pub(crate) fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("netrc-guard").unwrap();
        c.env("HOME", self.path())
            .env_remove("NETRC")
            .env_remove("USERPROFILE")
            // Colour is asked for by the tests that want it.
            .env_remove("CLICOLOR_FORCE")
            .env_remove("NO_COLOR")
            .current_dir(self.path());
        c
    }

    pub(crate) fn run(&self, args: &[&str]) -> Run {
        Run::from(self.cmd().args(args).output().unwrap()).in_home(self)
    }

    pub(crate) fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        Run::from(self.cmd().args(args).write_stdin(stdin).output().unwrap()).in_home(self)
    }

    /// `add HOST --login LOGIN --password-stdin`, expected to succeed.
    pub(crate) fn add(&self, host: &str, login: &str, password: &str) {
        self.run_stdin(
            &["add", host, "--login", login, "--password-stdin"],
            password,
        )
        .ok();
    }
}

pub(crate) fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(mode)).unwrap();
}

pub(crate) fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

/// A finished run: status and both streams as text.
#[derive(Debug)]
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// The temporary home it ran in, written `$HOME` by [`Run::stderr_is`] and friends.
    pub home: Option<PathBuf>,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            home: None,
        }
    }
}

/// `text` with the run's paths written as placeholders, so a whole compare can hold them:
/// the temporary home (as given and canonical) as `$HOME`, any other temporary directory
/// the tests made (`tempfile`'s `/tmp/.tmpXXXXXX`) as `$TMP`, and the random part of the
/// store's temporary file (`.netrc-guard.XXXXXX.tmp`) as `XXXXXX`.
pub(crate) fn normalised(text: &str, home: Option<&Path>) -> String {
    let mut text = text.to_string();
    if let Some(home) = home {
        let canonical = home.canonicalize().unwrap_or_else(|_| home.to_path_buf());
        for p in [canonical.as_path(), home] {
            text = text.replace(&p.display().to_string(), "$HOME");
        }
    }
    let temp = std::env::temp_dir().join(".tmp").display().to_string();
    let text = random_after(&text, &temp, "$TMP");
    random_after(&text, ".netrc-guard.", ".netrc-guard.XXXXXX")
}

/// `text` with each `prefix` followed by tempfile's 6 random alphanumerics replaced whole
/// by `placeholder`.
fn random_after(text: &str, prefix: &str, placeholder: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        let name = &rest[at + prefix.len()..];
        let random = name.bytes().take_while(u8::is_ascii_alphanumeric).count() == 6;
        out.push_str(&rest[..at]);
        out.push_str(if random { placeholder } else { prefix });
        rest = if random { &name[6..] } else { name };
    }
    out.push_str(rest);
    out
}

/// Lines as a whole text, each ended by a newline (`[]` is the empty text).
pub(crate) fn lines(lines: &[&str]) -> String {
    lines.iter().map(|line| format!("{line}\n")).collect()
}

impl Run {
    pub(crate) fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code, expected,
            "exit status; stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub(crate) fn ok(&self) -> &Run {
        self.code(0)
    }

    /// Marks the run as made in `home`, whose path its streams then write as `$HOME`.
    pub(crate) fn in_home(mut self, home: &Home) -> Run {
        self.home = Some(home.path().to_path_buf());
        self
    }

    /// Standard error, with the paths written as placeholders (see [`normalised`]).
    pub(crate) fn err(&self) -> String {
        normalised(&self.stderr, self.home.as_deref())
    }

    /// Standard output, with the paths written as placeholders (see [`normalised`]).
    pub(crate) fn out(&self) -> String {
        normalised(&self.stdout, self.home.as_deref())
    }

    /// Standard error is exactly `expected` (after [`normalised`]).
    #[track_caller]
    pub(crate) fn stderr_is(&self, expected: &str) -> &Run {
        assert_eq!(self.err(), expected, "stderr; stdout:\n{}", self.stdout);
        self
    }

    /// Standard error is exactly these lines (after [`normalised`]).
    #[track_caller]
    pub(crate) fn stderr_lines(&self, expected: &[&str]) -> &Run {
        self.stderr_is(&lines(expected))
    }

    /// Standard output is exactly `expected` (after [`normalised`]).
    #[track_caller]
    pub(crate) fn stdout_is(&self, expected: &str) -> &Run {
        assert_eq!(self.out(), expected, "stdout; stderr:\n{}", self.stderr);
        self
    }

    /// Standard output is exactly these lines (after [`normalised`]).
    #[track_caller]
    pub(crate) fn stdout_lines(&self, expected: &[&str]) -> &Run {
        self.stdout_is(&lines(expected))
    }

    pub(crate) fn stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }

    /// Neither stream contains `secret`.
    pub(crate) fn hides(&self, secret: &str) -> &Run {
        assert!(
            !self.stdout.contains(secret) && !self.stderr.contains(secret),
            "a secret leaked:\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }
}

/// Whether a program is on PATH; prints why a test is skipped when not.
pub(crate) fn have(program: &str, test: &str) -> bool {
    // kubectl has no `--version`; everything else here does.
    let version: &[&str] = if program == "kubectl" {
        &["version", "--client"]
    } else {
        &["--version"]
    };
    let found = std::process::Command::new(program)
        .args(version)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        missing_client(&format!("skipping {test}: `{program}` is not installed"));
    }
    found
}

/// A loopback HTTP server that answers every request with the request's `Authorization`
/// header (or `NONE`) as the body. It serves until the test process exits.
pub(crate) fn echo_auth_server() -> u16 {
    echo_auth_server_on("127.0.0.1")
}

/// Reads a request's header lines up to the blank one; the `Authorization` value, if any.
/// Every loopback server in the tests reads requests this way.
pub(crate) fn authorization_header(reader: &mut impl std::io::BufRead) -> Option<String> {
    let mut auth = None;
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap_or(0) > 0 {
        if line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("authorization")
        {
            auth = Some(value.trim().to_string());
        }
        line.clear();
    }
    auth
}

/// [`echo_auth_server`] on another loopback address (127.0.0.0/8), so tests can have as
/// many distinct hosts as they need.
pub(crate) fn echo_auth_server_on(ip: &str) -> u16 {
    use std::io::{BufReader, Write};
    let listener = std::net::TcpListener::bind((ip, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let auth = crate::common::authorization_header(&mut reader)
                .unwrap_or_else(|| "NONE".to_string());
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{auth}",
                auth.len()
            );
        }
    });
    port
}

/// `Basic base64(user:password)`, the header curl and requests send.
pub(crate) fn basic(user: &str, password: &str) -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

/// The header curl sends to `url` with `--netrc-file netrc` (`None` for no netrc).
pub(crate) fn curl_auth(url: &str, netrc: Option<&Path>) -> String {
    let mut c = std::process::Command::new("curl");
    c.args(["-s", "--max-time", "10"]);
    if let Some(n) = netrc {
        c.arg("--netrc-file").arg(n);
    }
    let out = c.arg(url).output().unwrap();
    assert!(
        out.status.success(),
        "curl failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `python3 -c script args...` (with `NETRC` set when given) and parses its JSON output.
pub(crate) fn python_json(
    script: &str,
    args: &[&std::ffi::OsStr],
    netrc: Option<&Path>,
) -> serde_json::Value {
    let mut c = std::process::Command::new("python3");
    c.arg("-c").arg(script).args(args);
    if let Some(n) = netrc {
        c.env("NETRC", n);
    }
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Says why a test is skipped. Written past the test harness's capture, so that it shows in
/// CI logs even when the test passes.
pub(crate) fn skip(reason: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{reason}");
}

/// A real client a test needs is missing: a skip locally, a failure where
/// `NETRC_GUARD_REQUIRE_CLIENTS=1` (set by `.ci/run`), so that CI cannot pass by skipping.
pub(crate) fn missing_client(reason: &str) {
    if std::env::var_os("NETRC_GUARD_REQUIRE_CLIENTS").is_some_and(|v| v == "1") {
        panic!("{reason}; NETRC_GUARD_REQUIRE_CLIENTS=1 makes a missing client a failure");
    }
    skip(reason);
}

/// Says what a test measured (client versions, how long a scenario took), past the test
/// harness's capture like [`skip`].
pub(crate) fn note(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Whether Python can import `module`; says why a test is skipped when not.
pub(crate) fn have_python_module(module: &str, test: &str) -> bool {
    let found = std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        missing_client(&format!(
            "skipping {test}: the Python module {module} is not installed"
        ));
    }
    found
}

/// Whether a `major.minor` version is before 8.16 (from which libcurl reads NETRC).
pub(crate) fn before_8_16(version: &str) -> bool {
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (major, minor) < (8, 16)
}

/// Whether git is linked with a libcurl before 8.16, which reads `$HOME/.netrc` only.
pub(crate) fn git_libcurl_before_8_16() -> bool {
    let out = std::process::Command::new("git")
        .args(["version", "--build-options"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let version = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("libcurl: "))
        .unwrap_or("0");
    before_8_16(version)
}

/// Whether the `curl` command is before 8.16, which reads `$HOME/.netrc` only.
pub(crate) fn curl_before_8_16() -> bool {
    let out = std::process::Command::new("curl")
        .arg("--version")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let version = text.split_whitespace().nth(1).unwrap_or("0");
    before_8_16(version)
}
