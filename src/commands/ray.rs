//! `ray patch`.

use std::path::PathBuf;

use anyhow::{Result, anyhow, bail};

use super::{Located, note, warn};
use crate::Outcome;
use crate::cli::RayPatchArgs;
use crate::messages;
use crate::netrc::lint::Severity;
use crate::ray::{self, REMOTE_DIR, REMOTE_NETRC};
use crate::store;

/// The netrc in use must parse and pass `check` (mode 0600 included: rsync copies the mode
/// to every node), as `kube secret` asks.
fn refuse_a_broken_netrc(ctx: &Located) -> Result<()> {
    let store = &ctx.store;
    let errors: Vec<_> = store
        .problems()?
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    super::show_netrc_errors(store, &errors);
    bail!(
        "{}: the netrc has errors (above); fix them (`netrc-guard check`), then run again; nothing written",
        store.display()
    )
}

const DOCKER_UID_RULE: &str = "docker: the netrc reaches the container as a bind mount that keeps the host's owner and mode 0600, so the container's user must have the same uid as the host's ssh user, or it cannot read the netrc and downloads fail with 401. Check on a node: `id -u` over ssh, and `docker exec <container> id -u`; if they differ, build the image with a user of the host user's uid (or pass `--user <uid>` in docker.run_options). Do not chown the file in the container: Ray's next sync then fails.";

pub(super) fn patch(ctx: &Located, args: &RayPatchArgs) -> Result<Outcome> {
    if !args.in_place && args.files.len() > 1 {
        bail!(
            "several files need --in-place; without it the patched cluster YAML goes to standard output"
        );
    }
    refuse_a_broken_netrc(ctx)?;
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    let target = ctx.store.target()?;
    let mount = ray::netrc_mount(ctx.store.path(), &target, home.as_deref())?;
    // Every file is patched and checked before any is written.
    let mut patched = Vec::new();
    for file in &args.files {
        let name = file.display().to_string();
        let text = store::utf8_text(&name, store::read_regular(file)?)?;
        let p = ray::patch(&name, &text, &mount)?;
        let again = ray::patch(&name, &p.output, &mount).map_err(|e| {
            anyhow!("{name}: internal error: the patched YAML does not patch again cleanly ({e}); nothing written")
        })?;
        if !again.changes.is_empty() || again.output != p.output {
            bail!("{name}: internal error: the patch is not idempotent here; nothing written");
        }
        patched.push((file, text, p));
    }
    if patched.iter().any(|(_, _, p)| p.docker) {
        warn(DOCKER_UID_RULE);
    }
    for (file, text, p) in &patched {
        let shown = file.display();
        if !args.in_place {
            messages::out(&p.output)?;
        } else if p.output != *text {
            store::rewrite(file, p.output.as_bytes())?;
        }
        if p.changes.is_empty() {
            note(format!(
                "{shown}: already puts the netrc on every node; nothing changed"
            ));
        } else {
            note(format!(
                "{shown}: {} mounted at {REMOTE_DIR} and linked from {REMOTE_NETRC} on every node ({} changed)",
                mount.local_dir,
                p.changes.join(", ")
            ));
        }
    }
    note(format!(
        "after `netrc-guard add`, `scrub` or `remove`, run `ray up -y --no-restart` with the YAML to send the netrc to every node; `ray down` leaves {REMOTE_DIR} and {REMOTE_NETRC} on the nodes"
    ));
    Ok(Outcome::Clean)
}
