//! What a shell user installs and sees: completion scripts, the man page, help text on every
//! argument, and colour only where it is wanted.

use crate::common::Home;

use clap::CommandFactory;
use netrc_guard::cli::Cli;

const SHELLS: &[&str] = &["bash", "zsh", "fish", "powershell", "elvish"];
const COMMANDS: &[&str] = &[
    "add",
    "remove",
    "list",
    "get",
    "check",
    "fix",
    "path",
    "explain",
    "scan",
    "scrub",
    "kube",
    "completions",
    "man",
];

#[test]
fn completions_for_every_shell_name_every_command() {
    let home = Home::new();
    for shell in SHELLS {
        let run = home.run(&["completions", shell]);
        run.ok();
        assert!(!run.stdout.trim().is_empty(), "{shell}");
        for command in COMMANDS {
            assert!(
                run.stdout.contains(command),
                "{shell} completion lacks {command}"
            );
        }
        assert!(run.stdout.contains("include-placeholders"), "{shell}");
    }
}

#[test]
fn bash_completion_registers_with_bash() {
    if !crate::common::have("bash", "bash_completion_registers_with_bash") {
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("netrc-guard");
    let script = format!(
        "source <('{}' completions bash) && complete -p netrc-guard",
        bin.display()
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("netrc-guard"));
}

/// What bash offers for the words typed so far (the last one being completed), as the
/// completion function registered by `completions bash` computes it.
fn bash_offers(words: &[&str]) -> Vec<String> {
    let bin = assert_cmd::cargo::cargo_bin("netrc-guard");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let cword = words.len() - 1;
    let script = format!(
        "source <('{bin}' completions bash) || exit 9
         f=$(complete -p netrc-guard | sed -n 's/.*-F \\([^ ]*\\) .*/\\1/p')
         COMP_WORDS=({words}); COMP_CWORD={cword}
         \"$f\" netrc-guard \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        bin = bin.display(),
        words = quoted.join(" "),
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Completion of subcommands' own options and values: clap_complete's bash script named
/// the binary two ways when its name has a `-`, and past the first word nothing completed.
#[test]
fn bash_completion_completes_subcommands_options_and_values() {
    if !crate::common::have(
        "bash",
        "bash_completion_completes_subcommands_options_and_values",
    ) {
        return;
    }
    let cases: &[(&[&str], &[&str])] = &[
        (&["netrc-guard", "sc"], &["scan", "scrub"]),
        (&["netrc-guard", "scan", "--i"], &["--include-examples"]),
        (&["netrc-guard", "scan", "--g"], &["--git"]),
        (&["netrc-guard", "scan", "--b"], &["--baseline"]),
        (&["netrc-guard", "scan", "--no-"], &["--no-ignore"]),
        (
            &["netrc-guard", "scan", "--format", ""],
            &["text", "json", "sarif", "github", "gitlab"],
        ),
        (
            &["netrc-guard", "scan", "--color", ""],
            &["auto", "always", "never"],
        ),
        (&["netrc-guard", "kube", ""], &["secret", "patch"]),
        (
            &["netrc-guard", "completions", ""],
            &["bash", "zsh", "fish"],
        ),
        (
            &["netrc-guard", "add", "--pass"],
            &["--password-stdin", "--password-env"],
        ),
    ];
    for (words, want) in cases {
        let got = bash_offers(words);
        for w in *want {
            assert!(
                got.iter().any(|g| g == w),
                "{words:?}: {w} not offered: {got:?}"
            );
        }
    }
}

#[test]
fn unknown_shell_is_a_usage_error() {
    Home::new().run(&["completions", "tcsh"]).code(2);
}

#[test]
fn man_page_is_roff_with_a_section_per_command() {
    let run = Home::new().run(&["man"]);
    run.ok();
    let page = &run.stdout;
    assert!(
        page.lines().any(|l| l.starts_with(".TH netrc-guard 1")),
        "{page}"
    );
    for command in COMMANDS {
        let heading = format!(".SH \"NETRC-GUARD {}\"", command.to_uppercase());
        assert!(page.contains(&heading), "no {heading}");
    }
    for nested in ["KUBE SECRET", "KUBE PATCH"] {
        assert!(page.contains(&format!(".SH \"NETRC-GUARD {nested}\"")));
    }
    assert!(page.contains(".SS EXAMPLES"));
    // Every request (a line starting with a dot) is one roff knows: no stray text lines
    // that begin with a dot or quote and would vanish.
    for line in page.lines() {
        if let Some(request) = line.strip_prefix('.') {
            let name: String = request
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect();
            assert!(
                [
                    "TH", "SH", "SS", "TP", "IP", "RS", "RE", "br", "nf", "fi", "ie", "el", "PP",
                    "B", "I"
                ]
                .contains(&name.as_str()),
                "unexpected request {line:?}"
            );
        }
    }
}

#[test]
fn man_page_reads_with_man_where_installed() {
    if !crate::common::have("man", "man_page_reads_with_man_where_installed") {
        return;
    }
    let home = Home::new();
    let page = home.write("netrc-guard.1", &home.run(&["man"]).stdout);
    let out = std::process::Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("NETRC-GUARD SCAN"), "{text}");
    assert!(text.contains("--include-examples"), "{text}");
    for section in ["EXIT STATUS", "ENVIRONMENT", "FILES", "SEE ALSO"] {
        assert!(text.lines().any(|l| l == section), "no {section}: {text}");
    }
    assert!(text.contains("CLICOLOR_FORCE"), "{text}");
    assert!(!text.contains("NETRC-GUARD HELP"), "{text}");
}

/// Every argument and option of every command, however deep, says what it is for.
#[test]
fn every_argument_has_help() {
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} {}", arg.get_id()));
            }
        }
        for sub in cmd.get_subcommands() {
            if sub.get_about().is_none() {
                missing.push(format!("{path} {} (no about)", sub.get_name()));
            }
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut missing = Vec::new();
    walk(&cmd, "netrc-guard", &mut missing);
    assert!(missing.is_empty(), "without help: {missing:?}");
}

#[test]
fn the_main_commands_show_examples() {
    let home = Home::new();
    for command in ["add", "get", "check", "explain", "scan", "scrub", "kube"] {
        home.run(&[command, "--help"]).ok().stdout_has("Examples:");
    }
}

const FINDING: &str = "x: https://u:Tq8-vLm2pXr9@h.example/a\n";
const BOLD_POSITION: &str = "\x1b[1menv.yaml:1:4\x1b[0m";

fn scan_with(env: &[(&str, &str)], args: &[&str]) -> crate::common::Run {
    let home = Home::new();
    home.write("env.yaml", FINDING);
    let mut cmd = home.cmd();
    cmd.args(["scan", "env.yaml"]).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    crate::common::Run::from(cmd.output().unwrap())
}

#[test]
fn no_colour_into_a_pipe() {
    let run = scan_with(&[], &[]);
    run.code(1).hides("Tq8-vLm2pXr9");
    assert!(!run.stdout.contains('\x1b'), "{run:?}");
    assert!(!run.stderr.contains('\x1b'), "{run:?}");
    assert!(
        run.stdout.starts_with("env.yaml:1:4: uri-password: "),
        "{run:?}"
    );
}

/// (environment, arguments, coloured?): output into a pipe, so colour only when forced.
type ColourCase = (
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
    bool,
);

const COLOUR_CASES: &[ColourCase] = &[
    (&[("CLICOLOR_FORCE", "1")], &[], true),
    (&[], &["--color", "always"], true),
    (&[("NO_COLOR", "1")], &["--color", "always"], true),
    (&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], &[], false),
    (&[("CLICOLOR_FORCE", "0")], &[], false),
    (&[("CLICOLOR_FORCE", "1")], &["--color", "never"], false),
];

#[test]
fn colour_follows_the_flag_clicolor_force_and_no_color() {
    for &(env, args, coloured) in COLOUR_CASES {
        let run = scan_with(env, args);
        run.code(1).hides("Tq8-vLm2pXr9");
        if coloured {
            assert!(
                run.stdout.starts_with(BOLD_POSITION),
                "{env:?} {args:?}: {run:?}"
            );
            assert!(
                run.stdout.contains("\x1b[1;31muri-password\x1b[0m"),
                "{run:?}"
            );
        } else {
            assert!(!run.stdout.contains('\x1b'), "{env:?} {args:?}: {run:?}");
        }
    }
}

#[test]
fn machine_formats_are_never_coloured() {
    for format in ["json", "sarif", "github", "gitlab"] {
        let run = scan_with(&[("CLICOLOR_FORCE", "1")], &["--format", format]);
        run.code(1).hides("Tq8-vLm2pXr9");
        assert!(!run.stdout.contains('\x1b'), "{format}: {run:?}");
    }
}

#[test]
fn check_colours_its_severities_when_forced() {
    let home = Home::new();
    let netrc = home.write_netrc("machine a.example login u password p\n");
    crate::common::set_mode(&netrc, 0o644);
    let mut cmd = home.cmd();
    cmd.env("CLICOLOR_FORCE", "1").arg("check");
    let run = crate::common::Run::from(cmd.output().unwrap());
    run.code(1);
    assert!(
        run.stdout.contains("\x1b[1;31merror\x1b[0m")
            || run.stdout.contains("\x1b[1;33mwarning\x1b[0m"),
        "{run:?}"
    );
    let plain = home.run(&["check"]);
    assert!(!plain.stdout.contains('\x1b'), "{plain:?}");
}

#[test]
fn gitlab_code_quality_report() {
    let run = scan_with(&[], &["--format", "gitlab"]);
    run.code(1).hides("Tq8-vLm2pXr9").hides("u:");
    let v = run.json();
    assert_eq!(v[0]["location"]["path"], "env.yaml");
    assert_eq!(v[0]["location"]["lines"]["begin"], 1);
    assert_eq!(v[0]["check_name"], "uri-password");
}

/// Progress goes to a terminal only: a test's stderr is a pipe, so a scan of many files
/// prints nothing but its summary.
#[test]
fn no_progress_line_when_stderr_is_not_a_terminal() {
    let home = Home::new();
    for i in 0..200 {
        home.write(&format!("tree/f{i}.txt"), "nothing here\n");
    }
    let run = home.run(&["scan", "tree"]);
    run.ok();
    assert!(!run.stderr.contains("scanning"), "{run:?}");
    assert!(!run.stderr.contains('\r'), "{run:?}");
}

/// `args` run on a pseudo-terminal (util-linux `script`), stdout and stderr both on it; the
/// terminal's output. None, saying why, where `script` is missing.
fn on_a_terminal(args: &str, test: &str) -> Option<String> {
    if !crate::common::have("script", test) {
        return None;
    }
    let bin = assert_cmd::cargo::cargo_bin("netrc-guard");
    let out = std::process::Command::new("script")
        .args(["-qec", &format!("'{}' {args}", bin.display()), "/dev/null"])
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TERM", "xterm-256color")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Colour of clap's own messages: `--help` and usage errors are styled by clap before our
/// `--color` is parsed, so `--color never` still coloured help on a terminal.
#[test]
fn help_colour_follows_the_color_flag() {
    let test = "help_colour_follows_the_color_flag";
    // Positive control: on a terminal, help is coloured.
    let Some(plain) = on_a_terminal("scan --help", test) else {
        return;
    };
    assert!(plain.contains('\x1b'), "help on a terminal: {plain:?}");
    for args in [
        "--color never --help",
        "--color=never scan --help",
        "scan --color never --help",
        "--color never add",
        "--color never get",
    ] {
        let out = on_a_terminal(args, test).unwrap();
        assert!(out.contains("Usage"), "{args}: {out:?}");
        assert!(!out.contains('\x1b'), "{args}: coloured: {out:?}");
    }
}
