//! `scan --baseline` and `--write-baseline`: a file of the findings a repository already
//! has, so that only new ones are reported.
//!
//! A finding's fingerprint is PBKDF2-HMAC-SHA256 over (path, scheme, host, user, secret),
//! keyed by a random salt stored in the baseline file, truncated to 128 bits. Why so:
//! - No line, column or surrounding text goes in, so moved lines and reformatted files keep
//!   their fingerprints.
//! - The path goes in: a credential copied into another file is a new place it leaks from
//!   (a file that is published, packaged or logged on its own), and the baseline accepts
//!   known debt without licensing its spread. A renamed file is reported again; rewrite the
//!   baseline.
//! - The secret must not be recoverable from a committed file. A plain hash of a short
//!   password is a dictionary look-up away; the salt stops precomputed tables and makes
//!   each baseline its own target, and the iteration count makes every guess cost
//!   [`ITERATIONS`] HMACs. A key kept outside the repository (an HMAC secret in CI) would be
//!   stronger still, but then nobody could check or update the baseline without it; and the
//!   secrets a baseline describes sit in the same repository's files anyway. A memory-hard
//!   KDF (Argon2) resists GPUs better, but at a cost per finding that a pre-commit hook
//!   with hundreds of known findings cannot pay on every commit.
//!
//! The file is pretty JSON, sorted, so the same findings give the same bytes and merges
//! are clean; rewriting it keeps its salt and iteration count.

use std::collections::{BTreeSet, HashMap};
use std::fs::OpenOptions;
use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize};

use super::Located;
use crate::secret::Secret;
use crate::store::{self, Opened, Step, StoreError, open_checked};
use crate::text::{Place, Position};

mod error;
pub use error::BaselineError;

type Result<T, E = BaselineError> = std::result::Result<T, E>;

/// The key derivation's name in the file.
pub const KDF: &str = "pbkdf2-hmac-sha256";
/// PBKDF2 iterations for new baselines: about 1.3 ms of one core per finding (measured:
/// 300 findings in 0.4 s of CPU with SHA extensions, hashed on every core), so a pre-commit
/// hook with a few hundred known findings stays well under a second on two cores
/// (`cargo bench --bench history -- baseline`), while every offline guess costs as much.
/// detect-secrets stores an unsalted SHA-1 of each secret; gitleaks the secret itself.
pub const ITERATIONS: u32 = 10_000;
/// What a baseline may ask for: fewer would weaken it, more would stall every scan (a
/// hostile baseline at 10x the default costs each distinct finding 10x, no more).
const ITERATIONS_ACCEPTED: std::ops::RangeInclusive<u32> = 10_000..=100_000;
const SALT_BYTES: usize = 16;
const FINGERPRINT_BYTES: usize = 16;
/// The format's version, the value of the file's first key.
const VERSION: u32 = 1;

/// The fingerprint material of a finding's userinfo, length-prefixed so no two (user,
/// password) pairs give the same bytes.
pub fn credential(user: &Secret, password: Option<&Secret>) -> Secret {
    let user = user.expose();
    Secret::new(match password {
        Some(p) => format!("{}:{user}p{}", user.len(), p.expose()),
        None => format!("{}:{user}", user.len()),
    })
}

/// The salt and cost that key a baseline's fingerprints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    salt: [u8; SALT_BYTES],
    iterations: u32,
}

impl Key {
    /// A fresh random salt from the operating system.
    pub fn generate() -> Result<Key> {
        let mut salt = [0; SALT_BYTES];
        getrandom::fill(&mut salt).map_err(|source| BaselineError::NoRandomSalt { source })?;
        Ok(Key {
            salt,
            iterations: ITERATIONS,
        })
    }

    fn derive(&self, material: &[u8]) -> [u8; FINGERPRINT_BYTES] {
        pbkdf2::pbkdf2_hmac_array::<sha2::Sha256, FINGERPRINT_BYTES>(
            material,
            &self.salt,
            self.iterations,
        )
    }

    /// The fingerprint of a credential found elsewhere than by `scan` (one `scrub` leaves in
    /// place), from the same parts a finding's is made of.
    pub fn fingerprint_of(
        &self,
        path: &str,
        scheme: &str,
        host: &str,
        credential: &Secret,
    ) -> String {
        hex(&self.derive(
            material_of(path, scheme, host, credential)
                .expose()
                .as_bytes(),
        ))
    }

    /// Every finding's fingerprint, in order. Identical credentials at one path are hashed
    /// once; the rest are spread over the cores.
    pub fn fingerprints(&self, findings: &[Located]) -> Vec<String> {
        let materials: Vec<Secret> = findings.iter().map(material).collect();
        let unique: Vec<&Secret> = materials
            .iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let chunk = unique.len().div_ceil(threads).max(1);
        let hashed: Vec<String> = std::thread::scope(|s| {
            let workers: Vec<_> = unique
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        part.iter()
                            .map(|m| hex(&self.derive(m.expose().as_bytes())))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("hashing does not panic"))
                .collect()
        });
        let by_material: HashMap<&Secret, &String> = unique.into_iter().zip(&hashed).collect();
        materials.iter().map(|m| by_material[m].clone()).collect()
    }
}

/// What a fingerprint covers: path, scheme, host and the credential, each length-prefixed.
fn material(f: &Located) -> Secret {
    material_of(&f.path, &f.scheme, &f.host, &f.credential)
}

fn material_of(path: &str, scheme: &str, host: &str, credential: &Secret) -> Secret {
    let mut m = String::new();
    for part in [
        path.replace('\\', "/").as_str(),
        scheme,
        host,
        credential.expose(),
    ] {
        m.push_str(&format!("{}:{part}", part.len()));
    }
    Secret::new(m)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A loaded baseline: its key and the fingerprints it accepts.
#[derive(Debug)]
pub struct Baseline {
    pub key: Key,
    known: BTreeSet<String>,
}

impl Baseline {
    /// Splits findings into the new ones (returned, in order) and a count of known ones.
    pub fn new_findings(&self, findings: Vec<Located>) -> (Vec<Located>, usize) {
        let prints = self.key.fingerprints(&findings);
        let before = findings.len();
        let fresh: Vec<Located> = findings
            .into_iter()
            .zip(prints)
            .filter(|(_, p)| !self.known.contains(p))
            .map(|(f, _)| f)
            .collect();
        let known = before - fresh.len();
        (fresh, known)
    }
}

/// The file as written: a version, the key, the entries.
#[derive(Serialize, Deserialize)]
struct FileFormat {
    #[serde(rename = "netrc-guard-baseline", deserialize_with = "version")]
    version: u32,
    key: KeyFormat,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct KeyFormat {
    #[serde(deserialize_with = "kdf")]
    kdf: String,
    #[serde(deserialize_with = "iterations")]
    iterations: u32,
    #[serde(deserialize_with = "hex_salt")]
    salt: String,
}

/// One finding, for review: where and what, never the secret.
#[derive(Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    path: String,
    host: String,
    rule: String,
    scheme: String,
    #[serde(deserialize_with = "hex_fingerprint")]
    fingerprint: String,
}

fn version<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = u32::deserialize(d)?;
    if v != VERSION {
        return Err(serde::de::Error::custom(format_args!(
            "baseline: format version {v} is not {VERSION}, the one this netrc-guard reads"
        )));
    }
    Ok(v)
}

fn kdf<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let v = String::deserialize(d)?;
    if v != KDF {
        return Err(serde::de::Error::custom(format_args!(
            "baseline: the key derivation must be {KDF}"
        )));
    }
    Ok(v)
}

fn iterations<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = u32::deserialize(d)?;
    if !ITERATIONS_ACCEPTED.contains(&v) {
        return Err(serde::de::Error::custom(format_args!(
            "baseline: iterations must be between {} and {}",
            ITERATIONS_ACCEPTED.start(),
            ITERATIONS_ACCEPTED.end()
        )));
    }
    Ok(v)
}

fn hex_of<'de, D: Deserializer<'de>>(d: D, bytes: usize, what: &str) -> Result<String, D::Error> {
    let v = String::deserialize(d)?;
    if v.len() != bytes * 2 || !v.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(serde::de::Error::custom(format_args!(
            "baseline: {what} must be {} lower-case hex digits",
            bytes * 2
        )));
    }
    Ok(v)
}

fn hex_salt<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    hex_of(d, SALT_BYTES, "the salt")
}

fn hex_fingerprint<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    hex_of(d, FINGERPRINT_BYTES, "a fingerprint")
}

/// Reads a baseline. A malformed one is an error at its `file:line:column` that quotes
/// nothing from the file (it may be a secret file named by mistake).
pub fn load(path: &Path) -> Result<Baseline> {
    let unreadable = |source| BaselineError::Unreadable {
        file: path.to_path_buf(),
        source,
    };
    let bytes = match open_checked(path, OpenOptions::new().read(true)).map_err(unreadable)? {
        Opened::Regular(file, size) => super::read_all(file, size).map_err(unreadable)?,
        Opened::Special(kind) => {
            return Err(BaselineError::Special {
                file: path.to_path_buf(),
                kind,
            });
        }
    };
    let file: FileFormat = serde_json::from_slice(&bytes).map_err(|e| {
        let position = Position {
            line: e.line(),
            column: e.column(),
        };
        BaselineError::Malformed {
            place: Place::at(path, position),
            why: reason(&e),
        }
    })?;
    let mut salt = [0; SALT_BYTES];
    for (i, byte) in salt.iter_mut().enumerate() {
        // Checked already: `hex_salt` let through lower-case hex digits only.
        *byte = u8::from_str_radix(&file.key.salt[2 * i..2 * i + 2], 16).map_err(|_| {
            BaselineError::Malformed {
                place: Place::file(path),
                why: "the salt must be hex digits".into(),
            }
        })?;
    }
    Ok(Baseline {
        key: Key {
            salt,
            iterations: file.key.iterations,
        },
        known: file.findings.into_iter().map(|e| e.fingerprint).collect(),
    })
}

/// serde_json's reason, without any value it quotes from the file.
fn reason(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let full = e.to_string();
    let msg = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m);
    match e.classify() {
        Category::Syntax => "not valid JSON".into(),
        Category::Eof => "the JSON ends too early".into(),
        Category::Io => "cannot be read".into(),
        Category::Data if msg.starts_with("baseline: ") => msg["baseline: ".len()..].into(),
        Category::Data if msg.starts_with("missing field") => msg.into(),
        // The last `, expected `: the value serde quotes before it may hold one itself.
        Category::Data => match msg.rsplit_once(", expected ") {
            Some((_, expected)) => format!("a value of the wrong type, expected {expected}"),
            None => "an unexpected value".into(),
        },
    }
}

/// The baseline's text for these findings: sorted entries, one per fingerprint.
pub fn render(key: &Key, findings: &[Located]) -> String {
    let prints = key.fingerprints(findings);
    let entries: BTreeSet<Entry> = findings
        .iter()
        .zip(prints)
        .map(|(f, fingerprint)| Entry {
            path: f.path.replace('\\', "/"),
            host: f.host.clone(),
            rule: f.rule.code().into(),
            scheme: f.scheme.clone(),
            fingerprint,
        })
        .collect();
    let file = FileFormat {
        version: VERSION,
        key: KeyFormat {
            kdf: KDF.into(),
            iterations: key.iterations,
            salt: hex(&key.salt),
        },
        findings: entries.into_iter().collect(),
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the baseline for `findings` to `path`, keeping the key of the baseline already
/// there (a malformed one is an error, not overwritten). Returns the number of entries.
pub fn write(path: &Path, findings: &[Located]) -> Result<usize> {
    let key = if path.exists() {
        load(path)?.key
    } else {
        Key::generate()?
    };
    let text = render(&key, findings);
    let entries = text.matches("\"fingerprint\":").count();
    if path.exists() {
        store::rewrite(path, text.as_bytes())?;
    } else {
        // A link to a baseline not written yet stays a link: its target is created.
        let target =
            store::resolve_symlinks(path).map_err(StoreError::io(path, Step::FollowLink))?;
        store::write_atomically(&target, text.as_bytes(), 0o644)?;
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan_buffer;
    use crate::scan::tests::ALL as OPTS;

    fn key() -> Key {
        Key {
            salt: [7; SALT_BYTES],
            iterations: ITERATIONS,
        }
    }

    #[test]
    fn moved_and_reformatted_lines_keep_their_fingerprint() {
        let a = scan_buffer("f", b"x: https://u:hunter2@h.example/a\n", &OPTS);
        let b = scan_buffer(
            "f",
            b"\n\n  y:   [\"https://u:hunter2@h.example/b\"]\n",
            &OPTS,
        );
        assert_eq!(key().fingerprints(&a), key().fingerprints(&b));
        let other_file = scan_buffer("g", b"x: https://u:hunter2@h.example/a\n", &OPTS);
        let other_pw = scan_buffer("f", b"x: https://u:hunter3@h.example/a\n", &OPTS);
        let other_salt = Key {
            salt: [8; SALT_BYTES],
            ..key()
        };
        for different in [
            key().fingerprints(&other_file),
            key().fingerprints(&other_pw),
            other_salt.fingerprints(&a),
        ] {
            assert_ne!(key().fingerprints(&a), different);
        }
    }

    #[test]
    fn user_and_password_cannot_trade_bytes() {
        let u = |s: &str| Secret::new(s);
        assert_ne!(
            credential(&u("ab"), Some(&u("c"))),
            credential(&u("a"), Some(&u("bc")))
        );
        assert_ne!(
            credential(&u("ab"), None),
            credential(&u("ab"), Some(&u("")))
        );
    }

    /// Not a timing assertion on the suite's machine (those are flaky), but a bound on the
    /// work: a few hundred distinct findings cost a few hundred derivations, not more.
    #[test]
    fn fingerprints_hash_each_distinct_credential_once() {
        let text: String = (0..300)
            .map(|i| format!("https://u:pw{}@h.example/{i}\n", i % 3))
            .collect();
        let found = scan_buffer("f", text.as_bytes(), &OPTS);
        let prints = key().fingerprints(&found);
        assert_eq!(prints.len(), 300);
        assert_eq!(prints.iter().collect::<BTreeSet<_>>().len(), 3);
    }

    #[test]
    fn malformed_files_name_a_position_and_quote_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let cases = [
            (
                "{\n  \"netrc-guard-baseline\": 1,\n  hunter2\n}",
                "3:3",
                "not valid JSON",
            ),
            (
                "{\"netrc-guard-baseline\": 1, \"key\": {\"kdf\": \"hunter2\"",
                "1:52",
                "key derivation",
            ),
            (
                "{\"netrc-guard-baseline\": 1, \"key\": {\"kdf\": \"pbkdf2-hmac-sha256\", \"iterations\": \"hunter2\"",
                "1:",
                "wrong type",
            ),
        ];
        for (text, at, why) in cases {
            let p = dir.path().join("b.json");
            std::fs::write(&p, text).unwrap();
            let e = load(&p).unwrap_err().to_string();
            assert!(e.contains(&format!("b.json:{at}")), "{e}");
            assert!(e.contains(why) && !e.contains("hunter2"), "{e}");
        }
    }
}
