"""A PEP 517 build backend that needs nothing installed: it zips the project's packages into
a pure-Python wheel. The consumer tests ship it inside the private projects they serve, so
that pip (and Ray's pip) build a `git+http` requirement without reaching any index; run as a
script, it builds the wheel of the project in the current directory into argv[1]."""

import base64
import hashlib
import os
import re
import sys
import zipfile


def _project():
    with open("pyproject.toml", encoding="utf-8") as f:
        text = f.read()
    name = re.search(r'^name\s*=\s*"([^"]+)"', text, re.M).group(1)
    version = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M).group(1)
    return name, version


def _files():
    """Every file of every top-level package (a directory with __init__.py)."""
    for top in sorted(os.listdir(".")):
        if not os.path.isfile(os.path.join(top, "__init__.py")):
            continue
        for root, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for f in sorted(files):
                yield os.path.join(root, f).replace(os.sep, "/")


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name, version = _project()
    dist = re.sub(r"[-_.]+", "_", name).lower()
    info = f"{dist}-{version}.dist-info"
    contents = [(path, open(path, "rb").read()) for path in _files()]
    contents.append((f"{info}/METADATA", f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()))
    contents.append((f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: tiny_backend\nRoot-Is-Purelib: true\nTag: py3-none-any\n"))
    record = []
    for path, data in contents:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    contents.append((f"{info}/RECORD", ("\n".join(record) + "\n").encode()))
    wheel = f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel), "w") as z:
        for path, data in contents:
            z.writestr(zipfile.ZipInfo(path, (2020, 1, 1, 0, 0, 0)), data)
    return wheel


if __name__ == "__main__":
    print(build_wheel(sys.argv[1]))
