//! The commands: each family in its own file, presenting what the library returns.
//! `run` dispatches; `main` maps the result to an exit status.

mod docs;
mod entries;
mod explain;
mod inspect;
mod kube;
mod progress;
mod ray;
mod scan;
mod scrub;

use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::Outcome;
use crate::cli::{Cli, Command, KubeCommand, RayCommand};
use crate::netrc::{lint, value};
use crate::store::{self, Environment, Platform, Store};
use crate::text::Place;

pub fn run(cli: Cli) -> Result<Outcome> {
    refuse_file_flag(&cli)?;
    // Located on demand: scanning and patching need no netrc, and so no home directory.
    let netrc = || Located::new(cli.file.clone());
    // Commands that only read (or remove from) the netrc: a file named by --file must exist,
    // or a mistyped path would read as an empty netrc. (`check` reports a missing file as
    // its finding, `path` says where it would be, `explain --file` asks "what if".)
    let existing = || Located::existing(cli.file.clone());
    let style = || crate::messages::stdout_style(cli.color.into());
    // Read by the commands that walk a project (scan, scrub), and only by them.
    let config = |args: &crate::cli::ConfigArgs| -> Result<crate::config::Config> {
        Ok(crate::config::load(
            &args.choice(),
            &std::env::current_dir()?,
        )?)
    };
    match cli.command {
        Command::Add(args) => entries::add(&netrc()?, args),
        Command::Remove(args) => entries::remove(&existing()?, args),
        Command::List(f) => entries::list(&existing()?, f.json),
        Command::Get(args) => entries::get(&existing()?, args),
        Command::Check(f) => inspect::check(&netrc()?, f.json, style()),
        Command::Fix => inspect::fix(&existing()?),
        Command::Path(f) => inspect::path(&netrc()?, f.json),
        Command::Explain(args) => explain::explain(cli.file.as_deref(), &args),
        Command::Scan(args) => scan::scan(&args, &config(&args.config)?, style()),
        Command::Scrub(args) => {
            let config = config(&args.config)?;
            scrub::scrub(&netrc()?, args, &config)
        }
        Command::Kube(KubeCommand::Secret(args)) => kube::secret(&existing()?, &args),
        Command::Kube(KubeCommand::Patch(args)) => kube::patch(&args),
        Command::Ray(RayCommand::Patch(args)) => ray::patch(&netrc()?, &args),
        Command::Completions(args) => docs::completions(args.shell),
        Command::Man => docs::man(),
    }
}

pub use crate::messages::{note, warn};

/// `--file` is the netrc's path, global so that it can stand anywhere on the line; on a
/// command that never reads the netrc it is a mistake (`scan --file driver.py` would scan
/// the current directory), so it is refused with what was probably meant.
fn refuse_file_flag(cli: &Cli) -> Result<()> {
    let Some(file) = &cli.file else {
        return Ok(());
    };
    let named = file.display();
    let (command, instead) = match &cli.command {
        Command::Scan(_) => (
            "scan",
            format!(": name the files as arguments (`netrc-guard scan {named}`)"),
        ),
        Command::Kube(KubeCommand::Patch(_)) => (
            "kube patch",
            format!(": name the manifests as arguments (`netrc-guard kube patch {named}`)"),
        ),
        Command::Completions(_) => ("completions", String::new()),
        Command::Man => ("man", String::new()),
        _ => return Ok(()),
    };
    bail!("--file names the netrc, which `{command}` does not read{instead}")
}

/// What every command needs: the located store and the platform it was located for.
pub struct Located {
    pub store: Store,
    pub platform: Platform,
}

impl Located {
    fn new(flag: Option<PathBuf>) -> Result<Located> {
        let platform = Platform::current();
        let location = store::locate(platform, flag.as_deref(), &Environment::from_process())?;
        let located = Located {
            store: Store::new(location),
            platform,
        };
        if let Some(sibling) = located.shadowing_sibling() {
            warn(format!(
                "{} also exists; curl and requests read it before {}",
                sibling.display(),
                located.store.display()
            ));
        }
        Ok(located)
    }

    /// Located for a command that reads: a netrc named by `--file` must be there.
    fn existing(flag: Option<PathBuf>) -> Result<Located> {
        let located = Located::new(flag)?;
        let location = &located.store.location;
        if location.source == store::Source::Flag
            && std::fs::symlink_metadata(&location.path).is_err()
        {
            bail!(
                "{}: no such file (named by --file); check the path, or create it with `netrc-guard --file {} add HOST`",
                located.store.display(),
                located.store.display()
            );
        }
        Ok(located)
    }

    fn shadowing_sibling(&self) -> Option<PathBuf> {
        store::shadowing_sibling(self.platform, &self.store.location, std::path::Path::exists)
    }
}

/// Where a `check` problem in the netrc is: its line and column, or the whole file.
pub fn problem_place(store: &Store, problem: &lint::Problem) -> Place {
    Place {
        file: store.path().to_path_buf(),
        position: problem.position,
    }
}

/// The netrc's errors that stop a command which would copy the file elsewhere (`kube
/// secret`, `ray patch`), each at its place, before the command says it stopped.
pub fn show_netrc_errors(store: &Store, errors: &[lint::Problem]) {
    for p in errors {
        crate::messages::diagnostic(format!(
            "{}: error[{}]: {}",
            problem_place(store, p),
            p.rule.code(),
            p.message
        ));
    }
}

/// Reports what a save did besides writing (nothing when nothing was saved).
pub fn report_save(store: &Store, report: Option<store::SaveReport>) {
    if let Some(mode) = report.and_then(|r| r.tightened_from) {
        note(format!(
            "{}: mode was {mode:04o}, tightened to 0600",
            store.display()
        ));
    }
}

/// Checks a value for the netrc: control characters are refused; values that need quoting
/// are refused unless `allow_quoted`, and then written quoted with a warning. `place` starts
/// the messages (`file:line:col: ` for scrub, empty for add).
pub fn validate_value(place: &str, field: &str, value: &str, allow_quoted: bool) -> Result<()> {
    match value::accept(value, allow_quoted) {
        Err(refused) => bail!("{place}{}", refused.message(field)),
        Ok(accepted) => {
            if let Some(w) = accepted.warning(field) {
                warn(format!("{place}{w}"));
            }
            Ok(())
        }
    }
}
