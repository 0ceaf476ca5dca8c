"""What Python's netrc and requests read from many netrc files, in one process.

stdin: JSON [[path, [host, ...]], ...]; stdout: JSON, per file
{"netrc": {"error": str|null, "line": int|null, "hosts": {host: [login, account, password]|null}},
 "requests": {host: [login, password]|null}|null}
"""
import json
import netrc
import os
import sys

try:
    import requests.utils
except ImportError:
    requests = None

out = []
for path, hosts in json.load(sys.stdin):
    row = {"netrc": {"error": None, "line": None, "hosts": {}}, "requests": None}
    try:
        n = netrc.netrc(path)
        row["netrc"]["hosts"] = {h: n.authenticators(h) for h in hosts}
    except netrc.NetrcParseError as e:
        row["netrc"]["error"] = e.msg
        row["netrc"]["line"] = e.lineno
    except (UnicodeDecodeError, ValueError) as e:
        row["netrc"]["error"] = type(e).__name__
    if requests is not None:
        os.environ["NETRC"] = path
        row["requests"] = {h: requests.utils.get_netrc_auth(f"http://{h}/") for h in hosts}
    out.append(row)
json.dump(out, sys.stdout)
