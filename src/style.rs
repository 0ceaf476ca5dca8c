//! Colour for what people read on a terminal. [`decide`] makes the choice once, from the
//! `--color` flag, whether the stream is a terminal and the environment, all passed in: it
//! is a pure function, and nothing here reads the environment or the terminal (the caller,
//! `messages`, does). Renderers take the resulting [`Style`].

/// The `--color` flag, as ripgrep spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    // Colour on a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it). No doc
    // comments on the values: `--help` lists them in one line.
    #[default]
    Auto,
    Always,
    Never,
}

/// Whether to colour a stream. `auto` follows <https://no-color.org> (a non-empty
/// `NO_COLOR` disables colour) and the CLICOLOR convention (a `CLICOLOR_FORCE` that is
/// non-empty and not `0` forces it when the stream is no terminal); NO_COLOR wins over
/// CLICOLOR_FORCE, as in anstream. A terminal whose `TERM` is `dumb` gets no colour.
pub(crate) fn decide(
    choice: ColorChoice,
    is_terminal: bool,
    env: &dyn Fn(&str) -> Option<String>,
) -> Style {
    let set = |name: &str| env(name).filter(|v| !v.is_empty());
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR").is_some() => false,
        ColorChoice::Auto if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") => true,
        ColorChoice::Auto => is_terminal && env("TERM").as_deref() != Some("dumb"),
    };
    Style { color }
}

/// `text` as it may reach a terminal: every control character (C0, DEL, C1) and every
/// bidirectional formatting character is replaced by a visible escape (`\x1b`, `\u{202e}`),
/// so that a file name, host or netrc machine name chosen by someone else cannot move the
/// cursor, retitle the window, clear the screen, hide a line or reorder what is shown.
/// Newlines are escaped too: one finding is one line.
pub(crate) fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_hostile) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !is_hostile(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    out.into()
}

/// [`visible`] for a message of several lines: its own newlines stay.
pub(crate) fn visible_lines(text: &str) -> String {
    text.split('\n').map(visible).collect::<Vec<_>>().join("\n")
}

fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// How text is painted: plain, or with ANSI colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub const PLAIN: Style = Style { color: false };

    fn paint(self, sgr: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// A place in a file (`path:line:col`).
    pub fn position(self, text: &str) -> String {
        self.paint("1", text)
    }

    /// An error's severity word, or a finding's rule.
    pub fn error(self, text: &str) -> String {
        self.paint("1;31", text)
    }

    pub fn warning(self, text: &str) -> String {
        self.paint("1;33", text)
    }

    pub fn note(self, text: &str) -> String {
        self.paint("1;36", text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: Env) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    type Env = &'static [(&'static str, &'static str)];

    /// (choice, terminal, environment, colour?)
    const CASES: &[(ColorChoice, bool, Env, bool)] = &[
        (ColorChoice::Auto, true, &[], true),
        (ColorChoice::Auto, false, &[], false),
        (ColorChoice::Auto, true, &[("NO_COLOR", "1")], false),
        (ColorChoice::Auto, true, &[("NO_COLOR", "0")], false),
        // An empty NO_COLOR is no request.
        (ColorChoice::Auto, true, &[("NO_COLOR", "")], true),
        (ColorChoice::Auto, false, &[("CLICOLOR_FORCE", "1")], true),
        (ColorChoice::Auto, false, &[("CLICOLOR_FORCE", "yes")], true),
        (ColorChoice::Auto, false, &[("CLICOLOR_FORCE", "0")], false),
        (ColorChoice::Auto, false, &[("CLICOLOR_FORCE", "")], false),
        (
            ColorChoice::Auto,
            false,
            &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
            false,
        ),
        (ColorChoice::Auto, true, &[("TERM", "dumb")], false),
        (ColorChoice::Auto, true, &[("TERM", "xterm-256color")], true),
        (ColorChoice::Always, false, &[("NO_COLOR", "1")], true),
        (ColorChoice::Never, true, &[("CLICOLOR_FORCE", "1")], false),
    ];

    #[test]
    fn colour_follows_the_flag_the_terminal_and_the_environment() {
        for &(choice, terminal, pairs, want) in CASES {
            let got = decide(choice, terminal, &env_of(pairs)).color;
            assert_eq!(got, want, "{choice:?} terminal={terminal} env={pairs:?}");
        }
    }

    /// Terminal injection: what someone else named must not drive the terminal.
    #[test]
    fn terminal_injection_is_made_visible() {
        let cases = [
            ("plain.txt", "plain.txt"),
            ("a\x1b[31mb", "a\\x1b[31mb"),
            ("t\x1b]0;pwned\x07", "t\\x1b]0;pwned\\x07"),
            ("a\rb\nc\td", "a\\x0db\\x0ac\\x09d"),
            ("c1\u{9b}2J", "c1\\x9b2J"),
            ("del\x7f", "del\\x7f"),
            ("rlo\u{202e}txt.exe", "rlo\\u{202e}txt.exe"),
            ("münchen.de", "münchen.de"),
        ];
        for (raw, shown) in cases {
            assert_eq!(visible(raw), shown, "{raw:?}");
        }
        assert_eq!(visible_lines("a\x1b\nb"), "a\\x1b\nb");
    }

    #[test]
    fn plain_style_adds_nothing() {
        assert_eq!(Style::PLAIN.position("a:1:2"), "a:1:2");
        let red = Style { color: true }.error("error");
        assert!(red.starts_with("\x1b[") && red.ends_with("\x1b[0m") && red.contains("error"));
    }
}
