#!/usr/bin/env bash
# A real two-node `ray up` cluster (Ray's `local` provider over SSH to loopback: the head at
# 127.0.0.1, the worker at 127.0.0.2, each an sshd of this script's own with its own HOME for
# one node user), after `netrc-guard ray patch`:
#   1. a job with one task pinned to each node, each with a private working_dir zip behind
#      Basic auth on a loopback server: both import it, and the server saw credentials from
#      both;
#   2. rotation: the server's password changes and `netrc-guard add --force` follows, then
#      `ray up -y --no-restart`: the next job succeeds on both nodes with Ray not restarted
#      (same node ids);
#   3. negative control: the worker's ~/.netrc removed: the worker's task fails with 401, the
#      head's succeeds;
#   4. on each node the netrc is 0600 and owned by the node user; no credential in any other
#      file of the nodes' homes (their Ray temp dirs inside), the launcher's Ray temp dir,
#      `ray up`'s output or the YAML;
#   4b. no stale copy: `netrc-guard remove`, then `ray up -y --no-restart`: both nodes get 401;
#   5. the netrc removed from every node with one `ray exec`, as docs/ray-clusters.md says;
# then `ray down`, and everything it started is stopped by PID (sshds, server, the node
# user's processes) and removed (the node user, the temp dir). Loopback only. Run as root.
#
# Ray runs as the node user, so it cannot live under /root: it is installed from PyPI with the
# system Python into NETRC_GUARD_RAY_CLUSTER_VENV (default /var/cache/netrc-guard-ray-cluster-venv;
# a couple of minutes the first time, then cached). Wall time with the venv cached: 80-120 s
# on a loaded 2-core machine (the cluster part about a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
started_at=$SECONDS
say() { echo "ray-cluster-e2e: $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }

[ "$(id -u)" = 0 ] || { say "skipped: needs root (sshd on port 22, a node user)"; exit 0; }
need_apt=()
[ -x /usr/sbin/sshd ] || need_apt+=(openssh-server)
command -v rsync >/dev/null || need_apt+=(rsync)
command -v ssh >/dev/null || need_apt+=(openssh-client)
/usr/bin/python3 -c 'import ensurepip' 2>/dev/null || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
for ip in 127.0.0.1 127.0.0.2; do
  if ss -ltn | awk '{print $4}' | grep -qE "^($ip|0\.0\.0\.0|\*|\[::\]):22$"; then
    fail "something already listens on $ip:22"
  fi
done

spec="${NETRC_GUARD_RAY_SPEC:-ray[default]==2.60.0}"
venv="${NETRC_GUARD_RAY_CLUSTER_VENV:-/var/cache/netrc-guard-ray-cluster-venv}"
if [ "$(cat "$venv/.netrc-guard-spec" 2>/dev/null)" != "$spec" ]; then
  say "installing $spec into $venv"
  rm -rf "$venv"
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "$spec"
  echo "$spec" >"$venv/.netrc-guard-spec"
fi
# The YAML edit's tests, with Ray's own validator (prepare_config, validate_config) on the
# example cluster YAMLs inside the wheel.
NETRC_GUARD_RAY_PYTHON="$venv/bin/python" cargo test --locked -q --test cli ray_cluster
cargo build --locked -q
ng="$repo/target/debug/netrc-guard"

# --- everything below is undone by cleanup ------------------------------------------------
user=ngrc-node
w=$(mktemp -d /tmp/ngrc.XXXXXX)
chmod 755 "$w"
pids=()
made_run_sshd=
made_user=
downed=
cluster="$w/cluster.yaml"
launcher_env=(env "HOME=$w/launcher" "RAY_TMPDIR=$w/launcher/tmp" "TMPDIR=$w/launcher/tmp" RAY_USAGE_STATS_ENABLED=0
  RAY_UP_enable_autoscaler_v2=0 "PATH=$venv/bin:$PATH")
tmp_before=$(ls -d /tmp/ray_ssh_* /tmp/ray_tmp_mount 2>/dev/null | sort || true)
cleanup() {
  set +e
  if [ -f "$cluster" ] && [ -n "$made_user" ] && [ -z "$downed" ]; then
    "${launcher_env[@]}" timeout 120 ray down -y "$cluster" >"$w/down.log" 2>&1
  fi
  if [ -n "$made_user" ]; then
    # Ray processes of the node user this script made (`ray down` stops the head's; the
    # co-located worker's may outlive it).
    for pid in $(ps -u "$user" -o pid= 2>/dev/null); do kill "$pid" 2>/dev/null; done
    sleep 1
    for pid in $(ps -u "$user" -o pid= 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  [ -n "$made_user" ] && userdel "$user" 2>/dev/null
  [ -n "$made_run_sshd" ] && rmdir /run/sshd 2>/dev/null
  # What Ray's launcher left in /tmp during this run (its ssh control sockets).
  for d in $(ls -d /tmp/ray_ssh_* /tmp/ray_tmp_mount 2>/dev/null | sort); do
    grep -qxF "$d" <<<"$tmp_before" || rm -rf "$d"
  done
  rm -rf "$w"
}
trap cleanup EXIT

if id "$user" >/dev/null 2>&1; then fail "user $user exists (left by an earlier run?); remove it"; fi
useradd -M -d "$w/head" -s /bin/bash "$user"
made_user=1
usermod -p '*' "$user"
mkdir -p "$w"/{sshd,launcher/tmp,server} "$w/head/tmp" "$w/worker/tmp"
for node in head worker; do
  # A login shell (Ray runs `bash --login -c -i`) finds Ray.
  echo "export PATH=$venv/bin:\$PATH" >"$w/$node/.bash_profile"
  chown -R "$user:" "$w/$node"
  chmod 700 "$w/$node"
done

# --- sshd on 127.0.0.1 (head) and 127.0.0.2 (worker) -----------------------------------------
[ -d /run/sshd ] || { mkdir -p /run/sshd; made_run_sshd=1; }
ssh-keygen -q -t ed25519 -N '' -f "$w/sshd/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$w/launcher/id"
cp "$w/launcher/id.pub" "$w/sshd/authorized_keys"
chmod 644 "$w/sshd/authorized_keys"
for node in head worker; do
  ip=127.0.0.1
  [ $node = worker ] && ip=127.0.0.2
  cat >"$w/sshd/$node.conf" <<EOF
ListenAddress $ip:22
HostKey $w/sshd/host_key
PidFile none
AuthorizedKeysFile $w/sshd/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers $user
SetEnv HOME=$w/$node RAY_TMPDIR=$w/$node/tmp RAY_USAGE_STATS_ENABLED=0 RAY_UP_enable_autoscaler_v2=0
EOF
  /usr/sbin/sshd -D -f "$w/sshd/$node.conf" -E "$w/sshd/$node.log" &
  pids+=($!)
done
ssh_head=(ssh -q -i "$w/launcher/id" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
  -o BatchMode=yes "$user@127.0.0.1")
for _ in $(seq 50); do "${ssh_head[@]}" true 2>/dev/null && break; sleep 0.2; done

# --- the private zip and its server ------------------------------------------------------------
mkdir -p "$w/zip/project"
echo 'ORIGIN = "private working_dir"' >"$w/zip/project/ngrc_probe.py"
(cd "$w/zip" && "$venv/bin/python" -m zipfile -c "$w/server/project.zip" project)
login=ngrc
password1="pw1-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
password2="pw2-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s:%s' "$login" "$password1" >"$w/server/cred"
"$venv/bin/python" scripts/ray-cluster/server.py "$w/server/project.zip" "$w/server/cred" \
  "$w/server/log.jsonl" "$w/server/port" &
pids+=($!)
for _ in $(seq 50); do [ -f "$w/server/port" ] && break; sleep 0.1; done
port=$(cat "$w/server/port")
base="http://127.0.0.1:$port"
cp scripts/ray-cluster/job.py "$w/job.py"
chmod 644 "$w/job.py"

# --- the launcher's netrc, in a directory of its own, linked from ~/.netrc --------------------
as_launcher=(env -u NETRC "HOME=$w/launcher")
mkdir -m 700 "$w/launcher/.netrc.d"
ln -s .netrc.d/netrc "$w/launcher/.netrc"
printf '%s\n' "$password1" | "${as_launcher[@]}" "$ng" add 127.0.0.1 --login "$login" --password-stdin

# --- the cluster YAML, then `netrc-guard ray patch` --------------------------------------------
cat >"$cluster" <<EOF
# Two "nodes" on loopback: the head at 127.0.0.1, the worker at 127.0.0.2.
cluster_name: ngrc
provider:
  type: local
  head_ip: 127.0.0.1
  worker_ips: [127.0.0.2]
auth:
  ssh_user: $user
  ssh_private_key: $w/launcher/id
min_workers: 1
max_workers: 1
idle_timeout_minutes: 60
file_mounts: {}
setup_commands: []
head_start_ray_commands:
  - >-
    ray start --head --node-ip-address=127.0.0.1 --port=26379 --ray-client-server-port=26380
    --include-dashboard=false --dashboard-agent-listen-port=26381 --temp-dir=$w/head/rt
    --autoscaling-config=~/ray_bootstrap_config.yaml --num-cpus=1
    --resources='{"ngrc_head": 1}'
worker_start_ray_commands:
  - >-
    ray start --address=127.0.0.1:26379 --node-ip-address=127.0.0.2
    --dashboard-agent-listen-port=26382 --temp-dir=$w/worker/rt --num-cpus=1
    --resources='{"ngrc_worker": 1}'
EOF
"${as_launcher[@]}" "$ng" ray patch "$cluster" --in-place
"${as_launcher[@]}" "$ng" ray patch "$cluster" --in-place 2>&1 | grep -q "nothing changed" \
  || fail "a second ray patch changed the YAML"

up() {
  "${launcher_env[@]}" ray up -y "$@" "$cluster" >>"$w/up.log" 2>&1 \
    || { tail -40 "$w/up.log" >&2; fail "ray up $*"; }
}
job() {
  "${ssh_head[@]}" "$venv/bin/python $w/job.py $*" 2>"$w/job.err" | sed -n 's/^RESULT //p' | tail -1
}
field() { python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2]))" "$@"; }
authorized() { grep -c "\"path\": \"/$1\", \"auth\": \"ok\"" "$w/server/log.jsonl" || true; }

# Waits until the worker's copy is the launcher's netrc (the head re-syncs it).
worker_follows() {
  for _ in $(seq 60); do
    cmp -s "$w/launcher/.netrc.d/netrc" "$w/worker/.netrc.d/netrc" && return 0
    sleep 1
  done
  fail "the worker's netrc did not follow the launcher's"
}

say "ray up (two nodes)"
up
job wait 127.0.0.1:26379 >/dev/null || { cat "$w/job.err" >&2; fail "the worker did not join"; }
say "cluster up after $((SECONDS - started_at))s"

# 1. Both nodes import the private working_dir, each with its own netrc.
r=$(job run 127.0.0.1:26379 "$base" one)
[ "$(field "$r" 'd["head"]["ok"] and d["worker"]["ok"]')" = True ] || { cat "$w/job.err" >&2; fail "job 1: $r"; }
[ "$(field "$r" 'd["head"]["home"], d["worker"]["home"]')" = "('$w/head', '$w/worker')" ] \
  || fail "job 1 ran on the wrong nodes: $r"
[ "$(authorized one-head.zip)" -ge 1 ] && [ "$(authorized one-worker.zip)" -ge 1 ] \
  || fail "the server did not see credentials from both nodes"
nodes1=$(field "$r" 'd["head"]["node"], d["worker"]["node"]')
say "job 1: both nodes imported the private working_dir"

# 2. Rotation: the server's password changes, the netrc follows, ray up -y --no-restart.
printf '%s:%s' "$login" "$password2" >"$w/server/cred"
printf '%s\n' "$password2" | "${as_launcher[@]}" "$ng" add 127.0.0.1 --login "$login" --password-stdin --force
up --no-restart
worker_follows
r=$(job run 127.0.0.1:26379 "$base" two)
[ "$(field "$r" 'd["head"]["ok"] and d["worker"]["ok"]')" = True ] || { cat "$w/job.err" >&2; fail "job 2 after rotation: $r"; }
[ "$(field "$r" 'd["head"]["node"], d["worker"]["node"]')" = "$nodes1" ] || fail "Ray was restarted"
[ "$(authorized two-head.zip)" -ge 1 ] && [ "$(authorized two-worker.zip)" -ge 1 ] \
  || fail "the server did not see the new credentials from both nodes"
say "job 2: after rotation, both nodes (same Ray, not restarted) use the new password"

# 3. Negative control: without the worker's ~/.netrc, the worker gets 401, the head does not.
for node in head worker; do
  [ "$(readlink "$w/$node/.netrc")" = "$w/$node/.netrc.d/netrc" ] || fail "$node: ~/.netrc is not the link"
done
rm "$w/worker/.netrc"
r=$(job run 127.0.0.1:26379 "$base" three)
[ "$(field "$r" 'd["head"]["ok"], d["worker"]["ok"], d["worker"]["401"]')" = "(True, False, True)" ] \
  || { cat "$w/job.err" >&2; fail "negative control: $r"; }
grep -q '"path": "/three-worker.zip", "auth": "none"' "$w/server/log.jsonl" \
  || fail "the server did not see the worker's request without credentials"
say "job 3: without the worker's ~/.netrc, the worker fails with 401 and the head succeeds"

# 4. Modes, owners, and no credential where it does not belong.
for node in head worker; do
  f="$w/$node/.netrc.d/netrc"
  [ "$(stat -c '%a %U' "$f")" = "600 $user" ] || fail "$node: $(stat -c '%a %U' "$f") for the netrc"
done
# The search sees what it looks for: the nodes' netrc files hold the new password.
grep -qF "$password2" "$w/head/.netrc.d/netrc" && grep -qF "$password2" "$w/worker/.netrc.d/netrc" \
  || fail "the nodes' netrc files do not hold the rotated password"
leaks=$(grep -rlaF -e "$password1" -e "$password2" \
  -e "$(printf '%s:%s' "$login" "$password1" | base64)" -e "$(printf '%s:%s' "$login" "$password2" | base64)" \
  --exclude-dir=.netrc.d "$w/head" "$w/worker" "$w/launcher/tmp" "$cluster" "$w/up.log" 2>/dev/null || true)
[ -z "$leaks" ] || fail "credentials in: $leaks"
say "the netrc is 0600 and owned by $user on both nodes; no credential elsewhere in the nodes' homes (Ray temp dirs included), the launcher's Ray temp dir, ray up's output or the YAML"

# 4b. No stale copy: `netrc-guard remove` is what the next `ray up -y --no-restart` sends.
ln -s "$w/worker/.netrc.d/netrc" "$w/worker/.netrc"
chown -h "$user:" "$w/worker/.netrc"
"${as_launcher[@]}" "$ng" remove 127.0.0.1
up --no-restart
worker_follows
r=$(job run 127.0.0.1:26379 "$base" four)
[ "$(field "$r" 'd["head"]["ok"], d["head"]["401"], d["worker"]["ok"], d["worker"]["401"]')" = "(False, True, False, True)" ] \
  || { cat "$w/job.err" >&2; fail "after remove: $r"; }
say "job 4: after netrc-guard remove and ray up --no-restart, both nodes get 401 (no stale copy)"

# 5. What `ray down` leaves behind, removed first as docs/ray-clusters.md says: the workers
# from the head (which knows them, and has their key), then the head.
wipe='for ip in $(ray get-worker-ips ~/ray_bootstrap_config.yaml); do ssh -i ~/ray_bootstrap_key.pem -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "$(whoami)@$ip" "rm -rf ~/.netrc.d ~/.netrc"; done; rm -rf ~/.netrc.d ~/.netrc'
"${launcher_env[@]}" ray exec "$cluster" "$wipe" >"$w/wipe.log" 2>&1 || { tail -20 "$w/wipe.log" >&2; fail "ray exec (the wipe)"; }
for node in head worker; do
  [ ! -e "$w/$node/.netrc.d" ] && [ ! -L "$w/$node/.netrc" ] || fail "$node: the netrc was not removed"
done
say "removed the netrc from both nodes with one ray exec, before ray down"

downed=1
"${launcher_env[@]}" timeout 120 ray down -y "$cluster" >"$w/down.log" 2>&1 || say "ray down failed"
left=$(ps -u "$user" -o comm= | sort | tr '\n' ' ')
say "ray down left these processes of $user, stopped by cleanup: ${left:-none}"
say "PASS in $((SECONDS - started_at))s"
