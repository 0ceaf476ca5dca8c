#!/usr/bin/env bash
# The Python package (pyproject.toml, maturin `bin` bindings): build a wheel, install it into
# a fresh virtualenv, and run it with no Rust toolchain on PATH (`cargo` and `rustc` must not
# be found), as on a machine that only has Python.
#
#   NETRC_GUARD_WHEEL_PROFILE  the Cargo profile of the wheel (default: dev, which reuses the
#                              build `cargo test` just made, so the step costs seconds; `release`
#                              builds what would be published: lto, codegen-units=1, stripped)
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${NETRC_GUARD_WHEEL_PROFILE:-dev}"
python3 -m maturin --version >/dev/null 2>&1 || python3 -m pip install -q 'maturin>=1.5,<2'
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
started=$SECONDS

python3 -m maturin build --locked --profile "$profile" --out "$work/wheels" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
wheel="$(ls "$work"/wheels/netrc_guard-*.whl)"
echo "wheel-smoke: built $(basename "$wheel") ($(du -h "$wheel" | cut -f1), profile $profile) in $((SECONDS - started))s" >&2

python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check --no-index "$wheel"

# PATH without any directory that holds cargo, rustc or rustup.
clean_path="$work/venv/bin"
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  if [ -n "$d" ] && [ ! -e "$d/cargo" ] && [ ! -e "$d/rustc" ] && [ ! -e "$d/rustup" ]; then
    clean_path="$clean_path:$d"
  fi
done
mkdir "$work/home"
# A realistic credential (the shipped examples say "Example" in theirs, so scan rightly
# treats them as examples).
printf '%s\n' 'index-url = https://ci:Xk9-mQ2vLp7Rt@pypi.acme-corp.io/simple' >"$work/home/pip.conf"

env -i HOME="$work/home" PATH="$clean_path" LANG=C.UTF-8 bash -euo pipefail -c '
  cd "$HOME"
  if command -v cargo || command -v rustc || command -v rustup; then
    echo "wheel-smoke: a Rust toolchain is still on PATH" >&2; exit 1
  fi
  case "$(command -v netrc-guard)" in
    */venv/bin/netrc-guard) ;;
    *) echo "wheel-smoke: netrc-guard is not the wheel'"'"'s: $(command -v netrc-guard)" >&2; exit 1 ;;
  esac
  netrc-guard --version
  status=0
  netrc-guard scan pip.conf >scan.out 2>scan.err || status=$?
  [ "$status" = 1 ] || { echo "wheel-smoke: scan exited $status, not 1" >&2; cat scan.err >&2; exit 1; }
  grep -q "^pip.conf:1:13: uri-password: https://\*\*\*@pypi.acme-corp.io/simple" scan.out
  if grep -q "Xk9-mQ2vLp7Rt" scan.out scan.err; then
    echo "wheel-smoke: a token was printed" >&2; exit 1
  fi
  netrc-guard completions bash | grep -q netrc-guard
  # The man page rides in the wheel (share/man/man1 under the environment), where man finds
  # it beside the bin/ on PATH, as it finds pipx'"'"'s links in ~/.local/share/man.
  test -f "$(dirname "$(command -v netrc-guard)")/../share/man/man1/netrc-guard.1"
  if command -v man >/dev/null; then
    case "$(man -w netrc-guard)" in
      */venv/share/man/man1/netrc-guard.1) ;;
      *) echo "wheel-smoke: man does not find the wheel'"'"'s page: $(man -w netrc-guard 2>&1)" >&2; exit 1 ;;
    esac
    MANWIDTH=80 man netrc-guard 2>/dev/null | grep -q "^EXIT STATUS"
  fi
'
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
env -i PATH="$clean_path" netrc-guard --version | grep -qx "netrc-guard $version"
echo "wheel-smoke: ok without Rust on PATH, $((SECONDS - started))s in all" >&2
