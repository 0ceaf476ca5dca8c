//! The configuration file: `.netrc-guard.toml`, or `[tool.netrc-guard]` in `pyproject.toml`,
//! found from the working directory up (the nearest directory wins; in one directory the
//! dedicated file beats pyproject.toml, as ruff's and typos' own files do). It says which
//! paths `scan` and `scrub` leave out, which baseline `scan` reads, and which remaining
//! credentials are accepted (by scheme, host or baseline fingerprint). Unknown keys and
//! wrong types are errors at `file:line:column`. See docs/config.md.

use std::path::{Path, PathBuf};

use toml_edit::{Item, Key, TableLike};

use crate::text::{Place, position};

mod error;
pub use error::{AcceptKey, ConfigError, Table};

type Result<T, E = ConfigError> = std::result::Result<T, E>;

/// The dedicated file's name.
pub const FILE_NAME: &str = ".netrc-guard.toml";

/// Which configuration to read: found by walking up, named, or none at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Discover,
    Path(PathBuf),
    Nothing,
}

/// Remaining credentials that are known and accepted: not findings, not failures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Accept {
    /// URI schemes, lower case (`postgresql`).
    pub schemes: Vec<String>,
    /// Host names as netrc machines are named (lower case, no port).
    pub hosts: Vec<String>,
    /// Baseline fingerprints (keyed by the baseline's salt), lower-case hex.
    pub fingerprints: Vec<String>,
}

impl Accept {
    /// Whether a credential of this scheme at this host (its fingerprint computed only when
    /// asked, since it is slow) is accepted.
    pub fn accepts(&self, scheme: &str, host: &str, fingerprint: impl FnOnce() -> String) -> bool {
        self.schemes.iter().any(|s| s.eq_ignore_ascii_case(scheme))
            || self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
            || (!self.fingerprints.is_empty() && self.fingerprints.contains(&fingerprint()))
    }

    pub fn is_empty(&self) -> bool {
        self.schemes.is_empty() && self.hosts.is_empty() && self.fingerprints.is_empty()
    }
}

/// A configuration as read (the default one when there is no file).
#[derive(Debug, Default)]
pub struct Config {
    /// The file it was read from.
    pub file: Option<PathBuf>,
    /// Paths to leave out, gitignore-style, relative to the file's directory.
    pub exclude: Vec<String>,
    exclude_matcher: Option<ignore::gitignore::Gitignore>,
    /// The baseline file, resolved against the file's directory.
    pub baseline: Option<PathBuf>,
    pub accept: Accept,
}

impl Config {
    /// Whether `path` (as given on the command line or found by the walk, relative to the
    /// working directory) is excluded, or lies under an excluded directory.
    pub fn excludes(&self, path: &Path) -> bool {
        let Some(matcher) = &self.exclude_matcher else {
            return false;
        };
        let absolute =
            std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path));
        let absolute = normalize(&absolute);
        if !absolute.starts_with(matcher.path()) {
            return false;
        }
        matcher
            .matched_path_or_any_parents(&absolute, absolute.is_dir())
            .is_ignore()
    }

    /// How messages name the file (`the configuration` when there is none).
    pub fn name(&self) -> String {
        self.file
            .as_ref()
            .map_or_else(|| "the configuration".into(), |f| f.display().to_string())
    }
}

/// `a/./b/../c` as `a/c`, without touching the file system (paths may not exist).
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Reads the configuration `choice` names, starting discovery at `cwd`.
pub fn load(choice: &Choice, cwd: &Path) -> Result<Config> {
    let found = match choice {
        Choice::Nothing => None,
        Choice::Path(p) => Some(p.clone()),
        Choice::Discover => discover(cwd)?,
    };
    let Some(file) = found else {
        return Ok(Config::default());
    };
    let text = read_text(&cwd.join(&file), &file)?;
    let pyproject = file.file_name().is_some_and(|n| n == "pyproject.toml");
    parse(&text, &file, pyproject)
}

/// The nearest configuration from `dir` up to the root of the git repository `dir` is in
/// (else the file system's root): `.netrc-guard.toml`, else a pyproject.toml that has a
/// `[tool.netrc-guard]` table. Named relative to `dir` (`.netrc-guard.toml`,
/// `../pyproject.toml`), as messages show it.
pub fn discover(dir: &Path) -> Result<Option<PathBuf>> {
    for (up, d) in dir.ancestors().enumerate() {
        let relative = |name: &str| {
            let mut p: PathBuf = std::iter::repeat_n("..", up).collect();
            p.push(name);
            p
        };
        if d.join(FILE_NAME).is_file() {
            return Ok(Some(relative(FILE_NAME)));
        }
        let pyproject = d.join("pyproject.toml");
        if pyproject.is_file() && has_our_table(&pyproject)? {
            return Ok(Some(relative("pyproject.toml")));
        }
        // A repository's root is as far as the search goes: a file above it (a shared
        // checkout directory, /tmp) is not the repository's to accept or exclude with.
        if d.join(".git").exists() {
            break;
        }
    }
    Ok(None)
}

/// A configuration's text, read from `path` and named `shown`: a FIFO or device (named by
/// `--config`) is refused before it could block or never end, and text that is not UTF-8 is
/// placed at its first bad byte.
fn read_text(path: &Path, shown: &Path) -> Result<String> {
    use crate::store::{Opened, open_checked};
    let cannot = |source| ConfigError::Unreadable {
        file: shown.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    match open_checked(path, std::fs::OpenOptions::new().read(true)).map_err(cannot)? {
        Opened::Regular(mut file, _) => {
            std::io::Read::read_to_end(&mut file, &mut bytes).map_err(cannot)?;
        }
        Opened::Special(kind) => {
            return Err(ConfigError::Special {
                file: shown.to_path_buf(),
                kind,
            });
        }
    }
    // A byte-order mark is no column of its own to an editor: positions count from after it.
    if bytes.starts_with("\u{feff}".as_bytes()) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..good]);
        ConfigError::NotUtf8 {
            place: Place::at(shown, position(&text, good)),
        }
    })
}

fn has_our_table(pyproject: &Path) -> Result<bool> {
    let text = read_text(pyproject, pyproject)?;
    // Only a pyproject that mentions us is parsed: a broken one of another project's is
    // none of our business.
    if !text.contains("netrc-guard") {
        return Ok(false);
    }
    let doc = parse_toml(&text, pyproject)?;
    // Anything named `tool.netrc-guard` is meant for us: one that is not a table is an error
    // (in `parse`), never passed over.
    Ok(our_item(doc.as_table()).is_some())
}

/// `tool.netrc-guard` as written (a table, or something else that is an error), with the
/// `tool` table that holds it (for its position).
fn our_item(root: &toml_edit::Table) -> Option<(&dyn TableLike, &Item)> {
    let tool = root.get("tool")?.as_table_like()?;
    Some((tool, tool.get("netrc-guard")?))
}

fn parse_toml(text: &str, file: &Path) -> Result<toml_edit::Document<String>> {
    toml_edit::Document::parse(text.to_string()).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        // The parser's message names what it expected; its Display would quote the line.
        ConfigError::Syntax {
            place: Place::at(file, position(text, at)),
            message: e.message().trim_end().to_string(),
        }
    })
}

/// Where a key or value is.
struct Places<'a> {
    text: &'a str,
    file: &'a Path,
}

impl Places<'_> {
    fn at(&self, span: Option<std::ops::Range<usize>>) -> Place {
        let at = span.map_or(0, |s| s.start);
        Place::at(self.file, position(self.text, at))
    }

    fn key(&self, table: &dyn TableLike, name: &str) -> Place {
        self.at(table.key(name).and_then(Key::span))
    }
}

/// Parses a configuration file's text: the whole file, or pyproject's table.
pub fn parse(text: &str, file: &Path, pyproject: bool) -> Result<Config> {
    let doc = parse_toml(text, file)?;
    let places = Places { text, file };
    let (table, name): (&dyn TableLike, Table) = if pyproject {
        match our_item(doc.as_table()) {
            Some((tool, item)) => match item.as_table_like() {
                Some(t) => (t, Table::Pyproject),
                None => {
                    return Err(ConfigError::NotATable {
                        place: places.key(tool, "netrc-guard"),
                    });
                }
            },
            None => return Ok(Config::default()),
        }
    } else {
        (doc.as_table(), Table::File)
    };
    let dir = file.parent().unwrap_or(Path::new("."));
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut config = Config {
        file: Some(file.to_path_buf()),
        ..Config::default()
    };
    for (key, item) in table.iter() {
        match key {
            "exclude" => config.exclude = strings(&places, table, key, item)?,
            "baseline" => {
                let path = item
                    .as_str()
                    .ok_or_else(|| ConfigError::BaselineNotAString {
                        place: places.key(table, key),
                    })?;
                config.baseline = Some(dir.join(path));
            }
            "accept" => config.accept = accept(&places, table, item)?,
            other => {
                let place = places.key(table, other);
                return Err(ConfigError::unknown_key(place, other, name));
            }
        }
    }
    if !config.accept.fingerprints.is_empty() && config.baseline.is_none() {
        return Err(ConfigError::FingerprintsNeedBaseline {
            place: places.key(table, "accept"),
        });
    }
    if !config.exclude.is_empty() {
        config.exclude_matcher = Some(matcher(&places, table, dir, &config.exclude)?);
    }
    Ok(config)
}

fn accept(places: &Places<'_>, parent: &dyn TableLike, item: &Item) -> Result<Accept> {
    let table = item
        .as_table_like()
        .ok_or_else(|| ConfigError::AcceptNotATable {
            place: places.key(parent, "accept"),
        })?;
    let mut accept = Accept::default();
    for (key, item) in table.iter() {
        let Some(accept_key) = AcceptKey::named(key) else {
            let place = places.key(table, key);
            return Err(ConfigError::unknown_key(place, key, Table::Accept));
        };
        let values = strings(places, table, key, item)?;
        let spans = item
            .as_array()
            .into_iter()
            .flatten()
            .map(toml_edit::Value::span);
        for (value, span) in values.iter().zip(spans) {
            if !acceptable(accept_key, value) {
                return Err(ConfigError::NotAcceptable {
                    place: places.at(span),
                    key: accept_key,
                });
            }
        }
        let lower = values.iter().map(|v| v.to_ascii_lowercase());
        match accept_key {
            AcceptKey::Schemes => accept.schemes = lower.collect(),
            AcceptKey::Hosts => accept.hosts = lower.collect(),
            AcceptKey::Fingerprints => accept.fingerprints = lower.collect(),
        }
    }
    Ok(accept)
}

/// Whether a value of `accept.KEY` could match anything (one that cannot would accept
/// nothing, silently).
fn acceptable(key: AcceptKey, value: &str) -> bool {
    match key {
        AcceptKey::Schemes => {
            value.starts_with(|c: char| c.is_ascii_alphabetic())
                && value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        AcceptKey::Hosts => crate::netrc::host::normalize(value)
            .is_ok_and(|h| h.dropped_port.is_none() && h.host == value.to_ascii_lowercase()),
        AcceptKey::Fingerprints => {
            !value.is_empty() && value.bytes().all(|b| b.is_ascii_hexdigit())
        }
    }
}

fn strings(
    places: &Places<'_>,
    table: &dyn TableLike,
    key: &str,
    item: &Item,
) -> Result<Vec<String>> {
    let wrong = || ConfigError::NotAnArrayOfStrings {
        place: places.key(table, key),
        key: key.to_string(),
    };
    let array = item.as_array().ok_or_else(wrong)?;
    array
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| ConfigError::NotAString {
                    place: places.at(v.span()),
                    key: key.to_string(),
                })
        })
        .collect()
}

fn matcher(
    places: &Places<'_>,
    table: &dyn TableLike,
    dir: &Path,
    patterns: &[String],
) -> Result<ignore::gitignore::Gitignore> {
    let root = std::env::current_dir().map_or_else(|_| dir.to_path_buf(), |d| d.join(dir));
    let mut builder = ignore::gitignore::GitignoreBuilder::new(normalize(&root));
    let spans = table
        .get("exclude")
        .and_then(Item::as_array)
        .into_iter()
        .flatten()
        .map(toml_edit::Value::span);
    for (p, span) in patterns.iter().zip(spans) {
        builder.add_line(None, p).map_err(|e| {
            // The glob's own error quotes the pattern, which may be anything pasted in.
            let why = match &e {
                ignore::Error::Glob { err, .. } => err.clone(),
                _ => "not a valid pattern".into(),
            };
            ConfigError::BadPattern {
                place: places.at(span),
                why,
            }
        })?;
    }
    builder.build().map_err(|_| ConfigError::BadPatterns {
        place: places.key(table, "exclude"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_and_unknown_ones_are_placed() {
        let file = Path::new("/p/.netrc-guard.toml");
        let c = parse(
            "exclude = [\"vendor/\"]\nbaseline = \"b.json\"\n[accept]\nschemes = [\"PostgreSQL\"]\n",
            file,
            false,
        )
        .unwrap();
        assert_eq!(c.baseline.as_deref(), Some(Path::new("/p/b.json")));
        assert_eq!(c.accept.schemes, ["postgresql"]);
        let e = parse("exclude = []\n[accept]\n  shemes = []\n", file, false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "/p/.netrc-guard.toml:3:3: unknown key `shemes` in accept (known: schemes, hosts, fingerprints)"
        );
        let e = parse(
            "[accept]\nghp_0123456789abcdefABCDEF0123456789abcd = []\n",
            file,
            false,
        );
        assert_eq!(
            e.unwrap_err().to_string(),
            "/p/.netrc-guard.toml:2:1: unknown key in accept (known: schemes, hosts, fingerprints)"
        );
        let e = parse("baseline = 3\n", file, false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "/p/.netrc-guard.toml:1:1: `baseline` must be a string (a path)"
        );
    }

    #[test]
    fn pyproject_holds_it_under_tool() {
        let file = Path::new("pyproject.toml");
        let text = "[project]\nname = \"x\"\n[tool.netrc-guard]\nexclude = [\"a\"]\nbogus = 1\n";
        let e = parse(text, file, true).unwrap_err();
        assert_eq!(
            e.to_string(),
            "pyproject.toml:5:1: unknown key `bogus` in tool.netrc-guard (known: exclude, baseline, accept)"
        );
        for (text, at) in [
            ("[[tool.netrc-guard]]\nexclude = []\n", "pyproject.toml:1:8"),
            ("[tool]\nnetrc-guard = 3\n", "pyproject.toml:2:1"),
        ] {
            let e = parse(text, file, true).unwrap_err().to_string();
            assert!(
                e.starts_with(&format!("{at}: `tool.netrc-guard` must be a table")),
                "{e}"
            );
        }
        let c = parse("[tool.ruff]\nline-length = 1\n", file, true).unwrap();
        assert!(c.file.is_none());
    }

    #[test]
    fn accept_values_that_could_never_match_are_placed() {
        let file = Path::new("c.toml");
        for (text, at) in [
            ("[accept]\nhosts = [\"db.acme.io:5432\"]\n", "c.toml:2:10"),
            (
                "[accept]\nhosts = [\"ok.io\", \"https://db.acme.io/\"]\n",
                "c.toml:2:19",
            ),
            ("[accept]\nhosts = [\"\"]\n", "c.toml:2:10"),
            ("[accept]\nschemes = [\"postgresql://\"]\n", "c.toml:2:12"),
        ] {
            let e = parse(text, file, false).unwrap_err().to_string();
            assert!(e.starts_with(&format!("{at}: `accept.")), "{text}: {e}");
            assert!(!e.contains("acme") && !e.contains("5432"), "{e}");
        }
        let c = parse("[accept]\nhosts = [\"DB.acme.io\", \"::1\"]\n", file, false).unwrap();
        assert_eq!(c.accept.hosts, ["db.acme.io", "::1"]);
    }

    #[test]
    fn exclude_errors_place_the_pattern_without_quoting_it() {
        let e = parse(
            "exclude = [\"ok\", \"ghp_Zq81Xw0Lp3Vb7Nm2Kc5Rt9Yh4Jd6Gf1Sa0E{\"]\n",
            Path::new("c.toml"),
            false,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("c.toml:1:18: `exclude`: unclosed alternate group"),
            "{e}"
        );
        assert!(!e.contains("ghp_"), "{e}");
    }

    #[test]
    fn fingerprints_need_a_baseline() {
        let e = parse(
            "[accept]\nfingerprints = [\"ab\"]\n",
            Path::new("c.toml"),
            false,
        );
        assert!(e.unwrap_err().to_string().contains("needs `baseline`"));
    }
}
