//! What to do about a finding, the same in every format: where its credential belongs (a
//! netrc only for the schemes whose clients read one), that a committed netrc or Secret
//! leaves the repository, and that a credential found in history is rotated, since
//! removing it from the tip does not un-leak it.

use crate::scan::Located;
use crate::schemes::{Home, home_of};
use crate::uri::{Class, ScanRule};

const ROTATE: &str = "it is in the repository's history: rotate the credential (removing it from the tip does not un-leak it)";

/// The advice for one finding, without the history part.
fn where_it_belongs(f: &Located) -> String {
    match f.rule {
        ScanRule::NetrcFile => "remove the netrc from the repository (`git rm --cached`, and ignore it) and rotate the credential: a netrc belongs in your home directory or the file NETRC names".into(),
        ScanRule::KubeSecret => "do not commit the Secret: create it at deploy time (`netrc-guard kube secret ... | kubectl apply -f -`) and rotate the credential".into(),
        // The format names the service, not the host: GitLab and package indexes are
        // self-hosted too.
        ScanRule::KnownToken => format!(
            "keep the {} token out of the file: for git and HTTP clients a netrc entry for the host it authenticates to (`netrc-guard add HOST`), otherwise an environment variable set where it runs; rotate it if it was ever committed",
            f.host
        ),
        ScanRule::UriPassword | ScanRule::UriTokenUser => match home_of(&f.scheme) {
            Home::Netrc => "move it into a netrc file (`netrc-guard scrub FILE --in-place`)".into(),
            Home::Elsewhere(why) => format!("take it out of the URI: {why}"),
        },
    }
}

/// What to do about `f`: where its credential belongs, and rotation for one in history.
pub(crate) fn advice(f: &Located) -> String {
    if f.class == Class::Example {
        return "an example: nothing to do (`netrc-guard: allow` on its line silences it)".into();
    }
    let mut out = where_it_belongs(f);
    if f.commit.is_some() {
        out.push_str("; ");
        out.push_str(ROTATE);
    }
    out
}

/// Each distinct advice with the number of findings it is for, in order of first use: the
/// summary the text format closes with.
pub(crate) fn summary(findings: &[Located]) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for f in findings.iter().filter(|f| f.class == Class::Credential) {
        let a = advice(f);
        match out.iter_mut().find(|(_, seen)| *seen == a) {
            Some((n, _)) => *n += 1,
            None => out.push((1, a)),
        }
    }
    out
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
}
