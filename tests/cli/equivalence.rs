//! After `scrub`, every URI authenticates exactly as before: curl (`--netrc-file`) and Python
//! requests (`NETRC`, what Ray, pip and uv use) send the same `Authorization` header for the
//! scrubbed URI as curl sent for the original. One loopback host per credential, since a
//! netrc holds one entry per host.

use crate::common;

use common::{Home, curl_auth, echo_auth_server_on, have};

/// The Authorization header requests sends for each URL, with `NETRC` set to `netrc`.
fn requests_auth(urls: &[String], netrc: &std::path::Path) -> Vec<String> {
    let script = r#"
import json, sys, requests
out = []
for url in sys.argv[1:]:
    out.append(requests.get(url, timeout=10).text)
print(json.dumps(out))
"#;
    let args: Vec<&std::ffi::OsStr> = urls.iter().map(std::convert::AsRef::as_ref).collect();
    serde_json::from_value(common::python_json(script, &args, Some(netrc))).unwrap()
}

/// Every URI in the JSON document's strings, in document order.
fn uris(doc: &serde_json::Value, out: &mut Vec<String>) {
    match doc {
        serde_json::Value::String(s) => out.extend(
            s.split_whitespace()
                .filter(|w| w.contains("://"))
                .map(str::to_string),
        ),
        serde_json::Value::Array(a) => a.iter().for_each(|v| uris(v, out)),
        serde_json::Value::Object(m) => m.values().for_each(|v| uris(v, out)),
        _ => {}
    }
}

/// The HTTP URL a runtime_env URI is fetched from (`git+http://...@v1#egg=x` becomes
/// `http://...`).
fn fetch_url(uri: &str) -> String {
    let uri = uri.strip_prefix("git+").unwrap_or(uri);
    let uri = uri.split('#').next().unwrap();
    match uri.rfind(".git@") {
        Some(i) => uri[..i + 4].to_string(),
        None => uri.to_string(),
    }
}

#[test]
fn scrubbed_uris_authenticate_as_before() {
    if !have("curl", "scrubbed_uris_authenticate_as_before")
        || !have("python3", "scrubbed_uris_authenticate_as_before")
    {
        return;
    }
    if !common::have_python_module("requests", "scrubbed_uris_authenticate_as_before") {
        return;
    }
    let host = |n: u8| {
        let ip = format!("127.0.0.{n}");
        let port = echo_auth_server_on(&ip);
        format!("{ip}:{port}")
    };
    let token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
    // Every field of the reference table, each with its own shape of userinfo.
    let runtime_env = format!(
        r#"{{
  "working_dir": "http://alice:p%40ss:w0rd@{h2}/acme/jobs/archive/main.zip",
  "py_modules": ["http://x-access-token:ghs_AppToken1234567890@{h3}/lib.whl", "./local"],
  "java_jars": ["http://{token}@{h4}/libs/udf.jar"],
  "pip": {{
    "packages": ["git+http://oauth2:glpat-Token-99@{h5}/acme/models.git@v1#egg=models"],
    "pip_install_options": ["--index-url", "http://ci:a&b!c$d*e+f;h=i@{h6}/simple"]
  }},
  "uv": {{"packages": ["lib @ http://{token}:x-oauth-basic@{h7}/lib.tar.gz"]}},
  "conda": {{"dependencies": ["python=3.11", {{"pip": ["http://:redis-only-pw@{h8}/pkg.whl"]}}]}},
  "env_vars": {{"PIP_EXTRA_INDEX_URL": "http://ci2:%21%2Fslash@{h9}/extra/simple"}},
  "container": {{"image": "http://{token}:@{h10}/img"}}
}}"#,
        h2 = host(2),
        h3 = host(3),
        h4 = host(4),
        h5 = host(5),
        h6 = host(6),
        h7 = host(7),
        h8 = host(8),
        h9 = host(9),
        h10 = host(10),
    );
    let home = Home::new();
    let empty_netrc = home.write("empty-netrc", "");
    home.write("runtime_env.json", &runtime_env);
    home.run(&["scrub", "runtime_env.json", "--in-place"])
        .ok()
        .hides(token);
    let scrubbed = home.read("runtime_env.json");

    let mut before = Vec::new();
    uris(&serde_json::from_str(&runtime_env).unwrap(), &mut before);
    let mut after = Vec::new();
    uris(&serde_json::from_str(&scrubbed).unwrap(), &mut after);
    assert_eq!(before.len(), 9);
    assert_eq!(before.len(), after.len());
    assert!(
        after.iter().all(|u| !u[u.find("://").unwrap()..]
            .split('/')
            .nth(2)
            .unwrap()
            .contains('@')),
        "{after:?}"
    );

    let before_urls: Vec<String> = before.iter().map(|u| fetch_url(u)).collect();
    let after_urls: Vec<String> = after.iter().map(|u| fetch_url(u)).collect();
    let curl_before: Vec<String> = before_urls
        .iter()
        .map(|u| curl_auth(u, Some(&empty_netrc)))
        .collect();
    let curl_after: Vec<String> = after_urls
        .iter()
        .map(|u| curl_auth(u, Some(&home.netrc())))
        .collect();
    let requests_after = requests_auth(&after_urls, &home.netrc());
    assert!(
        curl_before.iter().all(|h| h.starts_with("Basic ")),
        "{curl_before:?}"
    );
    assert_eq!(
        curl_after,
        curl_before,
        "curl, netrc:\n{}",
        home.read_netrc()
    );
    assert_eq!(
        requests_after,
        curl_before,
        "requests, netrc:\n{}",
        home.read_netrc()
    );

    // requests ignores a user-only URI; every other form it sent itself before, the same.
    let requests_before = requests_auth(&before_urls, &empty_netrc);
    for (i, url) in before.iter().enumerate() {
        if url.contains(&format!("{token}@")) {
            assert_eq!(requests_before[i], "NONE", "{url}");
        } else {
            assert_eq!(requests_before[i], curl_before[i], "{url}");
        }
    }
}
