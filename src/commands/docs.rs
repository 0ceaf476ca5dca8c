//! `completions SHELL` and `man`: generated from the clap definitions in `cli`, so they
//! describe exactly the commands this binary has.

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use crate::Outcome;
use crate::cli::Cli;
use crate::messages;

const BIN: &str = "netrc-guard";

pub(super) fn completions(shell: Shell) -> Result<Outcome> {
    messages::out(&completion_script(shell))?;
    Ok(Outcome::Clean)
}

pub(super) fn man() -> Result<Outcome> {
    messages::out(&man_page()?)?;
    Ok(Outcome::Clean)
}

pub(super) fn completion_script(shell: Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut buf);
    let script = String::from_utf8_lossy(&buf).into_owned();
    if shell == Shell::Bash {
        // clap_complete 4.6 names the binary `netrc__guard` in the state the script walks
        // to but `netrc__subcmd__guard` in the case labels of subcommands (it replaces the
        // `-` of the bin name with its separator there), so no subcommand's options or
        // values ever completed. One spelling makes them meet.
        return script.replace("netrc__subcmd__guard__subcmd__", "netrc__guard__subcmd__");
    }
    script
}

/// The man page's DESCRIPTION: the README's first paragraph, shorter.
const DESCRIPTION: &str = "netrc-guard keeps credentials out of URIs (Ray runtime_env files, \
     requirements, CI configuration, KubeRay manifests), where they leak into logs and command \
     lines, and inside a netrc file, where requests, pip, uv, git and curl already look for \
     them. add stores credentials, scrub moves them out of files, scan finds them (also as a \
     pre-commit hook and in CI), check and explain say how each reader reads the netrc, and \
     kube mounts it into every Ray pod.";

/// What the exit status means, for the man page's EXIT STATUS (docs/commands.md repeats it:
/// `tests/cli/docs.rs` holds them equal).
const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "Success; nothing found (scan, check); every reader agrees (explain).",
    ),
    (
        "1",
        "Findings: scan found credentials, check found problems, get or remove found no entry, \
         scrub left credentials whose clients read no netrc, explain's readers disagree.",
    ),
    (
        "2",
        "A usage, input or I/O error; nothing was changed. No command prints a password or \
         token, except get --password and get --login.",
    ),
];

/// The variables netrc-guard reads, for the man page's ENVIRONMENT.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "NETRC",
        "The netrc file to use when --file is not given (as requests, pip, uv and curl 8.16 \
         read it).",
    ),
    (
        "HOME",
        "Unix: the netrc is $HOME/.netrc when neither --file nor NETRC names one. Windows: \
         %HOME%\\_netrc.",
    ),
    (
        "USERPROFILE",
        "Windows: the netrc is %USERPROFILE%\\_netrc when HOME is unset.",
    ),
    (
        "NO_COLOR",
        "Non-empty: no colour under --color auto (it wins over CLICOLOR_FORCE).",
    ),
    (
        "CLICOLOR_FORCE",
        "Non-empty and not 0: colour under --color auto even when the output is not a terminal.",
    ),
];

/// The files netrc-guard reads and writes, for the man page's FILES.
const FILES: &[(&str, &str)] = &[
    (
        "~/.netrc",
        "The netrc (Windows: %HOME%\\_netrc or %USERPROFILE%\\_netrc), mode 0600. Writes go \
         to a temporary file in the same directory, renamed over it.",
    ),
    (
        ".netrc-guard-baseline.json",
        "The usual name of a scan baseline (scan --write-baseline, scan --baseline): \
         fingerprints, never a secret.",
    ),
];

/// One page: NAME, SYNOPSIS, DESCRIPTION and the global OPTIONS as clap_mangen renders
/// them, a COMMANDS list, then a section per command (and per `kube` command) holding its
/// synopsis, description, options and examples as subsections, then EXIT STATUS,
/// ENVIRONMENT, FILES and VERSION. No `netrc-guard-add(1)` pages are referred to: there is
/// one page.
pub(super) fn man_page() -> Result<String> {
    let mut cmd = Cli::command();
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    page.extend_from_slice(format!(".SH DESCRIPTION\n{}\n", roff_text(DESCRIPTION)).as_bytes());
    man.render_options_section(&mut page)?;
    let commands: Vec<&clap::Command> = cmd
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help")
        .collect();
    page.extend_from_slice(commands_list(&commands).as_bytes());
    for sub in commands {
        command_section(sub, &mut page)?;
        for nested in sub.get_subcommands().filter(|n| n.get_name() != "help") {
            command_section(nested, &mut page)?;
        }
    }
    page.extend_from_slice(tagged_section("EXIT STATUS", EXIT_STATUS).as_bytes());
    page.extend_from_slice(tagged_section("ENVIRONMENT", ENVIRONMENT).as_bytes());
    page.extend_from_slice(tagged_section("FILES", FILES).as_bytes());
    page.extend_from_slice(see_also().as_bytes());
    man.render_version_section(&mut page)?;
    Ok(String::from_utf8_lossy(&page).into_owned())
}

/// `.SH COMMANDS`: each command with its one-line summary; its section follows below.
fn commands_list(commands: &[&clap::Command]) -> String {
    let mut out = String::from(".SH COMMANDS\n");
    for sub in commands {
        let about = sub
            .get_about()
            .map(std::string::ToString::to_string)
            .unwrap_or_default();
        out.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            roff_text(sub.get_name()),
            roff_text(&about)
        ));
    }
    out.push_str(".PP\nEach command has a section of its own below (NETRC\\-GUARD ADD, ...).\n");
    out
}

/// A section of `.TP` items: a bold tag and its text.
fn tagged_section(title: &str, items: &[(&str, &str)]) -> String {
    let mut out = format!(".SH \"{title}\"\n");
    for (tag, text) in items {
        out.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            roff_text(tag),
            roff_text(text)
        ));
    }
    out
}

fn see_also() -> String {
    let text = "curl(1), git(1), pip(1); docs/ in the source repository for the netrc \
                readers, the scan rules, KubeRay and CI recipes.";
    format!(".SH \"SEE ALSO\"\n{}\n", roff_text(text))
}

/// Plain text as roff: a backslash is \e, a minus to keep is \-, and \& keeps a leading
/// dot or quote literal.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    format!("\\&{escaped}")
}

/// A section `NETRC-GUARD ADD` whose `.SH` headings (SYNOPSIS, DESCRIPTION, OPTIONS) become
/// `.SS` subsections, so that they nest under it.
fn command_section(sub: &clap::Command, page: &mut Vec<u8>) -> Result<()> {
    if sub.get_name() == "help" {
        return Ok(());
    }
    let name = sub.get_bin_name().unwrap_or(sub.get_name()).to_uppercase();
    let man = clap_mangen::Man::new(sub.clone());
    let mut body = Vec::new();
    man.render_synopsis_section(&mut body)?;
    man.render_description_section(&mut body)?;
    man.render_options_section(&mut body)?;
    page.extend_from_slice(format!(".SH \"{name}\"\n").as_bytes());
    for line in String::from_utf8_lossy(&body).lines() {
        let line = line
            .strip_prefix(".SH ")
            .map_or_else(|| line.to_string(), |heading| format!(".SS {heading}"));
        page.extend_from_slice(line.as_bytes());
        page.push(b'\n');
    }
    if let Some(examples) = sub.get_after_help() {
        page.extend_from_slice(examples_subsection(&examples.to_string()).as_bytes());
    }
    Ok(())
}

/// The `Examples:` text of `--help` as a subsection printed as it is (no filling).
fn examples_subsection(after_help: &str) -> String {
    let body = after_help.strip_prefix("Examples:\n").unwrap_or(after_help);
    let mut out = String::from(".SS EXAMPLES\n.nf\n");
    for line in body.lines() {
        // Roff: a backslash is \e, a minus to keep is \-, and \& keeps a leading dot literal.
        out.push_str(&roff_text(line.trim_start()));
        out.push('\n');
    }
    out.push_str(".fi\n");
    out
}
