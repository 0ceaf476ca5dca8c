"""Reads cluster YAMLs as `ray up` does (PyYAML, then prepare_config and validate_config from
ray.autoscaler._private.util) and prints, per file, what the patch must have put there as
JSON: the netrc mount, the setup commands each node runs, and the sync flag. A file Ray
refuses prints {"error": ...}."""
import copy
import json
import sys

import yaml
from ray.autoscaler._private.util import prepare_config, validate_config

out = {}
for path in sys.argv[1:]:
    try:
        with open(path) as f:
            raw = yaml.safe_load(f)
        config = prepare_config(copy.deepcopy(raw))
        validate_config(config)
        out[path] = {
            "file_mounts": config.get("file_mounts"),
            "sync": config.get("file_mounts_sync_continuously"),
            "head_setup_commands": config.get("head_setup_commands"),
            "worker_setup_commands": config.get("worker_setup_commands"),
        }
    except Exception as e:  # the test prints what Ray said
        out[path] = {"error": f"{type(e).__name__}: {e}"}
json.dump(out, sys.stdout)
