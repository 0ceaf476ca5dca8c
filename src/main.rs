use std::process::ExitCode;

fn main() -> ExitCode {
    match netrc_guard::cli::run() {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(e) => {
            // Errors are built from positions, paths and host names only, never values.
            eprintln!("netrc-guard: error: {e:#}");
            ExitCode::from(netrc_guard::EXIT_ERROR)
        }
    }
}
