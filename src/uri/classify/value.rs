//! What a secret value is: a template or mask, a known token format, random, or shaped
//! like a chosen password.

use super::words::{read_as_words, word_core};
use super::{Reason, TokenFormat};

/// Token formats by prefix, and the format `token-format:NAME` reports.
const TOKEN_FORMATS: &[(&str, TokenFormat)] = &[
    ("github_pat_", TokenFormat::Github),
    ("ghp_", TokenFormat::Github),
    ("gho_", TokenFormat::Github),
    ("ghu_", TokenFormat::Github),
    ("ghs_", TokenFormat::Github),
    ("ghr_", TokenFormat::Github),
    ("glpat-", TokenFormat::Gitlab),
    ("gldt-", TokenFormat::Gitlab),
    ("glrt-", TokenFormat::Gitlab),
    ("glptt-", TokenFormat::Gitlab),
    ("glcbt-", TokenFormat::Gitlab),
    ("gloas-", TokenFormat::Gitlab),
    ("xoxb-", TokenFormat::Slack),
    ("xoxp-", TokenFormat::Slack),
    ("xoxa-", TokenFormat::Slack),
    ("xoxe-", TokenFormat::Slack),
    ("xoxr-", TokenFormat::Slack),
    ("xoxs-", TokenFormat::Slack),
    ("hf_", TokenFormat::Huggingface),
    ("npm_", TokenFormat::Npm),
    ("pypi-", TokenFormat::Pypi),
    ("sk-", TokenFormat::Openai),
    ("sk_live_", TokenFormat::Stripe),
    ("rk_live_", TokenFormat::Stripe),
    ("AKIA", TokenFormat::Aws),
    ("ASIA", TokenFormat::Aws),
    ("AIza", TokenFormat::Google),
    ("ATBB", TokenFormat::Atlassian),
    ("ATATT", TokenFormat::Atlassian),
    ("dop_v1_", TokenFormat::Digitalocean),
    ("shpat_", TokenFormat::Shopify),
    ("glsa_", TokenFormat::Grafana),
    ("SG.", TokenFormat::Sendgrid),
];

/// Instructions written where the value goes (`replace_me`, `CHANGE_ME`, `fill-me-in`,
/// `notarealpassword`, `your-password-here`), read in lower case without separators, and
/// anywhere in the value: `changeit2`, `<replace-me>` and `REPLACE_ME_TOKEN` are the same.
const INSTRUCTIONS: &[&str] = &[
    "replaceme",
    "replacethis",
    "replacewith",
    "changeme",
    "changeit",
    "changethis",
    "fillmein",
    "fillme",
    "setme",
    "editme",
    "updateme",
    "fixme",
    "notareal",
    "notreal",
    "notasecret",
    "yourpass",
    "yoursecret",
    "yourtoken",
    "yourkey",
    "yourapikey",
    "yourownpass",
    "insertyour",
    "enteryour",
    "putyour",
    "gohere",
    "goeshere",
];

/// Rule 1: a template, a variable, a mask, or a value that calls itself an example or says
/// what to write instead.
pub(super) fn placeholder_value(raw: &str, decoded: &str) -> Option<Reason> {
    if is_placeholder(raw.as_bytes()) || has_template_syntax(raw) {
        return Some(Reason::Template);
    }
    // `user::****@host`: a mask after a stray colon is still a mask.
    let unmasked = decoded.trim_start_matches(':');
    let masked = !unmasked.is_empty()
        && (unmasked
            .chars()
            .all(|c| matches!(c, '*' | '.' | '…' | '•' | '#'))
            || unmasked.bytes().all(|b| b == b'x' || b == b'X'));
    if masked {
        return Some(Reason::Masked);
    }
    let lower = decoded.to_ascii_lowercase();
    let marked = [
        "example",
        "sample",
        "dummy",
        "placeholder",
        "redacted",
        "xxxxx",
        // Canaries tests plant to check that a value is not disclosed.
        "sentinel",
        "canary",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if marked {
        return Some(Reason::ExampleMarker);
    }
    let squeezed: String = lower
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | '.' | ' ' | '+'))
        .collect();
    let instruction = INSTRUCTIONS.iter().any(|w| squeezed.contains(w))
        || matches!(
            squeezed.as_str(),
            "todo" | "tbd" | "none" | "null" | "unset"
        );
    instruction.then_some(Reason::InstructionPlaceholder)
}

/// An escape no encoder writes: `%61` for a letter or digit (which never need one), or a
/// control character (which no credential holds). Parser tests write them; leaks do not.
pub(super) fn has_test_escape(raw: &str) -> bool {
    raw.as_bytes().windows(3).any(|w| {
        let digit = |c: u8| char::from(c).to_digit(16);
        match (w[0], digit(w[1]), digit(w[2])) {
            (b'%', Some(hi), Some(lo)) => {
                let byte = (hi * 16 + lo) as u8;
                byte.is_ascii_alphanumeric() || byte.is_ascii_control()
            }
            _ => false,
        }
    })
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
pub(super) fn has_template_syntax(s: &str) -> bool {
    let b = s.as_bytes();
    // What a bracket opening at `i` closes with `close`, read no further than a template
    // would reach, so that a value of many brackets takes linear time.
    let inside = |i: usize, close: u8| {
        let window = &b[i + 1..b.len().min(i + 42)];
        memchr::memchr(close, window).map(|end| &window[..end])
    };
    let format_field = |i: usize| {
        inside(i, b'}').is_some_and(|inside| {
            let name = inside
                .split(|&c| c == b'!' || c == b':')
                .next()
                .unwrap_or_default();
            // `{quote_plus(user)}`: an f-string field may call a function.
            name.iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b' ' | b'(' | b')'))
                && (name.is_empty() || !name[0].is_ascii_digit() || name.len() <= 2)
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
        b'<' => inside(i, b'>').is_some_and(|word| {
            !word.is_empty()
                && word
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b' '))
        }),
        // `[user[:password]@]`: an optional part opens the value or a password; a `[`
        // inside a random password (`YaXWw~*A=PXPn[VFmB`) is one of its characters.
        b'[' => b
            .get(i + 1)
            .is_some_and(|c| (i == 0 && c.is_ascii_alphabetic()) || *c == b':'),
        _ => false,
    })
}

/// Rule 2: `Ok(name)` for a known token format with a random body, `Err` for the format
/// filled with a filler (`ghp_xxxx...`, `AKIA0000...`).
pub(super) fn token_format(value: &str) -> Option<Result<Reason, Reason>> {
    if is_jwt(value) {
        return Some(Ok(Reason::TokenFormat(TokenFormat::Jwt)));
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
        Err(Reason::PlaceholderToken)
    } else {
        Ok(Reason::TokenFormat(*name))
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
pub(super) struct Shape {
    pub(super) len: usize,
    lower: bool,
    upper: bool,
    digit: bool,
    /// Punctuation other than the separators `_`, `-` and `.`.
    symbol: bool,
    entropy: f64,
}

impl Shape {
    pub(super) fn of(s: &str) -> Shape {
        Shape {
            len: s.chars().count(),
            lower: s.chars().any(char::is_lowercase),
            upper: s.chars().any(char::is_uppercase),
            digit: s.chars().any(|c| c.is_ascii_digit()),
            symbol: s
                .chars()
                .any(|c| !c.is_alphanumeric() && !matches!(c, '_' | '-' | '.')),
            entropy: entropy_bits_per_char(s),
        }
    }

    pub(super) fn classes(&self) -> usize {
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

/// Rule 4: random values and chosen passwords.
pub(super) fn strong_value(secret: &str, shape: &Shape) -> Option<Reason> {
    let hex = secret.bytes().all(|b| b.is_ascii_hexdigit());
    if (hex && shape.len >= 32 && shape.digit && (shape.lower || shape.upper)) || is_uuid(secret) {
        return Some(Reason::LongHex);
    }
    let letters = shape.lower || shape.upper;
    if shape.len >= 16 && ((shape.digit && letters && shape.entropy >= 3.5) || shape.entropy >= 4.0)
        || random_letters(secret)
    {
        return Some(Reason::HighEntropy);
    }
    if shape.human() {
        return Some(Reason::HumanPassword);
    }
    // Classes interleaved (`k3v9x2m7`, `fPhQYmaXSCfA`), as generators write them: people
    // capitalise a word's first letter and put digits at its end (`Tiger82`).
    let class_of = |c: char| (c.is_lowercase(), c.is_uppercase(), c.is_ascii_digit());
    let chars: Vec<char> = secret.chars().collect();
    let changes = chars
        .windows(2)
        .filter(|w| class_of(w[0]) != class_of(w[1]))
        .count();
    let digit_inside = chars
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && w[1].is_alphabetic());
    let mixed = shape.len >= 8
        && shape.classes() >= 2
        && (changes >= 3.max(shape.len / 3) || (shape.digit && digit_inside && changes >= 2));
    mixed.then_some(Reason::RandomMix)
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
    is_uuid(user) || random_looking(user) || random_letters(user)
}

/// `8-4-4-4-12` hex digits: an API key as many services issue them (32 hex digits).
fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Random letters of both cases (`MTyVpJxZxfoKoCSwCWvozMKK`): 20 or more, high entropy, and
/// capitals side by side as a random draw puts them, not one per word as CamelCase does.
fn random_letters(s: &str) -> bool {
    let b = s.as_bytes();
    let upper_pairs = b
        .windows(2)
        .filter(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase())
        .count();
    b.len() >= 20
        && b.iter().all(u8::is_ascii_alphabetic)
        && b.iter().any(u8::is_ascii_lowercase)
        && upper_pairs >= b.len() / 8
        && entropy_bits_per_char(s) >= 3.8
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
