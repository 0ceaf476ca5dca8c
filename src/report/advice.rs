//! What to do about a finding, the same in every format: where its credential belongs (a
//! netrc only for the schemes whose clients read one), that a committed netrc or Secret
//! leaves the repository, and that a credential found in history is rotated, since
//! removing it from the tip does not un-leak it.

use crate::scan::Located;
use crate::schemes::{Home, home_of};
use crate::uri::{Class, ScanRule};

/// The words of an advice that follow the number of findings it is for: one finding's
/// `it` and `the credential`, several findings' `them` and `the credentials`.
#[derive(Clone, Copy)]
struct Words {
    it: &'static str,
    they_are: &'static str,
    credential: &'static str,
    token: &'static str,
    file: &'static str,
    uri: &'static str,
    it_was: &'static str,
}

const ONE: Words = Words {
    it: "it",
    they_are: "it is",
    credential: "the credential",
    token: "token",
    file: "the file",
    uri: "the URI",
    it_was: "it was",
};

const SEVERAL: Words = Words {
    it: "them",
    they_are: "they are",
    credential: "the credentials",
    token: "tokens",
    file: "the files",
    uri: "the URIs",
    it_was: "they were",
};

/// The words for `count` findings.
fn words(count: usize) -> Words {
    if count == 1 { ONE } else { SEVERAL }
}

/// The advice for findings like `f`, without the history part, worded for `w`.
fn where_it_belongs(f: &Located, w: Words) -> String {
    let Words {
        it,
        credential,
        token,
        file,
        uri,
        it_was,
        ..
    } = w;
    match f.rule {
        ScanRule::NetrcFile => format!(
            "remove the netrc from the repository (`git rm --cached`, and ignore it) and rotate {credential}: a netrc belongs in your home directory or the file NETRC names"
        ),
        ScanRule::KubeSecret => format!(
            "do not commit the Secret: create it at deploy time (`netrc-guard kube secret ... | kubectl apply -f -`) and rotate {credential}"
        ),
        // The format names the service, not the host: GitLab and package indexes are
        // self-hosted too.
        ScanRule::KnownToken => format!(
            "keep the {} {token} out of {file}: for git and HTTP clients a netrc entry for the host it authenticates to (`netrc-guard add HOST`), otherwise an environment variable set where it runs; rotate {it} if {it_was} ever committed",
            f.host
        ),
        ScanRule::UriPassword | ScanRule::UriTokenUser => match home_of(&f.scheme) {
            Home::Netrc => {
                format!("move {it} into a netrc file (`netrc-guard scrub FILE --in-place`)")
            }
            Home::Elsewhere(why) => format!("take {it} out of {uri}: {why}"),
        },
    }
}

/// What to do about findings like `f`, `count` of them: where their credential belongs,
/// and rotation for those in history.
fn advice_for(f: &Located, count: usize) -> String {
    if f.class == Class::Example {
        return "an example: nothing to do (`netrc-guard: allow` on its line silences it)".into();
    }
    let w = words(count);
    let mut out = where_it_belongs(f, w);
    if f.commit.is_some() {
        out.push_str(&format!(
            "; {} in the repository's history: rotate {} (removing {} from the tip does not un-leak {})",
            w.they_are, w.credential, w.it, w.it
        ));
    }
    out
}

/// What to do about `f`: where its credential belongs, and rotation for one in history.
pub(crate) fn advice(f: &Located) -> String {
    advice_for(f, 1)
}

/// Each distinct advice with the number of findings it is for, in order of first use,
/// worded for that number: the summary the text format closes with.
pub(crate) fn summary(findings: &[Located]) -> Vec<(usize, String)> {
    let mut seen: Vec<(usize, String, &Located)> = Vec::new();
    for f in findings.iter().filter(|f| f.class == Class::Credential) {
        let a = advice(f);
        match seen.iter_mut().find(|(_, one, _)| *one == a) {
            Some((n, _, _)) => *n += 1,
            None => seen.push((1, a, f)),
        }
    }
    seen.into_iter()
        .map(|(n, _, f)| (n, advice_for(f, n)))
        .collect()
}

/// One line of the summary: `N of them: ADVICE`.
pub(crate) fn summary_line(count: usize, advice: &str) -> String {
    format!("{count} of them: {advice}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::{ScanOptions, scan_buffer};

    fn advices(path: &str, text: &str) -> Vec<String> {
        let opts = ScanOptions {
            include_examples: false,
            max_filesize: 1 << 20,
        };
        scan_buffer(path, text.as_bytes(), &opts)
            .iter()
            .map(advice)
            .collect()
    }

    #[test]
    fn advice_fits_the_finding() {
        let found = advices(
            "f",
            "a https://u:Kq7!xpw2Zt@git.acme.io/x\nb postgres://app:Kq7!xpw2Zt@db.acme.io/app\nGH_TOKEN=ghp_Zq8vN2kX4mT7pR1sW9yB3cF6hJ0dL5gA8eUi\n",
        );
        assert!(found[0].contains("netrc-guard scrub"), "{}", found[0]);
        assert!(
            found[1].contains("pgpass") && !found[1].contains("netrc file"),
            "{}",
            found[1]
        );
        assert!(found[2].contains("netrc-guard add HOST"), "{}", found[2]);
        let netrc = advices(
            "ci.netrc",
            "machine h.acme.io login u password Kq7!xpw2Zt\n",
        );
        assert!(netrc[0].contains("remove the netrc") && netrc[0].contains("rotate"));
    }

    #[test]
    fn history_says_rotate() {
        let opts = ScanOptions {
            include_examples: false,
            max_filesize: 1 << 20,
        };
        let mut f = scan_buffer("f", b"https://u:Kq7!xpw2Zt@git.acme.io/x", &opts).remove(0);
        assert!(!advice(&f).contains("rotate"));
        f.commit = Some("0123456789ab".into());
        assert!(advice(&f).contains("rotate the credential"));
    }

    /// Every count-dependent phrase agrees with its count: one finding's advice says `it`,
    /// several findings' say `them`, for every rule, in history or not.
    #[test]
    fn the_summary_agrees_with_its_count() {
        let opts = ScanOptions {
            include_examples: false,
            max_filesize: 1 << 20,
        };
        let text = "a https://u:Kq7!xpw2Zt@git.acme.io/x\nb postgres://app:Kq7!xpw2Zt@db.acme.io/app\nGH_TOKEN=ghp_Zq8vN2kX4mT7pR1sW9yB3cF6hJ0dL5gA8eUi\n";
        for path in ["f", "ci.netrc"] {
            let text = if path == "f" {
                text
            } else {
                "machine h.acme.io login u password Kq7!xpw2Zt\n"
            };
            for commit in [None, Some("0123456789ab".to_string())] {
                let mut one = scan_buffer(path, text.as_bytes(), &opts);
                for f in &mut one {
                    f.commit.clone_from(&commit);
                }
                let two: Vec<_> = one.iter().flat_map(|f| [f.clone(), f.clone()]).collect();
                for (count, findings) in [(1, one), (2, two)] {
                    for (n, line) in summary(&findings) {
                        assert_eq!(n, count);
                        assert_eq!(summary_line(n, &line), format!("{count} of them: {line}"));
                        let (wrong, right): (&[&str], &[&str]) = if count == 1 {
                            (
                                &[" them", " they ", "credentials", "tokens", "URIs"],
                                &[" it", "the credential"],
                            )
                        } else {
                            (
                                &[
                                    " it into",
                                    " it out",
                                    " it if",
                                    "rotate the credential ",
                                    "rotate the credential:",
                                    "it is in",
                                ],
                                &[" them", "the credentials"],
                            )
                        };
                        assert!(right.iter().any(|r| line.contains(r)), "{line}");
                        assert!(!wrong.iter().any(|w| line.contains(w)), "{count}: {line}");
                    }
                }
            }
        }
    }
}
