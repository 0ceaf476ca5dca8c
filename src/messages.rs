//! The one place that writes to the terminal: results to standard output, warnings, notes
//! and errors to standard error, and the panic hook.
//!
//! Standard output is written with `write_all`, never `println!`, so a closed pipe
//! (`netrc-guard list | head -1`) comes back as an error that `main` turns into a quiet exit.

use std::io::{self, IsTerminal, Write};

use anyhow::{Context, Result};

use crate::style::{self, ColorChoice, Style};

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
    err_line(&format!("netrc-guard: error: {e:#}"));
}

/// Presents a command-line error and returns the exit status. clap's own message repeats
/// the offending argument, and a stray argument is often a password typed where it does not
/// belong (`add HOST --login bob hunter2`): such messages name the argument's place and
/// what was expected, never what was typed.
pub fn usage_error(e: &clap::Error) -> u8 {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
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
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let what = match e.kind() {
        ErrorKind::UnknownArgument => "an unexpected argument".to_string(),
        ErrorKind::InvalidSubcommand => "an unrecognized subcommand".to_string(),
        _ => match context(ContextKind::InvalidArg) {
            // The argument's name as defined (`--format <FORMAT>`), not its value.
            Some(arg) if e.kind() != ErrorKind::UnknownArgument => {
                format!("an invalid value for {arg}")
            }
            _ => "an invalid argument".to_string(),
        },
    };
    let mut text = format!("netrc-guard: error: {what} (not repeated here: it may be a secret)");
    if let Some(valid) = context(ContextKind::ValidValue) {
        text.push_str(&format!("\n  possible values: {valid}"));
    }
    let suggestion =
        context(ContextKind::SuggestedArg).or(context(ContextKind::SuggestedSubcommand));
    match suggestion {
        Some(suggested) => text.push_str(&format!("\n  did you mean {suggested}?")),
        // A stray word: often a password typed where it does not belong.
        None if e.kind() == ErrorKind::UnknownArgument => text.push_str(
            "\n  passwords are never arguments: `add` reads them from a hidden prompt, --password-stdin or --password-env VAR",
        ),
        None => {}
    }
    if let Some(usage) = context(ContextKind::Usage) {
        text.push_str(&format!("\n\n{}", usage.trim_end()));
    }
    text.push_str("\n\nFor more information, try '--help'.");
    err_line(&text);
    crate::EXIT_ERROR
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
