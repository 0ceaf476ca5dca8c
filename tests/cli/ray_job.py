"""The Ray job of tests/cli/ray_e2e.rs: starts a local Ray with the runtime_env in argv[1] (JSON),
whose working_dir, py_modules and pip come from private loopback URIs, and prints (JSON) what
a task imported from each. Ray's files go under argv[2]. Exits 1 when the runtime_env cannot
be set up (as when the credentials are missing)."""

import json
import sys

import ray


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        runtime_env = json.load(f)
    ray.init(
        runtime_env=runtime_env,
        _temp_dir=sys.argv[2],
        _node_ip_address="127.0.0.1",
        include_dashboard=False,
        num_cpus=1,
        log_to_driver=False,
    )

    @ray.remote
    def imported():
        import nrg_git_probe
        import nrg_module_probe
        import nrg_wd_probe

        return {
            "working_dir": nrg_wd_probe.ORIGIN,
            "py_modules": nrg_module_probe.ORIGIN,
            "pip": nrg_git_probe.ORIGIN,
        }

    try:
        print(json.dumps(ray.get(imported.remote(), timeout=600)))
    except ray.exceptions.RuntimeEnvSetupError as e:
        print(f"runtime_env setup failed: {e}", file=sys.stderr)
        sys.exit(1)
    finally:
        ray.shutdown()


if __name__ == "__main__":
    main()
