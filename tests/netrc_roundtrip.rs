//! Property tests: the document is lossless, and an added entry is removed without a trace.

use netrc_guard::netrc::{Credentials, Document, Target};
use netrc_guard::secret::Secret;
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

fn value() -> impl Strategy<Value = String> {
    prop_oneof![3 => bare(), 1 => quoted()]
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

fn item() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => entry(),
        1 => "[ \t]{0,2}# [a-z ]{0,10}".prop_map(|c| c),
        1 => Just(String::new()),
    ]
}

/// Valid netrc texts: entries, comments and blank lines, LF or CRLF, with or without a BOM
/// and a final newline.
fn netrc_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(item(), 0..6),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(items, crlf, bom, final_newline)| {
            let mut text = items.join("\n");
            if final_newline && !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
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
        doc.insert(target, &creds).unwrap();
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
        let others: Vec<_> = doc.entries().filter(|e| e.index() != index).map(|e| (e.machine(), e.credentials())).collect();
        let creds = Credentials { login: Some("x".into()), password: Some(Secret::new("y")), account: None };
        doc.replace(index, &creds).unwrap();
        prop_assert!(doc.entry(index).matches(&creds));
        let after: Vec<_> = doc.entries().filter(|e| e.index() != index).map(|e| (e.machine(), e.credentials())).collect();
        prop_assert_eq!(others, after);
    }
}
