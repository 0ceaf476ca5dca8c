use std::process::ExitCode;

use netrc_guard::cli::Cli;
use netrc_guard::{commands, messages};

fn main() -> ExitCode {
    // A second wall: whatever panics, its payload (maybe a credential) is never printed.
    messages::install_panic_hook();
    // Parsing runs inside the catch too: a panic in clap is an error (exit 2), not 101.
    match std::panic::catch_unwind(|| {
        let cli = match Cli::try_parse_coloured() {
            Ok(cli) => cli,
            Err(e) => return Ok(Parsed::Usage(messages::usage_error(&e))),
        };
        // Debug builds only: lets the tests prove that a panic's payload is never printed.
        #[cfg(debug_assertions)]
        if let Some(payload) = std::env::var_os("NETRC_GUARD_DEBUG_PANIC") {
            panic!("debug panic: {}", payload.to_string_lossy());
        }
        commands::run(cli).map(Parsed::Ran)
    }) {
        Ok(Ok(Parsed::Usage(code))) => ExitCode::from(code),
        Ok(Ok(Parsed::Ran(outcome))) => ExitCode::from(outcome.exit_code()),
        // The reader of standard output went away (`| head`): a quiet, successful end.
        Ok(Err(e)) if messages::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            messages::error(&e);
            ExitCode::from(netrc_guard::EXIT_ERROR)
        }
        // The hook has already said what it may.
        Err(_) => ExitCode::from(netrc_guard::EXIT_ERROR),
    }
}

/// What a run came to before its exit status: a usage error already reported, or a run.
enum Parsed {
    Usage(u8),
    Ran(netrc_guard::Outcome),
}
