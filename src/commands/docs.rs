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

pub fn completion_script(shell: Shell) -> String {
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

/// One page: the top-level page clap_mangen renders, then a section per command (and per
/// `kube` command) holding its synopsis, description and options as subsections.
pub fn man_page() -> Result<String> {
    let mut cmd = Cli::command();
    cmd.build();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
    for sub in cmd.get_subcommands() {
        command_section(sub, &mut page)?;
        for nested in sub.get_subcommands() {
            command_section(nested, &mut page)?;
        }
    }
    Ok(String::from_utf8_lossy(&page).into_owned())
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
        let escaped = line.trim_start().replace('\\', "\\e").replace('-', "\\-");
        out.push_str(&format!("\\&{escaped}\n"));
    }
    out.push_str(".fi\n");
    out
}
