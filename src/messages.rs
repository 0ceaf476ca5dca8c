//! The one place that writes to the terminal: results to standard output, warnings, notes
//! and errors to standard error, and the panic hook.
//!
//! Standard output is written with `write_all`, never `println!`, so a closed pipe
//! (`netrc-guard list | head -1`) comes back as an error that `main` turns into a quiet exit.

use std::io::{self, IsTerminal, Write};

use anyhow::{Context, Result};

use crate::style::{self, ColorChoice, Style};
use crate::uri::plain_word;

/// Writes `text` to standard output as it is.
pub fn out(text: &str) -> Result<()> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot write standard output")
}

/// Writes `line` and a newline to standard output.
pub fn out_line(line: &str) -> Result<()> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(line.as_bytes())
        .and_then(|()| stdout.write_all(b"\n"))
        .and_then(|()| stdout.flush())
        .context("cannot write standard output")
}

/// The style for standard output: the `--color` choice, whether stdout is a terminal and
/// the environment (NO_COLOR, CLICOLOR_FORCE, TERM), decided by [`style::decide`].
pub fn stdout_style(choice: ColorChoice) -> Style {
    style::decide(choice, io::stdout().is_terminal(), &|name| {
        std::env::var(name).ok()
    })
}

/// Whether standard error is a terminal: progress lines are for people watching, never
/// for logs, pipes or tests.
pub fn stderr_is_terminal() -> bool {
    io::stderr().is_terminal()
}

/// Asks on standard error and reads one line of standard input (a terminal: the caller
/// checked), without its line ending.
pub fn prompt_line(prompt: &str) -> Result<String> {
    {
        let mut stderr = io::stderr().lock();
        let _ = stderr
            .write_all(style::visible(prompt).as_bytes())
            .and_then(|()| stderr.flush());
    }
    let mut line = String::new();
    io::stdin()
        .read_line(&mut line)
        .context("cannot read from the terminal")?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

/// Shows `line` in place of the previous progress line (no newline: the next one overwrites
/// it). `width` is the previous line's length, blanked first.
pub fn progress(line: &str, width: usize) {
    let mut stderr = io::stderr().lock();
    let pad = " ".repeat(width.saturating_sub(line.chars().count()));
    let _ = write!(stderr, "\r{line}{pad}").and_then(|()| stderr.flush());
}

/// Blanks a progress line `width` characters long and returns the cursor to its start.
pub fn progress_clear(width: usize) {
    let mut stderr = io::stderr().lock();
    let _ = write!(stderr, "\r{}\r", " ".repeat(width)).and_then(|()| stderr.flush());
}

/// Standard error cannot report its own failure anywhere, so a closed stderr is ignored.
/// What it prints is made [`style::visible_lines`]: paths, hosts and machine names in
/// messages come from files someone else may have named.
fn err_line(line: &str) {
    let line = style::visible_lines(line);
    let mut stderr = io::stderr().lock();
    let _ = stderr
        .write_all(line.as_bytes())
        .and_then(|()| stderr.write_all(b"\n"));
}

pub fn warn(message: impl std::fmt::Display) {
    err_line(&format!("netrc-guard: warning: {message}"));
}

pub fn note(message: impl std::fmt::Display) {
    err_line(&format!("netrc-guard: {message}"));
}

/// A line printed as it is (already prefixed with a position and a severity).
pub fn diagnostic(line: impl std::fmt::Display) {
    err_line(&line.to_string());
}

/// Errors are built from positions, paths and host names only, never values.
pub fn error(e: &anyhow::Error) {
    err_line(&format!("netrc-guard: error: {}", error_text(e)));
}

/// An error and its causes, joined with `: ` as anyhow's `{:#}` does, except that an I/O
/// error reads as its reason alone ([`crate::text::io_reason`]) and ends the chain: what
/// follows it is its own inner error, said again.
pub fn error_text(e: &anyhow::Error) -> String {
    let mut parts = Vec::new();
    for cause in e.chain() {
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            parts.push(crate::text::io_reason(io));
            break;
        }
        parts.push(cause.to_string());
    }
    parts.join(": ")
}

/// Presents a command-line error and returns the exit status. clap's own message repeats
/// the offending argument, and a stray argument is often a password typed where it does not
/// belong (`add HOST --login bob hunter2`): free-form values and stray words are named by
/// their place, never repeated. A value that had to be one of a closed set (`--format xml`)
/// and an unknown option's name (never its `=VALUE`) are shown when they read as a plain
/// word ([`crate::uri::plain_word`]): a token pasted into the wrong place is still not repeated.
pub fn usage_error(e: &clap::Error) -> u8 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // Help and version go to standard output; a closed pipe there is nobody's error.
            let _ = e.print();
            return 0;
        }
        // These messages hold only names from the command's own definition.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        | ErrorKind::MissingRequiredArgument
        | ErrorKind::MissingSubcommand
        | ErrorKind::ArgumentConflict
        | ErrorKind::NoEquals => {
            let _ = e.print();
            return crate::EXIT_ERROR;
        }
        _ => {}
    }
    err_line(&usage_error_text(e));
    crate::EXIT_ERROR
}

/// The text of [`usage_error`] for the errors that may hold what was typed.
pub fn usage_error_text(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let arg = context(ContextKind::InvalidArg);
    let valid = context(ContextKind::ValidValue);
    let hidden = "(not repeated here: it may be a secret)";
    let mut password_hint = false;
    let value = context(ContextKind::InvalidValue);
    let option = arg
        .as_deref()
        .filter(|a| e.kind() == ErrorKind::UnknownArgument && a.starts_with('-'))
        .map(|a| a.split_once('=').map_or(a, |(name, _)| name));
    let (what, suggestion) = match (e.kind(), &arg) {
        // One of a closed set: what was typed, and what it could have been.
        (ErrorKind::InvalidValue, Some(arg))
            if valid.is_some() && value.as_deref().is_some_and(plain_word) =>
        {
            (
                format!("invalid value '{}' for {arg}", value.unwrap_or_default()),
                context(ContextKind::SuggestedValue).map(|v| format!("'{v}'")),
            )
        }
        // An option's name is the program's vocabulary, not the user's secret; its value is.
        (ErrorKind::UnknownArgument, _)
            if option.is_some_and(|o| plain_word(o.trim_start_matches('-'))) =>
        {
            let name = option.unwrap_or_default();
            password_hint = name.contains("pass");
            (
                format!("unexpected option '{name}'"),
                context(ContextKind::SuggestedArg).map(|s| format!("'{s}'")),
            )
        }
        // A stray word: often a password typed where it does not belong.
        (ErrorKind::UnknownArgument, _) => {
            password_hint = true;
            (format!("an unexpected argument {hidden}"), None)
        }
        (ErrorKind::InvalidSubcommand, _) => (
            format!("an unrecognized subcommand {hidden}"),
            context(ContextKind::SuggestedSubcommand).map(|s| format!("'{s}'")),
        ),
        // The argument's name as defined (`--max-filesize <BYTES>`), not its value.
        (_, Some(arg)) => (format!("an invalid value for {arg} {hidden}"), None),
        _ => (format!("an invalid argument {hidden}"), None),
    };
    let mut text = format!("netrc-guard: error: {what}");
    if let Some(valid) = valid {
        text.push_str(&format!("\n  possible values: {valid}"));
    }
    if let Some(suggested) = suggestion {
        text.push_str(&format!("\n  did you mean {suggested}?"));
    }
    if password_hint {
        text.push_str(
            "\n  passwords are never arguments: `add` reads them from a hidden prompt, --password-stdin or --password-env VAR",
        );
    }
    if let Some(usage) = context(ContextKind::Usage) {
        text.push_str(&format!("\n\n{}", usage.trim_end()));
    }
    text.push_str("\n\nFor more information, try '--help'.");
    text
}

/// Whether the error is standard output's reader going away: not a failure of ours.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::BrokenPipe)
}

/// The text the panic hook prints: where, never what. A panic's payload is built from
/// whatever values were at hand, and in this program those may be credentials.
pub fn panic_text(location: Option<(&str, u32)>) -> String {
    let at = location.map_or_else(String::new, |(file, line)| format!(" at {file}:{line}"));
    format!(
        "netrc-guard: internal error{at}: this is a bug; its message is withheld because it may \
         contain a credential; nothing more was written. Please report it with the command and \
         the shape of the input (not its values)."
    )
}

/// Replaces the default hook, which prints the payload, with [`panic_text`].
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| (l.file(), l.line()));
        err_line(&panic_text(location));
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_text_names_the_place_not_the_payload() {
        let text = panic_text(Some(("src/uri.rs", 42)));
        assert!(text.contains("src/uri.rs:42"));
        assert!(!text.contains("{"));
    }

    #[test]
    fn broken_pipe_is_found_under_context() {
        let e = anyhow::Error::from(io::Error::from(io::ErrorKind::BrokenPipe))
            .context("cannot write standard output");
        assert!(is_broken_pipe(&e));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
