#!/usr/bin/env bash
# The pre-commit "mirror" pattern (as ruff-pre-commit and typos' hooks install): a small hook
# repository whose hook is `language: python` with netrc-guard pinned in
# `additional_dependencies`, so pre-commit pip-installs a wheel instead of compiling. Proven
# here end to end, without a network and without a Rust toolchain on PATH:
#
#   1. build the wheel (maturin; the dev profile reuses what `cargo test` built), and take a
#      setuptools wheel (pip needs one to install the mirror repository itself);
#   2. serve both from a PEP 503 simple index on 127.0.0.1 (python -m http.server);
#   3. make a mirror repository of packaging/pre-commit-mirror/ and a project that uses it,
#      with a staged file holding a credential;
#   4. run the real pre-commit with PIP_INDEX_URL at the loopback index, an empty
#      PRE_COMMIT_HOME and a PATH without cargo, rustc or rustup: the first run installs the
#      hook and must report the credential (exit 1); the second only runs it.
#
# Prints both times (the figure in docs/pre-commit.md). CI runs it (scripts are quick: about
# 15 s). NETRC_GUARD_WHEEL_PROFILE=release measures the wheel that would ship.
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${NETRC_GUARD_WHEEL_PROFILE:-dev}"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
python3 -m maturin --version >/dev/null 2>&1 || python3 -m pip install -q 'maturin>=1.5,<2'
command -v pre-commit >/dev/null || python3 -m pip install -q pre-commit
pre_commit_dir="$(dirname "$(command -v pre-commit)")"
work="$(mktemp -d)"
server=""
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# 1. The wheels.
mkdir -p "$work/files"
python3 -m maturin build --locked --profile "$profile" --out "$work/files" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
  -d "$work/files" 'setuptools>=70'

# 2. A PEP 503 simple index: /simple/<normalised name>/ lists its files, with their sha256.
python3 - "$work" <<'PY'
import hashlib, html, os, re, sys
root = sys.argv[1]
files = os.path.join(root, "files")
projects = {}
for name in sorted(os.listdir(files)):
    project = re.sub(r"[-_.]+", "-", name.split("-")[0]).lower()
    projects.setdefault(project, []).append(name)
os.makedirs(os.path.join(root, "index", "simple"))
os.symlink(files, os.path.join(root, "index", "files"))
links = []
for project, names in projects.items():
    os.makedirs(os.path.join(root, "index", "simple", project))
    rows = []
    for name in names:
        digest = hashlib.sha256(open(os.path.join(files, name), "rb").read()).hexdigest()
        rows.append(f'<a href="../../files/{html.escape(name)}#sha256={digest}">{html.escape(name)}</a><br>')
    with open(os.path.join(root, "index", "simple", project, "index.html"), "w") as f:
        f.write("<!DOCTYPE html><html><body>\n" + "\n".join(rows) + "\n</body></html>\n")
    links.append(f'<a href="{project}/">{project}</a><br>')
with open(os.path.join(root, "index", "simple", "index.html"), "w") as f:
    f.write("<!DOCTYPE html><html><body>\n" + "\n".join(links) + "\n</body></html>\n")
PY
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server --bind 127.0.0.1 --directory "$work/index" "$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/simple/" >/dev/null 2>&1 && break
  sleep 0.1
done

# 3. The mirror repository: packaging/pre-commit-mirror/ (what a netrc-guard-pre-commit
# repository holds, pinned to this version), at a tag.
git init -q "$work/mirror"
cp packaging/pre-commit-mirror/.pre-commit-hooks.yaml packaging/pre-commit-mirror/pyproject.toml "$work/mirror/"
grep -q "netrc-guard==$version\"" "$work/mirror/.pre-commit-hooks.yaml" \
  || { echo "pre-commit-mirror: packaging/pre-commit-mirror does not pin netrc-guard==$version" >&2; exit 1; }
git -C "$work/mirror" add -A
git -C "$work/mirror" -c user.name=mirror -c user.email=mirror@127.0.0.1 commit -qm "netrc-guard $version"
git -C "$work/mirror" tag "v$version"

git init -q "$work/project"
printf '{"working_dir": "https://u:hunter2-Secret@h.example/a.zip"}\n' >"$work/project/env.json"
cat >"$work/project/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $work/mirror
    rev: v$version
    hooks:
      - id: netrc-guard-scan
YAML
git -C "$work/project" add -A

# 4. pre-commit, with no Rust toolchain on PATH and only the loopback index to install from.
clean_path="$pre_commit_dir"
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  if [ -n "$d" ] && [ ! -e "$d/cargo" ] && [ ! -e "$d/rustc" ] && [ ! -e "$d/rustup" ]; then
    clean_path="$clean_path:$d"
  fi
done
if [ -e "$pre_commit_dir/cargo" ] || PATH="$clean_path" command -v cargo >/dev/null; then
  echo "pre-commit-mirror: a Rust toolchain is still on PATH" >&2; exit 1
fi
mkdir "$work/home"
runs=()
for attempt in first second; do
  started="$(date +%s.%N)"
  status=0
  (cd "$work/project" && env -i HOME="$work/home" PATH="$clean_path" LANG=C.UTF-8 \
    PRE_COMMIT_HOME="$work/cache" NETRC="$work/netrc" \
    PIP_INDEX_URL="http://127.0.0.1:$port/simple/" PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 pre-commit run --all-files --color never) >"$work/$attempt.log" 2>&1 \
    || status=$?
  elapsed="$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
  runs+=("$attempt ${elapsed}s")
  if [ "$status" != 1 ] || ! grep -q 'env.json:1:' "$work/$attempt.log"; then
    echo "pre-commit-mirror: the $attempt run did not report the credential (exit $status):" >&2
    cat "$work/$attempt.log" >&2
    exit 1
  fi
  if grep -q 'hunter2-Secret' "$work/$attempt.log"; then
    echo "pre-commit-mirror: the secret was printed" >&2; exit 1
  fi
done
# The hook's environment holds the wheel's binary, not a build.
ls "$work"/cache/repo*/py_env-*/bin/netrc-guard >/dev/null
wheel="$(cd "$work/files" && ls netrc_guard-*.whl)"
echo "pre-commit-mirror: $wheel ($(du -h "$work/files/$wheel" | cut -f1), profile $profile) from a loopback index, no Rust on PATH: ${runs[0]} (install and run), ${runs[1]} (run only)"
