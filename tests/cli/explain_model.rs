//! The reader models as pure functions: both platforms, file choice and the promise that a
//! file written the portable way is read the same by every reader.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use netrc_guard::readers::{self, Context, FileState, ReaderId, UrlFacts, Verdict};
use netrc_guard::store::{Environment, Platform};
use proptest::prelude::*;

fn env(netrc: Option<&str>, home: Option<&str>, userprofile: Option<&str>) -> Environment {
    Environment {
        netrc: netrc.map(OsString::from),
        home: home.map(OsString::from),
        userprofile: userprofile.map(OsString::from),
        fallback_home: None,
    }
}

fn regular(text: &str) -> FileState {
    FileState::Regular {
        bytes: text.as_bytes().to_vec(),
        mode: Some(0o600),
        owned_by_user: Some(true),
    }
}

struct World {
    files: HashMap<PathBuf, FileState>,
}

impl World {
    fn new(files: &[(&Path, FileState)]) -> World {
        World {
            files: files
                .iter()
                .map(|(p, s)| (p.to_path_buf(), s.clone()))
                .collect(),
        }
    }

    fn explain(
        &self,
        platform: Platform,
        env: &Environment,
        flag: Option<&Path>,
        url: &str,
    ) -> Vec<Verdict> {
        let url = UrlFacts::parse(url).unwrap();
        let lookup = |p: &Path| self.files.get(p).cloned().unwrap_or(FileState::Missing);
        let ctx = Context {
            platform,
            env,
            netrc_override: flag,
            url: &url,
            files: &lookup,
        };
        readers::explain(&ctx).verdicts
    }
}

fn row(verdicts: &[Verdict], reader: ReaderId) -> &Verdict {
    verdicts.iter().find(|v| v.reader == reader).unwrap()
}

fn login(verdicts: &[Verdict], reader: ReaderId) -> Option<String> {
    row(verdicts, reader).sends().map(|(l, _)| l.to_string())
}

fn file(verdicts: &[Verdict], reader: ReaderId) -> Option<PathBuf> {
    row(verdicts, reader).file.path.clone()
}

#[test]
fn windows_with_both_files_each_reader_picks_its_own() {
    let home = Path::new("C:/Users/me");
    let dot = home.join(".netrc");
    let under = home.join("_netrc");
    let world = World::new(&[
        (&dot, regular("machine h.example login dot password a\n")),
        (
            &under,
            regular("machine h.example login under password b\n"),
        ),
    ]);
    let v = world.explain(
        Platform::Windows,
        &env(None, None, Some("C:/Users/me")),
        None,
        "https://h.example/x",
    );
    for (reader, expected) in [
        (ReaderId::CurlBefore816, "dot"),
        (ReaderId::Curl816, "dot"),
        (ReaderId::GitBefore816, "dot"),
        (ReaderId::Requests, "dot"),
        (ReaderId::Uv, "dot"),
        (ReaderId::PythonNetrcDefault, "dot"),
        (ReaderId::Go, "under"),
        (ReaderId::RubyGem, "under"),
    ] {
        assert_eq!(login(&v, reader).as_deref(), Some(expected), "{reader:?}");
    }
    assert_eq!(file(&v, ReaderId::Go), Some(under.clone()));
    // Negative control: with `_netrc` alone, the readers that look for `.netrc` first fall
    // back to it, but netrc.netrc() without a path reads `~/.netrc` only.
    let world = World::new(&[(
        &under,
        regular("machine h.example login under password b\n"),
    )]);
    let v = world.explain(
        Platform::Windows,
        &env(None, None, Some("C:/Users/me")),
        None,
        "https://h.example/x",
    );
    for reader in [
        ReaderId::CurlBefore816,
        ReaderId::Curl816,
        ReaderId::Requests,
        ReaderId::Uv,
        ReaderId::Go,
    ] {
        assert_eq!(login(&v, reader).as_deref(), Some("under"), "{reader:?}");
    }
    assert_eq!(login(&v, ReaderId::PythonNetrcDefault), None);
}

#[test]
fn curl_before_816_on_windows_reads_underscore_netrc_when_dot_netrc_has_no_match() {
    let home = Path::new("C:/Users/me");
    let world = World::new(&[
        (
            &home.join(".netrc"),
            regular("machine other login o password a\n"),
        ),
        (
            &home.join("_netrc"),
            regular("machine h.example login under password b\n"),
        ),
    ]);
    let v = world.explain(
        Platform::Windows,
        &env(None, None, Some("C:/Users/me")),
        None,
        "https://h.example/",
    );
    assert_eq!(login(&v, ReaderId::CurlBefore816).as_deref(), Some("under"));
    assert_eq!(
        login(&v, ReaderId::Curl816),
        None,
        "8.16 falls back only when .netrc is missing"
    );
    assert_eq!(login(&v, ReaderId::Requests), None);
}

#[test]
fn netrc_and_file_flag_choose_files_per_reader() {
    let home = Path::new("/home/me");
    let dot = home.join(".netrc");
    let elsewhere = Path::new("/srv/netrc");
    let world = World::new(&[
        (&dot, regular("machine h.example login home password a\n")),
        (
            elsewhere,
            regular("machine h.example login env password b\n"),
        ),
    ]);
    let unix = |netrc: Option<&str>, flag: Option<&Path>| {
        world.explain(
            Platform::Unix,
            &env(netrc, Some("/home/me"), None),
            flag,
            "https://h.example/",
        )
    };
    for v in [unix(Some("/srv/netrc"), None), unix(None, Some(elsewhere))] {
        assert_eq!(login(&v, ReaderId::CurlBefore816).as_deref(), Some("home"));
        assert_eq!(login(&v, ReaderId::GitBefore816).as_deref(), Some("home"));
        for reader in [
            ReaderId::Curl816,
            ReaderId::Git816,
            ReaderId::Requests,
            ReaderId::Uv,
            ReaderId::Go,
            ReaderId::PythonNetrcPath,
        ] {
            assert_eq!(login(&v, reader).as_deref(), Some("env"), "{reader:?}");
        }
        assert_eq!(
            login(&v, ReaderId::PythonNetrcDefault).as_deref(),
            Some("home")
        );
    }
    // NETRC naming a missing file: requests and curl 8.16 find nothing, uv falls back.
    let v = unix(Some("/nowhere"), None);
    assert_eq!(login(&v, ReaderId::Requests), None);
    assert_eq!(login(&v, ReaderId::Curl816), None);
    assert_eq!(login(&v, ReaderId::Uv).as_deref(), Some("home"));
    assert_eq!(login(&v, ReaderId::CurlBefore816).as_deref(), Some("home"));
    // The Ruby gem reads NETRC as a directory.
    assert_eq!(
        file(&v, ReaderId::RubyGem),
        Some(Path::new("/nowhere").join(".netrc"))
    );
}

#[test]
fn go_uses_https_only_and_matches_the_port() {
    let dot = Path::new("/home/me/.netrc");
    let world = World::new(&[(dot, regular("machine h.example:8443 login p password a\n"))]);
    let e = env(None, Some("/home/me"), None);
    let v = world.explain(Platform::Unix, &e, None, "https://h.example:8443/mod");
    assert_eq!(login(&v, ReaderId::Go).as_deref(), Some("p"));
    assert_eq!(login(&v, ReaderId::CurlBefore816), None);
    assert_eq!(login(&v, ReaderId::Requests), None);
    let v = world.explain(Platform::Unix, &e, None, "http://h.example:8443/mod");
    assert!(!row(&v, ReaderId::Go).applies);
}

/// A value every reader reads the same way (netrc-guard's portable set).
fn portable() -> impl Strategy<Value = String> {
    "[A-Za-z0-9@:%!/._~+=&$*;?-]{1,12}".prop_filter("not a keyword", |v| {
        !matches!(
            v.as_str(),
            "machine"
                | "default"
                | "login"
                | "password"
                | "account"
                | "macdef"
                | "port"
                | "protocol"
                | "user"
        )
    })
}

/// Machines `(host, login, password)` and an optional default `(login, password)`.
type PortableFile = (Vec<(String, String, String)>, Option<(String, String)>);

fn portable_file() -> impl Strategy<Value = PortableFile> {
    (
        prop::collection::btree_map(
            "[a-z][a-z0-9-]{0,6}\\.(com|example)",
            (portable(), portable()),
            1..5,
        ),
        prop::option::of((portable(), portable())),
    )
        .prop_map(|(m, d)| (m.into_iter().map(|(h, (l, p))| (h, l, p)).collect(), d))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Promise 7: what netrc-guard writes (lower-case bare hosts, one entry each, `default`
    /// last, portable values, mode 0600), every reader reads the same way, on both platforms.
    #[test]
    fn portable_files_are_read_alike_everywhere((entries, default) in portable_file(), pick in 0usize..6) {
        let mut text = String::new();
        for (h, l, p) in &entries {
            text.push_str(&format!("machine {h} login {l} password {p}\n"));
        }
        if let Some((l, p)) = &default {
            text.push_str(&format!("default login {l} password {p}\n"));
        }
        let host = entries.get(pick).map_or("unlisted.example".to_string(), |e| e.0.clone());
        let url = format!("https://{host}/path");
        for (platform, home, file, e) in [
            (Platform::Unix, "/home/me", "/home/me/.netrc", env(None, Some("/home/me"), None)),
            (Platform::Windows, "C:/Users/me", "C:/Users/me/_netrc", env(None, None, Some("C:/Users/me"))),
        ] {
            let _ = home;
            let world = World::new(&[(Path::new(file), regular(&text))]);
            let v = world.explain(platform, &e, None, &url);
            // cmd/go has no `default`; netrc.netrc() without a path reads only `~/.netrc`.
            let expected = v.iter().find(|x| x.reader == ReaderId::Curl816).unwrap().sends().map(|(l, p)| (l.to_string(), p.expose().to_string()));
            for verdict in &v {
                let skip = (verdict.reader == ReaderId::Go && expected.is_some() && entries.get(pick).is_none())
                    || (verdict.reader == ReaderId::PythonNetrcDefault && platform == Platform::Windows);
                if skip {
                    continue;
                }
                let got = verdict.sends().map(|(l, p)| (l.to_string(), p.expose().to_string()));
                prop_assert_eq!(&got, &expected, "{:?} on {:?}:\n{}", verdict.reader, platform, text);
            }
        }
    }
}
