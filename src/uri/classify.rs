//! Whether a credential found in a URI is a real one or an example: pure functions over the
//! percent-decoded user, password and host (and the userinfo as written), no I/O.
//!
//! Evidence comes from the credential and its URI, never from the file's path: real leaks
//! happen in tests and docs too. A list of hosts (`h1,h2`) or of userinfos (`u:p1@h1;u:p2`)
//! is judged one host, one pair at a time. The rules, first match wins:
//!
//! | # | the secret value (password, or the user when it is the token) ... | class, confidence |
//! |---|---|---|
//! | 1 | is a template, variable or mask, says it is an example or what to write instead, or the URI is a parser test: `template`, `masked`, `example-marker`, `instruction-placeholder`, `encoding-test`, `placeholder-user` | example, low |
//! | 2 | has a known token format with a random body: `token-format:NAME` (a filler body: `placeholder-token`, example) | credential, high |
//! | 3 | is a stand-in: placeholder or demo words (punctuation aside), two characters, a short run: `placeholder-password`, `short-value`, `trivial-value` | example, low |
//! | 4 | is random or shaped like a chosen password, and not weak: `long-hex`, `high-entropy`, `human-password`, `random-mix` | credential, high |
//! | 5 | the host or the rest of the URI is an example: `loopback-host`, `reserved-domain`, `documentation-address`, `placeholder-host`, `template-host`, `template-user`, `port-word`, `no-host` (with the value's weak signals) | example, low |
//! | 6 | the host is real (a multi-label name or an IP address): `real-host`, after the value's weak signals if any (`user-equals-password`, `demo-pair`, `echoes-name`, `weak-word`, `short-value`, `trivial-value`) | credential, medium |
//! | 7 | a one-label host (`db`, `redis`): weak values are examples (`one-label-host`), others `plain-password` | example, low / credential, medium |
//!
//! So a strong value (rules 2 and 4) beats every host signal (`ghp_...@localhost` in a test is
//! still a leak), a template never is a credential, and a weak, default or user-derived
//! password (`guest:guest`, `mySecret2024`, `jsmith2019`) is a credential at a real host and
//! an example elsewhere. A finding's reasons are the signals of the side that won (each a
//! [`Reason`], whose registry documents it); its [`Confidence`] follows from them. Across one buffer, [`demote_repeated`] makes a
//! medium-confidence credential repeated [`FIXTURE_REPEATS`] times a fixture.

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
    pub reasons: Vec<Reason>,
}

impl Verdict {
    fn new(class: Class, reasons: Vec<Reason>) -> Verdict {
        Verdict { class, reasons }
    }

    /// How sure this verdict is that the value is a live credential.
    pub fn confidence(&self) -> Confidence {
        Confidence::of(self.class, &self.reasons)
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

mod confidence;
mod hosts;
mod lists;
pub mod reason;
mod repeats;
mod value;
mod words;

pub use confidence::Confidence;
use hosts::{example_host, real_host};
use lists::host_list;
use lists::pair_list;
pub use reason::{Reason, TokenFormat};
pub use repeats::{FIXTURE_REPEATS, demote_repeated};

use value::{Shape, has_test_escape, placeholder_value, strong_value, token_format};
pub use value::{is_placeholder, looks_like_token};
use words::{DEMO_PAIRS, is_trivial, read_as_names, read_as_words, word_core};

/// The class of a credential found in a URI, and why.
pub fn classify(p: &Parts) -> Verdict {
    // Each host of a list, and each userinfo of a list, judged on its own: the most
    // confident verdict is the URI's.
    let each = judge_each_host(p);
    if !each.is_empty() {
        return most_confident(each.into_iter().map(|(_, verdict)| verdict));
    }
    let verdict = classify_secret(p);
    // `https://TOKEN:x@github.com`: a filler password does not make the token user an
    // example.
    if verdict.class == Class::Example
        && p.secret_part == SecretPart::Password
        && looks_like_token(p.user)
    {
        let as_user = classify_secret(&Parts {
            secret_part: SecretPart::User,
            ..*p
        });
        if as_user.class == Class::Credential {
            return as_user;
        }
    }
    verdict
}

/// Each host of a list (`h1,h2`) or of a list of userinfos (`u:p1@h1;u:p2@h2`) with its own
/// verdict, as reports name them; empty for one host.
pub fn judge_each_host<'a>(p: &Parts<'a>) -> Vec<(&'a str, Verdict)> {
    if let Some(hosts) = host_list(p.host) {
        return hosts
            .into_iter()
            .map(|host| (host, classify(&Parts { host, ..*p })))
            .collect();
    }
    pair_list(p).map_or_else(Vec::new, |pairs| {
        pairs
            .iter()
            .map(|pair| {
                let verdict = classify(&Parts {
                    user: &pair.user,
                    password: pair.password.as_deref(),
                    raw_userinfo: pair.raw_userinfo,
                    host: pair.host,
                    ..*p
                });
                (pair.host, verdict)
            })
            .collect()
    })
}

/// The verdict of highest confidence, the first of equals.
fn most_confident(verdicts: impl Iterator<Item = Verdict>) -> Verdict {
    verdicts
        .reduce(|best, v| {
            if v.confidence() > best.confidence() {
                v
            } else {
                best
            }
        })
        .unwrap_or_else(|| Verdict::new(Class::Example, vec![Reason::NoHost]))
}

/// Rules 1 to 7 over the secret part.
fn classify_secret(p: &Parts) -> Verdict {
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
    if has_test_escape(p.raw_userinfo) || has_test_escape(p.host) {
        return Verdict::new(Class::Example, vec![Reason::EncodingTest]);
    }
    // `ABCDEFGHIJKLMNOPQRST:...` (an access key id as documentation writes it).
    if p.secret_part == SecretPart::Password
        && p.user.len() >= 8
        && is_trivial(&p.user.to_lowercase())
    {
        return Verdict::new(Class::Example, vec![Reason::PlaceholderUser]);
    }
    match token_format(secret) {
        Some(Ok(format)) => return Verdict::new(Class::Credential, vec![format]),
        Some(Err(filler)) => return Verdict::new(Class::Example, vec![filler]),
        None => {}
    }
    let shape = Shape::of(secret);
    let ValueSignals { stand_in, mut weak } = value_signals(p, secret, &shape);
    if !stand_in.is_empty() {
        return Verdict::new(Class::Example, stand_in);
    }
    if weak.is_empty()
        && let Some(strong) = strong_value(secret, &shape)
    {
        return Verdict::new(Class::Credential, vec![strong]);
    }
    let host_signals = example_host(p);
    if !host_signals.is_empty() {
        weak.extend(host_signals);
        return Verdict::new(Class::Example, weak);
    }
    if real_host(p.host) {
        weak.push(Reason::RealHost);
        return Verdict::new(Class::Credential, weak);
    }
    if !weak.is_empty() {
        // `postgres:postgres@db`: a weak value for a service name, as compose files and
        // tests write them.
        weak.push(Reason::OneLabelHost);
        return Verdict::new(Class::Example, weak);
    }
    Verdict::new(Class::Credential, vec![Reason::PlainPassword])
}

/// What the value alone says: a stand-in at any host (rule 3), or weak (rule 5: the host
/// decides).
#[derive(Default)]
struct ValueSignals {
    stand_in: Vec<Reason>,
    weak: Vec<Reason>,
}

/// Rules 3 and 5: a value that examples use, or that people weaken real passwords into.
fn value_signals(p: &Parts, secret: &str, shape: &Shape) -> ValueSignals {
    let mut out = ValueSignals::default();
    let user = p.user.to_lowercase();
    let value = secret.to_lowercase();
    let echoes_user = p.secret_part == SecretPart::Password && !user.is_empty() && user == value;
    if echoes_user {
        out.weak.push(Reason::UserEqualsPassword);
    }
    // A documentation pair, also with characters added (`scott:tiger^5HHH`).
    if DEMO_PAIRS
        .iter()
        .any(|(u, pw)| *u == user && value.starts_with(pw))
    {
        out.stand_in.push(Reason::DemoPair);
    }
    let trivial = is_trivial(&value);
    if shape.len <= 2 {
        out.stand_in.push(Reason::ShortValue);
    } else if shape.len <= 4 && trivial {
        // `1234`, `abc`: a stand-in at any host.
        out.stand_in.push(Reason::TrivialValue);
    } else if shape.len <= 4 {
        out.weak.push(Reason::ShortValue);
    } else if trivial {
        out.weak.push(Reason::TrivialValue);
    }
    let core = word_core(&value);
    if core.is_empty() {
        return out;
    }
    // Chosen-looking passwords (three classes) need a word naming a secret; weak ones may be
    // any demo words (`foo:bar`), unless the user repeats them (`guest:guest` is a default).
    let strict = shape.classes() >= 3;
    // Written as words and punctuation (`your_password`, `foo`, `p,ass@word`, `a secret`): a
    // stand-in. Digits or leetspeak (`mySecret2024`, `P@ssw0rd`, `admin123`) are how people
    // weaken real passwords: weak, and the host decides.
    let letters: String = value.chars().filter(|c| c.is_alphabetic()).collect();
    let plain_words = !letters.is_empty()
        && !value.contains(|c: char| c.is_ascii_digit())
        && read_as_words(&letters, &[], strict || echoes_user);
    let digits_cut = value.contains(|c: char| c.is_ascii_digit())
        && value.ends_with(|c: char| !c.is_alphabetic());
    if plain_words {
        out.stand_in.push(Reason::PlaceholderPassword);
    } else if read_as_words(&core, &[], true) || (digits_cut && read_as_words(&core, &[], false)) {
        out.weak.push(Reason::WeakWord);
    } else if !strict
        && if digits_cut {
            read_as_names(&core, &names(p))
        } else {
            read_as_words(&core, &names(p), false)
        }
    {
        out.weak.push(Reason::EchoesName);
    }
    out
}

/// The user, the scheme and a one-label host (a service name) as words:
/// `postgres:postgres123`, `redis://:redispass@redis`. A domain's labels are left out: a
/// company's name with a year is a real (weak) password.
fn names(p: &Parts) -> Vec<String> {
    let host = super::strip_port(p.host).to_ascii_lowercase();
    let service = if host.contains('.') {
        ""
    } else {
        host.as_str()
    };
    let mut names: Vec<String> = service
        .split(['-', '_'])
        .chain(p.scheme.split(['+', '-', '.']))
        // A token user is the secret itself, not a name it echoes.
        .chain(
            (p.secret_part == SecretPart::Password)
                .then_some(p.user)
                .into_iter()
                .flat_map(|user| user.split(['.', '-', '_', '@'])),
        )
        .map(str::to_ascii_lowercase)
        .filter(|w| w.len() >= 3)
        .collect();
    names.sort();
    names.dedup();
    names
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
        let table: &[(&str, Class, Reason)] = &[
            // demo pairs, and the same user with a chosen password
            ("postgresql://scott:tiger@localhost/db", Class::Example, Reason::DemoPair),
            ("postgresql://scott:Tq8%23vLm2pX@db.internal.acme.io/db", Class::Credential, Reason::HumanPassword),
            ("postgresql://scott:Tq8%23vLm2pX@localhost/db", Class::Credential, Reason::HumanPassword),
            ("amqp://guest:guest@localhost:5672//", Class::Example, Reason::UserEqualsPassword),
            ("amqp://guest:Kx7pQ2vN9zLm@rabbit.prod.acme.net:5672//", Class::Credential, Reason::HumanPassword),
            ("mysql://root:root@db.acme.io/x", Class::Credential, Reason::UserEqualsPassword),
            ("mysql://root:root@db:3306/x", Class::Example, Reason::OneLabelHost),
            ("redis://:redispass@redis:6379", Class::Example, Reason::EchoesName),
            // placeholder words, in any case, separators, leetspeak and qualifiers
            ("https://user:password@example.com/", Class::Example, Reason::PlaceholderPassword),
            (&ghp_at_example, Class::Credential, Reason::TokenFormat(TokenFormat::Github)),
            ("https://user:pass@host/", Class::Example, Reason::PlaceholderPassword),
            ("https://username:password@hostspec/", Class::Example, Reason::PlaceholderPassword),
            ("https://:password@hostname:port/", Class::Example, Reason::PlaceholderPassword),
            ("https://aws_access_key_id:aws_secret_access_key@s3.amazonaws.com/", Class::Example, Reason::PlaceholderPassword),
            ("https://me:YOUR_TOKEN@api.acme.io/", Class::Example, Reason::InstructionPlaceholder),
            ("https://me:my-secret-password@api.acme.io/", Class::Example, Reason::PlaceholderPassword),
            ("https://me:P@ssw0rd123!@api.acme.io/", Class::Credential, Reason::WeakWord),
            ("https://me:P@ssw0rd123!@api.example.com/", Class::Example, Reason::ReservedDomain),
            ("https://me:changeme@api.acme.io/", Class::Example, Reason::InstructionPlaceholder),
            ("https://me:Admin@2024@api.acme.io/", Class::Credential, Reason::WeakWord),
            ("https://foo:bar@bar.com/", Class::Example, Reason::PlaceholderPassword),
            ("https://deploy:hunter2@pypi.acme.io/simple", Class::Credential, Reason::RealHost),
            // short and trivial values
            ("https://u:p@host/", Class::Example, Reason::ShortValue),
            ("https://u:p@pypi.acme.io/", Class::Example, Reason::ShortValue),
            ("https://ci:123456@pypi.acme.io/", Class::Credential, Reason::TrivialValue),
            ("https://ci:123456@localhost/", Class::Example, Reason::TrivialValue),
            ("https://ci:84729163@pypi.acme.io/", Class::Credential, Reason::RealHost),
            // templates, variables and masks, never a credential
            ("https://{}:{}@{}/", Class::Example, Reason::Template),
            ("postgresql://%s:%s@%s/%s", Class::Example, Reason::Template),
            ("postgresql://%(user)s:%(password)s@db.acme.io/x", Class::Example, Reason::Template),
            ("https://u:${TOKEN}@h.acme.io/", Class::Example, Reason::Template),
            ("https://u:{{ token }}@h.acme.io/", Class::Example, Reason::Template),
            ("https://u:<token>@h.acme.io/", Class::Example, Reason::Template),
            ("https://u:****@h.acme.io/", Class::Example, Reason::Template),
            ("https://u:........@h.acme.io/", Class::Example, Reason::Masked),
            ("https://AKIAIOSFODNN7EXAMPLE@s3.amazonaws.com/", Class::Example, Reason::ExampleMarker),
            ("https://ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx@github.com/", Class::Example, Reason::ExampleMarker),
            ("https://ghp_abababababababababababababababababab@github.com/", Class::Example, Reason::PlaceholderToken),
            ("scheme://[USER:PASSWORD@]host:port", Class::Example, Reason::PlaceholderPassword),
            ("https://{user}:hunter22@db.acme.io/", Class::Example, Reason::TemplateUser),
            ("https://{user}:Summer2024!@db.acme.io/", Class::Credential, Reason::HumanPassword),
            // host signals lose against strong values
            ("https://bob:hunter22@localhost/", Class::Example, Reason::LoopbackHost),
            (&ghp_at_localhost, Class::Credential, Reason::TokenFormat(TokenFormat::Github)),
            ("https://bob:hunter22@db.example.com/", Class::Example, Reason::ReservedDomain),
            ("https://bob:hunter22@db.internal.acme.io/", Class::Credential, Reason::RealHost),
            ("https://bob:hunter22@ci.test/", Class::Example, Reason::ReservedDomain),
            ("https://bob:hunter22@192.0.2.7/", Class::Example, Reason::DocumentationAddress),
            ("https://bob:hunter22@10.1.2.3/", Class::Credential, Reason::RealHost),
            ("https://bob:hunter22@your-server.com/", Class::Example, Reason::PlaceholderHost),
            ("https://bob:hunter22@somehost/", Class::Example, Reason::PlaceholderHost),
            ("https://user:he%2F%2Fo@pypi.company.com/simple", Class::Example, Reason::PlaceholderHost),
            ("https://bob:hunter22@api.x.com/", Class::Credential, Reason::RealHost),
            ("http://jschmoe:xyzzy@www.bogus.net:8000/", Class::Example, Reason::PlaceholderHost),
            ("https://bob:hunter22@{host}/", Class::Example, Reason::TemplateHost),
            ("https://bob:hunter22@%DB_HOST%/", Class::Example, Reason::TemplateHost),
            ("https://bob:hunter22@M%C3%BCnchen.de/", Class::Credential, Reason::RealHost),
            (&ghp_at_template, Class::Credential, Reason::TokenFormat(TokenFormat::Github)),
            ("https://bob:hunter22@db:port/", Class::Example, Reason::PortWord),
            ("https://bob:hunter22@db:5432/", Class::Credential, Reason::PlainPassword),
            // credential signals
            ("https://glpat-Xy7zK2mQ9vR4tL8wN3pB@gitlab.com/", Class::Credential, Reason::TokenFormat(TokenFormat::Gitlab)),
            ("https://npm_Zq8vL2mXw4Rt7Ny1Pk9Bc3Hd6Fj0Gs5Ua2Ve@localhost/", Class::Credential, Reason::TokenFormat(TokenFormat::Npm)),
            ("https://u:hf_QwErTyUiOpAsDfGhJkLzXcVbNm1234@example.com/", Class::Credential, Reason::TokenFormat(TokenFormat::Huggingface)),
            ("https://u:xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp@slack.test/", Class::Credential, Reason::TokenFormat(TokenFormat::Slack)),
            ("https://AKIAZ7Q3M4N5P6R7S8T9@s3.example.com/", Class::Credential, Reason::TokenFormat(TokenFormat::Aws)),
            ("https://u:eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlX2hlcmU@api.acme.io/", Class::Credential, Reason::TokenFormat(TokenFormat::Jwt)),
            ("https://u:3f9a1c7e5b2d8f4a6c0e9b1d3f5a7c9e@localhost/", Class::Credential, Reason::LongHex),
            ("https://u:q8Zk2LmN4pR7sT1vW9xY3b@example.org/", Class::Credential, Reason::HighEntropy),
            ("https://u:Q8zk%40LmN%2F4pR@example.org/", Class::Credential, Reason::HumanPassword),
            ("https://u:qmzvxkrtplwabcnydfgh@localhost/", Class::Credential, Reason::HighEntropy),
            ("https://u:k3v9x2m7q8@localhost/", Class::Credential, Reason::RandomMix),
            ("https://u:hunter42@localhost/", Class::Example, Reason::LoopbackHost),
            ("https://u:fPhQYmaXSCfA@localhost/", Class::Credential, Reason::RandomMix),
            ("https://u:pobpzer9ee@localhost/", Class::Credential, Reason::RandomMix),
            ("https://u:acme2024@db.acme.io/", Class::Credential, Reason::RealHost),
            // a token user with a filler password is still a token
            (&format!("https://{GHP}:x@github.com/o/r"), Class::Credential, Reason::TokenFormat(TokenFormat::Github)),
            (&format!("https://{GHP}:password@github.com/o/r"), Class::Credential, Reason::TokenFormat(TokenFormat::Github)),
            ("https://9f86d081884c7d659a2feaa0c55ad015a3bf4f1b:X@github.com/", Class::Credential, Reason::LongHex),
            ("https://alice:x@github.com/o/r", Class::Example, Reason::Template),
            // UUID keys and random letters, as the user or the password, at any host
            ("https://2a256465-581c-b88a-6407-a28c240c824c@api.acme.io/", Class::Credential, Reason::LongHex),
            ("https://u:2a256465-581c-b88a-6407-a28c240c824c@localhost/", Class::Credential, Reason::LongHex),
            ("mongodb+srv://MTyVpJxZxfoKoCSwCWvozMKK@c0.ab1cd.mongodb.net/", Class::Credential, Reason::HighEntropy),
            ("https://u:MTyVpJxZxfoKoCSwCWvozMKK@localhost/", Class::Credential, Reason::HighEntropy),
            // demo words weakened with digits: the host decides, unless a word names a secret
            ("mysql://root:admin123@10.0.0.5/db", Class::Credential, Reason::RealHost),
            ("postgres://app:qwerty123@db.prod.internal/app", Class::Credential, Reason::RealHost),
            ("postgres://app:qwerty123@localhost/app", Class::Example, Reason::LoopbackHost),
            ("https://me:test1234@example.com/", Class::Example, Reason::ReservedDomain),
            ("https://me:secret123@db.prod.internal/", Class::Credential, Reason::WeakWord),
            ("https://me:secret123@db.example.org/", Class::Example, Reason::WeakWord),
            ("https://me:Passw0rd1@db.prod.internal/", Class::Credential, Reason::WeakWord),
            ("https://me:Passw0rd1@127.0.0.1/", Class::Example, Reason::LoopbackHost),
            ("postgres://postgres:postgres123@db.prod.internal/", Class::Credential, Reason::EchoesName),
            ("postgres://postgres:postgres123@db/", Class::Example, Reason::EchoesName),
            ("https://me:foobar@db.prod.internal/", Class::Example, Reason::PlaceholderPassword),
            // symbols of generated passwords, pasted unencoded, are not template syntax
            ("https://deploy:YaXWw~*A=PXPn[VFmB@git.acme.io/x", Class::Credential, Reason::HumanPassword),
            ("https://deploy:%L][+CHi[EGK&rEV6Xwqc~@git.acme.io/x", Class::Credential, Reason::HighEntropy),
            ("https://[user[:password]@]host/", Class::Example, Reason::PlaceholderPassword),
            // lists of hosts and of userinfos: each judged, the most confident wins
            ("postgresql://alice:hunter22@db.internal,service.test/app", Class::Credential, Reason::RealHost),
            ("postgresql://alice:hunter22@db.example.com,service.test/app", Class::Example, Reason::ReservedDomain),
            ("mongodb://u:hunter22@mongo1.corp.net:27017,mongo2.example.com:27017/app", Class::Credential, Reason::RealHost),
            ("mongodb://u:hunter22@localhost:27017,mongo2.example.com:27017/app", Class::Example, Reason::LoopbackHost),
            ("mongodb://user:pass1@host1:27017,user:pass2@host2:27017/db", Class::Example, Reason::PlaceholderHost),
            ("mongodb://user:pass1@host1:27017,user:Kx7pQ2vN9zLm@host2:27017/db", Class::Credential, Reason::HumanPassword),
            ("cache+memcached://u:********@10.0.0.1:11211;u:********@10.0.0.2:11211/", Class::Example, Reason::Template),
            ("cache+memcached://u:********@10.0.0.1:11211;u:Kx7pQ2vN9zLm@10.0.0.2:11211/", Class::Credential, Reason::HumanPassword),
            ("sentinel://u1:p1@h1:26379;:ambiguous@h2:26379/0", Class::Example, Reason::ShortValue),
            ("sentinel://u1:p1@h1:26379;:Kx7pQ2vN9zLm@h2:26379/0", Class::Credential, Reason::HumanPassword),
            // canaries, instructions with adjectives, f-string fields that call functions
            ("mongodb://testuser:SENTINELpassword1234@localhost:27017/admin", Class::Example, Reason::ExampleMarker),
            ("mongodb://testuser:SENTINELpassword1234@db.acme.io:27017/admin", Class::Example, Reason::ExampleMarker),
            ("mongodb://testuser:SENTRYpassword1234@db.acme.io:27017/admin", Class::Credential, Reason::HighEntropy),
            ("mssql+pyodbc://sa:yourStrong(!)Password@db.acme.io:1433/x", Class::Example, Reason::PlaceholderPassword),
            ("mssql+pyodbc://sa:myStrong(!)Pa55word@db.acme.io:1433/x", Class::Credential, Reason::HighEntropy),
            ("mongodb://{quote_plus(user)}:{quote_plus(pwd)}@db.acme.io", Class::Example, Reason::Template),
            // parser tests: escapes no encoder writes, alphabet runs as a key id
            ("amqp://user%61:%61pass@ho%61st:10000/v%2fhost", Class::Example, Reason::EncodingTest),
            ("amqp://user:Kx7pQ2vN9zLm@mq.acme.io:10000/v%2fhost", Class::Credential, Reason::HumanPassword),
            ("sqs://ABCDEFGHIJKLMNOPQRST:ZYXK7NiynGlTogH8Nj+P9nlE73sq3@", Class::Example, Reason::PlaceholderUser),
            ("sqs://AKIAZ7Q3M4N5P6R7S8T9:ZYXK7NiynGlTogH8Nj+P9nlE73sq3@", Class::Credential, Reason::HighEntropy),
            ("redis://:p,ass@word@localhost:6379/0", Class::Example, Reason::PlaceholderPassword),
            ("http://nkim:1234@python.org", Class::Example, Reason::TrivialValue),
            ("https://jo%40email.com:a%20secret@m%C3%BCller.de:1234/", Class::Example, Reason::PlaceholderPassword),
            // a multi-host URL's last pair is the credential
            ("https://foo.com:123,foo:bar@bar.com/path", Class::Example, Reason::PlaceholderPassword),
            ("https://h1.acme.io:123,deploy:Kx7pQ2vN9zLm@h2.acme.io/", Class::Credential, Reason::HumanPassword),
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

    /// Bug class: weak, default or user-derived passwords at a real host silenced as
    /// examples. They are credentials of medium confidence; the same values at an example
    /// host stay examples, and a strong value at the same host is high.
    #[test]
    fn regression_weak_passwords_at_real_hosts_are_medium() {
        for (real, example) in [
            (
                "postgres://app:mySecret2024@db.prod.corp.net/app",
                "postgres://app:mySecret2024@db.example.com/app",
            ),
            (
                "amqp://guest:guest@rabbit.prod.corp.net/",
                "amqp://guest:guest@localhost:5672//",
            ),
            (
                "postgres://postgres:postgres@db.prod.corp.net/app",
                "postgres://postgres:postgres@db:5432/app",
            ),
            (
                "https://jsmith:jsmith2019@git.acme.io/",
                "https://jsmith:jsmith2019@git.example.org/",
            ),
            (
                "https://deploy:deploy@prod.acme.io/",
                "https://deploy:deploy@your-server.com/",
            ),
            ("ssh://root:toor@10.1.2.3/", "ssh://root:toor@192.0.2.3/"),
            (
                "mysql://root:qwerty123@10.0.0.5/db",
                "mysql://root:qwerty123@127.0.0.1/db",
            ),
            (
                "https://ops:Welcome1@jenkins.acme.io/",
                "https://ops:Welcome1@jenkins.test/",
            ),
            (
                "https://ops:P@ssw0rd@jenkins.acme.io/",
                "https://ops:P@ssw0rd@{host}/",
            ),
        ] {
            let v = verdict(real);
            assert_eq!(
                (v.class, v.confidence()),
                (Class::Credential, Confidence::Medium),
                "{real}: {v:?}"
            );
            let v = verdict(example);
            assert_eq!(
                (v.class, v.confidence()),
                (Class::Example, Confidence::Low),
                "{example}: {v:?}"
            );
        }
        let strong = verdict("postgres://app:Tq8%23vLm2pX@db.prod.corp.net/app");
        assert_eq!(strong.confidence(), Confidence::High);
    }

    /// Bug class: instructions written where the value goes, some reported and some not.
    /// The family and its variants (case, separators, digits, brackets) are examples at any
    /// host; a real password that merely contains such letters is not.
    #[test]
    fn regression_instruction_placeholders_are_examples() {
        for value in [
            "replace_me",
            "REPLACE_ME",
            "Replace-Me-123",
            "changeit",
            "fill-me-in",
            "FILL_ME_IN",
            "notarealpassword",
            "not-a-real-password",
            "CHANGE_ME",
            "changeme2",
            "your-password-here",
            "YOUR_API_KEY",
            "insert-your-token",
            "TODO",
        ] {
            let text = format!("https://deploy:{value}@pypi.acme.io/simple");
            let v = verdict(&text);
            assert_eq!(v.class, Class::Example, "{text}: {v:?}");
        }
        for value in [
            "Kx7pQ2vN9zLm",
            "replica-7Qz!",
            "fillmore1987",
            "yourself",
            "StuffedFilling42",
        ] {
            let text = format!("https://deploy:{value}@pypi.acme.io/simple");
            assert_eq!(verdict(&text).class, Class::Credential, "{text}");
        }
    }

    /// Bug class: one fixture repeated through a test file reported as many leaks. A weak
    /// credential written `FIXTURE_REPEATS` times in one buffer is an example; fewer times,
    /// or a strong value however often, is still a credential.
    #[test]
    fn regression_repeated_weak_fixtures_are_examples() {
        let classes = |uri: &str, times: usize| {
            let text = format!("{uri}\n").repeat(times);
            super::super::find_credentials(text.as_bytes())
                .iter()
                .map(|f| f.verdict.class)
                .collect::<Vec<_>>()
        };
        let weak = "redis://:bosco@vandelay.com:123//1";
        assert!(
            classes(weak, FIXTURE_REPEATS)
                .iter()
                .all(|c| *c == Class::Example)
        );
        assert!(
            classes(weak, FIXTURE_REPEATS - 1)
                .iter()
                .all(|c| *c == Class::Credential)
        );
        let strong = "redis://:Kx7pQ2vN9zLm@vandelay.com:123//1";
        assert!(
            classes(strong, FIXTURE_REPEATS * 2)
                .iter()
                .all(|c| *c == Class::Credential)
        );
    }

    /// Bug class: a mask after a stray colon (`user::****`) read as a password.
    #[test]
    fn regression_masks_after_a_stray_colon_are_examples() {
        for text in [
            "https://user::****@git.acme.io/",
            "https://user::%2A%2A%2A%2A@git.acme.io/",
            "https://user:::........@git.acme.io/",
        ] {
            assert_eq!(verdict(text).class, Class::Example, "{text}");
        }
        let v = verdict("https://user::Kx7pQ2vN9zLm@git.acme.io/");
        assert_eq!(v.class, Class::Credential);
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
            (Class::Credential, vec![Reason::HumanPassword])
        );
        // A documentation pair is an example at any host, also with characters added.
        assert_eq!(classify(&parts("scott", "tiger")).class, Class::Example);
        assert_eq!(
            classify(&parts("scott", "tiger^5HHH")).class,
            Class::Example
        );
        assert_eq!(
            classify(&parts("app", "tiger")).confidence(),
            Confidence::Medium
        );
    }

    /// Bug class: work that grows with the square of a value. Many brackets that never close
    /// are read once each, a bounded stretch ahead.
    #[test]
    fn unclosed_brackets_take_linear_time() {
        for open in ["{", "<", "%(", "["] {
            let text = format!("https://u:{}@h.acme.io/", open.repeat(200_000));
            let _ = super::super::find_credentials(text.as_bytes());
        }
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
