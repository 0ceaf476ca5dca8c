//! Every reason the classifier gives, in one registry: its stable code (what reports print
//! and baselines' readers see), whether it makes a credential high-confidence, and what it
//! means. The confidence asks a `Reason`, never a code string; the reasons table in
//! `docs/confidence.md` is generated from [`Reason::ALL`] (a test keeps it so).

use serde::{Serialize, Serializer};

/// A known token format, by the service that issues it (`token-format:NAME`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenFormat {
    Github,
    Gitlab,
    Slack,
    Huggingface,
    Npm,
    Pypi,
    Openai,
    Stripe,
    Aws,
    Google,
    Atlassian,
    Digitalocean,
    Shopify,
    Grafana,
    Sendgrid,
    Jwt,
}

impl TokenFormat {
    pub const ALL: [TokenFormat; 16] = [
        TokenFormat::Github,
        TokenFormat::Gitlab,
        TokenFormat::Slack,
        TokenFormat::Huggingface,
        TokenFormat::Npm,
        TokenFormat::Pypi,
        TokenFormat::Openai,
        TokenFormat::Stripe,
        TokenFormat::Aws,
        TokenFormat::Google,
        TokenFormat::Atlassian,
        TokenFormat::Digitalocean,
        TokenFormat::Shopify,
        TokenFormat::Grafana,
        TokenFormat::Sendgrid,
        TokenFormat::Jwt,
    ];
}

/// Why the classifier decided a value is a credential or an example (a signal's name,
/// never the value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    // Rule 1: the value stands for a credential.
    Template,
    Masked,
    ExampleMarker,
    InstructionPlaceholder,
    EncodingTest,
    PlaceholderUser,
    // Rule 2: a known token format, or one filled with a filler.
    TokenFormat(TokenFormat),
    PlaceholderToken,
    // Rule 3: a stand-in (rule 6: `short-value` and `trivial-value` are weak too).
    PlaceholderPassword,
    DemoPair,
    ShortValue,
    TrivialValue,
    // Rule 4: random, or shaped like a chosen password.
    LongHex,
    HighEntropy,
    HumanPassword,
    RandomMix,
    // Rule 5: the host or the rest of the URI is an example.
    LoopbackHost,
    ReservedDomain,
    DocumentationAddress,
    PlaceholderHost,
    TemplateHost,
    TemplateUser,
    PortWord,
    NoHost,
    // Rules 6 and 7: the value is weak and the host decides, or it is plain.
    UserEqualsPassword,
    EchoesName,
    WeakWord,
    RealHost,
    OneLabelHost,
    PlainPassword,
    // After the rules: what one finding cannot show.
    RepeatedFixture,
    UnparsedNetrc,
}

/// What a reason says, for the generated docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaning {
    /// The finding is an example (low).
    Example,
    /// The value is a live secret whatever the host (high).
    Strong,
    /// A weak value: the host decides (medium at a real host, low elsewhere).
    Weak,
    /// A credential of medium confidence.
    Credential,
}

use Reason as R;

impl Reason {
    /// Every reason, token formats one by one, in the order the classifier's rules read.
    pub const ALL: [Reason; 47] = [
        R::Template,
        R::Masked,
        R::ExampleMarker,
        R::InstructionPlaceholder,
        R::EncodingTest,
        R::PlaceholderUser,
        R::TokenFormat(TokenFormat::Github),
        R::TokenFormat(TokenFormat::Gitlab),
        R::TokenFormat(TokenFormat::Slack),
        R::TokenFormat(TokenFormat::Huggingface),
        R::TokenFormat(TokenFormat::Npm),
        R::TokenFormat(TokenFormat::Pypi),
        R::TokenFormat(TokenFormat::Openai),
        R::TokenFormat(TokenFormat::Stripe),
        R::TokenFormat(TokenFormat::Aws),
        R::TokenFormat(TokenFormat::Google),
        R::TokenFormat(TokenFormat::Atlassian),
        R::TokenFormat(TokenFormat::Digitalocean),
        R::TokenFormat(TokenFormat::Shopify),
        R::TokenFormat(TokenFormat::Grafana),
        R::TokenFormat(TokenFormat::Sendgrid),
        R::TokenFormat(TokenFormat::Jwt),
        R::PlaceholderToken,
        R::PlaceholderPassword,
        R::DemoPair,
        R::ShortValue,
        R::TrivialValue,
        R::LongHex,
        R::HighEntropy,
        R::HumanPassword,
        R::RandomMix,
        R::LoopbackHost,
        R::ReservedDomain,
        R::DocumentationAddress,
        R::PlaceholderHost,
        R::TemplateHost,
        R::TemplateUser,
        R::PortWord,
        R::NoHost,
        R::UserEqualsPassword,
        R::EchoesName,
        R::WeakWord,
        R::RealHost,
        R::OneLabelHost,
        R::PlainPassword,
        R::RepeatedFixture,
        R::UnparsedNetrc,
    ];

    /// The stable code reports print (text, JSON `reasons`, SARIF `properties.reasons`).
    pub fn code(self) -> &'static str {
        match self {
            R::Template => "template",
            R::Masked => "masked",
            R::ExampleMarker => "example-marker",
            R::InstructionPlaceholder => "instruction-placeholder",
            R::EncodingTest => "encoding-test",
            R::PlaceholderUser => "placeholder-user",
            R::TokenFormat(format) => match format {
                TokenFormat::Github => "token-format:github",
                TokenFormat::Gitlab => "token-format:gitlab",
                TokenFormat::Slack => "token-format:slack",
                TokenFormat::Huggingface => "token-format:huggingface",
                TokenFormat::Npm => "token-format:npm",
                TokenFormat::Pypi => "token-format:pypi",
                TokenFormat::Openai => "token-format:openai",
                TokenFormat::Stripe => "token-format:stripe",
                TokenFormat::Aws => "token-format:aws",
                TokenFormat::Google => "token-format:google",
                TokenFormat::Atlassian => "token-format:atlassian",
                TokenFormat::Digitalocean => "token-format:digitalocean",
                TokenFormat::Shopify => "token-format:shopify",
                TokenFormat::Grafana => "token-format:grafana",
                TokenFormat::Sendgrid => "token-format:sendgrid",
                TokenFormat::Jwt => "token-format:jwt",
            },
            R::PlaceholderToken => "placeholder-token",
            R::PlaceholderPassword => "placeholder-password",
            R::DemoPair => "demo-pair",
            R::ShortValue => "short-value",
            R::TrivialValue => "trivial-value",
            R::LongHex => "long-hex",
            R::HighEntropy => "high-entropy",
            R::HumanPassword => "human-password",
            R::RandomMix => "random-mix",
            R::LoopbackHost => "loopback-host",
            R::ReservedDomain => "reserved-domain",
            R::DocumentationAddress => "documentation-address",
            R::PlaceholderHost => "placeholder-host",
            R::TemplateHost => "template-host",
            R::TemplateUser => "template-user",
            R::PortWord => "port-word",
            R::NoHost => "no-host",
            R::UserEqualsPassword => "user-equals-password",
            R::EchoesName => "echoes-name",
            R::WeakWord => "weak-word",
            R::RealHost => "real-host",
            R::OneLabelHost => "one-label-host",
            R::PlainPassword => "plain-password",
            R::RepeatedFixture => "repeated-fixture",
            R::UnparsedNetrc => "unparsed-netrc",
        }
    }

    /// Whether the value itself is a secret (a known token format, random, or chosen):
    /// a credential with such a reason is of high confidence, at any host.
    pub fn is_strong(self) -> bool {
        matches!(
            self,
            R::TokenFormat(_) | R::LongHex | R::HighEntropy | R::HumanPassword | R::RandomMix
        )
    }

    /// Which way the reason points, for the docs.
    pub fn leaning(self) -> Leaning {
        match self {
            _ if self.is_strong() => Leaning::Strong,
            R::ShortValue
            | R::TrivialValue
            | R::UserEqualsPassword
            | R::EchoesName
            | R::WeakWord => Leaning::Weak,
            R::RealHost | R::PlainPassword => Leaning::Credential,
            _ => Leaning::Example,
        }
    }

    /// What the reason means, one paragraph (Markdown).
    pub fn doc(self) -> &'static str {
        match self {
            R::Template => {
                "The value is a template, a variable or a placeholder in syntax: `${TOKEN}`, `$PASSWORD`, `{password}`, `<password>`, `%s`, `{{ secret }}`, an f-string field."
            }
            R::Masked => {
                "The value is a mask: only `*`, `.`, `…`, `•`, `#`, or `x` (`****`, `user::****`, `xxxxxxxx`)."
            }
            R::ExampleMarker => {
                "The value calls itself an example: it contains `example`, `sample`, `dummy`, `placeholder`, `redacted`, `xxxxx`, or is a canary (`sentinel`, `canary`) that tests plant."
            }
            R::InstructionPlaceholder => {
                "The value says what to write instead (`replace_me`, `CHANGE_ME`, `changeit`, `fill-me-in`, `notarealpassword`, `your-password-here`, `YOUR_API_KEY`, `TODO`, `none`), in any case and with any separators."
            }
            R::EncodingTest => {
                "The URI is a parser test: an escape no encoder writes (`%61` for a letter or digit, a control character)."
            }
            R::PlaceholderUser => {
                "The user is an alphabet or digit run of 8 or more characters (`ABCDEFGHIJKLMNOPQRST`), as documentation writes an access key id."
            }
            R::TokenFormat(_) => {
                "A known token format with a random body (the issuer's prefix and body: GitHub `ghp_`, GitLab `glpat-`, Slack `xox?-`, Hugging Face `hf_`, npm `npm_`, PyPI `pypi-`, OpenAI `sk-`, Stripe `sk_live_`, AWS `AKIA`, Google `AIza`, Atlassian `ATBB`, DigitalOcean `dop_v1_`, Shopify `shpat_`, Grafana `glsa_`, SendGrid `SG.`, and JSON Web Tokens)."
            }
            R::PlaceholderToken => {
                "A known token format filled with a filler (`ghp_xxxx...`, `AKIA0000...`, `...EXAMPLE...`): fewer than 8 distinct characters, or words."
            }
            R::PlaceholderPassword => {
                "The value reads as placeholder or demo words and punctuation (`password`, `user:pass`, `foo:bar`, `p,ass@word`, `a secret`, `yourStrong(!)Password`)."
            }
            R::DemoPair => {
                "A documentation pair (`scott:tiger`, also with characters added: `scott:tiger^5HHH`)."
            }
            R::ShortValue => {
                "One or two characters (`u:p`): an example anywhere. Three or four: weak, and the host decides (`root:toor`)."
            }
            R::TrivialValue => {
                "A run or repeat (`123456`, `aaaa`, `abcd`): of up to four characters an example anywhere, longer weak, and the host decides."
            }
            R::LongHex => {
                "32 or more hex digits of both letters and digits, or a UUID: a random value."
            }
            R::HighEntropy => {
                "16 or more characters of high entropy, or random letters: a random value."
            }
            R::HumanPassword => {
                "Shaped like a chosen password: 8 or more characters of three classes, or 12 or more of letters and digits."
            }
            R::RandomMix => {
                "Character classes interleaved as generators write them (`k3v9x2m7`, `fPhQYmaXSCfA`), not as people do (`Tiger82`)."
            }
            R::LoopbackHost => {
                "The host is loopback (`localhost`, `127.0.0.1`, `[::1]`) or unspecified (`0.0.0.0`)."
            }
            R::ReservedDomain => {
                "The host is under a reserved domain (RFC 2606/6761: `example.com`, `.test`, `.invalid`, `.localhost`, a label `example`)."
            }
            R::DocumentationAddress => {
                "The host is a documentation address (RFC 5737/3849: `192.0.2.0/24`, `198.51.100.0/24`, `203.0.113.0/24`, `2001:db8::/32`)."
            }
            R::PlaceholderHost => {
                "The host is a stand-in: `host`, `hostname`, `h2`, `host1`, `your-server.com`, names under `company.com`."
            }
            R::TemplateHost => {
                "The host is a template (`{host}`, `${HOST}`, `<host>`, an f-string field that calls a function)."
            }
            R::TemplateUser => {
                "The user beside the password is a template (`{quote_plus(user)}:{password}`)."
            }
            R::PortWord => "The port is a word (`host:port`, `db:PORT`).",
            R::NoHost => "The URI has no host.",
            R::UserEqualsPassword => {
                "The password is the user again (`guest:guest`, `postgres:postgres`, `deploy:deploy`): a default."
            }
            R::EchoesName => {
                "The password is the user, the scheme or a service name again, with digits (`jsmith:jsmith2019`, `postgres:postgres123`, `redis://:redispass@redis`)."
            }
            R::WeakWord => {
                "A secret or demo word weakened with digits or leetspeak (`mySecret2024`, `P@ssw0rd`, `Welcome1`, `qwerty123`, `admin123`)."
            }
            R::RealHost => {
                "The host may be real (a name of two labels or more, or an IP address, that no rule calls an example): a weak value there is a credential."
            }
            R::OneLabelHost => {
                "A weak value at a one-label host (`postgres:postgres@db`, `redis`): a service name, as compose files and tests write them."
            }
            R::PlainPassword => {
                "A password that is neither weak nor strong (`hunter2`) at a one-label host."
            }
            R::RepeatedFixture => {
                "A medium-confidence credential repeated 5 times or more in one file: a test fixture."
            }
            R::UnparsedNetrc => {
                "A medium-confidence value in a file named as a netrc whose parse stops at a later line: such files are mostly test fixtures."
            }
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// The codes of `reasons`, as reports list them: `a, b`.
pub fn joined(reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(|r| r.code())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The reasons table of `docs/confidence.md` (between its markers), from [`Reason::ALL`].
pub fn reasons_markdown() -> String {
    let mut out = String::from("| reason | says | what it means |\n|---|---|---|\n");
    let mut token_formats_done = false;
    for reason in Reason::ALL {
        let says = match reason.leaning() {
            Leaning::Example => "example (low)",
            Leaning::Strong => "credential (high), at any host",
            Leaning::Weak => "weak: the host decides",
            Leaning::Credential => "credential (medium)",
        };
        let codes = match reason {
            R::TokenFormat(_) if token_formats_done => continue,
            R::TokenFormat(_) => {
                token_formats_done = true;
                TokenFormat::ALL
                    .iter()
                    .map(|f| format!("`{}`", R::TokenFormat(*f).code()))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            _ => format!("`{}`", reason.code()),
        };
        out.push_str(&format!("| {codes} | {says} | {} |\n", reason.doc()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_every_reason_is_listed() {
        let mut codes: Vec<_> = Reason::ALL.iter().map(|r| r.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Reason::ALL.len());
        for format in TokenFormat::ALL {
            assert!(Reason::ALL.contains(&Reason::TokenFormat(format)));
        }
    }

    #[test]
    fn docs_confidence_md_is_generated_from_the_registry() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/confidence.md");
        let written = std::fs::read_to_string(path).unwrap_or_default();
        let wanted = crate::uri::rule::between_markers(&written, "reasons", &reasons_markdown());
        if written != wanted && std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(path, &wanted).unwrap();
            return;
        }
        assert!(
            written == wanted,
            "docs/confidence.md is out of date: run `UPDATE_DOCS=1 cargo test --lib docs_confidence_md`"
        );
        for reason in Reason::ALL {
            assert!(
                written.contains(&format!("`{}`", reason.code())),
                "{reason} is not in docs/confidence.md"
            );
        }
    }
}
