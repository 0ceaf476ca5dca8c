#!/usr/bin/env python3
"""The binary of a built wheel as a release archive (run by .github/workflows/release.yml).

    scripts/release-binary.py WHEEL_DIR TARGET OUT_DIR

Takes the one netrc_guard wheel in WHEEL_DIR, and writes to OUT_DIR
netrc-guard-VERSION-TARGET.tar.gz (a .zip for a Windows target) holding the binary from the
wheel's scripts directory, LICENSE, README.md and the man page, plus a .sha256 file beside it
in `sha256sum` format. Only the standard library: it runs on every runner as it comes.
"""
import hashlib
import io
import os
import sys
import tarfile
import zipfile


def main(wheel_dir, target, out_dir):
    wheels = [n for n in os.listdir(wheel_dir) if n.startswith("netrc_guard-") and n.endswith(".whl")]
    if len(wheels) != 1:
        sys.exit(f"release-binary: expected one netrc_guard wheel in {wheel_dir}, found {wheels}")
    version = wheels[0].split("-")[1]
    windows = "windows" in target
    exe = "netrc-guard.exe" if windows else "netrc-guard"
    with zipfile.ZipFile(os.path.join(wheel_dir, wheels[0])) as wheel:
        binary = wheel.read(f"netrc_guard-{version}.data/scripts/{exe}")
        page = wheel.read(f"netrc_guard-{version}.data/data/share/man/man1/netrc-guard.1")
    name = f"netrc-guard-{version}-{target}"
    members = [
        (f"{name}/{exe}", binary, 0o755),
        (f"{name}/netrc-guard.1", page, 0o644),
        (f"{name}/LICENSE", open("LICENSE", "rb").read(), 0o644),
        (f"{name}/README.md", open("README.md", "rb").read(), 0o644),
    ]
    os.makedirs(out_dir, exist_ok=True)
    archive = os.path.join(out_dir, name + (".zip" if windows else ".tar.gz"))
    if windows:
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
            for path, data, mode in members:
                info = zipfile.ZipInfo(path)
                info.external_attr = mode << 16
                z.writestr(info, data)
    else:
        with tarfile.open(archive, "w:gz") as t:
            for path, data, mode in members:
                info = tarfile.TarInfo(path)
                info.size, info.mode = len(data), mode
                t.addfile(info, io.BytesIO(data))
    digest = hashlib.sha256(open(archive, "rb").read()).hexdigest()
    with open(archive + ".sha256", "w") as f:
        f.write(f"{digest}  {os.path.basename(archive)}\n")
    print(f"release-binary: {archive} ({os.path.getsize(archive)} bytes), sha256 {digest}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
