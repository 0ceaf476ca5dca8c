//! The documentation against the binary: every `netrc-guard` command line in README.md and
//! docs/*.md names commands and flags the binary has (checked against the clap tree), every
//! repository path they name exists, the man page shipped in the wheel is the one the binary
//! prints, and the facts the man page and docs/commands.md both state are the same words.

use crate::common::Home;

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use netrc_guard::cli::Cli;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md, ARCHITECTURE.md and every Markdown file under docs/, with their text.
fn markdown() -> Vec<(String, String)> {
    let mut files = vec![root().join("README.md"), root().join("ARCHITECTURE.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(root()).unwrap().display().to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The fenced code blocks of a Markdown text: (first line number, info string, lines).
fn code_blocks(text: &str) -> Vec<(usize, String, Vec<String>)> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, String, Vec<String>)> = None;
    for (i, line) in text.lines().enumerate() {
        let fence = line.trim_start().starts_with("```");
        match (&mut open, fence) {
            (None, true) => {
                open = Some((i + 2, line.trim().trim_start_matches('`').into(), vec![]));
            }
            (Some(_), true) => blocks.push(open.take().unwrap()),
            (Some((_, _, lines)), false) => lines.push(line.to_string()),
            (None, false) => {}
        }
    }
    blocks
}

/// Texts with the line number each is on.
type Numbered = Vec<(usize, String)>;

/// The text outside code blocks: inline code spans and link targets, with line numbers.
fn prose_spans(text: &str) -> (Numbered, Numbered) {
    let (mut spans, mut links) = (Vec::new(), Vec::new());
    let mut in_block = false;
    // A span may run across a line break (Markdown joins the lines with a space).
    let mut span: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            continue;
        }
        for (n, part) in line.split('`').enumerate() {
            if n > 0 {
                span = match span.take() {
                    Some(open) => {
                        spans.push(open);
                        None
                    }
                    None => Some((i + 1, String::new())),
                };
            }
            if let Some((_, text)) = &mut span {
                if n == 0 && !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(part);
            }
        }
        if line.trim().is_empty() {
            span = None;
        }
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let target = &rest[at + 2..];
            let end = target.find(')').unwrap_or(target.len());
            links.push((i + 1, target[..end].to_string()));
            rest = &target[end..];
        }
    }
    (spans, links)
}

/// Shell words, quotes kept together (`"$(mktemp -d)/netrc"` is one word).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => quote = Some(c),
            (None, c) if c.is_whitespace() => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            (None, c) => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

const ENDS_COMMAND: &[&str] = &["|", "||", "&&", ";", ">", ">>", "2>", "<", ")", "\\"];

/// The argument lists of every `netrc-guard` (or `cargo run --`) invocation on a line: words
/// from the one after the program up to the end of that command.
fn invocations(line: &str) -> Vec<Vec<String>> {
    let w = words(line);
    let mut found = Vec::new();
    for (i, word) in w.iter().enumerate() {
        let start = if word == "netrc-guard" || word == "$(netrc-guard" {
            let prev = if i == 0 { "" } else { w[i - 1].as_str() };
            let at_command = i == 0
                || ENDS_COMMAND.contains(&prev)
                || prev.ends_with(':')
                || matches!(prev, "-" | "$" | "then" | "do" | "env");
            if !at_command {
                continue;
            }
            i + 1
        } else if word == "cargo" && w.get(i + 1).is_some_and(|n| n == "run") {
            match w[i..].iter().position(|x| x == "--") {
                Some(dash) => i + dash + 1,
                None => continue,
            }
        } else {
            continue;
        };
        let args = w[start..]
            .iter()
            .take_while(|x| !ENDS_COMMAND.contains(&x.as_str()) && !x.starts_with('#'))
            .map(|x| x.trim_end_matches(')').to_string())
            .collect();
        found.push(args);
    }
    found
}

/// Checks one argument list against the clap tree: subcommands exist, and every flag is one
/// of the command's own or a global one. Returns what is wrong.
fn check_args(args: &[String]) -> Result<(), String> {
    let mut root = Cli::command();
    root.build();
    let mut cmd = &root;
    let mut positional_seen = false;
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if arg == "--" {
            break;
        }
        let flag = if let Some(long) = arg.strip_prefix("--") {
            let name = long.split('=').next().unwrap();
            cmd.get_arguments().find(|a| a.get_long() == Some(name))
        } else if arg.len() == 2 && arg.starts_with('-') {
            let short = arg.chars().nth(1).unwrap();
            cmd.get_arguments().find(|a| a.get_short() == Some(short))
        } else {
            let placeholder = arg
                .chars()
                .all(|c| c.is_ascii_uppercase() || "_.-".contains(c));
            if !positional_seen && cmd.has_subcommands() && !placeholder {
                match cmd.find_subcommand(arg) {
                    Some(sub) => cmd = sub,
                    None => return Err(format!("no command `{arg}` under `{}`", cmd.get_name())),
                }
            } else {
                positional_seen = true;
            }
            continue;
        };
        let Some(flag) = flag else {
            return Err(format!("`{}` has no option `{arg}`", cmd.get_name()));
        };
        if flag.get_action().takes_values() && !arg.contains('=') {
            i += 1;
        }
    }
    Ok(())
}

/// The hook ids' command (`netrc-guard-scan-python` runs `scan`) and a YAML `args:` list.
fn hook_args(block: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut command = None;
    for line in block {
        let line = line.trim().trim_start_matches("- ");
        if let Some(id) = line.strip_prefix("id: netrc-guard-") {
            command = id.split(['-', ' ']).next().map(str::to_string);
        }
        if let (Some(list), Some(command)) = (line.strip_prefix("args: ["), &command) {
            let mut args = vec![command.clone()];
            args.extend(
                list.trim_end_matches(']')
                    .split(',')
                    .map(|a| a.trim().trim_matches('"').to_string()),
            );
            found.push(args);
        }
    }
    found
}

/// A repository path a word names: the part before any placeholder (`<target>`, `*`, `$t`),
/// when its first component is a folder the repository has.
fn repo_path(word: &str) -> Option<String> {
    const TOP_LEVEL: &[&str] = &[
        "src",
        "tests",
        "docs",
        "examples",
        "scripts",
        "fuzz",
        "benches",
        "packaging",
        ".ci",
        ".github",
    ];
    let word = word.trim_matches(|c: char| "\"'`,;:()[]".contains(c));
    let word = word.strip_prefix("./").unwrap_or(word);
    if word.contains("://") || !TOP_LEVEL.contains(&word.split('/').next()?) {
        return None;
    }
    let kept: Vec<&str> = word
        .split('/')
        .take_while(|c| !c.contains(['<', '*', '$', '{']))
        .collect();
    Some(kept.join("/").trim_end_matches('/').to_string())
}

#[test]
fn every_command_line_in_the_docs_names_real_commands_and_flags() {
    // `ray up` is Ray's own command, not ours: a bare span naming another program we share
    // a word with is that program's.
    const OTHER_PROGRAMS: &[&str] = &["ray"];
    let mut wrong = Vec::new();
    for (file, text) in markdown() {
        for (line, info, block) in code_blocks(&text) {
            let joined = block.join("\n").replace("\\\n", " ");
            let mut lists: Vec<Vec<String>> = joined.lines().flat_map(invocations).collect();
            if info.starts_with("yaml") {
                lists.extend(hook_args(&block));
            }
            for args in lists {
                if let Err(why) = check_args(&args) {
                    wrong.push(format!("{file}:{line} (block): {}: {why}", args.join(" ")));
                }
            }
        }
        // A span that starts with a command (a reference heading's synopsis, `add HOST
        // --login USER [--force]`, or a table row's `kube patch FILE...`): its command and
        // flags, brackets and `|` alternatives aside.
        for (line, span) in prose_spans(&text).0 {
            if span.starts_with("netrc-guard ") {
                for args in invocations(&span) {
                    if let Err(why) = check_args(&args) {
                        wrong.push(format!("{file}:{line}: `{span}`: {why}"));
                    }
                }
            }
        }
        for (line, span) in prose_spans(&text).0 {
            let args = words(&span.replace(['[', ']', '|'], " "));
            let named = args.first().is_some_and(|a| {
                Cli::command().find_subcommand(a).is_some() && !OTHER_PROGRAMS.contains(&a.as_str())
            });
            if named && let Err(why) = check_args(&args) {
                wrong.push(format!("{file}:{line}: `{span}`: {why}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The SARIF step keeps exit 1 (findings: upload them) and fails on exit 2 (an error), in the
/// docs and the shipped examples alike; `|| true` would upload an empty report instead.
#[test]
fn every_sarif_step_fails_on_errors_only() {
    let mut texts = markdown();
    for example in [
        "examples/ci/github-actions.yml",
        "examples/ci/gitlab-ci.yml",
    ] {
        texts.push((
            example.into(),
            std::fs::read_to_string(root().join(example)).unwrap(),
        ));
    }
    let mut seen = 0;
    for (file, text) in texts {
        for line in text
            .lines()
            .filter(|l| l.contains("netrc-guard scan --format") && l.contains('>'))
        {
            seen += 1;
            assert!(
                line.trim_end().ends_with("|| [ $? -eq 1 ]"),
                "{file}: {line}"
            );
        }
    }
    assert!(seen >= 3, "the SARIF and GitLab steps are found ({seen})");
}

#[test]
fn every_path_the_docs_name_exists() {
    let mut missing = Vec::new();
    for (file, text) in markdown() {
        let dir = root().join(&file).parent().unwrap().to_path_buf();
        let mut named: Vec<(usize, String)> = Vec::new();
        for (line, _, block) in code_blocks(&text) {
            for (n, l) in block.iter().enumerate() {
                named.extend(
                    words(l)
                        .iter()
                        .filter_map(|w| repo_path(w))
                        .map(|p| (line + n, p)),
                );
            }
        }
        let (spans, links) = prose_spans(&text);
        for (line, span) in spans {
            named.extend(
                words(&span)
                    .iter()
                    .filter_map(|w| repo_path(w))
                    .map(|p| (line, p)),
            );
        }
        for (line, path) in named {
            if !root().join(&path).exists() {
                missing.push(format!("{file}:{line}: {path}"));
            }
        }
        for (line, target) in links {
            let target = target.split('#').next().unwrap();
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            if !dir.join(target).exists() {
                missing.push(format!("{file}:{line}: link {target}"));
            }
        }
    }
    assert!(missing.is_empty(), "missing:\n{}", missing.join("\n"));
}

/// Every `#[ignore = "..."]` in tests/cli: the module and the reason.
fn ignored_tests() -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/cli")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let module = path.file_stem().unwrap().to_str().unwrap().to_string();
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            if let Some(reason) = line
                .trim()
                .strip_prefix("#[ignore = \"")
                .and_then(|r| r.strip_suffix("\"]"))
            {
                found.push((module.clone(), reason.to_string()));
            }
        }
    }
    assert!(!found.is_empty(), "no ignored tests found");
    found
}

/// The code block under a README heading, as one string.
fn readme_block(heading: &str) -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let at = readme.find(&format!("\n## {heading}\n")).expect(heading);
    let section = &readme[at + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    let (_, _, lines) = code_blocks(section).into_iter().next().expect(heading);
    lines.join("\n")
}

/// The README's set-up commands work as written: the test commands are the fast suite and
/// the full one, which is what `.ci/run` runs, and the README names every module with a test
/// left out of the fast one; the main job on the shipped example (run here as the built
/// binary, in the repository, with the netrc in a new temporary directory) moves its
/// credentials and exits 0.
#[test]
fn the_readme_set_up_commands_work_as_written() {
    assert_eq!(
        readme_block("Run the tests"),
        "cargo test\ncargo test -- --include-ignored"
    );
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l == "cargo test -- --include-ignored"),
        ".ci/run runs README's full test command"
    );
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for (module, reason) in ignored_tests() {
        assert!(
            reason.starts_with("slow: ") && reason.ends_with("; CI runs it"),
            "tests/cli/{module}.rs: an ignored test says why it is slow and that CI runs it: {reason:?}"
        );
        assert!(
            readme.contains(&format!("`{module}`")),
            "README's test section names `{module}`, which has a test `cargo test` leaves out"
        );
    }

    let try_it = readme_block("Try it here");
    let mut lists = invocations(&try_it);
    assert_eq!(lists.len(), 1, "{try_it}");
    let home = Home::new();
    let netrc = home.path().join("fresh").join("netrc");
    std::fs::create_dir(home.path().join("fresh")).unwrap();
    let args: Vec<String> = lists
        .remove(0)
        .into_iter()
        .map(|a| a.replace("$(mktemp -d)/netrc", netrc.to_str().unwrap()))
        .collect();
    let run =
        crate::common::Run::from(home.cmd().current_dir(root()).args(&args).output().unwrap());
    run.ok();
    assert!(
        run.stdout
            .contains("\"working_dir\": \"https://github.com/"),
        "{}",
        run.stdout
    );
    assert!(
        std::fs::read_to_string(&netrc)
            .unwrap()
            .contains("machine github.com")
    );
}

/// The pre-commit mirror's files pin the version Cargo.toml builds, and docs/pre-commit.md
/// shows them as they are.
#[test]
fn the_pre_commit_mirror_pins_this_version_and_the_docs_show_it() {
    let cargo = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let version = cargo
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .unwrap()
        .trim_end_matches('"');
    let dir = root().join("packaging/pre-commit-mirror");
    let hooks = std::fs::read_to_string(dir.join(".pre-commit-hooks.yaml")).unwrap();
    let pyproject = std::fs::read_to_string(dir.join("pyproject.toml")).unwrap();
    let pin = format!("additional_dependencies: [\"netrc-guard=={version}\"]");
    assert_eq!(hooks.matches(&pin).count(), 2, "both hooks pin {version}");
    assert!(pyproject.contains(&format!("version = \"{version}\"")));
    let docs = std::fs::read_to_string(root().join("docs/pre-commit.md")).unwrap();
    let blocks: Vec<String> = code_blocks(&docs)
        .into_iter()
        .map(|(_, _, lines)| lines.join("\n") + "\n")
        .collect();
    let first_hook = hooks.split("\n- id:").next().unwrap().to_string() + "\n";
    assert!(
        blocks.contains(&first_hook),
        "docs/pre-commit.md shows:\n{first_hook}"
    );
    assert!(
        blocks.contains(&pyproject),
        "docs/pre-commit.md shows:\n{pyproject}"
    );
}

/// The `Examples:` of every command's `--help` (and so of the man page) run real commands.
#[test]
fn every_example_in_help_names_real_commands_and_flags() {
    let mut wrong = Vec::new();
    let mut seen = 0;
    let root = Cli::command();
    let nested = root
        .get_subcommands()
        .flat_map(clap::Command::get_subcommands);
    for sub in root.get_subcommands().chain(nested) {
        let Some(examples) = sub.get_after_help() else {
            continue;
        };
        for line in examples.to_string().lines() {
            for args in invocations(line.trim()) {
                seen += 1;
                if let Err(why) = check_args(&args) {
                    wrong.push(format!("{} --help: {}: {why}", sub.get_name(), line.trim()));
                }
            }
        }
    }
    assert!(seen >= 20, "the examples are found ({seen})");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_checker_catches_what_does_not_exist() {
    assert!(check_args(&words("scan --format sarif -- x")).is_ok());
    assert!(check_args(&words("--file n kube patch a.yaml --in-place")).is_ok());
    assert!(check_args(&words("scan --no-such-flag")).is_err());
    assert!(check_args(&words("kube nonsense")).is_err());
    assert!(check_args(&words("add h --in-place")).is_err());
    assert_eq!(
        invocations("cargo run -- scrub a.json --file \"$(mktemp -d)/netrc\" | jq ."),
        vec![
            words("scrub a.json --file x")
                .into_iter()
                .map(|w| if w == "x" {
                    "$(mktemp -d)/netrc".into()
                } else {
                    w
                })
                .collect::<Vec<_>>()
        ]
    );
    assert!(invocations("pipx install netrc-guard").is_empty());
    let (spans, _) = prose_spans("a `netrc-guard\nscan --x` b `c`\n");
    assert_eq!(spans, [(1, "netrc-guard scan --x".into()), (2, "c".into())]);
    assert_eq!(
        repo_path("tests/fuzz_regressions/<target>/"),
        Some("tests/fuzz_regressions".into())
    );
    assert_eq!(repo_path("~/.netrc"), None);
    assert!(
        !root()
            .join(repo_path("tests/consumers.rs").unwrap())
            .exists()
    );
}

const MAN_PAGE: &str = "packaging/wheel-data/data/share/man/man1/netrc-guard.1";

#[test]
fn the_man_page_in_the_wheel_is_the_one_the_binary_prints() {
    let printed = Home::new().run(&["man"]).ok().stdout.clone();
    let shipped = std::fs::read_to_string(root().join(MAN_PAGE)).unwrap();
    assert!(
        printed == shipped,
        "{MAN_PAGE} is out of date: regenerate it with `cargo run -- man > {MAN_PAGE}`"
    );
}

/// `.TP` items of a man page section: (tag, text), roff escapes undone.
fn man_items(page: &str, section: &str) -> Vec<(String, String)> {
    let start = page.find(&format!(".SH \"{section}\"\n")).expect(section);
    let body = &page[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with(".SH"))
        .collect::<Vec<_>>();
    let plain = |s: &str| {
        s.replace("\\fB", "")
            .replace("\\fR", "")
            .replace("\\&", "")
            .replace("\\-", "-")
            .replace("\\e", "\\")
    };
    body.chunks(3)
        .map(|c| {
            assert_eq!(c[0], ".TP");
            (plain(c[1]), plain(c[2]))
        })
        .collect()
}

#[test]
fn the_man_page_has_its_sections_and_no_pages_that_do_not_exist() {
    let page = Home::new().run(&["man"]).ok().stdout.clone();
    assert!(!page.contains("HELP"), "no sections for `help`");
    for sub in Cli::command().get_subcommands() {
        let page_name = format!("netrc\\-guard\\-{}(1)", sub.get_name());
        assert!(!page.contains(&page_name), "no {page_name} page exists");
    }
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "EXIT STATUS",
        "ENVIRONMENT",
        "FILES",
        "SEE ALSO",
    ] {
        let plain = format!(".SH {section}\n");
        let quoted = format!(".SH \"{section}\"\n");
        assert!(page.contains(&plain) || page.contains(&quoted), "{section}");
    }
    let vars: Vec<String> = man_items(&page, "ENVIRONMENT")
        .into_iter()
        .map(|(v, _)| v)
        .collect();
    assert_eq!(
        vars,
        ["NETRC", "HOME", "USERPROFILE", "NO_COLOR", "CLICOLOR_FORCE"]
    );
    let docs = std::fs::read_to_string(root().join("docs/commands.md")).unwrap();
    for section in ["EXIT STATUS", "ENVIRONMENT", "FILES"] {
        for (tag, text) in man_items(&page, section) {
            let line = format!("- `{tag}`: {text}\n");
            assert!(
                docs.contains(&line),
                "docs/commands.md lacks the man page's {section} line:\n{line}"
            );
        }
    }
}

/// docs/scrub.md's `--format json` example (the input, the command, the document it writes
/// and its exit status) is what the binary does: the schema a CI step reads cannot drift
/// from the one documented.
#[test]
fn the_scrub_json_example_is_what_scrub_writes() {
    let text = std::fs::read_to_string(root().join("docs/scrub.md")).unwrap();
    let section = &text[text.find("### `--format json`").unwrap()..];
    let blocks = code_blocks(section);
    let block = |info: &str| {
        let (_, _, lines) = blocks.iter().find(|(_, i, _)| i == info).unwrap();
        lines.join("\n") + "\n"
    };
    let (input, command, document) = (block("yaml"), block("sh"), block("json"));
    assert_eq!(
        command,
        "netrc-guard scrub runtime_env.yaml --dry-run --format json\n"
    );
    assert!(section.contains("writes this, and exits 1"));
    let home = Home::new();
    home.write("runtime_env.yaml", &input);
    let run = home.run(&["scrub", "runtime_env.yaml", "--dry-run", "--format", "json"]);
    let mut written = run.code(1).json();
    written["summary"]["netrc"] = "/home/me/.netrc".into();
    let documented: serde_json::Value = serde_json::from_str(&document).unwrap();
    assert_eq!(
        written, documented,
        "docs/scrub.md's example is out of date"
    );
}
