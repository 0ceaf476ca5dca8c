//! What `kube patch` writes into a manifest, checked before any file is read.

use super::error::{KubeError, NameKind};
use super::names::{
    check_container_path, check_secret_key, is_dns1123_label, is_dns1123_subdomain, is_within,
    trimmed,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PatchOptions {
    /// The Secret that holds the netrc.
    pub secret: String,
    /// The pod volume made from the Secret.
    pub volume_name: String,
    /// Where the volume is mounted as a directory; `NETRC` points into it.
    pub mount_path: String,
    /// The Ray container's home directory: the netrc is also mounted at `<home>/.netrc`.
    pub home: String,
    /// The netrc's key in the Secret.
    pub key: String,
    pub all_containers: bool,
}

impl PatchOptions {
    /// `NETRC`'s value: the netrc inside the directory mount.
    pub(crate) fn netrc_path(&self) -> String {
        format!("{}/{}", trimmed(&self.mount_path), self.key)
    }

    /// The netrc where git and curl look for it: `$HOME/.netrc`.
    pub(crate) fn home_netrc(&self) -> String {
        format!("{}/.netrc", trimmed(&self.home))
    }

    /// Refuses what the API server would refuse, and mounts that would hide each other.
    pub(crate) fn check(&self) -> Result<(), KubeError> {
        if !is_dns1123_subdomain(&self.secret) {
            return Err(KubeError::bad_name(
                "--secret",
                NameKind::Secret,
                &self.secret,
            ));
        }
        if !is_dns1123_label(&self.volume_name) {
            return Err(KubeError::bad_name(
                "--volume-name",
                NameKind::Volume,
                &self.volume_name,
            ));
        }
        check_secret_key("--key", &self.key)?;
        check_container_path("--mount-path", &self.mount_path)?;
        check_container_path("--home", &self.home)?;
        let (mount, home, home_netrc) = (&self.mount_path, &self.home, self.home_netrc());
        if is_within(home, mount) {
            return Err(KubeError::MountHidesHome {
                mount: mount.clone(),
                home: home.clone(),
            });
        }
        if is_within(mount, &home_netrc) {
            return Err(KubeError::MountIsNetrcFile {
                mount: mount.clone(),
                home: home.clone(),
                home_netrc,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(crate) fn defaults() -> PatchOptions {
        PatchOptions {
            secret: "netrc-secret".into(),
            volume_name: "netrc-kuberay".into(),
            mount_path: "/home/ray/netrcvolume/".into(),
            home: "/home/ray".into(),
            key: ".netrc".into(),
            all_containers: false,
        }
    }

    #[test]
    fn defaults_pass_and_compose() {
        let o = defaults();
        o.check().unwrap();
        assert_eq!(o.netrc_path(), "/home/ray/netrcvolume/.netrc");
        assert_eq!(o.home_netrc(), "/home/ray/.netrc");
    }

    #[test]
    fn mounts_that_hide_each_other_are_refused() {
        for mount in [
            "/home/ray",
            "/home/ray/",
            "/home",
            "/home/ray/.netrc",
            "/home/ray/.netrc/x",
        ] {
            let o = PatchOptions {
                mount_path: mount.into(),
                ..defaults()
            };
            assert!(o.check().is_err(), "{mount}");
        }
        let o = PatchOptions {
            mount_path: "/home/ray/.netrcdir".into(),
            ..defaults()
        };
        o.check().unwrap();
    }
}
