//! The netrc document: the original text plus the span of every token in it.
//!
//! Like toml_edit's documents, this one is lossless by construction: `to_string()` returns
//! the text it was parsed from, and each edit splices new text into the spans it touches and
//! parses the result again, so comments, blank lines, indentation, line endings and the order
//! of entries outside the edit stay byte-identical.

use std::fmt;
use std::ops::Range;

use super::syntax::{self, EntryKind, EntrySyntax, Key, ParseError, Token, TokenKind};
use crate::secret::Secret;
use crate::text::{self, Position};

#[derive(Clone)]
/// A parsed netrc that keeps every byte: `to_string()` gives back the text it was parsed from.
pub struct Document {
    pub(super) text: String,
    pub(super) tokens: Vec<Token>,
    pub(super) entries: Vec<EntrySyntax>,
}

/// The text holds passwords: `Debug` shows the entries' machines only.
impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("bytes", &self.text.len())
            .field("entries", &self.entries().collect::<Vec<_>>())
            .finish()
    }
}

/// What an entry authenticates with. `None` means the field is absent.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    /// The login (`login` or `user`).
    pub login: Option<String>,
    /// The password (`password` or `passwd`).
    pub password: Option<Secret>,
    /// The account.
    pub account: Option<String>,
}

/// Shows which fields are set, never their values: a login can be a token.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("login", &self.login.as_ref().map(|_| "***"))
            .field("password", &self.password)
            .field("account", &self.account.as_ref().map(|_| "***"))
            .finish()
    }
}

/// Which entry an edit addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// The `machine` entry of this host, as written.
    Machine(&'a str),
    /// The `default` entry.
    Default,
}

/// A read-only view of one entry.
#[derive(Clone, Copy)]
pub struct Entry<'a> {
    doc: &'a Document,
    syntax: &'a EntrySyntax,
    index: usize,
}

impl fmt::Debug for Entry<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("machine", &self.machine())
            .field("line", &self.position().line)
            .finish_non_exhaustive()
    }
}

impl<'a> Entry<'a> {
    /// The entry's index in [`Document::entries`], the handle edits take.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Machine, default, or a top-level macro.
    pub fn kind(&self) -> EntryKind {
        self.syntax.kind
    }

    /// The entry's tokens and fields.
    pub fn syntax(&self) -> &'a EntrySyntax {
        self.syntax
    }

    /// The machine name as written (unquoted); `None` for `default` and top-level macros.
    pub fn machine(&self) -> Option<String> {
        self.syntax.name_token.map(|t| self.doc.value_of(t))
    }

    /// The entry's bytes: its first token to the end of its last (a macro body included).
    pub fn span(&self) -> Range<usize> {
        self.doc.entry_span(self.index)
    }

    /// Whether a macro of this entry is not closed by an empty line (and so runs to the end
    /// of the text).
    pub fn has_open_macro(&self) -> bool {
        self.syntax.fields.iter().any(|f| {
            f.body_token.is_some_and(|b| {
                self.doc.tokens[b].kind == (TokenKind::MacroBody { terminated: false })
            })
        })
    }

    /// Where the entry's `machine` or `default` keyword stands.
    pub fn position(&self) -> Position {
        self.doc.token_position(self.syntax.head_token)
    }

    fn last_field(&self, pred: impl Fn(Key) -> bool) -> Option<&'a syntax::Field> {
        // Readers assign fields in order, so a repeated keyword's last value wins.
        self.syntax.fields.iter().rev().find(|f| pred(f.key))
    }

    /// The login (`login` or `user`), unquoted; the last one when the entry repeats it. A
    /// login may be a token: show it only where the user asked for it.
    pub fn login(&self) -> Option<String> {
        self.last_field(Key::is_login)
            .map(|f| self.doc.value_of(f.value_token))
    }

    /// The password (`password` or `passwd`), unquoted; the last one when repeated.
    pub fn password(&self) -> Option<Secret> {
        self.last_field(Key::is_password)
            .map(|f| Secret::new(self.doc.value_of(f.value_token)))
    }

    /// The account, unquoted.
    pub fn account(&self) -> Option<String> {
        self.last_field(|k| k == Key::Account)
            .map(|f| self.doc.value_of(f.value_token))
    }

    /// Login, password and account together.
    pub fn credentials(&self) -> Credentials {
        Credentials {
            login: self.login(),
            password: self.password(),
            account: self.account(),
        }
    }

    /// Whether the entry already authenticates with `wanted` (an account that `wanted` does
    /// not name is not compared).
    pub fn matches(&self, wanted: &Credentials) -> bool {
        self.login() == wanted.login
            && self.password() == wanted.password
            && (wanted.account.is_none() || self.account() == wanted.account)
    }
}

/// The whole text, passwords included: it is what gets written to the netrc file, never
/// something to log (`Debug` is the form for that).
impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Document {
    /// Parses a whole netrc; every byte belongs to a token or to the whitespace between them.
    pub fn parse(text: &str) -> Result<Document, ParseError> {
        let parsed = syntax::parse(text)?;
        Ok(Document {
            text: text.to_string(),
            tokens: parsed.tokens,
            entries: parsed.entries,
        })
    }

    /// The text, exactly as parsed or as the last edit left it, passwords included: for
    /// writing the file, never for a message.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Every token, in order (comments and macro bodies included).
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// A token's text as written (quotes and escapes kept). A value token may be a
    /// password: this is not a [`Secret`], so keep it out of messages.
    pub fn raw(&self, token: usize) -> &str {
        &self.text[self.tokens[token].span.clone()]
    }

    /// A token's value: unquoted and unescaped as the readers read it. A value token may be
    /// a password: this is not a [`Secret`] ([`Entry::password`] is), so keep it out of
    /// messages.
    pub fn value_of(&self, token: usize) -> String {
        syntax::unquote(self.raw(token))
    }

    pub(crate) fn token_position(&self, token: usize) -> Position {
        text::position(&self.text, self.tokens[token].span.start)
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> + '_ {
        self.entries
            .iter()
            .enumerate()
            .map(|(index, syntax)| Entry {
                doc: self,
                syntax,
                index,
            })
    }

    /// The entry at `index` (panics when out of range, as slice indexing does).
    pub fn entry(&self, index: usize) -> Entry<'_> {
        Entry {
            doc: self,
            syntax: &self.entries[index],
            index,
        }
    }

    /// The first machine entry for `host`, compared case-insensitively (as curl does).
    pub fn machine(&self, host: &str) -> Option<Entry<'_>> {
        self.entries().find(|e| {
            e.kind() == EntryKind::Machine
                && e.machine().is_some_and(|m| m.eq_ignore_ascii_case(host))
        })
    }

    /// The first `default` entry.
    pub fn default_entry(&self) -> Option<Entry<'_>> {
        self.entries().find(|e| e.kind() == EntryKind::Default)
    }

    /// The first entry `target` names (a machine by its name as written, case-insensitively).
    pub fn find(&self, target: Target<'_>) -> Option<Entry<'_>> {
        match target {
            Target::Machine(host) => self.machine(host),
            Target::Default => self.default_entry(),
        }
    }

    /// curl's lookup: entries in order, and the first that is either a machine matching
    /// `host` (case-insensitively) or `default` wins. curl matches `default` where it stands
    /// (measured with 7.88), so a machine after it is never reached; Python would fall back
    /// to `default` only when no machine matches (`check` reports such files).
    pub fn lookup(&self, host: &str) -> Option<Entry<'_>> {
        self.entries().find(|e| match e.kind() {
            EntryKind::Default => true,
            EntryKind::Machine => e.machine().is_some_and(|m| m.eq_ignore_ascii_case(host)),
            EntryKind::Macro => false,
        })
    }

    /// Start and end bytes of an entry: its first token to the end of its last one.
    pub(super) fn entry_span(&self, index: usize) -> Range<usize> {
        let e = &self.entries[index];
        self.tokens[e.head_token].span.start..self.tokens[e.end_token - 1].span.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untouched_document_is_identical() {
        for t in [
            "",
            "\u{feff}machine a login b password c",
            "# c\r\n\r\nmachine a\r\n\tlogin b\r\n",
        ] {
            assert_eq!(Document::parse(t).unwrap().to_string(), t);
        }
    }

    #[test]
    fn lookup_is_first_match_case_insensitive_then_default() {
        let d = Document::parse(
            "machine GitHub.com login first\nmachine github.com login second\ndefault login any\n",
        )
        .unwrap();
        assert_eq!(
            d.lookup("github.com").unwrap().login().as_deref(),
            Some("first")
        );
        assert_eq!(d.lookup("other").unwrap().login().as_deref(), Some("any"));
    }

    #[test]
    fn default_matches_where_it_stands_as_in_curl() {
        let d = Document::parse(
            "machine x.com login x\ndefault login d\nmachine a.com login a\ndefault login e\n",
        )
        .unwrap();
        let login = |h: &str| d.lookup(h).and_then(|e| e.login());
        assert_eq!(login("x.com").as_deref(), Some("x"));
        assert_eq!(login("a.com").as_deref(), Some("d"));
        assert_eq!(login("other").as_deref(), Some("d"));
    }

    #[test]
    fn debug_of_an_entry_shows_no_values() {
        let d = Document::parse("machine a login user1 password hunter2\n").unwrap();
        let shown = format!("{:?} {:?} {d:?}", d.entry(0), d.entry(0).credentials());
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
