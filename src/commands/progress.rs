//! The progress line of a long scan: on standard error, only when it is a terminal, only
//! after the scan has run for a while, and blanked when the scan ends. The walker only
//! counts ([`Progress`]); a thread here reads the counters and draws the line.

use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use crate::messages;
use crate::scan::Progress;

/// A scan shorter than this shows no progress at all.
const QUIET_START: Duration = Duration::from_secs(1);
const TICK: Duration = Duration::from_millis(150);

/// The line shown while scanning.
pub(super) fn line(files: usize, findings: usize) -> String {
    format!(
        "netrc-guard: scanning: {}, {} so far",
        crate::text::words::counted(files, "file"),
        crate::text::words::counted(findings, "finding")
    )
}

/// Runs `work` with `progress` shown on standard error while it runs, when `show`.
pub(super) fn with_progress<T: Send>(
    show: bool,
    progress: &Progress,
    work: impl FnOnce() -> T + Send,
) -> T {
    if !show {
        return work();
    }
    let (done, stop) = mpsc::channel::<()>();
    thread::scope(|scope| {
        scope.spawn(move || draw(progress, &stop));
        let value = work();
        // The ticker stops on the message or on the sender's drop, whichever comes first.
        let _ = done.send(());
        value
    })
}

fn draw(progress: &Progress, stop: &mpsc::Receiver<()>) {
    if !matches!(
        stop.recv_timeout(QUIET_START),
        Err(RecvTimeoutError::Timeout)
    ) {
        return;
    }
    let mut width = 0;
    loop {
        let text = line(
            progress.files.load(Ordering::Relaxed),
            progress.findings.load(Ordering::Relaxed),
        );
        messages::progress(&text, width);
        width = width.max(text.chars().count());
        if !matches!(stop.recv_timeout(TICK), Err(RecvTimeoutError::Timeout)) {
            break;
        }
    }
    messages::progress_clear(width);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_progress_runs_the_work_and_prints_nothing() {
        let counters = Progress::default();
        assert_eq!(with_progress(false, &counters, || 7), 7);
    }

    #[test]
    fn the_line_counts_files_and_findings() {
        assert_eq!(
            line(12, 3),
            "netrc-guard: scanning: 12 files, 3 findings so far"
        );
    }
}
