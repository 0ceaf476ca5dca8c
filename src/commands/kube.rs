//! `kube secret` and `kube patch`.

use anyhow::{Result, anyhow, bail};

use super::{Located, note, warn};
use crate::Outcome;
use crate::cli::{KubePatchArgs, KubeSecretArgs};
use crate::kube::{Dropped, PatchNote, SkipReason, Skipped};
use crate::messages;
use crate::netrc::lint::{self, Problem, Severity};
use crate::store;

pub(super) fn secret(ctx: &Located, args: &KubeSecretArgs) -> Result<Outcome> {
    let store = &ctx.store;
    let text = store.read_text()?.ok_or_else(|| {
        anyhow!(
            "{}: no such file; create it with `netrc-guard add`",
            store.display()
        )
    })?;
    let errors: Vec<Problem> = lint::check_text(&text)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    if !errors.is_empty() && !args.force {
        super::show_netrc_errors(store, &errors);
        bail!(
            "{}: the netrc has errors (above); fix them, or pass --force",
            store.display()
        );
    }
    let manifest = crate::kube::secret_manifest(
        &args.name,
        args.namespace.as_deref(),
        &args.key,
        text.as_bytes(),
    )?;
    messages::out(&manifest)?;
    note(format!(
        "the Secret above holds the credentials of {} (base64 is not encryption): apply it with `netrc-guard kube secret | kubectl apply -f -` and do not commit it",
        store.display()
    ));
    Ok(Outcome::Clean)
}

pub(super) fn patch(args: &KubePatchArgs) -> Result<Outcome> {
    if !args.in_place && args.files.len() > 1 {
        bail!(
            "several files need --in-place; without it the patched manifest goes to standard output"
        );
    }
    let opts = crate::kube::PatchOptions {
        secret: args.secret.clone(),
        volume_name: args.volume_name.clone(),
        mount_path: args.mount_path.clone(),
        home: args.home.clone(),
        key: args.key.clone(),
        all_containers: args.all_containers,
    };
    opts.check()?;
    // Every file is patched and checked before any is written.
    let mut patched = Vec::new();
    for file in &args.files {
        let shown = file.display();
        let name = shown.to_string();
        let bytes = store::read_regular(file)?;
        let text = store::utf8_text(&name, bytes)?;
        let p = crate::kube::patch(&name, &text, &opts)?;
        let again = crate::kube::patch(&name, &p.output, &opts)
            .map_err(|e| anyhow!("{shown}: internal error: the patched manifest does not patch again cleanly ({e}); nothing written"))?;
        if !again.changes.is_empty() {
            bail!("{shown}: internal error: the patch is not idempotent here; nothing written");
        }
        patched.push((file, text, p));
    }
    for (file, text, p) in &patched {
        let shown = file.display();
        for s in &p.skipped {
            note(format!("{shown}: {}", skipped_text(s)));
        }
        for w in &p.warnings {
            warn(dropped_text(w));
        }
        for n in &p.notes {
            note(format!("{shown}: {}", patch_note_text(n)));
        }
        if !args.in_place {
            messages::out(&p.output)?;
        } else if p.output != *text {
            store::rewrite(file, p.output.as_bytes())?;
        }
        if !p.changes.is_empty() {
            note(format!(
                "{shown}: added the netrc Secret to {}",
                crate::text::words::counted(p.changes.len(), "place")
            ));
        } else if p.pods > 0 {
            note(format!(
                "{shown}: already mounts the netrc in every Ray pod; nothing changed"
            ));
        } else {
            note(format!(
                "{shown}: nothing to patch: no Ray pod templates in it; nothing changed"
            ));
        }
    }
    Ok(Outcome::Clean)
}

/// Why `kube patch` left a document alone, as the note says it.
fn skipped_text(s: &Skipped) -> String {
    let document = &s.document;
    match &s.why {
        SkipReason::NotKubeRay => {
            format!("{document}: not a KubeRay RayCluster, RayJob, RayService or RayCronJob")
        }
        SkipReason::RunsOnExistingCluster => format!(
            "{document}: runs on an existing RayCluster (spec.clusterSelector) and has no pods of its own; patch that RayCluster's manifest"
        ),
        SkipReason::NoClusterSpec { path } => {
            format!("{document}: has no {path}, so no pods to patch")
        }
    }
}

/// A field the API server would drop, as the warning says it.
fn dropped_text(d: &Dropped) -> String {
    format!(
        "{}.{} is dropped by the API server (it belongs under template.spec); the patch goes to template.spec",
        d.group, d.field
    )
}

/// What the user should know about what the patch added.
fn patch_note_text(n: &PatchNote) -> String {
    match n {
        PatchNote::SubPathCopy {
            home_netrc,
            mount_path,
        } => format!(
            "{home_netrc} is a subPath mount: a copy made when a pod starts, which does not follow updates of the Secret (the directory {mount_path} that NETRC points into does); restart the pods after rotating the Secret"
        ),
    }
}
