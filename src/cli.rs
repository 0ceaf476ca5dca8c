//! Command-line definitions and dispatch.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use crate::Outcome;
use crate::netrc::lint::{self, Problem, Severity};
use crate::netrc::value::{self, QUOTE_BREAKS};
use crate::netrc::{Credentials, Document, EntryKind, Target, host};
use crate::report;
use crate::secret::Secret;
use crate::store::{self, Environment, Platform, Store};

#[derive(Debug, Parser)]
#[command(
    name = "netrc-guard",
    version,
    about = "Keep credentials out of URIs and inside netrc files"
)]
pub struct Cli {
    /// The netrc file to use (beats NETRC, which beats ~/.netrc or %USERPROFILE%\_netrc).
    #[arg(long, global = true, value_name = "PATH")]
    pub file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add credentials for a host (the password from a hidden prompt, stdin or a variable).
    Add(AddArgs),
    /// Remove a host's entry; everything else in the file stays byte-identical.
    Remove(RemoveArgs),
    /// List the entries, without passwords.
    List(JsonFlag),
    /// Print the login (or, with --password, the password) curl would use for a host.
    Get(GetArgs),
    /// Report what readers would misread, refuse or expose in the netrc.
    Check(JsonFlag),
    /// Set the netrc's mode to 0600.
    Fix,
    /// Print the netrc file in use and why.
    Path(JsonFlag),
    /// Find credentials in URIs in files and directories (exit 1 when any are found).
    Scan(ScanArgs),
    /// Remove credentials from URIs and move them into the netrc.
    Scrub(ScrubArgs),
    /// KubeRay: the netrc as a Secret, and the patch that mounts it into Ray pods.
    #[command(subcommand)]
    Kube(KubeCommand),
}

#[derive(Debug, Subcommand)]
pub enum KubeCommand {
    /// Print a Secret holding the netrc (pipe it to `kubectl apply -f -`).
    Secret(KubeSecretArgs),
    /// Mount the netrc Secret into every Ray pod of KubeRay manifests and set NETRC.
    Patch(KubePatchArgs),
}

#[derive(Debug, Args)]
pub struct KubeSecretArgs {
    #[arg(long, default_value = "netrc-secret")]
    pub name: String,
    #[arg(long)]
    pub namespace: Option<String>,
    /// The key (file name) of the netrc inside the Secret.
    #[arg(long, default_value = ".netrc")]
    pub key: String,
    /// Print it even when the netrc has errors.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct KubePatchArgs {
    /// RayCluster, RayJob, RayService or RayCronJob manifests (other documents pass through).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Rewrite each file (atomically) instead of printing the result.
    #[arg(long)]
    pub in_place: bool,
    /// The Secret that holds the netrc.
    #[arg(long, default_value = "netrc-secret")]
    pub secret: String,
    #[arg(long, default_value = "netrc-kuberay")]
    pub volume_name: String,
    #[arg(long, default_value = "/home/ray/netrcvolume/")]
    pub mount_path: String,
    /// The netrc's key in the Secret: NETRC is set to MOUNT_PATH/KEY.
    #[arg(long, default_value = ".netrc")]
    pub key: String,
    /// Patch every container of each pod, not only the Ray container (the first).
    #[arg(long)]
    pub all_containers: bool,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files and directories (default: the current directory).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: report::Format,
    /// Report placeholders such as `${TOKEN}` and `user:pass` too.
    #[arg(long)]
    pub include_placeholders: bool,
    /// Report credentials for loopback hosts (localhost, 127.0.0.0/8, ::1) too.
    #[arg(long)]
    pub include_local: bool,
    /// Skip files larger than this many bytes in walked directories (named files are always read).
    #[arg(long, default_value_t = 10 * 1024 * 1024, value_name = "BYTES")]
    pub max_filesize: u64,
}

#[derive(Debug, Args)]
pub struct ScrubArgs {
    /// Files to scrub; `-` or none for standard input.
    pub files: Vec<String>,
    /// Rewrite each file (atomically) instead of printing the result.
    #[arg(long)]
    pub in_place: bool,
    /// Say what would move; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace different credentials the netrc already holds for a host.
    #[arg(long)]
    pub force: bool,
    /// Write values that need quoting into the netrc (older readers misread them).
    #[arg(long)]
    pub allow_quoted: bool,
    /// The language of the input (default: by file extension; JSON or text for stdin).
    #[arg(long, value_enum, default_value = "auto")]
    pub lang: LangArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    Auto,
    Json,
    Yaml,
    Python,
    Text,
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["host", "default"]))]
pub struct AddArgs {
    /// Host name, host:port or URL (reduced to its lower-case host).
    pub host: Option<String>,
    /// Set the `default` entry instead of a machine.
    #[arg(long)]
    pub default: bool,
    #[arg(long)]
    pub login: String,
    #[arg(long)]
    pub account: Option<String>,
    /// Read the password from standard input (one line).
    #[arg(long, conflicts_with = "password_env")]
    pub password_stdin: bool,
    /// Read the password from this environment variable.
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
    /// Replace different credentials already stored for the host.
    #[arg(long)]
    pub force: bool,
    /// Write values that need quoting (older readers misread them).
    #[arg(long)]
    pub allow_quoted: bool,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["host", "default"]))]
pub struct RemoveArgs {
    pub host: Option<String>,
    /// Remove the `default` entry.
    #[arg(long)]
    pub default: bool,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    pub host: String,
    /// Print the password (for scripts).
    #[arg(long)]
    pub password: bool,
    #[arg(long)]
    pub json: bool,
}

pub fn run() -> Result<Outcome> {
    let cli = Cli::parse();
    // Located on demand: scanning and patching need no netrc, and so no home directory.
    let netrc = || Located::new(cli.file.clone());
    match cli.command {
        Command::Add(args) => add(&netrc()?, args),
        Command::Remove(args) => remove(&netrc()?, args),
        Command::List(f) => list(&netrc()?, f.json),
        Command::Get(args) => get(&netrc()?, args),
        Command::Check(f) => check(&netrc()?, f.json),
        Command::Fix => fix(&netrc()?),
        Command::Path(f) => path(&netrc()?, f.json),
        Command::Scan(args) => scan(&args),
        Command::Scrub(args) => scrub(&netrc()?, args),
        Command::Kube(KubeCommand::Secret(args)) => kube_secret(&netrc()?, &args),
        Command::Kube(KubeCommand::Patch(args)) => kube_patch(&args),
    }
}

fn scan(args: &ScanArgs) -> Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let opts = crate::scan::ScanOptions {
        include_placeholders: args.include_placeholders,
        include_local: args.include_local,
        max_filesize: args.max_filesize,
    };
    let result = crate::scan::scan_paths(&paths, &opts);
    let mut out = std::io::stdout().lock();
    std::io::Write::write_all(
        &mut out,
        report::render(args.format, &result.findings).as_bytes(),
    )
    .context("cannot write standard output")?;
    for (path, size) in &result.skipped_large {
        warn(format!(
            "{path}: skipped, {size} bytes is over the --max-filesize limit of {}",
            args.max_filesize
        ));
    }
    for (path, kind) in &result.skipped_special {
        note(format!("{path}: skipped, {kind} is not a regular file"));
    }
    if result.skipped_binary > 0 {
        note(format!("skipped {} binary file(s)", result.skipped_binary));
    }
    for e in &result.errors {
        eprintln!("netrc-guard: error: {e}");
    }
    let n = result.findings.len();
    if n > 0 {
        note(format!(
            "{n} credential(s) in URIs in {} file(s) scanned; `netrc-guard scrub FILE --in-place` moves them into the netrc",
            result.files_scanned
        ));
    }
    if !result.errors.is_empty() {
        return Err(anyhow!(
            "{} file(s) could not be scanned",
            result.errors.len()
        ));
    }
    Ok(if n > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn scrub(ctx: &Located, args: ScrubArgs) -> Result<Outcome> {
    use crate::scrub::{Lang, ScrubOptions};
    let lang = match args.lang {
        LangArg::Auto => None,
        LangArg::Json => Some(Lang::Json),
        LangArg::Yaml => Some(Lang::Yaml),
        LangArg::Python => Some(Lang::Python),
        LangArg::Text => Some(Lang::Text),
    };
    let opts = ScrubOptions {
        in_place: args.in_place,
        dry_run: args.dry_run,
        force: args.force,
        allow_quoted: args.allow_quoted,
        lang,
    };
    crate::scrub::run(&args.files, &ctx.store, opts)
}

pub fn warn(message: impl std::fmt::Display) {
    eprintln!("netrc-guard: warning: {message}");
}

pub fn note(message: impl std::fmt::Display) {
    eprintln!("netrc-guard: {message}");
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

    fn shadowing_sibling(&self) -> Option<PathBuf> {
        store::shadowing_sibling(self.platform, &self.store.location, |p| p.exists())
    }
}

/// Reports what a save did besides writing.
pub fn report_save(store: &Store, report: store::SaveReport) {
    if let Some(mode) = report.tightened_from {
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
    match value::classify(value) {
        Err(value::ControlCharacter) => bail!(
            "{place}the {field} contains a control character, which no netrc reader can read; nothing changed"
        ),
        Ok(None) => Ok(()),
        Ok(Some(reason)) if allow_quoted => {
            warn(format!(
                "{place}the {field} is written quoted because {reason}; {QUOTE_BREAKS} misread it"
            ));
            Ok(())
        }
        Ok(Some(reason)) => bail!(
            "{place}the {field} cannot be written portably because {reason}: {QUOTE_BREAKS} misread quoted values; pass --allow-quoted to write it quoted anyway; nothing changed"
        ),
    }
}

fn read_password(args: &AddArgs, what: &str) -> Result<Secret> {
    if args.password_stdin {
        let mut input = String::new();
        std::io::stdin()
            .read_to_string(&mut input)
            .context("cannot read the password from standard input")?;
        let line = input.strip_suffix('\n').unwrap_or(&input);
        let line = line.strip_suffix('\r').unwrap_or(line);
        return Ok(Secret::new(line));
    }
    if let Some(var) = &args.password_env {
        let value = std::env::var(var)
            .map_err(|_| anyhow!("the environment variable {var} is not set (or not UTF-8)"))?;
        return Ok(Secret::new(value));
    }
    if std::io::stdin().is_terminal() {
        let password = rpassword::prompt_password(format!("Password for {what}: "))
            .context("cannot read the password from the terminal")?;
        return Ok(Secret::new(password));
    }
    bail!(
        "no password given and standard input is not a terminal: pass --password-stdin or --password-env VAR (never the password itself as an argument)"
    )
}

/// The machine name for a HOST argument, with a warning when a port is dropped.
pub fn machine_name(input: &str) -> Result<String> {
    let name = host::normalize(input).map_err(|e| anyhow!("HOST: {e}"))?;
    if let Some(port) = name.dropped_port {
        warn(format!(
            "port {port} dropped: netrc readers match host names only"
        ));
    }
    Ok(name.host)
}

/// The machine a HOST argument names (`None` with `--default`), and how messages name it.
fn machine_or_default(host: &Option<String>, default: bool) -> Result<(Option<String>, String)> {
    let machine = match host {
        Some(h) if !default => Some(machine_name(h)?),
        _ => None,
    };
    let label = machine.as_deref().unwrap_or("default").to_string();
    Ok((machine, label))
}

fn target(machine: &Option<String>) -> Target<'_> {
    match machine {
        Some(m) => Target::Machine(m),
        None => Target::Default,
    }
}

fn add(ctx: &Located, args: AddArgs) -> Result<Outcome> {
    let (machine, label) = machine_or_default(&args.host, args.default)?;
    validate_value("", "login", &args.login, args.allow_quoted)?;
    if let Some(a) = &args.account {
        validate_value("", "account", a, args.allow_quoted)?;
    }
    let password = read_password(&args, &label)?;
    validate_value("", "password", password.expose(), args.allow_quoted)?;
    let creds = Credentials {
        login: Some(args.login.clone()),
        password: Some(password),
        account: args.account.clone(),
    };
    let target = target(&machine);
    let store = &ctx.store;
    let _lock = store.lock()?;
    let mut doc = store.load()?;
    let verb = match doc.find(target) {
        Some(entry) if entry.matches(&creds) => {
            note(format!(
                "{label}: the same credentials are already in {}; nothing written",
                store.display()
            ));
            return Ok(Outcome::Clean);
        }
        Some(_) if !args.force => bail!(
            "{label} already has other credentials in {}; pass --force to replace them",
            store.display()
        ),
        Some(entry) => {
            let index = entry.index();
            doc.replace(index, &creds)?;
            "replaced"
        }
        None => {
            doc.insert(target, &creds)?;
            "added"
        }
    };
    let report = store.save(doc.as_str())?;
    note(format!("{verb} {label} in {}", store.display()));
    report_save(store, report);
    Ok(Outcome::Clean)
}

fn remove(ctx: &Located, args: RemoveArgs) -> Result<Outcome> {
    let (machine, label) = machine_or_default(&args.host, args.default)?;
    let target = target(&machine);
    let store = &ctx.store;
    let _lock = store.lock()?;
    let mut doc = store.load()?;
    let Some(entry) = doc.find(target) else {
        note(format!(
            "no entry for {label} in {}; nothing written",
            store.display()
        ));
        return Ok(Outcome::Findings);
    };
    let index = entry.index();
    doc.remove(index)?;
    let report = store.save(doc.as_str())?;
    note(format!("removed {label} from {}", store.display()));
    if doc.find(target).is_some() {
        warn(format!(
            "{} has another entry for {label}; run remove again to remove it too",
            store.display()
        ));
    }
    report_save(store, report);
    Ok(Outcome::Clean)
}

#[derive(Serialize)]
struct ListedEntry {
    machine: Option<String>,
    login: Option<String>,
    account: Option<String>,
    has_password: bool,
    /// The login looks like a token, so it is shown as `***`.
    login_is_token: bool,
    line: usize,
}

fn list(ctx: &Located, json: bool) -> Result<Outcome> {
    let doc = ctx.store.load()?;
    let entries: Vec<ListedEntry> = doc
        .entries()
        .filter(|e| e.kind() != EntryKind::Macro)
        .map(|e| {
            let login = e.login();
            let login_is_token = login.as_deref().is_some_and(crate::uri::looks_like_token);
            ListedEntry {
                machine: e.machine(),
                login: if login_is_token {
                    Some("***".into())
                } else {
                    login
                },
                account: e.account(),
                has_password: e.password().is_some(),
                login_is_token,
                line: e.position().line,
            }
        })
        .collect();
    if json {
        println!("{}", serde_json::to_string_pretty(&entries)?);
        return Ok(Outcome::Clean);
    }
    let width = entries
        .iter()
        .map(|e| e.machine.as_deref().map_or(9, str::len))
        .max()
        .unwrap_or(0);
    for e in &entries {
        let machine = e.machine.as_deref().unwrap_or("(default)");
        let mut line = format!(
            "{machine:width$}  login {}",
            e.login.as_deref().unwrap_or("-")
        );
        if let Some(a) = &e.account {
            line.push_str(&format!("  account {a}"));
        }
        line.push_str(if e.has_password {
            "  password set"
        } else {
            "  no password"
        });
        println!("{line}");
    }
    if entries.is_empty() {
        note(format!("no entries in {}", ctx.store.display()));
    }
    Ok(Outcome::Clean)
}

#[derive(Serialize)]
struct GotEntry {
    machine: Option<String>,
    login: Option<String>,
    account: Option<String>,
    password: Option<String>,
}

fn get(ctx: &Located, args: GetArgs) -> Result<Outcome> {
    let host = machine_name(&args.host)?;
    let doc = ctx.store.load()?;
    let Some(entry) = doc.lookup(&host) else {
        note(format!(
            "no entry for {host} and no default in {}",
            ctx.store.display()
        ));
        return Ok(Outcome::Findings);
    };
    if args.json {
        let got = GotEntry {
            machine: entry.machine(),
            login: entry.login(),
            account: entry.account(),
            // Asked for by name: the one place a password is printed.
            password: if args.password {
                entry.password().map(|p| p.expose().to_string())
            } else {
                None
            },
        };
        println!("{}", serde_json::to_string(&got)?);
    } else if args.password {
        match entry.password() {
            Some(p) => println!("{}", p.expose()),
            None => {
                note(format!("the entry for {host} has no password"));
                return Ok(Outcome::Findings);
            }
        }
    } else {
        println!("{}", entry.login().unwrap_or_default());
    }
    Ok(Outcome::Clean)
}

fn check(ctx: &Located, json: bool) -> Result<Outcome> {
    let store = &ctx.store;
    let mut problems: Vec<Problem> = Vec::new();
    match store.facts()? {
        None => problems.push(Problem::new(
            "file-missing",
            Severity::Error,
            (0, 0),
            "there is no netrc file here",
            "create one with `netrc-guard add HOST --login USER`",
        )),
        Some(facts) => {
            problems.extend(lint::check_file(&facts));
            if facts.regular {
                let text = store.read_text()?.unwrap_or_default();
                match Document::parse(&text) {
                    Ok(doc) => problems.extend(lint::check_document(&doc)),
                    Err(e) => problems.push(lint::parse_problem(&e)),
                }
            }
        }
    }
    if let Some(sibling) = ctx.shadowing_sibling() {
        let dir = sibling
            .parent()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        problems.push(lint::both_windows_files(&dir));
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&problems)?);
    } else {
        for p in &problems {
            let at = if p.line == 0 {
                store.display()
            } else {
                format!("{}:{}:{}", store.display(), p.line, p.column)
            };
            let severity = match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            println!(
                "{at}: {severity}[{}]: {}; fix: {}",
                p.code, p.message, p.fix
            );
        }
        if problems.is_empty() {
            note(format!("{}: no problems", store.display()));
        }
    }
    Ok(if problems.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

fn fix(ctx: &Located) -> Result<Outcome> {
    let store = &ctx.store;
    let _lock = store.lock()?;
    if store.facts()?.is_none() {
        bail!("{}: no such file", store.display());
    }
    match store.tighten()? {
        Some(old) => note(format!(
            "{}: mode changed from {old:04o} to 0600",
            store.display()
        )),
        None => note(format!(
            "{}: mode is already private; nothing changed",
            store.display()
        )),
    }
    Ok(Outcome::Clean)
}

#[derive(Serialize)]
struct PathReport {
    path: String,
    source: store::Source,
    exists: bool,
}

fn path(ctx: &Located, json: bool) -> Result<Outcome> {
    let loc = &ctx.store.location;
    let report = PathReport {
        path: loc.path.display().to_string(),
        source: loc.source,
        exists: loc.path.exists(),
    };
    if json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        let why = match loc.source {
            store::Source::Flag => "from --file",
            store::Source::Env => "from NETRC",
            store::Source::Default => "the default for this platform",
        };
        let exists = if report.exists {
            ""
        } else {
            ", does not exist yet"
        };
        println!("{} ({why}{exists})", report.path);
    }
    Ok(Outcome::Clean)
}

fn kube_secret(ctx: &Located, args: &KubeSecretArgs) -> Result<Outcome> {
    let store = &ctx.store;
    let text = store.read_text()?.ok_or_else(|| {
        anyhow!(
            "{}: no such file; create it with `netrc-guard add`",
            store.display()
        )
    })?;
    let errors: Vec<Problem> = match Document::parse(&text) {
        Err(e) => vec![lint::parse_problem(&e)],
        Ok(doc) => lint::check_document(&doc)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect(),
    };
    if !errors.is_empty() && !args.force {
        for p in &errors {
            eprintln!(
                "{}:{}:{}: error[{}]: {}",
                store.display(),
                p.line,
                p.column,
                p.code,
                p.message
            );
        }
        bail!(
            "{}: the netrc has errors (above); fix them, or pass --force",
            store.display()
        );
    }
    let manifest = crate::kube::secret_manifest(
        &args.name,
        args.namespace.as_deref(),
        &args.key,
        text.as_bytes(),
    )?;
    print!("{manifest}");
    note(format!(
        "the Secret above holds the credentials of {} (base64 is not encryption): apply it with `netrc-guard kube secret | kubectl apply -f -` and do not commit it",
        store.display()
    ));
    Ok(Outcome::Clean)
}

fn kube_patch(args: &KubePatchArgs) -> Result<Outcome> {
    if !args.in_place && args.files.len() > 1 {
        bail!(
            "several files need --in-place; without it the patched manifest goes to standard output"
        );
    }
    let opts = crate::kube::PatchOptions {
        secret: args.secret.clone(),
        volume_name: args.volume_name.clone(),
        mount_path: args.mount_path.clone(),
        key: args.key.clone(),
        all_containers: args.all_containers,
    };
    if !opts.mount_path.starts_with('/') {
        bail!("--mount-path must be an absolute path");
    }
    // Every file is patched and checked before any is written.
    let mut patched = Vec::new();
    for file in &args.files {
        let shown = file.display();
        let name = shown.to_string();
        let bytes = std::fs::read(file).with_context(|| format!("{name}: cannot read"))?;
        let text = store::utf8_text(&name, bytes)?;
        let p = crate::kube::patch(&name, &text, &opts)?;
        let again = crate::kube::patch(&name, &p.output, &opts)
            .map_err(|e| anyhow!("{shown}: internal error: the patched manifest does not patch again cleanly ({e}); nothing written"))?;
        if !again.changes.is_empty() {
            bail!("{shown}: internal error: the patch is not idempotent here; nothing written");
        }
        patched.push((file, text, p));
    }
    for (file, text, p) in &patched {
        let shown = file.display();
        for s in &p.skipped {
            note(format!("{shown}: {s}"));
        }
        if !args.in_place {
            print!("{}", p.output);
        } else if p.output != *text {
            store::rewrite(file, p.output.as_bytes())?;
        }
        if p.changes.is_empty() {
            note(format!(
                "{shown}: already mounts the netrc; nothing changed"
            ));
        } else {
            note(format!(
                "{shown}: added the netrc Secret to {} place(s)",
                p.changes.len()
            ));
        }
    }
    Ok(Outcome::Clean)
}
