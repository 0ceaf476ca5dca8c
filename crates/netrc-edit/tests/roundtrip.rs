//! Property tests of the crate's promise: the document is lossless
//! (`Document::parse(s)?.to_string() == s`), an edit changes only the bytes of its entry (or
//! is refused), and an added entry is removed without a trace.

use netrc_edit::{Credentials, Document, EditError, EntryKind, Secret, Target, UpsertError};
use proptest::prelude::*;

fn space() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![Just(" "), Just("\t"), Just("  "), Just("\n"), Just("\n\t")],
        1..3,
    )
    .prop_map(|v| v.concat())
}

fn bare() -> impl Strategy<Value = String> {
    "[A-Za-z0-9@:%!/._~+=&$*;-]{1,12}"
}

fn quoted() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 #,@\"\\\\]{0,10}".prop_map(|v| {
        let escaped: String = v
            .chars()
            .flat_map(|c| match c {
                '"' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        format!("\"{escaped}\"")
    })
}

/// Keywords as values: curl and Python read `login machine` as the login `machine`.
fn keyword() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("machine"),
        Just("default"),
        Just("macdef"),
        Just("login"),
        Just("password")
    ]
    .prop_map(String::from)
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![6 => bare(), 2 => quoted(), 1 => keyword()]
}

fn field() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("login"),
        Just("password"),
        Just("account"),
        Just("user"),
        Just("passwd"),
        Just("port"),
        Just("protocol")
    ];
    (key, space(), value()).prop_map(|(k, s, v)| format!("{k}{s}{v}"))
}

fn macdef() -> impl Strategy<Value = String> {
    ("[a-z]{1,6}", prop::collection::vec("[a-z /.]{1,12}", 0..3)).prop_map(|(name, lines)| {
        let mut out = format!("macdef {name}\n");
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
        out.push('\n');
        out
    })
}

/// A macro no empty line closes, so it runs to the end of the text and holds whatever
/// follows, entries included, as curl reads it (the issue's file).
fn open_macro() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("cd /pub"),
        Just("machine b.com login v password q"),
        Just("default login x password y"),
        Just("# c"),
    ];
    (
        "[a-z]{1,6}",
        prop::collection::vec(line, 0..3),
        any::<bool>(),
    )
        .prop_map(|(name, lines, final_newline)| {
            let mut out = format!("macdef {name}\n{}", lines.join("\n"));
            if final_newline && !lines.is_empty() {
                out.push('\n');
            }
            out
        })
}

fn entry() -> impl Strategy<Value = String> {
    let head = prop_oneof![
        4 => "[a-z0-9.-]{1,12}".prop_map(|h| format!("machine {h}")),
        1 => Just("default".to_string()),
    ];
    (
        head,
        prop::collection::vec((space(), field()), 0..4),
        prop::option::weighted(0.2, macdef()),
    )
        .prop_map(|(head, fields, mac)| {
            let mut out = head;
            for (s, f) in fields {
                out.push_str(&s);
                out.push_str(&f);
            }
            if let Some(m) = mac {
                out.push('\n');
                out.push_str(&m);
            }
            out
        })
}

/// What separates two items: mostly a new line, sometimes a space (entries sharing a line).
fn separator() -> impl Strategy<Value = &'static str> {
    prop_oneof![4 => Just("\n"), 1 => Just(" ")]
}

fn item() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => entry(),
        1 => "[ \t]{0,2}# [a-z ]{0,10}".prop_map(|c| c),
        1 => Just(String::new()),
    ]
}

/// Valid netrc texts: entries, comments and blank lines, LF or CRLF, with or without a BOM
/// and a final newline, sometimes ending in a lone CR (found by fuzzing: an added entry's LF
/// made a CRLF with it).
fn netrc_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((separator(), item()), 0..6),
        prop::option::weighted(0.25, (separator(), open_macro())),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just(""), Just("\n"), Just("\r")],
    )
        .prop_map(|(mut items, open, crlf, bom, end)| {
            items.extend(open);
            let mut text = String::new();
            let mut after_comment = false;
            for (i, (sep, item)) in items.into_iter().enumerate() {
                if i > 0 {
                    // A comment runs to the end of its line.
                    text.push_str(if after_comment { "\n" } else { sep });
                }
                after_comment = item.trim_start().starts_with('#');
                text.push_str(&item);
            }
            if !text.is_empty() && !text.ends_with('\n') {
                text.push_str(end);
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            if bom {
                text.insert(0, '\u{feff}');
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_then_write_is_the_identity(text in netrc_text()) {
        let doc = Document::parse(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text:?}")))?;
        prop_assert_eq!(doc.to_string(), text);
    }

    #[test]
    fn add_then_remove_restores_the_bytes(text in netrc_text(), default in any::<bool>()) {
        let mut doc = Document::parse(&text).unwrap();
        let creds = Credentials {
            login: Some("new-user".into()),
            password: Some(Secret::new("p@ss:w%rd!/")),
            account: None,
        };
        let target = if default && doc.default_entry().is_none() {
            Target::Default
        } else {
            Target::Machine("added.example")
        };
        let open_macro_at_end = doc.entries().any(|e| e.has_open_macro());
        let default_first = doc.default_entry().map(|d| d.span().start);
        match doc.insert(target, &creds) {
            Err(EditError::OpenMacro { .. }) => {
                // Refused only where the new entry would land in (after) the open macro.
                prop_assert!(open_macro_at_end && (target == Target::Default || default_first.is_none()));
                prop_assert_eq!(doc.to_string(), text);
                return Ok(());
            }
            other => other.unwrap(),
        }
        let added = doc.find(target).expect("the new entry is found");
        prop_assert!(added.matches(&creds));
        let index = added.index();
        doc.remove(index).unwrap();
        prop_assert_eq!(doc.to_string(), text);
    }

    #[test]
    fn replace_changes_only_that_entry(text in netrc_text()) {
        let mut doc = Document::parse(&text).unwrap();
        let Some(index) = doc.entries().position(|e| e.machine().is_some()) else { return Ok(()) };
        let span = doc.entry(index).span();
        let others = semantics_except(&doc, Some(index));
        let creds = Credentials { login: Some("x".into()), password: Some(Secret::new("y")), account: None };
        match doc.replace(index, &creds) {
            Err(EditError::OpenMacro { .. }) => {
                prop_assert!(doc.entry(index).has_open_macro());
                prop_assert_eq!(doc.to_string(), text);
                return Ok(());
            }
            other => other.unwrap(),
        }
        prop_assert!(doc.entry(index).matches(&creds));
        prop_assert_eq!(others, semantics_except(&doc, Some(index)));
        let out = doc.to_string();
        prop_assert!(out.starts_with(&text[..span.start]) && out.ends_with(&text[span.end..]), "{:?} -> {:?}", text, out);
    }

    /// The issue: removing a.com from a file whose macro had no closing empty line wrote an
    /// empty file. For every entry of every file: remove takes the entry's bytes and the
    /// blanks around it (keeping a line break the neighbours need), or refuses, when the
    /// entry's macro is open, and changes nothing.
    #[test]
    fn remove_never_drops_bytes_outside_its_entry(text in netrc_text()) {
        let doc = Document::parse(&text).unwrap();
        for entry in doc.entries().filter(|e| e.kind() != EntryKind::Macro) {
            let index = entry.index();
            let span = entry.span();
            let mut edited = doc.clone();
            match edited.remove(index) {
                Err(EditError::OpenMacro { .. }) => {
                    prop_assert!(entry.has_open_macro(), "refused {:?} in {:?}", span, text);
                    prop_assert_eq!(edited.to_string(), text.clone());
                    continue;
                }
                other => other.unwrap(),
            }
            prop_assert!(!entry.has_open_macro());
            let out = edited.to_string();
            prop_assert!(
                removed_only(&text, span.clone(), &out),
                "entry {:?} of {:?} gave {:?}", span, text, out
            );
            prop_assert_eq!(semantics_except(&doc, Some(index)), semantics_except(&edited, None));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A batch upsert (scrub moving many credentials at once, in one splice and one parse)
    /// writes exactly what the same upserts one by one write, or refuses all of them and
    /// changes nothing.
    #[test]
    fn a_batch_upsert_equals_upserts_one_by_one(
        text in netrc_text(),
        hosts in prop::collection::btree_set("[a-e]\\.example", 1..5),
        force in any::<bool>(),
    ) {
        let doc = Document::parse(&text).unwrap();
        let items: Vec<(Target<'_>, Credentials)> = hosts
            .iter()
            .map(|h| (Target::Machine(h), Credentials {
                login: Some(format!("u-{h}")),
                password: Some(Secret::new("p@ss")),
                account: None,
            }))
            .collect();
        let mut batch = doc.clone();
        let batched = batch.upsert_all(&items, force);
        let mut one_by_one = doc.clone();
        let singly: Result<Vec<_>, UpsertError> = items
            .iter()
            .map(|(t, c)| one_by_one.upsert(*t, c, force))
            .collect();
        match (batched, singly) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a, b);
                prop_assert_eq!(batch.to_string(), one_by_one.to_string());
            }
            (Err(_), Err(_)) => prop_assert_eq!(batch.to_string(), text),
            (a, b) => prop_assert!(false, "batch {:?} but one by one {:?} for {:?}", a, b, text),
        }
    }
}

/// What each entry means, in order: kind, machine and credentials.
fn semantics_except(
    doc: &Document,
    skip: Option<usize>,
) -> Vec<(EntryKind, Option<String>, Credentials)> {
    doc.entries()
        .filter(|e| Some(e.index()) != skip)
        .map(|e| (e.kind(), e.machine(), e.credentials()))
        .collect()
}

/// Whether `out` is `text` with `entry` and only blanks around it cut out, the cut replaced
/// by nothing or by one line break.
fn removed_only(text: &str, entry: std::ops::Range<usize>, out: &str) -> bool {
    let blank = |b: u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let bytes = text.as_bytes();
    let mut left = entry.start;
    while left > 0 && blank(bytes[left - 1]) {
        left -= 1;
    }
    let mut right = entry.end;
    while right < bytes.len() && blank(bytes[right]) {
        right += 1;
    }
    let common = text
        .bytes()
        .zip(out.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    (left..=common.min(entry.start)).any(|cut| {
        ["", "\n", "\r\n"].iter().any(|line_break| {
            let rest = &out[cut..];
            let Some(tail) = rest.strip_prefix(line_break) else {
                return false;
            };
            let Some(end) = text.len().checked_sub(tail.len()) else {
                return false;
            };
            (entry.end..=right).contains(&end) && text.ends_with(tail)
        })
    })
}
