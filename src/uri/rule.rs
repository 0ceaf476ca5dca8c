//! Every `scan` rule, in one registry: its stable code (the `rule` of JSON, SARIF's
//! `ruleId`, GitLab's `check_name`, and part of baselines' fingerprints: never renamed), its
//! SARIF name, descriptions and help, and its default level. Findings carry a `ScanRule`;
//! decisions ask it, never a code string. SARIF's `rules` table and the rule table of
//! `docs/scan-rules.md` are generated from [`ScanRule::ALL`] (tests keep them so).
//!
//! It lives in core, beside the URI rule, so that `scan` (which finds) and `report` (which
//! renders) both read it.

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScanRule {
    /// A password in a URI's userinfo.
    UriPassword,
    /// A token as a URI's user name.
    UriTokenUser,
    /// A committed netrc's entry.
    NetrcFile,
    /// A committed Kubernetes Secret's value.
    KubeSecret,
    /// A known-format token outside a URI.
    KnownToken,
}

/// SARIF's `level` (also its `defaultConfiguration.level`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Note,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

/// The help of both URI rules.
const URI_HELP: &str = "Keep the URI free of credentials. For the schemes whose clients read a netrc (http, https, ftp, and VCS URLs over them: curl, git, pip, requests and Ray) put them in a netrc file: `netrc-guard scrub FILE --in-place` moves them; on Kubernetes, mount the netrc as a Secret and set NETRC (`netrc-guard kube`). Other schemes' credentials belong where their client reads them (~/.pgpass, ~/.my.cnf, an environment variable): each result's message says where. Rotate a credential found in history.";

impl ScanRule {
    /// Every rule, in SARIF's `rules` order (a result's `ruleIndex` is its place here).
    pub const ALL: [ScanRule; 5] = [
        ScanRule::UriPassword,
        ScanRule::UriTokenUser,
        ScanRule::NetrcFile,
        ScanRule::KubeSecret,
        ScanRule::KnownToken,
    ];

    /// The stable code every report carries.
    pub fn code(self) -> &'static str {
        match self {
            ScanRule::UriPassword => "uri-password",
            ScanRule::UriTokenUser => "uri-token-user",
            ScanRule::NetrcFile => "netrc-file",
            ScanRule::KubeSecret => "kube-secret",
            ScanRule::KnownToken => "known-token",
        }
    }

    /// SARIF's `name`: a short identifier in upper camel case.
    pub fn name(self) -> &'static str {
        match self {
            ScanRule::UriPassword => "PasswordInUri",
            ScanRule::UriTokenUser => "TokenInUriUser",
            ScanRule::NetrcFile => "NetrcFileCommitted",
            ScanRule::KubeSecret => "KubernetesSecretCommitted",
            ScanRule::KnownToken => "KnownFormatToken",
        }
    }

    /// SARIF's `shortDescription`.
    pub fn short(self) -> &'static str {
        match self {
            ScanRule::UriPassword => "Password in a URI",
            ScanRule::UriTokenUser => "Token as the user name of a URI",
            ScanRule::NetrcFile => "A netrc file with credentials in the repository",
            ScanRule::KubeSecret => "A Kubernetes Secret with credentials in the repository",
            ScanRule::KnownToken => "A known-format access token outside a URI",
        }
    }

    /// SARIF's `fullDescription`: what the rule finds, one paragraph.
    pub fn doc(self) -> &'static str {
        match self {
            ScanRule::UriPassword => {
                "A URI carries a password in its userinfo (`scheme://user:password@host`). Tools such as Ray write URIs into logs, directory names and command lines, so the password leaks. Reported at the URI, by its scheme and host."
            }
            ScanRule::UriTokenUser => {
                "A URI carries an access token as its user name (`scheme://TOKEN@host`). Tools such as Ray write URIs into logs, directory names and command lines, so the token leaks. Reported at the URI, by its scheme and host."
            }
            ScanRule::NetrcFile => {
                "A file that is a netrc (by its name, or because it parses as one) holds a password or a token login. Everyone who can read the repository, its forks and its history can use it. Each entry holding a password, or a token as its login, is one finding, at the value, by machine."
            }
            ScanRule::KubeSecret => {
                "A Kubernetes Secret manifest (`kind: Secret`, YAML or JSON) whose data (base64, which is no encryption) holds a netrc, a URI with credentials or a known-format token, or whose stringData holds a netrc. Reported at the value in the manifest, naming its key (`Secret data[.netrc]: machine HOST password ***`)."
            }
            ScanRule::KnownToken => {
                "A token of a known format with a random body (GitHub, GitLab, npm, PyPI, Hugging Face) stands in the file outside a URI: in an environment file (`GH_TOKEN=TOKEN`), a header (`\"Authorization\": \"token TOKEN\"`), .pypirc (`password = TOKEN`) or .npmrc (`//registry/:_authToken=TOKEN`)."
            }
        }
    }

    /// SARIF's `help`: how to fix a finding, one paragraph (Markdown: commands in backticks).
    pub fn help(self) -> &'static str {
        match self {
            ScanRule::UriPassword | ScanRule::UriTokenUser => URI_HELP,
            ScanRule::NetrcFile => {
                "Remove the file from the repository (`git rm --cached FILE`, and add it to .gitignore) and rotate each credential in it. A netrc belongs in your home directory (~/.netrc, %USERPROFILE%\\_netrc) or the file NETRC names; in CI, write it from the CI system's secrets."
            }
            ScanRule::KubeSecret => {
                "Do not commit Secret manifests: create the Secret at deploy time (`netrc-guard kube secret --name NAME`, piped to `kubectl apply -f -`), or commit it encrypted (Sealed Secrets, SOPS); rotate each credential it held."
            }
            ScanRule::KnownToken => {
                "Keep tokens out of files in the repository: git and HTTP clients read them from a netrc entry (`netrc-guard add HOST`); other tools from an environment variable set where they run (CI secrets). Rotate a token that was committed."
            }
        }
    }

    /// SARIF's `defaultConfiguration.level`; each result's own level follows its confidence.
    pub fn default_level(self) -> Level {
        Level::Error
    }

    /// The rules that judge a file as a whole (a netrc, a Secret manifest), not a line:
    /// `scan --git` reads the whole file at the commit for them.
    pub fn judges_whole_file(self) -> bool {
        matches!(self, ScanRule::NetrcFile | ScanRule::KubeSecret)
    }
}

impl std::fmt::Display for ScanRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for ScanRule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// The rule table of `docs/scan-rules.md` (between its markers), from [`ScanRule::ALL`].
pub fn rules_markdown() -> String {
    let mut out =
        String::from("| rule | SARIF name | what it finds | what to do |\n|---|---|---|---|\n");
    for rule in ScanRule::ALL {
        out.push_str(&format!(
            "| `{}` | {} | **{}.** {} | {} |\n",
            rule.code(),
            rule.name(),
            rule.short(),
            rule.doc().replace('|', "\\|"),
            rule.help().replace('|', "\\|"),
        ));
    }
    out
}

/// `doc` with the text between `<!-- generated: NAME ... -->` and
/// `<!-- end generated: NAME -->` replaced by `body`. Panics when the markers are missing:
/// a test that cannot find its place must not pass.
#[cfg(test)]
pub(crate) fn between_markers(doc: &str, name: &str, body: &str) -> String {
    let begin = format!("<!-- generated: {name} ");
    let end = format!("<!-- end generated: {name} -->");
    let start = doc.find(&begin).expect("the begin marker");
    let start = start + doc[start..].find("-->\n").expect("the begin marker's end") + 4;
    let stop = doc.find(&end).expect("the end marker");
    format!("{}{body}{}", &doc[..start], &doc[stop..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique() {
        for field in [ScanRule::code, ScanRule::name] {
            let mut seen: Vec<_> = ScanRule::ALL.iter().map(|r| field(*r)).collect();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), ScanRule::ALL.len());
        }
    }

    #[test]
    fn docs_scan_rules_md_is_generated_from_the_registry() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/scan-rules.md");
        let written = std::fs::read_to_string(path).unwrap_or_default();
        let wanted = between_markers(&written, "rules", &rules_markdown());
        if written != wanted && std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(path, &wanted).unwrap();
            return;
        }
        assert!(
            written == wanted,
            "docs/scan-rules.md is out of date: run `UPDATE_DOCS=1 cargo test --lib docs_scan_rules_md`"
        );
        for rule in ScanRule::ALL {
            assert!(written.contains(&format!("`{}`", rule.code())), "{rule}");
        }
    }
}
