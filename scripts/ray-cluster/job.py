"""The job for scripts/ray-cluster-e2e.sh, run on the head node as the node user.

`job.py wait ADDRESS`: waits (up to 120 s) until two nodes are alive.
`job.py run ADDRESS BASE_URL TAG`: one task pinned to each node (custom resources
`ngrc_head`, `ngrc_worker`), each with its own private `working_dir` zip
(BASE_URL/TAG-NODE.zip), each importing it. Prints one line `RESULT {json}`: per node, whether
it ran, what it imported, its HOME and node id; for a failure only its kind and whether it
was a 401 (an error's text is not printed)."""
import json
import os
import sys
import time

import ray

mode, address = sys.argv[1], sys.argv[2]
ray.init(address=address, logging_level="ERROR", log_to_driver=False)

if mode == "wait":
    deadline = time.time() + 120
    while sum(n["Alive"] for n in ray.nodes()) < 2:
        if time.time() > deadline:
            sys.exit("the worker did not join in 120 s")
        time.sleep(1)
    print("RESULT " + json.dumps({"nodes": 2}))
    sys.exit(0)

base, tag = sys.argv[3], sys.argv[4]


@ray.remote(num_cpus=0)
def probe():
    import ngrc_probe

    return {
        "origin": ngrc_probe.ORIGIN,
        "home": os.environ.get("HOME"),
        "node": ray.get_runtime_context().get_node_id(),
    }


refs = {
    node: probe.options(
        resources={f"ngrc_{node}": 0.001},
        runtime_env={"working_dir": f"{base}/{tag}-{node}.zip"},
    ).remote()
    for node in ("head", "worker")
}
out = {}
for node, ref in refs.items():
    try:
        out[node] = dict(ok=True, **ray.get(ref, timeout=180))
    except Exception as e:  # reported by kind; the text stays here
        out[node] = {"ok": False, "kind": type(e).__name__, "401": "401" in str(e)}
print("RESULT " + json.dumps(out))
