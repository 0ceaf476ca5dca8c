#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), one after another, and copies
# each new kind of crash, minimised, into tests/fuzz_regressions/<target>/, where
# `cargo test --test cli fuzz_regressions` replays it on stable Rust.
#
#   fuzz/run.sh [SECONDS] [TARGET...]
#
# Needs nightly Rust and cargo-fuzz (`cargo install cargo-fuzz --locked`). A crash is new
# when its panic (location and message, numbers aside) differs from every saved one's.
# Exit status: 0 nothing new, 1 new crashes saved, 2 the build failed.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(netrc_parse uri_find scrub_json scrub_yaml scrub_python scrub_text)
fi
triple=$(rustc +nightly -vV | sed -n 's/^host: //p')
flags=(-O --debug-assertions)

dict_for() {
  case $1 in
    netrc_*) echo fuzz/dict/netrc.dict ;;
    uri_*) echo fuzz/dict/uri.dict ;;
    *) echo fuzz/dict/scrub.dict ;;
  esac
}

# The panic an input causes, with numbers (offsets, lengths) blanked: a crash's kind.
signature() {
  "fuzz/target/$triple/release/$1" "$2" 2>&1 | grep -m1 -A1 'panicked at' | tr -d '\n' |
    sed -E 's/[0-9]+/N/g'
}

cargo +nightly fuzz build "${flags[@]}" || exit 2
status=0
for t in "${targets[@]}"; do
  corpus="fuzz/corpus/$t" artifacts="fuzz/artifacts/$t" saved="tests/fuzz_regressions/$t"
  mkdir -p "$corpus" "$artifacts" "$saved"
  echo "== $t: ${seconds}s"
  before=$(date +%s)
  # -fork keeps going after a crash, so one known bug does not hide the others.
  cargo +nightly fuzz run "${flags[@]}" "$t" "$corpus" "fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -dict="$(dict_for "$t")" -max_len=4096 \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 >"$artifacts/log" 2>&1
  # The last progress line: executions, coverage, exec/s, crashes.
  grep -E '^#[0-9]+' "$artifacts/log" | tail -1
  known=()
  for f in "$saved"/*; do
    [ -e "$f" ] && known+=("$(signature "$t" "$f")")
  done
  for crash in $(find "$artifacts" -newermt "@$before" -name 'crash-*' -o -newermt "@$before" -name 'timeout-*' | sort); do
    sig=$(signature "$t" "$crash")
    case $(basename "$crash") in
      timeout-*) sig="timeout" ;;
    esac
    if printf '%s\n' "${known[@]}" | grep -qxF -- "$sig"; then
      continue
    fi
    known+=("$sig")
    dest="$saved/$(basename "$crash")"
    rm -f "$artifacts"/minimized-from-*
    cargo +nightly fuzz tmin "${flags[@]}" "$t" "$crash" >/dev/null 2>&1 || true
    min=$(ls -t "$artifacts"/minimized-from-* 2>/dev/null | head -1)
    # Keep the minimised input only if it still fails the same way.
    if [ -n "$min" ] && [ "$(signature "$t" "$min")" = "$sig" ]; then
      mv "$min" "$dest"
    else
      cp "$crash" "$dest"
    fi
    echo "new crash: $dest: $sig"
    status=1
  done
done
echo "replay the saved crashes with: cargo test --test cli fuzz_regressions"
exit $status
