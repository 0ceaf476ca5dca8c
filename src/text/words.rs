//! Words around names in messages: `a` or `an` before a scheme, service or encoding name,
//! chosen by how the name is said ("an s3 credential", "an ssh URI", "a redis URI"), and
//! a count with its noun in the number it calls for ("1 credential", "2 credentials").

/// Names said letter by letter although they hold a vowel (the rest are said as letters
/// when their first part has no vowel: `ftp`, `ssh`, `s3`, `hg`, `svn`).
const SAID_AS_LETTERS: &[&str] = &[
    "amqp", "amqps", "ldap", "ldaps", "ocsp", "utf", "uri", "url", "ucs",
];

/// Letters whose name starts with a vowel sound: eff, aitch, ell, em, en, ar, ess, ex...
const VOWEL_SOUND_LETTERS: &str = "aefhilmnorsx";

/// `a` or `an` before `name`, as the name is said.
pub(crate) fn a_or_an(name: &str) -> &'static str {
    let lower = name.to_ascii_lowercase();
    let first: String = lower
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let Some(initial) = lower.chars().next() else {
        return "a";
    };
    if initial.is_ascii_digit() {
        // Eight, eleven, eighteen, eighty...: the only numbers said with a vowel first.
        let eleven = lower.starts_with("11") || lower.starts_with("18");
        let digits = lower.chars().take_while(char::is_ascii_digit).count();
        return if initial == '8' || (eleven && matches!(digits, 2 | 5 | 8)) {
            "an"
        } else {
            "a"
        };
    }
    let letters = first.is_empty()
        || !first.contains(['a', 'e', 'i', 'o', 'u', 'y'])
        || SAID_AS_LETTERS.contains(&first.as_str());
    let vowel_sound = if letters {
        VOWEL_SOUND_LETTERS.contains(initial)
    } else {
        // Words: a vowel, except a "u" said "you" (unix, uni-, use-).
        matches!(initial, 'a' | 'e' | 'i' | 'o')
            || (initial == 'u'
                && !["uni", "usa", "use", "usu", "uti"]
                    .iter()
                    .any(|p| first.starts_with(p)))
    };
    if vowel_sound { "an" } else { "a" }
}

/// `name` after its article: `an s3`, `a redis`.
pub(crate) fn with_article(name: &str) -> String {
    format!("{} {name}", a_or_an(name))
}

/// `count` and `noun` in the number the count calls for: `1 credential`, `2 credentials`.
/// `noun` is the singular; its plural adds `s` (or `es` after s, sh, ch, x).
pub(crate) fn counted(count: usize, noun: &str) -> String {
    format!("{count} {}", number(count, noun))
}

/// `noun` in the number `count` calls for, without the count.
pub(crate) fn number(count: usize, noun: &str) -> String {
    if count == 1 {
        noun.to_string()
    } else if ["s", "sh", "ch", "x"].iter().any(|end| noun.ends_with(end)) {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_follows_how_the_name_is_said() {
        for (name, article) in [
            ("s3", "an"),
            ("ssh", "an"),
            ("amqp", "an"),
            ("ftp", "an"),
            ("https", "an"),
            ("hg+https", "an"),
            ("svn+http", "an"),
            ("sftp", "an"),
            ("redis", "a"),
            ("mongodb+srv", "a"),
            ("mysql", "a"),
            ("postgresql", "a"),
            ("git", "a"),
            ("bzr+https", "a"),
            ("gs", "a"),
            ("UTF-8", "a"),
            ("UTF-16LE", "a"),
            ("huggingface.co", "a"),
            ("imap", "an"),
            ("unix", "a"),
            ("8bit", "an"),
            ("", "a"),
        ] {
            assert_eq!(a_or_an(name), article, "{name}");
        }
    }

    #[test]
    fn a_count_agrees_with_its_noun() {
        for (count, noun, said) in [
            (0, "credential", "0 credentials"),
            (1, "credential", "1 credential"),
            (2, "credential", "2 credentials"),
            (1, "place", "1 place"),
            (2, "place", "2 places"),
            (2, "match", "2 matches"),
        ] {
            assert_eq!(counted(count, noun), said);
        }
    }
}
