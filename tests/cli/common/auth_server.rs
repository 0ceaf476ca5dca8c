//! A loopback static file server behind HTTP Basic auth, for the real clients (pip, uv, git's
//! dumb HTTP, requests, curl) to fetch private content from.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A login for the servers.
pub(crate) const LOGIN: &str = "alice";
/// A password with every URI delimiter the netrc's portable set allows (`@ : / % ! & = $ *`).
pub(crate) const PASSWORD: &str = "p@ss:w/rd%41!&=$*";
/// [`PASSWORD`] percent-encoded, as it must be in a URI's userinfo.
pub(crate) const PASSWORD_IN_URI: &str = "p%40ss%3Aw%2Frd%2541!&=$*";
/// A token-only URI's user name (a GitHub-shaped personal access token).
pub(crate) const TOKEN: &str = "ghp_0123456789abcdefABCDEFghijklmnopqr";

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub(crate) struct Seen {
    pub method: String,
    pub path: String,
    /// Whether it carried exactly the credentials the server demands.
    pub authorized: bool,
    /// Whether it carried an `Authorization` header at all.
    pub sent_credentials: bool,
}

/// Serves the files under `root` to requests that carry exactly one credential, `Basic
/// base64(login:password)`; answers any other request with 401 and a Basic challenge, as a
/// private index or git host does (git and uv send credentials only after a challenge).
pub(crate) struct BasicAuthServer {
    pub host: String,
    pub port: u16,
    log: Arc<Mutex<Vec<Seen>>>,
}

impl BasicAuthServer {
    /// Listens on `ip` (a loopback address), serving `root` until the test process exits.
    pub(crate) fn start(ip: &str, root: &Path, login: &str, password: &str) -> BasicAuthServer {
        assert!(ip.starts_with("127."), "loopback only");
        let listener = std::net::TcpListener::bind((ip, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let expected = super::basic(login, password);
        let (root, record) = (root.to_path_buf(), log.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (root, expected, record) = (root.clone(), expected.clone(), record.clone());
                std::thread::spawn(move || {
                    if let Some(seen) = answer(stream, &root, &expected) {
                        record.lock().unwrap().push(seen);
                    }
                });
            }
        });
        BasicAuthServer {
            host: ip.to_string(),
            port,
            log,
        }
    }

    /// `http://HOST:PORT/path`.
    pub(crate) fn url(&self, path: &str) -> String {
        format!(
            "http://{}:{}/{}",
            self.host,
            self.port,
            path.trim_start_matches('/')
        )
    }

    /// The same URL with `userinfo@` before the host.
    pub(crate) fn url_with(&self, userinfo: &str, path: &str) -> String {
        self.url(path)
            .replacen("http://", &format!("http://{userinfo}@"), 1)
    }

    /// Every request since the last call, and forgets them.
    pub(crate) fn take(&self) -> Vec<Seen> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }
}

/// Reads one request and answers it; the connection is closed after each response.
fn answer(mut stream: TcpStream, root: &Path, expected: &str) -> Option<Seen> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next()?.to_string(), parts.next()?.to_string());
    let auth = crate::common::authorization_header(&mut reader);
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
    let authorized = auth.as_deref() == Some(expected);
    let seen = Seen {
        method: method.clone(),
        path: path.clone(),
        authorized,
        sent_credentials: auth.is_some(),
    };
    let (status, content_type, body) = if !authorized {
        (
            "401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"private\"",
            "text/plain",
            b"401 Unauthorized\n".to_vec(),
        )
    } else {
        match file_for(root, &path).and_then(|p| std::fs::read(&p).ok().map(|b| (p, b))) {
            Some((p, bytes)) => ("200 OK", content_type(&p), bytes),
            None => ("404 Not Found", "text/plain", b"404 Not Found\n".to_vec()),
        }
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
    let _ = stream.flush();
    Some(seen)
}

/// The file a URL path names under `root`: `index.html` for a directory; nothing for a path
/// that would leave `root`.
fn file_for(root: &Path, path: &str) -> Option<PathBuf> {
    let relative = path.trim_start_matches('/');
    if relative.split('/').any(|part| part == "..") {
        return None;
    }
    let file = root.join(relative);
    if file.is_dir() {
        Some(file.join("index.html")).filter(|f| f.is_file())
    } else {
        Some(file).filter(|f| f.is_file())
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html",
        _ => "application/octet-stream",
    }
}
