//! Command-line definitions: every command, argument and its help. The commands
//! themselves are in `commands`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::scrub::Lang;

mod values;
pub use values::{ColorArg, ConfidenceArg, FormatArg};
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

    /// When to colour positions and severities (auto: on a terminal without NO_COLOR, or
    /// with CLICOLOR_FORCE).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    pub color: ColorArg,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The process's arguments, with clap's own help and usage messages coloured as
    /// `--color` says: clap styles them before our flag is parsed, so it is looked for among
    /// the raw arguments (without it, clap follows the terminal, NO_COLOR and CLICOLOR_FORCE).
    pub fn try_parse_coloured() -> Result<Cli, clap::Error> {
        use clap::{CommandFactory, FromArgMatches};
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        let color = match values::color_in_args(&args) {
            Some(ColorArg::Always) => clap::ColorChoice::Always,
            Some(ColorArg::Never) => clap::ColorChoice::Never,
            Some(ColorArg::Auto) | None => clap::ColorChoice::Auto,
        };
        let matches = Cli::command().color(color).try_get_matches_from(args)?;
        Cli::from_arg_matches(&matches)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add credentials for a host (the password from a hidden prompt, stdin or a variable).
    #[command(after_help = ADD_EXAMPLES)]
    Add(AddArgs),
    /// Remove a host's entry; everything else in the file stays byte-identical.
    Remove(RemoveArgs),
    /// List the entries, without passwords.
    List(JsonFlag),
    /// Print the login (or, with --password, the password) curl would use for a host.
    #[command(after_help = GET_EXAMPLES)]
    Get(GetArgs),
    /// Report what readers would misread, refuse or expose in the netrc.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(JsonFlag),
    /// Set the netrc's mode to 0600.
    Fix,
    /// Print the netrc file in use and why.
    Path(JsonFlag),
    /// For one URL: which netrc file each reader (curl, git, requests/pip, uv, Python, Go,
    /// Ruby) opens, whether it can parse it, and which entry it uses (exit 1 when they
    /// disagree). --file asks "what if NETRC pointed here".
    #[command(after_help = EXPLAIN_EXAMPLES)]
    Explain(ExplainArgs),
    /// Find credentials in URIs in files and directories (exit 1 when any are found).
    #[command(after_help = SCAN_EXAMPLES)]
    Scan(ScanArgs),
    /// Remove credentials from URIs and move them into the netrc.
    #[command(after_help = SCRUB_EXAMPLES)]
    Scrub(ScrubArgs),
    /// KubeRay: the netrc as a Secret, and the patch that mounts it into Ray pods.
    #[command(subcommand, after_help = KUBE_EXAMPLES)]
    Kube(KubeCommand),
    /// Ray's cluster launcher: put the netrc on every node of a `ray up` cluster YAML.
    #[command(subcommand, after_help = RAY_EXAMPLES)]
    Ray(RayCommand),
    /// Print a shell completion script (bash, zsh, fish, powershell or elvish).
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), with a section for every command.
    #[command(after_help = MAN_EXAMPLES)]
    Man,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

const ADD_EXAMPLES: &str = "\
Examples:
  netrc-guard add github.com --login x-access-token          # asks for the token, hidden
  printf '%s\\n' \"$TOKEN\" | netrc-guard add pypi.acme.io --login deploy --password-stdin
  netrc-guard add https://gitlab.com/group/repo.git --login oauth2 --password-env GITLAB_TOKEN";

const GET_EXAMPLES: &str = "\
Examples:
  netrc-guard get github.com                  # the login curl would send
  TOKEN=\"$(netrc-guard get github.com --password)\"";

const CHECK_EXAMPLES: &str = "\
Examples:
  netrc-guard check                           # the netrc in use (see `netrc-guard path`)
  netrc-guard --file ci/netrc check --json";

const EXPLAIN_EXAMPLES: &str = "\
Examples:
  netrc-guard explain https://github.com/acme/models.git
  netrc-guard --file /tmp/netrc explain https://pypi.acme.io/simple/  # what if NETRC=/tmp/netrc";

const SCAN_EXAMPLES: &str = "\
Examples:
  netrc-guard scan                            # the current directory, honouring .gitignore
  netrc-guard scan runtime_env.json k8s/
  netrc-guard scan --format sarif > netrc-guard.sarif       # GitHub code scanning
  netrc-guard scan --format gitlab > gl-code-quality.json   # GitLab code quality";

const SCRUB_EXAMPLES: &str = "\
Examples:
  netrc-guard scrub runtime_env.json --dry-run      # what would move, nothing written
  netrc-guard scrub runtime_env.json --in-place     # credentials into the netrc, file cleaned
  cat env.yaml | netrc-guard scrub --lang yaml > clean.yaml";

const KUBE_EXAMPLES: &str = "\
Examples:
  netrc-guard kube secret --namespace ray | kubectl apply -f -
  netrc-guard kube patch rayjob.yaml --in-place";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  netrc-guard completions bash > ~/.local/share/bash-completion/completions/netrc-guard
  netrc-guard completions zsh > ~/.zfunc/_netrc-guard
  netrc-guard completions fish > ~/.config/fish/completions/netrc-guard.fish";

const MAN_EXAMPLES: &str = "\
Examples:
  netrc-guard man | man -l -                  # read it without installing it
  netrc-guard man > ~/.cargo/share/man/man1/netrc-guard.1   # after cargo install (mkdir -p first)
  (a pip, pipx or uv install carries the page: `man netrc-guard` finds it)";

#[derive(Debug, Subcommand)]
pub enum KubeCommand {
    /// Print a Secret holding the netrc (pipe it to `kubectl apply -f -`).
    Secret(KubeSecretArgs),
    /// Mount the netrc Secret into every Ray pod of KubeRay manifests: at $HOME/.netrc and
    /// in a directory NETRC points into.
    Patch(KubePatchArgs),
}

#[derive(Debug, Args)]
pub struct KubeSecretArgs {
    /// The Secret's name (a DNS-1123 subdomain).
    #[arg(long, default_value = "netrc-secret")]
    pub name: String,
    /// The Secret's namespace (a DNS-1123 label).
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
    /// The pod volume made from the Secret (a DNS-1123 label).
    #[arg(long, default_value = "netrc-kuberay")]
    pub volume_name: String,
    /// The directory the Secret is mounted at; NETRC is set to MOUNT_PATH/KEY.
    #[arg(long, default_value = "/home/ray/netrcvolume/")]
    pub mount_path: String,
    /// The Ray container's home directory: the netrc is also mounted at HOME/.netrc, the only
    /// place git and curl (before libcurl 8.16) look.
    #[arg(long, default_value = "/home/ray", value_name = "DIR")]
    pub home: String,
    /// The netrc's key in the Secret.
    #[arg(long, default_value = ".netrc")]
    pub key: String,
    /// Patch every container of each pod, not only the Ray container (the first).
    #[arg(long)]
    pub all_containers: bool,
}

/// The configuration file of scan and scrub (docs/config.md).
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The configuration file (default: the nearest .netrc-guard.toml, or pyproject.toml with
    /// [tool.netrc-guard], from the working directory up).
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long)]
    pub no_config: bool,
}

impl ConfigArgs {
    pub fn choice(&self) -> crate::config::Choice {
        use crate::config::Choice;
        match (&self.config, self.no_config) {
            (_, true) => Choice::Nothing,
            (Some(path), false) => Choice::Path(path.clone()),
            (None, false) => Choice::Discover,
        }
    }
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files and directories (default: the current directory); `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// How findings are printed (sarif: GitHub code scanning; github: Actions annotations;
    /// gitlab: GitLab's code quality report).
    #[arg(long, value_enum, default_value = "text")]
    pub format: FormatArg,
    /// Report examples too (demo pairs such as `scott:tiger`, placeholders such as `user:pass`
    /// or `${TOKEN}`, weak values at example or loopback hosts), with the reasons.
    #[arg(long)]
    pub include_examples: bool,
    /// Report only findings of this confidence or higher: high (token formats, random or
    /// chosen-looking values), medium (weak, default or plain passwords at a host that may be
    /// real; the default) or low (examples too, as --include-examples).
    #[arg(long, value_enum, value_name = "LEVEL", conflicts_with_all = ["include_examples", "include_placeholders", "include_local"])]
    pub min_confidence: Option<ConfidenceArg>,
    /// Old name of --include-examples.
    #[arg(long, hide = true)]
    pub include_placeholders: bool,
    /// Old name of --include-examples.
    #[arg(long, hide = true)]
    pub include_local: bool,
    /// Skip files larger than this many bytes in walked directories (named files are always read).
    #[arg(long, default_value_t = 10 * 1024 * 1024, value_name = "BYTES")]
    pub max_filesize: u64,
    /// Also read files that .gitignore, .ignore and git's excludes skip in walked directories.
    #[arg(long)]
    pub no_ignore: bool,
    /// Scan the lines commits added instead of files: those in REV-RANGE (e.g. main..HEAD),
    /// or every commit reachable from any ref when it is left out. PATHS limit the files.
    #[arg(long, value_name = "REV-RANGE", num_args = 0..=1, default_missing_value = "")]
    pub git: Option<String>,
    /// Report only findings this baseline file does not record (exit 0 when none are new).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record the findings in FILE as the baseline (keeping its salt) and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
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
    /// How to report what happened: text on standard error, or a JSON document on standard
    /// output (needs --in-place or --dry-run).
    #[arg(long, value_enum, default_value = "text")]
    pub format: ScrubFormatArg,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// `scrub --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScrubFormatArg {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    Auto,
    Json,
    Yaml,
    Python,
    Text,
}

/// `auto` is no language: scrub chooses by file name and content.
impl From<LangArg> for Option<Lang> {
    fn from(arg: LangArg) -> Option<Lang> {
        match arg {
            LangArg::Auto => None,
            LangArg::Json => Some(Lang::Json),
            LangArg::Yaml => Some(Lang::Yaml),
            LangArg::Python => Some(Lang::Python),
            LangArg::Text => Some(Lang::Text),
        }
    }
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
    /// The login (user name) to store (asked for when left out on a terminal).
    #[arg(long)]
    pub login: Option<String>,
    /// An `account` value to store too (ftp's; few HTTP clients read it).
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
    /// Host name, host:port or URL (reduced to its lower-case host).
    pub host: Option<String>,
    /// Remove the `default` entry.
    #[arg(long)]
    pub default: bool,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// Host name, host:port or URL (reduced to its lower-case host), as curl looks it up.
    pub host: String,
    /// Print the password (for scripts).
    #[arg(long)]
    pub password: bool,
    /// Print the login even when it looks like a token (otherwise shown as `***`).
    #[arg(long)]
    pub login: bool,
    /// Machine-readable output: machine, login and account (the password only with --password).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The URL a client fetches, e.g. https://github.com/org/repo.git; a bare HOST is read
    /// as https://HOST/.
    pub url: String,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

const RAY_EXAMPLES: &str = "\
Examples:
  netrc-guard ray patch cluster.yaml --in-place && ray up -y cluster.yaml
  netrc-guard add pypi.acme.io --login deploy --force && ray up -y --no-restart cluster.yaml";

#[derive(Debug, Subcommand)]
pub enum RayCommand {
    /// Mount the netrc's directory on every node of Ray cluster-launcher YAMLs (head and
    /// workers, with or without docker:), link ~/.netrc to it, and keep it in sync.
    Patch(RayPatchArgs),
}

#[derive(Debug, Args)]
pub struct RayPatchArgs {
    /// Cluster YAMLs, as given to `ray up`.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Rewrite each file (atomically) instead of printing the result.
    #[arg(long)]
    pub in_place: bool,
}
