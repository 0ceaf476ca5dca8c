#!/usr/bin/env bash
# Ray end to end (tests/cli/ray_e2e.rs): a runtime_env scrubbed by netrc-guard, with a private
# working_dir, py_modules and git+http pip requirement on loopback servers, runs under a real
# local Ray, and Ray's files hold no credential.
#
# Ray comes from PyPI into a cached virtualenv (about 80 MB to download, 400 MB installed,
# a minute or two to install; the job itself about two minutes):
#   NETRC_GUARD_RAY_SPEC  what to install (default: ray[default]==2.60.0; Ray 2.52 fetches only https:// URIs,
#                        and the loopback servers speak http)
#   NETRC_GUARD_RAY_VENV  where (default: ~/.cache/netrc-guard-ray-venv)
set -euo pipefail
cd "$(dirname "$0")/.."

spec="${NETRC_GUARD_RAY_SPEC:-ray[default]==2.60.0}"
venv="${NETRC_GUARD_RAY_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/netrc-guard-ray-venv}"
if [ "$(cat "$venv/.netrc-guard-spec" 2>/dev/null)" != "$spec" ]; then
  echo "ray-e2e: installing $spec into $venv" >&2
  started=$SECONDS
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "$spec"
  echo "$spec" >"$venv/.netrc-guard-spec"
  echo "ray-e2e: installed in $((SECONDS - started))s, $(du -sh "$venv" | cut -f1)" >&2
fi
NETRC_GUARD_RAY_PYTHON="$venv/bin/python" cargo test --locked --test cli ray_e2e
