//! The environment the real clients run in.

use std::path::PathBuf;
use std::process::Command;

/// What a client sees: `HOME`, `NETRC` if set, and the rest fixed: no configuration from the
/// machine (pip, uv, git), no prompts, and no way off the machine (every proxy variable points
/// at a closed loopback port; only the loopback hosts bypass it).
pub(crate) struct ClientEnv {
    pub home: PathBuf,
    pub netrc: Option<PathBuf>,
}

impl ClientEnv {
    pub(crate) fn apply(&self, c: &mut Command) {
        // A closed port: anything not bypassed fails at once instead of leaving the machine.
        let nowhere = "http://127.0.0.1:9";
        let loopback = "127.0.0.1,127.0.0.2,localhost";
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("LANG", "C.UTF-8")
            .env("HOME", &self.home)
            .env("PYTHONNOUSERSITE", "1")
            .env("PIP_CONFIG_FILE", "/dev/null")
            .env("PIP_NO_INPUT", "1")
            .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
            .env("UV_NO_CONFIG", "1")
            .env("UV_PYTHON_DOWNLOADS", "never")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_TERMINAL_PROMPT", "0");
        for proxy in ["http_proxy", "https_proxy", "all_proxy"] {
            c.env(proxy, nowhere).env(proxy.to_uppercase(), nowhere);
        }
        c.env("no_proxy", loopback).env("NO_PROXY", loopback);
        if let Some(netrc) = &self.netrc {
            c.env("NETRC", netrc);
        }
    }
}
