//! Whether a credential found in a URI is a real one or an example: pure functions over the
//! percent-decoded user, password and host (and the userinfo as written), no I/O.
//!
//! Evidence comes from the credential and its URI, never from the file's path: real leaks
//! happen in tests and docs too. The rules, first match wins:
//!
//! | # | the secret value (password, or the user when it is the token) ... | class |
//! |---|---|---|
//! | 1 | is a template, variable or mask, or says it is one: `template`, `masked`, `example-marker` | example |
//! | 2 | has a known token format with a random body: `token-format:NAME` (a filler body: `placeholder-token`, example) | credential |
//! | 3 | reads as placeholder words, a demo pair, the user again, is very short or trivial: `placeholder-password`, `demo-pair`, `user-equals-password`, `echoes-name`, `short-value`, `trivial-value` | example |
//! | 4 | is random or shaped like a chosen password: `long-hex`, `high-entropy`, `human-password` | credential |
//! | 5 | is weak, and the host or the rest of the URI is an example: `loopback-host`, `reserved-domain`, `documentation-address`, `placeholder-host`, `template-host`, `template-user`, `port-word`, `no-host` | example |
//! | 6 | anything else: `real-host` (a multi-label name or an IP address) or `plain-password` | credential |
//!
//! So a strong value (rules 2 and 4) beats every host signal (`ghp_...@localhost` in a test is
//! still a leak), and a template never is a credential. A finding's reasons are the signals
//! of the side that won.

use super::SecretPart;

/// What a finding is, as reports name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    Credential,
    Example,
}

/// The class and the signals that decided it (names, never values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub class: Class,
    pub reasons: Vec<&'static str>,
}

impl Verdict {
    fn new(class: Class, reasons: Vec<&'static str>) -> Verdict {
        Verdict { class, reasons }
    }
}

/// The parts of one URI the rules read.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    /// Percent-decoded.
    pub user: &'a str,
    /// Percent-decoded; `None` when the userinfo has no `:`.
    pub password: Option<&'a str>,
    /// The userinfo as written (templates are syntax, read before decoding).
    pub raw_userinfo: &'a str,
    /// The host and port as written.
    pub host: &'a str,
    pub scheme: &'a str,
    pub secret_part: SecretPart,
}

/// Token formats by prefix, and the name `token-format:` reports.
const TOKEN_FORMATS: &[(&str, &str)] = &[
    ("github_pat_", "token-format:github"),
    ("ghp_", "token-format:github"),
    ("gho_", "token-format:github"),
    ("ghu_", "token-format:github"),
    ("ghs_", "token-format:github"),
    ("ghr_", "token-format:github"),
    ("glpat-", "token-format:gitlab"),
    ("gldt-", "token-format:gitlab"),
    ("glrt-", "token-format:gitlab"),
    ("glptt-", "token-format:gitlab"),
    ("glcbt-", "token-format:gitlab"),
    ("gloas-", "token-format:gitlab"),
    ("xoxb-", "token-format:slack"),
    ("xoxp-", "token-format:slack"),
    ("xoxa-", "token-format:slack"),
    ("xoxe-", "token-format:slack"),
    ("xoxr-", "token-format:slack"),
    ("xoxs-", "token-format:slack"),
    ("hf_", "token-format:huggingface"),
    ("npm_", "token-format:npm"),
    ("pypi-", "token-format:pypi"),
    ("sk-", "token-format:openai"),
    ("sk_live_", "token-format:stripe"),
    ("rk_live_", "token-format:stripe"),
    ("AKIA", "token-format:aws"),
    ("ASIA", "token-format:aws"),
    ("AIza", "token-format:google"),
    ("ATBB", "token-format:atlassian"),
    ("ATATT", "token-format:atlassian"),
    ("dop_v1_", "token-format:digitalocean"),
    ("shpat_", "token-format:shopify"),
    ("glsa_", "token-format:grafana"),
    ("SG.", "token-format:sendgrid"),
];

/// Words that name a secret: a value made of them (and qualifiers) is a placeholder.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "pass",
    "pwd",
    "pw",
    "secret",
    "secrets",
    "token",
    "tokens",
    "key",
    "keys",
    "apikey",
    "credential",
    "credentials",
    "creds",
    "cred",
    "changeme",
    "placeholder",
    "redacted",
    "hidden",
    "masked",
];

/// Words that qualify a placeholder (`my_password`, `AWS_SECRET_ACCESS_KEY`, `YOUR_TOKEN_HERE`)
/// or are demo values themselves when the value is weak (`foo:bar`, `admin`).
const QUALIFIERS: &[&str] = &[
    "my", "your", "our", "some", "the", "this", "super", "top", "new", "old", "real", "dummy",
    "fake", "example", "sample", "test", "testing", "demo", "dev", "default", "api", "access",
    "private", "public", "client", "app", "auth", "aws", "azure", "gcp", "github", "gitlab", "db",
    "database", "user", "username", "usr", "login", "name", "id", "here", "goes", "insert",
    "enter", "put", "replace", "with", "value", "string", "admin", "root", "guest", "foo", "bar",
    "baz", "qux", "quux", "spam", "eggs", "hello", "world", "letmein", "qwerty", "asdf", "welcome",
    "none", "null", "empty", "blank", "xyz", "abc", "xxx",
];

/// Pairs documentation uses that no rule above names.
const DEMO_PAIRS: &[(&str, &str)] = &[("scott", "tiger"), ("spam", "eggs"), ("hello", "world")];

/// Words that stand for a host (`host`, `hostname`, `your-server`, `somehost`).
const HOST_WORDS: &[&str] = &[
    "host",
    "hostname",
    "hostspec",
    "hosts",
    "server",
    "servername",
    "domain",
    "dsn",
    "addr",
    "address",
    "ip",
    "endpoint",
    "url",
    "uri",
    "site",
    "machine",
    "name",
    "spec",
    "my",
    "your",
    "some",
    "the",
    "other",
    "remote",
    "company",
    "mycompany",
    "org",
    "port",
    "x",
    "xxx",
];

/// The class of a credential found in a URI, and why.
pub fn classify(p: &Parts) -> Verdict {
    // `https://h1:123,u:p@h2` (a multi-host URL) reads as user `h1` and password
    // `123,u:p`: the pair after the last comma is the credential.
    let port_then_list = p
        .password
        .and_then(|pw| pw.split_once(','))
        .is_some_and(|(port, _)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()));
    if p.secret_part == SecretPart::Password
        && port_then_list
        && let Some((_, pair)) = p.raw_userinfo.rsplit_once(',')
        && let Some((user, password)) = pair.split_once(':')
    {
        let decoded = p.password.unwrap_or_default();
        let password_decoded = decoded.rsplit_once(',').map_or(decoded, |(_, pair)| pair);
        let user_decoded = password_decoded.split_once(':').map_or(user, |(u, _)| u);
        let password_decoded = password_decoded
            .split_once(':')
            .map_or(password, |(_, pw)| pw);
        return classify(&Parts {
            user: user_decoded,
            password: Some(password_decoded),
            raw_userinfo: pair,
            ..*p
        });
    }
    let secret = match p.secret_part {
        SecretPart::Password => p.password.unwrap_or_default(),
        SecretPart::User => p.user,
    };
    let secret_raw = match p.secret_part {
        SecretPart::Password => p.raw_userinfo.split_once(':').map_or("", |(_, pw)| pw),
        SecretPart::User => p.raw_userinfo.split(':').next().unwrap_or_default(),
    };
    if let Some(why) = placeholder_value(secret_raw, secret) {
        return Verdict::new(Class::Example, vec![why]);
    }
    match token_format(secret) {
        Some(Ok(format)) => return Verdict::new(Class::Credential, vec![format]),
        Some(Err(filler)) => return Verdict::new(Class::Example, vec![filler]),
        None => {}
    }
    let shape = Shape::of(secret);
    let value_signals = example_value(p, secret, &shape);
    if !value_signals.is_empty() {
        return Verdict::new(Class::Example, value_signals);
    }
    if let Some(strong) = strong_value(secret, &shape) {
        return Verdict::new(Class::Credential, vec![strong]);
    }
    let host_signals = example_host(p);
    if !host_signals.is_empty() {
        return Verdict::new(Class::Example, host_signals);
    }
    let why = if real_host(p.host) {
        "real-host"
    } else {
        "plain-password"
    };
    Verdict::new(Class::Credential, vec![why])
}

/// Rule 1: a template, a variable, a mask, or a value that calls itself an example.
fn placeholder_value(raw: &str, decoded: &str) -> Option<&'static str> {
    if is_placeholder(raw.as_bytes()) || has_template_syntax(raw) {
        return Some("template");
    }
    let masked = !decoded.is_empty()
        && (decoded
            .chars()
            .all(|c| matches!(c, '*' | '.' | '…' | '•' | '#'))
            || decoded.bytes().all(|b| b == b'x' || b == b'X'));
    if masked {
        return Some("masked");
    }
    let lower = decoded.to_ascii_lowercase();
    let marked = [
        "example",
        "sample",
        "dummy",
        "placeholder",
        "redacted",
        "xxxxx",
    ]
    .iter()
    .any(|w| lower.contains(w));
    marked.then_some("example-marker")
}

/// `${VAR}`, `$VAR`, `{{ var }}`, `{var}`, `{}`, `{0}`, `<token>`, `%VAR%`, `%s`, `%(var)s`,
/// `[VAR]`, all `*` or all `x`: the whole value stands for another. Scrub leaves exactly
/// these in place.
pub fn is_placeholder(raw: &[u8]) -> bool {
    let s = String::from_utf8_lossy(raw);
    let s = s.trim();
    if s.is_empty() {
        return false;
    }
    let wrapped = |open: &str, close: &str| {
        s.len() > open.len() + close.len() && s.starts_with(open) && s.ends_with(close)
    };
    let ident =
        |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    (wrapped("${", "}"))
        || (s.starts_with('$') && ident(&s[1..]))
        || wrapped("{{", "}}")
        || (wrapped("{", "}") && ident(s[1..s.len() - 1].trim()))
        || s == "{}"
        || wrapped("<", ">")
        || (wrapped("[", "]") && ident(&s[1..s.len() - 1]))
        || (wrapped("%", "%") && ident(&s[1..s.len() - 1]))
        || matches!(s, "%s" | "%d" | "%r")
        || (wrapped("%(", ")s") && ident(&s[2..s.len() - 2]))
        || s.bytes().all(|b| b == b'*')
        || s.bytes().all(|b| b == b'x' || b == b'X')
}

/// Template syntax anywhere in text as written: a format field (`{}`, `{name}`, `{0!r}`),
/// `${`, `{{`, `%s`, `%(name)s`, a `<word>`, or an optional part (`[user[:password]@]`).
/// None of these bytes may stand unencoded in a real userinfo or host.
fn has_template_syntax(s: &str) -> bool {
    let b = s.as_bytes();
    let format_field = |i: usize| {
        let rest = &s[i + 1..];
        rest.find('}').is_some_and(|close| {
            let inside = &rest[..close];
            let name = inside.split(['!', ':']).next().unwrap_or_default();
            inside.len() <= 40
                && name
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b' '))
                && (name.is_empty() || !name.as_bytes()[0].is_ascii_digit() || name.len() <= 2)
        })
    };
    (0..b.len()).any(|i| match b[i] {
        b'{' => b.get(i + 1) == Some(&b'{') || format_field(i),
        b'$' => matches!(b.get(i + 1), Some(b'{' | b'(')),
        // `%d` followed by a hex digit is percent-encoding (`%d4`); `s`, `r`, `(` never are.
        b'%' => match b.get(i + 1) {
            Some(b's' | b'r' | b'(') => true,
            Some(b'd') => !b.get(i + 2).is_some_and(u8::is_ascii_hexdigit),
            _ => false,
        },
        b'<' => s[i + 1..].find('>').is_some_and(|close| {
            close > 0
                && s[i + 1..i + 1 + close]
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b' '))
        }),
        b'[' => b
            .get(i + 1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b':'),
        _ => false,
    })
}

/// Rule 2: `Ok(name)` for a known token format with a random body, `Err` for the format
/// filled with a filler (`ghp_xxxx...`, `AKIA0000...`).
fn token_format(value: &str) -> Option<Result<&'static str, &'static str>> {
    if is_jwt(value) {
        return Some(Ok("token-format:jwt"));
    }
    let (prefix, name) = TOKEN_FORMATS.iter().find(|(p, _)| value.starts_with(p))?;
    let body = &value[prefix.len()..];
    if body.len() < 8 || !body.bytes().all(is_token_byte) {
        return None;
    }
    let distinct = {
        let mut seen = [false; 256];
        body.bytes().for_each(|b| seen[usize::from(b)] = true);
        seen.iter().filter(|&&s| s).count()
    };
    let core = word_core(&body.to_ascii_lowercase());
    let filler = distinct < 8 || (!core.is_empty() && read_as_words(&core, &[], false));
    Some(if filler {
        Err("placeholder-token")
    } else {
        Ok(name)
    })
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-_.~+/=".contains(&b)
}

/// `header.payload.signature`, each base64url, the first two JSON objects (`eyJ`).
fn is_jwt(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    parts.len() == 3
        && parts[0].starts_with("eyJ")
        && parts[1].starts_with("eyJ")
        && parts.iter().all(|p| {
            p.len() >= 4
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// The character classes and length of a value, counted once.
struct Shape {
    len: usize,
    lower: bool,
    upper: bool,
    digit: bool,
    /// Punctuation other than the separators `_`, `-` and `.`.
    symbol: bool,
    entropy: f64,
}

impl Shape {
    fn of(s: &str) -> Shape {
        Shape {
            len: s.chars().count(),
            lower: s.chars().any(|c| c.is_lowercase()),
            upper: s.chars().any(|c| c.is_uppercase()),
            digit: s.chars().any(|c| c.is_ascii_digit()),
            symbol: s
                .chars()
                .any(|c| !c.is_alphanumeric() && !matches!(c, '_' | '-' | '.')),
            entropy: entropy_bits_per_char(s),
        }
    }

    fn classes(&self) -> usize {
        [self.lower, self.upper, self.digit, self.symbol]
            .iter()
            .filter(|&&c| c)
            .count()
    }

    /// Shaped like a password someone chose: long enough, and mixing classes.
    fn human(&self) -> bool {
        (self.len >= 8 && self.classes() >= 3)
            || (self.len >= 12 && self.digit && (self.lower || self.upper))
    }
}

/// Rule 3: a value that examples use.
fn example_value(p: &Parts, secret: &str, shape: &Shape) -> Vec<&'static str> {
    let mut out = Vec::new();
    let user = p.user.to_lowercase();
    let value = secret.to_lowercase();
    if p.secret_part == SecretPart::Password && !user.is_empty() && user == value {
        out.push("user-equals-password");
    }
    if DEMO_PAIRS.contains(&(user.as_str(), value.as_str())) {
        out.push("demo-pair");
    }
    if shape.len <= 4 {
        out.push("short-value");
    } else if is_trivial(&value) {
        out.push("trivial-value");
    }
    let core = word_core(&value);
    if !core.is_empty() {
        // Chosen-looking passwords (three classes) need a word naming a secret; weak ones
        // may be any demo words (`foo:bar`, `admin`).
        let strict = shape.classes() >= 3;
        if read_as_words(&core, &[], strict) {
            out.push("placeholder-password");
        } else if !strict && read_as_words(&core, &names(p), false) {
            out.push("echoes-name");
        }
    }
    out
}

/// The user, scheme and host labels as words: `postgres:postgres123`, `redis://:redispass@redis`.
fn names(p: &Parts) -> Vec<String> {
    let host = super::strip_port(p.host).to_ascii_lowercase();
    let mut names: Vec<String> = host
        .split(['.', '-', '_'])
        .chain(p.scheme.split(['+', '-', '.']))
        .chain(p.user.split(['.', '-', '_', '@']))
        .map(str::to_ascii_lowercase)
        .filter(|w| w.len() >= 3)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// A run of one character or consecutive ones (`aaaa`, `123456`, `abcdef`, `654321`).
fn is_trivial(value: &str) -> bool {
    let b = value.as_bytes();
    let step = |d: i16| b.windows(2).all(|w| i16::from(w[1]) - i16::from(w[0]) == d);
    b.len() >= 2 && (step(0) || step(1) || step(-1))
}

/// The value as words would read: lower case, leetspeak undone, separators dropped, and the
/// digits and symbols it ends with cut (`P@ssw0rd123!` reads `password`).
fn word_core(lower: &str) -> String {
    let trimmed = lower.trim_end_matches(|c: char| !c.is_alphabetic());
    trimmed
        .chars()
        .filter_map(|c| match c {
            '@' | '4' => Some('a'),
            '0' => Some('o'),
            '1' | '!' => Some('i'),
            '3' => Some('e'),
            '$' | '5' => Some('s'),
            '7' => Some('t'),
            '_' | '-' | '.' | ' ' => None,
            c => Some(c),
        })
        .collect()
}

/// Whether `core` splits wholly into vocabulary words (and `extra` names); `strict` asks for
/// at least one word that names a secret.
fn read_as_words(core: &str, extra: &[String], strict: bool) -> bool {
    let words = SECRET_WORDS
        .iter()
        .map(|w| (*w, true))
        .chain(QUALIFIERS.iter().map(|w| (*w, false)))
        .chain(extra.iter().map(|w| (w.as_str(), false)));
    split_words(core, words).is_some_and(|secret| secret || !strict)
}

/// Whether `core` splits wholly into `words` (each marked whether it names a secret):
/// `Some(true)` when some split uses a marked word, `None` when none splits it.
fn split_words<'w>(
    core: &str,
    words: impl Iterator<Item = (&'w str, bool)> + Clone,
) -> Option<bool> {
    let n = core.len();
    // reach[i]: the prefix of length i splits; marked[i]: and some such split is marked.
    let mut reach = vec![false; n + 1];
    let mut marked = vec![false; n + 1];
    reach[0] = true;
    for i in 0..n {
        if !reach[i] || !core.is_char_boundary(i) {
            continue;
        }
        for (w, secret) in words
            .clone()
            .filter(|(w, _)| !w.is_empty() && core[i..].starts_with(w))
        {
            reach[i + w.len()] = true;
            marked[i + w.len()] |= marked[i] || secret;
        }
    }
    (n > 0 && reach[n]).then_some(marked[n])
}

/// Rule 4: random values and chosen passwords.
fn strong_value(secret: &str, shape: &Shape) -> Option<&'static str> {
    let hex = secret.bytes().all(|b| b.is_ascii_hexdigit());
    if hex && shape.len >= 32 && shape.digit && (shape.lower || shape.upper) {
        return Some("long-hex");
    }
    if shape.len >= 16 && shape.digit && (shape.lower || shape.upper) && shape.entropy >= 3.5 {
        return Some("high-entropy");
    }
    shape.human().then_some("human-password")
}

/// Rule 5: an example host, or template syntax around the secret.
fn example_host(p: &Parts) -> Vec<&'static str> {
    let mut out = Vec::new();
    let (bare, port) = match super::strip_port(p.host) {
        bare if bare.len() < p.host.len() => (bare, Some(&p.host[bare.len() + 1..])),
        bare => match bare.rsplit_once(':').filter(|(h, _)| !h.contains(':')) {
            Some((h, port)) => (h, Some(port)),
            None => (bare, None),
        },
    };
    let bare = bare.trim_end_matches('.').to_lowercase();
    let ipv6 = bare.starts_with('[')
        && bare[1..]
            .trim_end_matches(']')
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    let raw_user = p.raw_userinfo.split(':').next().unwrap_or_default();
    if p.secret_part == SecretPart::Password && has_template_syntax(raw_user) {
        out.push("template-user");
    }
    if bare.is_empty() {
        out.push("no-host");
    } else if bare.contains(['{', '}', '$', '%', '<']) || (!ipv6 && has_template_syntax(&bare)) {
        out.push("template-host");
    } else if super::is_loopback(&bare) || bare == "0.0.0.0" || bare == "[::]" {
        out.push("loopback-host");
    } else if is_reserved_domain(&bare) {
        out.push("reserved-domain");
    } else if is_documentation_address(&bare) {
        out.push("documentation-address");
    } else if is_placeholder_host(&bare) {
        out.push("placeholder-host");
    }
    if port.is_some_and(|port| !port.is_empty() && !port.bytes().all(|b| b.is_ascii_digit())) {
        out.push("port-word");
    }
    out
}

/// RFC 2606 and 6761 names: `example.*`, `*.example`, `*.test`, `*.invalid`, `*.localhost`.
fn is_reserved_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    matches!(tld, "example" | "test" | "invalid" | "localhost")
        || labels[..labels.len() - 1].contains(&"example")
}

/// RFC 5737 and 3849 addresses: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32.
fn is_documentation_address(host: &str) -> bool {
    ["192.0.2.", "198.51.100.", "203.0.113.", "[2001:db8:"]
        .iter()
        .any(|p| host.starts_with(p))
}

/// A name made of words that stand for a host (`hostname`, `your-server.com`).
fn is_placeholder_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    // The top-level label of a multi-label name says nothing (`yourdomain.com`).
    let named = if labels.len() > 1 {
        &labels[..labels.len() - 1]
    } else {
        &labels[..]
    };
    // A one-letter name (`http://u:p@h/`) is a stand-in.
    (labels.len() == 1 && host.chars().count() == 1)
        || named.iter().all(|label| {
            let core: String = label.chars().filter(|c| !matches!(c, '-' | '_')).collect();
            let words = HOST_WORDS.iter().map(|w| (*w, false));
            split_words(&core, words).is_some()
        })
}

/// A name of two labels or more under an alphabetic top-level label, or an IP address.
fn real_host(host: &str) -> bool {
    let bare = super::strip_port(host).trim_end_matches('.');
    if bare.starts_with('[') || bare.parse::<std::net::Ipv4Addr>().is_ok() {
        return true;
    }
    let labels: Vec<&str> = bare.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
        && labels
            .last()
            .is_some_and(|t| t.len() >= 2 && t.chars().all(char::is_alphabetic))
}

/// Whether a user name is really a token (a known format, a 40-hex digest, or a long
/// random-looking string). Such a user name is a secret.
pub fn looks_like_token(user: &str) -> bool {
    if TOKEN_FORMATS.iter().any(|(p, _)| user.starts_with(p)) && user.len() >= 12 {
        return true;
    }
    if user.len() == 40 && user.bytes().all(|b| b.is_ascii_hexdigit()) {
        return true;
    }
    random_looking(user)
}

/// Long, made of token characters, with letters and digits and high entropy.
fn random_looking(s: &str) -> bool {
    if s.len() < 20 || !s.bytes().all(is_token_byte) {
        return false;
    }
    let has_digit = s.bytes().any(|b| b.is_ascii_digit());
    let has_alpha = s.bytes().any(|b| b.is_ascii_alphabetic());
    has_digit && has_alpha && entropy_bits_per_char(s) >= 3.5
}

fn entropy_bits_per_char(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in s.bytes() {
        counts[usize::from(b)] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GHP: &str = "ghp_Zq8vL2mXw4Rt7Ny1Pk9Bc3Hd6Fj0Gs5Ua2Ve";

    /// The verdict for the one finding in `text`.
    fn verdict(text: &str) -> Verdict {
        let found = super::super::find_credentials(text.as_bytes());
        assert_eq!(found.len(), 1, "{text}");
        found[0].verdict.clone()
    }

    /// Each signal, both ways: the example stays an example, and a realistic credential of
    /// the same shape (same user, same host, or same position) is still a credential.
    #[test]
    fn each_signal_both_ways() {
        let ghp_at_example = format!("https://user:{GHP}@example.com/");
        let ghp_at_localhost = format!("https://{GHP}@localhost:3000/o/r.git");
        let ghp_at_template = format!("https://x-access-token:{GHP}@{{host}}/");
        #[rustfmt::skip]
        let table: &[(&str, Class, &str)] = &[
            // demo pairs, and the same user with a chosen password
            ("postgresql://scott:tiger@localhost/db", Class::Example, "demo-pair"),
            ("postgresql://scott:Tq8%23vLm2pX@db.internal.acme.io/db", Class::Credential, "human-password"),
            ("postgresql://scott:Tq8%23vLm2pX@localhost/db", Class::Credential, "human-password"),
            ("amqp://guest:guest@localhost:5672//", Class::Example, "user-equals-password"),
            ("amqp://guest:Kx7pQ2vN9zLm@rabbit.prod.acme.net:5672//", Class::Credential, "human-password"),
            ("mysql://root:root@db.acme.io/x", Class::Example, "user-equals-password"),
            ("redis://:redispass@redis:6379", Class::Example, "echoes-name"),
            // placeholder words, in any case, separators, leetspeak and qualifiers
            ("https://user:password@example.com/", Class::Example, "placeholder-password"),
            (&ghp_at_example, Class::Credential, "token-format:github"),
            ("https://user:pass@host/", Class::Example, "placeholder-password"),
            ("https://username:password@hostspec/", Class::Example, "placeholder-password"),
            ("https://:password@hostname:port/", Class::Example, "placeholder-password"),
            ("https://aws_access_key_id:aws_secret_access_key@s3.amazonaws.com/", Class::Example, "placeholder-password"),
            ("https://me:YOUR_TOKEN@api.acme.io/", Class::Example, "placeholder-password"),
            ("https://me:my-secret-password@api.acme.io/", Class::Example, "placeholder-password"),
            ("https://me:P@ssw0rd123!@api.acme.io/", Class::Example, "placeholder-password"),
            ("https://me:changeme@api.acme.io/", Class::Example, "placeholder-password"),
            ("https://me:Admin@2024@api.acme.io/", Class::Credential, "human-password"),
            ("https://foo:bar@bar.com/", Class::Example, "placeholder-password"),
            ("https://deploy:hunter2@pypi.acme.io/simple", Class::Credential, "real-host"),
            // short and trivial values
            ("https://u:p@host/", Class::Example, "short-value"),
            ("https://u:p@pypi.acme.io/", Class::Example, "short-value"),
            ("https://ci:123456@pypi.acme.io/", Class::Example, "trivial-value"),
            ("https://ci:84729163@pypi.acme.io/", Class::Credential, "real-host"),
            // templates, variables and masks, never a credential
            ("https://{}:{}@{}/", Class::Example, "template"),
            ("postgresql://%s:%s@%s/%s", Class::Example, "template"),
            ("postgresql://%(user)s:%(password)s@db.acme.io/x", Class::Example, "template"),
            ("https://u:${TOKEN}@h.acme.io/", Class::Example, "template"),
            ("https://u:{{ token }}@h.acme.io/", Class::Example, "template"),
            ("https://u:<token>@h.acme.io/", Class::Example, "template"),
            ("https://u:****@h.acme.io/", Class::Example, "template"),
            ("https://u:........@h.acme.io/", Class::Example, "masked"),
            ("https://AKIAIOSFODNN7EXAMPLE@s3.amazonaws.com/", Class::Example, "example-marker"),
            ("https://ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx@github.com/", Class::Example, "example-marker"),
            ("https://ghp_abababababababababababababababababab@github.com/", Class::Example, "placeholder-token"),
            ("scheme://[USER:PASSWORD@]host:port", Class::Example, "placeholder-password"),
            ("https://{user}:hunter22@db.acme.io/", Class::Example, "template-user"),
            ("https://{user}:Summer2024!@db.acme.io/", Class::Credential, "human-password"),
            // host signals lose against strong values
            ("https://bob:hunter22@localhost/", Class::Example, "loopback-host"),
            (&ghp_at_localhost, Class::Credential, "token-format:github"),
            ("https://bob:hunter22@db.example.com/", Class::Example, "reserved-domain"),
            ("https://bob:hunter22@db.internal.acme.io/", Class::Credential, "real-host"),
            ("https://bob:hunter22@ci.test/", Class::Example, "reserved-domain"),
            ("https://bob:hunter22@192.0.2.7/", Class::Example, "documentation-address"),
            ("https://bob:hunter22@10.1.2.3/", Class::Credential, "real-host"),
            ("https://bob:hunter22@your-server.com/", Class::Example, "placeholder-host"),
            ("https://bob:hunter22@somehost/", Class::Example, "placeholder-host"),
            ("https://bob:hunter22@{host}/", Class::Example, "template-host"),
            (&ghp_at_template, Class::Credential, "token-format:github"),
            ("https://bob:hunter22@db:port/", Class::Example, "port-word"),
            ("https://bob:hunter22@db:5432/", Class::Credential, "plain-password"),
            // credential signals
            ("https://glpat-Xy7zK2mQ9vR4tL8wN3pB@gitlab.com/", Class::Credential, "token-format:gitlab"),
            ("https://npm_Zq8vL2mXw4Rt7Ny1Pk9Bc3Hd6Fj0Gs5Ua2Ve@localhost/", Class::Credential, "token-format:npm"),
            ("https://u:hf_QwErTyUiOpAsDfGhJkLzXcVbNm1234@example.com/", Class::Credential, "token-format:huggingface"),
            ("https://u:xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp@slack.test/", Class::Credential, "token-format:slack"),
            ("https://AKIAZ7Q3M4N5P6R7S8T9@s3.example.com/", Class::Credential, "token-format:aws"),
            ("https://u:eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlX2hlcmU@api.acme.io/", Class::Credential, "token-format:jwt"),
            ("https://u:3f9a1c7e5b2d8f4a6c0e9b1d3f5a7c9e@localhost/", Class::Credential, "long-hex"),
            ("https://u:q8Zk2LmN4pR7sT1vW9xY3b@example.org/", Class::Credential, "high-entropy"),
            ("https://u:Q8zk%40LmN%2F4pR@example.org/", Class::Credential, "human-password"),
            // a multi-host URL's last pair is the credential
            ("https://foo.com:123,foo:bar@bar.com/path", Class::Example, "placeholder-password"),
            ("https://h1.acme.io:123,deploy:Kx7pQ2vN9zLm@h2.acme.io/", Class::Credential, "human-password"),
        ];
        for (text, class, reason) in table {
            let v = verdict(text);
            assert_eq!(v.class, *class, "{text}: {v:?}");
            assert!(v.reasons.contains(reason), "{text}: {v:?}");
        }
    }

    /// Bug class: documentation and test fixtures reported as leaks. The shapes the issue
    /// lists are all examples.
    #[test]
    fn regression_examples_from_popular_projects_are_silent() {
        for text in [
            "sqlalchemy.create_engine('postgresql://scott:tiger@localhost/test')",
            "http://user:pass@host/",
            "mysql://username:password@hostspec/database",
            "redis://:password@hostname:port/0",
            "amqp://guest:guest@localhost:5672//",
            "https://u:p@host/",
            "'postgresql://{}:{}@{}:{}/{}'.format(u, p, h, port, db)",
            "'postgresql://%s:%s@%s/%s' % (u, p, h, db)",
            "scheme://[USER:PASSWORD@]proxy.server:PORT",
            "s3://aws_access_key_id:aws_secret_access_key@bucket/key",
        ] {
            assert_eq!(verdict(text).class, Class::Example, "{text}");
        }
    }

    /// Bug class: a planted credential hidden because of where it sits. Token formats, hex
    /// keys and chosen passwords are credentials at any host.
    #[test]
    fn regression_realistic_credentials_at_example_hosts_are_found() {
        for host in [
            "localhost",
            "127.0.0.1:8080",
            "example.com",
            "ci.test",
            "host",
        ] {
            for secret in [
                GHP,
                "glpat-Xy7zK2mQ9vR4tL8wN3pB",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",
                "Summer2024!",
                "Tq8%23vLm2pX",
                "wJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYzQ3LkA9xB",
            ] {
                let text = format!("https://deploy:{secret}@{host}/x");
                assert_eq!(verdict(&text).class, Class::Credential, "{text}");
            }
        }
    }

    /// `#` ends a URI's authority, so a URI writes it `%23`; the rules read decoded values.
    #[test]
    fn the_decoded_value_is_classified() {
        let parts = |user, password| Parts {
            user,
            password: Some(password),
            raw_userinfo: "",
            host: "db.internal.acme.io",
            scheme: "postgresql",
            secret_part: SecretPart::Password,
        };
        let v = classify(&parts("scott", "Tq8#vLm2pX"));
        assert_eq!(
            (v.class, v.reasons),
            (Class::Credential, vec!["human-password"])
        );
        assert_eq!(classify(&parts("scott", "tiger")).class, Class::Example);
    }

    #[test]
    fn placeholders_for_scrub_are_templates_variables_and_masks_only() {
        for raw in [
            "${T}", "$T", "{{ t }}", "{t}", "{}", "<t>", "%T%", "%s", "%(t)s", "[T]", "***", "xxx",
        ] {
            assert!(is_placeholder(raw.as_bytes()), "{raw}");
        }
        for raw in ["pass", "password", "tiger", "guest", "%41b", "[::1]"] {
            assert!(!is_placeholder(raw.as_bytes()), "{raw}");
        }
    }
}
