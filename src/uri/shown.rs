//! What a message may repeat of a name or value taken from the user's input: a plain word,
//! or `?` in place of something token-shaped (a secret pasted where a name belongs). In core,
//! so that library errors (kube, ray, config) decide it without reaching up to `messages`.

/// A word that can be repeated in an error: lower-case letters, `-` and `_`, at most 24 of
/// them, and not token-shaped. Formats, shells and option names are such words; passwords
/// and tokens (digits, capitals, length) are not.
pub fn plain_word(text: &str) -> bool {
    (1..=24).contains(&text.len())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || matches!(c, '-' | '_'))
        && !super::login_is_secret(text)
}

/// A name taken from a file (a YAML key, a provider type) as a message may repeat it:
/// itself, or `?` when it looks like a token (a secret pasted where a name belongs).
pub fn shown_name(name: &str) -> &str {
    if super::login_is_secret(name) {
        "?"
    } else {
        name
    }
}
