//! The netrc readers netrc-guard models, named: `readers` models what each does with a
//! file, `check`'s rules say which of them a problem concerns.

use serde::Serialize;

/// One modelled reader. The JSON names are stable; `name` says which versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum ReaderId {
    #[serde(rename = "curl-before-8.16")]
    /// curl 7.88.1 (Debian 12).
    CurlBefore816,
    #[serde(rename = "curl-8.16")]
    /// curl 8.16-8.19.
    Curl816,
    #[serde(rename = "git-before-8.16")]
    /// git (libcurl 7.88.1, Debian 12).
    GitBefore816,
    #[serde(rename = "git-8.16")]
    /// git (libcurl 8.16-8.19).
    Git816,
    #[serde(rename = "requests")]
    /// requests/pip/Ray.
    Requests,
    #[serde(rename = "uv")]
    /// uv.
    Uv,
    #[serde(rename = "python-netrc-default")]
    /// Python netrc.netrc().
    PythonNetrcDefault,
    #[serde(rename = "python-netrc-path")]
    /// Python netrc.netrc(path).
    PythonNetrcPath,
    #[serde(rename = "go")]
    /// Go (cmd/go).
    Go,
    #[serde(rename = "ruby-netrc")]
    /// Ruby netrc gem.
    RubyGem,
}

impl ReaderId {
    /// Every modelled reader, in the order `explain` shows them.
    pub const ALL: [ReaderId; 10] = [
        ReaderId::CurlBefore816,
        ReaderId::Curl816,
        ReaderId::GitBefore816,
        ReaderId::Git816,
        ReaderId::Requests,
        ReaderId::Uv,
        ReaderId::PythonNetrcDefault,
        ReaderId::PythonNetrcPath,
        ReaderId::Go,
        ReaderId::RubyGem,
    ];

    /// The reader as people name it, with the versions its model was verified against
    /// (measured) or read from (source); see docs/readers.md.
    pub fn name(self) -> &'static str {
        match self {
            ReaderId::CurlBefore816 => "curl 7.88.1 (Debian 12)",
            ReaderId::Curl816 => "curl 8.16-8.19",
            ReaderId::GitBefore816 => "git (libcurl 7.88.1, Debian 12)",
            ReaderId::Git816 => "git (libcurl 8.16-8.19)",
            ReaderId::Requests => "requests/pip/Ray",
            ReaderId::Uv => "uv",
            ReaderId::PythonNetrcDefault => "Python netrc.netrc()",
            ReaderId::PythonNetrcPath => "Python netrc.netrc(path)",
            ReaderId::Go => "Go (cmd/go)",
            ReaderId::RubyGem => "Ruby netrc gem",
        }
    }
}
