//! Every typed error, built from hostile input that holds secrets (passwords in URLs and in
//! files, tokens where names, keys and paths belong), shows none of them in its `Debug`,
//! its `Display` or its alternate `Display` (`{:#}`, which `messages::error` prints). A
//! `{:?}` in a log line or a test failure prints `Debug`, so it is held to the same promise.

use std::fmt::{Debug, Display};
use std::path::{Path, PathBuf};

use crate::netrc::{Credentials, Document, Target};
use crate::secret::Secret;

/// Every secret here holds this mark.
const MARK: &str = "s3cret";
const PW: &str = "Pw9xQ-s3cret";
const TOKEN: &str = "ghp_s3cretABCDEFGHIJKLMNOPQRSTUVWXYZ01234";

/// The error of a case that must fail.
fn refused<T: Debug, E>(case: &str, r: Result<T, E>) -> E {
    match r {
        Err(e) => e,
        Ok(v) => panic!("{case}: not refused: {v:?}"),
    }
}

/// Asserts that neither form of `e` shows a secret; returns its Display (a case that must
/// fail proves it did with a look at the text).
fn hides(case: &str, e: &(impl Debug + Display)) -> String {
    let shown = [format!("{e:?}"), format!("{e}"), format!("{e:#}")];
    for text in &shown {
        assert!(!text.contains(MARK), "{case}: a secret shown:\n{text}");
    }
    shown[1].clone()
}

fn store_at(dir: &Path, text: &str) -> crate::store::Store {
    let path = dir.join(".netrc");
    std::fs::write(&path, text).unwrap();
    crate::store::Store::new(crate::store::Location {
        path,
        source: crate::store::Source::Flag,
    })
}

#[test]
fn store_and_netrc_edit_errors() {
    let dir = tempfile::tempdir().unwrap();
    for text in [
        format!("machine h login {TOKEN} password \"{PW}\n"),
        format!("machine h login {TOKEN} password {PW} macdef"),
        format!("machine h login {TOKEN} password {PW} {TOKEN} {PW}\n"),
        format!("{TOKEN} {PW}\n"),
        format!("machine h login \"{TOKEN}\\"),
    ] {
        let e = refused(&text, store_at(dir.path(), &text).load());
        hides(&text, &e);
    }
    let e = crate::store::utf8_text("n", format!("{PW}\n{TOKEN}\u{1}").into_bytes());
    assert!(e.is_ok());
    let mut bytes = format!("password {PW}").into_bytes();
    bytes.push(0xff);
    hides(
        "not UTF-8",
        &crate::store::utf8_text("n", bytes).unwrap_err(),
    );
    let store = store_at(dir.path(), &format!("machine h login u password {PW}\n"));
    for (login, password) in [
        (format!("{TOKEN}\n"), PW.to_string()),
        (TOKEN.to_string(), format!("{PW}\u{7}")),
        (TOKEN.to_string(), "machine".to_string()),
        ("u".to_string(), format!("other-{PW}")),
    ] {
        let creds = Credentials {
            login: Some(login),
            password: Some(Secret::new(password)),
            account: Some(TOKEN.into()),
        };
        hides("credentials", &format!("{creds:?}"));
        let mut doc = store.load().unwrap();
        let e = doc.upsert(Target::Machine("h"), &creds, false).unwrap_err();
        hides("upsert", &e);
        if let Ok(e) = store.refused_upsert(e) {
            hides("refused upsert", &e);
        }
    }
    let doc = Document::parse(&format!("machine h login {TOKEN} password {PW}\n")).unwrap();
    hides("document", &format!("{doc:?}"));
    for host in [
        format!("https://{TOKEN}:{PW}@h.example/"),
        format!("{TOKEN}:{PW}@h.example"),
        format!("h\"{PW}.example"),
    ] {
        hides(&host, &refused(&host, crate::netrc::host::normalize(&host)));
    }
    let refused = crate::netrc::value::accept(&format!("{PW}\n"), false).unwrap_err();
    hides("refused value", &refused.message("password"));
}

#[test]
fn write_refused() {
    use crate::readers::verify::{Expect, Held, Intent, checker};
    let intents = [Intent {
        machine: Some("h.example".into()),
        expect: Expect::Sends {
            login: TOKEN.into(),
            password: Secret::new(PW),
        },
    }];
    let before = format!("machine h.example login {TOKEN} password old-{PW}\n");
    for after in [
        format!("machine h.example login {TOKEN} password old-{PW}\n"),
        format!("default login x password {PW}\nmachine h.example login {TOKEN} password {PW}\n"),
        format!("machine h.example login {TOKEN} password \"{PW}\n"),
    ] {
        let e = checker("~/.netrc", &intents, Held::Every)(&before, &after).unwrap_err();
        hides(&after, &e);
    }
}

#[test]
fn kube_errors() {
    use crate::kube::{PatchOptions, patch, secret_manifest};
    for (name, namespace, key) in [
        (TOKEN, None, ".netrc"),
        ("ok", Some(TOKEN), ".netrc"),
        ("ok", None, &*format!("{TOKEN}/x")),
        (&*format!("{TOKEN}_"), None, ".netrc"),
    ] {
        let e = secret_manifest(name, namespace, key, PW.as_bytes()).unwrap_err();
        hides(name, &e);
    }
    let opts = PatchOptions {
        secret: "netrc-secret".into(),
        volume_name: "netrc-kuberay".into(),
        mount_path: "/home/ray/netrcvolume/".into(),
        home: "/home/ray".into(),
        key: ".netrc".into(),
        all_containers: false,
    };
    let head = |container: &str| {
        format!(
            "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: {TOKEN}\nspec:\n  headGroupSpec:\n    template:\n      spec:\n        containers:\n{container}"
        )
    };
    for text in [
        format!("a: \"https://u:{PW}@h\n"),
        format!("apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: {TOKEN}\nspec: 1\n"),
        format!(
            "{{\"apiVersion\": \"ray.io/v1\", \"kind\": \"RayCluster\", \"metadata\": {{\"name\": \"{TOKEN}\"}}, \"x\": \"{PW}\"}}\n"
        ),
        head(&format!(
            "        - name: {TOKEN}\n          env:\n            - name: NETRC\n              value: https://u:{PW}@h/\n"
        )),
        head(&format!(
            "        - name: ray\n          env:\n            - name: HOME\n              value: /{PW}\n"
        )),
        head(&format!(
            "        - name: ray\n          volumeMounts:\n            - name: {TOKEN}\n              mountPath: /home/ray/netrcvolume/\n"
        )),
        head(&format!("        - {PW}\n")),
    ] {
        let e = refused(&text, patch("m.yaml", &text, &opts));
        hides(&text, &e);
    }
    for secret in [TOKEN, PW] {
        let o = PatchOptions {
            secret: secret.into(),
            ..opts.clone()
        };
        hides(secret, &o.check().unwrap_err());
    }
}

#[test]
fn ray_errors() {
    let dir = tempfile::tempdir().unwrap();
    let netrc = dir.path().join(".netrc.d/netrc");
    std::fs::create_dir(netrc.parent().unwrap()).unwrap();
    std::fs::write(&netrc, "").unwrap();
    let mount = crate::ray::netrc_mount(&netrc, &netrc, Some(dir.path())).unwrap();
    let types = |node: &str| {
        format!(
            "cluster_name: c\nprovider:\n  type: local\nsetup_commands: []\navailable_node_types:\n{node}"
        )
    };
    for text in [
        format!("cluster_name: \"{PW}\n"),
        format!("cluster_name: c\nprovider:\n  type: {TOKEN}\n"),
        format!("cluster_name: c\n{TOKEN}: 1\n{TOKEN}: 2\n"),
        format!("cluster_name: c\nsetup_commands:\n  - echo {PW} > ~/.netrc\n"),
        format!("cluster_name: c\nfile_mounts:\n  ~/.netrc: /{PW}/netrc\n"),
        format!("[\"{PW}\"]\n"),
        format!("a: {PW}\n---\nb: {TOKEN}\n"),
        types(&format!("  {TOKEN}: &x\n    resources: {{}}\n  b: *x\n")),
        types(&format!("  {TOKEN}:\n    worker_setup_commands: {PW}\n")),
        types(&format!("  {TOKEN}:\n    worker_setup_commands:\n")),
        types(&format!(
            "  {TOKEN}:\n    worker_setup_commands: [\n  {PW}]\n"
        )),
    ] {
        let e = refused(&text, crate::ray::patch("c.yaml", &text, &mount));
        hides(&text, &e);
    }
}

#[test]
fn config_errors() {
    for text in [
        format!("{TOKEN} = 1\n"),
        format!("\"{PW}\" = 1\n"),
        format!("[accept]\n{TOKEN} = [\"x\"]\n"),
        format!("[accept]\nhosts = [\"https://u:{PW}@h.example\"]\n"),
        format!("[accept]\nschemes = [\"{PW}://\"]\n"),
        format!("[accept]\nfingerprints = [\"{PW}\"]\n"),
        format!("baseline = \"{PW}\"\n[accept]\nfingerprints = [\"{PW}\"]\n"),
        format!("exclude = [\"{PW}[z-a]\"]\n"),
        format!("exclude = \"{PW}\"\n"),
        format!("exclude = [1, \"{PW}\"]\n"),
        format!("baseline = [\"{PW}\"]\n"),
        format!("x = \"{PW}\n"),
        format!("{TOKEN} = 1\n{TOKEN} = 2\n"),
        format!("accept = \"{PW}\"\n"),
    ] {
        let e = refused(
            &text,
            crate::config::parse(&text, Path::new("c.toml"), false),
        );
        hides(&text, &e);
    }
    let text = format!("[tool.netrc-guard]\n{TOKEN} = 1\n");
    let e = crate::config::parse(&text, Path::new("pyproject.toml"), true).unwrap_err();
    hides(&text, &e);
}

#[test]
fn baseline_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    let key = r#""key": {"kdf": "pbkdf2-hmac-sha256", "iterations": 10000, "salt": "f87db38ddcdac00a36637a0e7f2c3447"}"#;
    for text in [
        format!("machine h login {TOKEN} password {PW}\n"),
        format!("{{\"netrc-guard-baseline\": \"x, expected {PW}\"}}"),
        format!("{{\"netrc-guard-baseline\": 1, \"key\": \"{PW}\"}}"),
        format!("{{\"netrc-guard-baseline\": 1, {key}, \"findings\": [\"{PW}\"]}}"),
        format!(
            "{{\"netrc-guard-baseline\": 1, {key}, \"findings\": [{{\"path\": \"a\", \"host\": \"h\", \"rule\": \"r\", \"scheme\": \"s\", \"fingerprint\": \"{PW}\"}}]}}"
        ),
        format!("{{\"netrc-guard-baseline\": 1, \"key\": {{\"kdf\": \"{PW}\"}}}}"),
        format!(
            "{{\"netrc-guard-baseline\": 1, \"key\": {{\"kdf\": \"pbkdf2-hmac-sha256\", \"iterations\": 1, \"salt\": \"{PW}\"}}, \"findings\": []}}"
        ),
    ] {
        std::fs::write(&path, &text).unwrap();
        let e = refused(&text, crate::scan::baseline::load(&path).map(|_| ()));
        hides(&text, &e);
    }
}

#[test]
fn history_errors() {
    let scope = crate::scan::history::HistoryScope {
        range: Some(format!("{TOKEN}..HEAD")),
        pathspecs: vec![PathBuf::from(format!(":(bad){TOKEN}"))],
    };
    if let Err(e) = crate::scan::history::scan_history(&scope, &crate::scan::tests::ALL) {
        hides("range", &e);
    }
    let scope = crate::scan::history::HistoryScope {
        range: Some("HEAD".into()),
        pathspecs: vec![PathBuf::from(format!("./{TOKEN}/../../../.."))],
    };
    if let Err(e) = crate::scan::history::scan_history(&scope, &crate::scan::tests::ALL) {
        hides("path", &e);
    }
}

#[test]
fn scrub_errors() {
    use crate::scrub::{Lang, scrub_text};
    for (text, lang) in [
        (format!("a: \"https://u:{PW}@h.example/\n"), Lang::Yaml),
        (
            format!("{{\"a\": \"https://u:{PW}@h.example/\""),
            Lang::Json,
        ),
        (format!("a = 'https://u:{PW}@h.example/\n"), Lang::Python),
        (
            format!("a = f'https://u:{{x}}{PW}@h.example/'\n"),
            Lang::Python,
        ),
        (format!("https://u:{PW}%FF@h.example/\n"), Lang::Text),
        (format!("https://{TOKEN}:{PW}@${{HOST}}/\n"), Lang::Text),
        (format!("https://{TOKEN}:{PW}%0A@h.example/\n"), Lang::Text),
        (format!("https://{TOKEN}:machine@h.example/\n"), Lang::Text),
        (format!("https://{TOKEN}:{PW}%22@h.example/\n"), Lang::Text),
    ] {
        match scrub_text("f", &text, lang) {
            Err(e) => {
                hides(&text, &e);
            }
            Ok(s) => {
                hides(&text, &format!("{s:?}"));
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let store = store_at(
        dir.path(),
        &format!("machine h.example login u password other-{PW}\n"),
    );
    let source = dir.path().join("env.yaml");
    for text in [
        format!("a: https://u:{PW}@h.example/\n"),
        format!("a: https://u:{PW}@h2.example/\nb: https://{TOKEN}:x{PW}@h2.example/\n"),
        format!("a: https://u:{PW}\"@h3.example/\n"),
    ] {
        std::fs::write(&source, &text).unwrap();
        let args = [source.display().to_string()];
        let opts = crate::scrub::ScrubOptions {
            dry_run: true,
            ..Default::default()
        };
        let e = refused(&text, crate::scrub::run(&args, &store, opts).map(|_| ()));
        hides(&text, &e);
    }
    let args = [store.path().display().to_string()];
    let e = crate::scrub::run(&args, &store, crate::scrub::ScrubOptions::default()).unwrap_err();
    hides("the netrc", &e);
}
