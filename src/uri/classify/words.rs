//! Reading values and host names as words: placeholder vocabularies, leetspeak, and
//! values that are runs of one character.

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
    "none", "null", "empty", "blank", "xyz", "abc", "xxx", "a", "an", "strong", "secure",
    "complex", "very", "long",
];

/// Pairs documentation uses that no rule above names.
pub(super) const DEMO_PAIRS: &[(&str, &str)] =
    &[("scott", "tiger"), ("spam", "eggs"), ("hello", "world")];

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
    "bogus",
    "fake",
    "dummy",
    "sample",
];

/// A run of one character or consecutive ones (`aaaa`, `123456`, `abcdef`, `654321`).
pub(super) fn is_trivial(value: &str) -> bool {
    let b = value.as_bytes();
    let step = |d: i16| b.windows(2).all(|w| i16::from(w[1]) - i16::from(w[0]) == d);
    b.len() >= 2 && (step(0) || step(1) || step(-1))
}

/// The value as words would read: lower case, leetspeak undone, separators dropped, and the
/// digits and symbols it ends with cut (`P@ssw0rd123!` reads `password`).
pub(super) fn word_core(lower: &str) -> String {
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
pub(super) fn read_as_words(core: &str, extra: &[String], strict: bool) -> bool {
    let words = SECRET_WORDS
        .iter()
        .map(|w| (*w, true))
        .chain(QUALIFIERS.iter().map(|w| (*w, false)))
        .chain(extra.iter().map(|w| (w.as_str(), false)));
    split_words(core, words).is_some_and(|secret| secret || !strict)
}

/// Whether `core` splits wholly into `names`, with no vocabulary word.
pub(super) fn read_as_names(core: &str, names: &[String]) -> bool {
    split_words(core, names.iter().map(|w| (w.as_str(), false))).is_some()
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

/// A name made of words that stand for a host (`hostname`, `your-server.com`), or any name
/// under such a domain (`pypi.company.com`, `db.yourdomain.org`).
pub(super) fn is_placeholder_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let host_words = |label: &str| {
        let core: String = label.chars().filter(|c| !matches!(c, '-' | '_')).collect();
        split_words(&core, HOST_WORDS.iter().map(|w| (*w, false))).is_some()
    };
    match labels.as_slice() {
        // A one-letter name (`http://u:p@h/`) is a stand-in, numbered or not (`h2`, `host1`).
        [one] => {
            let name = one.trim_end_matches(|c: char| c.is_ascii_digit());
            name.chars().count() == 1 || host_words(name)
        }
        // The top-level label says nothing; the domain under it names the organisation.
        [.., domain, _top] if domain.len() >= 4 && host_words(domain) => true,
        [named @ .., _top] => named.iter().all(|l| host_words(l)),
        [] => false,
    }
}
