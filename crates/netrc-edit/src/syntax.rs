//! Lexer and parser for netrc files.
//!
//! The parser never copies or normalises the text: it records the byte span of every token,
//! and the document keeps the original text. Writing an untouched document is therefore the
//! identity, and an edit splices new text into exactly the spans it touches.

use std::fmt;
use std::ops::Range;

/// What a token is. Whitespace between tokens is not a token: it is the text between spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// `#` in keyword position, to the end of the line (newline excluded).
    Comment,
    /// A keyword or a value, bare or double-quoted.
    Word,
    /// The lines after `macdef NAME`, up to and including the empty line that ends them.
    MacroBody {
        /// An empty line ends it (else it runs to the end of the text).
        terminated: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// A token: what it is and its byte range in the text.
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// Its bytes in the text.
    pub span: Range<usize>,
}

/// The keywords that may follow `machine NAME` or `default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// `login`.
    Login,
    /// `user`: git and Python read it as `login`. Kept, never written.
    User,
    /// `password`.
    Password,
    /// `passwd`: BSD ftp's spelling. Kept, never written.
    Passwd,
    /// `account`.
    Account,
    /// `port`.
    Port,
    /// `protocol`.
    Protocol,
    /// `macdef`: a macro (its name, then its body).
    Macdef,
}

impl Key {
    fn from_word(word: &str) -> Option<Key> {
        Some(match word {
            "login" => Key::Login,
            "user" => Key::User,
            "password" => Key::Password,
            "passwd" => Key::Passwd,
            "account" => Key::Account,
            "port" => Key::Port,
            "protocol" => Key::Protocol,
            "macdef" => Key::Macdef,
            _ => return None,
        })
    }

    /// `login` or `user`.
    pub fn is_login(self) -> bool {
        matches!(self, Key::Login | Key::User)
    }

    /// `password` or `passwd`.
    pub fn is_password(self) -> bool {
        matches!(self, Key::Password | Key::Passwd)
    }
}

/// One `keyword value` pair of an entry (for `macdef`, the value is the macro's name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The keyword.
    pub key: Key,
    /// The keyword's token.
    pub key_token: usize,
    /// The value's token.
    pub value_token: usize,
    /// For `macdef`: the body token.
    pub body_token: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// What kind of entry.
pub enum EntryKind {
    /// `machine NAME ...`.
    Machine,
    /// `default ...`.
    Default,
    /// A `macdef` before any `machine`: readers accept it; it belongs to no host.
    Macro,
}

/// `machine NAME ...` or `default ...`: indices into the token list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrySyntax {
    /// What kind of entry.
    pub kind: EntryKind,
    /// The `machine` or `default` keyword.
    pub head_token: usize,
    /// The machine name's token; `None` for `default`.
    pub name_token: Option<usize>,
    /// The entry's fields, in order.
    pub fields: Vec<Field>,
    /// One past the entry's last token.
    pub end_token: usize,
}

use crate::text::{Position, position};

/// Why a netrc file does not parse. The message names the problem and never quotes a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Where reading stopped.
    pub position: Position,
    /// What is wrong, never quoting a value.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.position, self.message)
    }
}

impl std::error::Error for ParseError {}

pub(crate) const BOM: &str = "\u{feff}";

pub(crate) struct Parsed {
    pub tokens: Vec<Token>,
    pub entries: Vec<EntrySyntax>,
}

/// Parses the whole text. Every byte either belongs to a token or is whitespace between them.
pub(crate) fn parse(text: &str) -> Result<Parsed, ParseError> {
    Parser {
        text,
        pos: if text.starts_with(BOM) { BOM.len() } else { 0 },
        tokens: Vec::new(),
        entries: Vec::new(),
    }
    .run()
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    tokens: Vec<Token>,
    entries: Vec<EntrySyntax>,
}

impl<'a> Parser<'a> {
    fn error(&self, at: usize, message: impl Into<String>) -> ParseError {
        ParseError {
            position: position(self.text, at),
            message: message.into(),
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn skip_space(&mut self) {
        while let Some(&b) = self.bytes().get(self.pos) {
            if b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' || b == b'\x0c' || b == b'\x0b' {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// Skips whitespace and comments, which may stand wherever a keyword is expected.
    /// Returns the next word's token index, or `None` at the end of the text.
    fn next_keyword(&mut self) -> Result<Option<usize>, ParseError> {
        loop {
            self.skip_space();
            match self.bytes().get(self.pos) {
                None => return Ok(None),
                Some(b'#') => {
                    let end = memchr::memchr(b'\n', &self.bytes()[self.pos..])
                        .map_or(self.text.len(), |i| self.pos + i);
                    // A comment ends before the newline and before the CRs that precede it
                    // (or end the text), so a line ending added after it leaves it as it was.
                    let body = &self.bytes()[self.pos..end];
                    let end = self.pos + body.len()
                        - body.iter().rev().take_while(|&&b| b == b'\r').count();
                    self.tokens.push(Token {
                        kind: TokenKind::Comment,
                        span: self.pos..end,
                    });
                    self.pos = end;
                }
                Some(_) => return self.word().map(Some),
            }
        }
    }

    /// The value after a keyword: the next word, whatever it is. curl 7.88 and Python read
    /// `login machine` or `password default` as those values (measured), so this does too;
    /// `check` reports them, since curl reads the same words as keywords elsewhere.
    fn next_value(&mut self, keyword_token: usize) -> Result<usize, ParseError> {
        self.skip_space();
        if self.pos >= self.text.len() {
            let k = &self.tokens[keyword_token];
            return Err(self.error(
                k.span.start,
                format!("`{}` has no value", &self.text[k.span.clone()]),
            ));
        }
        self.word()
    }

    /// Reads one word at `self.pos` (bare or quoted) and pushes its token.
    fn word(&mut self) -> Result<usize, ParseError> {
        let start = self.pos;
        let bytes = self.bytes();
        let end = if bytes[start] == b'"' {
            let mut i = start + 1;
            loop {
                match bytes.get(i) {
                    // Also where the text ends inside an escape.
                    None => return Err(self.error(start, "unterminated quoted value")),
                    Some(b'\\') => i += 2,
                    Some(b'"') => break i + 1,
                    Some(_) => i += 1,
                }
            }
        } else {
            let mut i = start;
            while let Some(&b) = bytes.get(i) {
                if b.is_ascii_whitespace() || b == b'\x0b' {
                    break;
                }
                i += 1;
            }
            i
        };
        self.pos = end;
        self.tokens.push(Token {
            kind: TokenKind::Word,
            span: start..end,
        });
        Ok(self.tokens.len() - 1)
    }

    fn word_text(&self, token: usize) -> &'a str {
        &self.text[self.tokens[token].span.clone()]
    }

    /// After `macdef NAME`: the rest of the name's line and the following lines up to the
    /// first empty one (curl and Python end a macro at an empty line).
    fn macro_body(&mut self) -> usize {
        let bytes = self.bytes();
        let start = self.pos;
        let mut line_start = match memchr::memchr(b'\n', &bytes[start..]) {
            Some(i) => start + i + 1,
            None => self.text.len(),
        };
        let mut terminated = false;
        while line_start < bytes.len() {
            let line_end = memchr::memchr(b'\n', &bytes[line_start..])
                .map_or(bytes.len(), |i| line_start + i + 1);
            let line = &bytes[line_start..line_end];
            if line == b"\n" || line == b"\r\n" {
                terminated = true;
                line_start = line_end;
                break;
            }
            line_start = line_end;
        }
        self.pos = line_start;
        self.tokens.push(Token {
            kind: TokenKind::MacroBody { terminated },
            span: start..line_start,
        });
        self.tokens.len() - 1
    }

    fn run(mut self) -> Result<Parsed, ParseError> {
        let mut pending = self.next_keyword()?;
        while let Some(head) = pending {
            let head_word = self.word_text(head);
            let name_token = match head_word {
                "machine" => Some(self.next_value(head)?),
                "default" => None,
                "macdef" => {
                    // Readers accept a macro before any machine; it is kept as its own entry.
                    let value = self.next_value(head)?;
                    let body = self.macro_body();
                    self.entries.push(EntrySyntax {
                        kind: EntryKind::Macro,
                        head_token: head,
                        name_token: None,
                        fields: vec![Field {
                            key: Key::Macdef,
                            key_token: head,
                            value_token: value,
                            body_token: Some(body),
                        }],
                        end_token: self.tokens.len(),
                    });
                    pending = self.next_keyword()?;
                    continue;
                }
                _ => {
                    let start = self.tokens[head].span.start;
                    let message = if Key::from_word(head_word).is_some() {
                        format!("`{head_word}` before any `machine` or `default`")
                    } else {
                        "a value where a keyword belongs (expected `machine`, `default` or `macdef`)"
                            .to_string()
                    };
                    return Err(self.error(start, message));
                }
            };
            let mut fields = Vec::new();
            loop {
                pending = self.next_keyword()?;
                let Some(token) = pending else { break };
                let word = self.word_text(token);
                let Some(key) = Key::from_word(word) else {
                    if matches!(word, "machine" | "default") {
                        break;
                    }
                    return Err(self.error(
                        self.tokens[token].span.start,
                        "a value where a keyword belongs (expected `login`, `password`, `account`, `macdef`, `machine` or `default`)",
                    ));
                };
                let value_token = self.next_value(token)?;
                let body_token = (key == Key::Macdef).then(|| self.macro_body());
                fields.push(Field {
                    key,
                    key_token: token,
                    value_token,
                    body_token,
                });
            }
            // The entry ends at its last field (or its name), not at a following comment.
            let last = fields
                .last()
                .map(|f| f.body_token.unwrap_or(f.value_token))
                .or(name_token)
                .unwrap_or(head);
            self.entries.push(EntrySyntax {
                kind: if name_token.is_some() {
                    EntryKind::Machine
                } else {
                    EntryKind::Default
                },
                head_token: head,
                name_token,
                fields,
                end_token: last + 1,
            });
        }
        Ok(Parsed {
            tokens: self.tokens,
            entries: self.entries,
        })
    }
}

/// The value a word stands for: quotes removed and escapes resolved as curl does
/// (`\n`, `\r`, `\t` are control characters; any other escaped character is itself).
pub fn unquote(raw: &str) -> String {
    let Some(inner) = raw
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    else {
        return raw.to_string();
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let parsed = parse(text).unwrap();
        parsed
            .tokens
            .iter()
            .map(|t| &text[t.span.clone()])
            .collect()
    }

    #[test]
    fn one_line_and_many_lines() {
        assert_eq!(
            words("machine a login b password c\n"),
            ["machine", "a", "login", "b", "password", "c"]
        );
        let p = parse("machine a\n  login b\n  password c\nmachine d login e\n").unwrap();
        assert_eq!(p.entries.len(), 2);
        assert_eq!(p.entries[0].fields.len(), 2);
    }

    #[test]
    fn quoted_values_keep_their_quotes_in_the_span() {
        let text = r#"machine a login "x y" password "q\"\\z""#;
        let w = words(text);
        assert_eq!(w[3], r#""x y""#);
        assert_eq!(unquote(w[5]), r#"q"\z"#);
    }

    #[test]
    fn comments_and_bom_and_crlf() {
        let text =
            "\u{feff}# top\r\nmachine a login b password c\r\n  # inner\r\ndefault login d\r\n";
        let p = parse(text).unwrap();
        assert_eq!(p.entries.len(), 2);
        let comments: Vec<_> = p
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Comment)
            .map(|t| &text[t.span.clone()])
            .collect();
        assert_eq!(comments, ["# top", "# inner"]);
    }

    #[test]
    fn macdef_body_runs_to_the_empty_line() {
        let text = "machine a login b\nmacdef init\ncd /pub\nbin\n\nmachine c login d\n";
        let p = parse(text).unwrap();
        assert_eq!(p.entries.len(), 2);
        let body = p.entries[0].fields[1].body_token.unwrap();
        assert_eq!(&text[p.tokens[body].span.clone()], "\ncd /pub\nbin\n\n");
        assert_eq!(
            p.tokens[body].kind,
            TokenKind::MacroBody { terminated: true }
        );
    }

    #[test]
    fn unterminated_macdef_is_kept() {
        let text = "machine a macdef m\nline";
        let p = parse(text).unwrap();
        let body = p.entries[0].fields[0].body_token.unwrap();
        assert_eq!(
            p.tokens[body].kind,
            TokenKind::MacroBody { terminated: false }
        );
    }

    #[test]
    fn extra_keywords_stay_with_their_entry() {
        let p = parse("machine a port 21 protocol ftp user u passwd p\n").unwrap();
        let keys: Vec<_> = p.entries[0].fields.iter().map(|f| f.key).collect();
        assert_eq!(keys, [Key::Port, Key::Protocol, Key::User, Key::Passwd]);
    }

    #[test]
    fn errors_name_line_and_column_and_no_value() {
        let e = parse("machine a\nlogin \"sec ret").err().unwrap();
        assert_eq!(e.position, Position { line: 2, column: 7 });
        assert!(!e.to_string().contains("sec"));
        let e = parse("machine a login").err().unwrap();
        assert_eq!(
            e.position,
            Position {
                line: 1,
                column: 11
            }
        );
        let e = parse("machine a login b s3cret c").err().unwrap();
        assert_eq!(
            e.position,
            Position {
                line: 1,
                column: 19
            }
        );
        assert!(!e.to_string().contains("s3cret"));
        let e = parse("login b").err().unwrap();
        assert_eq!(e.position, Position { line: 1, column: 1 });
    }

    #[test]
    fn keywords_as_values_are_values() {
        let text = "machine machine login machine password default account macdef\nmachine b login login password password\n";
        let p = parse(text).unwrap();
        assert_eq!(p.entries.len(), 2);
        let values: Vec<_> = p
            .entries
            .iter()
            .flat_map(|e| {
                e.name_token
                    .into_iter()
                    .chain(e.fields.iter().map(|f| f.value_token))
            })
            .map(|t| &text[p.tokens[t].span.clone()])
            .collect();
        assert_eq!(
            values,
            [
                "machine", "machine", "default", "macdef", "b", "login", "password"
            ]
        );
        assert!(
            p.entries
                .iter()
                .flat_map(|e| &e.fields)
                .all(|f| f.body_token.is_none())
        );
    }

    #[test]
    fn a_trailing_backslash_in_quotes_is_unterminated() {
        assert!(parse("machine a password \"abc\\").is_err());
        assert!(parse("machine a password \"").is_err());
    }
}
