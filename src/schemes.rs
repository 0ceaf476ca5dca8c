//! Which credentials belong in a netrc: only those whose client reads one. The one list of
//! URI schemes by client (see `ray-runtime-env.md`, "Which clients read a netrc"); `scrub`
//! moves only these, and says where every other credential belongs instead.

/// Where a URI's credential belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Home {
    /// Its clients read a netrc: requests (Ray, pip), uv, curl, wget, git through libcurl.
    Netrc,
    /// Its client never reads a netrc; the text says where the credential goes instead.
    Elsewhere(&'static str),
}

/// Schemes whose clients read a netrc: HTTP(S) (requests, uv, curl, git through libcurl),
/// FTP (curl, wget, ftp), and pip's and uv's VCS requirements over HTTP(S), which git,
/// Mercurial, Subversion and Bazaar fetch through the same HTTP stacks.
const NETRC_SCHEMES: &[&str] = &[
    "http",
    "https",
    "ftp",
    "ftps",
    "git+http",
    "git+https",
    "hg+http",
    "hg+https",
    "svn+http",
    "svn+https",
    "bzr+http",
    "bzr+https",
];

const PGPASS: &str = "libpq (psycopg, asyncpg) never reads a netrc: put the password in ~/.pgpass or the file PGPASSFILE names, or in an environment variable or Kubernetes Secret the application reads";
const MY_CNF: &str = "MySQL clients never read a netrc: put the password in ~/.my.cnf, or in an environment variable or Kubernetes Secret the application reads";
const SSH: &str =
    "ssh never reads a netrc: use a key (ssh-agent, ~/.ssh) instead of a password in the URI";
const DRIVER: &str = "its client never reads a netrc: keep the credential in an environment variable or a Kubernetes Secret the application reads";

/// Where a credential in a URI with `scheme` belongs. SQLAlchemy-style dialects
/// (`postgresql+psycopg2`, `mysql+pymysql`) count as their database.
pub(crate) fn home_of(scheme: &str) -> Home {
    let scheme = scheme.to_ascii_lowercase();
    if NETRC_SCHEMES.contains(&scheme.as_str()) {
        return Home::Netrc;
    }
    let base = scheme.split('+').next().unwrap_or_default();
    Home::Elsewhere(match base {
        "postgres" | "postgresql" | "pgsql" => PGPASS,
        "mysql" | "mariadb" => MY_CNF,
        "ssh" | "sftp" | "scp" => SSH,
        "git" if scheme.ends_with("+ssh") => SSH,
        _ => DRIVER,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_and_its_vcs_forms_go_to_the_netrc_and_nothing_else_does() {
        for scheme in ["https", "HTTP", "ftp", "git+https", "hg+http", "svn+https"] {
            assert_eq!(home_of(scheme), Home::Netrc, "{scheme}");
        }
        for (scheme, mentions) in [
            ("postgres", "pgpass"),
            ("postgresql+psycopg2", "pgpass"),
            ("mysql+pymysql", "my.cnf"),
            ("ssh", "key"),
            ("git+ssh", "key"),
            ("redis", "environment variable"),
            ("mongodb+srv", "environment variable"),
            ("s3", "environment variable"),
            ("amqp", "environment variable"),
        ] {
            match home_of(scheme) {
                Home::Elsewhere(text) => assert!(text.contains(mentions), "{scheme}: {text}"),
                Home::Netrc => panic!("{scheme} would go into the netrc"),
            }
        }
    }

    /// Every scheme this file names, with the article it is said with: `an` before the
    /// ones said as letters from a vowel sound (`an ssh`, `an ftp`, `an hg+https`).
    #[test]
    fn every_scheme_takes_the_article_it_is_said_with() {
        use crate::text::words::with_article;
        let said = [
            "an http",
            "an https",
            "an ftp",
            "an ftps",
            "a git+http",
            "a git+https",
            "an hg+http",
            "an hg+https",
            "an svn+http",
            "an svn+https",
            "a bzr+http",
            "a bzr+https",
            "a postgres",
            "a postgresql",
            "a pgsql",
            "a mysql",
            "a mariadb",
            "an ssh",
            "an sftp",
            "an scp",
            "a git+ssh",
            "a redis",
            "a mongodb+srv",
            "an s3",
            "an amqp",
        ];
        for said in said {
            let scheme = said.split_once(' ').expect(said).1;
            assert_eq!(with_article(scheme), said);
        }
        for scheme in NETRC_SCHEMES {
            assert!(
                said.iter().any(|s| s.ends_with(&format!(" {scheme}"))),
                "{scheme}"
            );
        }
    }
}
