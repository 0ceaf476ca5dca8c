//! Edits of a netrc document: each splices new text into the spans it touches, parses the
//! result again and keeps it only if every token outside the edited entry is unchanged.

use std::fmt;
use std::ops::Range;

use super::document::{Credentials, Document, Target};
use super::syntax::{self, EntryKind, Key, ParseError, TokenKind};
use super::value;
use crate::secret::Secret;
use crate::text::Position;

/// Why an edit could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// A value that no reader can be given.
    ControlCharacter {
        /// The field, as messages name it (`login`, `password`, ...).
        field: &'static str,
    },
    /// A value curl would read as a keyword (see [`value::curl_reads_as_keyword`]).
    Keyword {
        /// The field, as messages name it (`login`, `password`, ...).
        field: &'static str,
    },
    /// The edit would touch a macro that no empty line closes: where it ends, and so what
    /// belongs to which entry, is ambiguous (curl reads every later line as the macro,
    /// Python refuses the file).
    OpenMacro {
        /// The `macdef` that opens it.
        at: Position,
    },
    /// The edited text no longer parses (a bug; reported rather than written).
    Reparse(ParseError),
    /// The edit would change text outside the entry it is for (a bug; reported rather
    /// than written).
    Outside,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::ControlCharacter { field } => write!(
                f,
                "the {field} contains a control character, which no netrc reader can read"
            ),
            EditError::Keyword { field } => write!(
                f,
                "the {field} is a netrc keyword, which curl reads as that keyword when it looks up other hosts, quoted or not, so no netrc can hold it safely; nothing changed"
            ),
            EditError::OpenMacro { at } => write!(
                f,
                "{at}: the macro (`macdef`) there is not closed by an empty line, so it is ambiguous where it ends: curl reads every line after it as part of the macro and Python refuses the file; add an empty line where the macro ends, then try again; nothing changed"
            ),
            EditError::Reparse(e) => write!(
                f,
                "internal error: an edit produced text that does not parse ({e}); nothing changed"
            ),
            EditError::Outside => write!(
                f,
                "internal error: the edit would change text outside its entry; nothing changed"
            ),
        }
    }
}

impl std::error::Error for EditError {}

impl Document {
    /// The line ending new lines get: the file's own (CRLF if its first line ends so).
    fn newline(&self) -> &'static str {
        newline_of(&self.text)
    }

    fn span(&self, token: usize) -> Range<usize> {
        self.tokens[token].span.clone()
    }

    /// Where a macro that no empty line closes starts (its `macdef`), and its line. It runs
    /// to the end of the text, so there is at most one.
    fn open_macro(&self) -> Option<(usize, Position)> {
        let field = self.entries.iter().flat_map(|e| &e.fields).find(|f| {
            f.body_token.is_some_and(|b| {
                self.tokens[b].kind == (TokenKind::MacroBody { terminated: false })
            })
        })?;
        Some((
            self.tokens[field.key_token].span.start,
            self.token_position(field.key_token),
        ))
    }

    /// Whether byte `at` lies inside a macro body (the only tokens that hold newlines).
    fn in_macro_body(&self, at: usize) -> bool {
        self.tokens
            .iter()
            .any(|t| matches!(t.kind, TokenKind::MacroBody { .. }) && t.span.contains(&at))
    }

    /// Every token outside the entries `skip`: kind and text.
    fn tokens_outside(&self, skip: &[usize]) -> Vec<(TokenKind, &str)> {
        let mut skipped = vec![false; self.tokens.len()];
        for &i in skip {
            let e = &self.entries[i];
            skipped[e.head_token..e.end_token].fill(true);
        }
        self.tokens
            .iter()
            .zip(skipped)
            .filter(|(_, skip)| !skip)
            .map(|(t, _)| (t.kind, &self.text[t.span.clone()]))
            .collect()
    }

    /// Splices `edits` into the text for the entry `touched`, and keeps the result only if
    /// every token outside that entry is still there, unchanged and in order.
    pub(super) fn apply(
        &mut self,
        edits: Vec<(Range<usize>, String)>,
        touched: Touched,
    ) -> Result<(), EditError> {
        if let Some((open_start, at)) = self.open_macro()
            && edits
                .iter()
                .any(|(r, _)| r.start >= open_start || r.end > open_start)
        {
            return Err(EditError::OpenMacro { at });
        }
        // Back to front; at one offset a removal before an insertion, and insertions in
        // reverse so they end up in the order they were made.
        let mut edits: Vec<_> = edits.into_iter().enumerate().collect();
        edits.sort_by_key(|(i, (r, _))| std::cmp::Reverse((r.start, r.end, *i)));
        let mut text = self.text.clone();
        for (_, (range, replacement)) in edits {
            text.replace_range(range, &replacement);
        }
        let edited = Document::parse(&text).map_err(EditError::Reparse)?;
        let mut after = touched.after_indices.clone();
        let index = edited.target_index();
        for key in &touched.after_targets {
            after.push(index.get(key).ok_or(EditError::Outside)?);
        }
        if self.tokens_outside(&touched.before) != edited.tokens_outside(&after) {
            return Err(EditError::Outside);
        }
        *self = edited;
        Ok(())
    }

    /// The first entry of each machine (by lower-case name) and the first `default`, as
    /// [`Document::find`] would find them, for many look-ups at once.
    pub(super) fn target_index(&self) -> TargetIndex {
        let mut index = TargetIndex::default();
        for e in self.entries() {
            match e.kind() {
                EntryKind::Machine => {
                    if let Some(m) = e.machine() {
                        index
                            .machines
                            .entry(m.to_ascii_lowercase())
                            .or_insert(e.index());
                    }
                }
                EntryKind::Default => {
                    index.default.get_or_insert(e.index());
                }
                EntryKind::Macro => {}
            }
        }
        index
    }

    /// Adds a new entry. A machine goes before `default` (readers stop at or after it);
    /// otherwise the entry is appended, in the portable one-line form.
    pub fn insert(&mut self, target: Target<'_>, creds: &Credentials) -> Result<(), EditError> {
        let body = render(target, creds)?;
        let edit = self.insertion(&[body], matches!(target, Target::Machine(_)));
        let touched = Touched {
            after_targets: vec![key_of(target)],
            ..Touched::default()
        };
        self.apply(vec![edit], touched)
    }

    /// The edit that adds the entries `bodies` (one line each): machines before `default`,
    /// anything else at the end.
    pub(super) fn insertion(&self, bodies: &[String], machines: bool) -> Edit {
        let nl = self.newline();
        let default_start = if machines {
            self.default_entry()
                .map(|d| self.tokens[d.syntax().head_token].span.start)
        } else {
            None
        };
        if let Some(at) = default_start {
            let line_start = line_start(&self.text, at);
            if is_blank(&self.text[line_start..at]) {
                let lines: String = bodies.iter().map(|b| format!("{b}{nl}")).collect();
                (line_start..line_start, lines)
            } else {
                // `default` shares its line with an earlier entry: stay on that line.
                let words: String = bodies.iter().map(|b| format!("{b} ")).collect();
                (at..at, words)
            }
        } else {
            // After a macro no empty line closes, the new entry would be part of the macro:
            // `apply` refuses that.
            let end = self.text.len();
            let content = self.text.strip_prefix(syntax::BOM).unwrap_or(&self.text);
            let text = if content.is_empty() || self.text.ends_with('\n') {
                bodies.iter().map(|b| format!("{b}{nl}")).collect()
            } else {
                // The file has no final newline; keep that style so remove can undo this.
                // The first line break added may set the file's style (a text with none, or
                // one ending in a lone CR): later ones follow it, as added one by one.
                let later = if self.text.contains('\n') {
                    nl
                } else {
                    newline_of(&format!("{}{nl}", self.text))
                };
                let mut added = String::new();
                for (i, b) in bodies.iter().enumerate() {
                    added.push_str(if i == 0 { nl } else { later });
                    added.push_str(b);
                }
                added
            };
            (end..end, text)
        }
    }

    /// Sets the entry's login and password to exactly `creds` (absent ones are removed) and
    /// its account if `creds` names one, replacing values in place so the entry keeps its
    /// position and layout.
    pub fn replace(&mut self, index: usize, creds: &Credentials) -> Result<(), EditError> {
        let edits = self.replacement(index, creds)?;
        let touched = Touched {
            before: vec![index],
            after_indices: vec![index],
            ..Touched::default()
        };
        self.apply(edits, touched)
    }

    /// The edits that give entry `index` exactly `creds` (see [`Document::replace`]).
    pub(super) fn replacement(
        &self,
        index: usize,
        creds: &Credentials,
    ) -> Result<Vec<Edit>, EditError> {
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
                    check_value(keyword, v)?;
                    // Earlier duplicates would be overridden anyway; give them the value too
                    // so no stale secret stays in the file.
                    for f in &fields {
                        edits.push((self.span(f.value_token), value::encode(v)));
                    }
                    anchor = last.value_token;
                }
                (Some(v), None) => {
                    check_value(keyword, v)?;
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
        Ok(edits)
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
        let nl = self.newline();
        let ls = line_start(text, start);
        let before_blank = is_blank(&text[ls..start]);
        // A macro body ends with its empty line, so the entry ends at a line start.
        let ends_line = text.as_bytes()[end - 1] == b'\n';
        let (le, after_blank) = if ends_line {
            (end, true)
        } else {
            let le = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            (le, text[end..le].trim().is_empty())
        };
        let edit = if before_blank && after_blank {
            let last_line_unterminated = le == text.len() && !text.ends_with('\n');
            if last_line_unterminated && text[..ls].ends_with('\n') && !self.in_macro_body(ls - 1) {
                // Last line without a final newline: take the newline before it instead, as
                // `insert` wrote it for the text before it (a lone CR there stays: it is not
                // half of a CRLF that insert wrote).
                let nl_start = ls - newline_of(&text[..ls - 1]).len();
                (nl_start..le, String::new())
            } else {
                (ls..le, String::new())
            }
        } else if after_blank {
            // Something precedes the entry on its first line: cut from the end of that, and
            // keep the line break the entry's macro ended with.
            let kept = text[ls..start].trim_end_matches([' ', '\t']).len();
            let line_break = if ends_line { nl } else { "" };
            (ls + kept..end, line_break.to_string())
        } else {
            // Something follows on the last line: cut up to it.
            let gap = text[end..]
                .find(|c: char| c != ' ' && c != '\t')
                .unwrap_or(0);
            (start..end + gap, String::new())
        };
        let touched = Touched {
            before: vec![index],
            ..Touched::default()
        };
        self.apply(vec![edit], touched)
    }
}

/// A splice: the bytes to replace and their replacement.
pub(super) type Edit = (Range<usize>, String);

/// The entries an edit is for, so that `apply` can check nothing else changed: their
/// indices before the edit, and after it by index (when none moved) or by target.
#[derive(Default)]
pub(super) struct Touched {
    pub(super) before: Vec<usize>,
    pub(super) after_indices: Vec<usize>,
    pub(super) after_targets: Vec<TargetKey>,
}

/// A target that owns its name: `None` for `default`, else the lower-case machine name.
pub(super) type TargetKey = Option<String>;

pub(super) fn key_of(target: Target<'_>) -> TargetKey {
    match target {
        Target::Machine(host) => Some(host.to_ascii_lowercase()),
        Target::Default => None,
    }
}

/// First entries by target, for many look-ups at once.
#[derive(Default)]
pub(super) struct TargetIndex {
    machines: std::collections::HashMap<String, usize>,
    default: Option<usize>,
}

impl TargetIndex {
    pub(super) fn get(&self, key: &TargetKey) -> Option<usize> {
        match key {
            Some(host) => self.machines.get(host).copied(),
            None => self.default,
        }
    }
}

/// keyword, which keys it covers, the wanted value, whether to remove it when absent.
type FieldEdit<'a> = (&'static str, fn(Key) -> bool, Option<&'a str>, bool);

/// Refuses a value no reader can be given, or one curl would read as a keyword.
fn check_value(field: &'static str, value: &str) -> Result<(), EditError> {
    if value::classify(value).is_err() {
        return Err(EditError::ControlCharacter { field });
    }
    if value::curl_reads_as_keyword(value, field != "account") {
        return Err(EditError::Keyword { field });
    }
    Ok(())
}

/// `machine HOST login L password P account A` on one line, as every reader reads it.
pub(super) fn render(target: Target<'_>, creds: &Credentials) -> Result<String, EditError> {
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
            check_value(keyword, v)?;
            out.push(' ');
            out.push_str(keyword);
            out.push(' ');
            out.push_str(&value::encode(v));
        }
    }
    Ok(out)
}

/// The line ending new lines get in `text`: its own (CRLF if its first line ends so).
fn newline_of(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
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
pub(crate) mod tests {
    use super::*;

    /// A login and password, as the edits' tests write them.
    pub(crate) fn creds(login: &str, password: &str) -> Credentials {
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
    fn remove_refuses_an_entry_whose_macro_is_not_closed() {
        // The file: without an empty line after `cd /pub`, curl reads `machine b.com`
        // as part of the macro; removing a.com used to remove everything.
        let text = "machine a.com login u password p\nmacdef init\ncd /pub\nmachine b.com login v password q";
        let mut d = Document::parse(text).unwrap();
        assert_eq!(
            d.remove(0),
            Err(EditError::OpenMacro {
                at: Position { line: 2, column: 1 }
            })
        );
        assert_eq!(d.to_string(), text);
        let message = EditError::OpenMacro {
            at: Position { line: 2, column: 1 },
        }
        .to_string();
        assert!(message.starts_with("2:1: ") && message.contains("empty line"));
    }

    #[test]
    fn edits_after_an_open_macro_are_refused_and_before_it_allowed() {
        let text = "machine a.com login u password p\nmachine m.com macdef init\ncd /pub\n";
        let mut d = Document::parse(text).unwrap();
        let err = d.insert(Target::Machine("h"), &creds("u", "p"));
        assert_eq!(
            err,
            Err(EditError::OpenMacro {
                at: Position {
                    line: 2,
                    column: 15
                }
            })
        );
        assert_eq!(d.to_string(), text);
        // The entry that holds the macro: its values come before the macro, so they can change.
        d.replace(1, &creds("x", "y")).unwrap();
        assert_eq!(
            d.to_string(),
            "machine a.com login u password p\nmachine m.com login x password y macdef init\ncd /pub\n"
        );
        d.remove(0).unwrap();
        assert!(d.to_string().starts_with("machine m.com login x"));
        assert_eq!(
            d.remove(0),
            Err(EditError::OpenMacro {
                at: Position {
                    line: 1,
                    column: 34
                }
            })
        );
    }

    #[test]
    fn remove_keeps_the_line_break_a_shared_line_needs() {
        assert_eq!(
            remove(
                "machine a login b machine x macdef m\nbody\n\nmachine c login d\n",
                "x"
            ),
            "machine a login b\nmachine c login d\n"
        );
        assert_eq!(
            remove("machine a macdef m\nx\n\nmachine h login u", "h"),
            "machine a macdef m\nx\n\n"
        );
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
    fn values_curl_reads_as_keywords_are_refused() {
        let mut d = Document::parse("machine a login u password p\n").unwrap();
        for (login, password) in [("machine", "p"), ("u", "Default"), ("u", "macdef")] {
            let c = creds(login, password);
            let field = if login == "u" { "password" } else { "login" };
            assert_eq!(
                d.insert(Target::Machine("h"), &c),
                Err(EditError::Keyword { field })
            );
            assert_eq!(d.replace(0, &c), Err(EditError::Keyword { field }));
        }
        let with_account = Credentials {
            account: Some("login".into()),
            ..creds("u", "p")
        };
        assert_eq!(
            d.insert(Target::Default, &with_account),
            Err(EditError::Keyword { field: "account" })
        );
        d.insert(Target::Machine("h"), &creds("login", "password"))
            .unwrap();
        assert_eq!(
            d.to_string().lines().nth(1),
            Some("machine h login login password password")
        );
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
}
