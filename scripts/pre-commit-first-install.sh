#!/usr/bin/env bash
# How long pre-commit takes to install each kind of netrc-guard hook the first time (the
# numbers in docs/pre-commit.md): for each hook, a new git repository whose .pre-commit-config.yaml
# names this checkout (`repo:` its path, `rev:` HEAD, so commit first) and an empty
# PRE_COMMIT_HOME, then `pre-commit run --all-files` twice (install and run; run only).
# The staged file holds a credential, so each run must exit 1.
#
#   scripts/pre-commit-first-install.sh [HOOK_ID...]   default: the three scan hooks
# The system hooks run the netrc-guard on PATH (NETRC_GUARD_BIN_DIR is put first, if set).
set -euo pipefail
cd "$(dirname "$0")/.."

checkout="$PWD"
rev="$(git rev-parse HEAD)"
[ $# -gt 0 ] || set -- netrc-guard-scan-system netrc-guard-scan-python netrc-guard-scan
[ -z "${NETRC_GUARD_BIN_DIR:-}" ] || PATH="$NETRC_GUARD_BIN_DIR:$PATH"

elapsed() { # seconds since $1 (from date +%s.%N), to a tenth
  awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}

for hook in "$@"; do
  work="$(mktemp -d)"
  git init -q "$work/repo"
  printf '{"working_dir": "https://u:hunter2-Secret@h.example/a.zip"}\n' >"$work/repo/env.json"
  cat >"$work/repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $checkout
    rev: $rev
    hooks:
      - id: $hook
YAML
  git -C "$work/repo" add -A
  runs=()
  for attempt in first second; do
    started="$(date +%s.%N)"
    status=0
    (cd "$work/repo" && PRE_COMMIT_HOME="$work/cache" NETRC="$work/netrc" \
      pre-commit run --all-files --color never) >"$work/$attempt.log" 2>&1 || status=$?
    runs+=("$attempt $(elapsed "$started")s exit $status")
    if [ "$status" != 1 ] || ! grep -q 'env.json:1:' "$work/$attempt.log"; then
      echo "$hook: the $attempt run did not report the credential (exit $status):" >&2
      cat "$work/$attempt.log" >&2
    fi
  done
  echo "$hook: ${runs[0]} (install and run), ${runs[1]} (run only)"
  rm -rf "$work"
done
