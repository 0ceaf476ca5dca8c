//! The netrc document: the original text plus the span of every token in it.
//!
//! Like toml_edit's documents, this one is lossless by construction: `to_string()` returns
//! the text it was parsed from, and each edit splices new text into the spans it touches and
//! parses the result again, so comments, blank lines, indentation, line endings and the order
//! of entries outside the edit stay byte-identical.

use std::fmt;
use std::ops::Range;

use super::syntax::{self, EntryKind, EntrySyntax, Key, ParseError, Position, Token, TokenKind};
use super::value;
use crate::secret::Secret;

#[derive(Clone)]
pub struct Document {
    text: String,
    tokens: Vec<Token>,
    entries: Vec<EntrySyntax>,
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
    pub login: Option<String>,
    pub password: Option<Secret>,
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
    Machine(&'a str),
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
    pub fn index(&self) -> usize {
        self.index
    }

    pub fn kind(&self) -> EntryKind {
        self.syntax.kind
    }

    pub fn syntax(&self) -> &'a EntrySyntax {
        self.syntax
    }

    /// The machine name as written (unquoted); `None` for `default` and top-level macros.
    pub fn machine(&self) -> Option<String> {
        self.syntax.name_token.map(|t| self.doc.value_of(t))
    }

    /// Where the entry's `machine` or `default` keyword stands.
    pub fn position(&self) -> Position {
        self.doc.token_position(self.syntax.head_token)
    }

    fn last_field(&self, pred: impl Fn(Key) -> bool) -> Option<&'a syntax::Field> {
        // Readers assign fields in order, so a repeated keyword's last value wins.
        self.syntax.fields.iter().rev().find(|f| pred(f.key))
    }

    pub fn login(&self) -> Option<String> {
        self.last_field(Key::is_login)
            .map(|f| self.doc.value_of(f.value_token))
    }

    pub fn password(&self) -> Option<Secret> {
        self.last_field(Key::is_password)
            .map(|f| Secret::new(self.doc.value_of(f.value_token)))
    }

    pub fn account(&self) -> Option<String> {
        self.last_field(|k| k == Key::Account)
            .map(|f| self.doc.value_of(f.value_token))
    }

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

/// Why an edit could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// A value that no reader can be given.
    ControlCharacter { field: &'static str },
    /// The edited text no longer parses (a bug; reported rather than written).
    Reparse(ParseError),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::ControlCharacter { field } => write!(
                f,
                "the {field} contains a control character, which no netrc reader can read"
            ),
            EditError::Reparse(e) => write!(
                f,
                "internal error: an edit produced text that does not parse ({e})"
            ),
        }
    }
}

impl std::error::Error for EditError {}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Document {
    pub fn parse(text: &str) -> Result<Document, ParseError> {
        let parsed = syntax::parse(text)?;
        Ok(Document {
            text: text.to_string(),
            tokens: parsed.tokens,
            entries: parsed.entries,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    pub fn raw(&self, token: usize) -> &str {
        &self.text[self.tokens[token].span.clone()]
    }

    pub fn value_of(&self, token: usize) -> String {
        syntax::unquote(self.raw(token))
    }

    pub fn token_position(&self, token: usize) -> Position {
        syntax::position(&self.text, self.tokens[token].span.start)
    }

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

    pub fn default_entry(&self) -> Option<Entry<'_>> {
        self.entries().find(|e| e.kind() == EntryKind::Default)
    }

    pub fn find(&self, target: Target<'_>) -> Option<Entry<'_>> {
        match target {
            Target::Machine(host) => self.machine(host),
            Target::Default => self.default_entry(),
        }
    }

    /// curl's lookup: the first matching machine, else `default`.
    pub fn lookup(&self, host: &str) -> Option<Entry<'_>> {
        self.machine(host).or_else(|| self.default_entry())
    }

    /// The line ending new lines get: the file's own (CRLF if its first line ends so).
    fn newline(&self) -> &'static str {
        match self.text.find('\n') {
            Some(i) if i > 0 && self.text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }

    fn span(&self, token: usize) -> Range<usize> {
        self.tokens[token].span.clone()
    }

    /// Start and end bytes of an entry: its first token to the end of its last one.
    fn entry_span(&self, index: usize) -> Range<usize> {
        let e = &self.entries[index];
        self.tokens[e.head_token].span.start..self.tokens[e.end_token - 1].span.end
    }

    fn apply(&mut self, edits: Vec<(Range<usize>, String)>) -> Result<(), EditError> {
        // Back to front; at one offset a removal before an insertion, and insertions in
        // reverse so they end up in the order they were made.
        let mut edits: Vec<_> = edits.into_iter().enumerate().collect();
        edits.sort_by_key(|(i, (r, _))| std::cmp::Reverse((r.start, r.end, *i)));
        let mut text = self.text.clone();
        for (_, (range, replacement)) in edits {
            text.replace_range(range, &replacement);
        }
        *self = Document::parse(&text).map_err(EditError::Reparse)?;
        Ok(())
    }

    /// Adds a new entry. A machine goes before `default` (readers stop at or after it);
    /// otherwise the entry is appended, in the portable one-line form.
    pub fn insert(&mut self, target: Target<'_>, creds: &Credentials) -> Result<(), EditError> {
        let body = render(target, creds)?;
        let nl = self.newline();
        let default_start = match target {
            Target::Machine(_) => self
                .default_entry()
                .map(|d| self.tokens[d.syntax.head_token].span.start),
            Target::Default => None,
        };
        let edit = if let Some(at) = default_start {
            let line_start = line_start(&self.text, at);
            if is_blank(&self.text[line_start..at]) {
                (line_start..line_start, format!("{body}{nl}"))
            } else {
                // `default` shares its line with an earlier entry: stay on that line.
                (at..at, format!("{body} "))
            }
        } else {
            let end = self.text.len();
            let content = self.text.strip_prefix(syntax::BOM).unwrap_or(&self.text);
            let ends_in_open_macro = self.tokens.last().is_some_and(|t| {
                t.kind == (TokenKind::MacroBody { terminated: false }) && t.span.end == end
            });
            let text = if ends_in_open_macro {
                // Without an empty line the new entry would become part of the macro.
                if self.text.ends_with('\n') {
                    format!("{nl}{body}{nl}")
                } else {
                    format!("{nl}{nl}{body}{nl}")
                }
            } else if content.is_empty() || self.text.ends_with('\n') {
                format!("{body}{nl}")
            } else {
                // The file has no final newline; keep that style so remove can undo this.
                format!("{nl}{body}")
            };
            (end..end, text)
        };
        self.apply(vec![edit])
    }

    /// Sets the entry's login and password to exactly `creds` (absent ones are removed) and
    /// its account if `creds` names one, replacing values in place so the entry keeps its
    /// position and layout.
    pub fn replace(&mut self, index: usize, creds: &Credentials) -> Result<(), EditError> {
        let entry = &self.entries[index];
        let mut edits = Vec::new();
        // Where an inserted field goes: after the value it follows in `login password account`.
        let mut anchor = entry.name_token.unwrap_or(entry.head_token);
        let wanted: [FieldEdit<'_>; 3] = [
            ("login", Key::is_login, creds.login.as_deref(), true),
            (
                "password",
                Key::is_password,
                creds.password.as_ref().map(Secret::expose),
                true,
            ),
            (
                "account",
                |k| k == Key::Account,
                creds.account.as_deref(),
                false,
            ),
        ];
        for (keyword, is_key, value, remove_if_absent) in wanted {
            let fields: Vec<_> = entry.fields.iter().filter(|f| is_key(f.key)).collect();
            match (value, fields.last()) {
                (Some(v), Some(last)) => {
                    check_control(keyword, v)?;
                    // Earlier duplicates would be overridden anyway; give them the value too
                    // so no stale secret stays in the file.
                    for f in &fields {
                        edits.push((self.span(f.value_token), value::encode(v)));
                    }
                    anchor = last.value_token;
                }
                (Some(v), None) => {
                    check_control(keyword, v)?;
                    let at = self.span(anchor).end;
                    edits.push((at..at, format!(" {keyword} {}", value::encode(v))));
                }
                (None, Some(_)) if remove_if_absent => {
                    for f in &fields {
                        let start = self.previous_token_end(f.key_token);
                        edits.push((start..self.span(f.value_token).end, String::new()));
                    }
                }
                (None, _) => {}
            }
        }
        self.apply(edits)
    }

    /// End of the token before `token` (or the start of `token` if it is the first).
    fn previous_token_end(&self, token: usize) -> usize {
        if token == 0 {
            self.tokens[0].span.start
        } else {
            self.tokens[token - 1].span.end
        }
    }

    /// Removes an entry and the lines it occupied alone; text it shares a line with stays.
    pub fn remove(&mut self, index: usize) -> Result<(), EditError> {
        let Range { start, end } = self.entry_span(index);
        let text = &self.text;
        let ls = line_start(text, start);
        let before_blank = is_blank(&text[ls..start]);
        let (le, after_blank) = if end > 0 && text.as_bytes()[end - 1] == b'\n' {
            (end, true) // a macro body ends with its empty line
        } else {
            let le = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            (le, text[end..le].trim().is_empty())
        };
        let range = if before_blank && after_blank {
            if le == text.len() && !text.ends_with('\n') && text[..ls].ends_with('\n') {
                // Last line without a final newline: take the newline before it instead.
                let nl_start = if text[..ls].ends_with("\r\n") {
                    ls - 2
                } else {
                    ls - 1
                };
                nl_start..le
            } else {
                ls..le
            }
        } else if after_blank {
            // Something precedes the entry on its first line: cut from the end of that.
            let kept = text[ls..start].trim_end_matches([' ', '\t']).len();
            ls + kept..end
        } else {
            // Something follows on the last line: cut up to it.
            let gap = text[end..]
                .find(|c: char| c != ' ' && c != '\t')
                .unwrap_or(0);
            start..end + gap
        };
        self.apply(vec![(range, String::new())])
    }
}

/// keyword, which keys it covers, the wanted value, whether to remove it when absent.
type FieldEdit<'a> = (&'static str, fn(Key) -> bool, Option<&'a str>, bool);

fn check_control(field: &'static str, value: &str) -> Result<(), EditError> {
    match value::classify(value) {
        Err(value::ControlCharacter) => Err(EditError::ControlCharacter { field }),
        Ok(_) => Ok(()),
    }
}

/// `machine HOST login L password P account A` on one line, as every reader reads it.
fn render(target: Target<'_>, creds: &Credentials) -> Result<String, EditError> {
    let mut out = match target {
        Target::Machine(host) => format!("machine {}", value::encode(host)),
        Target::Default => "default".to_string(),
    };
    let fields = [
        ("login", creds.login.as_deref()),
        ("password", creds.password.as_ref().map(Secret::expose)),
        ("account", creds.account.as_deref()),
    ];
    for (keyword, value) in fields {
        if let Some(v) = value {
            check_control(keyword, v)?;
            out.push(' ');
            out.push_str(keyword);
            out.push(' ');
            out.push_str(&value::encode(v));
        }
    }
    Ok(out)
}

/// Start of the line holding `at`; the first line starts after a byte-order mark.
fn line_start(text: &str, at: usize) -> usize {
    match text[..at].rfind('\n') {
        Some(i) => i + 1,
        None if text.starts_with(syntax::BOM) && at >= syntax::BOM.len() => syntax::BOM.len(),
        None => 0,
    }
}

fn is_blank(s: &str) -> bool {
    s.bytes().all(|b| b == b' ' || b == b'\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(login: &str, password: &str) -> Credentials {
        Credentials {
            login: Some(login.into()),
            password: Some(Secret::new(password)),
            account: None,
        }
    }

    fn add(text: &str, host: &str) -> String {
        let mut d = Document::parse(text).unwrap();
        d.insert(Target::Machine(host), &creds("u", "p")).unwrap();
        d.to_string()
    }

    fn remove(text: &str, host: &str) -> String {
        let mut d = Document::parse(text).unwrap();
        let i = d.machine(host).unwrap().index();
        d.remove(i).unwrap();
        d.to_string()
    }

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
    fn insert_goes_before_default_and_remove_undoes_it() {
        let cases = [
            ("", "machine h login u password p\n"),
            (
                "machine a login b password c\n",
                "machine a login b password c\nmachine h login u password p\n",
            ),
            (
                "machine a login b password c",
                "machine a login b password c\nmachine h login u password p",
            ),
            (
                "machine a login b\ndefault login x\n",
                "machine a login b\nmachine h login u password p\ndefault login x\n",
            ),
            (
                "machine a login b default login x\n",
                "machine a login b machine h login u password p default login x\n",
            ),
            (
                "machine a\r\n  login b\r\n",
                "machine a\r\n  login b\r\nmachine h login u password p\r\n",
            ),
        ];
        for (before, after) in cases {
            assert_eq!(add(before, "h"), after, "{before:?}");
            assert_eq!(remove(after, "h"), before, "{after:?}");
        }
    }

    #[test]
    fn insert_after_an_open_macro_closes_it() {
        let out = add("machine a macdef m\ncd /\n", "h");
        assert_eq!(
            out,
            "machine a macdef m\ncd /\n\nmachine h login u password p\n"
        );
        let d = Document::parse(&out).unwrap();
        assert_eq!(d.machine("h").unwrap().login().as_deref(), Some("u"));
    }

    #[test]
    fn remove_keeps_neighbours_and_comments() {
        let text = "# mine\nmachine a login b password c\n\n# theirs\nmachine x\n  login y\n  password z\nmachine d login e\n";
        assert_eq!(
            remove(text, "x"),
            "# mine\nmachine a login b password c\n\n# theirs\nmachine d login e\n"
        );
        assert_eq!(
            remove("machine a login b machine x login y\n", "x"),
            "machine a login b\n"
        );
        assert_eq!(
            remove("machine x login y machine a login b\n", "x"),
            "machine a login b\n"
        );
        assert_eq!(
            remove(
                "machine x login y\nmacdef m\nbody\n\nmachine a login b\n",
                "x"
            ),
            "machine a login b\n"
        );
    }

    #[test]
    fn replace_keeps_layout() {
        let mut d =
            Document::parse("# c\nmachine A\n    login old   # note\n    password \"o ld\"\n")
                .unwrap();
        d.replace(0, &creds("new", "n3w")).unwrap();
        assert_eq!(
            d.to_string(),
            "# c\nmachine A\n    login new   # note\n    password n3w\n"
        );
        let mut d = Document::parse("machine a login old password p\n").unwrap();
        d.replace(
            0,
            &Credentials {
                login: Some("TOK".into()),
                password: None,
                account: Some("acct".into()),
            },
        )
        .unwrap();
        assert_eq!(d.to_string(), "machine a login TOK account acct\n");
        let mut d = Document::parse("machine a\n").unwrap();
        d.replace(0, &creds("u", "p")).unwrap();
        assert_eq!(d.to_string(), "machine a login u password p\n");
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
    fn control_characters_are_refused_and_nothing_changes() {
        let mut d = Document::parse("").unwrap();
        let err = d
            .insert(Target::Machine("h"), &creds("u", "a\nb"))
            .unwrap_err();
        assert_eq!(err, EditError::ControlCharacter { field: "password" });
        assert_eq!(d.to_string(), "");
    }

    #[test]
    fn debug_of_an_entry_shows_no_values() {
        let d = Document::parse("machine a login user1 password hunter2\n").unwrap();
        let shown = format!("{:?} {:?} {d:?}", d.entry(0), d.entry(0).credentials());
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
