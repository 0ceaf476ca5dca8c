//! The closed sets of values the command line takes, as clap reads them. Each converts at
//! the boundary into the library's own type (ripgrep's low and high arguments), so clap
//! stays in the CLI layer and the library's enums owe it nothing.

use clap::ValueEnum;

use crate::{report, style, uri};

// Plain comments on the values, not doc comments: `--help` lists them on one line.

/// `--color`, as ripgrep spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorArg {
    // Colour on a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it).
    #[default]
    Auto,
    Always,
    Never,
}

impl From<ColorArg> for style::ColorChoice {
    fn from(arg: ColorArg) -> style::ColorChoice {
        match arg {
            ColorArg::Auto => style::ColorChoice::Auto,
            ColorArg::Always => style::ColorChoice::Always,
            ColorArg::Never => style::ColorChoice::Never,
        }
    }
}

/// `scan --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Json,
    Sarif,
    Github,
    // GitLab's code quality report (a JSON array).
    Gitlab,
}

impl From<FormatArg> for report::Format {
    fn from(arg: FormatArg) -> report::Format {
        match arg {
            FormatArg::Text => report::Format::Text,
            FormatArg::Json => report::Format::Json,
            FormatArg::Sarif => report::Format::Sarif,
            FormatArg::Github => report::Format::Github,
            FormatArg::Gitlab => report::Format::Gitlab,
        }
    }
}

/// `scan --min-confidence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConfidenceArg {
    Low,
    Medium,
    High,
}

impl From<ConfidenceArg> for uri::Confidence {
    fn from(arg: ConfidenceArg) -> uri::Confidence {
        match arg {
            ConfidenceArg::Low => uri::Confidence::Low,
            ConfidenceArg::Medium => uri::Confidence::Medium,
            ConfidenceArg::High => uri::Confidence::High,
        }
    }
}

/// The last valid `--color` among raw arguments, before `--`: clap styles its own help and
/// usage messages before our flag is parsed, so it is looked for here first.
pub(super) fn color_in_args<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Option<ColorArg> {
    let mut choice = None;
    let mut words = args.iter().map(|a| a.as_ref().to_str().unwrap_or(""));
    while let Some(word) = words.next() {
        let value = match word {
            "--" => break,
            "--color" => words.next(),
            _ => word.strip_prefix("--color="),
        };
        if let Some(v) = value.and_then(|v| ColorArg::from_str(v, false).ok()) {
            choice = Some(v);
        }
    }
    choice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_colour_follows_the_flag_among_raw_arguments() {
        let cases: &[(&[&str], Option<ColorArg>)] = &[
            (&["netrc-guard", "--help"], None),
            (
                &["netrc-guard", "--color", "never", "--help"],
                Some(ColorArg::Never),
            ),
            (
                &["netrc-guard", "scan", "--color=always", "-h"],
                Some(ColorArg::Always),
            ),
            (
                &["netrc-guard", "--color", "never", "--color", "auto"],
                Some(ColorArg::Auto),
            ),
            (&["netrc-guard", "--color", "bogus"], None),
            (&["netrc-guard", "scan", "--", "--color=never"], None),
        ];
        for (args, want) in cases {
            assert_eq!(color_in_args(args), *want, "{args:?}");
        }
    }

    /// Every value clap offers has a library value, and the names agree.
    #[test]
    fn every_value_converts() {
        for v in FormatArg::value_variants() {
            let name = v.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(
                format!("{:?}", report::Format::from(*v)).to_lowercase(),
                name
            );
        }
        for v in ConfidenceArg::value_variants() {
            let name = v.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(
                format!("{:?}", uri::Confidence::from(*v)).to_lowercase(),
                name
            );
        }
        for v in ColorArg::value_variants() {
            let name = v.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(
                format!("{:?}", style::ColorChoice::from(*v)).to_lowercase(),
                name
            );
        }
    }
}
