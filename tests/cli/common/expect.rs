//! A fluent test of one run of the real binary, comparing standard output, standard error
//! and the exit status whole (the `just` project's `Test` builder, in small):
//!
//! ```ignore
//! Test::new()
//!     .args(["scan", "--format", "xml"])
//!     .stderr("netrc-guard: error: ...\n")
//!     .status(2)
//!     .run();
//! ```
//!
//! Unset expectations are strict: empty stdout and stderr, status 0. In the expected text,
//! `$HOME` stands for the temporary home and `$TMP` for any other temporary directory (the
//! runs' paths differ every time; see [`super::normalised`]).

use std::path::Path;

use super::{Home, Run};

pub(crate) struct Test {
    pub home: Home,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<String>,
    stdout: String,
    stderr: String,
    status: i32,
}

impl Default for Test {
    fn default() -> Test {
        Test::new()
    }
}

impl Test {
    pub(crate) fn new() -> Test {
        Test::with_home(Home::new())
    }

    pub(crate) fn with_home(home: Home) -> Test {
        Test {
            home,
            args: Vec::new(),
            env: Vec::new(),
            stdin: None,
            stdout: String::new(),
            stderr: String::new(),
            status: 0,
        }
    }

    /// Writes a file under the home before the run (`.netrc` is made mode 0600).
    pub(crate) fn file(self, name: &str, text: &str) -> Test {
        if name == ".netrc" {
            self.home.write_netrc(text);
        } else {
            self.home.write(name, text);
        }
        self
    }

    pub(crate) fn arg(mut self, arg: &str) -> Test {
        self.args.push(arg.to_string());
        self
    }

    pub(crate) fn args<const N: usize>(mut self, args: [&str; N]) -> Test {
        self.args
            .extend(args.iter().map(std::string::ToString::to_string));
        self
    }

    pub(crate) fn env(mut self, name: &str, value: &str) -> Test {
        self.env.push((name.to_string(), value.to_string()));
        self
    }

    pub(crate) fn stdin(mut self, text: &str) -> Test {
        self.stdin = Some(text.to_string());
        self
    }

    pub(crate) fn stdout(mut self, text: &str) -> Test {
        self.stdout = text.to_string();
        self
    }

    pub(crate) fn stderr(mut self, text: &str) -> Test {
        self.stderr = text.to_string();
        self
    }

    pub(crate) fn status(mut self, code: i32) -> Test {
        self.status = code;
        self
    }

    /// Runs it and compares all three whole; returns the home for checks on files.
    pub(crate) fn run(self) -> Home {
        let mut cmd = self.home.cmd();
        cmd.args(&self.args);
        for (name, value) in &self.env {
            cmd.env(name, value);
        }
        // Never a terminal: a test that wants one uses a pty (see first_contact.rs).
        cmd.write_stdin(self.stdin.clone().unwrap_or_default());
        let run = Run::from(cmd.output().unwrap());
        let home = self.home.path();
        let actual = (
            placeholders(&run.stdout, home),
            placeholders(&run.stderr, home),
            run.code,
        );
        let expected = (self.stdout.clone(), self.stderr.clone(), self.status);
        if actual != expected {
            panic!(
                "netrc-guard {:?}\n--- expected stdout ---\n{}--- actual stdout ---\n{}\
                 --- expected stderr ---\n{}--- actual stderr ---\n{}\
                 --- status: expected {}, actual {} ---",
                self.args, expected.0, actual.0, expected.1, actual.1, expected.2, actual.2
            );
        }
        self.home
    }
}

/// The home's path written as `$HOME`, other temporary directories as `$TMP`.
fn placeholders(text: &str, home: &Path) -> String {
    super::normalised(text, Some(home))
}
